//! Herald's shared core: what the API and the workers agree on.
//!
//! * [`kinds`], [`ids`]: the domain vocabulary and notification ids;
//! * [`recipient`], [`rendering`]: Notify's recipient and template rules;
//! * [`letters`]: postal addresses, letter PDFs (rendered and precompiled) and their storage;
//! * [`schema`], [`models`], [`db`]: the PostgreSQL side;
//! * [`messages`], [`broker`]: the RabbitMQ side;
//! * [`config`], [`telemetry`], [`metrics`]: process plumbing.

pub mod broker;
pub mod config;
pub mod db;
pub mod documents;
pub mod file_uploads;
pub mod format;
pub mod ids;
pub mod inbound_sms;
pub mod kinds;
pub mod letters;
pub mod messages;
pub mod metrics;
pub mod models;
pub mod python;
pub mod recipient;
pub mod rendering;
pub mod sanitise;
pub mod schema;
pub mod ses;
pub mod status;
pub mod telemetry;
