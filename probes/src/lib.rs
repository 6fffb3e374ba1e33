//! Health without I/O.
//!
//! Components (the broker connection, the caches, each consumer loop) write
//! their state into a [`Health`] registry; the probe handlers only read it,
//! under a lock held for microseconds. No probe ever waits on the database,
//! the broker or anything else: a slow dependency cannot make a probe slow.
//!
//! * `GET /livez`: the process's loops are turning (each registered loop has
//!   beaten within its allowed silence).
//! * `GET /readyz`: every readiness check passes and the process is not
//!   shutting down. `?verbose` adds the per-check breakdown.

mod handlers;
mod health;
mod ops_server;

pub use handlers::{livez, readyz};
pub use health::{DependencyStatus, Health, Report};
pub use ops_server::{Exposition, serve_ops};
