//! Grouped status writes: one statement applies a whole batch of (collapsed,
//! sorted) status events and answers with how many it changed, plus what
//! the services with callbacks need and, only when some events changed
//! nothing, which of them are not stored yet. That last answer comes from
//! the same statement, so from the same snapshot as the UPDATE: a second
//! query would see a notification committed in between, and its event
//! would be taken for stale instead of retried.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, Nullable, Text, Timestamptz, Uuid as SqlUuid};
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

/// The answer of the statement without callbacks: how many notifications
/// it updated, and which of the events' notifications are not stored
/// (`NULL` when every event updated one).
#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    updated: i64,
    #[diesel(sql_type = Nullable<Array<SqlUuid>>)]
    missing: Option<Vec<Uuid>>,
}

/// A row of the statement's answer with callbacks: first one with the number of rows
/// updated and the events' notifications not stored ([`Counted`]'s
/// columns, nothing else), then one per updated notification whose service
/// wants a callback (`id` and the callback's columns).
#[derive(QueryableByName)]
struct Row {
    #[diesel(sql_type = Nullable<diesel::sql_types::BigInt>)]
    updated: Option<i64>,
    #[diesel(sql_type = Nullable<Array<SqlUuid>>)]
    missing: Option<Vec<Uuid>>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    id: Option<Uuid>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    service_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<Text>)]
    client_reference: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    recipient: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    status: Option<String>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    created_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    sent_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    updated_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Text>)]
    notification_type: Option<String>,
    #[diesel(sql_type = Nullable<SqlUuid>)]
    template_id: Option<Uuid>,
    #[diesel(sql_type = Nullable<diesel::sql_types::Int4>)]
    template_version: Option<i32>,
}

impl Row {
    /// The applied notification, on a callback row.
    fn applied(&self) -> Option<Applied> {
        Some(Applied {
            id: self.id?,
            service_id: self.service_id?,
            client_reference: self.client_reference.clone(),
            recipient: self.recipient.clone()?,
            status: self.status.clone()?,
            created_at: self.created_at?,
            sent_at: self.sent_at,
            updated_at: self.updated_at,
            notification_type: self.notification_type.clone()?,
            template_id: self.template_id?,
            template_version: self.template_version?,
        })
    }
}

#[derive(Debug, Default)]
pub struct StatusOutcome {
    /// Notifications whose status the batch changed.
    pub updated: usize,
    /// Those of them whose service has a delivery-status callback.
    pub to_call_back: Vec<Applied>,
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

/// The grouped UPDATE (`$1`–`$11`); unnest straight in its FROM (not a
/// CTE): the planner then knows the batch is a few hundred rows and probes
/// the primary key per row instead of hashing the whole partition.
///
/// Two forms: `every_column` an event can carry, and
/// `status_and_response` for a batch in which no event carries a `sent_at`,
/// provider reference or bounce classification (receipts, mostly): it
/// leaves `$5`, `$6`, `$8` and `$9` out, which saves PostgreSQL about a
/// twentieth of the statement.
macro_rules! update_statuses {
    (every_column) => {
        concat!(
            "
UPDATE notifications AS n SET
    status = v.status,
    updated_at = v.at,
    sent_at = COALESCE(n.sent_at, v.sent_at),
    provider_reference = COALESCE(v.provider_reference, n.provider_reference),
    provider_response = COALESCE(v.provider_response, n.provider_response),
    feedback_type = COALESCE(v.feedback_type, n.feedback_type),
    feedback_subtype = COALESCE(v.feedback_subtype, n.feedback_subtype)
FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::timestamptz[],
            $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[])
    AS v(id, created_at, status, at, sent_at, provider_reference, provider_response,
         feedback_type, feedback_subtype)",
            update_statuses!(where)
        )
    };
    (status_and_response) => {
        concat!(
            "
UPDATE notifications AS n SET
    status = v.status,
    updated_at = v.at,
    provider_response = COALESCE(v.provider_response, n.provider_response)
FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::timestamptz[], $7::text[])
    AS v(id, created_at, status, at, provider_response)",
            update_statuses!(where)
        )
    };
    (where) => {
        "
WHERE n.id = v.id AND n.created_at = v.created_at
  AND n.created_at BETWEEN $10 AND $11
  AND (herald_status_rank(v.status) > herald_status_rank(n.status)
       -- the same event again (a redelivered batch): re-report it so its
       -- callback is not lost, without changing anything
       OR (n.status = v.status AND n.updated_at = v.at))"
    };
}

/// The notifications of `$1` (created at `$2`, within `$low`–`$high`) that
/// the statement's snapshot does not hold.
macro_rules! not_stored {
    ($low:literal, $high:literal) => {
        concat!(
            "ARRAY(
    SELECT i.id FROM unnest($1::uuid[], $2::timestamptz[]) AS i(id, created_at)
    WHERE NOT EXISTS (SELECT 1 FROM notifications AS m
                      WHERE m.id = i.id AND m.created_at = i.created_at
                        AND m.created_at BETWEEN ",
            $low,
            " AND ",
            $high,
            "))"
        )
    };
}

/// [`not_stored!`] for the UPDATE's events, asked only when `c.updated`
/// falls short of them (an uncorrelated subquery runs only when first used).
macro_rules! missing_if_short {
    () => {
        concat!(
            "CASE WHEN c.updated < cardinality($1::uuid[]) THEN ",
            not_stored!("$10", "$11"),
            " END AS missing"
        )
    };
}

/// When no service wants this kind of callback: the UPDATE, counted (and
/// what is missing, when the count falls short).
macro_rules! apply {
    ($form:ident) => {
        concat!(
            "WITH upd AS (",
            update_statuses!($form),
            "
    RETURNING n.id
)
SELECT c.updated, ",
            missing_if_short!(),
            "
FROM (SELECT count(*) AS updated FROM upd) AS c"
        )
    };
}

/// When some services do (`$12`): what their callbacks need comes back from
/// the UPDATE itself, for their notifications only (returning it for every
/// row costs a sixth of the statement), after the count row.
macro_rules! apply_returning_callbacks {
    ($form:ident) => {
        concat!(
            "WITH upd AS (",
            update_statuses!($form),
            "
    RETURNING n.id,
              CASE WHEN n.service_id = ANY($12) THEN n.service_id END AS service_id,
              CASE WHEN n.service_id = ANY($12) THEN n.client_reference END AS client_reference,
              CASE WHEN n.service_id = ANY($12) THEN n.recipient END AS recipient,
              CASE WHEN n.service_id = ANY($12) THEN n.status END AS status,
              CASE WHEN n.service_id = ANY($12) THEN n.created_at END AS created_at,
              CASE WHEN n.service_id = ANY($12) THEN n.sent_at END AS sent_at,
              CASE WHEN n.service_id = ANY($12) THEN n.updated_at END AS updated_at,
              CASE WHEN n.service_id = ANY($12) THEN n.notification_type END AS notification_type,
              CASE WHEN n.service_id = ANY($12) THEN n.template_id END AS template_id,
              CASE WHEN n.service_id = ANY($12) THEN n.template_version END AS template_version
)
SELECT c.updated, ",
    missing_if_short!(),
    ", NULL::uuid AS id, NULL::uuid AS service_id,
       NULL::text AS client_reference, NULL::text AS recipient, NULL::text AS status,
       NULL::timestamptz AS created_at, NULL::timestamptz AS sent_at,
       NULL::timestamptz AS updated_at, NULL::text AS notification_type,
       NULL::uuid AS template_id, NULL::int4 AS template_version
FROM (SELECT count(*) AS updated FROM upd) AS c
UNION ALL
SELECT NULL, NULL, id, service_id, client_reference, recipient, status, created_at, sent_at,
       updated_at, notification_type, template_id, template_version
FROM upd WHERE service_id IS NOT NULL"
        )
    };
}

/// Which form of [`update_statuses!`] a batch needs.
#[derive(Clone, Copy)]
enum Form {
    EveryColumn,
    StatusAndResponse,
}

impl Form {
    fn of(events: &[StatusEvent]) -> Form {
        let carries_more = |e: &StatusEvent| {
            e.sent_at.is_some()
                || e.provider_reference.is_some()
                || e.feedback_type.is_some()
                || e.feedback_subtype.is_some()
        };
        if events.iter().any(carries_more) {
            Form::EveryColumn
        } else {
            Form::StatusAndResponse
        }
    }

    /// [`apply!`] in this form.
    fn apply(self) -> &'static str {
        match self {
            Form::EveryColumn => apply!(every_column),
            Form::StatusAndResponse => apply!(status_and_response),
        }
    }

    /// [`apply_returning_callbacks!`] in this form.
    fn apply_returning_callbacks(self) -> &'static str {
        match self {
            Form::EveryColumn => apply_returning_callbacks!(every_column),
            Form::StatusAndResponse => apply_returning_callbacks!(status_and_response),
        }
    }
}

const CALLBACK_SERVICES: &str = "
SELECT service_id AS id FROM service_callbacks WHERE callback_type = $1";

/// Binds the events' columns and the window (`$1`–`$11`) to a statement.
macro_rules! bind_events {
    ($query:expr, $ids:expr, $created:expr, $events:expr, $low:expr, $high:expr) => {
        $query
            .bind::<Array<SqlUuid>, _>($ids)
            .bind::<Array<Timestamptz>, _>($created)
            .bind::<Array<Text>, _>(
                $events
                    .iter()
                    .map(|e| e.status.as_str())
                    .collect::<Vec<_>>(),
            )
            .bind::<Array<Timestamptz>, _>($events.iter().map(|e| e.at).collect::<Vec<_>>())
            .bind::<Array<Nullable<Timestamptz>>, _>(
                $events.iter().map(|e| e.sent_at).collect::<Vec<_>>(),
            )
            .bind::<Array<Nullable<Text>>, _>(
                $events
                    .iter()
                    .map(|e| e.provider_reference.as_deref())
                    .collect::<Vec<_>>(),
            )
            .bind::<Array<Nullable<Text>>, _>(
                $events
                    .iter()
                    .map(|e| e.provider_response.as_deref())
                    .collect::<Vec<_>>(),
            )
            .bind::<Array<Nullable<Text>>, _>(
                $events
                    .iter()
                    .map(|e| e.feedback_type.as_deref())
                    .collect::<Vec<_>>(),
            )
            .bind::<Array<Nullable<Text>>, _>(
                $events
                    .iter()
                    .map(|e| e.feedback_subtype.as_deref())
                    .collect::<Vec<_>>(),
            )
            .bind::<Timestamptz, _>($low)
            .bind::<Timestamptz, _>($high)
    };
}

/// Applies collapsed, id-sorted events in one statement (atomic on its own;
/// the query before it only reads which services want callbacks),
/// returning what the services with a `callback_type` callback need to hear.
pub fn apply_statuses(
    conn: &mut PgConnection,
    events: &[StatusEvent],
    callback_type: &str,
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
    let callback_services: Vec<Uuid> = diesel::sql_query(CALLBACK_SERVICES)
        .bind::<Text, _>(callback_type)
        .load::<IdRow>(conn)?
        .into_iter()
        .map(|row| row.id)
        .collect();
    let form = Form::of(events);
    let mut outcome = StatusOutcome::default();
    if callback_services.is_empty() {
        let counted: Counted = bind_events!(
            diesel::sql_query(form.apply()),
            &ids,
            &created,
            events,
            low,
            high
        )
        .get_result(conn)?;
        outcome.updated = usize::try_from(counted.updated).unwrap_or_default();
        outcome.missing = counted.missing.unwrap_or_default();
    } else {
        let rows: Vec<Row> = bind_events!(
            diesel::sql_query(form.apply_returning_callbacks()),
            &ids,
            &created,
            events,
            low,
            high
        )
        .bind::<Array<SqlUuid>, _>(&callback_services)
        .load(conn)?;
        for row in rows {
            match row.updated {
                Some(count) => {
                    outcome.updated = usize::try_from(count).unwrap_or_default();
                    outcome.missing = row.missing.unwrap_or_default();
                }
                None => outcome.to_call_back.extend(row.applied()),
            }
        }
    }
    // Events that changed nothing for a stored notification are stale
    // (duplicates, late arrivals).
    outcome.stale = events
        .len()
        .saturating_sub(outcome.updated + outcome.missing.len());
    Ok(outcome)
}

/// Records the complaints about stored notifications and answers which
/// notifications are not stored, from the same snapshot.
const COMPLAIN: &str = concat!(
    "
WITH recorded AS (
    INSERT INTO complaints (id, notification_id, notification_created_at, service_id,
                            ses_feedback_id, complaint_type, complaint_date)
    SELECT gen_random_uuid(), n.id, n.created_at, n.service_id, v.feedback_id, v.complaint_type,
           v.complaint_date
    FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::timestamptz[])
         AS v(id, created_at, feedback_id, complaint_type, complaint_date)
    JOIN notifications n ON n.id = v.id AND n.created_at = v.created_at
    WHERE n.created_at BETWEEN $6 AND $7
    ON CONFLICT DO NOTHING
)
SELECT ",
    not_stored!("$6", "$7"),
    " AS missing"
);

#[derive(QueryableByName)]
struct Missing {
    #[diesel(sql_type = Array<SqlUuid>)]
    missing: Vec<Uuid>,
}

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
        .get_result::<Missing>(conn)
        .map(|row| row.missing)
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
