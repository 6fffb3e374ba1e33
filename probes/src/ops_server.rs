use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::Server;
use actix_web::{App, HttpResponse, HttpServer, web};

use crate::{Health, handlers};

/// Renders the Prometheus text exposition on demand.
pub type Exposition = Arc<dyn Fn() -> String + Send + Sync>;

async fn metrics(exposition: web::Data<Exposition>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4")
        .body((exposition.get_ref())())
}

/// The operations server on its own port (never exposed through the
/// ingress): `/metrics`, `/livez` and `/readyz`. It runs on a worker thread
/// (and runtime) of its own, with its own acceptor: the probes answer from
/// the in-memory registry however saturated the API's request workers are.
/// Kubernetes probes both the API and the worker here.
pub fn serve_ops(
    listener: TcpListener,
    exposition: Exposition,
    health: Health,
) -> std::io::Result<Server> {
    let exposition = web::Data::new(exposition);
    let health = web::Data::new(health);
    Ok(HttpServer::new(move || {
        App::new()
            .app_data(exposition.clone())
            .app_data(health.clone())
            .route("/metrics", web::get().to(metrics))
            .route("/livez", web::get().to(handlers::livez))
            .route("/readyz", web::get().to(handlers::readyz))
    })
    .workers(1)
    .disable_signals()
    .listen(listener)?
    .run())
}
