#!/usr/bin/env python3
"""Run moto in server mode as a local Amazon SES (SESv2) endpoint for Herald's tests.

Usage:
  moto_ses.py PORT [--verify EMAIL_OR_DOMAIN]... [--region eu-west-2]
                   [--host 127.0.0.1] [--exit-on-stdin-eof] [--log-requests]

Starts `moto.server.ThreadedMotoServer(ip_address=HOST, port=PORT)`, creates
each `--verify` identity with boto3 SESv2 `create_email_identity` against
itself (region eu-west-2 unless --region, dummy credentials), prints ONE JSON
line on stdout once it is ready, e.g.

  {"endpoint": "http://127.0.0.1:5056", "port": 5056, "region": "eu-west-2", "verified": ["sender@example.com"]}

and then serves in the foreground until SIGTERM/SIGINT (or, with
--exit-on-stdin-eof, until its stdin is closed: spawn it with a piped stdin
and it dies with the test process even if that panics). PORT 0 picks a free
port; read the real one from the ready line. Needs `moto[server]` and `boto3`
(requirements.txt beside this file). Requires Python >= 3.9.

Sending to it
-------------
Point the SESv2 client at the endpoint (aws-sdk-sesv2: `.endpoint_url(endpoint)`,
any region/credentials, e.g. eu-west-2 + AKIDTEST/SECRETTEST). moto routes on
the SigV4 credential scope (`.../<region>/ses/aws4_request`), so requests must
be SigV4-signed (the SDK does that). The region the identities were verified in
must be the region the client signs with, otherwise moto answers 400
`MessageRejected` "Email address not verified <from>". An identity can be an
address or a domain (a domain verifies every address at it); a display name in
FromEmailAddress (`"Herald <noreply@example.com>"`) is fine.
Only `Content.Simple` and `Content.Raw` are supported (`Template` -> 500
NotImplementedError). MessageIds look like
`ndaqnjtxjtbrnjql-ifmzvjjk-eswp-vyfj-gwgs-iuqcfrtujbcn-tgmtsm`.

Reading what was sent
---------------------
`GET http://HOST:PORT/moto-api/data.json` returns every tracked moto model
instance, grouped by service and class. A SESv2 `SendEmail` with
`Content.Simple` is stored by moto's SES v1 backend, so it appears under
`ses` -> `Message` (moto 5.2.5):

  {"ses": {"Message": [
      {"id": "<the MessageId SendEmail returned>",
       "source": "Herald <noreply@example.com>",       # FromEmailAddress, verbatim
       "destinations": {"ToAddresses": ["someone@example.com"]},   # the SESv2 Destination object as sent
       "subject": "Hello Ada",                         # Content.Simple.Subject.Data
       "body": "<p>Dear Ada</p>"}                      # Body.Html.Data if present, else Body.Text.Data
    ], ...}, "sesv2": {...}, ...}

Not recorded anywhere for a Simple send: ReplyToAddresses, EmailTags,
ConfigurationSetName, Content.Simple.Headers, the Text part when an Html part
is also sent, Charset. (They are accepted and ignored.) So a test can check
from/to/subject/one body and the MessageId, but not tags or reply-to; check
those on the wire (e.g. a recording proxy) or in Herald's own request-building
unit tests. A `Content.Raw` send is stored under `ses` -> `RawMessage` as
{"id", "source", "destinations": [all To+Cc+Bcc], "raw_data": "<the MIME text>"},
which does keep every header (Reply-To included).
Messages from all regions/accounts land in the same list and there is no
timestamp: match on `id` (= the reference Herald stored) or on a unique
recipient address rather than on position.

Resetting
---------
`POST http://HOST:PORT/moto-api/reset` (empty body) wipes ALL moto state: sent
mail and also the verified identities. This script hooks moto's reset
in-process and re-creates the `--verify` identities right after it, so a test
can reset between cases and keep sending. Tests that run in parallel against
one server should not reset (it would wipe the others' mail); filter by
MessageId/recipient instead.
"""
import argparse
import json
import os
import signal
import sys
import threading


def _identity_creator(region, identities):
    """Return a function that (re)creates the identities directly in moto."""
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.sesv2.models import sesv2_backends

    def create():
        backend = sesv2_backends[DEFAULT_ACCOUNT_ID][region]
        for ident in identities:
            backend.create_email_identity(
                email_identity=ident,
                tags=None,
                dkim_signing_attributes=None,
                configuration_set_name=None,
            )

    return create


def main(argv=None):
    p = argparse.ArgumentParser(
        description="moto server as a local SES endpoint (see the module docstring)"
    )
    p.add_argument("port", type=int, help="TCP port (0 = pick a free one)")
    p.add_argument("--verify", action="append", default=[], metavar="EMAIL_OR_DOMAIN",
                   help="identity to create with SESv2 CreateEmailIdentity (repeatable)")
    p.add_argument("--region", default="eu-west-2")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--exit-on-stdin-eof", action="store_true",
                   help="also stop when stdin reaches EOF (parent went away)")
    p.add_argument("--log-requests", action="store_true",
                   help="log each HTTP request to stderr (off by default, so an "
                        "unread stderr pipe can never fill up and block the server)")
    a = p.parse_args(argv)

    # Dummy credentials for the boto3 client below; never real ones.
    os.environ["AWS_ACCESS_KEY_ID"] = "AKIDTEST"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "SECRETTEST"
    os.environ.pop("AWS_SESSION_TOKEN", None)
    os.environ.pop("AWS_PROFILE", None)

    import logging

    if not a.log_requests:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)

    import boto3
    from moto.moto_api._internal.models import moto_api_backend
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address=a.host, port=a.port, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"

    client = boto3.client(
        "sesv2",
        region_name=a.region,
        endpoint_url=endpoint,
        aws_access_key_id="AKIDTEST",
        aws_secret_access_key="SECRETTEST",
    )
    for ident in a.verify:
        client.create_email_identity(EmailIdentity=ident)
    got = sorted(
        i["IdentityName"] for i in client.list_email_identities().get("EmailIdentities", [])
    )
    missing = [i for i in a.verify if i not in got]
    if missing:
        print(f"moto_ses.py: identities not created: {missing}", file=sys.stderr)
        server.stop()
        return 1

    # Re-create the identities whenever a test POSTs /moto-api/reset.
    recreate = _identity_creator(a.region, a.verify)
    original_reset = moto_api_backend.reset

    def reset_and_reverify():
        original_reset()
        recreate()

    moto_api_backend.reset = reset_and_reverify

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if a.exit_on_stdin_eof:
        def watch_stdin():
            try:
                while sys.stdin.buffer.read(4096):
                    pass
            finally:
                stop.set()

        threading.Thread(target=watch_stdin, daemon=True).start()

    print(json.dumps({"endpoint": endpoint, "port": port, "region": a.region,
                      "verified": list(a.verify)}), flush=True)
    while not stop.wait(0.2):
        pass
    server.stop()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip interpreter teardown: with moto's thousands of modules loaded it
    # takes ~2 s, which would only slow down every test that stops the server.
    os._exit(code)
