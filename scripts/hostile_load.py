#!/usr/bin/env python3
"""A hostile load against a running Herald (loopback only), printing its
resident memory (RSS) as it goes: used by scripts/bench-hostile.

Each round: large bodies (4 MB, the most Herald accepts, and 5 MB, refused
with 413), files by email (2 MB PDFs, Notify's limit), trickled and stalled
bodies, many small sends. Standard library only.

usage: hostile_load.py BASE_URL API_KEY EMAIL_TEMPLATE PID [ROUNDS]
"""

import asyncio
import base64
import hashlib
import hmac
import json
import sys
import threading
import time
from urllib.parse import urlparse

BASE, KEY, TEMPLATE, PID = sys.argv[1:5]
ROUNDS = int(sys.argv[5]) if len(sys.argv) > 5 else 3
HOST = urlparse(BASE).hostname
PORT = urlparse(BASE).port
assert HOST in ("127.0.0.1", "localhost", "::1"), "loopback only"


def token():
    def b64(data):
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    header = b64(json.dumps({"typ": "JWT", "alg": "HS256"}).encode())
    claims = b64(json.dumps({"iss": KEY[-73:-37], "iat": int(time.time())}).encode())
    sig = hmac.new(KEY[-36:].encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    return f"{header}.{claims}.{b64(sig)}"


def rss_mib():
    with open(f"/proc/{PID}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Sampler(threading.Thread):
    """Samples RSS every 100 ms; `peak` is the highest seen."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak = 0.0
        self.running = True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_mib())
            time.sleep(0.1)


async def request(method, path, body=b"", headers=None, trickle=None, stall=False):
    """One request on its own connection; returns the status (0 on error)."""
    try:
        reader, writer = await asyncio.open_connection(HOST, PORT)
    except OSError:
        return 0
    head = [f"{method} {path} HTTP/1.1", f"Host: {HOST}", "Connection: close",
            f"Authorization: Bearer {token()}", "Content-Type: application/json",
            f"Content-Length: {len(body)}"]
    head += [f"{k}: {v}" for k, v in (headers or {}).items()]
    try:
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode())
        if trickle:
            for i in range(0, len(body)):
                writer.write(body[i:i + 1])
                await writer.drain()
                await asyncio.sleep(trickle)
        elif stall:
            writer.write(body[: len(body) // 2])
            await writer.drain()
        else:
            writer.write(body)
            await writer.drain()
        line = await asyncio.wait_for(reader.readline(), 60)
        return int(line.split()[1]) if line else 0
    except (OSError, asyncio.TimeoutError, ValueError, IndexError):
        return 0
    finally:
        writer.close()


async def many(n, concurrency, make):
    semaphore = asyncio.Semaphore(concurrency)
    statuses = {}

    async def one(i):
        async with semaphore:
            status = await make(i)
            statuses[status] = statuses.get(status, 0) + 1

    await asyncio.gather(*(one(i) for i in range(n)))
    return dict(sorted(statuses.items()))


def email(personalisation):
    return json.dumps({"email_address": "hostile@example.com", "template_id": TEMPLATE,
                       "personalisation": personalisation}).encode()


PDF = b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024 - 64) + b"\n%%EOF\n"
BIG_OK = email({"name": "x" * (4 * 1024 * 1024 - 300), "code": "1"})
TOO_BIG = email({"name": "x" * (5 * 1024 * 1024), "code": "1"})
FILE = email({"name": "Ann", "code": {"file": base64.b64encode(PDF).decode(), "filename": "a.pdf",
                                      "confirm_email_before_download": False}})
SMALL = email({"name": "Ann", "code": "1"})


async def round_(number):
    phases = [
        ("4 MB bodies (accepted size, 400: too long to render)", 200, 32,
         lambda i: request("POST", "/v2/notifications/email", BIG_OK)),
        ("5 MB bodies (413)", 100, 32,
         lambda i: request("POST", "/v2/notifications/email", TOO_BIG)),
        ("2 MB files by email", 60, 16,
         lambda i: request("POST", "/v2/notifications/email", FILE)),
        ("trickled bodies (1 byte / 2 s) and stalled bodies", 300, 300,
         lambda i: request("POST", "/v2/notifications/email", SMALL, trickle=2.0)
         if i % 2 else request("POST", "/v2/notifications/email", BIG_OK, stall=True)),
        ("small sends", 3000, 64,
         lambda i: request("POST", "/v2/notifications/email", SMALL)),
    ]
    for name, n, concurrency, make in phases:
        started = time.monotonic()
        statuses = await many(n, concurrency, make)
        print(f"round {number}: {name}: {n} requests in {time.monotonic() - started:.1f} s, "
              f"statuses {statuses}, RSS {rss_mib():.0f} MiB", flush=True)


def main():
    sampler = Sampler()
    sampler.start()
    before = rss_mib()
    print(f"RSS before: {before:.0f} MiB", flush=True)
    for number in range(1, ROUNDS + 1):
        asyncio.run(round_(number))
        time.sleep(5)
        print(f"RSS after round {number} (+5 s idle): {rss_mib():.0f} MiB", flush=True)
    time.sleep(15)
    sampler.running = False
    print(f"RSS before {before:.0f} MiB, peak {sampler.peak:.0f} MiB, "
          f"after (+15 s idle) {rss_mib():.0f} MiB", flush=True)


main()
