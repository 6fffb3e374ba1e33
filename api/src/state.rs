//! What every handler can reach: [`AppState`], built once by
//! `startup.rs` and handed to the routes. Its own module so that the
//! routes depend on it and not on the code that starts the server (which
//! depends on the routes).

use std::sync::Arc;
use std::time::Duration;

use herald_domain::letters::store::PdfStore;
use herald_domain::metrics::Metrics;

use crate::cache::ServiceCache;
use crate::db::Db;
use crate::limits::Limits;
use crate::publisher::Publisher;
use crate::receipt_groups::ReceiptGroups;
use crate::sns_webhook::SnsWebhook;

/// What every handler can reach.
pub struct AppState {
    pub cache: Arc<ServiceCache>,
    pub limits: Arc<Limits>,
    pub publisher: Arc<Publisher>,
    /// Queues SES receipts, those arriving together in one message.
    pub receipts: ReceiptGroups,
    pub db: Db,
    pub metrics: Metrics,
    /// Base of the `uri` fields, ending in `/`.
    pub public_url: String,
    pub email_from_domain: String,
    pub read_your_write: chrono::TimeDelta,
    /// Verifies SNS messages on the provider webhooks.
    pub sns: SnsWebhook,
    /// Verifies SNS messages on the inbound SMS webhook (its own topics).
    pub inbound_sns: SnsWebhook,
    /// Where the letters worker stores letter PDFs.
    pub pdfs: Arc<dyn PdfStore>,
    pub http: HttpDeadlines,
    /// POST /v2/notifications/bulk's limits.
    pub bulk: BulkLimits,
}

/// Rows one bulk send may hold, notifications packed per broker message,
/// and the bulk sends one process handles at once (a body of up to 32 MB
/// and its rows in memory each; more wait their turn before their body is
/// read).
#[derive(Clone)]
pub struct BulkLimits {
    pub max_rows: usize,
    pub pack_size: usize,
    pub at_once: Arc<tokio::sync::Semaphore>,
}

/// Bulk sends one API process reads and prepares at once.
pub const BULK_SENDS_AT_ONCE: usize = 2;

/// How long a request's body, and the whole request, may take.
#[derive(Clone, Copy)]
pub struct HttpDeadlines {
    pub body_timeout: Duration,
    pub request_timeout: Duration,
}
