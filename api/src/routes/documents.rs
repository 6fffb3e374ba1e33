//! `GET /d/{service_id}/{document_id}?key=…`: the download link that
//! replaces a file sent by email. The key in the link decrypts the stored
//! document; without it the document cannot be read, and a wrong key looks
//! exactly like an unknown document. When the sender asked for it
//! (`confirm_email_before_download`, Notify's default), the recipient first
//! types their email address into a form that POSTs back here.
//!
//! Not on the hot path: each download is one bounded database read.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use herald_domain::documents;
use herald_domain::format::html_escape;
use herald_domain::models::Document;
use serde::Deserialize;
use uuid::Uuid;

use crate::body;
use crate::error::ApiError;
use crate::state::AppState;

/// The confirmation form is a key and an email address.
const MAX_FORM_BYTES: usize = 16 * 1024;

#[derive(Deserialize)]
pub struct Link {
    key: Option<String>,
}

/// The confirmation form (`application/x-www-form-urlencoded`).
#[derive(Default)]
struct Confirmation {
    key: Option<String>,
    email_address: Option<String>,
}

impl Confirmation {
    fn parse(body: &[u8]) -> Confirmation {
        let mut form = Confirmation::default();
        for (name, value) in form_urlencoded::parse(body) {
            match name.as_ref() {
                "key" => form.key = Some(value.into_owned()),
                "email_address" => form.email_address = Some(value.into_owned()),
                _ => {}
            }
        }
        form
    }
}

pub async fn download(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    link: web::Query<Link>,
) -> Result<HttpResponse, ApiError> {
    let (document, plain) = open(&state, &path, link.key.as_deref()).await?;
    if document.confirm_email_sha256.is_some() {
        return Ok(confirm_page(link.key.as_deref().unwrap_or_default(), None));
    }
    Ok(file_response(&document, plain))
}

pub async fn confirm(
    request: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    // Read and parsed by hand so that any body gets a v2 error, never actix's own.
    let body = body::read_bytes(&request, payload, MAX_FORM_BYTES).await?;
    let form = Confirmation::parse(&body);
    let key = form.key.as_deref();
    let (document, plain) = open(&state, &path, key).await?;
    let typed = form.email_address.as_deref().unwrap_or_default();
    let matches = document
        .confirm_email_sha256
        .as_deref()
        .is_none_or(|expected| expected == documents::email_sha256(typed).as_slice());
    if !matches {
        return Ok(confirm_page(
            key.unwrap_or_default(),
            Some("This is not the email address the file was sent to."),
        ));
    }
    Ok(file_response(&document, plain))
}

/// Finds the document and decrypts it with the link's key: 404 for an
/// unknown document or a wrong key alike, 410 once it has expired.
async fn open(
    state: &AppState,
    path: &(String, String),
    key: Option<&str>,
) -> Result<(Document, Vec<u8>), ApiError> {
    let (Ok(service_id), Ok(id), Some(key)) = (path.0.parse::<Uuid>(), path.1.parse::<Uuid>(), key)
    else {
        return Err(ApiError::NotFound);
    };
    let document = state
        .db
        .run(move |conn| Document::find(conn, service_id, id))
        .await?
        .ok_or(ApiError::NotFound)?;
    if document.expires_at < chrono::Utc::now() {
        return Err(ApiError::Gone(
            "This file is no longer available: its retention period has ended".into(),
        ));
    }
    let plain = documents::open(id, key, &document.nonce, &document.ciphertext)
        .ok_or(ApiError::NotFound)?;
    Ok((document, plain))
}

fn file_response(document: &Document, plain: Vec<u8>) -> HttpResponse {
    let given = document.filename.as_deref().and_then(last_component);
    let filename = given.map(str::to_owned).unwrap_or_else(|| {
        let extension = match document.mimetype.as_str() {
            "application/pdf" => "pdf",
            "text/csv" => "csv",
            "text/plain" => "txt",
            _ => "bin",
        };
        format!("{}.{extension}", document.id)
    });
    HttpResponse::Ok()
        .content_type(document.mimetype.as_str())
        .insert_header(disposition(&filename))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header(("X-Robots-Tag", "noindex"))
        .body(plain)
}

/// The last component of a path-like name (`../../etc/passwd.pdf` is
/// saved as `passwd.pdf`); `None` when nothing is left of it.
fn last_component(name: &str) -> Option<&str> {
    name.rsplit(['/', '\\'])
        .next()
        .filter(|last| !matches!(*last, "" | "." | ".."))
}

/// `Content-Disposition: attachment` that any name survives (RFC 6266):
/// `filename*` carries it exactly (UTF-8, percent-encoded, control
/// characters included), `filename` an ASCII fallback for old clients in
/// which anything else is `_`.
fn disposition(name: &str) -> header::ContentDisposition {
    let fallback: String = name
        .chars()
        .map(|c| match c {
            ' '..='~' if c != '"' && c != '\\' => c,
            _ => '_',
        })
        .collect();
    header::ContentDisposition {
        disposition: header::DispositionType::Attachment,
        parameters: vec![
            header::DispositionParam::Filename(fallback),
            header::DispositionParam::FilenameExt(header::ExtendedValue {
                charset: header::Charset::Ext("UTF-8".to_owned()),
                language_tag: None,
                value: name.as_bytes().to_vec(),
            }),
        ],
    }
}

fn confirm_page(key: &str, problem: Option<&str>) -> HttpResponse {
    let problem = problem
        .map(|p| format!("<p role=\"alert\"><strong>{}</strong></p>", html_escape(p)))
        .unwrap_or_default();
    let page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"robots\" content=\"noindex\"><title>Confirm your email address</title></head>\
         <body><h1>Confirm your email address</h1>{problem}\
         <p>Enter the email address this file was sent to.</p>\
         <form method=\"post\"><input type=\"hidden\" name=\"key\" value=\"{}\">\
         <label for=\"email_address\">Email address</label> \
         <input id=\"email_address\" name=\"email_address\" type=\"email\" autocomplete=\"email\">\
         <button type=\"submit\">Continue</button></form></body></html>",
        html_escape(key)
    );
    if problem.is_empty() {
        HttpResponse::Ok()
    } else {
        HttpResponse::Forbidden()
    }
    .content_type("text/html; charset=utf-8")
    .insert_header((header::CACHE_CONTROL, "no-store"))
    .body(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_name_makes_a_valid_header_and_only_its_last_component_is_kept() {
        for (name, expected) in [
            (
                "report.pdf",
                "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf",
            ),
            (
                "a\rb.pdf",
                "attachment; filename=\"a_b.pdf\"; filename*=UTF-8''a%0Db.pdf",
            ),
            (
                "caf\u{e9} \"x\".pdf",
                "attachment; filename=\"caf_ _x_.pdf\"; filename*=UTF-8''caf%C3%A9%20%22x%22.pdf",
            ),
        ] {
            let value = disposition(name).to_string();
            assert_eq!(value, expected);
            assert!(header::HeaderValue::from_str(&value).is_ok(), "{value}");
        }
        assert_eq!(last_component("../../etc/passwd.pdf"), Some("passwd.pdf"));
        assert_eq!(last_component("C:\\temp\\x.csv"), Some("x.csv"));
        assert_eq!(last_component("dir/.."), None);
    }
}
