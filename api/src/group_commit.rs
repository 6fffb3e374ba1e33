//! A group commit for the broker. Requests hand their item to one task; it
//! gathers the items of each key (a routing key, a queue) into the group
//! that is filling, publishes a group as ONE message, and answers every
//! request of the group once that message is confirmed (a nacked or timed-out
//! group answers every one of its requests 503).
//!
//! A group is published as soon as any of these holds:
//! * it is full ([`Limits::size`] items);
//! * fewer than [`Limits::in_flight`] publishes await their confirm: a
//!   request arriving alone is published at once, not delayed;
//! * it has waited [`Limits::max_wait`] since its first item.
//!
//! So under load, groups fill while earlier ones are being confirmed (the
//! broker's cost is per message: fewer, larger messages), and no request
//! waits more than `max_wait` for its group to leave.

use std::hash::Hash;
use std::sync::Arc;
use std::time::Duration;

use futures_util::future::BoxFuture;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::error::ApiError;

/// How groups form.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Items per group (and message) at most.
    pub size: usize,
    /// How long a group may wait for a free publish slot after its first
    /// item, at most.
    pub max_wait: Duration,
    /// Publishes awaiting their confirm below which a group leaves at once.
    pub in_flight: usize,
}

/// Items waiting for a group at most; a request past that waits its turn.
const WAITING: usize = 10_000;

/// Publishes one group of items under a key, confirmed.
pub type Publish<K, T> =
    Arc<dyn Fn(K, Vec<T>) -> BoxFuture<'static, Result<(), ApiError>> + Send + Sync>;

/// What a request is answered: `Err` holds the 503's message.
type Answer = Result<(), String>;

struct Waiting<K, T> {
    key: K,
    item: T,
    confirmed: oneshot::Sender<Answer>,
}

pub struct GroupCommit<K, T> {
    sender: mpsc::Sender<Waiting<K, T>>,
}

impl<K, T> GroupCommit<K, T>
where
    K: Eq + Hash + Clone + Send + 'static,
    T: Send + 'static,
{
    /// Starts the gathering task on the current runtime.
    pub fn start(limits: Limits, publish: Publish<K, T>) -> GroupCommit<K, T> {
        let (sender, receiver) = mpsc::channel(WAITING);
        tokio::spawn(run(receiver, publish, limits));
        GroupCommit { sender }
    }

    /// Publishes `item` under `key` durably: returns once the broker has
    /// confirmed the message holding it.
    pub async fn publish(&self, key: K, item: T) -> Result<(), ApiError> {
        let (confirmed, answer) = oneshot::channel();
        self.sender
            .send(Waiting {
                key,
                item,
                confirmed,
            })
            .await
            .map_err(|_| unavailable(NOT_ACCEPTED.to_owned()))?;
        match answer.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(message)) => Err(unavailable(message)),
            Err(_) => Err(unavailable(NOT_ACCEPTED.to_owned())),
        }
    }
}

const NOT_ACCEPTED: &str = "The message broker did not accept the message; try again shortly";

fn unavailable(message: String) -> ApiError {
    ApiError::Unavailable(message)
}

/// A group being filled.
struct Filling<K, T> {
    key: K,
    items: Vec<T>,
    answers: Vec<oneshot::Sender<Answer>>,
    opened: Instant,
}

struct Groups<K, T> {
    publish: Publish<K, T>,
    limits: Limits,
    /// Oldest first (a handful of keys: a list is enough).
    filling: Vec<Filling<K, T>>,
    flights: JoinSet<()>,
}

impl<K, T> Groups<K, T>
where
    K: Eq + Clone + Send + 'static,
    T: Send + 'static,
{
    fn add(&mut self, waiting: Waiting<K, T>) {
        let position = match self.filling.iter().position(|g| g.key == waiting.key) {
            Some(position) => position,
            None => {
                self.filling.push(Filling {
                    key: waiting.key,
                    items: Vec::with_capacity(self.limits.size.min(1024)),
                    answers: Vec::with_capacity(self.limits.size.min(1024)),
                    opened: Instant::now(),
                });
                self.filling.len() - 1
            }
        };
        let group = &mut self.filling[position];
        group.items.push(waiting.item);
        group.answers.push(waiting.confirmed);
        if group.items.len() >= self.limits.size {
            let full = self.filling.remove(position);
            self.launch(full);
        }
    }

    /// Sends off groups, oldest first, while a publish slot is free or
    /// their wait is over.
    fn launch_due(&mut self, now: Instant) {
        while let Some(oldest) = self.filling.first() {
            let free = self.flights.len() < self.limits.in_flight;
            if !free && oldest.opened + self.limits.max_wait > now {
                break;
            }
            let group = self.filling.remove(0);
            self.launch(group);
        }
    }

    fn launch(&mut self, group: Filling<K, T>) {
        let published = (self.publish)(group.key, group.items);
        let answers = group.answers;
        self.flights.spawn(async move {
            let answer = match published.await {
                Ok(()) => Ok(()),
                Err(ApiError::Unavailable(message)) => Err(message),
                Err(_) => Err(NOT_ACCEPTED.to_owned()),
            };
            for confirmed in answers {
                let _ = confirmed.send(answer.clone());
            }
        });
    }

    /// When the oldest group's wait ends.
    fn next_deadline(&self) -> Option<Instant> {
        self.filling
            .first()
            .map(|oldest| oldest.opened + self.limits.max_wait)
    }
}

async fn run<K, T>(
    mut receiver: mpsc::Receiver<Waiting<K, T>>,
    publish: Publish<K, T>,
    limits: Limits,
) where
    K: Eq + Clone + Send + 'static,
    T: Send + 'static,
{
    let mut groups = Groups {
        publish,
        limits: Limits {
            size: limits.size.max(1),
            in_flight: limits.in_flight.max(1),
            ..limits
        },
        filling: Vec::new(),
        flights: JoinSet::new(),
    };
    let mut open = true;
    while open || !groups.flights.is_empty() {
        let deadline = groups.next_deadline();
        tokio::select! {
            Some(_) = groups.flights.join_next(), if !groups.flights.is_empty() => {}
            received = receiver.recv(), if open => match received {
                Some(waiting) => groups.add(waiting),
                None => open = false,
            },
            () = tokio::time::sleep_until(deadline.unwrap_or_else(Instant::now)), if deadline.is_some() => {}
        }
        // Whatever else has arrived joins its group before any leaves.
        while let Ok(waiting) = receiver.try_recv() {
            groups.add(waiting);
        }
        if open {
            groups.launch_due(Instant::now());
        } else {
            // Shutting down: nothing more will join.
            while !groups.filling.is_empty() {
                let group = groups.filling.remove(0);
                groups.launch(group);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    /// A publisher that takes `delay` per message and notes group sizes.
    fn recording(
        sizes: Arc<Mutex<Vec<(&'static str, usize)>>>,
        delay: Duration,
        fail: bool,
    ) -> Publish<&'static str, u32> {
        Arc::new(move |key, items: Vec<u32>| {
            let sizes = sizes.clone();
            Box::pin(async move {
                sizes.lock().expect("lock").push((key, items.len()));
                tokio::time::sleep(delay).await;
                if fail {
                    Err(ApiError::Unavailable("nacked".into()))
                } else {
                    Ok(())
                }
            })
        })
    }

    fn limits(size: usize, max_wait: Duration, in_flight: usize) -> Limits {
        Limits {
            size,
            max_wait,
            in_flight,
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_lone_item_leaves_at_once() {
        let sizes = Arc::new(Mutex::new(Vec::new()));
        let groups = GroupCommit::start(
            limits(10, Duration::from_secs(60), 1),
            recording(sizes.clone(), Duration::from_millis(1), false),
        );
        let started = Instant::now();
        groups.publish("a", 1).await.expect("confirmed");
        // Paused time: only the publisher's own 1 ms passed, never the wait.
        assert!(started.elapsed() < Duration::from_millis(5));
        assert_eq!(*sizes.lock().expect("lock"), vec![("a", 1)]);
    }

    #[tokio::test(start_paused = true)]
    async fn items_arriving_while_a_publish_is_in_flight_go_together_by_key() {
        let sizes = Arc::new(Mutex::new(Vec::new()));
        let groups = Arc::new(GroupCommit::start(
            limits(10, Duration::from_secs(60), 1),
            recording(sizes.clone(), Duration::from_millis(500), false),
        ));
        let send = |key, item| {
            let groups = groups.clone();
            tokio::spawn(async move { groups.publish(key, item).await })
        };
        let alone = send("a", 0);
        tokio::time::sleep(Duration::from_millis(10)).await;
        // 23 of key a (two full groups and 3), 2 of key b, while a is in flight.
        let mut together: Vec<_> = (1..=23).map(|i| send("a", i)).collect();
        together.extend((0..2).map(|i| send("b", i)));
        assert!(alone.await.expect("join").is_ok());
        for answer in together {
            assert!(answer.await.expect("join").is_ok(), "each one confirmed");
        }
        let sizes = sizes.lock().expect("lock").clone();
        assert_eq!(sizes[0], ("a", 1), "the first went alone, at once");
        assert_eq!(
            &sizes[1..3],
            &[("a", 10), ("a", 10)],
            "full groups leave at once"
        );
        let mut rest = sizes[3..].to_vec();
        rest.sort();
        assert_eq!(rest, vec![("a", 3), ("b", 2)]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_group_waiting_for_a_slot_leaves_after_the_maximum_wait() {
        let sizes = Arc::new(Mutex::new(Vec::new()));
        let groups = Arc::new(GroupCommit::start(
            limits(10, Duration::from_millis(5), 1),
            recording(sizes.clone(), Duration::from_secs(1), false),
        ));
        let first = {
            let groups = groups.clone();
            tokio::spawn(async move { groups.publish("a", 0).await })
        };
        tokio::time::sleep(Duration::from_millis(1)).await;
        let started = Instant::now();
        let second = {
            let groups = groups.clone();
            tokio::spawn(async move { groups.publish("a", 1).await })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert_eq!(
            sizes.lock().expect("lock").len(),
            2,
            "the second left after 5 ms, without waiting for the first's confirm"
        );
        assert!(second.await.expect("join").is_ok());
        assert!(started.elapsed() < Duration::from_millis(1100));
        assert!(first.await.expect("join").is_ok());
    }

    #[tokio::test(start_paused = true)]
    async fn a_group_that_is_not_confirmed_fails_every_request_in_it() {
        let sizes = Arc::new(Mutex::new(Vec::new()));
        let groups = Arc::new(GroupCommit::start(
            limits(10, Duration::from_secs(60), 1),
            recording(sizes.clone(), Duration::from_millis(100), true),
        ));
        let answers: Vec<_> = (0..5)
            .map(|i| {
                let groups = groups.clone();
                tokio::spawn(async move { groups.publish("a", i).await })
            })
            .collect();
        for answer in answers {
            let error = answer.await.expect("join").expect_err("503");
            assert!(matches!(error, ApiError::Unavailable(ref m) if m == "nacked"));
        }
        assert!(sizes.lock().expect("lock").len() <= 2);
    }
}
