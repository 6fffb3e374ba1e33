//! The test harness: every test gets its own database and its own broker
//! names, the real API on port 0 and (unless it asks otherwise) the real
//! worker in-process. Tests talk HTTP to the API and look at rows and queues.

pub mod fake_ses;
pub mod load;
pub mod proxy;
pub mod receiver;
pub mod sweep;

use std::process::Stdio;
use std::time::Duration;

use diesel::prelude::*;
use herald_api::startup::Application;
use herald_domain::broker::Topology;
use herald_domain::config::Settings;
use herald_domain::db;
use herald_domain::metrics::Metrics;
use herald_probes::Health;
use herald_worker::Worker;
use jsonwebtoken::{EncodingKey, Header};
use serde_json::Value;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

pub const PG_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
pub const AMQP_URL: &str = "amqp://guest:guest@127.0.0.1:5672/%2f";
/// How long a test waits for an admin change to reach the API's cache (a
/// change event, then a reload query): well under a second when idle, but
/// the whole suite shares two cores.
pub const CACHE_PROPAGATION: Duration = Duration::from_secs(20);

/// The `herald` binary built for this test run.
pub fn herald_bin() -> &'static str {
    env!("CARGO_BIN_EXE_herald")
}

/// A loopback port nothing listens on (for a child process to bind).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// Sends SIGTERM to a child process.
pub fn sigterm(child: &tokio::process::Child) {
    let pid = child.id().expect("running").to_string();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(status.success());
}

/// Waits until `base`/readyz answers 200 (a process spawned as a child).
pub async fn wait_until_ready_at(client: &reqwest::Client, base: &str, within: Duration) {
    wait_for_200(client, &format!("{base}/readyz"), within).await;
}

/// Polls `url` until it answers 200, failing the test after `within`.
pub async fn wait_for_200(client: &reqwest::Client, url: &str, within: Duration) {
    let deadline = tokio::time::Instant::now() + within;
    while !client
        .get(url)
        .send()
        .await
        .is_ok_and(|r| r.status() == 200)
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{url} did not answer 200 within {within:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A fresh, migrated database and broker prefix, not yet served.
pub struct TestEnv {
    pub db_name: String,
    pub database_url: String,
    pub prefix: String,
}

impl TestEnv {
    pub async fn new() -> TestEnv {
        sweep::once().await;
        // Time-ordered: the sweep tells an abandoned test's leftovers from a
        // concurrent run's by their age.
        let id = Uuid::now_v7().simple().to_string();
        let db_name = format!("herald_test_{id}");
        let database_url = format!("postgres://postgres@127.0.0.1:5432/{db_name}");
        let (admin, url, name) = (
            PG_ADMIN_URL.to_owned(),
            database_url.clone(),
            db_name.clone(),
        );
        tokio::task::spawn_blocking(move || {
            let mut conn = PgConnection::establish(&admin).expect("connect to postgres");
            diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
                .execute(&mut conn)
                .expect("create test database");
            let mut conn = PgConnection::establish(&url).expect("connect to test database");
            db::run_migrations(&mut conn).expect("migrate");
        })
        .await
        .expect("setup thread");
        TestEnv {
            db_name,
            database_url,
            prefix: format!("htest-{id}"),
        }
    }

    pub fn settings(&self) -> Settings {
        let mut settings = Settings::from_env();
        settings.database_url = self.database_url.clone();
        // The PgBouncer pass of scripts/test: the app goes through a
        // transaction pooler; the test's own checks (and migrations) go
        // direct.
        if let Ok(bouncer) = std::env::var("HERALD_TEST_PGBOUNCER") {
            settings.database_url = format!("postgres://postgres@{bouncer}/{}", self.db_name);
            settings.database_direct_url = Some(self.database_url.clone());
            settings.db_pooler = herald_domain::db::Pooler::Transaction;
        }
        settings.amqp_url = AMQP_URL.to_owned();
        settings.http_addr = "127.0.0.1:0".to_owned();
        settings.metrics_addr = "127.0.0.1:0".to_owned();
        settings.public_url = None;
        settings.amqp_prefix = self.prefix.clone();
        settings.batch_size = 100;
        settings.batch_linger_ms = 20;
        settings.prefetch = 400;
        // Generous: the whole suite shares two cores, and a slow confirm or
        // query must not turn into a 503 (tests of timeouts set their own).
        settings.publish_timeout_ms = 10_000;
        settings.db_timeout_ms = 10_000;
        settings.read_your_write_ms = 10_000;
        settings.cache_reload_seconds = 60;
        settings.drain_seconds = 0;
        settings.status_retry_ms = 300;
        settings.callback_retry_seconds = 1;
        settings
    }

    pub fn topology(&self) -> Topology {
        self.settings().topology()
    }

    /// Environment for a `herald` child process using this env.
    pub fn child_env(&self, settings: &Settings) -> Vec<(&'static str, String)> {
        vec![
            ("DATABASE_URL", settings.database_url.clone()),
            (
                "DATABASE_DIRECT_URL",
                settings.database_direct_url.clone().unwrap_or_default(),
            ),
            (
                "HERALD_DB_POOLER",
                match settings.db_pooler {
                    herald_domain::db::Pooler::None => "none",
                    herald_domain::db::Pooler::Transaction => "transaction",
                }
                .to_owned(),
            ),
            ("AMQP_URL", settings.amqp_url.clone()),
            ("HERALD_AMQP_PREFIX", settings.amqp_prefix.clone()),
            ("HERALD_HTTP_ADDR", "127.0.0.1:0".to_owned()),
            ("HERALD_METRICS_ADDR", String::new()),
            ("HERALD_BATCH_SIZE", settings.batch_size.to_string()),
            (
                "HERALD_BATCH_LINGER_MS",
                settings.batch_linger_ms.to_string(),
            ),
            ("HERALD_PREFETCH", settings.prefetch.to_string()),
            ("RUST_LOG", "warn".to_owned()),
        ]
    }

    /// Runs `herald admin …` and returns its JSON output.
    pub async fn admin(&self, args: &[&str]) -> Value {
        let settings = self.settings();
        let output = tokio::process::Command::new(herald_bin())
            .arg("admin")
            .args(args)
            .envs(self.child_env(&settings))
            .stdin(Stdio::null())
            .output()
            .await
            .expect("run herald admin");
        assert!(
            output.status.success(),
            "herald admin {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice(&output.stdout).expect("admin prints JSON")
    }

    /// Runs `herald admin …` expecting it to fail; returns its stderr.
    pub async fn admin_fails(&self, args: &[&str]) -> String {
        let output = tokio::process::Command::new(herald_bin())
            .arg("admin")
            .args(args)
            .envs(self.child_env(&self.settings()))
            .stdin(Stdio::null())
            .output()
            .await
            .expect("run herald admin");
        assert!(
            !output.status.success(),
            "herald admin {args:?} succeeded: {}",
            String::from_utf8_lossy(&output.stdout)
        );
        assert!(
            output.stdout.is_empty(),
            "a failed admin command printed JSON"
        );
        String::from_utf8_lossy(&output.stderr).into_owned()
    }

    /// A service with a key of each type and an email and an SMS template.
    pub async fn fixture(&self) -> Fixture {
        self.fixture_named("Test service").await
    }

    /// A service (names are unique) with a key of each type, an email and
    /// an SMS template.
    pub async fn fixture_named(&self, name: &str) -> Fixture {
        let service = self.admin(&["create-service", "--name", name]).await;
        let service_id = service["id"].as_str().expect("id").to_owned();
        // Load tests send far more than Notify's 3,000 a minute; the limit
        // tests set their own.
        self.admin(&[
            "set-limits",
            "--service-id",
            &service_id,
            "--rate-limit",
            "10000000",
        ])
        .await;
        let mut keys = Vec::new();
        for key_type in ["normal", "team", "test"] {
            let key = self
                .admin(&[
                    "create-api-key",
                    "--service-id",
                    &service_id,
                    "--name",
                    key_type,
                    "--key-type",
                    key_type,
                ])
                .await;
            keys.push(key["key"].as_str().expect("key").to_owned());
        }
        let email = self
            .admin(&[
                "create-template",
                "--service-id",
                &service_id,
                "--type",
                "email",
                "--name",
                "Welcome",
                "--subject",
                "Hello ((name))",
                "--body",
                "Dear ((name)),\n\nYour code is ((code)).",
            ])
            .await;
        let sms = self
            .admin(&[
                "create-template",
                "--service-id",
                &service_id,
                "--type",
                "sms",
                "--name",
                "Code",
                "--body",
                "Your code is ((code))",
            ])
            .await;
        let [normal_key, team_key, test_key] = <[String; 3]>::try_from(keys).expect("three keys");
        Fixture {
            service_id,
            normal_key,
            team_key,
            test_key,
            email_template: email["id"].as_str().expect("id").to_owned(),
            sms_template: sms["id"].as_str().expect("id").to_owned(),
        }
    }

    /// The next message on `queue` (which may not be declared yet), taken
    /// off it; fails the test after `within`.
    pub async fn next_message(&self, queue: &str, within: Duration) -> Vec<u8> {
        let connection = herald_domain::broker::connect(AMQP_URL, "test-get")
            .await
            .expect("connect");
        let deadline = tokio::time::Instant::now() + within;
        let data = loop {
            // A get from an undeclared queue closes the channel: a fresh
            // channel per try.
            let channel = connection.create_channel().await.expect("channel");
            let got = channel
                .basic_get(
                    queue.into(),
                    lapin::options::BasicGetOptions { no_ack: true },
                )
                .await;
            if let Ok(Some(message)) = got {
                break message.delivery.data;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "nothing arrived on {queue} within {within:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        let _ = connection.close(200, "done".into()).await;
        data
    }

    pub async fn query<T, F>(&self, f: F) -> T
    where
        T: Send + 'static,
        F: FnOnce(&mut PgConnection) -> T + Send + 'static,
    {
        let url = self.database_url.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = PgConnection::establish(&url).expect("connect to test database");
            f(&mut conn)
        })
        .await
        .expect("query thread")
    }

    /// Notification ids in the table, sorted.
    pub async fn stored_ids(&self) -> Vec<Uuid> {
        use herald_domain::schema::notifications::dsl::*;
        self.query(|conn| {
            notifications
                .select(id)
                .order(id)
                .load::<Uuid>(conn)
                .expect("select ids")
        })
        .await
    }

    /// How many of `ids` are in `status`.
    pub async fn count_in_status(&self, status: &'static str, ids: &[Uuid]) -> usize {
        use herald_domain::schema::notifications::dsl;
        let ids = ids.to_vec();
        let count: i64 = self
            .query(move |conn| {
                dsl::notifications
                    .filter(dsl::id.eq_any(ids))
                    .filter(dsl::status.eq(status))
                    .count()
                    .get_result(conn)
                    .expect("count")
            })
            .await;
        usize::try_from(count).unwrap_or_default()
    }

    /// Waits until every one of `ids` is in `status`, failing the test after
    /// `within`.
    pub async fn wait_until_all_in(&self, status: &'static str, ids: &[Uuid], within: Duration) {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let done = self.count_in_status(status, ids).await;
            if done == ids.len() {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "only {done} of {} reached {status}",
                ids.len()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until `expected` rows are stored (or the timeout), returning
    /// what is there.
    pub async fn wait_for_rows(&self, expected: usize, within: Duration) -> Vec<Uuid> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let ids = self.stored_ids().await;
            if ids.len() >= expected || tokio::time::Instant::now() >= deadline {
                return ids;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for TestEnv {
    fn drop(&mut self) {
        let db_name = self.db_name.clone();
        // Clean up on a thread of its own: Drop may run inside a runtime.
        let cleanup = std::thread::spawn(move || sweep::remove(&db_name));
        let _ = cleanup.join();
    }
}

pub struct Fixture {
    pub service_id: String,
    pub normal_key: String,
    pub team_key: String,
    pub test_key: String,
    pub email_template: String,
    pub sms_template: String,
}

/// A Notify bearer token for a key, as the official clients make it.
/// A sample's value on the `/metrics` page at `address` (0 when absent);
/// `name` includes any labels, as printed.
pub async fn metric(address: &str, name: &str) -> f64 {
    let page = reqwest::get(format!("{address}/metrics"))
        .await
        .expect("metrics")
        .text()
        .await
        .expect("text");
    page.lines()
        .find_map(|line| line.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or_default()
}

pub fn token(key: &str) -> String {
    token_at(key, chrono::Utc::now().timestamp())
}

pub fn token_at(key: &str, iat: i64) -> String {
    let service_id = &key[key.len() - 73..key.len() - 37];
    let secret = &key[key.len() - 36..];
    jsonwebtoken::encode(
        &Header::new(jsonwebtoken::Algorithm::HS256),
        &serde_json::json!({"iss": service_id, "iat": iat}),
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("sign token")
}

/// A running API (and, by default, worker) over a [`TestEnv`].
pub struct TestApp {
    pub env: TestEnv,
    pub fixture: Fixture,
    pub address: String,
    pub metrics_address: String,
    pub client: reqwest::Client,
    stop: CancellationToken,
    tasks: Vec<JoinHandle<()>>,
}

pub struct Options {
    pub worker: bool,
    /// Overrides applied to the settings of the API and the worker.
    pub tweak: fn(&mut Settings),
}

impl Default for Options {
    fn default() -> Self {
        Options {
            worker: true,
            tweak: |_| {},
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options::default()).await
}

pub async fn spawn_app_with(options: Options) -> TestApp {
    let env = TestEnv::new().await;
    let fixture = env.fixture().await;
    let mut settings = env.settings();
    (options.tweak)(&mut settings);
    serve(env, fixture, &settings, options.worker).await
}

/// Serves the API (and optionally the worker) for `env` with `settings`.
pub async fn serve(env: TestEnv, fixture: Fixture, settings: &Settings, worker: bool) -> TestApp {
    let metrics = Metrics::new().expect("metrics");
    let health = Health::new();
    let stop = CancellationToken::new();
    let mut tasks = Vec::new();
    if worker {
        let worker = Worker::start(settings, metrics.clone(), health.clone())
            .await
            .expect("start worker");
        let stop = stop.clone();
        tasks.push(tokio::spawn(async move {
            worker
                .run_until(stop.cancelled_owned())
                .await
                .expect("worker stops cleanly");
        }));
    }
    let app = Application::build(settings, metrics, health)
        .await
        .expect("build app");
    let address = format!("http://127.0.0.1:{}", app.port());
    let metrics_address = format!(
        "http://127.0.0.1:{}",
        app.metrics_port().unwrap_or_default()
    );
    {
        let stop = stop.clone();
        tasks.push(tokio::spawn(async move {
            app.run_until(stop.cancelled_owned())
                .await
                .expect("api stops cleanly");
        }));
    }
    let test_app = TestApp {
        env,
        fixture,
        address,
        metrics_address,
        client: reqwest::Client::new(),
        stop,
        tasks,
    };
    test_app.wait_until_ready().await;
    test_app
}

impl TestApp {
    pub async fn wait_until_ready(&self) {
        wait_for_200(
            &self.client,
            &format!("{}/readyz", self.address),
            Duration::from_secs(20),
        )
        .await;
    }

    pub async fn post(&self, path: &str, key: &str, body: &Value) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.address))
            .bearer_auth(token(key))
            .json(body)
            .send()
            .await
            .expect("request")
    }

    pub async fn get(&self, path: &str, key: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .bearer_auth(token(key))
            .send()
            .await
            .expect("request")
    }

    pub fn email_body(&self, to: &str) -> Value {
        serde_json::json!({
            "email_address": to,
            "template_id": self.fixture.email_template,
            "personalisation": {"name": "Ann", "code": "1234"},
        })
    }

    pub fn sms_body(&self, to: &str) -> Value {
        serde_json::json!({
            "phone_number": to,
            "template_id": self.fixture.sms_template,
            "personalisation": {"code": "1234"},
        })
    }

    /// Gives the fixture service a contact link (needed to send files) and
    /// waits for the API's cache to hear of it.
    pub async fn set_contact_link(&self) {
        self.env
            .admin(&[
                "set-contact-link",
                "--service-id",
                &self.fixture.service_id,
                "--link",
                "https://example.org/contact",
            ])
            .await;
        // No endpoint shows the cached service: leave the change event
        // ample time, on a machine the whole suite shares.
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    }

    /// Sends an email with the normal key and returns the 201 body.
    pub async fn send_email(&self) -> Value {
        self.send_email_with(
            &self.fixture.normal_key,
            &self.email_body("someone@example.com"),
        )
        .await
    }

    /// POSTs `body` to /v2/notifications/email with `key`, asserts 201 and
    /// returns the 201 body.
    pub async fn send_email_with(&self, key: &str, body: &Value) -> Value {
        let response = self.post("/v2/notifications/email", key, body).await;
        assert_eq!(response.status(), 201, "send with {body}");
        response.json().await.expect("json")
    }

    /// Stops the API and worker gracefully.
    pub async fn stop(mut self) -> TestEnv {
        self.stop.cancel();
        for task in self.tasks.drain(..) {
            task.await.expect("task");
        }
        let TestApp { env, .. } = self;
        sweep::delete_queues(&env.topology().all_queues()).await;
        env
    }
}

/// Asserts a v2 error body: status and the (error, message) pairs.
pub async fn assert_error(response: reqwest::Response, status: u16, expected: &[(&str, &str)]) {
    assert_eq!(response.status().as_u16(), status);
    let body: Value = response.json().await.expect("json error body");
    assert_eq!(body["status_code"], status, "{body}");
    let errors: Vec<(String, String)> = body["errors"]
        .as_array()
        .expect("errors array")
        .iter()
        .map(|e| {
            (
                e["error"].as_str().unwrap_or_default().to_owned(),
                e["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(e, m)| ((*e).to_owned(), (*m).to_owned()))
        .collect();
    assert_eq!(errors, expected, "{body}");
}
