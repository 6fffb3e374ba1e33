//! The official GOV.UK Notify Python client, unmodified, against Herald.
//! `scripts/test` installs it into a virtualenv and sets HERALD_TEST_PYTHON.

use std::time::Duration;

use uuid::Uuid;

use crate::helpers::spawn_app;

fn python() -> String {
    std::env::var("HERALD_TEST_PYTHON").unwrap_or_else(|_| {
        panic!("HERALD_TEST_PYTHON is not set: run the suite with scripts/test, which installs notifications-python-client")
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_official_python_client_sends_and_reads_back() {
    let app = spawn_app().await;
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/python/notify_client_check.py"
    );

    let output = tokio::process::Command::new(python())
        .args([
            script,
            &app.address,
            &app.fixture.normal_key,
            &app.fixture.email_template,
            &app.fixture.sms_template,
            "20",
        ])
        .output()
        .await
        .expect("run python");

    assert!(
        output.status.success(),
        "python client failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).expect("summary");
    let mut sent: Vec<Uuid> = summary["ids"]
        .as_array()
        .expect("ids")
        .iter()
        .map(|id| id.as_str().expect("id").parse().expect("uuid"))
        .collect();
    sent.sort();
    assert_eq!(sent.len(), 22);
    assert_eq!(
        app.env.wait_for_rows(22, Duration::from_secs(10)).await,
        sent
    );
    app.stop().await;
}
