//! The batch path: consume → batch → commit → ack, under redelivery, poison,
//! a killed worker and an unreachable database.

use std::process::Stdio;
use std::time::Duration;

use herald_domain::broker;
use herald_domain::ids;
use herald_domain::kinds::{KeyType, NotificationType};
use herald_domain::messages::NotificationMessage;
use lapin::options::BasicGetOptions;
use uuid::Uuid;

use crate::helpers::proxy::Proxy;
use crate::helpers::{AMQP_URL, Options, TestEnv, metric, serve, spawn_app, spawn_app_with};

pub fn message(service_id: &str, template_id: &str) -> NotificationMessage {
    let id = ids::new_notification_id();
    NotificationMessage {
        id,
        created_at: ids::created_at_of(&id).expect("v7"),
        service_id: service_id.parse().expect("uuid"),
        api_key_id: Uuid::new_v4(),
        key_type: KeyType::Normal,
        notification_type: NotificationType::Email,
        template_id: template_id.parse().expect("uuid"),
        template_version: 1,
        recipient: "someone@example.com".into(),
        reference: None,
        subject: Some("Hello".into()),
        body: "Body".into(),
        one_click_unsubscribe_url: None,
        reply_to: None,
        from_email: None,
        letter: None,
        job_id: None,
        job_row_number: None,
    }
}

/// Publishes raw payloads to the notifications exchange, confirmed.
pub async fn publish_raw(env: &TestEnv, payloads: &[Vec<u8>]) {
    let connection = broker::connect(AMQP_URL, "test-publisher")
        .await
        .expect("connect");
    let channel = broker::confirm_channel(&connection).await.expect("channel");
    let topology = env.topology();
    topology.declare(&connection).await.expect("declare");
    for payload in payloads {
        broker::publish_confirmed(
            &channel,
            &topology.notifications_exchange(),
            "notification.email",
            payload,
            None,
        )
        .await
        .expect("publish");
    }
    let _ = connection.close(200, "done".into()).await;
}

/// Drains the persist queue's dead-letter queue: (payload, reason header).
pub async fn dead_letters(env: &TestEnv) -> Vec<(Vec<u8>, String)> {
    let connection = broker::connect(AMQP_URL, "test-dlq")
        .await
        .expect("connect");
    let channel = connection.create_channel().await.expect("channel");
    let topology = env.topology();
    let queue = topology.dead_queue_for(&topology.persist_queue());
    let mut found = Vec::new();
    while let Some(message) = channel
        .basic_get(queue.as_str().into(), BasicGetOptions { no_ack: true })
        .await
        .expect("get")
    {
        let reason = message
            .delivery
            .properties
            .headers()
            .as_ref()
            .and_then(|h| h.inner().get("x-herald-reason").cloned())
            .and_then(|v| match v {
                lapin::types::AMQPValue::LongString(s) => {
                    Some(String::from_utf8_lossy(s.as_bytes()).into_owned())
                }
                _ => None,
            })
            .unwrap_or_default();
        found.push((message.delivery.data.clone(), reason));
    }
    let _ = connection.close(200, "done".into()).await;
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redelivered_notification_is_stored_once() {
    let app = spawn_app().await;
    let m = message(&app.fixture.service_id, &app.fixture.email_template);
    let payload = serde_json::to_vec(&m).expect("json");

    publish_raw(&app.env, &[payload.clone(), payload.clone()]).await;
    app.env.wait_for_rows(1, Duration::from_secs(30)).await;
    publish_raw(&app.env, &[payload]).await;
    let second = message(&app.fixture.service_id, &app.fixture.email_template);
    publish_raw(&app.env, &[serde_json::to_vec(&second).expect("json")]).await;

    let mut expected = vec![m.id, second.id];
    expected.sort();
    assert_eq!(
        app.env.wait_for_rows(2, Duration::from_secs(30)).await,
        expected
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.env.stored_ids().await, expected);
    app.stop().await;
}

/// What the API does before a 503 whose message may have landed
/// (docs/reliability.md): a copy already stored is withdrawn, and the same
/// message arriving again, or for the first time, is never stored.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disowned_notification_is_withdrawn_and_never_stored_again() {
    let app = spawn_app().await;
    let stored = message(&app.fixture.service_id, &app.fixture.email_template);
    let unseen = message(&app.fixture.service_id, &app.fixture.email_template);
    let later = message(&app.fixture.service_id, &app.fixture.email_template);
    publish_raw(&app.env, &[serde_json::to_vec(&stored).expect("json")]).await;
    app.env.wait_for_rows(1, Duration::from_secs(30)).await;

    // Act: the API disowns one stored message and one it never saw stored.
    let ids = [stored.id, unseen.id];
    let withdrawn = app
        .env
        .query(move |conn| {
            herald_domain::models::disowned::disown(conn, &ids[..1]).expect("disown")
                + herald_domain::models::disowned::disown(conn, &ids[1..]).expect("disown")
        })
        .await;
    let messages: Vec<Vec<u8>> = [&stored, &unseen, &later]
        .iter()
        .map(|m| serde_json::to_vec(m).expect("json"))
        .collect();
    publish_raw(&app.env, &messages).await;

    // Assert: only the one never disowned is stored, and both consumers
    // skipped the others.
    assert_eq!(withdrawn, 1);
    assert_eq!(
        app.env.wait_for_rows(1, Duration::from_secs(30)).await,
        vec![later.id]
    );
    let skipped = "herald_disowned_skipped_total{consumer=\"persist\"}";
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while metric(&app.metrics_address, skipped).await < 2.0 {
        assert!(
            std::time::Instant::now() < deadline,
            "persist never skipped both"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(app.env.stored_ids().await, vec![later.id]);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poisoned_message_is_dead_lettered_and_the_rest_of_its_batch_commits() {
    // Arrange: a batch size and linger that put everything in one batch.
    let app = spawn_app_with(Options {
        worker: true,
        tweak: |s| {
            s.batch_size = 500;
            s.batch_linger_ms = 500;
        },
    })
    .await;
    let good: Vec<NotificationMessage> = (0..40)
        .map(|_| message(&app.fixture.service_id, &app.fixture.email_template))
        .collect();
    let mut rejected_by_db = message(&app.fixture.service_id, &app.fixture.email_template);
    rejected_by_db.template_version = 0; // violates CHECK (template_version > 0)
    let mut payloads: Vec<Vec<u8>> = good
        .iter()
        .map(|m| serde_json::to_vec(m).expect("json"))
        .collect();
    payloads.insert(17, serde_json::to_vec(&rejected_by_db).expect("json"));
    payloads.insert(3, b"{\"not\": \"a notification\"}".to_vec());

    // Act
    publish_raw(&app.env, &payloads).await;

    // Assert
    let mut expected: Vec<Uuid> = good.iter().map(|m| m.id).collect();
    expected.sort();
    assert_eq!(
        app.env.wait_for_rows(40, Duration::from_secs(30)).await,
        expected
    );
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let mut dead = Vec::new();
    while dead.len() < 2 && tokio::time::Instant::now() < deadline {
        dead.extend(dead_letters(&app.env).await);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(dead.len(), 2, "{dead:?}");
    let reasons: Vec<&str> = dead.iter().map(|(_, r)| r.as_str()).collect();
    assert!(
        reasons.iter().any(|r| r.contains("undecodable")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.contains("template_version")),
        "{reasons:?}"
    );
    assert!(
        dead.iter()
            .any(|(payload, _)| payload == &serde_json::to_vec(&rejected_by_db).expect("json"))
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_the_database_rejected_is_redriven_after_the_fix_and_lands_once() {
    // Arrange: a message the database refuses (client_reference too long),
    // dead-lettered while a good one flows.
    let app = spawn_app().await;
    let good = message(&app.fixture.service_id, &app.fixture.email_template);
    let mut refused = message(&app.fixture.service_id, &app.fixture.email_template);
    refused.reference = Some("r".repeat(1001));
    publish_raw(
        &app.env,
        &[
            serde_json::to_vec(&refused).expect("json"),
            serde_json::to_vec(&good).expect("json"),
        ],
    )
    .await;
    assert_eq!(
        app.env.wait_for_rows(1, Duration::from_secs(30)).await,
        [good.id]
    );
    let dead = app
        .env
        .topology()
        .dead_queue_for(&app.env.topology().persist_queue());
    let redrive = |env: &TestEnv| {
        let settings = env.settings();
        let child_env = env.child_env(&settings);
        async move {
            let output = tokio::process::Command::new(crate::helpers::herald_bin())
                .args(["admin", "redrive", "--queue", "persist"])
                .envs(child_env)
                .stdin(Stdio::null())
                .output()
                .await
                .expect("run herald admin redrive");
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            let out: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
            out["moved"].as_u64().expect("moved")
        }
    };
    // The dead-letter publish is confirmed before the batch is acked, so it
    // is there once the good row is; wait for the broker to count it.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let connection = broker::connect(AMQP_URL, "test-dlq")
        .await
        .expect("connect");
    let channel = connection.create_channel().await.expect("channel");
    loop {
        let declared = channel
            .queue_declare(
                dead.as_str().into(),
                lapin::options::QueueDeclareOptions {
                    passive: true,
                    ..Default::default()
                },
                lapin::types::FieldTable::default(),
            )
            .await
            .expect("dead-letter queue");
        if declared.message_count() == 1 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "nothing dead-lettered"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = connection.close(200, "done".into()).await;

    // Act: the fix (the operator relaxes the check), then the re-drive, twice.
    app.env
        .query(|conn| {
            use diesel::RunQueryDsl;
            diesel::sql_query(
                "ALTER TABLE notifications DROP CONSTRAINT notifications_client_reference_check",
            )
            .execute(conn)
        })
        .await
        .expect("relax the check");
    assert_eq!(redrive(&app.env).await, 1);
    let mut expected = vec![good.id, refused.id];
    expected.sort();
    assert_eq!(
        app.env.wait_for_rows(2, Duration::from_secs(30)).await,
        expected
    );
    assert_eq!(redrive(&app.env).await, 0);

    // Assert: each stored once, the dead-letter queue empty.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.env.stored_ids().await, expected);
    assert!(dead_letters(&app.env).await.is_empty());
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_mid_batch_loses_and_duplicates_nothing() {
    // Arrange: the API only; the worker is a real `herald worker` process.
    let app = spawn_app_with(Options {
        worker: false,
        tweak: |_| {},
    })
    .await;
    let mut settings = app.env.settings();
    settings.batch_size = 50;
    settings.batch_linger_ms = 200;
    let spawn_worker = || {
        tokio::process::Command::new(crate::helpers::herald_bin())
            .arg("worker")
            .envs(app.env.child_env(&settings))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("spawn worker")
    };
    let mut accepted = Vec::new();
    for _ in 0..150 {
        accepted.push(
            app.send_email().await["id"]
                .as_str()
                .expect("id")
                .parse::<Uuid>()
                .expect("uuid"),
        );
    }

    // Act: kill it while it works through the backlog, then start another.
    let mut worker = spawn_worker();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while app.env.stored_ids().await.is_empty() && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    worker.start_kill().expect("SIGKILL");
    worker.wait().await.expect("reaped");
    let at_kill = app.env.stored_ids().await.len();
    for _ in 0..50 {
        accepted.push(
            app.send_email().await["id"]
                .as_str()
                .expect("id")
                .parse::<Uuid>()
                .expect("uuid"),
        );
    }
    let mut restarted = spawn_worker();

    // Assert
    accepted.sort();
    let stored = app
        .env
        .wait_for_rows(accepted.len(), Duration::from_secs(30))
        .await;
    assert!(
        at_kill < accepted.len(),
        "the kill came too late to test anything"
    );
    assert_eq!(stored, accepted);
    restarted.start_kill().expect("kill");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_succeed_while_the_database_is_unreachable_and_land_when_it_returns() {
    // Arrange: the worker reaches PostgreSQL through a proxy the test can cut.
    let env = TestEnv::new().await;
    let fixture = env.fixture().await;
    let proxy = Proxy::start(5432).await;
    let mut settings = env.settings();
    let api = serve(env, fixture, &settings, false).await;
    settings.database_url = format!(
        "postgres://postgres@127.0.0.1:{}/{}",
        proxy.port, api.env.db_name
    );
    let metrics = herald_domain::metrics::Metrics::new().expect("metrics");
    let worker =
        herald_worker::Worker::start(&settings, metrics.clone(), herald_probes::Health::new())
            .await
            .expect("worker");
    let stop = tokio_util::sync::CancellationToken::new();
    let worker = tokio::spawn(worker.run_until(stop.clone().cancelled_owned()));
    api.send_email().await;
    api.env.wait_for_rows(1, Duration::from_secs(30)).await;

    // Act: cut the database off, keep sending.
    proxy.cut();
    let mut accepted = Vec::new();
    for _ in 0..100 {
        accepted.push(
            api.send_email().await["id"]
                .as_str()
                .expect("id")
                .parse::<Uuid>()
                .expect("uuid"),
        );
    }
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while metrics.persist_retries_total.get() == 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the worker never noticed the outage"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let during = api.env.stored_ids().await.len();
    proxy.restore();

    // Assert
    let stored = api.env.wait_for_rows(101, Duration::from_secs(30)).await;
    assert_eq!(
        during, 1,
        "nothing can be stored while the database is cut off"
    );
    assert_eq!(stored.len(), 101);
    for id in accepted {
        assert!(stored.contains(&id));
    }
    // Their statuses (no provider is configured: `technical-failure`) come
    // through the status loops, whose connections the cut broke too.
    api.env
        .wait_until_all_in("technical-failure", &stored, Duration::from_secs(30))
        .await;
    stop.cancel();
    worker.await.expect("join").expect("worker stops cleanly");
    api.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_creating_the_same_days_partitions_at_once_all_succeed() {
    use diesel::{Connection, PgConnection};
    use herald_domain::db;

    let env = TestEnv::new().await;
    // Days no test or maintenance creates. Each session asks for all of
    // them in one transaction (the persist loops create each day in its own
    // statement, which is the easier case), half of them in the opposite
    // order, as a batch spanning midnight gathered its days in any order.
    let days: Vec<chrono::NaiveDate> = (0..4)
        .filter_map(|n| chrono::NaiveDate::from_ymd_opt(2031, 1, 1 + n))
        .collect();
    let start = std::sync::Arc::new(std::sync::Barrier::new(8));
    let sessions: Vec<_> = (0..8)
        .map(|session| {
            let (url, mut days, start) = (env.database_url.clone(), days.clone(), start.clone());
            if session % 2 == 1 {
                days.reverse();
            }
            std::thread::spawn(move || {
                let mut conn = PgConnection::establish(&url).expect("connect");
                start.wait();
                conn.transaction(|conn| db::ensure_partitions(conn, days.iter().copied()))
            })
        })
        .collect();
    for session in sessions {
        session
            .join()
            .expect("session thread")
            .expect("every session's creation succeeds");
    }
    let partitions: i64 = env
        .query(|conn| {
            use diesel::RunQueryDsl;
            diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
                "(SELECT count(*) FROM pg_inherits
                  WHERE inhparent = 'notifications'::regclass
                    AND inhrelid::regclass::text LIKE 'notifications_2031010%')",
            ))
            .get_result(conn)
            .expect("count partitions")
        })
        .await;
    assert_eq!(partitions, 4);
}
