//! Client callbacks: after a status commits, the service's delivery-status
//! URL receives Notify's payload with its bearer token.
//!
//! * 5 s timeout per request; connection errors, 5xx and 429 are retried
//!   through the retry queue (`HERALD_CALLBACK_RETRY_SECONDS` apart, Notify's
//!   5 minutes by default), up to `HERALD_CALLBACK_MAX_ATTEMPTS` tries, then
//!   parked. Other 4xx are not retried (Notify does the same).
//! * Requests of a batch run concurrently, and a host that failed within the
//!   last half minute is not called again until then (its callbacks go
//!   straight to the retry queue), so a slow or dead endpoint costs other
//!   services at most one timeout.
//! * URLs and tokens are read from the database when sending: no secret
//!   travels through the broker.

mod handler;

pub use handler::{CONSUMER_CHECK, Callbacks, LOOP_NAME};
