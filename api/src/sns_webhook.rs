//! The SNS side of the provider webhooks (`routes/receipts.rs`): verifying
//! a message's signature against SNS's certificates, and confirming a
//! subscription by fetching its (checked) `SubscribeURL`. Held by
//! [`crate::state::AppState`], one per webhook (each trusts its own topics).

use std::collections::HashMap;

use herald_domain::config::Settings;
use herald_domain::ses::sns::{self, CertTrust, SnsError, SnsMessage, Verifier};

use crate::error::ApiError;

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
    pub(crate) fn outcome(&self) -> &'static str {
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
    pub(crate) async fn verified(&self, body: &[u8]) -> Result<SnsMessage, Refused> {
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
    pub(crate) async fn confirm_subscription(&self, message: &SnsMessage) -> Result<(), ApiError> {
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
