//! Delivering the outbox (`cospace_store::outbox`): the mail settings, the MIME message built
//! from a queued mail, and the background worker that sends what is due over SMTP (or writes it
//! to `.eml` files) and records each outcome.
//!
//! A use case queues mail with `cospace_store::outbox::enqueue(&mut tx, &mail)` inside its
//! transaction; after the commit, the handler calls [`Mailer::wake`] (`state.mail.wake()`) so
//! this node's worker sends it at once instead of at its next poll. Every node may run a worker:
//! each mail is claimed by exactly one of them.

use crate::state::AppState;
use cospace_store::outbox::{self, AfterFailure, ClaimedMail, RetryPolicy};
use cospace_store::Db;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{
    Address, AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;

/// Where mail goes.
#[derive(Clone, PartialEq, Eq)]
pub enum MailTransport {
    /// Nowhere: mail stays queued until a transport is configured.
    Disabled,
    /// To an SMTP server: `smtp://host:25` (plain, for a local relay),
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS),
    /// `smtp://host:587?tls=opportunistic`, or `smtps://user:pass@host:465` (TLS from the start).
    Smtp { url: String },
    /// Into a folder, one `.eml` file per mail (for development and demos).
    Files { dir: PathBuf },
}

impl fmt::Debug for MailTransport {
    /// Never shows the SMTP password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MailTransport::Disabled => f.write_str("Disabled"),
            MailTransport::Smtp { url } => f
                .debug_struct("Smtp")
                .field("url", &cospace_store::db::redact(url))
                .finish(),
            MailTransport::Files { dir } => f.debug_struct("Files").field("dir", dir).finish(),
        }
    }
}

/// Outgoing mail settings.
#[derive(Debug, Clone)]
pub struct MailConfig {
    pub transport: MailTransport,
    /// The sender, `Name <address>` or a bare address.
    pub from: String,
    /// How often the worker looks for due mail when nothing woke it.
    pub poll_interval: Duration,
    /// How long a claimed mail is reserved for the worker sending it; should the worker die,
    /// another one takes the mail over after this.
    pub lease: Duration,
    /// Mails claimed at a time.
    pub batch_size: i64,
    /// Longest wait for any one answer of the SMTP server.
    pub smtp_timeout: Duration,
    pub retry: RetryPolicy,
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            transport: MailTransport::Disabled,
            from: DEFAULT_FROM.to_owned(),
            poll_interval: Duration::from_secs(5),
            lease: Duration::from_secs(300),
            batch_size: 20,
            smtp_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
        }
    }
}

/// The sender when none is configured (fine for files; an SMTP relay wants a real one).
pub const DEFAULT_FROM: &str = "cospace <noreply@localhost>";

#[derive(Clone)]
enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

impl Transport {
    async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Transport::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| {
                // lettre's error names its kind; the source carries the server's answer.
                match std::error::Error::source(&e) {
                    Some(source) => format!("{e}: {source}"),
                    None => e.to_string(),
                }
            }),
            Transport::Files(files, _) => files
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
        }
    }
}

/// Sends the outbox: holds the transport and the sender, and wakes this node's worker.
/// Cheap to clone; every clone shares one worker wake-up.
#[derive(Clone)]
pub struct Mailer {
    inner: Arc<MailerInner>,
}

struct MailerInner {
    config: MailConfig,
    from: Mailbox,
    transport: Option<Transport>,
    wake: Notify,
}

impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mailer")
            .field("transport", &self.inner.config.transport)
            .field("from", &self.inner.from.to_string())
            .finish()
    }
}

impl Mailer {
    /// Checks the settings and prepares the transport (no connection is made yet). Fails with a
    /// one-line reason on an unusable sender or SMTP URL.
    pub fn new(config: &MailConfig) -> Result<Mailer, String> {
        let from: Mailbox = config
            .from
            .parse()
            .map_err(|e| format!("invalid mail sender '{}': {e}", config.from))?;
        let transport = match &config.transport {
            MailTransport::Disabled => None,
            MailTransport::Smtp { url } => {
                let smtp = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| {
                        format!("invalid SMTP URL '{}': {e}", cospace_store::db::redact(url))
                    })?
                    .timeout(Some(config.smtp_timeout))
                    .build();
                Some(Transport::Smtp(smtp))
            }
            MailTransport::Files { dir } => Some(Transport::Files(
                AsyncFileTransport::<Tokio1Executor>::new(dir),
                dir.clone(),
            )),
        };
        Ok(Mailer {
            inner: Arc::new(MailerInner {
                config: config.clone(),
                from,
                transport,
                wake: Notify::new(),
            }),
        })
    }

    /// Asks this node's worker to look for due mail now. Call it after committing a
    /// transaction that queued mail; without it the mail still goes out at the next poll.
    pub fn wake(&self) {
        self.inner.wake.notify_one();
    }

    /// Whether mail is delivered at all.
    pub fn is_enabled(&self) -> bool {
        self.inner.transport.is_some()
    }

    /// Where mail goes, for the start-up log (no password).
    pub fn describe(&self) -> String {
        match &self.inner.config.transport {
            MailTransport::Disabled => "disabled".to_owned(),
            MailTransport::Smtp { url } => format!("SMTP {}", cospace_store::db::redact(url)),
            MailTransport::Files { dir } => format!("files in {}", dir.display()),
        }
    }

    pub fn config(&self) -> &MailConfig {
        &self.inner.config
    }
}

/// The MIME message for a queued mail.
///
/// Plain text alone is one `text/plain` part; with HTML it is `multipart/alternative`. With a
/// calendar object it is `multipart/mixed`: a `multipart/alternative` of the text, the HTML and a
/// `text/calendar; method=…; charset=UTF-8` part (which Outlook, Gmail and Thunderbird show as an
/// invitation to accept), then the same object as an `invite.ics` attachment for other clients.
/// The Message-ID is derived from the outbox row, so a retried mail keeps its identity.
pub fn build_message(from: &Mailbox, claim: &ClaimedMail) -> Result<Message, String> {
    let mail = &claim.mail;
    let address: Address = mail
        .to
        .parse()
        .map_err(|e| format!("invalid recipient '{}': {e}", mail.to))?;
    let message_id = format!(
        "<outbox.{}.{}@{}>",
        claim.id,
        claim.created_at.timestamp_micros(),
        from.email.domain()
    );
    let builder = Message::builder()
        .from(from.clone())
        .to(Mailbox::new(mail.to_name.clone(), address))
        .subject(mail.subject.clone())
        .message_id(Some(message_id))
        .date_now();
    let text = SinglePart::builder()
        .header(ContentType::TEXT_PLAIN)
        .body(mail.text_body.clone());
    let message = match (&mail.html_body, &mail.calendar) {
        (None, None) => builder.singlepart(text),
        (html, calendar) => {
            let mut alternative = MultiPart::alternative().singlepart(text);
            if let Some(html) = html {
                alternative = alternative.singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(html.clone()),
                );
            }
            match calendar {
                None => builder.multipart(alternative),
                Some(calendar) => {
                    let invitation = ContentType::parse(&format!(
                        "text/calendar; method={}; charset=UTF-8",
                        calendar.method
                    ))
                    .map_err(|e| format!("invalid calendar method '{}': {e}", calendar.method))?;
                    let attachment = ContentType::parse("application/ics; name=\"invite.ics\"")
                        .map_err(|e| e.to_string())?;
                    alternative = alternative.singlepart(
                        SinglePart::builder()
                            .header(invitation)
                            .body(calendar.ics.clone()),
                    );
                    builder.multipart(
                        MultiPart::mixed().multipart(alternative).singlepart(
                            Attachment::new("invite.ics".to_owned())
                                .body(calendar.ics.clone(), attachment),
                        ),
                    )
                }
            }
        }
    };
    message.map_err(|e| format!("cannot build the message: {e}"))
}

/// The running delivery worker of this node. [`MailWorker::shutdown`] stops it after the mail
/// it is sending, if any.
pub struct MailWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl MailWorker {
    /// Stops the worker and waits for it (at most the SMTP timeout, for a mail being sent).
    /// Mail it had claimed but not yet sent is handed back to the outbox.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        if let Err(error) = self.task.await {
            tracing::warn!(%error, "the mail worker ended abnormally");
        }
    }
}

/// Starts this node's delivery worker; `None` when delivery is disabled (mail then stays
/// queued, and this is logged once).
pub fn spawn_worker(state: &AppState) -> Option<MailWorker> {
    let Some(transport) = state.mail.inner.transport.clone() else {
        tracing::info!("mail delivery disabled: queued mail stays in the outbox");
        return None;
    };
    tracing::info!(transport = %state.mail.describe(), "mail delivery started");
    let (stop, stopped) = watch::channel(false);
    let worker = Worker {
        db: state.db.clone(),
        mailer: state.mail.clone(),
        metrics: state.metrics.clone(),
        transport,
        stopped,
    };
    Some(MailWorker {
        stop,
        task: tokio::spawn(worker.run()),
    })
}

struct Worker {
    db: Db,
    mailer: Mailer,
    metrics: Arc<crate::metrics::Metrics>,
    transport: Transport,
    stopped: watch::Receiver<bool>,
}

impl Worker {
    async fn run(mut self) {
        if let Transport::Files(_, dir) = &self.transport {
            if let Err(error) = tokio::fs::create_dir_all(dir).await {
                tracing::warn!(%error, dir = %dir.display(), "cannot create the mail folder");
            }
        }
        let config = self.mailer.inner.config.clone();
        loop {
            self.deliver_due(&config).await;
            if *self.stopped.borrow() {
                return;
            }
            tokio::select! {
                _ = self.mailer.inner.wake.notified() => {}
                _ = tokio::time::sleep(config.poll_interval) => {}
                _ = self.stopped.changed() => return,
            }
        }
    }

    /// Sends every due mail, batch by batch, until none is left or the worker is stopped.
    async fn deliver_due(&self, config: &MailConfig) {
        loop {
            let batch = match outbox::claim_due(&self.db, config.lease, config.batch_size).await {
                Ok(batch) => batch,
                Err(error) => {
                    tracing::warn!(%error, "cannot claim due mail");
                    return;
                }
            };
            if batch.is_empty() {
                return;
            }
            for (i, claim) in batch.iter().enumerate() {
                if *self.stopped.borrow() {
                    // Hand the rest back, for another node (or the next start) to send.
                    for unsent in &batch[i..] {
                        if let Err(error) = outbox::release(&self.db, unsent).await {
                            tracing::warn!(mail = unsent.id, %error, "cannot release mail");
                        }
                    }
                    return;
                }
                self.deliver(claim, config).await;
            }
        }
    }

    async fn deliver(&self, claim: &ClaimedMail, config: &MailConfig) {
        let message = match build_message(&self.mailer.inner.from, claim) {
            Ok(message) => message,
            Err(error) => {
                tracing::warn!(mail = claim.id, %error, "mail cannot be sent: given up");
                self.metrics.mail_given_up();
                if let Err(error) = outbox::give_up(&self.db, claim, &error).await {
                    tracing::warn!(mail = claim.id, %error, "cannot record the mail as failed");
                }
                return;
            }
        };
        match self.transport.send(message).await {
            Ok(()) => {
                self.metrics.mail_sent();
                match outbox::mark_sent(&self.db, claim).await {
                    Ok(true) => tracing::debug!(mail = claim.id, "mail sent"),
                    Ok(false) => tracing::warn!(
                        mail = claim.id,
                        "mail sent after its lease ended: another worker may send it again"
                    ),
                    Err(error) => {
                        tracing::warn!(mail = claim.id, %error, "mail sent but not recorded")
                    }
                }
            }
            Err(error) => {
                self.metrics.mail_failed();
                match outbox::mark_failed(&self.db, claim, &error, &config.retry).await {
                    Ok(AfterFailure::RetryAt(at)) => tracing::warn!(
                        mail = claim.id,
                        attempt = claim.attempt,
                        %error,
                        retry_at = %at,
                        "mail not sent: will retry"
                    ),
                    Ok(AfterFailure::GaveUp) => {
                        self.metrics.mail_given_up();
                        tracing::warn!(
                            mail = claim.id,
                            attempts = claim.attempt,
                            %error,
                            "mail not sent: given up"
                        )
                    }
                    Ok(AfterFailure::NotClaimed) => {}
                    Err(db_error) => {
                        tracing::warn!(mail = claim.id, error = %db_error, "cannot record the failed attempt")
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cospace_store::outbox::{CalendarPart, OutgoingMail};

    fn claim(mail: OutgoingMail) -> ClaimedMail {
        ClaimedMail {
            id: 42,
            attempt: 1,
            created_at: chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default(),
            mail,
        }
    }

    fn mail() -> OutgoingMail {
        OutgoingMail {
            to: "ana@example.org".into(),
            to_name: Some("Ana Nowak".into()),
            subject: "Planning meeting".into(),
            text_body: "You are invited.".into(),
            html_body: None,
            calendar: None,
        }
    }

    const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//cospace//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:1@example.org\r\nDTSTART:20270101T100000Z\r\nSUMMARY:Planning\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    fn render(mail: OutgoingMail) -> String {
        let from: Mailbox = "Cospace <noreply@cospace.example>".parse().unwrap();
        String::from_utf8(build_message(&from, &claim(mail)).unwrap().formatted()).unwrap()
    }

    /// The Content-Type header lines of the message, in order (unfolded).
    fn content_types(raw: &str) -> Vec<String> {
        let unfolded = raw.replace("\r\n ", " ").replace("\r\n\t", " ");
        unfolded
            .lines()
            .filter_map(|line| line.strip_prefix("Content-Type: "))
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn plain_text_is_one_part() {
        let raw = render(mail());
        assert_eq!(content_types(&raw), ["text/plain; charset=utf-8"]);
        assert!(raw.contains("From: Cospace <noreply@cospace.example>\r\n"));
        assert!(raw.contains("To: \"Ana Nowak\" <ana@example.org>\r\n"));
        assert!(raw.contains("Subject: Planning meeting\r\n"));
        assert!(raw.contains("Message-ID: <outbox.42.1800000000000000@cospace.example>\r\n"));
        assert!(raw.contains("\r\n\r\nYou are invited."));
    }

    #[test]
    fn html_makes_an_alternative() {
        let raw = render(OutgoingMail {
            html_body: Some("<p>You are <b>invited</b>.</p>".into()),
            ..mail()
        });
        let types = content_types(&raw);
        assert!(types[0].starts_with("multipart/alternative; boundary="));
        assert_eq!(
            &types[1..],
            ["text/plain; charset=utf-8", "text/html; charset=utf-8"]
        );
    }

    #[test]
    fn an_invitation_has_a_calendar_alternative_and_an_ics_attachment() {
        let raw = render(OutgoingMail {
            html_body: Some("<p>You are invited.</p>".into()),
            calendar: Some(CalendarPart {
                method: "REQUEST".into(),
                ics: ICS.into(),
            }),
            ..mail()
        });
        let types = content_types(&raw);
        assert!(
            types[0].starts_with("multipart/mixed; boundary="),
            "{types:?}"
        );
        assert!(types[1].starts_with("multipart/alternative; boundary="));
        assert_eq!(
            &types[2..],
            [
                "text/plain; charset=utf-8",
                "text/html; charset=utf-8",
                "text/calendar; method=REQUEST; charset=utf-8",
                "application/ics; name=\"invite.ics\"",
            ]
        );
        assert!(raw.contains("Content-Disposition: attachment; filename=\"invite.ics\""));
        // The calendar travels unencoded (it is ASCII with short lines), twice.
        assert_eq!(raw.matches("METHOD:REQUEST\r\n").count(), 2);
        assert_eq!(raw.matches("UID:1@example.org\r\n").count(), 2);
    }

    #[test]
    fn non_ascii_names_and_subjects_are_encoded() {
        let raw = render(OutgoingMail {
            to_name: Some("Łucja Żak".into()),
            subject: "Spotkanie w środę".into(),
            text_body: "Zaproszenie na spotkanie — środa".into(),
            ..mail()
        });
        assert!(raw.is_ascii(), "{raw}");
        assert!(raw.contains("To: =?utf-8?b?xYF1Y2phIMW7YWs=?= <ana@example.org>\r\n"));
        assert!(raw.contains("Subject: Spotkanie w =?utf-8?b?xZtyb2TEmQ==?=\r\n"));
        assert!(raw.contains("Content-Transfer-Encoding: quoted-printable\r\n"));
    }

    #[test]
    fn refuses_what_cannot_be_addressed() {
        let from: Mailbox = "noreply@cospace.example".parse().unwrap();
        let bad = claim(OutgoingMail {
            to: "not an address".into(),
            ..mail()
        });
        assert!(build_message(&from, &bad)
            .unwrap_err()
            .contains("invalid recipient"));
    }

    #[test]
    fn settings_are_checked_and_passwords_never_shown() {
        let config = MailConfig {
            transport: MailTransport::Smtp {
                url: "smtps://user:s3cret@mail.example.org:465".into(),
            },
            from: "Cospace <noreply@cospace.example>".into(),
            ..MailConfig::default()
        };
        let mailer = Mailer::new(&config).unwrap();
        assert!(mailer.is_enabled());
        assert!(!mailer.describe().contains("s3cret"));
        assert!(!format!("{config:?}").contains("s3cret"));
        let bad_url = MailConfig {
            transport: MailTransport::Smtp {
                url: "imap://mail.example.org".into(),
            },
            ..MailConfig::default()
        };
        assert!(Mailer::new(&bad_url)
            .unwrap_err()
            .contains("invalid SMTP URL"));
        let bad_from = MailConfig {
            from: "nobody".into(),
            ..MailConfig::default()
        };
        assert!(Mailer::new(&bad_from)
            .unwrap_err()
            .contains("invalid mail sender"));
        assert!(!Mailer::new(&MailConfig::default()).unwrap().is_enabled());
    }
}
