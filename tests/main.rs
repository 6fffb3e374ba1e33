//! Black-box integration tests: the real API and worker against real
//! PostgreSQL and RabbitMQ, each test with its own database and queue names.

mod auth;
mod broker_outage;
mod compat;
mod delivery;
mod errors;
mod files;
mod fuzz;
mod health;
mod helpers;
mod inbound;
mod letters;
mod official_clients;
mod packing;
mod persist;
mod resilience;
mod send;
mod ses;
