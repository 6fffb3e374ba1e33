use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use crate::messages::NotificationMessage;
use crate::schema::notifications;

/// A notification row as written by the persist worker.
#[derive(Debug, Insertable)]
#[diesel(table_name = notifications)]
pub struct NewNotification<'a> {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub service_id: Uuid,
    pub api_key_id: Uuid,
    pub key_type: &'a str,
    pub notification_type: &'a str,
    pub template_id: Uuid,
    pub template_version: i32,
    pub recipient: &'a str,
    pub client_reference: Option<&'a str>,
    pub subject: Option<&'a str>,
    pub body: &'a str,
    pub one_click_unsubscribe_url: Option<&'a str>,
    pub reply_to: Option<&'a str>,
    pub postage: Option<&'a str>,
    pub job_id: Option<Uuid>,
    pub job_row_number: Option<i32>,
}

impl<'a> From<&'a NotificationMessage> for NewNotification<'a> {
    fn from(m: &'a NotificationMessage) -> Self {
        NewNotification {
            id: m.id,
            created_at: m.created_at,
            service_id: m.service_id,
            api_key_id: m.api_key_id,
            key_type: m.key_type.as_str(),
            notification_type: m.notification_type.as_str(),
            template_id: m.template_id,
            template_version: m.template_version,
            recipient: &m.recipient,
            client_reference: m.reference.as_deref(),
            subject: m.subject.as_deref(),
            body: &m.body,
            one_click_unsubscribe_url: m.one_click_unsubscribe_url.as_deref(),
            reply_to: m.reply_to.as_deref(),
            postage: m.letter.as_ref().map(|l| l.postage.as_str()),
            job_id: m.job_id,
            job_row_number: m.job_row_number,
        }
    }
}

/// Columns bound per row by [`NewNotification::insert_batch`]; PostgreSQL
/// allows at most 65,535 bind parameters in one statement.
const COLUMNS: usize = 17;
const ROWS_PER_STATEMENT: usize = 65_535 / COLUMNS;

impl NewNotification<'_> {
    /// Inserts the rows, skipping any already present (redelivery), and
    /// returns how many were new. Call inside the batch's transaction.
    pub fn insert_batch(
        conn: &mut PgConnection,
        rows: &[NewNotification<'_>],
    ) -> QueryResult<usize> {
        let mut inserted = 0;
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            inserted += diesel::insert_into(notifications::table)
                .values(chunk)
                .on_conflict_do_nothing()
                .execute(conn)?;
        }
        Ok(inserted)
    }
}

/// A stored notification, as read back by the API.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = notifications)]
pub struct Notification {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub service_id: Uuid,
    pub api_key_id: Uuid,
    pub key_type: String,
    pub notification_type: String,
    pub template_id: Uuid,
    pub template_version: i32,
    pub recipient: String,
    pub client_reference: Option<String>,
    pub subject: Option<String>,
    pub body: String,
    pub one_click_unsubscribe_url: Option<String>,
    pub status: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub provider_reference: Option<String>,
    pub reply_to: Option<String>,
    pub provider_response: Option<String>,
    pub feedback_type: Option<String>,
    pub feedback_subtype: Option<String>,
    pub postage: Option<String>,
}

/// Filters of GET /v2/notifications, already validated.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub notification_types: Vec<String>,
    pub statuses: Vec<String>,
    pub reference: Option<String>,
    /// Only notifications older than this one (by `(created_at, id)`).
    pub older_than: Option<(DateTime<Utc>, Uuid)>,
    /// Notify's `include_jobs`: also the notifications of bulk sends (jobs),
    /// which are left out otherwise.
    pub include_jobs: bool,
}

impl Notification {
    /// One notification of one service. `created_at` (from the id) prunes
    /// the lookup to a single partition.
    pub fn find(
        conn: &mut PgConnection,
        service_id: Uuid,
        id: Uuid,
        created_at: DateTime<Utc>,
    ) -> QueryResult<Option<Notification>> {
        notifications::table
            .filter(notifications::id.eq(id))
            .filter(notifications::created_at.eq(created_at))
            .filter(notifications::service_id.eq(service_id))
            .select(Notification::as_select())
            .first(conn)
            .optional()
    }

    /// Today's (UTC) notifications per service and type, test keys excluded:
    /// the daily limits' starting point.
    pub fn counts_today(conn: &mut PgConnection) -> QueryResult<Vec<(Uuid, String, i64)>> {
        let midnight = Utc::now()
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc())
            .unwrap_or_else(Utc::now);
        notifications::table
            .filter(notifications::created_at.ge(midnight))
            .filter(notifications::key_type.ne("test"))
            .group_by((notifications::service_id, notifications::notification_type))
            .select((
                notifications::service_id,
                notifications::notification_type,
                diesel::dsl::count_star(),
            ))
            .load(conn)
    }

    /// A page of one service's notifications sent with one key type, newest
    /// first. The `(created_at, id)` bound of `older_than` prunes partitions.
    pub fn list(
        conn: &mut PgConnection,
        service_id: Uuid,
        key_type: &str,
        filter: &ListFilter,
        limit: i64,
    ) -> QueryResult<Vec<Notification>> {
        let mut query = notifications::table
            .filter(notifications::service_id.eq(service_id))
            .filter(notifications::key_type.eq(key_type))
            .select(Notification::as_select())
            .order((notifications::created_at.desc(), notifications::id.desc()))
            .limit(limit)
            .into_boxed();
        if !filter.notification_types.is_empty() {
            query =
                query.filter(notifications::notification_type.eq_any(&filter.notification_types));
        }
        if !filter.statuses.is_empty() {
            query = query.filter(notifications::status.eq_any(&filter.statuses));
        }
        if !filter.include_jobs {
            query = query.filter(notifications::job_id.is_null());
        }
        if let Some(reference) = &filter.reference {
            query = query.filter(notifications::client_reference.eq(reference));
        }
        if let Some((created_at, id)) = filter.older_than {
            query = query.filter(
                notifications::created_at
                    .lt(created_at)
                    .or(notifications::created_at
                        .eq(created_at)
                        .and(notifications::id.lt(id))),
            );
        }
        query.load(conn)
    }
}
