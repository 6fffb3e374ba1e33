//! The persist handler: a batch of accepted notifications (messages of one
//! or of several packed together) → one transaction.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use herald_domain::db::PgPool;
use herald_domain::messages::NotificationMessage;
use herald_domain::metrics::Metrics;
use herald_probes::Health;
use lapin::message::Delivery;
use tokio_util::sync::CancellationToken;

use super::store::{self, Stored};
use crate::consumer::{BatchHandler, Origin, Outbox, Rejected, decode_packed};

pub const LOOP_NAME: &str = "persist";
pub const CONSUMER_CHECK: &str = "persist-consumer";

pub struct Persist {
    pool: PgPool,
    metrics: Metrics,
    health: Health,
    known_partitions: HashSet<NaiveDate>,
}

impl Persist {
    pub fn new(pool: PgPool, metrics: Metrics, health: Health) -> Self {
        Persist {
            pool,
            metrics,
            health,
            known_partitions: HashSet::new(),
        }
    }

    /// Commits the batch, retrying with backoff for as long as the database
    /// is unavailable. Gives up only at shutdown (the batch is then left
    /// unacked and the broker redelivers it).
    async fn commit(
        &mut self,
        messages: Vec<(Origin, NotificationMessage)>,
        stop: &CancellationToken,
    ) -> anyhow::Result<Stored> {
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
}

impl BatchHandler for Persist {
    async fn handle(
        &mut self,
        batch: &[Delivery],
        _outbox: &Outbox,
        stop: &CancellationToken,
    ) -> anyhow::Result<Vec<Rejected>> {
        let (messages, mut rejected) = decode_packed(batch);
        let notifications = messages.len() + rejected.len();
        let started = Instant::now();
        let stored = self.commit(messages, stop).await?;
        let inserted = stored.inserted;
        rejected.extend(stored.rejected);
        if stored.disowned > 0 {
            tracing::warn!(
                skipped = stored.disowned,
                "not storing notifications the API disowned (answered 503)"
            );
            self.metrics
                .disowned_skipped_total
                .with_label_values(&["persist"])
                .inc_by(stored.disowned as u64);
        }
        self.metrics
            .persist_batch_size
            .observe(notifications as f64);
        self.metrics
            .persist_batch_commit_duration_seconds
            .observe(started.elapsed().as_secs_f64());
        self.metrics.persist_rows_total.inc_by(inserted as u64);
        tracing::debug!(
            messages = batch.len(),
            notifications,
            inserted,
            rejected = rejected.len(),
            "batch committed"
        );
        Ok(rejected)
    }
}
