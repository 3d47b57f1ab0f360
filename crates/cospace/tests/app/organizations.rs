//! Organisations as the platform keeps them (`cospace_store::organizations`), on a server that
//! runs no component but `about`: the tables exist without the stakeholders component, and
//! every operation components use (register, list in spaces, approve, admins, names, which may
//! act in a space) reads back what it wrote, with typed ids and statuses.

use cospace_core::stakeholders::{OrganizationDraft, Sector};
use cospace_core::{ListingStatus, OrganizationId, SpaceId};
use cospace_store::organizations;
use cospace_store::Db;
use cospace_testkit::{db_tests, Backend, TestApp};

db_tests!(vec![cospace_about::component()];
    organisations_live_in_the_platform,
    who_may_act_in_a_space_follows_listings_and_visibility,
    the_organisation_tables_are_the_same_with_or_without_stakeholders,
);

fn draft(name: &str) -> OrganizationDraft {
    OrganizationDraft {
        name: name.into(),
        sector: Sector::Ngo,
        level: None,
        description: "Neighbours helping neighbours".into(),
        website: None,
        languages: vec![],
        sdg_targets: vec![],
        address: "os. Azory 1, Kraków".into(),
        location: None,
    }
}

async fn space(app: &TestApp, parent: Option<&str>, slug: &str) -> SpaceId {
    app.create_space(parent, slug, slug).await.id()
}

async fn organisations_live_in_the_platform(app: TestApp) {
    let db = app.db();
    let azory = space(&app, None, "azory").await;
    let other = space(&app, None, "nowa-huta").await;
    let admin = app
        .create_user("lap@example.org", "a long test password", false)
        .await;

    let mut tx = db.begin().await.unwrap();
    let lap = organizations::create(&mut tx, &draft("Local Activity Point"), Some(admin))
        .await
        .unwrap();
    let club = organizations::create(&mut tx, &draft("Seniors Club"), None)
        .await
        .unwrap();
    organizations::list_in(&mut tx, lap, azory, ListingStatus::Approved)
        .await
        .unwrap();
    organizations::list_in(&mut tx, club, azory, ListingStatus::Pending)
        .await
        .unwrap();
    organizations::add_admin(&mut tx, lap, admin).await.unwrap();
    // Adding an admin twice changes nothing.
    organizations::add_admin(&mut tx, lap, admin).await.unwrap();
    tx.commit().await.unwrap();

    let read = organizations::get(db, lap).await.unwrap();
    assert_eq!(read.name, "Local Activity Point");
    assert_eq!(read.organization_id(), lap);
    assert!(matches!(
        organizations::get(db, OrganizationId(lap.0 + club.0 + 100)).await,
        Err(cospace_store::StoreError::NotFound)
    ));
    assert_eq!(
        organizations::listing_status(db, club, azory)
            .await
            .unwrap(),
        Some(ListingStatus::Pending)
    );
    assert_eq!(
        organizations::listing_status(db, club, other)
            .await
            .unwrap(),
        None
    );

    // Readers of a space see approved organisations; its admins the pending ones too.
    let approved = organizations::listed_in(db, &[azory], false).await.unwrap();
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0].organization.id, lap.0);
    assert_eq!(approved[0].status, ListingStatus::Approved);
    let all = organizations::listed_in(db, &[azory], true).await.unwrap();
    assert_eq!(
        all.iter().map(|l| l.status).collect::<Vec<_>>(),
        [ListingStatus::Approved, ListingStatus::Pending]
    );
    let (page, total) = organizations::listed_by_name(db, &[azory], true, Some("ngo"), 1, 1)
        .await
        .unwrap();
    assert_eq!((page.len(), total), (1, 2));
    assert_eq!(page[0].organization.name, "Seniors Club");
    let first_page = organizations::listed_page(db, &[azory], true, 0, 1)
        .await
        .unwrap();
    assert_eq!(first_page.len(), 1);
    assert_eq!(
        organizations::spaces_with_listings(db, &[azory, other])
            .await
            .unwrap(),
        [azory]
    );

    // Approving, and listing elsewhere.
    let mut tx = db.begin().await.unwrap();
    organizations::list_in(&mut tx, club, azory, ListingStatus::Approved)
        .await
        .unwrap();
    organizations::list_in(&mut tx, club, other, ListingStatus::Approved)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        organizations::approved_spaces(db, club).await.unwrap(),
        [azory, other]
    );

    // Admins, names and unknown ids.
    assert_eq!(organizations::admins(db, lap).await.unwrap(), [admin]);
    assert!(organizations::is_admin(db, lap, admin).await.unwrap());
    assert!(!organizations::is_admin(db, club, admin).await.unwrap());
    let mine = organizations::administered_by(db, admin).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].organization_id(), lap);
    let mut tx = db.begin().await.unwrap();
    let accounts = organizations::admin_accounts(&mut tx, lap).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].1, "lap@example.org");
    let names = organizations::names(db, &[lap.0, club.0, 999_999])
        .await
        .unwrap();
    assert_eq!(names.len(), 2);
    assert_eq!(names[&club.0], "Seniors Club");
    assert_eq!(
        organizations::unknown(db, &[999_999, lap.0]).await.unwrap(),
        [999_999]
    );
    assert!(organizations::changed_at(db, &[lap.0])
        .await
        .unwrap()
        .contains_key(&lap.0));
    assert_eq!(organizations::name(db, club).await.unwrap(), "Seniors Club");

    // Editing keeps the id and changes the record.
    let mut tx = db.begin().await.unwrap();
    organizations::update(&mut tx, lap, &draft("Local Activity Point Azory"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        organizations::name(db, lap).await.unwrap(),
        "Local Activity Point Azory"
    );
}

async fn who_may_act_in_a_space_follows_listings_and_visibility(app: TestApp) {
    let db = app.db();
    let city = space(&app, None, "krakow").await;
    let district = space(&app, Some("krakow"), "azory").await;
    let hidden = app
        .create_space_with(Some("krakow"), "hidden", "Hidden", "private")
        .await
        .id();
    let mut tx = db.begin().await.unwrap();
    let here = organizations::create(&mut tx, &draft("Here"), None)
        .await
        .unwrap();
    let above = organizations::create(&mut tx, &draft("Above"), None)
        .await
        .unwrap();
    let private = organizations::create(&mut tx, &draft("Private"), None)
        .await
        .unwrap();
    let pending = organizations::create(&mut tx, &draft("Pending"), None)
        .await
        .unwrap();
    organizations::list_in(&mut tx, here, district, ListingStatus::Approved)
        .await
        .unwrap();
    organizations::list_in(&mut tx, above, city, ListingStatus::Approved)
        .await
        .unwrap();
    organizations::list_in(&mut tx, private, hidden, ListingStatus::Approved)
        .await
        .unwrap();
    organizations::list_in(&mut tx, pending, district, ListingStatus::Pending)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // In the district: its own, and those of the public city above; not those of a private
    // space nearby (its readers are not the district's), nor pending ones.
    let nearby = [city, hidden];
    let may = organizations::may_act_in(db, district, &nearby, 10)
        .await
        .unwrap();
    assert_eq!(
        may.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(),
        ["Above", "Here"]
    );
    let all = [here.0, above.0, private.0, pending.0];
    let mut allowed = organizations::allowed_in(db, district, &nearby, &all)
        .await
        .unwrap();
    allowed.sort_unstable();
    assert_eq!(allowed, [here.0, above.0]);
    // In the private space itself, its own organisation may act, and the public city's.
    let mut in_hidden = organizations::allowed_in(db, hidden, &[city], &all)
        .await
        .unwrap();
    in_hidden.sort_unstable();
    assert_eq!(in_hidden, [above.0, private.0]);
    assert_eq!(
        organizations::listed_name(db, private, &[city, district])
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        organizations::listed_name(db, above, &[city])
            .await
            .unwrap(),
        Some("Above".to_owned())
    );
}

/// The columns and indexes of the three tables, as the database describes them.
async fn organisation_schema(db: &Db) -> Vec<String> {
    let rows: Vec<(String,)> = match db {
        Db::Sqlite(pool) => sqlx::query_as(
            "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master
             WHERE tbl_name IN ('organizations', 'organization_admins', 'organization_spaces')
             ORDER BY type, name",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
        Db::Postgres(pool) => sqlx::query_as(
            "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
                    || ' ' || COALESCE(column_default, '')
             FROM information_schema.columns
             WHERE table_name IN ('organizations', 'organization_admins', 'organization_spaces')
             UNION ALL
             SELECT indexdef FROM pg_indexes
             WHERE tablename IN ('organizations', 'organization_admins', 'organization_spaces')
             UNION ALL
             SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
             WHERE conrelid::regclass::text
                   IN ('organizations', 'organization_admins', 'organization_spaces')
             ORDER BY 1",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    };
    rows.into_iter().map(|(line,)| line).collect()
}

/// A database where the stakeholders component created the tables first (its historic
/// migration) and one where only the platform's migration did end with the same schema.
async fn the_organisation_tables_are_the_same_with_or_without_stakeholders(app: TestApp) {
    let backend = match app.db() {
        Db::Sqlite(_) => Backend::Sqlite,
        Db::Postgres(_) => Backend::Postgres,
    };
    let Some(with_stakeholders) = TestApp::spawn(backend, cospace::components()).await else {
        return;
    };
    let platform_only = organisation_schema(app.db()).await;
    assert!(platform_only.len() >= 3, "{platform_only:?}");
    assert_eq!(
        platform_only,
        organisation_schema(with_stakeholders.db()).await
    );
}
