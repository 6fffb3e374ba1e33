//! HTTP routes. The hot path is `notifications/post.rs`:
//! authenticate → validate → render → publish (confirmed) → 201.

pub mod documents;
pub mod jobs;
pub mod notifications;
pub mod other;
pub mod receipts;
pub mod status;
pub mod templates;

use actix_web::{HttpRequest, HttpResponse, web};
use herald_probes::{livez, readyz};

use crate::error::ApiError;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/livez")
            .route(web::get().to(livez))
            .default_service(only("GET")),
    )
    .service(
        web::resource("/readyz")
            .route(web::get().to(readyz))
            .default_service(only("GET")),
    )
    .service(
        web::resource("/_status")
            .route(web::get().to(status::status))
            .route(web::post().to(status::status))
            .default_service(only("GET, POST")),
    )
    .service(
        web::resource("/v2/notifications/email")
            .route(web::post().to(notifications::post_email))
            .default_service(only("POST")),
    )
    .service(
        web::resource("/v2/notifications/sms")
            .route(web::post().to(notifications::post_sms))
            .default_service(only("POST")),
    )
    .service(
        web::resource("/v2/notifications/letter")
            .route(web::post().to(notifications::post_letter))
            .default_service(only("POST")),
    )
    .service(
        web::resource("/v2/notifications/bulk")
            .route(web::post().to(notifications::post_bulk))
            .default_service(only("POST")),
    )
    .service(
        web::resource("/v2/jobs")
            .route(web::get().to(jobs::list))
            .default_service(only("GET")),
    )
    .service(
        web::resource("/v2/jobs/{job_id}")
            .route(web::get().to(jobs::get))
            .default_service(only("GET")),
    )
    .service(
        web::resource("/v2/jobs/{job_id}/cancel")
            .route(web::post().to(jobs::cancel))
            .default_service(only("POST")),
    )
    .service(
        web::resource("/v2/notifications")
            .route(web::get().to(notifications::list))
            .default_service(only("GET")),
    )
    .service(
        web::resource("/v2/template/{template_id}")
            .route(web::get().to(templates::get))
            .default_service(only("GET")),
    )
    .service(
        web::resource("/v2/template/{template_id}/version/{version}")
            .route(web::get().to(templates::get_version))
            .default_service(only("GET")),
    )
    .service(
        web::resource("/v2/template/{template_id}/preview")
            .route(web::post().to(templates::preview))
            .default_service(only("POST")),
    )
    .service(
        web::resource("/v2/templates")
            .route(web::get().to(templates::list))
            .default_service(only("GET")),
    )
    .service(
        web::resource("/v2/received-text-messages")
            .route(web::get().to(other::received_text_messages))
            .default_service(only("GET")),
    )
    .service(
        web::resource("/v2/openapi.json")
            .route(web::get().to(other::openapi))
            .default_service(only("GET")),
    )
    .service(
        web::resource("/d/{service_id}/{document_id}")
            .route(web::get().to(documents::download))
            .route(web::post().to(documents::confirm))
            .default_service(only("GET, POST")),
    )
    .service(
        web::resource("/notifications/email/ses")
            .route(web::post().to(receipts::ses))
            .default_service(only("POST")),
    )
    .service(
        web::resource("/notifications/sms/inbound/sns")
            .route(web::post().to(receipts::inbound_sms))
            .default_service(only("POST")),
    )
    .service(
        web::resource("/v2/notifications/{notification_id}/pdf")
            .route(web::get().to(notifications::letter_pdf))
            .default_service(only("GET")),
    )
    .service(
        web::resource("/v2/notifications/{notification_id}")
            .route(web::get().to(notifications::get_by_id))
            .default_service(only("GET")),
    );
}

/// Any other method on a path: 405, with the methods it does take in `Allow`.
fn only(allow: &'static str) -> actix_web::Route {
    web::to(move |request: HttpRequest| async move {
        Err::<HttpResponse, _>(ApiError::MethodNotAllowed {
            method: request.method().to_string(),
            path: request.path().to_owned(),
            allow,
        })
    })
}

/// Every unknown path, in the v2 error format.
pub async fn no_route(request: HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(ApiError::NoRoute {
        method: request.method().to_string(),
        path: request.path().to_owned(),
    })
}
