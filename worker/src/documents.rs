//! The documents consumer: files sent by email (encrypted by the API) →
//! the `documents` table, a small batch per transaction, acked after the
//! commit. Redelivered documents are skipped by their primary key. Its
//! prefetch is small: each message can hold a file of up to 2 MB.

use herald_domain::db::PgPool;
use herald_domain::messages::DocumentMessage;
use herald_domain::models::Document;
use herald_probes::Health;
use lapin::message::Delivery;
use tokio_util::sync::CancellationToken;

use crate::consumer::{BatchHandler, Outbox, Rejected, commit_until_done, decode};

pub const LOOP_NAME: &str = "documents";
pub const CONSUMER_CHECK: &str = "documents-consumer";
/// Documents per transaction, and twice that in flight from the broker.
pub const BATCH_SIZE: usize = 16;
/// Expired documents deleted per statement by the hourly maintenance.
pub const EXPIRY_BATCH: i64 = 1000;

pub struct Documents {
    pool: PgPool,
    health: Health,
}

impl Documents {
    pub fn new(pool: PgPool, health: Health) -> Self {
        Documents { pool, health }
    }
}

impl BatchHandler for Documents {
    async fn handle(
        &mut self,
        batch: &[Delivery],
        _outbox: &Outbox,
        stop: &CancellationToken,
    ) -> anyhow::Result<Vec<Rejected>> {
        let (messages, mut rejected) = decode::<DocumentMessage>(batch);
        let mut rows = Vec::with_capacity(messages.len());
        for (index, message) in messages {
            match Document::from_message(&message) {
                Some(row) => rows.push(row),
                None => rejected.push(Rejected::message(index, "document with undecodable fields")),
            }
        }
        let pool = self.pool.clone();
        commit_until_done(
            move || {
                let mut conn = pool.get()?;
                Ok(herald_domain::db::transaction(&mut conn, |conn| {
                    Document::insert_batch(conn, &rows)
                })?)
            },
            LOOP_NAME,
            &self.health,
            stop,
        )
        .await?;
        Ok(rejected)
    }
}
