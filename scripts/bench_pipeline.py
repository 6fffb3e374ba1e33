#!/usr/bin/env python3
"""The whole-pipeline benchmark (figures, not a test). Run it through
`scripts/bench`, which builds the release binary and the raw-publish bench
first. See docs/benchmarks.md for what each figure means.

Usage: scripts/bench [seconds of load, default 20] [connections, default 64]

One run, on this machine, in this order:
  1. baselines: PostgreSQL single-row INSERT+commit (pgbench, 8 connections,
     a copy of the notifications table), a raw 500-row multi-VALUES INSERT of
     the same rows (1 connection), and a raw pipelined publish-with-confirms
     to a quorum queue (1,000 in flight, messages of a notification's size);
  2. the API alone (no worker): 1 connection (a lone request's latency),
     then wrk with N connections;
  3. the whole pipeline with a test key (`herald api` + `herald worker`,
     separate processes): 1 connection, then wrk; then the time from the
     last 201 until every notification is stored and `delivered`;
  4. the whole pipeline again with the notifications table locked
     (ACCESS EXCLUSIVE) for 15 s in the middle of the load.
Throughout, /readyz is sampled on the ops port (what Kubernetes probes) and
on the main port, every 20 ms. The broker is a private RabbitMQ node started
for the run (same package and version as the system one) with the
management plugin, so its message counters hold this run's traffic only.
HERALD_* variables in the environment reach the herald processes (e.g.
HERALD_PUBLISH_GROUP_SIZE=1 for one message per notification).
"""

import base64
import glob
import hashlib
import hmac
import http.client
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERALD = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/herald/target")),
                      "release", "herald")
DURATION = int(sys.argv[1]) if len(sys.argv) > 1 else 20
CONNECTIONS = int(sys.argv[2]) if len(sys.argv) > 2 else 64
LOCK_SECONDS = 15
RUN = int(time.time())
DB = f"herald_bench_{RUN}"
PG = ["-h", "127.0.0.1", "-U", "postgres"]
CLK = os.sysconf("SC_CLK_TCK")
BODY_SUBJECT = "Hello ((name))"
BODY_TEXT = "Dear ((name)), your reference is ((ref))."


def log(message):
    print(f"-- {message}", file=sys.stderr, flush=True)


def psql(sql, db=DB):
    return subprocess.run(["psql", *PG, "-d", db, "-qtAc", sql], check=True,
                          capture_output=True, text=True).stdout.strip()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url, auth=None, timeout=5):
    request = urllib.request.Request(url)
    if auth:
        request.add_header("Authorization", "Basic " + base64.b64encode(auth.encode()).decode())
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


# --- the private broker -------------------------------------------------------

class Broker:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="herald-bench-rmq-")
        self.node = f"hbench{RUN}@localhost"
        self.port, self.mgmt = free_port(), free_port()
        sbin = sorted(glob.glob("/usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin"))[-1]
        self.ctl = os.path.join(sbin, "rabbitmqctl")
        with open(os.path.join(self.dir, ".erlang.cookie"), "w") as f:
            f.write(hashlib.sha256(str(RUN).encode()).hexdigest()[:20].upper())
        os.chmod(os.path.join(self.dir, ".erlang.cookie"), 0o400)
        with open(os.path.join(self.dir, "rabbitmq.conf"), "w") as f:
            f.write(f"listeners.tcp.default = 127.0.0.1:{self.port}\n"
                    f"management.tcp.ip = 127.0.0.1\nmanagement.tcp.port = {self.mgmt}\n"
                    "collect_statistics_interval = 1000\n")
        with open(os.path.join(self.dir, "enabled_plugins"), "w") as f:
            f.write("[rabbitmq_management].\n")
        self.env = {**os.environ, "HOME": self.dir, "RABBITMQ_NODENAME": self.node,
                    "RABBITMQ_DIST_PORT": str(free_port()),
                    "RABBITMQ_MNESIA_BASE": os.path.join(self.dir, "mnesia"),
                    "RABBITMQ_LOG_BASE": os.path.join(self.dir, "log"),
                    "RABBITMQ_PID_FILE": os.path.join(self.dir, "node.pid"),
                    "RABBITMQ_CONFIG_FILE": os.path.join(self.dir, "rabbitmq.conf"),
                    "RABBITMQ_ENABLED_PLUGINS_FILE": os.path.join(self.dir, "enabled_plugins")}
        subprocess.run([os.path.join(sbin, "rabbitmq-server"), "-detached"], env=self.env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self.wait_until_up()
        except BaseException:
            self.stop()
            raise

    def wait_until_up(self):
        deadline = time.time() + 120
        # await_startup fails at once while the node has not registered yet.
        while subprocess.run([self.ctl, "-q", "-n", self.node, "await_startup", "--timeout", "120"],
                             env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode:
            if time.time() > deadline:
                raise SystemExit(f"the private RabbitMQ node did not start (logs in {self.dir}/log)")
            time.sleep(1)
        while True:
            try:
                self.api("/api/overview")
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        self.url = f"amqp://guest:guest@127.0.0.1:{self.port}/%2f"

    def api(self, path):
        return get_json(f"http://127.0.0.1:{self.mgmt}{path}", auth="guest:guest")

    def pid(self):
        with open(self.env["RABBITMQ_PID_FILE"]) as f:
            return int(f.read().strip())

    def counters(self, prefix):
        """Messages into this prefix's queues, deliveries from them, and
        messages clients published (all queues), as the broker counts them."""
        queues = self.api("/api/queues/%2f?columns=name,message_stats")
        mine = [q for q in queues if q["name"].startswith(prefix + ".")]
        stat = lambda q, k: (q.get("message_stats") or {}).get(k, 0)
        overview = self.api("/api/overview").get("message_stats") or {}
        return {"enqueued": sum(stat(q, "publish") for q in mine),
                "delivered": sum(stat(q, "deliver_get") for q in mine),
                "published": overview.get("publish", 0),
                "by_queue": {q["name"][len(prefix) + 1:]: stat(q, "publish") for q in mine if stat(q, "publish")}}

    def delete_queues(self, prefix):
        for q in self.api("/api/queues/%2f?columns=name"):
            if q["name"].startswith(prefix + "."):
                subprocess.run([self.ctl, "-q", "-n", self.node, "delete_queue", q["name"]], env=self.env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self):
        stopped = subprocess.run([self.ctl, "-q", "-n", self.node, "stop"], env=self.env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
        if not stopped:
            try:
                os.kill(self.pid(), 15)
            except (OSError, ValueError):
                pass
        shutil.rmtree(self.dir, ignore_errors=True)


# --- measuring ----------------------------------------------------------------

def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK
    except OSError:
        return 0.0


def machine_busy():
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    return (sum(v) - v[3] - v[4]) / CLK, sum(v) / CLK  # busy, total (over all cores)


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def pg_backends():
    out = psql(f"select pid from pg_stat_activity where datname = '{DB}' and pid <> pg_backend_pid()")
    return [int(p) for p in out.split()]


class CpuWindow:
    """CPU seconds per component between start() and stop()."""

    def __init__(self, pids):
        self.pids = pids  # name -> pid (callables allowed for late lookup)

    def snapshot(self):
        snap = {name: cpu_seconds(pid) for name, pid in self.pids.items()}
        snap["postgres"] = {pid: cpu_seconds(pid) for pid in pg_backends()}
        snap["_machine"] = machine_busy()
        snap["_children"] = resource.getrusage(resource.RUSAGE_CHILDREN)
        snap["_t"] = time.time()
        return snap

    def start(self):
        self.first = self.snapshot()

    def stop(self):
        a, b = self.first, self.snapshot()
        wall = b["_t"] - a["_t"]
        shares = {}
        for name in self.pids:
            shares[name] = (b[name] - a[name]) / wall
        shares["postgres (this database's backends)"] = sum(
            cpu - a["postgres"].get(pid, 0.0) for pid, cpu in b["postgres"].items()) / wall
        ca, cb = a["_children"], b["_children"]
        shares["wrk"] = (cb.ru_utime + cb.ru_stime - ca.ru_utime - ca.ru_stime) / wall
        busy = (b["_machine"][0] - a["_machine"][0]) / wall
        shares["everything else on the machine"] = max(0.0, busy - sum(shares.values()))
        return shares, busy


class Sampler(threading.Thread):
    """GET each url every `every` seconds on a kept-alive connection."""

    def __init__(self, urls, every=0.02):
        super().__init__(daemon=True)
        self.urls, self.every, self.samples, self.stopping = urls, every, [], False

    def run(self):
        conns = {}
        while not self.stopping:
            for name, (port, path) in self.urls.items():
                started = time.perf_counter()
                try:
                    conn = conns.get(name) or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                    conns[name] = conn
                    conn.request("GET", path)
                    response = conn.getresponse()
                    response.read()
                    status = response.status
                except OSError:
                    conns.pop(name, None)
                    status = 0
                self.samples.append((time.time(), name, status, time.perf_counter() - started))
            time.sleep(self.every)

    def window(self, name, t0, t1):
        return [s for s in self.samples if s[1] == name and t0 <= s[0] <= t1]


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def probe_summary(sampler, t0, t1):
    out = {}
    for name in sampler.urls:
        w = sampler.window(name, t0, t1)
        ms = [s[3] * 1000 for s in w]
        out[name] = {"n": len(w), "p50": percentile(ms, 50), "p99": percentile(ms, 99), "max": max(ms or [0]),
                     "not_200": sum(1 for s in w if s[2] != 200)}
    return out


# --- herald -------------------------------------------------------------------

def token(key):
    b64 = lambda d: base64.urlsafe_b64encode(d).rstrip(b"=").decode()
    service_id, secret = key[-73:-37], key[-36:]
    header = b64(json.dumps({"typ": "JWT", "alg": "HS256"}).encode())
    claims = b64(json.dumps({"iss": service_id, "iat": int(time.time())}).encode())
    signature = hmac.new(secret.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    return f"{header}.{claims}.{b64(signature)}"


class Herald:
    def __init__(self, broker, prefix):
        self.http, self.ops = free_port(), free_port()
        self.worker_ops = free_port()
        self.env = {**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
                    "AMQP_URL": broker.url, "HERALD_AMQP_PREFIX": prefix, "RUST_LOG": "warn",
                    "HERALD_HTTP_ADDR": f"127.0.0.1:{self.http}", "HERALD_METRICS_ADDR": f"127.0.0.1:{self.ops}"}
        self.procs = {}

    def admin(self, *args):
        out = subprocess.run([HERALD, "admin", *args], env=self.env, check=True, capture_output=True, text=True)
        return json.loads(out.stdout)

    def start(self, role):
        env = dict(self.env)
        if role == "worker":
            env["HERALD_METRICS_ADDR"] = f"127.0.0.1:{self.worker_ops}"
        log_file = open(os.path.join(tempfile.gettempdir(), f"herald-bench-{RUN}-{role}.log"), "w")
        self.procs[role] = subprocess.Popen([HERALD, role], env=env, stdout=subprocess.DEVNULL, stderr=log_file)
        port = self.worker_ops if role == "worker" else self.ops
        deadline = time.time() + 60
        while True:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2).status == 200:
                    return self.procs[role].pid
            except OSError:
                pass
            if time.time() > deadline or self.procs[role].poll() is not None:
                raise SystemExit(f"herald {role} never became ready (see {log_file.name})")
            time.sleep(0.2)

    def metrics(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.ops}/metrics", timeout=5) as r:
            return r.read().decode()

    def accepted(self):
        return sum(float(v) for v in re.findall(r"^herald_notifications_accepted_total\{[^}]*\} (\S+)$",
                                                self.metrics(), re.M))

    def post_statuses(self):
        found = re.findall(r'^herald_http_requests_total\{method="POST",route="/v2/notifications/email",'
                           r'status="(\d+)"\} (\S+)$', self.metrics(), re.M)
        return {status: float(n) for status, n in found}

    def group_sizes(self):
        text = self.metrics()
        get = lambda n: float((re.search(rf"^herald_publish_group_size_notifications_{n} (\S+)$", text, re.M)
                               or [0, 0])[1])
        return get("sum"), get("count")

    def stop(self):
        for proc in self.procs.values():
            proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def wrk(url, key, template, connections, seconds, threads=2):
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    body = json.dumps({"email_address": "bench@example.com", "template_id": template,
                       "personalisation": {"name": "Bench", "ref": "ABC-123"}})
    script.write(f'''wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer {token(key)}"
wrk.body = '{body}'
done = function(summary, latency, requests)
  io.write(string.format("JSON {{\\"requests\\":%d,\\"us\\":%d,\\"p50\\":%d,\\"p99\\":%d,\\"p999\\":%d,"
    .. "\\"connect\\":%d,\\"read\\":%d,\\"write\\":%d,\\"timeout\\":%d}}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency:percentile(99.9), summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout))
end
''')
    script.close()
    out = subprocess.run(["wrk", f"-t{min(threads, connections)}", f"-c{connections}", f"-d{seconds}s",
                          "--timeout", "10s", "-s", script.name, f"{url}/v2/notifications/email"],
                         capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    result = json.loads(re.search(r"^JSON (.*)$", out, re.M).group(1))
    result["end"] = time.time()
    return result


def blast(herald, sampler, key, template, connections, seconds, cpu_pids, during=None):
    """wrk at `connections`; returns the figures of that window."""
    statuses_before, accepted_before = herald.post_statuses(), herald.accepted()
    cpu = CpuWindow(cpu_pids)
    cpu.start()
    t0 = time.time()
    side = threading.Thread(target=during, daemon=True) if during else None
    if side:
        side.start()
    result = wrk(f"http://127.0.0.1:{herald.http}", key, template, connections, seconds)
    shares, busy = cpu.stop()
    if side:
        side.join()
    statuses = {s: n - statuses_before.get(s, 0) for s, n in herald.post_statuses().items()}
    accepted = herald.accepted() - accepted_before
    result.update(t0=t0, accepted=accepted, rate=accepted / (result["us"] / 1e6),
                  statuses={s: int(n) for s, n in statuses.items() if n}, cpu=shares, busy=busy,
                  probes=probe_summary(sampler, t0, result["end"]))
    return result


def wait_stored_and_delivered(total, since, limit=300):
    """Seconds from `since` until `total` rows exist and all are delivered."""
    stored_at = None
    while True:
        rows, delivered = (int(x) for x in psql(
            "select count(*), count(*) filter (where status = 'delivered') from notifications").split("|"))
        now = time.time()
        if stored_at is None and rows >= total:
            stored_at = now
        if rows >= total and delivered >= total:
            return stored_at - since, now - since
        if now - since > limit:
            return (stored_at - since if stored_at else float("nan")), float("nan")
        time.sleep(0.05)


# --- baselines ----------------------------------------------------------------

def row_values(service, key_id, template):
    return (f"(gen_random_uuid(), now(), '{service}', '{key_id}', 'test', 'email', '{template}', 1, "
            f"'bench@example.com', 'Hello Bench', 'Dear Bench, your reference is ABC-123.', "
            f"'bench.service@notifications.example.org')")


def baselines(broker, service, key_id, template):
    columns = ("id, created_at, service_id, api_key_id, key_type, notification_type, template_id, "
               "template_version, recipient, subject, body, reply_to")
    out = {}
    workdir = tempfile.mkdtemp(prefix="herald-bench-pg-")
    for table in ("bench_single", "bench_multi"):
        psql(f"create table {table} (like notifications including defaults including constraints "
             f"including indexes)")
    single = os.path.join(workdir, "single.sql")
    with open(single, "w") as f:
        f.write(f"insert into bench_single ({columns}) values {row_values(service, key_id, template)};\n")
    multi = os.path.join(workdir, "multi.sql")
    with open(multi, "w") as f:
        f.write(f"insert into bench_multi ({columns}) values "
                + ",\n".join([row_values(service, key_id, template)] * 500) + ";\n")

    def pgbench(script, clients, seconds=10):
        text = subprocess.run(["pgbench", *PG, "-n", "-c", str(clients), "-j", str(min(clients, 2)), "-T",
                               str(seconds), "-f", script, DB], capture_output=True, text=True, check=True).stdout
        return float(re.search(r"tps = ([\d.]+)", text).group(1))

    log("baseline: PostgreSQL single-row INSERT + commit, 8 connections, 10 s")
    out["single"] = pgbench(single, 8)
    log("baseline: raw 500-row INSERT per transaction, 1 connection, 10 s")
    out["multi"] = pgbench(multi, 1) * 500
    shutil.rmtree(workdir)
    log("baseline: raw quorum-queue publish with confirms, 1,000 in flight")
    text = subprocess.run([os.path.join(os.path.dirname(HERALD), "herald-bench-publish"), "100000", "1000",
                           "700"], cwd=ROOT,
                          env={**os.environ, "AMQP_URL": broker.url}, capture_output=True, text=True,
                          check=True).stdout
    out["publish"] = float(re.search(r": (\d+) msg/s", text).group(1))
    psql("drop table bench_single; drop table bench_multi")
    return out


# --- the run ------------------------------------------------------------------

def fmt_probes(p):
    return ", ".join(f"{name} p50 {v['p50']:.1f} ms / p99 {v['p99']:.1f} ms / max {v['max']:.0f} ms"
                     f" ({v['n']} samples, {v['not_200']} not 200)" for name, v in p.items())


def fmt_cpu(shares):
    return ", ".join(f"{name} {100 * v:.0f}%" for name, v in shares.items())


def main():
    load = os.getloadavg()
    log(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} ({os.cpu_count()} cores)")
    subprocess.run(["psql", *PG, "-d", "postgres", "-qc", f"create database {DB}"], check=True)
    broker = None
    heralds = []
    try:
        log("starting a private RabbitMQ node")
        broker = Broker()
        report = {"load": load, "cores": os.cpu_count(), "group_size": os.environ.get("HERALD_PUBLISH_GROUP_SIZE", "100"),
                  "group_wait": os.environ.get("HERALD_PUBLISH_GROUP_WAIT_MS", "5")}
        pipeline = Herald(broker, f"hbench-{RUN}")
        heralds.append(pipeline)
        subprocess.run([HERALD, "migrate"], env=pipeline.env, check=True, stderr=subprocess.DEVNULL)
        service = pipeline.admin("create-service", "--name", "bench")["id"]
        pipeline.admin("set-limits", "--service-id", service, "--rate-limit", "1000000000", "--daily-limit",
                       "1000000000")
        key = pipeline.admin("create-api-key", "--service-id", service, "--name", "bench", "--key-type", "test")
        template = pipeline.admin("create-template", "--service-id", service, "--type", "email", "--name", "b",
                                  "--subject", BODY_SUBJECT, "--body", BODY_TEXT)["id"]
        report["baselines"] = baselines(broker, service, key["id"], template)

        # The API alone.
        alone = Herald(broker, f"hbench-{RUN}-api")
        heralds.append(alone)
        api_pid = alone.start("api")
        sampler = Sampler({"ops /readyz": (alone.ops, "/readyz"), "main /readyz": (alone.http, "/readyz")})
        sampler.start()
        log("API alone: 1 connection, 5 s")
        report["api_lone"] = wrk(f"http://127.0.0.1:{alone.http}", key["key"], template, 1, 5, threads=1)
        c0 = broker.counters(alone.env["HERALD_AMQP_PREFIX"])
        g0 = alone.group_sizes()
        log(f"API alone: {CONNECTIONS} connections, {DURATION} s")
        report["api"] = blast(alone, sampler, key["key"], template, CONNECTIONS, DURATION,
                              {"herald api": api_pid, "rabbitmq": broker.pid()})
        time.sleep(2.5)
        c1 = broker.counters(alone.env["HERALD_AMQP_PREFIX"])
        g1 = alone.group_sizes()
        report["api"]["broker"] = {k: c1[k] - c0[k] for k in ("enqueued", "delivered", "published")}
        report["api"]["pack"] = (g1[0] - g0[0]) / max(1.0, g1[1] - g0[1])
        report["api"]["rss"] = peak_rss_mb(api_pid)
        sampler.stopping = True
        alone.stop()
        heralds.remove(alone)
        broker.delete_queues(alone.env["HERALD_AMQP_PREFIX"])

        # The whole pipeline.
        worker_pid = pipeline.start("worker")
        api_pid = pipeline.start("api")
        sampler = Sampler({"ops /readyz": (pipeline.ops, "/readyz"), "main /readyz": (pipeline.http, "/readyz")})
        sampler.start()
        pids = {"herald api": api_pid, "herald worker": worker_pid, "rabbitmq": broker.pid()}
        log("whole pipeline: 1 connection, 5 s")
        report["pipe_lone"] = wrk(f"http://127.0.0.1:{pipeline.http}", key["key"], template, 1, 5, threads=1)
        total = pipeline.accepted()
        wait_stored_and_delivered(total, time.time())
        c0 = broker.counters(pipeline.env["HERALD_AMQP_PREFIX"])
        g0 = pipeline.group_sizes()
        log(f"whole pipeline: {CONNECTIONS} connections, {DURATION} s")
        report["pipe"] = blast(pipeline, sampler, key["key"], template, CONNECTIONS, DURATION, pids)
        total = pipeline.accepted()
        report["pipe"]["stored_s"], report["pipe"]["delivered_s"] = wait_stored_and_delivered(
            total, report["pipe"]["end"])
        time.sleep(2.5)
        c1 = broker.counters(pipeline.env["HERALD_AMQP_PREFIX"])
        g1 = pipeline.group_sizes()
        report["pipe"]["broker"] = {k: c1[k] - c0[k] for k in ("enqueued", "delivered", "published")}
        report["pipe"]["by_queue"] = {q: n - c0["by_queue"].get(q, 0) for q, n in c1["by_queue"].items()}
        report["pipe"]["pack"] = (g1[0] - g0[0]) / max(1.0, g1[1] - g0[1])

        # The same with the notifications table locked for 15 s.
        lock = {}

        def hold_lock():
            time.sleep(2)
            lock["t0"] = time.time()
            psql(f"begin; lock table notifications in access exclusive mode; select pg_sleep({LOCK_SECONDS}); commit;")
            lock["t1"] = time.time()

        log(f"whole pipeline, notifications locked for {LOCK_SECONDS} s: {CONNECTIONS} connections, "
            f"{LOCK_SECONDS + 5} s")
        report["lock"] = blast(pipeline, sampler, key["key"], template, CONNECTIONS, LOCK_SECONDS + 5, pids,
                               during=hold_lock)
        report["lock"]["probes_locked"] = probe_summary(sampler, lock["t0"], lock["t1"])
        total = pipeline.accepted()
        report["lock"]["stored_s"], report["lock"]["delivered_s"] = wait_stored_and_delivered(
            total, report["lock"]["end"])
        report["rss"] = {"herald api": peak_rss_mb(api_pid), "herald worker": peak_rss_mb(worker_pid)}
        sampler.stopping = True
        print_report(report)
    finally:
        for herald in heralds:
            herald.stop()
        if broker:
            broker.stop()
        subprocess.run(["psql", *PG, "-d", "postgres", "-qc", f"drop database if exists {DB} with (force)"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def print_report(r):
    b = r["baselines"]
    print(f"\n## Herald whole-pipeline benchmark ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})\n")
    print(f"Machine: {r['cores']} cores, load average at start {r['load'][0]:.2f}; wrk {CONNECTIONS} connections, "
          f"{DURATION} s; publish groups of at most {r['group_size']}, wait {r['group_wait']} ms.\n")
    print("| baseline (same run, same machine) | figure |\n|---|---|")
    print(f"| PostgreSQL single-row INSERT + commit, 8 connections | {b['single']:,.0f} rows/s |")
    print(f"| PostgreSQL raw 500-row INSERT per commit, 1 connection | {b['multi']:,.0f} rows/s |")
    print(f"| RabbitMQ quorum publish + confirm, 1,000 in flight, 700 B | {b['publish']:,.0f} msg/s |\n")
    print("| figure | API alone | whole pipeline (test key) | whole pipeline, table locked 15 s |\n|---|---|---|---|")
    a, p, l = r["api"], r["pipe"], r["lock"]
    row = lambda name, f: print(f"| {name} | {f(a)} | {f(p)} | {f(l)} |")
    row("accepted/s", lambda x: f"{x['rate']:,.0f}")
    row("× single-row baseline", lambda x: f"{x['rate'] / b['single']:.2f}×")
    row("× raw multi-row insert", lambda x: f"{x['rate'] / b['multi']:.2f}×")
    row("latency p50 / p99 / p99.9", lambda x: f"{x['p50'] / 1000:.1f} / {x['p99'] / 1000:.1f} / "
                                               f"{x['p999'] / 1000:.1f} ms")
    row("answers by status", lambda x: ", ".join(f"{s}: {n:,}" for s, n in sorted(x["statuses"].items())))
    row("socket errors (connect/read/write/timeout)",
        lambda x: f"{x['connect']}/{x['read']}/{x['write']}/{x['timeout']}")
    row("last 201 → all stored / all delivered",
        lambda x: f"{x['stored_s']:.2f} s / {x['delivered_s']:.2f} s" if "stored_s" in x else "–")
    row("ops /readyz p50 / p99", lambda x: f"{x['probes']['ops /readyz']['p50']:.1f} / "
                                           f"{x['probes']['ops /readyz']['p99']:.1f} ms")
    row("main-port /readyz p50 / p99", lambda x: f"{x['probes']['main /readyz']['p50']:.1f} / "
                                                 f"{x['probes']['main /readyz']['p99']:.1f} ms")
    row("notifications per published pack", lambda x: f"{x['pack']:.1f}" if "pack" in x else "–")
    row("broker messages into queues per notification",
        lambda x: f"{x['broker']['enqueued'] / max(1, x['rate'] * x['us'] / 1e6):.3f}" if "broker" in x else "–")
    row("client publishes per notification",
        lambda x: f"{x['broker']['published'] / max(1, x['rate'] * x['us'] / 1e6):.3f}" if "broker" in x else "–")
    row("CPU (100% = one core)", lambda x: fmt_cpu(x["cpu"]))
    print(f"\nLone request (1 connection): API alone p50 {r['api_lone']['p50'] / 1000:.2f} ms, "
          f"p99 {r['api_lone']['p99'] / 1000:.2f} ms; whole pipeline p50 {r['pipe_lone']['p50'] / 1000:.2f} ms, "
          f"p99 {r['pipe_lone']['p99'] / 1000:.2f} ms.")
    print(f"During the 15 s lock alone: {fmt_probes(l['probes_locked'])}.")
    print(f"Peak RSS: API alone {a['rss']:.0f} MB; whole pipeline: herald api {r['rss']['herald api']:.0f} MB, "
          f"herald worker {r['rss']['herald worker']:.0f} MB.")
    print(f"Messages into each queue during the whole-pipeline blast: "
          + ", ".join(f"{q} {n:,}" for q, n in sorted(p["by_queue"].items())))
    print(f"Machine busy during each blast (all processes, 100% = one core): API alone {100 * a['busy']:.0f}%, "
          f"pipeline {100 * p['busy']:.0f}%, locked {100 * l['busy']:.0f}%.")
    print("\nJSON " + json.dumps(r, default=str))


if __name__ == "__main__":
    main()
