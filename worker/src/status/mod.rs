//! The status consumer: status events (our sender's, SES receipts, the
//! simulator's, the timeout job's) applied in grouped transactions.
//!
//! A batch is collapsed to one event per notification (the strongest),
//! sorted by id, and applied in one statement. Events whose notification is
//! not stored yet go to the retry queue (a TTL queue that dead-letters back
//! here) until they are `HERALD_STATUS_MAX_AGE_SECONDS` old, then to the
//! parking queue, counted. Each notification whose status changed gets a
//! delivery-status callback queued if its service has a callback URL.

mod handler;

pub use handler::{CONSUMER_CHECK, LOOP_NAME, Status};
