//! The Amazon providers: SES (SESv2 `SendEmail`) for email and SNS
//! (`Publish` to a phone number) for SMS.
//!
//! Credentials and region come from the standard AWS chain (environment,
//! profile, web identity, which is IRSA in Kubernetes, container and
//! instance metadata); `HERALD_AWS_ENDPOINT_URL` points both clients at a
//! local emulator instead.

use aws_sdk_sesv2::config::http::HttpResponse;
use aws_sdk_sesv2::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_sesv2::types::{
    Body, Content, Destination, EmailContent, Message, MessageHeader, MessageTag,
};
use aws_sdk_sns::types::MessageAttributeValue;
use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use herald_domain::config::Settings;
use herald_domain::recipient;

use super::provider::{EmailProvider, OutgoingEmail, OutgoingSms, ProviderError, SmsProvider};

// The notification id travels as an SES message tag (event publishing) and
// as a mail header (identity notifications carry headers but no tags), so a
// receipt maps back to its row by primary key.
use herald_domain::ses::{NOTIFICATION_ID_HEADER, NOTIFICATION_ID_TAG};

/// The shared AWS configuration of both clients.
pub async fn load_config(settings: &Settings) -> aws_config::SdkConfig {
    let loader = aws_config::defaults(aws_config::BehaviorVersion::latest());
    let loader = match &settings.aws_endpoint_url {
        Some(url) => loader.endpoint_url(url),
        None => loader,
    };
    loader.load().await
}

pub struct Ses {
    client: aws_sdk_sesv2::Client,
    configuration_set: Option<String>,
}

impl Ses {
    pub fn new(config: &aws_config::SdkConfig, configuration_set: Option<String>) -> Self {
        Ses {
            client: aws_sdk_sesv2::Client::new(config),
            configuration_set,
        }
    }

    async fn send_email(&self, email: OutgoingEmail) -> Result<String, ProviderError> {
        let request = self
            .client
            .send_email()
            .from_email_address(email.from)
            .destination(Destination::builder().to_addresses(email.to).build())
            .set_reply_to_addresses(email.reply_to.map(|address| vec![address]))
            .content(email_content(
                &email.subject,
                &email.text,
                &email.html,
                email.notification_id,
                email.unsubscribe_url.as_deref(),
            )?)
            .email_tags(tag(
                NOTIFICATION_ID_TAG,
                &email.notification_id.to_string(),
            )?)
            .set_configuration_set_name(self.configuration_set.clone());
        let output = request.send().await.map_err(classify)?;
        output
            .message_id
            .ok_or_else(|| ProviderError::Retryable("SES answered without a MessageId".into()))
    }
}

impl EmailProvider for Ses {
    fn name(&self) -> &'static str {
        "ses"
    }

    fn send(&self, email: OutgoingEmail) -> BoxFuture<'_, Result<String, ProviderError>> {
        self.send_email(email).boxed()
    }
}

/// The SES message: subject, text and HTML bodies, the notification id
/// header, and RFC 8058 one-click unsubscribe headers when given.
fn email_content(
    subject: &str,
    text: &str,
    html: &str,
    notification_id: uuid::Uuid,
    unsubscribe_url: Option<&str>,
) -> Result<EmailContent, ProviderError> {
    let mut headers = vec![header(
        NOTIFICATION_ID_HEADER,
        &notification_id.to_string(),
    )?];
    if let Some(url) = unsubscribe_url {
        headers.push(header("List-Unsubscribe", &format!("<{url}>"))?);
        headers.push(header(
            "List-Unsubscribe-Post",
            "List-Unsubscribe=One-Click",
        )?);
    }
    let message = Message::builder()
        .subject(utf8(subject)?)
        .body(Body::builder().text(utf8(text)?).html(utf8(html)?).build())
        .set_headers(Some(headers))
        .build();
    Ok(EmailContent::builder().simple(message).build())
}

fn utf8(data: &str) -> Result<Content, ProviderError> {
    Content::builder()
        .data(data)
        .charset("UTF-8")
        .build()
        .map_err(|e| ProviderError::Permanent(e.to_string()))
}

fn header(name: &str, value: &str) -> Result<MessageHeader, ProviderError> {
    MessageHeader::builder()
        .name(name)
        .value(value)
        .build()
        .map_err(|e| ProviderError::Permanent(e.to_string()))
}

fn tag(name: &str, value: &str) -> Result<MessageTag, ProviderError> {
    MessageTag::builder()
        .name(name)
        .value(value)
        .build()
        .map_err(|e| ProviderError::Permanent(e.to_string()))
}

pub struct Sns {
    client: aws_sdk_sns::Client,
}

impl Sns {
    pub fn new(config: &aws_config::SdkConfig) -> Self {
        Sns {
            client: aws_sdk_sns::Client::new(config),
        }
    }

    async fn publish(&self, sms: OutgoingSms) -> Result<String, ProviderError> {
        // SNS wants E.164; the API validated the number already.
        let number = recipient::format_phone_for_comparison(&sms.to).ok_or_else(|| {
            ProviderError::Permanent("Not a valid phone number for SMS delivery".into())
        })?;
        let mut request = self
            .client
            .publish()
            .phone_number(format!("+{number}"))
            .message(sms.body)
            .message_attributes("AWS.SNS.SMS.SMSType", string_attribute("Transactional")?);
        // An alphanumeric sender id; a phone-number sender is the account's
        // origination number, chosen by AWS.
        if let Some(sender) = sms.sender.filter(|s| is_sender_id(s)) {
            request =
                request.message_attributes("AWS.SNS.SMS.SenderID", string_attribute(&sender)?);
        }
        let output = request.send().await.map_err(classify)?;
        output
            .message_id
            .ok_or_else(|| ProviderError::Retryable("SNS answered without a MessageId".into()))
    }
}

impl SmsProvider for Sns {
    fn name(&self) -> &'static str {
        "sns"
    }

    /// SNS does not report delivery to the sender: texts end `sent`.
    fn reports_receipts(&self) -> bool {
        false
    }

    fn send(&self, sms: OutgoingSms) -> BoxFuture<'_, Result<String, ProviderError>> {
        self.publish(sms).boxed()
    }
}

/// SNS sender ids: 1-11 characters, letters and digits, at least one letter.
fn is_sender_id(sender: &str) -> bool {
    (1..=11).contains(&sender.len())
        && sender.chars().all(|c| c.is_ascii_alphanumeric())
        && sender.chars().any(|c| c.is_ascii_alphabetic())
}

fn string_attribute(value: &str) -> Result<MessageAttributeValue, ProviderError> {
    MessageAttributeValue::builder()
        .data_type("String")
        .string_value(value)
        .build()
        .map_err(|e| ProviderError::Permanent(e.to_string()))
}

/// Throttling, quota, 5xx, timeouts and connection failures are retried;
/// any other refusal (a rejected message, an unverified sender, a bad
/// parameter) is permanent.
fn classify<E>(error: SdkError<E, HttpResponse>) -> ProviderError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    // The error with its sources, `a: b: c`.
    let chain = |error| format!("{:#}", anyhow::Error::new(error));
    match &error {
        SdkError::ServiceError(service) => {
            let err = service.err();
            let code = err.code().unwrap_or("Unknown");
            let text = format!("{code}: {}", err.message().unwrap_or("no message"));
            let status = service.raw().status().as_u16();
            if status >= 500 || status == 429 || is_retryable_code(code) {
                ProviderError::Retryable(text)
            } else {
                ProviderError::Permanent(text)
            }
        }
        SdkError::ConstructionFailure(_) => {
            ProviderError::Permanent(format!("request not built: {}", chain(error)))
        }
        _ => ProviderError::Retryable(chain(error)),
    }
}

fn is_retryable_code(code: &str) -> bool {
    code.contains("Throttl")
        || code.contains("TooManyRequests")
        || code.contains("LimitExceeded")
        || code.contains("InternalError")
        || code.contains("InternalFailure")
        || code.contains("ServiceUnavailable")
        || code == "Unknown"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_content_carries_the_id_header_and_one_click_unsubscribe() {
        let id = uuid::Uuid::now_v7();
        let content = email_content(
            "Subject",
            "text",
            "<p>html</p>",
            id,
            Some("https://example.org/unsub"),
        )
        .unwrap();
        let message = content.simple().unwrap();
        let headers: Vec<(&str, &str)> = message
            .headers()
            .iter()
            .map(|h| (h.name(), h.value()))
            .collect();
        assert_eq!(
            headers,
            vec![
                (NOTIFICATION_ID_HEADER, id.to_string().as_str()),
                ("List-Unsubscribe", "<https://example.org/unsub>"),
                ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ]
        );
        let body = message.body().unwrap();
        assert_eq!(body.text().unwrap().data(), "text");
        assert_eq!(body.html().unwrap().data(), "<p>html</p>");
    }

    #[test]
    fn without_an_unsubscribe_url_only_the_id_header_is_sent() {
        let content = email_content("s", "t", "h", uuid::Uuid::now_v7(), None).unwrap();
        assert_eq!(content.simple().unwrap().headers().len(), 1);
    }

    #[test]
    fn sender_ids_follow_sns_rules() {
        assert!(is_sender_id("Herald"));
        assert!(is_sender_id("GOVUK"));
        assert!(!is_sender_id("07700900123"));
        assert!(!is_sender_id("Far too long a sender"));
        assert!(!is_sender_id("with space"));
    }

    #[test]
    fn throttling_and_server_errors_are_retried_the_rest_is_permanent() {
        for code in [
            "TooManyRequestsException",
            "LimitExceededException",
            "Throttling",
            "InternalErrorException",
            "ServiceUnavailable",
        ] {
            assert!(is_retryable_code(code), "{code}");
        }
        for code in [
            "MessageRejected",
            "MailFromDomainNotVerifiedException",
            "InvalidParameterException",
            "BadRequestException",
        ] {
            assert!(!is_retryable_code(code), "{code}");
        }
    }
}
