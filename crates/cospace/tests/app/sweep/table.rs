//! What every role gets from every route: one line per route and method.
//!
//! Each string has one letter per role, in this order: anonymous, outsider (signed in, no
//! membership), member, organisation admin, parent admin (admin of the space above), platform
//! admin. `Y` allowed (for a write: passed the permission check), `s` asked to sign in, `f`
//! forbidden, `n` not found. The organisation admin registered an organisation in each space and
//! a parent admin approved it; to register in the private space they had to be its member, so
//! in the private column they are a member too.
//!
//! Before changing a letter, read the permission tables (`crates/core/src/permissions.rs`,
//! `crates/components/*/src/permissions.rs`): a letter that disagrees with them is a defect to
//! fix in the code, not in this table.

/// Routes of a space: (method, path, private space, public space).
#[rustfmt::skip]
pub const IN_SPACES: &[(&str, &str, &str, &str)] = &[
    // A space's own pages: reading follows visibility, the rest is for space admins.
    ("GET",    "/spaces/{slug}",                                                           "nnYYYY", "YYYYYY"),
    ("GET",    "/spaces/{slug}/admin",                                                     "nnffYY", "sfffYY"),
    ("GET",    "/spaces/{slug}/admin/activity",                                            "nnffYY", "sfffYY"),
    ("GET",    "/spaces/{slug}/admin/components",                                          "nnffYY", "sfffYY"),
    ("POST",   "/spaces/{slug}/admin/components",                                          "nnffYY", "sfffYY"),
    ("GET",    "/spaces/{slug}/admin/members",                                             "nnffYY", "sfffYY"),
    ("POST",   "/spaces/{slug}/admin/members",                                             "nnffYY", "sfffYY"),
    ("POST",   "/spaces/{slug}/admin/members/{user_id}/remove",                            "nnffYY", "sfffYY"),
    ("POST",   "/spaces/{slug}/admin/members/{user_id}/role",                              "nnffYY", "sfffYY"),
    ("GET",    "/spaces/{slug}/edit",                                                      "nnffYY", "sfffYY"),
    ("POST",   "/spaces/{slug}/edit",                                                      "nnffYY", "sfffYY"),
    ("GET",    "/spaces/{slug}/new",                                                       "nnffYY", "sfffYY"),
    ("POST",   "/spaces/{slug}/new",                                                       "nnffYY", "sfffYY"),

    // The platform's API for a space.
    ("GET",    "/api/v1/spaces/{slug}",                                                    "nnYYYY", "YYYYYY"),
    // Writes ask for a token before they look at the space: 401, even where the space is hidden.
    ("PATCH",  "/api/v1/spaces/{slug}",                                                    "snffYY", "sfffYY"),
    ("GET",    "/api/v1/spaces/{slug}/members",                                            "nnYYYY", "YYYYYY"),
    ("PUT",    "/api/v1/spaces/{slug}/members",                                            "snffYY", "sfffYY"),
    ("DELETE", "/api/v1/spaces/{slug}/members/{user_id}",                                  "snffYY", "sfffYY"),

    // about.
    ("GET",    "/spaces/{slug}/about",                                                     "nnYYYY", "YYYYYY"),
    ("GET",    "/spaces/{slug}/about/members",                                             "nnYYYY", "YYYYYY"),
    ("GET",    "/api/v1/spaces/{slug}/about",                                              "nnYYYY", "YYYYYY"),

    // stakeholders: organisations, contacts, resources, needs, matches.
    ("GET",    "/spaces/{slug}/map.geojson",                                               "nnYYYY", "YYYYYY"),
    ("GET",    "/spaces/{slug}/popolo.json",                                               "nnYYYY", "YYYYYY"),
    ("GET",    "/spaces/{slug}/search",                                                    "nnYYYY", "YYYYYY"),
    ("GET",    "/spaces/{slug}/stakeholders",                                              "nnYYYY", "YYYYYY"),
    ("GET",    "/spaces/{slug}/stakeholders.csv",                                          "nnYYYY", "YYYYYY"),
    ("GET",    "/spaces/{slug}/stakeholders/import",                                       "nnffYY", "sfffYY"),
    ("POST",   "/spaces/{slug}/stakeholders/import",                                       "nnffYY", "sfffYY"),
    ("GET",    "/spaces/{slug}/stakeholders/map",                                          "nnYYYY", "YYYYYY"),
    ("GET",    "/spaces/{slug}/stakeholders/matches",                                      "nnYYYY", "YYYYYY"),
    ("POST",   "/spaces/{slug}/stakeholders/matches",                                      "nnYYYY", "sfYfYY"),
    ("POST",   "/spaces/{slug}/stakeholders/matches/{id}/{decision}",                      "nnfYYY", "sffYYY"),
    ("GET",    "/spaces/{slug}/stakeholders/needs/{id}",                                   "nnYYYY", "YYYYYY"),
    ("GET",    "/spaces/{slug}/stakeholders/organizations/new",                            "nnYYYY", "sYYYYY"),
    ("POST",   "/spaces/{slug}/stakeholders/organizations/new",                            "nnYYYY", "sYYYYY"),
    ("GET",    "/spaces/{slug}/stakeholders/organizations/{id}",                           "nnYYYY", "YYYYYY"),
    ("POST",   "/spaces/{slug}/stakeholders/organizations/{id}/approve",                   "nnffYY", "sfffYY"),
    ("POST",   "/spaces/{slug}/stakeholders/organizations/{id}/contacts",                  "nnfYYY", "sffYYY"),
    ("POST",   "/spaces/{slug}/stakeholders/organizations/{id}/contacts/{contact}/delete", "nnfYYY", "sffYYY"),
    ("GET",    "/spaces/{slug}/stakeholders/organizations/{id}/edit",                      "nnfYYY", "sffYYY"),
    ("POST",   "/spaces/{slug}/stakeholders/organizations/{id}/edit",                      "nnfYYY", "sffYYY"),
    // Listing elsewhere is for those who speak for the organisation here and administer the
    // other space (here, the parent).
    ("POST",   "/spaces/{slug}/stakeholders/organizations/{id}/list",                      "nnffYY", "sfffYY"),
    ("POST",   "/spaces/{slug}/stakeholders/organizations/{id}/needs",                     "nnfYYY", "sffYYY"),
    ("POST",   "/spaces/{slug}/stakeholders/organizations/{id}/resources",                 "nnfYYY", "sffYYY"),
    ("GET",    "/spaces/{slug}/stakeholders/resources/{id}",                               "nnYYYY", "YYYYYY"),
    ("GET",    "/spaces/{slug}/stakeholders/synergies",                                    "nnYYYY", "YYYYYY"),

    // The stakeholders API.
    ("GET",    "/api/v1/spaces/{slug}/matches",                                            "nnYYYY", "YYYYYY"),
    ("POST",   "/api/v1/spaces/{slug}/matches",                                            "snYYYY", "sfYfYY"),
    ("GET",    "/api/v1/spaces/{slug}/needs",                                              "nnYYYY", "YYYYYY"),
    ("GET",    "/api/v1/spaces/{slug}/organizations",                                      "nnYYYY", "YYYYYY"),
    ("POST",   "/api/v1/spaces/{slug}/organizations",                                      "snYYYY", "sYYYYY"),
    ("GET",    "/api/v1/spaces/{slug}/resources",                                          "nnYYYY", "YYYYYY"),
    ("GET",    "/api/v1/spaces/{slug}/search",                                             "nnYYYY", "YYYYYY"),
    ("GET",    "/api/v1/spaces/{slug}/synergies",                                          "nnYYYY", "YYYYYY"),

    // calendar.
    ("GET",    "/spaces/{slug}/calendar",                                                  "nnYYYY", "YYYYYY"),
    ("GET",    "/spaces/{slug}/calendar.ics",                                              "nnYYYY", "YYYYYY"),
    ("GET",    "/spaces/{slug}/calendar/actions",                                          "nnYYYY", "YYYYYY"),
    ("POST",   "/spaces/{slug}/calendar/actions/{item}",                                   "nnfYYY", "sffYYY"),
    ("POST",   "/spaces/{slug}/calendar/clash-check",                                      "nnYYYY", "sYYYYY"),
    ("GET",    "/spaces/{slug}/calendar/coordination",                                     "nnYYYY", "YYYYYY"),
    ("GET",    "/spaces/{slug}/calendar/events/new",                                       "nnYYYY", "sYYYYY"),
    // Planning names an organisation (the form's `organizers`): naming one that is not one's own
    // is a field error (422), as it is through the API, so those rows show only the space's rule.
    ("POST",   "/spaces/{slug}/calendar/events/new",                                       "nnYYYY", "sYYYYY"),
    ("GET",    "/spaces/{slug}/calendar/events/{id}",                                      "nnYYYY", "YYYYYY"),
    ("GET",    "/spaces/{slug}/calendar/events/{id}/actions",                              "nnYYYY", "YYYYYY"),
    ("POST",   "/spaces/{slug}/calendar/events/{id}/cancel",                               "nnfYYY", "sffYYY"),
    ("GET",    "/spaces/{slug}/calendar/events/{id}/edit",                                 "nnfYYY", "sffYYY"),
    ("POST",   "/spaces/{slug}/calendar/events/{id}/edit",                                 "nnfYYY", "sffYYY"),
    ("POST",   "/spaces/{slug}/calendar/events/{id}/invite",                               "nnfYYY", "sffYYY"),
    ("POST",   "/spaces/{slug}/calendar/events/{id}/join",                                 "nnfYYY", "sffYYY"),
    ("GET",    "/spaces/{slug}/calendar/events/{id}/meetings",                             "nnYYYY", "YYYYYY"),
    ("GET",    "/spaces/{slug}/calendar/events/{id}/meetings/{occurrence}",                "nnYYYY", "YYYYYY"),
    ("POST",   "/spaces/{slug}/calendar/events/{id}/meetings/{occurrence}",                "nnfYYY", "sffYYY"),
    ("POST",   "/spaces/{slug}/calendar/events/{id}/occurrences/{occurrence}",             "nnfYYY", "sffYYY"),
    ("GET",    "/spaces/{slug}/calendar/import",                                           "nnYYYY", "sYYYYY"),
    ("POST",   "/spaces/{slug}/calendar/import",                                           "nnYYYY", "sYYYYY"),
    ("GET",    "/spaces/{slug}/calendar/indicators",                                       "nnYYYY", "YYYYYY"),
    ("GET",    "/spaces/{slug}/calendar/indicators.csv",                                   "nnYYYY", "YYYYYY"),
    ("POST",   "/spaces/{slug}/calendar/my-feed",                                          "nnYYYY", "sYYYYY"),
    ("GET",    "/spaces/{slug}/calendar/organizations/{file}",                             "nnYYYY", "YYYYYY"),

    // The calendar API.
    ("GET",    "/api/v1/spaces/{slug}/action-items",                                       "nnYYYY", "YYYYYY"),
    ("PATCH",  "/api/v1/spaces/{slug}/action-items/{id}",                                  "snfYYY", "sffYYY"),
    ("GET",    "/api/v1/spaces/{slug}/clashes",                                            "nnYYYY", "YYYYYY"),
    ("GET",    "/api/v1/spaces/{slug}/events",                                             "nnYYYY", "YYYYYY"),
    ("POST",   "/api/v1/spaces/{slug}/events",                                             "snYYYY", "sYYYYY"),
    ("GET",    "/api/v1/spaces/{slug}/events/{id}",                                        "nnYYYY", "YYYYYY"),
    ("GET",    "/api/v1/spaces/{slug}/events/{id}/meetings",                               "nnYYYY", "YYYYYY"),
    ("GET",    "/api/v1/spaces/{slug}/indicators",                                         "nnYYYY", "YYYYYY"),
];

/// Routes outside any space: (method, path, every role).
#[rustfmt::skip]
pub const OUTSIDE: &[(&str, &str, &str)] = &[
    // Home, the tree of spaces, top-level spaces, language.
    ("GET",    "/",                           "YYYYYY"),
    ("POST",   "/language",                   "YYYYYY"),
    ("GET",    "/spaces",                     "YYYYYY"),
    ("GET",    "/spaces/new",                 "sffffY"),
    ("POST",   "/spaces/new",                 "sffffY"),

    // Accounts: pages for whoever is signed in; signing in and up for anyone.
    ("GET",    "/account",                    "sYYYYY"),
    // A confirmation link answers by its secret alone; one never sent is not found for anyone.
    ("GET",    "/account/confirm/{token}",    "nnnnnn"),
    ("POST",   "/account/confirm/{token}",    "nnnnnn"),
    ("GET",    "/account/notifications",      "sYYYYY"),
    ("POST",   "/account/notifications/read", "sYYYYY"),
    ("POST",   "/account/password",           "sYYYYY"),
    ("GET",    "/account/sign-in",            "YYYYYY"),
    // Empty forms to sign in or up get their field errors (422), whoever sends them.
    ("POST",   "/account/sign-in",            "YYYYYY"),
    ("POST",   "/account/sign-out",           "YYYYYY"),
    ("GET",    "/account/sign-up",            "YYYYYY"),
    ("POST",   "/account/sign-up",            "YYYYYY"),
    ("POST",   "/account/tokens",             "sYYYYY"),
    ("POST",   "/account/tokens/{id}/revoke", "snnnnn"), // another's token: as if there were none

    // The API outside spaces.
    ("GET",    "/api/openapi.json",           "YYYYYY"),
    ("GET",    "/api/v1/me",                  "sYYYYY"),
    ("GET",    "/api/v1/spaces",              "YYYYYY"),
    ("POST",   "/api/v1/spaces",              "sffffY"),

    // Feeds behind a secret address, assets, operations.
    ("GET",    "/assets/{component}/{file}",  "YYYYYY"),
    ("GET",    "/assets/{file}",              "YYYYYY"),
    ("GET",    "/calendar/feeds/{file}",      "YYYYYY"), // the address is the secret
    ("GET",    "/healthz",                    "YYYYYY"),
    ("GET",    "/metrics",                    "YYYYYY"), // open by design (README): route patterns and counts only
    ("GET",    "/readyz",                     "YYYYYY"),
];
