use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use herald_domain::db::PgPool;
use herald_domain::messages::CallbackMessage;
use herald_domain::metrics::Metrics;
use herald_domain::models::ServiceCallback;
use lapin::message::Delivery;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

use crate::consumer::{BatchHandler, Outbox, Rejected, decode};

pub const LOOP_NAME: &str = "callbacks";
pub const CONSUMER_CHECK: &str = "callbacks-consumer";
const TIMEOUT: Duration = Duration::from_secs(5);
const CONCURRENCY: usize = 32;
/// How long a failing host is left alone (at most; never longer than half
/// the retry delay).
const HOST_COOL_DOWN: Duration = Duration::from_secs(30);

enum Outcome {
    Sent,
    Retry(String),
    /// Not tried: the host failed moments ago. Does not count as a try.
    Deferred,
    Failed(String),
    NoLongerWanted,
}

pub struct Callbacks {
    pool: PgPool,
    http: reqwest::Client,
    metrics: Metrics,
    max_attempts: u32,
    retry_delay: Duration,
    cool_down: Duration,
    failing_hosts: Mutex<HashMap<String, Instant>>,
}

impl Callbacks {
    pub fn new(
        pool: PgPool,
        metrics: Metrics,
        max_attempts: u32,
        retry_delay: Duration,
    ) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .connect_timeout(Duration::from_secs(2))
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Callbacks {
            pool,
            http,
            metrics,
            max_attempts: max_attempts.max(1),
            retry_delay,
            cool_down: HOST_COOL_DOWN.min(retry_delay / 2),
            failing_hosts: Mutex::new(HashMap::new()),
        })
    }

    fn host_of(url: &str) -> String {
        url.split("://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or(url)
            .to_owned()
    }

    fn recently_failed(&self, host: &str) -> bool {
        let hosts = self.failing_hosts.lock().unwrap_or_else(|p| p.into_inner());
        hosts
            .get(host)
            .is_some_and(|at| at.elapsed() < self.cool_down)
    }

    fn mark(&self, host: &str, failed: bool) {
        let mut hosts = self.failing_hosts.lock().unwrap_or_else(|p| p.into_inner());
        if failed {
            hosts.insert(host.to_owned(), Instant::now());
        } else {
            hosts.remove(host);
        }
    }

    async fn send(&self, message: &CallbackMessage, config: Option<&ServiceCallback>) -> Outcome {
        let Some(config) = config else {
            return Outcome::NoLongerWanted;
        };
        let host = Self::host_of(&config.url);
        if self.recently_failed(&host) {
            return Outcome::Deferred;
        }
        let response = self
            .http
            .post(&config.url)
            .bearer_auth(&config.bearer_token)
            .json(&message.payload)
            .send()
            .await;
        let outcome = match response {
            Ok(r) if r.status().is_success() => Outcome::Sent,
            Ok(r) if r.status().is_server_error() || r.status().as_u16() == 429 => {
                Outcome::Retry(format!("HTTP {}", r.status()))
            }
            Ok(r) => Outcome::Failed(format!("HTTP {}", r.status())),
            Err(error) => Outcome::Retry(error.to_string()),
        };
        self.mark(&host, matches!(outcome, Outcome::Retry(_)));
        outcome
    }

    async fn configs(
        &self,
        service_ids: Vec<Uuid>,
        callback_type: String,
    ) -> anyhow::Result<Vec<ServiceCallback>> {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            Ok(herald_domain::db::unit_of_work(&mut conn, |conn| {
                ServiceCallback::for_services(conn, &service_ids, &callback_type)
            })?)
        })
        .await?
    }
}

impl BatchHandler for Callbacks {
    async fn handle(
        &mut self,
        batch: &[Delivery],
        outbox: &Outbox,
        _stop: &CancellationToken,
    ) -> anyhow::Result<Vec<Rejected>> {
        let (messages, rejected) = decode::<CallbackMessage>(batch);
        let mut configs = Vec::new();
        let mut types: Vec<&str> = messages
            .iter()
            .map(|(_, m)| m.callback_type.as_str())
            .collect();
        types.sort_unstable();
        types.dedup();
        for callback_type in types {
            let ids = messages.iter().map(|(_, m)| m.service_id).collect();
            configs.extend(self.configs(ids, callback_type.to_owned()).await?);
        }
        let this = &*self;
        let configs = &configs;
        let outcomes: Vec<(CallbackMessage, Outcome)> = futures_util::stream::iter(messages)
            .map(|(_, message)| async move {
                let config = configs.iter().find(|c| {
                    c.service_id == message.service_id && c.callback_type == message.callback_type
                });
                let outcome = this.send(&message, config).await;
                (message, outcome)
            })
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;

        let queue = outbox.topology.callbacks_queue();
        let (mut retries, mut parked) = (Vec::new(), Vec::new());
        for (mut message, outcome) in outcomes {
            let label = match outcome {
                Outcome::Sent => "sent",
                Outcome::Deferred => {
                    retries.push(serde_json::to_vec(&message)?);
                    "deferred"
                }
                Outcome::NoLongerWanted => "dropped",
                Outcome::Failed(reason) => {
                    tracing::warn!(service.id = %message.service_id, %reason, "callback refused; not retried");
                    "failed"
                }
                Outcome::Retry(reason) => {
                    message.attempts += 1;
                    if message.attempts >= self.max_attempts {
                        tracing::warn!(service.id = %message.service_id, %reason, attempts = message.attempts, "callback parked");
                        parked.push(serde_json::to_vec(&message)?);
                        "parked"
                    } else {
                        retries.push(serde_json::to_vec(&message)?);
                        "retried"
                    }
                }
            };
            self.metrics
                .callbacks_total
                .with_label_values(&[label])
                .inc();
        }
        outbox
            .retry_later(
                &outbox.topology.retry_queue_for(&queue),
                &retries,
                self.retry_delay,
            )
            .await?;
        outbox
            .publish_to_queue(&outbox.topology.parked_queue_for(&queue), &parked)
            .await?;
        Ok(rejected)
    }
}
