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
            Ok(Ok(Err(error))) if is_refused_statement(&error) => {
                // PostgreSQL answered: it is up, and refused this statement
                // (request input is validated before it gets here, so this
                // is a bug, not an outage). Logged once, as a 500, by the
                // error type.
                Err(ApiError::Unexpected(
                    error.context("the database refused the statement"),
                ))
            }
            Ok(Ok(Err(error))) => {
                // `{:#}`: the cause chain on one line, never a backtrace.
                tracing::warn!(error.cause_chain = %format_args!("{error:#}"), "database call failed");
                Err(ApiError::Unavailable("The database is unavailable".into()))
            }
            Ok(Ok(Ok(value))) => Ok(value),
        }
    }
}

/// Whether a failed call failed because PostgreSQL refused the statement
/// (a data exception, a constraint, a statement diesel could not build or
/// read), as opposed to not being reachable (no connection from the pool, a
/// connection lost or closed).
fn is_refused_statement(error: &anyhow::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    match error.downcast_ref::<Error>() {
        Some(Error::DatabaseError(
            DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
            _,
        )) => false,
        Some(
            Error::DatabaseError(..)
            | Error::QueryBuilderError(_)
            | Error::DeserializationError(_)
            | Error::SerializationError(_)
            | Error::InvalidCString(_),
        ) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::result::{DatabaseErrorKind, Error};

    #[test]
    fn a_refused_statement_is_not_an_outage() {
        let refused = anyhow::Error::new(Error::DatabaseError(
            DatabaseErrorKind::Unknown,
            Box::new("invalid byte sequence for encoding \"UTF8\": 0x00".to_owned()),
        ));
        assert!(is_refused_statement(&refused));
        let closed = anyhow::Error::new(Error::DatabaseError(
            DatabaseErrorKind::ClosedConnection,
            Box::new("server closed the connection unexpectedly".to_owned()),
        ));
        assert!(!is_refused_statement(&closed));
        assert!(!is_refused_statement(&anyhow::anyhow!(
            "timed out waiting for connection"
        )));
    }
}
