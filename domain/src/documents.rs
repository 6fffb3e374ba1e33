//! Send a file by email: the document store's rules. A file attached to an
//! email (Notify's `prepare_upload`) is encrypted in the API with a fresh
//! key (AES-256-GCM), travels to the documents worker as a
//! [`DocumentMessage`], and is stored encrypted; the key exists only in the
//! download link that replaces the file in the email, as in Notify's
//! document download. A leaked database does not leak documents.

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};
use aws_lc_rs::digest;
use aws_lc_rs::rand::{SecureRandom, SystemRandom};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::file_uploads::FileUpload;

/// Bytes of a document key.
pub const KEY_LEN: usize = 32;

/// A document on its way to the store: encrypted, with what the download
/// page needs. Published by the API to the documents queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentMessage {
    pub id: Uuid,
    pub service_id: Uuid,
    pub notification_id: Uuid,
    pub filename: Option<String>,
    pub mimetype: String,
    pub size_bytes: i32,
    /// Base64 sha256 of the lower-cased recipient, when the recipient must
    /// confirm their address before downloading.
    pub confirm_email_sha256: Option<String>,
    /// Base64.
    pub nonce: String,
    /// Base64 of the AES-256-GCM ciphertext (tag included).
    pub ciphertext: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A sealed document and the link that opens it.
pub struct Sealed {
    pub message: DocumentMessage,
    pub url: String,
}

/// Encrypts `upload` for `recipient` under a fresh key and builds its
/// download link under `public_url` (which ends in `/`).
pub fn seal(
    upload: &FileUpload,
    service_id: Uuid,
    notification_id: Uuid,
    recipient: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<Sealed> {
    let rng = SystemRandom::new();
    let mut key = [0u8; KEY_LEN];
    rng.fill(&mut key)
        .map_err(|_| anyhow::anyhow!("no randomness"))?;
    let mut nonce = [0u8; NONCE_LEN];
    rng.fill(&mut nonce)
        .map_err(|_| anyhow::anyhow!("no randomness"))?;
    let id = Uuid::now_v7();
    let mut data = upload.bytes.clone();
    cipher(&key)?
        .seal_in_place_append_tag(Nonce::assume_unique_for_key(nonce), aad(id), &mut data)
        .map_err(|_| anyhow::anyhow!("encryption failed"))?;
    let weeks = i64::from(upload.retention_weeks());
    let message = DocumentMessage {
        id,
        service_id,
        notification_id,
        filename: upload.filename.clone(),
        mimetype: mimetype(upload).to_owned(),
        size_bytes: i32::try_from(upload.bytes.len())?,
        confirm_email_sha256: upload
            .confirm_email()
            .then(|| STANDARD.encode(email_sha256(recipient))),
        nonce: STANDARD.encode(nonce),
        ciphertext: STANDARD.encode(&data),
        created_at: now,
        expires_at: now + chrono::Duration::weeks(weeks),
    };
    let url = format!(
        "{public_url}d/{service_id}/{id}?key={}",
        URL_SAFE_NO_PAD.encode(key)
    );
    Ok(Sealed { message, url })
}

/// Decrypts a stored document with the key from its link; `None` when the
/// key is wrong (or the data was tampered with).
pub fn open(id: Uuid, key_b64: &str, nonce: &[u8], ciphertext: &[u8]) -> Option<Vec<u8>> {
    let key = URL_SAFE_NO_PAD.decode(key_b64.trim_end_matches('=')).ok()?;
    let key: [u8; KEY_LEN] = key.try_into().ok()?;
    let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
    let mut data = ciphertext.to_vec();
    let plain = cipher(&key)
        .ok()?
        .open_in_place(nonce, aad(id), &mut data)
        .ok()?;
    Some(plain.to_vec())
}

/// sha256 of the address as the recipient would type it (trimmed,
/// lower-cased).
pub fn email_sha256(email: &str) -> Vec<u8> {
    digest::digest(&digest::SHA256, email.trim().to_lowercase().as_bytes())
        .as_ref()
        .to_vec()
}

fn cipher(key: &[u8; KEY_LEN]) -> anyhow::Result<LessSafeKey> {
    let key = UnboundKey::new(&AES_256_GCM, key).map_err(|_| anyhow::anyhow!("bad key"))?;
    Ok(LessSafeKey::new(key))
}

/// The document id is authenticated with the data: a ciphertext copied
/// under another id does not open.
fn aad(id: Uuid) -> Aad<[u8; 16]> {
    Aad::from(*id.as_bytes())
}

/// From the filename's extension, else `is_csv`, else the content: a PDF
/// by its signature, UTF-8 text as text, anything else as bytes.
fn mimetype(upload: &FileUpload) -> &'static str {
    if let Some(mimetype) = upload.mimetype_from_filename() {
        return mimetype;
    }
    if upload.is_csv == Some(true) {
        "text/csv"
    } else if upload.bytes.starts_with(b"%PDF-") {
        "application/pdf"
    } else if std::str::from_utf8(&upload.bytes).is_ok() {
        "text/plain"
    } else {
        "application/octet-stream"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upload(bytes: &[u8]) -> FileUpload {
        FileUpload {
            key: "doc".into(),
            bytes: bytes.to_vec(),
            filename: Some("report.pdf".into()),
            confirm_email_before_download: Some(false),
            retention_period: Some("2 weeks".into()),
            is_csv: None,
        }
    }

    fn sealed(bytes: &[u8]) -> (Sealed, String) {
        let now = Utc::now();
        let sealed = seal(
            &upload(bytes),
            Uuid::now_v7(),
            Uuid::now_v7(),
            "Ann@Example.com",
            "https://herald.example/",
            now,
        )
        .unwrap();
        let key = sealed.url.split("key=").nth(1).unwrap().to_owned();
        (sealed, key)
    }

    #[test]
    fn a_sealed_document_opens_with_the_key_in_its_link_only() {
        let (sealed, key) = sealed(b"%PDF-1.7 hello");
        let m = &sealed.message;
        assert!(sealed.url.starts_with(&format!(
            "https://herald.example/d/{}/{}?key=",
            m.service_id, m.id
        )));
        let nonce = STANDARD.decode(&m.nonce).unwrap();
        let data = STANDARD.decode(&m.ciphertext).unwrap();
        assert_ne!(data, b"%PDF-1.7 hello", "stored encrypted");
        assert_eq!(open(m.id, &key, &nonce, &data).unwrap(), b"%PDF-1.7 hello");
        let (_, other_key) = self::sealed(b"x");
        assert_eq!(open(m.id, &other_key, &nonce, &data), None);
        assert_eq!(
            open(Uuid::now_v7(), &key, &nonce, &data),
            None,
            "bound to its id"
        );
        assert_eq!(open(m.id, "not-base64!", &nonce, &data), None);
    }

    #[test]
    fn retention_and_type_come_from_the_upload() {
        let (sealed, _) = sealed(b"%PDF-1.7");
        let m = &sealed.message;
        assert_eq!(m.expires_at - m.created_at, chrono::Duration::weeks(2));
        assert_eq!(m.mimetype, "application/pdf");
        assert_eq!(m.confirm_email_sha256, None);
        assert_eq!(m.size_bytes, 8);
    }

    #[test]
    fn confirmation_compares_addresses_as_typed() {
        assert_eq!(
            email_sha256(" Ann@Example.com "),
            email_sha256("ann@example.com")
        );
        assert_ne!(
            email_sha256("ann@example.com"),
            email_sha256("bob@example.com")
        );
    }
}
