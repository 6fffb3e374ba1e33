//! What the senders skip: notifications the API disowned (it answered 503
//! after a publish whose outcome it could not know; see
//! [`herald_domain::models::disowned`]). The persist worker's check is
//! exact (it shares a lock with the API); this one is a plain lookup before
//! a batch is sent, which catches every disowning recorded before the
//! sender took the message: in practice all of them, since a message is
//! disowned while the broker that holds it cannot deliver it (stopped,
//! blocked by an alarm, without its quorum).
//!
//! Sending never waits on the database: if the lookup fails the batch is
//! sent as it is (the database being down as well as the broker failing
//! mid-publish is the one case docs/reliability.md lists as not covered).

use std::time::Duration;

use herald_domain::db::{self, PgPool};
use herald_domain::messages::NotificationMessage;
use herald_domain::metrics::Metrics;
use herald_domain::models::disowned;
use uuid::Uuid;

use crate::consumer::Origin;

/// A connection, at most this long.
const LOOKUP_WAIT: Duration = Duration::from_secs(1);

#[derive(Clone)]
pub struct DisownedFilter {
    pool: PgPool,
    metrics: Metrics,
    /// The consumer's label in `herald_disowned_skipped_total`.
    consumer: &'static str,
}

impl DisownedFilter {
    pub fn new(pool: PgPool, metrics: Metrics, consumer: &'static str) -> Self {
        DisownedFilter {
            pool,
            metrics,
            consumer,
        }
    }

    /// `messages` without the disowned ones.
    pub async fn retain_owned(
        &self,
        messages: Vec<(Origin, NotificationMessage)>,
    ) -> Vec<(Origin, NotificationMessage)> {
        if messages.is_empty() {
            return messages;
        }
        let ids: Vec<Uuid> = messages.iter().map(|(_, m)| m.id).collect();
        let pool = self.pool.clone();
        let found = tokio::task::spawn_blocking(move || {
            let mut conn = pool.get_timeout(LOOKUP_WAIT)?;
            Ok::<_, anyhow::Error>(db::unit_of_work(&mut conn, |conn| {
                disowned::disowned_among(conn, &ids)
            })?)
        })
        .await;
        match found {
            Ok(Ok(disowned)) if disowned.is_empty() => messages,
            Ok(Ok(disowned)) => {
                tracing::warn!(
                    skipped = disowned.len(),
                    "not sending notifications the API disowned (answered 503)"
                );
                self.metrics
                    .disowned_skipped_total
                    .with_label_values(&[self.consumer])
                    .inc_by(disowned.len() as u64);
                messages
                    .into_iter()
                    .filter(|(_, m)| !disowned.contains(&m.id))
                    .collect()
            }
            Ok(Err(error)) => {
                tracing::warn!(error = %format_args!("{error:#}"), "cannot check for disowned notifications; sending the batch");
                messages
            }
            Err(error) => {
                tracing::error!(%error, "disowned lookup panicked; sending the batch");
                messages
            }
        }
    }
}
