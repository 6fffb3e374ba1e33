//! PLACEHOLDER until the Notify-exact version lands (helper in progress).
use serde_json::{Map, Value};

pub const SMS_CHAR_COUNT_LIMIT: usize = 918;
pub const EMAIL_MAX_BYTES: usize = 2_000_000;

pub fn normalise_key(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

pub fn render(text: &str, personalisation: &Map<String, Value>) -> Result<String, Vec<String>> {
    let values: std::collections::HashMap<String, &Value> = personalisation
        .iter()
        .map(|(k, v)| (normalise_key(k), v))
        .collect();
    let mut out = String::new();
    let mut missing = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("((") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("))") {
            Some(end) => {
                let name = &after[..end];
                match values.get(&normalise_key(name)) {
                    Some(Value::String(s)) => out.push_str(s),
                    Some(Value::Null) | None => missing.push(name.to_owned()),
                    Some(other) => out.push_str(&other.to_string()),
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    if missing.is_empty() {
        Ok(out)
    } else {
        Err(missing)
    }
}

pub fn sms_character_count(body: &str) -> usize {
    body.chars().count()
}
