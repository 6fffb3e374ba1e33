//! A bounded background load: `concurrency` loops POSTing emails until
//! stopped, recording the id of every 201 and the count of anything else.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use tokio::task::JoinHandle;
use uuid::Uuid;

pub struct Load {
    running: Arc<AtomicBool>,
    failures: Arc<AtomicUsize>,
    tasks: Vec<JoinHandle<Vec<Uuid>>>,
}

pub struct LoadResult {
    pub accepted: Vec<Uuid>,
    pub failures: usize,
}

impl Load {
    /// Starts posting `body` to `url` with keys signed by `key`. Each loop
    /// stops after `max_duration` at the latest.
    pub fn start(
        url: String,
        key: String,
        body: serde_json::Value,
        concurrency: usize,
        max_duration: Duration,
    ) -> Load {
        let running = Arc::new(AtomicBool::new(true));
        let failures = Arc::new(AtomicUsize::new(0));
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(10))
            .build()
            .expect("client");
        let tasks = (0..concurrency)
            .map(|_| {
                let (running, failures, client) =
                    (running.clone(), failures.clone(), client.clone());
                let (url, key, body) = (url.clone(), key.clone(), body.clone());
                tokio::spawn(async move {
                    let deadline = tokio::time::Instant::now() + max_duration;
                    let mut accepted = Vec::new();
                    while running.load(Ordering::SeqCst) && tokio::time::Instant::now() < deadline {
                        let response = client
                            .post(&url)
                            .bearer_auth(super::token(&key))
                            .json(&body)
                            .send()
                            .await;
                        match response {
                            Ok(r) if r.status() == 201 => {
                                let created: serde_json::Value = r.json().await.expect("json");
                                accepted.push(
                                    created["id"].as_str().expect("id").parse().expect("uuid"),
                                );
                            }
                            _ => {
                                failures.fetch_add(1, Ordering::SeqCst);
                                tokio::time::sleep(Duration::from_millis(20)).await;
                            }
                        }
                    }
                    accepted
                })
            })
            .collect();
        Load {
            running,
            failures,
            tasks,
        }
    }

    pub fn failures_so_far(&self) -> usize {
        self.failures.load(Ordering::SeqCst)
    }

    pub async fn stop(self) -> LoadResult {
        self.running.store(false, Ordering::SeqCst);
        let mut accepted = Vec::new();
        for task in self.tasks {
            accepted.extend(task.await.expect("load task"));
        }
        accepted.sort();
        LoadResult {
            accepted,
            failures: self.failures.load(Ordering::SeqCst),
        }
    }
}

/// Samples a probe URL every `every` until stopped: (status, latency) pairs.
pub struct ProbeSampler {
    running: Arc<AtomicBool>,
    task: JoinHandle<Vec<(u16, Duration)>>,
}

impl ProbeSampler {
    pub fn start(url: String, every: Duration) -> ProbeSampler {
        let running = Arc::new(AtomicBool::new(true));
        let flag = running.clone();
        let task = tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .expect("client");
            let mut samples = Vec::new();
            while flag.load(Ordering::SeqCst) {
                let started = tokio::time::Instant::now();
                let status = client
                    .get(&url)
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
                    .unwrap_or(0);
                samples.push((status, started.elapsed()));
                tokio::time::sleep(every).await;
            }
            samples
        });
        ProbeSampler { running, task }
    }

    pub async fn stop(self) -> Vec<(u16, Duration)> {
        self.running.store(false, Ordering::SeqCst);
        self.task.await.expect("sampler")
    }
}

/// The p-th percentile (0..=100) of the latencies.
pub fn percentile(samples: &[(u16, Duration)], p: f64) -> Duration {
    let mut latencies: Vec<Duration> = samples.iter().map(|(_, l)| *l).collect();
    latencies.sort();
    if latencies.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * (latencies.len() - 1) as f64).round() as usize;
    latencies[rank.min(latencies.len() - 1)]
}
