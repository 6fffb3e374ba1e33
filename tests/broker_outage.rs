//! With the broker unreachable, POSTs answer 503 at once (never 201 without
//! a confirm, never a hang), readiness drops only after its grace period,
//! and everything recovers on its own.

use std::time::{Duration, Instant};

use crate::helpers::proxy::Proxy;
use crate::helpers::{TestApp, TestEnv, serve, spawn_app};

async fn readyz(app: &TestApp) -> u16 {
    app.client
        .get(format!("{}/readyz", app.address))
        .send()
        .await
        .map(|r| r.status().as_u16())
        .unwrap_or(0)
}

/// POSTs until one is accepted; returns its id.
async fn wait_for_201(app: &TestApp, within: Duration) -> String {
    let deadline = Instant::now() + within;
    loop {
        let response = app
            .post(
                "/v2/notifications/email",
                &app.fixture.normal_key,
                &app.email_body("a@example.com"),
            )
            .await;
        if response.status() == 201 {
            let body: serde_json::Value = response.json().await.expect("json");
            return body["id"].as_str().expect("id").to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "never recovered: {}",
            response.status()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_answer_503_quickly_while_the_broker_is_unreachable_then_recover() {
    let env = TestEnv::new().await;
    let fixture = env.fixture().await;
    let proxy = Proxy::start(5672).await;
    let mut settings = env.settings();
    settings.amqp_url = format!("amqp://guest:guest@127.0.0.1:{}/%2f", proxy.port);
    settings.broker_grace_seconds = 5;
    // A POST that still finds a channel waits out the confirm timeout.
    settings.publish_timeout_ms = 1000;
    let app = serve(env, fixture, &settings, true).await;
    let before = app.send_email().await["id"]
        .as_str()
        .expect("id")
        .to_owned();

    proxy.cut();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        readyz(&app).await,
        200,
        "a blip shorter than the grace period keeps the pod ready"
    );
    for _ in 0..5 {
        let started = Instant::now();
        let response = app
            .post(
                "/v2/notifications/email",
                &app.fixture.normal_key,
                &app.email_body("a@example.com"),
            )
            .await;
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "took {:?}",
            started.elapsed()
        );
        assert_eq!(response.status(), 503);
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(body["errors"][0]["error"], "ServiceUnavailable", "{body}");
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    while readyz(&app).await != 503 {
        assert!(Instant::now() < deadline, "readiness never dropped");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    proxy.restore();
    let after = wait_for_201(&app, Duration::from_secs(20)).await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while readyz(&app).await != 200 {
        assert!(Instant::now() < deadline, "readiness never came back");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_accepted_are_stored(&app, &[before, after]).await;
    app.stop().await;
}

/// Every accepted notification is stored. (A POST answered 503 because its
/// confirm came too late may be stored too: 503 promises nothing either way.)
async fn assert_accepted_are_stored(app: &TestApp, accepted: &[String]) {
    let accepted: Vec<uuid::Uuid> = accepted
        .iter()
        .map(|id| id.parse().expect("uuid"))
        .collect();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let stored = app.env.stored_ids().await;
        let missing: Vec<_> = accepted.iter().filter(|id| !stored.contains(id)).collect();
        if missing.is_empty() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "accepted but not stored: {missing:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// `rabbitmqctl close_connection` on every connection of this test's app.
fn close_connections_from_the_broker(prefix: &str) -> usize {
    let output = std::process::Command::new("rabbitmqctl")
        .args([
            "list_connections",
            "-q",
            "--no-table-headers",
            "pid",
            "client_properties",
        ])
        .output()
        .expect("rabbitmqctl");
    let listing = String::from_utf8_lossy(&output.stdout);
    let pids: Vec<&str> = listing
        .lines()
        .filter(|line| line.contains(prefix))
        .filter_map(|line| line.split_whitespace().next())
        .collect();
    for pid in &pids {
        let status = std::process::Command::new("rabbitmqctl")
            .args(["close_connection", pid, "closed by test"])
            .status()
            .expect("rabbitmqctl");
        assert!(status.success());
    }
    pids.len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_closed_by_the_broker_are_reopened() {
    let app = spawn_app().await;
    let before = app.send_email().await["id"]
        .as_str()
        .expect("id")
        .to_owned();

    let closed = close_connections_from_the_broker(&app.env.prefix);
    assert!(
        closed >= 2,
        "expected the api and worker connections, closed {closed}"
    );

    let after = wait_for_201(&app, Duration::from_secs(20)).await;
    assert_accepted_are_stored(&app, &[before, after]).await;
    assert_eq!(readyz(&app).await, 200);
    app.stop().await;
}
