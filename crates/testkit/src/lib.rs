//! Test support: the real application (router, middleware, components) over a fresh SQLite
//! file or a fresh PostgreSQL database, a client that keeps cookies and fills in CSRF tokens
//! the way a browser does, and factories for users, spaces and tokens.
//!
//! Tests are written once and run on both backends with [`db_tests!`]. The PostgreSQL variant
//! needs a server (`COSPACE_TEST_POSTGRES_URL`, default
//! `postgres://postgres@127.0.0.1:5432/test`); without one it prints why it skips — unless
//! `CI` or `COSPACE_REQUIRE_POSTGRES` is set, where a missing server fails the test.

// Test support: a failed expectation here is a failed test, which is what panicking reports.
#![allow(clippy::expect_used, clippy::unwrap_used)]

pub mod smtp;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use cospace_core::account::Email;
use cospace_core::permissions::MemberRole;
use cospace_core::space::{SpaceDraft, SpaceInput};
use cospace_core::UserId;
use cospace_store::accounts::{self, NewUser};
use cospace_store::spaces::{self, Space};
use cospace_store::{migrations, secrets, ConnectOptions, Db};
use cospace_web::mail::{self, MailConfig, MailWorker};
use cospace_web::{AppState, Component, Registry, WebConfig};
use http_body_util::BodyExt;
use sqlx::Connection;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use tower::ServiceExt;

pub use serde_json::{json, Value};
pub use smtp::{ReceivedMail, SmtpSink};

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("cospace_test_{}_{n}_{nanos}", std::process::id())
}

fn postgres_admin_url() -> String {
    std::env::var("COSPACE_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

fn postgres_required() -> bool {
    std::env::var("COSPACE_REQUIRE_POSTGRES").is_ok_and(|v| v != "0")
        || std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false")
}

/// Removes the test database when the test ends.
enum Cleanup {
    SqliteFile(std::path::PathBuf),
    PostgresDatabase { admin_url: String, name: String },
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        match self {
            Cleanup::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut file = path.clone().into_os_string();
                    file.push(suffix);
                    let _ = std::fs::remove_file(file);
                }
            }
            Cleanup::PostgresDatabase { admin_url, name } => {
                let admin_url = admin_url.clone();
                let name = name.clone();
                // Drop runs inside the test's runtime; a separate thread with its own runtime
                // can still wait for the database to be dropped.
                let _ = std::thread::spawn(move || {
                    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    runtime.block_on(async {
                        if let Ok(mut conn) = sqlx::PgConnection::connect(&admin_url).await {
                            let _ = sqlx::query(&format!(
                                "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                            ))
                            .execute(&mut conn)
                            .await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// The application under test.
pub struct TestApp {
    pub router: Router,
    components: Vec<Component>,
    pub state: AppState,
    pub backend: Backend,
    pub database_url: String,
    /// This node's mail delivery worker, when mail is configured (see [`TestApp::with_mail`]).
    pub mail_worker: Option<MailWorker>,
    _cleanup: Cleanup,
}

impl TestApp {
    /// A fresh app with `components` on a fresh database. `None` (with the reason printed)
    /// when PostgreSQL is wanted but not reachable and not required.
    pub async fn spawn(backend: Backend, components: Vec<Component>) -> Option<TestApp> {
        Self::spawn_with(backend, components, WebConfig::default()).await
    }

    /// A fresh app with `config`; its mail delivery worker runs when `config.mail` has a
    /// transport.
    pub async fn spawn_with(
        backend: Backend,
        components: Vec<Component>,
        config: WebConfig,
    ) -> Option<TestApp> {
        let name = unique_name();
        let (database_url, cleanup) = match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("{name}.db"));
                (
                    format!("sqlite://{}", path.display()),
                    Cleanup::SqliteFile(path),
                )
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url();
                let mut admin = match sqlx::PgConnection::connect(&admin_url).await {
                    Ok(conn) => conn,
                    Err(error) => {
                        if postgres_required() {
                            panic!("PostgreSQL is required here but {admin_url} is not reachable: {error}");
                        }
                        eprintln!("skipping PostgreSQL test: {admin_url} is not reachable ({error}); set COSPACE_TEST_POSTGRES_URL");
                        return None;
                    }
                };
                sqlx::query(&format!("CREATE DATABASE \"{name}\""))
                    .execute(&mut admin)
                    .await
                    .expect("create test database");
                let mut url = url::Url::parse(&admin_url).expect("valid PostgreSQL URL");
                url.set_path(&format!("/{name}"));
                (
                    url.to_string(),
                    Cleanup::PostgresDatabase {
                        admin_url,
                        name: name.clone(),
                    },
                )
            }
        };
        let registry = Registry::new(components.clone()).expect("valid components");
        let options = ConnectOptions {
            max_connections: 5,
            ..ConnectOptions::default()
        };
        let db = Db::connect(&database_url, &options)
            .await
            .expect("connect to test database");
        migrations::run(&db, &registry.migrations())
            .await
            .expect("migrate test database");
        let state = AppState::new(db, registry, config).expect("translations load");
        let router = cospace_web::build_app(state.clone());
        let mail_worker = mail::spawn_worker(&state);
        Some(TestApp {
            router,
            components,
            state,
            backend,
            database_url,
            mail_worker,
            _cleanup: cleanup,
        })
    }

    /// The same app (same database) with its mail settings replaced by `mail` — say
    /// [`SmtpSink::mail_config`] — and its delivery worker started. For tests written with
    /// [`db_tests!`], which spawn apps with the default settings.
    pub async fn with_mail(self, mail: MailConfig) -> TestApp {
        self.with_config(|config| config.mail = mail).await
    }

    /// The same app (same database) with its settings changed by `change` (a public URL, a
    /// rate limit…), its router rebuilt and its mail worker restarted.
    pub async fn with_config(mut self, change: impl FnOnce(&mut WebConfig)) -> TestApp {
        if let Some(worker) = self.mail_worker.take() {
            worker.shutdown().await;
        }
        let mut config = self.state.config.as_ref().clone();
        change(&mut config);
        let registry = Registry::new(self.components.clone()).expect("valid components");
        self.state =
            AppState::new(self.state.db.clone(), registry, config).expect("valid settings");
        self.router = cospace_web::build_app(self.state.clone());
        self.mail_worker = mail::spawn_worker(&self.state);
        self
    }

    /// Another server node over the same database, as a second `cospace serve` would be:
    /// its own pool, state and router, sharing only the database.
    pub async fn another_node(&self) -> Router {
        cospace_web::build_app(self.another_node_state().await)
    }

    /// The state of another node over the same database (its own pool), with this node's
    /// settings; start its mail worker with `cospace_web::mail::spawn_worker`.
    pub async fn another_node_state(&self) -> AppState {
        let registry = Registry::new(self.components.clone()).expect("valid components");
        let db = Db::connect(&self.database_url, &ConnectOptions::default())
            .await
            .expect("connect second node");
        migrations::run(&db, &registry.migrations())
            .await
            .expect("migrations are idempotent");
        AppState::new(db, registry, self.state.config.as_ref().clone()).expect("translations load")
    }

    /// A client of another node, carrying over `from`'s cookies (a load balancer sending the
    /// same browser elsewhere).
    pub fn client_of(&self, node: Router, from: &Client) -> Client {
        Client {
            router: node,
            cookies: from.cookies.clone(),
            ip: from.ip.clone(),
            accept_language: from.accept_language.clone(),
            csrf: from.csrf.clone(),
        }
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// A browser-like client with an empty cookie jar.
    pub fn client(&self) -> Client {
        Client {
            router: self.router.clone(),
            cookies: BTreeMap::new(),
            ip: "203.0.113.7".to_owned(),
            accept_language: None,
            csrf: None,
        }
    }

    /// A client signed in as `email` (through the real sign-in form).
    pub async fn signed_in(&self, email: &str, password: &str) -> Client {
        let mut client = self.client();
        let response = client.sign_in(email, password).await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "sign-in failed: {}",
            response.body
        );
        client
    }

    /// Signs up through the real form and confirms through the link mailed to `email`, as a
    /// person would: `client` is signed in afterwards. Returns the confirmation's response.
    pub async fn sign_up(
        &self,
        client: &mut Client,
        name: &str,
        email: &str,
        password: &str,
    ) -> TestResponse {
        let before = self.mail_to(email).await.len();
        let sent = client
            .post_form(
                "/account/sign-up",
                &[
                    ("display_name", name),
                    ("email", email),
                    ("password", password),
                    ("password_confirm", password),
                ],
            )
            .await;
        assert_eq!(sent.status, StatusCode::OK, "sign-up failed: {}", sent.body);
        let mails = self.mail_to(email).await;
        assert_eq!(mails.len(), before + 1, "no confirmation mail to {email}");
        let link = link_path(&mails[before].text, "/account/confirm/")
            .unwrap_or_else(|| panic!("no confirmation link in {:?}", mails[before].text));
        let page = client.get(&link).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        client.post_form(&link, &[]).await
    }

    /// Every mail queued for `to`, oldest first, whatever its delivery status (tests deliver
    /// nothing unless they configure a transport, so mail waits in the outbox).
    pub async fn mail_to(&self, to: &str) -> Vec<QueuedMail> {
        let rows: Vec<(String, Option<String>, String, String)> =
            cospace_store::with_db!(self.db(), |pool| sqlx::query_as(
                "SELECT to_address, to_name, subject, text_body FROM mail_outbox
                 WHERE to_address = $1 ORDER BY id"
            )
            .bind(to.trim().to_lowercase())
            .fetch_all(pool)
            .await)
            .expect("read the outbox");
        rows.into_iter()
            .map(|(to, to_name, subject, text)| QueuedMail {
                to,
                to_name,
                subject,
                text,
            })
            .collect()
    }

    /// Creates an account directly in the database.
    pub async fn create_user(&self, email: &str, password: &str, platform_admin: bool) -> UserId {
        let email = Email::parse("email", email).expect("valid e-mail");
        let hash = secrets::hash_password(password).await.expect("hash");
        let mut tx = self.db().begin().await.expect("begin");
        let name = email
            .as_str()
            .split('@')
            .next()
            .unwrap_or("user")
            .to_owned();
        let id = accounts::create_user(
            &mut tx,
            NewUser {
                email: &email,
                display_name: &name,
                password_hash: &hash,
                platform_admin,
                language: None,
            },
        )
        .await
        .expect("create user");
        tx.commit().await.expect("commit");
        id
    }

    /// Creates a public space directly (through the same use case the pages use).
    pub async fn create_space(&self, parent: Option<&str>, slug: &str, title: &str) -> Space {
        self.create_space_with(parent, slug, title, "public").await
    }

    pub async fn create_space_with(
        &self,
        parent: Option<&str>,
        slug: &str,
        title: &str,
        visibility: &str,
    ) -> Space {
        let admin = match accounts::user_by_email(self.db(), "factory-admin@example.org")
            .await
            .expect("query")
        {
            Some(user) => user.id(),
            None => {
                self.create_user("factory-admin@example.org", "factory password", true)
                    .await
            }
        };
        let parent = match parent {
            Some(slug) => Some(
                spaces::space_by_slug(self.db(), slug)
                    .await
                    .expect("parent"),
            ),
            None => None,
        };
        let draft = SpaceDraft::parse(&SpaceInput {
            title: title.into(),
            slug: slug.into(),
            kind: "neighbourhood".into(),
            description: format!("About {title}"),
            languages: vec!["en".into(), "pl".into()],
            visibility: visibility.into(),
        })
        .expect("valid space");
        cospace_web::platform::spaces::create_space(&self.state, admin, parent.as_ref(), &draft)
            .await
            .expect("create space");
        spaces::space_by_slug(self.db(), slug).await.expect("space")
    }

    pub async fn add_member(&self, slug: &str, email: &str, role: MemberRole) {
        let space = spaces::space_by_slug(self.db(), slug).await.expect("space");
        let admin = accounts::user_by_email(self.db(), "factory-admin@example.org")
            .await
            .expect("query")
            .expect("factory admin exists once a space was made");
        cospace_web::platform::spaces::put_member(&self.state, admin.id(), &space, email, role)
            .await
            .expect("add member");
    }

    /// A personal API token for `email`.
    pub async fn api_token(&self, email: &str) -> String {
        let user = accounts::user_by_email(self.db(), email)
            .await
            .expect("query")
            .expect("user exists");
        let mut tx = self.db().begin().await.expect("begin");
        let token = accounts::create_api_token(&mut tx, user.id(), "test")
            .await
            .expect("token");
        tx.commit().await.expect("commit");
        token.token
    }

    /// Number of activity-log entries with this action.
    pub async fn count_activity(&self, action: &str) -> i64 {
        cospace_store::with_db!(self.db(), |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM activity_log WHERE action = $1"
        )
        .bind(action)
        .fetch_one(pool)
        .await)
        .expect("count")
    }
}

/// A response, read to the end.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn location(&self) -> Option<&str> {
        self.header("location")
    }

    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }
}

/// A client that behaves like a browser: it keeps cookies and sends the CSRF token with forms.
#[derive(Clone)]
pub struct Client {
    router: Router,
    pub cookies: BTreeMap<String, String>,
    /// The client address the server sees.
    pub ip: String,
    pub accept_language: Option<String>,
    /// The CSRF token of the last page that carried one (it is bound to the session, so a
    /// change of session forgets it).
    pub csrf: Option<String>,
}

impl Client {
    pub async fn request(
        &mut self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Body,
    ) -> TestResponse {
        let mut builder = Request::builder().method(method).uri(path);
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            builder = builder.header(header::COOKIE, cookie);
        }
        if let Some(lang) = &self.accept_language {
            builder = builder.header(header::ACCEPT_LANGUAGE, lang.as_str());
        }
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let mut request = builder.body(body).expect("request");
        let address: SocketAddr = format!("{}:40000", self.ip)
            .parse()
            .unwrap_or_else(|_| SocketAddr::from(([127, 0, 0, 1], 40000)));
        request.extensions_mut().insert(ConnectInfo(address));
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router is infallible");
        let status = response.status();
        let headers = response.headers().clone();
        for value in headers.get_all(header::SET_COOKIE) {
            let Ok(text) = value.to_str() else { continue };
            let Ok(cookie) = cookie_pair(text) else {
                continue;
            };
            let (name, value, expired) = cookie;
            if name == "cospace_session" {
                self.csrf = None;
            }
            if expired || value.is_empty() {
                self.cookies.remove(&name);
            } else {
                self.cookies.insert(name, value);
            }
        }
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(token) = hidden_field(&body, "csrf_token") {
            self.csrf = Some(token);
        }
        TestResponse {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&mut self, path: &str) -> TestResponse {
        self.request(Method::GET, path, &[], Body::empty()).await
    }

    /// Posts a form as a browser would after loading a page: the CSRF cookie is obtained
    /// first if needed and its token added to the fields.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        if self.csrf.is_none() {
            self.get("/").await;
        }
        let token = self.csrf.clone().unwrap_or_default();
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_form_raw(path, &all).await
    }

    /// Posts exactly `fields`, with no CSRF token added.
    pub async fn post_form_raw(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.request(
            Method::POST,
            path,
            &[("content-type", "application/x-www-form-urlencoded")],
            Body::from(body),
        )
        .await
    }

    pub async fn sign_in(&mut self, email: &str, password: &str) -> TestResponse {
        self.post_form(
            "/account/sign-in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// A JSON API call, with a bearer token when given.
    pub async fn api(
        &mut self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> TestResponse {
        let auth = token.map(|t| format!("Bearer {t}"));
        let mut headers: Vec<(&str, &str)> = Vec::new();
        if let Some(auth) = &auth {
            headers.push(("authorization", auth.as_str()));
        }
        let body = match body {
            Some(value) => {
                headers.push(("content-type", "application/json"));
                Body::from(value.to_string())
            }
            None => Body::empty(),
        };
        self.request(method, path, &headers, body).await
    }
}

/// (name, value, expired) from a `Set-Cookie` header.
fn cookie_pair(text: &str) -> Result<(String, String, bool), ()> {
    let mut parts = text.split(';');
    let (name, value) = parts.next().ok_or(())?.split_once('=').ok_or(())?;
    let expired = parts.any(|p| p.trim().eq_ignore_ascii_case("Max-Age=0"));
    Ok((name.trim().to_owned(), value.trim().to_owned(), expired))
}

/// A mail in the outbox, as [`TestApp::mail_to`] reads it.
#[derive(Debug, Clone)]
pub struct QueuedMail {
    pub to: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub text: String,
}

/// The path (and query) of the first absolute link in `text` whose path starts with `prefix`:
/// `/account/confirm/abc` from `… https://cospace.example.org/account/confirm/abc …`.
pub fn link_path(text: &str, prefix: &str) -> Option<String> {
    text.split_whitespace().find_map(|word| {
        let rest = word
            .strip_prefix("https://")
            .or_else(|| word.strip_prefix("http://"))?;
        let at = rest.find('/')?;
        let path = &rest[at..];
        path.starts_with(prefix).then(|| path.to_owned())
    })
}

/// Extracts the value of the first `name="…" value="…"` hidden input, for forms.
pub fn hidden_field(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].to_owned())
}

/// Declares each listed `async fn name(app: TestApp)` as two tests, `sqlite::name` and
/// `postgres::name`, running the same body on each backend.
#[macro_export]
macro_rules! db_tests {
    ($components:expr; $($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    if let Some(app) = $crate::TestApp::spawn($crate::Backend::Sqlite, $components).await {
                        super::$name(app).await;
                    }
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    if let Some(app) = $crate::TestApp::spawn($crate::Backend::Postgres, $components).await {
                        super::$name(app).await;
                    }
                }
            )*
        }
    };
}
