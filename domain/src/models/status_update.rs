//! Grouped status writes: one statement applies a whole batch of (collapsed,
//! sorted) status events, and tells which notifications it changed and which
//! are not stored yet.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, Bool, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use crate::ids;
use crate::messages::{ComplaintEvent, StatusEvent};

/// A notification whose status the batch changed: what a delivery-status
/// callback needs.
#[derive(Debug, Clone, QueryableByName)]
pub struct Applied {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub service_id: Uuid,
    #[diesel(sql_type = Nullable<Text>)]
    pub client_reference: Option<String>,
    #[diesel(sql_type = Text)]
    pub recipient: String,
    #[diesel(sql_type = Text)]
    pub status: String,
    #[diesel(sql_type = Timestamptz)]
    pub created_at: DateTime<Utc>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub sent_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub updated_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Text)]
    pub notification_type: String,
    #[diesel(sql_type = SqlUuid)]
    pub template_id: Uuid,
    #[diesel(sql_type = diesel::sql_types::Int4)]
    pub template_version: i32,
}

#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Bool)]
    present: bool,
    #[diesel(sql_type = Bool)]
    updated: bool,
}

#[derive(Debug, Default)]
pub struct StatusOutcome {
    pub applied: Vec<Applied>,
    /// Events for notifications not stored yet (to be retried).
    pub missing: Vec<Uuid>,
    /// Events that did not raise the status (duplicates, late arrivals).
    pub stale: usize,
}

/// Bounds of the ids' creation times, so that the statement only touches the
/// partitions that can hold them.
fn window(ids: &[Uuid]) -> (DateTime<Utc>, DateTime<Utc>) {
    let times: Vec<DateTime<Utc>> = ids.iter().filter_map(ids::created_at_of).collect();
    let low = times.iter().min().copied().unwrap_or_else(Utc::now);
    let high = times.iter().max().copied().unwrap_or_else(Utc::now);
    (low, high)
}

const APPLY: &str = "
WITH v AS (
    SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::timestamptz[],
                         $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[])
        AS v(id, created_at, status, at, sent_at, provider_reference, provider_response,
             feedback_type, feedback_subtype)
),
upd AS (
    UPDATE notifications AS n SET
        status = v.status,
        updated_at = v.at,
        sent_at = COALESCE(n.sent_at, v.sent_at),
        provider_reference = COALESCE(v.provider_reference, n.provider_reference),
        provider_response = COALESCE(v.provider_response, n.provider_response),
        feedback_type = COALESCE(v.feedback_type, n.feedback_type),
        feedback_subtype = COALESCE(v.feedback_subtype, n.feedback_subtype)
    FROM v
    WHERE n.id = v.id AND n.created_at = v.created_at
      AND n.created_at BETWEEN $10 AND $11
      AND (herald_status_rank(v.status) > herald_status_rank(n.status)
           -- the same event again (a redelivered batch): re-report it so its
           -- callback is not lost, without changing anything
           OR (n.status = v.status AND n.updated_at = v.at))
    RETURNING n.id
)
SELECT v.id,
       EXISTS (SELECT 1 FROM notifications x
               WHERE x.id = v.id AND x.created_at = v.created_at
                 AND x.created_at BETWEEN $10 AND $11) AS present,
       EXISTS (SELECT 1 FROM upd WHERE upd.id = v.id) AS updated
FROM v";

const APPLIED: &str = "
SELECT id, service_id, client_reference, recipient, status, created_at, sent_at, updated_at,
       notification_type, template_id, template_version
FROM notifications
WHERE id = ANY($1) AND created_at BETWEEN $2 AND $3";

/// Applies collapsed, id-sorted events in one statement. Call inside a
/// transaction.
pub fn apply_statuses(
    conn: &mut PgConnection,
    events: &[StatusEvent],
) -> QueryResult<StatusOutcome> {
    if events.is_empty() {
        return Ok(StatusOutcome::default());
    }
    let ids: Vec<Uuid> = events.iter().map(|e| e.notification_id).collect();
    let (low, high) = window(&ids);
    let created: Vec<DateTime<Utc>> = ids
        .iter()
        .map(|id| ids::created_at_of(id).unwrap_or(low))
        .collect();
    let rows: Vec<Row> = diesel::sql_query(APPLY)
        .bind::<Array<SqlUuid>, _>(&ids)
        .bind::<Array<Timestamptz>, _>(&created)
        .bind::<Array<Text>, _>(events.iter().map(|e| e.status.as_str()).collect::<Vec<_>>())
        .bind::<Array<Timestamptz>, _>(events.iter().map(|e| e.at).collect::<Vec<_>>())
        .bind::<Array<Nullable<Timestamptz>>, _>(
            events.iter().map(|e| e.sent_at).collect::<Vec<_>>(),
        )
        .bind::<Array<Nullable<Text>>, _>(
            events
                .iter()
                .map(|e| e.provider_reference.clone())
                .collect::<Vec<_>>(),
        )
        .bind::<Array<Nullable<Text>>, _>(
            events
                .iter()
                .map(|e| e.provider_response.clone())
                .collect::<Vec<_>>(),
        )
        .bind::<Array<Nullable<Text>>, _>(
            events
                .iter()
                .map(|e| e.feedback_type.clone())
                .collect::<Vec<_>>(),
        )
        .bind::<Array<Nullable<Text>>, _>(
            events
                .iter()
                .map(|e| e.feedback_subtype.clone())
                .collect::<Vec<_>>(),
        )
        .bind::<Timestamptz, _>(low)
        .bind::<Timestamptz, _>(high)
        .load(conn)?;
    let mut outcome = StatusOutcome::default();
    let mut updated = Vec::new();
    for row in rows {
        match (row.present, row.updated) {
            (_, true) => updated.push(row.id),
            (false, false) => outcome.missing.push(row.id),
            (true, false) => outcome.stale += 1,
        }
    }
    if !updated.is_empty() {
        let (low, high) = window(&updated);
        outcome.applied = diesel::sql_query(APPLIED)
            .bind::<Array<SqlUuid>, _>(&updated)
            .bind::<Timestamptz, _>(low)
            .bind::<Timestamptz, _>(high)
            .load(conn)?;
    }
    Ok(outcome)
}

const COMPLAIN: &str = "
INSERT INTO complaints (id, notification_id, notification_created_at, service_id, ses_feedback_id,
                        complaint_type, complaint_date)
SELECT gen_random_uuid(), n.id, n.created_at, n.service_id, v.feedback_id, v.complaint_type, v.complaint_date
FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::timestamptz[])
     AS v(id, created_at, feedback_id, complaint_type, complaint_date)
JOIN notifications n ON n.id = v.id AND n.created_at = v.created_at
WHERE n.created_at BETWEEN $6 AND $7
ON CONFLICT DO NOTHING";

const PRESENT: &str = "
SELECT id FROM notifications WHERE id = ANY($1) AND created_at BETWEEN $2 AND $3";

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
}

/// Records complaints; returns the ids of notifications not stored yet.
pub fn record_complaints(
    conn: &mut PgConnection,
    complaints: &[ComplaintEvent],
) -> QueryResult<Vec<Uuid>> {
    if complaints.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = complaints.iter().map(|c| c.notification_id).collect();
    let (low, high) = window(&ids);
    let created: Vec<DateTime<Utc>> = ids
        .iter()
        .map(|id| ids::created_at_of(id).unwrap_or(low))
        .collect();
    diesel::sql_query(COMPLAIN)
        .bind::<Array<SqlUuid>, _>(&ids)
        .bind::<Array<Timestamptz>, _>(&created)
        .bind::<Array<Nullable<Text>>, _>(
            complaints
                .iter()
                .map(|c| c.ses_feedback_id.clone())
                .collect::<Vec<_>>(),
        )
        .bind::<Array<Nullable<Text>>, _>(
            complaints
                .iter()
                .map(|c| c.complaint_type.clone())
                .collect::<Vec<_>>(),
        )
        .bind::<Array<Timestamptz>, _>(
            complaints
                .iter()
                .map(|c| c.complaint_date)
                .collect::<Vec<_>>(),
        )
        .bind::<Timestamptz, _>(low)
        .bind::<Timestamptz, _>(high)
        .execute(conn)?;
    let present: Vec<IdRow> = diesel::sql_query(PRESENT)
        .bind::<Array<SqlUuid>, _>(&ids)
        .bind::<Timestamptz, _>(low)
        .bind::<Timestamptz, _>(high)
        .load(conn)?;
    Ok(ids
        .into_iter()
        .filter(|id| !present.iter().any(|p| p.id == *id))
        .collect())
}

const STUCK: &str = "
SELECT id FROM notifications
WHERE status IN ('sending', 'pending')
  AND created_at < $1 AND created_at >= $2
ORDER BY created_at, id
LIMIT $3";

/// Notifications still `sending`/`pending` after `after` (Notify's 72 h),
/// oldest first, at most `limit`; only the last `lookback` of partitions is
/// scanned. The timeout job turns them into `temporary-failure` events.
pub fn stuck_sending(
    conn: &mut PgConnection,
    after: Duration,
    lookback: Duration,
    limit: i64,
) -> QueryResult<Vec<Uuid>> {
    let cutoff = Utc::now() - after;
    let rows: Vec<IdRow> = diesel::sql_query(STUCK)
        .bind::<Timestamptz, _>(cutoff)
        .bind::<Timestamptz, _>(cutoff - lookback)
        .bind::<diesel::sql_types::BigInt, _>(limit)
        .load(conn)?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}
