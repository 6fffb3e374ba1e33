//! The sender: accepted notifications → a provider (or the simulator) →
//! status events. Fed from the same exchange as persistence, so a slow or
//! absent database never delays sending.
//!
//! * Test keys, and Notify's simulated recipients, never reach a provider:
//!   the simulator reports `sending`, then `delivered` (or a failure for
//!   Notify's simulator addresses and numbers), through the same status path
//!   as real receipts.
//! * Everything else goes to the type's provider. A throttled or failing
//!   provider is retried with backoff (the batch is held, unacked); a
//!   permanent refusal becomes `technical-failure`.
//! * Bulk sends have their own, lower-priority lane ([`lanes`]).

pub mod aws;
mod handler;
pub mod lanes;
pub mod provider;
pub mod simulator;

pub use handler::{Deliver, consumer_check, loop_name};
