//! Herald's HTTP API and the `herald` command line.
//!
//! The hot path, request → validate → publish:
//! * `routes/notifications/post.rs`: the handler, a list of steps;
//! * `auth.rs`: Notify's JWT check against the in-memory `cache.rs`;
//! * `body.rs`, `validation.rs`: reading and checking the request (within
//!   the deadlines of `deadline.rs`);
//! * `publisher.rs`: the confirmed publish to RabbitMQ; notifications
//!   accepted together are packed into one message (`group_commit.rs`).
//!
//! What handlers reach is `state.rs` (`AppState`); `startup.rs` builds it
//! and the server, and is imported by nothing but the command line.
//!
//! SES receipts (`routes/receipts.rs`, verified by `sns_webhook.rs`) are
//! verified, then queued through
//! `receipt_groups.rs`, which packs receipts arriving together into one
//! message.
//!
//! Reads (`routes/notifications/get.rs`) go to PostgreSQL through `db.rs`,
//! which bounds and times out every call.

pub mod admin;
pub mod auth;
pub mod body;
pub mod cache;
pub mod cli;
pub mod content;
pub mod db;
pub mod deadline;
pub mod error;
pub mod group_commit;
pub mod limits;
pub mod publisher;
pub mod query;
pub mod receipt_groups;
pub mod routes;
pub mod schedule;
pub mod sns_webhook;
pub mod startup;
pub mod state;
pub mod validation;
