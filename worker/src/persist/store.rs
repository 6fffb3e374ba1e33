//! Writing one batch: a single transaction with an idempotent multi-row
//! insert. If the database rejects the data (a constraint, an encoding
//! error), the batch is split in halves until the offending messages are
//! isolated (one notification, even out of a packed message); everything
//! else commits. Any other failure (connection lost,
//! timeout) fails the whole call so the caller retries it later: committed
//! halves are harmless on retry, since the insert skips existing rows.

use std::collections::HashSet;

use chrono::NaiveDate;
use diesel::PgConnection;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use herald_domain::db;
use herald_domain::messages::NotificationMessage;
use herald_domain::models::NewNotification;

use crate::consumer::{Origin, Rejected};

/// A failure that is not the data's fault (connection lost, timeout, the
/// database shutting down): the whole batch is retried later.
#[derive(Debug)]
pub struct StoreError(pub anyhow::Error);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:#}", self.0)
    }
}

/// Outcome of a committed batch: rows inserted (duplicates skipped) and the
/// messages the database refused.
pub fn store_batch(
    conn: &mut PgConnection,
    messages: &[(Origin, NotificationMessage)],
    known_partitions: &mut HashSet<NaiveDate>,
) -> Result<(usize, Vec<Rejected>), StoreError> {
    let days: Vec<NaiveDate> = messages
        .iter()
        .map(|(_, m)| m.created_at.date_naive())
        .filter(|day| !known_partitions.contains(day))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    if !days.is_empty() {
        db::ensure_partitions(conn, days.iter().copied()).map_err(|e| StoreError(e.into()))?;
        known_partitions.extend(days);
    }
    let mut rejected = Vec::new();
    let inserted = insert_isolating(conn, messages, &mut rejected)?;
    Ok((inserted, rejected))
}

fn insert_isolating(
    conn: &mut PgConnection,
    messages: &[(Origin, NotificationMessage)],
    rejected: &mut Vec<Rejected>,
) -> Result<usize, StoreError> {
    if messages.is_empty() {
        return Ok(0);
    }
    let rows: Vec<NewNotification<'_>> = messages.iter().map(|(_, m)| m.into()).collect();
    match herald_domain::db::transaction(conn, |conn| NewNotification::insert_batch(conn, &rows)) {
        Ok(inserted) => Ok(inserted),
        Err(error) if is_data_error(&error) => match messages {
            [(origin, message)] => {
                rejected.push(Rejected::item(*origin, message, error.to_string()));
                Ok(0)
            }
            _ => {
                let (left, right) = messages.split_at(messages.len() / 2);
                Ok(insert_isolating(conn, left, rejected)?
                    + insert_isolating(conn, right, rejected)?)
            }
        },
        Err(error) => Err(StoreError(error.into())),
    }
}

/// Errors caused by the data itself, which retrying cannot fix.
fn is_data_error(error: &DieselError) -> bool {
    match error {
        DieselError::DatabaseError(kind, info) => match kind {
            DatabaseErrorKind::UniqueViolation
            | DatabaseErrorKind::ForeignKeyViolation
            | DatabaseErrorKind::NotNullViolation
            | DatabaseErrorKind::CheckViolation
            | DatabaseErrorKind::RestrictViolation
            | DatabaseErrorKind::ExclusionViolation => true,
            _ => {
                let message = info.message();
                [
                    "invalid byte sequence",
                    "value too long",
                    "out of range",
                    "invalid input syntax",
                    "unsupported Unicode escape sequence",
                ]
                .iter()
                .any(|needle| message.contains(needle))
            }
        },
        DieselError::SerializationError(_) => true,
        _ => false,
    }
}
