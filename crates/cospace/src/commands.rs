//! What the `cospace` command does besides serving: account and token administration, the
//! activity log's check, the components' commands (listed and dispatched from their
//! manifests), and the hourly housekeeping and shutdown signal of a running server.

use crate::config::{FileConfig, Settings};
use anyhow::{anyhow, bail};
use cospace_core::account::{display_name, Email, NewPassword};
use cospace_store::activity::{self, Activity};
use cospace_store::{accounts, secrets, StoreError};
use cospace_web::kit::cli::{self, CliEnv};
use cospace_web::Component;
use std::time::Duration;

/// `cospace` with every component's commands added under their groups (`cospace import …`).
pub fn with_component_commands(
    mut command: clap::Command,
    components: &[Component],
) -> clap::Command {
    for (group, about) in cli::GROUPS {
        let mut sub = clap::Command::new(*group)
            .about(*about)
            .subcommand_required(true)
            .arg_required_else_help(true);
        let mut any = false;
        for declared in components.iter().flat_map(|c| c.commands.iter()) {
            if declared.group == *group {
                sub = sub.subcommand((declared.command)());
                any = true;
            }
        }
        if any {
            command = command.subcommand(sub);
        }
    }
    command
}

/// Runs the component command `matches` names, if it names one (`None`: a platform command).
pub async fn run_component_command(
    matches: &clap::ArgMatches,
    components: &[Component],
    file: &FileConfig,
) -> Option<anyhow::Result<()>> {
    let (group, group_matches) = matches.subcommand()?;
    let (name, args) = group_matches.subcommand()?;
    let declared = components
        .iter()
        .flat_map(|c| c.commands.iter())
        .find(|c| c.group == group && (c.command)().get_name() == name)?;
    let database_url = args.try_get_one::<String>(cli::DATABASE_URL).ok().flatten();
    let s = crate::config::settings(file, database_url, None);
    let connect = s.connect.clone();
    let env = CliEnv::new(
        s.database_url,
        Box::new(move |url| {
            let connect = connect.clone();
            Box::pin(async move { crate::open_database(&url, &connect).await })
        }),
    );
    Some((declared.run)(&env, args).await.map_err(|e| anyhow!(e)))
}

/// `cospace log verify`: walks the hash chain of the activity log.
pub async fn verify_log(s: &Settings) -> anyhow::Result<()> {
    let (db, _) = crate::open_database(&s.database_url, &s.connect)
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

/// How long sent mail stays in the outbox (failed mail stays until removed by hand).
const KEEP_SENT_MAIL_DAYS: i64 = 30;

/// Hourly: remove lapsed sessions and sign-ups, old rate-limit windows and old sent mail.
pub async fn housekeeping(db: cospace_store::Db) {
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
pub async fn shutdown_signal() {
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

pub async fn create_user(
    s: &Settings,
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
    let (db, _) = crate::open_database(&s.database_url, &s.connect)
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

pub async fn create_token(s: &Settings, user: &str, name: &str) -> anyhow::Result<()> {
    let (db, _) = crate::open_database(&s.database_url, &s.connect)
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
