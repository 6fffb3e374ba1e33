//! Every class of bad input gets a 4xx in the v2 error envelope, never a 500.

use serde_json::json;
use uuid::Uuid;

use crate::helpers::{assert_error, spawn_app, token};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schema_errors_are_reported_one_entry_per_problem() {
    let app = spawn_app().await;
    let key = &app.fixture.normal_key;

    let response = app
        .post(
            "/v2/notifications/email",
            key,
            &json!({"email_address": "not-an-email", "personalisation": "abc", "colour": "red"}),
        )
        .await;
    assert_error(
        response,
        400,
        &[
            ("ValidationError", "template_id is a required property"),
            (
                "ValidationError",
                "Additional properties are not allowed (colour was unexpected)",
            ),
            ("ValidationError", "email_address Not a valid email address"),
            (
                "ValidationError",
                "personalisation abc is not of type object",
            ),
        ],
    )
    .await;

    let response = app
        .post("/v2/notifications/sms", key, &json!({"phone_number": "020 7946", "template_id": "nope", "reference": "x".repeat(1001)}))
        .await;
    let long = format!("reference {} is too long", "x".repeat(1001));
    assert_error(
        response,
        400,
        &[
            ("ValidationError", "template_id is not a valid UUID"),
            ("ValidationError", "phone_number Not enough digits"),
            ("ValidationError", long.as_str()),
        ],
    )
    .await;

    let response = app
        .post(
            "/v2/notifications/sms",
            key,
            &json!({"phone_number": "07700 9001234567", "template_id": app.fixture.sms_template}),
        )
        .await;
    assert_error(
        response,
        400,
        &[("ValidationError", "phone_number Too many digits")],
    )
    .await;

    let response = app
        .post(
            "/v2/notifications/sms",
            key,
            &json!({"phone_number": "07700 90012a", "template_id": app.fixture.sms_template}),
        )
        .await;
    assert_error(
        response,
        400,
        &[(
            "ValidationError",
            "phone_number Must not contain letters or symbols",
        )],
    )
    .await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn template_problems_are_bad_requests() {
    let app = spawn_app().await;
    let key = &app.fixture.normal_key;

    let mut body = app.email_body("a@example.com");
    body["template_id"] = json!(Uuid::new_v4());
    assert_error(
        app.post("/v2/notifications/email", key, &body).await,
        400,
        &[("BadRequestError", "Template not found")],
    )
    .await;

    let mut body = app.email_body("a@example.com");
    body["template_id"] = json!(app.fixture.sms_template);
    assert_error(
        app.post("/v2/notifications/email", key, &body).await,
        400,
        &[(
            "BadRequestError",
            "sms template is not suitable for email notification",
        )],
    )
    .await;

    let mut body = app.email_body("a@example.com");
    body["personalisation"] = json!({"Name": "Ann"});
    assert_error(
        app.post("/v2/notifications/email", key, &body).await,
        400,
        &[("BadRequestError", "Missing personalisation: code")],
    )
    .await;

    let mut body = app.email_body("a@example.com");
    body["personalisation"] = json!({});
    assert_error(
        app.post("/v2/notifications/email", key, &body).await,
        400,
        &[("BadRequestError", "Missing personalisation: name, code")],
    )
    .await;

    let mut body = app.email_body("a@example.com");
    body["email_reply_to_id"] = json!(Uuid::nil());
    let message = format!(
        "email_reply_to_id {} does not exist in database for service id {}",
        Uuid::nil(),
        app.fixture.service_id
    );
    assert_error(
        app.post("/v2/notifications/email", key, &body).await,
        400,
        &[("BadRequestError", message.as_str())],
    )
    .await;

    let mut body = app.sms_body("07700900123");
    body["personalisation"] = json!({"code": "x".repeat(1000)});
    assert_error(
        app.post("/v2/notifications/sms", key, &body).await,
        400,
        &[(
            "BadRequestError",
            "Your message is too long. Text messages cannot be longer than 918 characters. Your message is 1013 characters long.",
        )],
    )
    .await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_key_may_not_send_to_strangers() {
    let app = spawn_app().await;

    let response = app
        .post(
            "/v2/notifications/email",
            &app.fixture.team_key,
            &app.email_body("stranger@example.com"),
        )
        .await;

    assert_error(
        response,
        400,
        &[(
            "BadRequestError",
            "Can’t send to this recipient using a team-only API key",
        )],
    )
    .await;
    let response = app
        .post(
            "/v2/notifications/email",
            &app.fixture.team_key,
            &app.email_body("simulate-delivered@notifications.service.gov.uk"),
        )
        .await;
    assert_eq!(response.status(), 201);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_requests_get_v2_errors() {
    let app = spawn_app().await;
    let url = format!("{}/v2/notifications/email", app.address);
    let auth = format!("Bearer {}", token(&app.fixture.normal_key));

    let response = app
        .client
        .post(&url)
        .header("authorization", &auth)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("request");
    assert_error(
        response,
        400,
        &[("BadRequestError", "Invalid JSON supplied in POST data")],
    )
    .await;

    let response = app
        .client
        .post(&url)
        .header("authorization", &auth)
        .header("content-type", "text/xml")
        .body("<x/>")
        .send()
        .await
        .expect("request");
    assert_error(
        response,
        415,
        &[(
            "UnsupportedMediaType",
            "Content-Type must be application/json",
        )],
    )
    .await;

    let huge = format!("{{\"email_address\": \"{}\"}}", "a".repeat(5 * 1024 * 1024));
    let response = app
        .client
        .post(&url)
        .header("authorization", &auth)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .expect("request");
    assert_error(
        response,
        413,
        &[(
            "PayloadTooLarge",
            "Request body is larger than 4194304 bytes",
        )],
    )
    .await;

    let response = app
        .client
        .post(&url)
        .header("authorization", &auth)
        .json(&json!(["a list"]))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 400);

    let response = app
        .client
        .get(format!("{}/v2/nothing-here", app.address))
        .send()
        .await
        .expect("request");
    assert_error(
        response,
        404,
        &[("NotFound", "No route matches GET /v2/nothing-here")],
    )
    .await;

    let response = app.client.delete(&url).send().await.expect("request");
    assert_error(
        response,
        405,
        &[(
            "MethodNotAllowed",
            "The method DELETE is not allowed for /v2/notifications/email",
        )],
    )
    .await;

    let response = app
        .get("/v2/notifications/not-a-uuid", &app.fixture.normal_key)
        .await;
    assert_error(
        response,
        400,
        &[("ValidationError", "notification_id is not a valid UUID")],
    )
    .await;

    let response = app
        .get(
            &format!("/v2/notifications/{}", Uuid::new_v4()),
            &app.fixture.normal_key,
        )
        .await;
    assert_error(response, 404, &[("NoResultFound", "No result found")]).await;
    app.stop().await;
}
