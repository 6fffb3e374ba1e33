//! Herald's consumers. Each one follows the batch path:
//! consume (prefetch) → gather a batch (size or linger) → commit it in one
//! transaction → ack the batch. Nothing is acked before its commit, so a
//! crash loses nothing; every write is idempotent, so the redelivery after a
//! crash duplicates nothing.
//!
//! * `persist/`: accepted notifications → `notifications` rows.

pub mod batch;
pub mod consumer;
pub mod persist;
mod startup;

pub use startup::Worker;
