//! A local stand-in for the SESv2 endpoint that misbehaves on purpose, for
//! what moto cannot do: it throttles (429 `TooManyRequestsException`) the
//! first `throttle` sends to `throttle@…` recipients, refuses every send to
//! `refuse@…` (400 `MessageRejected`), and accepts everything else, giving
//! each accepted email a MessageId `fake-<n>`. It records every send.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use actix_web::{HttpResponse, web};
use serde_json::{Value, json};

use super::receiver::serve_local;

/// One SendEmail request as the fake saw it.
#[derive(Debug, Clone)]
pub struct Send {
    pub to: String,
    pub at: Instant,
    /// The status the fake answered.
    pub status: u16,
}

struct State {
    throttle: usize,
    throttled: AtomicUsize,
    accepted: AtomicUsize,
    sends: Mutex<Vec<Send>>,
}

pub struct FakeSes {
    pub endpoint: String,
    state: Arc<State>,
    handle: actix_web::dev::ServerHandle,
}

fn aws_error(status: u16, code: &str, message: &str) -> HttpResponse {
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).expect("status"))
        .insert_header(("x-amzn-ErrorType", code))
        .insert_header(("x-amzn-RequestId", "fake-request"))
        .content_type("application/json")
        .body(json!({ "message": message }).to_string())
}

async fn send_email(body: web::Bytes, state: web::Data<Arc<State>>) -> HttpResponse {
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let to = request["Destination"]["ToAddresses"][0]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let response = if to.starts_with("refuse@") {
        aws_error(400, "MessageRejected", "Email address is not verified.")
    } else if to.starts_with("throttle@")
        && state.throttled.fetch_add(1, Ordering::SeqCst) < state.throttle
    {
        aws_error(
            429,
            "TooManyRequestsException",
            "Maximum sending rate exceeded.",
        )
    } else {
        let n = state.accepted.fetch_add(1, Ordering::SeqCst);
        HttpResponse::Ok()
            .insert_header(("x-amzn-RequestId", "fake-request"))
            .content_type("application/json")
            .body(json!({ "MessageId": format!("fake-{n}") }).to_string())
    };
    state.sends.lock().expect("lock").push(Send {
        to,
        at: Instant::now(),
        status: response.status().as_u16(),
    });
    response
}

impl FakeSes {
    pub fn start(throttle: usize) -> FakeSes {
        let state = Arc::new(State {
            throttle,
            throttled: AtomicUsize::new(0),
            accepted: AtomicUsize::new(0),
            sends: Mutex::new(Vec::new()),
        });
        let (port, handle) = serve_local(state.clone(), |app| {
            app.route("/v2/email/outbound-emails", web::post().to(send_email));
        });
        FakeSes {
            endpoint: format!("http://127.0.0.1:{port}"),
            state,
            handle,
        }
    }

    pub fn sends(&self) -> Vec<Send> {
        self.state.sends.lock().expect("lock").clone()
    }

    pub async fn stop(self) {
        self.handle.stop(false).await;
    }
}
