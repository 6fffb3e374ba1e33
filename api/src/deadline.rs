//! Every request's deadline, and no connection kept for a body nobody reads.
//!
//! * The whole request must complete within `HERALD_HTTP_REQUEST_TIMEOUT_MS`
//!   (its body within `HERALD_HTTP_BODY_TIMEOUT_MS`, see `body.rs`): past it
//!   the handler is dropped and the client gets 408 in the v2 format.
//! * A request answered before its body was read to the end (a 408, a 401
//!   before the body is needed, a GET sent with a body) closes its
//!   connection. actix closes it for a `Content-Length` body, but drains a
//!   chunked one for as long as the client keeps sending it, so a client
//!   trickling chunks could hold a connection (and a place under
//!   `HERALD_HTTP_MAX_CONNECTIONS`) for ever. actix closes instead of
//!   draining when the body's reader is still alive as the response ends,
//!   so the middleware shares the body with the handler and keeps its own
//!   handle in the response body until the response is sent.

use std::cell::RefCell;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes};
use actix_web::{HttpMessage, HttpResponse, ResponseError};
use futures_util::{Stream, StreamExt};

use crate::error::ApiError;
use crate::state::AppState;

/// The request's body, read by the handler through one handle and kept
/// alive by another.
#[derive(Clone)]
struct SharedBody(Rc<RefCell<Payload>>);

impl Stream for SharedBody {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.borrow_mut().poll_next_unpin(cx)
    }
}

/// A response body that keeps the request's body alive until it is sent.
struct UntilSent {
    body: BoxBody,
    _request_body: SharedBody,
}

impl UntilSent {
    fn wrap(response: HttpResponse<BoxBody>, request_body: SharedBody) -> HttpResponse<BoxBody> {
        response
            .map_body(|_, body| UntilSent {
                body,
                _request_body: request_body,
            })
            .map_into_boxed_body()
    }
}

impl MessageBody for UntilSent {
    type Error = <BoxBody as MessageBody>::Error;

    fn size(&self) -> BodySize {
        self.body.size()
    }

    fn poll_next(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        Pin::new(&mut self.body).poll_next(cx)
    }
}

/// The whole request took too long: 408, sent while the request's body
/// (what is left of it) is still held, so that the connection is closed.
struct TimedOut {
    error: ApiError,
    request_body: SharedBody,
}

impl std::fmt::Debug for TimedOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TimedOut({:?})", self.error)
    }
}

impl std::fmt::Display for TimedOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl ResponseError for TimedOut {
    fn status_code(&self) -> actix_web::http::StatusCode {
        self.error.status_code()
    }

    fn error_response(&self) -> HttpResponse<BoxBody> {
        UntilSent::wrap(self.error.error_response(), self.request_body.clone())
    }
}

/// Middleware: the request deadline, and the request's body kept until the
/// response is sent.
pub async fn request_deadline(
    mut request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let within = request
        .app_data::<web::Data<AppState>>()
        .map_or(Duration::MAX, |state| state.http.request_timeout);
    let shared = SharedBody(Rc::new(RefCell::new(request.take_payload())));
    let handle: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>> = Box::pin(shared.clone());
    request.set_payload(Payload::Stream { payload: handle });
    match tokio::time::timeout(within, next.call(request)).await {
        Ok(response) => {
            let (request, response) = response?.into_parts();
            let response = UntilSent::wrap(response.map_into_boxed_body(), shared);
            Ok(ServiceResponse::new(request, response))
        }
        Err(_) => Err(TimedOut {
            error: ApiError::RequestTimeout(format!(
                "The request did not complete within {} ms",
                within.as_millis()
            )),
            request_body: shared,
        }
        .into()),
    }
}
