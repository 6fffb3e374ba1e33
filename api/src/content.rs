//! Filling a template with personalisation, Notify's way: one place for the
//! send path (`routes/notifications/post.rs`) and the preview.

use herald_domain::kinds::NotificationType;
use herald_domain::models::Template;
use herald_domain::rendering::{self, SmsMessage};
use serde_json::{Map, Value};

use crate::error::ApiError;

pub struct Filled {
    pub subject: Option<String>,
    pub body: String,
    /// Text messages: the counts Notify's checks use.
    sms: Option<SmsMessage>,
}

/// The template filled in, or Notify's "Missing personalisation: a, b"
/// (subject placeholders first).
pub fn fill(template: &Template, personalisation: &Map<String, Value>) -> Result<Filled, ApiError> {
    let texts: Vec<&str> = template
        .subject
        .as_deref()
        .into_iter()
        .chain([template.body.as_str()])
        .collect();
    let missing_error = |names: Vec<String>| {
        ApiError::BadRequest(rendering::missing_personalisation_message(&names))
    };
    let missing = rendering::missing_personalisation(&texts, personalisation);
    if !missing.is_empty() {
        return Err(missing_error(missing));
    }
    match template.template_type {
        NotificationType::Sms => {
            let sms =
                rendering::render_sms(&template.body, personalisation).map_err(missing_error)?;
            Ok(Filled {
                subject: None,
                body: sms.body.clone(),
                sms: Some(sms),
            })
        }
        _ => Ok(Filled {
            subject: template
                .subject
                .as_deref()
                .map(|s| rendering::render(s, personalisation))
                .transpose()
                .map_err(missing_error)?,
            body: rendering::render(&template.body, personalisation).map_err(missing_error)?,
            sms: None,
        }),
    }
}

impl Filled {
    /// Notify's checks before sending: not empty, not too long.
    pub fn check_sendable(&self, template: &Template) -> Result<(), ApiError> {
        let (empty, too_long) = match &self.sms {
            Some(sms) => (sms.is_empty(), sms.too_long_message()),
            None => (
                rendering::is_email_body_empty(&template.body, &self.body),
                rendering::email_too_long_message(&self.body),
            ),
        };
        if empty {
            return Err(ApiError::BadRequest(rendering::EMPTY_MESSAGE.into()));
        }
        too_long.map_or(Ok(()), |message| Err(ApiError::BadRequest(message)))
    }
}
