//! Meetings of local leaders over HTTP, on SQLite and PostgreSQL: a monthly series ("every
//! second Tuesday at 17:00, Europe/Warsaw") gets an agenda, attendance, minutes rendered safely,
//! outcomes and action items; the series page lists its meetings in order; the tracker shows
//! what is overdue; invited organisations' admins receive an iCalendar invitation over SMTP.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use axum::http::Method;
use cospace_core::permissions::MemberRole;
use cospace_core::stakeholders::{OrganizationDraft, Sector};
use cospace_core::SpaceId;
use cospace_stakeholders::store::{self as stakeholders, LinkStatus};
use cospace_testkit::{db_tests, Client, SmtpSink, TestApp};
use std::time::Duration;

const PASSWORD: &str = "a long test password";

fn components() -> Vec<cospace_web::Component> {
    vec![
        cospace_about::component(),
        cospace_stakeholders::component(),
        cospace_calendar::component(),
    ]
}

db_tests!(crate::components();
    a_recurring_meeting_gets_minutes_outcomes_and_action_items,
    invited_organisations_get_an_invitation_they_can_accept,
);

async fn organization(app: &TestApp, name: &str, space: SpaceId, admin: &str) -> i64 {
    let user = cospace_store::accounts::user_by_email(app.db(), admin)
        .await
        .unwrap()
        .unwrap();
    let draft = OrganizationDraft {
        name: name.into(),
        sector: Sector::LocalGovernment,
        level: None,
        description: String::new(),
        website: None,
        languages: vec![],
        sdg_targets: vec![],
        address: String::new(),
        location: None,
    };
    let mut tx = app.db().begin().await.unwrap();
    let id = stakeholders::create_organization(&mut tx, &draft, None)
        .await
        .unwrap();
    stakeholders::link_organization(&mut tx, id, space, LinkStatus::Approved)
        .await
        .unwrap();
    stakeholders::add_organization_admin(&mut tx, id, user.id())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// Azory with the District Council (whose admin chairs the meetings) and the Board of Green
/// City Spaces; returns the two organisations and the chair's signed-in client.
async fn world(app: &TestApp) -> (i64, i64, Client) {
    app.create_space(None, "azory", "Azory").await;
    for email in [
        "chair@example.org",
        "green@example.org",
        "resident@example.org",
    ] {
        app.create_user(email, PASSWORD, false).await;
    }
    app.add_member("azory", "resident@example.org", MemberRole::Member)
        .await;
    let azory = cospace_store::spaces::space_by_slug(app.db(), "azory")
        .await
        .unwrap()
        .id();
    let council = organization(app, "District Council", azory, "chair@example.org").await;
    let green = organization(
        app,
        "Board of Green City Spaces",
        azory,
        "green@example.org",
    )
    .await;
    (
        council,
        green,
        app.signed_in("chair@example.org", PASSWORD).await,
    )
}

async fn plan_series(chair: &mut Client, council: i64) -> String {
    let council = council.to_string();
    let response = chair
        .post_form(
            "/spaces/azory/calendar/events/new",
            &[
                ("title", "Meeting of local leaders"),
                ("kind", "meeting"),
                ("time_zone", "Europe/Warsaw"),
                ("start_date", "2026-01-13"),
                ("start_time", "17:00"),
                ("end_time", "19:00"),
                ("repeat", "monthly_weekday"),
                ("repeat_ends", "count"),
                ("repeat_count", "5"),
                ("organizers", &council),
                ("audiences", "adults"),
            ],
        )
        .await;
    assert_eq!(response.status, 303, "{}", response.body);
    response.location().unwrap().to_owned()
}

async fn a_recurring_meeting_gets_minutes_outcomes_and_action_items(app: TestApp) {
    let (council, green, mut chair) = world(&app).await;
    let event = plan_series(&mut chair, council).await;
    // The 2nd meeting: 10 February 2026 (the second Tuesday), in winter time.
    let second = format!("{event}/meetings/20260210T170000");
    let page = chair.get(&second).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("2nd meeting"));
    // Not an occurrence of the series: 404.
    assert_eq!(
        chair
            .get(&format!("{event}/meetings/20260217T170000"))
            .await
            .status,
        404
    );

    let green_id = green.to_string();
    for fields in [
        vec![
            ("part", "agenda"),
            ("agenda", "Pocket park on the green square"),
        ],
        vec![("part", "people"), ("people", "14")],
        vec![
            ("part", "attendance"),
            ("organization", &green_id),
            ("attendance_people", "2"),
        ],
        vec![
            ("part", "minutes"),
            (
                "minutes",
                "**Agreed** to apply together.\n\n<script>alert(1)</script>",
            ),
        ],
        vec![
            ("part", "decision"),
            ("decision", "Joint application for the pocket park"),
        ],
        vec![
            ("part", "action"),
            ("title", "Draft the application"),
            ("owner", &green_id),
            ("due_date", "2026-02-28"),
        ],
    ] {
        let response = chair.post_form(&second, &fields).await;
        assert_eq!(response.status, 303, "{fields:?}: {}", response.body);
    }
    let page = chair.get(&second).await;
    assert!(page.body.contains("<strong>Agreed</strong>"));
    assert!(!page.body.contains("<script>alert(1)</script>"));
    assert!(page.body.contains("&lt;script&gt;"));
    assert!(page.body.contains("Board of Green City Spaces: 2"));

    // Bad input re-renders with the message and writes nothing.
    let before = app.count_activity("meeting.action_item").await;
    let bad = chair
        .post_form(
            &second,
            &[("part", "action"), ("title", ""), ("due_date", "next week")],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body.contains("Enter a date as YYYY-MM-DD."));
    let bad = chair
        .post_form(
            &second,
            &[("part", "minutes"), ("minutes", &"x".repeat(100_001))],
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(app.count_activity("meeting.action_item").await, before);

    // The series page reads like a list of meetings with their outcomes.
    let series = app.client().get(&format!("{event}/meetings")).await;
    assert_eq!(series.status, 200);
    let first = series.body.find("1st meeting").unwrap();
    let second_pos = series.body.find("2nd meeting").unwrap();
    let fifth = series.body.find("5th meeting").unwrap();
    assert!(first < second_pos && second_pos < fifth);
    assert!(series
        .body
        .contains("Joint application for the pocket park"));
    assert!(series.body.contains("14 people came"));

    // The tracker: the item is overdue (its due date has passed); a resident may not move it,
    // the owner's admin may.
    let tracker = app
        .client()
        .get(&format!("{event}/actions?show=overdue"))
        .await;
    assert!(tracker.body.contains("Draft the application"));
    assert!(tracker.body.contains("One action item is overdue."));
    let item: i64 = cospace_store::with_db!(app.db(), |pool| sqlx::query_scalar(
        "SELECT id FROM calendar_action_items"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    let mut resident = app.signed_in("resident@example.org", PASSWORD).await;
    let refused = resident
        .post_form(
            &format!("/spaces/azory/calendar/actions/{item}"),
            &[("status", "done")],
        )
        .await;
    assert_eq!(refused.status, 403);
    let mut green_admin = app.signed_in("green@example.org", PASSWORD).await;
    let done = green_admin
        .post_form(
            &format!("/spaces/azory/calendar/actions/{item}"),
            &[("status", "done"), ("back", &format!("{event}/actions"))],
        )
        .await;
    assert_eq!(done.status, 303);
    let tracker = app
        .client()
        .get("/spaces/azory/calendar/actions?show=overdue")
        .await;
    assert!(!tracker.body.contains("Draft the application"));
    let all = app
        .client()
        .get("/spaces/azory/calendar/actions?show=all")
        .await;
    assert!(all.body.contains("Draft the application"));
    // The same through the API.
    let mut api = app.client();
    let meetings = api
        .api(
            Method::GET,
            &format!(
                "/api/v1/spaces/azory/events/{}/meetings",
                event.rsplit('/').next().unwrap()
            ),
            None,
            None,
        )
        .await;
    assert_eq!(meetings.status, 200);
    let list = meetings.json();
    assert_eq!(list.as_array().unwrap().len(), 5);
    assert_eq!(list[1]["number"], 2);
    assert_eq!(
        list[1]["decisions"][0],
        "Joint application for the pocket park"
    );
    assert_eq!(list[1]["people"], 14);
    assert_eq!(list[1]["action_items"][0]["status"], "done");
    let token = app.api_token("green@example.org").await;
    let path = format!("/api/v1/spaces/azory/action-items/{item}");
    let reopened = api
        .api(
            Method::PATCH,
            &path,
            Some(&token),
            Some(serde_json::json!({ "status": "in_progress" })),
        )
        .await;
    assert_eq!(reopened.status, 200, "{}", reopened.body);
    assert_eq!(reopened.json()["overdue"], true);
    let overdue = api
        .api(
            Method::GET,
            "/api/v1/spaces/azory/action-items?overdue=true",
            None,
            None,
        )
        .await;
    assert_eq!(overdue.json().as_array().unwrap().len(), 1);
    let bad = api
        .api(
            Method::PATCH,
            &path,
            Some(&token),
            Some(serde_json::json!({ "status": "finished" })),
        )
        .await;
    assert_eq!(bad.status, 422);
    let resident_token = app.api_token("resident@example.org").await;
    let refused = api
        .api(
            Method::PATCH,
            &path,
            Some(&resident_token),
            Some(serde_json::json!({ "status": "done" })),
        )
        .await;
    assert_eq!(refused.status, 403);
    // A resident cannot write the record either.
    assert_eq!(
        resident
            .post_form(&second, &[("part", "decision"), ("decision", "x")])
            .await
            .status,
        403
    );
}

async fn invited_organisations_get_an_invitation_they_can_accept(app: TestApp) {
    let sink = SmtpSink::start().await;
    let app = app.with_mail(sink.mail_config()).await;
    let (council, green, mut chair) = world(&app).await;
    let event = plan_series(&mut chair, council).await;
    let invited = chair
        .post_form(
            &format!("{event}/invite"),
            &[("organizations", &green.to_string())],
        )
        .await;
    assert_eq!(invited.status, 303);
    let received = sink.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(received.len(), 1);
    let mail = &received[0];
    assert_eq!(mail.rcpt_to, ["green@example.org"]);
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("Invitation: Meeting of local leaders")
    );
    // The calendar part travels quoted-printable: undo its soft breaks and escapes, then the
    // iCalendar line folding.
    let unfolded = mail
        .data
        .replace("=\r\n", "")
        .replace("=3D", "=")
        .replace("\r\n ", "");
    assert!(
        unfolded.contains("method=REQUEST") || unfolded.contains("method=\"REQUEST\""),
        "{}",
        mail.data
    );
    assert!(unfolded.contains("METHOD:REQUEST"));
    assert!(unfolded.contains("RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=5"));
    assert!(unfolded.contains("ATTENDEE;CN="));
    assert!(unfolded.contains("RSVP=TRUE:mailto:green@example.org"));
    assert!(unfolded.contains("ORGANIZER:mailto:"));
    let notified: i64 = cospace_store::with_db!(app.db(), |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE message_key = 'notify-event-invited'"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(notified, 1);
    let page = chair.get(&event).await;
    assert!(page.body.contains("Invited:"));
    // Inviting nobody sends nothing.
    let none = chair.post_form(&format!("{event}/invite"), &[]).await;
    assert_eq!(none.status, 303);
    assert_eq!(app.count_activity("event.invite").await, 1);
}
