use crate::helpers::spawn_app;

/// Both the main port and the ops port (a listener and thread of its own,
/// where Kubernetes probes) answer the probes; readiness includes the main
/// listener's heartbeat.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn probes_answer_from_memory_once_warm_on_both_ports() {
    // Arrange
    let app = spawn_app().await;

    for address in [&app.address, &app.metrics_address] {
        // Act
        let live = app
            .client
            .get(format!("{address}/livez"))
            .send()
            .await
            .expect("livez");
        let ready = app
            .client
            .get(format!("{address}/readyz?verbose"))
            .send()
            .await
            .expect("readyz");

        // Assert
        assert_eq!(live.status(), 200, "{address}");
        assert_eq!(ready.status(), 200, "{address}");
        let body: serde_json::Value = ready.json().await.expect("json");
        for check in [
            "broker",
            "cache",
            "http-listener",
            "persist-consumer",
            "shutdown",
        ] {
            assert_eq!(body["checks"][check]["ok"], true, "{check}: {body}");
        }
    }
    app.stop().await;
}

async fn scrape(app: &crate::helpers::TestApp) -> String {
    app.client
        .get(format!("{}/metrics", app.metrics_address))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("text")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_exist_by_spec_and_move() {
    let app = spawn_app().await;
    let before = scrape(&app).await;
    assert!(
        !before.contains("herald_notifications_accepted_total{"),
        "{before}"
    );

    let sent = app.send_email().await;
    let id: uuid::Uuid = sent["id"].as_str().expect("id").parse().expect("uuid");
    app.env
        .wait_for_rows(1, std::time::Duration::from_secs(30))
        .await;
    assert_eq!(app.env.stored_ids().await, [id]);
    let got = app
        .get(&format!("/v2/notifications/{id}"), &app.fixture.normal_key)
        .await;
    assert_eq!(got.status(), 200);

    let lines = [
        r#"herald_notifications_accepted_total{key_type="normal",notification_type="email"} 1"#,
        "herald_persist_rows_total 1",
        "herald_persist_batch_size_messages_count 1",
        "herald_persist_batch_commit_duration_seconds_count 1",
        "herald_publish_confirm_duration_seconds_count 1",
        r#"herald_http_requests_total{method="POST",route="/v2/notifications/email",status="201"} 1"#,
        r#"herald_http_requests_total{method="GET",route="/v2/notifications/{notification_id}",status="200"} 1"#,
        r#"herald_readiness_check{check="broker"} 1"#,
        r#"herald_readiness_check{check="shutdown"} 1"#,
        "herald_broker_connected 1",
        "herald_db_check_up 1",
    ];
    // Some figures are recorded just after the work they count (a batch's
    // commit, the background database check): poll until all are there.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(15);
    let text = loop {
        let text = scrape(&app).await;
        if lines.iter().all(|line| text.contains(line)) || tokio::time::Instant::now() >= deadline {
            break text;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    for line in lines {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    for name in [
        "herald_http_request_duration_seconds_bucket",
        "herald_db_pool_wait_seconds_bucket",
        "herald_db_pool_connections{",
        "herald_db_check_latency_seconds",
        "herald_db_checks_total{",
        "herald_consumer_lag_seconds{",
        "herald_queue_depth_messages{",
    ] {
        assert!(text.contains(name), "missing {name} in\n{text}");
    }
    app.stop().await;
}

/// What `herald admin` changes reaches every API process through a change
/// event, and `/readyz?verbose` shows the cache as it is then.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_change_shows_in_readyz_within_a_second() {
    let app = spawn_app().await;
    let cache_detail = || async {
        let ready: serde_json::Value = app
            .client
            .get(format!("{}/readyz?verbose", app.address))
            .send()
            .await
            .expect("readyz")
            .json()
            .await
            .expect("json");
        ready["checks"]["cache"]["detail"].clone()
    };
    assert_eq!(cache_detail().await, "1 services");

    app.env
        .admin(&["create-service", "--name", "A second service"])
        .await;
    let changed = std::time::Instant::now();
    // The periodic reload is 60 s away: only the change event can show it
    // in time (normally within milliseconds; the deadline allows for a busy
    // machine).
    let deadline = changed + crate::helpers::CACHE_PROPAGATION;
    while cache_detail().await != "2 services" {
        assert!(
            std::time::Instant::now() < deadline,
            "the new service never showed in /readyz?verbose"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    eprintln!("shown in /readyz?verbose after {:?}", changed.elapsed());
    app.stop().await;
}
