//! A local HTTP endpoint standing in for a service's callback URL: records
//! every request, and answers 500 to the first `fail_first` of them.

use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};

#[derive(Debug, Clone)]
pub struct Received {
    pub authorization: Option<String>,
    pub body: serde_json::Value,
}

#[derive(Default)]
struct State {
    received: Mutex<Vec<Received>>,
    fail_first: usize,
    seen: AtomicUsize,
}

pub struct Receiver {
    pub url: String,
    state: Arc<State>,
    handle: actix_web::dev::ServerHandle,
}

async fn record(
    request: HttpRequest,
    body: web::Bytes,
    state: web::Data<Arc<State>>,
) -> HttpResponse {
    let n = state.seen.fetch_add(1, Ordering::SeqCst);
    let received = Received {
        authorization: request
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        body: serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null),
    };
    state.received.lock().expect("lock").push(received);
    if n < state.fail_first {
        HttpResponse::InternalServerError().finish()
    } else {
        HttpResponse::Ok().finish()
    }
}

/// Serves `routes` on a loopback port (one worker), with `state` as
/// `web::Data<Arc<T>>`: the local stand-ins for other parties' endpoints.
pub fn serve_local<T: Send + Sync + 'static>(
    state: Arc<T>,
    routes: fn(&mut web::ServiceConfig),
) -> (u16, actix_web::dev::ServerHandle) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local endpoint");
    let port = listener.local_addr().expect("addr").port();
    let data = web::Data::new(state);
    let server = HttpServer::new(move || App::new().app_data(data.clone()).configure(routes))
        .workers(1)
        .disable_signals()
        .listen(listener)
        .expect("listen")
        .run();
    let handle = server.handle();
    tokio::spawn(server);
    (port, handle)
}

impl Receiver {
    pub fn start(fail_first: usize) -> Receiver {
        let state = Arc::new(State {
            fail_first,
            ..State::default()
        });
        let (port, handle) = serve_local(state.clone(), |app| {
            app.default_service(web::to(record));
        });
        Receiver {
            url: format!("http://127.0.0.1:{port}/callbacks"),
            state,
            handle,
        }
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.received.lock().expect("lock").clone()
    }

    /// Waits until at least `n` requests arrived.
    pub async fn wait_for(&self, n: usize, within: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let received = self.received();
            if received.len() >= n || tokio::time::Instant::now() >= deadline {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn stop(self) {
        self.handle.stop(false).await;
    }
}
