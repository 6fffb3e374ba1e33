//! Notify's wire formats shared by the API and the workers.

use chrono::{DateTime, Utc};

/// Notify's timestamp format: `%Y-%m-%dT%H:%M:%S.%fZ` (UTC, microseconds).
pub fn timestamp(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// `text` safe inside HTML text and double-quoted attributes.
pub fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A plain HTML rendering of a rendered email body, for the HTML part of
/// sent emails and for previews: escaped text, paragraphs on blank lines,
/// `*`/`-` bullet lists, line breaks.
pub fn email_html(body: &str) -> String {
    let mut html = String::new();
    for block in body.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        let lines: Vec<&str> = block.lines().collect();
        let bullets: Option<Vec<&str>> = lines
            .iter()
            .map(|l| l.strip_prefix("* ").or_else(|| l.strip_prefix("- ")))
            .collect();
        match bullets {
            Some(items) => {
                html.push_str("<ul>");
                for item in items {
                    html.push_str(&format!("<li>{}</li>", html_escape(item)));
                }
                html.push_str("</ul>");
            }
            None => {
                let text: Vec<String> = lines.iter().map(|l| html_escape(l)).collect();
                html.push_str(&format!("<p>{}</p>", text.join("<br>")));
            }
        }
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_and_structures_the_body() {
        assert_eq!(
            email_html("Dear <Ann>,\nhello\n\n* one\n* two"),
            "<p>Dear &lt;Ann&gt;,<br>hello</p><ul><li>one</li><li>two</li></ul>"
        );
    }

    #[test]
    fn timestamps_use_notifys_format() {
        let at = DateTime::parse_from_rfc3339("2026-11-21T09:08:07.123Z")
            .map(|d| d.with_timezone(&Utc))
            .expect("valid");
        assert_eq!(timestamp(&at), "2026-11-21T09:08:07.123000Z");
    }
}
