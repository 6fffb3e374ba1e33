use actix_web::{HttpRequest, HttpResponse, web};

use crate::{Health, Report};

fn answer(report: Report, verbose: bool) -> HttpResponse {
    let mut response = if report.ok {
        HttpResponse::Ok()
    } else {
        HttpResponse::ServiceUnavailable()
    };
    response.insert_header(("cache-control", "no-store"));
    if verbose || !report.ok {
        response.json(report)
    } else {
        response.json(serde_json::json!({ "ok": true }))
    }
}

fn verbose(request: &HttpRequest) -> bool {
    request
        .query_string()
        .split('&')
        .any(|pair| pair == "verbose" || pair.starts_with("verbose="))
}

/// `GET /livez`: are this process's loops turning?
pub async fn livez(request: HttpRequest, health: web::Data<Health>) -> HttpResponse {
    answer(health.liveness(), verbose(&request))
}

/// `GET /readyz`: can this process accept work now? Never touches a
/// dependency; reads the state components reported.
pub async fn readyz(request: HttpRequest, health: web::Data<Health>) -> HttpResponse {
    answer(health.readiness(), verbose(&request))
}
