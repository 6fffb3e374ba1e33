//! The letters consumer (`<prefix>.deliver.letter`): a batch of accepted
//! letters → each one's PDF (rendered from the template's text, or the
//! client's precompiled PDF decoded byte for byte) → stored in one
//! transaction ([`PdfStore`]) → handed to the dispatch adapter → the status
//! events it reports are queued for the status worker → ack.
//!
//! Rendering is CPU work (tens of microseconds a letter) and runs on a
//! blocking thread, never in the API's request. Storing is idempotent (a PDF
//! already stored for a notification is kept), so a redelivered batch is
//! harmless.
//!
//! Dispatch: handing a letter to a print-and-post provider is the
//! [`Dispatch`] trait. Herald ships only [`TestKeySimulator`]: letters sent
//! with a test key become `received` (through the status queue, like every
//! status); letters sent with other keys stay `created` (shown `accepted`),
//! because no print provider is configured.

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use herald_domain::kinds::{KeyType, Status};
use herald_domain::letters::pdf::{self, Letter};
use herald_domain::letters::precompiled;
use herald_domain::letters::store::{LetterPdf, PdfStore};
use herald_domain::messages::{NotificationMessage, StatusEvent};
use herald_domain::metrics::Metrics;
use herald_probes::Health;
use lapin::message::Delivery;
use tokio_util::sync::CancellationToken;

use crate::consumer::{BatchHandler, Outbox, Rejected, commit_until_done, decode_packed};
use crate::disowned::DisownedFilter;

pub const LOOP_NAME: &str = "letters";
pub const CONSUMER_CHECK: &str = "letters-consumer";
/// Letters per batch at most (and twice that many messages prefetched),
/// whatever `HERALD_BATCH_SIZE` says: a precompiled letter's message carries
/// up to 2.7 MB of base64 PDF, so a worker holds at most about 55 MB of them.
/// (Precompiled letters always travel alone; only letters rendered from a
/// template, a few hundred bytes each, come packed by the API.)
pub const MAX_BATCH: usize = 10;

/// Hands a stored letter to whoever prints and posts it, and says what
/// happened as a status event (`None`: nothing yet).
pub trait Dispatch: Send + Sync + 'static {
    fn dispatch<'a>(
        &'a self,
        letter: &'a NotificationMessage,
    ) -> impl Future<Output = anyhow::Result<Option<StatusEvent>>> + Send + 'a;
}

/// Notify's research mode for letters: a test key's letter is "received" at
/// once; any other letter is left as it is (no print provider ships).
pub struct TestKeySimulator;

impl Dispatch for TestKeySimulator {
    async fn dispatch<'a>(
        &'a self,
        letter: &'a NotificationMessage,
    ) -> anyhow::Result<Option<StatusEvent>> {
        if letter.key_type != KeyType::Test {
            return Ok(None);
        }
        let received = StatusEvent::now(letter.id, Status::Received);
        Ok(Some(StatusEvent {
            sent_at: Some(received.at),
            provider_reference: Some(format!("simulated-{}", letter.id)),
            ..received
        }))
    }
}

pub struct Letters<D: Dispatch> {
    store: Arc<dyn PdfStore>,
    dispatch: D,
    /// Skips what the API disowned.
    disowned: DisownedFilter,
    metrics: Metrics,
    health: Health,
}

impl<D: Dispatch> Letters<D> {
    pub fn new(
        store: Arc<dyn PdfStore>,
        dispatch: D,
        disowned: DisownedFilter,
        metrics: Metrics,
        health: Health,
    ) -> Self {
        Letters {
            store,
            dispatch,
            disowned,
            metrics,
            health,
        }
    }
}

/// The PDF of one letter: the precompiled upload, or a fresh rendering.
fn pdf_of(message: &NotificationMessage, metrics: &Metrics) -> Result<LetterPdf, String> {
    let letter = message.letter.as_ref().ok_or("not a letter")?;
    let (bytes, precompiled) = match &letter.precompiled_pdf {
        Some(base64) => (
            precompiled::decode_base64(base64).ok_or("precompiled PDF is not base64")?,
            true,
        ),
        None => {
            let started = Instant::now();
            let bytes = pdf::render_letter(&Letter {
                address_lines: letter.address_lines.clone(),
                contact_block: letter.contact_block.clone().unwrap_or_default(),
                date: message.created_at.date_naive(),
                heading: message.subject.clone().unwrap_or_default(),
                body: message.body.clone(),
            });
            metrics
                .letter_render_duration_seconds
                .observe(started.elapsed().as_secs_f64());
            (bytes, false)
        }
    };
    let pages = pdf::page_count(&bytes).ok_or("the PDF has no readable page count")?;
    Ok(LetterPdf {
        notification_id: message.id,
        notification_created_at: message.created_at,
        service_id: message.service_id,
        pdf: bytes,
        pages: i32::try_from(pages).map_err(|_| "too many pages")?,
        precompiled,
    })
}

impl<D: Dispatch> BatchHandler for Letters<D> {
    async fn handle(
        &mut self,
        batch: &[Delivery],
        outbox: &Outbox,
        stop: &CancellationToken,
    ) -> anyhow::Result<Vec<Rejected>> {
        let (messages, mut rejected) = decode_packed::<NotificationMessage>(batch);
        let messages = self.disowned.retain_owned(messages).await;
        let metrics = self.metrics.clone();
        let (messages, pdfs, refused) = tokio::task::spawn_blocking(move || {
            let (mut kept, mut pdfs, mut refused) = (Vec::new(), Vec::new(), Vec::new());
            for (origin, mut message) in messages {
                match pdf_of(&message, &metrics) {
                    Ok(pdf) => {
                        // Decoded: the base64 copy (up to 2.7 MB) is not
                        // needed again while the batch commits.
                        if let Some(letter) = message.letter.as_mut() {
                            letter.precompiled_pdf = None;
                        }
                        pdfs.push(pdf);
                        kept.push(message);
                    }
                    Err(reason) => refused.push(Rejected::item(origin, &message, reason)),
                }
            }
            (kept, pdfs, refused)
        })
        .await?;
        rejected.extend(refused);

        let kinds: Vec<&'static str> = pdfs
            .iter()
            .map(|p| {
                if p.precompiled {
                    "precompiled"
                } else {
                    "rendered"
                }
            })
            .collect();
        let store = self.store.clone();
        let pdfs = Arc::new(pdfs);
        commit_until_done(
            move || store.save_batch(&pdfs),
            LOOP_NAME,
            &self.health,
            stop,
        )
        .await?;
        for kind in kinds {
            self.metrics
                .letter_pdfs_total
                .with_label_values(&[kind])
                .inc();
        }

        let mut events = Vec::new();
        for message in &messages {
            let provider = if message.key_type == KeyType::Test {
                "simulator"
            } else {
                "none"
            };
            if let Some(event) = self.dispatch.dispatch(message).await? {
                self.metrics
                    .deliveries_total
                    .with_label_values(&["letter", provider, "sent"])
                    .inc();
                events.push(event);
            }
        }
        outbox
            .publish_status_events(&outbox.topology.status_queue(), events, None)
            .await?;
        Ok(rejected)
    }
}
