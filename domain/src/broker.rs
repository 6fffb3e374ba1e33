//! RabbitMQ: the topology every Herald process declares, and the connection
//! settings they share.
//!
//! ```text
//! <p>.notifications (topic) ──notification.*──▶ <p>.persist (quorum) ──▶ persist worker
//! <p>.dead (direct) ──<queue name>──▶ <p>.persist.dead (quorum): what the database rejected
//! <p>.changes (fanout) ──▶ one exclusive queue per API process: cache invalidation
//! ```
//!
//! Every name carries a prefix (`HERALD_AMQP_PREFIX`), so tests and several
//! deployments can share one broker.

use lapin::options::{
    BasicPublishOptions, ConfirmSelectOptions, ExchangeDeclareOptions, QueueBindOptions,
    QueueDeclareOptions,
};
use lapin::types::{AMQPValue, FieldTable, LongString, ShortString};
use lapin::{
    BasicProperties, Channel, Confirmation, Connection, ConnectionProperties, ExchangeKind,
};

/// Redeliveries after which a quorum queue dead-letters a message that keeps
/// failing (e.g. one that crashes its consumer). Generous: worker restarts
/// and broker reconnects redeliver too.
const DELIVERY_LIMIT: i64 = 50;

#[derive(Debug, Clone)]
pub struct Topology {
    prefix: String,
}

impl Topology {
    pub fn new(prefix: impl Into<String>) -> Self {
        Topology {
            prefix: prefix.into(),
        }
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

    /// Declares exchanges, queues and bindings (idempotent).
    pub async fn declare(&self, channel: &Channel) -> lapin::Result<()> {
        let durable = ExchangeDeclareOptions {
            durable: true,
            ..ExchangeDeclareOptions::default()
        };
        channel
            .exchange_declare(
                self.notifications_exchange().into(),
                ExchangeKind::Topic,
                durable,
                FieldTable::default(),
            )
            .await?;
        channel
            .exchange_declare(
                self.dead_exchange().into(),
                ExchangeKind::Direct,
                durable,
                FieldTable::default(),
            )
            .await?;
        channel
            .exchange_declare(
                self.changes_exchange().into(),
                ExchangeKind::Fanout,
                durable,
                FieldTable::default(),
            )
            .await?;

        let persist = self.persist_queue();
        self.declare_work_queue(channel, &persist).await?;
        channel
            .queue_bind(
                persist.into(),
                self.notifications_exchange().into(),
                "notification.*".into(),
                QueueBindOptions::default(),
                FieldTable::default(),
            )
            .await
    }

    /// A durable quorum queue with its dead-letter queue beside it.
    async fn declare_work_queue(&self, channel: &Channel, queue: &str) -> lapin::Result<()> {
        let dead = self.dead_queue_for(queue);
        channel
            .queue_declare(dead.as_str().into(), durable_queue(), quorum_args())
            .await?;
        channel
            .queue_bind(
                dead.into(),
                self.dead_exchange().into(),
                queue.into(),
                QueueBindOptions::default(),
                FieldTable::default(),
            )
            .await?;

        let mut args = quorum_args();
        args.insert(
            "x-dead-letter-exchange".into(),
            long_string(&self.dead_exchange()),
        );
        args.insert("x-dead-letter-routing-key".into(), long_string(queue));
        args.insert(
            "x-delivery-limit".into(),
            AMQPValue::LongLongInt(DELIVERY_LIMIT),
        );
        channel
            .queue_declare(queue.into(), durable_queue(), args)
            .await?;
        Ok(())
    }
}

fn durable_queue() -> QueueDeclareOptions {
    QueueDeclareOptions {
        durable: true,
        ..QueueDeclareOptions::default()
    }
}

fn quorum_args() -> FieldTable {
    let mut args = FieldTable::default();
    args.insert("x-queue-type".into(), long_string("quorum"));
    args
}

pub fn long_string(s: &str) -> AMQPValue {
    AMQPValue::LongString(LongString::from(s))
}

/// Connects with a name that shows in the management UI and a short
/// heartbeat, so a dead broker is noticed within seconds.
pub async fn connect(url: &str, name: &str) -> lapin::Result<Connection> {
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
    let now = u64::try_from(chrono::Utc::now().timestamp()).unwrap_or_default();
    let mut properties = BasicProperties::default()
        .with_delivery_mode(2)
        .with_timestamp(now)
        .with_content_type(ShortString::from("application/json"));
    if let Some(headers) = headers {
        properties = properties.with_headers(headers);
    }
    let confirm = channel
        .basic_publish(
            exchange.into(),
            routing_key.into(),
            BasicPublishOptions {
                mandatory: true,
                ..BasicPublishOptions::default()
            },
            payload,
            properties,
        )
        .await?
        .await?;
    match confirm {
        Confirmation::Ack(None) => Ok(()),
        Confirmation::Ack(Some(_)) => Err(PublishError::Unroutable(routing_key.to_owned())),
        Confirmation::Nack(_) | Confirmation::NotRequested => Err(PublishError::Nacked),
    }
}
