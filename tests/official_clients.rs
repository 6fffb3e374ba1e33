//! The official GOV.UK Notify clients, unmodified, against Herald.
//! `scripts/test` installs notifications-python-client into a virtualenv
//! (HERALD_TEST_PYTHON) and notifications-node-client into tests/node.

use std::time::Duration;

use herald_domain::config::Consumer;
use uuid::Uuid;

use crate::helpers::{TestApp, spawn_app};
use crate::{inbound, letters};

/// How many received texts the clients' checks find.
const RECEIVED_TEXTS: usize = 3;

/// The clients' checks expect notifications to stay `created` (as in GOV.UK
/// Notify's own client suites without delivery): no deliver or status
/// consumers. The letters worker stores PDFs (with no print provider,
/// letters stay `accepted`), the inbound worker stores received texts and
/// the documents worker stores files sent by email.
/// Returns the app and a letter template.
async fn spawn_without_delivery() -> (TestApp, String) {
    let app = inbound::start(&[
        Consumer::Persist,
        Consumer::Letters,
        Consumer::Inbound,
        Consumer::Documents,
    ])
    .await;
    // Files sent by email need the service's contact link.
    app.set_contact_link().await;
    let letter_template = letters::letter_template(&app, "second").await;
    inbound::send_texts(&app, RECEIVED_TEXTS).await;
    (app, letter_template)
}

fn python() -> String {
    std::env::var("HERALD_TEST_PYTHON").unwrap_or_else(|_| {
        panic!("HERALD_TEST_PYTHON is not set: run the suite with scripts/test, which installs notifications-python-client")
    })
}

const PYTHON_SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/python/notify_client_check.py"
);
const NODE_SCRIPT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/node/notify_client_check.js"
);

async fn run(program: &str, args: &[&str]) -> serde_json::Value {
    let output = tokio::process::Command::new(program)
        .args(args)
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    assert!(
        output.status.success(),
        "{program} client check failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(last).unwrap_or_else(|e| panic!("summary is not JSON ({e}): {stdout}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_official_python_client_sends_and_reads_back() {
    let app = spawn_app().await;

    let summary = run(
        &python(),
        &[
            PYTHON_SCRIPT,
            &app.address,
            &app.fixture.normal_key,
            &app.fixture.email_template,
            &app.fixture.sms_template,
            "20",
        ],
    )
    .await;

    let mut sent: Vec<Uuid> = summary["ids"]
        .as_array()
        .expect("ids")
        .iter()
        .map(|id| id.as_str().expect("id").parse().expect("uuid"))
        .collect();
    sent.sort();
    assert_eq!(sent.len(), 22);
    assert_eq!(
        app.env.wait_for_rows(22, Duration::from_secs(30)).await,
        sent
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_python_client_method_works() {
    let (app, letter_template) = spawn_without_delivery().await;
    let texts = RECEIVED_TEXTS.to_string();

    let summary = run(
        &python(),
        &[
            PYTHON_SCRIPT,
            "--all",
            &app.address,
            &app.fixture.normal_key,
            &app.fixture.email_template,
            &app.fixture.sms_template,
            "--other-key",
            &app.fixture.test_key,
            "--letter-template",
            &letter_template,
            "--received-texts",
            &texts,
        ],
    )
    .await;

    assert_eq!(summary["ok"], true, "{summary}");
    assert_eq!(
        summary["failed"].as_object().map_or(0, |f| f.len()),
        0,
        "{summary}"
    );
    for method in [
        "send_letter_notification",
        "send_precompiled_letter_notification",
        "get_pdf_for_letter",
    ] {
        assert!(summary["skipped"].get(method).is_none(), "{summary}");
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_node_client_method_works() {
    let (app, letter_template) = spawn_without_delivery().await;
    let texts = RECEIVED_TEXTS.to_string();

    let summary = run(
        "node",
        &[
            NODE_SCRIPT,
            &app.address,
            &app.fixture.normal_key,
            &app.fixture.email_template,
            &app.fixture.sms_template,
            "--page-count",
            "260",
            "--letter-template",
            &letter_template,
            "--received-texts",
            &texts,
        ],
    )
    .await;

    assert_eq!(summary["ok"], true, "{summary}");
    for method in [
        "sendLetter",
        "sendPrecompiledLetter",
        "getPdfForLetterNotification",
    ] {
        assert!(summary["skipped"].get(method).is_none(), "{summary}");
    }
    app.stop().await;
}
