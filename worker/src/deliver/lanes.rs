//! Two lanes per type: single sends (`<p>.deliver.<type>`) and bulk sends
//! (`<p>.deliver.<type>.bulk`), each its own consumer loop with the same
//! sender, so a 50,000-row job queued ahead of a password reset never holds
//! it up: the reset is in another queue, and the sender prefers that queue.
//!
//! * A bulk batch does not start while a single-send batch is in hand
//!   (waiting at most [`BULK_YIELDS_AT_MOST`], so a steady stream of single
//!   sends slows bulk sends down without stopping them).
//! * The provider's rate quota is shared ([`Pacer::for_bulk`]): a single
//!   send takes the next slot; the bulk lane takes only slots nobody
//!   reserved.
//!
//! [`Pacer::for_bulk`]: super::provider::Pacer::for_bulk

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use herald_domain::kinds::NotificationType;
use lapin::message::Delivery;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::consumer::{BatchHandler, Outbox, Rejected};

/// How long a bulk batch waits for the single-send lane to be idle, at most.
pub const BULK_YIELDS_AT_MOST: Duration = Duration::from_secs(1);

pub fn bulk_loop_name(kind: NotificationType) -> &'static str {
    match kind {
        NotificationType::Sms => "deliver-sms-bulk",
        _ => "deliver-email-bulk",
    }
}

pub fn bulk_consumer_check(kind: NotificationType) -> &'static str {
    match kind {
        NotificationType::Sms => "deliver-sms-bulk-consumer",
        _ => "deliver-email-bulk-consumer",
    }
}

/// Whether the single-send lane has a batch in hand.
#[derive(Default)]
pub struct Lanes {
    single_busy: AtomicUsize,
    single_idle: Notify,
}

impl Lanes {
    pub fn new() -> Arc<Lanes> {
        Arc::new(Lanes::default())
    }

    /// Waits until the single-send lane has no batch in hand, or `at_most`.
    async fn single_lane_idle(&self, at_most: Duration) {
        let deadline = tokio::time::Instant::now() + at_most;
        loop {
            let idle = self.single_idle.notified();
            if self.single_busy.load(Ordering::Acquire) == 0 {
                return;
            }
            if tokio::time::timeout_at(deadline, idle).await.is_err() {
                return;
            }
        }
    }
}

/// Counts its batches in [`Lanes`] while it handles them.
struct Busy<'a>(&'a Lanes);

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        if self.0.single_busy.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.0.single_idle.notify_waiters();
        }
    }
}

/// The single-send lane's handler: marks itself busy while it handles a
/// batch.
pub struct SingleLane<H> {
    pub inner: H,
    pub lanes: Arc<Lanes>,
}

impl<H: BatchHandler> BatchHandler for SingleLane<H> {
    async fn handle(
        &mut self,
        batch: &[Delivery],
        outbox: &Outbox,
        stop: &CancellationToken,
    ) -> anyhow::Result<Vec<Rejected>> {
        self.lanes.single_busy.fetch_add(1, Ordering::AcqRel);
        let _busy = Busy(&self.lanes);
        self.inner.handle(batch, outbox, stop).await
    }
}

/// The bulk lane's handler: lets the single-send lane go first.
pub struct BulkLane<H> {
    pub inner: H,
    pub lanes: Arc<Lanes>,
}

impl<H: BatchHandler> BatchHandler for BulkLane<H> {
    async fn handle(
        &mut self,
        batch: &[Delivery],
        outbox: &Outbox,
        stop: &CancellationToken,
    ) -> anyhow::Result<Vec<Rejected>> {
        self.lanes.single_lane_idle(BULK_YIELDS_AT_MOST).await;
        self.inner.handle(batch, outbox, stop).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_bulk_lane_waits_for_a_busy_single_lane_but_not_forever() {
        let lanes = Lanes::new();
        let started = tokio::time::Instant::now();
        lanes.single_lane_idle(BULK_YIELDS_AT_MOST).await;
        assert_eq!(started.elapsed(), Duration::ZERO, "idle: no wait");

        lanes.single_busy.fetch_add(1, Ordering::AcqRel);
        let waiter = {
            let lanes = lanes.clone();
            tokio::spawn(async move {
                lanes.single_lane_idle(BULK_YIELDS_AT_MOST).await;
                tokio::time::Instant::now()
            })
        };
        tokio::time::sleep(Duration::from_millis(300)).await;
        drop(Busy(&lanes));
        let resumed = waiter.await.expect("join");
        assert_eq!(resumed - started, Duration::from_millis(300));

        lanes.single_busy.fetch_add(1, Ordering::AcqRel);
        let started = tokio::time::Instant::now();
        lanes.single_lane_idle(BULK_YIELDS_AT_MOST).await;
        assert_eq!(started.elapsed(), BULK_YIELDS_AT_MOST, "never longer");
    }
}
