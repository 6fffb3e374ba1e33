//! Letters, end to end: POST /v2/notifications/letter (templated and
//! precompiled) → persist and letters workers → GET the notification and its
//! PDF.

use std::time::Duration;

use base64::Engine;
use chrono::NaiveDate;
use herald_domain::config::Consumer;
use herald_domain::letters::pdf::{Letter, render_letter};
use serde_json::{Value, json};

use crate::helpers::{
    CACHE_PROPAGATION, Options, TestApp, assert_error, spawn_app, spawn_app_with,
};

const ADDRESS: [&str; 4] = ["The Occupier", "10 Downing Street", "London", "SW1A 2AA"];

/// A letter template on the fixture's service; returns its id.
pub(crate) async fn letter_template(app: &TestApp, postage: &str) -> String {
    let template = app
        .env
        .admin(&[
            "create-template",
            "--service-id",
            &app.fixture.service_id,
            "--type",
            "letter",
            "--name",
            "Appointment",
            "--subject",
            "Your appointment, ((name))",
            "--body",
            "Dear ((name)),\n\nYour appointment is on ((day)).\n\n# What to bring\n\n* your letter\n* photo ID",
            "--letter-contact-block",
            "Herald Service\n1 Example Road\nLondon",
            "--postage",
            postage,
        ])
        .await;
    template["id"].as_str().expect("id").to_owned()
}

/// The API without workers: for checks answered by the API alone.
async fn api_only() -> TestApp {
    spawn_app_with(Options {
        worker: false,
        ..Options::default()
    })
    .await
}

/// Sends a letter from `template` to ADDRESS; returns its id.
async fn send_letter(app: &TestApp, key: &str, template: &str) -> String {
    let response = app
        .post(
            "/v2/notifications/letter",
            key,
            &letter_body(template, &ADDRESS),
        )
        .await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.expect("json");
    created["id"].as_str().expect("id").to_owned()
}

async fn get_json(app: &TestApp, path: &str, key: &str) -> Value {
    app.get(path, key).await.json().await.expect("json")
}

fn letter_body(template_id: &str, lines: &[&str]) -> Value {
    let mut personalisation = json!({"name": "Jo", "day": "Tuesday"});
    for (index, line) in lines.iter().enumerate() {
        personalisation[format!("address_line_{}", index + 1)] = json!(line);
    }
    json!({"template_id": template_id, "personalisation": personalisation, "reference": "letter-ref"})
}

fn sample_pdf() -> Vec<u8> {
    render_letter(&Letter {
        address_lines: ADDRESS.map(str::to_owned).to_vec(),
        contact_block: "Sender".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default(),
        heading: "Precompiled".into(),
        body: "Made elsewhere.".into(),
    })
}

/// GET the PDF until the letters worker has stored it.
async fn wait_for_pdf(app: &TestApp, key: &str, id: &str) -> Vec<u8> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let response = app.get(&format!("/v2/notifications/{id}/pdf"), key).await;
        if response.status() == 200 {
            let content_type = response.headers()["content-type"].to_str().ok();
            assert_eq!(content_type, Some("application/pdf"));
            return response.bytes().await.expect("bytes").to_vec();
        }
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["errors"][0]["error"], "PDFNotReadyError", "{body}");
        assert!(
            tokio::time::Instant::now() < deadline,
            "the PDF of {id} was never stored"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_templated_letter_is_rendered_to_a_pdf_with_its_address() {
    let app = spawn_app().await;
    let template = letter_template(&app, "first").await;

    // The new template reaches the API's cache within a second (change event).
    let deadline = tokio::time::Instant::now() + CACHE_PROPAGATION;
    let shown: Value = loop {
        let response = app
            .get(&format!("/v2/template/{template}"), &app.fixture.normal_key)
            .await;
        if response.status() == 200 || tokio::time::Instant::now() >= deadline {
            break response.json().await.expect("json");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(shown["type"], "letter");
    assert_eq!(shown["postage"], "first");
    assert_eq!(
        shown["letter_contact_block"],
        "Herald Service\n1 Example Road\nLondon"
    );

    let response = app
        .post(
            "/v2/notifications/letter",
            &app.fixture.normal_key,
            &letter_body(&template, &ADDRESS),
        )
        .await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.expect("json");
    assert_eq!(created["content"]["subject"], "Your appointment, Jo");
    assert!(
        created["content"]["body"]
            .as_str()
            .is_some_and(|b| b.contains("Your appointment is on Tuesday.")),
        "{created}"
    );
    assert_eq!(created["postage"], "first");
    assert_eq!(created["reference"], "letter-ref");
    let id = created["id"].as_str().expect("id");

    let pdf = wait_for_pdf(&app, &app.fixture.normal_key, id).await;
    assert!(pdf.starts_with(b"%PDF"));
    for line in ADDRESS {
        assert!(contains(&pdf, line), "{line:?} is not in the PDF");
    }
    assert!(contains(&pdf, "Page 1 of 1"));

    let notification = get_json(
        &app,
        &format!("/v2/notifications/{id}"),
        &app.fixture.normal_key,
    )
    .await;
    assert_eq!(notification["type"], "letter");
    // No print provider: a normal key's letter stays accepted.
    assert_eq!(notification["status"], "accepted");
    assert_eq!(notification["line_1"], "The Occupier");
    assert_eq!(notification["line_3"], "London");
    assert_eq!(notification["line_4"], Value::Null);
    assert_eq!(notification["postcode"], "SW1A 2AA");
    assert_eq!(notification["postage"], "first");
    assert!(
        notification["estimated_delivery"].is_string(),
        "{notification}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_precompiled_letter_is_stored_byte_for_byte_with_its_postage() {
    let app = spawn_app().await;
    let pdf = sample_pdf();
    let content = base64::engine::general_purpose::STANDARD.encode(&pdf);

    let response = app
        .post(
            "/v2/notifications/letter",
            &app.fixture.normal_key,
            &json!({"reference": "precompiled-1", "content": content, "postage": "first"}),
        )
        .await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.expect("json");
    assert_eq!(created["reference"], "precompiled-1");
    assert_eq!(created["postage"], "first");
    let id = created["id"].as_str().expect("id");

    assert_eq!(wait_for_pdf(&app, &app.fixture.normal_key, id).await, pdf);
    let notification = get_json(
        &app,
        &format!("/v2/notifications/{id}"),
        &app.fixture.normal_key,
    )
    .await;
    assert_eq!(notification["postage"], "first");
    assert_eq!(notification["status"], "accepted");

    // Without postage: second class.
    let response = app
        .post(
            "/v2/notifications/letter",
            &app.fixture.normal_key,
            &json!({"reference": "precompiled-2", "content": content}),
        )
        .await;
    let created: Value = response.json().await.expect("json");
    assert_eq!(created["postage"], "second");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_address_rule_is_a_validation_error_with_notifys_message() {
    let app = api_only().await;
    let template = letter_template(&app, "second").await;
    let cases: &[(&[&str], &str)] = &[
        (
            &["The Occupier", "SW1A 2AA"],
            "Address must be at least 3 lines",
        ),
        (
            // A value with a line break is two lines.
            &["1\n2", "3", "4", "5", "6", "7", "SW1A 2AA"],
            "Address must be no more than 7 lines",
        ),
        (
            &["The Occupier", "10 Downing Street", "Nowhere Land"],
            "Last line of address must be a real UK postcode or another country",
        ),
        (
            &["@The Occupier", "10 Downing Street", "SW1A 2AA"],
            "Address lines must not start with any of the following characters: @ ( ) = [ ] \u{201d} \\ / , < >",
        ),
        (
            &["Jo Bloggs", "No fixed abode", "London", "SW1A 2AA"],
            "Must be a real address",
        ),
    ];
    for (lines, message) in cases {
        let response = app
            .post(
                "/v2/notifications/letter",
                &app.fixture.normal_key,
                &letter_body(&template, lines),
            )
            .await;
        assert_error(response, 400, &[("ValidationError", message)]).await;
    }

    // Required lines, unknown fields, and an address abroad (accepted).
    let response = app
        .post(
            "/v2/notifications/letter",
            &app.fixture.normal_key,
            &json!({"template_id": template, "personalisation": {"address_line_2": "x"}, "colour": 1}),
        )
        .await;
    assert_error(
        response,
        400,
        &[
            (
                "ValidationError",
                "Additional properties are not allowed (colour was unexpected)",
            ),
            (
                "ValidationError",
                "personalisation address_line_1 is a required property",
            ),
        ],
    )
    .await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_abroad_takes_its_zones_postage() {
    let app = spawn_app().await;
    let template = letter_template(&app, "second").await;
    let response = app
        .post(
            "/v2/notifications/letter",
            &app.fixture.normal_key,
            &letter_body(
                &template,
                &["Jo Bloggs", "1 Rue de Rivoli", "Paris", "France"],
            ),
        )
        .await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.expect("json");
    assert_eq!(created["postage"], "europe");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn content_that_is_not_a_pdf_is_refused() {
    let app = api_only().await;
    let post = async |body: Value| {
        app.post("/v2/notifications/letter", &app.fixture.normal_key, &body)
            .await
    };
    let not_pdf = base64::engine::general_purpose::STANDARD.encode(b"hello, not a PDF");
    assert_error(
        post(json!({"reference": "r", "content": not_pdf})).await,
        400,
        &[("BadRequestError", "Letter content is not a valid PDF")],
    )
    .await;
    assert_error(
        post(json!({"reference": "r", "content": "%%%not base64"})).await,
        400,
        &[(
            "BadRequestError",
            "Cannot decode letter content (invalid base64 encoding)",
        )],
    )
    .await;
    let pdf = base64::engine::general_purpose::STANDARD.encode(sample_pdf());
    assert_error(
        post(json!({"reference": "r", "content": pdf, "postage": "third"})).await,
        400,
        &[(
            "ValidationError",
            "postage invalid. It must be either first, second or economy.",
        )],
    )
    .await;
    assert_error(
        post(json!({"content": pdf})).await,
        400,
        &[("ValidationError", "reference is a required property")],
    )
    .await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pdf_is_not_ready_until_the_letters_worker_stores_it() {
    // Persist only: the letter is stored, its PDF never is.
    let app = spawn_app_with(Options {
        worker: true,
        tweak: |s| s.consumers = vec![Consumer::Persist],
    })
    .await;
    let template = letter_template(&app, "second").await;
    let id = send_letter(&app, &app.fixture.normal_key, &template).await;
    assert_error(
        app.get(
            &format!("/v2/notifications/{id}/pdf"),
            &app.fixture.normal_key,
        )
        .await,
        400,
        &[("PDFNotReadyError", "PDF not available yet, try again later")],
    )
    .await;

    let email = app.send_email().await;
    let email_id = email["id"].as_str().expect("id");
    assert_error(
        app.get(
            &format!("/v2/notifications/{email_id}/pdf"),
            &app.fixture.normal_key,
        )
        .await,
        400,
        &[("BadRequestError", "Notification is not a letter")],
    )
    .await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_test_key_letter_is_received_through_the_simulated_dispatch() {
    let app = spawn_app().await;
    let template = letter_template(&app, "second").await;
    let id = send_letter(&app, &app.fixture.test_key, &template).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let notification = get_json(
            &app,
            &format!("/v2/notifications/{id}"),
            &app.fixture.test_key,
        )
        .await;
        if notification["status"] == "received" {
            assert!(notification["completed_at"].is_string(), "{notification}");
            break;
        }
        assert_eq!(notification["status"], "accepted");
        assert!(tokio::time::Instant::now() < deadline, "never received");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let listed = get_json(
        &app,
        "/v2/notifications?status=received",
        &app.fixture.test_key,
    )
    .await;
    assert_eq!(listed["notifications"][0]["id"], id);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn team_keys_and_trial_services_cannot_send_letters() {
    let app = api_only().await;
    let template = letter_template(&app, "second").await;
    assert_error(
        app.post(
            "/v2/notifications/letter",
            &app.fixture.team_key,
            &letter_body(&template, &ADDRESS),
        )
        .await,
        403,
        &[("BadRequestError", "Cannot send letters with a team api key")],
    )
    .await;

    let trial = app
        .env
        .admin(&["create-service", "--name", "Trial", "--restricted"])
        .await;
    let trial_id = trial["id"].as_str().expect("id");
    let key = app
        .env
        .admin(&[
            "create-api-key",
            "--service-id",
            trial_id,
            "--name",
            "live",
            "--key-type",
            "normal",
        ])
        .await;
    let key = key["key"].as_str().expect("key");
    let pdf = base64::engine::general_purpose::STANDARD.encode(sample_pdf());
    let response = app
        .post(
            "/v2/notifications/letter",
            key,
            &json!({"reference": "r", "content": pdf}),
        )
        .await;
    assert_error(
        response,
        403,
        &[(
            "BadRequestError",
            "Cannot send letters when service is in trial mode",
        )],
    )
    .await;
    app.stop().await;
}

/// The version of template `id` the API serves, once it is `version`.
async fn wait_for_template_version(app: &TestApp, key: &str, id: &str, version: i64) -> Value {
    let deadline = tokio::time::Instant::now() + CACHE_PROPAGATION;
    loop {
        let current = get_json(app, &format!("/v2/template/{id}"), key).await;
        if current["version"] == version {
            return current;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "version {version} never showed: {current}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The official Node client's own integration suite needs a letter template
/// whose version 1 has no contact block and whose current version has one:
/// `herald admin` provisions it, and can take the block away again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_template_sets_and_clears_a_letters_contact_block_and_postage() {
    // Arrange: a letter template without a contact block (version 1).
    let app = api_only().await;
    let key = app.fixture.normal_key.clone();
    let created = app
        .env
        .admin(&[
            "create-template",
            "--service-id",
            &app.fixture.service_id,
            "--type",
            "letter",
            "--name",
            "Client suite letter",
            "--subject",
            "Your appointment, ((name))",
            "--body",
            "Dear ((name))",
        ])
        .await;
    assert_eq!(created["letter_contact_block"], Value::Null);
    let id = created["id"].as_str().expect("id").to_owned();
    let block = "Herald Service\n1 Example Road\nLondon";

    // Act: set the contact block (version 2), then the postage (3), then clear the block (4).
    let updated = app
        .env
        .admin(&[
            "update-template",
            "--id",
            &id,
            "--letter-contact-block",
            block,
        ])
        .await;
    assert_eq!(updated["version"], 2);
    let v2 = wait_for_template_version(&app, &key, &id, 2).await;
    let v1 = get_json(&app, &format!("/v2/template/{id}/version/1"), &key).await;
    app.env
        .admin(&["update-template", "--id", &id, "--postage", "first"])
        .await;
    let v3 = wait_for_template_version(&app, &key, &id, 3).await;
    app.env
        .admin(&[
            "update-template",
            "--id",
            &id,
            "--clear-letter-contact-block",
        ])
        .await;
    let v4 = wait_for_template_version(&app, &key, &id, 4).await;

    // Assert
    assert_eq!(v1["version"], 1);
    assert_eq!(v1["letter_contact_block"], Value::Null);
    assert_eq!(
        [&v2["letter_contact_block"], &v2["postage"], &v2["body"]],
        [&json!(block), &json!("second"), &json!("Dear ((name))")]
    );
    assert_eq!(
        get_json(&app, &format!("/v2/template/{id}/version/2"), &key).await["letter_contact_block"],
        block
    );
    assert_eq!(
        [&v3["letter_contact_block"], &v3["postage"]],
        [&json!(block), &json!("first")]
    );
    assert_eq!(
        [&v4["letter_contact_block"], &v4["postage"], &v4["subject"]],
        [
            &Value::Null,
            &json!("first"),
            &json!("Your appointment, ((name))")
        ]
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_template_refuses_what_the_template_cannot_hold() {
    let app = api_only().await;
    let email = app.fixture.email_template.clone();
    let sms = app.fixture.sms_template.clone();
    let letter = letter_template(&app, "second").await;
    let cases: [(&[&str], &str); 6] = [
        (
            &[
                "update-template",
                "--id",
                &email,
                "--letter-contact-block",
                "X",
            ],
            "are for letter templates",
        ),
        (
            &["update-template", "--id", &email, "--postage", "first"],
            "are for letter templates",
        ),
        (
            &["update-template", "--id", &sms, "--subject", "S"],
            "an sms template has no --subject",
        ),
        (
            &["update-template", "--id", &letter],
            "give at least one of",
        ),
        (
            &[
                "update-template",
                "--id",
                &letter,
                "--letter-contact-block",
                "X",
                "--clear-letter-contact-block",
            ],
            "cannot be used with",
        ),
        (
            &[
                "update-template",
                "--id",
                "00000000-0000-0000-0000-000000000000",
                "--body",
                "B",
            ],
            "no template with id 00000000-0000-0000-0000-000000000000",
        ),
    ];
    for (args, message) in cases {
        let stderr = app.env.admin_fails(args).await;
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    app.stop().await;
}
