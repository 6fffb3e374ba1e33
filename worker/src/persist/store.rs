//! Writing one batch: a single transaction with an idempotent multi-row
//! insert of every notification the API has not disowned
//! ([`disowned`]). If the database rejects the data (a constraint, an encoding
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
use herald_domain::models::disowned;
use uuid::Uuid;

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

/// Outcome of a committed batch.
#[derive(Debug, Default)]
pub struct Stored {
    /// Rows inserted (duplicates from redelivery not counted).
    pub inserted: usize,
    /// Notifications not inserted because the API disowned them.
    pub disowned: usize,
    /// Messages the database refused.
    pub rejected: Vec<Rejected>,
}

pub fn store_batch(
    conn: &mut PgConnection,
    messages: &[(Origin, NotificationMessage)],
    known_partitions: &mut HashSet<NaiveDate>,
) -> Result<Stored, StoreError> {
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
    let mut stored = Stored::default();
    insert_isolating(conn, messages, &mut stored)?;
    Ok(stored)
}

fn insert_isolating(
    conn: &mut PgConnection,
    messages: &[(Origin, NotificationMessage)],
    stored: &mut Stored,
) -> Result<(), StoreError> {
    if messages.is_empty() {
        return Ok(());
    }
    let ids: Vec<Uuid> = messages.iter().map(|(_, m)| m.id).collect();
    let insert = |conn: &mut PgConnection| {
        // Never an id the API disowned (it answered 503 for it).
        let disowned = disowned::lock_and_find_disowned(conn, &ids)?;
        let rows: Vec<NewNotification<'_>> = messages
            .iter()
            .filter(|(_, m)| !disowned.contains(&m.id))
            .map(|(_, m)| m.into())
            .collect();
        Ok::<_, DieselError>((NewNotification::insert_batch(conn, &rows)?, disowned.len()))
    };
    match herald_domain::db::transaction(conn, insert) {
        Ok((inserted, disowned)) => {
            stored.inserted += inserted;
            stored.disowned += disowned;
            Ok(())
        }
        Err(error) if is_data_error(&error) => match messages {
            [(origin, message)] => {
                let reason = error.to_string();
                stored
                    .rejected
                    .push(Rejected::item(*origin, message, reason));
                Ok(())
            }
            _ => {
                let (left, right) = messages.split_at(messages.len() / 2);
                insert_isolating(conn, left, stored)?;
                insert_isolating(conn, right, stored)
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
