//! Request metrics in the Prometheus text format, kept in memory per node (each node exposes
//! its own `/metrics`; Prometheus sums across nodes).

use crate::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0];

#[derive(Default, Debug)]
struct RouteStats {
    /// Requests by status code.
    by_status: BTreeMap<u16, u64>,
    /// Cumulative counts per bucket, then +Inf.
    buckets: [u64; BUCKETS.len() + 1],
    sum_seconds: f64,
    count: u64,
}

#[derive(Default, Debug)]
pub struct Metrics {
    routes: Mutex<BTreeMap<(String, String), RouteStats>>,
    started: std::sync::OnceLock<Instant>,
    mail_sent: AtomicU64,
    mail_failed: AtomicU64,
    mail_given_up: AtomicU64,
}

impl Metrics {
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let _ = self.started.get_or_init(Instant::now);
        let Ok(mut routes) = self.routes.lock() else {
            return;
        };
        let stats = routes
            .entry((method.to_owned(), route.to_owned()))
            .or_default();
        *stats.by_status.entry(status).or_default() += 1;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                stats.buckets[i] += 1;
            }
        }
        stats.buckets[BUCKETS.len()] += 1;
        stats.sum_seconds += seconds;
        stats.count += 1;
    }

    /// A mail was accepted by the mail server.
    pub fn mail_sent(&self) {
        self.mail_sent.fetch_add(1, Ordering::Relaxed);
    }

    /// A delivery attempt failed.
    pub fn mail_failed(&self) {
        self.mail_failed.fetch_add(1, Ordering::Relaxed);
    }

    /// A mail was given up (its last attempt failed, or it cannot be sent at all).
    pub fn mail_given_up(&self) {
        self.mail_given_up.fetch_add(1, Ordering::Relaxed);
    }

    /// The Prometheus exposition text, with the pool gauges passed in.
    pub fn render(&self, pool_size: u32, pool_idle: usize) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP cospace_http_requests_total HTTP requests served."
        );
        let _ = writeln!(out, "# TYPE cospace_http_requests_total counter");
        let routes = match self.routes.lock() {
            Ok(routes) => routes,
            Err(poisoned) => poisoned.into_inner(),
        };
        for ((method, route), stats) in routes.iter() {
            for (status, count) in &stats.by_status {
                let _ = writeln!(
                    out,
                    "cospace_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {count}",
                    escape(route)
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP cospace_http_request_duration_seconds Time to answer a request."
        );
        let _ = writeln!(
            out,
            "# TYPE cospace_http_request_duration_seconds histogram"
        );
        for ((method, route), stats) in routes.iter() {
            let labels = format!("method=\"{method}\",route=\"{}\"", escape(route));
            for (i, bound) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "cospace_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {}",
                    stats.buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "cospace_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                stats.buckets[BUCKETS.len()]
            );
            let _ = writeln!(
                out,
                "cospace_http_request_duration_seconds_sum{{{labels}}} {}",
                stats.sum_seconds
            );
            let _ = writeln!(
                out,
                "cospace_http_request_duration_seconds_count{{{labels}}} {}",
                stats.count
            );
        }
        let _ = writeln!(
            out,
            "# HELP cospace_db_pool_connections Open database connections."
        );
        let _ = writeln!(out, "# TYPE cospace_db_pool_connections gauge");
        let _ = writeln!(out, "cospace_db_pool_connections {pool_size}");
        let _ = writeln!(
            out,
            "# HELP cospace_db_pool_idle Idle database connections."
        );
        let _ = writeln!(out, "# TYPE cospace_db_pool_idle gauge");
        let _ = writeln!(out, "cospace_db_pool_idle {pool_idle}");
        for (name, help, counter) in [
            (
                "cospace_mail_sent_total",
                "Mails accepted by the mail server.",
                &self.mail_sent,
            ),
            (
                "cospace_mail_failures_total",
                "Failed mail delivery attempts.",
                &self.mail_failed,
            ),
            (
                "cospace_mail_given_up_total",
                "Mails given up undelivered.",
                &self.mail_given_up,
            ),
        ] {
            let _ = writeln!(out, "# HELP {name} {help}");
            let _ = writeln!(out, "# TYPE {name} counter");
            let _ = writeln!(out, "{name} {}", counter.load(Ordering::Relaxed));
        }
        out
    }
}

fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Times every request and counts it under its route pattern (never the raw path, which would
/// let clients create unbounded label values).
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().as_str().to_owned();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let response = next.run(request).await;
    state.metrics.observe(
        &method,
        &route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// `GET /metrics`.
pub async fn serve(State(state): State<AppState>) -> Response {
    let (size, idle) = state.db.pool_stats();
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        state.metrics.render(size, idle),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_histograms() {
        let metrics = Metrics::default();
        metrics.observe("GET", "/spaces/{slug}", 200, 0.003);
        metrics.observe("GET", "/spaces/{slug}", 404, 0.2);
        let text = metrics.render(3, 1);
        assert!(text.contains(
            "cospace_http_requests_total{method=\"GET\",route=\"/spaces/{slug}\",status=\"200\"} 1"
        ));
        assert!(text.contains(
            "cospace_http_request_duration_seconds_bucket{method=\"GET\",route=\"/spaces/{slug}\",le=\"0.005\"} 1"
        ));
        assert!(text.contains(
            "cospace_http_request_duration_seconds_count{method=\"GET\",route=\"/spaces/{slug}\"} 2"
        ));
        assert!(text.contains("cospace_db_pool_connections 3"));
        metrics.mail_sent();
        metrics.mail_failed();
        metrics.mail_failed();
        let text = metrics.render(3, 1);
        assert!(text.contains("cospace_mail_sent_total 1\n"));
        assert!(text.contains("cospace_mail_failures_total 2\n"));
        assert!(text.contains("cospace_mail_given_up_total 0\n"));
    }
}
