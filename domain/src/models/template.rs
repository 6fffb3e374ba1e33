use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use crate::kinds::NotificationType;
use crate::schema::{template_versions, templates};

/// A template at its current version.
#[derive(Debug, Clone, Serialize)]
pub struct Template {
    pub id: Uuid,
    pub service_id: Uuid,
    pub template_type: NotificationType,
    pub version: i32,
    pub name: String,
    pub subject: Option<String>,
    pub body: String,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct NewTemplate<'a> {
    pub service_id: Uuid,
    pub template_type: NotificationType,
    pub name: &'a str,
    pub subject: Option<&'a str>,
    pub body: &'a str,
}

type TemplateRow = (
    Uuid,
    Uuid,
    String,
    i32,
    bool,
    DateTime<Utc>,
    DateTime<Utc>,
    String,
    Option<String>,
    String,
);

impl Template {
    fn from_row(row: TemplateRow) -> Option<Template> {
        let (id, service_id, kind, version, archived, created_at, updated_at, name, subject, body) =
            row;
        Some(Template {
            id,
            service_id,
            template_type: kind.parse().ok()?,
            version,
            name,
            subject,
            body,
            archived,
            created_at,
            updated_at,
        })
    }

    /// Creates a template and its first version in one transaction.
    pub fn create(conn: &mut PgConnection, new: &NewTemplate<'_>) -> QueryResult<Template> {
        let id = Uuid::new_v4();
        conn.transaction(|conn| {
            diesel::insert_into(templates::table)
                .values((
                    templates::id.eq(id),
                    templates::service_id.eq(new.service_id),
                    templates::template_type.eq(new.template_type.as_str()),
                ))
                .execute(conn)?;
            diesel::insert_into(template_versions::table)
                .values((
                    template_versions::template_id.eq(id),
                    template_versions::version.eq(1),
                    template_versions::name.eq(new.name),
                    template_versions::subject.eq(new.subject),
                    template_versions::body.eq(new.body),
                ))
                .execute(conn)?;
            Template::current_for_services(conn, &[new.service_id])?
                .into_iter()
                .find(|t| t.id == id)
                .ok_or(diesel::result::Error::NotFound)
        })
    }

    /// The current version of every template of the given services.
    pub fn current_for_services(
        conn: &mut PgConnection,
        service_ids: &[Uuid],
    ) -> QueryResult<Vec<Template>> {
        let rows: Vec<TemplateRow> = templates::table
            .inner_join(
                template_versions::table.on(template_versions::template_id
                    .eq(templates::id)
                    .and(template_versions::version.eq(templates::current_version))),
            )
            .filter(templates::service_id.eq_any(service_ids))
            .select((
                templates::id,
                templates::service_id,
                templates::template_type,
                templates::current_version,
                templates::archived,
                templates::created_at,
                templates::updated_at,
                template_versions::name,
                template_versions::subject,
                template_versions::body,
            ))
            .load(conn)?;
        Ok(rows.into_iter().filter_map(Template::from_row).collect())
    }
}
