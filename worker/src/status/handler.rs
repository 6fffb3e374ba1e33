//! The status batch step: collapse → one grouped UPDATE (+ complaints) in a
//! transaction → retry what is not stored yet → queue callbacks.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use herald_domain::db::PgPool;
use herald_domain::format::timestamp;
use herald_domain::kinds::Status as NotificationStatus;
use herald_domain::messages::{CallbackMessage, ComplaintEvent, StatusEvent, StatusMessage};
use herald_domain::metrics::Metrics;
use herald_domain::models::{self, Applied, StatusOutcome};
use herald_domain::status;
use herald_probes::Health;
use lapin::message::Delivery;
use serde_json::json;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::consumer::{BatchHandler, HeldConnection, Outbox, Rejected, commit_until_done, decode};

pub const LOOP_NAME: &str = "status";
pub const CONSUMER_CHECK: &str = "status-consumer";
pub const DELIVERY_STATUS: &str = "delivery_status";

pub struct Status {
    conn: HeldConnection,
    metrics: Metrics,
    health: Health,
    max_age: chrono::Duration,
    retry_delay: Duration,
}

impl Status {
    pub fn new(
        pool: PgPool,
        metrics: Metrics,
        health: Health,
        max_age: Duration,
        retry_delay: Duration,
    ) -> Self {
        Status {
            conn: HeldConnection::new(pool),
            metrics,
            health,
            max_age: chrono::Duration::from_std(max_age).unwrap_or(chrono::Duration::hours(1)),
            retry_delay,
        }
    }

    /// Applies the batch, retrying while the database is unavailable (the
    /// batch stays unacked meanwhile). The statuses are one statement, so
    /// atomic alone; with complaints, one transaction holds both.
    async fn commit(
        &self,
        events: &Events,
        stop: &CancellationToken,
    ) -> anyhow::Result<StatusOutcome> {
        let conn = self.conn.clone();
        let (statuses, complaints) = (events.statuses.clone(), events.complaints.clone());
        commit_until_done(
            move || {
                conn.run(|conn| {
                    if complaints.is_empty() {
                        return Ok(models::apply_statuses(conn, &statuses, DELIVERY_STATUS)?);
                    }
                    Ok(
                        herald_domain::db::transaction::<_, diesel::result::Error, _>(
                            conn,
                            |conn| {
                                let mut outcome =
                                    models::apply_statuses(conn, &statuses, DELIVERY_STATUS)?;
                                // Complaints about notifications not stored yet wait too.
                                outcome
                                    .missing
                                    .extend(models::record_complaints(conn, &complaints)?);
                                Ok(outcome)
                            },
                        )?,
                    )
                })
            },
            LOOP_NAME,
            &self.health,
            stop,
        )
        .await
    }

    /// Events whose notification is not stored yet go to the delay queue
    /// (the statuses of one batch together, already collapsed), or, past the
    /// maximum age, to the parked queue one message each.
    async fn retry_or_park(
        &self,
        events: &Events,
        missing: &[Uuid],
        outbox: &Outbox,
    ) -> anyhow::Result<()> {
        if missing.is_empty() {
            return Ok(());
        }
        let missing: HashSet<&Uuid> = missing.iter().collect();
        let oldest_allowed = Utc::now() - self.max_age;
        let (mut retry_statuses, mut retries, mut parked) = (Vec::new(), Vec::new(), Vec::new());
        let next = |id: &Uuid, first_seen| {
            if !missing.contains(id) {
                Next::Done
            } else if first_seen < oldest_allowed {
                tracing::warn!(notification.id = %id, "status event parked: its notification never appeared");
                Next::Park
            } else {
                Next::Retry
            }
        };
        for event in events.statuses.iter() {
            match next(&event.notification_id, event.first_seen) {
                Next::Done => {}
                Next::Retry => retry_statuses.push(event.clone()),
                Next::Park => parked.push(StatusMessage::Status(event.clone())),
            }
        }
        for complaint in events.complaints.iter() {
            match next(&complaint.notification_id, complaint.first_seen) {
                Next::Done => {}
                Next::Retry => retries.push(StatusMessage::Complaint(complaint.clone())),
                Next::Park => parked.push(StatusMessage::Complaint(complaint.clone())),
            }
        }
        let retried = retry_statuses.len() + retries.len();
        let encode = |messages: &[StatusMessage]| {
            messages
                .iter()
                .map(serde_json::to_vec)
                .collect::<Result<Vec<_>, _>>()
        };
        let queue = outbox.topology.status_queue();
        let retry_queue = outbox.topology.retry_queue_for(&queue);
        outbox
            .publish_status_events(&retry_queue, retry_statuses, Some(self.retry_delay))
            .await?;
        outbox
            .retry_later(&retry_queue, &encode(&retries)?, self.retry_delay)
            .await?;
        outbox
            .publish_to_queue(&outbox.topology.parked_queue_for(&queue), &encode(&parked)?)
            .await?;
        let outcomes = &self.metrics.status_events_total;
        outcomes
            .with_label_values(&["retried"])
            .inc_by(retried as u64);
        outcomes
            .with_label_values(&["parked"])
            .inc_by(parked.len() as u64);
        Ok(())
    }
}

/// What becomes of an event after the batch's commit.
enum Next {
    /// Applied, or stale: nothing more to do.
    Done,
    /// Its notification is not stored yet: again after the retry delay.
    Retry,
    /// Its notification never appeared within the maximum age.
    Park,
}

/// A batch's events, out of their messages: statuses collapsed to one per
/// notification (sorted by id), complaints as they came.
struct Events {
    statuses: Arc<Vec<StatusEvent>>,
    complaints: Arc<Vec<ComplaintEvent>>,
}

impl Events {
    fn of(messages: Vec<(usize, StatusMessage)>) -> Events {
        let mut statuses = Vec::with_capacity(messages.len());
        let mut complaints = Vec::new();
        for (_, message) in messages {
            match message {
                StatusMessage::Status(event) => statuses.push(event),
                StatusMessage::Statuses { events } => statuses.extend(events),
                StatusMessage::Complaint(complaint) => complaints.push(complaint),
            }
        }
        Events {
            statuses: Arc::new(status::collapse(statuses)),
            complaints: Arc::new(complaints),
        }
    }
}

/// Notify's delivery-status callback payload.
pub fn callback_payload(applied: &Applied) -> serde_json::Value {
    json!({
        "id": applied.id,
        "reference": applied.client_reference,
        "to": applied.recipient,
        "status": applied.status,
        "created_at": timestamp(&applied.created_at),
        "completed_at": applied.updated_at.as_ref().map(timestamp),
        "sent_at": applied.sent_at.as_ref().map(timestamp),
        "notification_type": applied.notification_type,
        "template_id": applied.template_id,
        "template_version": applied.template_version,
    })
}

/// Queues Notify's delivery-status callback for each completed status
/// (`applied` holds only services that have a callback).
pub async fn queue_callbacks(applied: &[Applied], outbox: &Outbox) -> anyhow::Result<()> {
    let mut payloads = Vec::new();
    for row in applied {
        let completed = row
            .status
            .parse::<NotificationStatus>()
            .is_ok_and(NotificationStatus::is_completed);
        if !completed {
            continue;
        }
        let message = CallbackMessage {
            service_id: row.service_id,
            callback_type: DELIVERY_STATUS.to_owned(),
            payload: callback_payload(row),
            attempts: 0,
        };
        payloads.push(serde_json::to_vec(&message)?);
    }
    outbox
        .publish_to_queue(&outbox.topology.callbacks_queue(), &payloads)
        .await
}

impl BatchHandler for Status {
    async fn handle(
        &mut self,
        batch: &[Delivery],
        outbox: &Outbox,
        stop: &CancellationToken,
    ) -> anyhow::Result<Vec<Rejected>> {
        let started = Instant::now();
        let (messages, rejected) = decode::<StatusMessage>(batch);
        let events = Events::of(messages);
        let committed = self.commit(&events, stop).await?;
        self.retry_or_park(&events, &committed.missing, outbox)
            .await?;
        queue_callbacks(&committed.to_call_back, outbox).await?;
        let outcomes = &self.metrics.status_events_total;
        outcomes
            .with_label_values(&["applied"])
            .inc_by(committed.updated as u64);
        outcomes
            .with_label_values(&["stale"])
            .inc_by(committed.stale as u64);
        self.metrics.status_batch_size.observe(batch.len() as f64);
        self.metrics
            .status_batch_commit_duration_seconds
            .observe(started.elapsed().as_secs_f64());
        Ok(rejected)
    }
}
