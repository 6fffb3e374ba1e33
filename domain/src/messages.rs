//! What travels through RabbitMQ. Messages are JSON so that an operator can
//! read a dead-lettered one with `rabbitmqadmin get`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::kinds::{KeyType, NotificationType};

/// An accepted notification, published by the API once validated and
/// rendered, and consumed by the persist worker (and, later, the senders).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationMessage {
    pub id: Uuid,
    /// The time embedded in `id` (the row's partition key).
    pub created_at: DateTime<Utc>,
    pub service_id: Uuid,
    pub api_key_id: Uuid,
    pub key_type: KeyType,
    pub notification_type: NotificationType,
    pub template_id: Uuid,
    pub template_version: i32,
    /// Email address or phone number as the client sent it (trimmed).
    pub recipient: String,
    pub reference: Option<String>,
    pub subject: Option<String>,
    pub body: String,
    /// Email only: the RFC 8058 one-click unsubscribe URL the client gave.
    pub one_click_unsubscribe_url: Option<String>,
    /// Email: the reply-to address; SMS: the sender. Absent in messages
    /// published before the field existed.
    #[serde(default)]
    pub reply_to: Option<String>,
}

impl NotificationMessage {
    /// Routing key on the notifications exchange: `notification.<type>`.
    pub fn routing_key(&self) -> String {
        format!("notification.{}", self.notification_type)
    }
}

/// "Something about this service changed: reload it." Published by
/// `herald admin` on the changes fanout; every API process reloads the
/// service from the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeEvent {
    pub service_id: Uuid,
}
