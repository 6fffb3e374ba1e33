//! Received text messages, end to end: signed SNS messages carrying AWS End
//! User Messaging two-way SMS events → POST /notifications/sms/inbound/sns →
//! inbound queue → inbound worker → GET /v2/received-text-messages and the
//! service's inbound SMS callback.

use std::time::Duration;

use herald_domain::config::Consumer;
use serde_json::{Value, json};

use crate::helpers::receiver::Receiver;
use crate::helpers::{AMQP_URL, TestApp, TestEnv, serve};
use crate::ses::{signed, test_certificate};

const TOPIC: &str = "arn:aws:sns:eu-west-2:123456789012:herald-inbound-sms";
const INBOUND_NUMBER: &str = "+447700900999";

/// The API and a worker running `consumers`, accepting inbound texts from
/// TOPIC signed with the test key; the fixture's service owns INBOUND_NUMBER.
pub(crate) async fn start(consumers: &[Consumer]) -> TestApp {
    let (cert, cert_url) = test_certificate().await;
    let env = TestEnv::new().await;
    let fixture = env.fixture().await;
    let mut settings = env.settings();
    settings.inbound_sms_sns_topic_arns = vec![TOPIC.to_owned()];
    settings.sns_insecure_test_certs = Some(format!("{cert_url}={}", cert.display()));
    settings.consumers = consumers.to_vec();
    let app = serve(env, fixture, &settings, true).await;
    app.env
        .admin(&[
            "set-inbound-number",
            "--service-id",
            &app.fixture.service_id,
            "--number",
            INBOUND_NUMBER,
        ])
        .await;
    app
}

/// Points the service's inbound SMS callback at `url` (bearer
/// `inbound-token-123`).
async fn set_inbound_callback(app: &TestApp, url: &str) {
    app.env
        .admin(&[
            "set-callback",
            "--service-id",
            &app.fixture.service_id,
            "--type",
            "inbound-sms",
            "--url",
            url,
            "--bearer-token",
            "inbound-token-123",
        ])
        .await;
}

async fn signed_text(topic: &str, message_id: &str, from: &str, body: &str) -> String {
    let event = json!({
        "originationNumber": from,
        "destinationNumber": INBOUND_NUMBER,
        "messageKeyword": "KEYWORD_123456789012",
        "messageBody": body,
        "inboundMessageId": message_id,
        "previousPublishedMessageId": "wJalrXUtnFEMI",
    });
    signed(
        json!({"Type": "Notification", "TopicArn": topic, "Message": event.to_string()}),
        &[],
    )
    .await
}

async fn post_sns(app: &TestApp, body: String) -> reqwest::Response {
    app.client
        .post(format!("{}/notifications/sms/inbound/sns", app.address))
        // SNS sends JSON as text/plain.
        .header("content-type", "text/plain; charset=UTF-8")
        .body(body)
        .send()
        .await
        .expect("post inbound sms")
}

async fn received_texts(app: &TestApp, query: &str) -> Value {
    let response = app
        .get(
            &format!("/v2/received-text-messages{query}"),
            &app.fixture.normal_key,
        )
        .await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("json")
}

/// Sends `count` texts to the service (through the signed webhook) and
/// waits until they are listed.
pub(crate) async fn send_texts(app: &TestApp, count: usize) {
    for n in 0..count {
        let body = signed_text(
            TOPIC,
            &format!("client-{n}"),
            "+447700900111",
            &format!("text {n}"),
        )
        .await;
        assert_eq!(post_sns(app, body).await.status(), 200);
    }
    wait_for_texts(app, count).await;
}

async fn wait_for_texts(app: &TestApp, count: usize) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let page = received_texts(app, "").await;
        let got = page["received_text_messages"]
            .as_array()
            .map_or(0, Vec::len);
        if got >= count {
            return page;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "only {got} of {count} texts listed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_inbound_text_is_listed_and_reaches_the_inbound_callback() {
    let receiver = Receiver::start(0);
    let app = start(&[Consumer::Persist, Consumer::Inbound, Consumer::Callbacks]).await;
    set_inbound_callback(&app, &receiver.url).await;

    let body = signed_text(TOPIC, "msg-1", "+447700900111", "Hello Herald").await;
    assert_eq!(post_sns(&app, body.clone()).await.status(), 200);
    // SNS may deliver the same message twice: stored once.
    assert_eq!(post_sns(&app, body).await.status(), 200);

    let page = wait_for_texts(&app, 1).await;
    let texts = page["received_text_messages"].as_array().expect("list");
    assert_eq!(texts.len(), 1, "{page}");
    let text = &texts[0];
    assert_eq!(text["service_id"], app.fixture.service_id.as_str());
    assert_eq!(text["notify_number"], INBOUND_NUMBER);
    assert_eq!(text["user_number"], "+447700900111");
    assert_eq!(text["content"], "Hello Herald");
    assert!(text["created_at"].is_string());
    let id = text["id"].as_str().expect("id");
    assert!(
        page["links"]["next"]
            .as_str()
            .is_some_and(|next| next.ends_with(&format!("older_than={id}"))),
        "{page}"
    );

    let callbacks = receiver.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(callbacks.len(), 1);
    assert_eq!(
        callbacks[0].authorization.as_deref(),
        Some("Bearer inbound-token-123")
    );
    let payload = &callbacks[0].body;
    assert_eq!(payload["id"], id);
    assert_eq!(payload["source_number"], "+447700900111");
    assert_eq!(payload["destination_number"], INBOUND_NUMBER);
    assert_eq!(payload["message"], "Hello Herald");
    assert!(payload["date_received"].is_string());
    app.stop().await;
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_text_stored_before_its_callback_could_be_queued_gets_it_on_redelivery() {
    // Only the inbound consumer runs: the callback stays queued for the test
    // to read.
    let app = start(&[Consumer::Inbound]).await;
    set_inbound_callback(&app, "http://127.0.0.1:9/inbound").await;
    let callbacks_queue = app.env.topology().callbacks_queue();
    let connection = herald_domain::broker::connect(AMQP_URL, "test-inbound-redelivery")
        .await
        .expect("connect");
    let channel = connection.create_channel().await.expect("channel");
    // With the callbacks queue gone, queueing fails after the commit, as if
    // the worker had died between the two: the batch goes back unacked.
    channel
        .queue_delete(callbacks_queue.as_str().into(), Default::default())
        .await
        .expect("delete the callbacks queue");

    let body = signed_text(TOPIC, "msg-redelivered", "+447700900111", "Still there?").await;
    assert_eq!(post_sns(&app, body).await.status(), 200);
    let page = wait_for_texts(&app, 1).await;
    let id = page["received_text_messages"][0]["id"]
        .as_str()
        .expect("id")
        .to_owned();

    // The consumer's next session declares the queue again, the broker
    // redelivers the batch, and the stored text's callback is queued.
    let data = app
        .env
        .next_message(&callbacks_queue, Duration::from_secs(30))
        .await;
    let queued: herald_domain::messages::CallbackMessage =
        serde_json::from_slice(&data).expect("callback message");
    assert_eq!(queued.callback_type, "inbound_sms");
    assert_eq!(queued.payload["id"], id.as_str());
    assert_eq!(queued.payload["message"], "Still there?");
    let _ = connection.close(200, "done".into()).await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn received_texts_page_newest_first_and_unverified_messages_are_refused() {
    let app = start(&[Consumer::Inbound]).await;
    for n in 1..=3 {
        let body = signed_text(
            TOPIC,
            &format!("msg-{n}"),
            "+447700900111",
            &format!("text {n}"),
        )
        .await;
        assert_eq!(post_sns(&app, body).await.status(), 200);
        // Distinct SNS timestamps (millisecond resolution) keep the order certain.
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let other_topic = signed_text(
        "arn:aws:sns:eu-west-2:123456789012:someone-else",
        "msg-x",
        "+447700900111",
        "not ours",
    )
    .await;
    assert_eq!(post_sns(&app, other_topic).await.status(), 403);
    let tampered = {
        let event = json!({"originationNumber": "+447700900111", "destinationNumber": INBOUND_NUMBER,
            "messageBody": "x", "inboundMessageId": "msg-t"});
        signed(
            json!({"Type": "Notification", "TopicArn": TOPIC, "Message": event.to_string()}),
            &["--tamper"],
        )
        .await
    };
    assert_eq!(post_sns(&app, tampered).await.status(), 403);

    let page = wait_for_texts(&app, 3).await;
    let contents: Vec<&str> = page["received_text_messages"]
        .as_array()
        .expect("list")
        .iter()
        .map(|t| t["content"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(contents, ["text 3", "text 2", "text 1"]);
    let second = page["received_text_messages"][1]["id"]
        .as_str()
        .expect("id");
    let older = received_texts(&app, &format!("?older_than={second}")).await;
    assert_eq!(older["received_text_messages"][0]["content"], "text 1");
    assert_eq!(
        older["received_text_messages"].as_array().map(Vec::len),
        Some(1)
    );
    app.stop().await;
}
