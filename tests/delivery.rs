//! Delivery and status: the simulator for test keys, grouped status
//! updates, receipts before rows, the sending timeout, client callbacks.

use std::time::Duration;

use herald_domain::broker;
use herald_domain::config::Consumer;
use herald_domain::ids;
use herald_domain::kinds::Status;
use herald_domain::messages::{StatusEvent, StatusMessage};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::receiver::Receiver;
use crate::helpers::{AMQP_URL, Options, TestApp, TestEnv, spawn_app, spawn_app_with};

/// Polls GET by id until the status is `want` (or the timeout).
async fn wait_for_status(app: &TestApp, key: &str, id: &str, want: &str) -> Value {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        let got: Value = app
            .get(&format!("/v2/notifications/{id}"), key)
            .await
            .json()
            .await
            .expect("json");
        if got["status"] == want {
            return got;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "status never became {want}: {got}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn publish_status(env: &TestEnv, events: &[StatusMessage]) {
    let connection = broker::connect(AMQP_URL, "test-status")
        .await
        .expect("connect");
    let channel = broker::confirm_channel(&connection).await.expect("channel");
    env.topology().declare(&connection).await.expect("declare");
    let payloads: Vec<Vec<u8>> = events
        .iter()
        .map(|e| serde_json::to_vec(e).expect("json"))
        .collect();
    broker::publish_many_confirmed(
        &channel,
        "",
        &env.topology().status_queue(),
        &payloads,
        None,
    )
    .await
    .expect("publish");
    let _ = connection.close(200, "done".into()).await;
}

fn status_event(id: Uuid, status: Status) -> StatusMessage {
    StatusMessage::Status(StatusEvent::now(id, status))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn test_key_notifications_are_simulated_through_to_their_final_status() {
    let app = spawn_app().await;
    let key = app.fixture.test_key.clone();
    let posted = tokio::time::Instant::now();

    let delivered = app
        .post(
            "/v2/notifications/email",
            &key,
            &app.email_body("anyone@example.com"),
        )
        .await;
    let perm = app
        .post(
            "/v2/notifications/email",
            &key,
            &app.email_body("perm-fail@simulator.notify"),
        )
        .await;
    let temp = app
        .post("/v2/notifications/sms", &key, &app.sms_body("07700900003"))
        .await;

    for (response, want) in [
        (delivered, "delivered"),
        (perm, "permanent-failure"),
        (temp, "temporary-failure"),
    ] {
        let id = response.json::<Value>().await.expect("json")["id"]
            .as_str()
            .expect("id")
            .to_owned();
        let got = wait_for_status(&app, &key, &id, want).await;
        assert!(got["sent_at"].is_string(), "{got}");
        assert!(got["completed_at"].is_string(), "{got}");
    }
    // The simulator's receipts come a second after `sending`, as a
    // provider's would.
    assert!(
        posted.elapsed() >= Duration::from_millis(900),
        "final statuses after {:?}",
        posted.elapsed()
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_status_loops_than_pooled_connections_starve_no_other_consumer() {
    // Status loops keep a connection between batches. With more loops than
    // the shared pool holds, the persist loop must still get connections.
    let app = spawn_app_with(Options {
        tweak: |settings| {
            settings.db_pool_size = 2;
            settings.status_consumers = 4;
        },
        ..Options::default()
    })
    .await;
    let key = app.fixture.test_key.clone();
    // Round after round, so that several status loops have run a batch (the
    // broker deals status messages out to them in turn) before the last.
    for _ in 0..4 {
        let mut ids = Vec::new();
        for _ in 0..10 {
            let sent = app
                .send_email_with(&key, &app.email_body("anyone@example.com"))
                .await;
            ids.push(
                sent["id"]
                    .as_str()
                    .expect("id")
                    .parse::<Uuid>()
                    .expect("uuid"),
            );
        }
        app.env
            .wait_until_all_in("delivered", &ids, Duration::from_secs(20))
            .await;
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn normal_keys_without_a_provider_fail_technically_and_say_why() {
    let app = spawn_app().await;
    let sent = app.send_email().await;
    let id = sent["id"].as_str().expect("id");
    wait_for_status(&app, &app.fixture.normal_key, id, "technical-failure").await;
    let row: Option<String> = app
        .env
        .query({
            let id: Uuid = id.parse().expect("uuid");
            move |conn| {
                use diesel::prelude::*;
                use herald_domain::schema::notifications::dsl;
                dsl::notifications
                    .filter(dsl::id.eq(id))
                    .select(dsl::provider_response)
                    .first(conn)
                    .expect("row")
            }
        })
        .await;
    assert!(
        row.is_some_and(|r| r.contains("No email provider")),
        "provider response explains"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receipt_that_arrives_before_its_row_is_applied_once_the_row_exists() {
    let app = spawn_app().await;
    let key = app.fixture.test_key.clone();
    // Stop nothing: publish a receipt for a notification that does not exist yet.
    let sent = app
        .post(
            "/v2/notifications/email",
            &key,
            &app.email_body("a@example.com"),
        )
        .await;
    let id: Uuid = sent.json::<Value>().await.expect("json")["id"]
        .as_str()
        .expect("id")
        .parse()
        .expect("uuid");
    let early = ids::new_notification_id();
    publish_status(&app.env, &[status_event(early, Status::PermanentFailure)]).await;
    // ... and only afterwards the notification itself.
    tokio::time::sleep(Duration::from_millis(800)).await;
    let mut message = crate::persist::message(&app.fixture.service_id, &app.fixture.email_template);
    message.id = early;
    message.created_at = ids::created_at_of(&early).expect("v7");
    message.key_type = herald_domain::kinds::KeyType::Normal;
    crate::persist::publish_raw(&app.env, &[serde_json::to_vec(&message).expect("json")]).await;

    wait_for_status(
        &app,
        &app.fixture.normal_key,
        &early.to_string(),
        "permanent-failure",
    )
    .await;
    wait_for_status(&app, &key, &id.to_string(), "delivered").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_receipt_whose_row_never_appears_is_parked_not_dropped() {
    let app = spawn_app_with(Options {
        worker: true,
        tweak: |s| s.status_max_age_seconds = 1,
    })
    .await;
    let orphan = ids::new_notification_id();
    publish_status(&app.env, &[status_event(orphan, Status::Delivered)]).await;

    let parked_queue = app
        .env
        .topology()
        .parked_queue_for(&app.env.topology().status_queue());
    let data = app
        .env
        .next_message(&parked_queue, Duration::from_secs(15))
        .await;
    let parked: StatusMessage = serde_json::from_slice(&data).expect("json");
    assert_eq!(parked, status_event_with_id(&parked, orphan));
    app.stop().await;
}

fn status_event_with_id(parked: &StatusMessage, id: Uuid) -> StatusMessage {
    match parked {
        StatusMessage::Status(e) if e.notification_id == id => parked.clone(),
        other => panic!("unexpected parked message {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_weaker_status_never_overwrites_a_final_one_but_a_hard_bounce_does() {
    let app = spawn_app().await;
    let key = app.fixture.test_key.clone();
    let sent = app
        .post(
            "/v2/notifications/email",
            &key,
            &app.email_body("a@example.com"),
        )
        .await;
    let id: Uuid = sent.json::<Value>().await.expect("json")["id"]
        .as_str()
        .expect("id")
        .parse()
        .expect("uuid");
    wait_for_status(&app, &key, &id.to_string(), "delivered").await;

    publish_status(
        &app.env,
        &[
            status_event(id, Status::Sending),
            status_event(id, Status::TemporaryFailure),
        ],
    )
    .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    wait_for_status(&app, &key, &id.to_string(), "delivered").await;

    publish_status(&app.env, &[status_event(id, Status::PermanentFailure)]).await;
    wait_for_status(&app, &key, &id.to_string(), "permanent-failure").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notifications_stuck_in_sending_time_out_to_temporary_failure() {
    let app = spawn_app().await;
    // A notification created 73 hours ago, still `sending`.
    let old = Uuid::new_v7(uuid::Timestamp::from_unix(
        uuid::NoContext,
        u64::try_from((chrono::Utc::now() - chrono::Duration::hours(73)).timestamp())
            .expect("positive"),
        0,
    ));
    let mut message = crate::persist::message(&app.fixture.service_id, &app.fixture.email_template);
    message.id = old;
    message.created_at = ids::created_at_of(&old).expect("v7");
    crate::persist::publish_raw(&app.env, &[serde_json::to_vec(&message).expect("json")]).await;
    app.env.wait_for_rows(1, Duration::from_secs(30)).await;
    let stuck = old;
    app.env
        .query(move |conn| {
            use diesel::prelude::*;
            use herald_domain::schema::notifications::dsl;
            diesel::update(dsl::notifications.filter(dsl::id.eq(stuck)))
                .set(dsl::status.eq("sending"))
                .execute(conn)
                .expect("update")
        })
        .await;

    let settings = app.env.settings();
    let pool = herald_domain::db::pool(
        &settings.database_url,
        settings.db_pooler,
        1,
        Duration::from_secs(5),
        Duration::from_secs(30),
    )
    .expect("pool");
    let published = herald_worker::timeouts::time_out(
        &pool,
        AMQP_URL,
        &settings.topology(),
        chrono::Duration::hours(72),
    )
    .await
    .expect("timeout pass");

    assert_eq!(published, 1);
    wait_for_status(
        &app,
        &app.fixture.normal_key,
        &old.to_string(),
        "temporary-failure",
    )
    .await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn callbacks_arrive_with_the_bearer_token_and_are_retried_after_a_500() {
    let receiver = Receiver::start(1);
    let app = spawn_app().await;
    app.env
        .admin(&[
            "set-callback",
            "--service-id",
            &app.fixture.service_id,
            "--url",
            &receiver.url,
            "--bearer-token",
            "secret-token-123",
        ])
        .await;
    let mut body = app.email_body("a@example.com");
    body["reference"] = json!("callback-ref");
    let sent = app
        .post("/v2/notifications/email", &app.fixture.test_key, &body)
        .await;
    let id = sent.json::<Value>().await.expect("json")["id"]
        .as_str()
        .expect("id")
        .to_owned();

    let received = receiver.wait_for(2, Duration::from_secs(20)).await;

    assert_eq!(received.len(), 2, "one failed try, one retry: {received:?}");
    for call in &received {
        assert_eq!(
            call.authorization.as_deref(),
            Some("Bearer secret-token-123")
        );
    }
    let payload = &received[1].body;
    assert_eq!(payload["id"], id);
    assert_eq!(payload["reference"], "callback-ref");
    assert_eq!(payload["to"], "a@example.com");
    assert_eq!(payload["status"], "delivered");
    assert_eq!(payload["notification_type"], "email");
    assert_eq!(payload["template_id"], app.fixture.email_template);
    assert_eq!(payload["template_version"], 1);
    for field in ["created_at", "completed_at", "sent_at"] {
        assert!(
            payload[field].as_str().is_some_and(|t| t.ends_with('Z')),
            "{field}: {payload}"
        );
    }
    app.stop().await;
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_callback_host_that_never_answers_holds_up_other_services_once_at_most() {
    // A retry delay long enough that the failing host's cool-down (half of
    // it, at most 30 s) outlasts the test.
    let app = spawn_app_with(Options {
        tweak: |settings| settings.callback_retry_seconds = 60,
        ..Options::default()
    })
    .await;
    // Service A's callback host accepts connections and never answers.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let silent_url = format!("http://{}/callbacks", silent.local_addr().expect("addr"));
    let held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            open.push(socket);
        }
    });
    let receiver = Receiver::start(0);
    let other = app.env.fixture_named("Other service").await;
    for (service_id, url) in [
        (&app.fixture.service_id, silent_url.as_str()),
        (&other.service_id, receiver.url.as_str()),
    ] {
        app.env
            .admin(&[
                "set-callback",
                "--service-id",
                service_id,
                "--url",
                url,
                "--bearer-token",
                "secret-token-123",
            ])
            .await;
    }

    // Service B's 300 notifications, with one of A's every 30, so that
    // A's callbacks land in every batch of the callback worker (100).
    let b_body = serde_json::json!({
        "email_address": "b@example.com",
        "template_id": other.email_template,
        "personalisation": {"name": "B", "code": "2"},
    });
    for n in 0..300 {
        if n % 30 == 0 {
            app.send_email_with(&app.fixture.test_key, &app.email_body("a@example.com"))
                .await;
        }
        app.send_email_with(&other.test_key, &b_body).await;
    }

    // The first of A's callbacks costs one 5 s timeout; after it A's host is
    // left alone, so B's callbacks do not wait behind a timeout per batch
    // (about 5 s in all here; 15 s when every batch waited).
    let first = receiver.wait_for(1, Duration::from_secs(30)).await;
    assert!(!first.is_empty(), "no callback reached service B");
    let started = tokio::time::Instant::now();
    let all = receiver.wait_for(300, Duration::from_secs(30)).await;
    assert_eq!(all.len(), 300, "service B's callbacks all arrive");
    eprintln!(
        "service B's callbacks: all within {:?} of the first",
        started.elapsed()
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "service B's callbacks took {:?} after the first",
        started.elapsed()
    );
    held.abort();
    app.stop().await;
    receiver.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn packed_status_events_are_applied_together_and_a_missing_ones_retried_alone() {
    // No sender: only the events published here change the statuses.
    let app = spawn_app_with(Options {
        worker: true,
        tweak: |s| s.consumers = vec![Consumer::Persist, Consumer::Status],
    })
    .await;
    let stored_message = || {
        let mut message =
            crate::persist::message(&app.fixture.service_id, &app.fixture.email_template);
        message.id = ids::new_notification_id();
        message.created_at = ids::created_at_of(&message.id).expect("v7");
        message.key_type = herald_domain::kinds::KeyType::Normal;
        message
    };
    let (stored, later) = (stored_message(), stored_message());
    crate::persist::publish_raw(&app.env, &[serde_json::to_vec(&stored).expect("json")]).await;
    let key = app.fixture.normal_key.clone();
    wait_for_status(&app, &key, &stored.id.to_string(), "created").await;

    // One message carrying both events; `later` is not stored yet.
    let events = [stored.id, later.id]
        .into_iter()
        .map(|id| StatusEvent::now(id, Status::Delivered))
        .collect();
    let connection = broker::connect(AMQP_URL, "test-packed")
        .await
        .expect("connect");
    let channel = broker::confirm_channel(&connection).await.expect("channel");
    let queue = app.env.topology().status_queue();
    broker::publish_status_events(&channel, &queue, events, None)
        .await
        .expect("publish");
    let _ = connection.close(200, "done".into()).await;

    wait_for_status(&app, &key, &stored.id.to_string(), "delivered").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    crate::persist::publish_raw(&app.env, &[serde_json::to_vec(&later).expect("json")]).await;
    wait_for_status(&app, &key, &later.id.to_string(), "delivered").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replayed_and_shuffled_status_events_end_where_the_in_order_ones_do() {
    // No sender: only the events published here change the statuses.
    let app = spawn_app_with(Options {
        worker: true,
        tweak: |s| {
            s.consumers = vec![Consumer::Persist, Consumer::Status];
            s.status_consumers = 2;
        },
    })
    .await;
    // Provider histories, in the order they happen, and where each ends:
    // the strongest status wins; a hard bounce after `delivered` wins too.
    let histories: [(&[Status], &str); 5] = [
        (&[Status::Sending, Status::Delivered], "delivered"),
        (
            &[Status::Sending, Status::TemporaryFailure],
            "temporary-failure",
        ),
        (
            &[Status::Sending, Status::PermanentFailure],
            "permanent-failure",
        ),
        (
            &[Status::Sending, Status::Delivered, Status::PermanentFailure],
            "permanent-failure",
        ),
        (&[Status::Sending], "sending"),
    ];
    let mut messages = Vec::new();
    let mut expected = Vec::new();
    for round in 0..8 {
        for (events, end) in &histories {
            let mut message =
                crate::persist::message(&app.fixture.service_id, &app.fixture.email_template);
            message.reference = Some(format!("replay-{round}"));
            expected.push((message.id, *end, *events));
            messages.push(serde_json::to_vec(&message).expect("json"));
        }
    }
    crate::persist::publish_raw(&app.env, &messages).await;
    app.env
        .wait_for_rows(expected.len(), Duration::from_secs(30))
        .await;

    // Every event twice, in a shuffled order, in several messages.
    let mut events: Vec<StatusEvent> = expected
        .iter()
        .flat_map(|(id, _, history)| history.iter().map(|s| StatusEvent::now(*id, *s)))
        .collect();
    events.extend(events.clone());
    let mut seed = u64::from(std::process::id()) | 1;
    for i in (1..events.len()).rev() {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = usize::try_from(seed >> 33).unwrap_or_default() % (i + 1);
        events.swap(i, j);
    }
    let packed: Vec<StatusMessage> = events
        .chunks(7)
        .filter_map(|chunk| StatusMessage::of(chunk.to_vec()))
        .collect();
    publish_status(&app.env, &packed).await;

    // Assert: each notification ends where its in-order history does.
    for (id, end, _) in &expected {
        wait_for_status(&app, &app.fixture.normal_key, &id.to_string(), end).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    for (id, end, _) in &expected {
        let got: Value = app
            .get(&format!("/v2/notifications/{id}"), &app.fixture.normal_key)
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(got["status"], *end, "{id}");
    }
    app.stop().await;
}
