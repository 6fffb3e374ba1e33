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
    /// A bulk send's notification: its job (absent otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_id: Option<Uuid>,
    /// Its row in the job's upload (1 = the first row after the header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_row_number: Option<i32>,
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

/// Packs messages already encoded as JSON into one: a JSON array of them.
/// The API packs the notifications it accepts together this way (header
/// [`crate::broker::NOTIFICATIONS_HEADER`]); consumers read a message that
/// is an array as several, and one that is an object as one.
pub fn pack(encoded: &[Vec<u8>]) -> Vec<u8> {
    let mut packed = Vec::with_capacity(encoded.iter().map(|e| e.len() + 1).sum::<usize>() + 1);
    packed.push(b'[');
    for (i, item) in encoded.iter().enumerate() {
        if i > 0 {
            packed.push(b',');
        }
        packed.extend_from_slice(item);
    }
    packed.push(b']');
    packed
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
    #[serde(deserialize_with = "rfc3339::read")]
    pub at: DateTime<Utc>,
    /// When the notification was handed to the provider (`sending`).
    #[serde(
        default,
        deserialize_with = "rfc3339::read_option",
        skip_serializing_if = "Option::is_none"
    )]
    pub sent_at: Option<DateTime<Utc>>,
    /// The provider's id for the message (SES MessageId).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_response: Option<String>,
    /// Bounce classification (SES bounceType / bounceSubType).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback_subtype: Option<String>,
    /// When Herald first received the event: retries of an event whose
    /// notification is not stored yet stop at a maximum age.
    #[serde(deserialize_with = "rfc3339::read")]
    pub first_seen: DateTime<Utc>,
}

impl StatusEvent {
    /// `status` for a notification, happening now, with no provider details.
    pub fn now(notification_id: Uuid, status: Status) -> StatusEvent {
        let now = Utc::now();
        StatusEvent {
            notification_id,
            status,
            at: now,
            sent_at: None,
            provider_reference: None,
            provider_response: None,
            feedback_type: None,
            feedback_subtype: None,
            first_seen: now,
        }
    }
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

/// What the status queue carries. Written as an internally tagged enum
/// (`"kind": "status" | "complaint" | "statuses"`); read through
/// [`StatusWire`] in one pass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "StatusWire")]
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

/// A status-queue message as read: every variant's fields beside `kind`.
/// Serde reads an internally tagged enum by buffering the whole message
/// first; the status consumer reads thousands a second, so it reads this
/// flat shape instead and converts it.
#[derive(Deserialize)]
struct StatusWire {
    kind: StatusKind,
    notification_id: Option<Uuid>,
    status: Option<Status>,
    #[serde(default, deserialize_with = "rfc3339::read_option")]
    at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "rfc3339::read_option")]
    sent_at: Option<DateTime<Utc>>,
    provider_reference: Option<String>,
    provider_response: Option<String>,
    feedback_type: Option<String>,
    feedback_subtype: Option<String>,
    #[serde(default, deserialize_with = "rfc3339::read_option")]
    first_seen: Option<DateTime<Utc>>,
    ses_feedback_id: Option<String>,
    complaint_type: Option<String>,
    #[serde(default, deserialize_with = "rfc3339::read_option")]
    complaint_date: Option<DateTime<Utc>>,
    events: Option<Vec<StatusEvent>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum StatusKind {
    Status,
    Complaint,
    Statuses,
}

impl TryFrom<StatusWire> for StatusMessage {
    type Error = String;

    fn try_from(wire: StatusWire) -> Result<Self, Self::Error> {
        let missing = |field: &str| format!("missing field `{field}`");
        Ok(match wire.kind {
            StatusKind::Status => StatusMessage::Status(StatusEvent {
                notification_id: wire
                    .notification_id
                    .ok_or_else(|| missing("notification_id"))?,
                status: wire.status.ok_or_else(|| missing("status"))?,
                at: wire.at.ok_or_else(|| missing("at"))?,
                sent_at: wire.sent_at,
                provider_reference: wire.provider_reference,
                provider_response: wire.provider_response,
                feedback_type: wire.feedback_type,
                feedback_subtype: wire.feedback_subtype,
                first_seen: wire.first_seen.ok_or_else(|| missing("first_seen"))?,
            }),
            StatusKind::Complaint => StatusMessage::Complaint(ComplaintEvent {
                notification_id: wire
                    .notification_id
                    .ok_or_else(|| missing("notification_id"))?,
                ses_feedback_id: wire.ses_feedback_id,
                complaint_type: wire.complaint_type,
                complaint_date: wire
                    .complaint_date
                    .ok_or_else(|| missing("complaint_date"))?,
                first_seen: wire.first_seen.ok_or_else(|| missing("first_seen"))?,
            }),
            StatusKind::Statuses => StatusMessage::Statuses {
                events: wire.events.ok_or_else(|| missing("events"))?,
            },
        })
    }
}

/// Status messages' timestamps, read with chrono's strict RFC 3339 parser
/// (what chrono writes) rather than its lenient default, which costs several
/// times more: the status consumer reads two or three per event.
mod rfc3339 {
    use std::fmt;

    use chrono::{DateTime, Utc};
    use serde::Deserializer;
    use serde::de::{Error, Visitor};

    struct Timestamp;

    impl<'de> Visitor<'de> for Timestamp {
        type Value = DateTime<Utc>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an RFC 3339 timestamp")
        }

        fn visit_str<E: Error>(self, text: &str) -> Result<Self::Value, E> {
            DateTime::parse_from_rfc3339(text)
                .map(|at| at.with_timezone(&Utc))
                .map_err(|error| E::custom(format!("not an RFC 3339 timestamp: {error}")))
        }
    }

    struct MaybeTimestamp;

    impl<'de> Visitor<'de> for MaybeTimestamp {
        type Value = Option<DateTime<Utc>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an RFC 3339 timestamp or null")
        }

        fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            read(d).map(Some)
        }
    }

    pub fn read<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        d.deserialize_str(Timestamp)
    }

    pub fn read_option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        d.deserialize_option(MaybeTimestamp)
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
        StatusEvent {
            sent_at: Some(Utc::now()),
            provider_reference: Some("ses-1".into()),
            ..StatusEvent::now(Uuid::now_v7(), status)
        }
    }

    #[test]
    fn packed_notifications_read_back_as_an_array_of_them() {
        let one = serde_json::json!({"id": 1, "body": "a"});
        let two = serde_json::json!({"id": 2, "body": "b, [c]"});
        let encoded: Vec<Vec<u8>> = [&one, &two]
            .iter()
            .map(|v| serde_json::to_vec(v).expect("json"))
            .collect();
        let back: Vec<serde_json::Value> = serde_json::from_slice(&pack(&encoded)).expect("array");
        assert_eq!(back, vec![one, two]);
        assert_eq!(pack(&[]), b"[]");
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
    fn every_kind_reads_back_as_written_and_a_missing_field_is_refused() {
        let now = Utc::now();
        for message in [
            StatusMessage::Status(event(Status::Delivered)),
            StatusMessage::Complaint(ComplaintEvent {
                notification_id: Uuid::now_v7(),
                ses_feedback_id: Some("feedback".into()),
                complaint_type: Some("abuse".into()),
                complaint_date: now,
                first_seen: now,
            }),
        ] {
            let json = serde_json::to_vec(&message).expect("json");
            let back: StatusMessage = serde_json::from_slice(&json).expect("decode");
            assert_eq!(back, message);
        }
        let no_status = serde_json::json!({
            "kind": "status", "notification_id": Uuid::now_v7(), "at": now, "first_seen": now,
        });
        let error = serde_json::from_value::<StatusMessage>(no_status).expect_err("refused");
        assert!(error.to_string().contains("`status`"), "{error}");
        let unknown = serde_json::json!({"kind": "other"});
        assert!(serde_json::from_value::<StatusMessage>(unknown).is_err());
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

    #[test]
    fn absent_details_are_left_out_and_nulls_and_offsets_still_read() {
        let lean = StatusEvent::now(Uuid::now_v7(), Status::Delivered);
        let json = serde_json::to_value(StatusMessage::Status(lean.clone())).expect("json");
        assert!(json.get("sent_at").is_none() && json.get("feedback_type").is_none());
        let back: StatusMessage = serde_json::from_value(json).expect("decode");
        assert_eq!(back, StatusMessage::Status(lean.clone()));

        // As earlier releases wrote it: every field, nulls included.
        let written = serde_json::json!({
            "kind": "statuses",
            "events": [{
                "notification_id": lean.notification_id, "status": "delivered",
                "at": "2026-11-22T04:55:01.123456+01:00", "sent_at": null,
                "provider_reference": null, "provider_response": "250 OK",
                "feedback_type": null, "feedback_subtype": null,
                "first_seen": "2026-11-22T03:55:01Z",
            }],
        });
        let StatusMessage::Statuses { events } =
            serde_json::from_value::<StatusMessage>(written).expect("decode")
        else {
            panic!("a packed message");
        };
        assert_eq!(
            events[0].at,
            events[0].first_seen + chrono::Duration::microseconds(123_456)
        );
        assert_eq!(events[0].sent_at, None);

        let bad = serde_json::json!({
            "kind": "status", "notification_id": lean.notification_id, "status": "delivered",
            "at": "yesterday", "first_seen": "2026-11-22T03:55:01Z",
        });
        let error = serde_json::from_value::<StatusMessage>(bad).expect_err("refused");
        assert!(error.to_string().contains("RFC 3339"), "{error}");
    }
}
