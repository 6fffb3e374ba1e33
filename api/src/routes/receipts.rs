//! `POST /notifications/email/ses`: SES delivery receipts, as SNS HTTP
//! messages. verify the signature → confirm a subscription, or turn the SES
//! event into a status event → queue it (confirmed) → 200.
//!
//! The webhook never writes to the database: the status worker applies the
//! queued events in batches. Anything that does not verify is answered 403
//! and never acted on; a certificate that cannot be fetched, or a broker
//! that does not confirm, is answered 503 so that SNS delivers it again.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use herald_domain::config::Settings;
use herald_domain::inbound_sms::parse_two_way_event;
use herald_domain::messages::StatusMessage;
use herald_domain::ses::events::parse_ses_event;
use herald_domain::ses::sns::{self, CertTrust, SnsError, SnsMessage, SnsMessageType, Verifier};
use herald_domain::ses::{self, Receipt};

use crate::body;
use crate::error::ApiError;
use crate::startup::AppState;

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

/// Verifies SNS messages and confirms subscriptions.
pub struct SnsWebhook {
    verifier: Verifier,
    http: reqwest::Client,
    /// Test mode (`HERALD_SNS_INSECURE_TEST_CERTS`): subscription URLs on
    /// the loopback interface are allowed as well as real SNS ones.
    loopback_subscriptions: bool,
}

/// A webhook refusal, with the metric outcome it counts as.
#[derive(Debug)]
pub struct Refused {
    error: ApiError,
    outcome: &'static str,
}

impl Refused {
    fn outcome(&self) -> &'static str {
        self.outcome
    }
}

impl From<Refused> for ApiError {
    fn from(refused: Refused) -> Self {
        refused.error
    }
}

impl SnsWebhook {
    /// Production: certificates fetched from SNS over HTTPS. With
    /// `HERALD_SNS_INSECURE_TEST_CERTS` (tests only): exactly the listed
    /// local certificates, and nothing fetched.
    /// Accepts messages from `topics` only.
    pub fn from_settings(settings: &Settings, topics: &[String]) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        let topics = topics
            .iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        let (trust, test_mode) = match &settings.sns_insecure_test_certs {
            None => (CertTrust::Aws, false),
            Some(pairs) => {
                tracing::warn!(
                    "HERALD_SNS_INSECURE_TEST_CERTS is set: SNS messages are verified against local \
                     test certificates only. Never use this in production."
                );
                (
                    CertTrust::InsecureTestCertificates(test_certificates(pairs)?),
                    true,
                )
            }
        };
        Ok(SnsWebhook {
            verifier: Verifier::new(trust, topics, http.clone()),
            http,
            loopback_subscriptions: test_mode,
        })
    }

    /// Parses and verifies the body: 400 when it is not an SNS message, 403
    /// when it does not verify, 503 when the certificate cannot be fetched.
    async fn verified(&self, body: &[u8]) -> Result<SnsMessage, Refused> {
        let message = sns::parse(body).map_err(|e| Refused {
            error: ApiError::BadRequest(e.to_string()),
            outcome: "malformed",
        })?;
        self.verifier.verify(&message).await.map_err(|e| {
            tracing::warn!(error = %e, topic = %message.topic_arn, "SNS message refused");
            refusal(&e)
        })?;
        Ok(message)
    }

    /// GETs the (verified) message's SubscribeURL, after checking that it is
    /// an SNS URL (no request to anywhere else).
    async fn confirm_subscription(&self, message: &SnsMessage) -> Result<(), ApiError> {
        let raw = message.subscribe_url.as_deref().unwrap_or_default();
        let url = match sns::validate_subscribe_url(raw) {
            Ok(url) => url,
            Err(_) if self.loopback_subscriptions && is_loopback(raw) => {
                url::Url::parse(raw).map_err(|e| ApiError::BadRequest(e.to_string()))?
            }
            Err(e) => return Err(refusal(&e).error),
        };
        let response = self
            .http
            .get(url)
            .timeout(sns::CERT_FETCH_TIMEOUT)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|e| {
                tracing::warn!(error = %e, "SNS subscription confirmation failed");
                ApiError::Unavailable("Could not confirm the SNS subscription".into())
            })?;
        tracing::info!(topic = %message.topic_arn, status = %response.status(), "SNS subscription confirmed");
        Ok(())
    }
}

/// `URL=PEM-file,…` → {URL: PEM}.
fn test_certificates(pairs: &str) -> anyhow::Result<HashMap<String, String>> {
    pairs
        .split(',')
        .filter(|pair| !pair.trim().is_empty())
        .map(|pair| {
            let (url, path) = pair.trim().rsplit_once('=').ok_or_else(|| {
                anyhow::anyhow!("HERALD_SNS_INSECURE_TEST_CERTS: {pair:?} is not URL=PEM-file")
            })?;
            let pem = std::fs::read_to_string(path)
                .map_err(|e| anyhow::anyhow!("HERALD_SNS_INSECURE_TEST_CERTS: {path}: {e}"))?;
            Ok((url.to_owned(), pem))
        })
        .collect()
}

fn refusal(error: &SnsError) -> Refused {
    if error.is_transient() {
        Refused {
            error: ApiError::Unavailable(error.to_string()),
            outcome: "unavailable",
        }
    } else {
        Refused {
            error: ApiError::forbidden(&error.to_string()),
            outcome: "rejected",
        }
    }
}

fn is_loopback(raw: &str) -> bool {
    url::Url::parse(raw)
        .is_ok_and(|u| matches!(u.host_str(), Some("127.0.0.1" | "localhost" | "[::1]")))
}
