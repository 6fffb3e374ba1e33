//! Amazon SES delivery events arriving as signed SNS HTTP notifications:
//! `sns` verifies a message exactly as AWS specifies (SignatureVersion 1
//! and 2, certificate URL policy, topic allow-list, a clearly named test-only
//! trust override); `events` parses both SES formats (event publishing and
//! identity notifications) and maps them to Notify statuses. The webhook
//! (`POST /notifications/email/ses` in the API) and the SES sender (in the
//! worker) use them.

pub mod events;
pub mod sns;

/// The SES message tag the sender sets to the notification id.
pub const NOTIFICATION_ID_TAG: &str = "herald-notification-id";
/// The mail header the sender sets to the notification id.
pub const NOTIFICATION_ID_HEADER: &str = "X-Herald-Notification-Id";

/// The notification an SES event is about: the message tag (event
/// publishing), else the mail header (identity notifications that include
/// headers). `None` when the event carries neither.
pub fn notification_id(event: &events::SesEvent) -> Option<uuid::Uuid> {
    events::notification_id_tag(event, NOTIFICATION_ID_TAG)
        .or_else(|| events::notification_id_header(event, NOTIFICATION_ID_HEADER))
}

/// What an SES event means for Herald.
#[derive(Debug, Clone, PartialEq)]
pub enum Receipt {
    /// Queue this for the status worker: a status event for `Delivery` and
    /// `Bounce`, a complaint for `Complaint`.
    Apply(crate::messages::StatusMessage),
    /// The event type sets nothing (`Send`, `Open`, `Click`, …).
    Ignore,
    /// The event carries no notification id (tag or header): it cannot be
    /// applied (counted and logged).
    Unmatched,
}

/// What `event` means for Herald (see [`Receipt`]).
pub fn receipt(event: &events::SesEvent, now: chrono::DateTime<chrono::Utc>) -> Receipt {
    use crate::messages::{ComplaintEvent, StatusEvent, StatusMessage};
    use events::SesEventKind;

    let (feedback_type, feedback_subtype) = match &event.kind {
        SesEventKind::Complaint { feedback_type, .. } => {
            let Some(notification_id) = notification_id(event) else {
                return Receipt::Unmatched;
            };
            return Receipt::Apply(StatusMessage::Complaint(ComplaintEvent {
                notification_id,
                ses_feedback_id: event.feedback_id.clone(),
                complaint_type: feedback_type.clone(),
                complaint_date: event.event_timestamp.unwrap_or(event.mail_timestamp),
                first_seen: now,
            }));
        }
        SesEventKind::Bounce {
            bounce_type,
            bounce_sub_type,
            ..
        } => (Some(bounce_type.clone()), Some(bounce_sub_type.clone())),
        _ => (None, None),
    };
    let Some(status) = events::status(&event.kind) else {
        return Receipt::Ignore;
    };
    let Some(notification_id) = notification_id(event) else {
        return Receipt::Unmatched;
    };
    Receipt::Apply(StatusMessage::Status(StatusEvent {
        at: event.event_timestamp.unwrap_or(now),
        provider_reference: Some(event.ses_message_id.clone()),
        provider_response: event.provider_response.clone(),
        feedback_type,
        feedback_subtype,
        first_seen: now,
        ..StatusEvent::now(notification_id, status)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::Status;
    use crate::messages::StatusMessage;

    fn event_with_tag(fixture: &str, id: uuid::Uuid) -> events::SesEvent {
        let text = std::fs::read_to_string(format!("{}{fixture}", sns::TEST_FIXTURES_DIR)).unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        v["mail"]["tags"][NOTIFICATION_ID_TAG] = serde_json::json!([id.to_string()]);
        events::parse_ses_event(&v.to_string()).unwrap()
    }

    #[test]
    fn a_delivery_becomes_delivered_with_the_ses_reference() {
        let id = uuid::Uuid::now_v7();
        let event = event_with_tag("event-delivery.json", id);
        let Receipt::Apply(StatusMessage::Status(s)) = receipt(&event, chrono::Utc::now()) else {
            panic!("not a status event");
        };
        assert_eq!(s.notification_id, id);
        assert_eq!(s.status, Status::Delivered);
        assert_eq!(
            s.provider_reference.as_deref(),
            Some(event.ses_message_id.as_str())
        );
    }

    #[test]
    fn a_permanent_bounce_keeps_its_classification() {
        let id = uuid::Uuid::now_v7();
        let event = event_with_tag("event-bounce-permanent-general.json", id);
        let Receipt::Apply(StatusMessage::Status(s)) = receipt(&event, chrono::Utc::now()) else {
            panic!("not a status event");
        };
        assert_eq!(s.status, Status::PermanentFailure);
        assert_eq!(s.feedback_type.as_deref(), Some("Permanent"));
        assert_eq!(s.feedback_subtype.as_deref(), Some("General"));
        assert!(s.provider_response.is_some());
    }

    #[test]
    fn a_complaint_is_a_complaint_and_other_events_set_nothing() {
        let id = uuid::Uuid::now_v7();
        let complaint = event_with_tag("event-complaint.json", id);
        assert!(matches!(
            receipt(&complaint, chrono::Utc::now()),
            Receipt::Apply(StatusMessage::Complaint(c)) if c.notification_id == id
        ));
        let open = event_with_tag("event-open.json", id);
        assert_eq!(receipt(&open, chrono::Utc::now()), Receipt::Ignore);
    }

    #[test]
    fn an_event_without_our_id_is_unmatched() {
        let text = std::fs::read_to_string(format!(
            "{}notification-delivery.json",
            sns::TEST_FIXTURES_DIR
        ))
        .unwrap();
        let event = events::parse_ses_event(&text).unwrap();
        assert_eq!(receipt(&event, chrono::Utc::now()), Receipt::Unmatched);
    }
}
