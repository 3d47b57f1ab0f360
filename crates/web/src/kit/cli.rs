//! A component's commands on the `cospace` command line: each declares its arguments as a
//! `clap` command and runs with a [`CliEnv`], which opens the database the way the binary's
//! settings say. The binary lists them under their group (`cospace import stakeholders`) and
//! dispatches to them; it knows nothing else of them.

use crate::component::{BoxFuture, Registry};
use cospace_store::Db;
use std::time::{Duration, Instant};

/// The argument parser components declare their commands with, so that they need no
/// dependency of their own on it.
pub use clap;

/// One command a component adds.
#[derive(Clone, Copy)]
pub struct CliCommand {
    /// The group it is listed under (`import` → `cospace import NAME`).
    pub group: &'static str,
    /// Its name, arguments and help.
    pub command: fn() -> clap::Command,
    /// Runs it; the error is the message printed.
    pub run: for<'a> fn(&'a CliEnv, &'a clap::ArgMatches) -> BoxFuture<'a, Result<(), String>>,
}

/// The groups commands are listed under, with their help.
pub const GROUPS: &[(&str, &str)] = &[("import", "Import data into a space.")];

/// The id of the database argument ([`database_url_arg`]).
pub const DATABASE_URL: &str = "database_url";

/// `--database-url` (or `COSPACE_DATABASE_URL`), as every command that opens the database takes
/// it; without it the configuration file's or the default database is used.
pub fn database_url_arg() -> clap::Arg {
    clap::Arg::new(DATABASE_URL)
        .long("database-url")
        .env("COSPACE_DATABASE_URL")
        .value_name("URL")
        .help(
            "Database URL: sqlite://PATH (default sqlite://cospace.db) or postgres://USER@HOST/DB",
        )
}

/// The value of argument `id`, which the command declares required or with a default (so clap
/// has made sure it is there): `let path: &PathBuf = arg(matches, "file")?;`.
pub fn arg<'a, T: Clone + Send + Sync + 'static>(
    matches: &'a clap::ArgMatches,
    id: &str,
) -> Result<&'a T, String> {
    matches
        .try_get_one::<T>(id)
        .map_err(|e| format!("argument {id}: {e}"))?
        .ok_or_else(|| format!("missing argument {id}"))
}

/// The file an import command reads, refused before reading when it is larger than
/// `max_bytes`, with messages that name the file.
pub fn read_file(path: &std::path::Path, max_bytes: usize) -> Result<Vec<u8>, String> {
    let cannot_read = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
    let size = std::fs::metadata(path).map_err(cannot_read)?.len();
    if size > max_bytes as u64 {
        return Err(format!(
            "{} is larger than {} MiB: split it into smaller files",
            path.display(),
            max_bytes >> 20
        ));
    }
    std::fs::read(path).map_err(cannot_read)
}

/// The space a command names by its slug.
pub async fn space(db: &Db, slug: &str) -> Result<cospace_store::spaces::Space, String> {
    match cospace_store::spaces::space_by_slug(db, slug).await {
        Ok(space) => Ok(space),
        Err(cospace_store::StoreError::NotFound) => Err(format!("no space has the slug '{slug}'")),
        Err(other) => Err(other.to_string()),
    }
}

type Opener = dyn Fn(String) -> BoxFuture<'static, Result<(Db, Registry), String>> + Send + Sync;

/// What a command runs with.
pub struct CliEnv {
    database_url: String,
    opener: Box<Opener>,
}

impl CliEnv {
    /// `database_url` is resolved already (flag, environment, file, default); `opener` connects
    /// and migrates.
    pub fn new(database_url: String, opener: Box<Opener>) -> CliEnv {
        CliEnv {
            database_url,
            opener,
        }
    }

    /// The database with every migration applied, and the registry (for translations).
    pub async fn open_database(&self) -> Result<(Db, Registry), String> {
        (self.opener)(self.database_url.clone()).await
    }
}

/// A progress bar on standard error: redrawn in place at most ten times a second on a
/// terminal; otherwise one line per tenth done, for logs.
pub struct ProgressBar {
    terminal: bool,
    drawn_at: Option<Instant>,
    tenths: u64,
}

impl ProgressBar {
    const WIDTH: u64 = 30;

    /// A bar drawn in place when standard error is a terminal.
    pub fn on_stderr() -> Self {
        Self {
            terminal: std::io::IsTerminal::is_terminal(&std::io::stderr()),
            drawn_at: None,
            tenths: 0,
        }
    }

    pub fn update(&mut self, done: u64, total: u64) {
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

    pub fn finish(&self) {
        if self.terminal && self.drawn_at.is_some() {
            eprintln!();
        }
    }
}
