//! The one API error type, rendered in Notify's v2 error envelope:
//!
//! ```json
//! {"status_code": 400, "errors": [{"error": "ValidationError", "message": "template_id is a required property"}]}
//! ```
//!
//! Policy: handlers return `Result<_, ApiError>`. Bad input is always a 4xx
//! with Notify's error type and message. A dependency that is down or too
//! slow (broker, database) is a 503 answered at once. Anything else is a bug
//! and renders as 500 "Internal server error", logged once here with its
//! cause chain; its details never reach the client.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Schema problems: one entry per problem, each "<field> <message>".
    #[error("validation failed: {0:?}")]
    Validation(Vec<String>),
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Notify's 403 `BadRequestError` (letters with a team key or from a
    /// trial service).
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// A letter whose PDF is not stored yet (the clients retry on this type).
    #[error("PDF not ready")]
    PdfNotReady,
    /// 401 (no or non-bearer credentials) or 403 (credentials refused).
    #[error("auth error ({status}): {message}")]
    Auth { status: StatusCode, message: String },
    #[error("no result found")]
    NotFound,
    /// A resource that existed but is no longer available (an expired file).
    #[error("gone: {0}")]
    Gone(String),
    #[error("no route for {method} {path}")]
    NoRoute { method: String, path: String },
    /// `allow` lists the methods the path takes (the `Allow` header).
    #[error("method {method} not allowed on {path}")]
    MethodNotAllowed {
        method: String,
        path: String,
        allow: &'static str,
    },
    #[error("unsupported media type {0:?}")]
    UnsupportedMediaType(String),
    #[error("request body larger than {0} bytes")]
    PayloadTooLarge(usize),
    /// The body, or the whole request, did not arrive or finish in time.
    #[error("request timeout: {0}")]
    RequestTimeout(String),
    #[error("rate limited: {0}")]
    RateLimit(String),
    #[error("daily limit: {0}")]
    TooManyRequests(String),
    /// A dependency (broker, database) is down or did not answer in time.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

#[derive(Serialize)]
struct Envelope<'a> {
    status_code: u16,
    errors: Vec<ErrorEntry<'a>>,
}

#[derive(Serialize)]
struct ErrorEntry<'a> {
    error: &'a str,
    message: String,
}

impl ApiError {
    pub fn unauthorized(message: &str) -> Self {
        ApiError::Auth {
            status: StatusCode::UNAUTHORIZED,
            message: message.to_owned(),
        }
    }

    pub fn forbidden(message: &str) -> Self {
        ApiError::Auth {
            status: StatusCode::FORBIDDEN,
            message: message.to_owned(),
        }
    }

    pub fn validation(message: impl Into<String>) -> Self {
        ApiError::Validation(vec![message.into()])
    }

    fn error_type(&self) -> &'static str {
        match self {
            ApiError::Validation(_) => "ValidationError",
            ApiError::BadRequest(_) | ApiError::Forbidden(_) => "BadRequestError",
            ApiError::PdfNotReady => "PDFNotReadyError",
            ApiError::Auth { .. } => "AuthError",
            ApiError::NotFound => "NoResultFound",
            ApiError::NoRoute { .. } => "NotFound",
            ApiError::Gone(_) => "GoneError",
            ApiError::MethodNotAllowed { .. } => "MethodNotAllowed",
            ApiError::UnsupportedMediaType(_) => "UnsupportedMediaType",
            ApiError::PayloadTooLarge(_) => "PayloadTooLarge",
            ApiError::RequestTimeout(_) => "RequestTimeout",
            ApiError::RateLimit(_) => "RateLimitError",
            ApiError::TooManyRequests(_) => "TooManyRequestsError",
            ApiError::Unavailable(_) => "ServiceUnavailable",
            ApiError::Unexpected(_) => "InternalServerError",
        }
    }

    fn messages(&self) -> Vec<String> {
        match self {
            ApiError::Validation(messages) => messages.clone(),
            ApiError::BadRequest(message)
            | ApiError::Forbidden(message)
            | ApiError::Auth { message, .. }
            | ApiError::Gone(message)
            | ApiError::RequestTimeout(message)
            | ApiError::RateLimit(message)
            | ApiError::TooManyRequests(message) => vec![message.clone()],
            ApiError::NotFound => vec!["No result found".to_owned()],
            ApiError::PdfNotReady => vec!["PDF not available yet, try again later".to_owned()],
            ApiError::NoRoute { method, path } => {
                vec![format!("No route matches {method} {path}")]
            }
            ApiError::MethodNotAllowed { method, path, .. } => {
                vec![format!("The method {method} is not allowed for {path}")]
            }
            ApiError::UnsupportedMediaType(_) => {
                vec!["Content-Type must be application/json".to_owned()]
            }
            ApiError::PayloadTooLarge(limit) => {
                vec![format!("Request body is larger than {limit} bytes")]
            }
            ApiError::Unavailable(message) => vec![message.clone()],
            ApiError::Unexpected(_) => vec!["Internal server error".to_owned()],
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) | ApiError::BadRequest(_) | ApiError::PdfNotReady => {
                StatusCode::BAD_REQUEST
            }
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::Auth { status, .. } => *status,
            ApiError::NotFound | ApiError::NoRoute { .. } => StatusCode::NOT_FOUND,
            ApiError::Gone(_) => StatusCode::GONE,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::RequestTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::RateLimit(_) | ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        match self {
            ApiError::Unexpected(error) => {
                // `{:#}`: the cause chain on one line, never a backtrace.
                tracing::error!(error.cause_chain = %format_args!("{error:#}"), "unexpected error");
            }
            ApiError::Unavailable(reason) => tracing::warn!(%reason, "answering 503"),
            _ => {}
        }
        let error = self.error_type();
        let envelope = Envelope {
            status_code: status.as_u16(),
            errors: self
                .messages()
                .into_iter()
                .map(|message| ErrorEntry { error, message })
                .collect(),
        };
        let mut response = HttpResponse::build(status);
        if let ApiError::MethodNotAllowed { allow, .. } = self {
            response.insert_header((actix_web::http::header::ALLOW, *allow));
        }
        if matches!(self, ApiError::RequestTimeout(_)) {
            // Part of the request may still be on its way: this connection
            // cannot carry another one.
            response.force_close();
        }
        response.json(envelope)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::MessageBody;

    fn body_of(error: ApiError) -> serde_json::Value {
        let bytes = error
            .error_response()
            .into_body()
            .try_into_bytes()
            .unwrap_or_default();
        serde_json::from_slice(&bytes).unwrap_or_default()
    }

    #[test]
    fn validation_errors_render_one_entry_each() {
        let body = body_of(ApiError::Validation(vec![
            "template_id is a required property".into(),
            "email_address Not a valid email address".into(),
        ]));
        assert_eq!(
            body,
            serde_json::json!({"status_code": 400, "errors": [
                {"error": "ValidationError", "message": "template_id is a required property"},
                {"error": "ValidationError", "message": "email_address Not a valid email address"},
            ]})
        );
    }

    #[test]
    fn unexpected_errors_hide_their_cause() {
        let body = body_of(ApiError::Unexpected(anyhow::anyhow!("secret detail")));
        assert_eq!(
            body,
            serde_json::json!({"status_code": 500, "errors": [
                {"error": "InternalServerError", "message": "Internal server error"},
            ]})
        );
    }
}
