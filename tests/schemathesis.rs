//! The fuzzing run that stays: schemathesis (pinned in
//! tests/python/requirements.txt) against the OpenAPI document Herald
//! serves, every operation, with a fresh Notify token per request
//! (tests/python/schemathesis_hooks.py). It fails on any 5xx, any response
//! the document does not describe (status, content type, headers, body),
//! any schema-invalid request accepted, any method a path does not take
//! answered without 405 and `Allow`, and any panic in Herald's log.
//!
//! `herald dev` (API and workers) runs as a child process, so its log is
//! its own. Bounded here (`HERALD_FUZZ_MAX_EXAMPLES` per operation, 25 by
//! default, a fixed seed); `scripts/fuzz-deep` runs the same with many more
//! and prints Herald's request counts and memory before and after.

use std::collections::BTreeMap;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::helpers::{TestEnv, free_port, herald_bin};

const HOOKS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/python");

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

/// Resident memory of a process, in MiB (Linux).
fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<f64>()
                .ok()
        })
        .map_or(0.0, |kib| kib / 1024.0)
}

/// Herald's own count of the requests it answered: `(route, method,
/// status)` → count.
async fn answered(metrics: &str) -> BTreeMap<(String, String, String), u64> {
    let text = reqwest::get(format!("{metrics}/metrics"))
        .await
        .expect("metrics")
        .text()
        .await
        .expect("metrics text");
    let mut counts = BTreeMap::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("herald_http_requests_total{") else {
            continue;
        };
        let Some((labels, value)) = rest.rsplit_once("} ") else {
            continue;
        };
        let label = |name: &str| {
            labels
                .split("\",")
                .find_map(|l| l.strip_prefix(&format!("{name}=\"")))
                .map(|v| v.trim_end_matches('"').to_owned())
                .unwrap_or_default()
        };
        let count = value.trim().parse::<f64>().unwrap_or(0.0) as u64;
        *counts
            .entry((label("route"), label("method"), label("status")))
            .or_default() += count;
    }
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_no_server_error_and_no_response_outside_the_document() {
    let python = std::env::var("HERALD_TEST_PYTHON").unwrap_or_else(|_| {
        panic!("HERALD_TEST_PYTHON is not set: run the suite with scripts/test, which installs schemathesis")
    });
    let schemathesis = std::path::Path::new(&python).with_file_name("schemathesis");
    let max_examples = env_or("HERALD_FUZZ_MAX_EXAMPLES", "25");
    let seed = env_or("HERALD_FUZZ_SEED", "14");

    // Arrange: a service with a contact link (files by email) and limits
    // the run cannot reach, served by `herald dev` as a child process.
    let env = TestEnv::new().await;
    let fixture = env.fixture().await;
    env.admin(&[
        "set-limits",
        "--service-id",
        &fixture.service_id,
        "--rate-limit",
        "100000000",
        "--daily-limit",
        "100000000",
    ])
    .await;
    env.admin(&[
        "set-contact-link",
        "--service-id",
        &fixture.service_id,
        "--link",
        "https://example.com/contact",
    ])
    .await;
    let settings = env.settings();
    let (port, metrics_port) = (free_port(), free_port());
    let log_path = std::env::temp_dir().join(format!("{}-herald.log", env.prefix));
    let log = std::fs::File::create(&log_path).expect("log file");
    let mut herald = tokio::process::Command::new(herald_bin())
        .arg("dev")
        .envs(env.child_env(&settings))
        .env("HERALD_HTTP_ADDR", format!("127.0.0.1:{port}"))
        .env("HERALD_METRICS_ADDR", format!("127.0.0.1:{metrics_port}"))
        .env("RUST_LOG", "warn")
        .env("RUST_BACKTRACE", "1")
        // As the image and scripts/dev run it (see the Dockerfile).
        .env("MALLOC_MMAP_THRESHOLD_", "131072")
        .env("MALLOC_TRIM_THRESHOLD_", "131072")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .kill_on_drop(true)
        .spawn()
        .expect("spawn herald dev");
    let pid = herald.id().expect("pid");
    let base = format!("http://127.0.0.1:{port}");
    let metrics = format!("http://127.0.0.1:{metrics_port}");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    let deadline = Instant::now() + Duration::from_secs(60);
    while !client
        .get(format!("{base}/readyz"))
        .send()
        .await
        .is_ok_and(|r| r.status() == 200)
    {
        let exited = herald.try_wait().expect("try_wait");
        if exited.is_some() || Instant::now() > deadline {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            panic!("herald dev never became ready ({exited:?}):\n{log}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let rss_before = rss_mib(pid);
    // What the readiness wait above was answered (503s until ready) is not
    // the run's.
    let before_run = answered(&metrics).await;

    // Act: every operation of the served document, every check but
    // positive_data_acceptance (a schema-valid body may still name a
    // template the service does not have: Notify's 400 "Template not
    // found", as documented).
    let started = Instant::now();
    let output = tokio::process::Command::new(&schemathesis)
        .args([
            "run",
            &format!("{base}/v2/openapi.json"),
            "--checks",
            "all",
            "--exclude-checks",
            "positive_data_acceptance",
            "--max-examples",
            &max_examples,
            "--seed",
            &seed,
            // One worker: hypothesis's lambda descriptions are not safe
            // across threads on Python 3.11 (a rare SystemError in ast).
            "--workers",
            "1",
            "--phases",
            "examples,coverage,fuzzing",
            "--suppress-health-check",
            "all",
            "--request-timeout",
            "40",
            "--no-color",
        ])
        // Its caches (.schemathesis, .hypothesis) go there, not in the tree.
        .current_dir(std::env::temp_dir())
        .env("SCHEMATHESIS_HOOKS", "schemathesis_hooks")
        .env("PYTHONPATH", HOOKS_DIR)
        .env("HERALD_FUZZ_API_KEY", &fixture.normal_key)
        .env("HERALD_FUZZ_EMAIL_TEMPLATE", &fixture.email_template)
        .env("HERALD_FUZZ_SMS_TEMPLATE", &fixture.sms_template)
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", schemathesis.display()));
    let took = started.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);

    // The figures (scripts/fuzz-deep prints them).
    let mut answered = answered(&metrics).await;
    for (key, count) in before_run {
        if let Some(total) = answered.get_mut(&key) {
            *total -= count;
        }
    }
    answered.retain(|_, count| *count > 0);
    let total: u64 = answered.values().sum();
    let mut by_status: BTreeMap<&str, u64> = BTreeMap::new();
    for ((_, _, status), count) in &answered {
        *by_status.entry(status).or_default() += count;
    }
    let server_errors: Vec<_> = answered
        .iter()
        .filter(|((_, _, status), _)| status.starts_with('5'))
        .collect();
    let rss_after = rss_mib(pid);
    let tail: Vec<&str> = stdout.lines().rev().take(25).collect();
    let tail: Vec<&str> = tail.into_iter().rev().collect();
    println!(
        "schemathesis: {max_examples} examples per operation, seed {seed}, {:.0} s\n{}\n\
         herald answered {total} requests, by status: {by_status:?}\n\
         herald dev RSS: {rss_before:.1} MiB before, {rss_after:.1} MiB after",
        took.as_secs_f64(),
        tail.join("\n")
    );

    herald.start_kill().expect("kill herald");
    let _ = herald.wait().await;
    let log = std::fs::read_to_string(&log_path).unwrap_or_default();
    let _ = std::fs::remove_file(&log_path);

    // Assert.
    assert!(
        output.status.success(),
        "schemathesis failed:\n{stdout}\n{stderr}"
    );
    assert!(total > 0, "no request reached herald");
    assert!(
        server_errors.is_empty(),
        "5xx answered: {server_errors:?}; herald's log:\n{log}"
    );
    assert!(
        !log.contains("panicked"),
        "herald's log shows a panic:\n{log}"
    );
}
