//! A single send with `scheduled_for` (GC Notify's scheduling): the
//! notification is stored at once (published, confirmed, under
//! `notification.scheduled-<type>`, which only the persist queue takes) and
//! its delivery is held in the database until then, when the worker releases
//! it to the single-send lane (`worker/src/scheduled.rs`). The one database
//! write on this path (bounded and timed out like every request's): a
//! database outage is a 503 for scheduled sends only.

use chrono::{DateTime, Utc};
use herald_domain::broker;
use herald_domain::messages::{self, NotificationMessage};
use herald_domain::models::Job;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::publisher::BulkPack;
use crate::state::AppState;

pub(super) async fn publish_scheduled(
    state: &AppState,
    caller: &Caller,
    message: &NotificationMessage,
    release_at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let kind = message.notification_type;
    let encoded = serde_json::to_vec(message).map_err(anyhow::Error::from)?;
    let pack = BulkPack {
        payload: messages::pack(&[encoded]),
        ids: vec![message.id],
    };
    let held = pack.payload.clone();
    let hold = state
        .db
        .run(move |conn| Job::hold_single(conn, kind.as_str(), release_at, &held))
        .await?;
    let published = state
        .publisher
        .publish_bulk(&broker::scheduled_routing_key(kind), &[pack])
        .await;
    if let Err(error) = published.outcome {
        // Disowned (or unknown): not sent either, the hold goes.
        if let Err(dropping) = state.db.run(move |conn| Job::unhold(conn, hold)).await {
            tracing::warn!(notification.id = %message.id, error = %dropping, "could not drop the hold of a scheduled send that was not queued");
        }
        return Err(error);
    }
    state
        .limits
        .record_accepted(caller.service.service.id, caller.key_type, kind);
    state
        .metrics
        .notifications_accepted_total
        .with_label_values(&[kind.as_str(), caller.key_type.as_str()])
        .inc();
    Ok(())
}
