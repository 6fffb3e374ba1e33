//! POST /v2/notifications/{email,sms}: the hot path. No database here:
//! everything comes from the in-memory cache, and the notification is
//! answered 201 only once the broker has confirmed it.

use actix_web::web::{Data, Payload};
use actix_web::{HttpRequest, HttpResponse};
use herald_domain::documents::{self, DocumentMessage};
use herald_domain::file_uploads::{self, FileUpload, FileUploadError};
use herald_domain::ids;
use herald_domain::kinds::{KeyType, NotificationType};
use herald_domain::messages::NotificationMessage;
use herald_domain::models::Template;
use herald_domain::sanitise;
use serde_json::json;

use crate::auth::{self, Caller};
use crate::body;
use crate::content;
use crate::error::ApiError;
use crate::state::AppState;
use crate::validation::{self, SendRequest};

/// Sender of text messages for a service without an SMS sender of its own.
const DEFAULT_SMS_SENDER: &str = "Herald";

pub async fn post_email(
    request: HttpRequest,
    payload: Payload,
    state: Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    send(request, payload, state, NotificationType::Email).await
}

pub async fn post_sms(
    request: HttpRequest,
    payload: Payload,
    state: Data<AppState>,
) -> Result<HttpResponse, ApiError> {
    send(request, payload, state, NotificationType::Sms).await
}

async fn send(
    request: HttpRequest,
    payload: Payload,
    state: Data<AppState>,
    kind: NotificationType,
) -> Result<HttpResponse, ApiError> {
    let caller = auth::authenticate(&request, &state.cache).await?;
    let service = &caller.service.service;
    state.limits.check_rate(service, caller.key_type)?;
    let body = body::read_json(&request, payload, false).await?;
    let mut send = validation::send_request(body, kind)?;
    let template = find_template(&state, &caller, send.template_id, kind).await?;
    let reply_to = choose_reply_to(&caller, &send, kind)?;
    check_recipient_allowed(&caller, &send)?;
    let files = check_files(&state, &caller, &send, kind)?;
    let sanitised_content = sanitise_personalisation(&mut send);
    state.limits.check_daily(service, caller.key_type, kind)?;
    let id = ids::new_notification_id();
    let documents = attach_files(&state, &caller, &mut send, id, &files)?;
    let message = render(&state, &caller, &send, &template, kind, reply_to, id)?;
    state.publisher.publish_documents(&documents).await?;
    let created = match send.scheduled_for {
        None => {
            publish_accepted(&state, &caller, &message).await?;
            created_body(&state, &message, sanitised_content)
        }
        Some(at) => {
            super::scheduled::publish_scheduled(&state, &caller, &message, at).await?;
            let mut created = created_body(&state, &message, sanitised_content);
            created["scheduled_for"] = json!(herald_domain::format::timestamp(&at));
            created
        }
    };
    Ok(HttpResponse::Created().json(created))
}

/// Publishes an accepted notification (confirmed) and counts it.
pub(super) async fn publish_accepted(
    state: &AppState,
    caller: &Caller,
    message: &NotificationMessage,
) -> Result<(), ApiError> {
    let kind = message.notification_type;
    state.publisher.publish(message).await?;
    state
        .limits
        .record_accepted(caller.service.service.id, caller.key_type, kind);
    state
        .metrics
        .notifications_accepted_total
        .with_label_values(&[kind.as_str(), caller.key_type.as_str()])
        .inc();
    Ok(())
}

/// The service's template, from the cache (one bounded lookup on a miss:
/// it may have been created a moment ago).
pub(super) async fn find_template(
    state: &AppState,
    caller: &Caller,
    id: uuid::Uuid,
    kind: NotificationType,
) -> Result<Template, ApiError> {
    let template = match caller.service.templates.get(&id) {
        Some(template) => template.clone(),
        None => state
            .cache
            .lookup_after_miss(caller.service.service.id)
            .await?
            .and_then(|service| service.templates.get(&id).cloned())
            .ok_or_else(|| ApiError::BadRequest("Template not found".into()))?,
    };
    if template.archived {
        return Err(ApiError::BadRequest("Template has been deleted".into()));
    }
    if template.template_type != kind {
        return Err(ApiError::BadRequest(format!(
            "{} template is not suitable for {} notification",
            template.template_type, kind
        )));
    }
    Ok(template)
}

/// The reply-to address (email) or sender (SMS) asked for by id, else the
/// service's default, if it has one.
fn choose_reply_to(
    caller: &Caller,
    send: &SendRequest,
    kind: NotificationType,
) -> Result<Option<String>, ApiError> {
    let field = match kind {
        NotificationType::Sms => "sms_sender_id",
        _ => "email_reply_to_id",
    };
    reply_to_by_id(caller, kind, send.reply_to_id, field)
}

/// The service's reply-to address (email) or sender (SMS) with id `wanted`
/// (400 naming `field` if it has none), else its default, if it has one.
pub(super) fn reply_to_by_id(
    caller: &Caller,
    kind: NotificationType,
    wanted: Option<uuid::Uuid>,
    field: &str,
) -> Result<Option<String>, ApiError> {
    let contacts = &caller.service.contacts;
    let choices: Vec<(uuid::Uuid, bool, &str)> = match kind {
        NotificationType::Sms => contacts
            .sms_senders
            .iter()
            .map(|s| (s.id, s.is_default, s.sms_sender.as_str()))
            .collect(),
        _ => contacts
            .reply_tos
            .iter()
            .map(|r| (r.id, r.is_default, r.email_address.as_str()))
            .collect(),
    };
    match wanted {
        Some(wanted) => choices
            .iter()
            .find(|(id, _, _)| *id == wanted)
            .map(|(_, _, value)| Some((*value).to_owned()))
            .ok_or_else(|| {
                ApiError::BadRequest(format!(
                    "{field} {wanted} does not exist in database for service id {}",
                    caller.service.service.id
                ))
            }),
        None => Ok(choices
            .iter()
            .find(|(_, is_default, _)| *is_default)
            .map(|(_, _, v)| (*v).to_owned())),
    }
}

/// Notify's "send a file by email" rules (a service needs a contact link),
/// returning the decoded files.
fn check_files(
    state: &AppState,
    caller: &Caller,
    send: &SendRequest,
    kind: NotificationType,
) -> Result<Vec<FileUpload>, ApiError> {
    let file_error = |error: FileUploadError| match error {
        FileUploadError::Validation { messages, .. } => ApiError::Validation(messages),
        other => ApiError::BadRequest(other.to_string()),
    };
    file_uploads::check_template_can_contain_documents(kind.as_str(), Some(&send.personalisation))
        .map_err(file_error)?;
    file_uploads::find_file_uploads_for_service(
        &send.personalisation,
        caller.service.service.contact_link.as_deref(),
        &caller.service.service.id.to_string(),
        &state.public_url,
    )
    .map_err(file_error)
}

/// Encrypts each file for the document store and puts its download link in
/// the personalisation in its place.
fn attach_files(
    state: &AppState,
    caller: &Caller,
    send: &mut SendRequest,
    notification_id: uuid::Uuid,
    files: &[FileUpload],
) -> Result<Vec<DocumentMessage>, ApiError> {
    let mut documents = Vec::with_capacity(files.len());
    for file in files {
        let sealed = documents::seal(
            file,
            caller.service.service.id,
            notification_id,
            &send.recipient,
            &state.public_url,
            chrono::Utc::now(),
        )?;
        send.personalisation
            .insert(file.key.clone(), serde_json::Value::String(sealed.url));
        documents.push(sealed.message);
    }
    Ok(documents)
}

/// Applies `sanitise_content_for` (email only) to the personalisation and
/// returns the `sanitised_content` report for the 201.
fn sanitise_personalisation(send: &mut SendRequest) -> serde_json::Value {
    let keys = std::mem::take(&mut send.sanitise_content_for);
    if keys.is_empty() {
        return json!({});
    }
    let (sanitised, report) = sanitise::sanitise_personalisation(&send.personalisation, &keys);
    send.personalisation = sanitised;
    serde_json::Value::Object(report)
}

/// Notify's recipient policy: test keys send anywhere; a live service's
/// normal keys send anywhere; team keys and restricted (trial) services only
/// to the team, the guest list and the simulated recipients.
fn check_recipient_allowed(caller: &Caller, send: &SendRequest) -> Result<(), ApiError> {
    let restricted = caller.service.service.restricted;
    let open = match caller.key_type {
        KeyType::Test => true,
        KeyType::Normal => !restricted,
        KeyType::Team => false,
    };
    if open || send.simulated || caller.service.may_receive(&send.recipient) {
        return Ok(());
    }
    Err(ApiError::BadRequest(if caller.key_type == KeyType::Team {
        "Can’t send to this recipient using a team-only API key".to_owned()
    } else {
        "Can’t send to this recipient when service is in trial mode – see https://www.notifications.service.gov.uk/trial-mode".to_owned()
    }))
}

/// Fills in the template and applies Notify's content checks.
fn render(
    state: &AppState,
    caller: &Caller,
    send: &SendRequest,
    template: &Template,
    kind: NotificationType,
    reply_to: Option<String>,
    id: uuid::Uuid,
) -> Result<NotificationMessage, ApiError> {
    let filled = content::fill(template, &send.personalisation)?;
    filled.check_sendable(template)?;
    let content::Filled { subject, body, .. } = filled;
    Ok(NotificationMessage {
        one_click_unsubscribe_url: send.one_click_unsubscribe_url.clone(),
        reply_to,
        from_email: (kind == NotificationType::Email).then(|| from_email(state, caller)),
        ..new_message(
            id,
            caller,
            kind,
            (template.id, template.version),
            send.recipient.clone(),
            send.reference.clone(),
            (subject, body),
        )?
    })
}

/// A new notification `id` (a fresh UUIDv7) from the caller, with the
/// fields every type has; the type-specific ones empty.
pub(super) fn new_message(
    id: uuid::Uuid,
    caller: &Caller,
    kind: NotificationType,
    (template_id, template_version): (uuid::Uuid, i32),
    recipient: String,
    reference: Option<String>,
    (subject, body): (Option<String>, String),
) -> Result<NotificationMessage, ApiError> {
    let created_at =
        ids::created_at_of(&id).ok_or_else(|| anyhow::anyhow!("a fresh UUIDv7 has a timestamp"))?;
    Ok(NotificationMessage {
        id,
        created_at,
        service_id: caller.service.service.id,
        api_key_id: caller.api_key_id,
        key_type: caller.key_type,
        notification_type: kind,
        template_id,
        template_version,
        recipient,
        reference,
        subject,
        body,
        one_click_unsubscribe_url: None,
        reply_to: None,
        from_email: None,
        letter: None,
        job_id: None,
        job_row_number: None,
    })
}

/// The 201 body, as Notify builds it (from the request, not from a read).
fn created_body(
    state: &AppState,
    message: &NotificationMessage,
    sanitised_content: serde_json::Value,
) -> serde_json::Value {
    let content = match message.notification_type {
        NotificationType::Sms => json!({
            "body": message.body,
            "from_number": message.reply_to.as_deref().unwrap_or(DEFAULT_SMS_SENDER),
        }),
        _ => json!({
            "body": message.body,
            "subject": message.subject,
            "from_email": message.from_email,
            "one_click_unsubscribe_url": message.one_click_unsubscribe_url,
        }),
    };
    let mut body = created_json(state, message, content);
    if message.notification_type == NotificationType::Email {
        body["sanitised_content"] = sanitised_content;
    }
    body
}

/// Notify's 201 body around a notification's `content`.
pub(super) fn created_json(
    state: &AppState,
    message: &NotificationMessage,
    content: serde_json::Value,
) -> serde_json::Value {
    let base = &state.public_url;
    json!({
        "id": message.id,
        "reference": message.reference,
        "uri": format!("{base}v2/notifications/{}", message.id),
        "template": {
            "id": message.template_id,
            "version": message.template_version,
            "uri": format!("{base}services/{}/templates/{}", message.service_id, message.template_id),
        },
        "content": content,
        "scheduled_for": null,
    })
}

pub(super) fn from_email(state: &AppState, caller: &Caller) -> String {
    format!(
        "{}@{}",
        email_local_part(&caller.service.service.name),
        state.email_from_domain
    )
}

/// Notify's sender local part: the service name, lower-cased, with runs of
/// anything but letters and digits turned into single dots.
fn email_local_part(service_name: &str) -> String {
    let mut local = String::with_capacity(service_name.len());
    for c in service_name.chars() {
        if c.is_ascii_alphanumeric() {
            local.push(c.to_ascii_lowercase());
        } else if !local.is_empty() && !local.ends_with('.') {
            local.push('.');
        }
    }
    let local = local.trim_end_matches('.');
    if local.is_empty() {
        "notify".to_owned()
    } else {
        local.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::email_local_part;

    #[test]
    fn the_sender_local_part_comes_from_the_service_name() {
        assert_eq!(email_local_part("Ministry of Magic!"), "ministry.of.magic");
        assert_eq!(email_local_part("***"), "notify");
    }
}
