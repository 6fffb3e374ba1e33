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
        }
    }
}

/// Columns bound per row by [`NewNotification::insert_batch`]; PostgreSQL
/// allows at most 65,535 bind parameters in one statement.
const COLUMNS: usize = 13;
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
}
