//! Outgoing mail end to end: queued in a use case's transaction, delivered by the worker over
//! real SMTP to a test server (or into files), retried with backoff and given up, and never sent
//! twice by two nodes sharing the database.

use cospace_store::outbox::{
    self, CalendarPart, MailStatus, OutboxEntry, OutgoingMail, RetryPolicy,
};
use cospace_store::{Db, StoreError};
use cospace_testkit::smtp::{fast_mail_config, unreachable_smtp_url};
use cospace_testkit::{db_tests, SmtpSink, TestApp};
use cospace_web::mail::MailTransport;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

db_tests!(cospace::components();
    an_invitation_is_delivered_over_smtp_as_soon_as_it_is_queued,
    a_rolled_back_change_sends_no_mail,
    a_refused_mail_is_retried_with_backoff_then_given_up,
    an_unreachable_server_is_retried_then_given_up,
    two_nodes_never_send_the_same_mail_twice,
    the_file_transport_writes_eml_files,
    a_worker_that_lost_its_lease_cannot_overwrite_the_outcome,
    bad_mail_is_refused_and_disabled_delivery_keeps_mail_queued,
);

const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//cospace//calendar//EN\r\n\
METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:meeting-1@cospace.test\r\nDTSTAMP:20261122T090000Z\r\n\
DTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\nSUMMARY:Planning meeting\r\n\
ORGANIZER;CN=Cospace:mailto:noreply@cospace.test\r\n\
ATTENDEE;CN=Ana;RSVP=TRUE:mailto:ana@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

fn invitation(to: &str) -> OutgoingMail {
    OutgoingMail {
        to: to.to_owned(),
        to_name: Some("Ana Nowak".to_owned()),
        subject: "Invitation: Planning meeting".to_owned(),
        text_body: "You are invited to the planning meeting.".to_owned(),
        html_body: Some("<p>You are invited to the <b>planning meeting</b>.</p>".to_owned()),
        calendar: Some(CalendarPart {
            method: "REQUEST".to_owned(),
            ics: ICS.to_owned(),
        }),
    }
}

fn note(to: &str, subject: &str) -> OutgoingMail {
    OutgoingMail {
        to: to.to_owned(),
        to_name: None,
        subject: subject.to_owned(),
        text_body: format!("{subject}.\n"),
        html_body: None,
        calendar: None,
    }
}

/// Queues `mails` in one committed transaction; returns their ids.
async fn enqueue_committed(db: &Db, mails: &[OutgoingMail]) -> Vec<i64> {
    let mut tx = db.begin().await.unwrap();
    let mut ids = Vec::new();
    for mail in mails {
        ids.push(outbox::enqueue(&mut tx, mail).await.unwrap());
    }
    tx.commit().await.unwrap();
    ids
}

/// Waits until mail `id` has `status`; panics after `timeout`.
async fn wait_for_status(db: &Db, id: i64, status: MailStatus, timeout: Duration) -> OutboxEntry {
    let deadline = Instant::now() + timeout;
    loop {
        let entry = outbox::entry(db, id).await.unwrap();
        if entry.status == status {
            return entry;
        }
        assert!(
            Instant::now() < deadline,
            "mail {id} is still {:?} after {timeout:?}: {entry:?}",
            entry.status
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The value of a counter in `/metrics`.
async fn counter(app: &TestApp, name: &str) -> u64 {
    let metrics = app.client().get("/metrics").await;
    metrics
        .body
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{name} ")))
        .unwrap_or_else(|| panic!("no {name} in /metrics"))
        .parse()
        .unwrap()
}

async fn an_invitation_is_delivered_over_smtp_as_soon_as_it_is_queued(app: TestApp) {
    let sink = SmtpSink::start().await;
    // The worker polls only hourly: the mail arrives because the handler wakes it.
    let mut config = sink.mail_config();
    config.poll_interval = Duration::from_secs(3600);
    let app = app.with_mail(config).await;
    // Let the worker finish its first look at the (empty) outbox and start waiting.
    tokio::time::sleep(Duration::from_millis(200)).await;

    let id = enqueue_committed(app.db(), &[invitation("Ana@Example.org")]).await[0];
    app.state.mail.wake();
    let received = sink.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(received.len(), 1);
    let mail = &received[0];

    assert_eq!(mail.mail_from, "noreply@cospace.test");
    assert_eq!(mail.rcpt_to, ["ana@example.org"]);
    assert_eq!(
        mail.header("From").as_deref(),
        Some("Cospace <noreply@cospace.test>")
    );
    assert_eq!(
        mail.header("To").as_deref(),
        Some("\"Ana Nowak\" <ana@example.org>")
    );
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("Invitation: Planning meeting")
    );
    let message_id = mail.header("Message-ID").unwrap();
    assert!(
        message_id.starts_with(&format!("<outbox.{id}.")) && message_id.ends_with("@cospace.test>"),
        "{message_id}"
    );
    assert!(mail.header("Date").is_some());
    assert!(mail
        .header("Content-Type")
        .unwrap()
        .starts_with("multipart/mixed;"));
    let data = &mail.data;
    for part in [
        "Content-Type: multipart/alternative;",
        "Content-Type: text/plain; charset=utf-8\r\n",
        "Content-Type: text/html; charset=utf-8\r\n",
        "Content-Type: text/calendar; method=REQUEST; charset=utf-8\r\n",
        "Content-Disposition: attachment; filename=\"invite.ics\"\r\n",
        "You are invited to the planning meeting.",
        "<b>planning meeting</b>",
    ] {
        assert!(data.contains(part), "missing {part:?} in\n{data}");
    }
    // The calendar object, once as the invitation and once as the attachment, intact.
    assert_eq!(data.matches("METHOD:REQUEST\r\n").count(), 2, "{data}");
    assert_eq!(
        data.matches("ATTENDEE;CN=Ana;RSVP=TRUE:mailto:ana@example.org\r\n")
            .count(),
        2
    );
    // The calendar alternative comes after the text ones, inside the alternative part.
    let text_at = data.find("Content-Type: text/plain").unwrap();
    let calendar_at = data.find("Content-Type: text/calendar").unwrap();
    let attachment_at = data.find("filename=\"invite.ics\"").unwrap();
    assert!(text_at < calendar_at && calendar_at < attachment_at);

    let entry = wait_for_status(app.db(), id, MailStatus::Sent, Duration::from_secs(5)).await;
    assert_eq!(entry.attempts, 1);
    assert!(entry.sent_at.is_some());
    assert_eq!(entry.last_error, None);
    assert!(entry.has_calendar);
    assert_eq!(outbox::queued_count(app.db()).await.unwrap(), 0);
    assert_eq!(counter(&app, "cospace_mail_sent_total").await, 1);
    assert_eq!(counter(&app, "cospace_mail_failures_total").await, 0);
}

async fn a_rolled_back_change_sends_no_mail(app: TestApp) {
    let sink = SmtpSink::start().await;
    let app = app.with_mail(sink.mail_config()).await;
    let mut tx = app.db().begin().await.unwrap();
    outbox::enqueue(&mut tx, &note("eve@example.org", "Rolled back"))
        .await
        .unwrap();
    drop(tx);
    app.state.mail.wake();
    // A later committed mail: once it has arrived, the worker has surely seen the outbox.
    enqueue_committed(app.db(), &[note("ana@example.org", "Committed")]).await;
    app.state.mail.wake();
    sink.wait_for(1, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let received = sink.messages();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].header("Subject").as_deref(), Some("Committed"));
    let rows = outbox::recent(app.db(), 10).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].to, "ana@example.org");
}

async fn a_refused_mail_is_retried_with_backoff_then_given_up(app: TestApp) {
    let sink = SmtpSink::refusing_recipients().await;
    let config = sink.mail_config();
    assert_eq!(
        config.retry,
        RetryPolicy {
            max_attempts: 3,
            first_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
        }
    );
    let app = app.with_mail(config).await;
    let id = enqueue_committed(app.db(), &[invitation("ana@example.org")]).await[0];
    app.state.mail.wake();

    let entry = wait_for_status(app.db(), id, MailStatus::Failed, Duration::from_secs(15)).await;
    assert_eq!(entry.attempts, 3);
    let error = entry.last_error.unwrap();
    assert!(
        error.contains("550") && error.contains("mailbox unavailable"),
        "{error}"
    );
    assert_eq!(entry.sent_at, None);
    // Three attempts reached the server, each later than the backoff allows: 200 ms, then
    // 400 ms after a failure.
    let attempts = sink.refusals();
    assert_eq!(attempts.len(), 3);
    assert!(attempts[1] - attempts[0] >= Duration::from_millis(200));
    assert!(attempts[2] - attempts[1] >= Duration::from_millis(400));
    assert!(sink.messages().is_empty());
    // Given up means given up: nothing more is tried.
    app.state.mail.wake();
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(sink.refusals().len(), 3);
    assert_eq!(counter(&app, "cospace_mail_failures_total").await, 3);
    assert_eq!(counter(&app, "cospace_mail_given_up_total").await, 1);
    assert_eq!(counter(&app, "cospace_mail_sent_total").await, 0);
}

async fn an_unreachable_server_is_retried_then_given_up(app: TestApp) {
    let mut config = fast_mail_config(MailTransport::Smtp {
        url: unreachable_smtp_url().await,
    });
    config.retry.max_attempts = 2;
    let app = app.with_mail(config).await;
    let id = enqueue_committed(app.db(), &[note("ana@example.org", "Hello")]).await[0];
    app.state.mail.wake();
    let entry = wait_for_status(app.db(), id, MailStatus::Failed, Duration::from_secs(15)).await;
    assert_eq!(entry.attempts, 2);
    let error = entry.last_error.unwrap();
    assert!(error.to_lowercase().contains("connect"), "{error}");
}

async fn two_nodes_never_send_the_same_mail_twice(app: TestApp) {
    // A relay that takes 20 ms per mail keeps both workers busy at once.
    let sink = SmtpSink::slow(Duration::from_millis(20)).await;
    let mut config = sink.mail_config();
    config.batch_size = 2;
    let app = app.with_mail(config).await;
    let node_b = app.another_node_state().await;
    let worker_b = cospace_web::mail::spawn_worker(&node_b).expect("mail is configured");
    tokio::time::sleep(Duration::from_millis(200)).await;

    const MAILS: usize = 40;
    let mails: Vec<OutgoingMail> = (0..MAILS)
        .map(|n| note(&format!("person{n}@example.org"), &format!("Mail {n}")))
        .collect();
    let ids = enqueue_committed(app.db(), &mails).await;
    app.state.mail.wake();
    node_b.mail.wake();

    sink.wait_for(MAILS, Duration::from_secs(30)).await;
    for id in &ids {
        wait_for_status(app.db(), *id, MailStatus::Sent, Duration::from_secs(10)).await;
    }
    // Anything sent twice would have arrived by now.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let received = sink.messages();
    assert_eq!(received.len(), MAILS);
    let recipients: BTreeSet<String> = received.iter().map(|m| m.rcpt_to.join(",")).collect();
    assert_eq!(recipients.len(), MAILS);
    let message_ids: BTreeSet<String> = received
        .iter()
        .map(|m| m.header("Message-ID").unwrap())
        .collect();
    assert_eq!(message_ids.len(), MAILS);
    for entry in outbox::recent(app.db(), 100).await.unwrap() {
        assert_eq!(entry.attempts, 1, "{entry:?}");
    }
    // Both nodes' counters together account for each mail exactly once.
    let on_a = counter(&app, "cospace_mail_sent_total").await;
    let metrics_b = node_b.metrics.render(0, 0);
    let on_b: u64 = metrics_b
        .lines()
        .find_map(|line| line.strip_prefix("cospace_mail_sent_total "))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        on_a + on_b,
        MAILS as u64,
        "node A sent {on_a}, node B {on_b}"
    );
    // The slow relay made the two workers really compete.
    assert!(on_a > 0 && on_b > 0, "node A sent {on_a}, node B {on_b}");
    worker_b.shutdown().await;
    node_b.db.close().await;
}

async fn the_file_transport_writes_eml_files(app: TestApp) {
    let dir = std::env::temp_dir().join(format!(
        "cospace-mail-test-{}-{:?}",
        std::process::id(),
        app.backend
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let app = app
        .with_mail(fast_mail_config(MailTransport::Files { dir: dir.clone() }))
        .await;
    let id = enqueue_committed(app.db(), &[invitation("ana@example.org")]).await[0];
    app.state.mail.wake();
    wait_for_status(app.db(), id, MailStatus::Sent, Duration::from_secs(10)).await;
    let files: Vec<std::path::PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].extension().and_then(|e| e.to_str()), Some("eml"));
    let eml = std::fs::read_to_string(&files[0]).unwrap();
    assert!(eml.contains("Subject: Invitation: Planning meeting\r\n"));
    assert!(eml.contains("Content-Type: text/calendar; method=REQUEST; charset=utf-8\r\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

async fn a_worker_that_lost_its_lease_cannot_overwrite_the_outcome(app: TestApp) {
    // No worker runs here (delivery is disabled): the test plays two workers itself.
    let id = enqueue_committed(app.db(), &[note("ana@example.org", "Hello")]).await[0];
    let first = outbox::claim_due(app.db(), Duration::ZERO, 10)
        .await
        .unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!((first[0].id, first[0].attempt), (id, 1));
    assert_eq!(first[0].mail, note("ana@example.org", "Hello"));
    // A zero lease has already ended: another worker takes the mail over.
    tokio::time::sleep(Duration::from_millis(5)).await;
    let second = outbox::claim_due(app.db(), Duration::from_secs(60), 10)
        .await
        .unwrap();
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].attempt, 2);
    // While its lease lasts, nobody else gets it.
    assert!(outbox::claim_due(app.db(), Duration::from_secs(60), 10)
        .await
        .unwrap()
        .is_empty());
    // The first worker's late outcome is ignored; the second's counts.
    assert!(!outbox::mark_sent(app.db(), &first[0]).await.unwrap());
    assert_eq!(
        outbox::mark_failed(app.db(), &first[0], "late", &RetryPolicy::default())
            .await
            .unwrap(),
        outbox::AfterFailure::NotClaimed
    );
    let policy = RetryPolicy {
        max_attempts: 5,
        first_delay: Duration::from_secs(60),
        max_delay: Duration::from_secs(3600),
    };
    let before = cospace_store::now();
    match outbox::mark_failed(app.db(), &second[0], "421 try later", &policy)
        .await
        .unwrap()
    {
        // Second attempt failed: twice the first delay.
        outbox::AfterFailure::RetryAt(at) => {
            let wait = (at - before).num_seconds();
            assert!((119..=121).contains(&wait), "{wait}");
        }
        other => panic!("{other:?}"),
    }
    let entry = outbox::entry(app.db(), id).await.unwrap();
    assert_eq!(entry.status, MailStatus::Pending);
    assert_eq!(entry.last_error.as_deref(), Some("421 try later"));
    // Not due before its time.
    assert!(outbox::claim_due(app.db(), Duration::from_secs(60), 10)
        .await
        .unwrap()
        .is_empty());
    // A claim takes at most its limit, oldest first.
    let ids = enqueue_committed(
        app.db(),
        &(0..5)
            .map(|n| note("ana@example.org", &format!("Note {n}")))
            .collect::<Vec<_>>(),
    )
    .await;
    let claimed = outbox::claim_due(app.db(), Duration::from_secs(60), 2)
        .await
        .unwrap();
    let claimed: Vec<i64> = claimed.iter().map(|c| c.id).collect();
    assert_eq!(claimed, ids[..2]);
    let rest = outbox::claim_due(app.db(), Duration::from_secs(60), 10)
        .await
        .unwrap();
    assert_eq!(rest.iter().map(|c| c.id).collect::<Vec<_>>(), ids[2..]);
    // A stopping worker hands its unsent claims back: due again at once, under a new claim.
    assert!(outbox::release(app.db(), &rest[0]).await.unwrap());
    assert!(!outbox::release(app.db(), &rest[0]).await.unwrap());
    let again = outbox::claim_due(app.db(), Duration::from_secs(60), 10)
        .await
        .unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!((again[0].id, again[0].attempt), (rest[0].id, 2));
}

async fn bad_mail_is_refused_and_disabled_delivery_keeps_mail_queued(app: TestApp) {
    assert!(!app.state.mail.is_enabled());
    assert!(app.mail_worker.is_none());
    let mut tx = app.db().begin().await.unwrap();
    let refused = outbox::enqueue(&mut tx, &note("not an address", "Hello")).await;
    assert!(
        matches!(refused, Err(StoreError::Invalid(_))),
        "{refused:?}"
    );
    let injected = outbox::enqueue(
        &mut tx,
        &note("ana@example.org", "Hello\r\nBcc: eve@example.org"),
    )
    .await;
    assert!(matches!(injected, Err(StoreError::Invalid(_))));
    let id = outbox::enqueue(&mut tx, &note("ana@example.org", "Hello"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    app.state.mail.wake();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let entry = outbox::entry(app.db(), id).await.unwrap();
    assert_eq!((entry.status, entry.attempts), (MailStatus::Pending, 0));
    assert_eq!(outbox::queued_count(app.db()).await.unwrap(), 1);
}

/// The binary with none of the settings from the environment.
fn cospace() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_cospace"));
    for name in [
        "COSPACE_DATABASE_URL",
        "COSPACE_LISTEN",
        "COSPACE_CONFIG",
        "COSPACE_SMTP_URL",
        "COSPACE_MAIL_FROM",
        "COSPACE_MAIL_DIR",
        "COSPACE_LOG",
    ] {
        command.env_remove(name);
    }
    command
}

#[test]
fn unusable_mail_settings_stop_the_server_with_one_line() {
    let path = std::env::temp_dir().join(format!("cospace-mail-cli-{}.db", std::process::id()));
    let database_url = format!("sqlite://{}", path.display());
    for (args, expected) in [
        (&["--smtp-url", "smtp://127.0.0.1:2525"][..], "--mail-from"),
        (
            &["--smtp-url", "smtp://127.0.0.1:2525", "--mail-dir", "mail"],
            "not both",
        ),
        (
            &[
                "--smtp-url",
                "imap://mail.example.org",
                "--mail-from",
                "a@example.org",
            ],
            "invalid SMTP URL",
        ),
        (
            &["--mail-dir", "mail", "--mail-from", "nobody"],
            "invalid mail sender",
        ),
    ] {
        let output = cospace()
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--database-url",
                &database_url,
            ])
            .args(args)
            .output()
            .unwrap();
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.trim_end().lines().last().unwrap_or("");
        assert!(
            last.starts_with("error: ") && last.contains(expected),
            "{args:?}: {stderr}"
        );
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

#[test]
fn without_a_transport_the_server_says_mail_delivery_is_disabled() {
    use std::io::{BufRead, BufReader};
    let path = std::env::temp_dir().join(format!("cospace-mail-off-{}.db", std::process::id()));
    let mut child = cospace()
        .args(["serve", "--listen", "127.0.0.1:0", "--database-url"])
        .arg(format!("sqlite://{}", path.display()))
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut seen = Vec::new();
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        let serving = line.contains("cospace is serving");
        seen.push(line);
        if serving {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    assert!(
        seen.iter().any(|l| l.contains("mail delivery disabled")),
        "{seen:#?}"
    );
}
