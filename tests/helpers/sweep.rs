//! Test isolation housekeeping: each test's database and broker names are
//! removed when it ends; whatever a crashed earlier run left behind is
//! removed once at the start of a run.

use std::process::Command;

use diesel::prelude::*;
use tokio::sync::OnceCell;

use super::{AMQP_URL, PG_ADMIN_URL};

static SWEPT: OnceCell<()> = OnceCell::const_new();

/// Removes leftovers of earlier runs (once per test binary run).
pub async fn once() {
    SWEPT
        .get_or_init(|| async {
            let _ = tokio::task::spawn_blocking(|| {
                let databases = leftover_databases();
                let queues = leftover_queues();
                for db in databases {
                    drop_database(&db);
                }
                delete_broker_objects(&queues, &[]);
            })
            .await;
        })
        .await;
}

fn leftover_databases() -> Vec<String> {
    let Ok(mut conn) = PgConnection::establish(PG_ADMIN_URL) else {
        return Vec::new();
    };
    #[derive(QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        datname: String,
    }
    diesel::sql_query("SELECT datname FROM pg_database WHERE datname LIKE 'herald_test_%'")
        .load::<Name>(&mut conn)
        .map(|rows| rows.into_iter().map(|r| r.datname).collect())
        .unwrap_or_default()
}

fn leftover_queues() -> Vec<String> {
    let Ok(output) = Command::new("rabbitmqctl")
        .args(["list_queues", "-q", "--no-table-headers", "name"])
        .output()
    else {
        return Vec::new();
    };
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::trim)
        .filter(|name| name.starts_with("htest-"))
        .map(str::to_owned)
        .collect()
}

fn drop_database(name: &str) {
    if let Ok(mut conn) = PgConnection::establish(PG_ADMIN_URL) {
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .execute(&mut conn);
    }
}

fn delete_broker_objects(queues: &[String], exchanges: &[String]) {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return;
    };
    runtime.block_on(async {
        let Ok(connection) = lapin::Connection::connect(AMQP_URL, Default::default()).await else {
            return;
        };
        for queue in queues {
            if let Ok(channel) = connection.create_channel().await {
                let _ = channel
                    .queue_delete(queue.as_str().into(), Default::default())
                    .await;
            }
        }
        for exchange in exchanges {
            if let Ok(channel) = connection.create_channel().await {
                let _ = channel
                    .exchange_delete(exchange.as_str().into(), Default::default())
                    .await;
            }
        }
        let _ = connection.close(200, "done".into()).await;
    });
}

/// Removes one test's database and broker objects.
pub fn remove(db_name: &str, prefix: &str) {
    drop_database(db_name);
    let topology = herald_domain::broker::Topology::new(prefix);
    let persist = topology.persist_queue();
    delete_broker_objects(
        &[topology.dead_queue_for(&persist), persist],
        &[
            topology.notifications_exchange(),
            topology.dead_exchange(),
            topology.changes_exchange(),
        ],
    );
}
