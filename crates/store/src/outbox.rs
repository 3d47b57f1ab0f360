//! Outgoing e-mail, durable: a use case calls [`enqueue`] inside its own transaction, so the
//! change and the mail about it are committed together — or neither is. A delivery worker on
//! any node then [`claim_due`]s rows, sends them and records the outcome with [`mark_sent`],
//! [`mark_failed`] (retried later, with exponential backoff, until the attempts are used up)
//! or [`give_up`].
//!
//! Claiming is safe with several nodes on one database: PostgreSQL claims with
//! `FOR UPDATE SKIP LOCKED`, SQLite with one `UPDATE … RETURNING` (SQLite has one writer at a
//! time). A claim is a lease: a row whose worker died while sending becomes due again once the
//! lease ends. Every later update names the claim (the attempt number it was claimed with), so a
//! worker whose lease was taken over cannot overwrite the newer outcome.
//!
//! ```ignore
//! let mut tx = db.begin().await?;
//! // … the change itself, its activity-log entry …
//! cospace_store::outbox::enqueue(&mut tx, &OutgoingMail {
//!     to: "ana@example.org".into(),
//!     to_name: Some("Ana".into()),
//!     subject: "Invitation: planning meeting".into(),
//!     text_body: "…".into(),
//!     html_body: None,
//!     calendar: Some(CalendarPart { method: "REQUEST".into(), ics }),
//! }).await?;
//! tx.commit().await?;
//! state.mail.wake(); // cospace-web: deliver now rather than at the next poll
//! ```

use crate::{now, with_db, with_tx, Db, StoreError, Tx};
use chrono::{DateTime, Utc};
use cospace_core::account::Email;
use cospace_core::Invalid;
use std::time::Duration;

/// The longest subject accepted, in characters.
pub const MAX_SUBJECT_CHARS: usize = 500;
/// The longest error text kept in `last_error`, in characters.
const MAX_ERROR_CHARS: usize = 2000;

/// One e-mail to one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    /// The recipient's address; [`enqueue`] refuses one that is not a plain `local@domain`.
    pub to: String,
    /// The recipient's name, shown by mail clients next to the address.
    pub to_name: Option<String>,
    pub subject: String,
    /// The plain-text body; every mail has one.
    pub text_body: String,
    /// An HTML alternative of the same text, when there is one.
    pub html_body: Option<String>,
    /// An iCalendar object (an invitation, a cancellation) that mail clients offer to accept.
    pub calendar: Option<CalendarPart>,
}

/// An iCalendar object sent with a mail: as a `text/calendar; method=…` alternative, which
/// mail clients show as an invitation, and as an `invite.ics` attachment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarPart {
    /// The iTIP method (`REQUEST`, `CANCEL`, `PUBLISH`, `REPLY`…); it must match the
    /// `METHOD:` line of `ics`.
    pub method: String,
    /// The whole `BEGIN:VCALENDAR … END:VCALENDAR` text.
    pub ics: String,
}

/// Where a mail is in its delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailStatus {
    /// Waiting for its (next) attempt.
    Pending,
    /// Claimed by a worker, which is sending it.
    Sending,
    Sent,
    /// Given up: every attempt failed, or the mail cannot be sent at all.
    Failed,
}

impl MailStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MailStatus::Pending => "pending",
            MailStatus::Sending => "sending",
            MailStatus::Sent => "sent",
            MailStatus::Failed => "failed",
        }
    }

    fn parse(value: &str) -> Result<MailStatus, StoreError> {
        match value {
            "pending" => Ok(MailStatus::Pending),
            "sending" => Ok(MailStatus::Sending),
            "sent" => Ok(MailStatus::Sent),
            "failed" => Ok(MailStatus::Failed),
            other => Err(StoreError::Internal(format!(
                "unknown mail status '{other}'"
            ))),
        }
    }
}

/// How often and how soon a failed mail is tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included; after the last one fails the mail is `failed`.
    pub max_attempts: i32,
    /// The wait after the first failure; it doubles after each further one…
    pub first_delay: Duration,
    /// …up to this.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    /// Ten attempts over about eight hours: 1, 2, 4 … 64 minutes, then hourly.
    fn default() -> Self {
        Self {
            max_attempts: 10,
            first_delay: Duration::from_secs(60),
            max_delay: Duration::from_secs(3600),
        }
    }
}

impl RetryPolicy {
    /// The wait before the next attempt after `failed_attempts` attempts failed (1 or more).
    pub fn delay_after(&self, failed_attempts: i32) -> Duration {
        let doublings = failed_attempts.saturating_sub(1).clamp(0, 30) as u32;
        self.first_delay
            .saturating_mul(1u32 << doublings)
            .min(self.max_delay)
    }
}

/// A mail claimed for delivery by one worker.
#[derive(Debug, Clone)]
pub struct ClaimedMail {
    pub id: i64,
    /// This attempt's number (1 for the first); it identifies the claim.
    pub attempt: i32,
    pub created_at: DateTime<Utc>,
    pub mail: OutgoingMail,
}

/// A row of the outbox, for administration and tests.
#[derive(Debug, Clone)]
pub struct OutboxEntry {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub has_calendar: bool,
    pub status: MailStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct ClaimRow {
    id: i64,
    attempts: i32,
    created_at: DateTime<Utc>,
    to_address: String,
    to_name: Option<String>,
    subject: String,
    text_body: String,
    html_body: Option<String>,
    calendar_method: Option<String>,
    calendar_ics: Option<String>,
}

impl From<ClaimRow> for ClaimedMail {
    fn from(row: ClaimRow) -> Self {
        let calendar = match (row.calendar_method, row.calendar_ics) {
            (Some(method), Some(ics)) => Some(CalendarPart { method, ics }),
            _ => None,
        };
        ClaimedMail {
            id: row.id,
            attempt: row.attempts,
            created_at: row.created_at,
            mail: OutgoingMail {
                to: row.to_address,
                to_name: row.to_name,
                subject: row.subject,
                text_body: row.text_body,
                html_body: row.html_body,
                calendar,
            },
        }
    }
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    to_address: String,
    subject: String,
    has_calendar: bool,
    status: String,
    attempts: i32,
    next_attempt_at: DateTime<Utc>,
    last_error: Option<String>,
    created_at: DateTime<Utc>,
    sent_at: Option<DateTime<Utc>>,
}

impl TryFrom<EntryRow> for OutboxEntry {
    type Error = StoreError;

    fn try_from(row: EntryRow) -> Result<Self, StoreError> {
        Ok(OutboxEntry {
            id: row.id,
            to: row.to_address,
            subject: row.subject,
            has_calendar: row.has_calendar,
            status: MailStatus::parse(&row.status)?,
            attempts: row.attempts,
            next_attempt_at: row.next_attempt_at,
            last_error: row.last_error,
            created_at: row.created_at,
            sent_at: row.sent_at,
        })
    }
}

/// Checks a mail before it is stored: a plain recipient address, one-line name and subject (no
/// header injection), a calendar method that is one token.
pub fn validate(mail: &OutgoingMail) -> Result<(), Invalid> {
    let mut problems = Vec::new();
    let address_ok = Email::parse("to", &mail.to).is_ok()
        && !mail
            .to
            .trim()
            .chars()
            .any(|c| "<>()[]\\,;:\"".contains(c) || (c.is_ascii() && !c.is_ascii_graphic()));
    if !address_ok {
        problems.push(cospace_core::FieldError::new("to", "error-email-format"));
    }
    let one_line = |text: &str| !text.chars().any(|c| c.is_control());
    if !mail.to_name.as_deref().is_none_or(one_line) {
        problems.push(cospace_core::FieldError::new("to_name", "error-invalid"));
    }
    if mail.subject.trim().is_empty() {
        problems.push(cospace_core::FieldError::new("subject", "error-required"));
    } else if !one_line(&mail.subject) {
        problems.push(cospace_core::FieldError::new("subject", "error-invalid"));
    } else if mail.subject.chars().count() > MAX_SUBJECT_CHARS {
        problems.push(cospace_core::FieldError::with_arg(
            "subject",
            "error-too-long",
            MAX_SUBJECT_CHARS as i64,
        ));
    }
    if let Some(calendar) = &mail.calendar {
        let method_ok = !calendar.method.is_empty()
            && calendar.method.len() <= 20
            && calendar
                .method
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '-');
        if !method_ok || !calendar.ics.trim_start().starts_with("BEGIN:VCALENDAR") {
            problems.push(cospace_core::FieldError::new("calendar", "error-invalid"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Invalid(problems))
    }
}

/// Queues `mail` inside `tx`, the transaction of the change it is about: it is delivered only
/// if `tx` commits, and it is not lost once it has. Returns the outbox id.
///
/// Delivery happens later, on a worker of any node; after committing, a handler in
/// `cospace-web` may call `state.mail.wake()` so that this node's worker sends it at once.
pub async fn enqueue(tx: &mut Tx, mail: &OutgoingMail) -> Result<i64, StoreError> {
    validate(mail)?;
    let at = now();
    let to = mail.to.trim().to_lowercase();
    let (method, ics) = match &mail.calendar {
        Some(calendar) => (Some(calendar.method.as_str()), Some(calendar.ics.as_str())),
        None => (None, None),
    };
    let id: i64 = with_tx!(tx, |conn| sqlx::query_scalar(
        "INSERT INTO mail_outbox (to_address, to_name, subject, text_body, html_body,
             calendar_method, calendar_ics, status, attempts, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, $8) RETURNING id"
    )
    .bind(&to)
    .bind(mail.to_name.as_deref())
    .bind(&mail.subject)
    .bind(&mail.text_body)
    .bind(mail.html_body.as_deref())
    .bind(method)
    .bind(ics)
    .bind(at)
    .fetch_one(&mut *conn)
    .await)?;
    Ok(id)
}

const CLAIMED_COLUMNS: &str = "id, attempts, created_at, to_address, to_name, subject, \
     text_body, html_body, calendar_method, calendar_ics";

/// Claims up to `limit` mails that are due (pending, or claimed by a worker whose `lease` ran
/// out) for this worker for `lease`: no other worker claims them until it ends. Oldest due
/// first.
pub async fn claim_due(
    db: &Db,
    lease: Duration,
    limit: i64,
) -> Result<Vec<ClaimedMail>, StoreError> {
    let at = now();
    let until = at + chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::minutes(10));
    // The outer conditions repeat the inner ones, so a row changed between the two is skipped.
    let due = "status IN ('pending', 'sending') AND next_attempt_at <= $1";
    let rows: Vec<ClaimRow> = match db {
        // The locking query runs once, materialised: as an `IN (…)` subquery PostgreSQL may
        // run it again for each row, each time skipping the rows just locked, and so claim far
        // more than `limit`.
        Db::Postgres(pool) => {
            let sql = format!(
                "WITH claimed (claimed_id) AS MATERIALIZED (
                     SELECT id FROM mail_outbox WHERE {due}
                     ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
                 UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1,
                     next_attempt_at = $2
                 FROM claimed WHERE id = claimed_id AND {due}
                 RETURNING {CLAIMED_COLUMNS}"
            );
            sqlx::query_as(&sql)
                .bind(at)
                .bind(until)
                .bind(limit)
                .fetch_all(pool)
                .await?
        }
        Db::Sqlite(pool) => {
            let sql = format!(
                "UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1,
                     next_attempt_at = $2
                 WHERE id IN (SELECT id FROM mail_outbox WHERE {due}
                              ORDER BY next_attempt_at, id LIMIT $3)
                   AND {due}
                 RETURNING {CLAIMED_COLUMNS}"
            );
            sqlx::query_as(&sql)
                .bind(at)
                .bind(until)
                .bind(limit)
                .fetch_all(pool)
                .await?
        }
    };
    let mut claimed: Vec<ClaimedMail> = rows.into_iter().map(ClaimedMail::from).collect();
    // RETURNING does not keep the subquery's order.
    claimed.sort_by_key(|c| c.id);
    Ok(claimed)
}

/// Records that the claimed mail was accepted by the mail server. False when the claim was no
/// longer this worker's (its lease ran out and another worker took the mail over).
pub async fn mark_sent(db: &Db, claim: &ClaimedMail) -> Result<bool, StoreError> {
    let updated = with_db!(db, |pool| sqlx::query(
        "UPDATE mail_outbox SET status = 'sent', sent_at = $1, last_error = NULL
         WHERE id = $2 AND attempts = $3 AND status = 'sending'"
    )
    .bind(now())
    .bind(claim.id)
    .bind(claim.attempt)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(updated == 1)
}

/// Hands a claimed mail back unsent (its worker is stopping): it is due again at once. The
/// attempt still counts, so that the claim stays unique.
pub async fn release(db: &Db, claim: &ClaimedMail) -> Result<bool, StoreError> {
    let updated = with_db!(db, |pool| sqlx::query(
        "UPDATE mail_outbox SET status = 'pending', next_attempt_at = $1
         WHERE id = $2 AND attempts = $3 AND status = 'sending'"
    )
    .bind(now())
    .bind(claim.id)
    .bind(claim.attempt)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(updated == 1)
}

/// What became of a mail after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    /// It is tried again at this time.
    RetryAt(DateTime<Utc>),
    /// The attempts are used up: it is `failed`.
    GaveUp,
    /// The claim was no longer this worker's; nothing was changed.
    NotClaimed,
}

/// Records a failed attempt: the mail is tried again after the policy's backoff, or is
/// `failed` when this was its last attempt. The error is kept either way.
pub async fn mark_failed(
    db: &Db,
    claim: &ClaimedMail,
    error: &str,
    policy: &RetryPolicy,
) -> Result<AfterFailure, StoreError> {
    if claim.attempt >= policy.max_attempts {
        return give_up(db, claim, error).await;
    }
    let at = now();
    let delay = chrono::Duration::from_std(policy.delay_after(claim.attempt))
        .unwrap_or(chrono::Duration::hours(1));
    let retry_at = at + delay;
    let updated = with_db!(db, |pool| sqlx::query(
        "UPDATE mail_outbox SET status = 'pending', next_attempt_at = $1, last_error = $2
         WHERE id = $3 AND attempts = $4 AND status = 'sending'"
    )
    .bind(retry_at)
    .bind(truncate(error))
    .bind(claim.id)
    .bind(claim.attempt)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(if updated == 1 {
        AfterFailure::RetryAt(retry_at)
    } else {
        AfterFailure::NotClaimed
    })
}

/// Marks the claimed mail `failed` for good, keeping `error` (for a mail that can never be
/// sent, or whose last attempt failed).
pub async fn give_up(
    db: &Db,
    claim: &ClaimedMail,
    error: &str,
) -> Result<AfterFailure, StoreError> {
    let updated = with_db!(db, |pool| sqlx::query(
        "UPDATE mail_outbox SET status = 'failed', last_error = $1
         WHERE id = $2 AND attempts = $3 AND status = 'sending'"
    )
    .bind(truncate(error))
    .bind(claim.id)
    .bind(claim.attempt)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(if updated == 1 {
        AfterFailure::GaveUp
    } else {
        AfterFailure::NotClaimed
    })
}

const ENTRY_COLUMNS: &str =
    "id, to_address, subject, calendar_method IS NOT NULL AS has_calendar, \
     status, attempts, next_attempt_at, last_error, created_at, sent_at";

/// The newest `limit` mails of the outbox, newest first.
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<OutboxEntry>, StoreError> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM mail_outbox ORDER BY id DESC LIMIT $1");
    let rows: Vec<EntryRow> = with_db!(db, |pool| sqlx::query_as(&sql)
        .bind(limit)
        .fetch_all(pool)
        .await)?;
    rows.into_iter().map(OutboxEntry::try_from).collect()
}

/// One mail of the outbox.
pub async fn entry(db: &Db, id: i64) -> Result<OutboxEntry, StoreError> {
    let sql = format!("SELECT {ENTRY_COLUMNS} FROM mail_outbox WHERE id = $1");
    let row: Option<EntryRow> = with_db!(db, |pool| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?;
    row.ok_or(StoreError::NotFound)?.try_into()
}

/// How many mails wait for delivery (pending or being sent).
pub async fn queued_count(db: &Db) -> Result<i64, StoreError> {
    Ok(with_db!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM mail_outbox WHERE status IN ('pending', 'sending')"
    )
    .fetch_one(pool)
    .await)?)
}

/// Removes sent mails older than `before` (housekeeping); failed ones stay for an operator to
/// see. Returns how many were removed.
pub async fn purge_sent(db: &Db, before: DateTime<Utc>) -> Result<u64, StoreError> {
    Ok(with_db!(db, |pool| sqlx::query(
        "DELETE FROM mail_outbox WHERE status = 'sent' AND sent_at < $1"
    )
    .bind(before)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?)
}

fn truncate(error: &str) -> String {
    error.chars().take(MAX_ERROR_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail() -> OutgoingMail {
        OutgoingMail {
            to: "ana@example.org".into(),
            to_name: Some("Ana Nowak".into()),
            subject: "Invitation".into(),
            text_body: "Hello".into(),
            html_body: None,
            calendar: Some(CalendarPart {
                method: "REQUEST".into(),
                ics: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into(),
            }),
        }
    }

    fn fields(mail: &OutgoingMail) -> Vec<&'static str> {
        match validate(mail) {
            Ok(()) => Vec::new(),
            Err(invalid) => invalid.0.iter().map(|e| e.field).collect(),
        }
    }

    #[test]
    fn validation_refuses_header_injection_and_bad_addresses() {
        assert!(fields(&mail()).is_empty());
        for to in [
            "",
            "ana",
            "Ana <ana@example.org>",
            "a b@example.org",
            "a@b,c@d.org",
        ] {
            assert_eq!(
                fields(&OutgoingMail {
                    to: to.into(),
                    ..mail()
                }),
                ["to"],
                "{to}"
            );
        }
        let injected = OutgoingMail {
            subject: "Hi\r\nBcc: eve@example.org".into(),
            to_name: Some("Ana\nBcc: eve@example.org".into()),
            ..mail()
        };
        assert_eq!(fields(&injected), ["to_name", "subject"]);
        let bad_method = OutgoingMail {
            calendar: Some(CalendarPart {
                method: "REQUEST; x=y".into(),
                ics: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into(),
            }),
            ..mail()
        };
        assert_eq!(fields(&bad_method), ["calendar"]);
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = RetryPolicy {
            max_attempts: 20,
            first_delay: Duration::from_secs(60),
            max_delay: Duration::from_secs(3600),
        };
        let delays: Vec<u64> = (1..=9).map(|n| policy.delay_after(n).as_secs()).collect();
        assert_eq!(delays, [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
        assert_eq!(policy.delay_after(1000).as_secs(), 3600);
    }
}
