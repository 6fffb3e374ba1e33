//! Herald's configuration: one typed struct, read from environment variables.
//!
//! Every field can also be given as a command-line flag (`herald --help`
//! lists them with their variables and defaults). The README's
//! "Configuration" table mirrors this file.
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | `DATABASE_URL` | `postgres://postgres@127.0.0.1:5432/herald` | PostgreSQL (directly or through PgBouncer) |
//! | `DATABASE_DIRECT_URL` | unset (= `DATABASE_URL`) | PostgreSQL without a transaction pooler, for `herald migrate` (it holds a session advisory lock) |
//! | `HERALD_DB_POOLER` | `none` | `transaction` behind a transaction pooler (PgBouncer `pool_mode = transaction`, any version): no prepared-statement cache, `SET LOCAL statement_timeout` per transaction |
//! | `AMQP_URL` | `amqp://guest:guest@127.0.0.1:5672/%2f` | RabbitMQ; several nodes comma-separated (`amqp://u:p@n1:5672/%2f,amqp://u:p@n2:5672/%2f`): the first that answers, the next one when it is lost |
//! | `HERALD_QUORUM_INITIAL_GROUP_SIZE` | `3` | replicas of each quorum queue when it is first declared (`x-quorum-initial-group-size`; capped by the cluster's size) |
//! | `HERALD_HTTP_ADDR` | `127.0.0.1:8080` | API listen address (port 0 picks a free port) |
//! | `HERALD_METRICS_ADDR` | `127.0.0.1:9090` | Prometheus `/metrics` (and the worker's probes) |
//! | `HERALD_PUBLIC_URL` | `http://<HERALD_HTTP_ADDR>/` | base of the `uri` fields in responses |
//! | `HERALD_AMQP_PREFIX` | `herald` | prefix of every exchange and queue name |
//! | `HERALD_BATCH_SIZE` | `500` | notifications per persist transaction (at most) |
//! | `HERALD_BATCH_LINGER_MS` | `50` | how long a batch waits to fill after its first message |
//! | `HERALD_PREFETCH` | `1000` | unacked messages the broker may push to one consumer |
//! | `HERALD_PUBLISH_TIMEOUT_MS` | `5000` | how long a POST waits for the broker's confirm before 503 |
//! | `HERALD_HTTP_HEADER_TIMEOUT_MS` | `5000` | a request's head (line and headers) must arrive within this; 408 after |
//! | `HERALD_HTTP_BODY_TIMEOUT_MS` | `15000` | a request's whole body must arrive within this once read; 408 after |
//! | `HERALD_HTTP_REQUEST_TIMEOUT_MS` | `30000` | a request may take this long in all; 408 after |
//! | `HERALD_HTTP_MAX_CONNECTIONS` | `1024` | open HTTP connections per API process (rounded up to a multiple of the CPUs); more wait in the backlog |
//! | `HERALD_PUBLISH_GROUP_SIZE` | `100` | accepted notifications packed into one broker message at most (1 = no packing) |
//! | `HERALD_PUBLISH_GROUP_WAIT_MS` | `5` | how long a group may wait for the previous one's confirm before it is published anyway |
//! | `HERALD_BULK_MAX_ROWS` | `50000` | rows (after the header) one `POST /v2/notifications/bulk` may hold (GC Notify's `CSV_MAX_ROWS`) |
//! | `HERALD_DB_TIMEOUT_MS` | `2000` | deadline of any database call made on behalf of an HTTP request |
//! | `HERALD_DB_POOL_SIZE` | `4` | PostgreSQL connections per process (API and worker) |
//! | `HERALD_CACHE_RELOAD_SECONDS` | `60` | full reload of services, keys and templates (safety net) |
//! | `HERALD_READ_YOUR_WRITE_MS` | `3000` | how long GET by id waits for a young notification to be persisted |
//! | `HERALD_BROKER_GRACE_SECONDS` | `10` | broker down, or publishes unconfirmed, this long before readiness drops |
//! | `HERALD_DB_CHECK_SECONDS` | `5` | period of the background database check (metrics, `/_status`) |
//! | `HERALD_STATUS_BATCH_SIZE` | `1000` | status events per transaction (at most; prefetch is twice this) |
//! | `HERALD_STATUS_CONSUMERS` | `2` | status consumer loops per worker process (one commits while another gathers) |
//! | `HERALD_STATUS_RETRY_MS` | `5000` | retry delay of a status event whose notification is not stored yet |
//! | `HERALD_STATUS_MAX_AGE_SECONDS` | `3600` | such an event is parked (and counted) after this long |
//! | `HERALD_CALLBACK_RETRY_SECONDS` | `300` | delay between tries of a failed client callback |
//! | `HERALD_CALLBACK_MAX_ATTEMPTS` | `5` | tries before a callback is parked |
//! | `HERALD_SENDING_TIMEOUT_HOURS` | `72` | `sending` this long becomes `temporary-failure` |
//! | `HERALD_CONSUMERS` | `persist,deliver,letters,inbound,status,callbacks,documents,timeouts` | the consumers `herald worker` runs (`deliver`: each type's single-send and bulk lanes; `persist` also folds jobs' counters and releases scheduled sends) |
//! | `HERALD_DRAIN_SECONDS` | `5` | API drain window after SIGTERM (readiness 503, still serving) |
//! | `HERALD_EMAIL_FROM_DOMAIN` | `notifications.example.org` | domain of `content.from_email` |
//! | `HERALD_EMAIL_PROVIDER` | `none` | `ses` (Amazon SES v2) or `none` (normal/team-key emails fail as `technical-failure`) |
//! | `HERALD_SMS_PROVIDER` | `none` | `sns` (Amazon SNS SMS) or `none` (likewise for texts) |
//! | `HERALD_AWS_ENDPOINT_URL` | unset | endpoint of SES and SNS, for a local emulator (moto); unset = AWS |
//! | `HERALD_SES_CONFIGURATION_SET` | unset | SES configuration set whose SNS event destination sends receipts |
//! | `HERALD_EMAIL_SEND_RATE` | `14` | emails per second handed to SES, per worker process (0 = unpaced) |
//! | `HERALD_SMS_SEND_RATE` | `20` | texts per second handed to SNS, per worker process (0 = unpaced) |
//! | `HERALD_SES_SNS_TOPIC_ARNS` | empty | SNS topics whose SES receipts `POST /notifications/email/ses` accepts (empty: none) |
//! | `HERALD_INBOUND_SMS_SNS_TOPIC_ARNS` | empty | SNS topics whose inbound texts (AWS End User Messaging two-way SMS) `POST /notifications/sms/inbound/sns` accepts (empty: none) |
//! | `HERALD_SNS_INSECURE_TEST_CERTS` | unset | **tests only**: `URL=PEM-file,…` certificates trusted instead of fetching from AWS |
//!
//! AWS region and credentials come from the standard AWS chain (`AWS_REGION`,
//! `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, profiles, web identity (IRSA
//! in Kubernetes), ECS/EC2 metadata).

use std::time::Duration;

use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct Settings {
    /// PostgreSQL connection URL.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/herald"
    )]
    pub database_url: String,

    /// PostgreSQL URL that bypasses any transaction pooler, for work that
    /// needs a session (`herald migrate`); unset = DATABASE_URL.
    #[arg(long, env = "DATABASE_DIRECT_URL")]
    pub database_direct_url: Option<String>,

    /// What DATABASE_URL points at: `none` (PostgreSQL, or a session
    /// pooler) or `transaction` (a transaction pooler such as PgBouncer in
    /// `pool_mode = transaction`).
    #[arg(long, env = "HERALD_DB_POOLER", value_enum, default_value = "none")]
    pub db_pooler: crate::db::Pooler,

    /// RabbitMQ connection URL; several nodes comma-separated (tried in
    /// order, the next one on a lost connection).
    #[arg(
        long,
        env = "AMQP_URL",
        default_value = "amqp://guest:guest@127.0.0.1:5672/%2f"
    )]
    pub amqp_url: String,

    /// Address the HTTP API listens on.
    #[arg(long, env = "HERALD_HTTP_ADDR", default_value = "127.0.0.1:8080")]
    pub http_addr: String,

    /// Address of the Prometheus metrics endpoint (empty to disable).
    #[arg(long, env = "HERALD_METRICS_ADDR", default_value = "127.0.0.1:9090")]
    pub metrics_addr: String,

    /// Base URL used in the `uri` fields of responses (defaults to http://<bound address>/).
    #[arg(long, env = "HERALD_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Prefix of every RabbitMQ exchange and queue name.
    #[arg(long, env = "HERALD_AMQP_PREFIX", default_value = "herald")]
    pub amqp_prefix: String,

    /// Replicas of each quorum queue when first declared
    /// (`x-quorum-initial-group-size`; RabbitMQ caps it at the cluster size).
    #[arg(long, env = "HERALD_QUORUM_INITIAL_GROUP_SIZE", default_value_t = 3)]
    pub quorum_initial_group_size: u16,

    /// Maximum notifications written in one persist transaction.
    #[arg(long, env = "HERALD_BATCH_SIZE", default_value_t = 500)]
    pub batch_size: usize,

    /// Milliseconds a batch waits to fill after its first message.
    #[arg(long, env = "HERALD_BATCH_LINGER_MS", default_value_t = 50)]
    pub batch_linger_ms: u64,

    /// Unacknowledged messages the broker may push to one consumer.
    #[arg(long, env = "HERALD_PREFETCH", default_value_t = 1000)]
    pub prefetch: u16,

    /// Milliseconds a POST waits for the broker's publisher confirm before answering 503.
    #[arg(long, env = "HERALD_PUBLISH_TIMEOUT_MS", default_value_t = 5000)]
    pub publish_timeout_ms: u64,

    /// Milliseconds a client has to send a request's head (request line and
    /// headers) once it connects or starts a request; 408 after.
    #[arg(long, env = "HERALD_HTTP_HEADER_TIMEOUT_MS", default_value_t = 5000)]
    pub http_header_timeout_ms: u64,

    /// Milliseconds a request's whole body has to arrive in, from the moment
    /// the API starts reading it; 408 after (a trickled body cannot hold a
    /// connection open).
    #[arg(long, env = "HERALD_HTTP_BODY_TIMEOUT_MS", default_value_t = 15000)]
    pub http_body_timeout_ms: u64,

    /// Milliseconds a request may take in all, body, broker and database
    /// included; 408 after. Above the body, publish and database deadlines.
    #[arg(long, env = "HERALD_HTTP_REQUEST_TIMEOUT_MS", default_value_t = 30000)]
    pub http_request_timeout_ms: u64,

    /// Open HTTP connections per API process, at most (rounded up to a
    /// multiple of the HTTP worker threads, one per CPU); connections beyond
    /// it wait in the listen backlog until one closes.
    #[arg(long, env = "HERALD_HTTP_MAX_CONNECTIONS", default_value_t = 1024)]
    pub http_max_connections: usize,

    /// Accepted notifications packed into one broker message at most. A
    /// POST joins the group that is filling; a group leaves when full, when
    /// no earlier group awaits its confirm, or after
    /// HERALD_PUBLISH_GROUP_WAIT_MS. 1 = every notification its own message.
    #[arg(long, env = "HERALD_PUBLISH_GROUP_SIZE", default_value_t = 100)]
    pub publish_group_size: usize,

    /// Milliseconds a group of accepted notifications may wait for the
    /// previous group's confirm before it is published anyway (a request
    /// arriving alone is published at once).
    #[arg(long, env = "HERALD_PUBLISH_GROUP_WAIT_MS", default_value_t = 5)]
    pub publish_group_wait_ms: u64,

    /// Rows (after the header) one POST /v2/notifications/bulk may hold
    /// (GC Notify's CSV_MAX_ROWS). The body may be up to 640 bytes a row.
    #[arg(long, env = "HERALD_BULK_MAX_ROWS", default_value_t = 50_000)]
    pub bulk_max_rows: usize,

    /// Deadline in milliseconds of any database call made for an HTTP request.
    #[arg(long, env = "HERALD_DB_TIMEOUT_MS", default_value_t = 2000)]
    pub db_timeout_ms: u64,

    /// PostgreSQL connections per process in the pool the API and the
    /// worker's loops share. A worker's status loops each hold one more
    /// connection of their own (see `HERALD_STATUS_CONSUMERS`).
    #[arg(long, env = "HERALD_DB_POOL_SIZE", default_value_t = 4)]
    pub db_pool_size: u32,

    /// Seconds between full reloads of the in-memory services/keys/templates cache.
    #[arg(long, env = "HERALD_CACHE_RELOAD_SECONDS", default_value_t = 60)]
    pub cache_reload_seconds: u64,

    /// Milliseconds GET /v2/notifications/{id} waits for a young notification to be persisted.
    #[arg(long, env = "HERALD_READ_YOUR_WRITE_MS", default_value_t = 3000)]
    pub read_your_write_ms: u64,

    /// Seconds the broker connection may be down, or its publishes keep
    /// failing (no confirm in time), before readiness drops.
    #[arg(long, env = "HERALD_BROKER_GRACE_SECONDS", default_value_t = 10)]
    pub broker_grace_seconds: u64,

    /// Seconds between background database health checks (metrics and /_status only).
    #[arg(long, env = "HERALD_DB_CHECK_SECONDS", default_value_t = 5)]
    pub db_check_seconds: u64,

    /// Status events applied per transaction (at most). Status events are
    /// small and come two or three per notification: larger batches than
    /// persist's.
    #[arg(long, env = "HERALD_STATUS_BATCH_SIZE", default_value_t = 1000)]
    pub status_batch_size: usize,

    /// Status consumer loops per worker process, each with its own channel
    /// and database connection.
    #[arg(long, env = "HERALD_STATUS_CONSUMERS", default_value_t = 2)]
    pub status_consumers: usize,

    /// Milliseconds before a status event whose notification is not stored yet is tried again.
    #[arg(long, env = "HERALD_STATUS_RETRY_MS", default_value_t = 5000)]
    pub status_retry_ms: u64,

    /// Seconds after which such a status event is parked instead of retried.
    #[arg(long, env = "HERALD_STATUS_MAX_AGE_SECONDS", default_value_t = 3600)]
    pub status_max_age_seconds: u64,

    /// Seconds between tries of a failed client callback (Notify: 300).
    #[arg(long, env = "HERALD_CALLBACK_RETRY_SECONDS", default_value_t = 300)]
    pub callback_retry_seconds: u64,

    /// Tries of a client callback before it is parked (Notify: 5).
    #[arg(long, env = "HERALD_CALLBACK_MAX_ATTEMPTS", default_value_t = 5)]
    pub callback_max_attempts: u32,

    /// Hours after which a notification still `sending` becomes `temporary-failure` (Notify: 72).
    #[arg(long, env = "HERALD_SENDING_TIMEOUT_HOURS", default_value_t = 72)]
    pub sending_timeout_hours: u64,

    /// Which consumers `herald worker` runs (comma-separated): persist,
    /// deliver, letters, inbound, status, callbacks, documents, timeouts.
    /// Lets each role scale on its own queue as a separate Deployment.
    /// `deliver` runs each type's single-send and bulk lanes; `persist` also
    /// folds bulk jobs' counters and releases scheduled sends. An unknown
    /// name is an error at start.
    #[arg(
        long,
        env = "HERALD_CONSUMERS",
        value_enum,
        value_delimiter = ',',
        default_value = "persist,deliver,letters,inbound,status,callbacks,documents,timeouts"
    )]
    pub consumers: Vec<Consumer>,

    /// Seconds the API keeps serving after SIGTERM (readiness is 503 meanwhile).
    #[arg(long, env = "HERALD_DRAIN_SECONDS", default_value_t = 5)]
    pub drain_seconds: u64,

    /// Domain of the `from_email` shown in email responses.
    #[arg(
        long,
        env = "HERALD_EMAIL_FROM_DOMAIN",
        default_value = "notifications.example.org"
    )]
    pub email_from_domain: String,

    /// Email provider for normal and team keys: `ses` or `none`.
    #[arg(
        long,
        env = "HERALD_EMAIL_PROVIDER",
        value_enum,
        default_value = "none"
    )]
    pub email_provider: EmailProviderKind,

    /// SMS provider for normal and team keys: `sns` or `none`.
    #[arg(long, env = "HERALD_SMS_PROVIDER", value_enum, default_value = "none")]
    pub sms_provider: SmsProviderKind,

    /// Endpoint URL of SES and SNS (a local emulator such as moto); unset = AWS.
    #[arg(long, env = "HERALD_AWS_ENDPOINT_URL")]
    pub aws_endpoint_url: Option<String>,

    /// SES configuration set to send with (its SNS event destination delivers receipts).
    #[arg(long, env = "HERALD_SES_CONFIGURATION_SET")]
    pub ses_configuration_set: Option<String>,

    /// Emails per second handed to the email provider by one worker process (0 = unpaced).
    #[arg(long, env = "HERALD_EMAIL_SEND_RATE", default_value_t = 14.0)]
    pub email_send_rate: f64,

    /// Texts per second handed to the SMS provider by one worker process (0 = unpaced).
    #[arg(long, env = "HERALD_SMS_SEND_RATE", default_value_t = 20.0)]
    pub sms_send_rate: f64,

    /// SNS topic ARNs whose SES receipts the webhook accepts (comma-separated; empty = none).
    #[arg(long, env = "HERALD_SES_SNS_TOPIC_ARNS", value_delimiter = ',')]
    pub ses_sns_topic_arns: Vec<String>,

    /// SNS topic ARNs whose inbound text messages (AWS End User Messaging
    /// two-way SMS) the SMS webhook accepts (comma-separated; empty = none).
    #[arg(long, env = "HERALD_INBOUND_SMS_SNS_TOPIC_ARNS", value_delimiter = ',')]
    pub inbound_sms_sns_topic_arns: Vec<String>,

    /// TESTS ONLY: `URL=PEM-file` pairs (comma-separated). SNS messages whose
    /// SigningCertURL is one of these URLs are verified with that local
    /// certificate and nothing else is trusted; real AWS certificates are
    /// never fetched. Never set this in production.
    #[arg(long, env = "HERALD_SNS_INSECURE_TEST_CERTS")]
    pub sns_insecure_test_certs: Option<String>,
}

/// The consumers a worker process can run, each on its own queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Consumer {
    /// Accepted notifications → `notifications` rows.
    Persist,
    /// Accepted emails and texts → their provider (or the simulator).
    Deliver,
    /// Accepted letters → their PDF → dispatch.
    Letters,
    /// Received text messages → `received_texts`.
    Inbound,
    /// Status events → grouped status updates.
    Status,
    /// Callbacks → the services' endpoints.
    Callbacks,
    /// Files sent by email → the document store.
    Documents,
    /// `sending` for too long → `temporary-failure`.
    Timeouts,
}

/// Which email provider sends normal- and team-key emails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EmailProviderKind {
    /// None configured: such emails end `technical-failure`, saying so.
    None,
    /// Amazon SES (SESv2 SendEmail).
    Ses,
}

/// Which SMS provider sends normal- and team-key texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SmsProviderKind {
    /// None configured: such texts end `technical-failure`, saying so.
    None,
    /// Amazon SNS `Publish` to a phone number.
    Sns,
}

impl Settings {
    /// Settings from the environment only (no command-line flags), e.g. for tests.
    pub fn from_env() -> Self {
        #[derive(clap::Parser)]
        struct Wrapper {
            #[command(flatten)]
            settings: Settings,
        }
        <Wrapper as clap::Parser>::parse_from(["herald"]).settings
    }

    pub fn batch_linger(&self) -> Duration {
        Duration::from_millis(self.batch_linger_ms)
    }

    pub fn publish_timeout(&self) -> Duration {
        Duration::from_millis(self.publish_timeout_ms)
    }

    pub fn http_header_timeout(&self) -> Duration {
        Duration::from_millis(self.http_header_timeout_ms)
    }

    pub fn http_body_timeout(&self) -> Duration {
        Duration::from_millis(self.http_body_timeout_ms)
    }

    pub fn http_request_timeout(&self) -> Duration {
        Duration::from_millis(self.http_request_timeout_ms)
    }

    pub fn publish_group_wait(&self) -> Duration {
        Duration::from_millis(self.publish_group_wait_ms)
    }

    pub fn db_timeout(&self) -> Duration {
        Duration::from_millis(self.db_timeout_ms)
    }

    /// The broker topology these settings describe.
    pub fn topology(&self) -> crate::broker::Topology {
        crate::broker::Topology::new(&self.amqp_prefix)
            .with_quorum_initial_group_size(self.quorum_initial_group_size)
    }

    pub fn runs(&self, consumer: Consumer) -> bool {
        self.consumers.contains(&consumer)
    }

    pub fn broker_grace(&self) -> Duration {
        Duration::from_secs(self.broker_grace_seconds)
    }

    pub fn read_your_write(&self) -> Duration {
        Duration::from_millis(self.read_your_write_ms)
    }
}
