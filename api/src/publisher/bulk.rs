//! Publishing a bulk send's rows straight from the request: packs of
//! notifications (each one broker message, as the group commit packs single
//! sends) spread over the confirm channels and all in flight at once, so the
//! broker confirms them together.
//!
//! A pack that is not confirmed is settled like a single send's message
//! (see [`Publisher::settle`]): one that may have reached the broker is
//! disowned in PostgreSQL (never stored nor sent; withdrawn if the persist
//! worker stored it already, its job's counts taken back by a trigger).

use futures_util::future::join_all;
use herald_domain::broker;
use herald_domain::models::disowned;
use uuid::Uuid;

use super::{Failure, PUBLISH_CHANNELS, Publisher};
use crate::error::ApiError;

/// One broker message of a bulk send: a JSON array of notifications, and
/// their ids.
pub struct BulkPack {
    pub payload: Vec<u8>,
    pub ids: Vec<Uuid>,
}

/// What a bulk publish achieved.
pub struct BulkPublished {
    /// Notifications queued: confirmed.
    pub confirmed: usize,
    /// Notifications whose fate could not be settled (neither confirmed nor
    /// disowned: the database did not answer).
    pub unknown: usize,
    /// `Err` (the first failure's 503) unless every pack was queued.
    pub outcome: Result<(), ApiError>,
}

impl Publisher {
    /// Publishes `packs` under `routing_key`, confirmed, each channel's
    /// share within the publish timeout; settles what was not confirmed.
    pub async fn publish_bulk(&self, routing_key: &str, packs: &[BulkPack]) -> BulkPublished {
        let exchange = self.topology.notifications_exchange();
        let per_channel = packs.len().div_ceil(PUBLISH_CHANNELS).max(1);
        let published = join_all(packs.chunks(per_channel).map(|share| {
            let exchange = exchange.as_str();
            async move {
                let messages: Vec<(&[u8], usize)> = share
                    .iter()
                    .map(|pack| (pack.payload.as_slice(), pack.ids.len()))
                    .collect();
                for (_, count) in &messages {
                    self.metrics.publish_group_size.observe(*count as f64);
                }
                let messages = &messages;
                let outcome = self
                    .confirmed_outcome(routing_key, |channel| async move {
                        broker::publish_notification_packs(
                            &channel,
                            exchange,
                            routing_key,
                            messages,
                        )
                        .await
                    })
                    .await;
                (share, outcome)
            }
        }))
        .await;
        let total: usize = packs.iter().map(|p| p.ids.len()).sum();
        let (mut confirmed, mut unknown, mut first_failure) = (0, 0, None);
        for (share, outcome) in published {
            match outcome {
                Ok(()) => confirmed += share.iter().map(|p| p.ids.len()).sum::<usize>(),
                Err(failure) => {
                    if failure.may_have_landed {
                        unknown += self.settle_packs(share).await;
                    }
                    first_failure.get_or_insert(failure);
                }
            }
        }
        let outcome = match first_failure {
            Some(Failure { answer, .. }) if confirmed < total => Err(answer),
            _ => Ok(()),
        };
        BulkPublished {
            confirmed,
            unknown,
            outcome,
        }
    }

    /// Disowns each pack of a share that may have reached the broker
    /// (withdrawing what is stored already): returns the notifications that
    /// could not be settled.
    async fn settle_packs(&self, share: &[BulkPack]) -> usize {
        let mut unsettled = 0;
        for pack in share {
            let ids = pack.ids.clone();
            let decided = self.db.run(move |conn| disowned::disown(conn, &ids)).await;
            let outcome = match &decided {
                Ok(0) => "disowned",
                Ok(_) => "withdrawn",
                Err(error) => {
                    tracing::error!(%error, "a bulk pack's outcome is unknown and could not be disowned");
                    unsettled += pack.ids.len();
                    "unknown"
                }
            };
            self.metrics
                .publish_uncertain_total
                .with_label_values(&[outcome])
                .inc();
        }
        unsettled
    }
}
