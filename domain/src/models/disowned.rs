//! Notifications the API disowned: it answered 503 after a publish whose
//! outcome it could not know, so they must never be stored or sent (see the
//! migration `disowned_notifications` and docs/reliability.md).
//!
//! One advisory lock orders the API's decision against the persist
//! worker's inserts. Every insert transaction takes it shared, then (in a
//! later statement, so with a snapshot taken after the lock) reads which of
//! its ids are disowned and inserts the others. The API takes it
//! exclusively, which waits for the inserts in progress to commit, then
//! sees every notification already stored: if the message landed it
//! answers 201; if not it records the ids, and every later insert sees
//! them. Disowning is rare (a broker failure mid-publish), so an exclusive
//! lock held for two statements costs the inserts nothing measurable.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

/// The advisory lock key ("HERALD-O", ownership). Herald's other locks (the
/// migrations', partition creation's `hashtext`) are 32-bit: never this.
const OWNERSHIP_LOCK: i64 = 0x4845_5241_4c44_2d4f;

/// What the API learnt from [`disown`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ownership {
    /// At least one of the ids is stored: the message landed (a message's
    /// notifications commit together), so the request succeeded after all.
    Landed,
    /// None is stored, and now none ever will be.
    Disowned,
}

#[derive(QueryableByName)]
struct Id {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

/// Disowns the notifications `ids` (one published message's), unless the
/// message already landed. Runs its own transaction.
pub fn disown(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Ownership> {
    crate::db::transaction(conn, |conn| {
        diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
            .bind::<BigInt, _>(OWNERSHIP_LOCK)
            .execute(conn)?;
        let stored: Vec<Id> =
            diesel::sql_query("SELECT id FROM notifications WHERE id = ANY($1) LIMIT 1")
                .bind::<Array<SqlUuid>, _>(ids)
                .load(conn)?;
        if !stored.is_empty() {
            return Ok(Ownership::Landed);
        }
        diesel::sql_query(
            "INSERT INTO disowned_notifications (id)
             SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING",
        )
        .bind::<Array<SqlUuid>, _>(ids)
        .execute(conn)?;
        Ok(Ownership::Disowned)
    })
}

/// Inside an insert transaction, before the insert: takes the ownership
/// lock (shared) and returns those of `ids` that are disowned, which the
/// transaction must not insert.
pub fn lock_and_find_disowned(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<Uuid>> {
    diesel::sql_query("SELECT pg_advisory_xact_lock_shared($1)")
        .bind::<BigInt, _>(OWNERSHIP_LOCK)
        .execute(conn)?;
    disowned_among(conn, ids)
}

/// Those of `ids` that are disowned (no lock: for the sender, which only
/// needs to skip what was disowned before it took the message).
pub fn disowned_among(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<Uuid>> {
    let found: Vec<Id> =
        diesel::sql_query("SELECT id FROM disowned_notifications WHERE id = ANY($1)")
            .bind::<Array<SqlUuid>, _>(ids)
            .load(conn)?;
    Ok(found.into_iter().map(|row| row.id).collect())
}

/// Forgets ids disowned before `before` (their messages are long gone:
/// expired, consumed and skipped); returns how many.
pub fn forget_before(conn: &mut PgConnection, before: DateTime<Utc>) -> QueryResult<usize> {
    diesel::sql_query("DELETE FROM disowned_notifications WHERE disowned_at < $1")
        .bind::<Timestamptz, _>(before)
        .execute(conn)
}
