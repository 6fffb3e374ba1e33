//! Python-compatible helpers that Notify's behaviour depends on: what `str()` and `repr()` print
//! for a value decoded from JSON (placeholders are filled with `str()`, jsonschema's messages show
//! `repr()`), and the whitespace rules of `notifications_utils/formatters.py` and Python's
//! `str.isspace()` / `str.strip()`. One copy, used by rendering, recipients, file uploads and the
//! API's validation messages.

use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// str() and repr() of JSON values
// ---------------------------------------------------------------------------------------------

/// Python's `str()` of a value decoded from JSON: strings as they are, `True`/`False`, `None`,
/// integers in full, floats as `repr(float)` (`1.5`, `1.0`, `1e+16`, `1e-05`), lists and objects as
/// their Python `repr`.
///
/// Integers beyond the 64-bit range arrive as floats unless `serde_json`'s `arbitrary_precision`
/// feature is on (Python keeps them exact), and object key order follows the `serde_json::Map`.
#[must_use]
pub fn to_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => repr(other),
    }
}

/// Python's `repr()` of a value decoded from JSON (`json.loads`): `None`, `True`, integers in
/// full, floats as [`float_repr`], strings as [`str_repr`], lists and dicts element by element.
#[must_use]
pub fn repr(value: &Value) -> String {
    match value {
        Value::Null => "None".to_string(),
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.to_string()
            } else if let Some(u) = n.as_u64() {
                u.to_string()
            } else {
                float_repr(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Value::String(s) => str_repr(s),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(repr).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", str_repr(k), repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `repr(float)`: the shortest round-tripping digits, in positional notation when the decimal
/// exponent is in `-4..16`, otherwise scientific with a signed two-digit (at least) exponent.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let sci = format!("{:e}", x.abs());
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let decpt = exponent + 1;
    let n = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    let zeros = |count: i32| "0".repeat(usize::try_from(count.unsigned_abs()).unwrap_or(0));
    if (-3..=16).contains(&decpt) {
        let body = if decpt <= 0 {
            format!("0.{}{}", zeros(decpt), digits)
        } else if decpt >= n {
            format!("{}{}.0", digits, zeros(decpt - n))
        } else {
            let split = usize::try_from(decpt).unwrap_or(0);
            let (int, frac) = digits.split_at(split.min(digits.len()));
            format!("{int}.{frac}")
        };
        format!("{sign}{body}")
    } else {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let mantissa = if rest.is_empty() {
            first.to_string()
        } else {
            format!("{first}.{rest}")
        };
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        format!("{sign}{mantissa}e{exp_sign}{:02}", exponent.unsigned_abs())
    }
}

/// `repr(str)`: single quotes unless the text has a `'` and no `"`, backslash escapes for the
/// quote, `\`, `\t`, `\n`, `\r`, other control characters and non-printable characters.
/// Printability is approximated (control, separator, format and private-use characters are
/// escaped; unassigned code points are not detected).
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() && u32::from(c) >= 0x20 && c != '\u{7f}' => out.push(c),
            c if !c.is_ascii() && is_printable(c) => out.push(c),
            c => out.push_str(&escape(c)),
        }
    }
    out.push(quote);
    out
}

/// The `\\xhh`, `\\uhhhh` or `\\Uhhhhhhhh` escape `repr` uses for a non-printable character.
fn escape(c: char) -> String {
    let cp = u32::from(c);
    if cp <= 0xff {
        format!("\\x{cp:02x}")
    } else if cp <= 0xffff {
        format!("\\u{cp:04x}")
    } else {
        format!("\\U{cp:08x}")
    }
}

fn is_printable(c: char) -> bool {
    let cp = u32::from(c);
    !(c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(cp,
            0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x890 | 0x891 | 0x8e2 | 0x180e
            | 0x200b..=0x200f | 0x202a..=0x202e | 0x2060..=0x2064 | 0x2066..=0x206f | 0xfeff
            | 0xfff9..=0xfffb | 0x110bd | 0x110cd | 0x13430..=0x1343f | 0x1bca0..=0x1bca3
            | 0x1d173..=0x1d17a | 0xe0001 | 0xe0020..=0xe007f
            | 0xe000..=0xf8ff | 0x000f_0000..=0x0010_ffff)
        || (cp & 0xfffe) == 0xfffe
        || (0xfdd0..=0xfdef).contains(&cp))
}

// ---------------------------------------------------------------------------------------------
// Whitespace (formatters.py, str.isspace, str.strip)
// ---------------------------------------------------------------------------------------------

/// `formatters.OBSCURE_ZERO_WIDTH_WHITESPACE`.
const OBSCURE_ZERO_WIDTH_WHITESPACE: [char; 8] = [
    '\u{180e}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{2028}', '\u{2029}',
];
/// `formatters.OBSCURE_FULL_WIDTH_WHITESPACE`.
const OBSCURE_FULL_WIDTH_WHITESPACE: [char; 2] = ['\u{a0}', '\u{202f}'];
/// Python's `string.whitespace`.
const PY_STRING_WHITESPACE: [char; 6] = [' ', '\t', '\n', '\r', '\u{b}', '\u{c}'];

/// One of `formatters`' obscure zero-width or full-width whitespace characters.
#[must_use]
pub fn is_obscure_whitespace(c: char) -> bool {
    OBSCURE_ZERO_WIDTH_WHITESPACE.contains(&c) || OBSCURE_FULL_WIDTH_WHITESPACE.contains(&c)
}

/// `formatters.ALL_WHITESPACE` membership: Python's `string.whitespace` and the obscure ones.
#[must_use]
pub fn is_all_whitespace_char(c: char) -> bool {
    PY_STRING_WHITESPACE.contains(&c) || is_obscure_whitespace(c)
}

/// Python's `str.isspace()` for one character (what `\s` matches in a Python `re` str pattern).
#[must_use]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip()` with no argument.
#[must_use]
pub fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// `formatters.strip_and_remove_obscure_whitespace`: removes the obscure zero-width and
/// full-width whitespace characters anywhere in the value, then strips Python's
/// `string.whitespace` from both ends.
#[must_use]
pub fn strip_and_remove_obscure_whitespace(value: &str) -> String {
    let removed: String = value
        .chars()
        .filter(|c| !is_obscure_whitespace(*c))
        .collect();
    removed
        .trim_matches(|c| PY_STRING_WHITESPACE.contains(&c))
        .to_string()
}

/// `formatters.normalise_whitespace`: non-breaking spaces become spaces, zero-width characters
/// go, and runs of whitespace collapse to one space with the ends trimmed.
#[must_use]
pub fn normalise_whitespace(value: &str) -> String {
    let mapped: String = value
        .chars()
        .filter(|c| !OBSCURE_ZERO_WIDTH_WHITESPACE.contains(c))
        .map(|c| {
            if OBSCURE_FULL_WIDTH_WHITESPACE.contains(&c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    mapped
        .split(is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn float_and_str_repr_match_python() {
        assert_eq!(float_repr(1e15), "1000000000000000.0");
        assert_eq!(float_repr(1.5e16), "1.5e+16");
        assert_eq!(float_repr(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(float_repr(-0.0), "-0.0");
        assert_eq!(float_repr(1e-7), "1e-07");
        assert_eq!(float_repr(f64::MAX), "1.7976931348623157e+308");
        assert_eq!(str_repr("a'b"), "\"a'b\"");
        assert_eq!(
            str_repr("a'b\"c\\\n\u{1}\u{a0}é"),
            "'a\\'b\"c\\\\\\n\\x01\\xa0é'"
        );
    }

    #[test]
    fn repr_and_to_str_match_python() {
        assert_eq!(repr(&json!(null)), "None");
        assert_eq!(repr(&json!(true)), "True");
        assert_eq!(repr(&json!(1.0)), "1.0");
        assert_eq!(repr(&json!(1.5)), "1.5");
        assert_eq!(repr(&json!({"a": [1, "b"]})), "{'a': [1, 'b']}");
        assert_eq!(to_str(&json!("x")), "x");
        assert_eq!(to_str(&json!(["it's"])), "[\"it's\"]");
    }
}
