//! Releases scheduled sends on time: once a second, one indexed query
//! claims the held packs that are due (`scheduled_packs`, whatever the
//! number of notifications held: never a query per notification), publishes
//! each to its delivery lane (a job's to its type's bulk lane, a single
//! send's to the single-send lane; confirmed), then drops them and marks
//! their jobs in progress. A release that dies after publishing is
//! repeated once its claim lapses (at least once, like delivery); several
//! workers releasing at once never take the same pack (`SKIP LOCKED`).

use std::collections::HashMap;
use std::time::Duration;

use herald_domain::broker::{self, Topology};
use herald_domain::db::{self, PgPool};
use herald_domain::kinds::NotificationType;
use herald_domain::models::{DuePack, claim_due_packs, released};
use lapin::{Channel, Connection};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

pub const RELEASE_EVERY: Duration = Duration::from_secs(1);
/// Packs claimed per round, at most (100 notifications each by default).
const PACKS_PER_ROUND: i64 = 100;
/// A claim lapses after this long (the release died): then it is retried.
const CLAIM_SECONDS: i64 = 60;

pub async fn release_due(
    pool: PgPool,
    amqp_url: String,
    topology: Topology,
    stop: CancellationToken,
) {
    let mut link: Option<(Connection, Channel)> = None;
    loop {
        tokio::select! {
            () = stop.cancelled() => break,
            () = tokio::time::sleep(RELEASE_EVERY) => {}
        }
        loop {
            let claim_pool = pool.clone();
            let claimed = tokio::task::spawn_blocking(move || {
                let mut conn = claim_pool.get()?;
                Ok::<_, anyhow::Error>(db::unit_of_work(&mut conn, |conn| {
                    claim_due_packs(conn, PACKS_PER_ROUND, CLAIM_SECONDS)
                })?)
            })
            .await;
            let packs = match claimed {
                Ok(Ok(packs)) if !packs.is_empty() => packs,
                Ok(Ok(_)) => break,
                Ok(Err(error)) => {
                    tracing::warn!(error = %format!("{error:#}"), "cannot claim scheduled sends; trying again");
                    break;
                }
                Err(error) => {
                    tracing::error!(%error, "claiming scheduled sends panicked");
                    break;
                }
            };
            let full = i64::try_from(packs.len()).unwrap_or(i64::MAX) >= PACKS_PER_ROUND;
            if let Err(error) = publish(&mut link, &amqp_url, &topology, &packs).await {
                tracing::warn!(%error, "releasing scheduled sends failed; they are retried once their claim lapses");
                if let Some((connection, _)) = link.take() {
                    let _ = connection.close(200, "reconnecting".into()).await;
                }
                break;
            }
            let ids: Vec<i64> = packs.iter().map(|p| p.id).collect();
            let mut jobs: Vec<Uuid> = packs.iter().filter_map(|p| p.job_id).collect();
            jobs.sort();
            jobs.dedup();
            let done_pool = pool.clone();
            let done = tokio::task::spawn_blocking(move || {
                let mut conn = done_pool.get()?;
                Ok::<_, anyhow::Error>(db::unit_of_work(&mut conn, |conn| {
                    released(conn, &ids, &jobs)
                })?)
            })
            .await;
            if !matches!(done, Ok(Ok(()))) {
                tracing::warn!(
                    "released scheduled sends could not be marked; they are released again once their claim lapses"
                );
                break;
            }
            if !full {
                break;
            }
        }
    }
    if let Some((connection, channel)) = link {
        let _ = channel.close(200, "shutting down".into()).await;
        let _ = connection.close(200, "shutting down".into()).await;
    }
}

/// Publishes the packs to their delivery lanes, confirmed.
async fn publish(
    link: &mut Option<(Connection, Channel)>,
    amqp_url: &str,
    topology: &Topology,
    packs: &[DuePack],
) -> anyhow::Result<()> {
    if link
        .as_ref()
        .is_none_or(|(connection, _)| !connection.status().connected())
    {
        let name = format!("herald-worker-scheduler {}", topology.prefix());
        let connection = broker::connect(amqp_url, &name).await?;
        topology.declare(&connection).await?;
        let channel = broker::confirm_channel(&connection).await?;
        *link = Some((connection, channel));
    }
    let Some((_, channel)) = link.as_ref() else {
        anyhow::bail!("no broker channel");
    };
    let mut by_queue: HashMap<String, Vec<(Vec<u8>, usize)>> = HashMap::new();
    for pack in packs {
        let kind: NotificationType = pack
            .notification_type
            .parse()
            .map_err(|_| anyhow::anyhow!("unknown type {:?}", pack.notification_type))?;
        let queue = match pack.job_id {
            Some(_) => topology.bulk_deliver_queue(kind),
            None => topology.deliver_queue(kind),
        };
        by_queue.entry(queue).or_default().push((
            pack.payload.clone(),
            usize::try_from(pack.notifications).unwrap_or(1),
        ));
    }
    let publishing = async {
        for (queue, packs) in &by_queue {
            let packs: Vec<(&[u8], usize)> = packs
                .iter()
                .map(|(payload, count)| (payload.as_slice(), *count))
                .collect();
            broker::publish_notification_packs(channel, "", queue, &packs).await?;
        }
        Ok::<_, broker::PublishError>(())
    };
    tokio::time::timeout(Duration::from_secs(30), publishing)
        .await
        .map_err(|_| anyhow::anyhow!("the broker did not confirm in time"))??;
    Ok(())
}
