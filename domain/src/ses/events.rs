//! SES events as carried in a verified SNS Notification's `Message`.
//!
//! SES publishes to SNS in two formats, both handled by [`parse_ses_event`]:
//!
//! - **Event publishing** (configuration set with an SNS event destination):
//!   top-level `eventType` ∈ `Send`, `Reject`, `Bounce`, `Complaint`,
//!   `Delivery`, `Open`, `Click`, `Rendering Failure`, `DeliveryDelay`,
//!   `Subscription`; `mail.tags` carries the message tags set at send time.
//! - **Identity notifications** (SES v1 `SetIdentityNotificationTopic`):
//!   top-level `notificationType` ∈ `Bounce`, `Complaint`, `Delivery`; no tags.
//!
//! Unknown fields are ignored (SES may add fields at any time).
//!
//! # Mapping to Notify statuses (as GOV.UK Notify's `process-ses-result`)
//!
//! | SES event | Herald / Notify |
//! |---|---|
//! | `Delivery` | status `delivered` |
//! | `Bounce`, `bounceType` `Permanent` | status `permanent-failure` ("hard bounce") |
//! | `Bounce`, any other `bounceType` (`Transient`, `Undetermined`) | status `temporary-failure` ("soft bounce") |
//! | `Complaint` | status unchanged; save a complaint record (`feedback_id`, feedback type, event timestamp) and queue the service's complaint callback |
//! | anything else (`Send`, `Open`, `Click`, `Reject`, `DeliveryDelay`, `Rendering Failure`, `Subscription`, …) | ignored |
//!
//! Notify applies a status only while the notification is still `sending` or
//! `pending` (the first terminal receipt wins; later ones are logged as
//! duplicates). Notify finds the notification by `reference` = SES message id
//! ([`SesEvent::ses_message_id`]); Herald can also use a message tag it sets
//! when sending ([`notification_id_tag`], event publishing only). If the
//! notification is not found and the mail is less than 5 minutes old
//! ([`SesEvent::mail_timestamp`]), Notify retries later (the receipt can
//! arrive before the row is committed); older ones are dropped with a warning.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;

use crate::kinds::Status;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// What happened, as far as Herald cares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SesEventKind {
    /// The receiving mail server accepted the message → `delivered`.
    Delivery,
    /// A hard (`Permanent`) or soft (`Transient`, `Undetermined`) bounce.
    /// `permanent` is `bounce_type == "Permanent"`.
    Bounce {
        bounce_type: String,
        bounce_sub_type: String,
        permanent: bool,
    },
    /// The recipient complained (status unchanged; record a complaint).
    /// `feedback_type` = `complaintFeedbackType` (`abuse`, `fraud`, …, only
    /// when the ISP sent a feedback report); `sub_type` = `complaintSubType`
    /// (`null` or `OnAccountSuppressionList`).
    Complaint {
        feedback_type: Option<String>,
        sub_type: Option<String>,
    },
    /// Any other SES event type, verbatim (`Send`, `Open`, `Click`, `Reject`,
    /// `DeliveryDelay`, `Rendering Failure`, `Subscription`, …): ignored.
    Other(String),
}

/// The parts of an SES event Herald needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SesEvent {
    pub kind: SesEventKind,
    /// `mail.messageId`: the `MessageId` that `SendEmail` returned (Notify's
    /// `reference`), not the `Message-ID` header.
    pub ses_message_id: String,
    /// `mail.timestamp`: when the message was sent.
    pub mail_timestamp: DateTime<Utc>,
    /// The event's own `timestamp` (`delivery.timestamp`, `bounce.timestamp`,
    /// `complaint.timestamp`, `open.timestamp`, …). `None` when the event has
    /// none (`Send`, `Reject`, `Rendering Failure`) or it is unparsable.
    pub event_timestamp: Option<DateTime<Utc>>,
    /// `mail.tags` (event publishing only; empty for identity notifications).
    pub tags: HashMap<String, Vec<String>>,
    /// `mail.headers` (name, value), when the event carries the original
    /// headers (event publishing always; identity notifications when the
    /// identity has headers in notifications enabled).
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// Recipients the event is about: `delivery.recipients`,
    /// `bounce.bouncedRecipients[].emailAddress`,
    /// `complaint.complainedRecipients[].emailAddress`,
    /// `deliveryDelay.delayedRecipients[].emailAddress`; otherwise
    /// `mail.destination`. Personal data: do not log.
    pub recipients: Vec<String>,
    /// Human-readable provider detail: `delivery.smtpResponse`; for a bounce
    /// the first `diagnosticCode`, else `"<bounceType> bounce (<bounceSubType>)"`;
    /// `reject.reason`; `failure.errorMessage`; for a delivery delay the first
    /// `diagnosticCode`, else `delayType`. May contain recipient addresses.
    pub provider_response: Option<String>,
    /// `bounce.feedbackId` / `complaint.feedbackId` (Notify stores the
    /// complaint's as `ses_feedback_id`).
    pub feedback_id: Option<String>,
}

/// Error from [`parse_ses_event`].
#[derive(Debug, thiserror::Error)]
pub enum SesEventError {
    #[error("malformed SES event: {0}")]
    Malformed(String),
}

fn malformed(msg: impl Into<String>) -> SesEventError {
    SesEventError::Malformed(msg.into())
}

/// The Notify status an event sets, or `None` when it sets none:
/// `Delivery` → `"delivered"`, permanent `Bounce` → `"permanent-failure"`,
/// other `Bounce` → `"temporary-failure"`, `Complaint` → `None` (complaint
/// record only, status unchanged), anything else → `None` (ignored).
pub fn status_of(kind: &SesEventKind) -> Option<&'static str> {
    status(kind).map(Status::as_str)
}

/// [`status_of`], as the status itself.
pub fn status(kind: &SesEventKind) -> Option<Status> {
    match kind {
        SesEventKind::Delivery => Some(Status::Delivered),
        SesEventKind::Bounce {
            permanent: true, ..
        } => Some(Status::PermanentFailure),
        SesEventKind::Bounce {
            permanent: false, ..
        } => Some(Status::TemporaryFailure),
        SesEventKind::Complaint { .. } | SesEventKind::Other(_) => None,
    }
}

/// The notification id Herald put in the SES message tag `tag_name` when
/// sending (`EmailTags`), if the event carries it and it is a UUID. Only
/// event-publishing events carry tags; for identity notifications this is
/// always `None` and the notification must be found by `ses_message_id`.
pub fn notification_id_tag(event: &SesEvent, tag_name: &str) -> Option<uuid::Uuid> {
    let value = event.tags.get(tag_name)?.first()?;
    uuid::Uuid::parse_str(value).ok()
}

/// The notification id in the mail header `name` (compared
/// case-insensitively), if present and a UUID.
pub fn notification_id_header(event: &SesEvent, name: &str) -> Option<uuid::Uuid> {
    let (_, value) = event
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))?;
    uuid::Uuid::parse_str(value.trim()).ok()
}

/// Parses the SES event JSON (the SNS `Message` string). Accepts both the
/// event-publishing (`eventType`) and identity-notification
/// (`notificationType`) formats.
///
/// Required: the type key, `mail.messageId`, a parsable `mail.timestamp`, and
/// for `Delivery`/`Bounce`/`Complaint` their detail object (`delivery`,
/// `bounce` with `bounceType` and `bounceSubType`, `complaint`).
pub fn parse_ses_event(message: &str) -> Result<SesEvent, SesEventError> {
    let value: Value =
        serde_json::from_str(message).map_err(|e| malformed(format!("not valid JSON: {e}")))?;
    let Value::Object(top) = value else {
        return Err(malformed("not a JSON object"));
    };

    let event_type = event_type(&top)?;
    let mail: RawMail = field(&top, "mail")?.ok_or_else(|| malformed("missing field `mail`"))?;
    let mail_timestamp = parse_timestamp(&mail.timestamp)
        .ok_or_else(|| malformed(format!("invalid mail.timestamp {:?}", mail.timestamp)))?;
    let destination = mail.destination.unwrap_or_default();

    // The detail object of each type, as named in the SES docs.
    let detail_key = match event_type.as_str() {
        "DeliveryDelay" => "deliveryDelay".to_owned(),
        "Rendering Failure" => "failure".to_owned(),
        // delivery, bounce, complaint, send, reject, open, click, subscription.
        other => other.to_ascii_lowercase(),
    };
    let detail = top.get(&detail_key).and_then(Value::as_object);
    let event_timestamp = detail
        .and_then(|d| d.get("timestamp"))
        .and_then(Value::as_str)
        .and_then(parse_timestamp);
    let required_detail = || {
        detail
            .map(|d| Value::Object(d.clone()))
            .ok_or_else(|| malformed(format!("{event_type} event without `{detail_key}` object")))
    };

    let mut feedback_id = None;
    let (kind, recipients, provider_response) = match event_type.as_str() {
        "Delivery" => {
            let d: RawDelivery = from_value(required_detail()?, &detail_key)?;
            let recipients = d.recipients.unwrap_or(destination);
            (SesEventKind::Delivery, recipients, d.smtp_response)
        }
        "Bounce" => {
            let b: RawBounce = from_value(required_detail()?, &detail_key)?;
            let bounced = b.bounced_recipients.unwrap_or_default();
            let response = first_diagnostic(&bounced)
                .unwrap_or_else(|| format!("{} bounce ({})", b.bounce_type, b.bounce_sub_type));
            feedback_id = b.feedback_id;
            let kind = SesEventKind::Bounce {
                permanent: b.bounce_type == "Permanent",
                bounce_type: b.bounce_type,
                bounce_sub_type: b.bounce_sub_type,
            };
            (kind, addresses(bounced), Some(response))
        }
        "Complaint" => {
            let c: RawComplaint = from_value(required_detail()?, &detail_key)?;
            feedback_id = c.feedback_id;
            let kind = SesEventKind::Complaint {
                feedback_type: c.complaint_feedback_type,
                sub_type: c.complaint_sub_type,
            };
            (
                kind,
                addresses(c.complained_recipients.unwrap_or_default()),
                None,
            )
        }
        other => {
            let kind = SesEventKind::Other(other.to_owned());
            let detail_str = |k: &str| {
                detail
                    .and_then(|d| d.get(k))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            };
            match other {
                "DeliveryDelay" => {
                    let delayed: Vec<RawRecipient> = detail
                        .and_then(|d| d.get("delayedRecipients"))
                        .and_then(|v| serde_json::from_value(v.clone()).ok())
                        .unwrap_or_default();
                    let response = first_diagnostic(&delayed).or_else(|| detail_str("delayType"));
                    let recipients = if delayed.is_empty() {
                        destination
                    } else {
                        addresses(delayed)
                    };
                    (kind, recipients, response)
                }
                "Reject" => (kind, destination, detail_str("reason")),
                "Rendering Failure" => (kind, destination, detail_str("errorMessage")),
                _ => (kind, destination, None),
            }
        }
    };

    Ok(SesEvent {
        kind,
        ses_message_id: mail.message_id,
        mail_timestamp,
        event_timestamp,
        tags: mail.tags.unwrap_or_default(),
        headers: mail
            .headers
            .unwrap_or_default()
            .into_iter()
            .map(|h| (h.name, h.value))
            .collect(),
        recipients,
        provider_response,
        feedback_id,
    })
}

/// `eventType` (event publishing) or `notificationType` (identity
/// notifications); exactly one of them must be a string.
fn event_type(top: &Map<String, Value>) -> Result<String, SesEventError> {
    let get = |k: &str| -> Result<Option<&str>, SesEventError> {
        match top.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(malformed(format!("field `{k}` must be a string"))),
        }
    };
    match (get("eventType")?, get("notificationType")?) {
        (Some(t), None) | (None, Some(t)) => Ok(t.to_owned()),
        (Some(_), Some(_)) => Err(malformed("both `eventType` and `notificationType` present")),
        (None, None) => Err(malformed(
            "neither `eventType` nor `notificationType` present",
        )),
    }
}

fn field<T: DeserializeOwned>(
    top: &Map<String, Value>,
    key: &str,
) -> Result<Option<T>, SesEventError> {
    top.get(key).map(|v| from_value(v.clone(), key)).transpose()
}

fn from_value<T: DeserializeOwned>(value: Value, what: &str) -> Result<T, SesEventError> {
    serde_json::from_value(value).map_err(|e| malformed(format!("in `{what}`: {e}")))
}

fn first_diagnostic(recipients: &[RawRecipient]) -> Option<String> {
    recipients.iter().find_map(|r| r.diagnostic_code.clone())
}

fn addresses(recipients: Vec<RawRecipient>) -> Vec<String> {
    recipients
        .into_iter()
        .filter_map(|r| r.email_address)
        .collect()
}

/// SES timestamps are usually RFC 3339 (`2016-10-19T23:20:52.240Z`,
/// `…-05:00`), but the docs also show `2018-10-08T14:05:45 +0000`.
fn parse_timestamp(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    [
        "%Y-%m-%dT%H:%M:%S%.f %z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f %z",
    ]
    .iter()
    .find_map(|fmt| DateTime::parse_from_str(s, fmt).ok())
    .map(|t| t.with_timezone(&Utc))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMail {
    message_id: String,
    timestamp: String,
    destination: Option<Vec<String>>,
    tags: Option<HashMap<String, Vec<String>>>,
    headers: Option<Vec<RawHeader>>,
}

#[derive(Deserialize)]
struct RawHeader {
    name: String,
    value: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawDelivery {
    recipients: Option<Vec<String>>,
    smtp_response: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawBounce {
    bounce_type: String,
    bounce_sub_type: String,
    bounced_recipients: Option<Vec<RawRecipient>>,
    feedback_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawComplaint {
    complained_recipients: Option<Vec<RawRecipient>>,
    complaint_feedback_type: Option<String>,
    complaint_sub_type: Option<String>,
    feedback_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawRecipient {
    email_address: Option<String>,
    diagnostic_code: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ses::sns::{self, CertTrust, TEST_FIXTURES_DIR, Verifier};
    use chrono::TimeZone;

    const TAG: &str = "herald-notification-id";

    fn fixture(name: &str) -> String {
        let path = format!("{TEST_FIXTURES_DIR}{name}");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"))
    }

    fn parse_fixture(name: &str) -> SesEvent {
        parse_ses_event(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn other(s: &str) -> SesEventKind {
        SesEventKind::Other(s.to_owned())
    }

    fn bounce(t: &str, st: &str) -> SesEventKind {
        SesEventKind::Bounce {
            bounce_type: t.into(),
            bounce_sub_type: st.into(),
            permanent: t == "Permanent",
        }
    }

    #[test]
    fn every_fixture_parses_to_the_expected_kind_and_status() {
        let abuse = SesEventKind::Complaint {
            feedback_type: Some("abuse".into()),
            sub_type: None,
        };
        let cases: Vec<(&str, SesEventKind, Option<&str>)> = vec![
            (
                "event-bounce-permanent-general.json",
                bounce("Permanent", "General"),
                Some("permanent-failure"),
            ),
            ("event-click.json", other("Click"), None),
            ("event-complaint.json", abuse.clone(), None),
            ("event-delivery-delay.json", other("DeliveryDelay"), None),
            (
                "event-delivery.json",
                SesEventKind::Delivery,
                Some("delivered"),
            ),
            ("event-open.json", other("Open"), None),
            ("event-reject.json", other("Reject"), None),
            (
                "event-rendering-failure.json",
                other("Rendering Failure"),
                None,
            ),
            ("event-send.json", other("Send"), None),
            ("event-subscription.json", other("Subscription"), None),
            (
                "notification-bounce-permanent-no-dsn.json",
                bounce("Permanent", "General"),
                Some("permanent-failure"),
            ),
            (
                "notification-bounce-permanent-with-dsn.json",
                bounce("Permanent", "General"),
                Some("permanent-failure"),
            ),
            (
                "notification-complaint-no-feedback.json",
                SesEventKind::Complaint {
                    feedback_type: None,
                    sub_type: None,
                },
                None,
            ),
            ("notification-complaint-with-feedback.json", abuse, None),
            (
                "notification-delivery.json",
                SesEventKind::Delivery,
                Some("delivered"),
            ),
            (
                "synthetic-event-bounce-permanent-onaccountsuppressionlist.json",
                bounce("Permanent", "OnAccountSuppressionList"),
                Some("permanent-failure"),
            ),
            (
                "synthetic-event-bounce-transient-mailboxfull.json",
                bounce("Transient", "MailboxFull"),
                Some("temporary-failure"),
            ),
            (
                "synthetic-event-bounce-undetermined.json",
                bounce("Undetermined", "Undetermined"),
                Some("temporary-failure"),
            ),
        ];

        // Every SES fixture in the directory is covered.
        let mut on_disk: Vec<String> = std::fs::read_dir(TEST_FIXTURES_DIR)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".json") && !n.starts_with("sns-"))
            .collect();
        on_disk.sort();
        let mut covered: Vec<String> = cases.iter().map(|c| c.0.to_owned()).collect();
        covered.sort();
        assert_eq!(on_disk, covered);

        for (file, kind, status) in cases {
            let e = parse_fixture(file);
            assert_eq!(e.kind, kind, "{file}");
            assert_eq!(status_of(&e.kind), status, "{file}");
            assert!(!e.ses_message_id.is_empty(), "{file}");
            assert!(!e.recipients.is_empty(), "{file}");
            // Event publishing carries tags; identity notifications never do.
            assert_eq!(
                e.tags.is_empty(),
                file.starts_with("notification-"),
                "{file}"
            );
        }
    }

    #[test]
    fn delivery_details() {
        let e = parse_fixture("event-delivery.json");
        assert_eq!(
            e.ses_message_id,
            "EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000"
        );
        assert_eq!(
            e.mail_timestamp,
            Utc.with_ymd_and_hms(2016, 10, 19, 23, 20, 52).unwrap()
                + chrono::Duration::milliseconds(240)
        );
        assert_eq!(
            e.event_timestamp,
            Some(
                Utc.with_ymd_and_hms(2016, 10, 19, 23, 21, 4).unwrap()
                    + chrono::Duration::milliseconds(133)
            )
        );
        assert_eq!(e.recipients, ["recipient@example.com"]);
        assert_eq!(
            e.provider_response.as_deref(),
            Some("250 2.6.0 Message received")
        );
        assert_eq!(e.tags["myCustomTag1"], ["myCustomTagValue1"]);
        assert_eq!(e.feedback_id, None);

        let n = parse_fixture("notification-delivery.json");
        assert_eq!(
            n.ses_message_id,
            "0000014644fe5ef6-9a483358-9170-4cb4-a269-f5dcdf415321-000000"
        );
        assert_eq!(
            n.provider_response.as_deref(),
            Some("250 ok:  Message 64111812 accepted")
        );
        assert_eq!(n.recipients, ["jane@example.com"]);
    }

    #[test]
    fn bounce_details() {
        let e = parse_fixture("notification-bounce-permanent-with-dsn.json");
        assert_eq!(e.recipients, ["jane@example.com"]);
        assert_eq!(
            e.provider_response.as_deref(),
            Some("smtp; 550 5.1.1 <jane@example.com>... User")
        );
        assert_eq!(
            e.feedback_id.as_deref(),
            Some("00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa068a-000000")
        );

        let e = parse_fixture("notification-bounce-permanent-no-dsn.json");
        assert_eq!(e.recipients, ["jane@example.com", "richard@example.com"]);
        assert_eq!(
            e.provider_response.as_deref(),
            Some("Permanent bounce (General)")
        );

        let e = parse_fixture("synthetic-event-bounce-undetermined.json");
        assert_eq!(
            e.provider_response.as_deref(),
            Some("Undetermined bounce (Undetermined)")
        );

        let e = parse_fixture("synthetic-event-bounce-transient-mailboxfull.json");
        assert_eq!(
            e.provider_response.as_deref(),
            Some("smtp; 552 5.2.2 mailbox full")
        );
        assert!(e.event_timestamp.is_some());
    }

    #[test]
    fn complaint_details() {
        let e = parse_fixture("notification-complaint-with-feedback.json");
        assert_eq!(e.recipients, ["richard@example.com"]);
        assert_eq!(
            e.feedback_id.as_deref(),
            Some("000001378603177f-18c07c78-fa81-4a58-9dd1-fedc3cb8f49a-000000")
        );
        assert!(e.event_timestamp.is_some());
        assert_eq!(e.provider_response, None);
    }

    #[test]
    fn other_event_details() {
        let e = parse_fixture("event-delivery-delay.json");
        assert_eq!(
            e.provider_response.as_deref(),
            Some("smtp; 421 4.4.1 Unable to connect to remote host")
        );
        assert!(e.event_timestamp.is_some());
        let e = parse_fixture("event-reject.json");
        assert_eq!(e.provider_response.as_deref(), Some("Bad content"));
        assert_eq!(e.event_timestamp, None);
        let e = parse_fixture("event-rendering-failure.json");
        assert_eq!(
            e.provider_response.as_deref(),
            Some("Attribute 'attributeName' is not present in the rendering data.")
        );
        for f in [
            "event-open.json",
            "event-click.json",
            "event-subscription.json",
        ] {
            assert!(parse_fixture(f).event_timestamp.is_some(), "{f}");
        }
    }

    #[test]
    fn notification_id_tag_extracts_a_uuid_tag() {
        let id = "0190b5a2-7c4e-7d7e-8a1b-2c3d4e5f6a7b";
        let mut v: Value = serde_json::from_str(&fixture("event-delivery.json")).unwrap();
        v["mail"]["tags"][TAG] = serde_json::json!([id]);
        v["mail"]["tags"]["not-a-uuid"] = serde_json::json!(["hello"]);
        v["mail"]["tags"]["empty"] = serde_json::json!([]);
        let e = parse_ses_event(&v.to_string()).unwrap();
        assert_eq!(
            notification_id_tag(&e, TAG),
            Some(uuid::Uuid::parse_str(id).unwrap())
        );
        assert_eq!(notification_id_tag(&e, "not-a-uuid"), None);
        assert_eq!(notification_id_tag(&e, "empty"), None);
        assert_eq!(notification_id_tag(&e, "missing"), None);
        assert_eq!(notification_id_tag(&e, "myCustomTag1"), None);
        // Identity notifications carry no tags at all.
        assert_eq!(
            notification_id_tag(&parse_fixture("notification-delivery.json"), TAG),
            None
        );
    }

    #[test]
    fn notification_id_header_is_found_in_identity_notifications() {
        let id = "0190b5a2-7c4e-7d7e-8a1b-2c3d4e5f6a7b";
        let mut v: Value = serde_json::from_str(&fixture("notification-delivery.json")).unwrap();
        let headers = v["mail"]["headers"].as_array_mut().unwrap();
        headers.push(serde_json::json!({"name": "X-Herald-Notification-Id", "value": id}));
        let e = parse_ses_event(&v.to_string()).unwrap();
        assert_eq!(
            notification_id_header(&e, "x-herald-notification-id"),
            Some(uuid::Uuid::parse_str(id).unwrap())
        );
        assert_eq!(notification_id_header(&e, "X-Missing"), None);
        assert!(!e.headers.is_empty());
    }

    #[test]
    fn timestamps_are_parsed_leniently() {
        let expect = Utc.with_ymd_and_hms(2018, 10, 8, 14, 5, 45).unwrap();
        for s in [
            "2018-10-08T14:05:45Z",
            "2018-10-08T14:05:45 +0000",
            "2018-10-08T14:05:45+0000",
            "2018-10-08T09:05:45-05:00",
            "2018-10-08T14:05:45.000Z",
        ] {
            assert_eq!(parse_timestamp(s), Some(expect), "{s}");
        }
        assert_eq!(parse_timestamp("yesterday"), None);

        let mut v: Value = serde_json::from_str(&fixture("notification-delivery.json")).unwrap();
        v["mail"]["timestamp"] = "2018-10-08T14:05:45 +0000".into();
        assert_eq!(
            parse_ses_event(&v.to_string()).unwrap().mail_timestamp,
            expect
        );
    }

    #[test]
    fn malformed_events_are_rejected_clearly() {
        let base: Value =
            serde_json::from_str(&fixture("event-bounce-permanent-general.json")).unwrap();
        let err = |v: &Value| match parse_ses_event(&v.to_string()) {
            Err(SesEventError::Malformed(e)) => e,
            Ok(e) => panic!("parsed {e:?}"),
        };
        let edit = |f: fn(&mut Value)| {
            let mut v = base.clone();
            f(&mut v);
            v
        };
        assert!(
            err(&edit(|v| {
                v.as_object_mut().unwrap().remove("eventType");
            }))
            .contains("neither")
        );
        assert!(err(&edit(|v| v["notificationType"] = "Bounce".into())).contains("both"));
        assert!(err(&edit(|v| v["eventType"] = 3.into())).contains("`eventType` must be a string"));
        assert!(
            err(&edit(|v| {
                v.as_object_mut().unwrap().remove("mail");
            }))
            .contains("`mail`")
        );
        assert!(
            err(&edit(|v| {
                v["mail"].as_object_mut().unwrap().remove("messageId");
            }))
            .contains("messageId")
        );
        assert!(err(&edit(|v| v["mail"]["timestamp"] = "soon".into())).contains("mail.timestamp"));
        assert!(
            err(&edit(|v| {
                v.as_object_mut().unwrap().remove("bounce");
            }))
            .contains("`bounce` object")
        );
        assert!(
            err(&edit(|v| {
                v["bounce"].as_object_mut().unwrap().remove("bounceType");
            }))
            .contains("bounceType")
        );
        assert!(err(&edit(|v| v["eventType"] = "Delivery".into())).contains("`delivery` object"));
        assert!(err(&edit(|v| v["eventType"] = "Complaint".into())).contains("`complaint` object"));
        assert!(err(&Value::from("str")).contains("not a JSON object"));
        assert!(matches!(
            parse_ses_event("{"),
            Err(SesEventError::Malformed(_))
        ));
        // Unknown event types and extra fields are fine.
        let ok = edit(|v| {
            v["eventType"] = "SomethingNew".into();
            v["mail"]["newField"] = serde_json::json!({"x": 1});
        });
        assert_eq!(
            parse_ses_event(&ok.to_string()).unwrap().kind,
            other("SomethingNew")
        );
    }

    #[test]
    fn status_mapping() {
        assert_eq!(status_of(&SesEventKind::Delivery), Some("delivered"));
        assert_eq!(
            status_of(&bounce("Permanent", "Suppressed")),
            Some("permanent-failure")
        );
        assert_eq!(
            status_of(&bounce("Transient", "General")),
            Some("temporary-failure")
        );
        assert_eq!(
            status_of(&bounce("Undetermined", "Undetermined")),
            Some("temporary-failure")
        );
        assert_eq!(
            status_of(&SesEventKind::Complaint {
                feedback_type: None,
                sub_type: None
            }),
            None
        );
        assert_eq!(status_of(&other("DeliveryDelay")), None);
    }

    #[test]
    fn event_round_trips_through_serde() {
        let e = parse_fixture("synthetic-event-bounce-transient-mailboxfull.json");
        let back: SesEvent = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(back, e);
    }

    /// Webhook path end to end: parse the SNS envelope, verify it, parse the
    /// SES event inside, map it to a status.
    #[tokio::test]
    async fn signed_notifications_end_to_end() {
        let vs: Value = serde_json::from_str(&fixture("sns-signed-test-vectors.json")).unwrap();
        let certs = HashMap::from([(
            vs["signing_cert_url"].as_str().unwrap().to_owned(),
            vs["cert_pem"].as_str().unwrap().to_owned(),
        )]);
        let verifier = Verifier::new(
            CertTrust::InsecureTestCertificates(certs),
            vec!["arn:aws:sns:us-east-1:123456789012:ses-events".to_owned()],
            reqwest::Client::new(),
        );
        let mut statuses = Vec::new();
        for v in vs["vectors"].as_array().unwrap() {
            let msg = sns::parse(v["envelope"].to_string().as_bytes()).unwrap();
            if verifier.verify(&msg).await.is_err()
                || msg.message_type != sns::SnsMessageType::Notification
            {
                continue;
            }
            let event = parse_ses_event(&msg.message).unwrap();
            statuses.push(status_of(&event.kind));
        }
        assert_eq!(
            statuses,
            [Some("delivered"), Some("permanent-failure"), None]
        );
    }
}
