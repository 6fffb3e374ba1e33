//! Receipts that arrive together travel together. Each webhook request hands
//! its status event to one task, which publishes whatever is waiting as one
//! packed message (up to [`STATUS_EVENTS_PER_MESSAGE`] events), with a few
//! publishes in flight, and answers every request once the message holding
//! its event is confirmed: a group commit for the broker. A receipt alone
//! goes at once, as before; under a blast of SES receipts the broker and the
//! status consumer handle a fraction of the messages.

use std::sync::Arc;

use futures_util::future::BoxFuture;
use herald_domain::broker::STATUS_EVENTS_PER_MESSAGE;
use herald_domain::messages::StatusEvent;
use tokio::sync::{Semaphore, mpsc, oneshot};

use crate::error::ApiError;
use crate::publisher::Publisher;

/// Publishes awaiting their confirm at once; while all are busy, newly
/// arrived receipts gather into the next group.
const IN_FLIGHT: usize = 4;
/// Receipts waiting for a group at most; a webhook past that waits its turn.
const WAITING: usize = 10_000;

/// Publishes one group of events, confirmed.
type Publish =
    Arc<dyn Fn(Vec<StatusEvent>) -> BoxFuture<'static, Result<(), ApiError>> + Send + Sync>;

struct Waiting {
    event: StatusEvent,
    confirmed: oneshot::Sender<bool>,
}

pub struct ReceiptGroups {
    sender: mpsc::Sender<Waiting>,
}

impl ReceiptGroups {
    /// Groups receipts for `publisher`'s status queue.
    pub fn start(publisher: Arc<Publisher>) -> ReceiptGroups {
        ReceiptGroups::with(
            Arc::new(move |events| {
                let publisher = publisher.clone();
                Box::pin(async move { publisher.publish_status_events(events).await })
            }),
            IN_FLIGHT,
        )
    }

    fn with(publish: Publish, in_flight: usize) -> ReceiptGroups {
        let (sender, receiver) = mpsc::channel(WAITING);
        tokio::spawn(run(receiver, publish, in_flight));
        ReceiptGroups { sender }
    }

    /// Queues `event` durably: returns once the broker has confirmed the
    /// message holding it.
    pub async fn publish(&self, event: StatusEvent) -> Result<(), ApiError> {
        let (confirmed, answer) = oneshot::channel();
        self.sender
            .send(Waiting { event, confirmed })
            .await
            .map_err(|_| unavailable())?;
        match answer.await {
            Ok(true) => Ok(()),
            _ => Err(unavailable()),
        }
    }
}

fn unavailable() -> ApiError {
    ApiError::Unavailable("The message broker did not accept the message; try again shortly".into())
}

async fn run(mut receiver: mpsc::Receiver<Waiting>, publish: Publish, in_flight: usize) {
    let slots = Arc::new(Semaphore::new(in_flight.max(1)));
    while let Some(first) = receiver.recv().await {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            break;
        };
        // Whatever arrived while waiting for the slot joins this group.
        let mut group = vec![first];
        while group.len() < STATUS_EVENTS_PER_MESSAGE {
            match receiver.try_recv() {
                Ok(waiting) => group.push(waiting),
                Err(_) => break,
            }
        }
        let publish = publish.clone();
        tokio::spawn(async move {
            let (events, answers): (Vec<_>, Vec<_>) = group
                .into_iter()
                .map(|waiting| (waiting.event, waiting.confirmed))
                .unzip();
            let confirmed = publish(events).await.is_ok();
            for answer in answers {
                let _ = answer.send(confirmed);
            }
            drop(slot);
        });
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::time::Duration;

    use herald_domain::kinds::Status;
    use uuid::Uuid;

    use super::*;

    fn event() -> StatusEvent {
        StatusEvent::now(Uuid::now_v7(), Status::Delivered)
    }

    /// A publisher that takes 500 ms per message and notes group sizes.
    fn slow_publisher(sizes: Arc<Mutex<Vec<usize>>>, fail: bool) -> Publish {
        Arc::new(move |events: Vec<StatusEvent>| {
            let sizes = sizes.clone();
            Box::pin(async move {
                sizes.lock().expect("lock").push(events.len());
                // Long beside the test's 20 ms pause, so a descheduled test
                // thread cannot outlast the first confirm.
                tokio::time::sleep(Duration::from_millis(500)).await;
                if fail { Err(unavailable()) } else { Ok(()) }
            })
        })
    }

    #[tokio::test]
    async fn receipts_arriving_while_a_publish_is_in_flight_go_together() {
        let sizes = Arc::new(Mutex::new(Vec::new()));
        let groups = Arc::new(ReceiptGroups::with(slow_publisher(sizes.clone(), false), 1));
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
        let groups = ReceiptGroups::with(slow_publisher(sizes, true), 1);
        let error = groups.publish(event()).await.expect_err("503");
        assert!(matches!(error, ApiError::Unavailable(_)));
    }
}
