//! Amazon SNS HTTP(S) message parsing and signature verification.
//!
//! SES delivers its events to Herald through an SNS topic with an HTTPS
//! subscription. Every POST carries a JSON envelope (whatever the
//! `Content-Type`, which SNS sets to `text/plain` by default) signed by SNS.
//! This module implements AWS's documented verification algorithm
//! ("Verifying the signatures of Amazon SNS messages", and AWS's own PHP / JS /
//! Ruby validators):
//!
//! 1. [`parse`] the body as JSON into an [`SnsMessage`].
//! 2. Check the `TopicArn` against an allow-list (stops other AWS accounts'
//!    topics from subscribing/posting to us).
//! 3. `SignatureVersion` `"1"` = RSA PKCS#1 v1.5 with SHA-1, `"2"` = RSA
//!    PKCS#1 v1.5 with SHA-256; anything else is rejected.
//! 4. Check `SigningCertURL` **before** fetching anything: `https`, host
//!    `sns.<region>.amazonaws.com` (or `.amazonaws.com.cn`), path ending in
//!    `.pem`, no userinfo / non-default port / query / fragment.
//! 5. Fetch the certificate over HTTPS (bounded time and size), cache it by URL
//!    (bounded count and age), check its validity period.
//! 6. Verify the base64 `Signature` over [`string_to_sign`].
//!
//! Trust in the certificate comes from where it was fetched: the URL is pinned
//! to an SNS host and fetched over HTTPS with the client's normal WebPKI server
//! verification (this is what AWS's own validators do; they do not build a
//! chain for the signing certificate itself).
//!
//! Not signed, so never trust them for decisions: `UnsubscribeURL`,
//! `SigningCertURL` (checked by policy instead), `MessageAttributes`.
//!
//! HTTP status advice for the webhook: [`SnsError::is_transient`] errors
//! (certificate fetch failed) deserve a 5xx so that SNS retries; every other
//! error is permanent for that message (4xx, SNS does not retry 4xx).

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use aws_lc_rs::signature::{self, RsaParameters, UnparsedPublicKey};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::Value;
use url::{Host, Url};
use x509_cert::Certificate;
use x509_cert::der::DecodePem;
use x509_cert::spki::ObjectIdentifier;

/// Base path of the SES/SNS test fixtures, shared by every test module of this
/// crate: the repository's `tests/fixtures/ses/` (see its `SOURCES.md`).
#[cfg(test)]
pub(crate) const TEST_FIXTURES_DIR: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/ses/");

/// Upper bound on the whole certificate download (connect + headers + body).
pub const CERT_FETCH_TIMEOUT: Duration = Duration::from_secs(5);
/// Largest certificate file accepted (an SNS signing certificate PEM is ~2 KB).
pub const MAX_CERT_BYTES: usize = 16 * 1024;
/// Most certificates kept in the cache (SNS uses one per region, rotated rarely).
pub const MAX_CACHED_CERTS: usize = 32;
/// How long a fetched certificate is reused before it is fetched again.
pub const CERT_CACHE_TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// `rsaEncryption` (RFC 8017), the only key type SNS signs with.
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// Errors from parsing or verifying an SNS message.
#[derive(Debug, thiserror::Error)]
pub enum SnsError {
    /// The body is not a well-formed SNS envelope (bad JSON, missing or
    /// mistyped field, unknown `Type`, undecodable `Signature`).
    #[error("malformed SNS message: {0}")]
    Malformed(String),
    /// `TopicArn` is not in the verifier's allow-list.
    #[error("SNS topic not allowed: {0}")]
    UnknownTopic(String),
    /// `SigningCertURL` (or `SubscribeURL`) fails the trust policy.
    #[error("untrusted SNS URL: {0}")]
    UntrustedCertUrl(String),
    /// The signing certificate could not be downloaded (network, timeout,
    /// HTTP status, size limit). Transient: SNS should retry.
    #[error("could not fetch SNS signing certificate: {0}")]
    CertFetch(String),
    /// The certificate is unparsable, not RSA, expired or not yet valid.
    #[error("bad SNS signing certificate: {0}")]
    BadCertificate(String),
    /// `SignatureVersion` is neither `"1"` nor `"2"`.
    #[error("unsupported SNS SignatureVersion: {0:?}")]
    UnsupportedSignatureVersion(String),
    /// The signature does not match the string to sign.
    #[error("SNS signature does not verify")]
    BadSignature,
}

impl SnsError {
    /// True when retrying the same message later may succeed (answer SNS with
    /// a 5xx); false when the message itself is unacceptable (answer 4xx).
    pub fn is_transient(&self) -> bool {
        matches!(self, SnsError::CertFetch(_))
    }
}

/// The `Type` of an SNS HTTP(S) message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SnsMessageType {
    Notification,
    SubscriptionConfirmation,
    UnsubscribeConfirmation,
}

impl SnsMessageType {
    /// The wire value, as it appears in `Type` and in the string to sign.
    pub fn as_str(self) -> &'static str {
        match self {
            SnsMessageType::Notification => "Notification",
            SnsMessageType::SubscriptionConfirmation => "SubscriptionConfirmation",
            SnsMessageType::UnsubscribeConfirmation => "UnsubscribeConfirmation",
        }
    }

    fn from_wire(value: &str) -> Option<Self> {
        match value {
            "Notification" => Some(SnsMessageType::Notification),
            "SubscriptionConfirmation" => Some(SnsMessageType::SubscriptionConfirmation),
            "UnsubscribeConfirmation" => Some(SnsMessageType::UnsubscribeConfirmation),
            _ => None,
        }
    }
}

impl std::fmt::Display for SnsMessageType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An SNS HTTP(S) envelope. Values are the JSON-unescaped field values, i.e.
/// exactly what is signed. Unverified until [`Verifier::verify`] says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnsMessage {
    pub message_type: SnsMessageType,
    pub message_id: String,
    pub topic_arn: String,
    /// Only in Notifications published with a subject.
    pub subject: Option<String>,
    /// For SES: the SES event as a JSON string (see `ses_events`).
    pub message: String,
    pub timestamp: String,
    pub signature_version: String,
    pub signature: String,
    pub signing_cert_url: String,
    /// Present (required) in Subscription/UnsubscribeConfirmation.
    pub subscribe_url: Option<String>,
    /// Present (required) in Subscription/UnsubscribeConfirmation.
    pub token: Option<String>,
    /// Notifications only; not signed.
    pub unsubscribe_url: Option<String>,
}

/// Parses an SNS HTTP(S) POST body as JSON, whatever the `Content-Type`.
///
/// Requires `Type`, `MessageId`, `TopicArn`, `Message`, `Timestamp`,
/// `SignatureVersion`, `Signature`, `SigningCertURL`, plus `SubscribeURL` and
/// `Token` for Subscription/UnsubscribeConfirmation. A field that is JSON
/// `null` counts as absent (as in AWS's PHP validator); any present field must
/// be a string. Unknown fields (`MessageAttributes`, …) are ignored.
pub fn parse(body: &[u8]) -> Result<SnsMessage, SnsError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| SnsError::Malformed(format!("body is not valid JSON: {e}")))?;
    let Value::Object(obj) = value else {
        return Err(SnsError::Malformed("body is not a JSON object".into()));
    };

    let optional = |name: &str| -> Result<Option<String>, SnsError> {
        match obj.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(SnsError::Malformed(format!(
                "field `{name}` must be a string"
            ))),
        }
    };
    let required = |name: &str| -> Result<String, SnsError> {
        optional(name)?.ok_or_else(|| SnsError::Malformed(format!("missing field `{name}`")))
    };

    let type_str = required("Type")?;
    let message_type = SnsMessageType::from_wire(&type_str)
        .ok_or_else(|| SnsError::Malformed(format!("unknown Type {type_str:?}")))?;

    let (subscribe_url, token) = match message_type {
        SnsMessageType::Notification => (optional("SubscribeURL")?, optional("Token")?),
        SnsMessageType::SubscriptionConfirmation | SnsMessageType::UnsubscribeConfirmation => {
            (Some(required("SubscribeURL")?), Some(required("Token")?))
        }
    };

    Ok(SnsMessage {
        message_type,
        message_id: required("MessageId")?,
        topic_arn: required("TopicArn")?,
        subject: optional("Subject")?,
        message: required("Message")?,
        timestamp: required("Timestamp")?,
        signature_version: required("SignatureVersion")?,
        signature: required("Signature")?,
        signing_cert_url: required("SigningCertURL")?,
        subscribe_url,
        token,
        unsubscribe_url: optional("UnsubscribeURL")?,
    })
}

/// The exact byte string SNS signs: `Name\nValue\n` for each field of the
/// message type's list, in this order, skipping only absent fields.
///
/// - Notification: `Message`, `MessageId`, `Subject` (only if present),
///   `Timestamp`, `TopicArn`, `Type`.
/// - SubscriptionConfirmation / UnsubscribeConfirmation: `Message`,
///   `MessageId`, `SubscribeURL`, `Timestamp`, `Token`, `TopicArn`, `Type`.
pub fn string_to_sign(msg: &SnsMessage) -> String {
    let mut out = String::with_capacity(msg.message.len() + 512);
    let mut push = |name: &str, value: &str| {
        out.push_str(name);
        out.push('\n');
        out.push_str(value);
        out.push('\n');
    };
    push("Message", &msg.message);
    push("MessageId", &msg.message_id);
    match msg.message_type {
        SnsMessageType::Notification => {
            if let Some(subject) = &msg.subject {
                push("Subject", subject);
            }
            push("Timestamp", &msg.timestamp);
        }
        SnsMessageType::SubscriptionConfirmation | SnsMessageType::UnsubscribeConfirmation => {
            if let Some(url) = &msg.subscribe_url {
                push("SubscribeURL", url);
            }
            push("Timestamp", &msg.timestamp);
            if let Some(token) = &msg.token {
                push("Token", token);
            }
        }
    }
    push("TopicArn", &msg.topic_arn);
    push("Type", msg.message_type.as_str());
    out
}

/// Trust policy: which certificate URLs are acceptable and how certificates
/// are obtained.
#[derive(Debug, Clone)]
pub enum CertTrust {
    /// Production: `SigningCertURL` must be
    /// `https://sns.<region>.amazonaws.com/….pem` (or `.amazonaws.com.cn`),
    /// without userinfo, explicit non-default port, query or fragment (see
    /// [`validate_signing_cert_url`]); the certificate is fetched over HTTPS
    /// and cached by URL.
    Aws,
    /// Tests only, named so it cannot be enabled by accident: the given PEM
    /// certificates (value) are trusted for exactly the given URLs (key,
    /// compared byte for byte); anything else is rejected. Nothing is fetched.
    InsecureTestCertificates(HashMap<String, String>),
}

/// Checks a `SigningCertURL` against the production policy, without any I/O.
///
/// Accepts only `https://sns.<region>.amazonaws.com[.cn]/<path>.pem` where
/// `<region>` is at least 3 characters of `[A-Za-z0-9-]` (AWS's validators'
/// pattern `^sns\.[a-zA-Z0-9\-]{3,}\.amazonaws\.com(\.cn)?$`); no userinfo,
/// no port other than 443, no query, no fragment. Returns the parsed URL,
/// which is what must be fetched.
pub fn validate_signing_cert_url(raw: &str) -> Result<Url, SnsError> {
    let url = validate_sns_url(raw)?;
    if url.query().is_some() {
        return Err(untrusted(raw, "query not allowed"));
    }
    if !url.path().ends_with(".pem") {
        return Err(untrusted(raw, "path must end in .pem"));
    }
    Ok(url)
}

/// Checks a `SubscribeURL` before Herald GETs it to confirm a subscription
/// (SSRF guard): same scheme/host/userinfo/port/fragment rules as
/// [`validate_signing_cert_url`], but any path and query are allowed (the
/// query carries `Action=ConfirmSubscription&TopicArn=…&Token=…`). Only call
/// this on a message that [`Verifier::verify`] accepted.
pub fn validate_subscribe_url(raw: &str) -> Result<Url, SnsError> {
    validate_sns_url(raw)
}

fn validate_sns_url(raw: &str) -> Result<Url, SnsError> {
    let url = Url::parse(raw).map_err(|e| untrusted(raw, &format!("not a URL ({e})")))?;
    if url.scheme() != "https" {
        return Err(untrusted(raw, "scheme must be https"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(untrusted(raw, "userinfo not allowed"));
    }
    // `Url` drops the scheme's default port, so only a non-443 port remains.
    if url.port().is_some() {
        return Err(untrusted(raw, "explicit port not allowed"));
    }
    if url.fragment().is_some() {
        return Err(untrusted(raw, "fragment not allowed"));
    }
    match url.host() {
        Some(Host::Domain(host)) if is_sns_host(host) => Ok(url),
        _ => Err(untrusted(
            raw,
            "host is not sns.<region>.amazonaws.com[.cn]",
        )),
    }
}

/// `^sns\.[a-zA-Z0-9-]{3,}\.amazonaws\.com(\.cn)?$` without a regex engine.
fn is_sns_host(host: &str) -> bool {
    let Some(rest) = host.strip_prefix("sns.") else {
        return false;
    };
    let region = rest
        .strip_suffix(".amazonaws.com")
        .or_else(|| rest.strip_suffix(".amazonaws.com.cn"));
    matches!(region, Some(r) if r.len() >= 3
        && r.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

fn untrusted(raw: &str, why: &str) -> SnsError {
    SnsError::UntrustedCertUrl(format!("{raw:?}: {why}"))
}

/// The RSA public key of a signing certificate plus its validity window.
#[derive(Debug, Clone)]
struct SigningKey {
    /// PKCS#1 `RSAPublicKey` DER (the SPKI bit string contents).
    rsa_public_key: Vec<u8>,
    not_before: SystemTime,
    not_after: SystemTime,
}

impl SigningKey {
    fn from_pem(pem: &[u8]) -> Result<Self, SnsError> {
        // SNS serves a single certificate; if a chain were served, the first
        // one is the signing (leaf) certificate. (Not `load_pem_chain`: in
        // x509-cert 0.2.5 it overflows on empty input.)
        let block = first_pem_certificate(pem)
            .ok_or_else(|| SnsError::BadCertificate("no PEM CERTIFICATE block".into()))?;
        let cert = Certificate::from_pem(block)
            .map_err(|e| SnsError::BadCertificate(format!("cannot parse certificate: {e}")))?;
        let tbs = cert.tbs_certificate;
        let spki = tbs.subject_public_key_info;
        if spki.algorithm.oid != RSA_ENCRYPTION {
            return Err(SnsError::BadCertificate(format!(
                "public key algorithm {} is not rsaEncryption",
                spki.algorithm.oid
            )));
        }
        let key = spki.subject_public_key.as_bytes().ok_or_else(|| {
            SnsError::BadCertificate("public key bit string has unused bits".into())
        })?;
        Ok(SigningKey {
            rsa_public_key: key.to_vec(),
            not_before: tbs.validity.not_before.to_system_time(),
            not_after: tbs.validity.not_after.to_system_time(),
        })
    }

    fn check_validity(&self, now: SystemTime) -> Result<(), SnsError> {
        if now < self.not_before {
            return Err(SnsError::BadCertificate(
                "certificate is not yet valid".into(),
            ));
        }
        if now > self.not_after {
            return Err(SnsError::BadCertificate("certificate has expired".into()));
        }
        Ok(())
    }
}

/// The first `-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----` block.
fn first_pem_certificate(pem: &[u8]) -> Option<&[u8]> {
    const BEGIN: &[u8] = b"-----BEGIN CERTIFICATE-----";
    const END: &[u8] = b"-----END CERTIFICATE-----";
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let start = find(pem, BEGIN)?;
    let len = find(pem.get(start..)?, END)? + END.len();
    pem.get(start..start + len)
}

#[derive(Debug)]
struct CachedKey {
    key: SigningKey,
    fetched_at: Instant,
}

/// Verifies SNS messages: topic allow-list, signature version, certificate
/// URL policy, certificate validity and signature. Cheap to share (`Arc`);
/// the certificate cache is internal.
#[derive(Debug)]
pub struct Verifier {
    trust: CertTrust,
    allowed_topic_arns: HashSet<String>,
    http: reqwest::Client,
    cache: Mutex<HashMap<String, CachedKey>>,
}

impl Verifier {
    /// `allowed_topic_arns` is compared exactly; an empty list rejects every
    /// message. `http` is only used in [`CertTrust::Aws`] mode, with a
    /// per-request timeout of [`CERT_FETCH_TIMEOUT`].
    pub fn new(trust: CertTrust, allowed_topic_arns: Vec<String>, http: reqwest::Client) -> Self {
        Verifier {
            trust,
            allowed_topic_arns: allowed_topic_arns.into_iter().collect(),
            http,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Verifies: topic in allow-list, SignatureVersion 1 (RSA-SHA1) or 2
    /// (RSA-SHA256), cert URL policy, certificate validity period, signature
    /// over [`string_to_sign`]. Everything that can be rejected without I/O is
    /// rejected before the certificate is fetched. Fetches and caches the
    /// certificate (bounded timeout, size and cache).
    pub async fn verify(&self, msg: &SnsMessage) -> Result<(), SnsError> {
        self.verify_at(msg, SystemTime::now()).await
    }

    async fn verify_at(&self, msg: &SnsMessage, now: SystemTime) -> Result<(), SnsError> {
        if !self.allowed_topic_arns.contains(&msg.topic_arn) {
            return Err(SnsError::UnknownTopic(msg.topic_arn.clone()));
        }
        let algorithm = signature_algorithm(&msg.signature_version)?;
        let signature = BASE64
            .decode(msg.signature.as_bytes())
            .map_err(|e| SnsError::Malformed(format!("Signature is not valid base64: {e}")))?;

        let key = match &self.trust {
            CertTrust::Aws => {
                let url = validate_signing_cert_url(&msg.signing_cert_url)?;
                self.aws_signing_key(&url).await?
            }
            CertTrust::InsecureTestCertificates(certs) => {
                let pem = certs.get(&msg.signing_cert_url).ok_or_else(|| {
                    untrusted(
                        &msg.signing_cert_url,
                        "not one of the test certificate URLs",
                    )
                })?;
                SigningKey::from_pem(pem.as_bytes())?
            }
        };
        key.check_validity(now)?;

        UnparsedPublicKey::new(algorithm, &key.rsa_public_key)
            .verify(string_to_sign(msg).as_bytes(), &signature)
            .map_err(|_| SnsError::BadSignature)
    }

    /// Cached key for `url`, or fetch, parse and cache it.
    async fn aws_signing_key(&self, url: &Url) -> Result<SigningKey, SnsError> {
        let cache_key = url.as_str();
        if let Some(hit) = self.lock_cache().get(cache_key)
            && hit.fetched_at.elapsed() < CERT_CACHE_TTL
        {
            return Ok(hit.key.clone());
        }

        let (final_url, pem) =
            download(&self.http, url, CERT_FETCH_TIMEOUT, MAX_CERT_BYTES).await?;
        // The client may follow redirects: the final URL must pass the policy too.
        if final_url != *url {
            validate_signing_cert_url(final_url.as_str())?;
        }
        let key = SigningKey::from_pem(&pem)?;
        self.cache_insert(cache_key.to_owned(), key.clone());
        Ok(key)
    }

    fn cache_insert(&self, url: String, key: SigningKey) {
        let mut cache = self.lock_cache();
        if cache.len() >= MAX_CACHED_CERTS && !cache.contains_key(&url) {
            cache.retain(|_, c| c.fetched_at.elapsed() < CERT_CACHE_TTL);
            while cache.len() >= MAX_CACHED_CERTS {
                let oldest = cache
                    .iter()
                    .min_by_key(|(_, c)| c.fetched_at)
                    .map(|(u, _)| u.clone());
                match oldest {
                    Some(u) => cache.remove(&u),
                    None => break,
                };
            }
        }
        cache.insert(
            url,
            CachedKey {
                key,
                fetched_at: Instant::now(),
            },
        );
    }

    fn lock_cache(&self) -> MutexGuard<'_, HashMap<String, CachedKey>> {
        // A panic while holding the lock cannot leave the map inconsistent.
        self.cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn signature_algorithm(version: &str) -> Result<&'static RsaParameters, SnsError> {
    match version {
        "1" => Ok(&signature::RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY),
        "2" => Ok(&signature::RSA_PKCS1_2048_8192_SHA256),
        other => Err(SnsError::UnsupportedSignatureVersion(other.to_owned())),
    }
}

/// GET `url` with a total `timeout`, refusing non-2xx answers and bodies
/// larger than `max_bytes`. Returns the final URL (after any redirects the
/// client followed) and the body. No policy check here.
async fn download(
    http: &reqwest::Client,
    url: &Url,
    timeout: Duration,
    max_bytes: usize,
) -> Result<(Url, Vec<u8>), SnsError> {
    let fetch_err = |e: &dyn std::fmt::Display| SnsError::CertFetch(format!("{url}: {e}"));
    let mut resp = http
        .get(url.clone())
        .timeout(timeout)
        .send()
        .await
        .map_err(|e| fetch_err(&e))?;
    let status = resp.status();
    if !status.is_success() {
        return Err(fetch_err(&format_args!("HTTP status {status}")));
    }
    let too_large = || fetch_err(&format_args!("certificate larger than {max_bytes} bytes"));
    if resp
        .content_length()
        .is_some_and(|len| len > max_bytes as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| fetch_err(&e))? {
        if body.len() + chunk.len() > max_bytes {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok((resp.url().clone(), body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:ses-events";
    const OTHER_ALLOWED_TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:other";

    struct Vectors {
        cert_url: String,
        cert_pem: String,
        vectors: Vec<Value>,
    }

    fn fixture(name: &str) -> String {
        let path = format!("{TEST_FIXTURES_DIR}{name}");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"))
    }

    fn vectors() -> Vectors {
        let v: Value = serde_json::from_str(&fixture("sns-signed-test-vectors.json")).unwrap();
        Vectors {
            cert_url: v["signing_cert_url"].as_str().unwrap().to_owned(),
            cert_pem: v["cert_pem"].as_str().unwrap().to_owned(),
            vectors: v["vectors"].as_array().unwrap().clone(),
        }
    }

    fn vector_msg(v: &Value) -> SnsMessage {
        parse(v["envelope"].to_string().as_bytes()).unwrap()
    }

    /// The vector whose description starts with `prefix`.
    fn vector(vs: &Vectors, prefix: &str) -> SnsMessage {
        let v = vs
            .vectors
            .iter()
            .find(|v| v["description"].as_str().unwrap().starts_with(prefix))
            .unwrap_or_else(|| panic!("no vector {prefix:?}"));
        vector_msg(v)
    }

    fn test_verifier(vs: &Vectors) -> Verifier {
        let certs = HashMap::from([(vs.cert_url.clone(), vs.cert_pem.clone())]);
        Verifier::new(
            CertTrust::InsecureTestCertificates(certs),
            vec![TOPIC.to_owned(), OTHER_ALLOWED_TOPIC.to_owned()],
            reqwest::Client::new(),
        )
    }

    /// An Aws-mode verifier whose HTTP client can only reach a closed local
    /// port, so even a policy bug cannot cause traffic off this machine.
    fn aws_verifier() -> Verifier {
        let http = reqwest::Client::builder()
            .proxy(reqwest::Proxy::all("http://127.0.0.1:9").unwrap())
            .build()
            .unwrap();
        Verifier::new(CertTrust::Aws, vec![TOPIC.to_owned()], http)
    }

    fn at(unix_secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(unix_secs)
    }
    /// 2026-06-01, inside the test certificate's 2026–2055 validity.
    fn in_validity() -> SystemTime {
        at(1_780_272_000)
    }

    #[tokio::test]
    async fn labelled_vectors_verify_or_fail_as_labelled() {
        let vs = vectors();
        let verifier = test_verifier(&vs);
        assert_eq!(vs.vectors.len(), 7);
        let (mut valid, mut invalid) = (0, 0);
        for v in &vs.vectors {
            let desc = v["description"].as_str().unwrap();
            let msg = vector_msg(v);
            assert_eq!(
                string_to_sign(&msg),
                v["string_to_sign"].as_str().unwrap(),
                "string to sign for {desc}"
            );
            let result = verifier.verify(&msg).await;
            if v["expect_valid"].as_bool().unwrap() {
                assert!(result.is_ok(), "{desc}: {result:?}");
                valid += 1;
            } else {
                assert!(
                    matches!(result, Err(SnsError::BadSignature)),
                    "{desc}: {result:?}"
                );
                invalid += 1;
            }
        }
        assert_eq!((valid, invalid), (5, 2));
    }

    #[tokio::test]
    async fn vectors_cover_both_signature_versions_and_all_types() {
        let vs = vectors();
        let msgs: Vec<SnsMessage> = vs.vectors.iter().map(vector_msg).collect();
        for version in ["1", "2"] {
            assert!(msgs.iter().any(|m| m.signature_version == version));
        }
        for t in [
            SnsMessageType::Notification,
            SnsMessageType::SubscriptionConfirmation,
            SnsMessageType::UnsubscribeConfirmation,
        ] {
            assert!(msgs.iter().any(|m| m.message_type == t));
        }
    }

    #[tokio::test]
    async fn tampering_with_signed_fields_fails() {
        let vs = vectors();
        let verifier = test_verifier(&vs);
        let with_subject = vector(&vs, "Notification, SignatureVersion 1");
        let no_subject = vector(
            &vs,
            "Notification, SignatureVersion 2 (SHA256withRSA), no Subject",
        );
        let sub_conf = vector(&vs, "SubscriptionConfirmation");
        for m in [&with_subject, &no_subject, &sub_conf] {
            verifier.verify(m).await.unwrap();
        }

        type Tamper = fn(&mut SnsMessage);
        let tampers: Vec<(&str, &SnsMessage, Tamper)> = vec![
            ("message", &with_subject, |m| m.message.push(' ')),
            ("message (v2)", &no_subject, |m| {
                m.message = m.message.replace("recipient@", "attacker@")
            }),
            ("subject changed", &with_subject, |m| {
                m.subject = Some("other".into())
            }),
            ("subject removed", &with_subject, |m| m.subject = None),
            ("subject added", &no_subject, |m| {
                m.subject = Some("added".into())
            }),
            ("timestamp", &with_subject, |m| {
                m.timestamp = "2026-01-02T03:04:06.001Z".into()
            }),
            ("timestamp (v2)", &no_subject, |m| {
                m.timestamp = "2030-01-01T00:00:00.000Z".into()
            }),
            ("message id", &no_subject, |m| {
                m.message_id.replace_range(0..1, "0")
            }),
            ("topic", &no_subject, |m| {
                m.topic_arn = OTHER_ALLOWED_TOPIC.into()
            }),
            ("type notification->subconf", &no_subject, |m| {
                m.message_type = SnsMessageType::SubscriptionConfirmation
            }),
            ("type subconf->unsubconf", &sub_conf, |m| {
                m.message_type = SnsMessageType::UnsubscribeConfirmation
            }),
            ("token", &sub_conf, |m| m.token = Some("0".into())),
            ("subscribe url", &sub_conf, |m| {
                m.subscribe_url = Some("https://sns.us-east-1.amazonaws.com/?x".into())
            }),
            ("signature version 2->1", &no_subject, |m| {
                m.signature_version = "1".into()
            }),
            ("signature version 1->2", &with_subject, |m| {
                m.signature_version = "2".into()
            }),
            ("signature bytes", &no_subject, |m| {
                let mut sig = BASE64.decode(&m.signature).unwrap();
                sig[10] ^= 1;
                m.signature = BASE64.encode(sig);
            }),
            ("signature truncated", &no_subject, |m| {
                let sig = BASE64.decode(&m.signature).unwrap();
                m.signature = BASE64.encode(&sig[..sig.len() - 1]);
            }),
        ];
        for (name, original, tamper) in tampers {
            let mut m = original.clone();
            tamper(&mut m);
            let result = verifier.verify(&m).await;
            assert!(
                matches!(result, Err(SnsError::BadSignature)),
                "{name}: {result:?}"
            );
        }
    }

    #[tokio::test]
    async fn unsigned_fields_do_not_affect_the_signature() {
        let vs = vectors();
        let verifier = test_verifier(&vs);
        let mut m = vector(&vs, "Notification, SignatureVersion 1");
        m.unsubscribe_url = Some("https://example.com/".into());
        verifier.verify(&m).await.unwrap();
        m.unsubscribe_url = None;
        verifier.verify(&m).await.unwrap();
    }

    #[tokio::test]
    async fn test_trust_rejects_urls_it_was_not_given() {
        let vs = vectors();
        let verifier = test_verifier(&vs);
        let mut m = vector(&vs, "Notification, SignatureVersion 1");
        for url in [
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-11111111111111111111111111111111.pem",
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-00000000000000000000000000000000.pem?x",
            "https://SNS.us-east-1.amazonaws.com/SimpleNotificationService-00000000000000000000000000000000.pem",
        ] {
            m.signing_cert_url = url.into();
            let result = verifier.verify(&m).await;
            assert!(
                matches!(result, Err(SnsError::UntrustedCertUrl(_))),
                "{url}: {result:?}"
            );
        }
    }

    #[tokio::test]
    async fn bad_envelope_values_are_rejected() {
        let vs = vectors();
        let verifier = test_verifier(&vs);
        let good = vector(&vs, "Notification, SignatureVersion 1");

        let mut m = good.clone();
        m.topic_arn = "arn:aws:sns:us-east-1:999999999999:ses-events".into();
        assert!(matches!(
            verifier.verify(&m).await,
            Err(SnsError::UnknownTopic(_))
        ));

        for version in ["", "3", "1 ", "01", "SHA1"] {
            let mut m = good.clone();
            m.signature_version = version.into();
            let result = verifier.verify(&m).await;
            assert!(
                matches!(result, Err(SnsError::UnsupportedSignatureVersion(ref v)) if v == version),
                "{version:?}: {result:?}"
            );
        }

        let mut m = good.clone();
        m.signature = "not base64!".into();
        assert!(matches!(
            verifier.verify(&m).await,
            Err(SnsError::Malformed(_))
        ));

        let mut m = good;
        m.signature = String::new();
        assert!(matches!(
            verifier.verify(&m).await,
            Err(SnsError::BadSignature)
        ));
    }

    #[tokio::test]
    async fn empty_topic_allow_list_rejects_everything() {
        let vs = vectors();
        let certs = HashMap::from([(vs.cert_url.clone(), vs.cert_pem.clone())]);
        let verifier = Verifier::new(
            CertTrust::InsecureTestCertificates(certs),
            vec![],
            reqwest::Client::new(),
        );
        let m = vector(&vs, "Notification, SignatureVersion 1");
        assert!(matches!(
            verifier.verify(&m).await,
            Err(SnsError::UnknownTopic(_))
        ));
    }

    #[tokio::test]
    async fn certificate_validity_period_is_enforced() {
        let vs = vectors();
        let verifier = test_verifier(&vs);
        let m = vector(&vs, "Notification, SignatureVersion 1");
        verifier.verify_at(&m, in_validity()).await.unwrap();
        // 2025-06-01: before notBefore (2026-01-01).
        let early = verifier.verify_at(&m, at(1_748_736_000)).await;
        assert!(
            matches!(&early, Err(SnsError::BadCertificate(e)) if e.contains("not yet valid")),
            "{early:?}"
        );
        // 2056-01-01: after notAfter (2055-12-25).
        let late = verifier.verify_at(&m, at(2_713_910_400)).await;
        assert!(
            matches!(&late, Err(SnsError::BadCertificate(e)) if e.contains("expired")),
            "{late:?}"
        );
    }

    #[tokio::test]
    async fn bad_certificates_are_rejected() {
        let vs = vectors();
        let m = vector(&vs, "Notification, SignatureVersion 1");
        let garbage = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        for pem in ["", "not a pem", garbage] {
            let certs = HashMap::from([(vs.cert_url.clone(), pem.to_owned())]);
            let verifier = Verifier::new(
                CertTrust::InsecureTestCertificates(certs),
                vec![TOPIC.to_owned()],
                reqwest::Client::new(),
            );
            let result = verifier.verify(&m).await;
            assert!(
                matches!(result, Err(SnsError::BadCertificate(_))),
                "{pem:?}: {result:?}"
            );
        }
    }

    #[test]
    fn certificate_parsing_never_panics_on_truncated_or_corrupted_input() {
        let pem = vectors().cert_pem;
        let good = SigningKey::from_pem(pem.as_bytes()).unwrap();
        assert!(good.rsa_public_key.len() > 256);
        let leading = format!("junk before\n{pem}\n{pem}");
        SigningKey::from_pem(leading.as_bytes()).unwrap();
        for i in 0..pem.len() {
            let _ = SigningKey::from_pem(&pem.as_bytes()[..i]);
            let mut corrupted = pem.clone().into_bytes();
            corrupted[i] = if corrupted[i] == b'A' { b'B' } else { b'A' };
            let _ = SigningKey::from_pem(&corrupted);
        }
    }

    #[test]
    fn aws_cert_url_policy() {
        let ok = [
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-00000000000000000000000000000000.pem",
            "https://sns.eu-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem",
            "https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-abc.pem",
            "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem",
            "https://sns.us-east-1.amazonaws.com:443/SimpleNotificationService-abc.pem",
        ];
        for url in ok {
            assert!(validate_signing_cert_url(url).is_ok(), "{url}");
        }
        let bad = [
            "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
            "https://sns.us-east-1.amazonaws.com.evil.com/SimpleNotificationService-abc.pem",
            "https://evil.com/sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
            "https://evil.com/https://sns.us-east-1.amazonaws.com/x.pem",
            "https://sns.us-east-1.amazonaws.com@evil.com/x.pem",
            "https://evil.com@sns.us-east-1.amazonaws.com/x.pem",
            "https://user:pw@sns.us-east-1.amazonaws.com/x.pem",
            "https://sns.us-east-1.amazonaws.com:8443/x.pem",
            "https://sns.us-east-1.amazonaws.com./x.pem",
            "https://evil.com\\@sns.us-east-1.amazonaws.com/x.pem",
            "https://sns.us-east-1.amazonaws.com/x.pem?a=b",
            "https://sns.us-east-1.amazonaws.com/x.pem#frag",
            "https://sns.us-east-1.amazonaws.com/x.pem.txt",
            "https://sns.us-east-1.amazonaws.com/",
            "https://s3.amazonaws.com/bucket/x.pem",
            "https://mybucket.s3.us-east-1.amazonaws.com/x.pem",
            "https://sns.amazonaws.com/x.pem",
            "https://sns.ab.amazonaws.com/x.pem",
            "https://sns.evil.com.amazonaws.com/x.pem",
            "https://sns.us_east_1.amazonaws.com/x.pem",
            "https://xsns.us-east-1.amazonaws.com/x.pem",
            "https://sns.us-east-1.amazonaws.co/x.pem",
            "https://sns.us-east-1.amazonaws.com.cn.evil.com/x.pem",
            "https://52.94.1.1/x.pem",
            "https://[::1]/x.pem",
            "file:///etc/ssl/x.pem",
            "sns.us-east-1.amazonaws.com/x.pem",
            "",
        ];
        for url in bad {
            let result = validate_signing_cert_url(url);
            assert!(
                matches!(result, Err(SnsError::UntrustedCertUrl(_))),
                "{url}: {result:?}"
            );
        }
    }

    #[test]
    fn subscribe_url_policy() {
        let vs = vectors();
        let sub = vector(&vs, "SubscriptionConfirmation");
        validate_subscribe_url(sub.subscribe_url.as_deref().unwrap()).unwrap();
        for url in [
            "http://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription",
            "https://169.254.169.254/latest/meta-data/",
            "https://sns.us-east-1.amazonaws.com.evil.com/?Action=ConfirmSubscription",
            "https://localhost:8080/?Action=ConfirmSubscription",
        ] {
            assert!(validate_subscribe_url(url).is_err(), "{url}");
        }
    }

    /// Aws mode must reject bad cert URLs and unknown topics before any
    /// fetch; the client cannot reach anything anyway (see `aws_verifier`),
    /// so a fetch attempt would show up as `CertFetch`, not the expected error.
    #[tokio::test]
    async fn aws_mode_rejects_before_fetching() {
        let vs = vectors();
        let verifier = aws_verifier();
        let good = vector(&vs, "Notification, SignatureVersion 1");
        for url in [
            "https://evil.com/SimpleNotificationService-00000000000000000000000000000000.pem",
            "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-00000000000000000000000000000000.pem",
            "https://sns.us-east-1.amazonaws.com.evil.com/SimpleNotificationService-00000000000000000000000000000000.pem",
            "https://evil.com/sns.us-east-1.amazonaws.com/SimpleNotificationService-00000000000000000000000000000000.pem",
            "https://sns.us-east-1.amazonaws.com@evil.com/x.pem",
            "https://sns.us-east-1.amazonaws.com:4443/x.pem",
        ] {
            let mut m = good.clone();
            m.signing_cert_url = url.into();
            let result = verifier.verify(&m).await;
            assert!(
                matches!(result, Err(SnsError::UntrustedCertUrl(_))),
                "{url}: {result:?}"
            );
        }

        let mut m = good.clone();
        m.topic_arn = "arn:aws:sns:us-east-1:999999999999:attacker".into();
        m.signing_cert_url = "https://evil.com/x.pem".into();
        assert!(matches!(
            verifier.verify(&m).await,
            Err(SnsError::UnknownTopic(_))
        ));

        let mut m = good;
        m.signature_version = "3".into();
        assert!(matches!(
            verifier.verify(&m).await,
            Err(SnsError::UnsupportedSignatureVersion(_))
        ));
        assert!(verifier.lock_cache().is_empty());
    }

    /// With the certificate already cached, Aws mode verifies the vectors
    /// (and rejects the negatives) without any I/O.
    #[tokio::test]
    async fn aws_mode_with_cached_certificate() {
        let vs = vectors();
        let verifier = aws_verifier();
        let key = SigningKey::from_pem(vs.cert_pem.as_bytes()).unwrap();
        let url = validate_signing_cert_url(&vs.cert_url).unwrap();
        verifier.cache_insert(url.as_str().to_owned(), key);
        for v in &vs.vectors {
            let result = verifier.verify_at(&vector_msg(v), in_validity()).await;
            assert_eq!(
                result.is_ok(),
                v["expect_valid"].as_bool().unwrap(),
                "{result:?}"
            );
        }
        let m = vector(&vs, "Notification, SignatureVersion 1");
        let expired = verifier.verify_at(&m, at(2_713_910_400)).await;
        assert!(
            matches!(expired, Err(SnsError::BadCertificate(_))),
            "{expired:?}"
        );
    }

    #[tokio::test]
    async fn aws_mode_fetch_failure_is_transient() {
        let vs = vectors();
        let verifier = aws_verifier(); // proxy is a closed local port
        let m = vector(&vs, "Notification, SignatureVersion 1");
        let err = verifier.verify(&m).await.unwrap_err();
        assert!(matches!(err, SnsError::CertFetch(_)), "{err:?}");
        assert!(err.is_transient());
        assert!(!SnsError::BadSignature.is_transient());
    }

    #[test]
    fn verifier_is_shareable_and_verify_future_is_send() {
        fn assert_send<T: Send>(_: &T) {}
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Verifier>();
        assert_send_sync::<SnsError>();
        let vs = vectors();
        let verifier = aws_verifier();
        let m = vector(&vs, "Notification, SignatureVersion 1");
        let fut = verifier.verify(&m);
        assert_send(&fut);
    }

    #[test]
    fn cache_is_bounded() {
        let vs = vectors();
        let verifier = aws_verifier();
        let key = SigningKey::from_pem(vs.cert_pem.as_bytes()).unwrap();
        for i in 0..MAX_CACHED_CERTS + 10 {
            verifier.cache_insert(
                format!("https://sns.us-east-1.amazonaws.com/{i}.pem"),
                key.clone(),
            );
        }
        let cache = verifier.lock_cache();
        assert_eq!(cache.len(), MAX_CACHED_CERTS);
        assert!(cache.contains_key(&format!(
            "https://sns.us-east-1.amazonaws.com/{}.pem",
            MAX_CACHED_CERTS + 9
        )));
    }

    /// One-shot HTTP server on 127.0.0.1 answering every connection with
    /// `response` (or never answering when `None`). Loopback only.
    async fn local_server(response: Option<Vec<u8>>) -> Url {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            while let Ok((mut sock, _)) = listener.accept().await {
                let mut buf = [0u8; 4096];
                let _ = sock.read(&mut buf).await;
                match &response {
                    Some(r) => {
                        let _ = sock.write_all(r).await;
                        let _ = sock.shutdown().await;
                    }
                    None => tokio::time::sleep(Duration::from_secs(30)).await,
                }
            }
        });
        Url::parse(&format!("http://{addr}/cert.pem")).unwrap()
    }

    fn http_response(status: &str, body: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .into_bytes();
        r.extend_from_slice(body);
        r
    }

    #[tokio::test]
    async fn download_is_bounded_in_size_status_and_time() {
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        let pem = vectors().cert_pem.into_bytes();

        let url = local_server(Some(http_response("200 OK", &pem))).await;
        let (final_url, body) = download(&http, &url, Duration::from_secs(5), MAX_CERT_BYTES)
            .await
            .unwrap();
        assert_eq!((final_url, &body), (url, &pem));
        SigningKey::from_pem(&body).unwrap();

        let url = local_server(Some(http_response("200 OK", &[b'A'; 100]))).await;
        let err = download(&http, &url, Duration::from_secs(5), 99)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, SnsError::CertFetch(e) if e.contains("larger")),
            "{err:?}"
        );

        // No Content-Length: the streamed body is still capped.
        let mut chunked = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".to_vec();
        chunked.extend_from_slice(&[b'A'; 100]);
        let url = local_server(Some(chunked)).await;
        let err = download(&http, &url, Duration::from_secs(5), 99)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, SnsError::CertFetch(e) if e.contains("larger")),
            "{err:?}"
        );

        let url = local_server(Some(http_response("404 Not Found", b"nope"))).await;
        let err = download(&http, &url, Duration::from_secs(5), MAX_CERT_BYTES)
            .await
            .unwrap_err();
        assert!(
            matches!(&err, SnsError::CertFetch(e) if e.contains("404")),
            "{err:?}"
        );

        let url = local_server(None).await;
        let started = Instant::now();
        let err = download(&http, &url, Duration::from_millis(300), MAX_CERT_BYTES)
            .await
            .unwrap_err();
        assert!(matches!(err, SnsError::CertFetch(_)), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn parses_aws_doc_envelopes() {
        let cases = [
            ("sns-notification.json", SnsMessageType::Notification),
            (
                "sns-subscription-confirmation.json",
                SnsMessageType::SubscriptionConfirmation,
            ),
            (
                "sns-unsubscribe-confirmation.json",
                SnsMessageType::UnsubscribeConfirmation,
            ),
        ];
        for (file, t) in cases {
            let m = parse(fixture(file).as_bytes()).unwrap();
            assert_eq!(m.message_type, t, "{file}");
            assert_eq!(m.topic_arn, "arn:aws:sns:us-west-2:123456789012:MyTopic");
            assert_eq!(m.signature_version, "1");
        }
        let n = parse(fixture("sns-notification.json").as_bytes()).unwrap();
        assert_eq!(n.subject.as_deref(), Some("My First Message"));
        assert_eq!(n.message, "Hello world!");
        assert!(n.unsubscribe_url.is_some() && n.token.is_none());
        assert_eq!(
            string_to_sign(&n),
            "Message\nHello world!\nMessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\n\
             Subject\nMy First Message\nTimestamp\n2012-05-02T00:54:06.655Z\n\
             TopicArn\narn:aws:sns:us-west-2:123456789012:MyTopic\nType\nNotification\n"
        );
        let s = parse(fixture("sns-subscription-confirmation.json").as_bytes()).unwrap();
        assert!(
            s.message.contains(".\nTo confirm"),
            "JSON \\n must be unescaped"
        );
        assert_eq!(s.token.as_deref(), Some("2336412f37..."));
    }

    #[tokio::test]
    async fn aws_doc_envelopes_have_placeholder_signatures() {
        let vs = vectors();
        let verifier = Verifier::new(
            CertTrust::InsecureTestCertificates(HashMap::from([(
                "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-f3ecfb7224c7233fe7bb5f59f96de52f.pem".to_owned(),
                vs.cert_pem.clone(),
            )])),
            vec!["arn:aws:sns:us-west-2:123456789012:MyTopic".to_owned()],
            reqwest::Client::new(),
        );
        let m = parse(fixture("sns-subscription-confirmation.json").as_bytes()).unwrap();
        assert!(matches!(
            verifier.verify(&m).await,
            Err(SnsError::BadSignature)
        ));
    }

    #[test]
    fn parse_errors_are_clear() {
        let vs = vectors();
        let envelope = |i: usize| vs.vectors[i]["envelope"].as_object().unwrap().clone();
        let err_of = |obj: serde_json::Map<String, Value>| match parse(
            Value::Object(obj).to_string().as_bytes(),
        ) {
            Err(SnsError::Malformed(e)) => e,
            other => panic!("expected Malformed, got {other:?}"),
        };
        for field in [
            "Type",
            "MessageId",
            "TopicArn",
            "Message",
            "Timestamp",
            "SignatureVersion",
            "Signature",
            "SigningCertURL",
        ] {
            let mut obj = envelope(0);
            obj.remove(field);
            assert_eq!(err_of(obj), format!("missing field `{field}`"));
        }
        for field in ["SubscribeURL", "Token"] {
            let mut obj = envelope(3);
            obj.remove(field);
            assert_eq!(err_of(obj), format!("missing field `{field}`"));
        }
        let mut obj = envelope(0);
        obj.insert("SignatureVersion".into(), Value::from(2));
        assert_eq!(err_of(obj), "field `SignatureVersion` must be a string");
        let mut obj = envelope(0);
        obj.insert("Type".into(), Value::from("Bogus"));
        assert_eq!(err_of(obj), "unknown Type \"Bogus\"");

        for body in [&b""[..], b"not json", b"[1,2]", b"\"str\"", b"{\"Type\":"] {
            assert!(
                matches!(parse(body), Err(SnsError::Malformed(_))),
                "{body:?}"
            );
        }
    }

    #[test]
    fn null_subject_is_absent_and_unknown_fields_ignored() {
        let vs = vectors();
        let mut obj = vs.vectors[0]["envelope"].as_object().unwrap().clone();
        obj.insert("Subject".into(), Value::Null);
        obj.insert(
            "MessageAttributes".into(),
            serde_json::json!({"a": {"Type": "String"}}),
        );
        let m = parse(Value::Object(obj).to_string().as_bytes()).unwrap();
        assert_eq!(m.subject, None);
        assert_eq!(
            string_to_sign(&m),
            vs.vectors[0]["string_to_sign"].as_str().unwrap()
        );
    }

    #[test]
    fn string_to_sign_skips_absent_fields_and_ends_with_newline() {
        let vs = vectors();
        let mut m = vector(&vs, "SubscriptionConfirmation");
        m.token = None;
        m.subscribe_url = None;
        let s = string_to_sign(&m);
        assert!(!s.contains("Token\n") && !s.contains("SubscribeURL\n"));
        assert!(s.ends_with("Type\nSubscriptionConfirmation\n"));
    }
}
