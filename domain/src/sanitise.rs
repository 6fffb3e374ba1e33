//! `sanitise_content_for` on `POST /v2/notifications/email` (GOV.UK Notify only).
//!
//! The request field `sanitise_content_for` (array of personalisation keys, or null)
//! asks Notify to neutralise the listed personalisation values before they are put
//! into the email, so that a value supplied by an end user cannot inject links or
//! Markdown formatting. GOV implements it in `alphagov/notifications-api:
//! app/v2/notifications/post_notifications.py` (`_prepare_personalisation_for_post_notification`,
//! applied for email only; PR #4838 added the `sanitised_content` response key), built
//! on the notifications-utils "unsafe placeholder" work (PR #1220 "Unsafe placeholders
//! sanitise markdown": escape the Markdown characters ``\`*_(){}[]<>#+-.!|`` with a
//! backslash; PR #1223 "Remove urls from unsafe placeholders", reusing
//! `notifications_utils/formatters.py: url`).
//!
//! Per listed key whose value is a string:
//! 1. URL-like text is handled first:
//!    * `http(s)://...` URLs are removed (the URL regex is Notify's/mistune's autolink
//!      pattern `https?://[^\s<]+[^<.,:"')\]\s]`, so a closing `)` or trailing
//!      punctuation stays in the text);
//!    * scheme-less domain-like text (`www.example.com`, `example.com/path`) is removed
//!      when it contains anything beyond `[A-Za-z0-9.-]` (a path, query, ...);
//!    * a bare domain made only of `[A-Za-z0-9.-]` (`evil.com`, `Mr.Smith`) is kept
//!      but every `.` in it becomes `". "`, so mail clients stop auto-linking it.
//! 2. Every Markdown character ``\ ` * _ { } [ ] ( ) < > # + - . ! |`` is escaped with
//!    a backslash.
//!
//! Worked example from the node client PR (alphagov/notifications-node-client#231),
//! checked in the tests:
//! `Amala, please [click this evil link](https://evil.link)` ->
//! `Amala, please \[click this evil link\]\(\)`.
//!
//! What is returned for the edge cases:
//! * a listed key missing from the personalisation: nothing happens, no entry;
//! * a listed key whose value is not a string (number, bool, null, list, file object):
//!   the value is passed through unchanged and gets no `sanitised_content` entry.
//!   GOV at the reference commit crashes with a 500 (TypeError) on numbers/booleans
//!   (alphagov/notifications-api#4971); the open fix #4972 "pass non-string
//!   personalisation through the sanitise step" passes them through unchanged, which
//!   is what Herald does;
//! * a listed key whose sanitised value equals the original: no entry ("sanitised_content"
//!   lists only the content that was changed, PR #4838);
//! * a key listed twice is sanitised once.
//!
//! The response always carries `"sanitised_content"` for email (an empty object when
//! nothing changed); sms/letter responses do not have the key (PR #4838).

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Map, Value, json};

/// Markdown characters escaped with a backslash (notifications-utils PR #1220 list plus
/// the backslash itself, which must be escaped first or an attacker could pre-escape).
pub const MARKDOWN_CHARACTERS: &[char] = &[
    '\\', '`', '*', '_', '{', '}', '[', ']', '(', ')', '<', '>', '#', '+', '-', '.', '!', '|',
];

/// URL-like text. Alternatives, leftmost-first:
/// 1. scheme URLs, Notify's autolink regex (`notifications_utils/formatters.py: url`,
///    from mistune `InlineGrammar.url`), made case-insensitive for the scheme;
/// 2. `www.` followed by non-space text (same tail rule);
/// 3. a domain-like token (labels of `[A-Za-z0-9-]`, a final alphabetic label of 2+
///    letters) with an optional path/query/fragment tail.
///
/// Group `pre` is the character before a domain-like token (or start of text) so that
/// a token inside a longer word (`foo_bar.com`) is not split; it is kept as it is.
static URL_LIKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r#"(?P<scheme>(?i:https?)://[^\s<]+[^<.,:"')\]\s])"#,
        r#"|(?P<www>(?i:www)\.[^\s<]+[^<.,:"')\]\s])"#,
        r#"|(?P<pre>^|[^A-Za-z0-9._\-/])"#,
        r#"(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"#,
        r#"(?:[/?#][^\s<]*[^<.,:"')\]\s]|[/?#])?)"#,
        r#"(?P<after>[A-Za-z0-9_]?)"#,
    ))
    .expect("URL_LIKE regex")
});

fn is_bare_domain(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
}

/// Step 1: remove URL-like text, or break up bare domains with `". "`.
pub fn remove_urls(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut last = 0;
    for caps in URL_LIKE.captures_iter(value) {
        let whole = caps.get(0).expect("match");
        if let Some(m) = caps.name("scheme").or_else(|| caps.name("www")) {
            out.push_str(&value[last..m.start()]);
            if is_bare_domain(m.as_str()) {
                out.push_str(&m.as_str().replace('.', ". "));
            }
            last = m.end();
            continue;
        }
        let domain = caps.name("domain").expect("domain group");
        let after = caps.name("after").map(|m| m.as_str()).unwrap_or("");
        if !after.is_empty() {
            // The token runs into a word character (e.g. `x.com_y`): not a domain-like
            // token by itself. Leave the text alone.
            continue;
        }
        out.push_str(&value[last..domain.start()]);
        if is_bare_domain(domain.as_str()) {
            out.push_str(&domain.as_str().replace('.', ". "));
        }
        last = whole.end();
    }
    out.push_str(&value[last..]);
    out
}

/// Step 2: backslash-escape the Markdown characters.
pub fn escape_markdown(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + value.len() / 4);
    for c in value.chars() {
        if MARKDOWN_CHARACTERS.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Sanitises one personalisation string: URLs first, then Markdown escaping.
pub fn sanitise_value(value: &str) -> String {
    escape_markdown(&remove_urls(value))
}

/// Applies `sanitise_content_for` to an email's personalisation.
///
/// Returns the sanitised copy of the personalisation (keys not listed are untouched)
/// and the `sanitised_content` response object:
/// `{key: {"unsanitised": <original>, "sanitised": <new>}}` for every listed key whose
/// string value was changed (`{}` when nothing changed). See the module docs for
/// missing keys and non-string values.
pub fn sanitise_personalisation(
    personalisation: &Map<String, Value>,
    keys: &[String],
) -> (Map<String, Value>, Map<String, Value>) {
    let mut sanitised = personalisation.clone();
    let mut report = Map::new();
    let mut seen: Vec<&str> = Vec::new();
    for key in keys {
        if seen.contains(&key.as_str()) {
            continue;
        }
        seen.push(key);
        let Some(Value::String(original)) = personalisation.get(key) else {
            continue;
        };
        let new = sanitise_value(original);
        if &new != original {
            report.insert(
                key.clone(),
                json!({"unsanitised": original, "sanitised": new}),
            );
            sanitised.insert(key.clone(), Value::String(new));
        }
    }
    (sanitised, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(k: &[&str]) -> Vec<String> {
        k.iter().map(|s| s.to_string()).collect()
    }

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn node_client_pr_example() {
        // alphagov/notifications-node-client#231
        let pers = obj(json!({
            "name": "click [evil link](https://evil.link)",
            "link": "Amala, please [click this evil link](https://evil.link)"
        }));
        let (out, report) = sanitise_personalisation(&pers, &keys(&["link"]));
        assert_eq!(
            out["link"],
            json!("Amala, please \\[click this evil link\\]\\(\\)")
        );
        assert_eq!(out["name"], pers["name"]);
        assert_eq!(
            Value::Object(report),
            json!({"link": {
                "sanitised": "Amala, please \\[click this evil link\\]\\(\\)",
                "unsanitised": "Amala, please [click this evil link](https://evil.link)"
            }})
        );
    }

    #[test]
    fn no_keys_gives_empty_report() {
        let pers = obj(json!({"name": "click [evil link](https://evil.link)"}));
        let (out, report) = sanitise_personalisation(&pers, &[]);
        assert_eq!(out, pers);
        assert!(report.is_empty());
    }

    #[test]
    fn unchanged_values_are_not_reported() {
        let pers = obj(json!({"name": "Amala Smith"}));
        let (out, report) = sanitise_personalisation(&pers, &keys(&["name"]));
        assert_eq!(out, pers);
        assert!(report.is_empty());
    }

    #[test]
    fn missing_keys_are_ignored() {
        let pers = obj(json!({"name": "Amala"}));
        let (out, report) = sanitise_personalisation(&pers, &keys(&["nope"]));
        assert_eq!(out, pers);
        assert!(report.is_empty());
        assert!(!out.contains_key("nope"));
    }

    #[test]
    fn non_strings_pass_through_unchanged() {
        let pers = obj(json!({
            "code": 12345, "flag": true, "nothing": null,
            "list": ["[x](https://evil.link)"],
            "doc": {"file": "YQ=="}
        }));
        let (out, report) =
            sanitise_personalisation(&pers, &keys(&["code", "flag", "nothing", "list", "doc"]));
        assert_eq!(out, pers);
        assert!(report.is_empty());
    }

    #[test]
    fn duplicate_keys_are_sanitised_once() {
        let pers = obj(json!({"a": "x.y"}));
        let (out, _) = sanitise_personalisation(&pers, &keys(&["a", "a"]));
        assert_eq!(out["a"], json!("x\\.y"));
    }

    #[test]
    fn markdown_characters_are_escaped() {
        assert_eq!(
            escape_markdown("\\`*_{}[]()<>#+-.!|"),
            "\\\\\\`\\*\\_\\{\\}\\[\\]\\(\\)\\<\\>\\#\\+\\-\\.\\!\\|"
        );
        assert_eq!(sanitise_value("# Heading"), "\\# Heading");
        assert_eq!(sanitise_value("**bold** _it_"), "\\*\\*bold\\*\\* \\_it\\_");
        assert_eq!(sanitise_value("1. item\n- item"), "1\\. item\n\\- item");
        assert_eq!(sanitise_value("^ inset"), "^ inset");
        assert_eq!(
            sanitise_value("a, b; c: d ' \" ~ = % & @ $ ?"),
            "a, b; c: d ' \" ~ = % & @ $ ?"
        );
        assert_eq!(sanitise_value("Ünïcödé"), "Ünïcödé");
        // pre-escaped input cannot undo the escaping
        assert_eq!(sanitise_value("\\[x\\]"), "\\\\\\[x\\\\\\]");
    }

    #[test]
    fn scheme_urls_are_removed() {
        assert_eq!(remove_urls("go to https://evil.link now"), "go to  now");
        assert_eq!(remove_urls("http://evil.link/a?b=c#d"), "");
        assert_eq!(remove_urls("HTTPS://EVIL.LINK/x"), "");
        // trailing punctuation is not part of the URL (mistune rule)
        assert_eq!(remove_urls("see https://evil.link."), "see .");
        assert_eq!(remove_urls("(https://evil.link)"), "()");
        assert_eq!(remove_urls("'https://evil.link'"), "''");
        // `>` is not excluded by the mistune tail rule, so it goes with the URL
        assert_eq!(remove_urls("<https://evil.link>"), "<");
        assert_eq!(remove_urls("a https://x.y/1 b https://z.w/2 c"), "a  b  c");
        assert_eq!(sanitise_value("[a](http://b.c/d)"), "\\[a\\]\\(\\)");
    }

    #[test]
    fn www_and_pathful_domains_are_removed() {
        assert_eq!(
            remove_urls("visit www.evil.com/login today"),
            "visit  today"
        );
        assert_eq!(remove_urls("visit evil.com/login today"), "visit  today");
        assert_eq!(remove_urls("evil.com?x=1"), "");
    }

    #[test]
    fn bare_domains_get_dot_space() {
        assert_eq!(remove_urls("visit evil.com today"), "visit evil. com today");
        assert_eq!(remove_urls("www.evil.co.uk"), "www. evil. co. uk");
        assert_eq!(remove_urls("Dear Mr.Smith,"), "Dear Mr. Smith,");
        assert_eq!(sanitise_value("visit evil.com."), "visit evil\\. com\\.");
        assert_eq!(
            remove_urls("sub-domain.example.org"),
            "sub-domain. example. org"
        );
    }

    #[test]
    fn ordinary_text_with_dots_is_left_alone() {
        assert_eq!(remove_urls("Total 3.50 GBP"), "Total 3.50 GBP");
        assert_eq!(remove_urls("e.g. this"), "e.g. this");
        assert_eq!(remove_urls("version 1.2.3"), "version 1.2.3");
        assert_eq!(remove_urls("End. Next"), "End. Next");
        assert_eq!(remove_urls("foo_bar.com"), "foo_bar.com");
    }

    #[test]
    fn email_addresses_lose_their_link() {
        // The domain part of an address is domain-like text: it is broken up, which also
        // stops mail clients auto-linking the address.
        assert_eq!(remove_urls("amala@example.com"), "amala@example. com");
    }

    #[test]
    fn phishing_payloads() {
        let (out, report) = sanitise_personalisation(
            &obj(json!({"n": "Amala</p><a href=\"https://evil.link\">Click</a>"})),
            &keys(&["n"]),
        );
        // everything up to the next `<` or space after the scheme is URL text
        assert_eq!(out["n"], json!("Amala\\</p\\>\\<a href=\"\\</a\\>"));
        assert_eq!(
            report["n"]["unsanitised"],
            json!("Amala</p><a href=\"https://evil.link\">Click</a>")
        );
        assert_eq!(
            sanitise_value("![img](https://evil.link/x.png)"),
            "\\!\\[img\\]\\(\\)"
        );
        assert_eq!(sanitise_value("---"), "\\-\\-\\-");
        assert_eq!(sanitise_value("| a | b |"), "\\| a \\| b \\|");
    }
}
