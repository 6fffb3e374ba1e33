//! The rest of Notify's surface, until its features land: received text
//! messages are an empty list in Notify's shape. Plus the OpenAPI document.

use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};
use serde_json::json;

use crate::auth;
use crate::error::ApiError;
use crate::query::Query;
use crate::startup::AppState;

/// GET /v2/received-text-messages
pub async fn received_text_messages(
    request: HttpRequest,
    state: Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    auth::authenticate(&request, &state.cache).await?;
    let query = Query::parse(request.query_string(), &["older_than"])?;
    if let Some(older_than) = query.first("older_than") {
        uuid::Uuid::parse_str(older_than)
            .map_err(|_| ApiError::validation("older_than is not a valid UUID"))?;
    }
    Ok(HttpResponse::Ok().json(json!({
        "received_text_messages": [],
        "links": { "current": format!("{}v2/received-text-messages", state.public_url) },
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
