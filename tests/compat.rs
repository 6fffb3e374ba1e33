//! Notify v2 compatibility beyond sending: listing, templates, key types,
//! reply-to and senders, limits, and the documented surface.

use std::time::Duration;

use herald_domain::config::Consumer;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{
    CACHE_PROPAGATION, Options, TestApp, assert_error, spawn_app, spawn_app_with,
};

async fn json_of(response: reqwest::Response) -> Value {
    assert_eq!(response.status(), 200, "unexpected status");
    response.json().await.expect("json")
}

async fn send(app: &TestApp, path: &str, key: &str, body: Value) -> Value {
    let response = app.post(path, key, &body).await;
    assert_eq!(response.status(), 201);
    response.json().await.expect("json")
}

/// Sends until the API's cache knows what `body` refers to (a 400 until
/// then), at most [`CACHE_PROPAGATION`].
async fn send_once_known(app: &TestApp, path: &str, key: &str, body: &Value) -> Value {
    let deadline = tokio::time::Instant::now() + CACHE_PROPAGATION;
    loop {
        let response = app.post(path, key, body).await;
        if response.status() == 201 {
            return response.json().await.expect("json");
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{path}: still {} after {CACHE_PROPAGATION:?}",
            response.status()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn ids(list: &Value) -> Vec<String> {
    list["notifications"]
        .as_array()
        .expect("notifications")
        .iter()
        .map(|n| n["id"].as_str().expect("id").to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listing_filters_pages_and_separates_key_types() {
    // Persist only: statuses stay `created`, so the status filters are exact.
    let app = spawn_app_with(Options {
        worker: true,
        tweak: |s| s.consumers = vec![Consumer::Persist],
    })
    .await;
    let key = app.fixture.normal_key.clone();
    let mut sent = Vec::new();
    for n in 0..3 {
        let mut body = app.email_body("a@example.com");
        body["reference"] = json!(format!("ref-{n}"));
        sent.push(
            send(&app, "/v2/notifications/email", &key, body).await["id"]
                .as_str()
                .expect("id")
                .to_owned(),
        );
    }
    for _ in 0..2 {
        sent.push(
            send(
                &app,
                "/v2/notifications/sms",
                &key,
                app.sms_body("07700900123"),
            )
            .await["id"]
                .as_str()
                .expect("id")
                .to_owned(),
        );
    }
    send(
        &app,
        "/v2/notifications/email",
        &app.fixture.test_key,
        app.email_body("a@example.com"),
    )
    .await;
    app.env.wait_for_rows(6, Duration::from_secs(30)).await;
    let newest_first: Vec<String> = sent.iter().rev().cloned().collect();

    let all = json_of(app.get("/v2/notifications", &key).await).await;
    assert_eq!(ids(&all), newest_first);
    assert_eq!(
        all["links"]["current"],
        format!("{}/v2/notifications", app.address)
    );
    assert_eq!(
        all["links"]["next"],
        format!("{}/v2/notifications?older_than={}", app.address, sent[0])
    );

    let sms = json_of(app.get("/v2/notifications?template_type=sms", &key).await).await;
    assert_eq!(ids(&sms), newest_first[..2]);
    assert!(
        sms["links"]["next"]
            .as_str()
            .is_some_and(|n| n.contains("template_type=sms&older_than="))
    );

    let by_reference = json_of(app.get("/v2/notifications?reference=ref-1", &key).await).await;
    assert_eq!(ids(&by_reference), [sent[1].clone()]);
    let created = json_of(
        app.get("/v2/notifications?status=created&status=sending", &key)
            .await,
    )
    .await;
    assert_eq!(ids(&created).len(), 5);
    let failed = json_of(app.get("/v2/notifications?status=failed", &key).await).await;
    assert!(ids(&failed).is_empty());
    assert!(failed["links"].get("next").is_none());

    let older = json_of(
        app.get(&format!("/v2/notifications?older_than={}", sent[3]), &key)
            .await,
    )
    .await;
    assert_eq!(
        ids(&older),
        [sent[2].clone(), sent[1].clone(), sent[0].clone()]
    );
    let unknown = json_of(
        app.get(
            &format!("/v2/notifications?older_than={}", Uuid::new_v4()),
            &key,
        )
        .await,
    )
    .await;
    assert!(ids(&unknown).is_empty());

    let test_only = json_of(app.get("/v2/notifications", &app.fixture.test_key).await).await;
    assert_eq!(ids(&test_only).len(), 1);

    assert_error(
        app.get("/v2/notifications?status=elephant&template_type=fax&older_than=x", &key).await,
        400,
        &[
            ("ValidationError", "template_type fax is not one of [sms, email, letter]"),
            ("ValidationError", "status elephant is not one of [cancelled, created, sending, sent, delivered, pending, failed, technical-failure, temporary-failure, permanent-failure, pending-virus-check, validation-failed, virus-scan-failed, returned-letter, accepted, received]"),
            ("ValidationError", "older_than is not a valid UUID"),
        ],
    )
    .await;
    assert_error(
        app.get("/v2/notifications?colour=red", &key).await,
        400,
        &[(
            "ValidationError",
            "Additional properties are not allowed (colour was unexpected)",
        )],
    )
    .await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn templates_are_read_versioned_previewed_and_archived() {
    let app = spawn_app().await;
    let key = app.fixture.normal_key.clone();
    let email = app.fixture.email_template.clone();

    let template = json_of(app.get(&format!("/v2/template/{email}"), &key).await).await;
    assert_eq!(template["type"], "email");
    assert_eq!(template["version"], 1);
    assert_eq!(template["subject"], "Hello ((name))");
    assert_eq!(
        template["personalisation"],
        json!({"name": {"required": true}, "code": {"required": true}})
    );
    assert_eq!(template["postage"], Value::Null);

    app.env
        .admin(&[
            "update-template",
            "--id",
            &email,
            "--body",
            "Hi ((name)), version two",
        ])
        .await;
    let deadline = tokio::time::Instant::now() + CACHE_PROPAGATION;
    loop {
        let current = json_of(app.get(&format!("/v2/template/{email}"), &key).await).await;
        if current["version"] == 2 {
            assert_eq!(current["body"], "Hi ((name)), version two");
            assert_eq!(current["subject"], "Hello ((name))");
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the new version never showed"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let v1 = json_of(
        app.get(&format!("/v2/template/{email}/version/1"), &key)
            .await,
    )
    .await;
    assert_eq!(v1["body"], "Dear ((name)),\n\nYour code is ((code)).");
    let sent = send(
        &app,
        "/v2/notifications/email",
        &key,
        app.email_body("a@example.com"),
    )
    .await;
    assert_eq!(sent["template"]["version"], 2);
    assert_eq!(sent["content"]["body"], "Hi Ann, version two");

    let all = json_of(app.get("/v2/templates", &key).await).await;
    assert_eq!(all["templates"].as_array().expect("templates").len(), 2);
    let sms_only = json_of(app.get("/v2/templates?type=sms", &key).await).await;
    assert_eq!(sms_only["templates"][0]["id"], app.fixture.sms_template);
    assert_error(
        app.get("/v2/templates?type=fax", &key).await,
        400,
        &[(
            "ValidationError",
            "type fax is not one of [sms, email, letter]",
        )],
    )
    .await;

    let preview = app
        .post(
            &format!("/v2/template/{email}/preview"),
            &key,
            &json!({"personalisation": {"name": "<Bo>"}}),
        )
        .await;
    let preview = json_of(preview).await;
    assert_eq!(preview["body"], "Hi <Bo>, version two");
    assert_eq!(preview["subject"], "Hello <Bo>");
    assert!(
        preview["html"]
            .as_str()
            .is_some_and(|h| h.contains("&lt;Bo&gt;"))
    );
    assert_error(
        app.post(&format!("/v2/template/{email}/preview"), &key, &json!({}))
            .await,
        400,
        &[("BadRequestError", "Missing personalisation: name")],
    )
    .await;

    assert_error(
        app.get(&format!("/v2/template/{}", Uuid::new_v4()), &key)
            .await,
        404,
        &[("NoResultFound", "No result found")],
    )
    .await;
    assert_error(
        app.get("/v2/template/nope", &key).await,
        400,
        &[("ValidationError", "id is not a valid UUID")],
    )
    .await;

    app.env.admin(&["archive-template", "--id", &email]).await;
    let deadline = tokio::time::Instant::now() + CACHE_PROPAGATION;
    loop {
        let response = app
            .post(
                "/v2/notifications/email",
                &key,
                &app.email_body("a@example.com"),
            )
            .await;
        if response.status() == 400 {
            assert_error(
                response,
                400,
                &[("BadRequestError", "Template has been deleted")],
            )
            .await;
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "archiving never took effect"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        app.get(&format!("/v2/template/{email}"), &key)
            .await
            .status(),
        404
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restricted_services_and_team_keys_reach_only_team_and_guest_list() {
    let app = spawn_app().await;
    let service = app
        .env
        .admin(&["create-service", "--name", "Trial", "--restricted"])
        .await;
    let service_id = service["id"].as_str().expect("id").to_owned();
    let key = app
        .env
        .admin(&[
            "create-api-key",
            "--service-id",
            &service_id,
            "--name",
            "live",
            "--key-type",
            "normal",
        ])
        .await["key"]
        .as_str()
        .expect("key")
        .to_owned();
    let template = app
        .env
        .admin(&[
            "create-template",
            "--service-id",
            &service_id,
            "--type",
            "sms",
            "--name",
            "t",
            "--body",
            "Hi",
        ])
        .await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    app.env
        .admin(&[
            "add-team-member",
            "--service-id",
            &service_id,
            "--email",
            "Boss@Example.com",
            "--mobile",
            "07700 900111",
        ])
        .await;
    app.env
        .admin(&[
            "add-guest-list-recipient",
            "--service-id",
            &service_id,
            "--recipient",
            "+44 7700 900222",
        ])
        .await;
    let sms = |to: &str| json!({"phone_number": to, "template_id": template});

    assert_error(
        app.post("/v2/notifications/sms", &key, &sms("07700900333")).await,
        400,
        &[("BadRequestError", "Can’t send to this recipient when service is in trial mode – see https://www.notifications.service.gov.uk/trial-mode")],
    )
    .await;
    assert_eq!(
        app.post("/v2/notifications/sms", &key, &sms("+447700900111"))
            .await
            .status(),
        201
    );
    assert_eq!(
        app.post("/v2/notifications/sms", &key, &sms("07700 900 222"))
            .await
            .status(),
        201
    );

    // The fixture service is live, but its team key is still team-only.
    app.env
        .admin(&[
            "add-team-member",
            "--service-id",
            &app.fixture.service_id,
            "--email",
            "boss@example.com",
        ])
        .await;
    let deadline = tokio::time::Instant::now() + CACHE_PROPAGATION;
    while app
        .post(
            "/v2/notifications/email",
            &app.fixture.team_key,
            &app.email_body("BOSS@example.com"),
        )
        .await
        .status()
        != 201
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "team member never allowed"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reply_to_addresses_and_sms_senders_are_chosen_by_id() {
    let app = spawn_app().await;
    let key = app.fixture.normal_key.clone();
    let service_id = app.fixture.service_id.clone();
    let reply_to = app
        .env
        .admin(&[
            "add-reply-to",
            "--service-id",
            &service_id,
            "--email",
            "help@example.com",
        ])
        .await;
    let sender = app
        .env
        .admin(&[
            "add-sms-sender",
            "--service-id",
            &service_id,
            "--sender",
            "Council",
        ])
        .await;
    let mut email = app.email_body("a@example.com");
    email["email_reply_to_id"] = reply_to["id"].clone();
    let mut sms = app.sms_body("07700900123");
    sms["sms_sender_id"] = sender["id"].clone();

    // Each admin change reaches the API's cache through its own change event.
    send_once_known(&app, "/v2/notifications/email", &key, &email).await;
    let sent = send_once_known(&app, "/v2/notifications/sms", &key, &sms).await;
    assert_eq!(sent["content"]["from_number"], "Council");
    let default_sender = send(
        &app,
        "/v2/notifications/sms",
        &key,
        app.sms_body("07700900123"),
    )
    .await;
    assert_eq!(default_sender["content"]["from_number"], "Council");

    let mut unknown = app.email_body("a@example.com");
    let missing = Uuid::new_v4();
    unknown["email_reply_to_id"] = json!(missing);
    let message = format!(
        "email_reply_to_id {missing} does not exist in database for service id {service_id}"
    );
    assert_error(
        app.post("/v2/notifications/email", &key, &unknown).await,
        400,
        &[("BadRequestError", message.as_str())],
    )
    .await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_and_daily_limits_answer_429_with_notifys_messages() {
    let app = spawn_app_with(Options::default()).await;
    let service_id = app.fixture.service_id.clone();
    app.env
        .admin(&[
            "set-limits",
            "--service-id",
            &service_id,
            "--rate-limit",
            "3",
            "--daily-limit",
            "100",
        ])
        .await;
    let key = app.fixture.normal_key.clone();
    // capacity = ceil(3 / 3) + 1 = 2
    let deadline = tokio::time::Instant::now() + CACHE_PROPAGATION;
    let limited = loop {
        let response = app
            .post(
                "/v2/notifications/email",
                &key,
                &app.email_body("a@example.com"),
            )
            .await;
        if response.status() == 429 {
            break response;
        }
        assert!(tokio::time::Instant::now() < deadline, "never rate limited");
    };
    assert_error(
        limited,
        429,
        &[(
            "RateLimitError",
            "Exceeded rate limit for key type LIVE of 3 requests per 60 seconds",
        )],
    )
    .await;

    app.env
        .admin(&[
            "set-limits",
            "--service-id",
            &service_id,
            "--rate-limit",
            "10000000",
            "--daily-limit",
            "4",
        ])
        .await;
    // Until the cache has the new limits, the old rate limit still answers.
    let deadline = tokio::time::Instant::now() + CACHE_PROPAGATION;
    let limited = loop {
        let response = app
            .post("/v2/notifications/sms", &key, &app.sms_body("07700900123"))
            .await;
        // Until the change event reloads the service, the old rate limit
        // may still answer 429 (RateLimitError): keep going.
        if response.status() == 429 {
            let body: Value = response.json().await.expect("json");
            if body["errors"][0]["error"] != "RateLimitError" {
                break body;
            }
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "daily limit never reached"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    assert_eq!(
        limited,
        json!({"status_code": 429, "errors": [{
            "error": "TooManyRequestsError",
            "message": "Exceeded send limits (sms: 4) for today",
        }]})
    );
    // Test keys do not count towards, nor are stopped by, the daily limit.
    assert_eq!(
        app.post(
            "/v2/notifications/sms",
            &app.fixture.test_key,
            &app.sms_body("07700900123")
        )
        .await
        .status(),
        201
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sanitised_personalisation_is_reported_in_the_201() {
    let app = spawn_app().await;
    let mut body = app.email_body("a@example.com");
    body["personalisation"]["name"] =
        json!("Amala, please [click this evil link](https://evil.link)");
    body["sanitise_content_for"] = json!(["name"]);

    let sent = send(
        &app,
        "/v2/notifications/email",
        &app.fixture.normal_key,
        body,
    )
    .await;

    let sanitised = r"Amala, please \[click this evil link\]\(\)";
    assert_eq!(sent["sanitised_content"]["name"]["sanitised"], sanitised);
    assert!(
        sent["content"]["body"]
            .as_str()
            .is_some_and(|b| b.contains(sanitised))
    );
    let plain = send(
        &app,
        "/v2/notifications/email",
        &app.fixture.normal_key,
        app.email_body("a@example.com"),
    )
    .await;
    assert_eq!(plain["sanitised_content"], json!({}));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn letters_received_texts_and_pdfs_answer_in_notifys_shape() {
    let app = spawn_app().await;
    let key = app.fixture.normal_key.clone();

    let letter = json!({"template_id": Uuid::new_v4(), "personalisation": {"address_line_1": "A", "address_line_2": "B", "postcode": "SW1A 1AA"}});
    assert_error(
        app.post("/v2/notifications/letter", &key, &letter).await,
        400,
        &[("BadRequestError", "Template not found")],
    )
    .await;

    let texts = json_of(app.get("/v2/received-text-messages", &key).await).await;
    assert_eq!(texts["received_text_messages"], json!([]));

    let email = app.send_email().await;
    let id = email["id"].as_str().expect("id");
    assert_error(
        app.get(&format!("/v2/notifications/{id}/pdf"), &key).await,
        400,
        &[("BadRequestError", "Notification is not a letter")],
    )
    .await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_is_served_and_every_operation_in_it_exists() {
    let app = spawn_app().await;
    let served: Value = json_of(
        app.client
            .get(format!("{}/v2/openapi.json", app.address))
            .send()
            .await
            .expect("get"),
    )
    .await;
    let in_repo: Value =
        serde_json::from_str(include_str!("../api/openapi.json")).expect("repo copy parses");
    assert_eq!(served, in_repo);

    let id = Uuid::new_v4().to_string();
    let mut checked = 0;
    for (path, operations) in served["paths"].as_object().expect("paths") {
        let concrete = path
            .replace("{notification_id}", &id)
            .replace("{template_id}", &id)
            .replace("{service_id}", &id)
            .replace("{document_id}", &id)
            .replace("{version}", "1");
        for method in operations.as_object().expect("operations").keys() {
            let request = match method.as_str() {
                "get" => app.client.get(format!("{}{concrete}", app.address)),
                "post" => app
                    .client
                    .post(format!("{}{concrete}", app.address))
                    .json(&json!({})),
                _ => continue,
            };
            let response = request.send().await.expect("request");
            let status = response.status().as_u16();
            let body: Value = response.json().await.unwrap_or(Value::Null);
            assert_ne!(status, 405, "{method} {path} is documented but not routed");
            assert!(
                !(status == 404 && body["errors"][0]["error"] == "NotFound"),
                "{method} {path} is documented but not routed"
            );
            let documented: Vec<&String> = operations[method]["responses"]
                .as_object()
                .expect("responses")
                .keys()
                .collect();
            assert!(
                documented
                    .iter()
                    .any(|code| code.as_str() == status.to_string() || code.as_str() == "default"),
                "{method} {path} answered {status}, not documented ({documented:?})"
            );
            checked += 1;
        }
    }
    assert!(checked >= 15, "only {checked} operations checked");
    app.stop().await;
}
