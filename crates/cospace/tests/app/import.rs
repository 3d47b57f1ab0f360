//! `cospace import`: a CSV file into a space from the command line, all or nothing, with
//! progress and a summary; every bad row listed in English; a sample generator.

use cospace_stakeholders::csv_io;
use cospace_testkit::{db_tests, TestApp};
use std::path::PathBuf;
use std::process::{Command, Output};

fn cospace() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cospace"));
    command
        .env_remove("COSPACE_DATABASE_URL")
        .env_remove("COSPACE_LISTEN")
        .env_remove("COSPACE_CONFIG");
    command
}

/// A file in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, content: &[u8]) -> TempFile {
        let path = std::env::temp_dir().join(format!(
            "cospace-import-{}-{}-{name}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        std::fs::write(&path, content).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn import(app: &TestApp, file: &str, space: &str) -> Output {
    cospace()
        .args([
            "import",
            "stakeholders",
            file,
            "--space",
            space,
            "--database-url",
            &app.database_url,
        ])
        .output()
        .unwrap()
}

/// A CSV line (with its line end) from (column, value) pairs.
fn row(values: &[(&str, &str)]) -> String {
    let cells: Vec<&str> = csv_io::COLUMNS
        .iter()
        .map(|column| {
            values
                .iter()
                .find(|(c, _)| c == column)
                .map(|(_, v)| *v)
                .unwrap_or("")
        })
        .collect();
    format!("{}\n", cells.join(","))
}

async fn organizations(app: &TestApp) -> i64 {
    cospace_store::with_db!(app.db(), |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM organizations"
    )
    .fetch_one(pool)
    .await)
    .unwrap()
}

db_tests!(cospace::components();
    the_command_line_imports_a_file_with_progress_and_a_summary,
    the_command_line_lists_every_bad_row_and_imports_nothing,
);

async fn the_command_line_imports_a_file_with_progress_and_a_summary(app: TestApp) {
    app.create_space(None, "azory", "Azory").await;
    let sample = TempFile::new("sample.csv", b"");
    let generated = cospace()
        .args([
            "import",
            "generate-sample",
            sample.path(),
            "--organizations",
            "300",
            "--seed",
            "5",
        ])
        .output()
        .unwrap();
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    assert!(String::from_utf8_lossy(&generated.stdout).starts_with("wrote 300 organisations ("));
    let plan = csv_io::parse(&std::fs::read(&sample.0).unwrap()).unwrap();
    let output = import(&app, sample.path(), "azory");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let expected = format!(
        "imported 300 organisations, {} contacts, {} resources, {} needs into azory in ",
        plan.contacts.len(),
        plan.resources.len(),
        plan.needs.len()
    );
    assert!(stdout.starts_with(&expected), "{stdout}");
    assert!(stdout.trim_end().ends_with("rows/s)"), "{stdout}");
    assert_eq!(stdout.lines().count(), 1);
    // Not a terminal: progress comes as lines, ending at 100 %.
    let last = stderr.lines().last().unwrap_or_default();
    assert_eq!(last, format!("100% {0}/{0} rows", plan.rows()), "{stderr}");
    assert_eq!(organizations(&app).await, 300);
    assert_eq!(app.count_activity("stakeholders.import").await, 1);
    let actor: Option<i64> = cospace_store::with_db!(app.db(), |pool| sqlx::query_scalar(
        "SELECT actor_user_id FROM activity_log WHERE action = 'stakeholders.import'"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(actor, None, "the command line acts as the system");
}

async fn the_command_line_lists_every_bad_row_and_imports_nothing(app: TestApp) {
    app.create_space(None, "azory", "Azory").await;
    let mut text = csv_io::synthetic_csv(3, 1);
    // Line numbers of the new rows: after the sample's last line.
    let last_line = text.lines().count();
    text.push_str(&row(&[
        ("record", "contact"),
        ("org_ref", "o1"),
        ("person", "Anna"),
        ("email", "not-mail"),
    ]));
    text.push_str(&row(&[
        ("record", "need"),
        ("org_ref", "o9"),
        ("kind", "castle"),
        ("title", "Room"),
    ]));
    let bad = TempFile::new("bad.csv", text.as_bytes());
    let output = import(&app, bad.path(), "azory");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "line {}: email: Enter an e-mail address like name@example.org.",
                last_line + 1
            ),
            format!(
                "line {}: org_ref: No organisation row with org_ref “o9” comes before this row.",
                last_line + 2
            ),
            format!("line {}: kind: Choose one of the options.", last_line + 2),
            "error: nothing was imported: 2 bad rows".to_owned(),
        ]
    );
    assert!(output.stdout.is_empty());
    assert_eq!(organizations(&app).await, 0);
    assert_eq!(app.count_activity("stakeholders.import").await, 0);

    // A whole-file problem is one line, and so is an unknown space or a missing file.
    let tabs = TempFile::new("tabs.csv", text.replace(',', "\t").as_bytes());
    let stderr = String::from_utf8_lossy(&import(&app, tabs.path(), "azory").stderr).into_owned();
    assert_eq!(
        stderr,
        "line 1: Separate the columns with commas or semicolons: the header row has neither.\n\
         error: nothing was imported: 1 bad row\n"
    );
    let good = TempFile::new("good.csv", csv_io::synthetic_csv(2, 1).as_bytes());
    let unknown = import(&app, good.path(), "atlantis");
    assert!(!unknown.status.success());
    assert_eq!(
        String::from_utf8_lossy(&unknown.stderr),
        "error: no space has the slug 'atlantis'\n"
    );
    let missing = import(&app, "/nonexistent/file.csv", "azory");
    assert!(!missing.status.success());
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(
        stderr.starts_with("error: cannot read /nonexistent/file.csv"),
        "{stderr}"
    );
    assert_eq!(stderr.trim_end().lines().count(), 1);
    assert_eq!(organizations(&app).await, 0);
}

#[test]
fn import_has_help() {
    let output = cospace().arg("--help").output().unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("import"));
    let output = cospace()
        .args(["import", "stakeholders", "--help"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("--space") && text.contains("--database-url"),
        "{text}"
    );
    let output = cospace()
        .args(["import", "generate-sample", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("--organizations"));
}
