//! What an adversarial run found (issue 14), each held here: strings
//! PostgreSQL refuses, slow bodies, methods a path does not support.

use std::time::{Duration, Instant};

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{Options, TestApp, assert_error, spawn_app_with, token};

async fn api_only() -> TestApp {
    spawn_app_with(Options {
        worker: false,
        tweak: |_| {},
    })
    .await
}

/// Sends `request` as raw bytes and returns what the server answered until
/// it closed the connection or `within` passed.
async fn raw(app: &TestApp, request: &[u8], within: Duration) -> String {
    let address = app.address.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).await.expect("connect");
    stream.write_all(request).await.expect("write");
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(within, stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nul_byte_anywhere_is_a_400_never_a_database_outage() {
    let app = api_only().await;
    let key = &app.fixture.normal_key;

    // Query parameters reach PostgreSQL: refused before they do.
    for (query, field) in [
        ("reference=a%00b", "reference"),
        ("reference=ok&older_than=x&include_jobs=%00", "include_jobs"),
    ] {
        let response = app.get(&format!("/v2/notifications?{query}"), key).await;
        let message = format!("{field} contains a NUL character (\\u0000), which is not allowed");
        assert_error(response, 400, &[("ValidationError", &message)]).await;
    }
    // A value outside the document's enum, as Notify's schema says it.
    let response = app.get("/v2/notifications?include_jobs=AAA", key).await;
    assert_error(
        response,
        400,
        &[(
            "ValidationError",
            "include_jobs AAA is not one of [true, True]",
        )],
    )
    .await;
    let response = app.get("/v2/notifications?include_jobs=True", key).await;
    assert_eq!(response.status(), 200);
    for path in [
        "/v2/notifications?status=%00",
        "/v2/templates?type=a%00",
        "/v2/received-text-messages?older_than=%00",
        "/v2/notifications/a%00b",
        "/v2/template/a%00b",
        "/v2/template/a%00b/version/1",
    ] {
        let response = app.get(path, key).await;
        assert_eq!(response.status(), 400, "{path}");
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(
            body["errors"][0]["error"], "ValidationError",
            "{path}: {body}"
        );
    }
    // A body: refused before it is queued (it could never be stored).
    let response = app
        .post(
            "/v2/notifications/email",
            key,
            &json!({"email_address": "a@example.com", "template_id": app.fixture.email_template,
                    "personalisation": {"name": "A\u{0}n", "code": "1"}}),
        )
        .await;
    assert_eq!(response.status(), 400);
    // A header: HTTP itself does not allow it (the parser answers 400).
    let answer = raw(
        &app,
        format!(
            "GET /v2/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\0\r\n\r\n",
            token(key)
        )
        .as_bytes(),
        Duration::from_secs(5),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    app.stop().await;
}

/// An app whose bodies must arrive within 2 s and requests finish within
/// 4 s (GET by id waits up to 10 s for a young notification: longer).
async fn app_with_short_deadlines() -> TestApp {
    spawn_app_with(Options {
        worker: false,
        tweak: |settings| {
            settings.http_body_timeout_ms = 2000;
            settings.http_request_timeout_ms = 4000;
            settings.read_your_write_ms = 10_000;
        },
    })
    .await
}

/// Writes a request's head, then `chunks` of its body one every `every`,
/// and returns what the server answered and when, from the first byte of
/// the body.
async fn trickle(
    app: &TestApp,
    head: String,
    chunks: Vec<Vec<u8>>,
    every: Duration,
) -> (String, Duration) {
    let address = app.address.trim_start_matches("http://");
    let stream = TcpStream::connect(address).await.expect("connect");
    let (mut reader, mut writer) = stream.into_split();
    writer.write_all(head.as_bytes()).await.expect("head");
    let started = Instant::now();
    let sender = tokio::spawn(async move {
        for chunk in chunks {
            if writer.write_all(&chunk).await.is_err() {
                return;
            }
            tokio::time::sleep(every).await;
        }
        // Then nothing, without closing.
        tokio::time::sleep(Duration::from_secs(60)).await;
        drop(writer);
    });
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(20), reader.read_to_end(&mut answer)).await;
    sender.abort();
    (
        String::from_utf8_lossy(&answer).into_owned(),
        started.elapsed(),
    )
}

fn assert_timed_out(what: &str, answer: &str, took: Duration, within: Duration) {
    assert!(answer.starts_with("HTTP/1.1 408"), "{what}: {answer}");
    assert!(answer.contains("\"RequestTimeout\""), "{what}: {answer}");
    // Answered, and the connection closed, at the deadline.
    assert!(took < within, "{what} took {took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_body_or_request_is_cut_off_with_a_408() {
    let app = app_with_short_deadlines().await;
    let auth = format!("Bearer {}", token(&app.fixture.test_key));
    let body = serde_json::to_vec(&app.email_body("a@example.com")).expect("json");

    // A chunked body, one byte a second.
    let head = format!(
        "POST /v2/notifications/email HTTP/1.1\r\nHost: x\r\nAuthorization: {auth}\r\n\
         Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    let chunks = body
        .iter()
        .map(|byte| {
            let mut chunk = b"1\r\n".to_vec();
            chunk.push(*byte);
            chunk.extend_from_slice(b"\r\n");
            chunk
        })
        .collect();
    let (answer, took) = trickle(&app, head, chunks, Duration::from_secs(1)).await;
    assert_timed_out("chunked", &answer, took, Duration::from_secs(4));

    // A Content-Length body, one byte a second.
    let head = format!(
        "POST /v2/notifications/email HTTP/1.1\r\nHost: x\r\nAuthorization: {auth}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let chunks = body.iter().map(|byte| vec![*byte]).collect();
    let (answer, took) = trickle(&app, head.clone(), chunks, Duration::from_secs(1)).await;
    assert_timed_out("content-length", &answer, took, Duration::from_secs(4));

    // Part of the body, then nothing.
    let (answer, took) = trickle(
        &app,
        head,
        vec![body[..10].to_vec()],
        Duration::from_millis(10),
    )
    .await;
    assert_timed_out("stalled", &answer, took, Duration::from_secs(4));

    // The SNS webhooks read their bodies under the same deadline.
    let head = "POST /notifications/email/ses HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n"
        .to_owned();
    let (answer, took) = trickle(&app, head, vec![b"{".to_vec()], Duration::from_millis(10)).await;
    assert_timed_out("ses webhook", &answer, took, Duration::from_secs(4));

    // A chunked body nobody reads (a 401 before the body is needed):
    // answered at once, and the connection closed rather than drained for
    // as long as the client trickles.
    let head = "POST /v2/notifications/email HTTP/1.1\r\nHost: x\r\n\
                Transfer-Encoding: chunked\r\n\r\n"
        .to_owned();
    let chunks = (0..30).map(|_| b"1\r\n{\r\n".to_vec()).collect();
    let (answer, took) = trickle(&app, head, chunks, Duration::from_secs(1)).await;
    assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
    assert!(
        took < Duration::from_secs(4),
        "unread chunked body held {took:?}"
    );

    // A whole request that takes too long: GET by id of a young id that is
    // never stored waits out the read-your-write window (10 s) unless cut.
    let started = Instant::now();
    let response = app
        .get(
            &format!("/v2/notifications/{}", uuid::Uuid::now_v7()),
            &app.fixture.test_key,
        )
        .await;
    assert_eq!(response.status(), 408);
    assert!(started.elapsed() < Duration::from_secs(8));
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["errors"][0]["error"], "RequestTimeout", "{body}");

    // Still serving.
    assert_eq!(
        app.client
            .get(format!("{}/livez", app.address))
            .send()
            .await
            .expect("livez")
            .status(),
        200
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_connections_are_bounded_per_process() {
    // One connection per HTTP worker: as many as the API has workers.
    let app = spawn_app_with(Options {
        worker: false,
        tweak: |settings| settings.http_max_connections = 1,
    })
    .await;
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let address = app.address.trim_start_matches("http://").to_owned();
    let livez = b"GET /livez HTTP/1.1\r\nHost: x\r\n\r\n";
    async fn answered(stream: &mut TcpStream, within: Duration) -> bool {
        let mut buffer = [0u8; 512];
        matches!(
            tokio::time::timeout(within, stream.read(&mut buffer)).await,
            Ok(Ok(n)) if n > 0
        )
    }
    // Connections held open (keep-alive) after one answered request each,
    // until one is not served (the readiness check's pooled connection may
    // hold a place too).
    let mut held = Vec::new();
    let mut waiting = None;
    for _ in 0..workers + 2 {
        let mut stream = TcpStream::connect(&address).await.expect("connect");
        stream.write_all(livez).await.expect("write");
        if answered(&mut stream, Duration::from_millis(1500)).await {
            held.push(stream);
        } else {
            waiting = Some(stream);
            break;
        }
    }
    assert!(held.len() <= workers, "{} connections served", held.len());
    let mut waiting = waiting.expect("a connection beyond the bound waits");
    // It is served once another closes.
    held.clear();
    assert!(answered(&mut waiting, Duration::from_secs(2)).await);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_method_a_documented_path_does_not_take_is_a_405_with_allow() {
    let app = api_only().await;
    let document: serde_json::Value =
        serde_json::from_str(include_str!("../api/openapi.json")).expect("document");
    let paths = document["paths"].as_object().expect("paths");
    assert!(paths.len() > 15);
    let id = uuid::Uuid::now_v7();
    for (path, operations) in paths {
        let mut documented: Vec<String> = operations
            .as_object()
            .expect("operations")
            .keys()
            .filter(|k| *k != "parameters")
            .map(|k| k.to_ascii_uppercase())
            .collect();
        documented.sort();
        let concrete = path
            .replace("{version}", "1")
            .split('/')
            .map(|segment| {
                if segment.starts_with('{') {
                    id.to_string()
                } else {
                    segment.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("/");
        for method in ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let response = app
                .client
                .request(
                    reqwest::Method::from_bytes(method.as_bytes()).expect("method"),
                    format!("{}{concrete}", app.address),
                )
                .send()
                .await
                .expect("request");
            assert_eq!(response.status(), 405, "{method} {path}");
            let mut allow: Vec<String> = response.headers()["allow"]
                .to_str()
                .expect("ascii")
                .split(',')
                .map(|m| m.trim().to_owned())
                .collect();
            allow.sort();
            assert_eq!(allow, documented, "{method} {path}");
            let body: serde_json::Value = response.json().await.expect("json");
            assert_eq!(body["errors"][0]["error"], "MethodNotAllowed", "{body}");
        }
    }
    app.stop().await;
}
