//! Database access from the API, with a deadline and a bound.
//!
//! The POST path never calls this. Reads (GET by id, a cache miss) do, and
//! each call: waits for one of a fixed number of permits (so at most that
//! many requests ever wait on PostgreSQL, whatever it does), runs the diesel
//! code on a blocking thread (never on an HTTP worker), and gives up at the
//! deadline with a 503. A stalled database therefore costs a few permits,
//! never the HTTP workers that answer probes and POSTs.

use std::sync::Arc;
use std::time::Duration;

use diesel::PgConnection;
use diesel::result::QueryResult;
use herald_domain::db::PgPool;
use herald_domain::metrics::Metrics;
use tokio::sync::Semaphore;
use tokio::time::{Instant, timeout_at};

use crate::error::ApiError;

#[derive(Clone)]
pub struct Db {
    pool: PgPool,
    permits: Arc<Semaphore>,
    deadline: Duration,
    metrics: Metrics,
}

impl Db {
    pub fn new(pool: PgPool, deadline: Duration, metrics: Metrics) -> Self {
        let permits = Arc::new(Semaphore::new(pool.max_size() as usize));
        Db {
            pool,
            permits,
            deadline,
            metrics,
        }
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Runs `query` on a pooled connection within the deadline.
    pub async fn run<T, F>(&self, query: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut PgConnection) -> QueryResult<T> + Send + 'static,
    {
        let pool = self.pool.clone();
        let wait = self
            .metrics
            .db_pool_wait_seconds
            .with_label_values(&["api"]);
        self.run_blocking(move || {
            let waiting = std::time::Instant::now();
            let conn = pool.get();
            wait.observe(waiting.elapsed().as_secs_f64());
            let mut conn = conn?;
            Ok(herald_domain::db::unit_of_work(&mut conn, query)?)
        })
        .await
    }

    /// Runs blocking storage code (a [`PdfStore`] call) under the same
    /// permits and deadline as a query.
    ///
    /// [`PdfStore`]: herald_domain::letters::store::PdfStore
    pub async fn run_blocking<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce() -> anyhow::Result<T> + Send + 'static,
    {
        let deadline = Instant::now() + self.deadline;
        let unavailable = || ApiError::Unavailable("The database did not answer in time".into());
        let permit = timeout_at(deadline, self.permits.clone().acquire_owned())
            .await
            .map_err(|_| unavailable())?
            .map_err(|_| unavailable())?;
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        });
        match timeout_at(deadline, task).await {
            Err(_) => Err(unavailable()),
            Ok(Err(join)) => Err(ApiError::Unexpected(join.into())),
            Ok(Ok(Err(error))) => {
                tracing::warn!(error.cause_chain = ?error, "database call failed");
                Err(ApiError::Unavailable("The database is unavailable".into()))
            }
            Ok(Ok(Ok(value))) => Ok(value),
        }
    }
}
