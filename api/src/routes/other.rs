//! Received text messages (stored by the inbound worker), and the OpenAPI
//! document.

use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};
use herald_domain::format::timestamp;
use herald_domain::models::ReceivedText;
use serde_json::json;

use crate::auth;
use crate::error::ApiError;
use crate::query::Query;
use crate::state::AppState;

/// Notify's page size for received text messages.
const PAGE_SIZE: i64 = 250;

/// GET /v2/received-text-messages: the service's received texts, newest
/// first, 250 a page; `older_than` (a text's id) pages back, and
/// `links.next` is given on every non-empty page (the clients' iterators
/// need it).
pub async fn received_text_messages(
    request: HttpRequest,
    state: Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = auth::authenticate(&request, &state.cache).await?;
    let query = Query::parse(request.query_string(), &["older_than"])?;
    let older_than = query
        .first("older_than")
        .map(|raw| {
            uuid::Uuid::parse_str(raw)
                .map_err(|_| ApiError::validation("older_than is not a valid UUID"))
        })
        .transpose()?;
    let service_id = caller.service.service.id;
    let texts = state
        .db
        .run(move |conn| ReceivedText::page(conn, service_id, older_than, PAGE_SIZE))
        .await?;
    let base = format!("{}v2/received-text-messages", state.public_url);
    let mut links = json!({ "current": base });
    if let Some(last) = texts.last() {
        links["next"] = json!(format!("{base}?older_than={}", last.id));
    }
    let texts: Vec<serde_json::Value> = texts
        .iter()
        .map(|t| {
            json!({
                "id": t.id,
                "created_at": timestamp(&t.created_at),
                "service_id": t.service_id,
                "notify_number": t.notify_number,
                "user_number": t.user_number,
                "content": t.content,
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(json!({
        "received_text_messages": texts,
        "links": links,
    })))
}

/// The OpenAPI 3 document of the public API (kept in `api/openapi.json`).
pub const OPENAPI: &str = include_str!("../../openapi.json");

/// GET /v2/openapi.json
pub async fn openapi() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(OPENAPI)
}
