//! What travels through RabbitMQ. Messages are JSON so that an operator can
//! read a dead-lettered one with `rabbitmqadmin get`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::kinds::{KeyType, NotificationType, Status};
use crate::letters::Postage;

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
    /// Email: the sender address shown in the 201 (`content.from_email`).
    #[serde(default)]
    pub from_email: Option<String>,
    /// Letters only (absent for email and SMS, and in older messages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letter: Option<LetterDetails>,
}

/// What the letters worker needs beyond the notification itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LetterDetails {
    /// The normalised address, one line each, postcode (or country) last.
    pub address_lines: Vec<String>,
    pub postage: Postage,
    /// The template's contact block, printed top right.
    #[serde(default)]
    pub contact_block: Option<String>,
    /// A precompiled letter: the client's PDF, base64 as it was sent
    /// (checked by the API; stored byte for byte once decoded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precompiled_pdf: Option<String>,
}

/// A text message sent to one of the services' inbound numbers, as the
/// SMS webhook queues it for the inbound worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboundSmsMessage {
    /// Assigned by the API (UUIDv7): the received text's id.
    pub id: Uuid,
    /// When the provider received it.
    pub received_at: DateTime<Utc>,
    /// The inbound number it was sent to (+<digits>).
    pub notify_number: String,
    /// The sender's number (+<digits>).
    pub user_number: String,
    pub content: String,
    /// The provider's id for the message (idempotency key).
    pub provider_reference: String,
}

impl NotificationMessage {
    /// Routing key on the notifications exchange: `notification.<type>`.
    pub fn routing_key(&self) -> String {
        format!("notification.{}", self.notification_type)
    }
}

pub use crate::documents::DocumentMessage;

/// "Something about this service changed: reload it." Published by
/// `herald admin` on the changes fanout; every API process reloads the
/// service from the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeEvent {
    pub service_id: Uuid,
}

/// A status change for one notification, from our sender, a provider's
/// receipt (SES), the simulator (test keys) or the timeout job. Consumed in
/// batches by the status worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusEvent {
    pub notification_id: Uuid,
    pub status: Status,
    /// When the status happened.
    pub at: DateTime<Utc>,
    /// When the notification was handed to the provider (`sending`).
    #[serde(default)]
    pub sent_at: Option<DateTime<Utc>>,
    /// The provider's id for the message (SES MessageId).
    #[serde(default)]
    pub provider_reference: Option<String>,
    #[serde(default)]
    pub provider_response: Option<String>,
    /// Bounce classification (SES bounceType / bounceSubType).
    #[serde(default)]
    pub feedback_type: Option<String>,
    #[serde(default)]
    pub feedback_subtype: Option<String>,
    /// When Herald first received the event: retries of an event whose
    /// notification is not stored yet stop at a maximum age.
    pub first_seen: DateTime<Utc>,
}

/// A recipient's complaint about a notification (SES Complaint). Recorded;
/// the notification's status is unchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintEvent {
    pub notification_id: Uuid,
    pub ses_feedback_id: Option<String>,
    pub complaint_type: Option<String>,
    pub complaint_date: DateTime<Utc>,
    pub first_seen: DateTime<Utc>,
}

/// What the status queue carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StatusMessage {
    /// One event, as a webhook receives it.
    Status(StatusEvent),
    Complaint(ComplaintEvent),
    /// The events of one batch step (a delivery batch, the timeout sweep,
    /// a letters batch), in one message: the broker stores, delivers and
    /// acks one message per batch instead of one per event.
    Statuses {
        events: Vec<StatusEvent>,
    },
}

impl StatusMessage {
    /// One message for `events`: a single event travels as
    /// [`StatusMessage::Status`], several as [`StatusMessage::Statuses`].
    pub fn of(mut events: Vec<StatusEvent>) -> Option<StatusMessage> {
        match events.len() {
            0 => None,
            1 => events.pop().map(StatusMessage::Status),
            _ => Some(StatusMessage::Statuses { events }),
        }
    }
}

/// A callback to deliver to a service. The URL and bearer token are looked
/// up when it is sent, so no secret travels through the broker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallbackMessage {
    pub service_id: Uuid,
    pub callback_type: String,
    pub payload: serde_json::Value,
    /// Attempts made so far.
    #[serde(default)]
    pub attempts: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(status: Status) -> StatusEvent {
        let now = Utc::now();
        StatusEvent {
            notification_id: Uuid::now_v7(),
            status,
            at: now,
            sent_at: Some(now),
            provider_reference: Some("ses-1".into()),
            provider_response: None,
            feedback_type: None,
            feedback_subtype: None,
            first_seen: now,
        }
    }

    #[test]
    fn one_event_travels_alone_and_several_travel_together() {
        assert_eq!(StatusMessage::of(Vec::new()), None);
        let one = event(Status::Sending);
        assert_eq!(
            StatusMessage::of(vec![one.clone()]),
            Some(StatusMessage::Status(one))
        );
        let two = vec![event(Status::Sending), event(Status::Delivered)];
        assert_eq!(
            StatusMessage::of(two.clone()),
            Some(StatusMessage::Statuses { events: two })
        );
    }

    #[test]
    fn a_packed_message_round_trips_and_names_its_kind() {
        let message = StatusMessage::Statuses {
            events: vec![event(Status::Sending), event(Status::Sent)],
        };
        let json = serde_json::to_value(&message).expect("json");
        assert_eq!(json["kind"], "statuses");
        assert_eq!(json["events"].as_array().map(Vec::len), Some(2));
        let back: StatusMessage = serde_json::from_value(json).expect("decode");
        assert_eq!(back, message);
    }
}
