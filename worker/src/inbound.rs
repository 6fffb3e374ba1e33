//! The inbound consumer (`<prefix>.inbound`): a batch of received text
//! messages → the owning service of each destination number (one query) →
//! `received_texts` rows in one transaction (a text already stored, by its
//! provider id, is skipped) → the service's `inbound_sms` callback queued
//! for each new text (Notify's payload, through the callback worker) → ack.
//!
//! A text to a number no service owns is dropped and counted
//! (`herald_received_texts_total{outcome="unknown_number"}`), as Notify
//! drops it. Callbacks are queued at least once: a batch redelivered after
//! its commit (the worker died, or the queueing failed, before the ack)
//! queues again the callbacks of the texts its earlier try stored. A second
//! copy of a text from SNS (a new message, the same provider id) is skipped.

use std::collections::{HashMap, HashSet};

use herald_domain::db::PgPool;
use herald_domain::format::timestamp;
use herald_domain::messages::{CallbackMessage, InboundSmsMessage};
use herald_domain::metrics::Metrics;
use herald_domain::models::{InboundNumber, ReceivedText, ServiceCallback};
use herald_probes::Health;
use lapin::message::Delivery;
use serde_json::json;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::consumer::{BatchHandler, Outbox, Rejected, commit_until_done, decode};

pub const LOOP_NAME: &str = "inbound";
pub const CONSUMER_CHECK: &str = "inbound-consumer";
const INBOUND_SMS: &str = "inbound_sms";

pub struct Inbound {
    pool: PgPool,
    metrics: Metrics,
    health: Health,
}

impl Inbound {
    pub fn new(pool: PgPool, metrics: Metrics, health: Health) -> Self {
        Inbound {
            pool,
            metrics,
            health,
        }
    }
}

/// What one committed batch produced.
struct Stored {
    /// Texts stored by this try.
    new: usize,
    unknown: usize,
    /// Texts whose callback is (again) due: the new ones, and those a
    /// redelivered message's earlier try stored.
    due: Vec<ReceivedText>,
    /// The services among them with an inbound-SMS callback.
    with_callback: HashSet<Uuid>,
}

/// Maps numbers to services, inserts the texts and reads the callback
/// configs of the services whose texts are due one, in one transaction.
/// `redelivered` are the ids of the messages the broker delivered again.
fn store(
    pool: &PgPool,
    messages: &[InboundSmsMessage],
    redelivered: &[Uuid],
) -> anyhow::Result<Stored> {
    let mut conn = pool.get()?;
    let mut numbers: Vec<String> = messages.iter().map(|m| m.notify_number.clone()).collect();
    numbers.sort_unstable();
    numbers.dedup();
    herald_domain::db::transaction::<_, anyhow::Error, _>(&mut conn, |conn| {
        let owners: HashMap<String, Uuid> = InboundNumber::owners(conn, &numbers)?
            .into_iter()
            .map(|n| (n.number, n.service_id))
            .collect();
        let texts: Vec<ReceivedText> = messages
            .iter()
            .filter_map(|m| {
                owners
                    .get(&m.notify_number)
                    .map(|service_id| ReceivedText::new(m, *service_id))
            })
            .collect();
        let unknown = messages.len() - texts.len();
        let mut due = ReceivedText::insert_batch(conn, &texts)?;
        let new = due.len();
        let stored_now: HashSet<Uuid> = due.iter().map(|t| t.id).collect();
        let earlier: Vec<Uuid> = redelivered
            .iter()
            .filter(|id| !stored_now.contains(id))
            .copied()
            .collect();
        if !earlier.is_empty() {
            due.extend(ReceivedText::stored_among(conn, &earlier)?);
        }
        let mut services: Vec<Uuid> = due.iter().map(|t| t.service_id).collect();
        services.sort_unstable();
        services.dedup();
        let with_callback = if services.is_empty() {
            HashSet::new()
        } else {
            ServiceCallback::for_services(conn, &services, INBOUND_SMS)?
                .into_iter()
                .map(|callback| callback.service_id)
                .collect()
        };
        Ok(Stored {
            new,
            unknown,
            due,
            with_callback,
        })
    })
}

/// Notify's inbound SMS callback payload.
fn callback_payload(text: &ReceivedText) -> serde_json::Value {
    json!({
        "id": text.id,
        "source_number": text.user_number,
        "destination_number": text.notify_number,
        "message": text.content,
        "date_received": timestamp(&text.created_at),
    })
}

impl BatchHandler for Inbound {
    async fn handle(
        &mut self,
        batch: &[Delivery],
        outbox: &Outbox,
        stop: &CancellationToken,
    ) -> anyhow::Result<Vec<Rejected>> {
        let (messages, rejected) = decode::<InboundSmsMessage>(batch);
        let redelivered: Vec<Uuid> = messages
            .iter()
            .filter(|(index, _)| batch[*index].redelivered)
            .map(|(_, message)| message.id)
            .collect();
        let messages: Vec<InboundSmsMessage> = messages.into_iter().map(|(_, m)| m).collect();
        let total = messages.len();
        let pool = self.pool.clone();
        let stored = commit_until_done(
            move || store(&pool, &messages, &redelivered),
            LOOP_NAME,
            &self.health,
            stop,
        )
        .await?;
        let counts = [
            ("stored", stored.new),
            ("unknown_number", stored.unknown),
            ("duplicate", total - stored.new - stored.unknown),
        ];
        for (outcome, count) in counts {
            self.metrics
                .received_texts_total
                .with_label_values(&[outcome])
                .inc_by(count as u64);
        }
        let mut payloads = Vec::new();
        for text in &stored.due {
            if stored.with_callback.contains(&text.service_id) {
                payloads.push(serde_json::to_vec(&CallbackMessage {
                    service_id: text.service_id,
                    callback_type: INBOUND_SMS.to_owned(),
                    payload: callback_payload(text),
                    attempts: 0,
                })?);
            }
        }
        outbox
            .publish_to_queue(&outbox.topology.callbacks_queue(), &payloads)
            .await?;
        Ok(rejected)
    }
}
