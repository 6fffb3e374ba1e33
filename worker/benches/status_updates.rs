//! Status-update benchmark (a command that prints figures, not a test):
//! `scripts/bench-status [events [rounds]]`, or
//! `cargo bench -p herald-worker --bench status_updates -- [events [rounds]]`.
//!
//! On one fresh database with `events` notifications (default 200,000) in
//! `sending`, measured in the same run:
//!  1. single-row UPDATEs (one statement and commit per event, 8 connections),
//!     on a sample for a few seconds: what per-event status writes manage;
//!  2. a raw batched UPDATE of all the rows (`UPDATE … FROM unnest(…)`, the
//!     consumer's batch size (`HERALD_STATUS_BATCH_SIZE`, default 1000) per
//!     statement and transaction, the same columns and values the events
//!     carry), over one connection and over as many as the consumer has
//!     loops (the database's own ceiling for batched status writes, with
//!     no broker and no worker sharing the machine): the consumer is
//!     compared with both;
//!  3. the status consumer: `events` `delivered` events queued in RabbitMQ,
//!     then the real worker started with only its status consumers
//!     (`HERALD_STATUS_CONSUMERS` loops, default 2); applied events per
//!     second from its first commit until all are applied (the rate with
//!     the worker's startup included is printed too). Twice: with the
//!     events packed as the batch steps publish them (delivery, letters,
//!     timeouts: `STATUS_EVENTS_PER_MESSAGE` to a message), and one event
//!     per message, as the SES webhook publishes them.
//!
//! Steps 2 and 3 run `rounds` times (default 3), interleaved: each phase
//! lasts a second or two, and on a shared machine a neighbour's burst can
//! halve one of them. Each round's ratios compare phases run seconds apart;
//! the figures printed are the medians of the rounds' ratios.
//!
//! Between phases the rows go back to `sending`, the table is vacuumed and
//! a checkpoint taken, so each phase starts from the same state.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, Text, Timestamptz, Uuid as SqlUuid};
use herald_domain::broker;
use herald_domain::config::{Consumer, Settings};
use herald_domain::db;
use herald_domain::ids;
use herald_domain::kinds::Status;
use herald_domain::messages::{StatusEvent, StatusMessage};
use herald_domain::metrics::Metrics;
use herald_probes::Health;
use herald_worker::Worker;
use uuid::Uuid;

/// A notification's primary key: its id and creation time.
type Key = (Uuid, DateTime<Utc>);

/// What each event carries besides the status (an SES delivery's SMTP answer).
const PROVIDER_RESPONSE: &str = "250 2.0.0 OK";
const SINGLE_ROW_CLIENTS: usize = 8;
const SINGLE_ROW_SECONDS: u64 = 8;

fn main() -> anyhow::Result<()> {
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let events = numbers.first().copied().unwrap_or(200_000);
    let rounds = numbers.get(1).copied().unwrap_or(3).max(1);
    let admin_url = std::env::var("HERALD_BENCH_ADMIN_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let run = Uuid::now_v7().simple().to_string();
    let db_name = format!("herald_bench_status_{}", &run[..12]);
    let database_url = admin_url.rsplit_once('/').map_or_else(
        || format!("{admin_url}/{db_name}"),
        |(base, _)| format!("{base}/{db_name}"),
    );
    let mut admin = PgConnection::establish(&admin_url)?;
    diesel::sql_query(format!("CREATE DATABASE \"{db_name}\"")).execute(&mut admin)?;

    let result = bench(events, rounds, &database_url, &run);

    diesel::sql_query(format!(
        "DROP DATABASE IF EXISTS \"{db_name}\" WITH (FORCE)"
    ))
    .execute(&mut admin)?;
    result
}

fn bench(events: usize, rounds: usize, database_url: &str, run: &str) -> anyhow::Result<()> {
    let mut conn = PgConnection::establish(database_url)?;
    db::run_migrations(&mut conn)?;
    db::ensure_partitions(&mut conn, db::partition_window(Utc::now(), 1))?;
    let rows = seed(&mut conn, events)?;
    println!("== {events} notifications in `sending` (one day partition), {rounds} rounds");

    let single_row = single_row(database_url, &rows)?;
    reset(&mut conn)?;
    // The raw UPDATE uses the consumer's batch size: the same statements'
    // worth of rows, without the queue.
    let settings = Settings::from_env();
    let batch = settings.status_batch_size.max(1);
    let loops = settings.status_consumers.max(1);
    let runtime = tokio::runtime::Runtime::new()?;
    let mut measured = Vec::new();
    for round in 1..=rounds {
        println!("-- round {round}");
        let raw_one = raw_batched(database_url, &rows, batch, 1)?;
        reset(&mut conn)?;
        let raw_loops = raw_batched(database_url, &rows, batch, loops)?;
        reset(&mut conn)?;
        let packed = runtime.block_on(consumer(database_url, run, &rows, Packing::AsBatchSteps))?;
        all_delivered(&mut conn, events)?;
        reset(&mut conn)?;
        let single =
            runtime.block_on(consumer(database_url, run, &rows, Packing::OnePerMessage))?;
        all_delivered(&mut conn, events)?;
        reset(&mut conn)?;
        measured.push(Round {
            raw_one,
            raw_loops,
            packed,
            single,
        });
    }

    println!();
    println!("single-row UPDATE, {SINGLE_ROW_CLIENTS} connections: {single_row:.0} updates/s");
    println!(
        "per round, updates/s: raw batched ({batch}/statement) over 1 connection | over {loops} | \
         consumer, {} events/message (batch steps) | consumer, 1 event/message (webhooks)",
        broker::STATUS_EVENTS_PER_MESSAGE
    );
    for (i, r) in measured.iter().enumerate() {
        println!(
            "  round {}: {:>8.0} | {:>8.0} | {:>8.0} | {:>8.0}",
            i + 1,
            r.raw_one,
            r.raw_loops,
            r.packed,
            r.single
        );
    }
    let median = |f: &dyn Fn(&Round) -> f64| {
        let mut values: Vec<f64> = measured.iter().map(f).collect();
        values.sort_by(f64::total_cmp);
        let middle = values.len() / 2;
        if values.len().is_multiple_of(2) {
            // An even count has two middles: their mean, not the upper one.
            f64::midpoint(values[middle - 1], values[middle])
        } else {
            values[middle]
        }
    };
    println!("ratios (median of the rounds' own ratios; targets >= 15x single-row, >= 70% raw):");
    for (what, rate) in [
        (
            format!(
                "{} events/message (batch steps)",
                broker::STATUS_EVENTS_PER_MESSAGE
            ),
            (|r: &Round| r.packed) as fn(&Round) -> f64,
        ),
        ("1 event/message (webhooks)".to_owned(), |r: &Round| {
            r.single
        }),
    ] {
        println!(
            "  status consumer, {what}: {:.0} updates/s = {:.1}x single-row; {:.0}% of raw over 1 connection, {:.0}% over {loops}",
            median(&rate),
            median(&|r| rate(r) / single_row),
            median(&|r| 100.0 * rate(r) / r.raw_one),
            median(&|r| 100.0 * rate(r) / r.raw_loops),
        );
    }
    Ok(())
}

/// One round's rates, in updates per second.
struct Round {
    raw_one: f64,
    raw_loops: f64,
    packed: f64,
    single: f64,
}

fn all_delivered(conn: &mut PgConnection, events: usize) -> anyhow::Result<()> {
    let applied = delivered(conn)?;
    anyhow::ensure!(
        applied as usize == events,
        "not every event was applied: {applied} of {events} rows delivered"
    );
    Ok(())
}

fn delivered(conn: &mut PgConnection) -> anyhow::Result<i64> {
    Ok(
        diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
            "(SELECT count(*) FROM notifications WHERE status = 'delivered')",
        ))
        .get_result(conn)?,
    )
}

/// How the queued events are packed into messages.
#[derive(Clone, Copy)]
enum Packing {
    /// As delivery, letters and timeouts publish them.
    AsBatchSteps,
    /// As the SES webhook publishes them.
    OnePerMessage,
}

/// Inserts `n` notifications in `sending`, ids minted now (UUIDv7).
fn seed(conn: &mut PgConnection, n: usize) -> anyhow::Result<Vec<Key>> {
    let rows: Vec<Key> = (0..n)
        .map(|_| {
            let id = ids::new_notification_id();
            (id, ids::created_at_of(&id).unwrap_or_else(Utc::now))
        })
        .collect();
    let (service, key, template) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    for chunk in rows.chunks(10_000) {
        diesel::sql_query(
            "INSERT INTO notifications (id, created_at, service_id, api_key_id, key_type,
                 notification_type, template_id, template_version, recipient, subject, body,
                 status, sent_at, provider_reference)
             SELECT v.id, v.created_at, $3, $4, 'normal', 'email', $5, 1,
                    'bench@example.com', 'Hello', 'Dear Bench, your reference is ABC-123.',
                    'sending', v.created_at, 'ses-' || v.id
             FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, created_at)",
        )
        .bind::<Array<SqlUuid>, _>(chunk.iter().map(|r| r.0).collect::<Vec<_>>())
        .bind::<Array<Timestamptz>, _>(chunk.iter().map(|r| r.1).collect::<Vec<_>>())
        .bind::<SqlUuid, _>(service)
        .bind::<SqlUuid, _>(key)
        .bind::<SqlUuid, _>(template)
        .execute(conn)?;
    }
    settle(conn)?;
    Ok(rows)
}

/// Every row back to `sending`, then VACUUM and CHECKPOINT so each phase
/// starts equal (a checkpoint falling inside one phase would make it pay
/// every page's first write after it).
fn reset(conn: &mut PgConnection) -> anyhow::Result<()> {
    diesel::sql_query(
        "UPDATE notifications SET status = 'sending', updated_at = NULL, provider_response = NULL
         WHERE status <> 'sending'",
    )
    .execute(conn)?;
    settle(conn)
}

fn settle(conn: &mut PgConnection) -> anyhow::Result<()> {
    diesel::sql_query("VACUUM ANALYZE notifications").execute(conn)?;
    diesel::sql_query("CHECKPOINT").execute(conn)?;
    Ok(())
}

fn single_row(database_url: &str, rows: &[Key]) -> anyhow::Result<f64> {
    let rows = Arc::new(rows.to_vec());
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(SINGLE_ROW_SECONDS);
    let started = Instant::now();
    let workers: Vec<_> = (0..SINGLE_ROW_CLIENTS)
        .map(|_| {
            let (rows, next, url) = (rows.clone(), next.clone(), database_url.to_owned());
            std::thread::spawn(move || -> anyhow::Result<usize> {
                let mut conn = PgConnection::establish(&url)?;
                let mut done = 0;
                while Instant::now() < deadline {
                    let Some((id, created_at)) = rows.get(next.fetch_add(1, Ordering::Relaxed))
                    else {
                        break;
                    };
                    diesel::sql_query(
                        "UPDATE notifications SET status = $3, updated_at = now()
                         WHERE id = $1 AND created_at = $2",
                    )
                    .bind::<SqlUuid, _>(id)
                    .bind::<Timestamptz, _>(created_at)
                    .bind::<Text, _>(Status::Delivered.as_str())
                    .execute(&mut conn)?;
                    done += 1;
                }
                Ok(done)
            })
        })
        .collect();
    let mut done = 0;
    for worker in workers {
        done += worker
            .join()
            .map_err(|_| anyhow::anyhow!("single-row thread panicked"))??;
    }
    let rate = done as f64 / started.elapsed().as_secs_f64();
    println!(
        "single-row: {done} updates in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(rate)
}

/// All the rows in `batch`-row statements, each its own transaction, over
/// `connections` connections taking the next batch as they finish.
fn raw_batched(
    database_url: &str,
    rows: &[Key],
    batch: usize,
    connections: usize,
) -> anyhow::Result<f64> {
    let chunks: Arc<Vec<Vec<Key>>> = Arc::new(rows.chunks(batch).map(<[_]>::to_vec).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..connections)
        .map(|_| {
            let (chunks, next, url) = (chunks.clone(), next.clone(), database_url.to_owned());
            std::thread::spawn(move || -> anyhow::Result<()> {
                let mut conn = PgConnection::establish(&url)?;
                while let Some(chunk) = chunks.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let now = Utc::now();
                    // The same columns and values the consumer writes.
                    diesel::sql_query(
                        "UPDATE notifications AS n
                         SET status = v.status, updated_at = v.at, provider_response = v.response
                         FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::timestamptz[],
                                     $5::text[])
                              AS v(id, created_at, status, at, response)
                         WHERE n.id = v.id AND n.created_at = v.created_at",
                    )
                    .bind::<Array<SqlUuid>, _>(chunk.iter().map(|r| r.0).collect::<Vec<_>>())
                    .bind::<Array<Timestamptz>, _>(chunk.iter().map(|r| r.1).collect::<Vec<_>>())
                    .bind::<Array<Text>, _>(vec![Status::Delivered.as_str(); chunk.len()])
                    .bind::<Array<Timestamptz>, _>(vec![now; chunk.len()])
                    .bind::<Array<Text>, _>(vec![PROVIDER_RESPONSE; chunk.len()])
                    .execute(&mut conn)?;
                }
                Ok(())
            })
        })
        .collect();
    for worker in workers {
        worker
            .join()
            .map_err(|_| anyhow::anyhow!("raw batched thread panicked"))??;
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "raw batched, {connections} connection(s): {} updates in {elapsed:.2} s",
        rows.len()
    );
    Ok(rows.len() as f64 / elapsed)
}

async fn consumer(
    database_url: &str,
    run: &str,
    rows: &[Key],
    packing: Packing,
) -> anyhow::Result<f64> {
    let mut settings = Settings::from_env();
    settings.database_url = database_url.to_owned();
    settings.amqp_prefix = format!("hbench-status-{}", &run[..12]);
    settings.consumers = vec![Consumer::Status];
    settings.metrics_addr = String::new();
    let topology = settings.topology();

    // Queue every event first (confirmed), as a backlog after a blast.
    let connection = broker::connect(&settings.amqp_url, "bench-status").await?;
    let channel = broker::confirm_channel(&connection).await?;
    topology.declare(&connection).await?;
    let queued = Instant::now();
    for chunk in rows.chunks(5_000) {
        let events: Vec<StatusEvent> = chunk
            .iter()
            .map(|(id, _)| StatusEvent {
                provider_response: Some(PROVIDER_RESPONSE.to_owned()),
                ..StatusEvent::now(*id, Status::Delivered)
            })
            .collect();
        let queue = topology.status_queue();
        match packing {
            Packing::AsBatchSteps => {
                broker::publish_status_events(&channel, &queue, events, None).await?;
            }
            Packing::OnePerMessage => {
                let payloads = events
                    .into_iter()
                    .map(|e| serde_json::to_vec(&StatusMessage::Status(e)))
                    .collect::<Result<Vec<_>, _>>()?;
                broker::publish_many_confirmed(&channel, "", &queue, &payloads, None).await?;
            }
        }
    }
    println!(
        "queued {} status events in {:.1} s",
        rows.len(),
        queued.elapsed().as_secs_f64()
    );

    let metrics = Metrics::new()?;
    let started = Instant::now();
    let worker = Worker::start(&settings, metrics.clone(), Health::new()).await?;
    let stop = tokio_util::sync::CancellationToken::new();
    let running = tokio::spawn(worker.run_until(stop.clone().cancelled_owned()));
    let applied = metrics.status_events_total.with_label_values(&["applied"]);
    let deadline = Instant::now() + Duration::from_secs(600);
    // The first batch's commit marks the end of startup (connections,
    // topology, consume): the steady rate is measured from there.
    let mut first: Option<(Instant, u64)> = None;
    while (applied.get() as usize) < rows.len() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(5)).await;
        if first.is_none() && applied.get() > 0 {
            first = Some((Instant::now(), applied.get()));
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let (steady_from, applied_at_start) = first.unwrap_or((started, 0));
    let steady = (rows.len() as u64 - applied_at_start) as f64
        / steady_from.elapsed().as_secs_f64().max(f64::EPSILON);
    stop.cancel();
    running.await??;
    let batches = metrics.status_batch_size.get_sample_count();
    println!(
        "status consumer: {} applied in {elapsed:.2} s ({:.0}/s with startup), {batches} batches (mean {:.0} messages), mean commit {:.1} ms",
        applied.get(),
        rows.len() as f64 / elapsed,
        metrics.status_batch_size.get_sample_sum() / batches.max(1) as f64,
        1000.0
            * metrics
                .status_batch_commit_duration_seconds
                .get_sample_sum()
            / batches.max(1) as f64,
    );

    for queue in topology.all_queues() {
        let channel = connection.create_channel().await?;
        let _ = channel
            .queue_delete(queue.as_str().into(), Default::default())
            .await;
    }
    let _ = connection.close(200, "done".into()).await;
    Ok(steady)
}
