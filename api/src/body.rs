//! Reading a JSON request body ourselves, so that every way it can be wrong
//! (too large, not JSON, wrong content type) is answered in the v2 format.

use actix_web::HttpRequest;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::web::{BytesMut, Payload};
use futures_util::StreamExt;

use crate::error::ApiError;

/// Largest accepted body: Notify's 2 MB file limit, base64-encoded, plus room
/// for the rest of the request.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// Like GOV.UK Notify, a missing content type is accepted (the body is read
/// as JSON anyway); a declared non-JSON one is refused with 415.
fn check_content_type(request: &HttpRequest) -> Result<(), ApiError> {
    let Some(value) = request.headers().get(CONTENT_TYPE) else {
        return Ok(());
    };
    let text = value.to_str().unwrap_or_default();
    let media_type = text
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if media_type == "application/json" || media_type.ends_with("+json") {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType(text.to_owned()))
    }
}

/// The body as a JSON value. An empty body reads as `{}` when
/// `empty_is_object` (Notify's preview endpoint allows it).
pub async fn read_json(
    request: &HttpRequest,
    mut payload: Payload,
    empty_is_object: bool,
) -> Result<serde_json::Value, ApiError> {
    check_content_type(request)?;
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|_| ApiError::BadRequest("Invalid JSON supplied in POST data".into()))?;
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(ApiError::PayloadTooLarge(MAX_BODY_BYTES));
        }
        body.extend_from_slice(&chunk);
    }
    if empty_is_object && body.iter().all(u8::is_ascii_whitespace) {
        return Ok(serde_json::Value::Object(serde_json::Map::new()));
    }
    serde_json::from_slice(&body)
        .map_err(|_| ApiError::BadRequest("Invalid JSON supplied in POST data".into()))
}
