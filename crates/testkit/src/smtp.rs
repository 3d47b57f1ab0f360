//! A real SMTP server for tests: it listens on a loopback port, speaks enough SMTP for a mail
//! client (EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT) and keeps every message it
//! accepts — envelope and raw data — for the test to read. It can also refuse every recipient
//! (`550`), to exercise retries.

use cospace_store::outbox::RetryPolicy;
use cospace_web::mail::{MailConfig, MailTransport};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// One message the sink accepted.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// The envelope sender (`MAIL FROM`).
    pub mail_from: String,
    /// The envelope recipients (`RCPT TO`).
    pub rcpt_to: Vec<String>,
    /// The message as transmitted after `DATA`, dot-unstuffed, CRLF line ends.
    pub data: String,
    pub received_at: Instant,
}

impl ReceivedMail {
    /// The value of the first top-level header `name` (case-insensitive), unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or("");
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        unfolded.split("\r\n").find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    }
}

#[derive(Default)]
struct Shared {
    accepted: Mutex<Vec<ReceivedMail>>,
    /// When each refused `RCPT TO` came.
    refused: Mutex<Vec<Instant>>,
    refuse_recipients: bool,
    /// How long the sink takes to accept a message's data.
    data_delay: Duration,
}

/// The running sink; it stops when dropped.
pub struct SmtpSink {
    address: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl SmtpSink {
    /// A sink that accepts every message.
    pub async fn start() -> SmtpSink {
        Self::start_with(false, Duration::ZERO).await
    }

    /// A sink that takes `delay` to accept each message, as a busy relay would.
    pub async fn slow(delay: Duration) -> SmtpSink {
        Self::start_with(false, delay).await
    }

    /// A sink that answers every `RCPT TO` with `550 5.1.1` (and so accepts nothing).
    pub async fn refusing_recipients() -> SmtpSink {
        Self::start_with(true, Duration::ZERO).await
    }

    async fn start_with(refuse_recipients: bool, data_delay: Duration) -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind sink");
        let address = listener.local_addr().expect("sink address");
        let shared = Arc::new(Shared {
            refuse_recipients,
            data_delay,
            ..Shared::default()
        });
        let serving = shared.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, serving.clone()));
            }
        });
        SmtpSink {
            address,
            shared,
            task,
        }
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// `smtp://127.0.0.1:PORT`: plain SMTP, as to a local relay.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.address)
    }

    /// Mail settings that deliver to this sink, with a short poll interval and quick retries
    /// (three attempts, 200 ms then 400 ms apart).
    pub fn mail_config(&self) -> MailConfig {
        fast_mail_config(MailTransport::Smtp { url: self.url() })
    }

    /// Every message accepted so far.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        self.shared.accepted.lock().expect("sink lock").clone()
    }

    /// When each refused recipient was offered.
    pub fn refusals(&self) -> Vec<Instant> {
        self.shared.refused.lock().expect("sink lock").clone()
    }

    /// Waits until at least `count` messages arrived (panics after `timeout`) and returns all.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let deadline = Instant::now() + timeout;
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            assert!(
                Instant::now() < deadline,
                "the SMTP sink received {} of {count} messages in {timeout:?}",
                messages.len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// Mail settings for tests: the given transport, a 50 ms poll, three attempts 200 ms and
/// 400 ms apart, a 5 s SMTP timeout.
pub fn fast_mail_config(transport: MailTransport) -> MailConfig {
    MailConfig {
        transport,
        from: "Cospace <noreply@cospace.test>".to_owned(),
        poll_interval: Duration::from_millis(50),
        lease: Duration::from_secs(60),
        batch_size: 5,
        smtp_timeout: Duration::from_secs(5),
        retry: RetryPolicy {
            max_attempts: 3,
            first_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
        },
    }
}

/// An `smtp://` URL where nothing listens (connections are refused).
pub async fn unreachable_smtp_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    format!("smtp://{address}")
}

/// The address between `<` and `>` of `MAIL FROM:<…>` / `RCPT TO:<…>`.
fn angle_address(argument: &str) -> String {
    match (argument.find('<'), argument.rfind('>')) {
        (Some(start), Some(end)) if start < end => argument[start + 1..end].to_owned(),
        _ => argument
            .split_once(':')
            .map(|(_, rest)| rest.trim().to_owned())
            .unwrap_or_default(),
    }
}

async fn session(stream: TcpStream, shared: Arc<Shared>) {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read.take(64 * 1024 * 1024));
    if write
        .write_all(b"220 sink.test ESMTP test sink\r\n")
        .await
        .is_err()
    {
        return;
    }
    let mut mail_from: Option<String> = None;
    let mut rcpt_to: Vec<String> = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = line.trim_end_matches(['\r', '\n']);
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        let answer: String = match verb.as_str() {
            "EHLO" => "250-sink.test\r\n250-8BITMIME\r\n250 SIZE 67108864\r\n".to_owned(),
            "HELO" => "250 sink.test\r\n".to_owned(),
            "MAIL" => {
                mail_from = Some(angle_address(command));
                rcpt_to.clear();
                "250 2.1.0 OK\r\n".to_owned()
            }
            "RCPT" if mail_from.is_none() => "503 5.5.1 MAIL first\r\n".to_owned(),
            "RCPT" if shared.refuse_recipients => {
                shared
                    .refused
                    .lock()
                    .expect("sink lock")
                    .push(Instant::now());
                "550 5.1.1 mailbox unavailable\r\n".to_owned()
            }
            "RCPT" => {
                rcpt_to.push(angle_address(command));
                "250 2.1.5 OK\r\n".to_owned()
            }
            "DATA" if rcpt_to.is_empty() => "503 5.5.1 RCPT first\r\n".to_owned(),
            "DATA" => {
                if write
                    .write_all(b"354 end data with <CR><LF>.<CR><LF>\r\n")
                    .await
                    .is_err()
                {
                    return;
                }
                let mut data = String::new();
                loop {
                    line.clear();
                    match reader.read_line(&mut line).await {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    // Dot-unstuffing (RFC 5321 §4.5.2).
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                tokio::time::sleep(shared.data_delay).await;
                shared
                    .accepted
                    .lock()
                    .expect("sink lock")
                    .push(ReceivedMail {
                        mail_from: mail_from.take().unwrap_or_default(),
                        rcpt_to: std::mem::take(&mut rcpt_to),
                        data,
                        received_at: Instant::now(),
                    });
                "250 2.0.0 OK queued\r\n".to_owned()
            }
            "RSET" => {
                mail_from = None;
                rcpt_to.clear();
                "250 2.0.0 OK\r\n".to_owned()
            }
            "NOOP" => "250 2.0.0 OK\r\n".to_owned(),
            "QUIT" => {
                let _ = write.write_all(b"221 2.0.0 bye\r\n").await;
                return;
            }
            _ => "502 5.5.2 command not recognised\r\n".to_owned(),
        };
        if write.write_all(answer.as_bytes()).await.is_err() {
            return;
        }
    }
}
