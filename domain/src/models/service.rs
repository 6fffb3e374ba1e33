use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use super::{ApiKey, Contacts, Template};
use crate::schema::services;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Serialize)]
#[diesel(table_name = services)]
pub struct Service {
    pub id: Uuid,
    pub name: String,
    pub restricted: bool,
    pub active: bool,
    pub rate_limit: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub daily_limit: i32,
    /// Shown to recipients of files; Notify refuses files without it.
    pub contact_link: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = services)]
pub struct NewService<'a> {
    pub id: Uuid,
    pub name: &'a str,
    pub restricted: bool,
}

/// Everything the API needs to authenticate and serve one service, loaded
/// together so a cache entry is always consistent.
#[derive(Debug, Clone)]
pub struct ServiceSnapshot {
    pub service: Service,
    pub api_keys: Vec<ApiKey>,
    pub templates: Vec<Template>,
    pub contacts: Contacts,
}

impl Service {
    pub fn insert(conn: &mut PgConnection, new: &NewService<'_>) -> QueryResult<Service> {
        diesel::insert_into(services::table)
            .values(new)
            .returning(Service::as_returning())
            .get_result(conn)
    }

    /// Sets the per-minute rate limit and the daily limit (either or both).
    pub fn set_limits(
        conn: &mut PgConnection,
        id: Uuid,
        rate_limit: Option<i32>,
        daily_limit: Option<i32>,
    ) -> QueryResult<Service> {
        crate::db::transaction(conn, |conn| {
            if let Some(rate_limit) = rate_limit {
                diesel::update(services::table.find(id))
                    .set(services::rate_limit.eq(rate_limit))
                    .execute(conn)?;
            }
            if let Some(daily_limit) = daily_limit {
                diesel::update(services::table.find(id))
                    .set(services::daily_limit.eq(daily_limit))
                    .execute(conn)?;
            }
            diesel::update(services::table.find(id))
                .set(services::updated_at.eq(Utc::now()))
                .returning(Service::as_returning())
                .get_result(conn)
        })
    }

    /// Sets (or clears, with `None`) the contact link shown with files.
    pub fn set_contact_link(
        conn: &mut PgConnection,
        id: Uuid,
        link: Option<&str>,
    ) -> QueryResult<Service> {
        diesel::update(services::table.find(id))
            .set((
                services::contact_link.eq(link),
                services::updated_at.eq(Utc::now()),
            ))
            .returning(Service::as_returning())
            .get_result(conn)
    }

    pub fn all(conn: &mut PgConnection) -> QueryResult<Vec<Service>> {
        services::table
            .select(Service::as_select())
            .order(services::created_at)
            .load(conn)
    }

    /// Snapshots of every service (`only = None`) or of one service.
    pub fn snapshots(
        conn: &mut PgConnection,
        only: Option<Uuid>,
    ) -> QueryResult<Vec<ServiceSnapshot>> {
        let services: Vec<Service> = match only {
            Some(id) => services::table
                .filter(services::id.eq(id))
                .select(Service::as_select())
                .load(conn)?,
            None => Service::all(conn)?,
        };
        let ids: Vec<Uuid> = services.iter().map(|s| s.id).collect();
        let mut keys = ApiKey::for_services(conn, &ids)?;
        let mut templates = Template::current_for_services(conn, &ids)?;
        let mut contacts = Contacts::for_services(conn, &ids)?;
        Ok(services
            .into_iter()
            .map(|service| {
                let (mine, rest): (Vec<_>, Vec<_>) =
                    keys.drain(..).partition(|k| k.service_id == service.id);
                keys = rest;
                let (my_templates, rest): (Vec<_>, Vec<_>) = templates
                    .drain(..)
                    .partition(|t| t.service_id == service.id);
                templates = rest;
                let my_contacts = contacts.remove(&service.id).unwrap_or_default();
                ServiceSnapshot {
                    service,
                    api_keys: mine,
                    templates: my_templates,
                    contacts: my_contacts,
                }
            })
            .collect())
    }
}
