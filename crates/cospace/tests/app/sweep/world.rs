//! The sweep's world: a public city with a private and a public neighbourhood, the six roles,
//! and in each neighbourhood one of every object a route can name (an organisation with a
//! contact, a resource and a need, a proposed match, a recurring meeting with an action item),
//! so that a filled-in path reaches its handler's permission check rather than a missing row.

use crate::PASSWORD;
use cospace_core::permissions::MemberRole;
use cospace_core::stakeholders::{ContactDraft, ContactVisibility, OrganizationDraft, Sector};
use cospace_core::{SpaceId, UserId};
use cospace_stakeholders::store::{self as stakeholders, LinkStatus};
use cospace_testkit::{json, Client, TestApp, Value};

/// The roles, in the order of the table's columns.
pub const ROLES: [&str; 6] = [
    "anonymous",
    "outsider",
    "member",
    "organisation admin",
    "parent admin",
    "platform admin",
];

/// The first roles, who may not see the private space: anonymous and the outsider.
pub const STRANGERS: usize = 2;

/// The spaces, in the order of the table's columns.
pub const SPACES: [&str; 2] = ["private", "public"];

const CITY: &str = "city";
const SLUGS: [&str; 2] = ["closed", "open"];
/// The word that names everything in each space: no answer to someone who may not see the
/// private space may contain its word.
const WORDS: [&str; 2] = [PRIVATE_WORD, "Sunnyside"];
pub const PRIVATE_WORD: &str = "Quietwood";
/// The public spaces where the private space's objects are asked for: its parent and its
/// public sibling.
pub const ELSEWHERE: [&str; 2] = [CITY, SLUGS[1]];
/// One occurrence of the recurring meeting planned in each space.
const OCCURRENCE: &str = "20260113T170000";

/// A signed-in person: the browser session, and a personal API token.
pub struct Person {
    pub web: Client,
    pub token: String,
}

/// What exists in one neighbourhood.
struct Objects {
    slug: &'static str,
    id: SpaceId,
    organization: i64,
    resource: i64,
    need: i64,
    matched: i64,
    event: i64,
    item: i64,
}

pub struct World {
    /// `None` for the anonymous visitor.
    pub people: Vec<Option<Person>>,
    pub anonymous: Client,
    spaces: Vec<Objects>,
    /// A member of both neighbourhoods and no role of the table: whom the member routes name.
    bystander: UserId,
    bystander_token: i64,
    feed: String,
}

fn email(role: &str) -> String {
    format!("{}@example.org", role.replace(' ', "-"))
}

impl World {
    pub async fn build(app: &TestApp) -> World {
        app.create_space(None, CITY, "City").await;
        let titles = WORDS.map(|word| format!("{word} estate"));
        app.create_space_with(Some(CITY), SLUGS[0], &titles[0], "private")
            .await;
        app.create_space(Some(CITY), SLUGS[1], &titles[1]).await;
        for role in &ROLES[1..] {
            app.create_user(&email(role), PASSWORD, *role == "platform admin")
                .await;
        }
        let bystander = app
            .create_user("bystander@example.org", PASSWORD, false)
            .await;
        app.add_member(CITY, &email("parent admin"), MemberRole::Admin)
            .await;
        for slug in SLUGS {
            app.add_member(slug, &email("member"), MemberRole::Member)
                .await;
            app.add_member(slug, "bystander@example.org", MemberRole::Member)
                .await;
        }
        // Registering in a private space takes seeing it: the organisation admin is a member
        // there, and only signed in in the public one.
        app.add_member(SLUGS[0], &email("organisation admin"), MemberRole::Member)
            .await;
        let mut people = vec![None];
        for role in &ROLES[1..] {
            people.push(Some(Person {
                web: app.signed_in(&email(role), PASSWORD).await,
                token: app.api_token(&email(role)).await,
            }));
        }
        let mut world = World {
            people,
            anonymous: app.client(),
            spaces: Vec::new(),
            bystander,
            bystander_token: bystander_token(app, bystander).await,
            feed: cospace_calendar::feeds::renew(&app.state, bystander)
                .await
                .expect("feed"),
        };
        for (slug, word) in SLUGS.into_iter().zip(WORDS) {
            let objects = world.objects(app, slug, word).await;
            world.spaces.push(objects);
        }
        world
    }

    fn web(&mut self, role: &str) -> &mut Client {
        let index = ROLES.iter().position(|r| *r == role).expect("role");
        &mut self.people[index].as_mut().expect("signed in").web
    }

    async fn objects(&mut self, app: &TestApp, slug: &'static str, word: &str) -> Objects {
        let base = format!("/spaces/{slug}/stakeholders");
        let organization = created(
            self.web("organisation admin"),
            &format!("{base}/organizations/new"),
            &[
                ("name", &format!("{word} club")),
                ("sector", "ngo"),
                ("languages", "pl"),
            ],
        )
        .await;
        let approved = self
            .web("parent admin")
            .post_form(&format!("{base}/organizations/{organization}/approve"), &[])
            .await;
        assert_eq!(approved.status, 303, "{}", approved.body);
        let managed = created(
            self.web("parent admin"),
            &format!("{base}/organizations/new"),
            &[
                ("name", &format!("{word} centre")),
                ("sector", "ngo"),
                ("languages", "pl"),
            ],
        )
        .await;
        let resource = created(
            self.web("organisation admin"),
            &format!("{base}/organizations/{organization}/resources"),
            &[("kind", "venue"), ("title", &format!("{word} hall"))],
        )
        .await;
        let need = created(
            self.web("parent admin"),
            &format!("{base}/organizations/{managed}/needs"),
            &[("kind", "venue"), ("title", &format!("{word} room"))],
        )
        .await;
        let proposed = self
            .web("member")
            .post_form(
                &format!("{base}/matches"),
                &[
                    ("need", &need.to_string()),
                    ("resource", &resource.to_string()),
                ],
            )
            .await;
        assert_eq!(proposed.status, 303, "{}", proposed.body);
        let event = created(
            self.web("organisation admin"),
            &format!("/spaces/{slug}/calendar/events/new"),
            &event_fields(word, false)
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .chain([("organizers", organization.to_string().as_str())])
                .collect::<Vec<_>>(),
        )
        .await;
        let organization_field = organization.to_string();
        let recorded = self
            .web("organisation admin")
            .post_form(
                &format!("/spaces/{slug}/calendar/events/{event}/meetings/{OCCURRENCE}"),
                &[
                    ("part", "action"),
                    ("title", &format!("{word} application")),
                    ("owner", &organization_field),
                    ("due_date", "2026-02-28"),
                ],
            )
            .await;
        assert_eq!(recorded.status, 303, "{}", recorded.body);
        Objects {
            slug,
            id: cospace_store::spaces::space_by_slug(app.db(), slug)
                .await
                .expect("space")
                .id(),
            organization,
            resource,
            need,
            matched: last_id(app, "matches").await,
            event,
            item: last_id(app, "calendar_action_items").await,
        }
    }

    /// `pattern` with every `{parameter}` filled in, in `space` (an index of [`SPACES`]) when
    /// the route is a space's. Each parameter is named by the segment before it.
    pub fn path(&self, pattern: &str, space: Option<usize>) -> String {
        self.fill(pattern, space.map(|s| &self.spaces[s]), None)
    }

    /// `pattern` filled in with the private space's objects, but asked in the space `slug`.
    pub fn path_elsewhere(&self, pattern: &str, slug: &str) -> String {
        self.fill(pattern, Some(&self.spaces[0]), Some(slug))
    }

    fn fill(&self, pattern: &str, objects: Option<&Objects>, slug: Option<&str>) -> String {
        let mut previous = "";
        let mut segments = Vec::new();
        for segment in pattern.split('/') {
            let value = if !segment.starts_with('{') {
                segment.to_owned()
            } else if let (Some(slug), "{slug}") = (slug, segment) {
                slug.to_owned()
            } else if pattern.ends_with("/approve") && previous == "organizations" {
                // Approving takes an organisation still waiting: a fresh one for each attempt.
                "{pending}".to_owned()
            } else {
                self.value(previous, segment, objects).unwrap_or_else(|| {
                    panic!("no value for {segment} in {pattern}: add one to sweep/world.rs")
                })
            };
            previous = segment;
            segments.push(value);
        }
        segments.join("/")
    }

    fn value(&self, after: &str, parameter: &str, objects: Option<&Objects>) -> Option<String> {
        let global = match (after, parameter) {
            ("assets", "{file}") => Some(
                cospace_web::assets::url("app.css")
                    .trim_start_matches("/assets/")
                    .to_owned(),
            ),
            ("assets", "{component}") => Some("calendar".to_owned()),
            ("{component}", "{file}") => Some("calendar.js".to_owned()),
            ("feeds", "{file}") => Some(format!("{}.ics", self.feed)),
            ("tokens", "{id}") => Some(self.bystander_token.to_string()),
            // The link's secret is the only authority, whoever follows it: one never sent.
            ("confirm", "{token}") => Some("a-link-no-one-was-sent".to_owned()),
            _ => None,
        };
        if global.is_some() {
            return global;
        }
        let o = objects?;
        let id = match (after, parameter) {
            ("spaces", "{slug}") => return Some(o.slug.to_owned()),
            ("members", "{user_id}") => self.bystander.0,
            ("organizations", "{id}") => o.organization,
            ("organizations", "{file}") => return Some(format!("{}.ics", o.organization)),
            ("resources", "{id}") => o.resource,
            ("needs", "{id}") => o.need,
            ("matches", "{id}") => o.matched,
            ("{id}", "{decision}") => return Some("accept".to_owned()),
            ("events", "{id}") => o.event,
            ("occurrences" | "meetings", "{occurrence}") => return Some(OCCURRENCE.to_owned()),
            ("actions", "{item}") | ("action-items", "{id}") => o.item,
            // A fresh contact for each attempt: deleting it is the route's point.
            ("contacts", "{contact}") => return Some("{contact}".to_owned()),
            _ => return None,
        };
        Some(id.to_string())
    }

    /// Puts back what an earlier attempt at `path` may have removed, so each role meets the
    /// same world: the bystander's membership, a contact to delete, an organisation to approve.
    pub async fn prepare(&self, app: &TestApp, path: String, space: Option<usize>) -> String {
        let Some(space) = space else { return path };
        let o = &self.spaces[space];
        let (slug, id, organization) = (o.slug, o.id, o.organization);
        if path.contains(&format!("/members/{}", self.bystander.0)) {
            app.add_member(slug, "bystander@example.org", MemberRole::Member)
                .await;
        }
        if path.contains("{pending}") {
            let pending = waiting_organization(app, id).await;
            return path.replace("{pending}", &pending.to_string());
        }
        if path.contains("{contact}") {
            let contact = contact_to_delete(app, organization).await;
            return path.replace("{contact}", &contact.to_string());
        }
        path
    }

    /// The form posted to `pattern`: the least that reaches the route's own permission check
    /// — naming the organisation when the check is about it — and leaves the world usable for
    /// the rows after it. Empty for most routes.
    pub fn form(&self, pattern: &str, space: Option<usize>) -> Vec<(&'static str, String)> {
        let own = space.map(|s| self.spaces[s].organization.to_string());
        let own = own.unwrap_or_default();
        match pattern.rsplit_once("/{slug}") {
            Some((_, "/admin/components")) => cospace::components()
                .iter()
                .map(|component| ("components", component.key.to_owned()))
                .collect(),
            Some((_, "/calendar/events/new" | "/calendar/events/{id}/edit")) => {
                let word = space.map_or("", |s| WORDS[s]);
                let mut fields = event_fields(word, pattern.ends_with("/new"));
                fields.push(("organizers", own));
                fields
            }
            Some((_, "/calendar/events/{id}/join")) => vec![("organization", own)],
            Some((_, "/calendar/events/{id}/occurrences/{occurrence}")) => {
                vec![("change", "restore".to_owned())]
            }
            Some((_, "/calendar/events/{id}/meetings/{occurrence}")) => {
                vec![("part", "people".to_owned()), ("people", "12".to_owned())]
            }
            Some((_, "/calendar/actions/{item}")) => vec![("status", "in_progress".to_owned())],
            Some((_, "/stakeholders/organizations/{id}/list")) => {
                vec![("space", CITY.to_owned())]
            }
            _ if pattern == "/language" => vec![("lang", "en".to_owned())],
            _ => Vec::new(),
        }
    }

    /// The JSON sent to an API route that takes one: well-formed, so that the answer is the
    /// handler's and not the JSON parser's.
    pub fn body(&self, pattern: &str, space: Option<usize>) -> Value {
        let o = space.map(|s| &self.spaces[s]);
        match pattern {
            "/api/v1/spaces" => {
                json!({"title": "", "slug": "", "kind": "city", "languages": []})
            }
            "/api/v1/spaces/{slug}/members" => {
                json!({"email": "bystander@example.org", "role": "member"})
            }
            "/api/v1/spaces/{slug}/organizations" => json!({"name": "", "sector": "ngo"}),
            "/api/v1/spaces/{slug}/matches" => match o {
                Some(o) => json!({"need": o.need, "resource": o.resource}),
                None => json!({}),
            },
            "/api/v1/spaces/{slug}/events" => {
                let mut event: serde_json::Map<String, Value> = event_fields("", true)
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), Value::String(v)))
                    .collect();
                event.insert("audiences".into(), json!(["adults"]));
                event.insert(
                    "organizers".into(),
                    json!([o.map(|o| o.organization.to_string())]),
                );
                Value::Object(event)
            }
            "/api/v1/spaces/{slug}/action-items/{id}" => json!({"status": "in_progress"}),
            _ => json!({}),
        }
    }
}

/// The fields of the recurring meeting planned in the space of `word`; a new one elsewhere in
/// time, without the word.
fn event_fields(word: &str, new: bool) -> Vec<(&'static str, String)> {
    let title = if new {
        "Meeting of local leaders".to_owned()
    } else {
        format!("{word} leaders meeting")
    };
    let mut fields = vec![
        ("title", title.as_str()),
        ("kind", "meeting"),
        ("time_zone", "Europe/Warsaw"),
        ("start_time", "17:00"),
        ("end_time", "19:00"),
    ];
    if new {
        fields.push(("start_date", "2026-03-20"));
    } else {
        fields.extend([
            ("start_date", "2026-01-13"),
            ("repeat", "monthly_weekday"),
            ("repeat_ends", "count"),
            ("repeat_count", "5"),
            ("audiences", "adults"),
        ]);
    }
    fields.into_iter().map(|(k, v)| (k, v.to_owned())).collect()
}

/// A contact of `organization`, through the store (requests in between would be counted as
/// the sweep's own).
async fn contact_to_delete(app: &TestApp, organization: i64) -> i64 {
    let draft = ContactDraft {
        person: "Someone to delete".into(),
        role: String::new(),
        email: None,
        phone: None,
        visibility: ContactVisibility::Public,
    };
    let mut tx = app.db().begin().await.expect("begin");
    let id = stakeholders::add_contact(&mut tx, organization, &draft)
        .await
        .expect("contact");
    tx.commit().await.expect("commit");
    id.0
}

/// An organisation registered in `space` and waiting for approval.
async fn waiting_organization(app: &TestApp, space: SpaceId) -> i64 {
    let draft = OrganizationDraft {
        name: "Waiting association".into(),
        sector: Sector::Ngo,
        level: None,
        description: String::new(),
        website: None,
        languages: vec![],
        sdg_targets: vec![],
        address: String::new(),
        location: None,
    };
    let mut tx = app.db().begin().await.expect("begin");
    let id = stakeholders::create_organization(&mut tx, &draft, None)
        .await
        .expect("organisation");
    stakeholders::link_organization(&mut tx, id, space, LinkStatus::Pending)
        .await
        .expect("link");
    tx.commit().await.expect("commit");
    id
}

/// Posts a form that creates something; the id of what it created, from where it redirects.
async fn created(client: &mut Client, path: &str, fields: &[(&str, &str)]) -> i64 {
    let response = client.post_form(path, fields).await;
    assert_eq!(response.status, 303, "{path}: {}", response.body);
    let location = response.location().expect("a redirect");
    let last = location.split(['?', '#']).next().unwrap_or(location);
    last.rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{path} redirected to {location}"))
}

async fn last_id(app: &TestApp, table: &str) -> i64 {
    let query = format!("SELECT MAX(id) FROM {table}");
    cospace_store::with_db!(app.db(), |pool| sqlx::query_scalar(&query)
        .fetch_one(pool)
        .await)
    .expect("an id")
}

async fn bystander_token(app: &TestApp, user: UserId) -> i64 {
    let mut tx = app.db().begin().await.expect("begin");
    let token = cospace_store::accounts::create_api_token(&mut tx, user, "bystander")
        .await
        .expect("token");
    tx.commit().await.expect("commit");
    token.id
}
