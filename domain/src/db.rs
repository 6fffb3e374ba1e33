//! PostgreSQL: the connection pool, the embedded migrations and the daily
//! partitions of `notifications`.
//!
//! diesel is synchronous. Async callers run these functions on a blocking
//! thread (`tokio::task::spawn_blocking`) and put their own deadline on it;
//! every pooled connection also carries a `statement_timeout`, so a stalled
//! database frees the blocking thread eventually rather than never.

use std::time::Duration;

use chrono::{DateTime, Days, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::sql_types::Date;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations");

pub type PgPool = Pool<ConnectionManager<PgConnection>>;
pub type PgPooled = PooledConnection<ConnectionManager<PgConnection>>;

#[derive(Debug)]
struct SessionSettings {
    statement_timeout: Duration,
}

impl CustomizeConnection<PgConnection, diesel::r2d2::Error> for SessionSettings {
    fn on_acquire(&self, conn: &mut PgConnection) -> Result<(), diesel::r2d2::Error> {
        diesel::sql_query(format!(
            "SET statement_timeout = {}",
            self.statement_timeout.as_millis()
        ))
        .execute(conn)
        .map(|_| ())
        .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// A lazily-connecting pool: building it never waits for the database, so a
/// process starts (and its probes answer) while PostgreSQL is down.
/// Connections are tested on checkout, so one broken by an outage is
/// replaced instead of failing the next batch too.
pub fn pool(
    url: &str,
    size: u32,
    checkout_timeout: Duration,
    statement_timeout: Duration,
) -> anyhow::Result<PgPool> {
    let url = with_connect_timeout(url);
    Ok(Pool::builder()
        .max_size(size)
        .min_idle(Some(0))
        .connection_timeout(checkout_timeout)
        .test_on_check_out(true)
        .connection_customizer(Box::new(SessionSettings { statement_timeout }))
        .build_unchecked(ConnectionManager::new(url)))
}

/// libpq waits forever for an unreachable host unless told otherwise.
fn with_connect_timeout(url: &str) -> String {
    if url.contains("connect_timeout=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&connect_timeout=3")
    } else {
        format!("{url}?connect_timeout=3")
    }
}

/// Applies every pending migration, holding an advisory lock so that several
/// `herald migrate` runs (e.g. two Jobs) never interleave.
pub fn run_migrations(conn: &mut PgConnection) -> anyhow::Result<Vec<String>> {
    diesel::sql_query("SELECT pg_advisory_lock(7263541)").execute(conn)?;
    let result = conn
        .run_pending_migrations(MIGRATIONS)
        .map(|done| done.iter().map(ToString::to_string).collect())
        .map_err(|e| anyhow::anyhow!("running migrations: {e}"));
    diesel::sql_query("SELECT pg_advisory_unlock(7263541)").execute(conn)?;
    result
}

/// Makes sure the partitions for the given days exist.
pub fn ensure_partitions(
    conn: &mut PgConnection,
    days: impl IntoIterator<Item = NaiveDate>,
) -> QueryResult<()> {
    for day in days {
        diesel::sql_query("SELECT herald_ensure_notifications_partition($1)")
            .bind::<Date, _>(day)
            .execute(conn)?;
    }
    Ok(())
}

/// Yesterday to `ahead` days after `now`: the partitions the worker keeps
/// ready.
pub fn partition_window(now: DateTime<Utc>, ahead: u64) -> Vec<NaiveDate> {
    let today = now.date_naive();
    let first = today.checked_sub_days(Days::new(1)).unwrap_or(today);
    (0..=ahead + 1)
        .filter_map(|n| first.checked_add_days(Days::new(n)))
        .collect()
}

/// Name of the database in `/_status` and of the `db_check` metrics.
pub const DATABASE: &str = "database";

/// Checks the database in the background: every `every`, a `SELECT 1` with
/// a deadline, and the pool's state. The result goes to metrics and the deep
/// status page, never to a probe: a slow database must not take pods out of
/// the load balancer.
pub async fn watch_database(
    pool: PgPool,
    pool_name: &'static str,
    health: herald_probes::Health,
    metrics: crate::metrics::Metrics,
    every: Duration,
    stop: tokio_util::sync::CancellationToken,
) {
    const DEADLINE: Duration = Duration::from_secs(2);
    loop {
        let state = pool.state();
        let idle = i64::from(state.idle_connections);
        metrics
            .db_pool_connections
            .with_label_values(&[pool_name, "idle"])
            .set(idle);
        metrics
            .db_pool_connections
            .with_label_values(&[pool_name, "in_use"])
            .set(i64::from(state.connections) - idle);

        let started = std::time::Instant::now();
        let check_pool = pool.clone();
        let check = tokio::task::spawn_blocking(move || {
            let mut conn = check_pool.get().map_err(|e| e.to_string())?;
            diesel::sql_query("SELECT 1")
                .execute(&mut conn)
                .map(|_| ())
                .map_err(|e| e.to_string())
        });
        let outcome = match tokio::time::timeout(DEADLINE, check).await {
            Ok(Ok(result)) => result,
            Ok(Err(join)) => Err(join.to_string()),
            Err(_) => Err(format!("no answer within {DEADLINE:?}")),
        };
        let latency = started.elapsed();
        metrics.db_check_latency_seconds.set(latency.as_secs_f64());
        metrics.db_check_up.set(i64::from(outcome.is_ok()));
        metrics
            .db_checks_total
            .with_label_values(&[if outcome.is_ok() { "ok" } else { "error" }])
            .inc();
        health.set_dependency(
            DATABASE,
            herald_probes::DependencyStatus {
                reachable: outcome.is_ok(),
                latency_ms: latency.as_secs_f64() * 1000.0,
                checked_at: Utc::now().timestamp(),
                error: outcome.err(),
            },
        );
        tokio::select! {
            () = stop.cancelled() => return,
            () = tokio::time::sleep(every) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_connect_timeout_is_added_once() {
        assert_eq!(
            with_connect_timeout("postgres://h/db"),
            "postgres://h/db?connect_timeout=3"
        );
        assert_eq!(
            with_connect_timeout("postgres://h/db?sslmode=disable"),
            "postgres://h/db?sslmode=disable&connect_timeout=3"
        );
        assert_eq!(
            with_connect_timeout("postgres://h/db?connect_timeout=9"),
            "postgres://h/db?connect_timeout=9"
        );
    }

    #[test]
    fn the_window_starts_yesterday() {
        let now = DateTime::parse_from_rfc3339("2026-11-21T10:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .expect("valid date");
        let days = partition_window(now, 2);
        let text: Vec<String> = days.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            ["2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23"]
        );
    }
}
