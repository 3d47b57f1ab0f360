//! Serving HTTP/1.1 with the limits a public server needs. A client that opens a connection and
//! sends nothing, or sends its headers a byte at a time (slowloris), or leaves a keep-alive
//! connection idle, is disconnected after [`Limits::header_read`]: each connection holds a file
//! descriptor, and a server that lets them pile up stops accepting anyone once it runs out.
//! When accepting fails (out of file descriptors), it is logged, not silently retried.

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::future::Future;
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt;

/// How long the server waits for clients.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// To receive a request's headers, counted from the moment the connection is waiting for
    /// a request: a new connection, or a kept-alive one after its last response.
    pub header_read: Duration,
    /// For requests in flight to finish after a shutdown signal.
    pub graceful: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read: Duration::from_secs(10),
            graceful: Duration::from_secs(30),
        }
    }
}

/// Serves `app` on `listener` until `shutdown` resolves, then stops accepting and lets the
/// requests in flight finish (within [`Limits::graceful`]).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let (stop_tx, stop_rx) = watch::channel(false);
    let (done_tx, done_rx) = watch::channel(());
    let mut shutdown = std::pin::pin!(shutdown);
    let mut last_refusal_log: Option<Instant> = None;
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(error) => {
                    refused(&error, &mut last_refusal_log);
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let mut stop = stop_rx.clone();
        let done = done_rx.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
                let mut request = request.map(axum::body::Body::new);
                request.extensions_mut().insert(ConnectInfo(remote));
                app.clone().oneshot(request)
            });
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_read);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            let mut connection = std::pin::pin!(connection);
            tokio::select! {
                result = connection.as_mut() => {
                    if let Err(error) = result {
                        tracing::debug!(%error, %remote, "connection ended");
                    }
                }
                _ = async { stop.wait_for(|stop| *stop).await.is_ok() } => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(done);
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(done_rx);
    if tokio::time::timeout(limits.graceful, done_tx.closed())
        .await
        .is_err()
    {
        tracing::warn!("requests still running after the grace period were cut off");
    }
}

/// Logs a failed accept — at most every ten seconds, with what to do about it.
fn refused(error: &std::io::Error, last: &mut Option<Instant>) {
    // A client that gave up before being accepted is not the server's problem.
    if matches!(
        error.kind(),
        std::io::ErrorKind::ConnectionAborted | std::io::ErrorKind::ConnectionReset
    ) {
        return;
    }
    if last.is_some_and(|at| at.elapsed() < Duration::from_secs(10)) {
        return;
    }
    *last = Some(Instant::now());
    tracing::error!(
        %error,
        "connections are being refused: out of file descriptors? raise the open-file limit \
         (ulimit -n, or LimitNOFILE for systemd); see README"
    );
}

/// The process's open-file limit (soft), where the system says (Linux).
pub fn open_file_limit() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}
