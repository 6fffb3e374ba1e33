//! What a delivery provider is: something that takes one message and
//! answers with its own reference for it, or a classified error.

use futures_util::future::BoxFuture;

/// An email ready to hand to a provider.
#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    pub notification_id: uuid::Uuid,
    pub from: String,
    pub to: String,
    pub reply_to: Option<String>,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// RFC 8058 one-click unsubscribe URL (sent as `List-Unsubscribe` and
    /// `List-Unsubscribe-Post` headers).
    pub unsubscribe_url: Option<String>,
}

#[derive(Debug, Clone)]
pub struct OutgoingSms {
    pub notification_id: uuid::Uuid,
    pub to: String,
    pub sender: Option<String>,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderError {
    /// Throttling, a 5xx, a timeout: try again later.
    Retryable(String),
    /// The provider refused the message for good: `technical-failure`.
    Permanent(String),
}

pub trait EmailProvider: Send + Sync {
    fn name(&self) -> &'static str;
    /// Sends the email; `Ok` carries the provider's message id.
    fn send(&self, email: OutgoingEmail) -> BoxFuture<'_, Result<String, ProviderError>>;
}

pub trait SmsProvider: Send + Sync {
    fn name(&self) -> &'static str;
    /// Whether the provider reports delivery back to Herald. One that does
    /// not leaves its texts `sent` (Notify's status for "no receipt").
    fn reports_receipts(&self) -> bool {
        true
    }
    fn send(&self, sms: OutgoingSms) -> BoxFuture<'_, Result<String, ProviderError>>;
}

/// Paces sends to a provider's rate quota (SES accounts have a per-second
/// sending rate): each send waits for its own slot, `1 / rate` apart.
///
/// Clones share the quota. A clone made with [`Pacer::for_bulk`] paces the
/// bulk lane: it never reserves a slot ahead, it only takes a slot that is
/// due now and that no single send has reserved. So while single sends
/// wait, each gets the next slot (at most one interval away), and the bulk
/// lane only has what they leave.
#[derive(Clone)]
pub struct Pacer {
    interval: std::time::Duration,
    next: std::sync::Arc<tokio::sync::Mutex<tokio::time::Instant>>,
    bulk: bool,
}

impl Pacer {
    /// `None` for a rate of 0 (unpaced).
    pub fn per_second(rate: f64) -> Option<Self> {
        (rate > 0.0 && rate.is_finite()).then(|| Pacer {
            interval: std::time::Duration::from_secs_f64(1.0 / rate),
            next: std::sync::Arc::new(tokio::sync::Mutex::new(tokio::time::Instant::now())),
            bulk: false,
        })
    }

    /// The same quota, for the bulk lane (see above).
    pub fn for_bulk(&self) -> Pacer {
        Pacer {
            bulk: true,
            ..self.clone()
        }
    }

    /// Waits until this send's slot.
    pub async fn wait(&self) {
        if self.bulk {
            return self.wait_for_a_free_slot().await;
        }
        let slot = {
            let mut next = self.next.lock().await;
            let slot = (*next).max(tokio::time::Instant::now());
            *next = slot + self.interval;
            slot
        };
        tokio::time::sleep_until(slot).await;
    }

    async fn wait_for_a_free_slot(&self) {
        loop {
            let due = {
                let mut next = self.next.lock().await;
                let now = tokio::time::Instant::now();
                if *next <= now {
                    *next = now + self.interval;
                    return;
                }
                *next
            };
            tokio::time::sleep_until(due).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Pacer;

    #[tokio::test(start_paused = true)]
    async fn a_pacer_spaces_sends_by_its_rate() {
        let pacer = Pacer::per_second(10.0).unwrap();
        let started = tokio::time::Instant::now();
        for _ in 0..11 {
            pacer.wait().await;
        }
        // The first send goes at once, the eleventh a second later.
        assert_eq!(started.elapsed(), std::time::Duration::from_secs(1));
        assert!(Pacer::per_second(0.0).is_none());
    }

    #[tokio::test(start_paused = true)]
    async fn a_single_send_takes_the_next_slot_before_waiting_bulk_sends() {
        let single = Pacer::per_second(10.0).unwrap();
        let bulk = single.for_bulk();
        let started = tokio::time::Instant::now();
        // The bulk lane takes the free slot now; then eight bulk sends wait
        // and a single send arrives: it gets the next slot, 100 ms on.
        bulk.wait().await;
        let waiting: Vec<_> = (0..8)
            .map(|_| {
                let bulk = bulk.clone();
                tokio::spawn(async move {
                    bulk.wait().await;
                    tokio::time::Instant::now()
                })
            })
            .collect();
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        single.wait().await;
        assert_eq!(started.elapsed(), std::time::Duration::from_millis(100));
        let mut bulk_times = Vec::new();
        for task in waiting {
            bulk_times.push(task.await.unwrap() - started);
        }
        bulk_times.sort();
        // The bulk sends share the slots after it, one each.
        assert_eq!(bulk_times[0], std::time::Duration::from_millis(200));
        assert_eq!(bulk_times[7], std::time::Duration::from_millis(900));
    }
}
