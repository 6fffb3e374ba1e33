use chrono::Utc;
use diesel::prelude::*;
use diesel::upsert::excluded;
use uuid::Uuid;

use crate::schema::service_callbacks;

/// Where a service wants its callbacks, and the token to send.
#[derive(Clone, Queryable, Selectable)]
#[diesel(table_name = service_callbacks)]
pub struct ServiceCallback {
    pub service_id: Uuid,
    pub callback_type: String,
    pub url: String,
    pub bearer_token: String,
}

// The token must never reach a log line.
impl std::fmt::Debug for ServiceCallback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceCallback")
            .field("service_id", &self.service_id)
            .field("callback_type", &self.callback_type)
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl ServiceCallback {
    pub fn set(
        conn: &mut PgConnection,
        service_id: Uuid,
        callback_type: &str,
        url: &str,
        bearer_token: &str,
    ) -> QueryResult<ServiceCallback> {
        diesel::insert_into(service_callbacks::table)
            .values((
                service_callbacks::service_id.eq(service_id),
                service_callbacks::callback_type.eq(callback_type),
                service_callbacks::url.eq(url),
                service_callbacks::bearer_token.eq(bearer_token),
            ))
            .on_conflict((
                service_callbacks::service_id,
                service_callbacks::callback_type,
            ))
            .do_update()
            .set((
                service_callbacks::url.eq(excluded(service_callbacks::url)),
                service_callbacks::bearer_token.eq(excluded(service_callbacks::bearer_token)),
                service_callbacks::updated_at.eq(Utc::now()),
            ))
            .returning(ServiceCallback::as_returning())
            .get_result(conn)
    }

    pub fn for_services(
        conn: &mut PgConnection,
        service_ids: &[Uuid],
        callback_type: &str,
    ) -> QueryResult<Vec<ServiceCallback>> {
        service_callbacks::table
            .filter(service_callbacks::service_id.eq_any(service_ids))
            .filter(service_callbacks::callback_type.eq(callback_type))
            .select(ServiceCallback::as_select())
            .load(conn)
    }
}
