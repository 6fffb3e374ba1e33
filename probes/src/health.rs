use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::Serialize;

#[derive(Debug)]
struct Check {
    ok: bool,
    detail: String,
    /// When the check last went from passing to failing.
    failing_since: Option<Instant>,
    /// How long a check that was passing may fail before readiness drops
    /// (so a blip does not flap the pod out of the load balancer).
    grace: Duration,
}

/// Last result of a background check of a dependency (the database), shown
/// on the deep status page and in metrics. Never part of a probe.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DependencyStatus {
    pub reachable: bool,
    pub latency_ms: f64,
    /// Seconds since the Unix epoch.
    pub checked_at: i64,
    pub error: Option<String>,
}

#[derive(Debug)]
struct Heartbeat {
    last: Instant,
    max_silence: Duration,
}

#[derive(Debug, Default)]
struct State {
    readiness: BTreeMap<&'static str, Check>,
    /// Readiness checks kept up by a heartbeat (the main HTTP listener
    /// answering its own probe): failing once silent too long.
    ready_beats: BTreeMap<&'static str, Heartbeat>,
    loops: BTreeMap<&'static str, Heartbeat>,
    dependencies: BTreeMap<&'static str, DependencyStatus>,
}

/// The in-memory health registry a process shares between its components and
/// its probe handlers. Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Health {
    state: Arc<Mutex<State>>,
    shutting_down: Arc<AtomicBool>,
}

/// What a probe answers: overall verdict plus one line per check.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Report {
    pub ok: bool,
    pub checks: BTreeMap<String, CheckReport>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CheckReport {
    pub ok: bool,
    pub detail: String,
}

impl Health {
    pub fn new() -> Self {
        Health::default()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding this lock leaves plain data behind: keep going.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Records a readiness check's current state.
    pub fn set_ready(&self, check: &'static str, ok: bool, detail: impl Into<String>) {
        let mut state = self.state();
        let entry = state.readiness.entry(check).or_insert(Check {
            ok,
            detail: String::new(),
            failing_since: None,
            grace: Duration::ZERO,
        });
        entry.failing_since = match (entry.ok, ok) {
            (true, false) => Some(Instant::now()),
            (_, true) => None,
            (false, false) => entry.failing_since,
        };
        entry.ok = ok;
        entry.detail = detail.into();
    }

    /// Lets a check that was passing fail for up to `grace` before it makes
    /// the process unready. A check that never passed gets no grace.
    pub fn set_grace(&self, check: &'static str, grace: Duration) {
        let mut state = self.state();
        let entry = state.readiness.entry(check).or_insert(Check {
            ok: false,
            detail: "not reported yet".to_owned(),
            failing_since: None,
            grace,
        });
        entry.grace = grace;
    }

    /// Records the latest background check of a dependency.
    pub fn set_dependency(&self, name: &'static str, status: DependencyStatus) {
        self.state().dependencies.insert(name, status);
    }

    pub fn dependencies(&self) -> BTreeMap<String, DependencyStatus> {
        self.state()
            .dependencies
            .iter()
            .map(|(name, status)| ((*name).to_owned(), status.clone()))
            .collect()
    }

    /// Registers a loop that must beat at least every `max_silence` for the
    /// process to count as live, and records a first beat.
    pub fn register_loop(&self, name: &'static str, max_silence: Duration) {
        self.state().loops.insert(
            name,
            Heartbeat {
                last: Instant::now(),
                max_silence,
            },
        );
    }

    /// Registers a readiness check that passes only while `beat_ready`
    /// is called at least every `max_silence`; it starts failing (not
    /// beaten yet).
    pub fn register_ready_beat(&self, name: &'static str, max_silence: Duration) {
        self.state().ready_beats.insert(
            name,
            Heartbeat {
                last: Instant::now()
                    .checked_sub(max_silence + Duration::from_millis(1))
                    .unwrap_or_else(Instant::now),
                max_silence,
            },
        );
    }

    pub fn beat_ready(&self, name: &'static str) {
        if let Some(heartbeat) = self.state().ready_beats.get_mut(name) {
            heartbeat.last = Instant::now();
        }
    }

    pub fn beat(&self, name: &'static str) {
        if let Some(heartbeat) = self.state().loops.get_mut(name) {
            heartbeat.last = Instant::now();
        }
    }

    /// A loop that ended on purpose (shutdown) no longer counts for liveness.
    pub fn unregister_loop(&self, name: &'static str) {
        self.state().loops.remove(name);
    }

    /// From now on the process is not ready: it is draining.
    pub fn begin_shutdown(&self) {
        self.shutting_down.store(true, Ordering::SeqCst);
    }

    pub fn is_shutting_down(&self) -> bool {
        self.shutting_down.load(Ordering::SeqCst)
    }

    pub fn readiness(&self) -> Report {
        let now = Instant::now();
        let state = self.state();
        let mut checks: BTreeMap<String, CheckReport> = state
            .readiness
            .iter()
            .map(|(name, check)| {
                let within_grace = check
                    .failing_since
                    .is_some_and(|since| now.saturating_duration_since(since) < check.grace);
                let detail = if !check.ok && within_grace {
                    format!("{} (within grace)", check.detail)
                } else {
                    check.detail.clone()
                };
                (
                    (*name).to_owned(),
                    CheckReport {
                        ok: check.ok || within_grace,
                        detail,
                    },
                )
            })
            .collect();
        for (name, heartbeat) in &state.ready_beats {
            let silent = now.saturating_duration_since(heartbeat.last);
            let ok = silent <= heartbeat.max_silence;
            checks.insert(
                (*name).to_owned(),
                CheckReport {
                    ok,
                    detail: format!("last beat {} ms ago", silent.as_millis()),
                },
            );
        }
        let draining = self.is_shutting_down();
        checks.insert(
            "shutdown".to_owned(),
            CheckReport {
                ok: !draining,
                detail: if draining { "draining" } else { "running" }.to_owned(),
            },
        );
        Report {
            ok: checks.values().all(|c| c.ok),
            checks,
        }
    }

    pub fn liveness(&self) -> Report {
        let now = Instant::now();
        let checks: BTreeMap<String, CheckReport> = self
            .state()
            .loops
            .iter()
            .map(|(name, heartbeat)| {
                let silent = now.saturating_duration_since(heartbeat.last);
                (
                    (*name).to_owned(),
                    CheckReport {
                        ok: silent <= heartbeat.max_silence,
                        detail: format!("last beat {} ms ago", silent.as_millis()),
                    },
                )
            })
            .collect();
        Report {
            ok: checks.values().all(|c| c.ok),
            checks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_only_when_every_check_passes_and_not_draining() {
        let health = Health::new();
        health.set_ready("broker", true, "connected");
        health.set_ready("cache", false, "loading");
        assert!(!health.readiness().ok);
        health.set_ready("cache", true, "42 services");
        assert!(health.readiness().ok);
        health.begin_shutdown();
        let report = health.readiness();
        assert!(!report.ok);
        assert_eq!(report.checks["shutdown"].detail, "draining");
    }

    #[test]
    fn a_check_that_was_passing_fails_only_after_its_grace() {
        let health = Health::new();
        // Wide enough that a descheduled test thread stays within it.
        health.set_grace("broker", Duration::from_millis(500));
        health.set_ready("broker", false, "connecting");
        assert!(!health.readiness().ok, "never connected: no grace");
        health.set_ready("broker", true, "connected");
        health.set_ready("broker", false, "lost");
        assert!(health.readiness().ok, "a blip is within grace");
        std::thread::sleep(Duration::from_millis(600));
        assert!(!health.readiness().ok);
        health.set_ready("broker", true, "connected");
        assert!(health.readiness().ok);
    }

    #[test]
    fn a_heartbeat_check_is_ready_only_while_it_beats() {
        let health = Health::new();
        health.register_ready_beat("http", Duration::from_millis(500));
        assert!(!health.readiness().ok, "not beaten yet");
        health.beat_ready("http");
        assert!(health.readiness().ok);
        std::thread::sleep(Duration::from_millis(600));
        let report = health.readiness();
        assert!(!report.ok);
        assert!(report.checks["http"].detail.starts_with("last beat"));
        health.beat_ready("http");
        assert!(health.readiness().ok);
    }

    #[test]
    fn a_silent_loop_fails_liveness() {
        let health = Health::new();
        health.register_loop("persist", Duration::from_millis(500));
        assert!(health.liveness().ok);
        std::thread::sleep(Duration::from_millis(600));
        assert!(!health.liveness().ok);
        health.beat("persist");
        assert!(health.liveness().ok);
    }
}
