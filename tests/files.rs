//! Send a file by email: the file is stored encrypted, the email carries a
//! download link in its place, and the link serves the file only with its
//! key (and, when asked for, after the recipient confirms their address).

use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_error, spawn_app};

const CSV: &[u8] = b"name,amount\nAnn,12\n";

/// Sends an email whose `code` placeholder is a file and returns the link.
async fn send_file(app: &TestApp, to: &str, file: Value) -> String {
    let mut body = app.email_body(to);
    body["personalisation"]["code"] = file;
    let response = app
        .post("/v2/notifications/email", &app.fixture.normal_key, &body)
        .await;
    assert_eq!(response.status(), 201);
    let created: Value = response.json().await.expect("json");
    let text = created["content"]["body"].as_str().expect("body");
    let start = text.find("http").expect("a link in the email");
    let link: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let link = link.trim_end_matches('.').to_owned();
    assert!(link.contains("/d/"), "{link}");
    link
}

/// An app whose service has a contact link and has sent Ann a CSV
/// statement (no address confirmation) kept for `retention`; its link.
async fn app_with_a_sent_statement(retention: &str) -> (TestApp, String) {
    let app = spawn_app().await;
    app.set_contact_link().await;
    let link = send_file(
        &app,
        "ann@example.com",
        json!({"file": STANDARD.encode(CSV), "filename": "statement.csv",
               "confirm_email_before_download": false, "retention_period": retention}),
    )
    .await;
    (app, link)
}

/// GETs `link` until the documents worker has stored the file.
async fn fetch(app: &TestApp, link: &str) -> reqwest::Response {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let response = app.client.get(link).send().await.expect("get link");
        if response.status() != 404 || tokio::time::Instant::now() > deadline {
            return response;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_downloads_from_its_link_and_only_with_its_key() {
    let (app, link) = app_with_a_sent_statement("4 weeks").await;

    let response = fetch(&app, &link).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/csv");
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .expect("ascii");
    assert!(disposition.contains("statement.csv"), "{disposition}");
    assert_eq!(response.bytes().await.expect("bytes").as_ref(), CSV);

    // Another key, or the same document under another service, is unknown.
    let (base, _) = link.split_once("?key=").expect("key");
    let wrong_key = format!("{base}?key={}", "A".repeat(43));
    assert_eq!(
        app.client
            .get(&wrong_key)
            .send()
            .await
            .expect("get")
            .status(),
        404
    );
    assert_eq!(
        app.client.get(base).send().await.expect("get").status(),
        404
    );
    let other_service = link.replacen(
        &app.fixture.service_id,
        &uuid::Uuid::now_v7().to_string(),
        1,
    );
    assert_eq!(
        app.client
            .get(&other_service)
            .send()
            .await
            .expect("get")
            .status(),
        404
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_recipient_confirms_their_address_before_downloading_by_default() {
    let app = spawn_app().await;
    app.set_contact_link().await;
    let link = send_file(
        &app,
        "Ann@Example.com",
        json!({"file": STANDARD.encode(CSV), "is_csv": true}),
    )
    .await;

    let page = fetch(&app, &link).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(html.contains("Confirm your email address"), "{html}");

    let key = link.split_once("?key=").expect("key").1.to_owned();
    let (base, _) = link.split_once('?').expect("query");
    let post = |email: &'static str| {
        let form = form_urlencoded::Serializer::new(String::new())
            .append_pair("key", &key)
            .append_pair("email_address", email)
            .finish();
        app.client
            .post(base)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form)
            .send()
    };
    let wrong = post("bob@example.com").await.expect("post");
    assert_eq!(wrong.status(), 403);
    assert!(
        wrong
            .text()
            .await
            .expect("html")
            .contains("not the email address")
    );
    let right = post(" ann@example.com ").await.expect("post");
    assert_eq!(right.status(), 200);
    assert_eq!(right.headers()["content-type"], "text/csv");
    assert_eq!(right.bytes().await.expect("bytes").as_ref(), CSV);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_need_a_contact_link_and_valid_content() {
    let app = spawn_app().await;
    let mut body = app.email_body("ann@example.com");
    body["personalisation"]["code"] = json!({"file": STANDARD.encode(CSV), "is_csv": true});
    let response = app
        .post("/v2/notifications/email", &app.fixture.normal_key, &body)
        .await;
    assert_eq!(response.status(), 400);
    let error: Value = response.json().await.expect("json");
    assert_eq!(error["errors"][0]["error"], "BadRequestError");
    assert!(
        error["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Send files by email has not been set up")
                && m.contains(&app.fixture.service_id)),
        "{error}"
    );

    app.set_contact_link().await;
    body["personalisation"]["code"] = json!({"file": "not base64!!", "filename": "a.csv"});
    let response = app
        .post("/v2/notifications/email", &app.fixture.normal_key, &body)
        .await;
    assert_error(
        response,
        400,
        &[("BadRequestError", "Document is not base64 encoded")],
    )
    .await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_past_its_retention_is_gone_then_deleted_by_the_worker() {
    let (app, link) = app_with_a_sent_statement("1 week").await;
    assert_eq!(fetch(&app, &link).await.status(), 200);

    // Its retention period runs out.
    let expire = |conn: &mut diesel::PgConnection| {
        use diesel::RunQueryDsl;
        diesel::sql_query("UPDATE documents SET expires_at = now() - interval '1 minute'")
            .execute(conn)
            .expect("expire")
    };
    assert_eq!(app.env.query(expire).await, 1);
    let gone = app.client.get(&link).send().await.expect("get link");
    assert_error(
        gone,
        410,
        &[(
            "GoneError",
            "This file is no longer available: its retention period has ended",
        )],
    )
    .await;

    // A worker's maintenance (at start, then hourly) deletes it.
    let worker = herald_worker::Worker::start(
        &app.env.settings(),
        herald_domain::metrics::Metrics::new().expect("metrics"),
        herald_probes::Health::new(),
    )
    .await
    .expect("start a worker");
    let stop = tokio_util::sync::CancellationToken::new();
    let running = tokio::spawn(worker.run_until(stop.clone().cancelled_owned()));
    let count = |conn: &mut diesel::PgConnection| {
        use diesel::RunQueryDsl;
        diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
            "(SELECT count(*) FROM documents)",
        ))
        .get_result::<i64>(conn)
        .expect("count")
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    while app.env.query(count).await > 0 {
        assert!(tokio::time::Instant::now() < deadline, "never deleted");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        app.client.get(&link).send().await.expect("get").status(),
        404
    );
    stop.cancel();
    running.await.expect("join").expect("worker");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn any_filename_downloads_and_only_its_last_component_is_served() {
    let app = spawn_app().await;
    app.set_contact_link().await;
    let cases = [
        // A control character could not go in a header as it was.
        (
            "a\rb.csv",
            "attachment; filename=\"a_b.csv\"; filename*=UTF-8''a%0Db.csv",
        ),
        // A path-like name is saved as its last component.
        (
            "../../etc/passwd.csv",
            "attachment; filename=\"passwd.csv\"; filename*=UTF-8''passwd.csv",
        ),
    ];
    for (filename, expected) in cases {
        for confirm in [false, true] {
            let link = send_file(
                &app,
                "ann@example.com",
                json!({"file": STANDARD.encode(CSV), "filename": filename,
                       "confirm_email_before_download": confirm}),
            )
            .await;
            let response = if confirm {
                // Through the confirmation form, as the recipient would.
                assert_eq!(fetch(&app, &link).await.status(), 200);
                let (base, key) = link.split_once("?key=").expect("key");
                app.client
                    .post(base)
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(
                        form_urlencoded::Serializer::new(String::new())
                            .append_pair("key", key)
                            .append_pair("email_address", "ann@example.com")
                            .finish(),
                    )
                    .send()
                    .await
                    .expect("confirm")
            } else {
                fetch(&app, &link).await
            };
            assert_eq!(response.status(), 200, "{filename:?}");
            assert_eq!(response.headers()["content-disposition"], expected);
            assert_eq!(response.bytes().await.expect("bytes").as_ref(), CSV);
        }
    }
    app.stop().await;
}
