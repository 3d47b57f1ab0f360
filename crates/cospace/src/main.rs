//! The `cospace` command: serve, demo, migrate, user and token administration, imports.
//! The only place that reads the environment.

use anyhow::{anyhow, bail, Context};
use clap::{Args, Parser, Subcommand};
use cospace::config::{FileConfig, DEFAULT_DATABASE_URL, DEFAULT_LISTEN, DEMO_MAIL_DIR};
use cospace_core::account::{display_name, Email, NewPassword};
use cospace_core::Lang;
use cospace_stakeholders::csv_io;
use cospace_store::activity::{self, Activity};
use cospace_store::{accounts, secrets, ConnectOptions, StoreError};
use cospace_web::mail::{MailConfig, MailTransport};
use cospace_web::WebConfig;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// cospace — co-creation in cities: spaces where residents, institutions, governments and
/// partners plan, decide, act and account for their work together.
#[derive(Parser)]
#[command(name = "cospace", version, propagate_version = true)]
struct Cli {
    /// A TOML configuration file (keys: listen, public_url, database_url, max_connections,
    /// max_concurrent_exports, secure_cookies, trust_forwarded_for, log_format, tile_url,
    /// tile_attribution, smtp_url, mail_dir, mail_from).
    #[arg(long, global = true, env = "COSPACE_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve cospace over HTTP.
    Serve(ServeArgs),
    /// Serve cospace with the demo world loaded (Kraków → Azory, a World Urban Forum
    /// roundtable, a Global Action Plan); prints the demo sign-ins.
    Demo(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate(DbArgs),
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage personal API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Import data into a space.
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// The activity log.
    Log {
        #[command(subcommand)]
        command: LogCommand,
    },
}

#[derive(Subcommand)]
enum LogCommand {
    /// Check the activity log's hash chain from its first entry to its last: exits non-zero
    /// and names the first entry that does not verify when any was changed or removed.
    Verify(DbArgs),
}

#[derive(Args, Clone)]
struct DbArgs {
    /// Database URL: sqlite://PATH (default sqlite://cospace.db) or postgres://USER@HOST/DB.
    #[arg(long, env = "COSPACE_DATABASE_URL", value_name = "URL")]
    database_url: Option<String>,
}

#[derive(Args, Clone)]
struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:8080).
    #[arg(long, env = "COSPACE_LISTEN", value_name = "ADDR")]
    listen: Option<String>,
    /// Where readers reach this server, e.g. https://cospace.example.org: the start of every
    /// absolute link in feeds and mail (default: http:// and the listen address).
    #[arg(long, env = "COSPACE_PUBLIC_URL", value_name = "URL")]
    public_url: Option<String>,
    #[command(flatten)]
    db: DbArgs,
    #[command(flatten)]
    mail: MailArgs,
}

/// Outgoing mail. Without a transport, mail stays queued in the database (`demo` writes it to
/// files in ./mail instead).
#[derive(Args, Clone)]
struct MailArgs {
    /// Deliver mail through this SMTP server: smtp://HOST:25 (plain, a local relay),
    /// smtp://USER:PASS@HOST:587?tls=required (STARTTLS) or smtps://USER:PASS@HOST:465.
    #[arg(long, env = "COSPACE_SMTP_URL", value_name = "URL")]
    smtp_url: Option<String>,
    /// Write each mail as an .eml file into this folder instead of sending it.
    #[arg(long, env = "COSPACE_MAIL_DIR", value_name = "DIR")]
    mail_dir: Option<PathBuf>,
    /// The sender of outgoing mail, e.g. "Cospace <noreply@example.org>" (needed with SMTP).
    #[arg(long, env = "COSPACE_MAIL_FROM", value_name = "MAILBOX")]
    mail_from: Option<String>,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password: String,
        /// Display name (defaults to the part of the e-mail before @).
        #[arg(long)]
        name: Option<String>,
        /// Make the account a platform admin.
        #[arg(long)]
        admin: bool,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create a personal API token and print it (it is shown only once).
    Create {
        /// E-mail of the account the token acts for.
        #[arg(long)]
        user: String,
        /// A name to recognise the token by.
        #[arg(long, default_value = "cli")]
        name: String,
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Import organisations with their contacts, resources and needs from a CSV file (the
    /// format of /spaces/SLUG/stakeholders.csv). All or nothing: when any row is bad, every bad
    /// row is listed and nothing is written.
    Stakeholders {
        /// The CSV file: comma or semicolon separated, UTF-8, at most 200 MiB.
        file: PathBuf,
        /// The slug of the space to import into.
        #[arg(long)]
        space: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Import events from an iCalendar (.ics) file as Google Calendar, Outlook or Thunderbird
    /// export it, all organised by one organisation. All or nothing: when any event is bad,
    /// every problem is listed and nothing is written. An event whose UID is already in the
    /// space is updated, so importing a file again does not duplicate.
    Calendar {
        /// The .ics file: UTF-8, at most 10 MiB.
        file: PathBuf,
        /// The slug of the space to import into.
        #[arg(long)]
        space: String,
        /// The id of the organisation that organises every imported event.
        #[arg(long, value_name = "ID")]
        organization: i64,
        /// The IANA time zone of times the file gives in UTC or without a zone.
        #[arg(long, value_name = "ZONE", default_value = "Europe/Warsaw")]
        time_zone: String,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Write a realistic sample CSV of organisations around Kraków (about five rows per
    /// organisation), to try out or benchmark `cospace import stakeholders`.
    GenerateSample {
        /// Where to write the CSV.
        file: PathBuf,
        /// How many organisations.
        #[arg(long, default_value_t = 1000)]
        organizations: usize,
        /// The same seed gives the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// Settings resolved from flags, environment, file and defaults.
struct Settings {
    database_url: String,
    listen: String,
    connect: ConnectOptions,
    web: WebConfig,
    json_logs: bool,
}

fn settings(file: &FileConfig, db: &DbArgs, listen: Option<&String>) -> Settings {
    let mut connect = ConnectOptions::default();
    if let Some(n) = file.max_connections {
        connect.max_connections = n.max(1);
    }
    let defaults = WebConfig::default();
    let web = WebConfig {
        secure_cookies: file.secure_cookies.unwrap_or(true),
        trust_forwarded_for: file.trust_forwarded_for.unwrap_or(false),
        max_concurrent_exports: file
            .max_concurrent_exports
            .unwrap_or(defaults.max_concurrent_exports),
        tile_url: file.tile_url.clone().unwrap_or(defaults.tile_url.clone()),
        tile_attribution: file
            .tile_attribution
            .clone()
            .unwrap_or(defaults.tile_attribution.clone()),
        ..defaults
    };
    Settings {
        database_url: db
            .database_url
            .clone()
            .or_else(|| file.database_url.clone())
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
        listen: listen
            .cloned()
            .or_else(|| file.listen.clone())
            .unwrap_or_else(|| DEFAULT_LISTEN.to_owned()),
        connect,
        web,
        json_logs: file.log_format.as_deref() == Some("json"),
    }
}

/// The mail settings: a transport from the flags or environment, else from the file; for the
/// demo, files in `./mail` when none is given.
fn mail_config(file: &FileConfig, args: &MailArgs, demo: bool) -> anyhow::Result<MailConfig> {
    let (smtp_url, mail_dir) = if args.smtp_url.is_some() || args.mail_dir.is_some() {
        (args.smtp_url.clone(), args.mail_dir.clone())
    } else {
        (file.smtp_url.clone(), file.mail_dir.clone())
    };
    let from = args.mail_from.clone().or_else(|| file.mail_from.clone());
    let transport = match (smtp_url, mail_dir) {
        (Some(_), Some(_)) => bail!("give either an SMTP URL or a mail folder, not both"),
        (Some(url), None) => {
            if from.is_none() {
                bail!(
                    "sending mail over SMTP needs a sender: set --mail-from \
                     (COSPACE_MAIL_FROM, or mail_from in the config file)"
                );
            }
            MailTransport::Smtp { url }
        }
        (None, Some(dir)) => MailTransport::Files { dir },
        (None, None) if demo => MailTransport::Files {
            dir: PathBuf::from(DEMO_MAIL_DIR),
        },
        (None, None) => MailTransport::Disabled,
    };
    Ok(MailConfig {
        transport,
        from: from.unwrap_or_else(|| cospace_web::mail::DEFAULT_FROM.to_owned()),
        ..MailConfig::default()
    })
}

fn init_logging(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("COSPACE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let file = FileConfig::load(cli.config.as_deref()).map_err(|e| anyhow!(e))?;
    match cli.command {
        Command::Serve(args) => serve(&file, &args, false).await,
        Command::Demo(args) => serve(&file, &args, true).await,
        Command::Migrate(db) => {
            let s = settings(&file, &db, None);
            init_logging(s.json_logs);
            let (db, _) = cospace::open_database(&s.database_url, &s.connect)
                .await
                .map_err(|e| anyhow!(e))?;
            db.close().await;
            println!("migrations applied");
            Ok(())
        }
        Command::User {
            command:
                UserCommand::Create {
                    email,
                    password,
                    name,
                    admin,
                    db,
                },
        } => create_user(&file, &db, &email, &password, name.as_deref(), admin).await,
        Command::Token {
            command: TokenCommand::Create { user, name, db },
        } => create_token(&file, &db, &user, &name).await,
        Command::Log {
            command: LogCommand::Verify(db),
        } => verify_log(&file, &db).await,
        Command::Import {
            what:
                ImportCommand::Stakeholders {
                    file: path,
                    space,
                    db,
                },
        } => import_stakeholders(&file, &db, &path, &space).await,
        Command::Import {
            what:
                ImportCommand::Calendar {
                    file: path,
                    space,
                    organization,
                    time_zone,
                    db,
                },
        } => import_calendar(&file, &db, &path, &space, organization, &time_zone).await,
        Command::Import {
            what:
                ImportCommand::GenerateSample {
                    file: path,
                    organizations,
                    seed,
                },
        } => generate_sample(&path, organizations, seed),
    }
}

async fn serve(file: &FileConfig, args: &ServeArgs, demo: bool) -> anyhow::Result<()> {
    let mut s = settings(file, &args.db, args.listen.as_ref());
    init_logging(s.json_logs);
    s.web.mail = mail_config(file, &args.mail, demo)?;
    s.web.public_url = match args.public_url.clone().or_else(|| file.public_url.clone()) {
        Some(url) => url,
        None => {
            let local = local_public_url(&s.listen);
            if !s.listen.starts_with("127.") && !s.listen.starts_with("localhost") {
                tracing::warn!(
                    "no public URL is set: links in feeds and mail will use {local}; \
                     set --public-url (COSPACE_PUBLIC_URL, or public_url in the config file)"
                );
            }
            local
        }
    };
    let address: SocketAddr = s
        .listen
        .parse()
        .with_context(|| format!("invalid listen address '{}' (expected HOST:PORT)", s.listen))?;
    let (db, registry) = cospace::open_database(&s.database_url, &s.connect)
        .await
        .map_err(|e| anyhow!(e))?;
    let state = cospace::state(db.clone(), registry, s.web).map_err(|e| anyhow!(e))?;
    let mail_worker = cospace_web::mail::spawn_worker(&state);
    if demo {
        cospace::demo::load(&state)
            .await
            .context("loading the demo world failed")?;
    }
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on {address}"))?;
    let local = listener.local_addr().context("listener has no address")?;
    if demo {
        for line in cospace::demo::sign_in_lines(&format!("http://{local}")) {
            println!("{line}");
        }
    }
    tracing::info!(address = %local, backend = db.backend().as_str(), "cospace is serving on http://{local}");
    let housekeeping = tokio::spawn(housekeeping(db.clone()));
    if let Some(limit) = cospace::server::open_file_limit() {
        // Each open connection holds one file descriptor, and the database and files some more.
        if limit < 4096 {
            tracing::warn!(
                limit,
                "the open-file limit is low: at most about {} connections at once; raise it (see README)",
                limit.saturating_sub(64)
            );
        }
    }
    let app = cospace_web::build_app(state);
    cospace::server::serve(
        listener,
        app,
        cospace::server::Limits::default(),
        shutdown_signal(),
    )
    .await;
    housekeeping.abort();
    if let Some(worker) = mail_worker {
        worker.shutdown().await;
    }
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// `cospace log verify`: walks the hash chain of the activity log.
async fn verify_log(file: &FileConfig, db_args: &DbArgs) -> anyhow::Result<()> {
    let s = settings(file, db_args, None);
    let (db, _) = cospace::open_database(&s.database_url, &s.connect)
        .await
        .map_err(|e| anyhow!(e))?;
    let (checked, broken) = cospace_store::activity::verify(&db).await?;
    db.close().await;
    match broken {
        None => {
            println!("activity log intact: {checked} entries verified");
            Ok(())
        }
        Some(id) => bail!(
            "activity log broken at entry {id}: it or an entry before it was changed or removed \
             ({checked} entries checked)"
        ),
    }
}

/// The public URL of a server reached at its listen address: `http://127.0.0.1:8080`, with an
/// unspecified address (all interfaces) read as this machine.
fn local_public_url(listen: &str) -> String {
    let host_port = listen
        .replacen("0.0.0.0:", "127.0.0.1:", 1)
        .replacen("[::]:", "[::1]:", 1);
    format!("http://{host_port}")
}

/// How long sent mail stays in the outbox (failed mail stays until removed by hand).
const KEEP_SENT_MAIL_DAYS: i64 = 30;

/// Hourly: remove lapsed sessions and sign-ups, old rate-limit windows and old sent mail.
async fn housekeeping(db: cospace_store::Db) {
    let mut interval = tokio::time::interval(Duration::from_secs(3600));
    loop {
        interval.tick().await;
        match accounts::purge_expired_sessions(&db).await {
            Ok(n) if n > 0 => tracing::info!(removed = n, "expired sessions purged"),
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "purging sessions failed"),
        }
        match cospace_store::sign_ups::purge_expired(&db).await {
            Ok(n) if n > 0 => tracing::info!(removed = n, "lapsed sign-ups purged"),
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "purging sign-ups failed"),
        }
        let day_ago = cospace_store::now() - chrono::Duration::days(1);
        if let Err(error) = cospace_store::rate_limits::purge(&db, day_ago).await {
            tracing::warn!(%error, "purging rate limits failed");
        }
        let before = cospace_store::now() - chrono::Duration::days(KEEP_SENT_MAIL_DAYS);
        match cospace_store::outbox::purge_sent(&db, before).await {
            Ok(n) if n > 0 => tracing::info!(removed = n, "old sent mail purged"),
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "purging sent mail failed"),
        }
    }
}

/// Resolves on Ctrl-C or SIGTERM: the server stops accepting connections and finishes the
/// requests in flight.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}

async fn create_user(
    file: &FileConfig,
    db_args: &DbArgs,
    email: &str,
    password: &str,
    name: Option<&str>,
    admin: bool,
) -> anyhow::Result<()> {
    let email = Email::parse("email", email)
        .map_err(|_| anyhow!("'{email}' is not a valid e-mail address"))?;
    let password =
        NewPassword::parse_for("password", password, &[email.as_str(), name.unwrap_or("")])
            .map_err(|error| match error.key {
                "error-password-guessable" => anyhow!(
                    "the password is too easy to guess (a common password, a pattern, or \
                     words of the e-mail address or name): choose another"
                ),
                _ => anyhow!(
                    "the password must have {} to {} characters",
                    NewPassword::MIN_LEN,
                    NewPassword::MAX_LEN
                ),
            })?;
    let default_name = email
        .as_str()
        .split('@')
        .next()
        .unwrap_or("user")
        .to_owned();
    let name = display_name("name", name.unwrap_or(&default_name))
        .map_err(|_| anyhow!("the name must have 1 to 80 characters"))?;
    let s = settings(file, db_args, None);
    let (db, _) = cospace::open_database(&s.database_url, &s.connect)
        .await
        .map_err(|e| anyhow!(e))?;
    let hash = secrets::hash_password(password.expose()).await?;
    let mut tx = db.begin().await?;
    let id = match accounts::create_user(
        &mut tx,
        accounts::NewUser {
            email: &email,
            display_name: &name,
            password_hash: &hash,
            platform_admin: admin,
            language: None,
        },
    )
    .await
    {
        Ok(id) => id,
        Err(StoreError::Conflict { .. }) => {
            return Err(anyhow!(
                "an account with e-mail {} already exists",
                email.as_str()
            ))
        }
        Err(other) => return Err(other.into()),
    };
    activity::record(
        &mut tx,
        Activity {
            actor: None,
            space: None,
            action: "account.create",
            subject_type: "user",
            subject_id: id.to_string(),
            details: serde_json::json!({ "source": "cli", "platform_admin": admin }),
        },
    )
    .await?;
    tx.commit().await?;
    db.close().await;
    println!(
        "created {}account {} (id {id})",
        if admin { "platform admin " } else { "" },
        email.as_str()
    );
    Ok(())
}

async fn create_token(
    file: &FileConfig,
    db_args: &DbArgs,
    user: &str,
    name: &str,
) -> anyhow::Result<()> {
    let s = settings(file, db_args, None);
    let (db, _) = cospace::open_database(&s.database_url, &s.connect)
        .await
        .map_err(|e| anyhow!(e))?;
    let account = accounts::user_by_email(&db, user)
        .await?
        .ok_or_else(|| anyhow!("no account has the e-mail '{user}'"))?;
    let mut tx = db.begin().await?;
    let token = accounts::create_api_token(&mut tx, account.id(), name).await?;
    activity::record(
        &mut tx,
        Activity {
            actor: Some(account.id()),
            space: None,
            action: "token.create",
            subject_type: "api_token",
            subject_id: token.id.to_string(),
            details: serde_json::json!({ "name": name, "source": "cli" }),
        },
    )
    .await?;
    tx.commit().await?;
    db.close().await;
    println!("{}", token.token);
    Ok(())
}

/// A progress bar on standard error: redrawn in place at most ten times a second on a
/// terminal; otherwise one line per tenth done, for logs.
struct ProgressBar {
    terminal: bool,
    drawn_at: Option<Instant>,
    tenths: u64,
}

impl ProgressBar {
    const WIDTH: u64 = 30;

    fn new(terminal: bool) -> Self {
        Self {
            terminal,
            drawn_at: None,
            tenths: 0,
        }
    }

    fn update(&mut self, done: u64, total: u64) {
        let total = total.max(1);
        let done = done.min(total);
        if self.terminal {
            let now = Instant::now();
            let recent = self
                .drawn_at
                .is_some_and(|at| now.duration_since(at) < Duration::from_millis(100));
            if recent && done < total {
                return;
            }
            self.drawn_at = Some(now);
            let filled = (done * Self::WIDTH / total) as usize;
            eprint!(
                "\r[{}{}] {:>3}% {done}/{total} rows",
                "#".repeat(filled),
                "-".repeat(Self::WIDTH as usize - filled),
                done * 100 / total
            );
        } else {
            let tenths = done * 10 / total;
            if tenths > self.tenths {
                self.tenths = tenths;
                eprintln!("{}% {done}/{total} rows", tenths * 10);
            }
        }
    }

    fn finish(&self) {
        if self.terminal && self.drawn_at.is_some() {
            eprintln!();
        }
    }
}

async fn import_stakeholders(
    file: &FileConfig,
    db_args: &DbArgs,
    path: &Path,
    slug: &str,
) -> anyhow::Result<()> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    if size > csv_io::MAX_FILE_BYTES as u64 {
        bail!(
            "{} is larger than {} MiB: split it into smaller files",
            path.display(),
            csv_io::MAX_FILE_BYTES >> 20
        );
    }
    let s = settings(file, db_args, None);
    let (db, registry) = cospace::open_database(&s.database_url, &s.connect)
        .await
        .map_err(|e| anyhow!(e))?;
    let space = match cospace_store::spaces::space_by_slug(&db, slug).await {
        Ok(space) => space,
        Err(StoreError::NotFound) => bail!("no space has the slug '{slug}'"),
        Err(other) => return Err(other.into()),
    };
    let input = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let started = Instant::now();
    let plan = match csv_io::parse(&input) {
        Ok(plan) => plan,
        Err(errors) => {
            let i18n =
                cospace_web::i18n::I18n::new(&registry.translations()).map_err(|e| anyhow!(e))?;
            for error in &errors {
                eprintln!("{}", error.describe(&i18n, Lang::En));
            }
            db.close().await;
            let bad = csv_io::bad_rows(&errors);
            bail!(
                "nothing was imported: {bad} bad row{}",
                if bad == 1 { "" } else { "s" }
            );
        }
    };
    drop(input);
    let mut bar = ProgressBar::new(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let imported = csv_io::import(&db, space.id(), None, "cli", &plan, &mut |done, total| {
        bar.update(done, total)
    })
    .await;
    bar.finish();
    let imported = imported?;
    db.close().await;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "imported {} organisations, {} contacts, {} resources, {} needs into {} in {seconds:.1} s ({:.0} rows/s)",
        imported.organizations,
        imported.contacts,
        imported.resources,
        imported.needs,
        space.slug,
        imported.rows() as f64 / seconds.max(1e-6)
    );
    Ok(())
}

async fn import_calendar(
    file: &FileConfig,
    db_args: &DbArgs,
    path: &Path,
    slug: &str,
    organization: i64,
    time_zone: &str,
) -> anyhow::Result<()> {
    use cospace_calendar::import as ics_import;
    let zone = cospace_core::calendar::time::Zone::parse("time_zone", time_zone)
        .map_err(|_| anyhow!("'{time_zone}' is not an IANA time zone (like Europe/Warsaw)"))?;
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    if size > ics_import::MAX_FILE_BYTES as u64 {
        bail!(
            "{} is larger than {} MiB: split it into smaller files",
            path.display(),
            ics_import::MAX_FILE_BYTES >> 20
        );
    }
    let s = settings(file, db_args, None);
    let (db, registry) = cospace::open_database(&s.database_url, &s.connect)
        .await
        .map_err(|e| anyhow!(e))?;
    let space = match cospace_store::spaces::space_by_slug(&db, slug).await {
        Ok(space) => space,
        Err(StoreError::NotFound) => bail!("no space has the slug '{slug}'"),
        Err(other) => return Err(other.into()),
    };
    if !ics_import::organization_may_organize(&db, space.id(), organization).await? {
        db.close().await;
        bail!(
            "organisation {organization} is not approved and listed in '{slug}' \
             (nor in a public space above or below it)"
        );
    }
    let input = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let started = Instant::now();
    let options = ics_import::Options {
        organization,
        default_zone: zone,
    };
    let importer = ics_import::Importer::System;
    let checked = match ics_import::parse(&input, &options) {
        Ok(plan) => ics_import::check(&db, space.id(), importer, plan).await?,
        Err(errors) => Err(errors),
    };
    let checked = match checked {
        Ok(checked) => checked,
        Err(errors) => {
            let i18n =
                cospace_web::i18n::I18n::new(&registry.translations()).map_err(|e| anyhow!(e))?;
            let l = cospace_web::i18n::Localizer::new(std::sync::Arc::new(i18n), Lang::En);
            for error in &errors {
                eprintln!("{}", error.describe(&l.field_error(&error.error)));
            }
            db.close().await;
            bail!("nothing was imported: {}", ics_import::summary(&errors));
        }
    };
    drop(input);
    let mut bar = ProgressBar::new(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let imported = ics_import::write(
        &db,
        space.id(),
        importer,
        "cli",
        &checked,
        &mut |done, total| bar.update(done, total),
    )
    .await;
    bar.finish();
    let imported = imported?;
    db.close().await;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "imported {} new and {} updated events into {} in {seconds:.1} s ({:.0} events/s)",
        imported.created,
        imported.updated,
        space.slug,
        (imported.created + imported.updated) as f64 / seconds.max(1e-6)
    );
    Ok(())
}

fn generate_sample(path: &Path, organizations: usize, seed: u64) -> anyhow::Result<()> {
    let sample = csv_io::synthetic_csv(organizations, seed);
    let rows = csv_io::parse(sample.as_bytes())
        .map(|plan| plan.rows())
        .map_err(|errors| anyhow!("the sample is not valid: {:?}", errors.first()))?;
    std::fs::write(path, &sample).with_context(|| format!("cannot write {}", path.display()))?;
    println!(
        "wrote {organizations} organisations ({rows} rows, {} bytes) to {}",
        sample.len(),
        path.display()
    );
    Ok(())
}
