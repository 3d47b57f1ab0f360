//! Nested spaces, members, components and the activity log, through the pages people use —
//! including the role × action table over HTTP.

use crate::PASSWORD;
use cospace_core::permissions::MemberRole;
use cospace_store::{activity, spaces};
use cospace_testkit::{db_tests, TestApp};

db_tests!(cospace::components();
    platform_admin_creates_nested_spaces_with_breadcrumbs,
    space_form_rejects_bad_input_and_writes_nothing,
    only_platform_admins_create_top_level_spaces,
    private_spaces_are_hidden_from_outsiders,
    space_admins_manage_members,
    components_are_enabled_per_space,
    roles_and_actions_over_http,
    activity_log_is_chained_and_append_only,
    editing_a_space_is_logged,
);

fn space_fields<'a>(title: &'a str, slug: &'a str, kind: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("slug", slug),
        ("kind", kind),
        ("description", "A place of co-creation"),
        ("languages", "pl"),
        ("languages", "en"),
        ("visibility", "public"),
    ]
}

async fn platform_admin_creates_nested_spaces_with_breadcrumbs(app: TestApp) {
    app.create_user("admin@example.org", PASSWORD, true).await;
    let mut admin = app.signed_in("admin@example.org", PASSWORD).await;
    assert_eq!(admin.get("/spaces/new").await.status, 200);
    let created = admin
        .post_form("/spaces/new", &space_fields("Kraków", "krakow", "city"))
        .await;
    assert_eq!(created.status, 303, "{}", created.body);
    assert_eq!(created.location(), Some("/spaces/krakow"));
    let page = admin.get("/spaces/krakow").await;
    assert!(page.body.contains("The space has been created."));
    let child = admin
        .post_form(
            "/spaces/krakow/new",
            &space_fields("Azory", "azory", "neighbourhood"),
        )
        .await;
    assert_eq!(child.status, 303, "{}", child.body);
    let mut anonymous = app.client();
    let page = anonymous.get("/spaces/azory").await;
    assert_eq!(page.status, 200);
    let crumbs = &page.body[page.body.find("breadcrumbs").unwrap()..];
    let krakow = crumbs.find("/spaces/krakow").unwrap();
    let azory = crumbs.find("/spaces/azory").unwrap();
    assert!(
        krakow < azory,
        "Kraków comes before Azory in the breadcrumbs"
    );
    let tree = anonymous.get("/spaces").await;
    assert!(tree.body.contains("depth-1"));
    let space = spaces::space_by_slug(app.db(), "azory").await.unwrap();
    assert_eq!(space.languages, "en,pl");
    assert_eq!(app.count_activity("space.create").await, 2);
    // The about component is on by default, with its page and the members directory.
    assert_eq!(anonymous.get("/spaces/azory/about").await.status, 200);
    assert_eq!(
        anonymous.get("/spaces/azory/about/members").await.status,
        200
    );
}

async fn space_form_rejects_bad_input_and_writes_nothing(app: TestApp) {
    app.create_user("admin@example.org", PASSWORD, true).await;
    app.create_space(None, "krakow", "Kraków").await;
    let mut admin = app.signed_in("admin@example.org", PASSWORD).await;
    let before = spaces::all_spaces(app.db()).await.unwrap().len();
    let cases = [
        (
            space_fields("Azory", "Azory Estate", "neighbourhood"),
            "Use lower-case letters",
        ),
        (
            space_fields("Azory", "azory estate", "neighbourhood"),
            "Use lower-case letters",
        ),
        (
            space_fields("Azory", "krakow", "neighbourhood"),
            "This is already taken.",
        ),
        (
            space_fields("", "azory", "neighbourhood"),
            "This field is required.",
        ),
        (
            space_fields("Azory", "azory", "planet"),
            "Choose one of the options.",
        ),
    ];
    for (fields, message) in cases {
        let response = admin.post_form("/spaces/new", &fields).await;
        assert_eq!(response.status, 422, "{fields:?}");
        assert!(response.body.contains(message), "{message}");
        assert!(response.body.contains("aria-invalid=\"true\""));
    }
    let no_language = admin
        .post_form(
            "/spaces/new",
            &[("title", "Azory"), ("slug", "azory"), ("kind", "city")],
        )
        .await;
    assert_eq!(no_language.status, 422);
    assert_eq!(spaces::all_spaces(app.db()).await.unwrap().len(), before);
    // An unknown space is a 404 page.
    let missing = admin.get("/spaces/no-such-space").await;
    assert_eq!(missing.status, 404);
    assert!(missing.content_type().starts_with("text/html"));
}

async fn only_platform_admins_create_top_level_spaces(app: TestApp) {
    app.create_user("ana@example.org", PASSWORD, false).await;
    let mut ana = app.signed_in("ana@example.org", PASSWORD).await;
    assert_eq!(ana.get("/spaces/new").await.status, 403);
    let response = ana
        .post_form("/spaces/new", &space_fields("Mine", "mine", "city"))
        .await;
    assert_eq!(response.status, 403);
    let mut anonymous = app.client();
    let response = anonymous.get("/spaces/new").await;
    assert_eq!(response.status, 303);
    assert_eq!(
        response.location(),
        Some("/account/sign-in?next=%2Fspaces%2Fnew")
    );
    assert!(spaces::all_spaces(app.db()).await.unwrap().is_empty());
}

async fn private_spaces_are_hidden_from_outsiders(app: TestApp) {
    app.create_space_with(None, "leaders", "Local leaders", "private")
        .await;
    app.create_user("member@example.org", PASSWORD, false).await;
    app.create_user("outsider@example.org", PASSWORD, false)
        .await;
    app.add_member("leaders", "member@example.org", MemberRole::Member)
        .await;
    let mut anonymous = app.client();
    assert_eq!(anonymous.get("/spaces/leaders").await.status, 404);
    assert!(!anonymous
        .get("/spaces")
        .await
        .body
        .contains("Local leaders"));
    let mut outsider = app.signed_in("outsider@example.org", PASSWORD).await;
    assert_eq!(outsider.get("/spaces/leaders").await.status, 404);
    assert_eq!(
        outsider.get("/spaces/leaders/about/members").await.status,
        404
    );
    let mut member = app.signed_in("member@example.org", PASSWORD).await;
    assert_eq!(member.get("/spaces/leaders").await.status, 200);
    assert!(member.get("/spaces").await.body.contains("Local leaders"));
    let members = member.get("/spaces/leaders/about/members").await;
    assert_eq!(members.status, 200);
    assert!(members.body.contains("member"));
    // Members see names, not e-mail addresses.
    assert!(!members.body.contains("member@example.org"));
}

async fn space_admins_manage_members(app: TestApp) {
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space(Some("krakow"), "azory", "Azory").await;
    app.create_user("coordinator@example.org", PASSWORD, false)
        .await;
    app.create_user("resident@example.org", PASSWORD, false)
        .await;
    app.add_member("krakow", "coordinator@example.org", MemberRole::Admin)
        .await;
    // Administration flows down the tree: Kraków's admin manages Azory.
    let mut coordinator = app.signed_in("coordinator@example.org", PASSWORD).await;
    let page = coordinator.get("/spaces/azory/admin/members").await;
    assert_eq!(page.status, 200);
    let unknown = coordinator
        .post_form(
            "/spaces/azory/admin/members",
            &[("email", "ghost@example.org"), ("role", "member")],
        )
        .await;
    assert_eq!(unknown.status, 422);
    assert!(unknown.body.contains("No account has this e-mail address."));
    let added = coordinator
        .post_form(
            "/spaces/azory/admin/members",
            &[("email", "resident@example.org"), ("role", "member")],
        )
        .await;
    assert_eq!(added.status, 303);
    let azory = spaces::space_by_slug(app.db(), "azory").await.unwrap();
    let members = spaces::members(app.db(), azory.id()).await.unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].role, "member");
    let user_id = members[0].user_id;
    let promoted = coordinator
        .post_form(
            &format!("/spaces/azory/admin/members/{user_id}/role"),
            &[("role", "admin")],
        )
        .await;
    assert_eq!(promoted.status, 303);
    assert_eq!(
        spaces::members(app.db(), azory.id()).await.unwrap()[0].role,
        "admin"
    );
    let removed = coordinator
        .post_form(
            &format!("/spaces/azory/admin/members/{user_id}/remove"),
            &[],
        )
        .await;
    assert_eq!(removed.status, 303);
    assert!(spaces::members(app.db(), azory.id())
        .await
        .unwrap()
        .is_empty());
    assert_eq!(app.count_activity("member.add").await, 2);
    assert_eq!(app.count_activity("member.role").await, 1);
    assert_eq!(app.count_activity("member.remove").await, 1);
}

async fn components_are_enabled_per_space(app: TestApp) {
    app.create_user("admin@example.org", PASSWORD, true).await;
    app.create_space(None, "azory", "Azory").await;
    let mut admin = app.signed_in("admin@example.org", PASSWORD).await;
    assert_eq!(admin.get("/spaces/azory/about").await.status, 200);
    let page = admin.get("/spaces/azory/admin/components").await;
    assert!(page.body.contains("value=\"about\""));
    let off = admin.post_form("/spaces/azory/admin/components", &[]).await;
    assert_eq!(off.status, 303);
    assert_eq!(admin.get("/spaces/azory/about").await.status, 404);
    assert!(!admin
        .get("/spaces/azory")
        .await
        .body
        .contains("/spaces/azory/about\""));
    let on = admin
        .post_form("/spaces/azory/admin/components", &[("components", "about")])
        .await;
    assert_eq!(on.status, 303);
    assert_eq!(admin.get("/spaces/azory/about").await.status, 200);
    let unknown = admin
        .post_form(
            "/spaces/azory/admin/components",
            &[("components", "teleport")],
        )
        .await;
    assert_eq!(unknown.status, 400);
    // Every component enabled by default was switched off once: about, calendar, stakeholders.
    assert_eq!(app.count_activity("component.disable").await, 3);
    assert_eq!(app.count_activity("component.enable").await, 1);
}

/// Each role against each space page, over HTTP. Columns: anonymous, signed-in, member,
/// space admin, platform admin; `200` allowed, `303` sent to sign in, `403` refused.
async fn roles_and_actions_over_http(app: TestApp) {
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space(Some("krakow"), "azory", "Azory").await;
    for (email, admin) in [
        ("signed@example.org", false),
        ("member@example.org", false),
        ("spaceadmin@example.org", false),
        ("platform@example.org", true),
    ] {
        app.create_user(email, PASSWORD, admin).await;
    }
    app.add_member("azory", "member@example.org", MemberRole::Member)
        .await;
    app.add_member("azory", "spaceadmin@example.org", MemberRole::Admin)
        .await;
    let mut clients = vec![app.client()];
    for email in [
        "signed@example.org",
        "member@example.org",
        "spaceadmin@example.org",
        "platform@example.org",
    ] {
        clients.push(app.signed_in(email, PASSWORD).await);
    }
    let table: &[(&str, [u16; 5])] = &[
        ("/spaces/azory", [200, 200, 200, 200, 200]),
        ("/spaces/azory/about", [200, 200, 200, 200, 200]),
        ("/spaces/azory/about/members", [200, 200, 200, 200, 200]),
        ("/spaces/azory/edit", [303, 403, 403, 200, 200]),
        ("/spaces/azory/new", [303, 403, 403, 200, 200]),
        ("/spaces/azory/admin", [303, 403, 403, 200, 200]),
        ("/spaces/azory/admin/members", [303, 403, 403, 200, 200]),
        ("/spaces/azory/admin/components", [303, 403, 403, 200, 200]),
        ("/spaces/azory/admin/activity", [303, 403, 403, 200, 200]),
        ("/spaces/krakow/edit", [303, 403, 403, 403, 200]),
        ("/spaces/new", [303, 403, 403, 403, 200]),
    ];
    for (path, expected) in table {
        for (client, want) in clients.iter_mut().zip(expected) {
            let got = client.get(path).await.status.as_u16();
            assert_eq!(got, *want, "{path} for client {}", client.ip);
        }
    }
    // Writes follow the same rules: a member cannot edit.
    let member = &mut clients[2];
    let response = member
        .post_form(
            "/spaces/azory/edit",
            &space_fields("Hijacked", "azory", "city"),
        )
        .await;
    assert_eq!(response.status, 403);
    assert_eq!(
        spaces::space_by_slug(app.db(), "azory")
            .await
            .unwrap()
            .title,
        "Azory"
    );
}

async fn activity_log_is_chained_and_append_only(app: TestApp) {
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space(Some("krakow"), "azory", "Azory").await;
    app.create_user("ana@example.org", PASSWORD, false).await;
    app.add_member("azory", "ana@example.org", MemberRole::Member)
        .await;
    let (checked, broken) = activity::verify(app.db()).await.unwrap();
    assert!(checked >= 3);
    assert_eq!(broken, None);
    // The database itself refuses to change or delete entries.
    let mut tx = app.db().begin().await.unwrap();
    let update = cospace_store::with_tx!(tx, |conn| sqlx::query(
        "UPDATE activity_log SET action = 'forged'"
    )
    .execute(&mut *conn)
    .await
    .map(|_| ()));
    assert!(update.is_err());
    drop(tx);
    let mut tx = app.db().begin().await.unwrap();
    let delete = cospace_store::with_tx!(tx, |conn| sqlx::query("DELETE FROM activity_log")
        .execute(&mut *conn)
        .await
        .map(|_| ()));
    assert!(delete.is_err());
    drop(tx);
    // A space admin reads the space's log.
    app.create_user("admin@example.org", PASSWORD, true).await;
    let mut admin = app.signed_in("admin@example.org", PASSWORD).await;
    let page = admin.get("/spaces/azory/admin/activity").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Member added"));
    assert!(page.body.contains("Space created"));
}

async fn editing_a_space_is_logged(app: TestApp) {
    app.create_user("admin@example.org", PASSWORD, true).await;
    app.create_space(None, "krakow", "Kraków").await;
    let mut admin = app.signed_in("admin@example.org", PASSWORD).await;
    let form = admin.get("/spaces/krakow/edit").await;
    assert!(form.body.contains("value=\"Kraków\""));
    let saved = admin
        .post_form(
            "/spaces/krakow/edit",
            &space_fields("Kraków city", "krakow-city", "city"),
        )
        .await;
    assert_eq!(saved.status, 303);
    assert_eq!(saved.location(), Some("/spaces/krakow-city"));
    assert_eq!(admin.get("/spaces/krakow").await.status, 404);
    let log = activity::for_space(
        app.db(),
        spaces::space_by_slug(app.db(), "krakow-city")
            .await
            .unwrap()
            .id(),
        None,
        10,
    )
    .await
    .unwrap();
    let update = log.iter().find(|e| e.action == "space.update").unwrap();
    assert!(update
        .details
        .contains("\"slug\":{\"from\":\"krakow\",\"to\":\"krakow-city\"}"));
    assert_eq!(update.actor_name.as_deref(), Some("admin"));
}
