//! Gathering deliveries into batches: up to `size` (counted by `weight`: one
//! per message, or the events a message carries), or whatever has arrived
//! `linger` after the first one, whichever comes first.

use std::time::Duration;

use futures_util::StreamExt;
use lapin::Consumer;
use lapin::message::Delivery;
use tokio::time::{Instant, timeout_at};
use tokio_util::sync::CancellationToken;

pub enum Gathered {
    /// At least one delivery.
    Batch(Vec<Delivery>),
    /// Nothing arrived within `idle` (the caller beats its heartbeat and
    /// asks again).
    Idle,
    /// The consumer ended (the channel or connection closed), with whatever
    /// was gathered before.
    Closed(Vec<Delivery>),
    /// Shutdown was requested before anything arrived.
    Stopped,
}

pub async fn gather(
    consumer: &mut Consumer,
    size: usize,
    weight: fn(&Delivery) -> usize,
    linger: Duration,
    idle: Duration,
    stop: &CancellationToken,
) -> lapin::Result<Gathered> {
    let first = tokio::select! {
        () = stop.cancelled() => return Ok(Gathered::Stopped),
        next = timeout_at(Instant::now() + idle, consumer.next()) => match next {
            Err(_) => return Ok(Gathered::Idle),
            Ok(None) => return Ok(Gathered::Closed(Vec::new())),
            Ok(Some(delivery)) => delivery?,
        },
    };
    let deadline = Instant::now() + linger;
    let mut gathered = weight(&first);
    let mut batch = Vec::with_capacity(size.min(4096));
    batch.push(first);
    while gathered < size {
        match timeout_at(deadline, consumer.next()).await {
            Err(_) => break,
            Ok(None) => return Ok(Gathered::Closed(batch)),
            Ok(Some(Ok(delivery))) => {
                gathered += weight(&delivery);
                batch.push(delivery);
            }
            Ok(Some(Err(_))) => return Ok(Gathered::Closed(batch)),
        }
    }
    Ok(Gathered::Batch(batch))
}
