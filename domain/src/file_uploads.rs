//! GOV.UK Notify "send a file by email" personalisation objects.
//!
//! A personalisation value that is a JSON object containing the key `"file"` is
//! a file upload (GOV `alphagov/notifications-api:app/v2/notifications/post_notifications.py`,
//! `process_document_uploads`: `isinstance(v, dict) and "file" in v`). Every other
//! value (strings, lists, objects without `"file"`) is ordinary personalisation.
//!
//! The official clients build the object like this:
//! * python `notifications_python_client/utils.py: prepare_upload(f, filename=None,
//!   confirm_email_before_download=None, retention_period=None)` ->
//!   `{"file": b64, "filename": .., "confirm_email_before_download": .., "retention_period": ..}`
//!   (the keys are always present, `null` when not given; the client itself refuses
//!   files over 2 MiB with `ValueError("File is larger than 2MB")`).
//! * node `client/notification.js: prepareUpload` -> the same four keys, `null` defaults.
//!
//! GOV processes the objects in this order (each step stops at the first error):
//!
//! 1. `validate_template` -> [`check_template_can_contain_documents`]
//!    (`app/notifications/validators.py`): a file object in an sms/letter request is
//!    `400 BadRequestError "Can only send a file by email"`.
//! 2. `process_document_uploads`: for each file key, JSON-schema validation of the
//!    object (`send_a_file_validation` in `app/v2/notifications/notification_schemas.py`,
//!    custom formats in `app/schema_validation/__init__.py`) -> `400 ValidationError`,
//!    one error entry per problem ([`validate_file_object`]).
//! 3. `check_if_service_can_send_files_by_email` (`app/notifications/validators.py`):
//!    the service needs a contact link -> `400 BadRequestError` ([`check_service_can_send_files_by_email`]).
//! 4. For each file key, `document_download_client.upload_document`
//!    (`app/clients/document_download.py`) posts to document-download-api, whose
//!    400/413 answers are re-raised as `400 BadRequestError` with the API's `error`
//!    text. The checks that do not need the stored file are reproduced here
//!    ([`decode_file_upload`]): base64 validity, decoded size, filename length and
//!    extension (`alphagov/document-download-api:app/utils/file_checks.py:
//!    UploadedFile.from_request_json`, `app/utils/validation.py`, `app/config.py`).
//!    Content sniffing (`Unsupported file type '<mimetype>'`) and the virus scan
//!    (`File did not pass the virus scan`) need a file store and are not here.
//!
//! [`find_file_uploads_for_service`] runs steps 2-4 in GOV's order;
//! [`find_file_uploads`] runs steps 2 and 4 (no service data needed).

use serde_json::{Map, Value, json};
use thiserror::Error;

use crate::python;

/// `document-download-api:app/config.py`: `MAX_DECODED_FILE_SIZE = (2 * 1024 * 1024) + 1024`
/// ("~2MiB: Enforced by us - max file size after b64decode"). Larger files get 413,
/// which notifications-api turns into a 400 BadRequestError.
pub const MAX_DECODED_FILE_SIZE: usize = 2 * 1024 * 1024 + 1024;

/// The python client's own pre-flight limit (`notifications_python_client/utils.py:
/// DOCUMENT_UPLOAD_SIZE_LIMIT = 2 * 1024 * 1024`). Informational: the server limit is
/// [`MAX_DECODED_FILE_SIZE`].
pub const CLIENT_DOCUMENT_UPLOAD_SIZE_LIMIT: usize = 2 * 1024 * 1024;

/// `document-download-api:app/config.py`: `MAX_CUSTOM_FILENAME_LENGTH = 100`.
pub const MAX_CUSTOM_FILENAME_LENGTH: usize = 100;

/// `notifications-api:app/constants.py: DEFAULT_DOCUMENT_DOWNLOAD_RETENTION_PERIOD`,
/// used by `process_document_uploads` when `retention_period` is missing/null
/// (tests in `tests/app/v2/notifications/test_post_notifications.py` expect "26 weeks";
/// tech docs: "available to download for a default period of 26 weeks (6 months)").
pub const DEFAULT_RETENTION_PERIOD: &str = "26 weeks";

/// Extensions accepted for a custom `filename`: the keys of
/// `document-download-api:app/config.py: FILE_EXTENSIONS_TO_MIMETYPES`, which is
/// `notifications_utils/file_types.py: EXTENSIONS` in current versions. The order is
/// the sorted order used in the error message (`sorted({f"'.{x}'" ...})`); the list
/// matches document-download-api's `tests/upload/test_views.py`.
pub const ALLOWED_FILE_EXTENSIONS: [&str; 12] = [
    "csv", "doc", "docx", "jpeg", "jpg", "json", "odt", "pdf", "png", "rtf", "txt", "xlsx",
];

/// Keys allowed in a file object (`send_a_file_validation`, `additionalProperties: false`;
/// the GOV test `{"file": ..., "other": "attribute"}` -> 400). The order is the order in
/// which per-property errors are reported here.
pub const FILE_OBJECT_KEYS: [&str; 5] = [
    "file",
    "filename",
    "confirm_email_before_download",
    "retention_period",
    "is_csv",
];

/// Default `ADMIN_BASE_URL` used in the "Send files by email has not been set up" message
/// (GOV production value, as shown in the tech docs error table).
pub const DEFAULT_ADMIN_BASE_URL: &str = "https://www.notifications.service.gov.uk";

/// One validated file upload found in the personalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileUpload {
    /// The personalisation key (the placeholder the download link replaces).
    pub key: String,
    /// The decoded file contents.
    pub bytes: Vec<u8>,
    /// Custom filename, validated (<= 100 chars, has a supported extension).
    pub filename: Option<String>,
    /// `None` when missing or `null`; GOV then defaults to `true` (see
    /// [`FileUpload::confirm_email`]).
    pub confirm_email_before_download: Option<bool>,
    /// Normalised `"N weeks"` (document-download's `clean_and_validate_retention_period`:
    /// lower-cased, stripped, a missing trailing `s` added). `None` when missing or
    /// `null`; GOV then uses [`DEFAULT_RETENTION_PERIOD`].
    pub retention_period: Option<String>,
    /// `None` when missing or `null` (document-download treats that as `false`).
    pub is_csv: Option<bool>,
}

impl FileUpload {
    /// `process_document_uploads`: `confirm_email = value.get("confirm_email_before_download", True)`
    /// and the recipient is sent as `confirmation_email` unless it `is False`. So both a
    /// missing key and an explicit `null` mean "confirm" (GOV test:
    /// `"confirm_email_before_download": None` -> expected_confirmation True).
    pub fn confirm_email(&self) -> bool {
        self.confirm_email_before_download != Some(false)
    }

    /// `retention_period or DEFAULT_DOCUMENT_DOWNLOAD_RETENTION_PERIOD`.
    pub fn effective_retention_period(&self) -> &str {
        self.retention_period
            .as_deref()
            .unwrap_or(DEFAULT_RETENTION_PERIOD)
    }

    /// The retention period in weeks: 1–78 once validated, else the
    /// default's 26.
    pub fn retention_weeks(&self) -> u32 {
        parse_retention_weeks(self.effective_retention_period()).unwrap_or(26)
    }

    /// The mimetype document-download derives from a custom filename
    /// (`mimetypes.types_map[extension]`). `None` without a filename: GOV then sniffs
    /// the content (libmagic), which is not reproduced here.
    pub fn mimetype_from_filename(&self) -> Option<&'static str> {
        let name = self.filename.as_deref()?;
        let ext = name.rsplit('.').next()?;
        Some(match ext {
            "pdf" => "application/pdf",
            "csv" => "text/csv",
            "txt" => "text/plain",
            "json" => "application/json",
            "doc" => "application/msword",
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "odt" => "application/vnd.oasis.opendocument.text",
            "rtf" => "application/rtf",
            "jpg" | "jpeg" => "image/jpeg",
            "png" => "image/png",
            _ => return None,
        })
    }
}

/// Errors, each with Notify's status code, error type and message.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FileUploadError {
    /// `400 ValidationError`: the file object failed `send_a_file_validation`.
    /// `messages` holds one entry per distinct schema error, as
    /// `app/schema_validation/__init__.py: build_error_message` renders them.
    #[error("{}", messages.join("; "))]
    Validation { key: String, messages: Vec<String> },

    /// `400 BadRequestError "Can only send a file by email"`
    /// (`app/notifications/validators.py: check_template_can_contain_documents`).
    #[error("Can only send a file by email")]
    OnlyEmailCanContainFiles,

    /// `400 BadRequestError` (`app/notifications/validators.py:
    /// check_if_service_can_send_files_by_email`):
    /// `f"Send files by email has not been set up - add contact details for your service at "
    ///  f"{current_app.config['ADMIN_BASE_URL']}/services/{service_id}/service-settings/send-files-by-email"`
    #[error(
        "Send files by email has not been set up - add contact details for your service at {admin_base_url}/services/{service_id}/service-settings/send-files-by-email"
    )]
    SendFilesNotSetUp {
        admin_base_url: String,
        service_id: String,
    },

    /// `400 BadRequestError "Document is not base64 encoded"`
    /// (document-download-api `app/utils/file_checks.py: UploadedFile.from_request_json`,
    /// `b64decode` raising `binascii.Error`/`ValueError`).
    #[error("Document is not base64 encoded")]
    NotBase64 { key: String },

    /// `400 BadRequestError "Uploaded file exceeds file size limit"`: document-download
    /// answers `abort(413)` (`len(raw_content) > MAX_DECODED_FILE_SIZE`) with
    /// `{"error": "Uploaded file exceeds file size limit"}` (document-download-api
    /// `tests/upload/test_views.py: test_document_file_size_too_large`), and
    /// notifications-api re-raises 400/413 as a 400 (`app/clients/document_download.py:
    /// DocumentDownloadError.from_exception(e, status_code=400)`).
    #[error("Uploaded file exceeds file size limit")]
    FileTooLarge { key: String, size: usize },

    /// `400 BadRequestError` (document-download-api `app/utils/validation.py: validate_filename`):
    /// ``f"`filename` cannot be longer than {MAX_CUSTOM_FILENAME_LENGTH} characters"``
    #[error("`filename` cannot be longer than 100 characters")]
    FilenameTooLong { key: String },

    /// `400 BadRequestError` (document-download-api `app/utils/validation.py: validate_filename`):
    /// ``"`filename` must end with a file extension. For example, filename.csv"``.
    /// Normally caught earlier by the schema format `send_a_file_filename`; kept for
    /// completeness.
    #[error("`filename` must end with a file extension. For example, filename.csv")]
    FilenameWithoutExtension { key: String },

    /// `400 BadRequestError` (document-download-api `app/utils/validation.py: validate_filename`):
    /// `f"Unsupported file type '.{extension}'. Supported types are: {allowed_file_types}"`
    #[error(
        "Unsupported file type '.{extension}'. Supported types are: {}",
        supported_types_list()
    )]
    UnsupportedFileType { key: String, extension: String },
}

impl FileUploadError {
    /// HTTP status Notify answers with. All of these are 400 (document-download's 413
    /// is mapped to 400 by notifications-api).
    pub fn status_code(&self) -> u16 {
        400
    }

    /// The `error` field of the v2 error entries.
    pub fn error_type(&self) -> &'static str {
        match self {
            FileUploadError::Validation { .. } => "ValidationError",
            _ => "BadRequestError",
        }
    }

    /// The `message` fields, one per error entry.
    pub fn messages(&self) -> Vec<String> {
        match self {
            FileUploadError::Validation { messages, .. } => messages.clone(),
            other => vec![other.to_string()],
        }
    }

    /// The v2 error envelope: `{"status_code": 400, "errors": [{"error", "message"}, ...]}`.
    pub fn to_v2_json(&self) -> Value {
        let errors: Vec<Value> = self
            .messages()
            .into_iter()
            .map(|m| json!({"error": self.error_type(), "message": m}))
            .collect();
        json!({"status_code": self.status_code(), "errors": errors})
    }
}

/// `'.csv', '.doc', ...` as in `validate_filename`:
/// `", ".join(sorted({f"'.{x}'" for x in FILE_EXTENSIONS_TO_MIMETYPES}))`.
fn supported_types_list() -> String {
    ALLOWED_FILE_EXTENSIONS
        .iter()
        .map(|e| format!("'.{e}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Is this personalisation value a file object? (`isinstance(v, dict) and "file" in v`)
pub fn is_file_object(value: &Value) -> bool {
    matches!(value, Value::Object(m) if m.contains_key("file"))
}

/// Keys of the personalisation whose values are file objects, in map order.
pub fn file_keys(personalisation: &Map<String, Value>) -> Vec<String> {
    personalisation
        .iter()
        .filter(|(_, v)| is_file_object(v))
        .map(|(k, _)| k.clone())
        .collect()
}

/// `app/notifications/validators.py: check_template_can_contain_documents`:
/// ```python
/// if template_type != EMAIL_TYPE and any(isinstance(v, dict) and "file" in v for v in (personalisation or {}).values()):
///     raise BadRequestError(message="Can only send a file by email")
/// ```
/// GOV calls it at the end of `validate_template`, i.e. before any file-object validation.
pub fn check_template_can_contain_documents(
    template_type: &str,
    personalisation: Option<&Map<String, Value>>,
) -> Result<(), FileUploadError> {
    if template_type != "email"
        && let Some(p) = personalisation
        && p.values().any(is_file_object)
    {
        return Err(FileUploadError::OnlyEmailCanContainFiles);
    }
    Ok(())
}

/// `app/notifications/validators.py: check_if_service_can_send_files_by_email`
/// (`if not service_contact_link: raise BadRequestError(...)`): an empty string counts
/// as "not set". `admin_base_url` is GOV's `ADMIN_BASE_URL` (see [`DEFAULT_ADMIN_BASE_URL`]).
pub fn check_service_can_send_files_by_email(
    service_contact_link: Option<&str>,
    service_id: &str,
    admin_base_url: &str,
) -> Result<(), FileUploadError> {
    match service_contact_link {
        Some(link) if !link.is_empty() => Ok(()),
        _ => Err(FileUploadError::SendFilesNotSetUp {
            admin_base_url: admin_base_url.trim_end_matches('/').to_string(),
            service_id: service_id.to_string(),
        }),
    }
}

/// `app/schema_validation/__init__.py: __format_message` strips every single quote.
fn strip_quotes(s: &str) -> String {
    s.replace('\'', "")
}

/// `app/schema_validation/__init__.py: validate_schema_retention_period`
/// (format `send_a_file_retention_period`): `None` passes; a string passes when
/// `re.match(r"^(\d+) weeks?$", instance.strip().lower())` and `1 <= N <= 78`.
fn retention_period_ok(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => parse_retention_weeks(s).is_some(),
        _ => false,
    }
}

/// Returns the number of weeks for a valid retention period string.
/// Python's `str.strip()` strips Unicode whitespace; `\d` matches Unicode digits but
/// `int()` then accepts them too. Only ASCII digits are accepted here (documented
/// deviation: e.g. Arabic-Indic digits).
fn parse_retention_weeks(s: &str) -> Option<u32> {
    let lowered = s.trim().to_lowercase();
    let rest = lowered
        .strip_suffix(" weeks")
        .or_else(|| lowered.strip_suffix(" week"))?;
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Python int() has no overflow; anything with more than two significant digits is > 78.
    let digits = rest.trim_start_matches('0');
    if digits.len() > 2 {
        return None;
    }
    let weeks: u32 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    if (1..=78).contains(&weeks) {
        Some(weeks)
    } else {
        None
    }
}

/// document-download-api `app/utils/validation.py: clean_and_validate_retention_period`
/// normalisation: lower-case, strip, add the trailing `s` ("1 week" -> "1 weeks").
fn normalise_retention_period(s: &str) -> String {
    let mut out = s.trim().to_lowercase();
    if !out.ends_with('s') {
        out.push('s');
    }
    out
}

/// Validates one file object like GOV's `validate(personalisation[key], send_a_file_validation)`.
///
/// Returns every distinct error message, rendered like `build_error_message`:
/// `"<property> <message>"` for property errors (single quotes stripped), the bare
/// message for object-level errors. Messages and their sources:
///
/// * `file` must be a string: jsonschema `"{instance!r} is not of type 'string'"`,
///   e.g. `"file False is not of type string"` (GOV test `{"doc": {"file": False}}` -> 400).
/// * `filename` (format `send_a_file_filename`, `app/schema_validation/__init__.py:
///   validate_send_a_file_filename`): null passes, a string containing "." passes, else
///   ``"`filename` must end with a file extension. For example, filename.csv"``.
/// * `confirm_email_before_download` (format `send_a_file_confirm_email_before_download`):
///   null/bool pass, else
///   `f"Unsupported value for confirm_email_before_download: {instance}. Use a boolean true or false value."`.
/// * `retention_period` (format `send_a_file_retention_period`):
///   `f"Unsupported value for retention_period: {instance}. Supported periods are from 1 to 78 weeks."`.
/// * `is_csv` (format `send_a_file_is_csv`):
///   `f"Unsupported value for is_csv: {instance}. Use a boolean true or false value."`.
/// * unknown keys (`additionalProperties: false`): jsonschema
///   `"Additional properties are not allowed ('x' was unexpected)"` -> quotes stripped.
/// * `is_csv` together with `filename`: ``"Do not set a value for `is_csv` if `filename` is set."``
///   (GOV test `test_post_email_notification_validates_personalisation_send_a_file_values`).
pub fn validate_file_object(obj: &Map<String, Value>) -> Vec<String> {
    let mut errors: Vec<String> = Vec::new();
    let mut push = |m: String| {
        if !errors.contains(&m) {
            errors.push(m);
        }
    };

    if let Some(file) = obj.get("file")
        && !file.is_string()
    {
        push(strip_quotes(&format!(
            "file {} is not of type 'string'",
            python::repr(file)
        )));
    }

    if let Some(filename) = obj.get("filename") {
        let ok = match filename {
            Value::Null => true,
            Value::String(s) => s.contains('.'),
            _ => false,
        };
        if !ok {
            push(strip_quotes(
                "filename `filename` must end with a file extension. For example, filename.csv",
            ));
        }
    }

    if let Some(v) = obj.get("confirm_email_before_download")
        && !matches!(v, Value::Null | Value::Bool(_))
    {
        push(strip_quotes(&format!(
            "confirm_email_before_download Unsupported value for confirm_email_before_download: {}. Use a boolean true or false value.",
            python::to_str(v)
        )));
    }

    if let Some(v) = obj.get("retention_period")
        && !retention_period_ok(v)
    {
        push(strip_quotes(&format!(
            "retention_period Unsupported value for retention_period: {}. Supported periods are from 1 to 78 weeks.",
            python::to_str(v)
        )));
    }

    if let Some(v) = obj.get("is_csv")
        && !matches!(v, Value::Null | Value::Bool(_))
    {
        push(strip_quotes(&format!(
            "is_csv Unsupported value for is_csv: {}. Use a boolean true or false value.",
            python::to_str(v)
        )));
    }

    let extras: Vec<&String> = obj
        .keys()
        .filter(|k| !FILE_OBJECT_KEYS.contains(&k.as_str()))
        .collect();
    if !extras.is_empty() {
        let names = extras
            .iter()
            .map(|k| format!("'{k}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let verb = if extras.len() == 1 { "was" } else { "were" };
        push(strip_quotes(&format!(
            "Additional properties are not allowed ({names} {verb} unexpected)"
        )));
    }

    let is_csv_set = obj.get("is_csv").is_some_and(|v| !v.is_null());
    let filename_set = obj.get("filename").is_some_and(|v| !v.is_null());
    if is_csv_set && filename_set {
        push("Do not set a value for `is_csv` if `filename` is set.".to_string());
    }

    errors
}

/// Python `base64.b64decode(s)` (non-strict `binascii.a2b_base64`), as used by
/// document-download-api. Non-ASCII input raises `ValueError`; characters outside the
/// base64 alphabet are skipped; a pad sequence that completes a quad ends decoding
/// (anything after it is ignored); a dangling 1 data char is an error, 2-3 dangling
/// data chars without padding are "Incorrect padding".
pub fn python_b64decode(s: &str) -> Option<Vec<u8>> {
    if !s.is_ascii() {
        return None;
    }
    fn val(c: u8) -> Option<u8> {
        match c {
            b'A'..=b'Z' => Some(c - b'A'),
            b'a'..=b'z' => Some(c - b'a' + 26),
            b'0'..=b'9' => Some(c - b'0' + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    }
    let mut out = Vec::with_capacity(s.len() / 4 * 3 + 3);
    let mut quad_pos = 0u8;
    let mut left: u8 = 0;
    let mut pads = 0u8;
    for &c in s.as_bytes() {
        if c == b'=' {
            if quad_pos >= 2 {
                pads += 1;
                if quad_pos + pads >= 4 {
                    return Some(out);
                }
            }
            continue;
        }
        let Some(v) = val(c) else { continue };
        pads = 0;
        match quad_pos {
            0 => {
                quad_pos = 1;
                left = v;
            }
            1 => {
                quad_pos = 2;
                out.push((left << 2) | (v >> 4));
                left = v & 0x0f;
            }
            2 => {
                quad_pos = 3;
                out.push((left << 4) | (v >> 2));
                left = v & 0x03;
            }
            _ => {
                quad_pos = 0;
                out.push((left << 6) | v);
                left = 0;
            }
        }
    }
    if quad_pos != 0 { None } else { Some(out) }
}

/// document-download-api `app/utils/validation.py: validate_filename`.
/// Python `len()` counts code points; the extension is the text after the last "."
/// (`split_filename`), compared case-sensitively with the allowed extensions.
pub fn validate_filename(key: &str, filename: &str) -> Result<(), FileUploadError> {
    if filename.chars().count() > MAX_CUSTOM_FILENAME_LENGTH {
        return Err(FileUploadError::FilenameTooLong { key: key.into() });
    }
    let Some((_, ext)) = filename.rsplit_once('.') else {
        return Err(FileUploadError::FilenameWithoutExtension { key: key.into() });
    };
    if !ALLOWED_FILE_EXTENSIONS.contains(&ext) {
        return Err(FileUploadError::UnsupportedFileType {
            key: key.into(),
            extension: ext.to_string(),
        });
    }
    Ok(())
}

/// Decodes one schema-valid file object the way document-download-api would, in its
/// order: base64 -> size -> filename (`UploadedFile.from_request_json` then the
/// `filename` setter). Call [`validate_file_object`] first.
pub fn decode_file_upload(
    key: &str,
    obj: &Map<String, Value>,
) -> Result<FileUpload, FileUploadError> {
    let encoded = obj.get("file").and_then(Value::as_str).unwrap_or_default();
    let bytes =
        python_b64decode(encoded).ok_or_else(|| FileUploadError::NotBase64 { key: key.into() })?;
    if bytes.len() > MAX_DECODED_FILE_SIZE {
        return Err(FileUploadError::FileTooLarge {
            key: key.into(),
            size: bytes.len(),
        });
    }
    let filename = obj
        .get("filename")
        .and_then(Value::as_str)
        .map(str::to_string);
    if let Some(name) = &filename {
        // GOV sends `filename` on only when truthy (`if filename: data["filename"] = ...`),
        // so an empty string is treated as "no filename" by document-download. An empty
        // string cannot get here anyway: the schema format requires a ".".
        if !name.is_empty() {
            validate_filename(key, name)?;
        }
    }
    let filename = filename.filter(|n| !n.is_empty());
    Ok(FileUpload {
        key: key.to_string(),
        bytes,
        filename,
        confirm_email_before_download: obj
            .get("confirm_email_before_download")
            .and_then(Value::as_bool),
        retention_period: obj
            .get("retention_period")
            .and_then(Value::as_str)
            .map(normalise_retention_period),
        is_csv: obj.get("is_csv").and_then(Value::as_bool),
    })
}

fn validate_all(
    personalisation: &Map<String, Value>,
    keys: &[String],
) -> Result<(), FileUploadError> {
    for key in keys {
        if let Some(Value::Object(obj)) = personalisation.get(key) {
            let messages = validate_file_object(obj);
            if !messages.is_empty() {
                return Err(FileUploadError::Validation {
                    key: key.clone(),
                    messages,
                });
            }
        }
    }
    Ok(())
}

fn decode_all(
    personalisation: &Map<String, Value>,
    keys: &[String],
) -> Result<Vec<FileUpload>, FileUploadError> {
    keys.iter()
        .filter_map(|k| match personalisation.get(k) {
            Some(Value::Object(obj)) => Some(decode_file_upload(k, obj)),
            _ => None,
        })
        .collect()
}

/// Finds and validates every file object in an email's personalisation: schema
/// validation of every object first (first failing key wins, all of its errors
/// reported), then decoding/size/filename checks key by key. No service checks: use
/// [`find_file_uploads_for_service`] for GOV's full order. An empty `Vec` means the
/// personalisation has no file objects (GOV returns `document_download_count = None`).
pub fn find_file_uploads(
    personalisation: &Map<String, Value>,
) -> Result<Vec<FileUpload>, FileUploadError> {
    let keys = file_keys(personalisation);
    validate_all(personalisation, &keys)?;
    decode_all(personalisation, &keys)
}

/// GOV's `process_document_uploads` order: schema validation of each file object ->
/// the service contact-link check (only when there is at least one file) -> per-file
/// document-download checks.
pub fn find_file_uploads_for_service(
    personalisation: &Map<String, Value>,
    service_contact_link: Option<&str>,
    service_id: &str,
    admin_base_url: &str,
) -> Result<Vec<FileUpload>, FileUploadError> {
    let keys = file_keys(personalisation);
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    validate_all(personalisation, &keys)?;
    check_service_can_send_files_by_email(service_contact_link, service_id, admin_base_url)?;
    decode_all(personalisation, &keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;

    fn p(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => panic!("not an object"),
        }
    }

    const CSV_B64: &str = "YSxiLGMKMSwyLDMK"; // "a,b,c\n1,2,3\n" (GOV test fixture)

    #[test]
    fn non_file_values_are_not_uploads() {
        let pers = p(json!({
            "doc": "just some text",
            "list": ["a", "b"],
            "obj": {"potato": CSV_B64},
            "obj2": {"potato": CSV_B64, "is_csv": "cucumber"},
            "n": 1,
            "nul": null
        }));
        assert_eq!(find_file_uploads(&pers).unwrap(), vec![]);
        assert!(file_keys(&pers).is_empty());
    }

    #[test]
    fn minimal_file_object_decodes_with_defaults() {
        let pers = p(json!({"doc": {"file": CSV_B64}}));
        let ups = find_file_uploads(&pers).unwrap();
        assert_eq!(ups.len(), 1);
        let u = &ups[0];
        assert_eq!(u.key, "doc");
        assert_eq!(u.bytes, b"a,b,c\n1,2,3\n");
        assert_eq!(u.filename, None);
        assert_eq!(u.confirm_email_before_download, None);
        assert!(u.confirm_email());
        assert_eq!(u.retention_period, None);
        assert_eq!(u.effective_retention_period(), "26 weeks");
        assert_eq!(u.is_csv, None);
    }

    #[test]
    fn python_client_prepare_upload_shape_is_accepted() {
        // notifications_python_client.utils.prepare_upload sends all keys, null when unset.
        let pers = p(json!({"link": {
            "file": STANDARD.encode(b"%PDF-1.5 testpdf"),
            "filename": null,
            "confirm_email_before_download": null,
            "retention_period": null
        }}));
        let ups = find_file_uploads(&pers).unwrap();
        assert_eq!(ups[0].bytes, b"%PDF-1.5 testpdf");
        assert!(ups[0].confirm_email());
        assert_eq!(ups[0].effective_retention_period(), "26 weeks");
    }

    #[test]
    fn all_options_valid() {
        let pers = p(json!({"doc": {
            "file": CSV_B64,
            "filename": "report.csv",
            "confirm_email_before_download": false,
            "retention_period": " 1 WEEK "
        }}));
        let u = &find_file_uploads(&pers).unwrap()[0];
        assert_eq!(u.filename.as_deref(), Some("report.csv"));
        assert_eq!(u.confirm_email_before_download, Some(false));
        assert!(!u.confirm_email());
        assert_eq!(u.retention_period.as_deref(), Some("1 weeks"));
        assert_eq!(u.mimetype_from_filename(), Some("text/csv"));
    }

    #[test]
    fn is_csv_values() {
        for (v, ok) in [
            (json!(null), true),
            (json!(true), true),
            (json!(false), true),
            (json!("bad"), false),
            (json!(1), false),
        ] {
            let pers = p(json!({"doc": {"file": CSV_B64, "is_csv": v.clone()}}));
            let r = find_file_uploads(&pers);
            assert_eq!(r.is_ok(), ok, "{v}");
        }
        let pers = p(json!({"doc": {"file": CSV_B64, "is_csv": "bad"}}));
        let err = find_file_uploads(&pers).unwrap_err();
        assert_eq!(err.error_type(), "ValidationError");
        assert_eq!(
            err.messages(),
            vec!["is_csv Unsupported value for is_csv: bad. Use a boolean true or false value."]
        );
        let pers = p(json!({"doc": {"file": CSV_B64, "is_csv": 1}}));
        assert_eq!(
            find_file_uploads(&pers).unwrap_err().messages(),
            vec!["is_csv Unsupported value for is_csv: 1. Use a boolean true or false value."]
        );
        let pers = p(json!({"doc": {"file": CSV_B64, "is_csv": true}}));
        assert_eq!(find_file_uploads(&pers).unwrap()[0].is_csv, Some(true));
    }

    #[test]
    fn confirm_email_values() {
        let pers = p(
            json!({"doc": {"file": CSV_B64, "is_csv": true, "confirm_email_before_download": "potato"}}),
        );
        let err = find_file_uploads(&pers).unwrap_err();
        assert_eq!(
            err.messages(),
            vec![
                "confirm_email_before_download Unsupported value for confirm_email_before_download: potato. Use a boolean true or false value."
            ]
        );
        assert!(err.messages()[0].contains(
            "Unsupported value for confirm_email_before_download: potato. Use a boolean true or false value."
        ));
        for v in [json!(null), json!(true)] {
            let pers = p(json!({"doc": {"file": CSV_B64, "confirm_email_before_download": v}}));
            assert!(find_file_uploads(&pers).unwrap()[0].confirm_email());
        }
    }

    #[test]
    fn retention_period_values() {
        let ok = [
            "1 week", "1 weeks", "70 weeks", "78 weeks", "3 WEEKS", " 2 week ", "01 weeks",
        ];
        for v in ok {
            let pers = p(json!({"doc": {"file": CSV_B64, "retention_period": v}}));
            assert!(find_file_uploads(&pers).is_ok(), "{v}");
        }
        let pers = p(json!({"doc": {"file": CSV_B64, "retention_period": "1 week"}}));
        assert_eq!(
            find_file_uploads(&pers).unwrap()[0]
                .retention_period
                .as_deref(),
            Some("1 weeks")
        );

        let bad = [
            (json!("9999 weeks"), "9999 weeks"),
            (json!("1 month"), "1 month"),
            (json!(false), "False"),
            (json!("0 weeks"), "0 weeks"),
            (json!("79 weeks"), "79 weeks"),
            (json!("3weeks"), "3weeks"),
            (json!("ten weeks"), "ten weeks"),
            (json!("3 days"), "3 days"),
            (json!(""), ""),
            (json!(4), "4"),
            (
                json!("99999999999999999999999 weeks"),
                "99999999999999999999999 weeks",
            ),
        ];
        for (v, shown) in bad {
            let pers = p(json!({"doc": {"file": CSV_B64, "retention_period": v}}));
            let err = find_file_uploads(&pers).unwrap_err();
            assert_eq!(
                err.messages(),
                vec![format!(
                    "retention_period Unsupported value for retention_period: {shown}. Supported periods are from 1 to 78 weeks."
                )]
            );
            assert_eq!(err.status_code(), 400);
        }
    }

    #[test]
    fn filename_rules() {
        let pers = p(json!({"doc": {"file": CSV_B64, "filename": "file"}}));
        assert_eq!(
            find_file_uploads(&pers).unwrap_err().messages(),
            vec!["filename `filename` must end with a file extension. For example, filename.csv"]
        );
        let pers = p(json!({"doc": {"file": CSV_B64, "filename": 12}}));
        assert_eq!(
            find_file_uploads(&pers).unwrap_err().error_type(),
            "ValidationError"
        );

        // extension not allowed: BadRequestError from document-download
        let pers = p(json!({"doc": {"file": CSV_B64, "filename": "rejected-file-extension.gif"}}));
        let err = find_file_uploads(&pers).unwrap_err();
        assert_eq!(err.error_type(), "BadRequestError");
        assert_eq!(
            err.messages(),
            vec![
                "Unsupported file type '.gif'. Supported types are: '.csv', '.doc', '.docx', '.jpeg', '.jpg', '.json', '.odt', '.pdf', '.png', '.rtf', '.txt', '.xlsx'"
            ]
        );
        // case-sensitive like Python's `extension not in config[...]`
        let pers = p(json!({"doc": {"file": CSV_B64, "filename": "REPORT.PDF"}}));
        assert!(matches!(
            find_file_uploads(&pers).unwrap_err(),
            FileUploadError::UnsupportedFileType { ref extension, .. } if extension == "PDF"
        ));
        // dotted names use the last extension
        let pers = p(json!({"doc": {"file": CSV_B64, "filename": "my.dotted.file.csv"}}));
        assert!(find_file_uploads(&pers).is_ok());
        let pers = p(json!({"doc": {"file": CSV_B64, "filename": "!@£$%^&*().pdf"}}));
        assert!(find_file_uploads(&pers).is_ok());
        // every allowed extension
        for ext in ALLOWED_FILE_EXTENSIONS {
            let pers = p(json!({"doc": {"file": CSV_B64, "filename": format!("test-file.{ext}")}}));
            let u = &find_file_uploads(&pers).unwrap()[0];
            assert!(u.mimetype_from_filename().is_some(), "{ext}");
        }
        // length: 100 chars ok, 101 not (code points, like Python len)
        let ok_name = format!("{}.pdf", "é".repeat(96));
        assert_eq!(ok_name.chars().count(), 100);
        let pers = p(json!({"doc": {"file": CSV_B64, "filename": ok_name}}));
        assert!(find_file_uploads(&pers).is_ok());
        let long_name = format!("{}.pdf", "a".repeat(97));
        let pers = p(json!({"doc": {"file": CSV_B64, "filename": long_name}}));
        let err = find_file_uploads(&pers).unwrap_err();
        assert_eq!(
            err.messages(),
            vec!["`filename` cannot be longer than 100 characters"]
        );
        assert_eq!(err.error_type(), "BadRequestError");
    }

    #[test]
    fn is_csv_and_filename_are_mutually_exclusive() {
        let pers = p(json!({"doc": {"file": CSV_B64, "is_csv": true, "filename": "file.csv"}}));
        let err = find_file_uploads(&pers).unwrap_err();
        assert_eq!(err.error_type(), "ValidationError");
        assert_eq!(
            err.messages(),
            vec!["Do not set a value for `is_csv` if `filename` is set."]
        );
        // null on either side is "not set"
        let pers = p(json!({"doc": {"file": CSV_B64, "is_csv": null, "filename": "file.csv"}}));
        assert!(find_file_uploads(&pers).is_ok());
        let pers = p(json!({"doc": {"file": CSV_B64, "is_csv": true, "filename": null}}));
        assert!(find_file_uploads(&pers).is_ok());
    }

    #[test]
    fn file_must_be_a_string_and_no_extra_keys() {
        let pers = p(json!({"doc": {"file": false}}));
        let err = find_file_uploads(&pers).unwrap_err();
        assert_eq!(err.messages(), vec!["file False is not of type string"]);
        assert_eq!(
            err.to_v2_json(),
            json!({"status_code": 400, "errors": [{"error": "ValidationError", "message": "file False is not of type string"}]})
        );
        let pers = p(json!({"doc": {"file": null}}));
        assert_eq!(
            find_file_uploads(&pers).unwrap_err().messages(),
            vec!["file None is not of type string"]
        );
        let pers = p(json!({"doc": {"file": ["x"]}}));
        assert_eq!(
            find_file_uploads(&pers).unwrap_err().messages(),
            vec!["file [x] is not of type string"]
        );

        let pers = p(json!({"doc": {"file": CSV_B64, "other": "attribute"}}));
        assert_eq!(
            find_file_uploads(&pers).unwrap_err().messages(),
            vec!["Additional properties are not allowed (other was unexpected)"]
        );
        let pers = p(json!({"doc": {"file": CSV_B64, "b": 1, "a": 2}}));
        assert_eq!(
            find_file_uploads(&pers).unwrap_err().messages(),
            vec!["Additional properties are not allowed (a, b were unexpected)"]
        );
    }

    #[test]
    fn all_schema_errors_of_one_object_are_reported() {
        let pers = p(json!({"doc": {
            "file": 1, "filename": "x", "confirm_email_before_download": "y",
            "retention_period": "z", "is_csv": "w", "extra": 0
        }}));
        let err = find_file_uploads(&pers).unwrap_err();
        assert_eq!(
            err.messages(),
            vec![
                "file 1 is not of type string",
                "filename `filename` must end with a file extension. For example, filename.csv",
                "confirm_email_before_download Unsupported value for confirm_email_before_download: y. Use a boolean true or false value.",
                "retention_period Unsupported value for retention_period: z. Supported periods are from 1 to 78 weeks.",
                "is_csv Unsupported value for is_csv: w. Use a boolean true or false value.",
                "Additional properties are not allowed (extra was unexpected)",
                "Do not set a value for `is_csv` if `filename` is set.",
            ]
        );
        assert_eq!(err.to_v2_json()["errors"].as_array().unwrap().len(), 7);
    }

    #[test]
    fn schema_errors_win_over_decoding_errors_of_earlier_keys() {
        // GOV validates every file object before uploading any.
        let pers = p(json!({
            "a": {"file": "not base64!"},
            "b": {"file": CSV_B64, "is_csv": "bad"}
        }));
        assert_eq!(
            find_file_uploads(&pers).unwrap_err().error_type(),
            "ValidationError"
        );
    }

    #[test]
    fn quotes_are_stripped_from_messages() {
        let pers = p(json!({"doc": {"file": CSV_B64, "retention_period": "it's 2 weeks"}}));
        assert_eq!(
            find_file_uploads(&pers).unwrap_err().messages(),
            vec![
                "retention_period Unsupported value for retention_period: its 2 weeks. Supported periods are from 1 to 78 weeks."
            ]
        );
    }

    #[test]
    fn base64_rules_follow_python_b64decode() {
        let cases: [(&str, Option<&[u8]>); 20] = [
            ("YQ==", Some(b"a")),
            ("YQ=", None),
            ("YQ", None),
            ("YQ==YQ==", Some(b"a")),
            ("Y Q = =", Some(b"a")),
            ("a", None),
            ("ab==c", Some(b"i")),
            ("YWJj", Some(b"abc")),
            ("YW Jj\n", Some(b"abc")),
            ("YWJ", None),
            ("=YWI=", Some(b"ab")),
            ("YQ===", Some(b"a")),
            ("Y=Q=", None),
            ("YR==", Some(b"a")),
            ("YWJjZA=", None),
            ("@@@@", Some(b"")),
            ("", Some(b"")),
            ("====", Some(b"")),
            ("YQ==Zg", Some(b"a")),
            ("😇", None),
        ];
        for (input, expected) in cases {
            assert_eq!(python_b64decode(input).as_deref(), expected, "{input:?}");
        }
        // "foo" is the document-download test case for "Document is not base64 encoded"
        let pers = p(json!({"doc": {"file": "foo"}}));
        let err = find_file_uploads(&pers).unwrap_err();
        assert_eq!(err.messages(), vec!["Document is not base64 encoded"]);
        assert_eq!(err.error_type(), "BadRequestError");
        let pers = p(json!({"doc": {"file": "😇"}}));
        assert_eq!(
            find_file_uploads(&pers).unwrap_err().messages(),
            vec!["Document is not base64 encoded"]
        );
    }

    #[test]
    fn size_limit_is_applied_after_decoding() {
        let just_right = vec![b'a'; MAX_DECODED_FILE_SIZE];
        let pers = p(json!({"doc": {"file": STANDARD.encode(&just_right)}}));
        assert_eq!(
            find_file_uploads(&pers).unwrap()[0].bytes.len(),
            MAX_DECODED_FILE_SIZE
        );

        let too_big = vec![b'a'; MAX_DECODED_FILE_SIZE + 1];
        let pers = p(json!({"doc": {"file": STANDARD.encode(&too_big)}}));
        let err = find_file_uploads(&pers).unwrap_err();
        assert_eq!(
            err.messages(),
            vec!["Uploaded file exceeds file size limit"]
        );
        assert_eq!(err.status_code(), 400);
        assert_eq!(err.error_type(), "BadRequestError");
        const { assert!(CLIENT_DOCUMENT_UPLOAD_SIZE_LIMIT < MAX_DECODED_FILE_SIZE) };
    }

    #[test]
    fn base64_is_checked_before_size_and_size_before_filename() {
        let too_big = STANDARD.encode(vec![0u8; MAX_DECODED_FILE_SIZE + 3]);
        let pers = p(json!({"doc": {"file": too_big, "filename": "x.gif"}}));
        assert!(matches!(
            find_file_uploads(&pers).unwrap_err(),
            FileUploadError::FileTooLarge { .. }
        ));
        let pers = p(json!({"doc": {"file": "a", "filename": "x.gif"}}));
        assert!(matches!(
            find_file_uploads(&pers).unwrap_err(),
            FileUploadError::NotBase64 { .. }
        ));
    }

    #[test]
    fn service_contact_link_is_required_only_with_files() {
        let sid = "d6aa2c68-a2d9-4437-ab19-3ae8eb202553";
        let no_files = p(json!({"name": "Amala"}));
        assert_eq!(
            find_file_uploads_for_service(&no_files, None, sid, DEFAULT_ADMIN_BASE_URL).unwrap(),
            vec![]
        );

        let with_file = p(json!({"doc": {"file": CSV_B64}}));
        let err = find_file_uploads_for_service(&with_file, None, sid, DEFAULT_ADMIN_BASE_URL)
            .unwrap_err();
        assert_eq!(err.error_type(), "BadRequestError");
        assert_eq!(
            err.messages(),
            vec![format!(
                "Send files by email has not been set up - add contact details for your service at https://www.notifications.service.gov.uk/services/{sid}/service-settings/send-files-by-email"
            )]
        );
        assert!(
            find_file_uploads_for_service(&with_file, Some(""), sid, DEFAULT_ADMIN_BASE_URL)
                .is_err()
        );
        assert!(
            find_file_uploads_for_service(
                &with_file,
                Some("test@notify.example"),
                sid,
                DEFAULT_ADMIN_BASE_URL
            )
            .is_ok()
        );
        // trailing slash on the configured base URL is not doubled
        let err =
            check_service_can_send_files_by_email(None, "x", "http://localhost:6012/").unwrap_err();
        assert_eq!(
            err.to_string(),
            "Send files by email has not been set up - add contact details for your service at http://localhost:6012/services/x/service-settings/send-files-by-email"
        );
    }

    #[test]
    fn gov_order_schema_then_contact_link_then_decoding() {
        let sid = "s";
        let bad_schema = p(json!({"doc": {"file": CSV_B64, "is_csv": "bad"}}));
        assert_eq!(
            find_file_uploads_for_service(&bad_schema, None, sid, DEFAULT_ADMIN_BASE_URL)
                .unwrap_err()
                .error_type(),
            "ValidationError"
        );
        let bad_b64 = p(json!({"doc": {"file": "a"}}));
        assert!(matches!(
            find_file_uploads_for_service(&bad_b64, None, sid, DEFAULT_ADMIN_BASE_URL).unwrap_err(),
            FileUploadError::SendFilesNotSetUp { .. }
        ));
        assert!(matches!(
            find_file_uploads_for_service(&bad_b64, Some("x"), sid, DEFAULT_ADMIN_BASE_URL)
                .unwrap_err(),
            FileUploadError::NotBase64 { .. }
        ));
    }

    #[test]
    fn only_email_templates_can_contain_files() {
        let pers = p(json!({"document": {"file": "abababab"}}));
        for t in ["sms", "letter"] {
            let err = check_template_can_contain_documents(t, Some(&pers)).unwrap_err();
            assert_eq!(
                err.to_v2_json(),
                json!({"status_code": 400, "errors": [{"error": "BadRequestError", "message": "Can only send a file by email"}]})
            );
        }
        assert!(check_template_can_contain_documents("email", Some(&pers)).is_ok());
        assert!(check_template_can_contain_documents("sms", None).is_ok());
        let plain = p(json!({"document": {"potato": "x"}}));
        assert!(check_template_can_contain_documents("sms", Some(&plain)).is_ok());
    }

    #[test]
    fn several_files_are_all_returned() {
        let pers = p(json!({
            "a": {"file": STANDARD.encode(b"one")},
            "b": {"file": STANDARD.encode(b"two"), "filename": "two.txt"},
            "c": "text"
        }));
        let ups = find_file_uploads(&pers).unwrap();
        assert_eq!(
            ups.iter().map(|u| u.key.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(ups[1].bytes, b"two");
        assert_eq!(ups[1].mimetype_from_filename(), Some("text/plain"));
    }
}
