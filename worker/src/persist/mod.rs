//! The persist consumer: accepted notifications into PostgreSQL, in
//! batches. `handler.rs` is the batch step; `store.rs` is the transaction.

pub mod handler;
mod store;

pub use handler::{CONSUMER_CHECK, Persist};
pub use store::{StoreError, store_batch};
