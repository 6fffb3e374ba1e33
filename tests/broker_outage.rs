//! With the broker unreachable, POSTs answer 503 at once (never 201 without
//! a confirm, never a hang), readiness drops only after its grace period,
//! and everything recovers on its own.

use std::time::{Duration, Instant};

use crate::helpers::proxy::Proxy;
use crate::helpers::{TestApp, TestEnv, metric, serve, spawn_app};

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

/// An app whose broker connections pass through a proxy the test controls,
/// with a readiness grace of `grace_seconds` and a publish timeout of one
/// second (a POST that still finds a channel waits out the confirm
/// timeout), and the id of one email accepted through it.
async fn behind_a_proxy(grace_seconds: u64) -> (TestApp, Proxy, String) {
    let env = TestEnv::new().await;
    let fixture = env.fixture().await;
    let proxy = Proxy::start(5672).await;
    let mut settings = env.settings();
    settings.amqp_url = format!("amqp://guest:guest@127.0.0.1:{}/%2f", proxy.port);
    settings.broker_grace_seconds = grace_seconds;
    settings.publish_timeout_ms = 1000;
    let app = serve(env, fixture, &settings, true).await;
    let before = app.send_email().await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    (app, proxy, before)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_answer_503_quickly_while_the_broker_is_unreachable_then_recover() {
    let (app, proxy, before) = behind_a_proxy(5).await;

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

/// Every accepted notification is stored.
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

/// Rows whose client reference is `reference`.
async fn stored_with_reference(app: &TestApp, reference: &str) -> i64 {
    use diesel::prelude::*;
    use herald_domain::schema::notifications::dsl;
    let reference = reference.to_owned();
    app.env
        .query(move |conn| {
            dsl::notifications
                .filter(dsl::client_reference.eq(reference))
                .count()
                .get_result(conn)
                .expect("count")
        })
        .await
}

/// The network between the API and the broker stops delivering: a POST's
/// message is sent but its confirm cannot come, so it answers 503 at its
/// publish timeout. When the network comes back the broker receives that
/// message after all, and yet the notification is never stored or sent:
/// the API disowned it before answering. Meanwhile readiness drops after
/// its grace (publishes keep failing) and comes back alone (the canary).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_publish_answered_503_is_never_stored_even_if_the_broker_takes_it_later() {
    let (app, proxy, before) = behind_a_proxy(2).await;

    proxy.stall();
    let mut body = app.email_body("held@example.com");
    body["reference"] = "held-by-the-network".into();
    let started = Instant::now();
    let response = app
        .post("/v2/notifications/email", &app.fixture.normal_key, &body)
        .await;
    assert_eq!(response.status(), 503, "{:?}", response.text().await);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        metric(
            &app.metrics_address,
            "herald_publish_uncertain_total{outcome=\"disowned\"}"
        )
        .await,
        1.0
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while readyz(&app).await != 503 {
        assert!(
            Instant::now() < deadline,
            "readiness never dropped while publishes failed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    proxy.resume();
    let deadline = Instant::now() + Duration::from_secs(15);
    while readyz(&app).await != 200 {
        assert!(Instant::now() < deadline, "readiness never came back");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let after = wait_for_201(&app, Duration::from_secs(20)).await;
    assert_accepted_are_stored(&app, &[before, after]).await;
    // The held message did reach the broker, and both consumers skipped it.
    for consumer in ["persist", "deliver"] {
        let name = format!("herald_disowned_skipped_total{{consumer=\"{consumer}\"}}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while metric(&app.metrics_address, &name).await < 1.0 {
            assert!(
                Instant::now() < deadline,
                "{consumer} never saw the held message"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    assert_eq!(stored_with_reference(&app, "held-by-the-network").await, 0);
    app.stop().await;
}
