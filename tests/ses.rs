//! Email through Amazon SES (and texts through Amazon SNS) and SES receipts
//! through the signed SNS webhook, end to end: moto (in server mode) is the
//! AWS endpoint, the worker is a real `herald worker` process using the AWS
//! SDK against it, and receipts are SNS messages signed with a throwaway key that the API trusts through
//! its explicitly named test override (`HERALD_SNS_INSECURE_TEST_CERTS`).

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use uuid::Uuid;

use crate::helpers::fake_ses::FakeSes;
use crate::helpers::receiver::Receiver;
use herald_domain::config::{Consumer, Settings};

use crate::helpers::{TestApp, TestEnv, herald_bin, serve};

const TOPIC: &str = "arn:aws:sns:eu-west-2:123456789012:herald-ses-receipts";
const SIGN_SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/python/sns_sign.py");
const MOTO_SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/python/moto_ses.py");

pub(crate) fn python() -> String {
    std::env::var("HERALD_TEST_PYTHON").unwrap_or_else(|_| {
        panic!("HERALD_TEST_PYTHON is not set: run the suite with scripts/test, which installs moto and cryptography")
    })
}

/// The throwaway SNS signing key and certificate (made once, reused).
pub(crate) fn key_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sns-test-key")
}

pub(crate) async fn python_out(args: &[&str], stdin: Option<&str>) -> String {
    let mut child = Command::new(python())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run python");
    if let Some(input) = stdin {
        use tokio::io::AsyncWriteExt;
        let mut pipe = child.stdin.take().expect("stdin");
        pipe.write_all(input.as_bytes()).await.expect("write stdin");
    }
    drop(child.stdin.take());
    let output = child.wait_with_output().await.expect("python output");
    assert!(
        output.status.success(),
        "python {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

/// `sns_sign.py keygen`: the PEM file and the SigningCertURL it stands for.
pub(crate) async fn test_certificate() -> (PathBuf, String) {
    let dir = key_dir();
    let out = python_out(&[SIGN_SCRIPT, "keygen", dir.to_str().expect("path")], None).await;
    let ready: Value = serde_json::from_str(out.trim()).expect("keygen json");
    let url = ready["signing_cert_url"].as_str().expect("url").to_owned();
    (dir.join("cert.pem"), url)
}

/// A signed SNS message with `envelope`'s fields (and `extra` flags).
pub(crate) async fn signed(envelope: Value, extra: &[&str]) -> String {
    let dir = key_dir();
    let mut args = vec![SIGN_SCRIPT, "sign", dir.to_str().expect("path")];
    args.extend_from_slice(extra);
    python_out(&args, Some(&envelope.to_string())).await
}

/// A signed SNS Notification carrying an SES event of `kind` about the
/// email SES knows as `message_id` and Herald as `notification_id`.
async fn signed_ses_event(
    kind: &str,
    message_id: &str,
    notification_id: &str,
    extra: &[&str],
) -> String {
    let event = python_out(
        &[SIGN_SCRIPT, "ses-event", kind, message_id, notification_id],
        None,
    )
    .await;
    signed(
        json!({"Type": "Notification", "TopicArn": TOPIC, "Message": event.trim()}),
        extra,
    )
    .await
}

struct Moto {
    endpoint: String,
    _process: Child,
}

async fn start_moto() -> Moto {
    let mut process = Command::new(python())
        .args([
            MOTO_SCRIPT,
            "0",
            "--verify",
            "notifications.example.org",
            "--exit-on-stdin-eof",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start moto");
    let stdout = process.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let ready = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
        .await
        .expect("moto ready in time")
        .expect("read moto")
        .expect("moto's ready line");
    let ready: Value = serde_json::from_str(&ready).expect("ready json");
    Moto {
        endpoint: ready["endpoint"].as_str().expect("endpoint").to_owned(),
        _process: process,
    }
}

type Stored = (String, Option<String>, Option<String>, Option<String>);

struct SesSetup {
    app: TestApp,
    /// The AWS endpoint, when it is moto (rather than [`FakeSes`]).
    moto: Option<Moto>,
    worker: Child,
}

/// The API in-process (trusting the test certificate for TOPIC) and a real
/// worker process sending email through SES = moto.
async fn start() -> SesSetup {
    let moto = start_moto().await;
    let (app, settings) = api_trusting_the_test_certificate().await;
    let worker = spawn_worker(&app, &settings, &moto.endpoint, &[]);
    SesSetup {
        app,
        moto: Some(moto),
        worker,
    }
}

/// A real `herald worker` process sending through the AWS SDK to `endpoint`.
fn spawn_worker(
    app: &TestApp,
    settings: &Settings,
    endpoint: &str,
    extra_env: &[(&str, &str)],
) -> Child {
    Command::new(herald_bin())
        .arg("worker")
        .envs(app.env.child_env(settings))
        .envs([
            ("HERALD_CONSUMERS", "persist,deliver,status,callbacks"),
            ("HERALD_EMAIL_PROVIDER", "ses"),
            ("HERALD_SMS_PROVIDER", "sns"),
            ("HERALD_AWS_ENDPOINT_URL", endpoint),
            ("AWS_REGION", "eu-west-2"),
            ("AWS_ACCESS_KEY_ID", "AKIDTEST"),
            ("AWS_SECRET_ACCESS_KEY", "SECRETTEST"),
        ])
        .envs(extra_env.iter().copied())
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_SESSION_TOKEN")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn worker")
}

/// The API alone, accepting receipts from TOPIC signed with the test key.
async fn api_trusting_the_test_certificate() -> (TestApp, Settings) {
    trusting_the_test_certificate(&[]).await
}

/// The API accepting receipts from TOPIC signed with the test key, and an
/// in-process worker running `consumers` (none: the API alone).
async fn trusting_the_test_certificate(consumers: &[Consumer]) -> (TestApp, Settings) {
    let (cert, cert_url) = test_certificate().await;
    let env = TestEnv::new().await;
    let fixture = env.fixture().await;
    let mut settings = env.settings();
    settings.ses_sns_topic_arns = vec![TOPIC.to_owned()];
    settings.sns_insecure_test_certs = Some(format!("{cert_url}={}", cert.display()));
    settings.consumers = consumers.to_vec();
    let worker = !consumers.is_empty();
    (serve(env, fixture, &settings, worker).await, settings)
}

async fn post_receipt(app: &TestApp, body: String) -> reqwest::Response {
    app.client
        .post(format!("{}/notifications/email/ses", app.address))
        // SNS sends JSON as text/plain.
        .header("content-type", "text/plain; charset=UTF-8")
        .body(body)
        .send()
        .await
        .expect("post receipt")
}

impl SesSetup {
    async fn send(&self, to: &str) -> String {
        let response = self
            .app
            .post(
                "/v2/notifications/email",
                &self.app.fixture.normal_key,
                &self.app.email_body(to),
            )
            .await;
        assert_eq!(response.status(), 201);
        let body: Value = response.json().await.expect("json");
        body["id"].as_str().expect("id").to_owned()
    }

    /// The notification's status, provider reference, feedback type and
    /// provider response (status `absent` before it is stored).
    async fn row(&self, id: &str) -> Stored {
        let id: Uuid = id.parse().expect("uuid");
        self.app
            .env
            .query(move |conn| {
                use diesel::prelude::*;
                use herald_domain::schema::notifications::dsl;
                dsl::notifications
                    .filter(dsl::id.eq(id))
                    .select((
                        dsl::status,
                        dsl::provider_reference,
                        dsl::feedback_type,
                        dsl::provider_response,
                    ))
                    .first(conn)
                    .unwrap_or_else(|_| ("absent".to_owned(), None, None, None))
            })
            .await
    }

    /// The complaints recorded about a notification: (feedback id, type).
    async fn complaints(&self, id: &str) -> Vec<(Option<String>, Option<String>)> {
        let id: Uuid = id.parse().expect("uuid");
        self.app
            .env
            .query(move |conn| {
                use diesel::prelude::*;
                use herald_domain::schema::complaints::dsl;
                dsl::complaints
                    .filter(dsl::notification_id.eq(id))
                    .select((dsl::ses_feedback_id, dsl::complaint_type))
                    .load(conn)
                    .expect("complaints")
            })
            .await
    }

    /// Waits for the status and returns the provider reference.
    async fn wait_for(&self, id: &str, status: &str) -> Option<String> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        loop {
            let (got, reference, _, _) = self.row(id).await;
            if got == status {
                return reference;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{id} never became {status} (is {got})"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn post_receipt(&self, body: String) -> reqwest::Response {
        post_receipt(&self.app, body).await
    }

    async fn sent_by_moto(&self) -> Vec<Value> {
        let data: Value = self
            .app
            .client
            .get(format!(
                "{}/moto-api/data.json",
                self.moto.as_ref().expect("moto is the endpoint").endpoint
            ))
            .send()
            .await
            .expect("moto data")
            .json()
            .await
            .expect("json");
        data["ses"]["Message"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    async fn stop(mut self) {
        let _ = self.worker.start_kill();
        let _ = self.worker.wait().await;
        self.app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_normal_key_email_is_sent_through_ses_and_signed_receipts_set_its_final_status() {
    let setup = start().await;
    let callbacks = Receiver::start(0);
    setup
        .app
        .env
        .admin(&[
            "set-callback",
            "--service-id",
            &setup.app.fixture.service_id,
            "--url",
            &callbacks.url,
            "--bearer-token",
            "callback-secret",
        ])
        .await;

    // Arrange: four emails, handed to SES.
    let delivered = setup.send("ada@example.com").await;
    let bounced = setup.send("bob@example.com").await;
    let untouched = setup.send("cy@example.com").await;
    let by_header = setup.send("dee@example.com").await;
    let mut references = Vec::new();
    for id in [&delivered, &bounced, &untouched, &by_header] {
        let reference = setup
            .wait_for(id, "sending")
            .await
            .expect("SES MessageId kept");
        references.push(reference);
    }
    let sent = setup.sent_by_moto().await;
    let ada = sent
        .iter()
        .find(|m| m["id"] == references[0].as_str())
        .unwrap_or_else(|| panic!("SES has the message: {sent:?}"));
    assert_eq!(
        ada["destinations"]["ToAddresses"],
        json!(["ada@example.com"])
    );
    assert!(
        ada["source"]
            .as_str()
            .is_some_and(|s| s.ends_with("@notifications.example.org"))
    );
    assert!(
        ada["body"].as_str().is_some_and(|b| b.contains("Ann")),
        "rendered body: {ada}"
    );

    // Act + assert: a delivery and a hard bounce, signed, each answered 200.
    let receipt = signed_ses_event("delivery", &references[0], &delivered, &[]).await;
    assert_eq!(setup.post_receipt(receipt).await.status(), 200);
    let receipt = signed_ses_event("bounce-permanent", &references[1], &bounced, &[]).await;
    assert_eq!(setup.post_receipt(receipt).await.status(), 200);
    setup.wait_for(&delivered, "delivered").await;
    setup.wait_for(&bounced, "permanent-failure").await;
    let (_, reference, _, _) = setup.row(&delivered).await;
    assert_eq!(
        reference.as_deref(),
        Some(references[0].as_str()),
        "a receipt keeps the SES MessageId that `sending` stored"
    );
    let (_, _, feedback_type, _) = setup.row(&bounced).await;
    assert_eq!(feedback_type.as_deref(), Some("Permanent"));
    // The service hears about both final statuses.
    let received = callbacks.wait_for(2, Duration::from_secs(20)).await;
    let mut heard: Vec<(String, String)> = received
        .iter()
        .map(|c| {
            assert_eq!(c.authorization.as_deref(), Some("Bearer callback-secret"));
            (
                c.body["id"].as_str().unwrap_or_default().to_owned(),
                c.body["status"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    heard.sort();
    let mut expected = vec![
        (delivered.clone(), "delivered".to_owned()),
        (bounced.clone(), "permanent-failure".to_owned()),
    ];
    expected.sort();
    assert_eq!(heard, expected);

    // Anything that does not verify is refused with 403 and changes nothing.
    let forged = signed_ses_event("delivery", &references[2], &untouched, &["--tamper"]).await;
    let foreign_host = signed_ses_event(
        "delivery",
        &references[2],
        &untouched,
        &[
            "--signing-cert-url",
            "https://sns.eu-west-2.evil.example.com/cert.pem",
        ],
    )
    .await;
    let event = python_out(
        &[
            SIGN_SCRIPT,
            "ses-event",
            "delivery",
            &references[2],
            &untouched,
        ],
        None,
    )
    .await;
    let unknown_topic = signed(
        json!({"Type": "Notification", "TopicArn": "arn:aws:sns:eu-west-2:999999999999:other", "Message": event.trim()}),
        &[],
    )
    .await;
    for body in [forged, foreign_host, unknown_topic] {
        let response = setup.post_receipt(body).await;
        assert_eq!(response.status(), 403);
        let error: Value = response.json().await.expect("json");
        assert_eq!(error["errors"][0]["error"], "AuthError", "{error}");
    }
    let not_json = setup.post_receipt("not an SNS message".to_owned()).await;
    assert_eq!(not_json.status(), 400);

    // An identity notification (`notificationType`, no tags) is matched by
    // the notification-id header Herald sets on every email.
    let event = python_out(
        &[
            SIGN_SCRIPT,
            "ses-event",
            "delivery",
            &references[3],
            &by_header,
        ],
        None,
    )
    .await;
    let identity = as_identity_notification(&event, &by_header);
    let receipt = signed(
        json!({"Type": "Notification", "TopicArn": TOPIC, "Message": identity}),
        &[],
    )
    .await;
    assert_eq!(setup.post_receipt(receipt).await.status(), 200);
    setup.wait_for(&by_header, "delivered").await;

    // A complaint is recorded; the status it complains about stays.
    let complaint = signed_ses_event("complaint", &references[0], &delivered, &[]).await;
    assert_eq!(setup.post_receipt(complaint).await.status(), 200);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    let recorded = loop {
        let recorded = setup.complaints(&delivered).await;
        if !recorded.is_empty() || tokio::time::Instant::now() > deadline {
            break recorded;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(recorded.len(), 1, "one complaint recorded");
    assert_eq!(recorded[0].1.as_deref(), Some("abuse"));
    assert!(recorded[0].0.is_some(), "SES feedback id kept");
    assert_eq!(setup.row(&delivered).await.0, "delivered");

    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(setup.row(&untouched).await.0, "sending");

    callbacks.stop().await;
    setup.stop().await;
}

/// An SES event-publishing payload rewritten as the identity notification
/// SES sends without a configuration set: `notificationType` instead of
/// `eventType`, no tags, and the original headers, among them Herald's
/// notification id.
fn as_identity_notification(event: &str, notification_id: &str) -> String {
    let mut event: Value = serde_json::from_str(event.trim()).expect("event json");
    let object = event.as_object_mut().expect("object");
    let kind = object.remove("eventType").expect("eventType");
    object.insert("notificationType".to_owned(), kind);
    let mail = event["mail"].as_object_mut().expect("mail");
    mail.remove("tags");
    mail["headers"]
        .as_array_mut()
        .expect("headers")
        .push(json!({"name": "X-Herald-Notification-Id", "value": notification_id}));
    event.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttled_sends_are_retried_refused_ones_fail_technically_and_sends_are_paced() {
    // SES throttles the first 4 sends to throttle@ (more than the SDK's own
    // 3 attempts, so the worker's retry is needed), refuses refuse@ for good.
    let ses = FakeSes::start(4);
    let (app, settings) = api_trusting_the_test_certificate().await;
    let worker = spawn_worker(
        &app,
        &settings,
        &ses.endpoint,
        &[("HERALD_EMAIL_SEND_RATE", "4")],
    );
    let setup = SesSetup {
        app,
        moto: None,
        worker,
    };
    let throttled = setup.send("throttle@example.com").await;
    let refused = setup.send("refuse@example.com").await;
    let mut paced = Vec::new();
    for n in 0..10 {
        paced.push(setup.send(&format!("paced-{n}@example.com")).await);
    }

    let reference = setup.wait_for(&throttled, "sending").await;
    assert!(
        reference.as_deref().is_some_and(|r| r.starts_with("fake-")),
        "{reference:?}"
    );
    setup.wait_for(&refused, "technical-failure").await;
    let (_, _, _, response) = setup.row(&refused).await;
    assert!(
        response
            .as_deref()
            .is_some_and(|r| r.contains("MessageRejected")),
        "the provider's refusal is kept: {response:?}"
    );
    for id in &paced {
        setup.wait_for(id, "sending").await;
    }

    let sends = ses.sends();
    let to = |prefix: &str| {
        sends
            .iter()
            .filter(|s| s.to.starts_with(prefix))
            .collect::<Vec<_>>()
    };
    let throttled_sends = to("throttle@");
    assert_eq!(
        throttled_sends.iter().map(|s| s.status).collect::<Vec<_>>(),
        vec![429, 429, 429, 429, 200],
        "throttled until SES accepted it"
    );
    assert_eq!(to("refuse@").len(), 1, "a refusal is not retried");
    // At 4 sends a second, ten sends span nine quarter-seconds (2.25 s); the
    // bound leaves half a second for one send arriving late.
    let paced_sends = to("paced-");
    assert_eq!(paced_sends.len(), 10);
    let first = paced_sends.iter().map(|s| s.at).min().expect("first");
    let last = paced_sends.iter().map(|s| s.at).max().expect("last");
    assert!(
        last - first >= Duration::from_millis(1750),
        "sends were paced: {:?} between the first and the last",
        last - first
    );
    ses.stop().await;
    setup.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_verified_subscription_is_confirmed_by_fetching_its_subscribe_url() {
    let (app, _) = api_trusting_the_test_certificate().await;
    let sns = Receiver::start(0);
    let confirmation = signed(
        json!({
            "Type": "SubscriptionConfirmation",
            "TopicArn": TOPIC,
            "Message": "You have chosen to subscribe to the topic.",
            "Token": "token-1",
            "SubscribeURL": format!("{}?Action=ConfirmSubscription&Token=token-1", sns.url),
        }),
        &[],
    )
    .await;
    assert_eq!(post_receipt(&app, confirmation).await.status(), 200);
    assert_eq!(sns.received().len(), 1, "SubscribeURL fetched once");

    // A confirmation for a topic that is not ours is never fetched.
    let other = signed(
        json!({
            "Type": "SubscriptionConfirmation",
            "TopicArn": "arn:aws:sns:eu-west-2:999999999999:other",
            "Message": "You have chosen to subscribe to the topic.",
            "Token": "token-2",
            "SubscribeURL": format!("{}?Action=ConfirmSubscription&Token=token-2", sns.url),
        }),
        &[],
    )
    .await;
    assert_eq!(post_receipt(&app, other).await.status(), 403);
    assert_eq!(sns.received().len(), 1);
    sns.stop().await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_normal_key_text_is_published_through_sns_and_ends_sent() {
    let setup = start().await;
    let response = setup
        .app
        .post(
            "/v2/notifications/sms",
            &setup.app.fixture.normal_key,
            &setup.app.sms_body("07700 900123"),
        )
        .await;
    assert_eq!(response.status(), 201);
    let id = response.json::<Value>().await.expect("json")["id"]
        .as_str()
        .expect("id")
        .to_owned();

    // SNS reports no delivery: the text ends `sent`, with SNS's MessageId.
    let reference = setup.wait_for(&id, "sent").await;
    assert!(
        reference.is_some_and(|r| !r.is_empty()),
        "SNS MessageId kept"
    );
    setup.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn receipts_posted_at_once_are_all_queued_and_applied() {
    // No sender: the receipts alone move these notifications.
    let (app, _) = trusting_the_test_certificate(&[Consumer::Persist, Consumer::Status]).await;
    let messages: Vec<_> = (0..30)
        .map(|_| {
            let mut message =
                crate::persist::message(&app.fixture.service_id, &app.fixture.email_template);
            message.id = herald_domain::ids::new_notification_id();
            message.created_at = herald_domain::ids::created_at_of(&message.id).expect("v7");
            message
        })
        .collect();
    let payloads: Vec<Vec<u8>> = messages
        .iter()
        .map(|m| serde_json::to_vec(m).expect("json"))
        .collect();
    crate::persist::publish_raw(&app.env, &payloads).await;
    let mut receipts = Vec::new();
    for message in &messages {
        let id = message.id.to_string();
        receipts.push(signed_ses_event("delivery", &format!("ses-{id}"), &id, &[]).await);
    }

    let answers = futures_util::future::join_all(
        receipts
            .into_iter()
            .map(|receipt| post_receipt(&app, receipt)),
    )
    .await;
    assert!(
        answers.iter().all(|a| a.status() == 200),
        "every receipt queued"
    );

    let ids: Vec<Uuid> = messages.iter().map(|m| m.id).collect();
    app.env
        .wait_until_all_in("delivered", &ids, Duration::from_secs(30))
        .await;
    app.stop().await;
}
