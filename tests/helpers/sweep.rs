//! Test isolation housekeeping: each test's database and broker names are
//! removed when it ends; whatever a crashed earlier run left behind is
//! removed once at the start of a run. Names carry a UUIDv7, so only
//! leftovers older than [`ABANDONED_AFTER`] go: a run never removes a
//! concurrent run's databases or queues.

use std::process::Command;

use diesel::prelude::*;
use tokio::sync::OnceCell;

use super::{AMQP_URL, PG_ADMIN_URL};

static SWEPT: OnceCell<()> = OnceCell::const_new();

/// A test database or queue this old belongs to no running test.
const ABANDONED_AFTER: chrono::TimeDelta = chrono::TimeDelta::hours(1);

/// Whether the name's trailing id (a UUIDv7) is older than [`ABANDONED_AFTER`].
/// Names without a readable time (older runs' UUIDv4s) count as abandoned.
fn abandoned(name: &str) -> bool {
    let id = name
        .rsplit(['_', '-', '.'])
        .find_map(|part| uuid::Uuid::parse_str(part).ok());
    match id.and_then(|id| herald_domain::ids::created_at_of(&id)) {
        Some(created) => chrono::Utc::now() - created > ABANDONED_AFTER,
        None => true,
    }
}

/// Removes leftovers of earlier runs (once per test binary run).
pub async fn once() {
    SWEPT
        .get_or_init(|| async {
            let queues = tokio::task::spawn_blocking(|| {
                for db in leftover_databases() {
                    drop_database(&db);
                }
                leftover_queues()
            })
            .await
            .unwrap_or_default();
            delete_queues(&queues).await;
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
        .map(|rows| {
            rows.into_iter()
                .map(|r| r.datname)
                .filter(|name| abandoned(name))
                .collect()
        })
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
        .filter(|name| name.starts_with("htest-") && abandoned(name))
        .map(str::to_owned)
        .collect()
}

fn drop_database(name: &str) {
    if let Ok(mut conn) = PgConnection::establish(PG_ADMIN_URL) {
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .execute(&mut conn);
    }
}

/// Deletes queues over one AMQP connection, bounded in time: cleanup must
/// never hang the suite.
pub async fn delete_queues(queues: &[String]) {
    let work = async {
        let Ok(connection) = lapin::Connection::connect(AMQP_URL, Default::default()).await else {
            return;
        };
        for queue in queues {
            // A failed delete closes the channel: one channel per queue.
            if let Ok(channel) = connection.create_channel().await {
                let _ = channel
                    .queue_delete(queue.as_str().into(), Default::default())
                    .await;
            }
        }
        let _ = connection.close(200, "done".into()).await;
    };
    let _ = tokio::time::timeout(std::time::Duration::from_secs(60), work).await;
}

/// Removes one test's database (its queues go in `TestApp::stop`, or with
/// the next run's sweep if the test failed).
pub fn remove(db_name: &str) {
    drop_database(db_name);
}
