//! The calendar's command: `cospace import calendar`, the `.ics` import (all or nothing; an
//! event whose UID is already in the space is updated, so importing again does not duplicate).

use crate::import as ics_import;
use cospace_core::Lang;
use cospace_web::kit::cli::{self, arg, clap, CliCommand, CliEnv, ProgressBar};
use cospace_web::BoxFuture;
use std::path::PathBuf;
use std::time::Instant;

/// The commands this component adds.
pub const COMMANDS: &[CliCommand] = &[CliCommand {
    group: "import",
    command: import_command,
    run: run_import,
}];

fn import_command() -> clap::Command {
    clap::Command::new("calendar")
        .about(
            "Import events from an iCalendar (.ics) file as Google Calendar, Outlook or \
             Thunderbird export it, all organised by one organisation. All or nothing: when any \
             event is bad, every problem is listed and nothing is written. An event whose UID is \
             already in the space is updated, so importing a file again does not duplicate.",
        )
        .arg(
            clap::Arg::new("file")
                .required(true)
                .value_name("FILE")
                .value_parser(clap::value_parser!(PathBuf))
                .help("The .ics file: UTF-8, at most 10 MiB."),
        )
        .arg(
            clap::Arg::new("space")
                .long("space")
                .value_name("SPACE")
                .required(true)
                .help("The slug of the space to import into."),
        )
        .arg(
            clap::Arg::new("organization")
                .long("organization")
                .required(true)
                .value_name("ID")
                .value_parser(clap::value_parser!(i64))
                .help("The id of the organisation that organises every imported event."),
        )
        .arg(
            clap::Arg::new("time_zone")
                .long("time-zone")
                .value_name("ZONE")
                .default_value("Europe/Warsaw")
                .help("The IANA time zone of times the file gives in UTC or without a zone."),
        )
        .arg(cli::database_url_arg())
}

fn run_import<'a>(
    env: &'a CliEnv,
    matches: &'a clap::ArgMatches,
) -> BoxFuture<'a, Result<(), String>> {
    Box::pin(async move {
        let path: &PathBuf = arg(matches, "file")?;
        let slug: &String = arg(matches, "space")?;
        let organization: i64 = *arg(matches, "organization")?;
        let time_zone: &String = arg(matches, "time_zone")?;
        let zone = cospace_core::calendar::time::Zone::parse("time_zone", time_zone)
            .map_err(|_| format!("'{time_zone}' is not an IANA time zone (like Europe/Warsaw)"))?;
        let input = cli::read_file(path, ics_import::MAX_FILE_BYTES)?;
        let (db, registry) = env.open_database().await?;
        let space = cli::space(&db, slug).await?;
        let may = ics_import::organization_may_organize(&db, space.id(), organization)
            .await
            .map_err(|e| e.to_string())?;
        if !may {
            db.close().await;
            return Err(format!(
                "organisation {organization} is not approved and listed in '{slug}' \
                 (nor in a public space above or below it)"
            ));
        }
        let started = Instant::now();
        let options = ics_import::Options {
            organization,
            default_zone: zone,
        };
        let importer = ics_import::Importer::System;
        let checked = match ics_import::parse(&input, &options) {
            Ok(plan) => ics_import::check(&db, space.id(), importer, plan)
                .await
                .map_err(|e| e.to_string())?,
            Err(errors) => Err(errors),
        };
        let checked = match checked {
            Ok(checked) => checked,
            Err(errors) => {
                let i18n = cospace_web::i18n::I18n::new(&registry.translations())?;
                let l = cospace_web::i18n::Localizer::new(std::sync::Arc::new(i18n), Lang::En);
                for error in &errors {
                    eprintln!("{}", error.describe(&l.field_error(&error.error)));
                }
                db.close().await;
                return Err(format!(
                    "nothing was imported: {}",
                    ics_import::summary(&errors)
                ));
            }
        };
        drop(input);
        let mut bar = ProgressBar::on_stderr();
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
        let imported = imported.map_err(|e| e.to_string())?;
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
    })
}
