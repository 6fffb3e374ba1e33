//! Black-box integration tests: the real API and worker against real
//! PostgreSQL and RabbitMQ, each test with its own database and queue names.

mod auth;
mod broker_outage;
mod bulk;
mod cli;
mod compat;
mod delivery;
mod errors;
mod files;
mod fuzz;
mod hardening;
mod health;
mod helpers;
mod inbound;
mod letters;
mod monitoring;
mod official_clients;
mod packing;
mod persist;
mod resilience;
mod schemathesis;
mod send;
mod ses;
