//! Reading request bodies ourselves, so that every way one can be wrong
//! (too large, too slow, not JSON, wrong content type) is answered in the v2
//! format.
//!
//! A body must arrive whole within `HERALD_HTTP_BODY_TIMEOUT_MS` of the
//! handler starting to read it (408 otherwise): a client trickling its body,
//! or sending part of it and then nothing, cannot hold a connection and its
//! buffer open for long. The whole request has its own, longer deadline
//! (`HERALD_HTTP_REQUEST_TIMEOUT_MS`, in `startup.rs`).

use std::time::Duration;

use actix_web::HttpRequest;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::web::{BytesMut, Data, Payload};
use futures_util::StreamExt;

use crate::error::ApiError;
use crate::state::AppState;

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
    payload: Payload,
    empty_is_object: bool,
) -> Result<serde_json::Value, ApiError> {
    read_json_up_to(request, payload, empty_is_object, MAX_BODY_BYTES).await
}

/// [`read_json`] with a body of at most `limit` bytes (a bulk send's).
pub async fn read_json_up_to(
    request: &HttpRequest,
    payload: Payload,
    empty_is_object: bool,
    limit: usize,
) -> Result<serde_json::Value, ApiError> {
    check_content_type(request)?;
    let body = read_bytes(request, payload, limit)
        .await
        .map_err(|error| match error {
            ApiError::BadRequest(_) => {
                ApiError::BadRequest("Invalid JSON supplied in POST data".into())
            }
            other => other,
        })?;
    if empty_is_object && body.iter().all(u8::is_ascii_whitespace) {
        return Ok(serde_json::Value::Object(serde_json::Map::new()));
    }
    serde_json::from_slice(&body)
        .map_err(|_| ApiError::BadRequest("Invalid JSON supplied in POST data".into()))
}

/// The whole body, at most `limit` bytes, received within the body
/// deadline: 413 when larger, 408 when slower, 400 when the connection
/// breaks off mid-body.
pub async fn read_bytes(
    request: &HttpRequest,
    mut payload: Payload,
    limit: usize,
) -> Result<BytesMut, ApiError> {
    let within = request
        .app_data::<Data<AppState>>()
        .map_or(DEFAULT_BODY_TIMEOUT, |state| state.http.body_timeout);
    let read = async {
        let mut body = BytesMut::new();
        while let Some(chunk) = payload.next().await {
            let chunk = chunk.map_err(|e| ApiError::BadRequest(format!("Invalid body: {e}")))?;
            if body.len() + chunk.len() > limit {
                return Err(ApiError::PayloadTooLarge(limit));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    };
    tokio::time::timeout(within, read).await.map_err(|_| {
        ApiError::RequestTimeout(format!(
            "The request body was not received within {} ms",
            within.as_millis()
        ))
    })?
}

/// Used only where no [`AppState`] is registered (never in the real app).
const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(15);
