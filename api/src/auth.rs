//! Notify's API authentication, message for message.
//!
//! The client sends `Authorization: Bearer <JWT>`, HS256-signed with the
//! secret part of its API key, claims `{"iss": <service id>, "iat": <now>}`.
//! The service is found by `iss` (read before verification), then each of
//! its keys is tried; the first whose secret verifies the signature is the
//! caller. `iat` must be within 30 seconds of our clock either way. The
//! clients send no `exp`, but one that is present is checked as PyJWT checks
//! it for Notify (with the same 30 s leeway): an expired token is refused
//! with Notify's general token message, a not-yet-valid `nbf` with its clock
//! message.

use std::sync::Arc;

use actix_web::HttpRequest;
use herald_domain::kinds::KeyType;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use uuid::Uuid;

use crate::cache::{CachedService, ServiceCache};
use crate::error::ApiError;

const CLOCK_SKEW_SECONDS: i64 = 30;
const CLOCK_SKEW: &str = "Error: Your system clock must be accurate to within 30 seconds";
const INVALID_TOKEN: &str = "Invalid token: make sure your API token matches the example at https://docs.notifications.service.gov.uk/rest-api.html#authorisation-header";

/// Who is calling: the service (as cached) and the key it signed with.
pub struct Caller {
    pub service: Arc<CachedService>,
    pub api_key_id: Uuid,
    pub key_type: KeyType,
}

#[derive(Deserialize)]
struct Claims {
    iss: Option<serde_json::Value>,
    iat: Option<serde_json::Value>,
}

pub async fn authenticate(request: &HttpRequest, cache: &ServiceCache) -> Result<Caller, ApiError> {
    let token = bearer_token(request)?;
    let header =
        jsonwebtoken::decode_header(token).map_err(|_| ApiError::forbidden(INVALID_TOKEN))?;
    if header.alg != Algorithm::HS256 {
        return Err(ApiError::forbidden(
            "Invalid token: algorithm used is not HS256",
        ));
    }
    let service_id = issuer(token)?;
    let mut service = cache
        .get_or_lookup(service_id)
        .await?
        .ok_or_else(|| ApiError::forbidden("Invalid token: service not found"))?;
    let mut verified = verify(token, &service)?;
    if verified.is_none() {
        // A key created a moment ago may not be cached yet.
        if let Some(fresh) = cache.lookup_after_miss(service_id).await? {
            verified = verify(token, &fresh)?;
            service = fresh;
        }
    }
    if service.api_keys.is_empty() {
        return Err(ApiError::forbidden(
            "Invalid token: service has no API keys",
        ));
    }
    if !service.service.active {
        return Err(ApiError::forbidden("Invalid token: service is archived"));
    }
    let (index, claims) =
        verified.ok_or_else(|| ApiError::forbidden("Invalid token: API key not found"))?;
    check_issued_at(&claims)?;
    let key = &service.api_keys[index];
    if key.is_revoked() {
        return Err(ApiError::forbidden("Invalid token: API key revoked"));
    }
    let key_type = key
        .kind()
        .ok_or_else(|| ApiError::forbidden("Invalid token: API key not found"))?;
    let api_key_id = key.id;
    Ok(Caller {
        service,
        api_key_id,
        key_type,
    })
}

fn bearer_token(request: &HttpRequest) -> Result<&str, ApiError> {
    let missing_token =
        || ApiError::unauthorized("Unauthorized: authentication token must be provided");
    let header = request
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .ok_or_else(missing_token)?
        .to_str()
        .map_err(|_| {
            ApiError::unauthorized("Unauthorized: authentication bearer scheme must be used")
        })?;
    // `Bearer ` with nothing after it (a shell variable that was empty)
    // reaches us as `Bearer`: the scheme is right, the token is missing.
    match header.get(..7) {
        Some(scheme) if scheme.eq_ignore_ascii_case("bearer ") => Some(header[7..].trim())
            .filter(|t| !t.is_empty())
            .ok_or_else(missing_token),
        _ if header.trim().eq_ignore_ascii_case("bearer") => Err(missing_token()),
        _ => Err(ApiError::unauthorized(
            "Unauthorized: authentication bearer scheme must be used",
        )),
    }
}

/// The `iss` claim, read without verifying the signature (it names whose
/// keys to verify with).
fn issuer(token: &str) -> Result<Uuid, ApiError> {
    let data = jsonwebtoken::dangerous::insecure_decode::<Claims>(token)
        .map_err(|_| ApiError::forbidden(INVALID_TOKEN))?;
    match data.claims.iss {
        None | Some(serde_json::Value::Null) => {
            Err(ApiError::forbidden("Invalid token: iss field not provided"))
        }
        Some(serde_json::Value::String(iss)) => Uuid::parse_str(&iss).map_err(|_| {
            ApiError::forbidden("Invalid token: service id is not the right data type")
        }),
        Some(_) => Err(ApiError::forbidden(
            "Invalid token: service id is not the right data type",
        )),
    }
}

/// The index of the first of the service's keys whose secret verifies the
/// token, with the token's claims.
fn verify(token: &str, service: &CachedService) -> Result<Option<(usize, Claims)>, ApiError> {
    let mut validation = Validation::new(Algorithm::HS256);
    // Checked when present, never required (Notify's tokens carry neither).
    validation.validate_exp = true;
    validation.validate_nbf = true;
    validation.leeway = CLOCK_SKEW_SECONDS.unsigned_abs();
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    for (index, key) in service.api_keys.iter().enumerate() {
        let secret = DecodingKey::from_secret(key.secret.as_bytes());
        match jsonwebtoken::decode::<Claims>(token, &secret, &validation) {
            Ok(data) => return Ok(Some((index, data.claims))),
            // PyJWT's DecodeError (a non-numeric `exp`), which Notify takes
            // as "not signed with this key".
            Err(error)
                if matches!(
                    error.kind(),
                    ErrorKind::InvalidSignature | ErrorKind::InvalidClaimFormat(_)
                ) =>
            {
                continue;
            }
            // PyJWT's ImmatureSignatureError, which Notify reports as a clock problem.
            Err(error) if matches!(error.kind(), ErrorKind::ImmatureSignature) => {
                return Err(ApiError::forbidden(CLOCK_SKEW));
            }
            Err(_) => return Err(ApiError::forbidden(INVALID_TOKEN)),
        }
    }
    Ok(None)
}

fn check_issued_at(claims: &Claims) -> Result<(), ApiError> {
    let iat = match &claims.iat {
        Some(serde_json::Value::Number(n)) => n.as_f64().map(|f| f as i64),
        _ => None,
    }
    .ok_or_else(|| ApiError::forbidden("Invalid token: iat field not provided"))?;
    let now = chrono::Utc::now().timestamp();
    if (now - iat).abs() > CLOCK_SKEW_SECONDS {
        return Err(ApiError::forbidden(CLOCK_SKEW));
    }
    Ok(())
}
