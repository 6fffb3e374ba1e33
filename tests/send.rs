use std::time::Duration;

use serde_json::json;
use uuid::Uuid;

use crate::helpers::spawn_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_email_is_answered_201_in_notifys_shape_and_lands_once() {
    // Arrange
    let app = spawn_app().await;
    let mut body = app.email_body("someone@example.com");
    body["reference"] = json!("ref-1");

    // Act
    let response = app
        .post("/v2/notifications/email", &app.fixture.normal_key, &body)
        .await;

    // Assert
    assert_eq!(response.status(), 201);
    let created: serde_json::Value = response.json().await.expect("json");
    let id: Uuid = created["id"].as_str().expect("id").parse().expect("uuid");
    assert_eq!(id.get_version_num(), 7);
    assert_eq!(created["reference"], "ref-1");
    assert_eq!(created["scheduled_for"], serde_json::Value::Null);
    assert_eq!(
        created["uri"],
        format!("{}/v2/notifications/{id}", app.address)
    );
    assert_eq!(created["template"]["id"], app.fixture.email_template);
    assert_eq!(created["template"]["version"], 1);
    assert_eq!(created["content"]["subject"], "Hello Ann");
    assert_eq!(
        created["content"]["body"],
        "Dear Ann,\n\nYour code is 1234."
    );
    assert!(
        created["content"]["from_email"]
            .as_str()
            .is_some_and(|f| f.starts_with("test.service@"))
    );

    let stored = app.env.wait_for_rows(1, Duration::from_secs(30)).await;
    assert_eq!(stored, [id]);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_get_right_after_the_post_returns_the_notification() {
    let app = spawn_app().await;

    for _ in 0..5 {
        let created = app.send_email().await;
        let id = created["id"].as_str().expect("id");
        let response = app
            .get(&format!("/v2/notifications/{id}"), &app.fixture.normal_key)
            .await;

        assert_eq!(response.status(), 200);
        let got: serde_json::Value = response.json().await.expect("json");
        assert_eq!(got["id"], id);
        assert_eq!(got["type"], "email");
        // Straight after the POST; without an email provider configured the
        // sender may already have marked it technical-failure.
        assert!(
            got["status"] == "created" || got["status"] == "technical-failure",
            "{got}"
        );
        assert_eq!(got["email_address"], "someone@example.com");
        assert_eq!(got["subject"], "Hello Ann");
        assert_eq!(got["body"], "Dear Ann,\n\nYour code is 1234.");
        assert!(got["created_at"].as_str().is_some_and(|t| t.ends_with('Z')));
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_text_message_is_accepted_and_read_back() {
    let app = spawn_app().await;

    let response = app
        .post(
            "/v2/notifications/sms",
            &app.fixture.test_key,
            &app.sms_body("07700 900123"),
        )
        .await;

    assert_eq!(response.status(), 201);
    let created: serde_json::Value = response.json().await.expect("json");
    assert_eq!(created["content"]["body"], "Your code is 1234");
    assert!(created["content"]["from_number"].is_string());
    let id = created["id"].as_str().expect("id");
    let got: serde_json::Value = app
        .get(&format!("/v2/notifications/{id}"), &app.fixture.test_key)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(got["type"], "sms");
    assert_eq!(got["phone_number"], "07700 900123");
    assert_eq!(got["email_address"], serde_json::Value::Null);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_services_notification_is_not_found() {
    let app = spawn_app().await;
    let created = app.send_email().await;
    let other = app.env.admin(&["create-service", "--name", "Other"]).await;
    let other_id = other["id"].as_str().expect("id");
    let other_key = app
        .env
        .admin(&[
            "create-api-key",
            "--service-id",
            other_id,
            "--name",
            "k",
            "--key-type",
            "normal",
        ])
        .await;

    let response = app
        .get(
            &format!("/v2/notifications/{}", created["id"].as_str().expect("id")),
            other_key["key"].as_str().expect("key"),
        )
        .await;

    crate::helpers::assert_error(response, 404, &[("NoResultFound", "No result found")]).await;
    app.stop().await;
}
