//! The batch consumer every queue shares:
//! connect → `basic_qos(prefetch)` → consume → gather a batch → hand it to
//! the queue's [`BatchHandler`] (which commits) → dead-letter what it
//! rejected → `ack(multiple)` → repeat; reconnecting with backoff whenever
//! the broker link fails. Nothing is acked before the handler returns, so a
//! crash or a failed commit means redelivery, never loss.

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use diesel::PgConnection;
use herald_domain::db::{self, PgPool, PgPooled};

use herald_domain::broker::{self, Topology};
use herald_domain::messages::StatusEvent;
use herald_domain::metrics::{self, Metrics};
use herald_probes::Health;
use lapin::message::Delivery;
use lapin::options::{BasicAckOptions, BasicConsumeOptions, BasicQosOptions, QueueDeclareOptions};
use lapin::types::FieldTable;
use lapin::{Channel, Connection};
use tokio_util::sync::CancellationToken;

use crate::batch::{self, Gathered};

/// How long the loop may wait for messages before it beats its heartbeat.
/// How long connecting and declaring may take before the consumer tries again.
const SETUP_TIMEOUT: Duration = Duration::from_secs(15);
const IDLE_BEAT: Duration = Duration::from_secs(1);
/// How often the queue depth is sampled.
const DEPTH_SAMPLE_EVERY: Duration = Duration::from_secs(5);

/// A message the handler refused, by its position in the batch, or one
/// notification of a packed message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub index: usize,
    pub reason: String,
    /// A notification refused out of a packed message: its own JSON, which
    /// is dead-lettered alone while the rest of its message commits.
    /// `None`: the whole message is dead-lettered.
    pub part: Option<Vec<u8>>,
}

impl Rejected {
    /// The whole message at `index`.
    pub fn message(index: usize, reason: impl Into<String>) -> Rejected {
        Rejected {
            index,
            reason: reason.into(),
            part: None,
        }
    }

    /// `item`, decoded from `origin`: alone if it came packed with others.
    pub fn item(
        origin: Origin,
        item: &impl serde::Serialize,
        reason: impl Into<String>,
    ) -> Rejected {
        Rejected {
            index: origin.index,
            reason: reason.into(),
            part: origin
                .packed
                .then(|| serde_json::to_vec(item).unwrap_or_default()),
        }
    }
}

/// Where a decoded item came from: its delivery's position in the batch,
/// and whether that message packed several items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub index: usize,
    pub packed: bool,
}

pub struct ConsumerSettings {
    pub amqp_url: String,
    pub topology: Topology,
    pub queue: String,
    /// Names the liveness loop, the readiness check (`<name>-consumer`) and
    /// the broker connection.
    pub name: &'static str,
    pub check: &'static str,
    /// How much a batch holds, counted by `weight`.
    pub batch_size: usize,
    /// How much of a batch a message takes: `|_| 1`, or the status
    /// events it carries ([`broker::events_in`]).
    pub weight: fn(&Delivery) -> usize,
    pub linger: Duration,
    pub prefetch: u16,
}

impl ConsumerSettings {
    /// Batches of `size` (by weight), with twice that many messages
    /// prefetched.
    pub fn batches_of(mut self, size: usize) -> Self {
        self.batch_size = size.max(1);
        self.prefetch = u16::try_from(2 * self.batch_size).unwrap_or(u16::MAX);
        self
    }

    /// Batches counted in notifications: a packed message counts each one
    /// it carries ([`broker::notifications_in`]).
    pub fn counting_notifications(mut self) -> Self {
        self.weight = |delivery| broker::notifications_in(&delivery.properties);
        self
    }
}

/// Publishing from a consumer: a confirm channel on the consumer's
/// connection.
pub struct Outbox {
    channel: Channel,
    pub topology: Topology,
    metrics: Metrics,
}

impl Outbox {
    /// Publishes several messages to one queue (through the default
    /// exchange), awaiting all confirms together.
    pub async fn publish_to_queue(&self, queue: &str, payloads: &[Vec<u8>]) -> anyhow::Result<()> {
        if !payloads.is_empty() {
            broker::publish_many_confirmed(&self.channel, "", queue, payloads, None).await?;
        }
        Ok(())
    }

    /// Publishes status events to `queue`, packed several to a message
    /// ([`broker::publish_status_events`]); with `delay`, each message
    /// comes back from a retry queue after that long.
    pub async fn publish_status_events(
        &self,
        queue: &str,
        events: Vec<StatusEvent>,
        delay: Option<Duration>,
    ) -> anyhow::Result<()> {
        if !events.is_empty() {
            broker::publish_status_events(&self.channel, queue, events, delay).await?;
        }
        Ok(())
    }

    /// Puts messages in a retry queue, each to come back after `delay`.
    pub async fn retry_later(
        &self,
        retry_queue: &str,
        payloads: &[Vec<u8>],
        delay: Duration,
    ) -> anyhow::Result<()> {
        if !payloads.is_empty() {
            broker::publish_many_confirmed(&self.channel, "", retry_queue, payloads, Some(delay))
                .await?;
        }
        Ok(())
    }

    /// Moves a message to `<queue>.dead` with its reason in `x-herald-reason`.
    pub async fn dead_letter(
        &self,
        queue: &str,
        payload: &[u8],
        reason: &str,
    ) -> anyhow::Result<()> {
        let mut headers = FieldTable::default();
        headers.insert("x-herald-reason".into(), broker::long_string(reason));
        headers.insert("x-herald-queue".into(), broker::long_string(queue));
        broker::publish_confirmed(
            &self.channel,
            &self.topology.dead_exchange(),
            queue,
            payload,
            Some(headers),
        )
        .await?;
        let [undecodable, rejected] = metrics::DEAD_LETTER_REASONS;
        let class = if reason.starts_with(undecodable) {
            undecodable
        } else {
            rejected
        };
        self.metrics
            .dead_lettered_total
            .with_label_values(&[queue, class])
            .inc();
        tracing::warn!(%queue, %reason, "dead-lettered a message");
        Ok(())
    }
}

/// What a queue's consumer does with a batch. It must be idempotent (the
/// same batch may come again after a crash) and commit before returning.
/// An error ends the broker session: the batch is redelivered.
pub trait BatchHandler: Send + 'static {
    fn handle<'a>(
        &'a mut self,
        batch: &'a [Delivery],
        outbox: &'a Outbox,
        stop: &'a CancellationToken,
    ) -> impl Future<Output = anyhow::Result<Vec<Rejected>>> + Send + 'a;
}

/// Runs a consumer until `stop`, reconnecting to the broker with backoff.
pub async fn run<H: BatchHandler>(
    settings: ConsumerSettings,
    mut handler: H,
    metrics: Metrics,
    health: Health,
    stop: CancellationToken,
) {
    metrics.start_queue_series(&settings.queue);
    health.register_loop(settings.name, Duration::from_secs(30));
    health.set_ready(settings.check, false, "connecting");
    let mut backoff = Duration::from_millis(100);
    while !stop.is_cancelled() {
        match session(&settings, &mut handler, &metrics, &health, &stop).await {
            Ok(()) => break,
            Err(error) => {
                health.set_ready(settings.check, false, format!("reconnecting: {error}"));
                health.beat(settings.name);
                tracing::warn!(%error, ?backoff, consumer = settings.name, "consumer lost the broker; reconnecting");
                tokio::select! {
                    () = stop.cancelled() => break,
                    () = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(Duration::from_secs(5));
            }
        }
    }
    health.unregister_loop(settings.name);
    tracing::info!(consumer = settings.name, "consumer stopped");
}

/// One broker connection's worth of work. `Ok` means a clean shutdown.
async fn session<H: BatchHandler>(
    settings: &ConsumerSettings,
    handler: &mut H,
    metrics: &Metrics,
    health: &Health,
    stop: &CancellationToken,
) -> anyhow::Result<()> {
    let name = format!(
        "herald-worker-{} {}",
        settings.name,
        settings.topology.prefix()
    );
    // Setting up waits on the broker: a stop, or a broker that accepts the
    // connection but never answers (a quorum queue declared while its
    // cluster has no majority waits for one), must not hold it forever.
    let connection = tokio::select! {
        () = stop.cancelled() => return Ok(()),
        connected = tokio::time::timeout(SETUP_TIMEOUT, broker::connect(&settings.amqp_url, &name)) => connected
            .map_err(|_| anyhow::anyhow!("the broker did not answer within {SETUP_TIMEOUT:?}"))??,
    };
    let setup = async {
        let channel = connection.create_channel().await?;
        settings.topology.declare(&connection).await?;
        channel
            .basic_qos(settings.prefetch, BasicQosOptions::default())
            .await?;
        let outbox = Outbox {
            channel: broker::confirm_channel(&connection).await?,
            topology: settings.topology.clone(),
            metrics: metrics.clone(),
        };
        let deliveries = channel
            .basic_consume(
                settings.queue.as_str().into(),
                format!("herald-{}", settings.name).into(),
                BasicConsumeOptions::default(),
                FieldTable::default(),
            )
            .await?;
        let sampler_channel = connection.create_channel().await?;
        Ok::<_, lapin::Error>((channel, outbox, deliveries, sampler_channel))
    };
    let set_up = tokio::select! {
        () = stop.cancelled() => None,
        set_up = tokio::time::timeout(SETUP_TIMEOUT, setup) => Some(set_up),
    };
    let (channel, outbox, mut deliveries, sampler_channel) = match set_up {
        Some(Ok(Ok(set_up))) => set_up,
        // Whatever failed, the connection is closed here: a connection
        // merely dropped stays open in lapin's background (its channels and
        // consumers refer to it), and a consumer registered on it just
        // before the timeout would hold its deliveries unacked for ever.
        None => {
            close(connection, []).await;
            return Ok(());
        }
        Some(Ok(Err(error))) => {
            close(connection, []).await;
            return Err(error.into());
        }
        Some(Err(_)) => {
            close(connection, []).await;
            anyhow::bail!("the broker did not answer within {SETUP_TIMEOUT:?}");
        }
    };
    health.set_ready(settings.check, true, "consuming");
    tracing::info!(queue = %settings.queue, "consumer started");
    let mut sampled = vec![settings.queue.clone()];
    sampled.extend(settings.topology.holding_queues_for(&settings.queue));
    let sampler = tokio::spawn(sample_depth(
        sampler_channel.clone(),
        sampled,
        metrics.clone(),
    ));
    let result = consume(
        settings,
        handler,
        &mut deliveries,
        &outbox,
        metrics,
        health,
        stop,
    )
    .await;
    sampler.abort();
    // Closed whatever ended the session (a failed batch step may leave the
    // connection up, holding the batch's deliveries: closing it returns
    // them to the queue). Every channel is closed before the connection:
    // one left to lapin closes in the background and races the
    // connection's close.
    close(
        connection,
        [channel, outbox.channel.clone(), sampler_channel],
    )
    .await;
    result
}

async fn consume<H: BatchHandler>(
    settings: &ConsumerSettings,
    handler: &mut H,
    deliveries: &mut lapin::Consumer,
    outbox: &Outbox,
    metrics: &Metrics,
    health: &Health,
    stop: &CancellationToken,
) -> anyhow::Result<()> {
    let lag = metrics
        .consumer_lag_seconds
        .with_label_values(&[&settings.queue]);
    loop {
        health.beat(settings.name);
        let gathered = batch::gather(
            deliveries,
            settings.batch_size,
            settings.weight,
            settings.linger,
            IDLE_BEAT,
            stop,
        )
        .await?;
        let batch = match gathered {
            Gathered::Idle => {
                lag.set(0.0);
                continue;
            }
            Gathered::Stopped => return Ok(()),
            // Unacked deliveries return to the queue with the channel.
            Gathered::Closed(_) => anyhow::bail!("the consumer was closed by the broker"),
            Gathered::Batch(batch) => batch,
        };
        lag.set(oldest_age_seconds(&batch));
        let rejected = handler.handle(&batch, outbox, stop).await?;
        for Rejected {
            index,
            reason,
            part,
        } in &rejected
        {
            if let Some(delivery) = batch.get(*index) {
                let payload = part.as_deref().unwrap_or(&delivery.data);
                outbox.dead_letter(&settings.queue, payload, reason).await?;
            }
        }
        if let Some(last) = batch.last() {
            last.acker.ack(BasicAckOptions { multiple: true }).await?;
        }
        if stop.is_cancelled() {
            return Ok(());
        }
    }
}

/// Age of the oldest message in the batch, from the publish timestamp.
fn oldest_age_seconds(batch: &[Delivery]) -> f64 {
    let now = chrono::Utc::now().timestamp();
    batch
        .iter()
        .filter_map(|d| *d.properties.timestamp())
        .min()
        .and_then(|oldest| i64::try_from(oldest).ok())
        .map_or(0.0, |oldest| (now - oldest).max(0) as f64)
}

/// Samples the ready-message count of the consumer's queue and of its
/// dead-letter and parking queues for the depth gauge, until aborted. On
/// its own channel: a failed passive declare (a queue deleted by hand)
/// closes the channel it is made on. A queue it cannot sample loses its
/// series rather than keep a stale figure.
async fn sample_depth(channel: Channel, queues: Vec<String>, metrics: Metrics) {
    let options = QueueDeclareOptions {
        passive: true,
        ..QueueDeclareOptions::default()
    };
    loop {
        for queue in &queues {
            match channel
                .queue_declare(queue.as_str().into(), options, FieldTable::default())
                .await
            {
                Ok(declared) => metrics
                    .queue_depth_messages
                    .with_label_values(&[queue])
                    .set(i64::from(declared.message_count())),
                Err(error) => {
                    tracing::warn!(%queue, %error, "cannot sample the queue depth");
                    let _ = metrics.queue_depth_messages.remove_label_values(&[queue]);
                }
            }
        }
        if !channel.status().connected() {
            // The channel is gone (a queue deleted by hand, or the broker
            // link lost): the series come back with the next session.
            for queue in &queues {
                let _ = metrics.queue_depth_messages.remove_label_values(&[queue]);
            }
            return;
        }
        tokio::time::sleep(DEPTH_SAMPLE_EVERY).await;
    }
}

/// Closes the channel, then the connection; bounded, in case the broker
/// stopped answering.
async fn close(connection: Connection, channels: impl IntoIterator<Item = Channel>) {
    let close = async {
        for channel in channels {
            if channel.status().connected() {
                let _ = channel.close(200, "shutting down".into()).await;
            }
        }
        let _ = connection.close(200, "shutting down".into()).await;
    };
    if tokio::time::timeout(SETUP_TIMEOUT, close).await.is_err() {
        tracing::warn!("the broker did not answer the close; leaving the connection");
    }
}

/// Decodes each delivery; the undecodable ones are rejected by position.
pub fn decode<T: serde::de::DeserializeOwned>(
    batch: &[Delivery],
) -> (Vec<(usize, T)>, Vec<Rejected>) {
    let mut messages = Vec::with_capacity(batch.len());
    let mut rejected = Vec::new();
    for (index, delivery) in batch.iter().enumerate() {
        match serde_json::from_slice::<T>(&delivery.data) {
            Ok(message) => messages.push((index, message)),
            Err(error) => rejected.push(Rejected::message(index, format!("undecodable: {error}"))),
        }
    }
    (messages, rejected)
}

/// Decodes deliveries that hold one item (a JSON object) or several packed
/// together (a JSON array, as the API's group commit publishes
/// notifications). An item of a pack that does not decode is rejected alone
/// (its own JSON dead-lettered); the rest of its pack is kept.
pub fn decode_packed<T: serde::de::DeserializeOwned>(
    batch: &[Delivery],
) -> (Vec<(Origin, T)>, Vec<Rejected>) {
    let mut items = Vec::with_capacity(batch.len());
    let mut rejected = Vec::new();
    for (index, delivery) in batch.iter().enumerate() {
        let data = delivery.data.as_slice();
        let packed = data.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
        let origin = Origin { index, packed };
        if !packed {
            match serde_json::from_slice::<T>(data) {
                Ok(item) => items.push((origin, item)),
                Err(error) => {
                    rejected.push(Rejected::message(index, format!("undecodable: {error}")));
                }
            }
            continue;
        }
        // The whole pack at once; item by item only when that fails.
        if let Ok(pack) = serde_json::from_slice::<Vec<T>>(data) {
            items.extend(pack.into_iter().map(|item| (origin, item)));
            continue;
        }
        match serde_json::from_slice::<Vec<serde_json::Value>>(data) {
            Ok(values) => {
                for value in values {
                    match T::deserialize(&value) {
                        Ok(item) => items.push((origin, item)),
                        Err(error) => rejected.push(Rejected::item(
                            origin,
                            &value,
                            format!("undecodable: {error}"),
                        )),
                    }
                }
            }
            Err(error) => {
                rejected.push(Rejected::message(index, format!("undecodable: {error}")));
            }
        }
    }
    (items, rejected)
}

/// A loop's own database connection, kept from one batch to the next: each
/// checkout from the pool tests the connection with a round trip, which a
/// loop committing a hundred batches a second need not pay every time.
/// Dropped after a failed batch, so the retry checks out a fresh, tested
/// one.
#[derive(Clone)]
pub struct HeldConnection {
    pool: PgPool,
    held: Arc<Mutex<Option<PgPooled>>>,
}

impl HeldConnection {
    pub fn new(pool: PgPool) -> HeldConnection {
        HeldConnection {
            pool,
            held: Arc::new(Mutex::new(None)),
        }
    }

    /// Runs `work` on the held connection (checking one out first if none
    /// is held); blocking.
    pub fn run<T>(
        &self,
        work: impl FnOnce(&mut PgConnection) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
        let mut conn = match held.take() {
            Some(conn) => conn,
            None => self.pool.get()?,
        };
        let result = db::unit_of_work(&mut conn, work);
        if result.is_ok() {
            *held = Some(conn);
        }
        result
    }
}

/// Runs a blocking commit (on a blocking thread) until it succeeds, retrying
/// with backoff (100 ms doubling to 5 s) while the database (or store) is
/// unavailable, and beating `loop_name` meanwhile. Gives up only at
/// shutdown: the batch then stays unacked and the broker redelivers it.
pub async fn commit_until_done<T, F>(
    commit: F,
    loop_name: &'static str,
    health: &Health,
    stop: &CancellationToken,
) -> anyhow::Result<T>
where
    T: Send + 'static,
    F: Fn() -> anyhow::Result<T> + Send + Sync + 'static,
{
    let commit = Arc::new(commit);
    let mut backoff = Duration::from_millis(100);
    loop {
        let attempt = commit.clone();
        match tokio::task::spawn_blocking(move || attempt()).await? {
            Ok(done) => return Ok(done),
            Err(error) => {
                health.beat(loop_name);
                tracing::warn!(error = %format!("{error:#}"), ?backoff, consumer = loop_name, "batch commit failed; holding the batch and retrying");
                tokio::select! {
                    () = stop.cancelled() => anyhow::bail!("shutdown while the store is unavailable; the batch stays unacked"),
                    () = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(Duration::from_secs(5));
            }
        }
    }
}
