//! Starting and stopping the consumers.

use std::sync::Arc;
use std::time::Duration;

use herald_domain::broker;
use herald_domain::config::{Consumer, Settings};
use herald_domain::db::{self, PgPool};
use herald_domain::letters::store::PgPdfStore;
use herald_domain::metrics::Metrics;
use herald_domain::models::{Document, disowned};
use herald_probes::Health;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use herald_domain::kinds::NotificationType;

use crate::callbacks::{self, Callbacks};
use crate::consumer::{self, BatchHandler, ConsumerSettings};
use crate::deliver::lanes::{self, BulkLane, Lanes, SingleLane};
use crate::deliver::provider::Pacer;
use crate::deliver::{self, Deliver};
use crate::disowned::DisownedFilter;
use crate::documents::{self, Documents};
use crate::inbound::{self, Inbound};
use crate::letters::{self, Letters, TestKeySimulator};
use crate::persist::{self, Persist};
use crate::providers::Providers;
use crate::status::{self, Status};
use crate::timeouts;

/// Days of partitions kept ready ahead of today.
const PARTITIONS_AHEAD: u64 = 3;
const PARTITION_MAINTENANCE_EVERY: Duration = Duration::from_secs(3600);
/// How long a disowned id is kept: far longer than any message waits in a
/// queue (a backlog of days would be an outage of its own).
const FORGET_DISOWNED_AFTER: chrono::TimeDelta = chrono::TimeDelta::days(14);

pub struct Worker {
    tasks: Vec<JoinHandle<()>>,
    stop: CancellationToken,
}

impl Worker {
    /// Spawns the consumers and the partition maintenance on the current
    /// runtime.
    pub async fn start(
        settings: &Settings,
        metrics: Metrics,
        health: Health,
    ) -> anyhow::Result<Worker> {
        // Worker queries are batch commits: allow them far longer than an
        // API request, but not forever.
        let worker_pool = |size: u32| {
            db::pool(
                &settings.database_url,
                settings.db_pooler,
                size,
                Duration::from_secs(3),
                Duration::from_secs(60),
            )
        };
        let pool = worker_pool(settings.db_pool_size.max(2))?;
        let stop = CancellationToken::new();
        let topology = settings.topology();
        let consumer_settings = |queue: String, name: &'static str, check: &'static str| {
            health.set_grace(check, settings.broker_grace());
            ConsumerSettings {
                amqp_url: settings.amqp_url.clone(),
                queue,
                topology: topology.clone(),
                name,
                check,
                batch_size: settings.batch_size.max(1),
                weight: |_| 1,
                linger: settings.batch_linger(),
                prefetch: settings.prefetch.max(1),
            }
        };
        let providers = if settings.runs(Consumer::Deliver) {
            Providers::from_settings(settings).await
        } else {
            Providers::default()
        };
        let start = Starter {
            metrics: metrics.clone(),
            health: health.clone(),
            stop: stop.clone(),
        };
        let mut tasks = Vec::new();
        let deliver_kinds: &[NotificationType] = if settings.runs(Consumer::Deliver) {
            &[NotificationType::Email, NotificationType::Sms]
        } else {
            &[]
        };
        for &kind in deliver_kinds {
            let rate = match kind {
                NotificationType::Sms => settings.sms_send_rate,
                _ => settings.email_send_rate,
            };
            // One quota for both lanes; the bulk lane takes what single
            // sends leave (deliver::lanes).
            let pacer = Pacer::per_second(rate);
            let lanes = Lanes::new();
            let deliver = SingleLane {
                inner: Deliver::new(
                    kind,
                    providers.clone(),
                    DisownedFilter::new(pool.clone(), metrics.clone(), "deliver"),
                    pacer.clone(),
                    metrics.clone(),
                    health.clone(),
                ),
                lanes: lanes.clone(),
            };
            let settings_single = consumer_settings(
                topology.deliver_queue(kind),
                deliver::loop_name(kind),
                deliver::consumer_check(kind),
            )
            .counting_notifications();
            tasks.push(start.consumer(settings_single, deliver));
            let bulk = BulkLane {
                inner: Deliver::new(
                    kind,
                    providers.clone(),
                    DisownedFilter::new(pool.clone(), metrics.clone(), "deliver"),
                    pacer.as_ref().map(Pacer::for_bulk),
                    metrics.clone(),
                    health.clone(),
                ),
                lanes,
            };
            let settings_bulk = consumer_settings(
                topology.bulk_deliver_queue(kind),
                lanes::bulk_loop_name(kind),
                lanes::bulk_consumer_check(kind),
            )
            .counting_notifications();
            tasks.push(start.consumer(settings_bulk, bulk));
        }
        if settings.runs(Consumer::Letters) {
            // A precompiled letter carries its PDF (up to 2 MB): bound what
            // one worker holds in memory.
            let letters_settings = consumer_settings(
                topology.deliver_queue(NotificationType::Letter),
                letters::LOOP_NAME,
                letters::CONSUMER_CHECK,
            )
            .counting_notifications()
            .batches_of(settings.batch_size.min(letters::MAX_BATCH));
            let handler = Letters::new(
                Arc::new(PgPdfStore::new(pool.clone())),
                TestKeySimulator,
                DisownedFilter::new(pool.clone(), metrics.clone(), "letters"),
                metrics.clone(),
                health.clone(),
            );
            tasks.push(start.consumer(letters_settings, handler));
        }
        if settings.runs(Consumer::Inbound) {
            let inbound_settings = consumer_settings(
                topology.inbound_queue(),
                inbound::LOOP_NAME,
                inbound::CONSUMER_CHECK,
            );
            tasks.push(start.consumer(
                inbound_settings,
                Inbound::new(pool.clone(), metrics.clone(), health.clone()),
            ));
        }
        if settings.runs(Consumer::Status) {
            // Several loops, each with its own channel and connection: one
            // commits while another gathers. Batches are sorted by id, so
            // concurrent loops never deadlock. Each loop keeps its
            // connection between batches, so they come from a pool of their
            // own: however many loops there are, the other consumers' pool
            // is never drained by them.
            let loops = settings.status_consumers.max(1);
            let status_pool = worker_pool(u32::try_from(loops)?)?;
            for _ in 0..loops {
                let status_handler = Status::new(
                    status_pool.clone(),
                    metrics.clone(),
                    health.clone(),
                    Duration::from_secs(settings.status_max_age_seconds),
                    Duration::from_millis(settings.status_retry_ms),
                );
                let mut status_settings = consumer_settings(
                    topology.status_queue(),
                    status::LOOP_NAME,
                    status::CONSUMER_CHECK,
                )
                .batches_of(settings.status_batch_size);
                status_settings.weight = |delivery| broker::events_in(&delivery.properties);
                tasks.push(start.consumer(status_settings, status_handler));
            }
        }
        if settings.runs(Consumer::Callbacks) {
            let callbacks_handler = Callbacks::new(
                pool.clone(),
                metrics.clone(),
                settings.callback_max_attempts,
                Duration::from_secs(settings.callback_retry_seconds),
            )?;
            let callbacks_settings = consumer_settings(
                topology.callbacks_queue(),
                callbacks::LOOP_NAME,
                callbacks::CONSUMER_CHECK,
            );
            tasks.push(start.consumer(callbacks_settings, callbacks_handler));
        }
        if settings.runs(Consumer::Documents) {
            let documents_settings = consumer_settings(
                topology.documents_queue(),
                documents::LOOP_NAME,
                documents::CONSUMER_CHECK,
            )
            .batches_of(documents::BATCH_SIZE);
            tasks.push(start.consumer(
                documents_settings,
                Documents::new(pool.clone(), health.clone()),
            ));
        }
        if settings.runs(Consumer::Timeouts) {
            tasks.push(tokio::spawn(timeouts::run(
                pool.clone(),
                settings.clone(),
                topology.clone(),
                stop.clone(),
            )));
        }
        if settings.runs(Consumer::Persist) {
            tasks.push(tokio::spawn(crate::jobs::fold_counts(
                pool.clone(),
                stop.clone(),
            )));
            tasks.push(tokio::spawn(crate::scheduled::release_due(
                pool.clone(),
                settings.amqp_url.clone(),
                topology.clone(),
                stop.clone(),
            )));
            // Only consumers that run register their readiness check.
            let persist = consumer_settings(
                topology.persist_queue(),
                persist::handler::LOOP_NAME,
                persist::CONSUMER_CHECK,
            )
            .counting_notifications();
            tasks.push(start.consumer(
                persist,
                Persist::new(pool.clone(), metrics.clone(), health.clone()),
            ));
        }
        tasks.extend([
            tokio::spawn(maintain_partitions(pool.clone(), stop.clone())),
            tokio::spawn(db::watch_database(
                pool.clone(),
                "worker",
                health.clone(),
                metrics.clone(),
                Duration::from_secs(settings.db_check_seconds.max(1)),
                stop.clone(),
            )),
        ]);
        Ok(Worker { tasks, stop })
    }

    /// Runs until `shutdown` resolves, then lets each consumer finish and
    /// ack the batch in hand before returning.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()>,
    ) -> anyhow::Result<()> {
        shutdown.await;
        self.stop.cancel();
        for task in self.tasks {
            task.await?;
        }
        Ok(())
    }
}

/// Starts consumer loops, all sharing the worker's metrics, health and stop.
struct Starter {
    metrics: Metrics,
    health: Health,
    stop: CancellationToken,
}

impl Starter {
    fn consumer<H: BatchHandler>(&self, settings: ConsumerSettings, handler: H) -> JoinHandle<()> {
        tokio::spawn(consumer::run(
            settings,
            handler,
            self.metrics.clone(),
            self.health.clone(),
            self.stop.clone(),
        ))
    }
}

/// Keeps yesterday's to a few days ahead's partitions in place.
async fn maintain_partitions(pool: PgPool, stop: CancellationToken) {
    loop {
        let pool_for_task = pool.clone();
        let result = tokio::task::spawn_blocking(move || {
            let mut conn = pool_for_task.get()?;
            db::unit_of_work(&mut conn, |conn| {
                db::ensure_partitions(
                    conn,
                    db::partition_window(chrono::Utc::now(), PARTITIONS_AHEAD),
                )
            })?;
            // Files past their retention period go too, a batch at a time.
            while db::unit_of_work(&mut conn, |conn| {
                Document::delete_expired(conn, chrono::Utc::now(), documents::EXPIRY_BATCH)
            })? > 0
            {}
            // Disowned ids outlive any message that could carry them.
            db::unit_of_work(&mut conn, |conn| {
                disowned::forget_before(conn, chrono::Utc::now() - FORGET_DISOWNED_AFTER)
            })?;
            Ok::<_, anyhow::Error>(())
        })
        .await;
        let wait = match result {
            Ok(Ok(())) => PARTITION_MAINTENANCE_EVERY,
            Ok(Err(error)) => {
                tracing::warn!(%error, "partition maintenance failed; retrying in a minute");
                Duration::from_secs(60)
            }
            Err(error) => {
                tracing::error!(%error, "partition maintenance panicked");
                Duration::from_secs(60)
            }
        };
        tokio::select! {
            () = stop.cancelled() => return,
            () = tokio::time::sleep(wait) => {}
        }
    }
}
