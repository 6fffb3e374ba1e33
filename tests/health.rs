use crate::helpers::spawn_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn probes_answer_from_memory_once_warm() {
    // Arrange
    let app = spawn_app().await;

    // Act
    let live = app
        .client
        .get(format!("{}/livez", app.address))
        .send()
        .await
        .expect("livez");
    let ready = app
        .client
        .get(format!("{}/readyz?verbose", app.address))
        .send()
        .await
        .expect("readyz");

    // Assert
    assert_eq!(live.status(), 200);
    assert_eq!(ready.status(), 200);
    let body: serde_json::Value = ready.json().await.expect("json");
    for check in ["broker", "cache", "persist-consumer", "shutdown"] {
        assert_eq!(body["checks"][check]["ok"], true, "{check}: {body}");
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_accepted_notifications_and_batches() {
    let app = spawn_app().await;
    let sent = app.send_email().await;
    let id: uuid::Uuid = sent["id"].as_str().expect("id").parse().expect("uuid");
    app.env
        .wait_for_rows(1, std::time::Duration::from_secs(10))
        .await;
    assert_eq!(app.env.stored_ids().await, [id]);

    let text = app
        .client
        .get(format!("{}/metrics", app.metrics_address))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("text");

    assert!(
        text.contains(
            r#"herald_notifications_accepted_total{key_type="normal",notification_type="email"} 1"#
        ),
        "{text}"
    );
    assert!(text.contains("herald_persist_rows_total 1"), "{text}");
    assert!(
        text.contains("herald_persist_batch_size_messages_count 1"),
        "{text}"
    );
    app.stop().await;
}
