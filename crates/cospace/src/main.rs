//! The `cospace` command: serve, demo, migrate, user and token administration, and the
//! commands components add (`cospace import …`). The only place that reads the environment.

use anyhow::{anyhow, Context};
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use cospace::commands;
use cospace::config::{component_settings, mail_config, settings, FileConfig};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// cospace — co-creation in cities: spaces where residents, institutions, governments and
/// partners plan, decide, act and account for their work together.
#[derive(Parser)]
#[command(name = "cospace", version, propagate_version = true)]
struct Cli {
    /// A TOML configuration file (keys: listen, public_url, database_url, max_connections,
    /// max_concurrent_exports, secure_cookies, trust_forwarded_for, log_format, smtp_url,
    /// mail_dir, mail_from, and the components' settings).
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

impl MailArgs {
    fn resolved(&self) -> cospace::config::MailArgs {
        cospace::config::MailArgs {
            smtp_url: self.smtp_url.clone(),
            mail_dir: self.mail_dir.clone(),
            mail_from: self.mail_from.clone(),
        }
    }
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
    let components = cospace::components();
    let matches = commands::with_component_commands(Cli::command(), &components).get_matches();
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
    match runtime.block_on(run(&matches)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(matches: &clap::ArgMatches) -> anyhow::Result<()> {
    let components = cospace::components();
    let config = matches.get_one::<PathBuf>("config");
    let file = FileConfig::load(
        config.map(PathBuf::as_path),
        components.iter().flat_map(|c| c.settings),
    )
    .map_err(|e| anyhow!(e))?;
    if let Some(outcome) = commands::run_component_command(matches, &components, &file).await {
        return outcome;
    }
    let cli = Cli::from_arg_matches(matches)?;
    match cli.command {
        Command::Serve(args) => serve(&file, &args, false).await,
        Command::Demo(args) => serve(&file, &args, true).await,
        Command::Migrate(db) => {
            let s = settings(&file, db.database_url.as_ref(), None);
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
        } => {
            let s = settings(&file, db.database_url.as_ref(), None);
            commands::create_user(&s, &email, &password, name.as_deref(), admin).await
        }
        Command::Token {
            command: TokenCommand::Create { user, name, db },
        } => {
            let s = settings(&file, db.database_url.as_ref(), None);
            commands::create_token(&s, &user, &name).await
        }
        Command::Log {
            command: LogCommand::Verify(db),
        } => commands::verify_log(&settings(&file, db.database_url.as_ref(), None)).await,
    }
}

async fn serve(file: &FileConfig, args: &ServeArgs, demo: bool) -> anyhow::Result<()> {
    let mut s = settings(file, args.db.database_url.as_ref(), args.listen.as_ref());
    init_logging(s.json_logs);
    s.web.mail = mail_config(file, &args.mail.resolved(), demo)?;
    let components = cospace::components();
    s.web.settings = component_settings(file, components.iter().flat_map(|c| c.settings), |key| {
        std::env::var(key).ok()
    });
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
    let housekeeping = tokio::spawn(commands::housekeeping(db.clone()));
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
        commands::shutdown_signal(),
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

/// The public URL of a server reached at its listen address: `http://127.0.0.1:8080`, with an
/// unspecified address (all interfaces) read as this machine.
fn local_public_url(listen: &str) -> String {
    let host_port = listen
        .replacen("0.0.0.0:", "127.0.0.1:", 1)
        .replacen("[::]:", "[::1]:", 1);
    format!("http://{host_port}")
}
