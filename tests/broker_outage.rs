//! With the broker unreachable, POSTs answer 503 at once (never 201 without
//! a confirm, never a hang), and recover on their own.

use std::time::{Duration, Instant};

use crate::helpers::proxy::Proxy;
use crate::helpers::{TestEnv, serve};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_answer_503_quickly_while_the_broker_is_unreachable_then_recover() {
    let env = TestEnv::new().await;
    let fixture = env.fixture().await;
    let proxy = Proxy::start(5672).await;
    let mut settings = env.settings();
    settings.amqp_url = format!("amqp://guest:guest@127.0.0.1:{}/%2f", proxy.port);
    let app = serve(env, fixture, &settings, true).await;
    app.send_email().await;

    proxy.cut();
    tokio::time::sleep(Duration::from_millis(300)).await;
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
            started.elapsed() < Duration::from_millis(3500),
            "took {:?}",
            started.elapsed()
        );
        assert_eq!(response.status(), 503);
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(body["errors"][0]["error"], "ServiceUnavailable", "{body}");
    }

    proxy.restore();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let response = app
            .post(
                "/v2/notifications/email",
                &app.fixture.normal_key,
                &app.email_body("a@example.com"),
            )
            .await;
        if response.status() == 201 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "never recovered: {}",
            response.status()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        app.env
            .wait_for_rows(2, Duration::from_secs(15))
            .await
            .len(),
        2
    );
    app.stop().await;
}
