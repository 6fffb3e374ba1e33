//! POST /v2/notifications/letter: a templated letter (address in the
//! personalisation) or, with `content`, a precompiled PDF. Like email and
//! SMS, no database on this path: authenticate → validate → (template,
//! address | PDF checks) → publish confirmed → 201. The PDF is rendered and
//! stored by the letters worker; GET /v2/notifications/{id}/pdf serves it.

use std::collections::BTreeMap;

use actix_web::web::{Data, Path, Payload};
use actix_web::{HttpRequest, HttpResponse};
use herald_domain::ids;
use herald_domain::kinds::{KeyType, NotificationType};
use herald_domain::letters::postal_address::{PostalAddress, ValidAddress};
use herald_domain::letters::{self, Postage, precompiled};
use herald_domain::messages::{LetterDetails, NotificationMessage};
use serde_json::{Map, Value, json};

use super::find_own;
use super::post::{created_json, find_template, new_message, publish_accepted};
use crate::auth::{self, Caller};
use crate::body;
use crate::content;
use crate::error::ApiError;
use crate::state::AppState;
use crate::validation::{self, LetterRequest};

const KIND: NotificationType = NotificationType::Letter;

pub async fn post_letter(
    request: HttpRequest,
    payload: Payload,
    state: Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = auth::authenticate(&request, &state.cache).await?;
    state
        .limits
        .check_rate(&caller.service.service, caller.key_type)?;
    let body = body::read_json(&request, payload, false).await?;
    match validation::letter_request(body)? {
        LetterRequest::Templated {
            template_id,
            personalisation,
            reference,
        } => templated(&state, &caller, template_id, &personalisation, reference).await,
        LetterRequest::Precompiled {
            reference,
            content,
            postage,
        } => precompiled(&state, &caller, reference, content, postage).await,
    }
}

async fn templated(
    state: &AppState,
    caller: &Caller,
    template_id: uuid::Uuid,
    personalisation: &Map<String, Value>,
    reference: Option<String>,
) -> Result<HttpResponse, ApiError> {
    let template = find_template(state, caller, template_id, KIND).await?;
    check_letters_allowed(caller)?;
    let address = valid_address(personalisation)?;
    let filled = content::fill(&template, personalisation)?;
    filled.check_sendable(&template)?;
    state
        .limits
        .check_daily(&caller.service.service, caller.key_type, KIND)?;
    let postage = template
        .postage
        .unwrap_or_default()
        .for_zone(address.postage_zone);
    let message = NotificationMessage {
        letter: Some(LetterDetails {
            address_lines: address.lines.clone(),
            postage,
            contact_block: template.letter_contact_block.clone(),
            precompiled_pdf: None,
        }),
        ..new_message(
            ids::new_notification_id(),
            caller,
            KIND,
            (template.id, template.version),
            address.lines.join("\n"),
            reference,
            (filled.subject, filled.body),
        )?
    };
    publish_accepted(state, caller, &message).await?;
    let content = json!({"body": message.body, "subject": message.subject});
    let mut body = created_json(state, &message, content);
    body["postage"] = json!(postage);
    Ok(HttpResponse::Created().json(body))
}

async fn precompiled(
    state: &AppState,
    caller: &Caller,
    reference: String,
    content: String,
    postage: Option<Postage>,
) -> Result<HttpResponse, ApiError> {
    check_letters_allowed(caller)?;
    // Decoding and counting pages of up to 2 MB is CPU work: off the
    // async threads.
    let (checked, content) = actix_web::web::block(move || {
        (precompiled::validate_precompiled_letter(&content), content)
    })
    .await
    .map_err(|e| anyhow::anyhow!("PDF check thread: {e}"))?;
    checked.map_err(|e| ApiError::BadRequest(e.to_string()))?;
    state
        .limits
        .check_daily(&caller.service.service, caller.key_type, KIND)?;
    let postage = postage.unwrap_or_default();
    let message = NotificationMessage {
        letter: Some(LetterDetails {
            address_lines: vec![letters::PRECOMPILED_RECIPIENT.to_owned()],
            postage,
            contact_block: None,
            precompiled_pdf: Some(content),
        }),
        ..new_message(
            ids::new_notification_id(),
            caller,
            KIND,
            (letters::PRECOMPILED_TEMPLATE_ID, 1),
            letters::PRECOMPILED_RECIPIENT.to_owned(),
            Some(reference),
            (Some(letters::PRECOMPILED_SUBJECT.to_owned()), String::new()),
        )?
    };
    publish_accepted(state, caller, &message).await?;
    Ok(HttpResponse::Created().json(json!({
        "id": message.id,
        "reference": message.reference,
        "postage": postage,
    })))
}

/// Notify refuses letters from team keys, and from trial services except
/// with test keys (403).
fn check_letters_allowed(caller: &Caller) -> Result<(), ApiError> {
    if caller.key_type == KeyType::Team {
        return Err(ApiError::Forbidden(
            "Cannot send letters with a team api key".into(),
        ));
    }
    if caller.service.service.restricted && caller.key_type != KeyType::Test {
        return Err(ApiError::Forbidden(
            "Cannot send letters when service is in trial mode".into(),
        ));
    }
    Ok(())
}

/// The address in the personalisation, checked with Notify's rules (an
/// address abroad is allowed, as for Notify's services by default).
fn valid_address(personalisation: &Map<String, Value>) -> Result<ValidAddress, ApiError> {
    PostalAddress::from_personalisation(&address_fields(personalisation))
        .validate(true)
        .map_err(|e| ApiError::validation(e.to_string()))
}

/// `address_line_1`…`address_line_7` and `postcode`, matched as Notify
/// matches personalisation keys (ignoring case, spaces, `_` and `-`).
fn address_fields(personalisation: &Map<String, Value>) -> BTreeMap<String, String> {
    let canonical: Vec<String> = (1..=7)
        .map(|n| format!("address_line_{n}"))
        .chain(["postcode".to_owned()])
        .collect();
    let squash = |key: &str| {
        key.chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-'))
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let mut fields = BTreeMap::new();
    for (key, value) in personalisation {
        let Some(name) = canonical.iter().find(|c| squash(c) == squash(key)) else {
            continue;
        };
        let text = match value {
            Value::Null => continue,
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        fields.insert(name.clone(), text);
    }
    fields
}

/// GET /v2/notifications/{notification_id}/pdf: the letter's PDF once the
/// letters worker has stored it; until then Notify's `PDFNotReadyError`
/// (the clients retry on it).
pub async fn letter_pdf(
    request: HttpRequest,
    path: Path<String>,
    state: Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    let caller = auth::authenticate(&request, &state.cache).await?;
    let service_id = caller.service.service.id;
    let notification = find_own(&state, service_id, &path.into_inner()).await?;
    if notification.notification_type != KIND.as_str() {
        return Err(ApiError::BadRequest("Notification is not a letter".into()));
    }
    let store = state.pdfs.clone();
    let id = notification.id;
    let pdf = state
        .db
        .run_blocking(move || store.load(service_id, id))
        .await?
        .ok_or(ApiError::PdfNotReady)?;
    Ok(HttpResponse::Ok().content_type("application/pdf").body(pdf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_keys_match_like_notify_personalisation() {
        let personalisation = json!({
            "Address Line 1": "The Occupier",
            "address-line-2": "10 Downing Street",
            "POSTCODE": "SW1A 2AA",
            "address_line_3": null,
            "name": "Jo",
        });
        let fields = address_fields(personalisation.as_object().expect("object"));
        assert_eq!(
            fields.into_iter().collect::<Vec<_>>(),
            [
                ("address_line_1".to_owned(), "The Occupier".to_owned()),
                ("address_line_2".to_owned(), "10 Downing Street".to_owned()),
                ("postcode".to_owned(), "SW1A 2AA".to_owned()),
            ]
        );
    }
}
