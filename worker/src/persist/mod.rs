//! The persist consumer: accepted notifications into PostgreSQL, in
//! batches. `consumer.rs` is the loop; `store.rs` is the transaction.

pub mod consumer;
mod store;

pub use consumer::run;
pub use store::{Rejected, StoreError, store_batch};
