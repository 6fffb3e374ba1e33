//! Publishing a bulk send's rows straight from the request: packs of
//! notifications (each one broker message, as the group commit packs single
//! sends) spread over the confirm channels and all in flight at once, so the
//! broker confirms them together.

use futures_util::future::join_all;
use herald_domain::broker;

use super::{PUBLISH_CHANNELS, Publisher};
use crate::error::ApiError;

/// What a bulk publish achieved: how many notifications the broker
/// confirmed, and the first failure if any message was not confirmed.
pub struct BulkPublished {
    pub confirmed: usize,
    pub outcome: Result<(), ApiError>,
}

impl Publisher {
    /// Publishes `packs` (each a JSON array of notifications with the number
    /// it holds) under `routing_key`, confirmed, within the publish timeout
    /// per channel's share.
    pub async fn publish_bulk(
        &self,
        routing_key: &str,
        packs: Vec<(Vec<u8>, usize)>,
    ) -> BulkPublished {
        let exchange = self.topology.notifications_exchange();
        let per_channel = packs.len().div_ceil(PUBLISH_CHANNELS).max(1);
        let shares: Vec<&[(Vec<u8>, usize)]> = packs.chunks(per_channel).collect();
        let published = join_all(shares.iter().map(|share| {
            let exchange = exchange.as_str();
            let share: &[(Vec<u8>, usize)] = share;
            async move {
                for (_, count) in share {
                    self.metrics.publish_group_size.observe(*count as f64);
                }
                let result = self
                    .confirmed(routing_key, |channel| async move {
                        broker::publish_notification_packs(&channel, exchange, routing_key, share)
                            .await
                    })
                    .await;
                (share.iter().map(|(_, count)| count).sum::<usize>(), result)
            }
        }))
        .await;
        let mut confirmed = 0;
        let mut outcome = Ok(());
        for (count, result) in published {
            match result {
                Ok(()) => confirmed += count,
                Err(error) => {
                    if outcome.is_ok() {
                        outcome = Err(error);
                    }
                }
            }
        }
        BulkPublished { confirmed, outcome }
    }
}
