//! The stakeholders' commands: `cospace import stakeholders` (the CSV import, all or nothing)
//! and `cospace import generate-sample` (a realistic sample file to try it with).

use crate::csv_io;
use cospace_core::Lang;
use cospace_web::kit::cli::{self, arg, clap, CliCommand, CliEnv, ProgressBar};
use cospace_web::BoxFuture;
use std::path::PathBuf;
use std::time::Instant;

/// The commands this component adds.
pub const COMMANDS: &[CliCommand] = &[
    CliCommand {
        group: "import",
        command: import_command,
        run: run_import,
    },
    CliCommand {
        group: "import",
        command: sample_command,
        run: run_sample,
    },
];

fn import_command() -> clap::Command {
    clap::Command::new("stakeholders")
        .about(
            "Import organisations with their contacts, resources and needs from a CSV file (the \
             format of /spaces/SLUG/stakeholders.csv). All or nothing: when any row is bad, every \
             bad row is listed and nothing is written.",
        )
        .arg(
            clap::Arg::new("file")
                .required(true)
                .value_name("FILE")
                .value_parser(clap::value_parser!(PathBuf))
                .help("The CSV file: comma or semicolon separated, UTF-8, at most 200 MiB."),
        )
        .arg(
            clap::Arg::new("space")
                .long("space")
                .value_name("SPACE")
                .required(true)
                .help("The slug of the space to import into."),
        )
        .arg(cli::database_url_arg())
}

fn sample_command() -> clap::Command {
    clap::Command::new("generate-sample")
        .about(
            "Write a realistic sample CSV of organisations around Kraków (about five rows per \
             organisation), to try out or benchmark `cospace import stakeholders`.",
        )
        .arg(
            clap::Arg::new("file")
                .required(true)
                .value_name("FILE")
                .value_parser(clap::value_parser!(PathBuf))
                .help("Where to write the CSV."),
        )
        .arg(
            clap::Arg::new("organizations")
                .long("organizations")
                .value_name("ORGANIZATIONS")
                .default_value("1000")
                .value_parser(clap::value_parser!(usize))
                .help("How many organisations."),
        )
        .arg(
            clap::Arg::new("seed")
                .long("seed")
                .value_name("SEED")
                .default_value("1")
                .value_parser(clap::value_parser!(u64))
                .help("The same seed gives the same file."),
        )
}

fn run_import<'a>(
    env: &'a CliEnv,
    matches: &'a clap::ArgMatches,
) -> BoxFuture<'a, Result<(), String>> {
    Box::pin(async move {
        let path: &PathBuf = arg(matches, "file")?;
        let slug: &String = arg(matches, "space")?;
        let input = cli::read_file(path, csv_io::MAX_FILE_BYTES)?;
        let (db, registry) = env.open_database().await?;
        let space = cli::space(&db, slug).await?;
        let started = Instant::now();
        let plan = match csv_io::parse(&input) {
            Ok(plan) => plan,
            Err(errors) => {
                let i18n = cospace_web::i18n::I18n::new(&registry.translations())?;
                for error in &errors {
                    eprintln!("{}", error.describe(&i18n, Lang::En));
                }
                db.close().await;
                let bad = csv_io::bad_rows(&errors);
                return Err(format!(
                    "nothing was imported: {bad} bad row{}",
                    if bad == 1 { "" } else { "s" }
                ));
            }
        };
        drop(input);
        let mut bar = ProgressBar::on_stderr();
        let imported = csv_io::import(&db, space.id(), None, "cli", &plan, &mut |done, total| {
            bar.update(done, total)
        })
        .await;
        bar.finish();
        let imported = imported.map_err(|e| e.to_string())?;
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
    })
}

fn run_sample<'a>(
    _env: &'a CliEnv,
    matches: &'a clap::ArgMatches,
) -> BoxFuture<'a, Result<(), String>> {
    Box::pin(async move {
        let path: &PathBuf = arg(matches, "file")?;
        let organizations: usize = *arg(matches, "organizations")?;
        let seed: u64 = *arg(matches, "seed")?;
        let sample = csv_io::synthetic_csv(organizations, seed);
        let rows = csv_io::parse(sample.as_bytes())
            .map(|plan| plan.rows())
            .map_err(|errors| format!("the sample is not valid: {:?}", errors.first()))?;
        std::fs::write(path, &sample)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!(
            "wrote {organizations} organisations ({rows} rows, {} bytes) to {}",
            sample.len(),
            path.display()
        );
        Ok(())
    })
}
