//! The `herald` command as a newcomer meets it: an address in use, a clean
//! stop, `scripts/notify-token`.

use std::process::Stdio;
use std::time::Duration;

use crate::helpers::{TestEnv, free_port, herald_bin, sigterm, token, wait_until_ready_at};

/// Runs `herald <role>` for `env` with `extra` settings; stderr is captured.
fn spawn(env: &TestEnv, role: &str, extra: &[(&'static str, String)]) -> tokio::process::Child {
    tokio::process::Command::new(herald_bin())
        .arg(role)
        .envs(env.child_env(&env.settings()))
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .envs(extra.iter().cloned())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn herald")
}

async fn exit_and_stderr(child: tokio::process::Child) -> (std::process::ExitStatus, String) {
    let output = tokio::time::timeout(Duration::from_secs(30), child.wait_with_output())
        .await
        .expect("herald exits")
        .expect("output");
    (
        output.status,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_in_use_is_named_in_one_line_and_nothing_starts() {
    // Arrange: an address taken by someone else.
    let env = TestEnv::new().await;
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let taken = taken.local_addr().expect("address").to_string();
    let free = format!("127.0.0.1:{}", free_port());
    let cases = [
        ("dev", "HERALD_HTTP_ADDR", taken.clone(), String::new()),
        ("api", "HERALD_HTTP_ADDR", taken.clone(), String::new()),
        ("api", "HERALD_METRICS_ADDR", free.clone(), taken.clone()),
        ("dev", "HERALD_METRICS_ADDR", free.clone(), taken.clone()),
        ("worker", "HERALD_METRICS_ADDR", free.clone(), taken.clone()),
    ];
    for (role, setting, http, metrics) in cases {
        // Act
        let child = spawn(
            &env,
            role,
            &[("HERALD_HTTP_ADDR", http), ("HERALD_METRICS_ADDR", metrics)],
        );
        let (status, stderr) = exit_and_stderr(child).await;

        // Assert: a non-zero exit, one line naming the address, no panic,
        // and nothing started (no consumer, no broker connection).
        let case = format!("herald {role} with {setting} in use; stderr:\n{stderr}");
        assert_eq!(status.code(), Some(1), "{case}");
        let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
        assert_eq!(
            errors,
            [format!(
                "error: cannot listen on {taken}: the address is already in use \
                 (is Herald already running? {setting} sets another address)"
            )],
            "{case}"
        );
        for absent in [
            "panicked",
            "ERROR",
            "consumer started",
            "connected to the broker",
        ] {
            assert!(!stderr.contains(absent), "{absent:?} in {case}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_consumer_stops_the_worker_at_start_naming_the_valid_ones() {
    // Arrange: a typo in the list of consumers.
    let env = TestEnv::new().await;

    // Act
    let worker = spawn(
        &env,
        "worker",
        &[("HERALD_CONSUMERS", "persist,delivr".to_owned())],
    );
    let (status, stderr) = exit_and_stderr(worker).await;

    // Assert: nothing runs without the consumer that was meant.
    assert!(!status.success(), "{stderr}");
    assert!(stderr.contains("delivr"), "{stderr}");
    assert!(
        stderr.contains("deliver"),
        "the valid names are listed: {stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn herald_dev_drains_on_sigterm_and_stops_without_an_error() {
    // Arrange: `herald dev` with a drain window, a first email sent with
    // the test key.
    let env = TestEnv::new().await;
    let fixture = env.fixture().await;
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let child = spawn(
        &env,
        "dev",
        &[
            ("HERALD_HTTP_ADDR", format!("127.0.0.1:{port}")),
            ("HERALD_DRAIN_SECONDS", "2".to_owned()),
        ],
    );
    let client = reqwest::Client::new();
    wait_until_ready_at(&client, &base, Duration::from_secs(30)).await;
    let body = serde_json::json!({
        "email_address": "you@example.com",
        "template_id": fixture.email_template,
        "personalisation": {"name": "Ann", "code": "1"},
    });
    let sent = client
        .post(format!("{base}/v2/notifications/email"))
        .bearer_auth(token(&fixture.test_key))
        .json(&body)
        .send()
        .await
        .expect("send");
    assert_eq!(sent.status(), 201);
    let id = sent.json::<serde_json::Value>().await.expect("json")["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let read = client
            .get(format!("{base}/v2/notifications/{id}"))
            .bearer_auth(token(&fixture.test_key))
            .send()
            .await
            .expect("read back");
        let status = read.json::<serde_json::Value>().await.expect("json")["status"].clone();
        if status == "delivered" {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "still {status} after 20 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // Act
    let started = tokio::time::Instant::now();
    sigterm(&child);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let draining = client
        .get(format!("{base}/readyz"))
        .send()
        .await
        .expect("readyz while draining");
    let still_serving = client
        .post(format!("{base}/v2/notifications/email"))
        .bearer_auth(token(&fixture.test_key))
        .json(&body)
        .send()
        .await
        .expect("post while draining");
    let (status, stderr) = exit_and_stderr(child).await;

    // Assert
    assert_eq!(draining.status(), 503);
    assert_eq!(still_serving.status(), 201);
    assert!(status.success(), "exit {status}; stderr:\n{stderr}");
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "stopped before the drain window ended"
    );
    assert!(stderr.contains("drain=2s"), "{stderr}");
    for absent in [" ERROR ", " WARN ", "panicked"] {
        assert!(
            !stderr.contains(absent),
            "{absent:?} on a clean stop:\n{stderr}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_and_the_worker_stop_without_an_error() {
    let env = TestEnv::new().await;
    for role in ["api", "worker"] {
        let metrics = format!("127.0.0.1:{}", free_port());
        let child = spawn(
            &env,
            role,
            &[
                ("HERALD_HTTP_ADDR", format!("127.0.0.1:{}", free_port())),
                ("HERALD_METRICS_ADDR", metrics.clone()),
                ("HERALD_DRAIN_SECONDS", "0".to_owned()),
            ],
        );
        let client = reqwest::Client::new();
        wait_until_ready_at(
            &client,
            &format!("http://{metrics}"),
            Duration::from_secs(30),
        )
        .await;
        sigterm(&child);
        let (status, stderr) = exit_and_stderr(child).await;
        assert!(status.success(), "{role}: exit {status}; stderr:\n{stderr}");
        for absent in [" ERROR ", " WARN ", "panicked"] {
            assert!(
                !stderr.contains(absent),
                "{absent:?} when herald {role} stops:\n{stderr}"
            );
        }
    }
}

/// `scripts/notify-token`, which the README's curl commands use.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notify_token_signs_a_key_and_refuses_anything_else() {
    let app = crate::helpers::spawn_app().await;
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/notify-token");
    let run = |arg: String| {
        std::process::Command::new(script)
            .arg(arg)
            .output()
            .expect("run scripts/notify-token")
    };

    let signed = run(app.fixture.test_key.clone());
    assert!(signed.status.success());
    let jwt = String::from_utf8(signed.stdout).expect("utf-8");
    let read = app
        .client
        .get(format!("{}/v2/notifications", app.address))
        .bearer_auth(jwt.trim())
        .send()
        .await
        .expect("request");
    assert_eq!(read.status(), 200);

    for junk in ["junk", "", "local-not-a-uuid-at-all"] {
        let refused = run(junk.to_owned());
        assert_eq!(refused.status.code(), Some(1), "{junk:?}");
        assert!(refused.stdout.is_empty(), "{junk:?} printed a token");
        let message = String::from_utf8_lossy(&refused.stderr);
        assert!(
            message.contains("is not an API key")
                && message.contains("herald admin create-api-key"),
            "{junk:?}: {message}"
        );
    }
    app.stop().await;
}

/// `herald admin delete-queues` (what `scripts/dev --reset` runs) deletes
/// this prefix's queues with what is in them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_queues_deletes_the_prefixs_queues_and_their_messages() {
    // Arrange: one message waiting in the persist (and email) queue, no worker.
    let env = TestEnv::new().await;
    crate::persist::publish_raw(&env, &[b"{}".to_vec()]).await;
    let topology = env.topology();

    // Act
    let deleted = env.admin(&["delete-queues"]).await;

    // Assert
    let queues = topology.all_queues();
    assert_eq!(
        deleted.as_object().map(|o| o.len()),
        Some(queues.len()),
        "{deleted}"
    );
    assert_eq!(deleted[topology.persist_queue()]["messages"], 1);
    let connection = herald_domain::broker::connect(crate::helpers::AMQP_URL, "test-check")
        .await
        .expect("connect");
    for queue in queues {
        let channel = connection.create_channel().await.expect("channel");
        let passive = lapin::options::QueueDeclareOptions {
            passive: true,
            ..Default::default()
        };
        let declared = channel
            .queue_declare(queue.as_str().into(), passive, Default::default())
            .await;
        assert!(declared.is_err(), "{queue} is still there");
    }
    let _ = connection.close(200, "done".into()).await;
}
