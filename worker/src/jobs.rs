//! Bulk sends' progress: folds the counters' increments (`job_counts`,
//! appended by the triggers on every persist and status batch) into the
//! `jobs` rows, every few seconds, so reading a job sums only the few
//! increments appended since. Run wherever persist runs; several workers
//! folding at once are harmless (one statement each: a row another fold
//! took is simply gone).

use std::time::Duration;

use herald_domain::db::{self, PgPool};
use herald_domain::models::fold_job_counts;
use tokio_util::sync::CancellationToken;

pub const FOLD_EVERY: Duration = Duration::from_secs(5);

pub async fn fold_counts(pool: PgPool, stop: CancellationToken) {
    loop {
        tokio::select! {
            () = stop.cancelled() => return,
            () = tokio::time::sleep(FOLD_EVERY) => {}
        }
        let pool = pool.clone();
        let folded = tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            Ok::<_, anyhow::Error>(db::unit_of_work(&mut conn, fold_job_counts)?)
        })
        .await;
        match folded {
            Ok(Ok(_)) => {}
            Ok(Err(error)) => {
                tracing::warn!(%error, "folding job counts failed; trying again later")
            }
            Err(error) => tracing::error!(%error, "folding job counts panicked"),
        }
    }
}
