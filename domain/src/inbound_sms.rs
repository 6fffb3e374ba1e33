//! Inbound text messages from AWS End User Messaging SMS (formerly Amazon
//! Pinpoint SMS) two-way messaging. The phone number's two-way channel
//! publishes each received text to an SNS topic; the SNS `Message` is this
//! JSON:
//!
//! ```json
//! {"originationNumber": "+447700900111", "destinationNumber": "+447700900999",
//!  "messageKeyword": "KEYWORD_...", "messageBody": "Hello",
//!  "inboundMessageId": "cae173d2-66b9-564c-8309-21f858e9fb84",
//!  "previousPublishedMessageId": "wJalrXUtnFEMI..."}
//! ```
//!
//! `inboundMessageId` identifies the text (redeliveries are stored once);
//! `messageKeyword` and `previousPublishedMessageId` are not used.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::ids;
use crate::messages::InboundSmsMessage;
use crate::models::inbound_number_key;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TwoWayEvent {
    origination_number: String,
    destination_number: String,
    message_body: String,
    inbound_message_id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum InboundSmsError {
    #[error("not an inbound SMS event: {0}")]
    Malformed(String),
}

/// The text in an SNS message's `Message`, received at `received_at` (the
/// SNS Timestamp), with a fresh Herald id.
pub fn parse_two_way_event(
    message: &str,
    received_at: DateTime<Utc>,
) -> Result<InboundSmsMessage, InboundSmsError> {
    let event: TwoWayEvent =
        serde_json::from_str(message).map_err(|e| InboundSmsError::Malformed(e.to_string()))?;
    if event.inbound_message_id.trim().is_empty() {
        return Err(InboundSmsError::Malformed("empty inboundMessageId".into()));
    }
    if event.message_body.contains('\0') {
        return Err(InboundSmsError::Malformed("NUL in messageBody".into()));
    }
    Ok(InboundSmsMessage {
        id: ids::new_notification_id(),
        received_at,
        notify_number: inbound_number_key(&event.destination_number),
        user_number: inbound_number_key(&event.origination_number),
        content: event.message_body,
        provider_reference: event.inbound_message_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_two_way_sms_event_becomes_an_inbound_message() {
        let event = r#"{"originationNumber":"+447700900111","destinationNumber":"+447700900999",
            "messageKeyword":"KEYWORD_123","messageBody":"Hello there",
            "inboundMessageId":"cae173d2-66b9-564c-8309-21f858e9fb84",
            "previousPublishedMessageId":"abc"}"#;
        let now = Utc::now();
        let message = parse_two_way_event(event, now).expect("parses");
        assert_eq!(message.notify_number, "+447700900999");
        assert_eq!(message.user_number, "+447700900111");
        assert_eq!(message.content, "Hello there");
        assert_eq!(
            message.provider_reference,
            "cae173d2-66b9-564c-8309-21f858e9fb84"
        );
        assert_eq!(message.received_at, now);
        assert!(parse_two_way_event("{}", now).is_err());
    }
}
