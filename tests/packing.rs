//! Packed publishes: notifications accepted together travel as one broker
//! message (the API's group commit), and the consumers take packs and
//! single messages alike, isolate a poison notification inside a pack, and
//! store nothing twice when a pack comes again.

use std::time::Duration;

use futures_util::future::join_all;
use herald_domain::broker;
use herald_domain::kinds::KeyType;
use herald_domain::messages::{self, NotificationMessage};
use uuid::Uuid;

use crate::helpers::{AMQP_URL, Options, TestEnv, metric, spawn_app_with};
use crate::persist::{dead_letters, message};

/// Publishes `notifications` to the exchange as one packed message, as the
/// API's group commit does, confirmed.
async fn publish_pack(env: &TestEnv, encoded: &[Vec<u8>]) {
    let connection = broker::connect(AMQP_URL, "test-pack-publisher")
        .await
        .expect("connect");
    let channel = broker::confirm_channel(&connection).await.expect("channel");
    let topology = env.topology();
    topology.declare(&connection).await.expect("declare");
    broker::publish_notifications(
        &channel,
        &topology.notifications_exchange(),
        "notification.email",
        &messages::pack(encoded),
        encoded.len(),
    )
    .await
    .expect("publish");
    let _ = connection.close(200, "done".into()).await;
}

fn test_key_messages(service_id: &str, template_id: &str, n: usize) -> Vec<NotificationMessage> {
    (0..n)
        .map(|_| NotificationMessage {
            key_type: KeyType::Test,
            ..message(service_id, template_id)
        })
        .collect()
}

fn encode(messages: &[NotificationMessage]) -> Vec<Vec<u8>> {
    messages
        .iter()
        .map(|m| serde_json::to_vec(m).expect("json"))
        .collect()
}

fn sorted_ids(messages: &[NotificationMessage]) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = messages.iter().map(|m| m.id).collect();
    ids.sort();
    ids
}

/// A counter or histogram sample from the metrics page.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notifications_posted_together_travel_packed_and_are_stored_and_delivered() {
    // Arrange: groups of at most 20 that wait for the previous confirm.
    let app = spawn_app_with(Options {
        worker: true,
        tweak: |s| {
            s.publish_group_size = 20;
            s.publish_group_wait_ms = 1000;
        },
    })
    .await;
    let body = app.email_body("someone@example.com");

    // Act: 100 POSTs at once with the test key.
    let answers = join_all((0..100).map(|_| async {
        app.post("/v2/notifications/email", &app.fixture.test_key, &body)
            .await
    }))
    .await;

    // Assert: every one 201, stored and delivered; fewer messages than
    // notifications, none over the group size.
    let mut ids = Vec::new();
    for answer in answers {
        assert_eq!(answer.status(), 201);
        let created: serde_json::Value = answer.json().await.expect("json");
        ids.push(
            created["id"]
                .as_str()
                .expect("id")
                .parse::<Uuid>()
                .expect("uuid"),
        );
    }
    ids.sort();
    assert_eq!(
        app.env.wait_for_rows(100, Duration::from_secs(30)).await,
        ids
    );
    app.env
        .wait_until_all_in("delivered", &ids, Duration::from_secs(60))
        .await;
    let packed = "herald_publish_group_size_notifications";
    let notifications = metric(&app.metrics_address, &format!("{packed}_sum")).await;
    let published = metric(&app.metrics_address, &format!("{packed}_count")).await;
    assert_eq!(notifications, 100.0);
    assert!(
        published < 100.0,
        "{published} messages for 100 notifications"
    );
    assert!(published >= 5.0, "at most 20 to a message: {published}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poison_notification_inside_a_pack_is_dead_lettered_alone_and_the_rest_commit() {
    let app = spawn_app_with(Options {
        worker: true,
        tweak: |_| {},
    })
    .await;
    let good = test_key_messages(&app.fixture.service_id, &app.fixture.email_template, 30);
    let mut rejected_by_db = message(&app.fixture.service_id, &app.fixture.email_template);
    rejected_by_db.template_version = 0; // violates CHECK (template_version > 0)
    let mut pack = encode(&good);
    pack.insert(11, serde_json::to_vec(&rejected_by_db).expect("json"));
    pack.insert(4, br#"{"not": "a notification"}"#.to_vec());

    publish_pack(&app.env, &pack).await;

    let expected = sorted_ids(&good);
    assert_eq!(
        app.env.wait_for_rows(30, Duration::from_secs(30)).await,
        expected
    );
    app.env
        .wait_until_all_in("delivered", &expected, Duration::from_secs(60))
        .await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let mut dead = Vec::new();
    while dead.len() < 2 && tokio::time::Instant::now() < deadline {
        dead.extend(dead_letters(&app.env).await);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(dead.len(), 2, "each poison notification alone: {dead:?}");
    let (poison, reason) = dead
        .iter()
        .find(|(_, reason)| reason.contains("template_version"))
        .expect("the database's refusal");
    let poison: NotificationMessage = serde_json::from_slice(poison).expect("one notification");
    assert_eq!(poison, rejected_by_db, "{reason}");
    let (undecodable, reason) = dead
        .iter()
        .find(|(_, reason)| reason.contains("undecodable"))
        .expect("the undecodable one");
    let undecodable: serde_json::Value = serde_json::from_slice(undecodable).expect("json");
    assert_eq!(
        undecodable,
        serde_json::json!({"not": "a notification"}),
        "{reason}"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.env.stored_ids().await, expected, "nothing else stored");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pack_that_comes_again_stores_and_delivers_each_notification_once() {
    let app = spawn_app_with(Options {
        worker: true,
        tweak: |_| {},
    })
    .await;
    let first = test_key_messages(&app.fixture.service_id, &app.fixture.email_template, 40);
    publish_pack(&app.env, &encode(&first)).await;
    let first_ids = sorted_ids(&first);
    assert_eq!(
        app.env.wait_for_rows(40, Duration::from_secs(30)).await,
        first_ids
    );
    app.env
        .wait_until_all_in("delivered", &first_ids, Duration::from_secs(60))
        .await;

    // The same pack again (a redelivery after its commit, before its ack),
    // and a pack overlapping it by half.
    publish_pack(&app.env, &encode(&first)).await;
    let newer = test_key_messages(&app.fixture.service_id, &app.fixture.email_template, 20);
    let overlapping: Vec<NotificationMessage> = first[20..]
        .iter()
        .cloned()
        .chain(newer.iter().cloned())
        .collect();
    publish_pack(&app.env, &encode(&overlapping)).await;

    let mut all: Vec<NotificationMessage> = first.clone();
    all.extend(newer);
    let all_ids = sorted_ids(&all);
    assert_eq!(
        app.env.wait_for_rows(60, Duration::from_secs(30)).await,
        all_ids
    );
    app.env
        .wait_until_all_in("delivered", &all_ids, Duration::from_secs(60))
        .await;
    // Let the redelivered ones' status events land: still delivered, once each.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(app.env.stored_ids().await, all_ids);
    assert_eq!(app.env.count_in_status("delivered", &all_ids).await, 60);
    app.stop().await;
}
