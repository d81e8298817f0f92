//! The command line around surveys: `report satisfaction` prints the
//! numbers of the surveys answered in a range, and `staff resolve` without
//! a mail relay prints the survey link it would have mailed.

use std::path::Path;
use std::process::{Command, Output};

use aftercare_server::auth::secret::Pepper;
use aftercare_server::auth::survey_token;
use aftercare_server::auth::StaffRole;
use axum::http::Method;
use serde_json::{json, Value};

use crate::common::{fresh_database_url, TestApp};
use crate::requests_support::{
    call, consultation, customer, fault_report, new_key, open_number, staff, staff_action, Who,
};

const DAY: &str = "2027-01-15";

/// Runs the server binary with `args` against `url` (data in `data_dir`).
fn run(args: &[&str], data_dir: &Path, url: &str) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_aftercare-server"));
    command
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("DATABASE_URL")
        .env_remove("AFTERCARE_CONFIG")
        .env("RUST_LOG", "warn");
    if !url.starts_with("sqlite:") {
        command.env("DATABASE_URL", url);
    }
    command.output().unwrap()
}

/// Opens a request as `who`, gives it to Li Wei, resolves it, and answers
/// its survey with `answers`.
async fn answered(app: &TestApp, who: &Who, body: &Value, answers: Value) -> String {
    let number = open_number(app, who, body).await;
    let li = staff(app, "Li Wei", StaffRole::Engineer).await;
    for action in [
        json!({"action": "acknowledge"}),
        json!({"action": "assign", "engineer": "Li Wei"}),
        json!({"action": "resolve"}),
    ] {
        let moved = staff_action(app, &li, &number, action).await;
        assert_eq!(moved.status, 200, "{}", moved.text());
    }
    let uri = format!("/api/v1/requests/{number}/survey");
    let body = json!({ "answers": answers });
    let put = call(app, Method::PUT, &uri, who, Some(&body), &[]).await;
    assert_eq!(put.status, 201, "{}", put.text());
    number
}

#[tokio::test]
async fn the_binary_prints_the_satisfaction_report_and_refuses_a_bad_range() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_path_buf();
    let url = fresh_database_url(&dir).await;
    let app = TestApp::over(&url, dir).await;
    let ana = Who::Bearer(customer(&app, "ana@example.com").await);
    answered(
        &app,
        &ana,
        &fault_report("normal"),
        json!({"overall": 5, "timeliness": 5, "attitude": 5, "professionalism": 4,
               "solved": true, "nps": 10}),
    )
    .await;
    answered(
        &app,
        &Who::Key(new_key()),
        &consultation(),
        json!({"overall": 3, "timeliness": 2, "attitude": 4, "professionalism": 3,
               "solved": false, "nps": 5, "effort": 2}),
    )
    .await;

    let output = run(
        &["report", "satisfaction", "--from", DAY, "--to", DAY],
        &data_dir,
        &url,
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for line in [
        "Answers: 2\n",
        "CSAT 50.0 % (target 85 %) ✗   [1 of 2 satisfied]\n",
        "NPS 0.0 (promoters 50.0 %, detractors 50.0 %, 2 answers)\n",
        "Solved: 50.0 % (1 of 2)\n",
        "  overall          satisfaction        2     4.00\n",
        "  effort           effort              1     2.00\n",
        "  engineer  answers    CSAT  overall  timeliness  attitude  professionalism  effort\n",
        "  Li Wei    2        50.0 %     4.00        3.50      4.50             3.50    2.00\n",
        "  consultation  1          0.0 %     3.00        2.00      4.00             3.00    2.00\n",
        "  fault_report  1        100.0 %     5.00        5.00      5.00             4.00       -\n",
    ] {
        assert!(stdout.contains(line), "{line:?} in\n{stdout}");
    }

    let later = run(
        &["report", "satisfaction", "--from", "2027-01-16"],
        &data_dir,
        &url,
    );
    assert!(later.status.success());
    assert!(String::from_utf8_lossy(&later.stdout).contains("Answers: 0 (no answers)"));
    let bad = run(
        &[
            "report",
            "satisfaction",
            "--from",
            "2027-01-16",
            "--to",
            DAY,
        ],
        &data_dir,
        &url,
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--from must be before --to"));
}

#[tokio::test]
async fn staff_resolve_without_a_relay_prints_the_survey_link() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_path_buf();
    let url = fresh_database_url(&dir).await;
    let app = TestApp::over(&url, dir).await;
    let ana = Who::Bearer(customer(&app, "ana@example.com").await);
    let number = open_number(&app, &ana, &fault_report("normal")).await;
    let staff_run = |args: &[&str]| {
        let mut argv = vec!["staff"];
        argv.extend_from_slice(args);
        run(&argv, &data_dir, &url)
    };
    assert!(staff_run(&["token", "Li Wei"]).status.success());
    let acked = staff_run(&["ack", &number, "--as", "Li Wei"]);
    assert_eq!(
        String::from_utf8_lossy(&acked.stdout),
        format!("{number} acknowledged\n")
    );

    // The server made its pepper on first start; the command signs with it.
    let pepper = Pepper::load_or_create(&data_dir.join("pepper")).unwrap();
    let resolved = staff_run(&["resolve", &number, "--as", "Li Wei"]);
    let stdout = String::from_utf8_lossy(&resolved.stdout).into_owned();
    assert!(
        resolved.status.success(),
        "{}",
        String::from_utf8_lossy(&resolved.stderr)
    );
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some(format!("{number} resolved").as_str()));
    let prefix =
        format!("survey link for ana@example.com: {number} http://localhost:8080/survey#token=");
    let token = lines
        .next()
        .and_then(|line| line.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("{stdout}"));
    let now = time::OffsetDateTime::now_utc();
    assert_eq!(survey_token::verify(&pepper, token, now).unwrap(), number);
    assert_eq!(lines.next(), None);
}
