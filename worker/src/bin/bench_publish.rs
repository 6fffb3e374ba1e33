//! The broker's own ceiling for Herald's publishes (a command that prints
//! figures, not a test), run by `scripts/bench` beside the whole pipeline:
//! persistent messages of a notification's size published to a fresh
//! quorum queue over one confirm channel, pipelined (`in_flight` confirms
//! awaited at once), as fast as the broker confirms them.
//!
//! `herald-bench-publish [messages [in_flight [bytes]]]` (defaults 100,000,
//! 1,000, 700) against `AMQP_URL`; built by
//! `cargo build --release -p herald-worker --bin herald-bench-publish`.

use std::collections::VecDeque;
use std::time::Instant;

use herald_domain::broker;
use lapin::BasicProperties;
use lapin::options::{BasicPublishOptions, QueueDeclareOptions, QueueDeleteOptions};
use lapin::types::FieldTable;

fn main() -> anyhow::Result<()> {
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let messages = numbers.first().copied().unwrap_or(100_000);
    let in_flight = numbers.get(1).copied().unwrap_or(1000).max(1);
    let bytes = numbers.get(2).copied().unwrap_or(700);
    let url = std::env::var("AMQP_URL")
        .unwrap_or_else(|_| "amqp://guest:guest@127.0.0.1:5672/%2f".to_owned());
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(publish(&url, messages, in_flight, bytes))
}

async fn publish(url: &str, messages: usize, in_flight: usize, bytes: usize) -> anyhow::Result<()> {
    let connection = broker::connect(url, "herald-bench-publish").await?;
    let channel = broker::confirm_channel(&connection).await?;
    let queue = format!("hbench-raw-{}", uuid::Uuid::now_v7().simple());
    let mut args = FieldTable::default();
    args.insert("x-queue-type".into(), broker::long_string("quorum"));
    channel
        .queue_declare(
            queue.as_str().into(),
            QueueDeclareOptions {
                durable: true,
                ..QueueDeclareOptions::default()
            },
            args,
        )
        .await?;
    let payload = vec![b'x'; bytes];
    let started = Instant::now();
    let mut pending = VecDeque::with_capacity(in_flight);
    for _ in 0..messages {
        if pending.len() >= in_flight
            && let Some(oldest) = pending.pop_front()
        {
            check(oldest.await)?;
        }
        let confirm = channel
            .basic_publish(
                "".into(),
                queue.as_str().into(),
                BasicPublishOptions::default(),
                &payload,
                BasicProperties::default().with_delivery_mode(2),
            )
            .await?;
        pending.push_back(confirm);
    }
    for confirm in pending {
        check(confirm.await)?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "raw quorum publish with confirms: {messages} messages of {bytes} B, {in_flight} in flight: {:.0} msg/s ({elapsed:.2} s)",
        messages as f64 / elapsed
    );
    channel
        .queue_delete(queue.as_str().into(), QueueDeleteOptions::default())
        .await?;
    let _ = connection.close(200, "done".into()).await;
    Ok(())
}

fn check(confirm: lapin::Result<lapin::Confirmation>) -> anyhow::Result<()> {
    match confirm? {
        lapin::Confirmation::Ack(_) => Ok(()),
        other => anyhow::bail!("not confirmed: {other:?}"),
    }
}
