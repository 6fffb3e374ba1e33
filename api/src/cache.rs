//! Services, API keys and templates, held in memory by every API process.
//!
//! * Loaded in full at start (readiness waits for it) and again every
//!   `HERALD_CACHE_RELOAD_SECONDS`, as a safety net.
//! * Reloaded per service when a change event arrives on the changes fanout
//!   (`herald admin` publishes one after every change): within a second.
//! * On a miss (a key created a moment ago, before its event arrived), one
//!   bounded lookup of that service, at most once a second per service id,
//!   so a stream of bad tokens cannot turn into a stream of queries.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use herald_domain::models::{ApiKey, Contacts, Service, ServiceSnapshot, Template};
use herald_domain::recipient;
use herald_probes::Health;
use uuid::Uuid;

use crate::db::Db;
use crate::error::ApiError;

/// Minimum time between two miss-driven lookups of the same service id.
/// The cache's readiness check (`/readyz?verbose` shows how many services it holds).
pub const CACHE_CHECK: &str = "cache";

const MISS_LOOKUP_INTERVAL: Duration = Duration::from_secs(1);
/// Bound on remembered miss times (unknown ids from bad tokens).
const MAX_REMEMBERED_MISSES: usize = 10_000;

#[derive(Debug)]
pub struct CachedService {
    pub service: Service,
    pub api_keys: Vec<ApiKey>,
    pub templates: HashMap<Uuid, Template>,
    pub contacts: Contacts,
    /// Team members' addresses and numbers and the guest list, in Notify's
    /// comparison form: who a team key or a restricted service may send to.
    pub allowed_recipients: HashSet<String>,
}

impl CachedService {
    pub fn may_receive(&self, raw_recipient: &str) -> bool {
        self.allowed_recipients
            .contains(&recipient::format_recipient_for_comparison(raw_recipient))
    }
}

impl From<ServiceSnapshot> for CachedService {
    fn from(snapshot: ServiceSnapshot) -> Self {
        let contacts = snapshot.contacts;
        let allowed_recipients = contacts
            .team_members
            .iter()
            .flat_map(|m| {
                std::iter::once(m.email_address.as_str()).chain(m.mobile_number.as_deref())
            })
            .chain(contacts.guest_list.iter().map(|g| g.recipient.as_str()))
            .map(recipient::format_recipient_for_comparison)
            .collect();
        CachedService {
            service: snapshot.service,
            api_keys: snapshot.api_keys,
            templates: snapshot.templates.into_iter().map(|t| (t.id, t)).collect(),
            contacts,
            allowed_recipients,
        }
    }
}

pub struct ServiceCache {
    services: RwLock<HashMap<Uuid, Arc<CachedService>>>,
    last_miss_lookup: Mutex<HashMap<Uuid, Instant>>,
    warm: AtomicBool,
    db: Db,
}

impl ServiceCache {
    pub fn new(db: Db) -> Self {
        ServiceCache {
            services: RwLock::new(HashMap::new()),
            last_miss_lookup: Mutex::new(HashMap::new()),
            warm: AtomicBool::new(false),
            db,
        }
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn is_warm(&self) -> bool {
        self.warm.load(Ordering::SeqCst)
    }

    /// Reports the cache's readiness once warm, with the services it holds
    /// now (after a full reload or a change event alike).
    pub fn report(&self, health: &Health) {
        if self.is_warm() {
            let count = self.read().len();
            health.set_ready(CACHE_CHECK, true, format!("{count} services"));
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<Uuid, Arc<CachedService>>> {
        self.services
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<Uuid, Arc<CachedService>>> {
        self.services
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The cached service, without any I/O.
    pub fn get(&self, id: &Uuid) -> Option<Arc<CachedService>> {
        self.read().get(id).cloned()
    }

    /// The cached service; on a miss, one rate-limited, bounded lookup.
    pub async fn get_or_lookup(&self, id: Uuid) -> Result<Option<Arc<CachedService>>, ApiError> {
        if let Some(found) = self.get(&id) {
            return Ok(Some(found));
        }
        self.lookup_after_miss(id).await
    }

    /// Reloads a service whose cached copy lacked something the request
    /// needs (a new key or template). Rate-limited per service id; returns the
    /// freshest copy available.
    pub async fn lookup_after_miss(
        &self,
        id: Uuid,
    ) -> Result<Option<Arc<CachedService>>, ApiError> {
        if !self.may_look_up(id) {
            return Ok(self.get(&id));
        }
        self.reload_service(id).await?;
        Ok(self.get(&id))
    }

    fn may_look_up(&self, id: Uuid) -> bool {
        let now = Instant::now();
        let mut misses = self
            .last_miss_lookup
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if misses.len() >= MAX_REMEMBERED_MISSES {
            misses.retain(|_, at| now.duration_since(*at) < MISS_LOOKUP_INTERVAL);
        }
        match misses.get(&id) {
            Some(at) if now.duration_since(*at) < MISS_LOOKUP_INTERVAL => false,
            _ => {
                misses.insert(id, now);
                true
            }
        }
    }

    /// Reloads one service from the database (a change event, or a miss).
    pub async fn reload_service(&self, id: Uuid) -> Result<(), ApiError> {
        let snapshots = self
            .db
            .run(move |conn| Service::snapshots(conn, Some(id)))
            .await?;
        let mut services = self.write();
        match snapshots.into_iter().next() {
            Some(snapshot) => {
                services.insert(id, Arc::new(snapshot.into()));
            }
            None => {
                services.remove(&id);
            }
        }
        Ok(())
    }

    /// Replaces the whole cache with a fresh load.
    pub async fn reload_all(&self) -> Result<usize, ApiError> {
        let snapshots = self.db.run(|conn| Service::snapshots(conn, None)).await?;
        let fresh: HashMap<Uuid, Arc<CachedService>> = snapshots
            .into_iter()
            .map(|s| (s.service.id, Arc::new(s.into())))
            .collect();
        let count = fresh.len();
        *self.write() = fresh;
        self.warm.store(true, Ordering::SeqCst);
        Ok(count)
    }
}
