//! The persist handler: a batch of accepted notifications (messages of one
//! or of several packed together) → one transaction.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use chrono::NaiveDate;
use herald_domain::db::PgPool;
use herald_domain::messages::NotificationMessage;
use herald_domain::metrics::Metrics;
use herald_probes::Health;
use lapin::message::Delivery;
use tokio_util::sync::CancellationToken;

use super::store::{self, Stored};
use crate::consumer::{BatchHandler, Origin, Outbox, Rejected, commit_until_done, decode_packed};

pub const LOOP_NAME: &str = "persist";
pub const CONSUMER_CHECK: &str = "persist-consumer";

pub struct Persist {
    pool: PgPool,
    metrics: Metrics,
    health: Health,
    /// Days whose partition is known to exist (created once per process).
    known_partitions: Arc<Mutex<HashSet<NaiveDate>>>,
}

impl Persist {
    pub fn new(pool: PgPool, metrics: Metrics, health: Health) -> Self {
        Persist {
            pool,
            metrics,
            health,
            known_partitions: Arc::default(),
        }
    }

    /// Commits the batch, retrying with backoff for as long as the database
    /// is unavailable ([`commit_until_done`]). Gives up only at shutdown
    /// (the batch is then left unacked and the broker redelivers it).
    async fn commit(
        &self,
        messages: Vec<(Origin, NotificationMessage)>,
        stop: &CancellationToken,
    ) -> anyhow::Result<Stored> {
        let messages = Arc::new(messages);
        let pool = self.pool.clone();
        let known = self.known_partitions.clone();
        let retries = self.metrics.persist_retries_total.clone();
        let commit = move || {
            let mut known = known.lock().unwrap_or_else(PoisonError::into_inner);
            let stored = pool
                .get()
                .map_err(anyhow::Error::from)
                .and_then(|mut conn| {
                    store::store_batch(&mut conn, &messages, &mut known).map_err(|e| e.0)
                });
            if stored.is_err() {
                retries.inc();
            }
            stored
        };
        commit_until_done(commit, LOOP_NAME, &self.health, stop).await
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
