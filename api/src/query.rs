//! Query strings the way Notify's clients send them: repeated keys
//! (`status=a&status=b`) and a closed set of allowed keys.

use crate::error::ApiError;

pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Parses and refuses unknown keys with Notify's message.
    pub fn parse(raw: &str, allowed: &[&str]) -> Result<Query, ApiError> {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let mut unexpected: Vec<&str> = Vec::new();
        for (key, _) in &pairs {
            if !allowed.contains(&key.as_str()) && !unexpected.contains(&key.as_str()) {
                unexpected.push(key);
            }
        }
        if !unexpected.is_empty() {
            let verb = if unexpected.len() == 1 { "was" } else { "were" };
            return Err(ApiError::validation(format!(
                "Additional properties are not allowed ({} {verb} unexpected)",
                unexpected.join(", ")
            )));
        }
        // PostgreSQL cannot take a NUL in a string: refused here, as in a body.
        if let Some((key, _)) = pairs.iter().find(|(_, v)| v.contains('\0')) {
            return Err(ApiError::validation(format!(
                "{key} contains a NUL character (\\u0000), which is not allowed"
            )));
        }
        Ok(Query { pairs })
    }

    pub fn all(&self, key: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub fn first(&self, key: &str) -> Option<&str> {
        self.all(key).into_iter().next()
    }

    /// The query string again, without `key`.
    pub fn without(&self, key: &str) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in self.pairs.iter().filter(|(k, _)| k != key) {
            out.append_pair(k, v);
        }
        out.finish()
    }
}

/// "<field> <value> is not one of [a, b, c]", Notify's enum message.
pub fn not_one_of(field: &str, value: &str, allowed: &[&str]) -> String {
    format!("{field} {value} is not one of [{}]", allowed.join(", "))
}
