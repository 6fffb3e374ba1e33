//! The persist loop: consume → gather a batch → commit → ack.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use herald_domain::broker::{self, Topology};
use herald_domain::db::PgPool;
use herald_domain::messages::NotificationMessage;
use herald_domain::metrics::Metrics;
use herald_probes::Health;
use lapin::message::Delivery;
use lapin::options::{BasicAckOptions, BasicConsumeOptions, BasicQosOptions};
use lapin::types::FieldTable;
use lapin::{Channel, Connection};
use tokio_util::sync::CancellationToken;

use super::store::{self, Rejected};
use crate::batch::{self, Gathered};

pub const LOOP_NAME: &str = "persist";
pub const CONSUMER_CHECK: &str = "persist-consumer";
/// How often the queue depth is sampled.
const DEPTH_SAMPLE_EVERY: Duration = Duration::from_secs(5);
/// How long the loop may wait for messages before it beats its heartbeat.
const IDLE_BEAT: Duration = Duration::from_secs(1);

pub struct PersistSettings {
    pub amqp_url: String,
    pub topology: Topology,
    pub batch_size: usize,
    pub linger: Duration,
    pub prefetch: u16,
}

/// Runs the persist consumer until `stop`, reconnecting to the broker with
/// backoff whenever the connection fails.
pub async fn run(
    settings: PersistSettings,
    pool: PgPool,
    metrics: Metrics,
    health: Health,
    stop: CancellationToken,
) {
    let mut consumer = Persist {
        settings,
        pool,
        metrics,
        health,
        known_partitions: HashSet::new(),
    };
    consumer
        .health
        .register_loop(LOOP_NAME, Duration::from_secs(30));
    consumer
        .health
        .set_ready(CONSUMER_CHECK, false, "connecting");
    let mut backoff = Duration::from_millis(100);
    while !stop.is_cancelled() {
        match consumer.session(&stop).await {
            Ok(()) => break,
            Err(error) => {
                consumer
                    .health
                    .set_ready(CONSUMER_CHECK, false, format!("reconnecting: {error}"));
                consumer.health.beat(LOOP_NAME);
                tracing::warn!(%error, ?backoff, "persist consumer lost the broker; reconnecting");
                tokio::select! {
                    () = stop.cancelled() => break,
                    () = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(Duration::from_secs(5));
            }
        }
    }
    consumer.health.unregister_loop(LOOP_NAME);
    tracing::info!("persist consumer stopped");
}

struct Persist {
    settings: PersistSettings,
    pool: PgPool,
    metrics: Metrics,
    health: Health,
    known_partitions: HashSet<NaiveDate>,
}

impl Persist {
    /// One broker connection's worth of work. `Ok` means a clean shutdown.
    async fn session(&mut self, stop: &CancellationToken) -> anyhow::Result<()> {
        let name = format!("herald-worker-persist {}", self.settings.topology.prefix());
        let connection = broker::connect(&self.settings.amqp_url, &name).await?;
        let channel = connection.create_channel().await?;
        self.settings.topology.declare(&channel).await?;
        channel
            .basic_qos(self.settings.prefetch, BasicQosOptions::default())
            .await?;
        let dead_letters = broker::confirm_channel(&connection).await?;
        let mut deliveries = channel
            .basic_consume(
                self.settings.topology.persist_queue().into(),
                "herald-persist".into(),
                BasicConsumeOptions::default(),
                FieldTable::default(),
            )
            .await?;
        self.health.set_ready(CONSUMER_CHECK, true, "consuming");
        let sampler = tokio::spawn(sample_depth(
            channel.clone(),
            self.settings.topology.persist_queue(),
            self.metrics.clone(),
        ));
        let result = self.consume(&mut deliveries, &dead_letters, stop).await;
        sampler.abort();
        if result.is_ok() {
            close(connection, channel).await?;
        }
        result
    }

    /// The batch loop of one session; returns at shutdown (`Ok`) or when the
    /// broker link fails.
    async fn consume(
        &mut self,
        deliveries: &mut lapin::Consumer,
        dead_letters: &Channel,
        stop: &CancellationToken,
    ) -> anyhow::Result<()> {
        let queue = self.settings.topology.persist_queue();
        tracing::info!(%queue, "persist consumer started");

        loop {
            self.health.beat(LOOP_NAME);
            let gathered = batch::gather(
                deliveries,
                self.settings.batch_size,
                self.settings.linger,
                IDLE_BEAT,
                stop,
            )
            .await?;
            match gathered {
                Gathered::Idle => {
                    self.metrics
                        .consumer_lag_seconds
                        .with_label_values(&[&queue])
                        .set(0.0);
                    continue;
                }
                Gathered::Stopped => return Ok(()),
                Gathered::Batch(batch) => self.handle(batch, dead_letters, stop).await?,
                Gathered::Closed(batch) => {
                    // Unacked deliveries return to the queue with the channel;
                    // nothing in hand is committed without its ack channel.
                    drop(batch);
                    anyhow::bail!("the consumer was closed by the broker");
                }
            }
            if stop.is_cancelled() {
                return Ok(());
            }
        }
    }

    /// Commit, dead-letter what the database refused, then ack the batch.
    async fn handle(
        &mut self,
        batch: Vec<Delivery>,
        dead_letters: &Channel,
        stop: &CancellationToken,
    ) -> anyhow::Result<()> {
        let (messages, mut rejected) = decode(&batch);
        if let Some(oldest) = messages.iter().map(|(_, m)| m.created_at).min() {
            let lag = (chrono::Utc::now() - oldest).num_milliseconds().max(0) as f64 / 1000.0;
            self.metrics
                .consumer_lag_seconds
                .with_label_values(&[&self.settings.topology.persist_queue()])
                .set(lag);
        }
        let started = Instant::now();
        let (inserted, refused) = self.commit(messages, stop).await?;
        rejected.extend(refused);
        for Rejected { index, reason } in &rejected {
            if let Some(delivery) = batch.get(*index) {
                self.dead_letter(dead_letters, delivery, reason).await?;
            }
        }
        if let Some(last) = batch.last() {
            last.acker.ack(BasicAckOptions { multiple: true }).await?;
        }
        self.metrics.persist_batch_size.observe(batch.len() as f64);
        self.metrics
            .persist_batch_commit_duration_seconds
            .observe(started.elapsed().as_secs_f64());
        self.metrics.persist_rows_total.inc_by(inserted as u64);
        tracing::debug!(
            size = batch.len(),
            inserted,
            rejected = rejected.len(),
            "batch committed"
        );
        Ok(())
    }

    /// Commits the batch, retrying with backoff for as long as the database
    /// is unavailable. Gives up only at shutdown (the batch is then left
    /// unacked and the broker redelivers it).
    async fn commit(
        &mut self,
        messages: Vec<(usize, NotificationMessage)>,
        stop: &CancellationToken,
    ) -> anyhow::Result<(usize, Vec<Rejected>)> {
        let mut backoff = Duration::from_millis(100);
        let mut messages = messages;
        loop {
            let pool = self.pool.clone();
            let mut known = std::mem::take(&mut self.known_partitions);
            let task = tokio::task::spawn_blocking(move || {
                let outcome = pool
                    .get()
                    .map_err(|e| store::StoreError(e.into()))
                    .and_then(|mut conn| store::store_batch(&mut conn, &messages, &mut known));
                (outcome, messages, known)
            });
            let (outcome, returned, known) = task.await?;
            self.known_partitions = known;
            messages = returned;
            match outcome {
                Ok(done) => return Ok(done),
                Err(error) => {
                    self.metrics.persist_retries_total.inc();
                    self.health.beat(LOOP_NAME);
                    tracing::warn!(%error, ?backoff, size = messages.len(), "batch commit failed; holding the batch and retrying");
                    tokio::select! {
                        () = stop.cancelled() => anyhow::bail!("shutdown while the database is unavailable; the batch stays unacked"),
                        () = tokio::time::sleep(backoff) => {}
                    }
                    backoff = (backoff * 2).min(Duration::from_secs(5));
                }
            }
        }
    }

    async fn dead_letter(
        &self,
        channel: &Channel,
        delivery: &Delivery,
        reason: &str,
    ) -> anyhow::Result<()> {
        let queue = self.settings.topology.persist_queue();
        let mut headers = FieldTable::default();
        headers.insert("x-herald-reason".into(), broker::long_string(reason));
        headers.insert("x-herald-queue".into(), broker::long_string(&queue));
        broker::publish_confirmed(
            channel,
            &self.settings.topology.dead_exchange(),
            &queue,
            &delivery.data,
            Some(headers),
        )
        .await?;
        let class = if reason.starts_with("undecodable") {
            "undecodable"
        } else {
            "rejected_by_database"
        };
        self.metrics
            .dead_lettered_total
            .with_label_values(&[&queue, class])
            .inc();
        tracing::warn!(%reason, "dead-lettered a message");
        Ok(())
    }
}

/// Samples the queue's ready-message count (a passive declare) for the
/// depth gauge, until aborted.
async fn sample_depth(channel: Channel, queue: String, metrics: Metrics) {
    let options = lapin::options::QueueDeclareOptions {
        passive: true,
        ..Default::default()
    };
    loop {
        if let Ok(declared) = channel
            .queue_declare(queue.as_str().into(), options, FieldTable::default())
            .await
        {
            metrics
                .queue_depth_messages
                .with_label_values(&[&queue])
                .set(i64::from(declared.message_count()));
        }
        tokio::time::sleep(DEPTH_SAMPLE_EVERY).await;
    }
}

/// Decodes each delivery; the undecodable ones are rejected by position.
fn decode(batch: &[Delivery]) -> (Vec<(usize, NotificationMessage)>, Vec<Rejected>) {
    let mut messages = Vec::with_capacity(batch.len());
    let mut rejected = Vec::new();
    for (index, delivery) in batch.iter().enumerate() {
        match serde_json::from_slice::<NotificationMessage>(&delivery.data) {
            Ok(message) => messages.push((index, message)),
            Err(error) => rejected.push(Rejected {
                index,
                reason: format!("undecodable: {error}"),
            }),
        }
    }
    (messages, rejected)
}

async fn close(connection: Connection, channel: Channel) -> anyhow::Result<()> {
    let _ = channel.close(200, "shutting down".into()).await;
    let _ = connection.close(200, "shutting down".into()).await;
    Ok(())
}
