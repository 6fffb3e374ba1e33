//! Building and running the API: bind first (so port 0 works in tests), then
//! wire the cache, the broker link and the routes.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServerHandle, ServiceRequest, ServiceResponse};
use actix_web::middleware::{Next, from_fn};
use actix_web::{App, HttpServer, web};
use herald_domain::config::Settings;
use herald_domain::db;
use herald_domain::letters::store::{PdfStore, PgPdfStore};
use herald_domain::metrics::Metrics;
use herald_domain::models::Notification;
use herald_probes::{Health, serve_ops};
use tokio_util::sync::CancellationToken;

use crate::cache::{CACHE_CHECK, ServiceCache};
use crate::db::Db;
use crate::deadline;
use crate::limits::Limits;
use crate::publisher::{self, Publisher, PublisherSettings};
use crate::receipt_groups::ReceiptGroups;
use crate::routes;
use crate::sns_webhook::SnsWebhook;
use crate::state::{AppState, BULK_SENDS_AT_ONCE, BulkLimits, HttpDeadlines};

/// The main listener's heartbeat: readiness (served from the ops port's own
/// thread) says whether the API's listener answers at all.
const LISTENER_CHECK: &str = "http-listener";
/// How often the listener is asked `GET /_status?simple=true`.
const LISTENER_PROBE_EVERY: Duration = Duration::from_secs(1);
/// Silence after which the listener counts as not answering.
const LISTENER_MAX_SILENCE: Duration = Duration::from_secs(10);

/// How long shutdown waits for the background loops to finish.
const BACKGROUND_STOP: Duration = Duration::from_secs(5);

pub struct Application {
    port: u16,
    /// Where the listener's own heartbeat probe asks.
    probe_url: String,
    metrics_port: Option<u16>,
    server: Server,
    ops_server: Option<Server>,
    health: Health,
    stop: CancellationToken,
    /// The background loops (broker link, cache reload, database check):
    /// awaited on shutdown, so the broker connection closes in order.
    tasks: Vec<tokio::task::JoinHandle<()>>,
    drain: Duration,
}

/// The API's addresses, bound: one in use stops the command before any task
/// or connection starts.
pub struct Listeners {
    http: TcpListener,
    metrics: Option<TcpListener>,
}

impl Listeners {
    pub fn bind(settings: &Settings) -> anyhow::Result<Self> {
        Ok(Listeners {
            http: bind(&settings.http_addr, "HERALD_HTTP_ADDR")?,
            metrics: match settings.metrics_addr.as_str() {
                "" => None,
                addr => Some(bind(addr, "HERALD_METRICS_ADDR")?),
            },
        })
    }
}

impl Application {
    pub async fn build(
        settings: &Settings,
        metrics: Metrics,
        health: Health,
    ) -> anyhow::Result<Self> {
        Self::build_on(Listeners::bind(settings)?, settings, metrics, health).await
    }

    /// Builds the API on addresses already bound.
    pub async fn build_on(
        listeners: Listeners,
        settings: &Settings,
        metrics: Metrics,
        health: Health,
    ) -> anyhow::Result<Self> {
        let Listeners {
            http: listener,
            metrics: ops_listener,
        } = listeners;
        let local = listener.local_addr()?;
        let port = local.port();
        let probe_ip = match local.ip() {
            ip if !ip.is_unspecified() => ip,
            std::net::IpAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
            std::net::IpAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
        };
        let probe_url = format!(
            "http://{}/_status?simple=true",
            std::net::SocketAddr::new(probe_ip, port)
        );
        health.register_ready_beat(LISTENER_CHECK, LISTENER_MAX_SILENCE);
        let host = settings
            .http_addr
            .rsplit_once(':')
            .map_or("127.0.0.1", |(h, _)| h);
        let public_url = settings
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{host}:{port}/"));
        let public_url = if public_url.ends_with('/') {
            public_url
        } else {
            format!("{public_url}/")
        };

        let pool = db::pool(
            &settings.database_url,
            settings.db_pooler,
            settings.db_pool_size,
            settings.db_timeout(),
            settings.db_timeout(),
        )?;
        let pdfs: Arc<dyn PdfStore> = Arc::new(PgPdfStore::new(pool.clone()));
        let db = Db::new(pool, settings.db_timeout(), metrics.clone());
        let cache = Arc::new(ServiceCache::new(db.clone()));
        let publisher = Publisher::start(
            PublisherSettings {
                topology: settings.topology(),
                timeout: settings.publish_timeout(),
                group_size: settings.publish_group_size,
                group_wait: settings.publish_group_wait(),
            },
            metrics.clone(),
            health.clone(),
            db.clone(),
        );
        let stop = CancellationToken::new();

        health.set_grace(publisher::BROKER_CHECK, settings.broker_grace());
        health.set_grace(publisher::PUBLISH_CHECK, settings.broker_grace());
        let mut tasks = Vec::new();
        tasks.push(tokio::spawn(db::watch_database(
            db.pool().clone(),
            "api",
            health.clone(),
            metrics.clone(),
            Duration::from_secs(settings.db_check_seconds.max(1)),
            stop.clone(),
        )));
        tasks.push(tokio::spawn(publisher::supervise(
            settings.amqp_url.clone(),
            publisher.clone(),
            cache.clone(),
            health.clone(),
            stop.clone(),
        )));
        let limits = Arc::new(Limits::new());
        tasks.push(tokio::spawn(keep_cache_fresh(
            cache.clone(),
            limits.clone(),
            health.clone(),
            Duration::from_secs(settings.cache_reload_seconds.max(1)),
            stop.clone(),
        )));

        let state = web::Data::new(AppState {
            cache,
            limits,
            receipts: ReceiptGroups::start(publisher.clone(), settings.publish_group_wait()),
            publisher,
            db,
            metrics: metrics.clone(),
            public_url,
            email_from_domain: settings.email_from_domain.clone(),
            read_your_write: chrono::TimeDelta::from_std(settings.read_your_write())?,
            sns: SnsWebhook::from_settings(settings, &settings.ses_sns_topic_arns)?,
            inbound_sns: SnsWebhook::from_settings(settings, &settings.inbound_sms_sns_topic_arns)?,
            pdfs,
            http: HttpDeadlines {
                body_timeout: settings.http_body_timeout(),
                request_timeout: settings.http_request_timeout(),
            },
            bulk: BulkLimits {
                max_rows: settings.bulk_max_rows.max(1),
                pack_size: settings.publish_group_size.max(1),
                at_once: Arc::new(tokio::sync::Semaphore::new(BULK_SENDS_AT_ONCE)),
            },
        });
        let health_data = web::Data::new(health.clone());
        let status = web::Data::new(routes::status::StatusInfo::new(health.clone()));
        // One HTTP worker per CPU (actix's default, made explicit so that the
        // connection bound, which actix counts per worker, is per process).
        let workers = std::thread::available_parallelism().map_or(1, usize::from);
        let server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(health_data.clone())
                .app_data(status.clone())
                .wrap(from_fn(deadline::request_deadline))
                .wrap(from_fn(record_http_metrics))
                .configure(routes::configure)
                .default_service(web::to(routes::no_route))
        })
        .workers(workers)
        .max_connections(settings.http_max_connections.div_ceil(workers).max(1))
        .client_request_timeout(settings.http_header_timeout())
        .disable_signals()
        .shutdown_timeout(5)
        .listen(listener)?
        .run();

        let (ops_server, metrics_port) = match ops_listener {
            None => (None, None),
            Some(listener) => {
                let metrics_port = listener.local_addr()?.port();
                let server =
                    serve_ops(listener, metrics.exposition(health.clone()), health.clone())?;
                (Some(server), Some(metrics_port))
            }
        };

        Ok(Application {
            port,
            probe_url,
            metrics_port,
            server,
            ops_server,
            health,
            stop,
            tasks,
            drain: Duration::from_secs(0),
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics_port
    }

    /// How long to keep serving after shutdown begins (readiness is already
    /// 503 then, so load balancers stop sending new requests).
    pub fn with_drain(mut self, drain: Duration) -> Self {
        self.drain = drain;
        self
    }

    /// Serves until `shutdown` resolves, then drains and stops gracefully.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()>,
    ) -> anyhow::Result<()> {
        let handle: ServerHandle = self.server.handle();
        let ops_handle = self.ops_server.as_ref().map(Server::handle);
        if let Some(ops) = self.ops_server {
            tokio::spawn(ops);
        }
        let server = tokio::spawn(self.server);
        tokio::spawn(probe_listener(
            self.probe_url,
            self.health.clone(),
            self.stop.clone(),
        ));
        shutdown.await;
        self.health.begin_shutdown();
        tracing::info!(drain = ?self.drain, "shutting down: readiness is now 503, draining");
        tokio::time::sleep(self.drain).await;
        handle.stop(true).await;
        self.stop.cancel();
        if let Some(ops) = ops_handle {
            ops.stop(true).await;
        }
        server.await??;
        let background = futures_util::future::join_all(self.tasks);
        if tokio::time::timeout(BACKGROUND_STOP, background)
            .await
            .is_err()
        {
            tracing::warn!(?BACKGROUND_STOP, "background loops did not stop in time");
        }
        Ok(())
    }
}

/// Binds `addr`, or says which address (and which setting) it could not.
pub fn bind(addr: &str, setting: &str) -> anyhow::Result<TcpListener> {
    TcpListener::bind(addr).map_err(|error| match error.kind() {
        std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
            "cannot listen on {addr}: the address is already in use (is Herald already running? \
             {setting} sets another address)"
        ),
        _ => anyhow::anyhow!("cannot listen on {addr} ({setting}): {error}"),
    })
}

/// The main listener's heartbeat: asks it `/_status?simple=true` every
/// second and beats [`LISTENER_CHECK`] on each answer. The probes are served
/// on the ops port by a thread of their own (a saturated request worker pool
/// cannot delay them), so this is how readiness still reports whether the
/// listener that takes the traffic answers.
async fn probe_listener(url: String, health: Health, stop: CancellationToken) {
    // No idle connection is kept: the heartbeat must not hold one of the
    // listener's bounded connection slots (HERALD_HTTP_MAX_CONNECTIONS).
    let client = match reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(0)
        .timeout(LISTENER_MAX_SILENCE)
        .build()
    {
        Ok(client) => client,
        Err(error) => {
            tracing::error!(%error, "no HTTP client for the listener's heartbeat");
            return;
        }
    };
    loop {
        let answered = tokio::select! {
            () = stop.cancelled() => return,
            answer = client.get(&url).send() => answer.is_ok_and(|r| r.status().is_success()),
        };
        if answered {
            health.beat_ready(LISTENER_CHECK);
        }
        tokio::select! {
            () = stop.cancelled() => return,
            () = tokio::time::sleep(LISTENER_PROBE_EVERY) => {}
        }
    }
}

/// Warms the cache (readiness waits for it), then reloads it periodically.
async fn keep_cache_fresh(
    cache: Arc<ServiceCache>,
    limits: Arc<Limits>,
    health: Health,
    every: Duration,
    stop: CancellationToken,
) {
    const LOOP: &str = "cache-reload";
    health.set_ready(CACHE_CHECK, false, "loading");
    health.register_loop(LOOP, every * 3 + Duration::from_secs(30));
    loop {
        health.beat(LOOP);
        let wait = match cache.reload_all().await {
            Ok(_) => {
                cache.report(&health);
                match cache.db().run(Notification::counts_today).await {
                    Ok(counts) => limits.refresh_daily(counts),
                    Err(error) => tracing::warn!(%error, "daily counts not refreshed"),
                }
                every
            }
            Err(error) => {
                tracing::warn!(%error, "cache reload failed; serving the previous copy");
                if !cache.is_warm() {
                    health.set_ready(CACHE_CHECK, false, format!("not loaded yet: {error}"));
                }
                Duration::from_secs(1).min(every)
            }
        };
        tokio::select! {
            () = stop.cancelled() => break,
            () = tokio::time::sleep(wait) => {}
        }
    }
    health.unregister_loop(LOOP);
}

async fn record_http_metrics(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let route = request
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = request.method().to_string();
    // The two families only: cloning all of `Metrics` (dozens of `Arc`s)
    // showed in the profile of every request (docs/benchmarks.md).
    let metrics = request.app_data::<web::Data<AppState>>().map(|state| {
        (
            state.metrics.http_requests_total.clone(),
            state.metrics.http_request_duration_seconds.clone(),
        )
    });
    let response = next.call(request).await;
    if let Some((requests, durations)) = metrics {
        let status = match &response {
            Ok(response) => response.status(),
            Err(error) => error.as_response_error().status_code(),
        };
        let status = status.as_u16().to_string();
        requests
            .with_label_values(&[&route, &method, &status])
            .inc();
        durations
            .with_label_values(&[&route, &method])
            .observe(started.elapsed().as_secs_f64());
    }
    response
}
