//! Herald's Prometheus metrics, defined once and named by the spec in
//! docs/metrics.md: `herald_<subsystem>_<name>_<unit>[_total]`, low-cardinality
//! labels only (route patterns, never raw paths or ids).

use std::sync::Arc;

use herald_probes::{Exposition, Health};
use prometheus::{
    Gauge, GaugeVec, Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge,
    IntGaugeVec, Opts, Registry,
};

#[derive(Clone)]
pub struct Metrics {
    pub registry: Registry,
    /// HTTP requests by matched route pattern, method and status code.
    pub http_requests_total: IntCounterVec,
    pub http_request_duration_seconds: HistogramVec,
    /// Notifications answered 201, by notification type and key type.
    pub notifications_accepted_total: IntCounterVec,
    /// Time from publish to the broker's confirm.
    pub publish_confirm_duration_seconds: Histogram,
    pub publish_group_size: Histogram,
    /// Publishes that failed (nack, timeout, broker down): answered 503.
    pub publish_failures_total: IntCounterVec,
    /// Publishes whose outcome the API could not know (connection lost,
    /// confirm timed out), by what the ownership check found: `landed`
    /// (stored after all: 201), `disowned` (never stored: 503), `unknown`
    /// (the database could not be asked either: 503, see
    /// docs/reliability.md).
    pub publish_uncertain_total: IntCounterVec,
    /// Notifications a worker skipped because the API disowned them, by
    /// consumer (`persist`, `deliver`, `letters`).
    pub disowned_skipped_total: IntCounterVec,
    /// Messages per committed persist batch.
    pub persist_batch_size: Histogram,
    pub persist_batch_commit_duration_seconds: Histogram,
    /// Notification rows inserted (duplicates from redelivery excluded).
    pub persist_rows_total: IntCounter,
    /// Messages moved to a dead-letter queue, by queue and reason class.
    pub dead_lettered_total: IntCounterVec,
    /// Batch commits that failed and will be retried.
    pub persist_retries_total: IntCounter,
    /// 1 while the process holds a confirm-mode channel to the broker.
    pub broker_connected: IntGauge,
    /// Messages ready in each queue (sampled by its consumer).
    pub queue_depth_messages: IntGaugeVec,
    /// Age of the oldest message in the batch being processed, per queue:
    /// how far behind the consumer is.
    pub consumer_lag_seconds: GaugeVec,
    /// Pooled PostgreSQL connections by pool and state (in_use, idle).
    pub db_pool_connections: IntGaugeVec,
    /// Time spent waiting for a pooled connection.
    pub db_pool_wait_seconds: HistogramVec,
    /// Latency of the last background database check.
    pub db_check_latency_seconds: Gauge,
    /// 1 if the last background database check succeeded.
    pub db_check_up: IntGauge,
    pub db_checks_total: IntCounterVec,
    /// 1 per readiness check that passes, 0 when it fails.
    pub readiness_check: IntGaugeVec,
    /// Status events by outcome: applied, stale (did not raise the status),
    /// retried (notification not stored yet), parked (gave up).
    pub status_events_total: IntCounterVec,
    pub status_batch_size: Histogram,
    pub status_batch_commit_duration_seconds: Histogram,
    /// Client callbacks by outcome: sent, retried, failed (not retryable), parked.
    pub callbacks_total: IntCounterVec,
    /// Notifications handed to a provider (or the simulator), by type and outcome.
    pub deliveries_total: IntCounterVec,
    /// SNS messages on a provider webhook, by webhook and outcome: queued,
    /// ignored (an event type that sets nothing), unmatched (no notification
    /// id in the event), subscribed, rejected (403), malformed (400),
    /// unavailable (503, SNS retries).
    pub webhook_messages_total: IntCounterVec,
    /// Letter PDFs stored by the letters worker, by kind: rendered (from a
    /// template) or precompiled (uploaded).
    pub letter_pdfs_total: IntCounterVec,
    /// Time to render one letter PDF.
    pub letter_render_duration_seconds: Histogram,
    /// Received text messages by outcome: stored, duplicate (already
    /// stored), unknown_number (no service owns the number; dropped).
    pub received_texts_total: IntCounterVec,
}

/// Label values known in advance. They are exported at 0 from the start
/// (Prometheus' instrumentation guide: avoid missing metrics): a series
/// that first appears at 1 shows no `increase()`, so an alert on the first
/// publish failure or parked callback would never fire.
pub const PUBLISH_FAILURE_REASONS: &[&str] = &[
    "disconnected",
    "blocked",
    "timeout",
    "nacked",
    "unroutable",
    "broker_error",
    "encode",
];
pub const PUBLISH_UNCERTAIN_OUTCOMES: &[&str] = &["landed", "disowned", "unknown"];
pub const DISOWNED_SKIPPED_BY: &[&str] = &["persist", "deliver", "letters"];
pub const STATUS_OUTCOMES: &[&str] = &["applied", "stale", "retried", "parked"];
pub const CALLBACK_OUTCOMES: &[&str] =
    &["sent", "retried", "deferred", "failed", "parked", "dropped"];
pub const DB_CHECK_RESULTS: &[&str] = &["ok", "error"];
/// Reason classes of `herald_dead_lettered_total` (the reason itself is in
/// the message's `x-herald-reason` header).
pub const DEAD_LETTER_REASONS: [&str; 2] = ["undecodable", "rejected"];

const LATENCY_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
const BATCH_BUCKETS: &[f64] = &[
    1.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0,
];

impl Metrics {
    pub fn new() -> prometheus::Result<Metrics> {
        let registry = Registry::new();
        let metrics = Metrics {
            http_requests_total: IntCounterVec::new(
                Opts::new("herald_http_requests_total", "HTTP requests served"),
                &["route", "method", "status"],
            )?,
            http_request_duration_seconds: HistogramVec::new(
                HistogramOpts::new(
                    "herald_http_request_duration_seconds",
                    "HTTP request latency",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
                &["route", "method"],
            )?,
            notifications_accepted_total: IntCounterVec::new(
                Opts::new(
                    "herald_notifications_accepted_total",
                    "Notifications accepted (answered 201)",
                ),
                &["notification_type", "key_type"],
            )?,
            publish_confirm_duration_seconds: Histogram::with_opts(
                HistogramOpts::new(
                    "herald_publish_confirm_duration_seconds",
                    "Time from publish to broker confirm",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
            )?,
            publish_group_size: Histogram::with_opts(
                HistogramOpts::new(
                    "herald_publish_group_size_notifications",
                    "Accepted notifications per message published (group commit)",
                )
                .buckets(BATCH_BUCKETS.to_vec()),
            )?,
            publish_failures_total: IntCounterVec::new(
                Opts::new(
                    "herald_publish_failures_total",
                    "Publishes not confirmed by the broker",
                ),
                &["reason"],
            )?,
            publish_uncertain_total: IntCounterVec::new(
                Opts::new(
                    "herald_publish_uncertain_total",
                    "Publishes whose outcome was unknown, by what the ownership check found",
                ),
                &["outcome"],
            )?,
            disowned_skipped_total: IntCounterVec::new(
                Opts::new(
                    "herald_disowned_skipped_total",
                    "Notifications not stored or sent because the API disowned them (answered 503)",
                ),
                &["consumer"],
            )?,
            persist_batch_size: Histogram::with_opts(
                HistogramOpts::new(
                    "herald_persist_batch_size_messages",
                    "Notifications per committed persist batch (a packed message counts each)",
                )
                .buckets(BATCH_BUCKETS.to_vec()),
            )?,
            persist_batch_commit_duration_seconds: Histogram::with_opts(
                HistogramOpts::new(
                    "herald_persist_batch_commit_duration_seconds",
                    "Time to write and commit one persist batch",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
            )?,
            persist_rows_total: IntCounter::new(
                "herald_persist_rows_total",
                "Notification rows inserted",
            )?,
            dead_lettered_total: IntCounterVec::new(
                Opts::new(
                    "herald_dead_lettered_total",
                    "Messages moved to a dead-letter queue",
                ),
                &["queue", "reason"],
            )?,
            persist_retries_total: IntCounter::new(
                "herald_persist_retries_total",
                "Persist batch commits that failed and were retried",
            )?,
            broker_connected: IntGauge::new(
                "herald_broker_connected",
                "1 while the broker connection is up",
            )?,
            queue_depth_messages: IntGaugeVec::new(
                Opts::new("herald_queue_depth_messages", "Messages ready in the queue"),
                &["queue"],
            )?,
            consumer_lag_seconds: GaugeVec::new(
                Opts::new(
                    "herald_consumer_lag_seconds",
                    "Age of the oldest message being processed",
                ),
                &["queue"],
            )?,
            db_pool_connections: IntGaugeVec::new(
                Opts::new("herald_db_pool_connections", "Pooled database connections"),
                &["pool", "state"],
            )?,
            db_pool_wait_seconds: HistogramVec::new(
                HistogramOpts::new(
                    "herald_db_pool_wait_seconds",
                    "Time waiting for a pooled database connection",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
                &["pool"],
            )?,
            db_check_latency_seconds: Gauge::new(
                "herald_db_check_latency_seconds",
                "Latency of the last background database check",
            )?,
            db_check_up: IntGauge::new(
                "herald_db_check_up",
                "1 if the last background database check succeeded",
            )?,
            db_checks_total: IntCounterVec::new(
                Opts::new("herald_db_checks_total", "Background database checks"),
                &["result"],
            )?,
            readiness_check: IntGaugeVec::new(
                Opts::new(
                    "herald_readiness_check",
                    "1 when the readiness check passes, 0 when it fails",
                ),
                &["check"],
            )?,
            status_events_total: IntCounterVec::new(
                Opts::new("herald_status_events_total", "Status events by outcome"),
                &["outcome"],
            )?,
            status_batch_size: Histogram::with_opts(
                HistogramOpts::new(
                    "herald_status_batch_size_messages",
                    "Events per status batch",
                )
                .buckets(BATCH_BUCKETS.to_vec()),
            )?,
            status_batch_commit_duration_seconds: Histogram::with_opts(
                HistogramOpts::new(
                    "herald_status_batch_commit_duration_seconds",
                    "Time to apply and commit one status batch",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
            )?,
            callbacks_total: IntCounterVec::new(
                Opts::new("herald_callbacks_total", "Client callbacks by outcome"),
                &["outcome"],
            )?,
            webhook_messages_total: IntCounterVec::new(
                Opts::new(
                    "herald_webhook_messages_total",
                    "SNS messages received on provider webhooks, by outcome",
                ),
                &["webhook", "outcome"],
            )?,
            deliveries_total: IntCounterVec::new(
                Opts::new(
                    "herald_deliveries_total",
                    "Notifications handed to a provider",
                ),
                &["notification_type", "provider", "outcome"],
            )?,
            letter_pdfs_total: IntCounterVec::new(
                Opts::new("herald_letter_pdfs_total", "Letter PDFs stored, by kind"),
                &["kind"],
            )?,
            letter_render_duration_seconds: Histogram::with_opts(
                HistogramOpts::new(
                    "herald_letter_render_duration_seconds",
                    "Time to render one letter PDF",
                )
                .buckets(LATENCY_BUCKETS.to_vec()),
            )?,
            received_texts_total: IntCounterVec::new(
                Opts::new(
                    "herald_received_texts_total",
                    "Received text messages, by outcome",
                ),
                &["outcome"],
            )?,
            registry,
        };
        metrics.register_all()?;
        metrics.start_known_series();
        Ok(metrics)
    }

    /// Exports every known label value of the alerting counters at 0.
    fn start_known_series(&self) {
        let known = [
            (&self.publish_failures_total, PUBLISH_FAILURE_REASONS),
            (&self.publish_uncertain_total, PUBLISH_UNCERTAIN_OUTCOMES),
            (&self.disowned_skipped_total, DISOWNED_SKIPPED_BY),
            (&self.status_events_total, STATUS_OUTCOMES),
            (&self.callbacks_total, CALLBACK_OUTCOMES),
            (&self.db_checks_total, DB_CHECK_RESULTS),
        ];
        for (counter, values) in known {
            for value in values {
                counter.with_label_values(&[value]);
            }
        }
    }

    /// Exports `queue`'s dead-letter counters at 0: called by its consumer
    /// when it starts.
    pub fn start_queue_series(&self, queue: &str) {
        for reason in DEAD_LETTER_REASONS {
            self.dead_lettered_total.with_label_values(&[queue, reason]);
        }
    }

    fn register_all(&self) -> prometheus::Result<()> {
        let r = &self.registry;
        r.register(Box::new(self.http_requests_total.clone()))?;
        r.register(Box::new(self.http_request_duration_seconds.clone()))?;
        r.register(Box::new(self.notifications_accepted_total.clone()))?;
        r.register(Box::new(self.publish_confirm_duration_seconds.clone()))?;
        r.register(Box::new(self.publish_group_size.clone()))?;
        r.register(Box::new(self.publish_failures_total.clone()))?;
        r.register(Box::new(self.publish_uncertain_total.clone()))?;
        r.register(Box::new(self.disowned_skipped_total.clone()))?;
        r.register(Box::new(self.persist_batch_size.clone()))?;
        r.register(Box::new(self.persist_batch_commit_duration_seconds.clone()))?;
        r.register(Box::new(self.persist_rows_total.clone()))?;
        r.register(Box::new(self.dead_lettered_total.clone()))?;
        r.register(Box::new(self.persist_retries_total.clone()))?;
        r.register(Box::new(self.broker_connected.clone()))?;
        r.register(Box::new(self.queue_depth_messages.clone()))?;
        r.register(Box::new(self.consumer_lag_seconds.clone()))?;
        r.register(Box::new(self.db_pool_connections.clone()))?;
        r.register(Box::new(self.db_pool_wait_seconds.clone()))?;
        r.register(Box::new(self.db_check_latency_seconds.clone()))?;
        r.register(Box::new(self.db_check_up.clone()))?;
        r.register(Box::new(self.db_checks_total.clone()))?;
        r.register(Box::new(self.readiness_check.clone()))?;
        r.register(Box::new(self.status_events_total.clone()))?;
        r.register(Box::new(self.status_batch_size.clone()))?;
        r.register(Box::new(self.status_batch_commit_duration_seconds.clone()))?;
        r.register(Box::new(self.callbacks_total.clone()))?;
        r.register(Box::new(self.deliveries_total.clone()))?;
        r.register(Box::new(self.webhook_messages_total.clone()))?;
        r.register(Box::new(self.letter_pdfs_total.clone()))?;
        r.register(Box::new(self.letter_render_duration_seconds.clone()))?;
        r.register(Box::new(self.received_texts_total.clone()))?;
        Ok(())
    }

    /// What `/metrics` serves: readiness gauges refreshed from `health`, then
    /// every metric.
    pub fn exposition(&self, health: Health) -> Exposition {
        let metrics = self.clone();
        Arc::new(move || {
            for (check, report) in health.readiness().checks {
                metrics
                    .readiness_check
                    .with_label_values(&[&check])
                    .set(i64::from(report.ok));
            }
            metrics.render()
        })
    }

    /// The Prometheus text exposition of every metric.
    pub fn render(&self) -> String {
        let encoder = prometheus::TextEncoder::new();
        encoder
            .encode_to_string(&self.registry.gather())
            .unwrap_or_default()
    }
}
