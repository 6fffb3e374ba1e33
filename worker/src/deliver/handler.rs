//! The deliver batch step: send each notification (concurrently, bounded),
//! then publish the resulting status events, then the batch is acked.
//!
//! Sending happens before the ack, so a crash between a send and its ack
//! sends that notification again when the batch is redelivered: delivery is
//! at least once, as with every provider that has no idempotency key.

use std::time::Duration;

use chrono::Utc;
use futures_util::StreamExt;
use herald_domain::format;
use herald_domain::kinds::{KeyType, NotificationType, Status};
use herald_domain::messages::{NotificationMessage, StatusEvent};
use herald_domain::metrics::Metrics;
use herald_probes::Health;
use lapin::message::Delivery;
use tokio_util::sync::CancellationToken;

use super::provider::{OutgoingEmail, OutgoingSms, Pacer, ProviderError};
use super::simulator;
use crate::consumer::{BatchHandler, Outbox, Rejected, decode_packed};
use crate::disowned::DisownedFilter;
use crate::providers::Providers;

/// Notifications of one batch in flight to the provider at once.
const CONCURRENCY: usize = 16;
/// Tries of a retryable provider error before the batch is given back.
const MAX_TRIES: u32 = 6;

pub fn loop_name(kind: NotificationType) -> &'static str {
    match kind {
        NotificationType::Sms => "deliver-sms",
        _ => "deliver-email",
    }
}

pub fn consumer_check(kind: NotificationType) -> &'static str {
    match kind {
        NotificationType::Sms => "deliver-sms-consumer",
        _ => "deliver-email-consumer",
    }
}

pub struct Deliver {
    kind: NotificationType,
    providers: Providers,
    /// Skips what the API disowned.
    disowned: DisownedFilter,
    /// Paces sends to this type's provider (its per-second quota).
    pacer: Option<Pacer>,
    metrics: Metrics,
    health: Health,
}

impl Deliver {
    pub fn new(
        kind: NotificationType,
        providers: Providers,
        disowned: DisownedFilter,
        pacer: Option<Pacer>,
        metrics: Metrics,
        health: Health,
    ) -> Self {
        Deliver {
            kind,
            providers,
            disowned,
            pacer,
            metrics,
            health,
        }
    }

    /// Sends one notification and returns the status events to publish.
    async fn deliver(
        &self,
        message: NotificationMessage,
        stop: &CancellationToken,
    ) -> anyhow::Result<Delivered> {
        let now = Utc::now();
        let event =
            |status: Status, reference: Option<String>, response: Option<String>| StatusEvent {
                notification_id: message.id,
                status,
                at: Utc::now(),
                // Every event from here follows the hand-over, and may be
                // applied before the `sending` one (status batches run
                // concurrently): each carries the time it was sent (and the
                // provider's reference, when there is one).
                sent_at: Some(now),
                provider_reference: reference,
                provider_response: response,
                feedback_type: None,
                feedback_subtype: None,
                first_seen: Utc::now(),
            };
        let kind = message.notification_type.as_str();
        if message.key_type == KeyType::Test
            || simulator::is_simulated_recipient(message.notification_type, &message.recipient)
        {
            self.metrics
                .deliveries_total
                .with_label_values(&[kind, "simulator", "sent"])
                .inc();
            let reference = format!("simulated-{}", message.id);
            let outcome = simulator::outcome(message.notification_type, &message.recipient);
            let receipt = StatusEvent {
                at: Utc::now() + simulator::RECEIPT_DELAY,
                ..event(outcome, Some(reference.clone()), None)
            };
            return Ok(Delivered {
                events: vec![event(Status::Sending, Some(reference), None)],
                simulated_receipt: Some(receipt),
            });
        }
        let (provider, result) = self.send_with_retries(&message, stop).await?;
        match result {
            Ok(reference) => {
                self.metrics
                    .deliveries_total
                    .with_label_values(&[kind, provider, "sent"])
                    .inc();
                let mut events = vec![event(Status::Sending, Some(reference.clone()), None)];
                if !self.reports_receipts(message.notification_type) {
                    events.push(event(Status::Sent, Some(reference), None));
                }
                Ok(Delivered::now(events))
            }
            Err(reason) => {
                self.metrics
                    .deliveries_total
                    .with_label_values(&[kind, provider, "failed"])
                    .inc();
                tracing::warn!(notification.id = %message.id, %reason, "provider refused the notification");
                Ok(Delivered::now(vec![event(
                    Status::TechnicalFailure,
                    None,
                    Some(reason),
                )]))
            }
        }
    }

    fn reports_receipts(&self, kind: NotificationType) -> bool {
        match kind {
            NotificationType::Sms => self
                .providers
                .sms
                .as_ref()
                .is_none_or(|p| p.reports_receipts()),
            _ => true,
        }
    }

    /// Hands the notification to its provider, retrying retryable errors
    /// with backoff. `Ok(Err(reason))` is a permanent failure.
    async fn send_with_retries(
        &self,
        message: &NotificationMessage,
        stop: &CancellationToken,
    ) -> anyhow::Result<(&'static str, Result<String, String>)> {
        let mut backoff = Duration::from_millis(200);
        for attempt in 1..=MAX_TRIES {
            if let Some(pacer) = &self.pacer {
                pacer.wait().await;
            }
            let (provider, result) = match message.notification_type {
                NotificationType::Sms => match &self.providers.sms {
                    Some(p) => (p.name(), p.send(outgoing_sms(message)).await),
                    None => return Ok(("none", Err(no_provider("SMS")))),
                },
                _ => match &self.providers.email {
                    Some(p) => (p.name(), p.send(outgoing_email(message)).await),
                    None => return Ok(("none", Err(no_provider("email")))),
                },
            };
            match result {
                Ok(reference) => return Ok((provider, Ok(reference))),
                Err(ProviderError::Permanent(reason)) => return Ok((provider, Err(reason))),
                Err(ProviderError::Retryable(reason)) => {
                    self.metrics
                        .deliveries_total
                        .with_label_values(&[
                            message.notification_type.as_str(),
                            provider,
                            "retried",
                        ])
                        .inc();
                    self.health.beat(loop_name(self.kind));
                    tracing::warn!(notification.id = %message.id, %reason, attempt, ?backoff, "provider error; retrying");
                    tokio::select! {
                        () = stop.cancelled() => anyhow::bail!("shutdown while the provider is failing"),
                        () = tokio::time::sleep(backoff) => {}
                    }
                    backoff = (backoff * 2).min(Duration::from_secs(10));
                }
            }
        }
        // Still failing: give the batch back to the queue for later.
        anyhow::bail!("the provider kept failing; the batch is redelivered later")
    }
}

/// What handing one notification over produced.
struct Delivered {
    /// Status events to queue now.
    events: Vec<StatusEvent>,
    /// The simulator's receipt, to arrive [`simulator::RECEIPT_DELAY`] later.
    simulated_receipt: Option<StatusEvent>,
}

impl Delivered {
    fn now(events: Vec<StatusEvent>) -> Delivered {
        Delivered {
            events,
            simulated_receipt: None,
        }
    }
}

fn no_provider(what: &str) -> String {
    format!("No {what} provider is configured for this Herald deployment")
}

fn outgoing_email(message: &NotificationMessage) -> OutgoingEmail {
    OutgoingEmail {
        notification_id: message.id,
        from: message.from_email.clone().unwrap_or_default(),
        to: message.recipient.clone(),
        reply_to: message.reply_to.clone(),
        subject: message.subject.clone().unwrap_or_default(),
        text: message.body.clone(),
        html: format::email_html(&message.body),
        unsubscribe_url: message.one_click_unsubscribe_url.clone(),
    }
}

fn outgoing_sms(message: &NotificationMessage) -> OutgoingSms {
    OutgoingSms {
        notification_id: message.id,
        to: message.recipient.clone(),
        sender: message.reply_to.clone(),
        body: message.body.clone(),
    }
}

impl BatchHandler for Deliver {
    async fn handle(
        &mut self,
        batch: &[Delivery],
        outbox: &Outbox,
        stop: &CancellationToken,
    ) -> anyhow::Result<Vec<Rejected>> {
        let (messages, rejected) = decode_packed::<NotificationMessage>(batch);
        let messages = self.disowned.retain_owned(messages).await;
        let this = &*self;
        let results: Vec<anyhow::Result<Delivered>> = futures_util::stream::iter(messages)
            .map(|(_, message)| this.deliver(message, stop))
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;
        let (mut events, mut receipts) = (Vec::with_capacity(2 * results.len()), Vec::new());
        for result in results {
            let delivered = result?;
            events.extend(delivered.events);
            receipts.extend(delivered.simulated_receipt);
        }
        let status_queue = outbox.topology.status_queue();
        outbox
            .publish_status_events(&status_queue, events, None)
            .await?;
        // Their delay queue holds each message for its TTL, then
        // dead-letters it into the status queue.
        outbox
            .publish_status_events(
                &outbox.topology.simulated_receipts_queue(),
                receipts,
                Some(simulator::RECEIPT_DELAY),
            )
            .await?;
        Ok(rejected)
    }
}
