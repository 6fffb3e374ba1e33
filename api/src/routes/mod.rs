//! HTTP routes. The hot path is `notifications/post.rs`:
//! authenticate → validate → render → publish (confirmed) → 201.

pub mod documents;
pub mod notifications;
pub mod other;
pub mod receipts;
pub mod status;
pub mod templates;

use actix_web::{HttpRequest, HttpResponse, web};
use herald_probes::{livez, readyz};

use crate::error::ApiError;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/livez", web::get().to(livez))
        .route("/readyz", web::get().to(readyz))
        .route("/_status", web::get().to(status::status))
        .route("/_status", web::post().to(status::status))
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
            web::resource("/v2/notifications/letter")
                .route(web::post().to(notifications::post_letter))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/v2/notifications")
                .route(web::get().to(notifications::list))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/v2/template/{template_id}")
                .route(web::get().to(templates::get))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/v2/template/{template_id}/version/{version}")
                .route(web::get().to(templates::get_version))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/v2/template/{template_id}/preview")
                .route(web::post().to(templates::preview))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/v2/templates")
                .route(web::get().to(templates::list))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/v2/received-text-messages")
                .route(web::get().to(other::received_text_messages))
                .default_service(web::to(method_not_allowed)),
        )
        .route("/v2/openapi.json", web::get().to(other::openapi))
        .service(
            web::resource("/d/{service_id}/{document_id}")
                .route(web::get().to(documents::download))
                .route(web::post().to(documents::confirm))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/notifications/email/ses")
                .route(web::post().to(receipts::ses))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/notifications/sms/inbound/sns")
                .route(web::post().to(receipts::inbound_sms))
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/v2/notifications/{notification_id}/pdf")
                .route(web::get().to(notifications::letter_pdf))
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
