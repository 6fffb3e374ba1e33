//! Herald's Prometheus metrics, defined once and named by the spec in
//! docs/metrics.md: `herald_<subsystem>_<name>_<unit>[_total]`, low-cardinality
//! labels only (route patterns, never raw paths or ids).

use prometheus::{
    Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, Opts, Registry,
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
    /// Publishes that failed (nack, timeout, broker down): answered 503.
    pub publish_failures_total: IntCounterVec,
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
}

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
            publish_failures_total: IntCounterVec::new(
                Opts::new(
                    "herald_publish_failures_total",
                    "Publishes not confirmed by the broker",
                ),
                &["reason"],
            )?,
            persist_batch_size: Histogram::with_opts(
                HistogramOpts::new(
                    "herald_persist_batch_size_messages",
                    "Messages per committed persist batch",
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
            registry,
        };
        metrics.register_all()?;
        Ok(metrics)
    }

    fn register_all(&self) -> prometheus::Result<()> {
        let r = &self.registry;
        r.register(Box::new(self.http_requests_total.clone()))?;
        r.register(Box::new(self.http_request_duration_seconds.clone()))?;
        r.register(Box::new(self.notifications_accepted_total.clone()))?;
        r.register(Box::new(self.publish_confirm_duration_seconds.clone()))?;
        r.register(Box::new(self.publish_failures_total.clone()))?;
        r.register(Box::new(self.persist_batch_size.clone()))?;
        r.register(Box::new(self.persist_batch_commit_duration_seconds.clone()))?;
        r.register(Box::new(self.persist_rows_total.clone()))?;
        r.register(Box::new(self.dead_lettered_total.clone()))?;
        r.register(Box::new(self.persist_retries_total.clone()))?;
        r.register(Box::new(self.broker_connected.clone()))?;
        Ok(())
    }

    /// The Prometheus text exposition of every metric.
    pub fn render(&self) -> String {
        let encoder = prometheus::TextEncoder::new();
        encoder
            .encode_to_string(&self.registry.gather())
            .unwrap_or_default()
    }
}
