//! The API's link to RabbitMQ: confirm-mode channels for publishing
//! notifications, and the change-event consumer that keeps the cache fresh.
//!
//! A supervisor task owns the connection: it connects, declares the
//! topology, hands out channels, and when the connection dies it withdraws
//! them (publishes then answer 503 at once instead of hanging), marks the
//! broker check unready and reconnects with backoff. After a reconnect it
//! reloads the whole cache, since change events may have been missed.
//!
//! A 503 means not stored. A publish that failed after its message was sent
//! (connection lost, confirm timed out, nacked) may still be held by the
//! broker, so before answering, the API disowns the notifications in
//! PostgreSQL ([`disowned`]): they are then never stored or sent, and a copy
//! the persist worker already stored is withdrawn.
//!
//! Readiness follows the publishes too: while they keep failing (a cluster
//! that lost its majority, a memory alarm) the publish check fails, and
//! after its grace the pod is unready; a canary message then tries the
//! broker every second and the first confirm makes the pod ready again.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock, Weak};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use herald_domain::broker::{self, PublishError, Topology};
use herald_domain::messages::{
    ChangeEvent, DocumentMessage, InboundSmsMessage, NotificationMessage, StatusEvent,
    StatusMessage,
};
use herald_domain::metrics::Metrics;
use herald_domain::models::disowned;
use herald_probes::Health;
use lapin::options::{BasicAckOptions, BasicConsumeOptions, QueueBindOptions, QueueDeclareOptions};
use lapin::types::FieldTable;
use lapin::{Channel, Connection};
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::cache::ServiceCache;
use crate::db::Db;
use crate::error::ApiError;
use crate::group_commit::{GroupCommit, Limits};

mod bulk;
pub use bulk::{BulkPack, BulkPublished};

/// Confirm channels shared round-robin by all requests: many in-flight
/// publishes per channel are what make confirms cheap (the broker confirms
/// them together).
const PUBLISH_CHANNELS: usize = 4;
pub const BROKER_CHECK: &str = "broker";
/// Readiness check: the last publish was confirmed (or none failed since).
pub const PUBLISH_CHECK: &str = "broker-publish";
/// A connection's close waits this long for the broker at most.
const CLOSE_WITHIN: Duration = Duration::from_secs(5);
/// How often a pod whose publishes fail tries the broker with a canary.
const CANARY_EVERY: Duration = Duration::from_secs(1);
const LOOP: &str = "broker-link";

/// Packed publishes awaiting their confirm below which a group of accepted
/// notifications leaves at once (see [`crate::group_commit`]): one, so that
/// while a pack is being confirmed the next one fills.
const NOTIFICATION_PUBLISHES_IN_FLIGHT: usize = 1;

pub struct Publisher {
    channels: RwLock<Vec<Channel>>,
    next: AtomicUsize,
    /// The broker has blocked this connection (a memory or disk alarm):
    /// publishes answer 503 at once rather than wait for a confirm.
    blocked: AtomicBool,
    /// A publish has failed since the last confirmed one.
    failing: AtomicBool,
    topology: Topology,
    timeout: Duration,
    metrics: Metrics,
    health: Health,
    /// Where notifications whose publish had an unknown outcome are disowned.
    db: Db,
    /// Accepted notifications, packed by routing key: one message per group.
    notifications: GroupCommit<String, Encoded>,
}

/// One accepted notification, as JSON, with its id.
pub struct Encoded {
    id: Uuid,
    json: Vec<u8>,
}

/// Publisher settings.
pub struct PublisherSettings {
    pub topology: Topology,
    /// Confirm wait at most; then the publish fails (503).
    pub timeout: Duration,
    /// Notifications packed in one message at most.
    pub group_size: usize,
    /// A group's wait for a free publish slot at most.
    pub group_wait: Duration,
}

impl Publisher {
    /// A publisher whose accepted notifications travel in groups of at most
    /// `group_size`, each waiting at most `group_wait` for a free publish
    /// slot. Starts the grouping task on the current runtime.
    pub fn start(
        settings: PublisherSettings,
        metrics: Metrics,
        health: Health,
        db: Db,
    ) -> Arc<Publisher> {
        let limits = Limits {
            size: settings.group_size,
            max_wait: settings.group_wait,
            in_flight: NOTIFICATION_PUBLISHES_IN_FLIGHT,
        };
        health.set_ready(PUBLISH_CHECK, true, "no publish failed");
        Arc::new_cyclic(|this: &Weak<Publisher>| {
            let this = this.clone();
            let notifications = GroupCommit::start(
                limits,
                Arc::new(move |routing_key: String, encoded: Vec<Encoded>| {
                    let this = this.clone();
                    Box::pin(async move {
                        match this.upgrade() {
                            Some(publisher) => publisher.publish_pack(&routing_key, encoded).await,
                            None => Err(ApiError::Unavailable("The API is shutting down".into())),
                        }
                    })
                }),
            );
            Publisher {
                channels: RwLock::new(Vec::new()),
                next: AtomicUsize::new(0),
                blocked: AtomicBool::new(false),
                failing: AtomicBool::new(false),
                topology: settings.topology,
                timeout: settings.timeout,
                metrics,
                health,
                db,
                notifications,
            }
        })
    }

    fn channel(&self) -> Option<Channel> {
        let channels = self
            .channels
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if channels.is_empty() {
            return None;
        }
        let index = self.next.fetch_add(1, Ordering::Relaxed) % channels.len();
        channels.get(index).cloned()
    }

    /// Hands out `channels` from now on; returns the ones handed out before.
    fn set_channels(&self, channels: Vec<Channel>) -> Vec<Channel> {
        std::mem::replace(
            &mut *self
                .channels
                .write()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
            channels,
        )
    }

    /// Publishes a notification durably: returns once the broker has
    /// confirmed the message holding it (it is in a quorum queue), or fails
    /// within the timeout. Notifications accepted together travel packed in
    /// one message (a group commit); a precompiled letter travels alone.
    pub async fn publish(&self, message: &NotificationMessage) -> Result<(), ApiError> {
        let precompiled = message
            .letter
            .as_ref()
            .is_some_and(|l| l.precompiled_pdf.is_some());
        let published = if precompiled {
            self.publish_precompiled_letter(message).await
        } else {
            let encoded = Encoded {
                id: message.id,
                json: serde_json::to_vec(message).map_err(anyhow::Error::from)?,
            };
            self.notifications
                .publish(message.routing_key(), encoded)
                .await
        };
        published.inspect_err(
            |_| tracing::warn!(notification.id = %message.id, "notification not published"),
        )
    }

    /// A precompiled letter's PDF (up to 2.7 MB of base64) goes to the
    /// letters queue only: the whole message straight to
    /// `<p>.deliver.letter`, and the message without its PDF to the exchange
    /// under [`broker::PRECOMPILED_LETTER_ROUTING_KEY`], which only the
    /// persist queue matches. Both confirmed (concurrently) before the 201.
    async fn publish_precompiled_letter(
        &self,
        message: &NotificationMessage,
    ) -> Result<(), ApiError> {
        let mut without_pdf = message.clone();
        if let Some(letter) = without_pdf.letter.as_mut() {
            letter.precompiled_pdf = None;
        }
        let letters_queue = self.topology.deliver_queue(message.notification_type);
        let exchange = self.topology.notifications_exchange();
        let (whole, without_pdf) = (
            serde_json::to_vec(message).map_err(anyhow::Error::from)?,
            serde_json::to_vec(&without_pdf).map_err(anyhow::Error::from)?,
        );
        let (to_letters, to_persist) = tokio::join!(
            self.confirm("", &letters_queue, &whole),
            self.confirm(
                &exchange,
                broker::PRECOMPILED_LETTER_ROUTING_KEY,
                &without_pdf
            ),
        );
        // Either half may be in the broker when the other failed: the
        // notification is settled as a whole.
        let outcome = match (to_letters, to_persist) {
            (Ok(()), Ok(())) => Ok(()),
            (Err(failure), Ok(())) | (Ok(()), Err(failure)) => Err(Failure {
                may_have_landed: true,
                ..failure
            }),
            (Err(first), Err(second)) => Err(Failure {
                may_have_landed: first.may_have_landed || second.may_have_landed,
                ..first
            }),
        };
        self.settle(&[message.id], outcome).await
    }

    /// Publishes one group of accepted notifications (each already JSON) as
    /// one message: the notification itself for a group of one, else a
    /// JSON array of them with [`broker::NOTIFICATIONS_HEADER`].
    async fn publish_pack(&self, routing_key: &str, encoded: Vec<Encoded>) -> Result<(), ApiError> {
        let count = encoded.len();
        self.metrics.publish_group_size.observe(count as f64);
        let ids: Vec<Uuid> = encoded.iter().map(|e| e.id).collect();
        let payload = match <[Encoded; 1]>::try_from(encoded) {
            Ok([single]) => single.json,
            Err(encoded) => herald_domain::messages::pack(
                &encoded.into_iter().map(|e| e.json).collect::<Vec<_>>(),
            ),
        };
        let exchange = self.topology.notifications_exchange();
        let (exchange, payload) = (exchange.as_str(), payload.as_slice());
        let outcome = self
            .confirmed_outcome(routing_key, |channel| async move {
                broker::publish_notifications(&channel, exchange, routing_key, payload, count).await
            })
            .await;
        self.settle(&ids, outcome).await
    }

    /// Turns a notification message's publish outcome into the answer. A
    /// failure after which the broker may hold the message is settled in
    /// PostgreSQL before the 503: the notifications are disowned (never
    /// stored or sent; withdrawn if already stored).
    async fn settle(&self, ids: &[Uuid], outcome: Result<(), Failure>) -> Result<(), ApiError> {
        let failure = match outcome {
            Ok(()) => return Ok(()),
            Err(failure) => failure,
        };
        if !failure.may_have_landed {
            return Err(failure.answer);
        }
        let ids = ids.to_vec();
        let decided = self.db.run(move |conn| disowned::disown(conn, &ids)).await;
        let outcome = match &decided {
            Ok(0) => "disowned",
            Ok(_) => "withdrawn",
            Err(_) => "unknown",
        };
        self.metrics
            .publish_uncertain_total
            .with_label_values(&[outcome])
            .inc();
        match decided {
            Ok(withdrawn) => {
                if withdrawn > 0 {
                    tracing::warn!(
                        withdrawn,
                        "an unconfirmed message had been stored: withdrawn before the 503"
                    );
                }
                Err(failure.answer)
            }
            Err(error) => {
                // Neither the broker nor the database could settle it: the
                // one case where a 503'd notification may still be stored
                // (docs/reliability.md).
                tracing::error!(%error, "a publish's outcome is unknown and could not be disowned");
                Err(failure.answer)
            }
        }
    }

    /// Queues a provider's status event (or complaint) for the status
    /// worker, durably: the webhook answers only once it is confirmed.
    pub async fn publish_status(&self, message: &StatusMessage) -> Result<(), ApiError> {
        self.publish_to_queue(&self.topology.status_queue(), message)
            .await
    }

    /// Queues a received text message for the inbound worker, durably.
    pub async fn publish_inbound(&self, message: &InboundSmsMessage) -> Result<(), ApiError> {
        self.publish_to_queue(&self.topology.inbound_queue(), message)
            .await
    }

    async fn publish_to_queue(
        &self,
        queue: &str,
        message: &impl serde::Serialize,
    ) -> Result<(), ApiError> {
        let payload = serde_json::to_vec(message).map_err(anyhow::Error::from)?;
        // The default exchange routes by queue name.
        self.publish_confirmed("", queue, &payload).await
    }

    /// Queues files for the document store, confirmed together, before the
    /// email that links to them is published.
    pub async fn publish_documents(&self, documents: &[DocumentMessage]) -> Result<(), ApiError> {
        if documents.is_empty() {
            return Ok(());
        }
        let payloads = documents
            .iter()
            .map(serde_json::to_vec)
            .collect::<Result<Vec<_>, _>>()
            .map_err(anyhow::Error::from)?;
        let queue = self.topology.documents_queue();
        let queue = queue.as_str();
        let payloads = &payloads;
        self.confirmed(queue, |channel| async move {
            broker::publish_many_confirmed(&channel, "", queue, payloads, None).await
        })
        .await
    }

    /// Queues status events together, packed as the batch steps pack them
    /// ([`broker::publish_status_events`]), confirmed.
    pub async fn publish_status_events(&self, events: Vec<StatusEvent>) -> Result<(), ApiError> {
        let queue = self.topology.status_queue();
        let queue = queue.as_str();
        self.confirmed(queue, |channel| async move {
            broker::publish_status_events(&channel, queue, events, None).await
        })
        .await
    }

    async fn publish_confirmed(
        &self,
        exchange: &str,
        routing_key: &str,
        payload: &[u8],
    ) -> Result<(), ApiError> {
        self.confirm(exchange, routing_key, payload)
            .await
            .map_err(|failure| failure.answer)
    }

    async fn confirm(
        &self,
        exchange: &str,
        routing_key: &str,
        payload: &[u8],
    ) -> Result<(), Failure> {
        self.confirmed_outcome(routing_key, |channel| async move {
            broker::publish_confirmed(&channel, exchange, routing_key, payload, None).await
        })
        .await
    }

    /// Runs `publish` on one of the confirm channels within the publish
    /// timeout; a failure is counted and becomes a 503.
    async fn confirmed<F, Fut>(&self, routing_key: &str, publish: F) -> Result<(), ApiError>
    where
        F: FnOnce(Channel) -> Fut,
        Fut: std::future::Future<Output = Result<(), PublishError>>,
    {
        self.confirmed_outcome(routing_key, publish)
            .await
            .map_err(|failure| failure.answer)
    }

    /// Runs `publish` on one of the confirm channels within the publish
    /// timeout. A failure is counted and recorded for readiness, and says
    /// whether the broker may hold the message anyway.
    async fn confirmed_outcome<F, Fut>(&self, routing_key: &str, publish: F) -> Result<(), Failure>
    where
        F: FnOnce(Channel) -> Fut,
        Fut: std::future::Future<Output = Result<(), PublishError>>,
    {
        let refused = |reason: &'static str, message: &str| {
            self.metrics
                .publish_failures_total
                .with_label_values(&[reason])
                .inc();
            Failure {
                may_have_landed: false,
                answer: ApiError::Unavailable(message.into()),
            }
        };
        if self.blocked.load(Ordering::Relaxed) {
            return Err(refused(
                "blocked",
                "The message broker is not accepting messages (resource alarm); try again shortly",
            ));
        }
        let channel = self.channel().ok_or_else(|| {
            refused(
                "disconnected",
                "The message broker is unavailable; try again shortly",
            )
        })?;
        let started = Instant::now();
        let outcome = tokio::time::timeout(self.timeout, publish(channel))
            .await
            .unwrap_or(Err(PublishError::TimedOut));
        self.metrics
            .publish_confirm_duration_seconds
            .observe(started.elapsed().as_secs_f64());
        self.record(&outcome);
        outcome.map_err(|error| {
            let reason = match &error {
                PublishError::Broker(_) => "broker_error",
                PublishError::Nacked => "nacked",
                PublishError::Unroutable(_) => "unroutable",
                PublishError::TimedOut => "timeout",
                PublishError::Encode(_) => "encode",
            };
            self.metrics
                .publish_failures_total
                .with_label_values(&[reason])
                .inc();
            tracing::warn!(%error, routing_key, "publish not confirmed");
            Failure {
                may_have_landed: error.may_have_landed(),
                answer: ApiError::Unavailable(
                    "The message broker did not accept the message; try again shortly".into(),
                ),
            }
        })
    }

    /// Publishes that time out or are nacked make the publish check fail
    /// (unready after its grace); a confirmed one makes it pass.
    fn record(&self, outcome: &Result<(), PublishError>) {
        match outcome {
            Ok(()) => {
                if self.failing.swap(false, Ordering::Relaxed) {
                    self.health
                        .set_ready(PUBLISH_CHECK, true, "publishes are confirmed again");
                }
            }
            Err(error @ (PublishError::TimedOut | PublishError::Nacked)) => {
                self.failing.store(true, Ordering::Relaxed);
                self.health.set_ready(
                    PUBLISH_CHECK,
                    false,
                    format!("publishes are not confirmed: {error}"),
                );
            }
            Err(_) => {}
        }
    }

    /// While publishes fail, tries the broker with a canary message (to a
    /// quorum queue of its own, holding one message) every second, so that
    /// a pod taken out of the load balancer notices when the broker takes
    /// messages again.
    async fn canary(&self, stop: &CancellationToken) {
        let queue = self.topology.canary_queue();
        loop {
            tokio::select! {
                () = stop.cancelled() => return,
                () = tokio::time::sleep(CANARY_EVERY) => {}
            }
            if self.failing.load(Ordering::Relaxed) && !self.blocked.load(Ordering::Relaxed) {
                let _ = self.confirm("", &queue, b"{}").await;
            }
        }
    }
}

/// A publish that was not confirmed.
struct Failure {
    /// The broker may hold the message (see [`PublishError::may_have_landed`]).
    may_have_landed: bool,
    /// The request's 503.
    answer: ApiError,
}

/// Keeps the broker link up until `stop` is cancelled.
pub async fn supervise(
    url: String,
    publisher: Arc<Publisher>,
    cache: Arc<ServiceCache>,
    health: Health,
    stop: CancellationToken,
) {
    let mut backoff = Duration::from_millis(100);
    health.set_ready(BROKER_CHECK, false, "connecting");
    health.register_loop(LOOP, Duration::from_secs(30));
    let canary = tokio::spawn({
        let (publisher, stop) = (publisher.clone(), stop.clone());
        async move { publisher.canary(&stop).await }
    });
    loop {
        health.beat(LOOP);
        let attempt = async {
            let name = format!("herald-api {}", publisher.topology.prefix());
            let connection = broker::connect(&url, &name).await?;
            publisher.topology.declare(&connection).await?;
            let mut channels = Vec::with_capacity(PUBLISH_CHANNELS);
            for _ in 0..PUBLISH_CHANNELS {
                channels.push(broker::confirm_channel(&connection).await?);
            }
            let (changes_channel, changes) =
                subscribe_to_changes(&connection, &publisher.topology).await?;
            Ok::<_, lapin::Error>((connection, channels, changes_channel, changes))
        };
        let linked = tokio::select! {
            () = stop.cancelled() => break,
            linked = attempt => linked,
        };
        match linked {
            Ok((connection, channels, changes_channel, mut changes)) => {
                backoff = Duration::from_millis(100);
                publisher.set_channels(channels);
                publisher.metrics.broker_connected.set(1);
                health.set_ready(BROKER_CHECK, true, "connected");
                tracing::info!("connected to the broker");
                // Events may have been missed while disconnected.
                match cache.reload_all().await {
                    Ok(_) => cache.report(&health),
                    Err(error) => tracing::warn!(%error, "cache reload after reconnect failed"),
                }
                let closed = tokio::select! {
                    () = stop.cancelled() => false,
                    () = watch(&connection, &mut changes, &publisher, &cache, &health) => true,
                };
                let publish_channels = publisher.set_channels(Vec::new());
                publisher.blocked.store(false, Ordering::Relaxed);
                publisher.metrics.broker_connected.set(0);
                // Closed whether stopping or lost (a connection whose change
                // consumer ended may still be up; dropped, lapin would keep
                // it open). Every channel closed before the connection: a
                // channel merely dropped is closed by lapin in the
                // background, and when that lands after the connection's
                // close it logs a connection error. Bounded: a broker that
                // stopped answering does not hold the reconnect.
                let close = async {
                    for channel in publish_channels.iter().chain([&changes_channel]) {
                        if channel.status().connected() {
                            let _ = channel.close(200, "closing".into()).await;
                        }
                    }
                    let _ = connection.close(200, "closing".into()).await;
                };
                let _ = tokio::time::timeout(CLOSE_WITHIN, close).await;
                if !closed {
                    break;
                }
                health.set_ready(BROKER_CHECK, false, "connection lost; reconnecting");
                tracing::warn!("broker connection lost; reconnecting");
            }
            Err(error) => {
                health.set_ready(BROKER_CHECK, false, format!("cannot connect: {error}"));
                tracing::warn!(%error, ?backoff, "cannot connect to the broker");
                tokio::select! {
                    () = stop.cancelled() => break,
                    () = tokio::time::sleep(backoff) => {}
                }
                backoff = (backoff * 2).min(Duration::from_secs(5));
            }
        }
    }
    health.unregister_loop(LOOP);
    let _ = canary.await;
}

/// The channel and the consumer of this process's change events.
async fn subscribe_to_changes(
    connection: &Connection,
    topology: &Topology,
) -> lapin::Result<(Channel, lapin::Consumer)> {
    let channel = connection.create_channel().await?;
    let queue = channel
        .queue_declare(
            "".into(),
            QueueDeclareOptions {
                exclusive: true,
                auto_delete: true,
                ..QueueDeclareOptions::default()
            },
            FieldTable::default(),
        )
        .await?;
    channel
        .queue_bind(
            queue.name().clone(),
            topology.changes_exchange().into(),
            "".into(),
            QueueBindOptions::default(),
            FieldTable::default(),
        )
        .await?;
    let consumer = channel
        .basic_consume(
            queue.name().clone(),
            "herald-api-changes".into(),
            BasicConsumeOptions::default(),
            FieldTable::default(),
        )
        .await?;
    Ok((channel, consumer))
}

/// Applies change events until the connection fails.
async fn watch(
    connection: &Connection,
    changes: &mut lapin::Consumer,
    publisher: &Publisher,
    cache: &ServiceCache,
    health: &Health,
) {
    let mut tick = tokio::time::interval(Duration::from_millis(200));
    loop {
        tokio::select! {
            delivery = changes.next() => match delivery {
                Some(Ok(delivery)) => {
                    match serde_json::from_slice::<ChangeEvent>(&delivery.data) {
                        Ok(event) => {
                            match cache.reload_service(event.service_id).await {
                                Ok(()) => cache.report(health),
                                Err(error) => tracing::warn!(%error, service.id = %event.service_id, "reload after change event failed"),
                            }
                        }
                        Err(error) => tracing::warn!(%error, "ignoring malformed change event"),
                    }
                    let _ = delivery.ack(BasicAckOptions::default()).await;
                }
                Some(Err(_)) | None => return,
            },
            _ = tick.tick() => {
                health.beat(LOOP);
                let status = connection.status();
                if !status.connected() {
                    return;
                }
                let blocked = status.blocked();
                if publisher.blocked.swap(blocked, Ordering::Relaxed) != blocked {
                    tracing::warn!(blocked, "the broker changed this connection's flow (connection.blocked / unblocked)");
                }
            }
        }
    }
}
