use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::documents::DocumentMessage;
use crate::schema::documents;

/// A stored (encrypted) document.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = documents)]
pub struct Document {
    pub id: Uuid,
    pub service_id: Uuid,
    pub notification_id: Uuid,
    pub filename: Option<String>,
    pub mimetype: String,
    pub size_bytes: i32,
    pub confirm_email_sha256: Option<Vec<u8>>,
    pub nonce: Vec<u8>,
    pub ciphertext: Vec<u8>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl Document {
    /// The row a queued document becomes; `None` when its base64
    /// fields are not (a message no API process would publish).
    pub fn from_message(message: &DocumentMessage) -> Option<Document> {
        Some(Document {
            id: message.id,
            service_id: message.service_id,
            notification_id: message.notification_id,
            filename: message.filename.clone(),
            mimetype: message.mimetype.clone(),
            size_bytes: message.size_bytes,
            confirm_email_sha256: match &message.confirm_email_sha256 {
                Some(hash) => Some(STANDARD.decode(hash).ok()?),
                None => None,
            },
            nonce: STANDARD.decode(&message.nonce).ok()?,
            ciphertext: STANDARD.decode(&message.ciphertext).ok()?,
            created_at: message.created_at,
            expires_at: message.expires_at,
        })
    }

    /// Stores documents; a redelivered one is skipped. Returns rows added.
    pub fn insert_batch(conn: &mut PgConnection, rows: &[Document]) -> QueryResult<usize> {
        diesel::insert_into(documents::table)
            .values(rows)
            .on_conflict_do_nothing()
            .execute(conn)
    }

    /// The document `id` of `service_id`, if stored.
    pub fn find(
        conn: &mut PgConnection,
        service_id: Uuid,
        id: Uuid,
    ) -> QueryResult<Option<Document>> {
        documents::table
            .filter(documents::id.eq(id))
            .filter(documents::service_id.eq(service_id))
            .select(Document::as_select())
            .first(conn)
            .optional()
    }

    /// Deletes up to `limit` expired documents; returns how many.
    pub fn delete_expired(
        conn: &mut PgConnection,
        now: DateTime<Utc>,
        limit: i64,
    ) -> QueryResult<usize> {
        diesel::sql_query(
            "DELETE FROM documents WHERE id IN
                 (SELECT id FROM documents WHERE expires_at < $1 LIMIT $2)",
        )
        .bind::<diesel::sql_types::Timestamptz, _>(now)
        .bind::<diesel::sql_types::BigInt, _>(limit)
        .execute(conn)
    }
}
