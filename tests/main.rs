//! Black-box integration tests: the real API and worker against real
//! PostgreSQL and RabbitMQ, each test with its own database and queue names.

mod auth;
mod broker_outage;
mod compat;
mod errors;
mod health;
mod helpers;
mod persist;
mod python_client;
mod resilience;
mod send;
