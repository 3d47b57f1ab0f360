//! The `cospace` command line: help, bad input as a one-line error, users and tokens.

use std::process::Command;

fn cospace() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cospace"));
    command
        .env_remove("COSPACE_DATABASE_URL")
        .env_remove("COSPACE_LISTEN")
        .env_remove("COSPACE_CONFIG");
    command
}

fn temp_db(name: &str) -> (String, std::path::PathBuf) {
    let path = std::env::temp_dir().join(format!("cospace-cli-{}-{name}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    (format!("sqlite://{}", path.display()), path)
}

#[test]
fn every_command_has_help() {
    let output = cospace().arg("--help").output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    for command in ["serve", "demo", "migrate", "user", "token"] {
        assert!(text.contains(command), "{command} missing from --help");
    }
    for args in [
        &["serve", "--help"][..],
        &["demo", "--help"],
        &["migrate", "--help"],
        &["user", "create", "--help"],
        &["token", "create", "--help"],
    ] {
        let output = cospace().args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&output.stdout).contains("--database-url"),
            "{args:?}"
        );
    }
}

#[test]
fn bad_database_urls_fail_with_one_line() {
    for url in ["nonsense://x", "postgres://nobody@127.0.0.1:1/none"] {
        let output = cospace()
            .args(["migrate", "--database-url", url])
            .output()
            .unwrap();
        assert!(!output.status.success());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    }
}

#[test]
fn users_and_tokens_are_created_from_the_command_line() {
    let (url, path) = temp_db("users");
    let created = cospace()
        .args([
            "user",
            "create",
            "--email",
            "Admin@Example.org",
            "--password",
            "a long admin password",
            "--admin",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    let again = cospace()
        .args([
            "user",
            "create",
            "--email",
            "admin@example.org",
            "--password",
            "a long admin password",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let weak = cospace()
        .args([
            "user",
            "create",
            "--email",
            "x@example.org",
            "--password",
            "short",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    assert!(!weak.status.success());
    let token = cospace()
        .args([
            "token",
            "create",
            "--user",
            "admin@example.org",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    assert!(token.status.success());
    let token = String::from_utf8_lossy(&token.stdout).trim().to_owned();
    assert!(token.starts_with("csp_") && token.len() > 40);
    let unknown = cospace()
        .args([
            "token",
            "create",
            "--user",
            "ghost@example.org",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    assert!(!unknown.status.success());
    // The environment variable works as well as the flag.
    let migrated = cospace()
        .arg("migrate")
        .env("COSPACE_DATABASE_URL", &url)
        .output()
        .unwrap();
    assert!(migrated.status.success());
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

#[test]
fn serve_answers_and_stops_gracefully_on_sigterm() {
    use std::io::{BufRead, BufReader, Read, Write};
    let (url, path) = temp_db("serve");
    let mut child = cospace()
        .args(["serve", "--listen", "127.0.0.1:0", "--database-url", &url])
        .env("COSPACE_LOG", "info")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let address = loop {
        let line = lines.next().expect("server exited before serving").unwrap();
        if let Some(at) = line.find("serving on http://") {
            let rest = &line[at + "serving on http://".len()..];
            break rest
                .split_whitespace()
                .next()
                .unwrap()
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .to_owned();
        }
    };
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "exit status {status}");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// `cospace log verify` confirms an intact chain and names the first entry that was changed.
#[tokio::test]
async fn the_activity_log_is_verified_from_the_command_line() {
    let (url, path) = temp_db("log");
    for email in ["ana@example.org", "bo@example.org"] {
        let created = cospace()
            .args([
                "user",
                "create",
                "--email",
                email,
                "--password",
                "a long admin password",
                "--database-url",
                &url,
            ])
            .output()
            .unwrap();
        assert!(created.status.success());
    }
    let intact = cospace()
        .args(["log", "verify", "--database-url", &url])
        .output()
        .unwrap();
    assert!(intact.status.success());
    assert_eq!(
        String::from_utf8_lossy(&intact.stdout),
        "activity log intact: 2 entries verified\n"
    );
    // Someone with write access to the file goes around the triggers and rewrites history.
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    for sql in [
        "DROP TRIGGER activity_log_no_update",
        "UPDATE activity_log SET subject_id = '999' WHERE id = (SELECT MIN(id) FROM activity_log)",
    ] {
        sqlx::query(sql).execute(&pool).await.unwrap();
    }
    let first: i64 = sqlx::query_scalar("SELECT MIN(id) FROM activity_log")
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    let broken = cospace()
        .args(["log", "verify", "--database-url", &url])
        .output()
        .unwrap();
    assert!(!broken.status.success());
    assert!(
        String::from_utf8_lossy(&broken.stderr)
            .starts_with(&format!("error: activity log broken at entry {first}:")),
        "{}",
        String::from_utf8_lossy(&broken.stderr)
    );
    let _ = std::fs::remove_file(path);
}
