//! Notify's sending timeout: a notification still `sending` (or `pending`)
//! `HERALD_SENDING_TIMEOUT_HOURS` after it was created becomes
//! `temporary-failure`. The job only finds them (in pages of 1,000) and
//! publishes `temporary-failure` events to the status queue: the status
//! worker applies them in its grouped transactions and queues the
//! callbacks, as for any receipt.

use std::time::Duration;

use herald_domain::broker::{self, Topology};
use herald_domain::config::Settings;
use herald_domain::db::{self, PgPool};
use herald_domain::kinds::Status;
use herald_domain::messages::StatusEvent;
use herald_domain::models;
use tokio_util::sync::CancellationToken;

const EVERY: Duration = Duration::from_secs(600);
const PAGE: i64 = 1000;
/// Partitions older than the timeout plus this are not scanned.
const LOOKBACK_DAYS: i64 = 7;

pub async fn run(pool: PgPool, settings: Settings, topology: Topology, stop: CancellationToken) {
    let after =
        chrono::Duration::hours(i64::try_from(settings.sending_timeout_hours).unwrap_or(72));
    loop {
        match time_out(&pool, &settings.amqp_url, &topology, after).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "timed out notifications stuck in sending"),
            Err(error) => {
                tracing::warn!(error = %format!("{error:#}"), "sending timeout pass failed")
            }
        }
        tokio::select! {
            () = stop.cancelled() => return,
            () = tokio::time::sleep(EVERY) => {}
        }
    }
}

/// One pass; returns how many events it published.
pub async fn time_out(
    pool: &PgPool,
    amqp_url: &str,
    topology: &Topology,
    after: chrono::Duration,
) -> anyhow::Result<usize> {
    let mut connection = None;
    let mut published = 0;
    loop {
        let query_pool = pool.clone();
        let ids = tokio::task::spawn_blocking(move || {
            let mut conn = query_pool.get()?;
            Ok::<_, anyhow::Error>(db::unit_of_work(&mut conn, |conn| {
                models::stuck_sending(conn, after, chrono::Duration::days(LOOKBACK_DAYS), PAGE)
            })?)
        })
        .await??;
        if ids.is_empty() {
            break;
        }
        if connection.is_none() {
            let conn = broker::connect(
                amqp_url,
                &format!("herald-worker-timeouts {}", topology.prefix()),
            )
            .await?;
            let channel = broker::confirm_channel(&conn).await?;
            connection = Some((conn, channel));
        }
        let Some((_, channel)) = &connection else {
            break;
        };
        let events = ids
            .iter()
            .map(|id| StatusEvent {
                provider_response: Some(
                    "No delivery receipt within the sending timeout".to_owned(),
                ),
                ..StatusEvent::now(*id, Status::TemporaryFailure)
            })
            .collect();
        broker::publish_status_events(channel, &topology.status_queue(), events, None).await?;
        published += ids.len();
        if ids.len() < usize::try_from(PAGE).unwrap_or(usize::MAX) {
            break;
        }
        // Give the status worker time to apply this page before the next
        // query finds the same rows again.
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
    if let Some((conn, _)) = connection {
        let _ = conn.close(200, "done".into()).await;
    }
    Ok(published)
}
