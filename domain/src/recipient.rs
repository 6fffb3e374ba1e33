//! PLACEHOLDER until the Notify-exact version lands (helper in progress).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidRecipient(pub String);

pub fn validate_email_address(raw: &str) -> Result<String, InvalidRecipient> {
    let s = raw.trim();
    if s.contains('@') && s.rsplit('@').next().is_some_and(|d| d.contains('.')) {
        Ok(s.to_owned())
    } else {
        Err(InvalidRecipient("Not a valid email address".into()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    pub normalised: String,
    pub international: bool,
}

pub fn validate_phone_number(raw: &str) -> Result<PhoneNumber, InvalidRecipient> {
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 10 {
        return Err(InvalidRecipient("Not enough digits".into()));
    }
    Ok(PhoneNumber {
        normalised: digits,
        international: false,
    })
}

pub fn is_simulated_email(email: &str) -> bool {
    email.ends_with("@notifications.service.gov.uk") && email.starts_with("simulate-delivered")
}

pub fn is_simulated_phone(phone: &PhoneNumber) -> bool {
    ["447700900000", "447700900111", "447700900222"].contains(&phone.normalised.as_str())
}
