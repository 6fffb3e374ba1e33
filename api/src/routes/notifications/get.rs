//! GET /v2/notifications/{id}, with read-your-write.
//!
//! A notification is in the table once the persist worker commits its batch,
//! normally within the batch linger plus one commit. An id the API issued
//! moments ago (its UUIDv7 says when) but not yet found is polled for, up to
//! `HERALD_READ_YOUR_WRITE_MS` after its creation, without holding a
//! connection between polls; after that it is a plain 404.

use std::time::Duration;

use actix_web::web::{Data, Path};
use actix_web::{HttpRequest, HttpResponse};
use herald_domain::ids;
use herald_domain::models::Notification;
use uuid::Uuid;

use super::view;
use crate::auth;
use crate::error::ApiError;
use crate::state::AppState;

const POLL_INTERVAL: Duration = Duration::from_millis(25);

pub async fn get_by_id(
    request: HttpRequest,
    path: Path<String>,
    state: Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = auth::authenticate(&request, &state.cache).await?;
    let notification = find_own(&state, caller.service.service.id, &path.into_inner()).await?;
    Ok(
        HttpResponse::Ok().json(view::with_cost_data(view::notification(
            &notification,
            &state.public_url,
        ))),
    )
}

/// One of the service's notifications by its id (as given in the path),
/// waiting out the read-your-write window for a young one.
pub async fn find_own(
    state: &AppState,
    service_id: Uuid,
    raw_id: &str,
) -> Result<Notification, ApiError> {
    let id = Uuid::parse_str(raw_id)
        .map_err(|_| ApiError::validation("notification_id is not a valid UUID"))?;
    // Only UUIDv7 ids are ours; their time names the partition.
    let created_at = ids::created_at_of(&id).ok_or(ApiError::NotFound)?;
    let wait_until = created_at + state.read_your_write;
    loop {
        let found = state
            .db
            .run(move |conn| Notification::find(conn, service_id, id, created_at))
            .await?;
        if let Some(notification) = found {
            return Ok(notification);
        }
        if chrono::Utc::now() >= wait_until {
            return Err(ApiError::NotFound);
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}
