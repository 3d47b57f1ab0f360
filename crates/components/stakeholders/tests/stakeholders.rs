//! The stakeholders component through HTTP, on SQLite and PostgreSQL: organisations and their
//! approval, contacts that never leak, search, synergies with reasons, and matches.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use axum::http::Method;
use cospace_core::permissions::MemberRole;
use cospace_testkit::{db_tests, json, Client, TestApp};

const PASSWORD: &str = "a long test password";

fn components() -> Vec<cospace_web::Component> {
    vec![
        cospace_about::component(),
        cospace_stakeholders::component(),
    ]
}

db_tests!(crate::components();
    coordinator_adds_an_organization_that_everyone_sees,
    organizations_register_themselves_and_wait_for_approval,
    organization_admins_edit_only_their_own,
    contacts_never_leak_to_those_who_may_not_see_them,
    search_folds_accents_and_matches_prefixes,
    a_city_includes_its_neighbourhoods,
    synergies_explain_and_matches_close_needs,
    bad_input_is_explained_and_nothing_is_written,
    the_directory_is_paged,
    an_organization_is_listed_in_several_spaces,
);

async fn an_organization_is_listed_in_several_spaces(app: TestApp) {
    let (mut coordinator, _, mut someone) = world(&app).await;
    app.create_space(None, "global", "Global programme").await;
    let org = add_org(
        &mut coordinator,
        "azory",
        "Municipal Social Welfare Centre",
        "",
        "",
    )
    .await;
    let page = coordinator
        .get(&format!("/spaces/azory/stakeholders/organizations/{org}"))
        .await;
    // The coordinator administers Kraków (and Azory through it), not the global programme.
    assert!(page.body.contains("<option value=\"krakow\">"));
    assert!(!page.body.contains("<option value=\"global\">"));
    let listed = coordinator
        .post_form(
            &format!("/spaces/azory/stakeholders/organizations/{org}/list"),
            &[("space", "krakow")],
        )
        .await;
    assert_eq!(listed.status, 303);
    let refused = coordinator
        .post_form(
            &format!("/spaces/azory/stakeholders/organizations/{org}/list"),
            &[("space", "global")],
        )
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(
        someone
            .post_form(
                &format!("/spaces/azory/stakeholders/organizations/{org}/list"),
                &[("space", "krakow")],
            )
            .await
            .status,
        403
    );
    // A member of Azory who administers another space does not speak for the organisation:
    // they may not show it to their own space's readers.
    app.add_member("global", "member@example.org", MemberRole::Admin)
        .await;
    let mut member = app.signed_in("member@example.org", PASSWORD).await;
    let shown = member
        .get(&format!("/spaces/azory/stakeholders/organizations/{org}"))
        .await;
    assert!(!shown.body.contains("<option value=\"global\">"));
    assert_eq!(
        member
            .post_form(
                &format!("/spaces/azory/stakeholders/organizations/{org}/list"),
                &[("space", "global")],
            )
            .await
            .status,
        403
    );
    let city = app
        .client()
        .get(&format!("/spaces/krakow/stakeholders/organizations/{org}"))
        .await;
    assert_eq!(city.status, 200);
    let found = app.client().get("/spaces/krakow/search?q=welfare").await;
    assert!(found.body.contains("1 result"), "{}", found.body);
    assert_eq!(app.count_activity("organization.list").await, 1);
}

async fn the_directory_is_paged(app: TestApp) {
    let (mut coordinator, _, _) = world(&app).await;
    for n in 0..12 {
        add_org(
            &mut coordinator,
            "azory",
            &format!("Organisation {n:02}"),
            "",
            "",
        )
        .await;
    }
    let mut anonymous = app.client();
    let preview = anonymous.get("/spaces/azory/stakeholders").await;
    assert!(preview.body.contains("See all 12 organisations"));
    assert!(preview.body.contains("Organisation 09"));
    assert!(!preview.body.contains("Organisation 10"));
    let all = anonymous
        .get("/spaces/azory/stakeholders?show=organizations")
        .await;
    assert!(all.body.contains("Organisation 11"));
    assert!(all.body.contains("Page 1 of 1") || !all.body.contains("Next page"));
    let sector = anonymous
        .get("/spaces/azory/stakeholders?show=organizations&sector=funder")
        .await;
    assert!(sector.body.contains("No organisations are listed yet."));
}

/// Kraków → Azory, with a coordinator (admin of Kraków), a member and a plain account.
async fn world(app: &TestApp) -> (Client, Client, Client) {
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space(Some("krakow"), "azory", "Azory").await;
    app.create_user("coordinator@example.org", PASSWORD, false)
        .await;
    app.create_user("member@example.org", PASSWORD, false).await;
    app.create_user("someone@example.org", PASSWORD, false)
        .await;
    app.add_member("krakow", "coordinator@example.org", MemberRole::Admin)
        .await;
    app.add_member("azory", "member@example.org", MemberRole::Member)
        .await;
    (
        app.signed_in("coordinator@example.org", PASSWORD).await,
        app.signed_in("member@example.org", PASSWORD).await,
        app.signed_in("someone@example.org", PASSWORD).await,
    )
}

/// Adds an organisation through the form; returns its id.
async fn add_org(client: &mut Client, space: &str, name: &str, lat: &str, lon: &str) -> i64 {
    let response = client
        .post_form(
            &format!("/spaces/{space}/stakeholders/organizations/new"),
            &[
                ("name", name),
                ("sector", "ngo"),
                ("level", "neighbourhood"),
                ("description", &format!("{name} works in Azory")),
                ("languages", "pl"),
                ("sdg_targets", "11.1, 11.3"),
                ("address", "ul. Azory 1, Kraków"),
                ("lat", lat),
                ("lon", lon),
            ],
        )
        .await;
    assert_eq!(response.status, 303, "{}", response.body);
    let location = response.location().unwrap();
    location.rsplit('/').next().unwrap().parse().unwrap()
}

async fn add_item(
    client: &mut Client,
    space: &str,
    org: i64,
    what: &str,
    fields: &[(&str, &str)],
) -> i64 {
    let response = client
        .post_form(
            &format!("/spaces/{space}/stakeholders/organizations/{org}/{what}s"),
            fields,
        )
        .await;
    assert_eq!(response.status, 303, "{}", response.body);
    response
        .location()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn coordinator_adds_an_organization_that_everyone_sees(app: TestApp) {
    let (mut coordinator, _, _) = world(&app).await;
    let form = coordinator
        .get("/spaces/azory/stakeholders/organizations/new")
        .await;
    assert_eq!(form.status, 200);
    let id = add_org(
        &mut coordinator,
        "azory",
        "Centre of Elderly People",
        "50.0866",
        "19.9101",
    )
    .await;
    let mut anonymous = app.client();
    let directory = anonymous.get("/spaces/azory/stakeholders").await;
    assert_eq!(directory.status, 200);
    assert!(directory.body.contains("Centre of Elderly People"));
    let page = anonymous
        .get(&format!("/spaces/azory/stakeholders/organizations/{id}"))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("11.1, 11.3"));
    // Anonymous visitors may read but not add.
    let refused = anonymous
        .get("/spaces/azory/stakeholders/organizations/new")
        .await;
    assert_eq!(refused.status, 303);
    assert_eq!(app.count_activity("organization.add").await, 1);
}

async fn organizations_register_themselves_and_wait_for_approval(app: TestApp) {
    let (mut coordinator, _, mut someone) = world(&app).await;
    let id = add_org(
        &mut someone,
        "azory",
        "Children Friends Society",
        "50.0871",
        "19.9088",
    )
    .await;
    // Pending: not listed publicly, but its registrant sees it.
    let mut anonymous = app.client();
    assert!(!anonymous
        .get("/spaces/azory/stakeholders")
        .await
        .body
        .contains("Children Friends Society"));
    let path = format!("/spaces/azory/stakeholders/organizations/{id}");
    assert_eq!(anonymous.get(&path).await.status, 404);
    let own = someone.get(&path).await;
    assert_eq!(own.status, 200);
    assert!(own.body.contains("waiting for a space administrator"));
    // Resources wait for the approval too.
    let early = someone
        .post_form(
            &format!("{path}/resources"),
            &[("kind", "venue"), ("title", "Playroom")],
        )
        .await;
    assert_eq!(early.status, 422);
    assert!(early.body.contains("must be approved first"));
    // The coordinator was told, and approves.
    let notifications = coordinator.get("/account/notifications").await;
    assert!(notifications
        .body
        .contains("Children Friends Society asks to be listed in Azory"));
    assert!(notifications.body.contains("Notifications (1 new)"));
    assert_eq!(
        someone
            .post_form(&format!("{path}/approve"), &[])
            .await
            .status,
        403
    );
    assert_eq!(
        coordinator
            .post_form(&format!("{path}/approve"), &[])
            .await
            .status,
        303
    );
    assert!(anonymous
        .get("/spaces/azory/stakeholders")
        .await
        .body
        .contains("Children Friends Society"));
    assert!(someone
        .get("/account/notifications")
        .await
        .body
        .contains("Children Friends Society is now listed in Azory"));
    add_item(
        &mut someone,
        "azory",
        id,
        "resource",
        &[("kind", "venue"), ("title", "Playroom")],
    )
    .await;
}

async fn organization_admins_edit_only_their_own(app: TestApp) {
    let (mut coordinator, _, mut someone) = world(&app).await;
    let own = add_org(&mut someone, "azory", "Seniors' Club", "", "").await;
    let other = add_org(&mut coordinator, "azory", "Local Activity Point", "", "").await;
    coordinator
        .post_form(
            &format!("/spaces/azory/stakeholders/organizations/{own}/approve"),
            &[],
        )
        .await;
    let edit = |id: i64| format!("/spaces/azory/stakeholders/organizations/{id}/edit");
    let fields = [
        ("name", "Renamed"),
        ("sector", "grassroots"),
        ("languages", "pl"),
    ];
    assert_eq!(someone.get(&edit(own)).await.status, 200);
    assert_eq!(someone.post_form(&edit(own), &fields).await.status, 303);
    assert_eq!(someone.get(&edit(other)).await.status, 403);
    let refused = someone.post_form(&edit(other), &fields).await;
    assert_eq!(refused.status, 403);
    let page = app
        .client()
        .get(&format!("/spaces/azory/stakeholders/organizations/{other}"))
        .await;
    assert!(page.body.contains("Local Activity Point"));
    let contact = someone
        .post_form(
            &format!("/spaces/azory/stakeholders/organizations/{other}/contacts"),
            &[("person", "Intruder"), ("visibility", "public")],
        )
        .await;
    assert_eq!(contact.status, 403);
}

async fn contacts_never_leak_to_those_who_may_not_see_them(app: TestApp) {
    let (mut coordinator, mut member, mut someone) = world(&app).await;
    let org = add_org(
        &mut coordinator,
        "azory",
        "Local Activity Point",
        "50.0866",
        "19.9101",
    )
    .await;
    let contacts = format!("/spaces/azory/stakeholders/organizations/{org}/contacts");
    for (person, email, visibility) in [
        ("Public Paula", "paula@example.org", "public"),
        ("Member Marek", "marek@example.org", "members"),
        ("Admin Agata", "agata@example.org", "admins"),
    ] {
        let response = coordinator
            .post_form(
                &contacts,
                &[
                    ("person", person),
                    ("email", email),
                    ("phone", "+48 12 345 67 89"),
                    ("visibility", visibility),
                ],
            )
            .await;
        assert_eq!(response.status, 303, "{}", response.body);
    }
    let page = format!("/spaces/azory/stakeholders/organizations/{org}");
    let channels = [
        page.clone(),
        "/api/v1/spaces/azory/organizations".to_owned(),
        "/api/v1/spaces/krakow/organizations".to_owned(),
        "/spaces/azory/search?q=marek".to_owned(),
        "/spaces/azory/search?q=agata".to_owned(),
        "/api/v1/spaces/azory/search?q=agata".to_owned(),
        "/spaces/azory/stakeholders".to_owned(),
    ];
    let mut anonymous = app.client();
    for (client, sees_members, sees_admins) in [
        (&mut anonymous, false, false),
        (&mut someone, false, false),
        (&mut member, true, false),
        (&mut coordinator, true, true),
    ] {
        for channel in &channels {
            let body = client.get(channel).await.body;
            if !sees_members {
                assert!(
                    !body.contains("marek@example.org") && !body.contains("Member Marek"),
                    "{channel}"
                );
            }
            if !sees_admins {
                assert!(
                    !body.contains("agata@example.org") && !body.contains("Admin Agata"),
                    "{channel}"
                );
            }
        }
        let body = client.get(&page).await.body;
        assert!(body.contains("paula@example.org"));
        assert_eq!(body.contains("marek@example.org"), sees_members);
        assert_eq!(body.contains("agata@example.org"), sees_admins);
    }
    // Through the API with a token, the caller's role decides the same way.
    let token = app.api_token("member@example.org").await;
    let api = app
        .client()
        .api(
            Method::GET,
            "/api/v1/spaces/azory/organizations",
            Some(&token),
            None,
        )
        .await;
    let body = api.body;
    assert!(body.contains("marek@example.org") && !body.contains("agata@example.org"));
}

async fn search_folds_accents_and_matches_prefixes(app: TestApp) {
    let (mut coordinator, _, _) = world(&app).await;
    let seniors = add_org(&mut coordinator, "azory", "Centrum Seniora Azory", "", "").await;
    let school = add_org(&mut coordinator, "azory", "Szkoła Podstawowa nr 7", "", "").await;
    add_item(
        &mut coordinator,
        "azory",
        school,
        "resource",
        &[
            ("kind", "venue"),
            ("title", "Sala gimnastyczna"),
            ("description", "Duża sala dla 80 osób"),
            ("capacity", "80"),
        ],
    )
    .await;
    add_item(
        &mut coordinator,
        "azory",
        seniors,
        "need",
        &[
            ("kind", "knowledge"),
            ("title", "Wyjazd do Łodzi"),
            ("description", "Wycieczka seniorów do Łódź Kaliska"),
        ],
    )
    .await;
    let mut client = app.client();
    let cases = [
        ("senior", vec!["Centrum Seniora Azory", "Wyjazd do Łodzi"]),
        ("sala", vec!["Sala gimnastyczna"]),
        ("Łódź", vec!["Wyjazd do Łodzi"]),
        ("lodz", vec!["Wyjazd do Łodzi"]),
        ("SZKOŁA", vec!["Szkoła Podstawowa nr 7"]),
        ("sala 80", vec!["Sala gimnastyczna"]),
    ];
    for (query, expected) in cases {
        let response = client
            .api(
                Method::GET,
                &format!("/api/v1/spaces/azory/search?q={}", urlencode(query)),
                None,
                None,
            )
            .await;
        let titles: Vec<String> = response
            .json()
            .as_array()
            .unwrap_or_else(|| panic!("{query}: {}", response.body))
            .iter()
            .map(|h| h["title"].as_str().unwrap().to_owned())
            .collect();
        for title in expected {
            assert!(titles.contains(&title.to_owned()), "{query}: {titles:?}");
        }
    }
    // Nothing for words that are not there, and an empty query is not an error.
    let none = client.get("/spaces/azory/search?q=zzzz").await;
    assert!(none.body.contains("Nothing found."));
    assert_eq!(client.get("/spaces/azory/search?q=").await.status, 200);
    // Search looks into the spaces inside, not outside.
    let city = client.get("/spaces/krakow/search?q=sala").await;
    assert!(city.body.contains("Sala gimnastyczna"));
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn a_city_includes_its_neighbourhoods(app: TestApp) {
    let (mut coordinator, _, _) = world(&app).await;
    add_org(
        &mut coordinator,
        "azory",
        "Board of Green City Spaces",
        "",
        "",
    )
    .await;
    app.create_space_with(Some("krakow"), "hidden-estate", "Hidden estate", "private")
        .await;
    add_org(
        &mut coordinator,
        "hidden-estate",
        "Hidden Housing Association",
        "",
        "",
    )
    .await;
    let mut anonymous = app.client();
    let city = anonymous.get("/spaces/krakow/stakeholders").await;
    assert!(city.body.contains("Board of Green City Spaces"));
    assert!(!city.body.contains("Hidden Housing Association"));
    let coordinator_view = coordinator.get("/spaces/krakow/stakeholders").await;
    assert!(coordinator_view.body.contains("Hidden Housing Association"));
    let neighbourhood = anonymous.get("/spaces/azory/stakeholders").await;
    assert!(neighbourhood.body.contains("Board of Green City Spaces"));
}

async fn synergies_explain_and_matches_close_needs(app: TestApp) {
    let (mut coordinator, mut member, mut someone) = world(&app).await;
    let seniors = add_org(
        &mut coordinator,
        "azory",
        "Seniors' Club",
        "50.0866",
        "19.9101",
    )
    .await;
    let school = add_org(&mut someone, "azory", "School 7", "50.0880", "19.9120").await;
    coordinator
        .post_form(
            &format!("/spaces/azory/stakeholders/organizations/{school}/approve"),
            &[],
        )
        .await;
    let hall = add_item(
        &mut someone,
        "azory",
        school,
        "resource",
        &[
            ("kind", "venue"),
            ("title", "School hall for club meetings"),
            ("capacity", "80"),
            ("lat", "50.0880"),
            ("lon", "19.9120"),
        ],
    )
    .await;
    let need = add_item(
        &mut coordinator,
        "azory",
        seniors,
        "need",
        &[
            ("kind", "venue"),
            ("title", "Room for the seniors club meetings"),
            ("capacity", "30"),
            ("urgency", "high"),
            ("lat", "50.0866"),
            ("lon", "19.9101"),
        ],
    )
    .await;
    // The hall's page lists the need it could meet, with the reasons.
    let hall_page = member
        .get(&format!("/spaces/azory/stakeholders/resources/{hall}"))
        .await;
    assert!(hall_page
        .body
        .contains("Room for the seniors club meetings"));
    assert!(hall_page.body.contains("capacity fits (80 for 30)"));
    // A resource of the club itself is never proposed for its own need.
    add_item(
        &mut coordinator,
        "azory",
        seniors,
        "resource",
        &[("kind", "venue"), ("title", "Club room")],
    )
    .await;
    let synergies = member.get("/spaces/azory/stakeholders/synergies").await;
    assert_eq!(synergies.status, 200);
    assert!(synergies.body.contains("School hall for club meetings"));
    assert!(!synergies.body.contains(">Club room<"));
    for reason in [
        "same kind: Venue or room",
        "m away",
        "words in common: club, meetings",
        "capacity fits (80 for 30)",
    ] {
        assert!(synergies.body.contains(reason), "{reason}");
    }
    let api = member
        .api(
            Method::GET,
            &format!("/api/v1/spaces/azory/synergies?need={need}"),
            None,
            None,
        )
        .await;
    let first = &api.json()[0]["suggestions"][0];
    assert_eq!(first["resource"]["id"], hall);
    assert!(first["score"].as_f64().unwrap() > 70.0);
    assert_eq!(first["reasons"][0]["reason"], "same_kind");
    // Proposing the club's own room for its own need is refused.
    let own_room = member
        .api(Method::GET, "/api/v1/spaces/azory/resources", None, None)
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == "Club room")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let refused = member
        .post_form(
            "/spaces/azory/stakeholders/matches",
            &[
                ("need", &need.to_string()),
                ("resource", &own_room.to_string()),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("cannot be proposed for its own need"));
    // Through the API, the state refusing a well-formed proposal is a 409 naming the field,
    // whether what it names forbids it or does not exist.
    let token = app.api_token("member@example.org").await;
    let conflict = member
        .api(
            Method::POST,
            "/api/v1/spaces/azory/matches",
            Some(&token),
            Some(json!({"need": need, "resource": own_room})),
        )
        .await;
    assert_eq!(conflict.status, 409, "{}", conflict.body);
    assert_eq!(conflict.json()["errors"][0]["field"], "resource");
    assert_eq!(
        conflict.json()["errors"][0]["code"],
        "error-match-own-organization"
    );
    let missing = member
        .api(
            Method::POST,
            "/api/v1/spaces/azory/matches",
            Some(&token),
            Some(json!({"need": 987_654_321, "resource": hall})),
        )
        .await;
    assert_eq!(missing.status, 409, "{}", missing.body);
    assert_eq!(missing.json()["errors"][0]["field"], "need");
    // A plain signed-in account may not propose; a member may.
    let fields = [("need", need.to_string()), ("resource", hall.to_string())];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        someone
            .post_form("/spaces/azory/stakeholders/matches", &fields)
            .await
            .status,
        403
    );
    let proposed = member
        .post_form("/spaces/azory/stakeholders/matches", &fields)
        .await;
    assert_eq!(proposed.status, 303);
    assert_eq!(
        member
            .post_form("/spaces/azory/stakeholders/matches", &fields)
            .await
            .status,
        422
    );
    // Both sides were told: the school's admin, and (the club has no admins) the coordinator.
    for client in [&mut someone, &mut coordinator] {
        let notes = client.get("/account/notifications").await;
        assert!(notes.body.contains("A match is proposed"), "{}", notes.body);
    }
    let matches = member
        .api(Method::GET, "/api/v1/spaces/azory/matches", None, None)
        .await
        .json();
    let match_id = matches[0]["id"].as_i64().unwrap();
    assert_eq!(matches[0]["status"], "proposed");
    // The member cannot answer for either side; the school accepts its side.
    assert_eq!(
        member
            .post_form(
                &format!("/spaces/azory/stakeholders/matches/{match_id}/accept"),
                &[]
            )
            .await
            .status,
        403
    );
    someone
        .post_form(
            &format!("/spaces/azory/stakeholders/matches/{match_id}/accept"),
            &[],
        )
        .await;
    let state = member
        .api(Method::GET, "/api/v1/spaces/azory/matches", None, None)
        .await
        .json();
    assert_eq!(
        (state[0]["status"].as_str(), state[0]["offer_side"].as_str()),
        (Some("proposed"), Some("accepted"))
    );
    // The coordinator answers for the club: accepted, and the need is met.
    coordinator
        .post_form(
            &format!("/spaces/azory/stakeholders/matches/{match_id}/accept"),
            &[],
        )
        .await;
    let needs = member
        .api(
            Method::GET,
            "/api/v1/spaces/azory/needs?status=met",
            None,
            None,
        )
        .await
        .json();
    assert_eq!(needs[0]["id"], need);
    let synergies = member.get("/spaces/azory/stakeholders/synergies").await;
    assert!(!synergies
        .body
        .contains("Room for the seniors club meetings"));
    let done = someone
        .post_form(
            &format!("/spaces/azory/stakeholders/matches/{match_id}/done"),
            &[],
        )
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(app.count_activity("match.propose").await, 1);
    assert_eq!(app.count_activity("match.done").await, 1);
    let again = someone
        .post_form(
            &format!("/spaces/azory/stakeholders/matches/{match_id}/decline"),
            &[],
        )
        .await;
    assert_eq!(again.status, 422);
}

async fn bad_input_is_explained_and_nothing_is_written(app: TestApp) {
    let (mut coordinator, _, _) = world(&app).await;
    let new = "/spaces/azory/stakeholders/organizations/new";
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[
                ("name", "X"),
                ("sector", "ngo"),
                ("lat", "119.9"),
                ("lon", "50.08"),
            ],
            "latitude and longitude may be swapped",
        ),
        (
            &[
                ("name", "X"),
                ("sector", "ngo"),
                ("lat", "95"),
                ("lon", "200"),
            ],
            "Latitude must be between -90 and 90.",
        ),
        (
            &[("name", "X"), ("sector", "aliens")],
            "Choose one of the options.",
        ),
        (
            &[
                ("name", "X"),
                ("sector", "ngo"),
                ("website", "javascript:alert(1)"),
            ],
            "starting with http:// or https://",
        ),
        (
            &[("name", "X"), ("sector", "ngo"), ("sdg_targets", "99.9")],
            "Use SDG targets like 11.1",
        ),
    ];
    for (fields, message) in cases {
        let response = coordinator.post_form(new, fields).await;
        assert_eq!(response.status, 422, "{fields:?}");
        assert!(response.body.contains(message), "{message}");
    }
    let org = add_org(&mut coordinator, "azory", "Housing Association", "", "").await;
    let path = format!("/spaces/azory/stakeholders/organizations/{org}");
    let bad_contact = coordinator
        .post_form(
            &format!("{path}/contacts"),
            &[("person", "Ann"), ("email", "not-an-email")],
        )
        .await;
    assert_eq!(bad_contact.status, 422);
    assert!(bad_contact
        .body
        .contains("Enter an e-mail address like name@example.org."));
    let bad_item = coordinator
        .post_form(
            &format!("{path}/needs"),
            &[("kind", "spaceship"), ("title", "X"), ("capacity", "-1")],
        )
        .await;
    assert_eq!(bad_item.status, 422);
    assert!(bad_item
        .body
        .contains("Enter a whole number from 1 upwards."));
    let api = coordinator
        .api(
            Method::POST,
            "/api/v1/spaces/azory/organizations",
            Some(&app.api_token("coordinator@example.org").await),
            Some(json!({"name": "Y", "sector": "ngo", "lat": 119.9, "lon": 50.0})),
        )
        .await;
    assert_eq!(api.status, 422);
    assert_eq!(api.json()["errors"][0]["code"], "error-coordinates-swapped");
    let organizations = coordinator
        .api(
            Method::GET,
            "/api/v1/spaces/azory/organizations",
            None,
            None,
        )
        .await
        .json();
    assert_eq!(organizations.as_array().unwrap().len(), 1);
    assert_eq!(
        coordinator
            .api(Method::GET, "/api/v1/spaces/azory/needs", None, None)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        0
    );
}
