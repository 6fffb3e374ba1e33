//! Notify's status endpoint. `GET /_status?simple=true` is the DB-free probe
//! Notify's manifests use; `GET /_status` is the deep page for humans and
//! monitors: version, commit, and what the background checks last saw of
//! the database and the broker. Neither does any I/O: the deep page reports
//! the background database checker's last result.

use std::time::Instant;

use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};
use herald_domain::db::DATABASE;
use herald_probes::Health;
use serde_json::json;

use crate::publisher::BROKER_CHECK;

pub struct StatusInfo {
    health: Health,
    started: Instant,
}

impl StatusInfo {
    pub fn new(health: Health) -> Self {
        StatusInfo {
            health,
            started: Instant::now(),
        }
    }
}

pub async fn status(request: HttpRequest, info: Data<StatusInfo>) -> HttpResponse {
    let simple = request
        .query_string()
        .split('&')
        .any(|pair| pair.split('=').next() == Some("simple"));
    if simple {
        return HttpResponse::Ok().json(json!({"status": "ok"}));
    }
    let readiness = info.health.readiness();
    let dependencies = info.health.dependencies();
    HttpResponse::Ok().json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "commit": env!("HERALD_GIT_COMMIT"),
        "uptime_seconds": info.started.elapsed().as_secs(),
        "database": dependencies.get(DATABASE),
        "broker": readiness.checks.get(BROKER_CHECK),
        "ready": readiness.ok,
        "readiness": readiness.checks,
        "liveness": info.health.liveness(),
    }))
}
