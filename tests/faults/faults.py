"""Load and audit for Herald's fault suite (scripts/faults).

  faults.py load  --base-url URL --keys test=KEY,normal=KEY --email-template ID
                  --sms-template ID --seconds N --rate R --threads T --out FILE
  faults.py audit --psql "psql -h 127.0.0.1 -p PORT -U postgres -d DB"
                  --results FILE --wait SECONDS
  faults.py poison --base-url URL --key KEY --email-template ID --amqp URL
                  --queue QUEUE --reference REF --out FILE
  faults.py dead-letters --amqp URL --queue QUEUE --expect N --wait SECONDS

`load` sends notifications with the official GOV.UK Notify Python client
(notifications-python-client, real JWTs): emails and text messages in turn,
test and normal keys in turn, at about R requests a second, for N seconds.
Every request carries a unique `reference` and a random code in its
personalisation, so each one can be found (or proven absent) in the database
whatever was answered. One JSON line per request goes to FILE:
{ref, kind, key, to, code, status, id} (status 0: no answer, e.g. a timeout).

`audit` waits (up to --wait seconds) until every notification answered 201 is
in PostgreSQL with a final status, then checks and prints the counts:
  * every id answered 201 is stored exactly once, with the right content
    (type, key type, recipient, reference, personalised body) and a final
    status;
  * no request answered non-2xx is stored (found by its reference);
  * requests with no answer (client timeout, connection reset) may be
    either: they are counted, not judged.
Exit status 1 if any check fails.

`poison` sends one email (through the client, recorded in FILE like the
load's requests) whose reference is REF, which the scenario has made the
database refuse, and publishes one undecodable message straight to QUEUE.
`dead-letters` waits until QUEUE (a `.dead` queue) holds N messages and
prints each one's `x-herald-reason`, leaving them there.
"""
import argparse
import csv
import io
import json
import random
import subprocess
import sys
import threading
import time
import uuid

FINAL = {"delivered", "permanent-failure", "temporary-failure", "technical-failure",
         "sent", "cancelled", "validation-failed", "virus-scan-failed"}


def load(args):
    import logging

    # The client logs every non-2xx answer; the counts are what matter here.
    logging.getLogger("notifications_python_client").setLevel(logging.CRITICAL)
    from notifications_python_client.errors import HTTPError
    from notifications_python_client.notifications import NotificationsAPIClient

    keys = dict(pair.split("=", 1) for pair in args.keys.split(","))
    clients = {name: NotificationsAPIClient(key, base_url=args.base_url, timeout=args.timeout)
               for name, key in keys.items()}
    key_names = sorted(clients)
    out = open(args.out, "a", buffering=1)
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds
    interval = args.threads / args.rate if args.rate > 0 else 0.0
    counts = {}

    def worker(n):
        i = 0
        next_at = time.monotonic() + random.random() * interval
        while time.monotonic() < deadline:
            kind = "email" if (i + n) % 2 == 0 else "sms"
            key = key_names[(i // 2 + n) % len(key_names)]
            i += 1
            ref = str(uuid.uuid4())
            code = str(random.randrange(10**9))
            client = clients[key]
            record = {"ref": ref, "kind": kind, "key": key, "code": code}
            try:
                if kind == "email":
                    record["to"] = f"faults+{ref[:8]}@example.com"
                    answer = client.send_email_notification(
                        email_address=record["to"], template_id=args.email_template,
                        personalisation={"name": "Audit", "code": code}, reference=ref)
                else:
                    record["to"] = "07700900%03d" % random.randrange(1000)
                    answer = client.send_sms_notification(
                        phone_number=record["to"], template_id=args.sms_template,
                        personalisation={"code": code}, reference=ref)
                record["status"] = 201
                record["id"] = answer["id"]
            except HTTPError as error:
                record["status"] = error.status_code
            except Exception as error:  # no answer: timeout, reset, refused
                record["status"] = 0
                record["error"] = type(error).__name__
            with lock:
                out.write(json.dumps(record) + "\n")
                counts[record["status"]] = counts.get(record["status"], 0) + 1
            if interval:
                next_at += interval
                pause = next_at - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
                else:
                    next_at = time.monotonic()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("load: answers by status:", json.dumps(counts, sort_keys=True), flush=True)


def stored_rows(psql):
    sql = ("COPY (SELECT id, client_reference, notification_type, key_type, recipient, body, status "
           "FROM notifications) TO STDOUT WITH (FORMAT csv)")
    out = subprocess.run(psql.split() + ["-Atqc", sql], check=True, capture_output=True, text=True).stdout
    return list(csv.reader(io.StringIO(out)))


def digits(s):
    return "".join(c for c in s if c.isdigit())


def audit(args):
    records = [json.loads(line) for line in open(args.results) if line.strip()]
    accepted = [r for r in records if r["status"] == 201 and "id" in r]
    refused = [r for r in records if r["status"] not in (0, 201)]
    unanswered = [r for r in records if r["status"] == 0]
    deadline = time.monotonic() + args.wait
    while True:
        rows = stored_rows(args.psql)
        by_id = {}
        for row in rows:
            by_id.setdefault(row[0], []).append(row)
        pending = [r for r in accepted
                   if len(by_id.get(r["id"], [])) != 1 or by_id[r["id"]][0][6] not in FINAL]
        if not pending or time.monotonic() > deadline:
            break
        print(f"audit: waiting for {len(pending)} of {len(accepted)} accepted notifications "
              "to be stored with a final status", flush=True)
        time.sleep(5)

    by_ref = {}
    for row in rows:
        by_ref.setdefault(row[1], []).append(row)
    problems = []
    missing = duplicated = wrong = not_final = 0
    statuses = {}
    for r in accepted:
        found = by_id.get(r["id"], [])
        if not found:
            missing += 1
            problems.append(f"accepted {r['id']} ({r['kind']}, {r['key']}) is not stored")
            continue
        if len(found) > 1:
            duplicated += 1
            problems.append(f"accepted {r['id']} is stored {len(found)} times")
        _, ref, kind, key, recipient, body, status = found[0]
        statuses[status] = statuses.get(status, 0) + 1
        expected_key = "test" if r["key"] == "test" else "normal"
        if (ref != r["ref"] or kind != r["kind"] or key != expected_key or r["code"] not in body
                or (kind == "email" and recipient.lower() != r["to"].lower())
                or (kind == "sms" and not digits(recipient).endswith(digits(r["to"])[1:]))):
            wrong += 1
            problems.append(f"accepted {r['id']} is stored with other content: {found[0]}")
        if status not in FINAL:
            not_final += 1
            problems.append(f"accepted {r['id']} is still {status}")
    refused_stored = 0
    for r in refused:
        if r["ref"] in by_ref:
            refused_stored += 1
            problems.append(f"request {r['ref']} answered {r['status']} is stored as {by_ref[r['ref']][0][0]}")
    unanswered_stored = sum(1 for r in unanswered if r["ref"] in by_ref)
    known = {r["ref"] for r in records}
    strangers = sum(1 for row in rows if row[1] not in known)
    answers = {}
    for r in records:
        answers[r["status"]] = answers.get(r["status"], 0) + 1
    summary = {
        "requests": len(records),
        "answers": {str(k): v for k, v in sorted(answers.items())},
        "accepted_201": len(accepted),
        "accepted_stored_once": len(accepted) - missing - duplicated,
        "accepted_missing": missing,
        "accepted_duplicated": duplicated,
        "accepted_wrong_content": wrong,
        "accepted_not_final": not_final,
        "final_statuses": statuses,
        "refused_non_2xx": len(refused),
        "refused_but_stored": refused_stored,
        "unanswered": len(unanswered),
        "unanswered_stored": unanswered_stored,
        "rows_in_database": len(rows),
        "rows_from_no_request": strangers,
    }
    for p in problems[:20]:
        print("AUDIT FAIL:", p, file=sys.stderr)
    ok = not problems and strangers == 0
    summary["ok"] = ok
    print("audit:", json.dumps(summary), flush=True)
    return 0 if ok else 1


def poison(args):
    import pika
    from notifications_python_client.notifications import NotificationsAPIClient

    client = NotificationsAPIClient(args.key, base_url=args.base_url)
    code = str(random.randrange(10**9))
    record = {"ref": args.reference, "kind": "email", "key": "test", "code": code,
              "to": "poison@example.com"}
    answer = client.send_email_notification(
        email_address=record["to"], template_id=args.email_template,
        personalisation={"name": "Poison", "code": code}, reference=args.reference)
    record["status"] = 201
    record["id"] = answer["id"]
    with open(args.out, "a") as out:
        out.write(json.dumps(record) + "\n")
    connection = pika.BlockingConnection(pika.URLParameters(args.amqp))
    channel = connection.channel()
    channel.confirm_delivery()
    channel.basic_publish("", args.queue, b"\xff this is not a notification",
                          pika.BasicProperties(delivery_mode=2))
    connection.close()
    print(f"poison: {record['id']} accepted (the database refuses it); "
          f"one undecodable message published to {args.queue}", flush=True)
    return 0


def dead_letters(args):
    import pika

    deadline = time.monotonic() + args.wait
    while True:
        connection = pika.BlockingConnection(pika.URLParameters(args.amqp))
        channel = connection.channel()
        reasons = []
        while True:
            method, properties, _ = channel.basic_get(args.queue, auto_ack=False)
            if method is None:
                break
            headers = properties.headers or {}
            reason = headers.get("x-herald-reason", "(no reason)")
            reasons.append(reason.decode() if isinstance(reason, bytes) else str(reason))
        connection.close()  # unacked: they stay in the queue
        if len(reasons) >= args.expect or time.monotonic() > deadline:
            break
        time.sleep(2)
    for reason in reasons:
        print(f"dead-lettered: {reason}", flush=True)
    print(f"dead-letters: {len(reasons)} in {args.queue} (expected {args.expect})", flush=True)
    return 0 if len(reasons) == args.expect else 1


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("load")
    p.add_argument("--base-url", required=True)
    p.add_argument("--keys", required=True)
    p.add_argument("--email-template", required=True)
    p.add_argument("--sms-template", required=True)
    p.add_argument("--seconds", type=float, default=30)
    p.add_argument("--rate", type=float, default=100)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--timeout", type=float, default=20)
    p.add_argument("--out", required=True)
    a = sub.add_parser("audit")
    a.add_argument("--psql", required=True)
    a.add_argument("--results", required=True)
    a.add_argument("--wait", type=float, default=120)
    q = sub.add_parser("poison")
    q.add_argument("--base-url", required=True)
    q.add_argument("--key", required=True)
    q.add_argument("--email-template", required=True)
    q.add_argument("--amqp", required=True)
    q.add_argument("--queue", required=True)
    q.add_argument("--reference", required=True)
    q.add_argument("--out", required=True)
    d = sub.add_parser("dead-letters")
    d.add_argument("--amqp", required=True)
    d.add_argument("--queue", required=True)
    d.add_argument("--expect", type=int, required=True)
    d.add_argument("--wait", type=float, default=60)
    args = parser.parse_args()
    if args.command == "load":
        load(args)
        return 0
    return {"audit": audit, "poison": poison, "dead-letters": dead_letters}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
