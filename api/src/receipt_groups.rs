//! Receipts that arrive together travel together. Each webhook request hands
//! its status event to one task ([`crate::group_commit`]), which publishes whatever is waiting as one
//! packed message (up to [`STATUS_EVENTS_PER_MESSAGE`] events), with a few
//! publishes in flight, and answers every request once the message holding
//! its event is confirmed: a group commit for the broker. A receipt alone
//! goes at once, as before; under a blast of SES receipts the broker and the
//! status consumer handle a fraction of the messages.

use std::sync::Arc;
use std::time::Duration;

use herald_domain::broker::STATUS_EVENTS_PER_MESSAGE;
use herald_domain::messages::StatusEvent;

use crate::error::ApiError;
use crate::group_commit::{GroupCommit, Limits, Publish};
use crate::publisher::Publisher;

/// Publishes awaiting their confirm at once; while all are busy, newly
/// arrived receipts gather into the next group.
const IN_FLIGHT: usize = 4;

pub struct ReceiptGroups {
    groups: GroupCommit<(), StatusEvent>,
}

impl ReceiptGroups {
    /// Groups receipts for `publisher`'s status queue; a group waits at
    /// most `max_wait` for a free publish slot.
    pub fn start(publisher: Arc<Publisher>, max_wait: Duration) -> ReceiptGroups {
        ReceiptGroups::with(
            Arc::new(move |(), events| {
                let publisher = publisher.clone();
                Box::pin(async move { publisher.publish_status_events(events).await })
            }),
            IN_FLIGHT,
            max_wait,
        )
    }

    fn with(
        publish: Publish<(), StatusEvent>,
        in_flight: usize,
        max_wait: Duration,
    ) -> ReceiptGroups {
        let limits = Limits {
            size: STATUS_EVENTS_PER_MESSAGE,
            max_wait,
            in_flight,
        };
        ReceiptGroups {
            groups: GroupCommit::start(limits, publish),
        }
    }

    /// Queues `event` durably: returns once the broker has confirmed the
    /// message holding it.
    pub async fn publish(&self, event: StatusEvent) -> Result<(), ApiError> {
        self.groups.publish((), event).await
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use herald_domain::kinds::Status;
    use uuid::Uuid;

    use super::*;

    fn event() -> StatusEvent {
        StatusEvent::now(Uuid::now_v7(), Status::Delivered)
    }

    /// A publisher that takes 500 ms per message and notes group sizes.
    fn slow_publisher(sizes: Arc<Mutex<Vec<usize>>>, fail: bool) -> Publish<(), StatusEvent> {
        Arc::new(move |(), events: Vec<StatusEvent>| {
            let sizes = sizes.clone();
            Box::pin(async move {
                sizes.lock().expect("lock").push(events.len());
                // Long beside the test's 20 ms pause, so a descheduled test
                // thread cannot outlast the first confirm.
                tokio::time::sleep(Duration::from_millis(500)).await;
                if fail {
                    Err(ApiError::Unavailable("nacked".into()))
                } else {
                    Ok(())
                }
            })
        })
    }

    #[tokio::test]
    async fn receipts_arriving_while_a_publish_is_in_flight_go_together() {
        let sizes = Arc::new(Mutex::new(Vec::new()));
        let groups = Arc::new(ReceiptGroups::with(
            slow_publisher(sizes.clone(), false),
            1,
            Duration::from_secs(60),
        ));
        let alone = tokio::spawn({
            let groups = groups.clone();
            async move { groups.publish(event()).await }
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        // Two groups' worth and 5 more while the first is being confirmed.
        let together: Vec<_> = (0..2 * STATUS_EVENTS_PER_MESSAGE + 5)
            .map(|_| {
                let groups = groups.clone();
                tokio::spawn(async move { groups.publish(event()).await })
            })
            .collect();
        assert!(alone.await.expect("join").is_ok());
        for answer in together {
            assert!(answer.await.expect("join").is_ok(), "each one confirmed");
        }
        let mut sizes = sizes.lock().expect("lock").clone();
        assert_eq!(sizes.remove(0), 1, "the first went alone, at once");
        assert_eq!(
            sizes,
            vec![STATUS_EVENTS_PER_MESSAGE, STATUS_EVENTS_PER_MESSAGE, 5]
        );
    }

    #[tokio::test]
    async fn a_group_that_is_not_confirmed_fails_every_receipt_in_it() {
        let sizes = Arc::new(Mutex::new(Vec::new()));
        let groups = ReceiptGroups::with(slow_publisher(sizes, true), 1, Duration::from_secs(60));
        let error = groups.publish(event()).await.expect_err("503");
        assert!(matches!(error, ApiError::Unavailable(_)));
    }
}
