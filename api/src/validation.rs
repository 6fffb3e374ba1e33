//! Notify's request schemas for sending, checked by hand with Notify's
//! messages: one message per problem, "<field> <problem>", every problem
//! reported at once.

use herald_domain::kinds::NotificationType;
use herald_domain::letters::Postage;
use herald_domain::python;
use herald_domain::recipient;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::error::ApiError;

const REFERENCE_MAX_CHARS: usize = 1000;

/// A schema-valid POST /v2/notifications/{email,sms} body.
#[derive(Debug)]
pub struct SendRequest {
    pub template_id: Uuid,
    /// As the client sent it, trimmed (Notify stores it this way).
    pub recipient: String,
    /// One of Notify's smoke-test addresses or numbers (accepted, never
    /// delivered), known from the one parse of the recipient.
    pub simulated: bool,
    pub personalisation: Map<String, Value>,
    pub reference: Option<String>,
    pub reply_to_id: Option<Uuid>,
    pub one_click_unsubscribe_url: Option<String>,
    /// Email only: personalisation keys to sanitise.
    pub sanitise_content_for: Vec<String>,
    /// Send later (stored at once, held until then).
    pub scheduled_for: Option<chrono::DateTime<chrono::Utc>>,
}

/// How Notify's messages show a value: jsonschema's `repr()` of it, with every single quote
/// stripped (`app/schema_validation/__init__.py: __format_message`).
fn shown(value: &Value) -> String {
    python::repr(value).replace('\'', "")
}

struct Problems(Vec<String>);

impl Problems {
    fn push(&mut self, message: String) {
        if !self.0.contains(&message) {
            self.0.push(message);
        }
    }

    fn uuid(&mut self, body: &Map<String, Value>, field: &str) -> Option<Uuid> {
        match body.get(field)? {
            Value::String(s) => match Uuid::parse_str(s) {
                Ok(id) => Some(id),
                Err(_) => {
                    self.push(format!("{field} is not a valid UUID"));
                    None
                }
            },
            other => {
                self.push(format!("{field} {} is not of type string", shown(other)));
                None
            }
        }
    }

    fn required(&mut self, body: &Map<String, Value>, fields: &[&str]) {
        for field in fields {
            if !body.contains_key(*field) {
                self.push(format!("{field} is a required property"));
            }
        }
    }

    fn no_other_properties(&mut self, body: &Map<String, Value>, allowed: &[&str]) {
        let unexpected: Vec<&str> = body
            .keys()
            .map(String::as_str)
            .filter(|k| !allowed.contains(k))
            .collect();
        if !unexpected.is_empty() {
            let verb = if unexpected.len() == 1 { "was" } else { "were" };
            self.push(format!(
                "Additional properties are not allowed ({} {verb} unexpected)",
                unexpected.join(", ")
            ));
        }
    }

    fn reference(&mut self, body: &Map<String, Value>) -> Option<String> {
        self.string(body, "reference").and_then(|r| {
            if r.chars().count() > REFERENCE_MAX_CHARS {
                self.push(format!("reference {r} is too long"));
                None
            } else {
                Some(r.to_owned())
            }
        })
    }

    fn personalisation(&mut self, body: &Map<String, Value>) -> Map<String, Value> {
        match body.get("personalisation") {
            None => Map::new(),
            Some(Value::Object(map)) => map.clone(),
            Some(other) => {
                self.push(format!(
                    "personalisation {} is not of type object",
                    shown(other)
                ));
                Map::new()
            }
        }
    }

    fn storable(&mut self, body: &Map<String, Value>) {
        if body.values().any(contains_nul) {
            self.push(
                "Request contains a NUL character (\\u0000), which cannot be stored".to_owned(),
            );
        }
    }

    fn string<'a>(&mut self, body: &'a Map<String, Value>, field: &str) -> Option<&'a str> {
        match body.get(field)? {
            Value::String(s) => Some(s),
            other => {
                self.push(format!("{field} {} is not of type string", shown(other)));
                None
            }
        }
    }
}

/// Strings PostgreSQL cannot store (NUL) are refused up front, so that an
/// accepted notification can always be persisted.
fn contains_nul(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains('\0'),
        Value::Array(items) => items.iter().any(contains_nul),
        Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || contains_nul(v)),
        _ => false,
    }
}

pub fn send_request(body: Value, kind: NotificationType) -> Result<SendRequest, ApiError> {
    let Value::Object(body) = body else {
        return Err(ApiError::validation(format!(
            "{} is not of type object",
            shown(&body)
        )));
    };
    let (recipient_field, reply_field, allowed): (&str, &str, &[&str]) = match kind {
        NotificationType::Sms => (
            "phone_number",
            "sms_sender_id",
            &[
                "phone_number",
                "template_id",
                "personalisation",
                "reference",
                "sms_sender_id",
                "scheduled_for",
            ],
        ),
        _ => (
            "email_address",
            "email_reply_to_id",
            &[
                "email_address",
                "template_id",
                "personalisation",
                "reference",
                "email_reply_to_id",
                "one_click_unsubscribe_url",
                "sanitise_content_for",
                "scheduled_for",
            ],
        ),
    };
    let mut problems = Problems(Vec::new());

    problems.required(&body, &[recipient_field, "template_id"]);
    problems.no_other_properties(&body, allowed);

    let template_id = problems.uuid(&body, "template_id");
    let reply_to_id = problems.uuid(&body, reply_field);
    let recipient = problems.string(&body, recipient_field).and_then(|raw| {
        let checked = match kind {
            NotificationType::Sms => recipient::validate_phone_number(raw)
                .map(|phone| (raw.trim().to_owned(), recipient::is_simulated_phone(&phone))),
            _ => recipient::validate_email_address(raw).map(|email| {
                let simulated = recipient::is_simulated_email(&email);
                (email, simulated)
            }),
        };
        checked
            .map_err(|e| problems.push(format!("{recipient_field} {e}")))
            .ok()
    });
    let reference = problems.reference(&body);
    let personalisation = problems.personalisation(&body);
    let one_click_unsubscribe_url = problems
        .string(&body, "one_click_unsubscribe_url")
        .and_then(|url| {
            if url.starts_with("https://")
                && url.len() > "https://".len()
                && !url.contains(char::is_whitespace)
            {
                Some(url.to_owned())
            } else {
                problems.push("one_click_unsubscribe_url is not a valid https url".to_owned());
                None
            }
        });
    let sanitise_content_for = match body.get("sanitise_content_for") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(keys)) => keys
            .iter()
            .filter_map(|key| match key {
                Value::String(k) => Some(k.clone()),
                other => {
                    problems.push(format!(
                        "sanitise_content_for {} is not of type string",
                        shown(other)
                    ));
                    None
                }
            })
            .collect(),
        Some(other) => {
            problems.push(format!(
                "sanitise_content_for {} is not of type array, null",
                shown(other)
            ));
            Vec::new()
        }
    };
    // GC Notify's scheduling (GOV.UK Notify ignores the field).
    let scheduled_for = match body.get("scheduled_for") {
        None | Some(Value::Null) => None,
        Some(Value::String(at)) => crate::schedule::scheduled_time(at, chrono::Utc::now())
            .map_err(|problem| problems.push(problem))
            .ok(),
        Some(other) => {
            problems.push(format!(
                "scheduled_for {} is not of type string, null",
                shown(other)
            ));
            None
        }
    };
    problems.storable(&body);

    match (problems.0.is_empty(), template_id, recipient) {
        (true, Some(template_id), Some((recipient, simulated))) => Ok(SendRequest {
            template_id,
            recipient,
            simulated,
            personalisation,
            reference,
            reply_to_id,
            one_click_unsubscribe_url,
            sanitise_content_for,
            scheduled_for,
        }),
        _ => Err(ApiError::Validation(problems.0)),
    }
}

/// A schema-valid POST /v2/notifications/letter body: a templated letter,
/// or (with `content`) a precompiled PDF.
#[derive(Debug)]
pub enum LetterRequest {
    Templated {
        template_id: Uuid,
        personalisation: Map<String, Value>,
        reference: Option<String>,
    },
    Precompiled {
        reference: String,
        /// The PDF, base64-encoded (checked later, off the async threads).
        content: String,
        postage: Option<Postage>,
    },
}

/// Notify's letter schemas (`post_letter_request`, and
/// `post_precompiled_letter_request` when the body has `content`).
pub fn letter_request(body: Value) -> Result<LetterRequest, ApiError> {
    let Value::Object(body) = body else {
        return Err(ApiError::validation(format!(
            "{} is not of type object",
            shown(&body)
        )));
    };
    let mut problems = Problems(Vec::new());
    problems.storable(&body);
    if body.contains_key("content") {
        problems.required(&body, &["reference", "content"]);
        problems.no_other_properties(&body, &["reference", "content", "postage"]);
        let reference = problems.reference(&body);
        let content = problems.string(&body, "content").map(str::to_owned);
        let postage = problems.string(&body, "postage").and_then(|p| {
            let postage = p
                .parse::<Postage>()
                .ok()
                .filter(|p| Postage::UK.contains(p));
            if postage.is_none() {
                problems
                    .push("postage invalid. It must be either first, second or economy.".into());
            }
            postage
        });
        return match (problems.0.is_empty(), reference, content) {
            (true, Some(reference), Some(content)) => Ok(LetterRequest::Precompiled {
                reference,
                content,
                postage,
            }),
            _ => Err(ApiError::Validation(problems.0)),
        };
    }
    problems.required(&body, &["template_id", "personalisation"]);
    problems.no_other_properties(&body, &["template_id", "personalisation", "reference"]);
    let template_id = problems.uuid(&body, "template_id");
    let reference = problems.reference(&body);
    let personalisation = problems.personalisation(&body);
    if matches!(body.get("personalisation"), Some(Value::Object(_))) {
        for line in ["address_line_1", "address_line_2"] {
            if !personalisation.contains_key(line) {
                problems.push(format!("personalisation {line} is a required property"));
            }
        }
    }
    match (problems.0.is_empty(), template_id) {
        (true, Some(template_id)) => Ok(LetterRequest::Templated {
            template_id,
            personalisation,
            reference,
        }),
        _ => Err(ApiError::Validation(problems.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problems(body: Value, kind: NotificationType) -> Vec<String> {
        match send_request(body, kind) {
            Err(ApiError::Validation(messages)) => messages,
            other => panic!("expected validation errors, got {other:?}"),
        }
    }

    #[test]
    fn values_are_shown_as_jsonschemas_repr_without_quotes() {
        assert_eq!(shown(&json!("abc")), "abc");
        assert_eq!(shown(&json!([1, "a", null])), "[1, a, None]");
        assert_eq!(shown(&json!({"k": 1.0})), "{k: 1.0}");
    }

    #[test]
    fn every_problem_is_reported_once() {
        let found = problems(
            json!({"email_address": "nope", "personalisation": "abc", "colour": 1, "size": 2}),
            NotificationType::Email,
        );
        assert_eq!(
            found,
            [
                "template_id is a required property",
                "Additional properties are not allowed (colour, size were unexpected)",
                "email_address Not a valid email address",
                "personalisation abc is not of type object",
            ]
        );
    }

    #[test]
    fn uuids_and_urls_use_notifys_messages() {
        let found = problems(
            json!({"phone_number": "07700900123", "template_id": "x", "sms_sender_id": "y"}),
            NotificationType::Sms,
        );
        assert_eq!(
            found,
            [
                "template_id is not a valid UUID",
                "sms_sender_id is not a valid UUID"
            ]
        );
        let found = problems(
            json!({"email_address": "a@b.com", "template_id": Uuid::new_v4(), "one_click_unsubscribe_url": "http://x"}),
            NotificationType::Email,
        );
        assert_eq!(
            found,
            ["one_click_unsubscribe_url is not a valid https url"]
        );
    }

    #[test]
    fn a_valid_body_is_accepted() {
        let id = Uuid::new_v4();
        let request = send_request(
            json!({"email_address": " someone@example.com ", "template_id": id, "reference": "r1",
                   "personalisation": {"name": "Ann"}}),
            NotificationType::Email,
        )
        .expect("valid");
        assert_eq!(request.template_id, id);
        assert_eq!(request.recipient, "someone@example.com");
        assert_eq!(request.reference.as_deref(), Some("r1"));
    }

    #[test]
    fn nul_characters_are_refused() {
        let found = problems(
            json!({"email_address": "a@b.com", "template_id": Uuid::new_v4(), "personalisation": {"x": "a\u{0}b"}}),
            NotificationType::Email,
        );
        assert_eq!(found.len(), 1);
    }
}
