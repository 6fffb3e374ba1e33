//! `POST /notifications/email/ses`: SES delivery receipts, as SNS HTTP
//! messages. verify the signature → confirm a subscription, or turn the SES
//! event into a status event → queue it (confirmed) → 200.
//!
//! The webhook never writes to the database: the status worker applies the
//! queued events in batches. Anything that does not verify is answered 403
//! and never acted on; a certificate that cannot be fetched, or a broker
//! that does not confirm, is answered 503 so that SNS delivers it again.

use actix_web::{HttpRequest, HttpResponse, web};
use herald_domain::inbound_sms::parse_two_way_event;
use herald_domain::messages::StatusMessage;
use herald_domain::ses::events::parse_ses_event;
use herald_domain::ses::sns::{SnsMessage, SnsMessageType};
use herald_domain::ses::{self, Receipt};

use crate::body;
use crate::error::ApiError;
use crate::sns_webhook::SnsWebhook;
use crate::state::AppState;

/// SNS delivers messages of at most 256 KiB (and the JSON around them).
const MAX_SNS_BODY_BYTES: usize = 256 * 1024 + 16 * 1024;

const WEBHOOK: &str = "ses";
const INBOUND_SMS_WEBHOOK: &str = "inbound_sms";

/// Counts one message of a webhook by outcome.
fn counter<'a>(state: &'a AppState, webhook: &'static str) -> impl Fn(&str) + 'a {
    move |outcome: &str| {
        state
            .metrics
            .webhook_messages_total
            .with_label_values(&[webhook, outcome])
            .inc();
    }
}

/// The SNS steps every webhook shares: verify → confirm a subscription (or
/// note an unsubscription) → `Some(message)` for a notification to act on.
async fn notification(
    sns: &SnsWebhook,
    body: &[u8],
    outcome: &impl Fn(&str),
) -> Result<Option<SnsMessage>, ApiError> {
    let message = sns
        .verified(body)
        .await
        .inspect_err(|e| outcome(e.outcome()))?;
    match message.message_type {
        SnsMessageType::SubscriptionConfirmation => {
            sns.confirm_subscription(&message).await?;
            outcome("subscribed");
            Ok(None)
        }
        SnsMessageType::UnsubscribeConfirmation => {
            tracing::warn!(topic = %message.topic_arn, "SNS says a webhook's topic was unsubscribed");
            outcome("unsubscribed");
            Ok(None)
        }
        SnsMessageType::Notification => Ok(Some(message)),
    }
}

fn success() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({"result": "success"}))
}

pub async fn ses(
    request: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let body = body::read_bytes(&request, payload, MAX_SNS_BODY_BYTES).await?;
    let outcome = counter(&state, WEBHOOK);
    let Some(message) = notification(&state.sns, &body, &outcome).await? else {
        return Ok(success());
    };
    let event = parse_ses_event(&message.message).map_err(|e| {
        outcome("malformed");
        ApiError::BadRequest(e.to_string())
    })?;
    match ses::receipt(&event, chrono::Utc::now()) {
        Receipt::Apply(status) => {
            let queued = match status {
                StatusMessage::Status(event) => state.receipts.publish(event).await,
                other => state.publisher.publish_status(&other).await,
            };
            queued.inspect_err(|_| outcome("unavailable"))?;
            outcome("queued");
        }
        Receipt::Ignore => outcome("ignored"),
        Receipt::Unmatched => {
            tracing::warn!(
                ses.message_id = %event.ses_message_id,
                "SES event without a Herald notification id (tag or header); not applied"
            );
            outcome("unmatched");
        }
    }
    Ok(success())
}

/// `POST /notifications/sms/inbound/sns`: text messages sent to the
/// services' inbound numbers, as AWS End User Messaging two-way SMS events
/// delivered by SNS. Verified like the SES webhook (its own topic
/// allow-list), then queued (confirmed) for the inbound worker, which
/// stores them in batches; never written here.
pub async fn inbound_sms(
    request: HttpRequest,
    state: web::Data<AppState>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let body = body::read_bytes(&request, payload, MAX_SNS_BODY_BYTES).await?;
    let outcome = counter(&state, INBOUND_SMS_WEBHOOK);
    let Some(message) = notification(&state.inbound_sns, &body, &outcome).await? else {
        return Ok(success());
    };
    let received_at = chrono::DateTime::parse_from_rfc3339(&message.timestamp)
        .map_or_else(|_| chrono::Utc::now(), |t| t.with_timezone(&chrono::Utc));
    let text = parse_two_way_event(&message.message, received_at).map_err(|e| {
        outcome("malformed");
        ApiError::BadRequest(e.to_string())
    })?;
    state
        .publisher
        .publish_inbound(&text)
        .await
        .inspect_err(|_| outcome("unavailable"))?;
    outcome("queued");
    Ok(success())
}
