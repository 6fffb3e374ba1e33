//! Bulk sends: a `jobs` row per accepted upload, with its progress.
//!
//! The counters are never updated per notification. The persist batch's
//! INSERT and the grouped status UPDATE each fire one statement-level
//! trigger (migration `2026-12-06-000009_jobs`) that appends one increment
//! per job to `job_counts`, computed from the statement's transition tables:
//! the rows it actually inserted, the rows whose status it actually changed.
//! A job's counters are its row plus the sum of its increments; the worker
//! folds increments into the rows now and then ([`fold_job_counts`]).

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Int4, Nullable, Text, Timestamptz, Uuid as SqlUuid};
use uuid::Uuid;

use crate::schema::{jobs, scheduled_packs};

/// A job's status as stored. "finished" is not stored: it is derived from
/// the counters ([`Job::status`]).
pub mod status {
    /// Its rows are being queued (the request is still running).
    pub const PENDING: &str = "pending";
    /// Queued; sending.
    pub const IN_PROGRESS: &str = "in progress";
    pub const FINISHED: &str = "finished";
    /// Held until `scheduled_for`.
    pub const SCHEDULED: &str = "scheduled";
    /// Cancelled before its release time: none of its rows is sent.
    pub const CANCELLED: &str = "cancelled";
    /// The broker did not confirm every row (the request was answered 503);
    /// `accepted` says how many were queued.
    pub const ERROR: &str = "error";
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = jobs)]
pub struct NewJob {
    pub id: Uuid,
    pub service_id: Uuid,
    pub api_key_id: Uuid,
    pub key_type: String,
    pub notification_type: String,
    pub template_id: Uuid,
    pub template_version: i32,
    pub original_file_name: String,
    pub client_reference: Option<String>,
    pub reply_to: Option<String>,
    pub job_status: String,
    pub scheduled_for: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub total: i32,
    pub accepted: i32,
}

/// A job with its counters as of now (folded and pending increments).
#[derive(Debug, Clone, QueryableByName, serde::Serialize)]
pub struct Job {
    #[diesel(sql_type = SqlUuid)]
    pub id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub service_id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    pub api_key_id: Uuid,
    #[diesel(sql_type = Text)]
    pub key_type: String,
    #[diesel(sql_type = Text)]
    pub notification_type: String,
    #[diesel(sql_type = SqlUuid)]
    pub template_id: Uuid,
    #[diesel(sql_type = Int4)]
    pub template_version: i32,
    #[diesel(sql_type = Text)]
    pub original_file_name: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub client_reference: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub reply_to: Option<String>,
    #[diesel(sql_type = Text)]
    pub job_status: String,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub scheduled_for: Option<DateTime<Utc>>,
    #[diesel(sql_type = Timestamptz)]
    pub created_at: DateTime<Utc>,
    #[diesel(sql_type = Int4)]
    pub total: i32,
    #[diesel(sql_type = Int4)]
    pub accepted: i32,
    #[diesel(sql_type = BigInt)]
    pub persisted: i64,
    #[diesel(sql_type = BigInt)]
    pub sent: i64,
    #[diesel(sql_type = BigInt)]
    pub delivered: i64,
    #[diesel(sql_type = BigInt)]
    pub failed: i64,
}

/// The job's row with its pending increments added; `$1` is the service.
const SELECT_JOBS: &str = "
SELECT j.id, j.service_id, j.api_key_id, j.key_type, j.notification_type, j.template_id,
       j.template_version, j.original_file_name, j.client_reference, j.reply_to, j.job_status,
       j.scheduled_for, j.created_at, j.total, j.accepted,
       j.persisted + coalesce(c.persisted, 0) AS persisted,
       j.sent + coalesce(c.sent, 0) AS sent,
       j.delivered + coalesce(c.delivered, 0) AS delivered,
       j.failed + coalesce(c.failed, 0) AS failed
FROM jobs j
LEFT JOIN LATERAL (
    SELECT sum(persisted) AS persisted, sum(sent) AS sent, sum(delivered) AS delivered,
           sum(failed) AS failed
    FROM job_counts WHERE job_id = j.id
) c ON true
WHERE j.service_id = $1";

impl Job {
    /// The status to show: a queued job whose every accepted row is stored
    /// and has left `created` (handed on, or failed trying) is "finished".
    pub fn status(&self) -> &str {
        if self.job_status == status::IN_PROGRESS
            && self.sent >= i64::from(self.accepted)
            && self.persisted >= i64::from(self.accepted)
        {
            status::FINISHED
        } else {
            &self.job_status
        }
    }

    pub fn insert(conn: &mut PgConnection, job: &NewJob) -> QueryResult<()> {
        diesel::insert_into(jobs::table)
            .values(job)
            .execute(conn)
            .map(|_| ())
    }

    /// Records how many rows the broker confirmed, and the job's status.
    pub fn set_queued(
        conn: &mut PgConnection,
        id: Uuid,
        accepted: i32,
        job_status: &str,
    ) -> QueryResult<()> {
        diesel::update(jobs::table.filter(jobs::id.eq(id)))
            .set((jobs::accepted.eq(accepted), jobs::job_status.eq(job_status)))
            .execute(conn)
            .map(|_| ())
    }

    /// One of the service's jobs.
    pub fn find(conn: &mut PgConnection, service_id: Uuid, id: Uuid) -> QueryResult<Option<Job>> {
        diesel::sql_query(format!("{SELECT_JOBS} AND j.id = $2"))
            .bind::<SqlUuid, _>(service_id)
            .bind::<SqlUuid, _>(id)
            .get_result(conn)
            .optional()
    }

    /// A page of the service's jobs, newest first, older than the job
    /// `older_than` if given.
    pub fn list(
        conn: &mut PgConnection,
        service_id: Uuid,
        older_than: Option<Uuid>,
        limit: i64,
    ) -> QueryResult<Vec<Job>> {
        match older_than {
            None => diesel::sql_query(format!(
                "{SELECT_JOBS} ORDER BY j.created_at DESC, j.id DESC LIMIT $2"
            ))
            .bind::<SqlUuid, _>(service_id)
            .bind::<BigInt, _>(limit)
            .load(conn),
            Some(anchor) => diesel::sql_query(format!(
                "{SELECT_JOBS} AND (j.created_at, j.id) < (
                     SELECT created_at, id FROM jobs WHERE id = $3 AND service_id = $1)
                 ORDER BY j.created_at DESC, j.id DESC LIMIT $2"
            ))
            .bind::<SqlUuid, _>(service_id)
            .bind::<BigInt, _>(limit)
            .bind::<SqlUuid, _>(anchor)
            .load(conn),
        }
    }
}

/// Folds the pending increments of every job into its row, in one
/// statement (so a reader sees either the increments or their sum, never
/// both or neither). Returns the number of jobs updated.
pub fn fold_job_counts(conn: &mut PgConnection) -> QueryResult<usize> {
    diesel::sql_query(
        "
WITH moved AS (
    DELETE FROM job_counts c USING jobs j WHERE c.job_id = j.id
    RETURNING c.job_id, c.persisted, c.sent, c.delivered, c.failed
), sums AS (
    SELECT job_id, sum(persisted) AS persisted, sum(sent) AS sent,
           sum(delivered) AS delivered, sum(failed) AS failed
    FROM moved GROUP BY job_id
)
UPDATE jobs j SET persisted = j.persisted + s.persisted, sent = j.sent + s.sent,
                  delivered = j.delivered + s.delivered, failed = j.failed + s.failed
FROM sums s WHERE j.id = s.job_id",
    )
    .execute(conn)
}

/// A pack of a scheduled job's notifications (the JSON array the delivery
/// lane takes), or a scheduled single send (`job_id` `None`), held until
/// its release.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = scheduled_packs)]
pub struct HeldPack<'a> {
    pub job_id: Option<Uuid>,
    pub notification_type: &'a str,
    pub release_at: DateTime<Utc>,
    pub notifications: i32,
    pub payload: &'a [u8],
}

/// A held pack claimed for release.
#[derive(Debug, Clone, QueryableByName)]
pub struct DuePack {
    #[diesel(sql_type = BigInt)]
    pub id: i64,
    /// `None`: a single send (released to the single-send lane).
    #[diesel(sql_type = Nullable<SqlUuid>)]
    pub job_id: Option<Uuid>,
    #[diesel(sql_type = Text)]
    pub notification_type: String,
    #[diesel(sql_type = Int4)]
    pub notifications: i32,
    #[diesel(sql_type = diesel::sql_types::Bytea)]
    pub payload: Vec<u8>,
}

/// What cancelling a job came to.
#[derive(Debug)]
pub enum Cancelled {
    Done(Box<Job>),
    NotFound,
    /// Only a scheduled job can be cancelled; this one has this status.
    NotScheduled(String),
    /// Its release has begun (some of it may be sent already).
    Releasing,
}

/// How long after its creation a job's notifications can have been made
/// (ids are taken while the request runs, within its deadline).
const JOB_ROWS_WINDOW_MINUTES: i64 = 10;

impl Job {
    /// Records a scheduled job and holds its packs until `release_at`, in
    /// one transaction.
    pub fn insert_scheduled(
        conn: &mut PgConnection,
        job: &NewJob,
        packs: &[(&[u8], usize)],
        release_at: DateTime<Utc>,
    ) -> QueryResult<()> {
        crate::db::transaction(conn, |conn| {
            Job::insert(conn, job)?;
            let held: Vec<HeldPack<'_>> = packs
                .iter()
                .map(|&(payload, count)| HeldPack {
                    job_id: Some(job.id),
                    notification_type: &job.notification_type,
                    release_at,
                    notifications: i32::try_from(count).unwrap_or(i32::MAX),
                    payload,
                })
                .collect();
            for chunk in held.chunks(1000) {
                diesel::insert_into(scheduled_packs::table)
                    .values(chunk)
                    .execute(conn)?;
            }
            Ok(())
        })
    }

    /// Holds a scheduled single send (one notification, packed) until
    /// `release_at`; returns the hold's id.
    pub fn hold_single(
        conn: &mut PgConnection,
        notification_type: &str,
        release_at: DateTime<Utc>,
        payload: &[u8],
    ) -> QueryResult<i64> {
        diesel::insert_into(scheduled_packs::table)
            .values(HeldPack {
                job_id: None,
                notification_type,
                release_at,
                notifications: 1,
                payload,
            })
            .returning(scheduled_packs::id)
            .get_result(conn)
    }

    /// Drops a hold whose notification could not be queued.
    pub fn unhold(conn: &mut PgConnection, id: i64) -> QueryResult<()> {
        diesel::delete(scheduled_packs::table.filter(scheduled_packs::id.eq(id)))
            .execute(conn)
            .map(|_| ())
    }

    /// A scheduled job whose notifications could not all be queued: its
    /// packs are dropped (nothing of it is sent) and it is marked `error`.
    pub fn abandon_scheduled(conn: &mut PgConnection, id: Uuid, accepted: i32) -> QueryResult<()> {
        crate::db::transaction(conn, |conn| {
            diesel::delete(scheduled_packs::table.filter(scheduled_packs::job_id.eq(id)))
                .execute(conn)?;
            Job::set_queued(conn, id, accepted, status::ERROR)
        })
    }

    /// Cancels a scheduled job before its release: its held packs are
    /// dropped and its stored notifications become `cancelled`. Refused
    /// once its release has claimed any of its packs.
    pub fn cancel(conn: &mut PgConnection, service_id: Uuid, id: Uuid) -> QueryResult<Cancelled> {
        let outcome = crate::db::transaction(conn, |conn| {
            let found: Option<(String, DateTime<Utc>)> = jobs::table
                .filter(jobs::id.eq(id))
                .filter(jobs::service_id.eq(service_id))
                .select((jobs::job_status, jobs::created_at))
                .for_update()
                .first(conn)
                .optional()?;
            let (job_status, created_at) = match found {
                None => return Ok(Cancelled::NotFound),
                Some(found) => found,
            };
            if job_status != status::SCHEDULED {
                return Ok(Cancelled::NotScheduled(job_status));
            }
            diesel::delete(
                scheduled_packs::table
                    .filter(scheduled_packs::job_id.eq(id))
                    .filter(scheduled_packs::claimed_until.is_null()),
            )
            .execute(conn)?;
            let claimed: i64 = scheduled_packs::table
                .filter(scheduled_packs::job_id.eq(id))
                .count()
                .get_result(conn)?;
            if claimed > 0 {
                // Undo the deletions: the release has begun.
                return Err(diesel::result::Error::RollbackTransaction);
            }
            diesel::update(jobs::table.filter(jobs::id.eq(id)))
                .set(jobs::job_status.eq(status::CANCELLED))
                .execute(conn)?;
            diesel::sql_query(
                "UPDATE notifications SET status = 'cancelled', updated_at = now()
                 WHERE service_id = $1 AND job_id = $2 AND status = 'created'
                   AND created_at BETWEEN $3 AND $4",
            )
            .bind::<SqlUuid, _>(service_id)
            .bind::<SqlUuid, _>(id)
            .bind::<Timestamptz, _>(created_at - chrono::Duration::minutes(1))
            .bind::<Timestamptz, _>(created_at + chrono::Duration::minutes(JOB_ROWS_WINDOW_MINUTES))
            .execute(conn)?;
            Ok(Cancelled::Done(Box::new(
                Job::find(conn, service_id, id)?.ok_or(diesel::result::Error::NotFound)?,
            )))
        });
        match outcome {
            Err(diesel::result::Error::RollbackTransaction) => Ok(Cancelled::Releasing),
            other => other,
        }
    }
}

/// Claims up to `limit` held packs that are due (or whose earlier claim
/// lapsed: a release that died), for `claim_seconds`.
pub fn claim_due_packs(
    conn: &mut PgConnection,
    limit: i64,
    claim_seconds: i64,
) -> QueryResult<Vec<DuePack>> {
    diesel::sql_query(
        "
UPDATE scheduled_packs p SET claimed_until = now() + make_interval(secs => $2)
WHERE p.id IN (
    SELECT id FROM scheduled_packs
    WHERE release_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
    ORDER BY release_at, id
    LIMIT $1
    FOR UPDATE SKIP LOCKED)
RETURNING p.id, p.job_id, p.notification_type, p.notifications, p.payload",
    )
    .bind::<BigInt, _>(limit)
    .bind::<diesel::sql_types::Double, _>(claim_seconds as f64)
    .load(conn)
}

/// Packs published to their delivery lane: no longer held; their jobs are
/// in progress.
pub fn released(conn: &mut PgConnection, ids: &[i64], job_ids: &[Uuid]) -> QueryResult<()> {
    crate::db::transaction(conn, |conn| {
        diesel::delete(scheduled_packs::table.filter(scheduled_packs::id.eq_any(ids)))
            .execute(conn)?;
        diesel::update(
            jobs::table
                .filter(jobs::id.eq_any(job_ids))
                .filter(jobs::job_status.eq(status::SCHEDULED)),
        )
        .set(jobs::job_status.eq(status::IN_PROGRESS))
        .execute(conn)?;
        Ok(())
    })
}
