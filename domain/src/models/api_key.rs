use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::kinds::KeyType;
use crate::schema::api_keys;

#[derive(Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = api_keys)]
pub struct ApiKey {
    pub id: Uuid,
    pub service_id: Uuid,
    pub name: String,
    pub secret: String,
    pub key_type: String,
    pub created_at: DateTime<Utc>,
    pub expiry_date: Option<DateTime<Utc>>,
}

// The secret must never reach a log line.
impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiKey")
            .field("id", &self.id)
            .field("service_id", &self.service_id)
            .field("name", &self.name)
            .field("key_type", &self.key_type)
            .field("expiry_date", &self.expiry_date)
            .finish_non_exhaustive()
    }
}

#[derive(Insertable)]
#[diesel(table_name = api_keys)]
pub struct NewApiKey<'a> {
    pub id: Uuid,
    pub service_id: Uuid,
    pub name: &'a str,
    pub secret: &'a str,
    pub key_type: &'a str,
}

impl ApiKey {
    pub fn insert(conn: &mut PgConnection, new: &NewApiKey<'_>) -> QueryResult<ApiKey> {
        diesel::insert_into(api_keys::table)
            .values(new)
            .returning(ApiKey::as_returning())
            .get_result(conn)
    }

    /// Marks the key revoked (now); `None` if there is no such key.
    pub fn revoke(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<ApiKey>> {
        diesel::update(api_keys::table.find(id))
            .set(api_keys::expiry_date.eq(Some(Utc::now())))
            .returning(ApiKey::as_returning())
            .get_result(conn)
            .optional()
    }

    pub fn for_services(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<ApiKey>> {
        api_keys::table
            .filter(api_keys::service_id.eq_any(ids))
            .select(ApiKey::as_select())
            .order(api_keys::created_at)
            .load(conn)
    }

    /// The key's type; rows are constrained to the known values.
    pub fn kind(&self) -> Option<KeyType> {
        self.key_type.parse().ok()
    }

    pub fn is_revoked(&self) -> bool {
        self.expiry_date.is_some()
    }

    /// The full key string a client is given: `<name>-<service id>-<secret>`,
    /// Notify's format (clients slice the service id and secret from the end).
    pub fn client_key(&self) -> String {
        format!("{}-{}-{}", self.name, self.service_id, self.secret)
    }
}
