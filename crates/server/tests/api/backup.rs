//! `backup FILE`: an online copy of the SQLite database that opens on its
//! own with every row, taken while the server's pool is open; it never
//! replaces a file, and on PostgreSQL it points at pg_dump instead.

use std::process::Command;

use aftercare_server::backup;
use aftercare_server::db::{Db, Engine, SQLITE_FILE};

use crate::common::{demo_entries, TestApp};

const BINARY: &str = env!("CARGO_BIN_EXE_aftercare-server");

#[tokio::test]
async fn a_backup_taken_while_the_pool_is_open_holds_every_article() {
    let app = TestApp::with_demo().await;
    let target = app.dir.path().join("copy.sqlite3");
    if app.db.engine() == Engine::Postgres {
        let error = backup::sqlite(&app.db, &target).await.unwrap_err();
        assert!(error.to_string().contains("pg_dump"), "{error}");
        return;
    }
    let articles = app.count("kb_articles").await;
    assert_eq!(articles, demo_entries().len() as i64);
    // The server's pool stays open and busy: a reader holds a connection.
    let mut reader = app.db.pool().acquire().await.unwrap();
    let _: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM kb_articles")
        .fetch_one(&mut *reader)
        .await
        .unwrap();

    let bytes = backup::sqlite(&app.db, &target).await.unwrap();
    assert_eq!(bytes, std::fs::metadata(&target).unwrap().len());
    drop(reader);

    let copy = Db::connect(&Db::sqlite_url(&target).unwrap())
        .await
        .unwrap();
    let (copied,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM kb_articles")
        .fetch_one(copy.pool())
        .await
        .unwrap();
    assert_eq!(copied, articles);
    copy.close().await;
    // No temporary file is left next to the copy.
    let names: Vec<_> = std::fs::read_dir(app.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("partial"))
        .collect();
    assert!(names.is_empty(), "{names:?}");

    // A second backup to the same file is refused, and the file is kept.
    let error = backup::sqlite(&app.db, &target).await.unwrap_err();
    assert!(error.to_string().contains("already exists"), "{error}");
    assert_eq!(std::fs::metadata(&target).unwrap().len(), bytes);
}

#[tokio::test]
async fn the_command_copies_the_data_directory_and_refuses_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let run = |args: &[&std::ffi::OsStr], url: Option<&str>| {
        let mut command = Command::new(BINARY);
        command
            .arg("backup")
            .args(args)
            .arg("--data-dir")
            .arg(&data)
            .env_remove("DATABASE_URL")
            .env("RUST_LOG", "warn");
        if let Some(url) = url {
            command.env("DATABASE_URL", url);
        }
        command.output().expect("backup runs")
    };
    let target = dir.path().join("backup.sqlite3");

    let missing = run(&[target.as_os_str()], None);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("there is no database"));

    std::fs::create_dir_all(&data).unwrap();
    let url = Db::sqlite_url(&data.join(SQLITE_FILE)).unwrap();
    let db = Db::connect(&url).await.unwrap();
    db.migrate().await.unwrap();
    let made = run(&[target.as_os_str()], None);
    let stdout = String::from_utf8_lossy(&made.stdout);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert!(stdout.starts_with("backed up to "), "{stdout}");
    assert!(target.is_file());

    let again = run(&[target.as_os_str()], None);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    db.close().await;

    let postgres = run(
        &[dir.path().join("pg.dump").as_os_str()],
        Some("postgres://user:secret@127.0.0.1:1/aftercare"),
    );
    let stderr = String::from_utf8_lossy(&postgres.stderr);
    assert!(!postgres.status.success());
    assert!(stderr.contains("pg_dump"), "{stderr}");
    assert!(!stderr.contains("secret"), "{stderr}");
}
