//! Templates, as Notify's v2 API shows them: get (current version), get a
//! version, list, and preview with personalisation.

use actix_web::web::{Data, Path, Payload};
use actix_web::{HttpRequest, HttpResponse};
use herald_domain::kinds::NotificationType;
use herald_domain::models::Template;
use herald_domain::{format, rendering};
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::notifications::view::timestamp;
use crate::auth::{self, Caller};
use crate::body;
use crate::content;
use crate::error::ApiError;
use crate::query::{Query, not_one_of};
use crate::state::AppState;

fn template_json(t: &Template) -> Value {
    let texts: Vec<&str> = t
        .subject
        .as_deref()
        .into_iter()
        .chain([t.body.as_str()])
        .collect();
    let personalisation: Map<String, Value> = rendering::placeholders_of(&texts)
        .into_iter()
        .map(|name| (name, json!({"required": true})))
        .collect();
    json!({
        "id": t.id,
        "type": t.template_type,
        "created_at": timestamp(&t.created_at),
        "updated_at": timestamp(&t.updated_at),
        "created_by": t.created_by,
        "version": t.version,
        "body": t.body,
        "subject": t.subject,
        "name": t.name,
        "personalisation": personalisation,
        "postage": t.postage,
        "letter_contact_block": t.letter_contact_block,
    })
}

fn template_id(raw: &str) -> Result<Uuid, ApiError> {
    Uuid::parse_str(raw).map_err(|_| ApiError::validation("id is not a valid UUID"))
}

/// The caller's live (not archived) template, from the cache.
fn cached_template(caller: &Caller, id: Uuid) -> Result<Template, ApiError> {
    caller
        .service
        .templates
        .get(&id)
        .filter(|t| !t.archived)
        .cloned()
        .ok_or(ApiError::NotFound)
}

/// GET /v2/template/{template_id}
pub async fn get(
    request: HttpRequest,
    path: Path<String>,
    state: Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = auth::authenticate(&request, &state.cache).await?;
    let id = template_id(&path.into_inner())?;
    let template = cached_template(&caller, id)?;
    Ok(HttpResponse::Ok().json(template_json(&template)))
}

/// GET /v2/template/{template_id}/version/{version}
pub async fn get_version(
    request: HttpRequest,
    path: Path<(String, String)>,
    state: Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = auth::authenticate(&request, &state.cache).await?;
    let (raw_id, raw_version) = path.into_inner();
    let id = template_id(&raw_id)?;
    // Notify's route only matches an integer version.
    let version: i32 = raw_version.parse().map_err(|_| ApiError::NotFound)?;
    let service_id = caller.service.service.id;
    let template = state
        .db
        .run(move |conn| Template::version(conn, service_id, id, version))
        .await?
        .filter(|t| !t.archived)
        .ok_or(ApiError::NotFound)?;
    Ok(HttpResponse::Ok().json(template_json(&template)))
}

/// GET /v2/templates?type=
pub async fn list(request: HttpRequest, state: Data<AppState>) -> Result<HttpResponse, ApiError> {
    let caller = auth::authenticate(&request, &state.cache).await?;
    let query = Query::parse(request.query_string(), &["type"])?;
    let wanted = match query.first("type") {
        None => None,
        Some(kind) => Some(kind.parse::<NotificationType>().map_err(|_| {
            ApiError::validation(not_one_of("type", kind, &["sms", "email", "letter"]))
        })?),
    };
    let mut templates: Vec<&Template> = caller
        .service
        .templates
        .values()
        .filter(|t| !t.archived && wanted.is_none_or(|kind| t.template_type == kind))
        .collect();
    templates.sort_by(|a, b| {
        (a.template_type.as_str(), &a.name).cmp(&(b.template_type.as_str(), &b.name))
    });
    let templates: Vec<Value> = templates.into_iter().map(template_json).collect();
    Ok(HttpResponse::Ok().json(json!({ "templates": templates })))
}

/// POST /v2/template/{template_id}/preview
pub async fn preview(
    request: HttpRequest,
    path: Path<String>,
    payload: Payload,
    state: Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = auth::authenticate(&request, &state.cache).await?;
    let id = template_id(&path.into_inner())?;
    let body = body::read_json(&request, payload, true).await?;
    let personalisation = match body.get("personalisation") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(map)) => map.clone(),
        Some(other) => {
            return Err(ApiError::validation(format!(
                "personalisation {} is not of type object",
                other
                    .as_str()
                    .map_or_else(|| other.to_string(), str::to_owned)
            )));
        }
    };
    let template = cached_template(&caller, id)?;
    let filled = content::fill(&template, &personalisation)?;
    let html = (template.template_type == NotificationType::Email)
        .then(|| format::email_html(&filled.body));
    let (body, subject) = (filled.body, filled.subject);
    Ok(HttpResponse::Ok().json(json!({
        "id": template.id,
        "type": template.template_type,
        "version": template.version,
        "body": body,
        "html": html,
        "subject": subject,
        "postage": template.postage,
    })))
}
