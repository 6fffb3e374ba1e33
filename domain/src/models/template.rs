use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use uuid::Uuid;

use crate::kinds::NotificationType;
use crate::letters::Postage;
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
    /// Who created this version.
    pub created_by: String,
    /// Letters: the contact block printed top right.
    pub letter_contact_block: Option<String>,
    /// Letters: the postage (`None` for email and SMS).
    pub postage: Option<Postage>,
}

pub struct NewTemplate<'a> {
    pub service_id: Uuid,
    pub template_type: NotificationType,
    pub name: &'a str,
    pub subject: Option<&'a str>,
    pub body: &'a str,
    pub letter_contact_block: Option<&'a str>,
    pub postage: Option<Postage>,
}

/// An edit of a template: what the new version changes. `None` keeps the
/// current value.
#[derive(Debug, Default)]
pub struct TemplateEdit<'a> {
    pub name: Option<&'a str>,
    pub subject: Option<&'a str>,
    pub body: Option<&'a str>,
    /// Letters: `Some(None)` removes the contact block.
    pub letter_contact_block: Option<Option<&'a str>>,
    /// Letters only.
    pub postage: Option<Postage>,
}

impl TemplateEdit<'_> {
    /// Whether the edit changes anything at all.
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.subject.is_none()
            && self.body.is_none()
            && self.letter_contact_block.is_none()
            && self.postage.is_none()
    }
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
    String,
    Option<String>,
    Option<String>,
);

impl Template {
    fn from_row(row: TemplateRow) -> Option<Template> {
        let (
            id,
            service_id,
            kind,
            version,
            archived,
            created_at,
            updated_at,
            name,
            subject,
            body,
            created_by,
            letter_contact_block,
            postage,
        ) = row;
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
            created_by,
            letter_contact_block,
            postage: postage.and_then(|p| p.parse().ok()),
        })
    }

    /// Creates a template and its first version in one transaction.
    pub fn create(conn: &mut PgConnection, new: &NewTemplate<'_>) -> QueryResult<Template> {
        let id = Uuid::new_v4();
        crate::db::transaction(conn, |conn| {
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
                    template_versions::letter_contact_block.eq(new.letter_contact_block),
                    template_versions::postage.eq(new.postage.map(Postage::as_str)),
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
                template_versions::created_by,
                template_versions::letter_contact_block,
                template_versions::postage,
            ))
            .load(conn)?;
        Ok(rows.into_iter().filter_map(Template::from_row).collect())
    }

    /// One version of one of the service's templates.
    pub fn version(
        conn: &mut PgConnection,
        service_id: Uuid,
        id: Uuid,
        version: i32,
    ) -> QueryResult<Option<Template>> {
        let row: Option<TemplateRow> = templates::table
            .inner_join(
                template_versions::table.on(template_versions::template_id.eq(templates::id)),
            )
            .filter(templates::id.eq(id))
            .filter(templates::service_id.eq(service_id))
            .filter(template_versions::version.eq(version))
            .select((
                templates::id,
                templates::service_id,
                templates::template_type,
                template_versions::version,
                templates::archived,
                templates::created_at,
                template_versions::created_at,
                template_versions::name,
                template_versions::subject,
                template_versions::body,
                template_versions::created_by,
                template_versions::letter_contact_block,
                template_versions::postage,
            ))
            .first(conn)
            .optional()?;
        Ok(row.and_then(Template::from_row))
    }

    /// Saves an edit as a new version (versions are immutable) and makes it
    /// current. What the edit leaves `None` keeps its current value.
    pub fn update(
        conn: &mut PgConnection,
        id: Uuid,
        edit: &TemplateEdit<'_>,
    ) -> QueryResult<Template> {
        crate::db::transaction(conn, |conn| {
            let (service_id, current): (Uuid, i32) = templates::table
                .find(id)
                .select((templates::service_id, templates::current_version))
                .for_update()
                .first(conn)?;
            let latest = Template::version(conn, service_id, id, current)?
                .ok_or(diesel::result::Error::NotFound)?;
            let next = current + 1;
            let letter_contact_block = match edit.letter_contact_block {
                Some(block) => block,
                None => latest.letter_contact_block.as_deref(),
            };
            diesel::insert_into(template_versions::table)
                .values((
                    template_versions::template_id.eq(id),
                    template_versions::version.eq(next),
                    template_versions::name.eq(edit.name.unwrap_or(&latest.name)),
                    template_versions::subject.eq(edit.subject.or(latest.subject.as_deref())),
                    template_versions::body.eq(edit.body.unwrap_or(&latest.body)),
                    template_versions::letter_contact_block.eq(letter_contact_block),
                    template_versions::postage
                        .eq(edit.postage.or(latest.postage).map(Postage::as_str)),
                ))
                .execute(conn)?;
            diesel::update(templates::table.find(id))
                .set((
                    templates::current_version.eq(next),
                    templates::updated_at.eq(Utc::now()),
                ))
                .execute(conn)?;
            Template::version(conn, service_id, id, next)?.ok_or(diesel::result::Error::NotFound)
        })
    }

    /// The type of a template, `None` if there is no such template.
    pub fn kind(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<NotificationType>> {
        let kind: Option<String> = templates::table
            .find(id)
            .select(templates::template_type)
            .first(conn)
            .optional()?;
        Ok(kind.and_then(|k| k.parse().ok()))
    }

    /// Archives a template: it can no longer be sent or listed.
    pub fn archive(conn: &mut PgConnection, id: Uuid) -> QueryResult<Option<Uuid>> {
        diesel::update(templates::table.find(id))
            .set((
                templates::archived.eq(true),
                templates::updated_at.eq(Utc::now()),
            ))
            .returning(templates::service_id)
            .get_result(conn)
            .optional()
    }
}
