//! Recipient validation with GOV.UK Notify's rules and messages.
//!
//! Ported from alphagov/notifications-utils:
//! * `notifications_utils/recipient_validation/email_address.py` (`validate_email_address`,
//!   `format_email_address`),
//! * `notifications_utils/recipient_validation/phone_number.py` (the `PhoneNumber` class),
//! * `notifications_utils/recipient_validation/errors.py` (`InvalidEmailError`, `InvalidPhoneError`
//!   and its `ERROR_MESSAGES` / `LEGACY_V2_API_ERROR_MESSAGES`),
//! * `notifications_utils/formatters.py` (`strip_and_remove_obscure_whitespace`, `ALL_WHITESPACE`),
//! * `notifications_utils/international_billing_rates.yml` (the supported country prefixes),
//!
//! and from alphagov/notifications-api `app/schema_validation/__init__.py`, which validates the v2
//! `phone_number` field with `PhoneNumber(instance).validate(allow_international_number=True,
//! allow_uk_landline=True)` and reports `e.get_legacy_v2_api_error_message()`, and validates
//! `email_address` with `validate_email_address` (message `Not a valid email address`). The schema
//! layer prefixes the field name, so a v2 client sees e.g. `phone_number Not enough digits`.
//!
//! Notify's phone validation is built on Google's libphonenumber (the Python `phonenumbers`
//! package). The parts of libphonenumber that Notify uses (`parse` with default region `GB`,
//! `is_possible_number_with_reason`, `is_valid_number`, `number_type`, `region_code_for_number`,
//! E.164 formatting) are re-implemented here for the characters Notify lets through (ASCII digits,
//! whitespace, `(`, `)`, `-`, `+`), driven by metadata generated from `phonenumbers` 9.0.43 (see
//! the generated tables at the end of this file). The metadata changes every few weeks upstream;
//! regenerate the tables to follow it.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use regex::Regex;

use crate::python::{
    is_all_whitespace_char, is_space as py_is_space, strip_and_remove_obscure_whitespace,
};

/// A recipient that Notify would reject; the payload is Notify's message text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidRecipient(pub String);

/// `InvalidEmailError.message` (errors.py). The v2 schema error reads
/// `email_address Not a valid email address`.
pub const INVALID_EMAIL_MESSAGE: &str = "Not a valid email address";

/// The smoke-test email addresses (notifications-api `config.py`, `SIMULATED_EMAIL_ADDRESSES`).
/// Notify validates them but neither persists nor sends notifications to them.
pub const SIMULATED_EMAIL_ADDRESSES: [&str; 3] = [
    "simulate-delivered@notifications.service.gov.uk",
    "simulate-delivered-2@notifications.service.gov.uk",
    "simulate-delivered-3@notifications.service.gov.uk",
];

/// The smoke-test phone numbers (notifications-api `config.py`, `SIMULATED_SMS_NUMBERS`
/// `("+447700900000", "+447700900111", "+447700900222")`) in the normalised form Notify compares
/// them in (E.164 without the `+`, as `PhoneNumber.get_normalised_format()` returns).
pub const SIMULATED_SMS_NUMBERS: [&str; 3] = ["447700900000", "447700900111", "447700900222"];

// ---------------------------------------------------------------------------------------------
// Email addresses (email_address.py)
// ---------------------------------------------------------------------------------------------

/// `VALID_LOCAL_CHARS`: ASCII letters and digits plus ``.!#$%&'*+/=?^_`{|}~-``.
fn is_valid_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c)
}

/// Notify's `validate_email_address`. Returns the address as Notify keeps it: obscure whitespace
/// removed and surrounding whitespace stripped, case preserved (the API lower-cases it only for
/// comparisons, see [`format_email_for_comparison`]).
///
/// The checks, in Notify's order: the address must match
/// `^[VALID_LOCAL_CHARS]+@([^.@][^@\s]+)$`; be at most 320 characters; contain no `..`; its
/// hostname must IDNA-encode (Python's `str.encode("idna")`, IDNA 2003); the encoded hostname must
/// be at most 253 characters with at least two labels, every label 1–63 characters matching
/// `^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$` (case-insensitive), and the last label must match
/// `^([a-z]{2,63}|xn--([a-z0-9]+-)*[a-z0-9]+)$`.
///
/// # Errors
///
/// Every failure gives [`InvalidRecipient`] with Notify's text `Not a valid email address`.
pub fn validate_email_address(raw: &str) -> Result<String, InvalidRecipient> {
    let email = strip_and_remove_obscure_whitespace(raw);
    let invalid = || InvalidRecipient(INVALID_EMAIL_MESSAGE.to_string());

    let hostname = email_regex_hostname(&email).ok_or_else(invalid)?;
    if email.chars().count() > 320 {
        return Err(invalid());
    }
    if email.contains("..") {
        return Err(invalid());
    }
    let hostname = idna::encode(hostname).ok_or_else(invalid)?;
    let parts: Vec<&str> = hostname.split('.').collect();
    if hostname.len() > 253 || parts.len() < 2 {
        return Err(invalid());
    }
    for part in &parts {
        if part.is_empty() || part.len() > 63 || !is_hostname_part(part) {
            return Err(invalid());
        }
    }
    match parts.last() {
        Some(tld) if is_tld_part(tld) => Ok(email),
        _ => Err(invalid()),
    }
}

/// `re.match(EMAIL_REGEX_PATTERN, email)` returning group 1 (the hostname).
fn email_regex_hostname(email: &str) -> Option<&str> {
    let (local, host) = email.split_once('@')?;
    if local.is_empty() || !local.chars().all(is_valid_local_char) {
        return None;
    }
    let mut chars = host.chars();
    let first = chars.next()?;
    if first == '.' || first == '@' {
        return None;
    }
    let rest = chars.as_str();
    // `[^@\s]+$`; Python's `$` also matches before a final "\n", but the address has already
    // been stripped of surrounding whitespace so that case cannot arise.
    if rest.is_empty() || rest.chars().any(|c| c == '@' || py_is_space(c)) {
        return None;
    }
    Some(host)
}

/// `hostname_part = ^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$` with `re.IGNORECASE`: ASCII letters, digits
/// and hyphens, starting and ending with a letter or digit, never three hyphens in a row.
fn is_hostname_part(part: &str) -> bool {
    let bytes = part.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return false;
    };
    first.is_ascii_alphanumeric()
        && last.is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        && !part.contains("---")
}

/// `tld_part = ^([a-z]{2,63}|xn--([a-z0-9]+-)*[a-z0-9]+)$` with `re.IGNORECASE`.
fn is_tld_part(part: &str) -> bool {
    let len = part.len();
    if (2..=63).contains(&len) && part.bytes().all(|b| b.is_ascii_alphabetic()) {
        return true;
    }
    let lower = part.to_ascii_lowercase();
    match lower.strip_prefix("xn--") {
        Some(rest) => {
            !rest.is_empty()
                && rest
                    .split('-')
                    .all(|seg| !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_alphanumeric()))
        }
        None => false,
    }
}

/// `format_email_address` (`email_address.py`): lower-case, then
/// `strip_and_remove_obscure_whitespace`. This is the form Notify compares addresses in when it
/// checks team members and the guest list (via `recipients.format_recipient`) and for a valid
/// address it equals `validate_and_format_email_address`.
#[must_use]
pub fn format_email_for_comparison(email: &str) -> String {
    strip_and_remove_obscure_whitespace(&email.to_lowercase())
}

/// Whether Notify treats this address as a smoke-test recipient: the API compares
/// `validate_and_format_email_address(email)` (validated, then lower-cased) with
/// `SIMULATED_EMAIL_ADDRESSES`. Invalid addresses are never simulated.
#[must_use]
pub fn is_simulated_email(email: &str) -> bool {
    validate_email_address(email)
        .is_ok_and(|valid| SIMULATED_EMAIL_ADDRESSES.contains(&valid.to_lowercase().as_str()))
}

/// Python's `"idna"` codec (`encodings/idna.py`, IDNA 2003 `ToASCII` with `nameprep`).
///
/// ASCII hostnames are handled exactly. For labels with non-ASCII characters `nameprep` is
/// approximated: table B.1 removal; every character whose B.2 mapping plus NFKC (Unicode 3.2) is
/// ASCII is mapped exactly (generated table); other characters are lower-cased (plus `ς` → `σ`)
/// but not NFKC-normalised; then the prohibited-character tables C.1.2–C.9 and a simplified bidi
/// check (RFC 3454 D.1/D.2 approximated by ranges). A hostname label that stays non-ASCII is
/// therefore punycoded from a slightly different string than Python would use; in rare cases
/// (a label crossing the 63-character limit, or combining marks that NFKC would compose away from
/// an ASCII base letter) that changes the verdict. In a differential run against Python over
/// 23,000 generated Unicode hostnames exactly one such case differed.
mod idna {
    use super::{NFKC_ASCII_MULTI, NFKC_ASCII_RUNS};

    const DOTS: [char; 4] = ['.', '\u{3002}', '\u{ff0e}', '\u{ff61}'];

    pub(super) fn encode(input: &str) -> Option<String> {
        if input.is_empty() {
            return Some(String::new());
        }
        if input.is_ascii() {
            let labels: Vec<&str> = input.split('.').collect();
            let (last, init) = labels.split_last()?;
            if init.iter().any(|l| l.is_empty() || l.len() >= 64) || last.len() >= 64 {
                return None;
            }
            return Some(input.to_string());
        }
        let mut labels: Vec<&str> = input.split(|c| DOTS.contains(&c)).collect();
        let trailing_dot = if labels.last().is_some_and(|l| l.is_empty()) {
            labels.pop();
            "."
        } else {
            ""
        };
        let mut out = String::new();
        for label in labels {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&to_ascii(label)?);
        }
        out.push_str(trailing_dot);
        Some(out)
    }

    fn length_ok(label: &str) -> bool {
        !label.is_empty() && label.len() < 64
    }

    fn to_ascii(label: &str) -> Option<String> {
        if label.is_ascii() {
            return length_ok(label).then(|| label.to_string());
        }
        let label = nameprep(label)?;
        if label.is_ascii() {
            return length_ok(&label).then_some(label);
        }
        if label.starts_with("xn--") {
            return None;
        }
        let encoded = format!("xn--{}", punycode(&label)?);
        length_ok(&encoded).then_some(encoded)
    }

    /// RFC 3454 table B.1 (commonly mapped to nothing).
    fn in_b1(c: char) -> bool {
        matches!(c,
            '\u{ad}' | '\u{34f}' | '\u{1806}' | '\u{180b}'..='\u{180d}' | '\u{200b}'..='\u{200d}'
            | '\u{2060}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}')
    }

    /// RFC 3454 tables C.1.2, C.2.2, C.3, C.4, C.5, C.6, C.7, C.8 and C.9.
    fn prohibited(c: char) -> bool {
        let cp = u32::from(c);
        matches!(c,
            // C.1.2 non-ASCII space characters
            '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200b}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
            // C.2.2 non-ASCII control characters
            | '\u{80}'..='\u{9f}' | '\u{6dd}' | '\u{70f}' | '\u{180e}' | '\u{200c}' | '\u{200d}'
            | '\u{2028}' | '\u{2029}' | '\u{2060}'..='\u{2063}' | '\u{206a}'..='\u{206f}' | '\u{feff}'
            | '\u{fff9}'..='\u{fffc}' | '\u{1d173}'..='\u{1d17a}'
            // C.3 private use
            | '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{ffffd}' | '\u{100000}'..='\u{10fffd}'
            // C.4 non-character code points (the per-plane xFFFE/xFFFF are checked below)
            | '\u{fdd0}'..='\u{fdef}'
            // C.6 inappropriate for plain text
            | '\u{fffd}'
            // C.7 inappropriate for canonical representation
            | '\u{2ff0}'..='\u{2ffb}'
            // C.8 change display properties or deprecated
            | '\u{340}' | '\u{341}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
            // C.9 tagging characters
            | '\u{e0001}' | '\u{e0020}'..='\u{e007f}')
            || (cp & 0xfffe) == 0xfffe
    }

    /// Approximation of RFC 3454 table D.1 (characters with bidi property R or AL).
    fn is_rand_al(c: char) -> bool {
        matches!(c,
            '\u{5be}' | '\u{5c0}' | '\u{5c3}' | '\u{5d0}'..='\u{5f4}' | '\u{608}' | '\u{60b}'
            | '\u{60d}' | '\u{61b}'..='\u{64a}' | '\u{66d}'..='\u{66f}' | '\u{671}'..='\u{6d5}'
            | '\u{6e5}' | '\u{6e6}' | '\u{6ee}' | '\u{6ef}' | '\u{6fa}'..='\u{710}'
            | '\u{712}'..='\u{72f}' | '\u{74d}'..='\u{7a5}' | '\u{7b1}' | '\u{7c0}'..='\u{7ea}'
            | '\u{7f4}' | '\u{7f5}' | '\u{7fa}'..='\u{815}' | '\u{200f}' | '\u{fb1d}'
            | '\u{fb1f}'..='\u{fb28}' | '\u{fb2a}'..='\u{fd3d}' | '\u{fd50}'..='\u{fdfc}'
            | '\u{fe70}'..='\u{fefc}' | '\u{10800}'..='\u{10fff}' | '\u{1e800}'..='\u{1efff}')
    }

    /// Approximation of RFC 3454 table D.2 (characters with bidi property L).
    fn is_l(c: char) -> bool {
        c.is_alphabetic() && !is_rand_al(c)
    }

    /// The ASCII image of `c` under nameprep's B.2 mapping followed by NFKC (Unicode 3.2), if that
    /// image is pure ASCII (full-width forms, ligatures, circled digits, mathematical letters…).
    fn nfkc_ascii(c: char) -> Option<String> {
        let cp = u32::from(c);
        if c.is_ascii() {
            return Some(c.to_ascii_lowercase().to_string());
        }
        if let Ok(idx) = NFKC_ASCII_MULTI.binary_search_by_key(&cp, |(k, _)| *k) {
            return NFKC_ASCII_MULTI.get(idx).map(|(_, s)| (*s).to_string());
        }
        let idx = NFKC_ASCII_RUNS
            .partition_point(|(first, _, _)| *first <= cp)
            .checked_sub(1)?;
        let (first, last, ascii) = NFKC_ASCII_RUNS.get(idx)?;
        if cp > *last {
            return None;
        }
        let offset = u8::try_from(cp - first).ok()?;
        Some(char::from(ascii.checked_add(offset)?).to_string())
    }

    fn nameprep(label: &str) -> Option<String> {
        let mut mapped = String::new();
        for c in label.chars() {
            if in_b1(c) {
                continue;
            }
            if let Some(ascii) = nfkc_ascii(c) {
                mapped.push_str(&ascii);
            } else if c == 'ς' {
                mapped.push('σ');
            } else {
                mapped.extend(c.to_lowercase());
            }
        }
        if mapped.chars().any(prohibited) {
            return None;
        }
        if mapped.chars().any(is_rand_al) {
            if mapped.chars().any(is_l) {
                return None;
            }
            let first = mapped.chars().next().is_some_and(is_rand_al);
            let last = mapped.chars().last().is_some_and(is_rand_al);
            if !first || !last {
                return None;
            }
        }
        Some(mapped)
    }

    /// RFC 3492 Punycode, as Python's `str.encode("punycode")`.
    pub(super) fn punycode(input: &str) -> Option<String> {
        const BASE: u32 = 36;
        const TMIN: u32 = 1;
        const TMAX: u32 = 26;
        const SKEW: u32 = 38;
        const DAMP: u32 = 700;
        const INITIAL_BIAS: u32 = 72;
        const INITIAL_N: u32 = 128;

        fn adapt(mut delta: u32, num_points: u32, first_time: bool) -> u32 {
            delta /= if first_time { DAMP } else { 2 };
            delta += delta / num_points;
            let mut k = 0;
            while delta > ((BASE - TMIN) * TMAX) / 2 {
                delta /= BASE - TMIN;
                k += BASE;
            }
            k + (((BASE - TMIN + 1) * delta) / (delta + SKEW))
        }
        fn digit(d: u32) -> char {
            let offset = if d < 26 {
                u32::from(b'a') + d
            } else {
                u32::from(b'0') + d - 26
            };
            char::from_u32(offset).unwrap_or('?')
        }

        let code_points: Vec<u32> = input.chars().map(u32::from).collect();
        let mut output: String = input.chars().filter(char::is_ascii).collect();
        let basic = u32::try_from(output.len()).ok()?;
        if basic > 0 {
            output.push('-');
        }
        let total = u32::try_from(code_points.len()).ok()?;
        let mut code = INITIAL_N;
        let mut delta: u32 = 0;
        let mut bias = INITIAL_BIAS;
        let mut handled = basic;
        while handled < total {
            let smallest = code_points.iter().copied().filter(|&c| c >= code).min()?;
            delta = delta.checked_add((smallest - code).checked_mul(handled + 1)?)?;
            code = smallest;
            for &c in &code_points {
                if c < code {
                    delta = delta.checked_add(1)?;
                }
                if c == code {
                    let mut rest = delta;
                    let mut k = BASE;
                    loop {
                        let t = if k <= bias {
                            TMIN
                        } else if k >= bias + TMAX {
                            TMAX
                        } else {
                            k - bias
                        };
                        if rest < t {
                            break;
                        }
                        output.push(digit(t + (rest - t) % (BASE - t)));
                        rest = (rest - t) / (BASE - t);
                        k += BASE;
                    }
                    output.push(digit(rest));
                    bias = adapt(delta, handled + 1, handled == basic);
                    delta = 0;
                    handled += 1;
                }
            }
            delta += 1;
            code += 1;
        }
        Some(output)
    }
}

// ---------------------------------------------------------------------------------------------
// Phone numbers (phone_number.py + errors.py)
// ---------------------------------------------------------------------------------------------

/// `InvalidPhoneError.Codes` (errors.py).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhoneErrorCode {
    /// `INVALID_NUMBER`
    InvalidNumber,
    /// `TOO_LONG`
    TooLong,
    /// `TOO_SHORT`
    TooShort,
    /// `NOT_A_UK_MOBILE`
    NotAUkMobile,
    /// `UNKNOWN_CHARACTER`
    UnknownCharacter,
    /// `UNSUPPORTED_COUNTRY_CODE`
    UnsupportedCountryCode,
    /// `UNSUPPORTED_EMERGENCY_NUMBER` (only raised for service contact numbers, which this module
    /// does not validate).
    UnsupportedEmergencyNumber,
}

impl PhoneErrorCode {
    /// `InvalidPhoneError.ERROR_MESSAGES`: the wording used by Notify's admin app and CSV checks.
    #[must_use]
    pub fn message(self) -> &'static str {
        match self {
            Self::InvalidNumber => {
                "Number is not valid \u{2013} double check the phone number you entered"
            }
            Self::TooLong => "Mobile number is too long",
            Self::TooShort => "Mobile number is too short",
            Self::NotAUkMobile => {
                "This does not look like a UK mobile number \u{2013} double check the mobile number you entered"
            }
            Self::UnknownCharacter => {
                "Mobile numbers can only include: 0 1 2 3 4 5 6 7 8 9 ( ) + -"
            }
            Self::UnsupportedCountryCode => {
                "Country code not found - double check the mobile number you entered"
            }
            Self::UnsupportedEmergencyNumber => "Phone number cannot be an emergency number",
        }
    }

    /// `InvalidPhoneError.LEGACY_V2_API_ERROR_MESSAGES`: what the public v2 API reports
    /// (`get_legacy_v2_api_error_message()`). Codes without a legacy text fall back to
    /// [`PhoneErrorCode::message`], exactly as the Python dict merge does.
    #[must_use]
    pub fn v2_message(self) -> &'static str {
        match self {
            Self::TooLong => "Too many digits",
            Self::TooShort => "Not enough digits",
            Self::NotAUkMobile => "Not a UK mobile number",
            Self::UnknownCharacter => "Must not contain letters or symbols",
            Self::UnsupportedCountryCode => "Not a valid country prefix",
            Self::InvalidNumber | Self::UnsupportedEmergencyNumber => self.message(),
        }
    }
}

/// A phone number that passed Notify's validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber {
    /// `PhoneNumber.get_normalised_format()`: the E.164 form without the leading `+`, i.e. the
    /// country calling code followed by the national significant number, digits only
    /// (`07700 900123` → `447700900123`, `+1 202-555-0123` → `12025550123`). This is what Notify
    /// stores as `normalised_to` and sends to its SMS providers.
    pub normalised: String,
    /// `PhoneNumber.get_international_phone_info().international`: `false` when libphonenumber
    /// places the number in region `GB` or it is an Ofcom TV/drama number (`07700 9xxxxx`), `true`
    /// otherwise — including the Crown dependencies (Jersey, Guernsey, Isle of Man), which share
    /// `+44` but are separate regions. Notify persists this as `notifications.international`.
    pub international: bool,
}

impl PhoneNumber {
    /// The country calling code (`44`, `1`, `353`, …), derived from [`PhoneNumber::normalised`].
    #[must_use]
    pub fn country_code(&self) -> u16 {
        split_normalised(&self.normalised).map_or(0, |(cc, _)| cc)
    }

    /// `PhoneNumber.is_uk_phone_number()`: the number starts with `+44` (Crown dependencies
    /// included).
    #[must_use]
    pub fn is_uk_phone_number(&self) -> bool {
        self.country_code() == UK_PREFIX
    }

    /// `PhoneNumber.is_a_crown_dependency_number()`: `+44` but not region `GB` (and not a TV
    /// number).
    #[must_use]
    pub fn is_crown_dependency(&self) -> bool {
        match split_normalised(&self.normalised) {
            Some((cc, nsn)) => {
                let num = Num {
                    cc,
                    nsn: nsn.to_string(),
                };
                !is_tv_number(&num)
                    && cc == UK_PREFIX
                    && lib::region_code_for_number(&num) != Some("GB")
            }
            None => false,
        }
    }

    /// `PhoneNumber.prefix`: the key into Notify's international billing rates — the country
    /// calling code, except for North American numbers whose four-digit `1xxx` area prefix has
    /// its own rate (e.g. `1664` for Montserrat).
    #[must_use]
    pub fn country_prefix(&self) -> String {
        let cc = self.country_code();
        if cc == 1
            && let Some(prefix) = self.normalised.get(..4)
            && COUNTRY_PREFIXES.contains(&prefix)
        {
            return prefix.to_string();
        }
        cc.to_string()
    }
}

fn split_normalised(normalised: &str) -> Option<(u16, &str)> {
    (1..=3).find_map(|len| {
        let (cc_str, rest) = (normalised.get(..len)?, normalised.get(len..)?);
        let cc: u16 = cc_str.parse().ok()?;
        lib::regions_for_cc(cc).map(|_| (cc, rest))
    })
}

/// Notify's v2 validation of the `phone_number` field: `PhoneNumber(raw).validate(
/// allow_international_number=True, allow_uk_landline=True)`, errors reported with the legacy v2
/// texts (`Too many digits`, `Not enough digits`, `Must not contain letters or symbols`,
/// `Not a valid country prefix`, and `Number is not valid – double check the phone number you
/// entered` for numbers libphonenumber rejects). `Not a UK mobile number` cannot occur at this
/// level because international numbers and landlines are allowed; it comes from
/// [`validate_phone_number_for_service`] when the service lacks the permission.
///
/// # Errors
///
/// [`InvalidRecipient`] holding [`PhoneErrorCode::v2_message`] of the first failed check.
pub fn validate_phone_number(raw: &str) -> Result<PhoneNumber, InvalidRecipient> {
    validate_phone_number_for_service(raw, true, true)
        .map_err(|code| InvalidRecipient(code.v2_message().to_string()))
}

/// `PhoneNumber(raw).validate(allow_international_number, allow_uk_landline)`, as
/// notifications-api runs it for a service's permissions (`international_sms`,
/// `sms_to_uk_landlines`). The API turns [`PhoneErrorCode::NotAUkMobile`] for a non-UK,
/// non-Crown-dependency number into `Cannot send to international mobile numbers`; otherwise it
/// reports [`PhoneErrorCode::v2_message`] with error type `InvalidPhoneError`.
///
/// # Errors
///
/// The [`PhoneErrorCode`] of the first failed check, in Notify's order: characters, emptiness,
/// libphonenumber parsing, possible length, validity, then the international, landline and
/// country-prefix checks.
pub fn validate_phone_number_for_service(
    raw: &str,
    allow_international_number: bool,
    allow_uk_landline: bool,
) -> Result<PhoneNumber, PhoneErrorCode> {
    let num = notify_parse(raw)?;
    if !allow_international_number && num.cc != UK_PREFIX {
        return Err(PhoneErrorCode::NotAUkMobile);
    }
    if num.cc == UK_PREFIX && !allow_uk_landline {
        let kind = lib::number_type(&num);
        if matches!(
            kind,
            NumberType::FixedLine | NumberType::FixedLineOrMobile | NumberType::Uan
        ) {
            return Err(PhoneErrorCode::NotAUkMobile);
        }
    }
    if !COUNTRY_PREFIXES.contains(&num.cc.to_string().as_str()) {
        return Err(PhoneErrorCode::UnsupportedCountryCode);
    }
    Ok(PhoneNumber {
        normalised: format!("{}{}", num.cc, num.nsn),
        international: is_international_number(&num),
    })
}

/// The form Notify compares phone numbers in for team members and the guest list
/// (`recipients.format_recipient`): the normalised number when it validates with international
/// numbers and landlines allowed, `None` otherwise (Notify then falls back to comparing it as an
/// email address or as the raw string; see [`format_recipient_for_comparison`]).
#[must_use]
pub fn format_phone_for_comparison(raw: &str) -> Option<String> {
    validate_phone_number_for_service(raw, true, true)
        .ok()
        .map(|n| n.normalised)
}

/// `recipients.format_recipient`: a phone number's normalised form, else a valid email address
/// validated and lower-cased, else the input unchanged. `allowed_to_send_to` compares these.
#[must_use]
pub fn format_recipient_for_comparison(raw: &str) -> String {
    if let Some(phone) = format_phone_for_comparison(raw) {
        return phone;
    }
    match validate_email_address(raw) {
        Ok(email) => email.to_lowercase(),
        Err(_) => raw.to_string(),
    }
}

/// Whether a validated number is one of Notify's smoke-test numbers.
#[must_use]
pub fn is_simulated_phone(number: &PhoneNumber) -> bool {
    SIMULATED_SMS_NUMBERS.contains(&number.normalised.as_str())
}

const UK_PREFIX: u16 = 44;

/// A parsed number: what Python's `phonenumbers.PhoneNumber` holds for Notify's purposes. `nsn`
/// is the national significant number as a digit string (Italian leading zeros kept).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Num {
    cc: u16,
    nsn: String,
}

/// `PhoneNumber.__init__`: parse, and on failure parse again after
/// `_thoroughly_normalise_number` (remove every `+`, strip leading zeros); the second error wins.
fn notify_parse(raw: &str) -> Result<Num, PhoneErrorCode> {
    parse_phone_number(raw).or_else(|_| {
        let normalised = raw.replace('+', "");
        parse_phone_number(normalised.trim_start_matches('0'))
    })
}

/// `PhoneNumber.parse_phone_number`.
fn parse_phone_number(phone_number: &str) -> Result<Num, PhoneErrorCode> {
    if phone_number
        .chars()
        .any(|c| !(is_all_whitespace_char(c) || "()-+0123456789".contains(c)))
    {
        return Err(PhoneErrorCode::UnknownCharacter);
    }
    if phone_number.is_empty() {
        return Err(PhoneErrorCode::TooShort);
    }
    let mut number = lib::parse(phone_number, Some("GB")).ok_or(PhoneErrorCode::InvalidNumber)?;
    let reason = lib::is_possible_number_with_reason(&number);
    if reason != Validation::IsPossible {
        match validate_forced_international_number(phone_number) {
            Some(forced) => number = forced,
            None => {
                return Err(match reason {
                    Validation::TooLong => PhoneErrorCode::TooLong,
                    Validation::TooShort | Validation::IsPossibleLocalOnly => {
                        PhoneErrorCode::TooShort
                    }
                    Validation::InvalidCountryCode => PhoneErrorCode::UnsupportedCountryCode,
                    Validation::InvalidLength | Validation::IsPossible => {
                        PhoneErrorCode::InvalidNumber
                    }
                });
            }
        }
    }
    let kind = lib::number_type(&number);
    let is_valid = kind != NumberType::Unknown;
    let allowed = matches!(
        kind,
        NumberType::FixedLine
            | NumberType::Mobile
            | NumberType::FixedLineOrMobile
            | NumberType::Uan
            | NumberType::PersonalNumber
    );
    if !(is_valid && allowed || is_tv_number(&number)) {
        return Err(PhoneErrorCode::InvalidNumber);
    }
    Ok(number)
}

/// `_validate_forced_international_number`: `phonenumbers.parse(f"+{phone_number}")`, kept if
/// `is_possible_number` (which also accepts `IS_POSSIBLE_LOCAL_ONLY`).
fn validate_forced_international_number(phone_number: &str) -> Option<Num> {
    let forced = lib::parse(&format!("+{phone_number}"), None)?;
    matches!(
        lib::is_possible_number_with_reason(&forced),
        Validation::IsPossible | Validation::IsPossibleLocalOnly
    )
    .then_some(forced)
}

/// `_is_tv_number`: `re.match("7700[900000-900999]", str(national_number))`. The brackets are a
/// character class, so in practice: the national number (as an integer, leading zeros dropped)
/// starts with `7700` followed by any digit.
fn is_tv_number(num: &Num) -> bool {
    let national = num.nsn.trim_start_matches('0');
    national.len() >= 5
        && national.starts_with("7700")
        && national.as_bytes().get(4).is_some_and(u8::is_ascii_digit)
}

/// `PhoneNumber.is_international_number`.
fn is_international_number(num: &Num) -> bool {
    if lib::region_code_for_number(num) == Some("GB") {
        return false;
    }
    !is_tv_number(num)
}

// ---------------------------------------------------------------------------------------------
// A port of the parts of libphonenumber (Python `phonenumbers`) that Notify relies on.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Validation {
    IsPossible,
    IsPossibleLocalOnly,
    InvalidCountryCode,
    TooShort,
    InvalidLength,
    TooLong,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberType {
    FixedLine,
    Mobile,
    FixedLineOrMobile,
    TollFree,
    PremiumRate,
    SharedCost,
    Voip,
    PersonalNumber,
    Pager,
    Uan,
    Voicemail,
    Unknown,
}

/// A `PhoneNumberDesc`: national number pattern and possible lengths.
struct Desc {
    pat: &'static str,
    lens: &'static [u8],
}

const fn d(pat: &'static str, lens: &'static [u8]) -> Desc {
    Desc { pat, lens }
}

/// A `PhoneMetadata` entry. `t` holds the type descriptions in the order
/// premium rate, toll free, shared cost, `VoIP`, personal number, pager, UAN, voicemail, fixed line,
/// mobile (mobile is omitted when it equals fixed line).
struct M {
    id: &'static str,
    cc: u16,
    /// `national_prefix_for_parsing` (empty when absent).
    npp: &'static str,
    /// `national_prefix_transform_rule`, converted to the `regex` crate's `${n}` syntax.
    npt: &'static str,
    /// `leading_digits`.
    ld: &'static str,
    /// `same_mobile_and_fixed_line_pattern`.
    smf: bool,
    g: Desc,
    /// `general_desc.possible_length_local_only`.
    loc: &'static [u8],
    t: [Option<Desc>; 10],
}

mod lib {
    use super::{
        Arc, CC_REGIONS, HashMap, LazyLock, M, METADATA, Mutex, Num, NumberType, Regex, Validation,
    };

    const MIN_LENGTH_FOR_NSN: usize = 2;
    const MAX_LENGTH_FOR_NSN: usize = 17;
    const MAX_INPUT_STRING_LENGTH: usize = 250;

    #[derive(Clone, Copy, PartialEq, Eq, Hash)]
    enum Anchor {
        Full,
        Start,
    }

    type Cache = HashMap<(&'static str, Anchor), Option<Arc<Regex>>>;
    static REGEX_CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(|| Mutex::new(HashMap::new()));

    fn compiled(pattern: &'static str, anchor: Anchor) -> Option<Arc<Regex>> {
        let mut cache = REGEX_CACHE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        cache
            .entry((pattern, anchor))
            .or_insert_with(|| {
                let source = match anchor {
                    Anchor::Full => format!("^(?:{pattern})$"),
                    Anchor::Start => format!("^(?:{pattern})"),
                };
                Regex::new(&source).ok().map(Arc::new)
            })
            .clone()
    }

    /// `_match_national_number(number, desc, False)`: a full match of a non-empty pattern.
    fn full_match(pattern: &'static str, number: &str) -> bool {
        !pattern.is_empty() && compiled(pattern, Anchor::Full).is_some_and(|re| re.is_match(number))
    }

    pub(super) fn regions_for_cc(cc: u16) -> Option<&'static [&'static str]> {
        CC_REGIONS
            .iter()
            .find(|(code, _)| *code == cc)
            .map(|(_, regions)| *regions)
    }

    fn main_region(cc: u16) -> Option<&'static str> {
        regions_for_cc(cc).and_then(|regions| regions.first().copied())
    }

    fn metadata_for_region(region: &str) -> Option<&'static M> {
        if region == "001" {
            return None;
        }
        METADATA.iter().find(|m| m.id == region)
    }

    /// `PhoneMetadata.metadata_for_region_or_calling_code`.
    fn metadata_for_region_or_calling_code(cc: u16, region: Option<&str>) -> Option<&'static M> {
        match region {
            Some("001") => METADATA.iter().find(|m| m.id == "001" && m.cc == cc),
            Some(region) => metadata_for_region(region),
            None => None,
        }
    }

    fn is_plus(c: char) -> bool {
        c == '+' || c == '\u{ff0b}'
    }

    /// `_VALID_PUNCTUATION`.
    fn is_valid_punctuation(c: char) -> bool {
        matches!(c,
            '-' | 'x' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30fc}' | '\u{ff0d}'..='\u{ff0f}' | ' '
            | '\u{a0}' | '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{3000}' | '(' | ')' | '\u{ff08}'
            | '\u{ff09}' | '\u{ff3b}' | '\u{ff3d}' | '.' | '[' | ']' | '/' | '~' | '\u{2053}'
            | '\u{223c}' | '\u{ff5e}')
    }

    /// `_extract_possible_number` for Notify's character set: from the first `+` or digit to the
    /// last letter, digit or `#`.
    fn extract_possible_number(number: &str) -> &str {
        let Some(start) = number.find(|c: char| is_plus(c) || c.is_numeric()) else {
            return "";
        };
        let rest = number.get(start..).unwrap_or("");
        match rest
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric() || *c == '#')
        {
            Some((idx, c)) => rest.get(..idx + c.len_utf8()).unwrap_or(""),
            None => "",
        }
    }

    /// `_is_viable_phone_number` for Notify's character set (no letters, `*`, `#`, `,` or `;`, so
    /// no extension can be present).
    fn is_viable_phone_number(number: &str) -> bool {
        if number.chars().count() < MIN_LENGTH_FOR_NSN {
            return false;
        }
        if number.chars().count() == 2 && number.chars().all(|c| c.is_ascii_digit()) {
            return true;
        }
        let rest = number.trim_start_matches(is_plus);
        rest.chars()
            .all(|c| c.is_ascii_digit() || is_valid_punctuation(c) || c == '*')
            && rest.chars().filter(char::is_ascii_digit).count() >= 3
    }

    /// `normalize_digits_only`.
    fn normalize(number: &str) -> String {
        number.chars().filter(char::is_ascii_digit).collect()
    }

    /// `_test_number_length` for the general description (type UNKNOWN).
    pub(super) fn test_number_length(national_number: &str, metadata: &M) -> Validation {
        let possible = metadata.g.lens;
        let actual = national_number.len();
        if metadata.loc.iter().any(|&l| usize::from(l) == actual) {
            return Validation::IsPossibleLocalOnly;
        }
        let (Some(&min), Some(&max)) = (possible.first(), possible.last()) else {
            return Validation::InvalidLength;
        };
        let (min, max) = (usize::from(min), usize::from(max));
        if min == actual {
            Validation::IsPossible
        } else if min > actual {
            Validation::TooShort
        } else if max < actual {
            Validation::TooLong
        } else if possible.iter().skip(1).any(|&l| usize::from(l) == actual) {
            Validation::IsPossible
        } else {
            Validation::InvalidLength
        }
    }

    /// `_maybe_strip_national_prefix_carrier_code`, returning the (possibly) stripped number.
    fn maybe_strip_national_prefix(number: &str, metadata: &M) -> String {
        if number.is_empty() || metadata.npp.is_empty() {
            return number.to_string();
        }
        let Some(prefix) = compiled(metadata.npp, Anchor::Start) else {
            return number.to_string();
        };
        let Some(caps) = prefix.captures(number) else {
            return number.to_string();
        };
        let Some(whole) = caps.get(0) else {
            return number.to_string();
        };
        let viable_original = full_match(metadata.g.pat, number);
        let num_groups = prefix.captures_len().saturating_sub(1);
        let rest = number.get(whole.end()..).unwrap_or("");
        let last_group_missing = num_groups == 0 || caps.get(num_groups).is_none();
        let candidate = if metadata.npt.is_empty() || last_group_missing {
            rest.to_string()
        } else {
            let mut transformed = String::new();
            caps.expand(metadata.npt, &mut transformed);
            transformed.push_str(rest);
            transformed
        };
        if viable_original && !full_match(metadata.g.pat, &candidate) {
            return number.to_string();
        }
        candidate
    }

    /// `_extract_country_code`.
    fn extract_country_code(number: &str) -> (u16, String) {
        if number.is_empty() || number.starts_with('0') {
            return (0, number.to_string());
        }
        for len in 1..=number.len().min(3) {
            if let (Some(head), Some(tail)) = (number.get(..len), number.get(len..))
                && let Ok(cc) = head.parse::<u16>()
                && regions_for_cc(cc).is_some()
            {
                return (cc, tail.to_string());
            }
        }
        (0, number.to_string())
    }

    #[derive(Debug, PartialEq, Eq)]
    enum ParseError {
        InvalidCountryCode,
        Other,
    }

    /// `_maybe_extract_country_code` (the default region is always `GB`, whose international
    /// prefix is `00`, or absent).
    fn maybe_extract_country_code(
        number: &str,
        metadata: Option<&M>,
    ) -> Result<(u16, String), ParseError> {
        if number.is_empty() {
            return Ok((0, String::new()));
        }
        // _maybe_strip_i18n_prefix_and_normalize
        let (international, full_number) = if number.starts_with(is_plus) {
            (true, normalize(number.trim_start_matches(is_plus)))
        } else {
            let normalised = normalize(number);
            let idd = metadata.is_some_and(|m| m.id == "GB") && normalised.starts_with("00");
            // `_parse_prefix_as_idd`: the IDD is not stripped when the next digit is a 0.
            if idd && normalised.get(2..3).is_none_or(|d| d != "0") {
                (true, normalised.get(2..).unwrap_or("").to_string())
            } else {
                (false, normalised)
            }
        };
        if international {
            if full_number.len() <= MIN_LENGTH_FOR_NSN {
                return Err(ParseError::Other);
            }
            let (cc, rest) = extract_country_code(&full_number);
            if cc != 0 {
                return Ok((cc, rest));
            }
            return Err(ParseError::InvalidCountryCode);
        }
        if let Some(m) = metadata {
            let cc_str = m.cc.to_string();
            if let Some(potential) = full_number.strip_prefix(cc_str.as_str()) {
                let potential = maybe_strip_national_prefix(potential, m);
                if (!full_match(m.g.pat, &full_number) && full_match(m.g.pat, &potential))
                    || test_number_length(&full_number, m) == Validation::TooLong
                {
                    return Ok((m.cc, potential));
                }
            }
        }
        Ok((0, String::new()))
    }

    /// `phonenumbers.parse(number, region)`; `None` stands for any `NumberParseException`.
    pub(super) fn parse(number: &str, region: Option<&str>) -> Option<Num> {
        if number.chars().count() > MAX_INPUT_STRING_LENGTH {
            return None;
        }
        let national_number = extract_possible_number(number);
        if !is_viable_phone_number(national_number) {
            return None;
        }
        if region.is_none() && !national_number.starts_with(is_plus) {
            return None;
        }
        let mut metadata = region.and_then(metadata_for_region);
        let (mut cc, mut nsn) = match maybe_extract_country_code(national_number, metadata) {
            Ok(found) => found,
            Err(ParseError::InvalidCountryCode) if national_number.starts_with(is_plus) => {
                let retried = maybe_extract_country_code(
                    national_number.trim_start_matches(is_plus),
                    metadata,
                )
                .ok()?;
                if retried.0 == 0 {
                    return None;
                }
                retried
            }
            Err(_) => return None,
        };
        if cc != 0 {
            let number_region = main_region(cc);
            if number_region != region {
                metadata = metadata_for_region_or_calling_code(cc, number_region);
            }
        } else {
            nsn.push_str(&normalize(national_number));
            cc = metadata?.cc;
        }
        if nsn.len() < MIN_LENGTH_FOR_NSN {
            return None;
        }
        if let Some(m) = metadata {
            let potential = maybe_strip_national_prefix(&nsn, m);
            let result = test_number_length(&potential, m);
            if !matches!(
                result,
                Validation::TooShort | Validation::IsPossibleLocalOnly | Validation::InvalidLength
            ) {
                nsn = potential;
            }
        }
        if nsn.len() < MIN_LENGTH_FOR_NSN || nsn.len() > MAX_LENGTH_FOR_NSN {
            return None;
        }
        Some(Num { cc, nsn })
    }

    /// `is_possible_number_with_reason`.
    pub(super) fn is_possible_number_with_reason(num: &Num) -> Validation {
        let Some(region) = main_region(num.cc) else {
            return Validation::InvalidCountryCode;
        };
        match metadata_for_region_or_calling_code(num.cc, Some(region)) {
            Some(m) => test_number_length(&num.nsn, m),
            None => Validation::InvalidCountryCode,
        }
    }

    fn matches_desc(nsn: &str, desc: Option<&super::Desc>) -> bool {
        let Some(desc) = desc else {
            return false;
        };
        if !desc.lens.is_empty() && !desc.lens.iter().any(|&l| usize::from(l) == nsn.len()) {
            return false;
        }
        full_match(desc.pat, nsn)
    }

    /// `_number_type_helper`.
    fn number_type_helper(nsn: &str, m: &M) -> NumberType {
        if !matches_desc(nsn, Some(&m.g)) {
            return NumberType::Unknown;
        }
        let [
            premium,
            toll_free,
            shared,
            voip,
            personal,
            pager,
            uan,
            voicemail,
            fixed,
            mobile,
        ] = &m.t;
        let ordered = [
            (premium, NumberType::PremiumRate),
            (toll_free, NumberType::TollFree),
            (shared, NumberType::SharedCost),
            (voip, NumberType::Voip),
            (personal, NumberType::PersonalNumber),
            (pager, NumberType::Pager),
            (uan, NumberType::Uan),
            (voicemail, NumberType::Voicemail),
        ];
        for (desc, kind) in ordered {
            if matches_desc(nsn, desc.as_ref()) {
                return kind;
            }
        }
        if matches_desc(nsn, fixed.as_ref()) {
            if m.smf || matches_desc(nsn, mobile.as_ref()) {
                return NumberType::FixedLineOrMobile;
            }
            return NumberType::FixedLine;
        }
        if !m.smf && matches_desc(nsn, mobile.as_ref()) {
            return NumberType::Mobile;
        }
        NumberType::Unknown
    }

    /// `region_code_for_number`.
    pub(super) fn region_code_for_number(num: &Num) -> Option<&'static str> {
        let regions = regions_for_cc(num.cc)?;
        if let [only] = regions {
            return Some(only);
        }
        for &region in regions {
            let Some(m) = metadata_for_region(region) else {
                continue;
            };
            if !m.ld.is_empty() {
                if compiled(m.ld, Anchor::Start).is_some_and(|re| re.is_match(&num.nsn)) {
                    return Some(region);
                }
            } else if number_type_helper(&num.nsn, m) != NumberType::Unknown {
                return Some(region);
            }
        }
        None
    }

    /// `number_type` (and so `is_valid_number`, which is `number_type != UNKNOWN`).
    pub(super) fn number_type(num: &Num) -> NumberType {
        let region = region_code_for_number(num);
        match metadata_for_region_or_calling_code(num.cc, region) {
            Some(m) => number_type_helper(&num.nsn, m),
            None => NumberType::Unknown,
        }
    }

    /// Every pattern in the metadata, for the test that they all compile.
    #[cfg(test)]
    pub(super) fn all_patterns_compile() -> Vec<&'static str> {
        let mut failures = Vec::new();
        for m in METADATA {
            let mut full = vec![m.g.pat];
            full.extend(m.t.iter().flatten().map(|desc| desc.pat));
            for pat in full {
                if !pat.is_empty() && compiled(pat, Anchor::Full).is_none() {
                    failures.push(pat);
                }
            }
            for pat in [m.npp, m.ld] {
                if !pat.is_empty() && compiled(pat, Anchor::Start).is_none() {
                    failures.push(pat);
                }
            }
        }
        failures
    }
}

/// Keys of `international_billing_rates.yml` (`COUNTRY_PREFIXES`): the country calling codes
/// Notify can send text messages to, plus the `1xxx` North American area prefixes with their own
/// rates.
#[rustfmt::skip]
static COUNTRY_PREFIXES: &[&str] = &[
    "1", "7", "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45",
    "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
    "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98", "211",
    "212", "213", "216", "218", "220", "221", "222", "223", "224", "225", "226", "227", "228",
    "229", "230", "231", "232", "233", "234", "235", "236", "237", "238", "239", "240", "241",
    "242", "243", "244", "245", "246", "248", "249", "250", "251", "252", "253", "254", "255",
    "256", "257", "258", "260", "261", "262", "263", "264", "265", "266", "267", "268", "269",
    "291", "297", "298", "299", "350", "351", "352", "353", "354", "355", "356", "357", "358",
    "359", "370", "371", "372", "373", "374", "375", "376", "377", "378", "380", "381", "382",
    "383", "385", "386", "387", "389", "420", "421", "423", "500", "501", "502", "503", "504",
    "505", "506", "507", "508", "509", "590", "591", "592", "593", "594", "595", "596", "597",
    "598", "599", "670", "672", "673", "674", "675", "676", "677", "678", "679", "680", "681",
    "682", "683", "685", "686", "687", "689", "690", "691", "692", "852", "853", "855", "856",
    "880", "886", "960", "961", "962", "963", "964", "965", "966", "967", "968", "970", "971",
    "972", "973", "974", "975", "976", "977", "992", "993", "994", "995", "996", "998", "1242",
    "1246", "1264", "1268", "1284", "1345", "1441", "1473", "1649", "1664", "1684", "1721", "1758",
    "1767", "1784", "1868", "1869", "1876",
];

/// Generated with Python 3.13 `stringprep`/`unicodedata.ucd_3_2_0`: code points whose nameprep mapping + NFKC (Unicode 3.2) is one ASCII character,
/// as runs `(first, last, ascii of first)` mapping consecutively.
#[rustfmt::skip]
static NFKC_ASCII_RUNS: &[(u32, u32, u8)] = &[
    (0xA0, 0xA0, 32), (0xAA, 0xAA, 97), (0xB2, 0xB3, 50), (0xB9, 0xB9, 49), (0xBA, 0xBA, 111), (0x17F, 0x17F, 115), (0x2B0, 0x2B0, 104), (0x2B2, 0x2B2, 106),
    (0x2B3, 0x2B3, 114), (0x2B7, 0x2B7, 119), (0x2B8, 0x2B8, 121), (0x2E1, 0x2E1, 108), (0x2E2, 0x2E2, 115), (0x2E3, 0x2E3, 120), (0x37E, 0x37E, 59), (0x1FEF, 0x1FEF, 96),
    (0x2000, 0x2000, 32), (0x2001, 0x2001, 32), (0x2002, 0x2002, 32), (0x2003, 0x2003, 32), (0x2004, 0x2004, 32), (0x2005, 0x2005, 32), (0x2006, 0x2006, 32), (0x2007, 0x2007, 32),
    (0x2008, 0x2008, 32), (0x2009, 0x2009, 32), (0x200A, 0x200A, 32), (0x2024, 0x2024, 46), (0x202F, 0x202F, 32), (0x205F, 0x205F, 32), (0x2070, 0x2070, 48), (0x2071, 0x2071, 105),
    (0x2074, 0x2079, 52), (0x207A, 0x207A, 43), (0x207C, 0x207C, 61), (0x207D, 0x207E, 40), (0x207F, 0x207F, 110), (0x2080, 0x2089, 48), (0x208A, 0x208A, 43), (0x208C, 0x208C, 61),
    (0x208D, 0x208E, 40), (0x2102, 0x2102, 99), (0x210A, 0x210B, 103), (0x210C, 0x210C, 104), (0x210D, 0x210D, 104), (0x210E, 0x210E, 104), (0x2110, 0x2110, 105), (0x2111, 0x2111, 105),
    (0x2112, 0x2112, 108), (0x2113, 0x2113, 108), (0x2115, 0x2115, 110), (0x2119, 0x211B, 112), (0x211C, 0x211C, 114), (0x211D, 0x211D, 114), (0x2124, 0x2124, 122), (0x2128, 0x2128, 122),
    (0x212A, 0x212A, 107), (0x212C, 0x212D, 98), (0x212F, 0x212F, 101), (0x2130, 0x2131, 101), (0x2133, 0x2133, 109), (0x2134, 0x2134, 111), (0x2139, 0x2139, 105), (0x2145, 0x2145, 100),
    (0x2146, 0x2147, 100), (0x2148, 0x2149, 105), (0x2160, 0x2160, 105), (0x2164, 0x2164, 118), (0x2169, 0x2169, 120), (0x216C, 0x216C, 108), (0x216D, 0x216E, 99), (0x216F, 0x216F, 109),
    (0x2170, 0x2170, 105), (0x2174, 0x2174, 118), (0x2179, 0x2179, 120), (0x217C, 0x217C, 108), (0x217D, 0x217E, 99), (0x217F, 0x217F, 109), (0x2460, 0x2468, 49), (0x24B6, 0x24CF, 97),
    (0x24D0, 0x24E9, 97), (0x24EA, 0x24EA, 48), (0x3000, 0x3000, 32), (0xFB29, 0xFB29, 43), (0xFE33, 0xFE33, 95), (0xFE34, 0xFE34, 95), (0xFE35, 0xFE36, 40), (0xFE37, 0xFE37, 123),
    (0xFE38, 0xFE38, 125), (0xFE4D, 0xFE4D, 95), (0xFE4E, 0xFE4E, 95), (0xFE4F, 0xFE4F, 95), (0xFE50, 0xFE50, 44), (0xFE52, 0xFE52, 46), (0xFE54, 0xFE54, 59), (0xFE55, 0xFE55, 58),
    (0xFE56, 0xFE56, 63), (0xFE57, 0xFE57, 33), (0xFE59, 0xFE5A, 40), (0xFE5B, 0xFE5B, 123), (0xFE5C, 0xFE5C, 125), (0xFE5F, 0xFE5F, 35), (0xFE60, 0xFE60, 38), (0xFE61, 0xFE62, 42),
    (0xFE63, 0xFE63, 45), (0xFE64, 0xFE64, 60), (0xFE65, 0xFE65, 62), (0xFE66, 0xFE66, 61), (0xFE68, 0xFE68, 92), (0xFE69, 0xFE6A, 36), (0xFE6B, 0xFE6B, 64), (0xFF01, 0xFF20, 33),
    (0xFF21, 0xFF3A, 97), (0xFF3B, 0xFF5E, 91), (0x1D400, 0x1D419, 97), (0x1D41A, 0x1D433, 97), (0x1D434, 0x1D44D, 97), (0x1D44E, 0x1D454, 97), (0x1D456, 0x1D467, 105), (0x1D468, 0x1D481, 97),
    (0x1D482, 0x1D49B, 97), (0x1D49C, 0x1D49C, 97), (0x1D49E, 0x1D49F, 99), (0x1D4A2, 0x1D4A2, 103), (0x1D4A5, 0x1D4A6, 106), (0x1D4A9, 0x1D4AC, 110), (0x1D4AE, 0x1D4B5, 115), (0x1D4B6, 0x1D4B9, 97),
    (0x1D4BB, 0x1D4BB, 102), (0x1D4BD, 0x1D4C0, 104), (0x1D4C2, 0x1D4C3, 109), (0x1D4C5, 0x1D4CF, 112), (0x1D4D0, 0x1D4E9, 97), (0x1D4EA, 0x1D503, 97), (0x1D504, 0x1D505, 97), (0x1D507, 0x1D50A, 100),
    (0x1D50D, 0x1D514, 106), (0x1D516, 0x1D51C, 115), (0x1D51E, 0x1D537, 97), (0x1D538, 0x1D539, 97), (0x1D53B, 0x1D53E, 100), (0x1D540, 0x1D544, 105), (0x1D546, 0x1D546, 111), (0x1D54A, 0x1D550, 115),
    (0x1D552, 0x1D56B, 97), (0x1D56C, 0x1D585, 97), (0x1D586, 0x1D59F, 97), (0x1D5A0, 0x1D5B9, 97), (0x1D5BA, 0x1D5D3, 97), (0x1D5D4, 0x1D5ED, 97), (0x1D5EE, 0x1D607, 97), (0x1D608, 0x1D621, 97),
    (0x1D622, 0x1D63B, 97), (0x1D63C, 0x1D655, 97), (0x1D656, 0x1D66F, 97), (0x1D670, 0x1D689, 97), (0x1D68A, 0x1D6A3, 97), (0x1D7CE, 0x1D7D7, 48), (0x1D7D8, 0x1D7E1, 48), (0x1D7E2, 0x1D7EB, 48),
    (0x1D7EC, 0x1D7F5, 48), (0x1D7F6, 0x1D7FF, 48),
];
/// Generated with Python 3.13 `stringprep`/`unicodedata.ucd_3_2_0`: code points whose nameprep mapping + NFKC (Unicode 3.2) is several ASCII characters.
#[rustfmt::skip]
static NFKC_ASCII_MULTI: &[(u32, &str)] = &[
    (0xDF, "ss"), (0x132, "ij"), (0x133, "ij"), (0x1C7, "lj"), (0x1C8, "lj"), (0x1C9, "lj"), (0x1CA, "nj"), (0x1CB, "nj"),
    (0x1CC, "nj"), (0x1F1, "dz"), (0x1F2, "dz"), (0x1F3, "dz"), (0x1E9E, "ss"), (0x2025, ".."), (0x2026, "..."), (0x203C, "!!"),
    (0x2047, "??"), (0x2048, "?!"), (0x2049, "!?"), (0x20A8, "rs"), (0x2100, "a/c"), (0x2101, "a/s"), (0x2105, "c/o"), (0x2106, "c/u"),
    (0x2116, "no"), (0x2120, "sm"), (0x2121, "tel"), (0x2122, "tm"), (0x2161, "ii"), (0x2162, "iii"), (0x2163, "iv"), (0x2165, "vi"),
    (0x2166, "vii"), (0x2167, "viii"), (0x2168, "ix"), (0x216A, "xi"), (0x216B, "xii"), (0x2171, "ii"), (0x2172, "iii"), (0x2173, "iv"),
    (0x2175, "vi"), (0x2176, "vii"), (0x2177, "viii"), (0x2178, "ix"), (0x217A, "xi"), (0x217B, "xii"), (0x2469, "10"), (0x246A, "11"),
    (0x246B, "12"), (0x246C, "13"), (0x246D, "14"), (0x246E, "15"), (0x246F, "16"), (0x2470, "17"), (0x2471, "18"), (0x2472, "19"),
    (0x2473, "20"), (0x2474, "(1)"), (0x2475, "(2)"), (0x2476, "(3)"), (0x2477, "(4)"), (0x2478, "(5)"), (0x2479, "(6)"), (0x247A, "(7)"),
    (0x247B, "(8)"), (0x247C, "(9)"), (0x247D, "(10)"), (0x247E, "(11)"), (0x247F, "(12)"), (0x2480, "(13)"), (0x2481, "(14)"), (0x2482, "(15)"),
    (0x2483, "(16)"), (0x2484, "(17)"), (0x2485, "(18)"), (0x2486, "(19)"), (0x2487, "(20)"), (0x2488, "1."), (0x2489, "2."), (0x248A, "3."),
    (0x248B, "4."), (0x248C, "5."), (0x248D, "6."), (0x248E, "7."), (0x248F, "8."), (0x2490, "9."), (0x2491, "10."), (0x2492, "11."),
    (0x2493, "12."), (0x2494, "13."), (0x2495, "14."), (0x2496, "15."), (0x2497, "16."), (0x2498, "17."), (0x2499, "18."), (0x249A, "19."),
    (0x249B, "20."), (0x249C, "(a)"), (0x249D, "(b)"), (0x249E, "(c)"), (0x249F, "(d)"), (0x24A0, "(e)"), (0x24A1, "(f)"), (0x24A2, "(g)"),
    (0x24A3, "(h)"), (0x24A4, "(i)"), (0x24A5, "(j)"), (0x24A6, "(k)"), (0x24A7, "(l)"), (0x24A8, "(m)"), (0x24A9, "(n)"), (0x24AA, "(o)"),
    (0x24AB, "(p)"), (0x24AC, "(q)"), (0x24AD, "(r)"), (0x24AE, "(s)"), (0x24AF, "(t)"), (0x24B0, "(u)"), (0x24B1, "(v)"), (0x24B2, "(w)"),
    (0x24B3, "(x)"), (0x24B4, "(y)"), (0x24B5, "(z)"), (0x2A74, "::="), (0x2A75, "=="), (0x2A76, "==="), (0x3251, "21"), (0x3252, "22"),
    (0x3253, "23"), (0x3254, "24"), (0x3255, "25"), (0x3256, "26"), (0x3257, "27"), (0x3258, "28"), (0x3259, "29"), (0x325A, "30"),
    (0x325B, "31"), (0x325C, "32"), (0x325D, "33"), (0x325E, "34"), (0x325F, "35"), (0x32B1, "36"), (0x32B2, "37"), (0x32B3, "38"),
    (0x32B4, "39"), (0x32B5, "40"), (0x32B6, "41"), (0x32B7, "42"), (0x32B8, "43"), (0x32B9, "44"), (0x32BA, "45"), (0x32BB, "46"),
    (0x32BC, "47"), (0x32BD, "48"), (0x32BE, "49"), (0x32BF, "50"), (0x3371, "hpa"), (0x3372, "da"), (0x3373, "au"), (0x3374, "bar"),
    (0x3375, "ov"), (0x3376, "pc"), (0x3380, "pa"), (0x3381, "na"), (0x3383, "ma"), (0x3384, "ka"), (0x3385, "kb"), (0x3386, "mb"),
    (0x3387, "gb"), (0x3388, "cal"), (0x3389, "kcal"), (0x338A, "pf"), (0x338B, "nf"), (0x338E, "mg"), (0x338F, "kg"), (0x3390, "hz"),
    (0x3391, "khz"), (0x3392, "mhz"), (0x3393, "ghz"), (0x3394, "thz"), (0x3396, "ml"), (0x3397, "dl"), (0x3398, "kl"), (0x3399, "fm"),
    (0x339A, "nm"), (0x339C, "mm"), (0x339D, "cm"), (0x339E, "km"), (0x339F, "mm2"), (0x33A0, "cm2"), (0x33A1, "m2"), (0x33A2, "km2"),
    (0x33A3, "mm3"), (0x33A4, "cm3"), (0x33A5, "m3"), (0x33A6, "km3"), (0x33A9, "pa"), (0x33AA, "kpa"), (0x33AB, "mpa"), (0x33AC, "gpa"),
    (0x33AD, "rad"), (0x33B0, "ps"), (0x33B1, "ns"), (0x33B3, "ms"), (0x33B4, "pv"), (0x33B5, "nv"), (0x33B7, "mv"), (0x33B8, "kv"),
    (0x33B9, "mv"), (0x33BA, "pw"), (0x33BB, "nw"), (0x33BD, "mw"), (0x33BE, "kw"), (0x33BF, "mw"), (0x33C2, "a.m."), (0x33C3, "bq"),
    (0x33C4, "cc"), (0x33C5, "cd"), (0x33C7, "co."), (0x33C8, "db"), (0x33C9, "gy"), (0x33CA, "ha"), (0x33CB, "hp"), (0x33CC, "in"),
    (0x33CD, "kk"), (0x33CE, "km"), (0x33CF, "kt"), (0x33D0, "lm"), (0x33D1, "ln"), (0x33D2, "log"), (0x33D3, "lx"), (0x33D4, "mb"),
    (0x33D5, "mil"), (0x33D6, "mol"), (0x33D7, "ph"), (0x33D8, "p.m."), (0x33D9, "ppm"), (0x33DA, "pr"), (0x33DB, "sr"), (0x33DC, "sv"),
    (0x33DD, "wb"), (0xFB00, "ff"), (0xFB01, "fi"), (0xFB02, "fl"), (0xFB03, "ffi"), (0xFB04, "ffl"), (0xFB05, "st"), (0xFB06, "st"),
    (0xFE30, ".."),
];

// ---------------------------------------------------------------------------------------------
// Generated from the Python `phonenumbers` package 9.0.43 (`PhoneMetadata` for every region and
// non-geographic calling code, and `COUNTRY_CODE_TO_REGION_CODE`). Do not edit by hand.
// ---------------------------------------------------------------------------------------------

#[rustfmt::skip]
static METADATA: &[M] = &[
    M { id: "001", cc: 800, npp: r"", npt: r"", ld: r"", smf: true, g: d(r"(?:00|[1-9]\d)\d{6}",&[8]), loc: &[], t: [None, Some(d(r"(?:00|[1-9]\d)\d{6}",&[8])), None, None, None, None, None, None, None, None] },
    M { id: "001", cc: 808, npp: r"", npt: r"", ld: r"", smf: true, g: d(r"[1-9]\d{7}",&[8]), loc: &[], t: [None, None, Some(d(r"[1-9]\d{7}",&[8])), None, None, None, None, None, None, None] },
    M { id: "001", cc: 870, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"7\d{11}|[235-7]\d{8}",&[9,12]), loc: &[], t: [None, None, None, Some(d(r"2\d{8}",&[9])), None, None, None, None, None, Some(d(r"(?:[356]|774[45])\d{8}|7[6-8]\d{7}",&[9,12]))] },
    M { id: "001", cc: 878, npp: r"", npt: r"", ld: r"", smf: true, g: d(r"10\d{10}",&[12]), loc: &[], t: [None, None, None, Some(d(r"10\d{10}",&[12])), None, None, None, None, None, None] },
    M { id: "001", cc: 881, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"6\d{9}|[0-36-9]\d{8}",&[9,10]), loc: &[], t: [None, None, None, None, None, None, None, None, None, Some(d(r"6\d{9}|[0-36-9]\d{8}",&[9,10]))] },
    M { id: "001", cc: 882, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[13]\d{6}(?:\d{2,5})?|[19]\d{7}|(?:[25]\d\d|4)\d{7}(?:\d{2})?",&[7,8,9,10,11,12]), loc: &[], t: [None, None, None, Some(d(r"1(?:3(?:0[0347]|[13][0139]|2[035]|4[013568]|6[0459]|7[06]|8[15-8]|9[0689])\d{4}|6\d{5,10})|(?:345\d|9[89])\d{6}|(?:10|2(?:3|85\d)|3(?:[15]|[69]\d\d)|4[15-8]|51)\d{8}",&[7,8,9,10,11,12])), None, None, None, Some(d(r"348[57]\d{7}",&[11])), None, Some(d(r"342\d{4}|(?:337|49)\d{6}|(?:3(?:2|47|7\d{3})|5(?:0\d{3}|2[0-2]))\d{7}",&[7,8,9,10,12]))] },
    M { id: "001", cc: 883, npp: r"", npt: r"", ld: r"", smf: true, g: d(r"(?:[1-4]\d|51)\d{6,10}",&[8,9,10,11,12]), loc: &[], t: [None, None, None, Some(d(r"(?:2(?:00\d\d|10)|(?:370[1-9]|51\d0)\d)\d{7}|51(?:00\d{5}|[24-9]0\d{4,7})|(?:1[0-79]|2[24-689]|3[02-689]|4[0-4])0\d{5,9}",&[8,9,10,11,12])), None, None, None, None, None, None] },
    M { id: "001", cc: 888, npp: r"", npt: r"", ld: r"", smf: true, g: d(r"\d{11}",&[11]), loc: &[], t: [None, None, None, None, None, None, Some(d(r"\d{11}",&[11])), None, None, None] },
    M { id: "001", cc: 979, npp: r"", npt: r"", ld: r"", smf: true, g: d(r"[1359]\d{8}",&[9]), loc: &[8], t: [Some(d(r"[1359]\d{8}",&[9])), None, None, None, None, None, None, None, None, None] },
    M { id: "AC", cc: 247, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[01589]\d|[2-467])\d{4}",&[5,6]), loc: &[], t: [None, None, None, None, None, None, Some(d(r"(?:0[1-9]|[1589]\d)\d{4}",&[6])), None, Some(d(r"6\d{4}",&[5])), Some(d(r"[2-47]\d{4}",&[5]))] },
    M { id: "AD", cc: 376, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:1|6\d)\d{7}|[135-9]\d{5}",&[6,8,9]), loc: &[], t: [Some(d(r"[19]\d{5}",&[6])), Some(d(r"180[02]\d{4}",&[8])), None, None, None, None, None, None, Some(d(r"[78]\d{5}",&[6])), Some(d(r"690\d{6}|[356]\d{5}",&[6,9]))] },
    M { id: "AE", cc: 971, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[4-7]\d|9[0-689])\d{7}|800\d{2,9}|[2-4679]\d{7}",&[5,6,7,8,9,10,11,12]), loc: &[], t: [Some(d(r"900[02]\d{5}",&[9])), Some(d(r"400\d{6}|800\d{2,9}",&[5,6,7,8,9,10,11,12])), Some(d(r"700[05]\d{5}",&[9])), None, None, None, Some(d(r"600[25]\d{5}",&[9])), None, Some(d(r"[2-4679][2-8]\d{6}",&[8])), Some(d(r"5[02-68]\d{7}",&[9]))] },
    M { id: "AF", cc: 93, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[2-7]\d{8}",&[9]), loc: &[7], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:[25][0-8]|[34][0-4]|6[0-5])[2-9]\d{6}",&[9])), Some(d(r"7\d{8}",&[9]))] },
    M { id: "AG", cc: 1, npp: r"([457]\d{6})$|1", npt: r"268${1}", ld: r"268", smf: false, g: d(r"(?:268|[58]\d\d|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, Some(d(r"26848[01]\d{4}",&[10])), Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), Some(d(r"26840[69]\d{4}",&[10])), None, None, Some(d(r"268(?:4(?:6[0-38]|84)|56[0-2])\d{4}",&[10])), Some(d(r"268(?:464|7(?:1[3-9]|[28]\d|3[0246]|64|7[0-689]))\d{4}",&[10]))] },
    M { id: "AI", cc: 1, npp: r"([2457]\d{6})$|1", npt: r"264${1}", ld: r"264", smf: false, g: d(r"(?:264|[58]\d\d|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), Some(d(r"264724\d{4}",&[10])), None, None, Some(d(r"264(?:292|4(?:6[12]|9[78]))\d{4}",&[10])), Some(d(r"264(?:235|4(?:69|7[67])|5(?:3[6-9]|8[1-4])|7(?:29|72))\d{4}",&[10]))] },
    M { id: "AL", cc: 355, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:700\d\d|900)\d{3}|8\d{5,7}|(?:[2-5]|6\d)\d{7}",&[6,7,8,9]), loc: &[5], t: [Some(d(r"900[1-9]\d\d",&[6])), Some(d(r"800\d{4}",&[7])), Some(d(r"808[1-9]\d\d",&[6])), None, Some(d(r"700[2-9]\d{4}",&[8])), None, None, None, Some(d(r"4505[0-2]\d{3}|(?:[2358][16-9]\d[2-9]|4410)\d{4}|(?:[2358][2-5][2-9]|4(?:[2-57-9][2-9]|6\d))\d{5}",&[8])), Some(d(r"6(?:[78][2-9]|9\d)\d{6}",&[9]))] },
    M { id: "AM", cc: 374, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[1-489]\d|55|60|77)\d{6}",&[8]), loc: &[5,6], t: [Some(d(r"90[016]\d{5}",&[8])), Some(d(r"800\d{5}",&[8])), Some(d(r"80[1-4]\d{5}",&[8])), Some(d(r"60(?:2[78]|3[5-9]|4[02-9]|5[0-46-9]|[6-8]\d|9[0-2])\d{4}",&[8])), None, None, None, None, Some(d(r"(?:(?:1[0-25]|47)\d|2(?:2[2-46]|3[1-8]|4[2-69]|5[2-7]|6[1-9]|8[1-7])|3[12]2)\d{5}",&[8])), Some(d(r"(?:33|4[1349]|55|77|88|9[13-9])\d{6}",&[8]))] },
    M { id: "AO", cc: 244, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[29]\d{8}",&[9]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"2\d(?:[0134][25-9]|[25-9]\d)\d{5}",&[9])), Some(d(r"9[1-79]\d{7}",&[9]))] },
    M { id: "AR", cc: 54, npp: r"0?(?:(11|2(?:2(?:02?|[13]|2[13-79]|4[1-6]|5[2457]|6[124-8]|7[1-4]|8[13-6]|9[1267])|3(?:02?|1[467]|2[03-6]|3[13-8]|[49][2-6]|5[2-8]|[67])|4(?:7[3-578]|9)|6(?:[0136]|2[24-6]|4[6-8]?|5[15-8])|80|9(?:0[1-3]|[19]|2\d|3[1-6]|4[02568]?|5[2-4]|6[2-46]|72?|8[23]?))|3(?:3(?:2[79]|6|8[2578])|4(?:0[0-24-9]|[12]|3[5-8]?|4[24-7]|5[4-68]?|6[02-9]|7[126]|8[2379]?|9[1-36-8])|5(?:1|2[1245]|3[237]?|4[1-46-9]|6[2-4]|7[1-6]|8[2-5]?)|6[24]|7(?:[069]|1[1568]|2[15]|3[145]|4[13]|5[14-8]|7[2-57]|8[126])|8(?:[01]|2[15-7]|3[2578]?|4[13-6]|5[4-8]?|6[1-357-9]|7[36-8]?|8[5-8]?|9[124])))15)?", npt: r"9${1}", ld: r"", smf: false, g: d(r"(?:11|[89]\d\d)\d{8}|[2368]\d{9}",&[10,11]), loc: &[6,7,8], t: [Some(d(r"60[04579]\d{7}",&[10])), Some(d(r"800\d{7,8}",&[10,11])), None, None, None, None, Some(d(r"810\d{7}",&[10])), None, Some(d(r"3(?:7(?:1[15]|81)|8(?:21|4[16]|69|9[12]))[46]\d{5}|(?:2(?:2(?:2[59]|44|52)|3(?:26|44)|47[35]|9(?:[07]2|2[26]|34|46))|3327)[45]\d{5}|(?:2(?:657|9(?:54|66))|3(?:48[27]|7(?:55|77)|8(?:65|78)))[2-8]\d{5}|(?:2(?:284|3(?:02|23)|477|622|920)|3(?:4(?:46|89|92)|541))[2-7]\d{5}|(?:(?:11[0-8]|670)\d|2(?:2(?:0[45]|1[2-6]|3[3-6])|3(?:[06]4|7[45])|494|6(?:04|1[2-8]|[36][45]|4[3-6])|80[45]|9(?:[17][4-6]|[48][45]|9[3-6]))|3(?:364|4(?:1[2-8]|[25][4-6]|3[3-6]|84)|5(?:1[2-9]|[38][4-6])|6(?:2[45]|44)|7[069][45]|8(?:0[45]|1[2-7]|3[4-6]|5[3-6]|7[2-6]|8[3-68])))\d{6}|(?:2(?:2(?:62|81)|320|9(?:42|83))|3(?:329|4(?:62|7[16])|5(?:43|64)|7(?:18|5[17])))[2-6]\d{5}|2(?:2(?:21|4[23]|6[145]|7[1-4]|8[356]|9[267])|3(?:16|3[13-8]|43|5[346-8]|9[3-5])|6(?:2[46]|4[78]|5[1568])|9(?:03|2[1457-9]|3[1356]|4[08]|[56][23]|82))4\d{5}|(?:2(?:257|3(?:24|46|92)|9(?:01|23|64))|3(?:4(?:42|64)|5(?:25|37|4[47]|71)|7(?:35|72)|825))[3-6]\d{5}|(?:2(?:2(?:02|2[3467]|4[156]|5[45]|6[6-8]|91)|3(?:1[47]|25|[45][25]|96)|47[48]|625|932)|3(?:38[2578]|4(?:0[0-24-9]|3[78]|4[457]|58|6[035-9]|72|83|9[136-8])|5(?:2[124]|[368][23]|4[2689]|7[2-6])|7(?:16|2[15]|3[14]|4[13]|5[468]|7[3-5]|8[26])|8(?:2[67]|3[278]|4[3-5]|5[78]|6[1-378]|[78]7|94)))[4-6]\d{5}",&[10])), Some(d(r"93(?:7(?:1[15]|81)|8(?:21|4[16]|69|9[12]))[46]\d{5}|9(?:2(?:2(?:2[59]|44|52)|3(?:26|44)|47[35]|9(?:[07]2|2[26]|34|46))|3327)[45]\d{5}|9(?:2(?:657|9(?:54|66))|3(?:48[27]|7(?:55|77)|8(?:65|78)))[2-8]\d{5}|9(?:2(?:284|3(?:02|23)|477|622|920)|3(?:4(?:46|89|92)|541))[2-7]\d{5}|(?:675\d|9(?:11[0-8]\d|2(?:2(?:0[45]|1[2-6]|3[3-6])|3(?:[06]4|7[45])|494|6(?:04|1[2-8]|[36][45]|4[3-6])|80[45]|9(?:[17][4-6]|[48][45]|9[3-6]))|3(?:364|4(?:1[2-8]|[25][4-6]|3[3-6]|84)|5(?:1[2-9]|[38][4-6])|6(?:2[45]|44)|7[069][45]|8(?:0[45]|1[2-7]|3[4-6]|5[3-6]|7[2-6]|8[3-68]))))\d{6}|9(?:2(?:2(?:62|81)|320|9(?:42|83))|3(?:329|4(?:62|7[16])|5(?:43|64)|7(?:18|5[17])))[2-6]\d{5}|92(?:2(?:21|4[23]|6[145]|7[1-4]|8[356]|9[267])|3(?:16|3[13-8]|43|5[346-8]|9[3-5])|6(?:2[46]|4[78]|5[1568])|9(?:03|2[1457-9]|3[1356]|4[08]|[56][23]|82))4\d{5}|9(?:2(?:257|3(?:24|46|92)|9(?:01|23|64))|3(?:4(?:42|64)|5(?:25|37|4[47]|71)|7(?:35|72)|825))[3-6]\d{5}|9(?:2(?:2(?:02|2[3467]|4[156]|5[45]|6[6-8]|91)|3(?:1[47]|25|[45][25]|96)|47[48]|625|932)|3(?:38[2578]|4(?:0[0-24-9]|3[78]|4[457]|58|6[035-9]|72|83|9[136-8])|5(?:2[124]|[368][23]|4[2689]|7[2-6])|7(?:16|2[15]|3[14]|4[13]|5[468]|7[3-5]|8[26])|8(?:2[67]|3[278]|4[3-5]|5[78]|6[1-378]|[78]7|94)))[4-6]\d{5}",&[10,11]))] },
    M { id: "AS", cc: 1, npp: r"([267]\d{6})$|1", npt: r"684${1}", ld: r"684", smf: false, g: d(r"(?:[58]\d\d|684|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"684(?:274|6(?:22|33|44|55|77|88|9[19]))\d{4}",&[10])), Some(d(r"684(?:2(?:48|5[2468]|7[246])|7(?:3[13]|70|82))\d{4}",&[10]))] },
    M { id: "AT", cc: 43, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"1\d{3,12}|2\d{6,12}|43(?:(?:0\d|5[02-9])\d{3,9}|2\d{4,5}|[3467]\d{4}|8\d{4,6}|9\d{4,7})|5\d{4,12}|8\d{7,12}|9\d{8,12}|(?:[367]\d|4[0-24-9])\d{4,11}",&[4,5,6,7,8,9,10,11,12,13]), loc: &[3], t: [Some(d(r"(?:8[69][2-68]|9(?:0[01]|3[019]))\d{6,10}",&[9,10,11,12,13])), Some(d(r"800\d{6,10}",&[9,10,11,12,13])), Some(d(r"8(?:10|2[018])\d{6,10}|828\d{5}",&[8,9,10,11,12,13])), Some(d(r"5(?:0[1-9]|17|[79]\d)\d{2,10}|7[28]0\d{6,10}",&[5,6,7,8,9,10,11,12,13])), None, None, None, None, Some(d(r"1(?:11\d|[2-9]\d{3,11})|(?:316|463)\d{3,10}|648[34]\d{3,9}|(?:51|66|73)2\d{3,10}|(?:2(?:1[467]|2[13-8]|5[2357]|6[1-46-8]|7[1-8]|8[124-7]|9[1458])|3(?:1[1-578]|3[23568]|4[5-7]|5[1378]|6[1-38]|8[3-68])|4(?:2[1-8]|35|7[1368]|8[2457])|5(?:2[1-8]|3[357]|4[147]|5[12578]|6[37])|6(?:13|2[1-47]|4[135-7]|5[468])|7(?:2[1-8]|35|4[13478]|5[68]|6[16-8]|7[1-6]|9[45]))\d{4,10}",&[4,5,6,7,8,9,10,11,12,13])), Some(d(r"6(?:485|(?:5[0-3579]|6[013-9]|[7-9]\d)\d)\d{3,9}",&[7,8,9,10,11,12,13]))] },
    M { id: "AU", cc: 61, npp: r"(183[12])|0", npt: r"", ld: r"", smf: false, g: d(r"1(?:[0-79]\d{7}(?:\d(?:\d{2})?)?|8[0-24-9]\d{7})|[2-478]\d{8}|1\d{4,7}",&[5,6,7,8,9,10,12]), loc: &[], t: [Some(d(r"190[0-26]\d{6}",&[10])), Some(d(r"180(?:0\d{3}|2)\d{3}",&[7,10])), Some(d(r"13(?:00\d{6}(?:\d{2})?|45[0-4]\d{3})|13\d{4}",&[6,8,10,12])), Some(d(r"14(?:5(?:1[0458]|[23][458])|71\d)\d{4}",&[9])), None, Some(d(r"163\d{2,6}",&[5,6,7,8,9])), None, None, Some(d(r"(?:(?:241|349)0\d\d|8(?:51(?:0(?:0[03-9]|[12479]\d|3[2-9]|5[0-8]|6[1-9]|8[0-7])|1(?:[0235689]\d|1[0-69]|4[0-589]|7[0-47-9])|2(?:0[0-79]|[18][13579]|2[14-9]|3[0-46-9]|[4-6]\d|7[89]|9[0-4])|[34]\d\d)|91(?:(?:[0-58]\d|6[0135-9])\d|7(?:0[0-24-9]|[1-9]\d)|9(?:[0-46-9]\d|5[0-79]))))\d{3}|(?:2(?:[0-26-9]\d|3[0-8]|4[02-9]|5[0135-9])|3(?:[0-3589]\d|4[0-578]|6[1-9]|7[0-35-9])|7(?:[013-57-9]\d|2[0-8])|8(?:55|6[0-8]|[78]\d|9[02-9]))\d{6}",&[9])), Some(d(r"4(?:79[01]|83[0-36-9]|9(?:5[0-3]|6[0-4]))\d{5}|4(?:[0-36]\d|4[047-9]|[58][0-24-9]|7[02-8]|9[0-47-9])\d{6}",&[9]))] },
    M { id: "AW", cc: 297, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[25-79]\d\d|800)\d{4}",&[7]), loc: &[], t: [Some(d(r"900\d{4}",&[7])), Some(d(r"800\d{4}",&[7])), None, Some(d(r"(?:28\d|501)\d{4}",&[7])), None, None, None, None, Some(d(r"5(?:2\d|8[1-9])\d{4}",&[7])), Some(d(r"(?:290|5[69]\d|6(?:[03]0|22|4[0-2]|[69]\d)|7(?:[34]\d|7[07])|9(?:6[45]|9[4-8]))\d{4}",&[7]))] },
    M { id: "AX", cc: 358, npp: r"0", npt: r"", ld: r"18", smf: false, g: d(r"2\d{4,9}|35\d{4,5}|(?:60\d\d|800)\d{4,6}|7\d{5,11}|(?:[14]\d|3[0-46-9]|50)\d{4,8}",&[5,6,7,8,9,10,11,12]), loc: &[], t: [Some(d(r"[67]00\d{5,6}",&[8,9])), Some(d(r"800\d{4,6}",&[7,8,9])), None, None, None, None, Some(d(r"20\d{4,8}|60[12]\d{5,6}|7(?:099\d{4,5}|5[03-9]\d{3,7})|20[2-59]\d\d|(?:606|7(?:0[78]|1|3\d))\d{7}|(?:10|29|3[09]|70[1-5]\d)\d{4,8}",&[5,6,7,8,9,10,11,12])), None, Some(d(r"18[1-8]\d{3,6}",&[6,7,8,9])), Some(d(r"(?:4[0-8]|50)\d{4,8}",&[6,7,8,9,10]))] },
    M { id: "AZ", cc: 994, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"365\d{6}|(?:[124579]\d|60|88)\d{7}",&[9]), loc: &[7], t: [Some(d(r"900200\d{3}",&[9])), Some(d(r"88\d{7}",&[9])), None, None, None, None, None, None, Some(d(r"(?:2[12]428|3655[02])\d{4}|(?:2(?:22[0-79]|63[0-28])|3654)\d{5}|(?:(?:1[28]|46)\d|2(?:[014-6]2|[23]3))\d{6}",&[9])), Some(d(r"36554\d{4}|(?:[16]0|4[04]|5[015]|7[07]|99)\d{7}",&[9]))] },
    M { id: "BA", cc: 387, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"6\d{8}|(?:[35689]\d|49|70)\d{6}",&[8,9]), loc: &[6], t: [Some(d(r"9[0246]\d{6}",&[8])), Some(d(r"8[08]\d{6}",&[8])), Some(d(r"8[12]\d{6}",&[8])), None, None, None, Some(d(r"703[235]0\d{3}|70(?:2[0-5]|3[0146]|[56]0)\d{4}",&[8])), None, Some(d(r"(?:3(?:[05-79][2-9]|1[4579]|[23][24-9]|4[2-4689]|8[2457-9])|49[2-579]|5(?:0[2-49]|[13][2-9]|[268][2-4679]|4[4689]|5[2-79]|7[2-69]|9[2-4689]))\d{5}",&[8])), Some(d(r"6040\d{5}|6(?:03|[1-356]|44|7\d)\d{6}",&[8,9]))] },
    M { id: "BB", cc: 1, npp: r"([2-9]\d{6})$|1", npt: r"246${1}", ld: r"246", smf: false, g: d(r"(?:246|[58]\d\d|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"(?:246976|900[2-9]\d\d)\d{4}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, Some(d(r"24631\d{5}",&[10])), Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, Some(d(r"246(?:292|367|4(?:1[7-9]|3[01]|4[47-9]|67)|7(?:1[2-9]|2\d|3[016]|53))\d{4}",&[10])), None, Some(d(r"246521[0369]\d{3}|246(?:2(?:2[78]|7[0-4])|4(?:1[024-6]|2\d|3[2-9])|5(?:20|[34]\d|54|7[1-3])|6(?:2\d|38)|7[35]7|9(?:1[89]|63))\d{4}",&[10])), Some(d(r"246(?:(?:2(?:[3568]\d|4[0-57-9])|3(?:5[2-9]|6[0-6])|4(?:46|5\d)|69[5-7]|8(?:[2-5]\d|83))\d|52(?:1[147]|20))\d{3}",&[10]))] },
    M { id: "BD", cc: 880, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[1-469]\d{9}|8[0-79]\d{7,8}|[2-79]\d{8}|[2-9]\d{7}|[3-9]\d{6}|[57-9]\d{5}",&[6,7,8,9,10]), loc: &[], t: [None, Some(d(r"80[03]\d{7}",&[10])), None, Some(d(r"96(?:0[1-69]|1[0-479]|2[278]|3[13-9]|4[0-47-9]|54|6[69]|7[78]|88)\d{6}",&[10])), None, None, None, None, Some(d(r"(?:4(?:31\d\d|423)|5222)\d{3}(?:\d{2})?|8332[6-9]\d\d|(?:3(?:03[56]|224)|4(?:22[25]|653))\d{3,4}|(?:3(?:42[47]|529|823)|4(?:027|525|65(?:28|8))|562|6257|7(?:1(?:5[3-5]|6[12]|7[156]|89)|22[589]56|32|42675|52(?:[25689](?:56|8)|[347]8)|71(?:6[1267]|75|89)|92374)|82(?:2[59]|32)56|9(?:03[23]56|23(?:256|373)|31|5(?:1|2[4589]56)))\d{3}|(?:3(?:02[348]|22[35]|324|422)|4(?:22[67]|32[236-9]|6(?:2[46]|5[57])|953)|5526|6(?:024|6655)|81)\d{4,5}|(?:2(?:7(?:1[0-267]|2[0-289]|3[0-29]|4[01]|5[1-3]|6[013]|7[0178]|91)|8(?:0[125]|1[1-6]|2[0157-9]|3[1-69]|41|6[1-35]|7[1-5]|8[1-8]|9[0-6])|9(?:0[0-2]|1[0-4]|2[568]|3[3-6]|5[5-7]|6[0136-9]|7[0-7]|8[014-9]))|3(?:0(?:2[025-79]|3[2-4])|181|22[12]|32[2356]|824)|4(?:02[09]|22[348]|32[045]|523|6(?:27|54))|666(?:22|53)|7(?:22[57-9]|42[56]|82[35])8|8(?:0[124-9]|2(?:181|2[02-4679]8)|4[12]|[5-7]2)|9(?:[04]2|2(?:2|328)|81))\d{4}|(?:2(?:[23]\d|[45])\d\d|3(?:1(?:2[5-7]|[5-7])|425|822)|4(?:033|1\d|[257]1|332|4(?:2[246]|5[25])|6(?:2[35]|56|62)|8(?:23|54)|92[2-5])|5(?:02[03489]|22[457]|32[35-79]|42[46]|6(?:[18]|53)|724|826)|6(?:023|2(?:2[2-5]|5[3-5]|8)|32[3478]|42[34]|52[47]|6(?:[18]|6(?:2[34]|5[24]))|[78]2[2-5]|92[2-6])|7(?:02|21\d|[3-589]1|6[12]|72[24])|8(?:217|3[12]|[5-7]1)|9[24]1)\d{5}|(?:(?:3[2-8]|5[2-57-9]|6[03-589])1|4[4689][18])\d{5}|[59]1\d{5}",&[6,7,8,9,10])), Some(d(r"(?:1[13-9]|64)\d{8}|(?:3[78]|44|66)[02-9]\d{7}",&[10]))] },
    M { id: "BE", cc: 32, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"4\d{8}|[1-9]\d{7}",&[8,9]), loc: &[], t: [Some(d(r"(?:70(?:2[0-57]|3[04-7]|44|6[04-69]|7[0579])|90\d\d)\d{4}",&[8])), Some(d(r"800[1-9]\d{4}",&[8])), Some(d(r"7879\d{4}",&[8])), None, None, None, Some(d(r"78(?:0[578]|1[014-8]|2[25]|3[15-8]|48|5[05]|60|7[06-8]|9\d)\d{4}",&[8])), None, Some(d(r"80[2-8]\d{5}|(?:1[0-69]|[23][2-8]|4[23]|5\d|6[013-57-9]|71|8[1-79]|9[2-4])\d{6}",&[8])), Some(d(r"4[5-9]\d{7}",&[9]))] },
    M { id: "BF", cc: 226, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[024-7]\d{7}",&[8]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"2(?:0(?:49|5[23]|6[5-7]|9[016-9])|4(?:4[569]|5[4-6]|6[5-7]|7[0179])|5(?:[34]\d|50|6[5-8]))\d{4}",&[8])), Some(d(r"(?:0[1-7]|4[4-6]|5[0-8]|[67]\d)\d{6}",&[8]))] },
    M { id: "BG", cc: 359, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"00800\d{7}|[2-7]\d{6,7}|[89]\d{6,8}|2\d{5}",&[6,7,8,9,12]), loc: &[4,5], t: [Some(d(r"90\d{6}",&[8])), Some(d(r"(?:00800\d\d|800)\d{5}",&[8,12])), Some(d(r"700\d{5}",&[8])), None, None, None, None, None, Some(d(r"2\d{5,7}|(?:43[1-6]|70[1-9])\d{4,5}|(?:[36]\d|4[124-7]|[57][1-9]|8[1-6]|9[1-7])\d{5,6}",&[6,7,8])), Some(d(r"(?:43[07-9]|99[69]\d)\d{5}|(?:8[7-9]|98)\d{7}",&[8,9]))] },
    M { id: "BH", cc: 973, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[136-9]\d{7}",&[8]), loc: &[], t: [Some(d(r"(?:87|9[0-8])\d{6}",&[8])), Some(d(r"8[02369]\d{6}",&[8])), Some(d(r"84\d{6}",&[8])), None, None, None, None, None, Some(d(r"(?:1(?:3[1356]|6[0156]|7\d)\d|6(?:1[16]\d|500|6(?:0\d|3[12]|44|55|7[7-9]|88)|9[69][69])|7(?:[07]\d\d|1(?:11|78)))\d{4}",&[8])), Some(d(r"(?:3(?:[0-79]\d|8[0-57-9])\d|6(?:3(?:00|33|6[16])|441|6(?:3[03-9]|[69]\d|7[0-689])))\d{4}",&[8]))] },
    M { id: "BI", cc: 257, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[267]\d|31)\d{6}",&[8]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:22|31)\d{6}",&[8])), Some(d(r"(?:29|6[1-9]|7[125-9])\d{6}",&[8]))] },
    M { id: "BJ", cc: 229, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"01\d{8}",&[10]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"012\d{7}",&[10])), Some(d(r"01(?:2[5-9]|[4-69]\d)\d{6}",&[10]))] },
    M { id: "BL", cc: 590, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"7090\d{5}|(?:[56]9|[89]\d)\d{7}",&[9]), loc: &[], t: [Some(d(r"8[129]\d{7}",&[9])), Some(d(r"80[0-5]\d{6}",&[9])), None, Some(d(r"9(?:(?:39[5-7]|76[018])\d|475[0-6])\d{4}",&[9])), None, None, None, None, Some(d(r"(?:59(?:0(?:2[7-9]|3[3-7]|5[12]|87)|87\d)|80[6-9]\d\d)\d{4}",&[9])), Some(d(r"(?:69(?:0\d\d|1(?:2[2-9]|3[0-5]))|7090[0-4])\d{4}",&[9]))] },
    M { id: "BM", cc: 1, npp: r"([2-9]\d{6})$|1", npt: r"441${1}", ld: r"441", smf: false, g: d(r"(?:441|[58]\d\d|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"441(?:[46]\d\d|5(?:4\d|60|89))\d{4}",&[10])), Some(d(r"441(?:[2378]\d|5[0-39]|9[02])\d{5}",&[10]))] },
    M { id: "BN", cc: 673, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[2-578]\d{6}",&[7]), loc: &[], t: [None, None, None, Some(d(r"5[34]\d{5}",&[7])), None, None, None, None, Some(d(r"22[0-7]\d{4}|(?:2[013-9]|[34]\d|5[0-25-9])\d{5}",&[7])), Some(d(r"(?:22[89]|[78]\d\d)\d{4}",&[7]))] },
    M { id: "BO", cc: 591, npp: r"0(1\d)?", npt: r"", ld: r"", smf: false, g: d(r"(?:[2-7]\d\d|8001)\d{5}",&[8,9]), loc: &[7], t: [None, Some(d(r"8001[07]\d{4}",&[9])), None, Some(d(r"50\d{6}",&[8])), None, None, None, None, Some(d(r"(?:2(?:2\d\d|5(?:11|[258]\d|9[67])|6(?:12|2\d|9[34])|8(?:2[34]|39|62))|3(?:3\d\d|4(?:6\d|8[24])|8(?:25|42|5[257]|86|9[25])|9(?:[27]\d|3[2-4]|4[248]|5[24]|6[2-6]))|4(?:4\d\d|6(?:11|[24689]\d|72)))\d{4}",&[8])), Some(d(r"(?:57|[67]\d)\d{6}",&[8]))] },
    M { id: "BQ", cc: 599, npp: r"", npt: r"", ld: r"[347]", smf: false, g: d(r"(?:[34]1|7\d)\d{5}",&[7]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:318[023]|41(?:6[023]|70)|7(?:1[578]|2[05]|50)\d)\d{3}",&[7])), Some(d(r"(?:31(?:8[14-8]|9[14578])|416[14-9]|7(?:0[01]|7[07]|8\d|9[056])\d)\d{3}",&[7]))] },
    M { id: "BR", cc: 55, npp: r"(?:0|90)(?:(1[245]|2[1-35]|31|4[13]|[56]5|99)(\d{10,11}))?", npt: r"${2}", ld: r"", smf: false, g: d(r"[1-467]\d{9,10}|55[0-46-9]\d{8}|[34]\d{7}|55\d{7,8}|(?:5[0-46-9]|[89]\d)\d{7,9}",&[8,9,10,11]), loc: &[], t: [Some(d(r"[59]00\d{6,7}",&[9,10])), Some(d(r"800\d{6,7}",&[9,10])), Some(d(r"(?:30[03]\d{3}|4(?:0(?:0\d|20)|370|864))\d{4}|300\d{5}",&[8,10])), None, None, None, None, None, Some(d(r"(?:[14689][1-9]|2[12478]|3[1-578]|5[13-5]|7[13-579])[2-5]\d{7}",&[10])), Some(d(r"(?:[14689][1-9]|2[12478]|3[1-578]|5[13-5]|7[13-579])(?:7|9\d)\d{7}",&[10,11]))] },
    M { id: "BS", cc: 1, npp: r"([3-8]\d{6})$|1", npt: r"242${1}", ld: r"242", smf: false, g: d(r"(?:242|[58]\d\d|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"242300\d{4}|8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, Some(d(r"242225\d{4}",&[10])), None, Some(d(r"242(?:3(?:02|[236][1-9]|4[0-24-9]|5[0-68]|7[347]|8[0-4]|9[2-467])|461|502|6(?:0[1-5]|12|2[013]|[45]0|7[67]|8[78]|9[89])|7(?:02|88))\d{4}",&[10])), Some(d(r"242(?:3(?:5[79]|7[56]|95)|4(?:[23][1-9]|4[1-35-9]|5[1-8]|6[2-8]|7\d|81)|5(?:2[45]|3[35]|44|5[1-46-9]|65|77)|6[34]6|7(?:27|38)|8(?:0[1-9]|1[02-9]|2\d|3[0-4]|[89]9))\d{4}",&[10]))] },
    M { id: "BT", cc: 975, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[178]\d{7}|[2-8]\d{6}",&[7,8]), loc: &[6], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:2[3-6]|[34][5-7]|5[236]|6[2-46]|7[246]|8[2-4])\d{5}",&[7])), Some(d(r"(?:1[67]|[78]7)\d{6}",&[8]))] },
    M { id: "BW", cc: 267, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"90\d{5}|(?:0800|[2-6]|(?:7|800)\d)\d{6}",&[7,8,10]), loc: &[], t: [Some(d(r"90\d{5}",&[7])), Some(d(r"(?:0800|800\d)\d{6}",&[10])), None, None, None, None, None, None, Some(d(r"(?:2(?:1[01]|31|[469]\d|5[0-2]|7[5-7]|89)|3(?:[15-79]\d|2[1-5]|45|8[0-5])|4(?:[38]0|42|51|[679]\d)|5(?:[056][01]|1[23]|2[034]|[347-9]\d)|6(?:0[01]|[258]\d|[34]0|6[03]))\d{4}",&[7])), Some(d(r"7(?:[1-8]\d{3}|9(?:(?:[03]\d|2[0-7])\d|1(?:0[13-9]|1[0-35-9]|2\d|3[0-8])))\d{3}",&[8]))] },
    M { id: "BY", cc: 375, npp: r"0|80?", npt: r"", ld: r"", smf: false, g: d(r"(?:[12]\d|33|44|902)\d{7}|8(?:0[0-79]\d{5,7}|[1-7]\d{9})|8(?:1[0-489]|[5-79]\d)\d{7}|8[1-79]\d{6,7}|8[0-79]\d{5}|8\d{5}",&[6,7,8,9,10,11]), loc: &[5], t: [Some(d(r"(?:810|902)\d{7}",&[10])), Some(d(r"800\d{3,7}|8(?:0[13]|20\d)\d{7}",&[6,7,8,9,10,11])), None, Some(d(r"249\d{6}",&[9])), None, None, None, None, Some(d(r"(?:1(?:5(?:1[1-5]|[24]\d|6[2-4]|9[1-7])|6(?:[235]\d|4[1-7])|7\d\d)|2(?:1(?:[246]\d|3[0-35-9]|5[1-9])|2(?:[235]\d|4[0-8])|3(?:[26]\d|3[02-79]|4[024-7]|5[03-7])))\d{5}",&[9])), Some(d(r"(?:2(?:5[5-79]|9[1-9])|(?:33|44)\d)\d{6}",&[9]))] },
    M { id: "BZ", cc: 501, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:0800\d|[2-8])\d{6}",&[7,11]), loc: &[], t: [None, Some(d(r"0800\d{7}",&[11])), None, None, None, None, None, None, Some(d(r"(?:2(?:[02]\d|36|[68]0)|[3-58](?:[02]\d|[68]0)|7(?:[02]\d|32|[68]0))\d{4}",&[7])), Some(d(r"6[0-35-7]\d{5}",&[7]))] },
    M { id: "CA", cc: 1, npp: r"1", npt: r"", ld: r"", smf: true, g: d(r"[2-9]\d{9}|3\d{6}",&[7,10]), loc: &[], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, Some(d(r"600[2-9]\d{6}",&[10])), Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|(?:5(?:2[125-9]|3[23]|44|66|77|88)|6(?:22|33))[2-9]\d{6}",&[10])), None, Some(d(r"310\d{4}",&[7])), None, Some(d(r"(?:2(?:04|[23]6|[48]9|5[07]|[67]3)|3(?:06|43|54|6[578]|82)|4(?:03|1[68]|[26]8|3[178]|50|74)|5(?:06|1[49]|48|79|8[147])|6(?:04|[18]3|39|47|72)|7(?:0[59]|42|53|78|8[02])|8(?:[06]7|19|25|7[39])|9(?:0[25]|42))[2-9]\d{6}",&[10])), None] },
    M { id: "CC", cc: 61, npp: r"([59]\d{7})$|0", npt: r"8${1}", ld: r"", smf: false, g: d(r"1(?:[0-79]\d{8}(?:\d{2})?|8[0-24-9]\d{7})|[148]\d{8}|1\d{5,7}",&[6,7,8,9,10,12]), loc: &[], t: [Some(d(r"190[0-26]\d{6}",&[10])), Some(d(r"180(?:0\d{3}|2)\d{3}",&[7,10])), Some(d(r"13(?:00\d{6}(?:\d{2})?|45[0-4]\d{3})|13\d{4}",&[6,8,10,12])), Some(d(r"14(?:5(?:1[0458]|[23][458])|71\d)\d{4}",&[9])), None, None, None, None, Some(d(r"8(?:51(?:0(?:02|31|60|89)|1(?:18|76)|223)|91(?:0(?:1[0-2]|29)|1(?:[28]2|50|79)|2(?:10|64)|3(?:[06]8|22)|4[29]8|62\d|70[23]|959))\d{3}",&[9])), Some(d(r"4(?:79[01]|83[0-36-9]|9(?:5[0-3]|6[0-4]))\d{5}|4(?:[0-36]\d|4[047-9]|[58][0-24-9]|7[02-8]|9[0-47-9])\d{6}",&[9]))] },
    M { id: "CD", cc: 243, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:(?:[189]|5\d)\d|2)\d{7}|[1-68]\d{6}",&[7,8,9,10]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:(?:12|573)\d\d|276)\d{5}|[1-6]\d{6}",&[7,8,9,10])), Some(d(r"88\d{5}|(?:8[0-79]|9[016-9])\d{7}",&[7,9]))] },
    M { id: "CF", cc: 236, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"8776\d{4}|(?:[27]\d|61)\d{6}",&[8]), loc: &[], t: [Some(d(r"8776\d{4}",&[8])), None, None, None, None, None, None, None, Some(d(r"(?:2[12]|61)\d{6}",&[8])), Some(d(r"7[02-7]\d{6}",&[8]))] },
    M { id: "CG", cc: 242, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"222\d{6}|(?:0\d|80)\d{7}",&[9]), loc: &[], t: [Some(d(r"80[0-2]\d{6}",&[9])), None, None, None, None, None, None, None, Some(d(r"222[1-589]\d{5}",&[9])), Some(d(r"026(?:1[0-5]|6[6-9])\d{4}|0(?:[14-6]\d\d|2(?:40|5[5-8]|6[07-9]))\d{5}",&[9]))] },
    M { id: "CH", cc: 41, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"8\d{11}|[2-9]\d{8}",&[9,12]), loc: &[], t: [Some(d(r"90[016]\d{6}",&[9])), Some(d(r"800\d{6}",&[9])), Some(d(r"84[0248]\d{6}",&[9])), None, Some(d(r"878\d{6}",&[9])), Some(d(r"74[0248]\d{6}",&[9])), Some(d(r"5[18]\d{7}",&[9])), Some(d(r"860\d{9}",&[12])), Some(d(r"(?:2[12467]|3[1-4]|4[134]|5[256]|6[12]|[7-9]1)\d{7}",&[9])), Some(d(r"(?:6[89]|7[235-9])\d{7}",&[9]))] },
    M { id: "CI", cc: 225, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[02]\d{9}",&[10]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"2(?:[15]\d{3}|7(?:2(?:0[23]|1[2357]|2[245]|3[45]|4[3-5])|3(?:06|1[69]|[2-6]7)))\d{5}",&[10])), Some(d(r"0[157]\d{8}",&[10]))] },
    M { id: "CK", cc: 682, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[2-578]\d{4}",&[5]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:2\d|3[13-7]|4[1-5])\d{3}",&[5])), Some(d(r"[578]\d{4}",&[5]))] },
    M { id: "CL", cc: 56, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"12300\d{6}|6\d{9,10}|[2-9]\d{8}",&[9,10,11]), loc: &[], t: [None, Some(d(r"(?:123|8)00\d{6}",&[9,11])), Some(d(r"600\d{7,8}",&[10,11])), Some(d(r"44\d{7}",&[9])), None, None, None, None, Some(d(r"2(?:1982[0-6]|3314[05-9])\d{3}|(?:2(?:1(?:160|962)|3(?:(?:[24]\d|50)\d|3(?:[0346-9]\d|1[0-35-9]|2[1-9]|5[0-24-9])|600)|646[59])|(?:600|80[1-9])\d\d|9(?:(?:10[0-2]|7[1-9]\d)\d|3(?:[0-57-9]\d\d|6(?:0[02-9]|[1-9]\d))|6(?:[0-8]\d\d|9(?:[02-79]\d|1[05-9]))|9(?:[03-9]\d\d|1(?:[0235-9]\d|4[0-24-9])|2(?:[0-79]\d|8[0-46-9]))))\d{4}|(?:22|3[2-5]|[47][1-35]|5[1-3578]|6[13-57]|8[1-9]|9[2458])\d{7}",&[9])), Some(d(r"2(?:1982[0-6]|3314[05-9])\d{3}|(?:2(?:1(?:160|962)|3(?:(?:[24]\d|50)\d|3(?:[0346-9]\d|1[0-35-9]|2[1-9]|5[0-24-9])|600)|646[59])|80[1-8]\d\d|9(?:(?:10[0-2]|7[1-9]\d)\d|3(?:[0-57-9]\d\d|6(?:0[02-9]|[1-9]\d))|6(?:[0-8]\d\d|9(?:[02-79]\d|1[05-9]))|9(?:[03-9]\d\d|1(?:[0235-9]\d|4[0-24-9])|2(?:[0-79]\d|8[0-46-9]))))\d{4}|(?:22|3[2-5]|[47][1-35]|5[1-3578]|6[13-57]|8[1-9]|9[2458])\d{7}",&[9]))] },
    M { id: "CM", cc: 237, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[26]\d{8}|88\d{6,7}",&[8,9]), loc: &[], t: [None, Some(d(r"88\d{6,7}",&[8,9])), None, None, None, None, None, None, Some(d(r"2(?:22|33)\d{6}",&[9])), Some(d(r"(?:24[23]|6(?:[25-9]\d|4[0-2]))\d{6}",&[9]))] },
    M { id: "CN", cc: 86, npp: r"(1(?:[12]\d|79)\d\d)|0", npt: r"", ld: r"", smf: false, g: d(r"(?:(?:1[03-689]|2\d)\d\d|6)\d{8}|1\d{10}|[126]\d{6}(?:\d(?:\d{2})?)?|86\d{5,6}|(?:[3-579]\d|8[0-57-9])\d{5,9}",&[7,8,9,10,11,12]), loc: &[5,6], t: [Some(d(r"16[08]\d{5}",&[8])), Some(d(r"(?:(?:10|21)8|8)00\d{7}",&[10,12])), Some(d(r"10(?:10\d{4}|96\d{3,4})|400\d{7}|950\d{7,8}|(?:2[0-57-9]|3(?:[15]\d|35|49|7[0-79]|9[1-68])|4(?:1[125-9]|2[179]|[35][1-9]|6[47-9]|7\d|8[23])|5(?:[1357]\d|2[37]|4[36]|6[1-46]|80|9[1-9])|6(?:3[1-35]|6[0238]|9[12])|7(?:01|[1579]\d|2[248]|3[014-9]|4[3-6]|6[023689])|8(?:1[236-8]|2[5-7]|[37]\d|5[14-9]|8[36-8]|9[1-8])|9(?:0[1-3689]|1[1-79]|[379]\d|4[13]|5[1-5]))96\d{3,4}",&[7,8,9,10,11])), None, None, None, None, None, Some(d(r"(?:10(?:[02-79]\d\d|[18](?:0[1-9]|[1-9]\d))|2(?:[02-57-9]\d{3}|1(?:[18](?:0[1-9]|[1-9]\d)|[2-79]\d\d))|9(?:78|94)\d\d)\d{5}|(?:43[35]|754|851)\d{7,8}|(?:10|2[0-57-9])(?:1(?:00|23)\d\d|95\d{3,4})|(?:43[35]|754|851)(?:1(?:00\d|23)\d|95\d{3,4})|9(?:78|94)(?:100\d\d|95\d{3,4})|(?:3(?:11|7[179])|4(?:[15]1|3[12])|5(?:1\d|2[37]|3[12]|51|7[13-79]|9[15])|7(?:[39]1|5[57]|6[09])|8(?:71|98))(?:[02-8]\d{7}|1(?:0(?:0\d\d(?:\d{3})?|[1-9]\d{5})|[13-9]\d{6}|2(?:[0-24-9]\d{5}|3\d(?:\d{4})?))|9(?:[0-46-9]\d{6}|5\d{3}(?:\d(?:\d{2})?)?))|(?:3(?:1[02-9]|35|49|5\d|7[02-6]|9[1-68])|4(?:1[25-9]|2[179]|3[46-9]|5[2-9]|6[47-9]|7\d|8[23])|5(?:3[03-9]|4[36]|5[02-9]|6[1-46]|7[028]|80|9[2-46-9])|6(?:3[1-35]|6[0238]|9[12])|7(?:01|[17]\d|2[248]|3[04-9]|4[3-6]|5[0-3689]|6[2368]|9[02-9])|8(?:1[236-8]|2[5-7]|3\d|5[4-9]|7[02-9]|8[36-8]|9[1-7])|9(?:0[1-3689]|1[1-79]|3\d|4[13]|5[1-5]|7[0-79]|9[0-35-9]))(?:[02-8]\d{6}|1(?:0(?:0\d\d(?:\d{2})?|[1-9]\d{4})|[13-9]\d{5}|2(?:[0-24-9]\d{4}|3\d(?:\d{3})?))|9(?:[0-46-9]\d{5}|5\d{3,5}))",&[7,8,9,10,11])), Some(d(r"1(?:610\d|740[0-5])\d{6}|1(?:[38]\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\d{8}",&[11]))] },
    M { id: "CO", cc: 57, npp: r"0([3579]|4(?:[14]4|56))?", npt: r"", ld: r"", smf: false, g: d(r"(?:46|60\d\d)\d{6}|(?:1\d|[39])\d{9}",&[8,10,11]), loc: &[4,7], t: [Some(d(r"(?:19(?:0[01]|4[78])|901)\d{7}",&[10,11])), Some(d(r"1800\d{7}",&[11])), None, None, None, None, None, None, Some(d(r"601055(?:[0-4]\d|50)\d\d|6010(?:[0-4]\d|5[0-4])\d{4}|(?:46|60(?:[18][1-9]|[24-7][2-9]))\d{6}",&[8,10])), Some(d(r"333301[0-5]\d{3}|3333(?:00|2[5-9]|[3-9]\d)\d{4}|(?:3(?:24[1-9]|3(?:00|3[0-24-9]))|9408)\d{6}|3(?:0[0-5]|1\d|2[0-3]|5[01]|70)\d{7}",&[10]))] },
    M { id: "CR", cc: 506, npp: r"(19(?:0[0-2468]|1[09]|20|66|77|99))", npt: r"", ld: r"", smf: false, g: d(r"(?:8\d|90)\d{8}|(?:[24-8]\d{3}|3005)\d{4}",&[8,10]), loc: &[], t: [Some(d(r"90[059]\d{7}",&[10])), Some(d(r"800\d{7}",&[10])), None, Some(d(r"(?:2(?:00[0-3]|10[0-6])|4\d{3}|5100)\d{4}",&[8])), None, None, None, None, Some(d(r"2(?:010|1(?:0[7-9]|[1-9]\d)|[24-7]\d\d)\d{4}",&[8])), Some(d(r"(?:3005\d|6500[01])\d{3}|(?:5[07]|6[0-4]|7[0-3]|8[3-9])\d{6}",&[8]))] },
    M { id: "CU", cc: 53, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[2-7]|8\d\d)\d{7}|[2-47]\d{6}|[34]\d{5}",&[6,7,8,10]), loc: &[4,5], t: [None, Some(d(r"800\d{7}",&[10])), Some(d(r"807\d{7}",&[10])), None, None, None, None, None, Some(d(r"(?:3[23]|4[89])\d{4,6}|(?:31|4[36]|8(?:0[25]|78)\d)\d{6}|(?:2[1-4]|4[1257]|7\d)\d{5,6}",&[6,7,8,10])), Some(d(r"(?:5\d|6[2-4])\d{6}",&[8]))] },
    M { id: "CV", cc: 238, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[2-59]\d\d|800)\d{4}",&[7]), loc: &[], t: [None, Some(d(r"800\d{4}",&[7])), None, Some(d(r"(?:3[3-5]|4[356])\d{5}",&[7])), None, None, None, None, Some(d(r"2(?:2[1-7]|3[0-8]|4[12]|5[1256]|6\d|7[1-3]|8[1-5])\d{4}",&[7])), Some(d(r"(?:36|5[1-37-9]|9\d)\d{5}",&[7]))] },
    M { id: "CW", cc: 599, npp: r"", npt: r"", ld: r"[69]", smf: false, g: d(r"(?:[34]1|60|(?:7|9\d)\d)\d{5}",&[7,8]), loc: &[], t: [None, None, Some(d(r"60[0-2]\d{4}",&[7])), None, None, Some(d(r"955\d{5}",&[8])), None, None, Some(d(r"9(?:4(?:3[0-5]|4[14]|6\d)|50\d|7(?:2[014]|3[02-9]|4[4-9]|6[357]|77|8[7-9])|8(?:3[39]|[46]\d|7[01]|8[57-9]))\d{4}",&[7,8])), Some(d(r"953[01]\d{4}|9(?:5[12467]|6[5-9])\d{5}",&[7,8]))] },
    M { id: "CX", cc: 61, npp: r"([59]\d{7})$|0", npt: r"8${1}", ld: r"", smf: false, g: d(r"1(?:[0-79]\d{8}(?:\d{2})?|8[0-24-9]\d{7})|[148]\d{8}|1\d{5,7}",&[6,7,8,9,10,12]), loc: &[], t: [Some(d(r"190[0-26]\d{6}",&[10])), Some(d(r"180(?:0\d{3}|2)\d{3}",&[7,10])), Some(d(r"13(?:00\d{6}(?:\d{2})?|45[0-4]\d{3})|13\d{4}",&[6,8,10,12])), Some(d(r"14(?:5(?:1[0458]|[23][458])|71\d)\d{4}",&[9])), None, None, None, None, Some(d(r"8(?:51(?:0(?:01|30|59|88)|1(?:17|46|75)|2(?:22|35))|91(?:00[6-9]|1(?:[28]1|49|78)|2(?:09|63)|3(?:12|26|75)|4(?:56|97)|64\d|7(?:0[01]|1[0-2])|958))\d{3}",&[9])), Some(d(r"4(?:79[01]|83[0-36-9]|9(?:5[0-3]|6[0-4]))\d{5}|4(?:[0-36]\d|4[047-9]|[58][0-24-9]|7[02-8]|9[0-47-9])\d{6}",&[9]))] },
    M { id: "CY", cc: 357, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[279]\d|[58]0)\d{6}",&[8]), loc: &[], t: [Some(d(r"90[09]\d{5}",&[8])), Some(d(r"800\d{5}",&[8])), Some(d(r"80[1-9]\d{5}",&[8])), None, Some(d(r"700\d{5}",&[8])), None, Some(d(r"(?:50|77)\d{6}",&[8])), None, Some(d(r"2[2-6]\d{6}",&[8])), Some(d(r"9(?:10|[4-79]\d)\d{5}",&[8]))] },
    M { id: "CZ", cc: 420, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[2-578]\d|60)\d{7}|9\d{8,11}",&[9,10,11,12]), loc: &[], t: [Some(d(r"9(?:0[05689]|76)\d{6}",&[9])), Some(d(r"800\d{6}",&[9])), Some(d(r"8[134]\d{7}",&[9])), Some(d(r"9[17]0\d{6}",&[9])), Some(d(r"70[01]\d{6}",&[9])), None, Some(d(r"9(?:5\d|7[2-4])\d{6}",&[9])), Some(d(r"9(?:3\d{9}|6\d{7,10})",&[9,10,11,12])), Some(d(r"(?:2\d|3[1257-9]|4[16-9]|5[13-9])\d{7}",&[9])), Some(d(r"7060\d{5}|(?:60[1-8]|7(?:0[2-5]|19|[2379]\d))\d{6}",&[9]))] },
    M { id: "DE", cc: 49, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[2579]\d{5,14}|49(?:[34]0|69|8\d)\d\d?|49(?:37|49|60|7[089]|9\d)\d{1,3}|49(?:2[024-9]|3[2-689]|7[1-7])\d{1,8}|(?:1|[368]\d|4[0-8])\d{3,13}|49(?:[015]\d|2[13]|31|[46][1-8])\d{1,9}",&[4,5,6,7,8,9,10,11,12,13,14,15]), loc: &[2,3], t: [Some(d(r"(?:137[7-9]|900(?:[135]|9\d))\d{6}",&[10,11])), Some(d(r"800\d{7,12}",&[10,11,12,13,14,15])), Some(d(r"180\d{5,11}|13(?:7[1-6]\d\d|8)\d{4}",&[7,8,9,10,11,12,13,14])), None, Some(d(r"700\d{8}",&[11])), Some(d(r"16(?:4\d{1,10}|[89]\d{1,11})",&[4,5,6,7,8,9,10,11,12,13,14])), Some(d(r"18(?:1\d{5,11}|[2-9]\d{8})",&[8,9,10,11,12,13,14])), Some(d(r"1(?:6(?:013|255|399)|7(?:(?:[015]1|[69]3)3|[2-4]55|[78]99))\d{7,8}|15(?:(?:[03-68]00|113)\d|2\d55|7\d99|9\d33)\d{7}",&[12,13])), Some(d(r"32\d{9,11}|49[1-6]\d{10}|322\d{6}|49[0-7]\d{3,9}|(?:[34]0|[68]9)\d{3,13}|(?:2(?:0[1-689]|[1-3569]\d|4[0-8]|7[1-7]|8[0-7])|3(?:[3569]\d|4[0-79]|7[1-7]|8[1-8])|4(?:1[02-9]|[2-48]\d|5[0-6]|6[0-8]|7[0-79])|5(?:0[2-8]|[124-6]\d|[38][0-8]|[79][0-7])|6(?:0[02-9]|[1-358]\d|[47][0-8]|6[1-9])|7(?:0[2-8]|1[1-9]|[27][0-7]|3\d|[4-6][0-8]|8[0-5]|9[013-7])|8(?:0[2-9]|1[0-79]|2\d|3[0-46-9]|4[0-6]|5[013-9]|6[1-8]|7[0-8]|8[0-24-6])|9(?:0[6-9]|[1-4]\d|[589][0-7]|6[0-8]|7[0-467]))\d{3,12}",&[5,6,7,8,9,10,11,12,13,14,15])), Some(d(r"1(?:6[023]|7\d)\d{7,8}|15(?:[0-25-9]\d\d|3(?:10|33)|410)\d{6}",&[10,11]))] },
    M { id: "DJ", cc: 253, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:2\d|77)\d{6}",&[8]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"2(?:1[2-5]|7[45])\d{5}",&[8])), Some(d(r"77\d{6}",&[8]))] },
    M { id: "DK", cc: 45, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[2-9]\d{7}",&[8]), loc: &[], t: [Some(d(r"90\d{6}",&[8])), Some(d(r"80\d{6}",&[8])), None, None, None, None, None, None, Some(d(r"(?:2(?:[0-59][1-9]|[6-8]\d)|3(?:[0-3][1-9]|4[13]|5[1-58]|6[1347-9]|8[1-8]|9[1-79])|4(?:[0-25][1-9]|[34][2-9]|6[13-579]|7[13579]|8[1-47]|9[127])|5(?:[0-36][1-9]|4[146-9]|5[3-57-9]|7[568]|8[1-358]|9[1-69])|6(?:[0135][1-9]|2[1-68]|4[2-8]|6[1689]|[78]\d|9[15689])|7(?:[0-69][1-9]|7[3-9]|8[147])|8(?:[16-9][1-9]|2[1-58])|9(?:[1-47-9][1-9]|6\d))\d{5}",&[8])), Some(d(r"(?:2[6-8]|6[78]|96)\d{6}|(?:2[0-59]|3[0-689]|[457]\d|6[0-69]|8[126-9]|9[1-47-9])[1-9]\d{5}",&[8]))] },
    M { id: "DM", cc: 1, npp: r"([2-7]\d{6})$|1", npt: r"767${1}", ld: r"767", smf: false, g: d(r"(?:[58]\d\d|767|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"767(?:2(?:55|66)|4(?:2[01]|4[0-25-9])|50[0-4])\d{4}",&[10])), Some(d(r"767(?:2(?:[2-4689]5|7[5-7])|31[5-7]|61[1-8]|70[1-6])\d{4}",&[10]))] },
    M { id: "DO", cc: 1, npp: r"1", npt: r"", ld: r"8001|8[024]9", smf: false, g: d(r"(?:[58]\d\d|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"800(?:14|[2-9]\d)\d{5}|8[024]9[01]\d{6}|8(?:33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"8(?:[04]9[2-9]\d\d|29(?:2(?:[0-59]\d|6[04-9]|7[0-27]|8[0237-9])|3(?:[0-35-9]\d|4[7-9])|[45]\d\d|6(?:[0-27-9]\d|[3-5][1-9]|6[0135-8])|7(?:0[013-9]|[1-37]\d|4[1-35689]|5[1-4689]|6[1-57-9]|8[1-79]|9[1-8])|8(?:0[146-9]|1[0-48]|[248]\d|3[1-79]|5[01589]|6[013-68]|7[124-8]|9[0-8])|9(?:[0-24]\d|3[02-46-9]|5[0-79]|60|7[0169]|8[57-9]|9[02-9])))\d{4}",&[10])), Some(d(r"8[024]9[2-9]\d{6}",&[10]))] },
    M { id: "DZ", cc: 213, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[1-4]|[5-79]\d|80)\d{7}",&[8,9]), loc: &[], t: [Some(d(r"80[3-689]1\d{5}",&[9])), Some(d(r"800\d{6}",&[9])), Some(d(r"80[12]1\d{5}",&[9])), Some(d(r"98[23]\d{6}",&[9])), None, None, None, None, Some(d(r"9619\d{5}|(?:[1-3]\d|4[013-689])\d{6}",&[8,9])), Some(d(r"5(?:4[0-29]|6[0-4])\d{6}|(?:55|6\d|7[7-9])\d{7}",&[9]))] },
    M { id: "EC", cc: 593, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"1\d{9,10}|(?:[2-7]|9\d)\d{7}",&[8,9,10,11]), loc: &[7], t: [None, Some(d(r"1800\d{7}|1[78]00\d{6}",&[10,11])), None, Some(d(r"[2-7]890\d{4}",&[8])), None, None, None, None, Some(d(r"[2-7][2-7]\d{6}",&[8])), Some(d(r"964[0-2]\d{5}|9(?:3[0-29]|[57][89]|6[0-36-9]|[89]\d)\d{6}",&[9]))] },
    M { id: "EE", cc: 372, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"8\d{9}|[4578]\d{7}|(?:[3-8]\d|90)\d{5}",&[7,8,10]), loc: &[], t: [Some(d(r"(?:40\d\d|900)\d{4}",&[7,8])), Some(d(r"800(?:(?:0\d\d|1)\d|[2-9])\d{3}",&[7,8,10])), None, None, Some(d(r"70[0-2]\d{5}",&[8])), None, None, None, Some(d(r"(?:3[23589]|4[3-8]|6\d|7[1-9]|88)\d{5}",&[7])), Some(d(r"(?:5\d{5}|8(?:1(?:0(?:0(?:00|[178]\d)|[3-9]\d\d)|(?:1(?:0[2-6]|1\d)|[2-79]\d\d)\d)|2(?:0(?:0(?:00|4\d)|[1-7]\d\d)|(?:(?:[124-69]\d|3[5-9])\d|7(?:[0-79]\d|8[013-9])|8(?:[2-6]\d|7[01]))\d)|[349]\d{4}))\d\d|5(?:(?:[02]\d|5[0-478])\d|1(?:[0-8]\d|95)|6(?:4[0-4]|5[1-589]))\d{3}",&[7,8]))] },
    M { id: "EG", cc: 20, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[189]\d{8,9}|[24-6]\d{8}|[135]\d{7}",&[8,9,10]), loc: &[6,7], t: [Some(d(r"900\d{7}",&[10])), Some(d(r"800\d{7}",&[10])), None, None, None, None, None, None, Some(d(r"13[23]\d{6}|(?:15|57)\d{6,7}|(?:2\d|3|4[05-8]|5[05]|6[24-689]|8[2468]|9[235-7])\d{7}",&[8,9])), Some(d(r"1[0-25]\d{8}",&[10]))] },
    M { id: "EH", cc: 212, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[5-8]\d{8}",&[9]), loc: &[], t: [Some(d(r"89\d{7}",&[9])), Some(d(r"80[0-7]\d{6}",&[9])), None, Some(d(r"(?:592(?:4[0-2]|93)|80[89]\d\d)\d{4}",&[9])), None, None, None, None, Some(d(r"528[89]\d{5}",&[9])), Some(d(r"(?:6(?:[0-79]\d|8[0-247-9])|7(?:[016-8]\d|2[0-8]|3[01]|5[0-5]))\d{6}",&[9]))] },
    M { id: "ER", cc: 291, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[178]\d{6}",&[7]), loc: &[6], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:1(?:1[12568]|[24]0|55|6[146])|8\d\d)\d{4}",&[7])), Some(d(r"(?:17[1-3]|7\d\d)\d{4}",&[7]))] },
    M { id: "ES", cc: 34, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"400\d{6}|(?:51|[6-9]\d)\d{7}",&[9]), loc: &[], t: [Some(d(r"80[367]\d{6}",&[9])), Some(d(r"[89]00\d{6}",&[9])), Some(d(r"90[12]\d{6}",&[9])), None, Some(d(r"70\d{7}",&[9])), None, Some(d(r"51\d{7}",&[9])), None, Some(d(r"96906(?:0[0-8]|1[1-9]|[2-9]\d)\d\d|9(?:69(?:0[0-57-9]|[1-9]\d)|73(?:[0-8]\d|9[1-9]))\d{4}|(?:400|8(?:[1356]\d|[28][0-8]|[47][1-9])|9(?:[135]\d|[268][0-8]|4[1-9]|7[124-9]))\d{6}",&[9])), Some(d(r"9(?:6906(?:09|10)|7390\d\d)\d\d|(?:6\d|7[1-48])\d{7}",&[9]))] },
    M { id: "ET", cc: 251, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:11|[2-57-9]\d)\d{7}",&[9]), loc: &[7], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:11(?:[124]\d\d|3(?:[0-79]\d|8[0-7])|5(?:[02-9]\d|1[0-57-9])|6(?:[02-79]\d|1[0-57-9]|8[0-8]))|2(?:2(?:11[1-9]|22[0-7]|33\d|44[1467]|66[1-68])|5(?:11[124-6]|33[2-8]|44[1467]|55[14]|66[1-3679]|77[124-79]|880))|3(?:3(?:11[0-46-8]|(?:22|55)[0-6]|33[0134689]|44[04]|66[01467])|4(?:44[0-8]|55[0-69]|66[0-3]|77[1-5]))|4(?:6(?:119|22[0-24-7]|33[1-5]|44[13-69]|55[14-689]|660|88[1-4])|7(?:(?:11|22)[1-9]|33[13-7]|44[13-6]|55[1-689]))|5(?:7(?:227|55[05]|(?:66|77)[14-8])|8(?:11[149]|22[013-79]|33[0-68]|44[013-8]|550|66[1-5]|77\d)))\d{4}",&[9])), Some(d(r"(?:7(?:[03]\d|1[0-8]|2[1-35-79]|77|86|99)|(?:8[01]|9\d)\d)\d{6}",&[9]))] },
    M { id: "FI", cc: 358, npp: r"0", npt: r"", ld: r"1[03-79]|[2-9]", smf: false, g: d(r"[1-35689]\d{4}|7\d{10,11}|(?:[124-7]\d|3[0-46-9])\d{8}|[1-9]\d{5,8}",&[5,6,7,8,9,10,11,12]), loc: &[], t: [Some(d(r"[67]00\d{5,6}",&[8,9])), Some(d(r"800\d{4,6}",&[7,8,9])), None, None, None, None, Some(d(r"20\d{4,8}|60[12]\d{5,6}|7(?:099\d{4,5}|5[03-9]\d{3,7})|20[2-59]\d\d|(?:606|7(?:0[78]|1|3\d))\d{7}|(?:10|29|3[09]|70[1-5]\d)\d{4,8}",&[5,6,7,8,9,10,11,12])), None, Some(d(r"1[3-7][1-8]\d{3,6}|(?:19[1-8]|[23568][1-8]\d|9(?:00|[1-8]\d))\d{2,6}",&[5,6,7,8,9])), Some(d(r"(?:4[0-8]|50)\d{4,8}",&[6,7,8,9,10]))] },
    M { id: "FJ", cc: 679, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"45\d{5}|(?:0800\d|[235-9])\d{6}",&[7,11]), loc: &[], t: [None, Some(d(r"0800\d{7}",&[11])), None, None, None, None, None, None, Some(d(r"603\d{4}|(?:3[0-6]|6[25-7]|8[58])\d{5}",&[7])), Some(d(r"(?:[279]\d|45|5[01568]|8[034679])\d{5}",&[7]))] },
    M { id: "FK", cc: 500, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[2-7]\d{4}",&[5]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"[2-47]\d{4}",&[5])), Some(d(r"[56]\d{4}",&[5]))] },
    M { id: "FM", cc: 691, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[39]\d\d|820)\d{4}",&[7]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"31(?:00[67]|208|309)\d\d|(?:3(?:[2357]0[1-9]|602|804|905)|(?:820|9[2-6]\d)\d)\d{3}",&[7])), Some(d(r"31(?:00[67]|208|309)\d\d|(?:3(?:[2357]0[1-9]|602|804|905)|(?:820|9[2-7]\d)\d)\d{3}",&[7]))] },
    M { id: "FO", cc: 298, npp: r"(10(?:01|[12]0|88))", npt: r"", ld: r"", smf: false, g: d(r"[2-9]\d{5}",&[6]), loc: &[], t: [Some(d(r"90(?:[13-5][15-7]|2[125-7]|9\d)\d\d",&[6])), Some(d(r"80[257-9]\d{3}",&[6])), None, Some(d(r"6[0-36]\d{4}",&[6])), None, None, None, None, Some(d(r"(?:20|[34]\d|8[19])\d{4}",&[6])), Some(d(r"(?:[27][1-9]|5\d|9[16])\d{4}",&[6]))] },
    M { id: "FR", cc: 33, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[1-9]\d{8}",&[9]), loc: &[], t: [Some(d(r"836(?:0[0-36-9]|[1-9]\d)\d{4}|8(?:1[2-9]|2[2-47-9]|3[0-57-9]|[569]\d|8[0-35-9])\d{6}",&[9])), Some(d(r"80[0-5]\d{6}",&[9])), Some(d(r"8(?:1[01]|2[0156]|4[024]|84)\d{6}",&[9])), Some(d(r"9\d{8}",&[9])), None, None, Some(d(r"80[6-9]\d{6}",&[9])), None, Some(d(r"(?:26[013-9]|59[1-35-9])\d{6}|(?:[13]\d|2[0-57-9]|4[1-9]|5[0-8])\d{7}",&[9])), Some(d(r"(?:6(?:[0-24-8]\d|3[0-8]|9[589])|7[3-9]\d)\d{6}",&[9]))] },
    M { id: "GA", cc: 241, npp: r"0(11\d{6}|60\d{6}|61\d{6}|6[256]\d{6}|7[467]\d{6})", npt: r"${1}", ld: r"", smf: false, g: d(r"(?:[067]\d|11)\d{6}|[2-7]\d{6}",&[7,8]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"[01]1\d{6}",&[8])), Some(d(r"(?:(?:0[2-7]|7[467])\d|6(?:0[0-4]|10|[256]\d))\d{5}|[2-7]\d{6}",&[7,8]))] },
    M { id: "GB", cc: 44, npp: r"0|180020", npt: r"", ld: r"", smf: false, g: d(r"[1-357-9]\d{9}|[18]\d{8}|8\d{6}",&[7,9,10]), loc: &[4,5,6,8], t: [Some(d(r"(?:8(?:4[2-5]|7[0-3])|9(?:[01]\d|8[2-49]))\d{7}|845464\d",&[7,10])), Some(d(r"80[08]\d{7}|800\d{6}|8001111",&[7,9,10])), None, Some(d(r"56\d{8}",&[10])), Some(d(r"70\d{8}",&[10])), Some(d(r"76(?:464|652)\d{5}|76(?:0[0-28]|2[356]|34|4[01347]|5[49]|6[0-369]|77|8[14]|9[139])\d{6}",&[10])), Some(d(r"(?:3[0347]|55)\d{8}",&[10])), None, Some(d(r"(?:1(?:1(?:3(?:[0-58]\d\d|73[0-5])|4(?:(?:[0-5]\d|70)\d|69[7-9])|(?:(?:5[0-26-9]|[78][0-49])\d|6(?:[0-4]\d|5[01]))\d)|(?:2(?:(?:0[024-9]|2[3-9]|3[3-79]|4[1-689]|[58][02-9]|6[0-47-9]|7[013-9]|9\d)\d|1(?:[0-7]\d|8[0-3]))|(?:3(?:0\d|1[0-8]|[25][02-9]|3[02-579]|[468][0-46-9]|7[1-35-79]|9[2-578])|4(?:0[03-9]|[137]\d|[28][02-57-9]|4[02-69]|5[0-8]|[69][0-79])|5(?:0[1-35-9]|[16]\d|2[024-9]|3[015689]|4[02-9]|5[03-9]|7[0-35-9]|8[0-468]|9[0-57-9])|6(?:0[034689]|1\d|2[0-35689]|[38][013-9]|4[1-467]|5[0-69]|6[13-9]|7[0-8]|9[0-24578])|7(?:0[0246-9]|2\d|3[0236-8]|4[03-9]|5[0-46-9]|6[013-9]|7[0-35-9]|8[024-9]|9[02-9])|8(?:0[35-9]|2[1-57-9]|3[02-578]|4[0-578]|5[124-9]|6[2-69]|7\d|8[02-9]|9[02569])|9(?:0[02-589]|[18]\d|2[02-689]|3[1-57-9]|4[2-9]|5[0-579]|6[2-47-9]|7[0-24578]|9[2-57]))\d)\d)|2(?:0[013478]|3[0189]|4[017]|8[0-46-9]|9[0-2])\d{3})\d{4}|1(?:2(?:0(?:46[1-4]|87[2-9])|545[1-79]|76(?:2\d|3[1-8]|6[1-6])|9(?:7(?:2[0-4]|3[2-5])|8(?:2[2-8]|7[0-47-9]|8[3-5])))|3(?:6(?:38[2-5]|47[23])|8(?:47[04-9]|64[0157-9]))|4(?:044[1-7]|20(?:2[23]|8\d)|6(?:0(?:30|5[2-57]|6[1-8]|7[2-8])|140)|8(?:052|87[1-3]))|5(?:2(?:4(?:3[2-79]|6\d)|76\d)|6(?:26[06-9]|686))|6(?:06(?:4\d|7[4-79])|295[5-7]|35[34]\d|47(?:24|61)|59(?:5[08]|6[67]|74)|9(?:55[0-4]|77[23]))|7(?:26(?:6[13-9]|7[0-7])|(?:442|688)\d|50(?:2[0-3]|[3-68]2|76))|8(?:27[56]\d|37(?:5[2-5]|8[239])|843[2-58])|9(?:0(?:0(?:6[1-8]|85)|52\d)|3583|4(?:66[1-8]|9(?:2[01]|81))|63(?:23|3[1-4])|9561))\d{3}",&[9,10])), Some(d(r"7(?:457[0-57-9]|700[01]|911[028])\d{5}|7(?:[1-3]\d\d|4(?:[0-46-9]\d|5[0-689])|5(?:0[0-8]|[13-9]\d|2[0-35-9])|7(?:0[1-9]|[1-7]\d|8[02-9]|9[0-689])|8(?:[014-9]\d|[23][0-8])|9(?:[024-9]\d|1[02-9]|3[0-689]))\d{6}",&[10]))] },
    M { id: "GD", cc: 1, npp: r"([2-9]\d{6})$|1", npt: r"473${1}", ld: r"473", smf: false, g: d(r"(?:473|[58]\d\d|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"473(?:2(?:3[0-2]|69)|3(?:2[89]|86)|4(?:[06]8|3[5-9]|4[0-4]|5[59]|73|90)|63[68]|7(?:58|84)|800|938)\d{4}",&[10])), Some(d(r"473(?:4(?:0[2-79]|1[04-9]|2[0-5]|49|5[6-8])|5(?:2[01]|3[3-8])|901)\d{4}",&[10]))] },
    M { id: "GE", cc: 995, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[3-57]\d\d|800)\d{6}",&[9]), loc: &[6,7], t: [None, Some(d(r"800\d{6}",&[9])), None, Some(d(r"70[67]\d{6}",&[9])), None, None, None, None, Some(d(r"(?:3(?:[256]\d|4[124-9]|7[0-4])|4(?:1\d|2[2-7]|3[1-79]|4[2-8]|7[239]|9[1-7]))\d{6}",&[9])), Some(d(r"5(?:(?:(?:0555|1(?:[17]77|555))[5-9]|757(?:7[7-9]|8[01]))\d|22252[0-4])\d\d|5(?:0(?:0(?:1[09]|70)|505)|1(?:0[01]0|1(?:07|33|51))|2(?:0[02]0|2[25]2)|3(?:0[03]0|3[35]3)|4(?:0[04]0|411)|5222|9000)[0-4]\d{3}|(?:5(?:0(?:0(?:0\d|1[12]|2[02]|3[0-6]|4[04]|5[05]|77|88|9[09])|(?:[14]\d|77)\d|22[02]|888)|1(?:1(?:[03][01]|[124]\d|5[02-6]|7[0-6])|4\d\d)|2(?:228|555)|3555|4(?:4(?:[02-9]\d|14)|555)|5(?:[0157-9]\d\d|200|333|4(?:44|55))|6[89]\d\d|7(?:(?:[0147-9]\d|22)\d|5(?:00|[57]5))|8(?:0(?:[018]\d|2[0-4])|5(?:55|8[89])|8(?:55|88))|9(?:090|[1-35-9]\d\d))|790\d\d)\d{4}",&[9]))] },
    M { id: "GF", cc: 594, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:694\d|7093)\d{5}|(?:59|[89]\d)\d{7}",&[9]), loc: &[], t: [Some(d(r"8[129]\d{7}",&[9])), Some(d(r"80[0-5]\d{6}",&[9])), None, Some(d(r"9(?:(?:396|76\d)\d|476[0-6])\d{4}",&[9])), None, None, None, None, Some(d(r"(?:59(?:4(?:[02-49]\d|1[0-5]|5[6-9]|6[0-3]|80)|88\d)|80[6-9]\d\d)\d{4}",&[9])), Some(d(r"(?:694(?:[0-249]\d|3[0-8])|7093[0-3])\d{4}",&[9]))] },
    M { id: "GG", cc: 44, npp: r"([25-9]\d{5})$|0|180020", npt: r"1481${1}", ld: r"", smf: false, g: d(r"(?:1481|[357-9]\d{3})\d{6}|8\d{6}(?:\d{2})?",&[7,9,10]), loc: &[6], t: [Some(d(r"(?:8(?:4[2-5]|7[0-3])|9(?:[01]\d|8[0-3]))\d{7}|845464\d",&[7,10])), Some(d(r"80[08]\d{7}|800\d{6}|8001111",&[7,9,10])), None, Some(d(r"56\d{8}",&[10])), Some(d(r"70\d{8}",&[10])), Some(d(r"76(?:464|652)\d{5}|76(?:0[0-28]|2[356]|34|4[01347]|5[49]|6[0-369]|77|8[14]|9[139])\d{6}",&[10])), Some(d(r"(?:3[0347]|55)\d{8}",&[10])), None, Some(d(r"1481[25-9]\d{5}",&[10])), Some(d(r"7(?:(?:781|839)\d|911[17])\d{5}",&[10]))] },
    M { id: "GH", cc: 233, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[235]\d{8}|800\d{5,6}",&[8,9]), loc: &[7], t: [None, Some(d(r"800\d{5,6}",&[8,9])), None, None, None, None, None, None, Some(d(r"3(?:181[0-5]|285[0-7]|3810)\d{4}|3(?:0(?:[237-9]\d|60)|[167](?:2[0-6]|7\d|80)|2(?:2[0-5]|7\d|8[0-4])|3(?:2[0-3]|7\d|80)|4(?:2[013-9]|3[01]|7\d|80)|5(?:2[0-7]|7\d|80)|8(?:2[0-2]|7\d|80)|9(?:[28]0|7\d))\d{5}",&[9])), Some(d(r"(?:2(?:[0346-9]\d|5[67])|5(?:[03-7]\d|9[1-9]))\d{6}",&[9]))] },
    M { id: "GI", cc: 350, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[25]\d|60)\d{6}",&[8]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"2190[0-2]\d{3}|2(?:0(?:[02]\d|3[01])|16[24-9]|2[2-5]\d)\d{4}",&[8])), Some(d(r"5251[0-4]\d{3}|(?:5(?:[146-8]\d\d|250)|60(?:1[01]|6\d))\d{4}",&[8]))] },
    M { id: "GL", cc: 299, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:19|[2-689]\d|70)\d{4}",&[6]), loc: &[], t: [None, Some(d(r"80\d{4}",&[6])), None, Some(d(r"3[89]\d{4}",&[6])), None, None, None, None, Some(d(r"(?:19|3[1-7]|[68][1-9]|70|9\d)\d{4}",&[6])), Some(d(r"[245]\d{5}",&[6]))] },
    M { id: "GM", cc: 220, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[48]\d{8}|[2-9]\d{6}",&[7,9]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:4(?:[23]\d\d|4(?:1[024679]|(?:4(?:[237-9]\d|4[14-9])|8[0-389]\d)\d|5(?:5(?:3\d|4[0-7])|[67]\d\d)))|5(?:5(?:3\d|4[0-7])|6[67]\d|7(?:1[04]|2[035]|3[58]|48))|8[0-389]\d\d)\d{3}|44[6-9]\d{4}",&[7,9])), Some(d(r"(?:(?:[23679]\d|4[015]|8(?:(?:3[35]|6[68]|99)\d|7(?:[27]\d|4[015])))\d|5(?:[0-489]\d|56))\d{4}|8[4-7]\d{5}",&[7,9]))] },
    M { id: "GN", cc: 224, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"722\d{6}|(?:3|6\d)\d{7}",&[8,9]), loc: &[], t: [None, None, None, Some(d(r"722\d{6}",&[9])), None, None, None, None, Some(d(r"3(?:0(?:24|3[12]|4[1-35-7]|5[13]|6[189]|[78]1|9[1478])|1\d\d)\d{4}",&[8])), Some(d(r"6[0-356]\d{7}",&[9]))] },
    M { id: "GP", cc: 590, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"7090\d{5}|(?:[56]9|[89]\d)\d{7}",&[9]), loc: &[], t: [Some(d(r"8[129]\d{7}",&[9])), Some(d(r"80[0-5]\d{6}",&[9])), None, Some(d(r"9(?:(?:39[5-7]|76[018])\d|475[0-6])\d{4}",&[9])), None, None, None, None, Some(d(r"(?:59(?:0(?:0[1-68]|[14][0-24-9]|2[0-68]|3[1-9]|5[3-579]|[68][0-689]|7[08]|9\d)|87\d)|80[6-9]\d\d)\d{4}",&[9])), Some(d(r"(?:69(?:0\d\d|1(?:2[2-9]|3[0-5]))|7090[0-4])\d{4}",&[9]))] },
    M { id: "GQ", cc: 240, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"222\d{6}|(?:3\d|55|[89]0)\d{7}",&[9]), loc: &[], t: [Some(d(r"90\d[1-9]\d{5}",&[9])), Some(d(r"80\d[1-9]\d{5}",&[9])), None, None, None, None, None, None, Some(d(r"33[0-24-9]\d[46]\d{4}|3(?:33|5\d)\d[7-9]\d{4}",&[9])), Some(d(r"(?:222|55\d)\d{6}",&[9]))] },
    M { id: "GR", cc: 30, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"5005000\d{3}|8\d{9,11}|(?:[269]\d|70)\d{8}",&[10,11,12]), loc: &[], t: [Some(d(r"90[19]\d{7}",&[10])), Some(d(r"800\d{7,9}",&[10,11,12])), Some(d(r"8(?:0[16]|12|[27]5|50)\d{7}",&[10])), None, Some(d(r"70\d{8}",&[10])), None, Some(d(r"5005000\d{3}",&[10])), None, Some(d(r"2(?:1\d\d|2(?:2[1-46-9]|[36][1-8]|4[1-7]|5[1-4]|7[1-5]|[89][1-9])|3(?:1\d|2[1-57]|[35][1-3]|4[13]|7[1-7]|8[124-6]|9[1-79])|4(?:1\d|2[1-8]|3[1-4]|4[13-5]|6[1-578]|9[1-5])|5(?:1\d|[29][1-4]|3[1-5]|4[124]|5[1-6])|6(?:1\d|[269][1-6]|3[1245]|4[1-7]|5[13-9]|7[14]|8[1-5])|7(?:1\d|2[1-5]|3[1-6]|4[1-7]|5[1-57]|6[135]|9[125-7])|8(?:1\d|2[1-5]|[34][1-4]|9[1-57]))\d{6}",&[10])), Some(d(r"68[57-9]\d{7}|(?:69|94)\d{8}",&[10]))] },
    M { id: "GT", cc: 502, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"80\d{6}|(?:1\d{3}|[2-7])\d{7}",&[8,11]), loc: &[], t: [Some(d(r"19\d{9}",&[11])), Some(d(r"18[01]\d{8}",&[11])), None, None, None, None, None, None, Some(d(r"[267][2-9]\d{6}",&[8])), Some(d(r"(?:[3-5]\d\d|80[0-4])\d{5}",&[8]))] },
    M { id: "GU", cc: 1, npp: r"([2-9]\d{6})$|1", npt: r"671${1}", ld: r"671", smf: true, g: d(r"(?:[58]\d\d|671|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"671(?:2\d\d|3(?:00|3[39]|4[349]|55|6[26])|4(?:00|56|7[1-9]|8[02-9])|5(?:55|6[2-5]|88)|6(?:3[2-578]|4[24-9]|5[34]|78|8[235-9])|7(?:[0479]7|2[0167]|3[45]|8[7-9])|8(?:[2-57-9]8|6[478])|9(?:2[29]|6[79]|7[1279]|8[7-9]|9[16-9]))\d{4}",&[10])), None] },
    M { id: "GW", cc: 245, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[49]\d{8}|4\d{6}",&[7,9]), loc: &[], t: [None, None, None, Some(d(r"40\d{5}",&[7])), None, None, None, None, Some(d(r"443\d{6}",&[9])), Some(d(r"9(?:5\d|6[569]|77)\d{6}",&[9]))] },
    M { id: "GY", cc: 592, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[2-8]\d{3}|9008)\d{3}",&[7]), loc: &[], t: [Some(d(r"9008\d{3}",&[7])), Some(d(r"(?:289|8(?:00|6[28]|88|99))\d{4}",&[7])), None, Some(d(r"515\d{4}",&[7])), None, None, None, None, Some(d(r"(?:2(?:1[6-9]|2[0-35-9]|3[1-4]|5[3-9]|6\d|7[0-79])|3(?:2[25-9]|3\d)|4(?:4[0-24]|5[56])|5(?:0[0-6]|16)|77[1-57])\d{4}",&[7])), Some(d(r"(?:51[01]|6\d\d|7(?:[0-6]\d|70|8[0167]))\d{4}",&[7]))] },
    M { id: "HK", cc: 852, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"8[0-46-9]\d{6,7}|9\d{4,7}|(?:[2-7]|9\d{3})\d{7}",&[5,6,7,8,9,11]), loc: &[], t: [Some(d(r"900(?:[0-24-9]\d{7}|3\d{1,4})",&[5,6,7,8,11])), Some(d(r"800\d{6}",&[9])), None, None, Some(d(r"8(?:1[0-4679]\d|2(?:[0-36]\d|7[0-4])|3(?:[034]\d|2[09]|70))\d{4}",&[8])), Some(d(r"7(?:1(?:0[08]|1[0-3679]|3[013]|69|9[0136])|2(?:[02389]\d|1[18]|7[27-9])|3(?:[0-38]\d|7[0-369]|9[2357-9])|47\d|5(?:[178]\d|5[0-5])|6(?:0[0-7]|2[236-9]|[35]\d)|7(?:[27]\d|8[7-9])|8(?:[23689]\d|7[1-9])|9(?:[025]\d|6[0-246-8]|7[0-36-9]|8[238]))\d{4}",&[8])), Some(d(r"30(?:0[1-9]|[15-7]\d|2[047]|89)\d{4}",&[8])), None, Some(d(r"(?:2(?:[13-9]\d|2[013-9])\d|3(?:(?:[1569][0-24-9]|4[0-246-9]|7[0-24-69])\d|8(?:4[0-8]|[579]\d|6[0-5]))|58(?:0[1-9]|1[2-9]))\d{4}",&[8])), Some(d(r"(?:4(?:0(?:6[0-3]|9[3-6])|24[3-6]|44[0-35-9]|6(?:4[0-57-9]|6[0-6])|7(?:4[0-48]|6[0-5]))|5(?:25[3-7]|35[4-8]|73[0-6]|95[0-8])|6(?:26[013-8]|(?:66|78)[0-5])|7(?:0(?:7[1-8]|8[0-8])|10[1-4])|84(?:4[0-2]|8[0-35-9])|9(?:29[013-9]|39[014-9]|59[0-467]|899))\d{4}|(?:4(?:4[0-35-9]|6[0-357-9]|7[0-35])|5(?:[1-59][0-46-9]|6[0-4689]|7[0-246-9])|6(?:0[1-9]|[13-59]\d|[268][0-57-9]|7[0-79])|70[1-59]|84[0-39]|9(?:0[1-9]|1[02-9]|[2358][0-8]|[467]\d))\d{5}",&[8]))] },
    M { id: "HN", cc: 504, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"8\d{10}|[237-9]\d{7}",&[8,11]), loc: &[], t: [None, Some(d(r"8002\d{7}",&[11])), None, None, None, None, None, None, Some(d(r"2(?:2(?:0[0-59]|1[1-9]|[23]\d|4[02-8]|5[57]|6[2458]|7[0135689]|8[01346-9]|9[0-2])|4(?:0[578]|2[3-59]|3[13-9]|4[0-68]|5[1-3589]|80)|5(?:0[2357-9]|1[1-6]|4[03-58]|5\d|6[014-69]|7[04]|80)|6(?:[056]\d|17|2[067]|3[047]|4[0-378]|[78][0-8]|9[01])|7(?:0[5-79]|2[01]|6[46-9]|7[02-9]|8[034]|91)|8(?:79|8[0-357-9]|9[1-57-9]))\d{4}",&[8])), Some(d(r"[37-9]\d{7}",&[8]))] },
    M { id: "HR", cc: 385, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[2-69]\d{8}|80\d{5,7}|[1-79]\d{7}|6\d{6}",&[7,8,9]), loc: &[6], t: [Some(d(r"6[01459]\d{6}|6[01]\d{5}",&[7,8])), Some(d(r"80\d{5,7}",&[7,8,9])), None, None, Some(d(r"7[45]\d{6}",&[8])), None, Some(d(r"62\d{6,7}|72\d{6}",&[8,9])), None, Some(d(r"1\d{7}|(?:2[0-3]|3[1-5]|4[02-47-9]|5[1-3])\d{6,7}",&[8,9])), Some(d(r"9(?:(?:0[1-9]|[12589]\d)\d\d|7(?:[0679]\d\d|5(?:[01]\d|44|55|77|9[5-79])))\d{4}|98\d{6}",&[8,9]))] },
    M { id: "HT", cc: 509, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[2-589]\d{7}",&[8]), loc: &[], t: [None, Some(d(r"8\d{7}",&[8])), None, Some(d(r"9(?:[67][0-4]|8[0-3589]|9\d)\d{5}",&[8])), None, None, None, None, Some(d(r"2(?:2\d|5[1-5]|81|9[149])\d{5}",&[8])), Some(d(r"(?:[34]\d|5[568])\d{6}",&[8]))] },
    M { id: "HU", cc: 36, npp: r"06", npt: r"", ld: r"", smf: false, g: d(r"[235-7]\d{8}|[1-9]\d{7}",&[8,9]), loc: &[6,7], t: [Some(d(r"9[01]\d{6}",&[8])), Some(d(r"(?:[48]0\d|680[29])\d{5}",&[8,9])), None, Some(d(r"21\d{7}",&[9])), None, None, Some(d(r"38\d{7}",&[9])), None, Some(d(r"(?:1\d|[27][2-9]|3[2-7]|4[24-9]|5[2-79]|6[23689]|8[2-57-9]|9[2-69])\d{6}",&[8])), Some(d(r"(?:[257]0|3[01])\d{7}",&[9]))] },
    M { id: "ID", cc: 62, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"00[1-9]\d{9,14}|(?:[1-36]|8\d{5})\d{6}|00\d{9}|[1-9]\d{8,10}|[2-9]\d{7}",&[7,8,9,10,11,12,13,14,15,16,17]), loc: &[5,6], t: [Some(d(r"809\d{7}",&[10])), Some(d(r"00(?:1803\d{5,11}|7803\d{7})|(?:177\d|800)\d{5,7}",&[8,9,10,11,12,13,14,15,16,17])), Some(d(r"804\d{7}",&[10])), None, None, None, Some(d(r"(?:1500|8071\d{3})\d{3}",&[7,10])), None, Some(d(r"2[124]\d{7,8}|619\d{8}|2(?:1(?:14|500)|2\d{3})\d{3}|61\d{5,8}|(?:2(?:[35][1-4]|6[0-8]|7[1-6]|8\d|9[1-8])|3(?:1|[25][1-8]|3[1-68]|4[1-3]|6[1-3568]|7[0-469]|8\d)|4(?:0[1-589]|1[01347-9]|2[0-36-8]|3[0-24-68]|43|5[1-378]|6[1-5]|7[134]|8[1245])|5(?:1[1-35-9]|2[25-8]|3[124-9]|4[1-3589]|5[1-46]|6[1-8])|6(?:[25]\d|3[1-69]|4[1-6])|7(?:02|[125][1-9]|[36]\d|4[1-8]|7[0-36-9])|9(?:0[12]|1[013-8]|2[0-479]|5[125-8]|6[23679]|7[159]|8[01346]))\d{5,8}",&[7,8,9,10,11])), Some(d(r"8[1-35-9]\d{7,10}",&[9,10,11,12]))] },
    M { id: "IE", cc: 353, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:1\d|[2569])\d{6,8}|4\d{6,9}|7\d{8}|8\d{8,9}",&[7,8,9,10]), loc: &[5,6], t: [Some(d(r"15(?:1[2-8]|[2-8]0|9[089])\d{6}",&[10])), Some(d(r"1800\d{6}",&[10])), Some(d(r"18[59]0\d{6}",&[10])), Some(d(r"76\d{7}",&[9])), Some(d(r"700\d{6}",&[9])), None, Some(d(r"818\d{6}",&[9])), Some(d(r"88210[1-9]\d{4}|8(?:[35-79]5\d\d|8(?:[013-9]\d\d|2(?:[01][1-9]|[2-9]\d)))\d{5}",&[10])), Some(d(r"(?:1\d|21)\d{6,7}|(?:2[24-9]|4(?:0[24]|5\d|7)|5(?:0[45]|1\d|8)|6(?:1\d|[237-9])|9(?:1\d|[35-9]))\d{5}|(?:23|4(?:[1-469]|8\d)|5[23679]|6[4-6]|7[14]|9[04])\d{7}",&[7,8,9,10])), Some(d(r"8(?:22|[35-9]\d)\d{6}",&[9]))] },
    M { id: "IL", cc: 972, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"1\d{6}(?:\d{3,5})?|[57]\d{8}|[1-489]\d{7}",&[7,8,9,10,11,12]), loc: &[], t: [Some(d(r"1212\d{4}|1(?:200|9(?:0[0-2]|19|9\d))\d{6}",&[8,10])), Some(d(r"1(?:255|80[019]\d{3})\d{3}",&[7,10])), Some(d(r"1700\d{6}",&[10])), Some(d(r"7(?:280[01]|38(?:[05]\d|8[0-358])|8(?:33|55|77|81)\d)\d{4}|7(?:18|2[23]|3[237]|47|6[258]|7\d|82|9[2-9])\d{6}",&[9])), None, None, Some(d(r"1599\d{6}",&[10])), Some(d(r"151\d{8,9}",&[11,12])), Some(d(r"153\d{8,9}|29[1-9]\d{5}|(?:2[0-8]|[3489]\d)\d{6}",&[8,11,12])), Some(d(r"55(?:4(?:0[0-4]|10|6[015-9])|57[0-289]|8[06][0-2])\d{4}|5(?:(?:[0-2][02-9]|[36]\d|[49][2-9]|8[3-7])\d|5(?:01|2\d|3[0-3]|4[3-5]|5[0-25689]|6[6-8]|7[0-267]|8[7-9]|9[1-9]))\d{5}",&[9]))] },
    M { id: "IM", cc: 44, npp: r"([25-8]\d{5})$|0|180020", npt: r"1624${1}", ld: r"74576|(?:16|7[56])24", smf: false, g: d(r"1624\d{6}|(?:[3578]\d|90)\d{8}",&[10]), loc: &[6], t: [Some(d(r"8(?:440[49]06|72299\d)\d{3}|(?:8(?:45|70)|90[0167])624\d{4}",&[10])), Some(d(r"808162\d{4}",&[10])), None, Some(d(r"56\d{8}",&[10])), Some(d(r"70\d{8}",&[10])), None, Some(d(r"3440[49]06\d{3}|(?:3(?:08162|3\d{4}|45624|7(?:0624|2299))|55\d{4})\d{4}",&[10])), None, Some(d(r"1624(?:230|[5-8]\d\d)\d{3}",&[10])), Some(d(r"76245[06]\d{4}|7(?:4576|[59]24\d|624[0-4689])\d{5}",&[10]))] },
    M { id: "IN", cc: 91, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:000800|[2-9]\d\d)\d{7}|1\d{7,12}",&[8,9,10,11,12,13]), loc: &[6,7], t: [Some(d(r"186[12]\d{9}",&[13])), Some(d(r"000800\d{7}|180(?:0\d{4,9}|3\d{9})",&[8,9,10,11,12,13])), Some(d(r"1860\d{7}",&[11])), None, None, None, Some(d(r"140\d{7}",&[10])), None, Some(d(r"(?:2717(?:[2-7]\d|95)|6828[235-7]\d)\d{4}|(?:170[24]|280[13468]|4(?:20[24]|72[2-8])|552[1-7])\d{6}|(?:271[0-689]|682[0-79]|782[0-6])[2-7]\d{5}|(?:2(?:[02][2-79]|90)|3(?:23|80)|683|79[1-5])\d{7}|(?:11|33|4[04]|80)[2-7]\d{7}|(?:342|674|788)(?:[0189][2-7]|[2-7]\d)\d{5}|(?:1(?:2[0-249]|3[0-25]|4[145]|[59][14]|6[014]|7[1257]|8[01346])|2(?:1[257]|3[013]|4[01]|5[0137]|6[0158]|78|8[1568]|9[14])|3(?:26|4[13]|5[34]|6[01489]|7[02-46]|8[159])|4(?:1[36]|2[1-47]|3[15]|5[12]|6[0-26-9]|7[014-9]|8[013-57]|9[014-7])|5(?:1[025]|22|[36][25]|4[28]|[578]1|9[15])|6(?:12|[2-47]1|5[17]|6[13]|80)|7(?:12|2[14]|3[134]|4[47]|5[15]|[67]1)|8(?:16|2[014]|3[126]|6[136]|7[078]|8[34]|91))[2-7]\d{6}|(?:1(?:2[35-8]|3[346-9]|4[236-9]|[59][0235-9]|6[235-9]|7[34689]|8[257-9])|2(?:1[134689]|3[24-8]|4[2-8]|5[25689]|6[2-4679]|7[3-79]|8[2-479]|9[235-9])|3(?:01|1[79]|2[1245]|4[5-8]|5[125689]|6[235-7]|7[157-9]|8[2-46-8])|4(?:1[14578]|2[5689]|3[2-467]|5[4-7]|6[35]|73|8[2689]|9[2389])|5(?:[16][146-9]|2[14-8]|3[1346]|4[14-69]|5[46]|7[2-4]|8[2-8]|9[246])|6(?:1[1358]|2[2457]|3[2-4]|4[235-7]|5[2-689]|6[24578]|7[235689]|8[14-6])|7(?:1[013-9]|2[0235-9]|3[2679]|4[1-35689]|5[2-46-9]|[67][02-9]|8[013-7]|90)|8(?:1[1357-9]|2[235-8]|3[03-57-9]|4[0-24-9]|5\d|6[2457-9]|7[1-6]|8[1256]|9[2-4]))\d[2-7]\d{5}",&[10])), Some(d(r"(?:6(?:1279|828[01489])|7(?:887[02-9]|9313)|8(?:079[04-9]|(?:84|91)7[02-8]))\d{5}|(?:160[01]|6(?:(?:12|[2-4]1|5[17]|6[13]|80)[0189]|7(?:1[0189]|86))|7(?:1(?:2[0189]|9[0-5])|3(?:2[5-8]|[34][017-9]|9[016-9])|5(?:[15][017-9]|2[04-9]|9[7-9])|6(?:0[0-47]|1[0-257-9]|2[0-4]|3[19]|5[4589])|70[0289]|88[089])|8(?:0(?:6[67]|7[02-8])|70[017-9]|84[01489]|91[0-289]))\d{6}|(?:731|8(?:16|2[014]|3[126]|6[136]|7[78]|83))(?:[0189]\d|7[02-8])\d{5}|(?:6(?:(?:1[1358]|2[2457]|3[2-4]|4[235-7]|5[2-689]|6[24578])\d|7(?:[23569]\d|4[0189]|8[0-57-9])|8(?:[14-6]\d|2[0-79]))|7(?:1(?:[013-8]\d|9[6-9])|3(?:2[0-49]|9[2-5])|5(?:2[1-3]|9[0-6])|6(?:0[5689]|2[5-9]|3[02-8]|4\d|5[0-367])|70[13-7]|881))[0189]\d{5}|(?:6(?:[09]\d|1[04679]|2[03689]|3[05-9]|4[0489]|50|6[069]|7[07]|8[7-9])|7(?:[024]\d|3[05-8]|5[0346-8]|6[6-9]|7[1-9]|8[0-79]|9[06-9])|8(?:0[01589]|1[0-57-9]|2[235-9]|3[03-57-9]|[45]\d|6[02457-9]|7[1-69]|8[0-25-9]|9[02-9])|9\d\d)\d{7}",&[10]))] },
    M { id: "IO", cc: 246, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"3\d{6}",&[7]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"37\d{5}",&[7])), Some(d(r"38\d{5}",&[7]))] },
    M { id: "IQ", cc: 964, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:1|7\d\d)\d{7}|[2-6]\d{7,8}",&[8,9,10]), loc: &[6,7], t: [None, None, None, None, None, None, None, None, Some(d(r"1\d{7}|(?:2[13-5]|3[02367]|4[023]|5[03]|6[026])\d{6,7}",&[8,9])), Some(d(r"7[3-9]\d{8}",&[10]))] },
    M { id: "IR", cc: 98, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[1-9]\d{9}|(?:[1-8]\d\d|9)\d{3,4}",&[4,5,6,7,10]), loc: &[8], t: [None, None, None, None, None, None, Some(d(r"96(?:0[12]|2[16-8]|3(?:08|[14]5|[23]|66)|4(?:0|80)|5[01]|6[89]|86|9[19])",&[4,5])), None, Some(d(r"(?:1[137]|2[13-68]|3[1458]|4[145]|5[1468]|6[16]|7[1467]|8[13467])(?:[03-57]\d{7}|[16]\d{3}(?:\d{4})?|[289]\d{3}(?:\d(?:\d{3})?)?)|94(?:000[09]|(?:12\d|30[0-2])\d|2(?:[02689]0\d|121)|4(?:111|40\d))\d{4}",&[6,7,10])), Some(d(r"9(?:(?:0[0-5]|[13]\d|2[0-3])\d\d|9(?:[0-46]\d\d|5(?:10|5\d)|8(?:[12]\d|3[0-2]|88)|9(?:[0-359]\d|69|77|8[7-9])))\d{5}",&[10]))] },
    M { id: "IS", cc: 354, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:38\d|[4-9])\d{6}",&[7,9]), loc: &[], t: [Some(d(r"90(?:0\d|1[5-79]|2[015-79]|3[135-79]|4[125-7]|5[25-79]|7[1-37]|8[0-35-7])\d{3}",&[7])), Some(d(r"80[0-8]\d{4}",&[7])), None, Some(d(r"49[0-24-79]\d{4}",&[7])), None, None, Some(d(r"809\d{4}",&[7])), Some(d(r"(?:689|8(?:7[18]|80)|95[48])\d{4}",&[7])), Some(d(r"(?:4(?:1[0-24-69]|2[0-7]|[37][0-8]|4[0-24589]|5[0-68]|6\d|8[0-36-8])|5(?:05|[156]\d|2[02578]|3[0-579]|4[03-7]|7[0-2578]|8[0-35-9]|9[013-689])|872)\d{4}",&[7])), Some(d(r"(?:38[589]\d\d|6(?:1[1-8]|2[0-6]|3[026-9]|4[014679]|5[0159]|6[0-69]|70|8[06-8]|9\d)|7(?:5[057]|[6-9]\d)|8(?:2[0-59]|[3-69]\d|8[238]))\d{4}",&[7,9]))] },
    M { id: "IT", cc: 39, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"0\d{5,11}|1\d{8,10}|3(?:[0-8]\d{7,10}|9\d{7,8})|(?:43|55|70)\d{8}|8\d{5}(?:\d{2,4})?",&[6,7,8,9,10,11,12]), loc: &[], t: [Some(d(r"(?:0878\d{3}|89(?:2\d|3[04]|4(?:[0-4]|[5-9]\d\d)|5[0-4]))\d\d|(?:1(?:44|6[346])|89(?:38|5[5-9]|9))\d{6}",&[6,8,9,10])), Some(d(r"80(?:0\d{3}|3)\d{3}",&[6,9])), Some(d(r"84(?:[08]\d{3}|[17])\d{3}",&[6,9])), Some(d(r"55\d{8}",&[10])), Some(d(r"1(?:78\d|99)\d{6}",&[9,10])), None, None, Some(d(r"3[2-8]\d{9,10}",&[11,12])), Some(d(r"0(?:669[0-79]\d{1,6}|831\d{2,8})|0(?:1(?:[0159]\d|[27][1-5]|31|4[1-4]|6[1356]|8[2-57])|2\d\d|3(?:[0159]\d|2[1-4]|3[12]|[48][1-6]|6[2-59]|7[1-7])|4(?:[0159]\d|[23][1-9]|4[245]|6[1-5]|7[1-4]|81)|5(?:[0159]\d|2[1-5]|3[2-6]|4[1-79]|6[4-6]|7[1-578]|8[3-8])|6(?:[0-57-9]\d|6[0-8])|7(?:[0159]\d|2[12]|3[1-7]|4[2-46]|6[13569]|7[13-6]|8[1-59])|8(?:[0159]\d|2[3-578]|3[2356]|[6-8][1-5])|9(?:[0159]\d|[238][1-5]|4[12]|6[1-8]|7[1-6]))\d{2,7}",&[6,7,8,9,10,11,12])), Some(d(r"3[2-9]\d{7,8}|(?:31|43)\d{8}",&[9,10]))] },
    M { id: "JE", cc: 44, npp: r"([0-24-8]\d{5})$|0|180020", npt: r"1534${1}", ld: r"", smf: false, g: d(r"1534\d{6}|(?:[3578]\d|90)\d{8}",&[10]), loc: &[6], t: [Some(d(r"(?:8(?:4(?:4(?:4(?:05|42|69)|703)|5(?:041|800))|7(?:0002|1206))|90(?:066[59]|1810|71(?:07|55)))\d{4}",&[10])), Some(d(r"80(?:07(?:35|81)|8901)\d{4}",&[10])), None, Some(d(r"56\d{8}",&[10])), Some(d(r"701511\d{4}",&[10])), Some(d(r"76(?:464|652)\d{5}|76(?:0[0-28]|2[356]|34|4[01347]|5[49]|6[0-369]|77|8[14]|9[139])\d{6}",&[10])), Some(d(r"(?:3(?:0(?:07(?:35|81)|8901)|3\d{4}|4(?:4(?:4(?:05|42|69)|703)|5(?:041|800))|7(?:0002|1206))|55\d{4})\d{4}",&[10])), None, Some(d(r"1534[0-24-8]\d{5}",&[10])), Some(d(r"7(?:(?:(?:50|82)9|937)\d|7(?:00[378]|97\d))\d{5}",&[10]))] },
    M { id: "JM", cc: 1, npp: r"1", npt: r"", ld: r"658|876", smf: false, g: d(r"(?:[58]\d\d|658|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"8766060\d{3}|(?:658(?:2(?:[5-8]\d|9[0-46-9])|[3-9]\d\d)|876(?:52[35]|6(?:0[1-3579]|1[0235-9]|[23]\d|40|5[06]|6[2-589]|7[0-25-9]|8[04]|9[4-9])|7(?:0[2-689]|[1-6]\d|8[056]|9[45])|9(?:0[1-8]|1[02378]|[2-8]\d|9[2-468])))\d{4}",&[10])), Some(d(r"(?:6582(?:[0-4]\d|95)|876(?:2(?:0[1-9]|[13-9]\d|2[013-9])|[348]\d\d|5(?:0[1-9]|[1-9]\d)|6(?:4[89]|6[67])|7(?:0[07]|7\d|8[1-47-9]|9[0-36-9])|9(?:[01]9|9[0579])))\d{4}",&[10]))] },
    M { id: "JO", cc: 962, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:(?:[2689]|7\d)\d|32|427|53)\d{6}",&[8,9]), loc: &[], t: [Some(d(r"9\d{7}",&[8])), Some(d(r"80\d{6}",&[8])), Some(d(r"85\d{6}",&[8])), None, Some(d(r"70\d{7}",&[9])), Some(d(r"74(?:66|77)\d{5}",&[9])), Some(d(r"8(?:10|8\d)\d{5}",&[8])), None, Some(d(r"87(?:000|90[01])\d{3}|(?:2(?:6(?:2[0-35-9]|3[0-578]|4[24-7]|5[0-24-8]|[6-8][023]|9[0-3])|7(?:0[1-79]|10|2[014-7]|3[0-689]|4[019]|5[0-3578]))|32(?:0[1-69]|1[1-35-7]|2[024-7]|3\d|4[0-3]|[5-7][023])|53(?:0[0-3]|[13][023]|2[0-59]|49|5[0-35-9]|6[15]|7[45]|8[1-6]|9[0-36-9])|6(?:2(?:[05]0|22)|3(?:00|33)|4(?:0[0-25]|1[2-7]|2[0569]|[38][07-9]|4[025689]|6[0-589]|7\d|9[0-2])|5(?:[01][056]|2[034]|3[0-57-9]|4[178]|5[0-69]|6[0-35-9]|7[1-379]|8[0-68]|9[0239]))|87(?:20|7[078]|99))\d{4}",&[8])), Some(d(r"(?:427|7(?:11|[29]\d|[78][0-25-9]))\d{6}",&[9]))] },
    M { id: "JP", cc: 81, npp: r"(000[2569]\d{4,6})$|(?:(?:003768)0?)|0", npt: r"${1}", ld: r"", smf: false, g: d(r"00[1-9]\d{6,14}|[25-9]\d{9}|(?:00|[1-9]\d\d)\d{6}",&[8,9,10,11,12,13,14,15,16,17]), loc: &[], t: [Some(d(r"990\d{6}",&[9])), Some(d(r"00777(?:[01]|5\d)\d\d|(?:00(?:7778|882[1245])|(?:120|800\d)\d\d)\d{4}|00(?:37|66|78)\d{6,13}",&[8,9,10,11,12,13,14,15,16,17])), None, Some(d(r"50[1-9]\d{7}",&[10])), Some(d(r"60\d{7}",&[9])), Some(d(r"20\d{8}",&[10])), Some(d(r"570\d{6}",&[9])), None, Some(d(r"(?:1(?:1[235-8]|2[3-6]|3[3-9]|4[2-6]|[58][2-8]|6[2-7]|7[2-9]|9[1-9])|(?:2[2-9]|[36][1-9])\d|4(?:[2-578]\d|6[02-8]|9[2-59])|5(?:[2-589]\d|6[1-9]|7[2-8])|7(?:[25-9]\d|3[4-9]|4[02-9])|8(?:[2679]\d|3[2-9]|4[5-9]|5[1-9]|8[03-9])|9(?:[2-58]\d|[679][1-9]))\d{6}",&[9])), Some(d(r"[6-9]0[1-9]\d{7}",&[10]))] },
    M { id: "KE", cc: 254, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[17]\d\d|900)\d{6}|(?:2|80)0\d{6,7}|[4-6]\d{6,8}",&[7,8,9,10]), loc: &[], t: [Some(d(r"900[02-9]\d{5}",&[9])), Some(d(r"800[02-8]\d{5,6}",&[9,10])), None, None, None, None, None, None, Some(d(r"(?:4[245]|5[1-79]|6[01457-9])\d{5,7}|(?:4[136]|5[08]|62)\d{7}|(?:[24]0|66)\d{6,7}",&[7,8,9])), Some(d(r"(?:1(?:0[0-8]|[18]\d|2[014]|3[05-9]|4[0-6])|7\d\d)\d{6}",&[9]))] },
    M { id: "KG", cc: 996, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"8\d{9}|[235-9]\d{8}",&[9,10]), loc: &[5,6], t: [None, Some(d(r"800\d{6,7}",&[9,10])), None, None, None, None, None, None, Some(d(r"312(?:5[0-79]\d|9(?:[0-689]\d|7[0-24-9]))\d{3}|(?:3(?:1(?:2[0-46-8]|3[1-9]|47|[56]\d)|2(?:22|3[0-479]|6[0-7])|4(?:22|5[6-9]|6\d)|5(?:22|3[4-7]|59|6\d)|6(?:22|5[35-7]|6\d)|7(?:22|3[468]|4[1-9]|59|[67]\d)|9(?:22|4[1-8]|6\d))|6(?:09|12|2[2-4])\d)\d{5}",&[9])), Some(d(r"312(?:58\d|973)\d{3}|(?:2(?:0[0-35]|2\d)|5[0-24-7]\d|600|7(?:[07]\d|55)|88[08]|9(?:12|9[05-9]))\d{6}",&[9]))] },
    M { id: "KH", cc: 855, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"1\d{9}|[1-9]\d{7,8}",&[8,9,10]), loc: &[6,7], t: [Some(d(r"1900(?:1\d|2[09])\d{4}",&[10])), Some(d(r"1800(?:1\d|2[019])\d{4}",&[10])), None, None, None, None, None, None, Some(d(r"23(?:4(?:[2-4]|[56]\d)|[568]\d\d)\d{4}|23[236-9]\d{5}|(?:2[4-6]|3[2-6]|4[2-4]|[5-7][2-5])(?:(?:[237-9]|4[56]|5\d)\d{5}|6\d{5,6})",&[8,9])), Some(d(r"(?:(?:1[28]|3[18]|9[67])\d|6[016-9]|7(?:[07-9]|[16]\d)|8(?:[013-79]|8\d))\d{6}|(?:1\d|9[0-57-9])\d{6}|(?:2[3-6]|3[2-6]|4[2-4]|[5-7][2-5])48\d{5}",&[8,9]))] },
    M { id: "KI", cc: 686, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[37]\d|6[0-79])\d{6}|(?:[2-48]\d|50)\d{3}",&[5,8]), loc: &[], t: [None, None, None, Some(d(r"30(?:0[01]\d\d|12(?:11|20))\d\d",&[8])), None, None, None, None, Some(d(r"(?:[24]\d|3[1-9]|50|65(?:02[12]|12[56]|22[89]|[3-5]00)|7(?:27\d\d|3100|5(?:02[12]|12[56]|22[89]|[34](?:00|81)|500))|8[0-5])\d{3}",&[5,8])), Some(d(r"(?:6200[01]|7(?:310[1-9]|5(?:02[03-9]|12[0-47-9]|22[0-7]|[34](?:0[1-9]|8[02-9])|50[1-9])))\d{3}|(?:63\d\d|7(?:(?:[0146-9]\d|2[0-689])\d|3(?:[02-9]\d|1[1-9])|5(?:[0-2][013-9]|[34][1-79]|5[1-9]|[6-9]\d)))\d{4}",&[8]))] },
    M { id: "KM", cc: 269, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[3478]\d{6}",&[7]), loc: &[4], t: [Some(d(r"8\d{6}",&[7])), None, None, None, None, None, None, None, Some(d(r"7[4-7]\d{5}",&[7])), Some(d(r"[34]\d{6}",&[7]))] },
    M { id: "KN", cc: 1, npp: r"([2-7]\d{6})$|1", npt: r"869${1}", ld: r"869", smf: false, g: d(r"(?:[58]\d\d|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"869(?:2(?:29|36)|302|4(?:6[015-9]|70)|56[5-7])\d{4}",&[10])), Some(d(r"869(?:48[89]|55[6-8]|66\d|76[02-7])\d{4}",&[10]))] },
    M { id: "KP", cc: 850, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"85\d{6}|(?:19\d|[2-7])\d{7}",&[8,10]), loc: &[6,7], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:(?:195|2)\d|3[19]|4[159]|5[37]|6[17]|7[39]|85)\d{6}",&[8,10])), Some(d(r"19[1-3]\d{7}",&[10]))] },
    M { id: "KR", cc: 82, npp: r"0(8(?:[1-46-8]|5\d\d))?", npt: r"", ld: r"", smf: false, g: d(r"00[1-9]\d{8,11}|(?:[12]|5\d{3})\d{7}|[13-6]\d{9}|(?:[1-6]\d|80)\d{7}|[3-6]\d{4,5}|(?:00|7)0\d{8}",&[5,6,8,9,10,11,12,13,14]), loc: &[3,4,7], t: [Some(d(r"60[2-9]\d{6}",&[9])), Some(d(r"00(?:308\d{6,7}|798\d{7,9})|(?:00368|[38]0)\d{7}",&[9,11,12,13,14])), None, Some(d(r"70\d{8}",&[10])), Some(d(r"50\d{8,9}",&[10,11])), Some(d(r"15\d{7,8}",&[9,10])), Some(d(r"1(?:5(?:22|33|44|66|77|88|99)|6(?:[07]0|44|6[0168]|88)|8(?:00|33|55|77|99))\d{4}",&[8])), None, Some(d(r"(?:2|3[1-3]|[46][1-4]|5[1-5])[1-9]\d{6,7}|(?:3[1-3]|[46][1-4]|5[1-5])1\d{2,3}",&[5,6,8,9,10])), Some(d(r"1(?:05(?:[0-8]\d|9[0-6])|22[13]\d)\d{4,5}|1(?:0[0-46-9]|[16-9]\d|2[013-9])\d{6,7}",&[9,10]))] },
    M { id: "KW", cc: 965, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"18\d{5}|(?:[2569]\d|41)\d{6}",&[7,8]), loc: &[], t: [None, Some(d(r"18\d{5}",&[7])), None, None, None, None, None, None, Some(d(r"2(?:[23]\d\d|4(?:[1-35-9]\d|44)|5(?:0[034]|[2-46]\d|5[1-3]|7[1-7]))\d{4}",&[8])), Some(d(r"(?:41\d\d|5(?:(?:[05]\d|1[0-7]|6[56])\d|2(?:22|5[25])|7(?:55|77)|88[58]|999)|6(?:(?:0[034679]|5[015-9]|6\d)\d|1(?:00|11|6[16])|2[26]2|3[36]3|4[46]4|7(?:0[013-9]|[67]\d)|8[68]8|9(?:[069]\d|3[039]))|9(?:(?:[04679]\d|8[057-9])\d|1(?:00|1[01]|99)|2(?:00|2\d)|3(?:00|3[03])|5(?:00|5\d)))\d{4}",&[8]))] },
    M { id: "KY", cc: 1, npp: r"([2-9]\d{6})$|1", npt: r"345${1}", ld: r"345", smf: false, g: d(r"(?:345|[58]\d\d|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"(?:345976|900[2-9]\d\d)\d{4}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"345(?:2(?:22|3[23]|44|66)|333|444|6(?:23|38|40)|7(?:30|4[35-79]|6[6-9]|77)|8(?:00|1[45]|4[89]|88)|9(?:14|4[035-9]))\d{4}",&[10])), Some(d(r"345(?:32[1-9]|4(?:1[2-6]|2[0-4])|5(?:1[67]|2[5-79]|4[6-9]|50|76)|649|82[56]|9(?:1[679]|2[2-9]|3[06-9]|90))\d{4}",&[10]))] },
    M { id: "KZ", cc: 7, npp: r"8", npt: r"", ld: r"7", smf: false, g: d(r"8\d{13}|[78]\d{9}",&[10,14]), loc: &[5,6,7], t: [Some(d(r"809\d{7}",&[10])), Some(d(r"8(?:00|108\d{3})\d{7}",&[10,14])), None, Some(d(r"751\d{7}",&[10])), Some(d(r"808\d{7}",&[10])), None, None, None, Some(d(r"7(?:1(?:0(?:[23]\d|4[0-3]|59|63)|1(?:[23]\d|4[0-79]|59)|2(?:[23]\d|59)|3(?:2\d|3[0-79]|4[0-35-9]|59)|4(?:[24]\d|3[013-9]|5[1-9]|97)|5(?:2\d|3[1-9]|4[0-7]|59)|6(?:[2-4]\d|5[19]|61)|72\d|8(?:[27]\d|3[1-46-9]|4[0-5]|59))|2(?:1(?:[23]\d|4[46-9]|5[3469])|2(?:2\d|3[0679]|46|5[12679])|3(?:[2-4]\d|5[139])|4(?:2\d|3[1-35-9]|59)|5(?:[23]\d|4[0-8]|59|61)|6(?:2\d|3[1-9]|4[0-4]|59)|7(?:[2379]\d|40|5[279])|8(?:[23]\d|4[0-3]|59)|9(?:2\d|3[124578]|59)))\d{5}",&[10])), Some(d(r"7(?:0[0-25-8]|47|6[0-4]|7[15-8]|85)\d{7}",&[10]))] },
    M { id: "LA", cc: 856, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:2\d|3)\d{8}|(?:[235-8]\d|41)\d{6}",&[8,9,10]), loc: &[6], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:2[13]|[35-7][14]|41|8[1468])\d{6}",&[8])), Some(d(r"208[78]\d{6}|(?:20[23579]|30)\d{7}",&[9,10]))] },
    M { id: "LB", cc: 961, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[27-9]\d{7}|[13-9]\d{6}",&[7,8]), loc: &[], t: [Some(d(r"9[01]\d{6}",&[8])), None, Some(d(r"80\d{6}",&[8])), None, None, None, None, None, Some(d(r"7(?:62|8[0-6]|9[04-9])\d{4}|(?:[14-69]\d|2(?:[14-69]\d|[78][1-9])|7[2-57]|8[02-9])\d{5}",&[7,8])), Some(d(r"(?:(?:3|81)\d|7(?:[01]\d|6[013-9]|8[7-9]|9[0-4]))\d{5}",&[7,8]))] },
    M { id: "LC", cc: 1, npp: r"([2-8]\d{6})$|1", npt: r"758${1}", ld: r"758", smf: false, g: d(r"(?:[58]\d\d|758|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"758(?:234|4(?:30|5\d|6[2-9]|8[0-2])|57[0-2]|(?:63|75)8)\d{4}",&[10])), Some(d(r"758(?:28[4-7]|384|4(?:6[01]|8[4-9])|5(?:1[89]|20|84)|7(?:1[2-9]|2\d|3[0-3])|812)\d{4}",&[10]))] },
    M { id: "LI", cc: 423, npp: r"(1001)|0", npt: r"", ld: r"", smf: false, g: d(r"[68]\d{8}|(?:[2378]\d|90)\d{5}",&[7,9]), loc: &[], t: [Some(d(r"90(?:02[258]|1(?:23|3[14])|66[136])\d\d",&[7])), Some(d(r"8002[28]\d\d|80(?:05\d|9)\d{4}",&[7,9])), None, None, None, None, Some(d(r"870(?:28|87)\d\d",&[7])), Some(d(r"697(?:42|56|[78]\d)\d{4}",&[9])), Some(d(r"(?:2(?:01|1[27]|2[024]|3\d|6[02-578]|9[06])|3(?:[24]0|33|7[0135-7]|8[048]|9[0269]))\d{4}",&[7])), Some(d(r"(?:6(?:(?:4[5-9]|5\d)\d|6(?:[024-68]\d|1[01]|3[7-9]|7[02]))\d|7(?:[37-9]\d|42|56))\d{4}",&[7,9]))] },
    M { id: "LK", cc: 94, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[1-9]\d{8}",&[9]), loc: &[7], t: [None, None, None, None, None, None, Some(d(r"1973\d{5}",&[9])), None, Some(d(r"(?:12[2-9]|602|8[12]\d|9(?:1\d|22|9[245]))\d{6}|(?:11|2[13-7]|3[1-8]|4[157]|5[12457]|6[35-7])[2-57]\d{6}",&[9])), Some(d(r"7(?:[0-25-8]\d|4[0-4])\d{6}",&[9]))] },
    M { id: "LR", cc: 231, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[2457]\d|33|88)\d{7}|(?:2\d|[4-6])\d{6}",&[7,8,9]), loc: &[], t: [Some(d(r"332(?:02|[34]\d)\d{4}",&[9])), None, None, None, None, None, None, None, Some(d(r"2\d{7}",&[8])), Some(d(r"(?:(?:(?:22|33)0|555|7(?:6[01]|7\d)|88\d)\d|4(?:240|[67]))\d{5}|[56]\d{6}",&[7,9]))] },
    M { id: "LS", cc: 266, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[256]\d\d|800)\d{5}",&[8]), loc: &[], t: [None, Some(d(r"800[1256]\d{4}",&[8])), None, None, None, None, None, None, Some(d(r"2\d{7}",&[8])), Some(d(r"[56]\d{7}",&[8]))] },
    M { id: "LT", cc: 370, npp: r"[08]", npt: r"", ld: r"", smf: false, g: d(r"(?:[3469]\d|52|[78]0)\d{6}",&[8]), loc: &[], t: [Some(d(r"9(?:0[0239]|10)\d{5}",&[8])), Some(d(r"80[02]\d{5}",&[8])), Some(d(r"808\d{5}",&[8])), Some(d(r"[89]01\d{5}",&[8])), Some(d(r"70[05]\d{5}",&[8])), None, Some(d(r"70[67]\d{5}",&[8])), None, Some(d(r"(?:3[1478]|4[124-6]|52)\d{6}",&[8])), Some(d(r"6\d{7}",&[8]))] },
    M { id: "LU", cc: 352, npp: r"(15(?:0[06]|1[12]|[35]5|4[04]|6[26]|77|88|99)\d)", npt: r"", ld: r"", smf: false, g: d(r"35[013-9]\d{4,8}|6\d{8}|35\d{2,4}|(?:[2457-9]\d|3[0-46-9])\d{2,9}",&[4,5,6,7,8,9,10,11]), loc: &[], t: [Some(d(r"90[015]\d{5}",&[8])), Some(d(r"800\d{5}",&[8])), Some(d(r"801\d{5}",&[8])), Some(d(r"20(?:1\d{5}|[2-689]\d{1,7})",&[4,5,6,7,8,9,10])), None, None, None, None, Some(d(r"(?:35[013-9]|80[2-9]|90[89])\d{1,8}|(?:2[2-9]|3[0-46-9]|[457]\d|8[13-9]|9[2-579])\d{2,9}",&[4,5,6,7,8,9,10,11])), Some(d(r"6(?:[26][18]|5[1568]|7[189]|81|9[128])\d{6}",&[9]))] },
    M { id: "LV", cc: 371, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[268]\d|78|90)\d{6}",&[8]), loc: &[], t: [Some(d(r"90\d{6}",&[8])), Some(d(r"80\d{6}",&[8])), Some(d(r"81\d{6}",&[8])), None, None, None, None, None, Some(d(r"6\d{7}",&[8])), Some(d(r"2333[0-8]\d{3}|2(?:[0-24-9]\d\d|3(?:0[07]|[14-9]\d|2[02-9]|3[0-24-9]))\d{4}",&[8]))] },
    M { id: "LY", cc: 218, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[2-9]\d{8}",&[9]), loc: &[7], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:2(?:0[56]|[1-6]\d|7[124579]|8[124])|3(?:1\d|2[2356])|4(?:[17]\d|2[1-357]|5[2-4]|8[124])|5(?:[1347]\d|2[1-469]|5[13-5]|8[1-4])|6(?:[1-479]\d|5[2-57]|8[1-5])|7(?:[13]\d|2[13-79])|8(?:[124]\d|5[124]|84))\d{6}",&[9])), Some(d(r"9[1-6]\d{7}",&[9]))] },
    M { id: "MA", cc: 212, npp: r"0", npt: r"", ld: r"[5-8]", smf: false, g: d(r"[5-8]\d{8}",&[9]), loc: &[], t: [Some(d(r"89\d{7}",&[9])), Some(d(r"80[0-7]\d{6}",&[9])), None, Some(d(r"(?:592(?:4[0-2]|93)|80[89]\d\d)\d{4}",&[9])), None, None, None, None, Some(d(r"5(?:(?:18|4[0679]|5[03])\d|2(?:[0-25-79]\d|3[1-578]|4[02-46-8]|8[0235-9])|3(?:[0-47]\d|5[02-9]|6[02-8]|8[014-9]|9[3-9]))\d{5}",&[9])), Some(d(r"(?:6(?:[0-79]\d|8[0-247-9])|7(?:[016-8]\d|2[0-8]|3[01]|5[0-5]))\d{6}",&[9]))] },
    M { id: "MC", cc: 377, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[3489]|[67]\d)\d{7}",&[8,9]), loc: &[], t: [None, Some(d(r"(?:800|90\d)\d{5}",&[8])), None, None, None, None, None, None, Some(d(r"(?:870|9[2-47-9]\d)\d{5}",&[8])), Some(d(r"4(?:[46]\d|5[1-9])\d{5}|(?:3|[67]\d)\d{7}",&[8,9]))] },
    M { id: "MD", cc: 373, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[235-7]\d|[89]0)\d{6}",&[8]), loc: &[], t: [Some(d(r"90[056]\d{5}",&[8])), Some(d(r"800\d{5}",&[8])), Some(d(r"808\d{5}",&[8])), Some(d(r"3[08]\d{6}",&[8])), None, None, Some(d(r"803\d{5}",&[8])), None, Some(d(r"(?:(?:2[1-9]|3[1-79])\d|5(?:33|5[257]))\d{5}",&[8])), Some(d(r"562\d{5}|(?:6\d|7[16-9])\d{6}",&[8]))] },
    M { id: "ME", cc: 382, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:20|[3-79]\d)\d{6}|80\d{6,7}",&[8,9]), loc: &[6], t: [Some(d(r"9(?:4[1568]|5[178])\d{5}",&[8])), Some(d(r"80(?:[0-2578]|9\d)\d{5}",&[8,9])), None, Some(d(r"78[1-49]\d{5}",&[8])), None, None, Some(d(r"77[1-9]\d{5}",&[8])), None, Some(d(r"(?:20[2-8]|3(?:[0-2][2-7]|3[24-7])|4(?:0[2-467]|1[2467])|5(?:0[2467]|1[24-7]|2[2-467]))\d{5}",&[8])), Some(d(r"6(?:[07-9]\d|3[024]|6[0-25])\d{5}",&[8]))] },
    M { id: "MF", cc: 590, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"7090\d{5}|(?:[56]9|[89]\d)\d{7}",&[9]), loc: &[], t: [Some(d(r"8[129]\d{7}",&[9])), Some(d(r"80[0-5]\d{6}",&[9])), None, Some(d(r"9(?:(?:39[5-7]|76[018])\d|475[0-6])\d{4}",&[9])), None, None, None, None, Some(d(r"(?:59(?:0(?:0[079]|[14]3|[27][79]|3[03-7]|5[0-268]|87)|87\d)|80[6-9]\d\d)\d{4}",&[9])), Some(d(r"(?:69(?:0\d\d|1(?:2[2-9]|3[0-5]))|7090[0-4])\d{4}",&[9]))] },
    M { id: "MG", cc: 261, npp: r"([24-9]\d{6})$|0", npt: r"20${1}", ld: r"", smf: false, g: d(r"[23]\d{8}",&[9]), loc: &[7], t: [None, None, None, Some(d(r"22\d{7}",&[9])), None, None, None, None, Some(d(r"2072[29]\d{4}|20(?:2\d|4[47]|5[3467]|6[279]|7[356]|8[268]|9[2457])\d{5}",&[9])), Some(d(r"3[2-9]\d{7}",&[9]))] },
    M { id: "MH", cc: 692, npp: r"1", npt: r"", ld: r"", smf: false, g: d(r"329\d{4}|(?:[256]\d|45)\d{5}",&[7]), loc: &[], t: [None, None, None, Some(d(r"635\d{4}",&[7])), None, None, None, None, Some(d(r"(?:247|528|625)\d{4}",&[7])), Some(d(r"(?:(?:23|54)5|329|45[35-8])\d{4}",&[7]))] },
    M { id: "MK", cc: 389, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[2-578]\d{7}",&[8]), loc: &[6,7], t: [Some(d(r"5\d{7}",&[8])), Some(d(r"800\d{5}",&[8])), Some(d(r"8(?:0[1-9]|[1-9]\d)\d{5}",&[8])), None, None, None, None, None, Some(d(r"(?:(?:2(?:62|77)0|3444)\d|4[56]440)\d{3}|(?:34|4[357])700\d{3}|(?:2(?:[0-3]\d|5[0-578]|6[01]|82)|3(?:1[3-68]|[23][2-68]|4[23568])|4(?:[23][2-68]|4[3-68]|5[2568]|6[25-8]|7[24-68]|8[4-68]))\d{5}",&[8])), Some(d(r"7(?:3555|(?:474|9[019]7)7)\d{3}|7(?:[0-25-8]\d\d|3(?:[1-478]\d|6[01])|4(?:2\d|60|7[01578])|9(?:[2-4]\d|5[01]|7[015]))\d{4}",&[8]))] },
    M { id: "ML", cc: 223, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[24-9]\d{7}",&[8]), loc: &[], t: [None, Some(d(r"80\d{6}",&[8])), None, None, None, None, None, None, Some(d(r"2(?:07[0-8]|12[67])\d{4}|(?:2(?:02|1[4-689])|4(?:0[0-4]|4[1-69]))\d{5}",&[8])), Some(d(r"2(?:0(?:01|79)|17\d)\d{4}|(?:5[0-3]|[679]\d|8[2-59])\d{6}",&[8]))] },
    M { id: "MM", cc: 95, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"1\d{5,7}|95\d{6}|(?:[4-7]|9[0-46-9])\d{6,8}|(?:2|8\d)\d{5,8}",&[6,7,8,9,10]), loc: &[5], t: [None, Some(d(r"80080(?:0[1-9]|2\d)\d{3}",&[10])), None, Some(d(r"1333\d{4}",&[8])), None, None, None, None, Some(d(r"(?:1(?:(?:12|[28]\d|3[56]|7[3-6]|9[0-6])\d|4(?:2[29]|7[0-2]|83)|6)|2(?:2(?:00|8[34])|4(?:0\d|22|7[0-2]|83)|51\d\d)|4(?:2(?:2\d\d|48[013])|3(?:20\d|4(?:70|83)|56)|420\d|5(?:2\d|470))|6(?:0(?:[23]|88\d)|(?:124|[56]2\d)\d|2472|3(?:20\d|470)|4(?:2[04]\d|472)|7(?:3\d\d|4[67]0|8(?:[01459]\d|8))))\d{4}|5(?:2(?:2\d{5,6}|47[02]\d{4})|(?:3472|4(?:2(?:1|86)|470)|522\d|6(?:20\d|483)|7(?:20\d|48[01])|8(?:20\d|47[02])|9(?:20\d|470))\d{4})|7(?:(?:0470|4(?:25\d|470)|5(?:202|470|96\d))\d{4}|1(?:20\d{4,5}|4(?:70|83)\d{4}))|8(?:1(?:2\d{5,6}|4(?:10|7[01]\d)\d{3})|2(?:2\d{5,6}|(?:320|490\d)\d{3})|(?:3(?:2\d\d|470)|4[24-7]|5(?:(?:2\d|51)\d|4(?:[1-35-9]\d|4[0-57-9]))|6[23])\d{4})|(?:1[2-6]\d|4(?:2[24-8]|3[2-7]|[46][2-6]|5[3-5])|5(?:[27][2-8]|3[2-68]|4[24-8]|5[23]|6[2-4]|8[24-7]|9[2-7])|6(?:[19]20|42[03-6]|(?:52|7[45])\d)|7(?:[04][24-8]|[15][2-7]|22|3[2-4])|8(?:1[2-689]|2[2-8]|(?:[35]2|64)\d))\d{4}|25\d{5,6}|(?:2[2-9]|6(?:1[2356]|[24][2-6]|3[24-6]|5[2-4]|6[2-8]|7[235-7]|8[245]|9[24])|8(?:3[24]|5[245]))\d{4}",&[6,7,8,9])), Some(d(r"(?:17[01]|9(?:2(?:[0-4]|[56]\d\d)|(?:3(?:[0-36]|4\d)|(?:6\d|8[89]|9[4-8])\d|7(?:3|40|[5-9]\d))\d|4(?:(?:[0245]\d|[1379])\d|88)|5[0-6])\d)\d{4}|9[69]1\d{6}|9(?:[68]\d|9[089])\d{5}",&[7,8,9,10]))] },
    M { id: "MN", cc: 976, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[12]\d{7,9}|[5-9]\d{7}",&[8,9,10]), loc: &[4,5,6], t: [None, None, None, Some(d(r"712[0-79]\d{4}|7(?:1[013-9]|[5-79]\d)\d{5}",&[8])), None, None, None, None, Some(d(r"[12](?:2[1-3]|(?:3[2-8]|4[2-68]|5[1-4689])\d)\d{5,6}|7(?:0(?:[0-5]\d|7[078]|80)|128)\d{4}|[12]27\d{6}|(?:11|2[16]|5[368])\d{6}",&[8,9,10])), Some(d(r"(?:87[01]|92[0139])\d{5}|(?:5[05]|6[069]|7[28]|8[0135689]|9[013-9])\d{6}",&[8]))] },
    M { id: "MO", cc: 853, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"0800\d{3}|(?:28|[68]\d)\d{6}",&[7,8]), loc: &[], t: [None, Some(d(r"0800\d{3}",&[7])), None, None, None, None, None, None, Some(d(r"(?:28[2-9]|8(?:11|[2-57-9]\d))\d{5}",&[8])), Some(d(r"6800[0-79]\d{3}|6(?:[235]\d\d|6(?:0[0-5]|[1-9]\d)|8(?:0[1-9]|[14-8]\d|2[5-9]|[39][0-4]))\d{4}",&[8]))] },
    M { id: "MP", cc: 1, npp: r"([2-9]\d{6})$|1", npt: r"670${1}", ld: r"670", smf: true, g: d(r"[58]\d{9}|(?:67|90)0\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"670(?:2(?:3[3-7]|56|8[4-8])|32[1-38]|4(?:33|8[348])|5(?:32|55|88)|6(?:64|70|82)|78[3589]|8[3-9]8|989)\d{4}",&[10])), None] },
    M { id: "MQ", cc: 596, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"7091\d{5}|(?:[56]9|[89]\d)\d{7}",&[9]), loc: &[], t: [Some(d(r"8[129]\d{7}",&[9])), Some(d(r"80[0-5]\d{6}",&[9])), None, Some(d(r"9(?:397[0-3]|477[0-5]|76(?:6\d|7[0-367]))\d{4}",&[9])), None, None, None, None, Some(d(r"(?:59(?:6(?:[03-7]\d|1[05]|2[7-9]|8[0-39]|9[04-9])|89\d)|80[6-9]\d\d|9(?:477[6-9]|767[4589]))\d{4}",&[9])), Some(d(r"(?:69[67]\d\d|7091[0-3])\d{4}",&[9]))] },
    M { id: "MR", cc: 222, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[2-4]\d\d|800)\d{5}",&[8]), loc: &[], t: [None, Some(d(r"800\d{5}",&[8])), None, None, None, None, None, None, Some(d(r"(?:25[08]|35\d|45[1-7])\d{5}",&[8])), Some(d(r"[2-4][0-46-9]\d{6}",&[8]))] },
    M { id: "MS", cc: 1, npp: r"([34]\d{6})$|1", npt: r"664${1}", ld: r"664", smf: false, g: d(r"(?:[58]\d\d|664|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"6644(?:1[0-3]|91)\d{4}",&[10])), Some(d(r"664(?:3(?:49|9[1-6])|49[2-6])\d{4}",&[10]))] },
    M { id: "MT", cc: 356, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"3550\d{4}|(?:[2579]\d\d|800)\d{5}",&[8]), loc: &[], t: [Some(d(r"5(?:0(?:0(?:37|43)|(?:6\d|70|9[0168])\d)|[12]\d0[1-5])\d{3}",&[8])), Some(d(r"800(?:02|[3467]\d)\d{3}",&[8])), None, Some(d(r"3550\d{4}",&[8])), None, Some(d(r"7117\d{4}",&[8])), Some(d(r"501\d{5}",&[8])), None, Some(d(r"20(?:3[1-4]|6[059])\d{4}|2(?:0[19]|[1-357]\d|60)\d{5}",&[8])), Some(d(r"(?:7(?:210|[79]\d\d)|9(?:[29]\d\d|69[67]|8(?:1[1-3]|89|97)))\d{4}",&[8]))] },
    M { id: "MU", cc: 230, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[57]|8\d\d)\d{7}|[2-468]\d{6}",&[7,8,10]), loc: &[], t: [Some(d(r"30\d{5}",&[7])), Some(d(r"802\d{7}|80[0-2]\d{4}",&[7,10])), None, Some(d(r"3(?:20|9\d)\d{4}",&[7])), None, Some(d(r"219\d{4}",&[7])), None, None, Some(d(r"(?:2(?:[0346-8]\d|1[0-8])|4(?:[013568]\d|2[0-24-8]|71|90)|54(?:[3-5]\d|71)|6\d\d|8(?:14|3[129]))\d{4}",&[7,8])), Some(d(r"5(?:4(?:2[1-389]|7[1-9])|87[15-8])\d{4}|(?:5(?:2[5-9]|4[3-689]|[57]\d|8[0-689]|9[0-8])|7(?:0[0-7]|3[013]))\d{5}",&[8]))] },
    M { id: "MV", cc: 960, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:800|9[0-57-9]\d)\d{7}|[34679]\d{6}",&[7,10]), loc: &[], t: [Some(d(r"900\d{7}",&[10])), Some(d(r"800\d{7}",&[10])), None, None, None, None, Some(d(r"4(?:0[01]|50)\d{4}",&[7])), None, Some(d(r"(?:3(?:0[0-4]|3[0-59])|6(?:[58][024689]|6[024-68]|7[02468]))\d{4}",&[7])), Some(d(r"(?:46[46]|[79]\d\d)\d{4}",&[7]))] },
    M { id: "MW", cc: 265, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[1289]\d|31|77)\d{7}|1\d{6}",&[7,9]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"1[2-9]\d{5}",&[7])), Some(d(r"111\d{6}|(?:2[12]|31|77|[89][89])\d{7}",&[9]))] },
    M { id: "MX", cc: 52, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[2-9]\d{9}",&[10]), loc: &[7,8], t: [Some(d(r"900\d{7}",&[10])), Some(d(r"8(?:00|88)\d{7}",&[10])), Some(d(r"300\d{7}",&[10])), None, Some(d(r"500\d{7}",&[10])), None, None, None, Some(d(r"(?:2(?:0[01]|2\d|3[1-35-8]|4[13-9]|7[1-689]|8[1-578]|9[467])|3(?:1[1-79]|[2458][1-9]|3\d|7[1-8]|9[1-5])|4(?:1[1-57-9]|[267][1-9]|3[1-8]|[45]\d|8[1-35-9]|9[2-689])|5(?:[56]\d|88|9[1-79])|6(?:1[2-68]|[2-4][1-9]|5[1-36-9]|6[0-57-9]|7[1-7]|8[67]|9[4-8])|7(?:[1346][1-9]|[27]\d|5[13-9]|8[1-69]|9[17])|8(?:1\d|2[13-689]|3[1-6]|4[124-6]|6[1246-9]|7[0-378]|9[12479])|9(?:1[346-9]|2[1-4]|3[2-46-8]|5[1348]|[69]\d|7[12]|8[1-8]))\d{7}",&[10])), Some(d(r"(?:2(?:2\d|3[1-35-8]|4[13-9]|7[1-689]|8[1-578]|9[467])|3(?:1[1-79]|[2458][1-9]|3\d|7[1-8]|9[1-5])|4(?:1[1-57-9]|[267][1-9]|3[1-8]|[45]\d|8[1-35-9]|9[2-689])|5(?:[56]\d|88|9[1-79])|6(?:1[2-68]|[2-4][1-9]|5[1-36-9]|6[0-57-9]|7[1-7]|8[67]|9[4-8])|7(?:[1346][1-9]|[27]\d|5[13-9]|8[1-69]|9[17])|8(?:1\d|2[13-689]|3[1-6]|4[124-6]|6[1246-9]|7[0-378]|9[12479])|9(?:1[346-9]|2[1-4]|3[2-46-8]|5[1348]|[69]\d|7[12]|8[1-8]))\d{7}",&[10]))] },
    M { id: "MY", cc: 60, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"1\d{8,9}|(?:3\d|[4-9])\d{7}",&[8,9,10]), loc: &[6,7], t: [Some(d(r"1600\d{6}",&[10])), Some(d(r"1[378]00\d{6}",&[10])), None, Some(d(r"15(?:4(?:6[0-4]\d|8(?:0[125]|[17]\d|21|3[01]|4[01589]|5[014]|6[02]))|6(?:32[0-6]|78\d))\d{4}",&[10])), None, None, None, None, Some(d(r"427[01]\d{4}|(?:3(?:2[0-36-9]|3[0-368]|4[0-278]|5[0-24-8]|6[0-467]|7[1246-9]|8\d|9[0-57])\d|4(?:2[0-689]|[3-79]\d|8[1-35689])|5(?:2[0-589]|[3468]\d|5[0-489]|7[1-9]|9[23])|6(?:2[2-9]|3[1357-9]|[46]\d|5[0-6]|7[0-35-9]|85|9[015-8])|7(?:[2579]\d|3[03-68]|4[0-8]|6[5-9]|8[0-35-9])|8(?:[24][2-8]|3[2-5]|5[2-7]|6[2-589]|7[2-578]|[89][2-9])|9(?:0[57]|13|[25-7]\d|[3489][0-8]))\d{5}",&[8,9])), Some(d(r"1(?:(?:1888[689]|4400|8(?:47|8[27])[0-4])\d{4}|9\d{7,8})|1(?:0(?:[23568]\d|4[0-6]|7[016-9]|9[0-8])|1(?:[1-5]\d\d|6(?:0[5-9]|[1-9]\d)|7(?:[0-4]\d|5[0-79]|6[02-4]|8[02-5]))|(?:[26]\d|[37][1-9]|4[235-9])\d|5(?:31|9\d\d)|8(?:1[23]|[236]\d|4[06]|5(?:46|[7-9])|7[016-9]|8[01]|9[0-8]))\d{5}",&[9,10]))] },
    M { id: "MZ", cc: 258, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:2|8\d)\d{7}",&[8,9]), loc: &[], t: [None, Some(d(r"800\d{6}",&[9])), None, None, None, None, None, None, Some(d(r"2(?:[1346]\d|5[0-2]|[78][12]|93)\d{5}",&[8])), Some(d(r"8[2-9]\d{7}",&[9]))] },
    M { id: "NA", cc: 264, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[68]\d{7,8}",&[8,9]), loc: &[], t: [Some(d(r"8701\d{5}",&[9])), Some(d(r"80\d{7}",&[9])), None, Some(d(r"8(?:3\d\d|86)\d{5}",&[8,9])), None, None, None, None, Some(d(r"64426\d{3}|6(?:1(?:2[2-7]|3[01378]|4[0-4])|254|32[0237]|4(?:27|41|5[25])|52[236-8]|626|7(?:2[2-4]|30))\d{4,5}|6(?:1(?:(?:0\d|2[0189]|3[24-69]|4[5-9])\d|17|69|7[014])|2(?:17|5[0-36-8]|69|70)|3(?:17|2[14-689]|34|6[289]|7[01]|81)|4(?:17|2[0-2]|4[06]|5[0137]|69|7[01])|5(?:17|2[0459]|69|7[01])|6(?:17|25|38|42|69|7[01])|7(?:17|2[569]|3[13]|6[89]|7[01]))\d{4}",&[8,9])), Some(d(r"(?:60|8[1245])\d{7}",&[9]))] },
    M { id: "NC", cc: 687, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:050|[2-57-9]\d\d)\d{3}",&[6]), loc: &[], t: [Some(d(r"36\d{4}",&[6])), Some(d(r"050\d{3}",&[6])), None, None, None, None, None, None, Some(d(r"(?:2[03-9]|3[0-5]|4[1-7]|88)\d{4}",&[6])), Some(d(r"(?:[579]\d|8[0-79])\d{4}",&[6]))] },
    M { id: "NE", cc: 227, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[027-9]\d{7}",&[8]), loc: &[], t: [Some(d(r"09\d{6}",&[8])), Some(d(r"08\d{6}",&[8])), None, None, None, None, None, None, Some(d(r"2(?:0(?:20|3[1-8]|4[13-5]|5[14]|6[14578]|7[1-578])|1(?:4[145]|5[14]|6[14-68]|7[169]|88))\d{4}",&[8])), Some(d(r"(?:23|7[0467]|[89]\d)\d{6}",&[8]))] },
    M { id: "NF", cc: 672, npp: r"([0-258]\d{4})$", npt: r"3${1}", ld: r"", smf: false, g: d(r"[13]\d{5}",&[6]), loc: &[5], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:1(?:06|17|28|39)|3[0-2]\d)\d{3}",&[6])), Some(d(r"(?:14|3[58])\d{4}",&[6]))] },
    M { id: "NG", cc: 234, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:20|9\d)\d{8}|[78]\d{9,13}",&[10,11,12,13,14]), loc: &[6,7], t: [None, Some(d(r"800\d{7,11}",&[10,11,12,13,14])), None, None, None, None, Some(d(r"700\d{7,11}",&[10,11,12,13,14])), None, Some(d(r"20(?:[1259]\d|3[013-9]|4[1-8]|6[024-689]|7[1-79]|8[2-9])\d{6}",&[10])), Some(d(r"(?:702[0-24-9]|819[01])\d{6}|(?:7(?:0[13-9]|[12]\d)|8(?:0[1-9]|1[0-8])|9(?:0[1-9]|1[0-6]))\d{7}",&[10]))] },
    M { id: "NI", cc: 505, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:1800|[25-8]\d{3})\d{4}",&[8]), loc: &[], t: [None, Some(d(r"1800\d{4}",&[8])), None, None, None, None, None, None, Some(d(r"2\d{7}",&[8])), Some(d(r"(?:5(?:5[0-7]|[78]\d)|6(?:20|3[035]|4[045]|5[05]|77|8[1-9]|9[059])|(?:7[5-8]|8\d)\d)\d{5}",&[8]))] },
    M { id: "NL", cc: 31, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[124-7]\d\d|3(?:[02-9]\d|1[0-8]))\d{6}|8\d{6,9}|9\d{6,10}|1\d{4,5}",&[5,6,7,8,9,10,11]), loc: &[], t: [Some(d(r"90[069]\d{4,7}",&[7,8,9,10])), Some(d(r"800\d{4,7}",&[7,8,9,10])), None, Some(d(r"(?:85|91)\d{7}",&[9])), None, Some(d(r"66\d{7}",&[9])), Some(d(r"140(?:1[035]|2[0346]|3[03568]|4[0356]|5[0358]|8[458])|(?:140(?:1[16-8]|2[259]|3[124]|4[17-9]|5[124679]|7)|8[478]\d{6})\d",&[5,6,9])), None, Some(d(r"(?:1(?:[035]\d|1[13-578]|6[124-8]|7[24]|8[0-467])|2(?:[0346]\d|2[2-46-9]|5[125]|9[479])|3(?:[03568]\d|1[3-8]|2[01]|4[1-8])|4(?:[0356]\d|1[1-368]|7[58]|8[15-8]|9[23579])|5(?:[0358]\d|[19][1-9]|2[1-57-9]|4[13-8]|6[126]|7[0-3578])|7\d\d)\d{6}",&[9])), Some(d(r"(?:6[1-58]|970\d)\d{7}",&[9,11]))] },
    M { id: "NO", cc: 47, npp: r"", npt: r"", ld: r"[02-689]|7[0-8]", smf: false, g: d(r"(?:0|[2-9]\d{3})\d{4}",&[5,8]), loc: &[], t: [Some(d(r"82[09]\d{5}",&[8])), Some(d(r"80[01]\d{5}",&[8])), Some(d(r"810(?:0[0-6]|[2-8]\d)\d{3}",&[8])), Some(d(r"85[0-5]\d{5}",&[8])), Some(d(r"880\d{5}",&[8])), None, Some(d(r"(?:0[235-9]|81(?:0(?:0[7-9]|1\d)|5\d\d))\d{3}",&[5,8])), Some(d(r"81[23]\d{5}",&[8])), Some(d(r"(?:2[1-4]|3[1-3578]|5[1-35-7]|6[1-46-9]|7[0-8])\d{6}",&[8])), Some(d(r"45(?:[0-24-9]\d|3[0-57-9])\d{4}|(?:4[016-8]|9\d)\d{6}",&[8]))] },
    M { id: "NP", cc: 977, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:1\d|9)\d{9}|[1-9]\d{7}",&[8,10,11]), loc: &[6,7], t: [None, Some(d(r"1(?:66001|800\d\d)\d{5}",&[11])), None, None, None, None, None, None, Some(d(r"(?:1[0-6]\d|99[02-6])\d{5}|(?:2[13-79]|3[135-8]|4[146-9]|5[135-7]|6[13-9]|7[15-9]|8[1-46-9]|9[1-7])[2-6]\d{5}",&[8])), Some(d(r"9(?:00|6[0-3]|7[0-24-6]|8[0-24-68])\d{7}",&[10]))] },
    M { id: "NR", cc: 674, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:222|444|(?:55|8\d)\d|666|777|999)\d{4}",&[7]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"444\d{4}",&[7])), Some(d(r"(?:222|55[3-9]|666|777|8\d\d|999)\d{4}",&[7]))] },
    M { id: "NU", cc: 683, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[4-7]|888\d)\d{3}",&[4,7]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"[47]\d{3}",&[4])), Some(d(r"(?:[56]|888[1-9])\d{3}",&[4,7]))] },
    M { id: "NZ", cc: 64, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[1289]\d{9}|50\d{5}(?:\d{2,3})?|[27-9]\d{7,8}|(?:[34]\d|6[0-35-9])\d{6}|8\d{4,6}",&[5,6,7,8,9,10]), loc: &[], t: [Some(d(r"(?:1[13-57-9]\d{5}|50(?:0[08]|30|66|77|88))\d{3}|90\d{6,8}",&[7,8,9,10])), Some(d(r"508\d{6,7}|80\d{6,8}",&[8,9,10])), None, None, Some(d(r"70\d{7}",&[9])), None, Some(d(r"8(?:1[16-9]|22|3\d|4[045]|5[459]|6[235-9]|7[0-3579]|90)\d{2,7}",&[5,6,7,8,9,10])), None, Some(d(r"240\d{5}|(?:3[2-79]|[49][2-9]|6[235-9]|7[2-57-9])\d{6}",&[8])), Some(d(r"2(?:[0-27-9]\d|6)\d{6,7}|2(?:1\d|75)\d{5}",&[8,9,10]))] },
    M { id: "OM", cc: 968, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:1505|[279]\d{3}|500)\d{4}|800\d{5,6}",&[7,8,9]), loc: &[], t: [Some(d(r"900\d{5}",&[8])), Some(d(r"8007\d{4,5}|(?:500|800[05])\d{4}",&[7,8,9])), None, None, None, None, None, None, Some(d(r"2[1-6]\d{6}",&[8])), Some(d(r"(?:1505|90[1-9]\d)\d{4}|(?:7[124-9]|9[1-9])\d{6}",&[8]))] },
    M { id: "PA", cc: 507, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:00800|8\d{3})\d{6}|[68]\d{7}|[1-57-9]\d{6}",&[7,8,10,11]), loc: &[], t: [Some(d(r"(?:8(?:22|55|60|7[78]|86)|9(?:00|81))\d{4}",&[7])), Some(d(r"800\d{4,5}|(?:00800|800\d)\d{6}",&[7,8,10,11])), None, None, None, None, None, None, Some(d(r"(?:1(?:0\d|1[0479]|2[37]|3[0137]|4[147]|5[05]|6[058]|7[0167]|8[2358]|9[1389])|2(?:[0235-79]\d|1[0-7]|4[013-9]|8[02-9])|3(?:[0147-9]\d|[25][0-5]|33|6[068])|4(?:00|3[0-579]|4\d|7[0-57-9])|5(?:[01]\d|2[0-7]|[56]0|79)|7(?:0[09]|2[0-26-8]|3[03]|4[04]|5[05-9]|6[0156]|7[0-24-9]|8[4-9]|90)|8(?:09|2[89]|3\d|4[0-24-689]|5[014]|8[02])|9(?:0[5-9]|1[0-35-8]|2[036-9]|3[35-79]|40|5[0457-9]|6[05-9]|7[04-9]|8[235-8]|9\d))\d{4}",&[7])), Some(d(r"(?:1[16]1|21[89]|6\d{3}|8(?:1[01]|7[23]))\d{4}",&[7,8]))] },
    M { id: "PE", cc: 51, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[14-8]|9\d)\d{7}",&[8,9]), loc: &[6,7], t: [Some(d(r"805\d{5}",&[8])), Some(d(r"800\d{5}",&[8])), Some(d(r"801\d{5}",&[8])), None, Some(d(r"80[24]\d{5}",&[8])), None, None, None, Some(d(r"(?:(?:19[02-68]|(?:4[34]|5[14])[0-8]|687)\d|7(?:173|(?:3[0-8]|55)\d)|8(?:10[05689]|6(?:0[06-9]|1[6-9]|29)|7(?:0[0569]|[56]0)))\d{4}|(?:1[0-8]|4[12]|5[236]|6[1-7]|7[246]|8[2-4])\d{6}",&[8])), Some(d(r"9\d{8}",&[9]))] },
    M { id: "PF", cc: 689, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"4\d{5}(?:\d{2})?|8\d{7,8}",&[6,8,9]), loc: &[], t: [None, Some(d(r"80[0-5]\d{6}",&[9])), None, Some(d(r"499\d{5}",&[8])), None, None, Some(d(r"44\d{4}",&[6])), None, Some(d(r"4(?:0[4-689]|9[4-68])\d{5}",&[8])), Some(d(r"8[7-9]\d{6}",&[8]))] },
    M { id: "PG", cc: 675, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:180|[78]\d{3})\d{4}|(?:[2-589]\d|64)\d{5}",&[7,8]), loc: &[], t: [None, Some(d(r"180\d{4}",&[7])), None, Some(d(r"2(?:0[0-7]|7[568])\d{4}",&[7])), None, Some(d(r"27[01]\d{4}",&[7])), None, None, Some(d(r"(?:(?:3[0-2]|4[257]|5[34]|9[78])\d|64[1-9]|85[02-46-9])\d{4}",&[7])), Some(d(r"(?:7\d|8[1-58])\d{6}",&[8]))] },
    M { id: "PH", cc: 63, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[2-7]|9\d)\d{8}|2\d{5}|(?:1800|8)\d{7,9}",&[6,8,9,10,11,12,13]), loc: &[4,5,7], t: [None, Some(d(r"1800\d{7,9}",&[11,12,13])), None, None, None, None, None, None, Some(d(r"(?:(?:2[3-8]|3[2-68]|4[2-9]|5[2-6]|6[2-58]|7[24578])\d{3}|88(?:22\d\d|42))\d{4}|(?:2|8[2-8]\d\d)\d{5}",&[6,8,9,10])), Some(d(r"(?:8(?:1[37]|9[5-8])|9(?:0[5-9]|1[0-24-9]|[235-7]\d|4[2-9]|8[135-9]|9[1-9]))\d{7}",&[10]))] },
    M { id: "PK", cc: 92, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"122\d{6}|[24-8]\d{10,11}|9(?:[013-9]\d{8,10}|2(?:[01]\d\d|2(?:[06-8]\d|1[01]))\d{7})|(?:[2-8]\d{3}|92(?:[0-7]\d|8[1-9]))\d{6}|[24-9]\d{8}|[89]\d{7}",&[8,9,10,11,12]), loc: &[5,6,7], t: [Some(d(r"900\d{5}",&[8])), Some(d(r"800\d{5}(?:\d{3})?",&[8,11])), None, None, Some(d(r"122\d{6}",&[9])), None, Some(d(r"(?:2(?:[125]|3[2358]|4[2-4]|9[2-8])|4(?:[0-246-9]|5[3479])|5(?:[1-35-7]|4[2-467])|6(?:0[468]|[1-8])|7(?:[14]|2[236])|8(?:[16]|2[2-689]|3[23578]|4[3478]|5[2356])|9(?:1|22|3[27-9]|4[2-6]|6[3569]|9[2-7]))111\d{6}",&[11,12])), None, Some(d(r"(?:(?:21|42)[2-9]|58[126])\d{7}|(?:2[25]|4[0146-9]|5[1-35-7]|6[1-8]|7[14]|8[16]|91)[2-9]\d{6,7}|(?:2(?:3[2358]|4[2-4]|9[2-8])|45[3479]|54[2-467]|60[468]|72[236]|8(?:2[2-689]|3[23578]|4[3478]|5[2356])|9(?:2[2-8]|3[27-9]|4[2-6]|6[3569]|9[25-8]))[2-9]\d{5,6}",&[9,10])), Some(d(r"3(?:[0-247]\d|3[0-79]|55|64)\d{7}",&[10]))] },
    M { id: "PL", cc: 48, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:6|8\d\d)\d{7}|[1-9]\d{6}(?:\d{2})?|[26]\d{5}",&[6,7,8,9,10]), loc: &[], t: [Some(d(r"70[01346-8]\d{6}",&[9])), Some(d(r"800\d{6,7}",&[9,10])), Some(d(r"801\d{6}",&[9])), Some(d(r"39\d{7}",&[9])), None, Some(d(r"64\d{4,7}",&[6,7,8,9])), Some(d(r"804\d{6}",&[9])), None, Some(d(r"(?:30|47\d\d)\d{5}|(?:1[2-8]|2[2-69]|3[2-4]|4[1-468]|5[24-689]|6[1-3578]|7[14-7]|8[1-79]|9[145])(?:[02-9]\d{6}|1(?:[0-8]\d{5}|9\d{3}(?:\d{2})?))",&[7,9])), Some(d(r"21(?:1[013-5]|2\d|3[1-9])\d{5}|(?:45|5[0137]|6[069]|7[2389]|88)\d{7}",&[9]))] },
    M { id: "PM", cc: 508, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[78]\d{8}|[2-9]\d{5}",&[6,9]), loc: &[], t: [Some(d(r"8[129]\d{7}",&[9])), Some(d(r"80[0-5]\d{6}",&[9])), None, None, None, None, None, None, Some(d(r"80[6-9]\d{6}|(?:[236-9]\d|4[1-35-9]|5[0-47-9])\d{4}",&[6,9])), Some(d(r"708(?:4[0-5]|5[0-6])\d{4}|(?:[236-9]\d|4[02-489]|5[02-9])\d{4}",&[6,9]))] },
    M { id: "PR", cc: 1, npp: r"1", npt: r"", ld: r"787|939", smf: true, g: d(r"(?:[589]\d\d|787)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"(?:787|939)[2-9]\d{6}",&[10])), None] },
    M { id: "PS", cc: 970, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[2489]2\d{6}|(?:1\d|5)\d{8}",&[8,9,10]), loc: &[7], t: [None, Some(d(r"1800\d{6}",&[10])), Some(d(r"1700\d{6}",&[10])), None, None, None, None, None, Some(d(r"(?:22[2-47-9]|42[45]|82[014-68]|92[3569])\d{5}",&[8])), Some(d(r"5[69]\d{7}",&[9]))] },
    M { id: "PT", cc: 351, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"1693\d{5}|(?:[26-9]\d|30)\d{7}",&[9]), loc: &[], t: [Some(d(r"(?:6(?:0[178]|4[68])\d|76(?:0[1-57]|1[2-47]|2[1-37]))\d{5}",&[9])), Some(d(r"80[02]\d{6}",&[9])), Some(d(r"80(?:8\d|9[1579])\d{5}",&[9])), Some(d(r"30\d{7}",&[9])), Some(d(r"884[0-4689]\d{5}",&[9])), Some(d(r"6(?:222\d|89(?:00|88|99))\d{4}",&[9])), Some(d(r"70(?:38[01]|596|(?:7\d|8[17])\d)\d{4}",&[9])), Some(d(r"600\d{6}|6[06]92(?:0\d|3[349]|49)\d{3}",&[9])), Some(d(r"2(?:[12]\d|3[1-689]|4[1-59]|[57][1-9]|6[1-35689]|8[1-69]|9[1256])\d{6}",&[9])), Some(d(r"6(?:[06]92(?:30|9\d)|[35]92(?:[049]\d|3[034]))\d{3}|(?:(?:16|6[0356])93|9(?:[1-36]\d\d|480))\d{5}",&[9]))] },
    M { id: "PW", cc: 680, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[24-8]\d\d|345|900)\d{4}",&[7]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:2(?:55|77)|345|488|5(?:35|44|87)|6(?:22|54|79)|7(?:33|47)|8(?:24|55|76)|900)\d{4}",&[7])), Some(d(r"(?:(?:46|83)[0-5]|(?:6[2-4689]|78)0)\d{4}|(?:45|77|88)\d{5}",&[7]))] },
    M { id: "PY", cc: 595, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[36-8]\d{5,8}|4\d{6,8}|59\d{6}|9\d{5,10}|(?:2\d|5[0-8])\d{6,7}",&[6,7,8,9,10,11]), loc: &[5], t: [None, Some(d(r"9800\d{5,7}",&[9,10,11])), None, Some(d(r"8700[0-4]\d{4}",&[9])), None, None, Some(d(r"[245]0\d{6,7}|[36-9]0\d{4,7}",&[6,7,8,9])), None, Some(d(r"(?:3[289]|4[246-8]|61|7[1-3]|8[1-36])\d{5,7}|(?:2(?:[14-68]\d|2[4-68]|7[15]|9[1-5])|3(?:18|3[167]|4[2357]|51|[67]\d)|4(?:1\d|3[12]|5[13]|9[1-47])|5(?:[1-4]\d|5[02-4])|6(?:3[1-3]|44|7[1-8])|7(?:4[0-4]|5\d|6[1-578]|75|8[0-8])|858)\d{5,6}",&[7,8,9])), Some(d(r"9881\d{5}|9(?:51|6[129]|7[1-6]|8[1-7]|9[1-5])\d{6}",&[9]))] },
    M { id: "QA", cc: 974, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"800\d{4}|(?:2|800)\d{6}|(?:0080|[3-7])\d{7}",&[7,8,9,11]), loc: &[], t: [None, Some(d(r"800\d{4}|(?:0080[01]|800)\d{6}",&[7,9,11])), None, None, None, Some(d(r"2[136]\d{5}",&[7])), None, None, Some(d(r"4(?:(?:[014]\d\d|999)\d|2022)\d{3}",&[8])), Some(d(r"[35-7]\d{7}",&[8]))] },
    M { id: "RE", cc: 262, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"709\d{6}|(?:26|[689]\d)\d{7}",&[9]), loc: &[], t: [Some(d(r"89[1-37-9]\d{6}",&[9])), Some(d(r"80\d{7}",&[9])), Some(d(r"8(?:1[019]|2[0156]|84|90)\d{6}",&[9])), Some(d(r"9(?:399[0-3]|479[0-6]|76(?:2[278]|3[0-37]))\d{4}",&[9])), None, None, None, None, Some(d(r"2631[0-6]\d{4}|26(?:2\d|30|88)\d{5}",&[9])), Some(d(r"(?:69(?:2\d\d|3(?:[06][0-6]|1[0-3]|2[0-2]|3[0-39]|4\d|5[0-5]|7[0-37]|8[0-8]|9[0-479]))|7092[0-3])\d{4}",&[9]))] },
    M { id: "RO", cc: 40, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[2378]\d|90)\d{7}|[23]\d{5}",&[6,9]), loc: &[], t: [Some(d(r"90[0136]\d{6}",&[9])), Some(d(r"800\d{6}",&[9])), Some(d(r"801\d{6}",&[9])), None, None, None, Some(d(r"(?:37\d|80[578])\d{6}",&[9])), None, Some(d(r"[23][13-6]\d{7}|(?:2(?:19\d|[3-6]\d9)|31\d\d)\d\d",&[6,9])), Some(d(r"7020\d{5}|7(?:0[013-9]|1[0-3]|[2-7]\d|8[03-8]|9[0-39])\d{6}",&[9]))] },
    M { id: "RS", cc: 381, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"38[02-9]\d{6,9}|6\d{7,9}|90\d{4,8}|38\d{5,6}|(?:7\d\d|800)\d{3,9}|(?:[12]\d|3[0-79])\d{5,10}",&[6,7,8,9,10,11,12]), loc: &[4,5], t: [Some(d(r"(?:78\d|90[0169])\d{3,7}",&[6,7,8,9,10])), Some(d(r"800\d{3,9}",&[6,7,8,9,10,11,12])), None, None, None, None, Some(d(r"7[06]\d{4,10}",&[6,7,8,9,10,11,12])), None, Some(d(r"(?:11[1-9]\d|(?:2[389]|39)(?:0[2-9]|[2-9]\d))\d{3,8}|(?:1[02-9]|2[0-24-7]|3[0-8])[2-9]\d{4,9}",&[7,8,9,10,11,12])), Some(d(r"6(?:[0-689]|7\d)\d{6,7}",&[8,9,10]))] },
    M { id: "RU", cc: 7, npp: r"8", npt: r"", ld: r"[3489]", smf: false, g: d(r"8\d{13}|[347-9]\d{9}",&[10,14]), loc: &[7], t: [Some(d(r"80[39]\d{7}",&[10])), Some(d(r"8(?:0[04]|108\d{3})\d{7}",&[10,14])), None, None, Some(d(r"808\d{7}",&[10])), None, None, None, Some(d(r"(?:3(?:0[12]|36|4[1-35-79]|5[1-3]|65|8[1-58]|9[0145])|4(?:01|1[1356]|2[13467]|7[1-5]|8[1-7]|9[1-689])|8(?:1[1-8]|2[01]|3[13-6]|4[0-8]|5[15-7]|6[0-35-79]|7[1-37-9]))\d{7}",&[10])), Some(d(r"9(?:[0-24-9]\d{4}|3(?:0(?:0(?:05|[124579]\d|3[0-7]|6[0-49]|8[04-9])|[1-9]\d\d)|[1-9]\d{3}))\d{4}",&[10]))] },
    M { id: "RW", cc: 250, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:06|[27]\d\d|[89]00)\d{6}",&[8,9]), loc: &[], t: [Some(d(r"900\d{6}",&[9])), Some(d(r"800\d{6}",&[9])), None, None, None, None, None, None, Some(d(r"(?:06|2[23568]\d)\d{6}",&[8,9])), Some(d(r"7[237-9]\d{7}",&[9]))] },
    M { id: "SA", cc: 966, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[15]\d|800|92)\d{7}",&[9,10]), loc: &[7], t: [Some(d(r"925\d{6}",&[9])), Some(d(r"800\d{7}",&[10])), Some(d(r"920\d{6}",&[9])), None, None, None, None, None, Some(d(r"1(?:1\d|2[24-8]|3[35-8]|4[3-68]|6[2-5]|7[235-7])\d{6}",&[9])), Some(d(r"579[0-8]\d{5}|5(?:[013-689]\d|7[0-8])\d{6}",&[9]))] },
    M { id: "SB", cc: 677, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[6-9]\d{6}|[1-6]\d{4}",&[5,7]), loc: &[], t: [None, Some(d(r"1[38]\d{3}",&[5])), None, Some(d(r"5[12]\d{3}",&[5])), None, None, None, None, Some(d(r"(?:1[4-79]|[23]\d|4[0-2]|5[03]|6[0-37])\d{3}",&[5])), Some(d(r"(?:48|99[0-8]\d)\d{3}|(?:6[89]|7[1-9]|8[4-9]|9[0-8])\d{5}",&[5,7]))] },
    M { id: "SC", cc: 248, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[2489]\d|64)\d{5}",&[7]), loc: &[], t: [Some(d(r"85\d{5}",&[7])), Some(d(r"800[08]\d{3}",&[7])), None, Some(d(r"971\d{4}|(?:64|95)\d{5}",&[7])), None, None, None, None, Some(d(r"4[2-46]\d{5}",&[7])), Some(d(r"2[125-8]\d{5}",&[7]))] },
    M { id: "SD", cc: 249, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[19]\d{8}",&[9]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"1(?:5\d|8[35-7])\d{6}",&[9])), Some(d(r"(?:1[0-2]|9[0-3569])\d{7}",&[9]))] },
    M { id: "SE", cc: 46, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[26]\d\d|9)\d{9}|[1-9]\d{8}|[1-689]\d{7}|[1-4689]\d{6}|2\d{5}",&[6,7,8,9,10,12]), loc: &[], t: [Some(d(r"649\d{6}|99[1-59]\d{4}(?:\d{3})?|9(?:00|39|44)[1-8]\d{3,6}",&[7,8,9,10])), Some(d(r"20\d{4,7}",&[6,7,8,9])), Some(d(r"77[0-7]\d{6}",&[9])), None, Some(d(r"75[1-8]\d{6}",&[9])), Some(d(r"74[02-9]\d{6}",&[9])), Some(d(r"10[1-8]\d{6}",&[9])), Some(d(r"(?:25[245]|67[3-68])\d{9}",&[12])), Some(d(r"(?:(?:[12][136]|3[356]|4[0246]|6[03]|8\d)\d|90[1-9])\d{4,6}|(?:1(?:2[0-35]|4[0-4]|5[0-25-9]|7[13-6]|[89]\d)|2(?:2[0-7]|4[0136-8]|5[0138]|7[018]|8[01]|9[0-57])|3(?:0[0-4]|1\d|2[0-25]|4[056]|7[0-2]|8[0-3]|9[023])|4(?:1[013-8]|3[0135]|5[14-79]|7[0-246-9]|8[0156]|9[0-689])|5(?:0[0-6]|[15][0-5]|2[0-68]|3[0-4]|4\d|6[03-5]|7[013]|8[0-79]|9[01])|6(?:1[1-3]|2[0-4]|4[02-57]|5[0-37]|6[0-3]|7[0-2]|8[0247]|9[0-356])|9(?:1[0-68]|2\d|3[02-5]|4[0-3]|5[0-4]|[68][01]|7[0135-8]))\d{5,6}",&[7,8,9])), Some(d(r"7[023689]\d{7}",&[9]))] },
    M { id: "SG", cc: 65, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:(?:1\d|8)\d\d|7000)\d{7}|[3689]\d{7}",&[8,10,11]), loc: &[], t: [Some(d(r"1900\d{7}",&[11])), Some(d(r"(?:18|8)00\d{7}",&[10,11])), None, Some(d(r"(?:3[12]\d|666)\d{5}",&[8])), None, None, Some(d(r"7000\d{7}",&[11])), None, Some(d(r"662[0-24-9]\d{4}|6(?:[0-578]\d|6[013-57-9]|9[0-35-9])\d{5}",&[8])), Some(d(r"80[1-9]\d{5}|(?:8[1-9]|9[0-8])\d{6}",&[8]))] },
    M { id: "SH", cc: 290, npp: r"", npt: r"", ld: r"[2569]", smf: false, g: d(r"(?:[2569]\d|8)\d{3}",&[4,5]), loc: &[], t: [None, None, None, Some(d(r"262\d\d",&[5])), None, None, None, None, Some(d(r"2(?:[0-57-9]\d|6[4-9])\d\d",&[4,5])), Some(d(r"[569]\d{4}",&[5]))] },
    M { id: "SI", cc: 386, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[1-7]\d{7}|8\d{4,7}|90\d{4,6}",&[5,6,7,8]), loc: &[], t: [Some(d(r"89[1-3]\d{2,5}|90\d{4,6}",&[5,6,7,8])), Some(d(r"80\d{4,6}",&[6,7,8])), None, Some(d(r"(?:59\d\d|8(?:1(?:[67]\d|8[0-589])|2(?:0\d|2[0-37-9]|8[0-2489])|3[389]\d))\d{4}",&[8])), None, None, None, None, Some(d(r"(?:[1-357][2-8]|4[24-8])\d{6}",&[8])), Some(d(r"65(?:[178]\d|5[56]|6[01])\d{4}|(?:[37][01]|4[013]|51|6[489])\d{6}",&[8]))] },
    M { id: "SJ", cc: 47, npp: r"", npt: r"", ld: r"79", smf: false, g: d(r"0\d{4}|(?:[489]\d|79)\d{6}",&[5,8]), loc: &[], t: [Some(d(r"82[09]\d{5}",&[8])), Some(d(r"80[01]\d{5}",&[8])), Some(d(r"810(?:0[0-6]|[2-8]\d)\d{3}",&[8])), Some(d(r"85[0-5]\d{5}",&[8])), Some(d(r"880\d{5}",&[8])), None, Some(d(r"(?:0[235-9]|81(?:0(?:0[7-9]|1\d)|5\d\d))\d{3}",&[5,8])), Some(d(r"81[23]\d{5}",&[8])), Some(d(r"79\d{6}",&[8])), Some(d(r"45(?:[0-24-9]\d|3[0-57-9])\d{4}|(?:4[016-8]|9\d)\d{6}",&[8]))] },
    M { id: "SK", cc: 421, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[2-689]\d{8}|[2-59]\d{6}|[2-5]\d{5}",&[6,7,9]), loc: &[], t: [Some(d(r"9(?:00|[78]\d)\d{6}",&[9])), Some(d(r"800\d{6}",&[9])), Some(d(r"8[5-9]\d{7}",&[9])), Some(d(r"6(?:02|5[0-4]|9[0-6])\d{6}",&[9])), None, Some(d(r"9090\d{3}",&[7])), Some(d(r"96\d{7}",&[9])), None, Some(d(r"(?:2(?:16|[2-9]\d{3})|(?:(?:[3-5][1-8]\d|819)\d|601[1-5])\d)\d{4}|(?:2|[3-5][1-8])1[67]\d{3}|[3-5][1-8]16\d\d",&[6,7,9])), Some(d(r"909[1-9]\d{5}|9(?:0[1-8]|1[0-24-9]|4[03-57-9]|5\d)\d{6}",&[9]))] },
    M { id: "SL", cc: 232, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[237-9]\d|66)\d{6}",&[8]), loc: &[6], t: [None, None, None, None, None, None, None, None, Some(d(r"22[2-4][2-9]\d{4}",&[8])), Some(d(r"(?:25|3[0-5]|66|7\d|8[08]|9[09])\d{6}",&[8]))] },
    M { id: "SM", cc: 378, npp: r"([89]\d{5})$", npt: r"0549${1}", ld: r"", smf: false, g: d(r"(?:0549|[5-7]\d)\d{6}",&[8,10]), loc: &[6], t: [Some(d(r"7[178]\d{6}",&[8])), None, None, Some(d(r"5[158]\d{6}",&[8])), None, None, None, None, Some(d(r"0549(?:8[0157-9]|9\d)\d{4}",&[10])), Some(d(r"6[16]\d{6}",&[8]))] },
    M { id: "SN", cc: 221, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[378]\d|93)\d{7}",&[9]), loc: &[], t: [Some(d(r"88[4689]\d{6}",&[9])), Some(d(r"800\d{6}",&[9])), Some(d(r"81[02468]\d{6}",&[9])), Some(d(r"(?:39|93)\d{7}",&[9])), None, None, None, None, Some(d(r"3(?:[026]\d|3[89])\d{6}",&[9])), Some(d(r"7(?:[015-8]\d|21|90)\d{6}",&[9]))] },
    M { id: "SO", cc: 252, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[346-9]\d{8}|[12679]\d{7}|[1-5]\d{6}|[1348]\d{5}",&[6,7,8,9]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:1\d|2[0-79]|3[0-46-8]|4[0-7]|5[57-9])\d{5}|(?:[134]\d|8[125])\d{4}",&[6,7])), Some(d(r"(?:(?:15|(?:3[59]|4[89]|6\d|7[0-35-9]|8[08])\d|9(?:0\d|[2-9]))\d|2(?:4\d|8))\d{5}|(?:[67]\d\d|904)\d{5}",&[7,8,9]))] },
    M { id: "SR", cc: 597, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[2-5]|[6-9]\d)\d{5}",&[6,7]), loc: &[], t: [Some(d(r"90\d{5}",&[7])), Some(d(r"80\d{5}",&[7])), None, Some(d(r"(?:56|91\d)\d{4}",&[6,7])), None, None, None, None, Some(d(r"(?:2[1-3]|3[0-7]|4\d|5[2-578])\d{4}",&[6])), Some(d(r"(?:6[08]|7[1-79]|8[1-9])\d{5}",&[7]))] },
    M { id: "SS", cc: 211, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[19]\d{8}",&[9]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"1[89]\d{7}",&[9])), Some(d(r"(?:12|9[1257-9])\d{7}",&[9]))] },
    M { id: "ST", cc: 239, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:22|9\d)\d{5}",&[7]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"22\d{5}",&[7])), Some(d(r"900[5-9]\d{3}|9(?:0[1-9]|[89]\d)\d{4}",&[7]))] },
    M { id: "SV", cc: 503, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[25-7]\d{7}|(?:80\d|900)\d{4}(?:\d{4})?",&[7,8,11]), loc: &[], t: [Some(d(r"900\d{4}(?:\d{4})?",&[7,11])), Some(d(r"800\d{8}|80[01]\d{4}",&[7,11])), None, None, None, None, None, None, Some(d(r"2(?:79(?:0[0347-9]|[1-9]\d)|89(?:0[024589]|[1-9]\d))\d{3}|2(?:[1-69]\d|[78][0-8])\d{5}",&[8])), Some(d(r"[5-7]\d{7}",&[8]))] },
    M { id: "SX", cc: 1, npp: r"(5\d{6})$|1", npt: r"721${1}", ld: r"721", smf: false, g: d(r"7215\d{6}|(?:[58]\d\d|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"7215(?:4[2-8]|8[39]|9[056])\d{4}",&[10])), Some(d(r"7215(?:1[02]|2\d|5[034679]|8[0-24-8])\d{4}",&[10]))] },
    M { id: "SY", cc: 963, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[1-359]\d{8}|[1-5]\d{7}",&[8,9]), loc: &[6,7], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:1(?:[1478]\d|[2356])|21\d|3(?:[13]\d|4)|4[134]|5[1-3])\d{6}|2[1-5]\d{6}",&[8,9])), Some(d(r"(?:50|9[03-689])\d{7}",&[9]))] },
    M { id: "SZ", cc: 268, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"0800\d{4}|(?:[237]\d|900)\d{6}",&[8,9]), loc: &[], t: [Some(d(r"900\d{6}",&[9])), Some(d(r"0800\d{4}",&[8])), None, Some(d(r"70\d{6}",&[8])), None, None, None, None, Some(d(r"[23][2-5]\d{6}",&[8])), Some(d(r"7[5-9]\d{6}",&[8]))] },
    M { id: "TA", cc: 290, npp: r"", npt: r"", ld: r"8", smf: false, g: d(r"8\d{3}",&[4]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"8\d{3}",&[4])), None] },
    M { id: "TC", cc: 1, npp: r"([2-479]\d{6})$|1", npt: r"649${1}", ld: r"649", smf: false, g: d(r"(?:[58]\d\d|649|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, Some(d(r"649(?:71[01]|966)\d{4}",&[10])), Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"649(?:266|712|9(?:4\d|50))\d{4}",&[10])), Some(d(r"649(?:2(?:3[129]|4[1-79])|3\d\d|4[34][1-3])\d{4}",&[10]))] },
    M { id: "TD", cc: 235, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:22|[3689]\d|77)\d{6}",&[8]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"22(?:[37-9]0|5[0-5]|6[89])\d{4}",&[8])), Some(d(r"(?:3[01]|[69]\d|77|8[5-7])\d{6}",&[8]))] },
    M { id: "TG", cc: 228, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[279]\d{7}",&[8]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"2(?:2[2-7]|3[23]|4[45]|55|6[67]|77)\d{5}",&[8])), Some(d(r"(?:7[0-389]|9[0-36-9])\d{6}",&[8]))] },
    M { id: "TH", cc: 66, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:001800|[2-57]|[689]\d)\d{7}|1\d{7,9}",&[8,9,10,13]), loc: &[], t: [Some(d(r"1900\d{6}",&[10])), Some(d(r"(?:001800\d|1800)\d{6}",&[10,13])), None, Some(d(r"6[08]\d{7}",&[9])), None, None, None, None, Some(d(r"(?:1[0689]|2\d|3[2-9]|4[2-5]|5[2-6]|7[3-7])\d{6}",&[8])), Some(d(r"(?:(?:14|[89]\d)\d\d|6(?:[1-6]\d\d|7(?:1[0-8]|2[4-7]|3[1-6])))\d{5}",&[9]))] },
    M { id: "TJ", cc: 992, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[0-57-9]\d|66)\d{7}",&[9]), loc: &[3,5,6,7], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:3(?:1[3-5]|2[245]|3[12]|4[24-7]|5[25]|72)|4(?:46|74|87))\d{6}",&[9])), Some(d(r"(?:33[03-9]|4(?:1[18]|4[02-479])|81[1-9])\d{6}|(?:[09]\d|1[0-27-9]|2[0-27]|3[08]|40|5[05]|66|7[0157-9]|8[07-9])\d{7}",&[9]))] },
    M { id: "TK", cc: 690, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[2-47]\d{3,6}",&[4,5,6,7]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:2[2-4]|[34]\d)\d{2,5}",&[4,5,6,7])), Some(d(r"7[2-4]\d{2,5}",&[4,5,6,7]))] },
    M { id: "TL", cc: 670, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"7\d{7}|(?:[2-47]\d|[89]0)\d{5}",&[7,8]), loc: &[], t: [Some(d(r"90\d{5}",&[7])), Some(d(r"80\d{5}",&[7])), None, None, Some(d(r"70\d{5}",&[7])), None, None, None, Some(d(r"(?:2[1-5]|3[1-9]|4[1-4])\d{5}",&[7])), Some(d(r"7[2-8]\d{6}",&[8]))] },
    M { id: "TM", cc: 993, npp: r"8", npt: r"", ld: r"", smf: false, g: d(r"[1-7]\d{7}",&[8]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:1(?:2\d|3[1-9])|2(?:22|4[0-35-8])|3(?:22|4[03-9])|4(?:22|3[128]|4\d|6[15])|5(?:22|5[7-9]|6[014-689]))\d{5}",&[8])), Some(d(r"(?:6\d|7[12])\d{6}",&[8]))] },
    M { id: "TN", cc: 216, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[2-57-9]\d{7}",&[8]), loc: &[], t: [Some(d(r"88\d{6}",&[8])), Some(d(r"8010\d{4}",&[8])), Some(d(r"8[12]10\d{4}",&[8])), None, None, None, None, None, Some(d(r"81200\d{3}|(?:3[0-2]|7\d)\d{6}",&[8])), Some(d(r"3(?:001|[12]40)\d{4}|(?:(?:[259]\d|4[0-8])\d|3(?:1[1-35]|6[0-4]|91))\d{5}",&[8]))] },
    M { id: "TO", cc: 676, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:0800|(?:[5-8]\d\d|999)\d)\d{3}|[2-8]\d{4}",&[5,7]), loc: &[], t: [None, Some(d(r"0800\d{3}",&[7])), None, Some(d(r"55[0-37-9]\d{4}",&[7])), None, None, None, None, Some(d(r"(?:2\d|3[0-8]|4[0-4]|50|6[09]|7[0-24-69]|8[05])\d{3}",&[5])), Some(d(r"(?:5(?:4[0-5]|5[4-6])|6(?:[09]\d|3[02]|8[15-9])|(?:7\d|8[46-9])\d|999)\d{4}",&[7]))] },
    M { id: "TR", cc: 90, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"4\d{6}|8\d{11,12}|(?:[2-58]\d\d|900)\d{7}",&[7,10,12,13]), loc: &[], t: [Some(d(r"(?:8[89]8|900)\d{7}",&[10])), Some(d(r"8(?:00\d{7}(?:\d{2,3})?|11\d{7})",&[10,12,13])), None, Some(d(r"850\d{7}",&[10])), Some(d(r"592(?:21[12]|461)\d{4}",&[10])), Some(d(r"512\d{7}",&[10])), Some(d(r"444\d{4}",&[7])), None, Some(d(r"(?:2(?:1[26]|[28][2468]|[3-5][268]|[67][246])|3(?:[13][28]|[24-6][2468]|[78][02468]|92)|4(?:[16][246]|[23578][2468]|4[26]))\d{7}",&[10])), Some(d(r"5(?:61(?:011|61\d)|82[2-5]\d\d)\d{4}|5(?:[03-5]\d|1[06]|24|6[24]|7[245]|9[46])\d{7}",&[10]))] },
    M { id: "TT", cc: 1, npp: r"([2-46-8]\d{6})$|1", npt: r"868${1}", ld: r"868", smf: false, g: d(r"(?:[58]\d\d|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"868800\d{4}|8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"868619\d{4}",&[10])), Some(d(r"868(?:2(?:01|1[5-9]|[23]\d|4[0-2])|6(?:0[7-9]|1[02-8]|2[1-9]|[3-69]\d|7[0-79])|82[124])\d{4}",&[10])), Some(d(r"868(?:(?:2[5-9]|3\d)\d|4(?:3[0-6]|[6-9]\d)|6(?:20|78|8\d)|7(?:0[1-9]|1[02-9]|[2-9]\d))\d{4}",&[10]))] },
    M { id: "TV", cc: 688, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:2|7\d\d|90)\d{4}",&[5,6,7]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"2[02-9]\d{3}",&[5])), Some(d(r"(?:7[01]\d|90)\d{4}",&[6,7]))] },
    M { id: "TW", cc: 886, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[2-689]\d{8}|7\d{9,10}|[2-8]\d{7}|2\d{6}",&[7,8,9,10,11]), loc: &[], t: [Some(d(r"20(?:[013-9]\d\d|2)\d{4}",&[7,9])), Some(d(r"80[0-79]\d{6}|800\d{5}",&[8,9])), None, Some(d(r"7010(?:[0-2679]\d|3[0-7]|8[0-5])\d{5}|70\d{8}",&[10,11])), Some(d(r"99\d{7}",&[9])), None, Some(d(r"50[0-46-9]\d{6}",&[9])), None, Some(d(r"(?:2[2-8]\d|370|55[01]|7[1-9])\d{6}|4(?:(?:0(?:0[1-9]|[2-48]\d)|1[023]\d)\d{4,5}|(?:[239]\d\d|4(?:0[56]|12|49))\d{5})|6(?:[01]\d{7}|4(?:0[56]|12|24|4[09])\d{4,5})|8(?:(?:2(?:3\d|4[0-269]|[578]0|66)|36[24-9]|90\d\d)\d{4}|4(?:0[56]|12|24|4[09])\d{4,5})|(?:2(?:2(?:0\d\d|4(?:0[68]|[249]0|3[0-467]|5[0-25-9]|6[0235689]))|(?:3(?:[09]\d|1[0-4])|(?:4\d|5[0-49]|6[0-29]|7[0-5])\d)\d)|(?:(?:3[2-9]|5[2-8]|6[0-35-79]|8[7-9])\d\d|4(?:2(?:[089]\d|7[1-9])|(?:3[0-4]|[78]\d|9[01])\d))\d)\d{3}",&[8,9])), Some(d(r"(?:40001[0-2]|9[0-8]\d{4})\d{3}",&[9]))] },
    M { id: "TZ", cc: 255, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:[25-8]\d|41|90)\d{7}",&[9]), loc: &[], t: [Some(d(r"90\d{7}",&[9])), Some(d(r"80[08]\d{6}",&[9])), Some(d(r"8(?:40|6[01])\d{6}",&[9])), Some(d(r"41\d{7}",&[9])), None, None, None, None, Some(d(r"2[2-8]\d{7}",&[9])), Some(d(r"(?:6[0-35-9]|7\d)\d{7}",&[9]))] },
    M { id: "UA", cc: 380, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[89]\d{9}|[3-9]\d{8}",&[9,10]), loc: &[5,6,7], t: [Some(d(r"900[239]\d{5,6}",&[9,10])), Some(d(r"800[1-8]\d{5,6}",&[9,10])), None, Some(d(r"89[1-579]\d{6}",&[9])), None, None, None, None, Some(d(r"(?:3[1-8]|4[13-8]|5[1-7]|6[12459])\d{7}",&[9])), Some(d(r"790\d{6}|(?:39|50|6[36-8]|7[1-357]|9[1-9])\d{7}",&[9]))] },
    M { id: "UG", cc: 256, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"800\d{6}|(?:[29]0|[347]\d)\d{7}",&[9]), loc: &[5,6,7], t: [Some(d(r"90[1-3]\d{6}",&[9])), Some(d(r"800[1-3]\d{5}",&[9])), None, None, None, None, None, None, Some(d(r"20(?:(?:24[09]|30[67])\d|6(?:00[0-2]|30[0-4]))\d{3}|(?:20(?:[017]\d|2[5-9]|3[1-4]|5[0-4]|6[15-9])|[34]\d{3})\d{5}",&[9])), Some(d(r"7(?:28|34)0\d{5}|7(?:[014-8]\d|2[01467]|3[0-267]|9[0-589])\d{6}",&[9]))] },
    M { id: "US", cc: 1, npp: r"1", npt: r"", ld: r"", smf: true, g: d(r"[2-9]\d{9}|3\d{6}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"983[2-57-9]\d{6}|(?:2(?:0[1-35-9]|1[02-9]|2[03-57-9]|3[1459]|4[08]|5[1-46]|6[0279]|7[02469]|8[13])|3(?:0[1-57-9]|1[02-9]|2[013-79]|3[0-24679]|4[167]|5[0-3]|6[01349]|8[056])|4(?:0[124-9]|1[02-579]|2[3-5]|3[0245]|4[023578]|58|6[349]|7[02589]|8[04])|5(?:0[1-57-9]|1[0235-8]|20|3[0149]|4[01]|5[179]|6[1-47]|7[0-5]|8[0256])|6(?:0[1-35-9]|1[024-9]|2[03689]|3[016]|4[0156]|5[01679]|6[0-279]|78|8[0-269])|7(?:0[1-46-8]|1[2-9]|2[04-8]|3[0-2478]|4[0378]|5[47]|6[02359]|7[0-59]|8[156])|8(?:0[1-68]|1[02-8]|2[0168]|3[0-2589]|4[03578]|5[046-9]|6[02-5]|7[028])|9(?:0[1346-9]|1[02-9]|2[0589]|3[0146-8]|4[01357-9]|5[12469]|7[0-3589]|8[04-69]))[2-9]\d{6}",&[10])), None] },
    M { id: "UY", cc: 598, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"0004\d{2,9}|[1249]\d{7}|2\d{3,4}|(?:[49]\d|80)\d{5}",&[4,5,6,7,8,9,10,11,12,13]), loc: &[], t: [Some(d(r"90[0-8]\d{4}",&[7])), Some(d(r"0004\d{2,9}|(?:405|80[05])\d{4}",&[6,7,8,9,10,11,12,13])), None, None, None, None, Some(d(r"21\d{2,3}",&[4,5])), None, Some(d(r"(?:1(?:770|9(?:20|[89]7))|(?:2\d|4[2-7])\d\d)\d{4}",&[8])), Some(d(r"9[1-9]\d{6}",&[8]))] },
    M { id: "UZ", cc: 998, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:20|33|[5-9]\d)\d{7}",&[9]), loc: &[], t: [None, None, None, None, None, None, None, None, Some(d(r"(?:55\d\d|6(?:1(?:22|3[124]|4[1-4]|5[1-3578]|64)|2(?:22|3[0-57-9]|41)|5(?:22|3[3-7]|5[024-8])|[69]\d\d|7(?:[23]\d|7[69]))|7(?:[168]\d\d|2(?:22|3[13-57-9]|4[1-3579]|5[14])|3(?:2\d|3[1578]|4[1-35-7]|5[1-57]|61)|4(?:2\d|3[1-579]|7[1-79])|5(?:22|5[1-9]|6[1457])|9(?:22|5[1-9])))\d{5}",&[9])), Some(d(r"(?:(?:[25]0|33|8[078]|9[0-57-9])\d{3}|6(?:1(?:2(?:2[01]|98)|35[0-4]|50\d|61[23]|7(?:[01][017]|4\d|55|9[5-9]))|2(?:(?:11|7\d)\d|2(?:[12]1|9[01379])|5(?:[126]\d|3[0-4]))|5(?:19[01]|2(?:27|9[26])|(?:30|59|7\d)\d)|6(?:2(?:1[5-9]|2[0367]|38|41|52|60)|(?:3[79]|9[0-3])\d|4(?:56|83)|7(?:[07]\d|1[017]|3[07]|4[047]|5[057]|67|8[0178]|9[79]))|7(?:2(?:24|3[237]|4[5-9]|7[15-8])|5(?:7[12]|8[0589])|7(?:0\d|[39][07])|9(?:0\d|7[079])))|7(?:[07]\d{3}|2(?:2(?:2[79]|95)|3(?:2[5-9]|6[0-6])|57\d|7(?:0\d|1[17]|2[27]|3[37]|44|5[057]|66|88))|3(?:2(?:1[0-6]|21|3[469]|7[159])|(?:33|9[4-6])\d|5(?:0[0-4]|5[579]|9\d)|7(?:[0-3579]\d|4[0467]|6[67]|8[078]))|4(?:2(?:29|5[0257]|6[0-7]|7[1-57])|5(?:1[0-4]|8\d|9[5-9])|7(?:0\d|1[024589]|2[0-27]|3[0137]|[46][07]|5[01]|7[5-9]|9[079])|9(?:7[015-9]|[89]\d))|5(?:112|2(?:0\d|2[29]|[49]4)|3[1568]\d|52[6-9]|7(?:0[01578]|1[017]|[23]7|4[047]|[5-7]\d|8[78]|9[079]))|9(?:22[128]|3(?:2[0-4]|7\d)|57[02569]|7(?:2[05-9]|3[37]|4\d|60|7[2579]|87|9[07]))))\d{4}",&[9]))] },
    M { id: "VA", cc: 39, npp: r"", npt: r"", ld: r"06698", smf: false, g: d(r"0\d{5,10}|3[0-8]\d{7,10}|55\d{8}|8\d{5}(?:\d{2,4})?|(?:1\d|39)\d{7,8}",&[6,7,8,9,10,11,12]), loc: &[], t: [Some(d(r"(?:0878\d{3}|89(?:2\d|3[04]|4(?:[0-4]|[5-9]\d\d)|5[0-4]))\d\d|(?:1(?:44|6[346])|89(?:38|5[5-9]|9))\d{6}",&[6,8,9,10])), Some(d(r"80(?:0\d{3}|3)\d{3}",&[6,9])), Some(d(r"84(?:[08]\d{3}|[17])\d{3}",&[6,9])), Some(d(r"55\d{8}",&[10])), Some(d(r"1(?:78\d|99)\d{6}",&[9,10])), None, None, Some(d(r"3[2-8]\d{9,10}",&[11,12])), Some(d(r"06698\d{1,6}",&[6,7,8,9,10,11])), Some(d(r"3[1-9]\d{8}|3[2-9]\d{7}",&[9,10]))] },
    M { id: "VC", cc: 1, npp: r"([2-7]\d{6})$|1", npt: r"784${1}", ld: r"784", smf: false, g: d(r"(?:[58]\d\d|784|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, Some(d(r"78451[0-2]\d{4}",&[10])), Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"784(?:266|3(?:6[6-9]|7\d|8[0-6])|4(?:38|5[0-36-8]|8[0-8])|5(?:55|7[0-2]|93)|638|784)\d{4}",&[10])), Some(d(r"784(?:4(?:3[0-5]|5[45]|89|9[0-8])|5(?:2[6-9]|3[0-4])|720)\d{4}",&[10]))] },
    M { id: "VE", cc: 58, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[68]00\d{7}|(?:[24]\d|[59]0)\d{8}",&[10]), loc: &[7], t: [Some(d(r"90[01]\d{7}",&[10])), Some(d(r"800\d{7}",&[10])), None, None, None, None, Some(d(r"501\d{7}",&[10])), None, Some(d(r"(?:2(?:12|3[457-9]|[467]\d|[58][1-9]|9[1-6])|[4-6]00)\d{7}",&[10])), Some(d(r"4(?:1[24-8]|2[246])\d{7}",&[10]))] },
    M { id: "VG", cc: 1, npp: r"([2-578]\d{6})$|1", npt: r"284${1}", ld: r"284", smf: false, g: d(r"(?:284|[58]\d\d|900)\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"284(?:229|4(?:22|9[45])|774|8(?:52|6[459]))\d{4}",&[10])), Some(d(r"284(?:245|3(?:0[0-3]|4[0-7]|68|9[34])|4(?:4[0-6]|68|9[69])|5(?:4[0-7]|68|9[69]))\d{4}",&[10]))] },
    M { id: "VI", cc: 1, npp: r"([2-9]\d{6})$|1", npt: r"340${1}", ld: r"340", smf: true, g: d(r"[58]\d{9}|(?:34|90)0\d{7}",&[10]), loc: &[7], t: [Some(d(r"900[2-9]\d{6}",&[10])), Some(d(r"8(?:00|33|44|55|66|77|88)[2-9]\d{6}",&[10])), None, None, Some(d(r"52(?:3(?:[2-46-9][02-9]\d|5(?:[02-46-9]\d|5[0-46-9]))|4(?:[2-478][02-9]\d|5(?:[034]\d|2[024-9]|5[0-46-9])|6(?:0[1-9]|[2-9]\d)|9(?:[05-9]\d|2[0-5]|49)))\d{4}|52[34][2-9]1[02-9]\d{4}|5(?:00|2[125-9]|3[23]|44|66|77|88)[2-9]\d{6}",&[10])), None, None, None, Some(d(r"340(?:2(?:0\d|10|2[06-8]|4[49]|77)|3(?:32|44)|4(?:2[23]|44|7[34]|89)|5(?:1[34]|55)|6(?:2[56]|4[23]|77|9[023])|7(?:1[2-57-9]|2[57]|7\d)|884|998)\d{4}",&[10])), None] },
    M { id: "VN", cc: 84, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[12]\d{9}|[135-9]\d{8}|[16]\d{6,7}|7\d{6}",&[7,8,9,10]), loc: &[], t: [Some(d(r"1900\d{4,6}",&[8,9,10])), Some(d(r"1800\d{4,6}|12(?:0[13]|28)\d{4}",&[8,9,10])), None, Some(d(r"672\d{6}",&[9])), None, None, Some(d(r"[17]99\d{4}|69\d{5,6}",&[7,8])), None, Some(d(r"2(?:0[3-9]|1[0-689]|2[0-25-9]|[38][2-9]|4[2-8]|5[124-9]|6[0-39]|7[0-7]|9[0-4679])\d{7}",&[10])), Some(d(r"121[0-3]\d{5}|(?:1[46]0|(?:3\d|7[06-9])\d|5(?:[1689]\d|2[238]|59)|8(?:[1-8]\d|9[6-9])|9(?:[0-8]\d|9[013-9]))\d{6}",&[9]))] },
    M { id: "VU", cc: 678, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"[57-9]\d{6}|(?:[238]\d|48)\d{3}",&[5,7]), loc: &[], t: [None, Some(d(r"81[18]\d\d",&[5])), None, Some(d(r"9(?:0[1-9]|1[01])\d{4}",&[7])), None, None, Some(d(r"(?:3[03]|900\d)\d{3}",&[5,7])), None, Some(d(r"(?:38[0-8]|48[4-9])\d\d|(?:2[02-9]|3[4-7]|88)\d{3}",&[5])), Some(d(r"(?:[58]\d|7[0-7])\d{5}",&[7]))] },
    M { id: "WF", cc: 681, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:40|72|8\d{4})\d{4}|[89]\d{5}",&[6,9]), loc: &[], t: [None, Some(d(r"80[0-5]\d{6}",&[9])), None, Some(d(r"9[23]\d{4}",&[6])), None, None, None, Some(d(r"[48]0\d{4}",&[6])), Some(d(r"72\d{4}",&[6])), Some(d(r"(?:72|8[23])\d{4}",&[6]))] },
    M { id: "WS", cc: 685, npp: r"", npt: r"", ld: r"", smf: false, g: d(r"(?:[2-6]|8\d{5})\d{4}|[78]\d{6}|[68]\d{5}",&[5,6,7,10]), loc: &[], t: [None, Some(d(r"800\d{3}",&[6])), None, None, None, None, None, None, Some(d(r"6[1-9]\d{3}|(?:[2-5]|60)\d{4}",&[5,6])), Some(d(r"(?:7[1-35-8]|8(?:[3-7]|9\d{3}))\d{5}",&[7,10]))] },
    M { id: "XK", cc: 383, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"2\d{7,8}|3\d{7,11}|(?:4\d\d|[89]00)\d{5}",&[8,9,10,11,12]), loc: &[], t: [Some(d(r"900\d{5}",&[8])), Some(d(r"800\d{5}",&[8])), None, None, None, None, None, None, Some(d(r"38\d{6,10}|(?:2[89]|39)(?:0\d{5,6}|[1-9]\d{5})",&[8,9,10,11,12])), Some(d(r"4[3-9]\d{6}",&[8]))] },
    M { id: "YE", cc: 967, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:1|7\d)\d{7}|[1-7]\d{6}",&[7,8,9]), loc: &[6], t: [None, None, None, None, None, None, None, None, Some(d(r"78[0-7]\d{4}|17\d{6}|(?:[12][2-68]|3[2358]|4[2-58]|5[2-6]|6[3-58]|7[24-6])\d{5}",&[7,8])), Some(d(r"7[01378]\d{7}",&[9]))] },
    M { id: "YT", cc: 262, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"(?:639\d|7093)\d{5}|(?:26|80|9\d)\d{7}",&[9]), loc: &[], t: [None, Some(d(r"80\d{7}",&[9])), None, Some(d(r"9(?:(?:39|47)8[01]|769\d)\d{4}",&[9])), None, None, None, None, Some(d(r"26(?:89\d|9(?:0[0-467]|15|5[0-4]|6\d|[78]0))\d{4}",&[9])), Some(d(r"(?:639(?:0[0-79]|1[019]|[267]\d|3[09]|40|5[05-9]|9[04-79])|7093[5-7])\d{4}",&[9]))] },
    M { id: "ZA", cc: 27, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"[1-79]\d{8}|8\d{4,9}",&[5,6,7,8,9,10]), loc: &[], t: [Some(d(r"(?:86[2-9]|9[0-2]\d)\d{6}",&[9])), Some(d(r"80\d{7}",&[9])), Some(d(r"860\d{6}",&[9])), Some(d(r"87(?:08[0-589]|15[0-79]|28[0-4]|31[1-9])\d{4}|87(?:[02][0-79]|1[0-46-9]|3[02-9]|[4-9]\d)\d{5}",&[9])), None, None, Some(d(r"861\d{6,7}",&[9,10])), None, Some(d(r"(?:2(?:0330|4302)|52087)0\d{3}|(?:1[0-8]|2[1-378]|3[1-69]|4\d|5[1346-8])\d{7}",&[9])), Some(d(r"(?:1(?:3492[0-25]|4495[0235]|549(?:20|5[01]))|4[34]492[01])\d{3}|8[1-4]\d{3,7}|(?:2[27]|47|54)4950\d{3}|(?:1(?:049[2-4]|9[12]\d\d)|(?:50[0-2]|[67]\d\d)\d\d|8(?:5\d{3}|7(?:08[67]|158|28[5-9]|310)))\d{4}|(?:1[6-8]|28|3[2-69]|4[025689]|5[36-8])4920\d{3}|(?:12|[2-5]1)492\d{4}",&[5,6,7,8,9]))] },
    M { id: "ZM", cc: 260, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"800\d{6}|(?:21|[579]\d|63)\d{7}",&[9]), loc: &[6], t: [None, Some(d(r"800\d{6}",&[9])), None, Some(d(r"63\d{7}",&[9])), None, None, None, None, Some(d(r"21[1-8]\d{6}",&[9])), Some(d(r"(?:[59][5-8]|7[5-9])\d{7}",&[9]))] },
    M { id: "ZW", cc: 263, npp: r"0", npt: r"", ld: r"", smf: false, g: d(r"8\d{6}(?:\d{3})?|[235-8]\d{8}",&[7,9,10]), loc: &[6], t: [None, Some(d(r"80(?:[01]\d|20|8[0-8])\d{3}",&[7])), None, Some(d(r"86(?:1[12]|22|30|44|55|77|8[368])\d{6}",&[10])), None, None, None, None, Some(d(r"(?:2(?:02[014]|(?:42|9\d)\d|[56]20|72[03])|3(?:123|92\d)|5(?:42\d|525)|6(?:[16-8]21|52[013])|8(?:[1349]28|523))\d{5}",&[9])), Some(d(r"7(?:[1278]\d|3[1-9]|51|9[01])\d{6}",&[9]))] },
];

#[rustfmt::skip]
static CC_REGIONS: &[(u16, &[&str])] = &[
    (1, &["US", "AG", "AI", "AS", "BB", "BM", "BS", "CA", "DM", "DO", "GD", "GU", "JM", "KN", "KY", "LC", "MP", "MS", "PR", "SX", "TC", "TT", "VC", "VG", "VI"]),
    (7, &["RU", "KZ"]),
    (20, &["EG"]),
    (27, &["ZA"]),
    (30, &["GR"]),
    (31, &["NL"]),
    (32, &["BE"]),
    (33, &["FR"]),
    (34, &["ES"]),
    (36, &["HU"]),
    (39, &["IT", "VA"]),
    (40, &["RO"]),
    (41, &["CH"]),
    (43, &["AT"]),
    (44, &["GB", "GG", "IM", "JE"]),
    (45, &["DK"]),
    (46, &["SE"]),
    (47, &["NO", "SJ"]),
    (48, &["PL"]),
    (49, &["DE"]),
    (51, &["PE"]),
    (52, &["MX"]),
    (53, &["CU"]),
    (54, &["AR"]),
    (55, &["BR"]),
    (56, &["CL"]),
    (57, &["CO"]),
    (58, &["VE"]),
    (60, &["MY"]),
    (61, &["AU", "CC", "CX"]),
    (62, &["ID"]),
    (63, &["PH"]),
    (64, &["NZ"]),
    (65, &["SG"]),
    (66, &["TH"]),
    (81, &["JP"]),
    (82, &["KR"]),
    (84, &["VN"]),
    (86, &["CN"]),
    (90, &["TR"]),
    (91, &["IN"]),
    (92, &["PK"]),
    (93, &["AF"]),
    (94, &["LK"]),
    (95, &["MM"]),
    (98, &["IR"]),
    (211, &["SS"]),
    (212, &["MA", "EH"]),
    (213, &["DZ"]),
    (216, &["TN"]),
    (218, &["LY"]),
    (220, &["GM"]),
    (221, &["SN"]),
    (222, &["MR"]),
    (223, &["ML"]),
    (224, &["GN"]),
    (225, &["CI"]),
    (226, &["BF"]),
    (227, &["NE"]),
    (228, &["TG"]),
    (229, &["BJ"]),
    (230, &["MU"]),
    (231, &["LR"]),
    (232, &["SL"]),
    (233, &["GH"]),
    (234, &["NG"]),
    (235, &["TD"]),
    (236, &["CF"]),
    (237, &["CM"]),
    (238, &["CV"]),
    (239, &["ST"]),
    (240, &["GQ"]),
    (241, &["GA"]),
    (242, &["CG"]),
    (243, &["CD"]),
    (244, &["AO"]),
    (245, &["GW"]),
    (246, &["IO"]),
    (247, &["AC"]),
    (248, &["SC"]),
    (249, &["SD"]),
    (250, &["RW"]),
    (251, &["ET"]),
    (252, &["SO"]),
    (253, &["DJ"]),
    (254, &["KE"]),
    (255, &["TZ"]),
    (256, &["UG"]),
    (257, &["BI"]),
    (258, &["MZ"]),
    (260, &["ZM"]),
    (261, &["MG"]),
    (262, &["RE", "YT"]),
    (263, &["ZW"]),
    (264, &["NA"]),
    (265, &["MW"]),
    (266, &["LS"]),
    (267, &["BW"]),
    (268, &["SZ"]),
    (269, &["KM"]),
    (290, &["SH", "TA"]),
    (291, &["ER"]),
    (297, &["AW"]),
    (298, &["FO"]),
    (299, &["GL"]),
    (350, &["GI"]),
    (351, &["PT"]),
    (352, &["LU"]),
    (353, &["IE"]),
    (354, &["IS"]),
    (355, &["AL"]),
    (356, &["MT"]),
    (357, &["CY"]),
    (358, &["FI", "AX"]),
    (359, &["BG"]),
    (370, &["LT"]),
    (371, &["LV"]),
    (372, &["EE"]),
    (373, &["MD"]),
    (374, &["AM"]),
    (375, &["BY"]),
    (376, &["AD"]),
    (377, &["MC"]),
    (378, &["SM"]),
    (380, &["UA"]),
    (381, &["RS"]),
    (382, &["ME"]),
    (383, &["XK"]),
    (385, &["HR"]),
    (386, &["SI"]),
    (387, &["BA"]),
    (389, &["MK"]),
    (420, &["CZ"]),
    (421, &["SK"]),
    (423, &["LI"]),
    (500, &["FK"]),
    (501, &["BZ"]),
    (502, &["GT"]),
    (503, &["SV"]),
    (504, &["HN"]),
    (505, &["NI"]),
    (506, &["CR"]),
    (507, &["PA"]),
    (508, &["PM"]),
    (509, &["HT"]),
    (590, &["GP", "BL", "MF"]),
    (591, &["BO"]),
    (592, &["GY"]),
    (593, &["EC"]),
    (594, &["GF"]),
    (595, &["PY"]),
    (596, &["MQ"]),
    (597, &["SR"]),
    (598, &["UY"]),
    (599, &["CW", "BQ"]),
    (670, &["TL"]),
    (672, &["NF"]),
    (673, &["BN"]),
    (674, &["NR"]),
    (675, &["PG"]),
    (676, &["TO"]),
    (677, &["SB"]),
    (678, &["VU"]),
    (679, &["FJ"]),
    (680, &["PW"]),
    (681, &["WF"]),
    (682, &["CK"]),
    (683, &["NU"]),
    (685, &["WS"]),
    (686, &["KI"]),
    (687, &["NC"]),
    (688, &["TV"]),
    (689, &["PF"]),
    (690, &["TK"]),
    (691, &["FM"]),
    (692, &["MH"]),
    (800, &["001"]),
    (808, &["001"]),
    (850, &["KP"]),
    (852, &["HK"]),
    (853, &["MO"]),
    (855, &["KH"]),
    (856, &["LA"]),
    (870, &["001"]),
    (878, &["001"]),
    (880, &["BD"]),
    (881, &["001"]),
    (882, &["001"]),
    (883, &["001"]),
    (886, &["TW"]),
    (888, &["001"]),
    (960, &["MV"]),
    (961, &["LB"]),
    (962, &["JO"]),
    (963, &["SY"]),
    (964, &["IQ"]),
    (965, &["KW"]),
    (966, &["SA"]),
    (967, &["YE"]),
    (968, &["OM"]),
    (970, &["PS"]),
    (971, &["AE"]),
    (972, &["IL"]),
    (973, &["BH"]),
    (974, &["QA"]),
    (975, &["BT"]),
    (976, &["MN"]),
    (977, &["NP"]),
    (979, &["001"]),
    (992, &["TJ"]),
    (993, &["TM"]),
    (994, &["AZ"]),
    (995, &["GE"]),
    (996, &["KG"]),
    (998, &["UZ"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(raw: &str) -> Result<PhoneNumber, InvalidRecipient> {
        validate_phone_number(raw).map_err(|e| InvalidRecipient(format!("{raw:?} rejected: {e}")))
    }

    fn email_err(raw: &str) -> Option<String> {
        validate_email_address(raw).err().map(|e| e.0)
    }

    #[test]
    fn all_metadata_patterns_compile() {
        assert_eq!(lib::all_patterns_compile(), Vec::<&str>::new());
    }

    #[test]
    fn valid_email_addresses_are_returned_stripped_with_case_kept() {
        for (raw, expected) in [
            ("test@example.com", "test@example.com"),
            ("Test.Name@Example.CO.UK", "Test.Name@Example.CO.UK"),
            (
                "firstname-o'surname@domain.com",
                "firstname-o'surname@domain.com",
            ),
            (
                "a!#$%&'*+/=?^_`{|}~-z@example.com",
                "a!#$%&'*+/=?^_`{|}~-z@example.com",
            ),
            ("  test@example.com \t\n", "test@example.com"),
            ("te\u{a0}st@exa\u{200b}mple.com", "test@example.com"),
            ("test@sub.domain.example.com", "test@sub.domain.example.com"),
            ("x@y.zz", "x@y.zz"),
            ("a@b--c.com", "a@b--c.com"),
            ("a@xn--bcher-kva.ch", "a@xn--bcher-kva.ch"),
            ("a@example.xn--p1ai", "a@example.xn--p1ai"),
            // Unicode hostnames are valid once IDNA-encoded; the address keeps its Unicode form.
            ("test@例え.テスト", "test@例え.テスト"),
            ("test@bücher.de", "test@bücher.de"),
            ("test@пример.рф", "test@пример.рф"),
            ("test@straße.de", "test@straße.de"),
            ("test@ｅｘａｍｐｌｅ.com", "test@ｅｘａｍｐｌｅ.com"),
            ("test@例え。テスト", "test@例え。テスト"),
            // Notify has no 64-character limit on the local part, only 320 on the whole address.
            (
                &format!("{}@example.com", "a".repeat(65)),
                &format!("{}@example.com", "a".repeat(65)),
            ),
            (
                &format!("test@{}.com", "a".repeat(63)),
                &format!("test@{}.com", "a".repeat(63)),
            ),
            (
                "simulate-delivered@notifications.service.gov.uk",
                "simulate-delivered@notifications.service.gov.uk",
            ),
        ] {
            assert_eq!(
                validate_email_address(raw),
                Ok(expected.to_string()),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn invalid_email_addresses_give_notifys_message() {
        let too_long = format!("{}@example.com", "a".repeat(310));
        let label_too_long = format!("test@{}.com", "a".repeat(64));
        let host_too_long = format!("test@{}.com", vec!["a".repeat(60); 5].join("."));
        for raw in [
            "",
            "test",
            "@example.com",
            "test@",
            "test@example", // missing TLD
            "test@localhost",
            "test@example.c",   // TLD too short
            "test@example.123", // numeric TLD
            "test@example.c0m",
            "test@example..com", // consecutive dots
            "test..name@example.com",
            "a..b@c.com",
            "test@.example.com",
            "test@example.com.",
            "test@-example.com",
            "test@example-.com",
            "test@exam_ple.com",
            "test@a---b.com",
            "test@exa mple.com",
            "test@@example.com",
            "test@example@com",
            "tést@example.com", // Unicode in the local part
            "tëst@bücher.de",
            "test\"quoted@example.com",
            "test;semi@example.com",
            "test,comma@example.com",
            "test(@example.com",
            "test@[127.0.0.1]",
            "test@xn--example.com.xn--",
            "test@😀.com\u{fffd}",
            "test@\u{e000}.com",        // private use: prohibited by nameprep
            "test@\u{5d0}b\u{5d1}.com", // mixed-direction label fails the bidi rule
            "test@xn--bücher.de",
            &too_long,
            &label_too_long,
            &host_too_long,
        ] {
            assert_eq!(
                email_err(raw).as_deref(),
                Some("Not a valid email address"),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn email_error_displays_notify_text() {
        let displayed = validate_email_address("nope").map_err(|err| err.to_string());
        assert_eq!(displayed, Err("Not a valid email address".to_string()));
        assert_eq!(INVALID_EMAIL_MESSAGE, "Not a valid email address");
    }

    #[test]
    fn punycode_matches_rfc_3492_examples() {
        assert_eq!(idna::punycode("bücher").as_deref(), Some("bcher-kva"));
        assert_eq!(idna::punycode("例え").as_deref(), Some("r8jz45g"));
        assert_eq!(idna::punycode("テスト").as_deref(), Some("zckzah"));
        assert_eq!(idna::punycode("пример").as_deref(), Some("e1afmkfd"));
    }

    #[test]
    fn email_comparison_form_is_lower_cased_and_stripped() {
        assert_eq!(
            format_email_for_comparison(" Test.Name@Example.COM\u{200b} "),
            "test.name@example.com"
        );
        assert_eq!(
            format_email_for_comparison("ALREADY@lower.com"),
            "already@lower.com"
        );
    }

    #[test]
    fn simulated_email_addresses() {
        assert!(is_simulated_email(
            "simulate-delivered@notifications.service.gov.uk"
        ));
        assert!(is_simulated_email(
            "simulate-delivered-2@notifications.service.gov.uk"
        ));
        assert!(is_simulated_email(
            " SIMULATE-DELIVERED-3@notifications.service.gov.uk "
        ));
        assert!(!is_simulated_email(
            "simulate-delivered-4@notifications.service.gov.uk"
        ));
        assert!(!is_simulated_email(
            "simulate-delivered@notification.canada.ca"
        ));
        assert!(!is_simulated_email("not an email"));
    }

    /// (input, result with international and landlines allowed) — every row was produced by
    /// running Notify's `PhoneNumber(...).validate(True, True)` with `phonenumbers` 9.0.43.
    /// `Ok((normalised, international))` or `Err(v2 message)`.
    type Expected = Result<(&'static str, bool), &'static str>;
    const V2_CASES: &[(&str, Expected)] = &[
        // UK mobiles, many spellings
        ("07700900123", Ok(("447700900123", false))),
        ("07700 900 123", Ok(("447700900123", false))),
        ("+447700900123", Ok(("447700900123", false))),
        ("+44 (0) 7700 900 123", Ok(("447700900123", false))),
        ("0044 7700 900123", Ok(("447700900123", false))),
        ("447700900123", Ok(("447700900123", false))),
        ("7700900123", Ok(("447700900123", false))),
        ("0+447700900100", Ok(("447700900100", false))),
        ("000007700900100", Ok(("447700900100", false))),
        ("+07700900100", Ok(("447700900100", false))),
        ("0+44(0)7700900100", Ok(("447700900100", false))),
        ("+0447700900123", Ok(("447700900123", false))),
        ("(07700) 900-123", Ok(("447700900123", false))),
        ("\t07700900123\n", Ok(("447700900123", false))),
        ("07700\u{a0}900\u{a0}123", Ok(("447700900123", false))),
        ("07700900111", Ok(("447700900111", false))),
        // UK landline (allowed at the v2 schema level)
        ("020 7946 0000", Ok(("442079460000", false))),
        ("+44 20 7946 0000", Ok(("442079460000", false))),
        // Crown dependencies share +44 but are international
        ("+44 1481 256789", Ok(("441481256789", true))),
        ("+44 7781 123456", Ok(("447781123456", true))),
        ("+44 7624 123456", Ok(("447624123456", true))),
        // International
        ("+1 202 555 0123", Ok(("12025550123", true))),
        ("+1 664 491 1234", Ok(("16644911234", true))),
        ("+353 86 123 4567", Ok(("353861234567", true))),
        ("+33 6 12 34 56 78", Ok(("33612345678", true))),
        ("0033 6 12 34 56 78", Ok(("33612345678", true))),
        ("+4915123456789", Ok(("4915123456789", true))),
        ("+61 4 1234 5678", Ok(("61412345678", true))),
        ("+91 98765 43210", Ok(("919876543210", true))),
        ("+86 138 0013 8000", Ok(("8613800138000", true))),
        ("+7 912 345 67 89", Ok(("79123456789", true))),
        ("+970 59 123 4567", Ok(("970591234567", true))),
        ("+8 123 456 7890", Ok(("81234567890", true))),
        // Ofcom TV numbers pass even when libphonenumber calls them invalid (Notify's
        // `_is_tv_number` matches any national number starting 7700 + a digit)
        ("077009001", Ok(("44077009001", false))),
        ("0770090012", Ok(("44770090012", false))),
        ("07700900", Ok(("447700900", false))),
        ("+4477009", Ok(("4477009", false))),
        // Not enough digits
        ("", Err("Not enough digits")),
        ("+", Err("Not enough digits")),
        ("0", Err("Not enough digits")),
        ("+12", Err("Not enough digits")),
        ("020 7946", Err("Not enough digits")),
        ("+33 6 12", Err("Not enough digits")),
        ("+353 1", Err("Not enough digits")),
        // Too many digits
        ("0770090012345", Err("Too many digits")),
        ("+447700 900 1234", Err("Too many digits")),
        ("+999 123 456 7890", Err("Too many digits")),
        // Letters or symbols
        ("07700 900 12a", Err("Must not contain letters or symbols")),
        ("07700#900123", Err("Must not contain letters or symbols")),
        ("07700.900.123", Err("Must not contain letters or symbols")),
        (
            "+44 7700 900 123 ext 4",
            Err("Must not contain letters or symbols"),
        ),
        (
            "０７７００９００１２３",
            Err("Must not contain letters or symbols"),
        ),
        // Unsupported country (a valid North Korean number)
        ("+850 191 234 5678", Err("Not a valid country prefix")),
        // Numbers libphonenumber rejects
        (
            "   ",
            Err("Number is not valid \u{2013} double check the phone number you entered"),
        ),
        (
            "07700\t900123",
            Err("Number is not valid \u{2013} double check the phone number you entered"),
        ),
        (
            "0770090012345678",
            Err("Number is not valid \u{2013} double check the phone number you entered"),
        ),
        (
            "12345678901234567890",
            Err("Number is not valid \u{2013} double check the phone number you entered"),
        ),
        (
            "01632 960 001",
            Err("Number is not valid \u{2013} double check the phone number you entered"),
        ),
        (
            "+44 800 123 4567",
            Err("Number is not valid \u{2013} double check the phone number you entered"),
        ),
        (
            "+44 9098 790 123",
            Err("Number is not valid \u{2013} double check the phone number you entered"),
        ),
        (
            "+44 7911 123",
            Err("Number is not valid \u{2013} double check the phone number you entered"),
        ),
        (
            "+44 1481 25678",
            Err("Number is not valid \u{2013} double check the phone number you entered"),
        ),
        (
            "+1 202 555",
            Err("Number is not valid \u{2013} double check the phone number you entered"),
        ),
        (
            "+800 1234 5678",
            Err("Number is not valid \u{2013} double check the phone number you entered"),
        ),
        (
            "+21 123 4567",
            Err("Number is not valid \u{2013} double check the phone number you entered"),
        ),
        (
            "+999 1234",
            Err("Number is not valid \u{2013} double check the phone number you entered"),
        ),
    ];

    #[test]
    fn v2_phone_validation_matches_notify() -> Result<(), InvalidRecipient> {
        for (raw, expected) in V2_CASES {
            match expected {
                Ok((normalised, international)) => {
                    let number = phone(raw)?;
                    assert_eq!(number.normalised, *normalised, "{raw:?}");
                    assert_eq!(number.international, *international, "{raw:?}");
                }
                Err(message) => {
                    assert_eq!(
                        validate_phone_number(raw),
                        Err(InvalidRecipient(message.to_string())),
                        "{raw:?}"
                    );
                }
            }
        }
        Ok(())
    }

    #[test]
    fn service_permissions() {
        // No international permission, no landline permission.
        assert_eq!(
            validate_phone_number_for_service("+1 202 555 0123", false, false),
            Err(PhoneErrorCode::NotAUkMobile)
        );
        assert_eq!(
            validate_phone_number_for_service("020 7946 0000", false, false),
            Err(PhoneErrorCode::NotAUkMobile)
        );
        assert_eq!(
            validate_phone_number_for_service("+44 1481 256789", true, false),
            Err(PhoneErrorCode::NotAUkMobile)
        );
        // Crown-dependency mobiles count as UK for the international permission.
        assert!(validate_phone_number_for_service("+44 7781 123456", false, false).is_ok());
        assert!(validate_phone_number_for_service("07700900123", false, false).is_ok());
        assert!(validate_phone_number_for_service("+1 202 555 0123", true, false).is_ok());
        // The international check comes before the country-prefix check.
        assert_eq!(
            validate_phone_number_for_service("+850 191 234 5678", false, false),
            Err(PhoneErrorCode::NotAUkMobile)
        );
        assert_eq!(
            validate_phone_number_for_service("+850 191 234 5678", true, true),
            Err(PhoneErrorCode::UnsupportedCountryCode)
        );
        assert_eq!(
            PhoneErrorCode::NotAUkMobile.v2_message(),
            "Not a UK mobile number"
        );
    }

    #[test]
    fn every_phone_message_text() {
        use PhoneErrorCode::*;
        let expected = [
            (
                InvalidNumber,
                "Number is not valid – double check the phone number you entered",
                "Number is not valid – double check the phone number you entered",
            ),
            (TooLong, "Mobile number is too long", "Too many digits"),
            (TooShort, "Mobile number is too short", "Not enough digits"),
            (
                NotAUkMobile,
                "This does not look like a UK mobile number – double check the mobile number you entered",
                "Not a UK mobile number",
            ),
            (
                UnknownCharacter,
                "Mobile numbers can only include: 0 1 2 3 4 5 6 7 8 9 ( ) + -",
                "Must not contain letters or symbols",
            ),
            (
                UnsupportedCountryCode,
                "Country code not found - double check the mobile number you entered",
                "Not a valid country prefix",
            ),
            (
                UnsupportedEmergencyNumber,
                "Phone number cannot be an emergency number",
                "Phone number cannot be an emergency number",
            ),
        ];
        for (code, message, v2) in expected {
            assert_eq!(code.message(), message);
            assert_eq!(code.v2_message(), v2);
        }
    }

    #[test]
    fn phone_number_helpers() -> Result<(), InvalidRecipient> {
        let uk = phone("07700 900123")?;
        assert_eq!(
            (
                uk.country_code(),
                uk.is_uk_phone_number(),
                uk.is_crown_dependency()
            ),
            (44, true, false)
        );
        assert_eq!(uk.country_prefix(), "44");
        let jersey = phone("+44 7797 123456")?;
        assert!(
            jersey.international && jersey.is_uk_phone_number() && jersey.is_crown_dependency()
        );
        let montserrat = phone("+1 664 491 1234")?;
        assert_eq!(
            (
                montserrat.country_code(),
                montserrat.country_prefix().as_str()
            ),
            (1, "1664")
        );
        let us = phone("+1 202 555 0123")?;
        assert_eq!(us.country_prefix(), "1");
        let ireland = phone("+353 86 123 4567")?;
        assert_eq!(
            (ireland.country_code(), ireland.is_uk_phone_number()),
            (353, false)
        );
        Ok(())
    }

    #[test]
    fn simulated_phone_numbers() -> Result<(), InvalidRecipient> {
        for raw in ["07700900000", "+44 7700 900 111", "0044 7700 900222"] {
            assert!(is_simulated_phone(&phone(raw)?), "{raw}");
        }
        for raw in ["07700900001", "+1 613 253 2222"] {
            assert!(!is_simulated_phone(&phone(raw)?), "{raw}");
        }
        Ok(())
    }

    #[test]
    fn phone_comparison_form() {
        assert_eq!(
            format_phone_for_comparison("07700 900 123").as_deref(),
            Some("447700900123")
        );
        assert_eq!(
            format_phone_for_comparison("+44 (0)7700-900-123").as_deref(),
            Some("447700900123")
        );
        assert_eq!(
            format_phone_for_comparison("+1 202 555 0123").as_deref(),
            Some("12025550123")
        );
        assert_eq!(format_phone_for_comparison("test@example.com"), None);
        assert_eq!(
            format_recipient_for_comparison("07700 900 123"),
            "447700900123"
        );
        assert_eq!(
            format_recipient_for_comparison(" Test@Example.com "),
            "test@example.com"
        );
        assert_eq!(format_recipient_for_comparison("neither"), "neither");
    }

    #[test]
    fn strip_and_remove_obscure_whitespace_matches_formatters() {
        assert_eq!(strip_and_remove_obscure_whitespace(""), "");
        assert_eq!(
            strip_and_remove_obscure_whitespace(" \t a\u{200b}b\u{a0}c \n"),
            "abc"
        );
        // Only Python's string.whitespace is stripped from the ends.
        assert_eq!(
            strip_and_remove_obscure_whitespace("\u{3000}a"),
            "\u{3000}a"
        );
    }
}
