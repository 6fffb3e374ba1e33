//! Inbound numbers (which service receives texts sent to which number) and
//! the received text messages themselves.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use crate::messages::InboundSmsMessage;
use crate::schema::{inbound_numbers, received_texts};

/// `+` and the digits of a phone number as a provider or an operator writes
/// it (`+44 7700 900123` → `+447700900123`): how inbound numbers are stored
/// and matched.
pub fn inbound_number_key(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    format!("+{digits}")
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = inbound_numbers)]
pub struct InboundNumber {
    pub number: String,
    pub service_id: Uuid,
    pub created_at: DateTime<Utc>,
}

impl InboundNumber {
    /// Gives the service this inbound number (replacing the number it had).
    pub fn set(conn: &mut PgConnection, service_id: Uuid, number: &str) -> QueryResult<Self> {
        crate::db::transaction(conn, |conn| {
            diesel::delete(
                inbound_numbers::table.filter(inbound_numbers::service_id.eq(service_id)),
            )
            .execute(conn)?;
            diesel::insert_into(inbound_numbers::table)
                .values((
                    inbound_numbers::number.eq(inbound_number_key(number)),
                    inbound_numbers::service_id.eq(service_id),
                ))
                .returning(InboundNumber::as_returning())
                .get_result(conn)
        })
    }

    /// The owners of the given (normalised) numbers.
    pub fn owners(conn: &mut PgConnection, numbers: &[String]) -> QueryResult<Vec<InboundNumber>> {
        inbound_numbers::table
            .filter(inbound_numbers::number.eq_any(numbers))
            .select(InboundNumber::as_select())
            .load(conn)
    }
}

/// A received text message, as stored and as the v2 API lists it.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = received_texts)]
pub struct ReceivedText {
    pub id: Uuid,
    pub service_id: Uuid,
    pub notify_number: String,
    pub user_number: String,
    pub content: String,
    pub provider_reference: String,
    pub created_at: DateTime<Utc>,
}

impl ReceivedText {
    pub fn new(message: &InboundSmsMessage, service_id: Uuid) -> Self {
        ReceivedText {
            id: message.id,
            service_id,
            notify_number: message.notify_number.clone(),
            user_number: message.user_number.clone(),
            content: message.content.clone(),
            provider_reference: message.provider_reference.clone(),
            created_at: message.received_at,
        }
    }

    /// Inserts the texts, skipping any already stored (same provider
    /// reference), and returns the ones that are new.
    pub fn insert_batch(
        conn: &mut PgConnection,
        texts: &[ReceivedText],
    ) -> QueryResult<Vec<ReceivedText>> {
        let mut inserted = Vec::new();
        // 7 columns per row: far below the bind-parameter limit per chunk.
        for chunk in texts.chunks(1000) {
            inserted.extend(
                diesel::insert_into(received_texts::table)
                    .values(chunk)
                    .on_conflict_do_nothing()
                    .returning(ReceivedText::as_returning())
                    .get_results(conn)?,
            );
        }
        Ok(inserted)
    }

    /// Those of `ids` already stored: texts a redelivered batch committed on
    /// an earlier try.
    pub fn stored_among(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<ReceivedText>> {
        received_texts::table
            .filter(received_texts::id.eq_any(ids))
            .select(ReceivedText::as_select())
            .load(conn)
    }

    /// A page of the service's texts, newest first; with `older_than`, only
    /// those older than that text (none if it is not the service's).
    pub fn page(
        conn: &mut PgConnection,
        service_id: Uuid,
        older_than: Option<Uuid>,
        limit: i64,
    ) -> QueryResult<Vec<ReceivedText>> {
        let mut query = received_texts::table
            .filter(received_texts::service_id.eq(service_id))
            .select(ReceivedText::as_select())
            .order((received_texts::created_at.desc(), received_texts::id.desc()))
            .limit(limit)
            .into_boxed();
        if let Some(older_than) = older_than {
            let bound: Option<DateTime<Utc>> = received_texts::table
                .filter(received_texts::id.eq(older_than))
                .filter(received_texts::service_id.eq(service_id))
                .select(received_texts::created_at)
                .first(conn)
                .optional()?;
            let Some(bound) = bound else {
                return Ok(Vec::new());
            };
            query = query.filter(
                received_texts::created_at
                    .lt(bound)
                    .or(received_texts::created_at
                        .eq(bound)
                        .and(received_texts::id.lt(older_than))),
            );
        }
        query.load(conn)
    }
}

#[cfg(test)]
mod tests {
    use super::inbound_number_key;

    #[test]
    fn numbers_are_keyed_by_their_digits() {
        assert_eq!(inbound_number_key("+44 7700 900123"), "+447700900123");
        assert_eq!(inbound_number_key("447700900123"), "+447700900123");
    }
}
