//! Herald's consumers. Each one follows the batch path:
//! consume (prefetch) → gather a batch (size or linger) → commit it in one
//! transaction → ack the batch. Nothing is acked before its commit, so a
//! crash loses nothing; every write is idempotent, so the redelivery after a
//! crash duplicates nothing.
//!
//! * `persist/`: accepted notifications → `notifications` rows;
//! * `deliver/`: accepted notifications → provider or simulator → status events;
//! * `letters.rs`: accepted letters → PDF (rendered or precompiled) → `letter_pdfs` → dispatch adapter;
//! * `inbound.rs`: received text messages → `received_texts` (+ inbound callbacks queued);
//! * `status/`: status events → grouped status updates (+ callbacks queued);
//! * `callbacks/`: callbacks → the services' endpoints;
//! * `documents.rs`: files sent by email → the (encrypted) document store;
//! * `timeouts.rs`: `sending` for 72 h → `temporary-failure`;
//! * `jobs.rs`: bulk sends' counters folded into their `jobs` rows;
//! * `scheduled.rs`: scheduled bulk sends released to their delivery lane when due.

pub mod batch;
pub mod callbacks;
pub mod consumer;
pub mod deliver;
pub mod disowned;
pub mod documents;
pub mod inbound;
pub mod jobs;
pub mod letters;
pub mod persist;
pub mod providers;
pub mod scheduled;
mod startup;
pub mod status;
pub mod timeouts;

pub use startup::Worker;
