//! What a delivery provider is: something that takes one message and
//! answers with its own reference for it, or a classified error.

use futures_util::future::BoxFuture;

/// An email ready to hand to a provider.
#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    pub notification_id: uuid::Uuid,
    pub from: String,
    pub to: String,
    pub reply_to: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// RFC 8058 one-click unsubscribe URL (sent as `List-Unsubscribe` and
    /// `List-Unsubscribe-Post` headers).
    pub unsubscribe_url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct OutgoingSms {
    pub notification_id: uuid::Uuid,
    pub to: String,
    pub sender: Option<String>,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderError {
    /// Throttling, a 5xx, a timeout: try again later.
    Retryable(String),
    /// The provider refused the message for good: `technical-failure`.
    Permanent(String),
}

pub trait EmailProvider: Send + Sync {
    fn name(&self) -> &'static str;
    /// Sends the email; `Ok` carries the provider's message id.
    fn send(&self, email: OutgoingEmail) -> BoxFuture<'_, Result<String, ProviderError>>;
}

pub trait SmsProvider: Send + Sync {
    fn name(&self) -> &'static str;
    fn send(&self, sms: OutgoingSms) -> BoxFuture<'_, Result<String, ProviderError>>;
}
