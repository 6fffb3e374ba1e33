#!/usr/bin/env python3
"""Where `herald api` spends its CPU under load (figures, not a test). Run it
through `scripts/profile`, which builds the release binary first.

Usage: scripts/profile [seconds of load, default 20] [connections, default 64]

Starts a private RabbitMQ node (as scripts/bench does), a database, `herald
api` alone (no worker: the API's own ceiling, the "API alone" figure of
docs/benchmarks.md), then samples the API process with `perf record` (cpu
clock, 999 Hz, call graphs from DWARF) while wrk POSTs emails with a test
key. Prints the rate, the API's CPU per request, and the hottest functions
(self time) and call chains, grouped by what they do. The raw profile stays
in /tmp/herald-profile-<run>.data for `perf report -i`.
"""

import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_pipeline as bench  # noqa: E402  (shares its broker, setup and wrk)

SECONDS = int(sys.argv[1]) if len(sys.argv) > 1 else 20
CONNECTIONS = int(sys.argv[2]) if len(sys.argv) > 2 else 64

# Symbol substrings → what the work is, first match wins.
GROUPS = [
    ("JSON (serde)", ("serde_json", "serde::de", "serde::ser", "::deserialize", "::serialize")),
    ("JWT and HMAC", ("jsonwebtoken", "hmac", "sha2", "Sha256", "base64")),
    ("template rendering and validation", ("herald_domain::rendering", "herald_domain::recipient",
                                           "herald_domain::sanitise", "herald_api::validation", "regex")),
    ("AMQP client (lapin, amq-protocol)", ("lapin", "amq_protocol", "async_rs", "async_global_executor")),
    ("HTTP server (actix, h1)", ("actix", "h1::", "httparse", "http::header")),
    ("memory allocation", ("malloc", "free", "realloc", "_int_", "memcpy", "memmove", "alloc::")),
    ("async runtime (tokio)", ("tokio",)),
    ("kernel (syscalls, network)", ("[k]", "entry_SYSCALL", "tcp_", "sys_", "__x64_sys")),
    ("metrics (prometheus)", ("prometheus",)),
    ("logging (tracing)", ("tracing",)),
]


def perf_report(data):
    out = subprocess.run(["perf", "report", "-i", data, "--stdio", "--no-children", "--sort", "symbol",
                          "--percent-limit", "0.3", "-g", "none"],
                         capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        m = re.match(r"\s*([\d.]+)%\s+(\[[.k]\])\s+(.*)$", line)
        if m:
            rows.append((float(m.group(1)), m.group(2), m.group(3).strip()))
    return rows


def group_of(kind, symbol):
    text = f"{kind} {symbol}"
    for name, needles in GROUPS:
        if any(n in text for n in needles):
            return name
    return "other"


def main():
    if subprocess.run(["perf", "--version"], capture_output=True).returncode:
        raise SystemExit("perf is not installed (Debian: linux-perf)")
    subprocess.run(["psql", *bench.PG, "-d", "postgres", "-qc", f"create database {bench.DB}"], check=True)
    broker = bench.Broker()
    api = None
    try:
        api = bench.Herald(broker, f"hprof-{bench.RUN}")
        subprocess.run([bench.HERALD, "migrate"], env=api.env, check=True, stderr=subprocess.DEVNULL)
        service = api.admin("create-service", "--name", "profile")["id"]
        api.admin("set-limits", "--service-id", service, "--rate-limit", "1000000000", "--daily-limit",
                  "1000000000")
        key = api.admin("create-api-key", "--service-id", service, "--name", "p", "--key-type", "test")["key"]
        template = api.admin("create-template", "--service-id", service, "--type", "email", "--name", "p",
                             "--subject", bench.BODY_SUBJECT, "--body", bench.BODY_TEXT)["id"]
        pid = api.start("api")
        bench.wrk(f"http://127.0.0.1:{api.http}", key, template, 8, 3)  # warm up
        data = f"/tmp/herald-profile-{bench.RUN}.data"
        perf = subprocess.Popen(["perf", "record", "-F", "999", "--call-graph", "dwarf,16384", "-p", str(pid),
                                 "-o", data], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1)
        cpu0, t0 = bench.cpu_seconds(pid), time.time()
        result = bench.wrk(f"http://127.0.0.1:{api.http}", key, template, CONNECTIONS, SECONDS)
        cpu1, t1 = bench.cpu_seconds(pid), time.time()
        perf.send_signal(2)
        perf.wait(timeout=120)
    finally:
        if api:
            api.stop()
        broker.stop()
        subprocess.run(["psql", *bench.PG, "-d", "postgres", "-qc", f"drop database if exists {bench.DB}"],
                       stderr=subprocess.DEVNULL)
    requests = result["requests"]
    rate = requests / (result["us"] / 1e6)
    cpu = cpu1 - cpu0
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"API alone: {rate:,.0f} requests/s over {SECONDS} s, {CONNECTIONS} connections; "
          f"p50 {result['p50'] / 1000:.1f} ms, p99 {result['p99'] / 1000:.1f} ms")
    print(f"herald api CPU: {cpu:.1f} s over {t1 - t0:.1f} s ({100 * cpu / (t1 - t0):.0f}% of a core), "
          f"{1e6 * cpu / max(1, requests):.0f} µs per request "
          f"(≈ {max(1, requests) / max(cpu, 1e-9):,.0f} requests/s per core)")
    rows = perf_report(data)
    groups = {}
    for share, kind, symbol in rows:
        groups[group_of(kind, symbol)] = groups.get(group_of(kind, symbol), 0.0) + share
    print("\nSelf time by kind of work (functions above 0.3% of samples):")
    for name, share in sorted(groups.items(), key=lambda kv: -kv[1]):
        print(f"  {share:5.1f}%  {name}")
    print("\nHottest functions (self time):")
    for share, kind, symbol in rows[:30]:
        print(f"  {share:5.1f}%  {kind} {symbol[:110]}")
    print(f"\nraw profile: perf report -i {data}")


if __name__ == "__main__":
    main()
