//! PostgreSQL: the connection pool, the embedded migrations and the daily
//! partitions of `notifications`.
//!
//! diesel is synchronous. Async callers run these functions on a blocking
//! thread (`tokio::task::spawn_blocking`) and put their own deadline on it;
//! every statement also runs under a `statement_timeout`, so a stalled
//! database frees the blocking thread eventually rather than never.
//!
//! Two ways to reach PostgreSQL ([`Pooler`], `HERALD_DB_POOLER`):
//!
//! * `none` (directly, or through a session pooler): each connection is one
//!   server session, so diesel's prepared-statement cache is kept and the
//!   timeout is a session `SET statement_timeout` when the connection is
//!   made.
//! * `transaction` (PgBouncer `pool_mode = transaction`, any version): each
//!   transaction may run on a different server connection, so nothing may
//!   rely on the session. The prepared-statement cache is disabled (diesel
//!   then sends unnamed statements, Parse/Bind/Execute in one go, which any
//!   transaction pooler carries), and the timeout is a `SET LOCAL
//!   statement_timeout` at the start of every transaction ([`transaction`],
//!   [`unit_of_work`]). Migrations take a session advisory lock: they go to
//!   `DATABASE_DIRECT_URL` (see [`direct_url`]).

use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::time::Duration;

use chrono::{DateTime, Days, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::sql_types::Date;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations");

pub type PgPool = Pool<ConnectionManager<PgConnection>>;
pub type PgPooled = PooledConnection<ConnectionManager<PgConnection>>;

/// What stands between Herald and PostgreSQL (`HERALD_DB_POOLER`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Pooler {
    /// Nothing, or a session pooler: a connection is a server session.
    #[default]
    None,
    /// A transaction pooler (PgBouncer `pool_mode = transaction`, any
    /// version, including 1.18 without `max_prepared_statements`).
    Transaction,
}

/// Whether any pool of this process goes through a transaction pooler
/// (set by [`pool`], never unset: `SET LOCAL` is harmless on a direct
/// connection, a missing one is not under a pooler).
static POOLER: AtomicU8 = AtomicU8::new(0);
/// The per-transaction `statement_timeout` (ms) under a transaction pooler:
/// the longest of the process's pools behind the pooler (a worker's batch commits,
/// 60 s; an API process alone, its request deadline; an admin command,
/// 30 s).
static LOCAL_TIMEOUT_MS: AtomicU64 = AtomicU64::new(0);

fn transaction_pooling() -> bool {
    POOLER.load(Ordering::Relaxed) == 1
}

#[derive(Debug)]
struct SessionSettings {
    statement_timeout: Duration,
    pooler: Pooler,
}

impl CustomizeConnection<PgConnection, diesel::r2d2::Error> for SessionSettings {
    fn on_acquire(&self, conn: &mut PgConnection) -> Result<(), diesel::r2d2::Error> {
        if self.pooler == Pooler::Transaction {
            // Named statements live in one server session; the next
            // transaction may run on another.
            conn.set_prepared_statement_cache_size(diesel::connection::CacheSize::Disabled);
            return Ok(());
        }
        diesel::sql_query(format!(
            "SET statement_timeout = {}",
            self.statement_timeout.as_millis()
        ))
        .execute(conn)
        .map(|_| ())
        .map_err(diesel::r2d2::Error::QueryError)
    }
}

/// Runs `work` in a transaction whose statements all carry the timeout:
/// under a transaction pooler it starts with `SET LOCAL statement_timeout`
/// (the session `SET` would land on whichever server connection served
/// it). Nested inside another transaction it is a savepoint.
pub fn transaction<T, E, F>(conn: &mut PgConnection, work: F) -> Result<T, E>
where
    F: FnOnce(&mut PgConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let outermost = AnsiTransactionManager::transaction_manager_status_mut(conn)
        .transaction_depth()
        .ok()
        .flatten()
        .is_none();
    conn.transaction(|conn| {
        if outermost && transaction_pooling() {
            set_local_timeout(conn)?;
        }
        work(conn)
    })
}

/// A unit of work on a pooled connection: as is without a transaction
/// pooler; in one transaction (with its timeout, [`transaction`]) under
/// one, since each statement outside a transaction would otherwise run
/// without a timeout.
pub fn unit_of_work<T, E, F>(conn: &mut PgConnection, work: F) -> Result<T, E>
where
    F: FnOnce(&mut PgConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    if transaction_pooling() {
        transaction(conn, work)
    } else {
        work(conn)
    }
}

fn set_local_timeout(conn: &mut PgConnection) -> QueryResult<()> {
    let ms = LOCAL_TIMEOUT_MS.load(Ordering::Relaxed);
    if ms > 0 {
        diesel::sql_query(format!("SET LOCAL statement_timeout = {ms}")).execute(conn)?;
    }
    Ok(())
}

/// The URL for work that needs a session of its own (migrations hold a
/// session advisory lock): `DATABASE_DIRECT_URL` when set, else
/// `DATABASE_URL`.
pub fn direct_url(settings: &crate::config::Settings) -> &str {
    settings
        .database_direct_url
        .as_deref()
        .filter(|url| !url.is_empty())
        .unwrap_or(&settings.database_url)
}

/// A lazily-connecting pool: building it never waits for the database, so a
/// process starts (and its probes answer) while PostgreSQL is down.
/// Connections are tested on checkout, so one broken by an outage is
/// replaced instead of failing the next batch too.
/// With [`Pooler::Transaction`], the connections keep no prepared
/// statements and every [`transaction`] of the process sets its own
/// timeout.
pub fn pool(
    url: &str,
    pooler: Pooler,
    size: u32,
    checkout_timeout: Duration,
    statement_timeout: Duration,
) -> anyhow::Result<PgPool> {
    let url = with_connect_timeout(url);
    if pooler == Pooler::Transaction {
        let ms = u64::try_from(statement_timeout.as_millis()).unwrap_or(u64::MAX);
        LOCAL_TIMEOUT_MS.fetch_max(ms, Ordering::Relaxed);
        POOLER.store(1, Ordering::Relaxed);
    }
    Ok(Pool::builder()
        .max_size(size)
        .min_idle(Some(0))
        .connection_timeout(checkout_timeout)
        .test_on_check_out(true)
        .connection_customizer(Box::new(SessionSettings {
            statement_timeout,
            pooler,
        }))
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
