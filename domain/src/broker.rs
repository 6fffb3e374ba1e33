//! RabbitMQ: the topology every Herald process declares, and the connection
//! settings they share.
//!
//! ```text
//! <p>.notifications (topic) ──notification.*──▶ <p>.persist (quorum) ──▶ persist worker
//!                        ├─notification.email──▶ <p>.deliver.email ──▶ sender (SES)
//!                        ├─notification.sms────▶ <p>.deliver.sms   ──▶ sender (SMS provider)
//!                        └─notification.letter─▶ <p>.deliver.letter ──▶ letters worker (PDF, dispatch)
//! Bulk sends (POST /v2/notifications/bulk) take a lower-priority lane:
//!                        └─notification.bulk-<type>─▶ <p>.deliver.<type>.bulk ──▶ the same sender, which
//!                          prefers <p>.deliver.<type> (persist matches notification.* for both)
//! A precompiled letter: the message with its PDF straight to <p>.deliver.letter (default
//! exchange), the message without it as notification.precompiled-letter (persist only).
//! (default exchange) ──▶ <p>.status ──▶ status worker ──▶ <p>.callbacks ──▶ callback worker
//! (default exchange) ──▶ <p>.inbound ──▶ inbound worker (received texts) ──▶ <p>.callbacks
//!     <p>.status.retry: TTL, dead-letters back to <p>.status (notification not stored yet)
//!     <p>.status.simulated: TTL, dead-letters back to <p>.status (test keys' receipts, a second late)
//!     <p>.callbacks.retry: TTL, dead-letters back to <p>.callbacks (client endpoint failed)
//!     <p>.status.parked, <p>.callbacks.parked: gave up, kept for an operator to re-drive
//! <p>.dead (direct) ──<queue name>──▶ <queue>.dead (quorum): what a consumer could not process
//! <p>.changes (fanout) ──▶ one exclusive queue per API process: cache invalidation
//! ```
//!
//! Every name carries a prefix (`HERALD_AMQP_PREFIX`), so tests and several
//! deployments can share one broker.

use crate::messages::{StatusEvent, StatusMessage};
use lapin::options::{
    BasicPublishOptions, ConfirmSelectOptions, ExchangeDeclareOptions, QueueBindOptions,
    QueueDeclareOptions,
};
use lapin::types::{AMQPValue, FieldTable, LongString, ShortString};
use lapin::{
    BasicProperties, Channel, Confirmation, Connection, ConnectionProperties, ExchangeKind,
};

/// The routing key of a precompiled letter's message without its PDF: only
/// the persist queue (`notification.*`) matches it; the letters queue gets
/// the whole message directly.
pub const PRECOMPILED_LETTER_ROUTING_KEY: &str = "notification.precompiled-letter";

/// The types a bulk send may have (each has its own bulk lane).
pub const BULK_TYPES: &[crate::kinds::NotificationType] = &[
    crate::kinds::NotificationType::Email,
    crate::kinds::NotificationType::Sms,
];

/// The routing key of a bulk send's notifications: one word after
/// `notification.`, so the persist binding (`notification.*`) takes them as
/// it takes single sends, while only the type's bulk lane
/// ([`Topology::bulk_deliver_queue`]) delivers them.
pub fn bulk_routing_key(kind: crate::kinds::NotificationType) -> String {
    format!("notification.bulk-{kind}")
}

/// The routing key of a scheduled bulk send's notifications: only the
/// persist binding (`notification.*`) matches it, so they are stored at
/// once, while their delivery waits for the release (the worker then
/// publishes the held packs to the bulk lane directly).
pub fn scheduled_routing_key(kind: crate::kinds::NotificationType) -> String {
    format!("notification.scheduled-{kind}")
}

/// Redeliveries after which a quorum queue dead-letters a message that keeps
/// failing (e.g. one that crashes its consumer). Generous: worker restarts
/// and broker reconnects redeliver too.
const DELIVERY_LIMIT: i64 = 50;

/// Replicas of a quorum queue when first declared, unless configured.
pub const QUORUM_INITIAL_GROUP_SIZE: u16 = 3;

#[derive(Debug, Clone)]
pub struct Topology {
    prefix: String,
    quorum_initial_group_size: u16,
}

impl Topology {
    pub fn new(prefix: impl Into<String>) -> Self {
        Topology {
            prefix: prefix.into(),
            quorum_initial_group_size: QUORUM_INITIAL_GROUP_SIZE,
        }
    }

    /// Quorum queues first declared with this many replicas
    /// (`x-quorum-initial-group-size`; RabbitMQ caps it at the number of
    /// nodes, so 3 is right for one node too).
    pub fn with_quorum_initial_group_size(mut self, size: u16) -> Self {
        self.quorum_initial_group_size = size.max(1);
        self
    }

    pub fn deliver_queue(&self, kind: crate::kinds::NotificationType) -> String {
        format!("{}.deliver.{kind}", self.prefix)
    }

    /// The lower-priority lane of a type's bulk sends: the sender drains
    /// it only while the type's single-send queue leaves it room.
    pub fn bulk_deliver_queue(&self, kind: crate::kinds::NotificationType) -> String {
        format!("{}.deliver.{kind}.bulk", self.prefix)
    }

    pub fn status_queue(&self) -> String {
        format!("{}.status", self.prefix)
    }

    /// Files sent by email, on their way to the document store.
    pub fn documents_queue(&self) -> String {
        format!("{}.documents", self.prefix)
    }

    /// Received text messages, from the SMS webhook to the inbound worker.
    pub fn inbound_queue(&self) -> String {
        format!("{}.inbound", self.prefix)
    }

    pub fn callbacks_queue(&self) -> String {
        format!("{}.callbacks", self.prefix)
    }

    pub fn retry_queue_for(&self, queue: &str) -> String {
        format!("{queue}.retry")
    }

    /// Where the simulator's receipts wait their delay before the status
    /// queue: their own queue, so they never wait behind longer retries
    /// (messages expire in order).
    pub fn simulated_receipts_queue(&self) -> String {
        format!("{}.simulated", self.status_queue())
    }

    pub fn parked_queue_for(&self, queue: &str) -> String {
        format!("{queue}.parked")
    }

    /// Every queue this topology declares (for tests and cleanup).
    pub fn all_queues(&self) -> Vec<String> {
        let mut queues = Vec::new();
        let work = [
            self.persist_queue(),
            self.deliver_queue(crate::kinds::NotificationType::Email),
            self.deliver_queue(crate::kinds::NotificationType::Sms),
            self.deliver_queue(crate::kinds::NotificationType::Letter),
            self.bulk_deliver_queue(crate::kinds::NotificationType::Email),
            self.bulk_deliver_queue(crate::kinds::NotificationType::Sms),
            self.status_queue(),
            self.callbacks_queue(),
            self.documents_queue(),
            self.inbound_queue(),
        ];
        for queue in work {
            queues.push(self.dead_queue_for(&queue));
            queues.push(queue);
        }
        for queue in self.queues_with_parking() {
            queues.push(self.retry_queue_for(&queue));
            queues.push(self.parked_queue_for(&queue));
        }
        queues.push(self.simulated_receipts_queue());
        queues.push(self.canary_queue());
        queues
    }

    /// The queues whose consumer retries later and finally parks what it
    /// gives up on.
    fn queues_with_parking(&self) -> [String; 2] {
        [self.status_queue(), self.callbacks_queue()]
    }

    /// Where a work queue's messages go when they cannot be processed: its
    /// dead-letter queue, and its parking queue if it has one. Declared with
    /// it.
    pub fn holding_queues_for(&self, queue: &str) -> Vec<String> {
        let mut held = vec![self.dead_queue_for(queue)];
        if self.queues_with_parking().iter().any(|q| q == queue) {
            held.push(self.parked_queue_for(queue));
        }
        held
    }

    /// The name prefix; also part of each connection's name, so an operator
    /// (or a test) can tell deployments apart on a shared broker.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    pub fn notifications_exchange(&self) -> String {
        format!("{}.notifications", self.prefix)
    }

    pub fn persist_queue(&self) -> String {
        format!("{}.persist", self.prefix)
    }

    pub fn dead_exchange(&self) -> String {
        format!("{}.dead", self.prefix)
    }

    pub fn dead_queue_for(&self, queue: &str) -> String {
        format!("{queue}.dead")
    }

    pub fn changes_exchange(&self) -> String {
        format!("{}.changes", self.prefix)
    }

    /// A quorum queue holding at most one message, which no one consumes:
    /// an API whose publishes fail publishes canaries to it, and a confirm
    /// says the broker (a majority of its nodes) takes messages again.
    pub fn canary_queue(&self) -> String {
        format!("{}.canary", self.prefix)
    }

    /// Declares exchanges, queues and bindings (idempotent), on a channel
    /// of its own. A quorum queue that exists already is left as it is: its
    /// replica count is only chosen when it is created
    /// (`x-quorum-initial-group-size`), and redeclaring a queue created
    /// without that argument with it would be refused.
    pub async fn declare(&self, connection: &Connection) -> lapin::Result<()> {
        let mut declarer = Declarer {
            connection,
            channel: connection.create_channel().await?,
        };
        let durable = ExchangeDeclareOptions {
            durable: true,
            ..ExchangeDeclareOptions::default()
        };
        for (exchange, kind) in [
            (self.notifications_exchange(), ExchangeKind::Topic),
            (self.dead_exchange(), ExchangeKind::Direct),
            (self.changes_exchange(), ExchangeKind::Fanout),
        ] {
            declarer
                .channel
                .exchange_declare(exchange.into(), kind, durable, FieldTable::default())
                .await?;
        }

        let persist = self.persist_queue();
        self.declare_work_queue(&mut declarer, &persist).await?;
        self.bind(&declarer.channel, &persist, "notification.*")
            .await?;
        for &kind in crate::kinds::NotificationType::ALL {
            let deliver = self.deliver_queue(kind);
            self.declare_work_queue(&mut declarer, &deliver).await?;
            self.bind(&declarer.channel, &deliver, &format!("notification.{kind}"))
                .await?;
        }
        for &kind in BULK_TYPES {
            let bulk = self.bulk_deliver_queue(kind);
            self.declare_work_queue(&mut declarer, &bulk).await?;
            self.bind(&declarer.channel, &bulk, &bulk_routing_key(kind))
                .await?;
        }
        let status = self.status_queue();
        self.declare_work_queue(&mut declarer, &status).await?;
        self.declare_retry_queues(&mut declarer, &status).await?;
        self.declare_delay_queue(&mut declarer, &self.simulated_receipts_queue(), &status)
            .await?;
        self.declare_work_queue(&mut declarer, &self.documents_queue())
            .await?;
        self.declare_work_queue(&mut declarer, &self.inbound_queue())
            .await?;
        let callbacks = self.callbacks_queue();
        self.declare_work_queue(&mut declarer, &callbacks).await?;
        self.declare_retry_queues(&mut declarer, &callbacks).await?;
        let mut canary = self.quorum_args();
        canary.insert("x-max-length".into(), AMQPValue::LongLongInt(1));
        canary.insert("x-overflow".into(), long_string("drop-head"));
        declarer.quorum_queue(&self.canary_queue(), canary).await?;
        let _ = declarer.channel.close(200, "declared".into()).await;
        Ok(())
    }

    async fn bind(&self, channel: &Channel, queue: &str, key: &str) -> lapin::Result<()> {
        channel
            .queue_bind(
                queue.into(),
                self.notifications_exchange().into(),
                key.into(),
                QueueBindOptions::default(),
                FieldTable::default(),
            )
            .await
    }

    /// A retry queue (a delay queue back into `queue`) and a parking queue.
    async fn declare_retry_queues(
        &self,
        declarer: &mut Declarer<'_>,
        queue: &str,
    ) -> lapin::Result<()> {
        self.declare_delay_queue(declarer, &self.retry_queue_for(queue), queue)
            .await?;
        declarer
            .quorum_queue(&self.parked_queue_for(queue), self.quorum_args())
            .await
    }

    /// A delay queue whose messages, published with a per-message TTL
    /// (`expiration`, see [`publish_many_confirmed`]), expire into `target`
    /// through the default exchange. The delay is not a queue argument, so
    /// changing it never needs a redeclare.
    async fn declare_delay_queue(
        &self,
        declarer: &mut Declarer<'_>,
        delay: &str,
        target: &str,
    ) -> lapin::Result<()> {
        let mut args = self.quorum_args();
        args.insert("x-dead-letter-exchange".into(), long_string(""));
        args.insert("x-dead-letter-routing-key".into(), long_string(target));
        // Quorum queues dead-letter at most once unless told otherwise.
        args.insert(
            "x-dead-letter-strategy".into(),
            long_string("at-least-once"),
        );
        args.insert("x-overflow".into(), long_string("reject-publish"));
        declarer.quorum_queue(delay, args).await
    }

    /// A durable quorum queue with its dead-letter queue beside it.
    async fn declare_work_queue(
        &self,
        declarer: &mut Declarer<'_>,
        queue: &str,
    ) -> lapin::Result<()> {
        let dead = self.dead_queue_for(queue);
        declarer.quorum_queue(&dead, self.quorum_args()).await?;
        declarer
            .channel
            .queue_bind(
                dead.into(),
                self.dead_exchange().into(),
                queue.into(),
                QueueBindOptions::default(),
                FieldTable::default(),
            )
            .await?;

        let mut args = self.quorum_args();
        args.insert(
            "x-dead-letter-exchange".into(),
            long_string(&self.dead_exchange()),
        );
        args.insert("x-dead-letter-routing-key".into(), long_string(queue));
        args.insert(
            "x-delivery-limit".into(),
            AMQPValue::LongLongInt(DELIVERY_LIMIT),
        );
        declarer.quorum_queue(queue, args).await
    }
}

/// Declares on one channel, replacing it when the broker closes it.
struct Declarer<'a> {
    connection: &'a Connection,
    channel: Channel,
}

impl Declarer<'_> {
    /// Creates the quorum queue `name` with `args`, or keeps it as it is if it
    /// exists. A queue created before its arguments changed (an older Herald
    /// without `x-quorum-initial-group-size`) refuses the redeclaration with
    /// PRECONDITION_FAILED, closing the channel: then a passive declare on a
    /// fresh channel checks that it exists. Declaring first means a new queue
    /// (the usual case) closes no channel, so no error is logged for it.
    async fn quorum_queue(&mut self, name: &str, args: FieldTable) -> lapin::Result<()> {
        if self
            .channel
            .queue_declare(name.into(), durable_queue(), args)
            .await
            .is_ok()
        {
            return Ok(());
        }
        self.channel = self.connection.create_channel().await?;
        let passive = QueueDeclareOptions {
            passive: true,
            ..QueueDeclareOptions::default()
        };
        self.channel
            .queue_declare(name.into(), passive, FieldTable::default())
            .await
            .map(|_| ())
    }
}

fn durable_queue() -> QueueDeclareOptions {
    QueueDeclareOptions {
        durable: true,
        ..QueueDeclareOptions::default()
    }
}

impl Topology {
    fn quorum_args(&self) -> FieldTable {
        let mut args = FieldTable::default();
        args.insert("x-queue-type".into(), long_string("quorum"));
        args.insert(
            "x-quorum-initial-group-size".into(),
            AMQPValue::LongLongInt(i64::from(self.quorum_initial_group_size)),
        );
        args
    }
}

pub fn long_string(s: &str) -> AMQPValue {
    AMQPValue::LongString(LongString::from(s))
}

/// How long one node may take to accept a connection before the next is
/// tried.
const NODE_CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// The node a process connects to first: the last one that answered. A
/// lost connection is followed by a new `connect`, which tries that node
/// and then the others in order.
static PREFERRED_NODE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// The node URLs of `AMQP_URL`: one, or several comma-separated (the nodes
/// of one cluster).
pub fn node_urls(url: &str) -> Vec<&str> {
    url.split(',')
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .collect()
}

/// Connects to the first node of `url` (comma-separated nodes) that
/// answers, starting with the one that answered last, with a name that
/// shows in the management UI and a short heartbeat, so a dead broker is
/// noticed within seconds.
pub async fn connect(url: &str, name: &str) -> lapin::Result<Connection> {
    use std::sync::atomic::Ordering;
    let nodes = node_urls(url);
    let Some(&only) = nodes.first() else {
        return connect_node(url, name).await;
    };
    if nodes.len() == 1 {
        return connect_node(only, name).await;
    }
    let start = PREFERRED_NODE.load(Ordering::Relaxed) % nodes.len();
    let mut last_error = None;
    for offset in 0..nodes.len() {
        let index = (start + offset) % nodes.len();
        let Some(node) = nodes.get(index) else {
            continue;
        };
        let attempt = tokio::time::timeout(NODE_CONNECT_TIMEOUT, connect_node(node, name)).await;
        match attempt {
            Ok(Ok(connection)) => {
                PREFERRED_NODE.store(index, Ordering::Relaxed);
                return Ok(connection);
            }
            Ok(Err(error)) => {
                tracing::warn!(node = index, %error, "broker node did not answer; trying the next");
                last_error = Some(error);
            }
            Err(_) => {
                tracing::warn!(
                    node = index,
                    "broker node did not answer in time; trying the next"
                );
                last_error = Some(lapin::Error::from(lapin::ErrorKind::IOError(
                    std::sync::Arc::new(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        "connection timed out",
                    )),
                )));
            }
        }
    }
    match last_error {
        Some(error) => Err(error),
        None => connect_node(only, name).await,
    }
}

async fn connect_node(url: &str, name: &str) -> lapin::Result<Connection> {
    let url = if url.contains("heartbeat=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&heartbeat=10")
    } else {
        format!("{url}?heartbeat=10")
    };
    let properties = ConnectionProperties::default().with_connection_name(name.into());
    Connection::connect(&url, properties).await
}

/// A channel in publisher-confirm mode.
pub async fn confirm_channel(connection: &Connection) -> lapin::Result<Channel> {
    let channel = connection.create_channel().await?;
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await?;
    Ok(channel)
}

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("broker error: {0}")]
    Broker(#[from] lapin::Error),
    #[error("the broker refused the message (nack)")]
    Nacked,
    #[error("no queue is bound for routing key {0:?}")]
    Unroutable(String),
    #[error("the broker did not confirm in time")]
    TimedOut,
    #[error("the message could not be encoded: {0}")]
    Encode(#[from] serde_json::Error),
}

impl PublishError {
    /// Whether the broker may hold the message although no confirm said so:
    /// it was sent, and then the connection failed, the confirm did not come
    /// in time, or the broker nacked it (an internal error, after which
    /// RabbitMQ does not promise the message is gone). Not when it was never
    /// sent or was returned unroutable.
    pub fn may_have_landed(&self) -> bool {
        match self {
            PublishError::Broker(_) | PublishError::Nacked | PublishError::TimedOut => true,
            PublishError::Unroutable(_) | PublishError::Encode(_) => false,
        }
    }
}

fn properties(
    headers: Option<FieldTable>,
    expiration: Option<std::time::Duration>,
) -> BasicProperties {
    let now = u64::try_from(chrono::Utc::now().timestamp()).unwrap_or_default();
    let properties = BasicProperties::default()
        .with_delivery_mode(2)
        .with_timestamp(now)
        .with_content_type(ShortString::from("application/json"));
    let properties = match expiration {
        Some(ttl) => properties.with_expiration(ShortString::from(ttl.as_millis().to_string())),
        None => properties,
    };
    match headers {
        Some(headers) => properties.with_headers(headers),
        None => properties,
    }
}

fn check(confirm: Confirmation, routing_key: &str) -> Result<(), PublishError> {
    match confirm {
        Confirmation::Ack(None) => Ok(()),
        Confirmation::Ack(Some(_)) => Err(PublishError::Unroutable(routing_key.to_owned())),
        Confirmation::Nack(_) | Confirmation::NotRequested => Err(PublishError::Nacked),
    }
}

/// Status events a batch step packs into one message (see
/// [`StatusMessage::Statuses`]).
pub const STATUS_EVENTS_PER_MESSAGE: usize = 50;
/// The header giving how many status events a message carries: the status
/// consumer sizes its batches in events, not messages.
pub const EVENTS_HEADER: &str = "x-herald-events";

/// How many status events a delivered message carries (1 without the header).
pub fn events_in(properties: &BasicProperties) -> usize {
    count_header(properties, EVENTS_HEADER)
}

/// The header giving how many notifications a packed message carries (a
/// JSON array of [`crate::messages::NotificationMessage`]s, published by the
/// API's group commit): persist, deliver and letters size their batches in
/// notifications, not messages. A message without it holds one notification.
pub const NOTIFICATIONS_HEADER: &str = "x-herald-notifications";

/// How many notifications a delivered message carries (1 without the header).
pub fn notifications_in(properties: &BasicProperties) -> usize {
    count_header(properties, NOTIFICATIONS_HEADER)
}

fn count_header(properties: &BasicProperties, header: &str) -> usize {
    properties
        .headers()
        .as_ref()
        .and_then(|headers| headers.inner().get(header))
        .and_then(|value| value.as_long_uint())
        .map_or(1, |n| usize::try_from(n).unwrap_or(1).max(1))
}

/// Publishes one packed message of `count` notifications (see
/// [`NOTIFICATIONS_HEADER`]) and waits for its confirm. A pack of one is
/// published as the bare notification, without the header.
pub async fn publish_notifications(
    channel: &Channel,
    exchange: &str,
    routing_key: &str,
    payload: &[u8],
    count: usize,
) -> Result<(), PublishError> {
    let headers = (count > 1).then(|| {
        let mut headers = FieldTable::default();
        headers.insert(
            NOTIFICATIONS_HEADER.into(),
            AMQPValue::LongUInt(u32::try_from(count).unwrap_or(u32::MAX)),
        );
        headers
    });
    publish_confirmed(channel, exchange, routing_key, payload, headers).await
}

/// Publishes packed messages of notifications (each a JSON array, with the
/// number it holds for [`NOTIFICATIONS_HEADER`]) all at once, then awaits
/// every confirm: a bulk send's rows, straight from the request.
pub async fn publish_notification_packs(
    channel: &Channel,
    exchange: &str,
    routing_key: &str,
    packs: &[(&[u8], usize)],
) -> Result<(), PublishError> {
    let messages: Vec<(&[u8], BasicProperties)> = packs
        .iter()
        .map(|&(payload, count)| {
            let mut headers = FieldTable::default();
            headers.insert(
                NOTIFICATIONS_HEADER.into(),
                AMQPValue::LongUInt(u32::try_from(count).unwrap_or(u32::MAX)),
            );
            (payload, properties(Some(headers), None))
        })
        .collect();
    publish_all(channel, exchange, routing_key, messages).await
}

/// Publishes a batch step's status events to `queue`, packed
/// [`STATUS_EVENTS_PER_MESSAGE`] to a message, and waits for the confirms.
/// With `expiration`, as [`publish_many_confirmed`].
pub async fn publish_status_events(
    channel: &Channel,
    queue: &str,
    events: Vec<StatusEvent>,
    expiration: Option<std::time::Duration>,
) -> Result<(), PublishError> {
    let mut messages = Vec::new();
    let mut events = events.into_iter().peekable();
    while events.peek().is_some() {
        let pack: Vec<StatusEvent> = events.by_ref().take(STATUS_EVENTS_PER_MESSAGE).collect();
        let count = u32::try_from(pack.len()).unwrap_or(u32::MAX);
        let Some(message) = StatusMessage::of(pack) else {
            break;
        };
        let mut headers = FieldTable::default();
        headers.insert(EVENTS_HEADER.into(), AMQPValue::LongUInt(count));
        messages.push((
            serde_json::to_vec(&message)?,
            properties(Some(headers), expiration),
        ));
    }
    publish_all(channel, "", queue, messages).await
}

/// Publishes several persistent JSON messages, then waits for all their
/// confirms (the broker confirms them together: far cheaper than one by one).
/// With `expiration`, each message expires after that long (into the queue's
/// dead-letter target: how the retry queues delay).
pub async fn publish_many_confirmed(
    channel: &Channel,
    exchange: &str,
    routing_key: &str,
    payloads: &[Vec<u8>],
    expiration: Option<std::time::Duration>,
) -> Result<(), PublishError> {
    let messages: Vec<(&[u8], BasicProperties)> = payloads
        .iter()
        .map(|payload| (payload.as_slice(), properties(None, expiration)))
        .collect();
    publish_all(channel, exchange, routing_key, messages).await
}

/// Publishes every message (mandatory), then awaits all the confirms.
async fn publish_all<P: AsRef<[u8]>>(
    channel: &Channel,
    exchange: &str,
    routing_key: &str,
    messages: impl IntoIterator<Item = (P, BasicProperties)>,
) -> Result<(), PublishError> {
    let mut pending = Vec::new();
    for (payload, properties) in messages {
        pending.push(
            channel
                .basic_publish(
                    exchange.into(),
                    routing_key.into(),
                    BasicPublishOptions {
                        mandatory: true,
                        ..BasicPublishOptions::default()
                    },
                    payload.as_ref(),
                    properties,
                )
                .await?,
        );
    }
    for confirm in pending {
        check(confirm.await?, routing_key)?;
    }
    Ok(())
}

/// Publishes a persistent JSON message and waits for the broker's confirm.
/// `mandatory` makes an unroutable message an error instead of a silent drop.
pub async fn publish_confirmed(
    channel: &Channel,
    exchange: &str,
    routing_key: &str,
    payload: &[u8],
    headers: Option<FieldTable>,
) -> Result<(), PublishError> {
    let confirm = channel
        .basic_publish(
            exchange.into(),
            routing_key.into(),
            BasicPublishOptions {
                mandatory: true,
                ..BasicPublishOptions::default()
            },
            payload,
            properties(headers, None),
        )
        .await?
        .await?;
    check(confirm, routing_key)
}

/// Publishes a persistent message that may have nowhere to go (a fanout no
/// process listens to yet: nothing to tell) and waits for the confirm.
pub async fn publish_unrouted_ok(
    channel: &Channel,
    exchange: &str,
    payload: &[u8],
) -> Result<(), PublishError> {
    let confirm = channel
        .basic_publish(
            exchange.into(),
            "".into(),
            BasicPublishOptions::default(),
            payload,
            properties(None, None),
        )
        .await?
        .await?;
    check(confirm, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amqp_url_lists_nodes_comma_separated() {
        assert_eq!(node_urls("amqp://h:5672/%2f"), ["amqp://h:5672/%2f"]);
        assert_eq!(
            node_urls("amqp://a:1/%2f, amqp://b:2/%2f,"),
            ["amqp://a:1/%2f", "amqp://b:2/%2f"]
        );
    }

    #[test]
    fn a_message_counts_the_events_its_header_gives_and_one_without_it() {
        assert_eq!(events_in(&BasicProperties::default()), 1);
        let mut headers = FieldTable::default();
        headers.insert(EVENTS_HEADER.into(), AMQPValue::LongUInt(100));
        assert_eq!(
            events_in(&BasicProperties::default().with_headers(headers)),
            100
        );
        let mut zero = FieldTable::default();
        zero.insert(EVENTS_HEADER.into(), AMQPValue::LongUInt(0));
        assert_eq!(events_in(&BasicProperties::default().with_headers(zero)), 1);
        let mut packed = FieldTable::default();
        packed.insert(NOTIFICATIONS_HEADER.into(), AMQPValue::LongUInt(64));
        let packed = BasicProperties::default().with_headers(packed);
        assert_eq!(notifications_in(&packed), 64);
        assert_eq!(events_in(&packed), 1, "each count has its own header");
    }
}
