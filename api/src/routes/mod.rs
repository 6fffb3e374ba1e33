//! HTTP routes. The hot path is `notifications/post.rs`:
//! authenticate → validate → render → publish (confirmed) → 201.

pub mod notifications;
pub mod status;

use actix_web::{HttpRequest, HttpResponse, web};
use herald_probes::{livez, readyz};

use crate::error::ApiError;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/livez", web::get().to(livez))
        .route("/readyz", web::get().to(readyz))
        .route("/_status", web::get().to(status::status))
        .service(
            web::resource("/v2/notifications/email")
                .route(web::post().to(notifications::post_email))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/v2/notifications/sms")
                .route(web::post().to(notifications::post_sms))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/v2/notifications/{notification_id}")
                .route(web::get().to(notifications::get_by_id))
                .default_service(web::to(method_not_allowed)),
        );
}

async fn method_not_allowed(request: HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(ApiError::MethodNotAllowed {
        method: request.method().to_string(),
        path: request.path().to_owned(),
    })
}

/// Every unknown path, in the v2 error format.
pub async fn no_route(request: HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(ApiError::NoRoute {
        method: request.method().to_string(),
        path: request.path().to_owned(),
    })
}
