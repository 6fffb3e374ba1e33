//! The `herald` command: one binary for every role.
//!
//! * `herald migrate`: apply the database migrations, then exit;
//! * `herald api`: the HTTP API;
//! * `herald worker`: the consumers;
//! * `herald dev`: migrate, then the API and the consumers in one process;
//! * `herald admin …`: manage services, API keys and templates.

use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use herald_domain::config::Settings;
use herald_domain::metrics::Metrics;
use herald_domain::{db, telemetry};
use herald_probes::{Health, serve_ops};
use herald_worker::Worker;

use crate::admin::{self, AdminCommand};
use crate::startup::{Application, Listeners};

#[derive(Parser)]
#[command(
    name = "herald",
    version,
    about = "Herald: a GOV.UK Notify-compatible notification API"
)]
struct Cli {
    #[command(flatten)]
    settings: Settings,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Serve the HTTP API (and /metrics on HERALD_METRICS_ADDR). SIGTERM:
    /// readiness 503, serve HERALD_DRAIN_SECONDS more, then stop.
    Api,
    /// Run the consumers named by HERALD_CONSUMERS (all of them by default),
    /// with /metrics, /livez and /readyz on HERALD_METRICS_ADDR.
    Worker,
    /// Local all-in-one: migrate, then the API and every consumer in one
    /// process. SIGTERM drains like `herald api`.
    Dev,
    /// Manage services, API keys and templates (prints JSON on stdout).
    #[command(subcommand)]
    Admin(AdminCommand),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = cli.settings;
    match cli.command {
        Command::Migrate => migrate(&settings).await,
        Command::Api => api(&settings).await,
        Command::Worker => worker(&settings).await,
        Command::Dev => dev(&settings).await,
        Command::Admin(command) => admin::run(&settings, command).await,
    }
}

async fn migrate(settings: &Settings) -> anyhow::Result<()> {
    // Migrations hold a session advisory lock: never through a
    // transaction pooler.
    let url = db::direct_url(settings).to_owned();
    let applied = tokio::task::spawn_blocking(move || {
        let pool = db::pool(
            &url,
            db::Pooler::None,
            1,
            Duration::from_secs(10),
            Duration::from_secs(600),
        )?;
        let mut conn = pool.get()?;
        db::run_migrations(&mut conn)
    })
    .await??;
    tracing::info!(?applied, "migrations applied");
    Ok(())
}

async fn api(settings: &Settings) -> anyhow::Result<()> {
    let app = Application::build(settings, Metrics::new()?, Health::new())
        .await?
        .with_drain(Duration::from_secs(settings.drain_seconds));
    tracing::info!(port = app.port(), "API listening");
    app.run_until(shutdown_signal()).await
}

async fn worker(settings: &Settings) -> anyhow::Result<()> {
    let metrics = Metrics::new()?;
    let health = Health::new();
    let ops = match settings.metrics_addr.as_str() {
        "" => None,
        addr => {
            let server = serve_ops(
                crate::startup::bind(addr, "HERALD_METRICS_ADDR")?,
                metrics.exposition(health.clone()),
                health.clone(),
            )?;
            let handle = server.handle();
            tokio::spawn(server);
            Some(handle)
        }
    };
    let worker = Worker::start(settings, metrics, health).await?;
    worker.run_until(shutdown_signal()).await?;
    if let Some(ops) = ops {
        ops.stop(true).await;
    }
    Ok(())
}

async fn dev(settings: &Settings) -> anyhow::Result<()> {
    // The addresses first: one in use stops the command before anything runs.
    let listeners = Listeners::bind(settings)?;
    migrate(settings).await?;
    let metrics = Metrics::new()?;
    let health = Health::new();
    let app = Application::build_on(listeners, settings, metrics.clone(), health.clone()).await?;
    let worker = match Worker::start(settings, metrics, health).await {
        Ok(worker) => worker,
        Err(error) => {
            app.run_until(std::future::ready(())).await?;
            return Err(error);
        }
    };
    let app = app.with_drain(Duration::from_secs(settings.drain_seconds));
    tracing::info!(port = app.port(), "Herald (dev) listening");
    let stop = tokio_util::sync::CancellationToken::new();
    let worker_stop = stop.clone();
    let worker = tokio::spawn(worker.run_until(async move { worker_stop.cancelled().await }));
    // The consumers keep working while the API drains, then stop.
    app.run_until(shutdown_signal()).await?;
    stop.cancel();
    worker.await??;
    Ok(())
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::Cli;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    /// Every subcommand says what it does and every flag what it is for
    /// (`herald --help`, `herald admin <command> --help`).
    #[test]
    fn every_subcommand_and_flag_has_help_text() {
        fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in command.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                if arg
                    .get_help()
                    .is_none_or(|h| h.to_string().trim().is_empty())
                {
                    missing.push(format!("{path} --{id}"));
                }
            }
            for sub in command.get_subcommands() {
                let sub_path = format!("{path} {}", sub.get_name());
                if sub.get_name() != "help"
                    && sub
                        .get_about()
                        .is_none_or(|h| h.to_string().trim().is_empty())
                {
                    missing.push(sub_path.clone());
                }
                walk(sub, &sub_path, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "herald", &mut missing);
        assert!(missing.is_empty(), "no help text: {missing:#?}");
    }
}
