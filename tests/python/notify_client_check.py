"""Drives Herald with the official GOV.UK Notify Python client
(notifications-python-client from PyPI), exactly as its users do.

Usage:
  notify_client_check.py BASE_URL API_KEY EMAIL_TEMPLATE_ID SMS_TEMPLATE_ID [COUNT]
  notify_client_check.py --all BASE_URL API_KEY EMAIL_TEMPLATE_ID SMS_TEMPLATE_ID
                         [--iterator-count N] [--other-key KEY]
                         [--template-version N] [--list-wait SECONDS]
                         [--letter-template ID] [--received-texts N]

Default mode: sends an email and a text message, reads each back straight
after the POST, then sends COUNT more emails (default 0), reading each back,
and prints one JSON summary line (`sent`, `ids`, `loop_seconds`). Exits
non-zero on any mismatch.

`--all` mode: calls every method of `NotificationsAPIClient` (email, SMS,
templates, received texts, and with `--letter-template` letters: templated,
precompiled, and their PDFs), and checks each answer against GOV.UK Notify's v2
contract. Before exercising `get_all_notifications_iterator` it sends
`--iterator-count` emails (default 260, so that the iterator must follow
`links.next` past Notify's 250-per-page limit). `--other-key` is an API key of
another key type of the same service: when given, the list endpoint is also
checked to show only the calling key type's notifications. Prints one JSON
summary line (`mode`, `ok`, `passed`, `failed`, `skipped`, `warnings`, `sent`,
`ids`, `loop_seconds`, ...). Every failure is also written to stderr as
`FAIL <method> [<check>]: <why>`, and the exit status is 1 if anything failed.

The templates are the ones of Herald's test fixture:
  email: subject `Hello ((name))`, body `Dear ((name)),\\n\\nYour code is ((code)).`
  sms:   body `Your code is ((code))`
  letter (`--letter-template`): subject `Your appointment, ((name))`, placeholders
         `name` and `day`, postage second
`--received-texts N`: the service has exactly N received text messages.
"""
import argparse
import io
import json
import logging
import re
import sys
import time
import traceback
import uuid

from notifications_python_client.errors import HTTPError
from notifications_python_client.notifications import NotificationsAPIClient


def main():
    base_url, api_key, email_template, sms_template = sys.argv[1:5]
    count = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    client = NotificationsAPIClient(api_key, base_url=base_url)

    email = client.send_email_notification(
        email_address="someone@example.com",
        template_id=email_template,
        personalisation={"name": "Ann", "code": "1234"},
        reference="python-email",
    )
    assert email["content"]["subject"] == "Hello Ann", email
    assert email["reference"] == "python-email", email
    got = client.get_notification_by_id(email["id"])
    assert got["id"] == email["id"] and got["type"] == "email", got
    assert got["email_address"] == "someone@example.com", got
    # Straight after the POST: still `created`, or already moving on through
    # the sender (the simulator for test keys; technical-failure without a provider).
    assert got["status"] in {"created", "sending", "delivered", "technical-failure"}, got

    sms = client.send_sms_notification(
        phone_number="+447700900123",
        template_id=sms_template,
        personalisation={"code": "9876"},
    )
    assert sms["content"]["body"] == "Your code is 9876", sms
    got = client.get_notification_by_id(sms["id"])
    assert got["type"] == "sms" and got["phone_number"] == "+447700900123", got

    ids = [email["id"], sms["id"]]
    started = time.monotonic()
    for n in range(count):
        sent = client.send_email_notification(
            email_address=f"user{n}@example.com",
            template_id=email_template,
            personalisation={"name": f"User {n}", "code": str(n)},
        )
        got = client.get_notification_by_id(sent["id"])
        assert got["id"] == sent["id"], got
        ids.append(sent["id"])
    elapsed = time.monotonic() - started
    print(json.dumps({"sent": len(ids), "ids": ids, "loop_seconds": round(elapsed, 3)}))


# ---------------------------------------------------------------------------
# --all: every client method, checked against the Notify v2 contract
# ---------------------------------------------------------------------------

PAGE_SIZE = 250
RATE_LIMIT_HINT = (" (Herald enforces Notify's per-service, per-key-type rate limit: a run sends about "
                   "--iterator-count + 5 notifications, so back-to-back runs on one service can exceed it; "
                   "use a fresh service or wait a minute)")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")

EMAIL_SUBJECT = "Hello ((name))"
EMAIL_BODY = "Dear ((name)),\n\nYour code is ((code))."
SMS_BODY = "Your code is ((code))"

CREATED_KEYS = {"id", "reference", "uri", "template", "content", "scheduled_for"}
EMAIL_CONTENT_KEYS = {"from_email", "body", "subject", "one_click_unsubscribe_url"}
SMS_CONTENT_KEYS = {"body", "from_number"}
NOTIFICATION_KEYS = {
    "id", "reference", "email_address", "phone_number",
    "line_1", "line_2", "line_3", "line_4", "line_5", "line_6", "postcode",
    "type", "status", "template", "body", "subject", "created_at", "created_by_name",
    "sent_at", "completed_at", "scheduled_for", "postage", "one_click_unsubscribe_url",
}
COST_KEYS = {"is_cost_data_ready", "cost_in_pounds", "cost_details"}
TEMPLATE_KEYS = {
    "id", "type", "created_at", "updated_at", "created_by", "version", "body",
    "subject", "name", "personalisation", "postage", "letter_contact_block",
}
PREVIEW_KEYS = {"id", "type", "version", "body", "html", "subject", "postage"}

# Methods of NotificationsAPIClient this mode does not call, and why.
LETTER_METHODS = ("send_letter_notification", "send_precompiled_letter_notification", "get_pdf_for_letter")
LETTER_ADDRESS = ["The Occupier", "10 Downing Street", "London", "SW1A 2AA"]
RECEIVED_TEXT_KEYS = {"id", "created_at", "service_id", "notify_number", "user_number", "content"}


class CheckFailed(Exception):
    pass


def expect(condition, message, *detail):
    if not condition:
        if detail:
            shown = "; ".join(json.dumps(d, default=str)[:1500] for d in detail)
            message = f"{message} -- got {shown}"
        raise CheckFailed(message)


def expect_eq(actual, expected, what):
    expect(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


def expect_keys(obj, keys, what, exact=False):
    expect(isinstance(obj, dict), f"{what} is not a JSON object", obj)
    missing = sorted(keys - obj.keys())
    expect(not missing, f"{what} lacks {missing}", obj)
    if exact:
        extra = sorted(obj.keys() - keys)
        expect(not extra, f"{what} has unexpected keys {extra}", obj)


def expect_timestamp(value, what):
    expect(isinstance(value, str) and TIMESTAMP.match(value),
           f"{what} is not a Notify timestamp (%Y-%m-%dT%H:%M:%S.%fZ): {value!r}")


def describe_http_error(error):
    try:
        body = error.response.json()
    except Exception:  # noqa: BLE001 - any body is worth showing
        body = getattr(getattr(error, "response", None), "text", None)
    url = getattr(getattr(error, "response", None), "url", None)
    hint = RATE_LIMIT_HINT if error.status_code == 429 else ""
    return f"HTTP {error.status_code} from {url}: {json.dumps(body, default=str)[:1500]}{hint}"


def expect_http_error(call, status, errors=None, what="request"):
    """`call` must raise HTTPError with `status` and, if given, exactly the v2 `errors` list
    (a list of (error, message) pairs; a message of None only checks the error type)."""
    try:
        result = call()
    except HTTPError as error:
        try:
            body = error.response.json()
        except Exception:  # noqa: BLE001
            body = None
        expect(error.status_code == status,
               f"{what}: expected HTTP {status}, got {describe_http_error(error)}")
        if errors is not None:
            expect(isinstance(body, dict), f"{what}: error body is not JSON", body)
            expect_eq(body.get("status_code"), status, f"{what}: body status_code")
            got = body.get("errors")
            expect(isinstance(got, list) and all(isinstance(e, dict) for e in got),
                   f"{what}: body has no v2 `errors` list", body)
            expect_eq(error.message, got, f"{what}: HTTPError.message (the client reads `errors`)")
            pairs = [(e.get("error"), e.get("message")) for e in got]
            wanted = [(t, m if m is not None else p[1]) for (t, m), p in zip(errors, pairs)]
            expect(len(pairs) == len(errors) and pairs == wanted,
                   f"{what}: expected errors {errors}, got {pairs}")
        return error
    raise CheckFailed(f"{what}: expected HTTP {status}, but the call succeeded with "
                      f"{json.dumps(result, default=str)[:1500]}")


def iterate(client, **filters):
    """Runs get_all_notifications_iterator, turning its crash on a missing links.next into a failure."""
    try:
        return list(client.get_all_notifications_iterator(**filters))
    except TypeError as error:
        raise CheckFailed(f"get_all_notifications_iterator({filters}) crashed ({error}): "
                          "links.next is missing on a non-empty page") from error


class PageCountingClient(NotificationsAPIClient):
    """The stock client, recording each page get_all_notifications_iterator fetches."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pages = []

    def get_all_notifications(self, *args, **kwargs):
        page = super().get_all_notifications(*args, **kwargs)
        self.pages.append(page)
        return page


class Run:
    def __init__(self, args):
        self.args = args
        self.base_url = args.base_url
        self.api_key = args.api_key
        self.email_template = args.email_template
        self.sms_template = args.sms_template
        self.client = NotificationsAPIClient(args.api_key, base_url=args.base_url)
        self.service_id = self.client.service_id
        self.run_id = uuid.uuid4().hex[:12]
        self.results = {}  # method -> list of (check, error or None)
        self.warnings = []
        self.ids = []  # every notification sent with API_KEY
        self.other_ids = []  # ... and with --other-key
        self.state = {}
        self.timings = {}
        self.skipped = {} if args.letter_template else {
            m: "no --letter-template given" for m in LETTER_METHODS}

    # -- bookkeeping -------------------------------------------------------

    def check(self, method, name, fn, *args):
        try:
            value = fn(*args)
        except CheckFailed as failure:
            self.fail(method, name, str(failure))
            return None
        except HTTPError as error:
            self.fail(method, name, describe_http_error(error))
            return None
        except Exception as error:  # noqa: BLE001 - report anything, keep going
            frames = traceback.extract_tb(error.__traceback__)
            where = f" at line {frames[-1].lineno}" if frames else ""
            self.fail(method, name, f"{type(error).__name__}{where}: {error}")
            return None
        self.results.setdefault(method, []).append((name, None))
        return value

    def fail(self, method, name, why):
        self.results.setdefault(method, []).append((name, why))
        print(f"FAIL {method} [{name}]: {why}", file=sys.stderr, flush=True)

    def warn(self, text):
        if text not in self.warnings:
            self.warnings.append(text)

    def need(self, key, what):
        value = self.state.get(key)
        if value is None:
            raise CheckFailed(f"skipped: {what} failed earlier")
        return value

    def ref(self, suffix):
        return f"herald-check-{self.run_id}-{suffix}"

    # -- shared assertions --------------------------------------------------

    def check_created(self, created, kind, template_id, reference, body, subject=None,
                      unsubscribe=None):
        expect_keys(created, CREATED_KEYS, f"{kind} 201 body")
        nid = created["id"]
        expect(isinstance(nid, str) and uuid.UUID(nid), f"id is not a UUID: {nid!r}")
        expect_eq(created["reference"], reference, "reference")
        expect(isinstance(created["uri"], str) and created["uri"].startswith("http")
               and created["uri"].endswith(f"v2/notifications/{nid}"),
               f"uri should be an absolute URL ending v2/notifications/{nid}", created["uri"])
        expect_eq(created["scheduled_for"], None, "scheduled_for")
        template = created["template"]
        expect_keys(template, {"id", "version", "uri"}, "template", exact=True)
        expect_eq(template["id"], template_id, "template.id")
        self.check_version(template["version"], "template.version")
        expect(isinstance(template["uri"], str) and template["uri"].startswith("http")
               and template["uri"].endswith(f"services/{self.service_id}/templates/{template_id}"),
               f"template.uri should end services/{self.service_id}/templates/{template_id}",
               template["uri"])
        content = created["content"]
        if kind == "email":
            expect_keys(content, EMAIL_CONTENT_KEYS, "email content", exact=True)
            expect_eq(content["body"], body, "content.body")
            expect_eq(content["subject"], subject, "content.subject")
            expect_eq(content["one_click_unsubscribe_url"], unsubscribe,
                      "content.one_click_unsubscribe_url")
            expect(isinstance(content["from_email"], str)
                   and re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", content["from_email"]),
                   f"content.from_email is not an address: {content['from_email']!r}")
            if "sanitised_content" not in created:
                self.warn("email 201 body has no top-level `sanitised_content` "
                          "(GOV.UK Notify sends it; the python client's own integration test reads it)")
        else:
            expect_keys(content, SMS_CONTENT_KEYS, "sms content", exact=True)
            expect_eq(content["body"], body, "content.body")
            expect(isinstance(content["from_number"], str) and content["from_number"],
                   f"content.from_number should be a non-empty string: {content['from_number']!r}")
        extra = sorted(created.keys() - CREATED_KEYS - {"sanitised_content"})
        expect(not extra, f"{kind} 201 body has unexpected keys {extra}", created)

    def check_version(self, version, what):
        expect(isinstance(version, int) and not isinstance(version, bool) and version >= 1,
               f"{what} should be an integer >= 1: {version!r}")
        if self.args.template_version:
            expect_eq(version, self.args.template_version, what)

    def check_notification(self, got, sent, kind, recipient, body, subject, reference,
                           unsubscribe=None):
        expect_keys(got, NOTIFICATION_KEYS, "notification")
        if not COST_KEYS <= got.keys():
            self.warn("notifications lack Notify's cost fields "
                      f"{sorted(COST_KEYS - got.keys())} (GOV serialize_with_cost_data)")
        expect_eq(got["id"], sent["id"], "id")
        expect_eq(got["type"], kind, "type")
        expect_eq(got["status"], "created", "status")
        expect_eq(got["reference"], reference, "reference")
        if kind == "email":
            expect_eq(got["email_address"], recipient, "email_address")
            expect_eq(got["phone_number"], None, "phone_number")
        else:
            expect_eq(got["phone_number"], recipient, "phone_number")
            expect_eq(got["email_address"], None, "email_address")
        for line in ("line_1", "line_2", "line_3", "line_4", "line_5", "line_6", "postcode", "postage"):
            expect_eq(got[line], None, line)
        expect_eq(got["body"], body, "body")
        expect_eq(got["subject"], subject, "subject")
        template = got["template"]
        expect_keys(template, {"id", "version", "uri"}, "template")
        expect_eq(template["id"], sent["template"]["id"], "template.id")
        expect_eq(template["version"], sent["template"]["version"], "template.version")
        expect(isinstance(template["uri"], str) and template["uri"].startswith("http")
               and template["uri"].endswith(
                   f"v2/template/{template['id']}/version/{template['version']}"),
               "template.uri should end v2/template/<id>/version/<version>", template["uri"])
        expect_timestamp(got["created_at"], "created_at")
        expect_eq(got["sent_at"], None, "sent_at")
        expect_eq(got["completed_at"], None, "completed_at")
        expect_eq(got["scheduled_for"], None, "scheduled_for")
        expect_eq(got["one_click_unsubscribe_url"], unsubscribe, "one_click_unsubscribe_url")

    def check_list_page(self, page, what):
        expect_keys(page, {"notifications", "links"}, what, exact=True)
        notifications = page["notifications"]
        expect(isinstance(notifications, list), f"{what}: notifications is not a list", page)
        expect(len(notifications) <= PAGE_SIZE,
               f"{what}: {len(notifications)} notifications on one page (Notify pages by {PAGE_SIZE})")
        links = page["links"]
        expect(isinstance(links, dict) and isinstance(links.get("current"), str)
               and links["current"].startswith("http") and "/v2/notifications" in links["current"],
               f"{what}: links.current should be an absolute /v2/notifications URL", links)
        if notifications:
            nxt = links.get("next")
            expect(isinstance(nxt, str) and "/v2/notifications" in nxt,
                   f"{what}: links.next is missing on a non-empty page "
                   "(get_all_notifications_iterator needs it)", links)
            expect(f"older_than={notifications[-1]['id']}" in nxt,
                   f"{what}: links.next should carry older_than=<last id on the page>", links)
        elif "next" in links:
            self.warn("an empty notifications page still has links.next (GOV.UK Notify omits it)")
        stamps = [n.get("created_at") for n in notifications]
        for stamp in stamps:
            expect_timestamp(stamp, f"{what}: created_at")
        expect(stamps == sorted(stamps, reverse=True),
               f"{what}: notifications are not newest first", stamps[:20])
        ids = [n["id"] for n in notifications]
        expect(len(set(ids)) == len(ids), f"{what}: a page repeats a notification")
        return notifications

    def list_ids(self, what, **filters):
        page = self.client.get_all_notifications(**filters)
        return [n["id"] for n in self.check_list_page(page, what)], page

    # -- the methods ---------------------------------------------------------

    def send_email(self):
        unsubscribe = f"https://example.com/unsubscribe?run={self.run_id}"
        reference = self.ref("email")
        sent = self.client.send_email_notification(
            email_address="someone@example.com",
            template_id=self.email_template,
            personalisation={"name": "Ann", "code": "1234"},
            reference=reference,
            one_click_unsubscribe_url=unsubscribe,
        )
        self.ids.append(sent["id"])
        self.state["email"] = sent
        self.state["email_unsubscribe"] = unsubscribe
        self.check_created(sent, "email", self.email_template, reference,
                           "Dear Ann,\n\nYour code is 1234.", "Hello Ann", unsubscribe)

    def send_email_plain(self):
        sent = self.client.send_email_notification(
            email_address="plain@example.com",
            template_id=self.email_template,
            personalisation={"name": "Bob", "code": "42"},
        )
        self.ids.append(sent["id"])
        self.state["email_plain"] = sent
        self.check_created(sent, "email", self.email_template, None,
                           "Dear Bob,\n\nYour code is 42.", "Hello Bob", None)

    def send_file(self):
        import io
        import urllib.error
        import urllib.request

        from notifications_python_client import prepare_upload

        data = b"name,amount\nAnn,12\n"
        upload = prepare_upload(io.BytesIO(data), filename="statement.csv",
                                confirm_email_before_download=False, retention_period="2 weeks")
        sent = self.client.send_email_notification(
            email_address="file@example.com",
            template_id=self.email_template,
            personalisation={"name": "Ann", "code": upload},
        )
        self.ids.append(sent["id"])
        found = re.search(r"https?://\S+/d/\S+", sent["content"]["body"])
        expect(found, "the email carries a download link", sent["content"]["body"])
        link = found.group(0).rstrip(".")
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(link) as response:
                    body = response.read()
                break
            except urllib.error.HTTPError as error:
                # 404 until the documents worker has stored the file.
                expect(error.code == 404 and time.monotonic() < deadline,
                       f"download {link} answered {error.code}")
                time.sleep(0.1)
        expect_eq(body, data, "downloaded file")

    def send_sms(self):
        reference = self.ref("sms")
        sent = self.client.send_sms_notification(
            phone_number="+447700900123",
            template_id=self.sms_template,
            personalisation={"code": "9876"},
            reference=reference,
        )
        self.ids.append(sent["id"])
        self.state["sms"] = sent
        self.check_created(sent, "sms", self.sms_template, reference, "Your code is 9876")

    def get_email_by_id(self):
        sent = self.need("email", "send_email_notification")
        got = self.client.get_notification_by_id(sent["id"])
        self.state["email_got"] = got
        self.check_notification(got, sent, "email", "someone@example.com",
                                "Dear Ann,\n\nYour code is 1234.", "Hello Ann",
                                self.ref("email"), self.state["email_unsubscribe"])

    def get_plain_by_id(self):
        sent = self.need("email_plain", "send_email_notification without options")
        got = self.client.get_notification_by_id(sent["id"])
        self.check_notification(got, sent, "email", "plain@example.com",
                                "Dear Bob,\n\nYour code is 42.", "Hello Bob", None, None)

    def get_sms_by_id(self):
        sent = self.need("sms", "send_sms_notification")
        got = self.client.get_notification_by_id(sent["id"])
        self.check_notification(got, sent, "sms", "+447700900123", "Your code is 9876", None,
                                self.ref("sms"))
        self.state["sms_got"] = got

    def get_unknown_by_id(self):
        expect_http_error(lambda: self.client.get_notification_by_id(str(uuid.uuid4())), 404,
                          [("NoResultFound", "No result found")], "unknown notification id")

    def get_bad_id(self):
        expect_http_error(lambda: self.client.get_notification_by_id("not-a-uuid"), 400,
                          [("ValidationError", "notification_id is not a valid UUID")],
                          "malformed notification id")

    def send_bulk(self):
        count = self.args.iterator_count
        reference = self.ref("bulk")
        bulk = []
        started = time.monotonic()
        for n in range(count):
            sent = self.client.send_email_notification(
                email_address=f"user{n}@example.com",
                template_id=self.email_template,
                personalisation={"name": f"User {n}", "code": str(n)},
                reference=reference,
            )
            bulk.append(sent["id"])
            self.ids.append(sent["id"])
        self.timings["loop_seconds"] = round(time.monotonic() - started, 3)
        expect(len(set(bulk)) == len(bulk), "send_email_notification returned a repeated id")
        self.state["bulk"] = bulk

    def wait_listed(self):
        """Herald persists asynchronously: wait (at most --list-wait s) until the
        list shows every bulk email, and report how long that took."""
        bulk = self.need("bulk", f"sending {self.args.iterator_count} emails")
        if bulk:
            # Read-your-write on GET by id for the newest one first.
            self.client.get_notification_by_id(bulk[-1])
        started = time.monotonic()
        wanted = set(bulk)
        seen = set()
        while True:
            seen = {n["id"] for n in iterate(self.client, reference=self.ref("bulk"))}
            if wanted <= seen or time.monotonic() - started > self.args.list_wait:
                break
            time.sleep(0.25)
        waited = round(time.monotonic() - started, 3)
        self.timings["list_visible_after_seconds"] = waited
        expect(wanted <= seen,
               f"after {waited}s only {len(wanted & seen)} of the {len(wanted)} emails sent "
               "are listed by GET /v2/notifications")
        if waited > 0.5:
            self.warn(f"the list showed all {len(wanted)} new notifications only after {waited}s "
                      "(GOV.UK Notify lists a notification as soon as its POST returns)")

    # get_all_notifications

    def list_by_reference(self):
        sent = self.need("email", "send_email_notification")
        got = self.need("email_got", "get_notification_by_id")
        ids, page = self.list_ids("reference", reference=self.ref("email"))
        expect_eq(ids, [sent["id"]], "notifications with reference")
        # Notify's list serialises without the cost fields GET by id adds
        # (serialize vs serialize_with_cost_data).
        cost = ("is_cost_data_ready", "cost_in_pounds", "cost_details")
        got_listed = {k: v for k, v in got.items() if k not in cost}
        expect_eq(page["notifications"][0], got_listed,
                  "the listed notification (should be what GET /v2/notifications/{id} returns, "
                  "without its cost fields)")
        expect("reference=" in page["links"]["current"],
               "links.current should repeat the query (reference=...)", page["links"])
        expect(f"reference={self.ref('email')}" in page["links"]["next"],
               "links.next should keep the reference filter", page["links"])
        ids, _ = self.list_ids("unknown reference", reference=self.ref("nothing"))
        expect_eq(ids, [], "notifications with an unused reference")

    def list_by_template_type(self):
        sms = self.need("sms", "send_sms_notification")
        page = self.client.get_all_notifications(template_type="sms")
        notifications = self.check_list_page(page, "template_type=sms")
        expect(notifications, "template_type=sms gave no notifications")
        types = {n["type"] for n in notifications}
        expect_eq(types, {"sms"}, "types listed with template_type=sms")
        expect("template_type=sms" in page["links"]["current"],
               "links.current should repeat the query (template_type=sms)", page["links"])
        expect("template_type=sms" in page["links"]["next"],
               "links.next should keep the template_type filter", page["links"])
        ids, _ = self.list_ids("template_type=sms&reference", template_type="sms",
                               reference=self.ref("sms"))
        expect_eq(ids, [sms["id"]], "sms notifications with the sms reference")
        ids, _ = self.list_ids("template_type=email&reference(sms)", template_type="email",
                               reference=self.ref("sms"))
        expect_eq(ids, [], "email notifications with the sms reference")
        page = self.client.get_all_notifications(template_type="email")
        types = {n["type"] for n in self.check_list_page(page, "template_type=email")}
        expect_eq(types, {"email"}, "types listed with template_type=email")
        expect_http_error(lambda: self.client.get_all_notifications(template_type="fax"), 400,
                          [("ValidationError", None)], "template_type=fax")

    def list_by_status(self):
        sent = self.need("email", "send_email_notification")
        page = self.client.get_all_notifications(status="created")
        notifications = self.check_list_page(page, "status=created")
        expect(notifications, "status=created gave no notifications")
        expect_eq({n["status"] for n in notifications}, {"created"}, "statuses listed with status=created")
        ids, _ = self.list_ids("status=created&reference", status="created", reference=self.ref("email"))
        expect_eq(ids, [sent["id"]], "status=created with the email reference")
        ids, _ = self.list_ids("status=delivered&reference", status="delivered",
                               reference=self.ref("email"))
        expect_eq(ids, [], "status=delivered with the email reference (nothing is delivered)")
        ids, _ = self.list_ids("status=failed&reference", status="failed", reference=self.ref("email"))
        expect_eq(ids, [], "status=failed with the email reference")
        ids, page = self.list_ids("status=[sending,created]&reference", status=["sending", "created"],
                                  reference=self.ref("email"))
        expect_eq(ids, [sent["id"]], "repeated status filter (sending or created)")
        expect_http_error(lambda: self.client.get_all_notifications(status="nonsense"), 400,
                          [("ValidationError", None)], "status=nonsense")

    def list_older_than(self):
        bulk = self.need("bulk", "sending the emails for the iterator")
        expect(len(bulk) >= 3, "--iterator-count must be at least 3 to check older_than")
        k = len(bulk) // 2
        ids, page = self.list_ids("older_than", reference=self.ref("bulk"), older_than=bulk[k])
        expect(bulk[k] not in ids, "older_than=<id> listed that notification itself")
        older = [bulk[k - 1 - i] for i in range(min(3, k))]
        expect_eq(ids[:len(older)], older, "the first notifications older than the middle one")
        expect(f"older_than={bulk[k]}" in page["links"]["current"],
               "links.current should repeat older_than", page["links"])
        ids, _ = self.list_ids("older_than=oldest", reference=self.ref("bulk"), older_than=bulk[0])
        expect_eq(ids, [], "notifications older than the oldest one sent with this reference")
        ids, _ = self.list_ids("older_than=unknown", older_than=str(uuid.uuid4()))
        expect_eq(ids, [], "older_than=<unknown id> (GOV.UK Notify: an empty list)")
        expect_http_error(lambda: self.client.get_all_notifications(older_than="not-a-uuid"), 400,
                          [("ValidationError", None)], "older_than=not-a-uuid")

    def list_first_page(self):
        bulk = self.need("bulk", "sending the emails for the iterator")
        ids, page = self.list_ids("no filter")
        if len(bulk) >= PAGE_SIZE:
            expect_eq(len(ids), PAGE_SIZE, "notifications on the first unfiltered page")
        mine = [i for i in ids if i in set(bulk)]
        expect(mine, "the first unfiltered page shows none of the emails just sent")
        expect_eq(mine, [i for i in reversed(bulk) if i in set(mine)],
                  "order of the just-sent emails on the first page (newest first)")
        ids, page = self.list_ids("reference (bulk)", reference=self.ref("bulk"))
        expect_eq(ids, list(reversed(bulk))[:PAGE_SIZE], "first page of the bulk reference")

    def list_include_jobs(self):
        sent = self.need("email", "send_email_notification")
        ids, _ = self.list_ids("include_jobs", include_jobs=True, reference=self.ref("email"))
        expect_eq(ids, [sent["id"]], "include_jobs=True with the email reference")

    def list_key_type(self):
        other = NotificationsAPIClient(self.args.other_key, base_url=self.base_url)
        expect_eq(other.service_id, self.service_id, "--other-key's service id")
        reference = self.ref("other-key")
        sent = other.send_email_notification(
            email_address="other@example.com", template_id=self.email_template,
            personalisation={"name": "Cy", "code": "7"}, reference=reference)
        self.other_ids.append(sent["id"])
        got = other.get_notification_by_id(sent["id"])
        expect_eq(got["id"], sent["id"], "GET by id with the other key")
        ids, _ = self.list_ids("other key type, by reference", reference=reference)
        expect_eq(ids, [], "this key's list showing another key type's notification")
        page = other.get_all_notifications(reference=reference)
        expect_eq([n["id"] for n in self.check_list_page(page, "other key")], [sent["id"]],
                  "the other key's own list")
        page = other.get_all_notifications(reference=self.ref("email"))
        expect_eq([n["id"] for n in self.check_list_page(page, "other key, this key's reference")], [],
                  "the other key's list showing this key's notification")
        # Notify looks up GET by id by service, whatever the key type.
        got = self.client.get_notification_by_id(sent["id"])
        expect_eq(got["id"], sent["id"], "GET by id of the other key type's notification")

    # get_all_notifications_iterator

    def iterate_by_reference(self):
        bulk = self.need("bulk", "sending the emails for the iterator")
        counting = PageCountingClient(self.api_key, base_url=self.base_url)
        seen = [n["id"] for n in iterate(counting, reference=self.ref("bulk"))]
        sizes = [len(p.get("notifications") or []) for p in counting.pages]
        for number, page in enumerate(counting.pages):
            self.check_list_page(page, f"iterator page {number + 1}")
        expect_eq(len(seen), len(bulk), f"notifications iterated (pages of {sizes})")
        expect(len(set(seen)) == len(seen), "the iterator yielded a notification twice")
        expect_eq(seen, list(reversed(bulk)), "iteration order (newest first, all of them)")
        full, rest = divmod(len(bulk), PAGE_SIZE)
        expected_sizes = [PAGE_SIZE] * full + ([rest] if rest else []) + [0]
        expect_eq(sizes, expected_sizes, "page sizes fetched by the iterator")
        if len(bulk) > PAGE_SIZE:
            expect(len([s for s in sizes if s]) >= 2, "the iterator did not go past the first page")
        else:
            self.warn(f"--iterator-count {len(bulk)} <= {PAGE_SIZE}: the iterator was not made to "
                      "follow links.next")
        self.timings["iterator_pages"] = sizes

    def iterate_unfiltered(self):
        bulk = self.need("bulk", "sending the emails for the iterator")
        wanted = set(bulk)
        counting = PageCountingClient(self.api_key, base_url=self.base_url)
        seen = []
        try:
            for notification in counting.get_all_notifications_iterator():
                seen.append(notification)
                wanted.discard(notification["id"])
                if not wanted:
                    break
        except TypeError as error:
            raise CheckFailed(f"get_all_notifications_iterator() crashed ({error}): "
                              "links.next is missing on a non-empty page") from error
        expect(not wanted, f"{len(wanted)} of the emails just sent never came out of the iterator")
        ids = [n["id"] for n in seen]
        expect(len(set(ids)) == len(ids), "the unfiltered iterator yielded a notification twice")
        stamps = [n["created_at"] for n in seen]
        expect(stamps == sorted(stamps, reverse=True), "the unfiltered iterator is not newest first")
        if len(bulk) > PAGE_SIZE:
            expect(len(counting.pages) >= 2, "the unfiltered iterator did not go past the first page")
        for number, page in enumerate(counting.pages):
            self.check_list_page(page, f"unfiltered iterator page {number + 1}")

    def iterate_by_type(self):
        counting = PageCountingClient(self.api_key, base_url=self.base_url)
        seen = []
        try:
            for notification in counting.get_all_notifications_iterator(template_type="sms"):
                seen.append(notification)
                if len(seen) >= 2 * PAGE_SIZE + 1:
                    break
        except TypeError as error:
            raise CheckFailed(f"get_all_notifications_iterator(template_type=sms) crashed ({error}): "
                              "links.next is missing on a non-empty page") from error
        expect(seen, "the template_type=sms iterator yielded nothing")
        expect_eq({n["type"] for n in seen}, {"sms"}, "types from the template_type=sms iterator")

    # templates

    def template_expectations(self, kind):
        if kind == "email":
            return (self.email_template, EMAIL_BODY, EMAIL_SUBJECT,
                    {"name": {"required": True}, "code": {"required": True}})
        return self.sms_template, SMS_BODY, None, {"code": {"required": True}}

    def check_template(self, template, kind, what):
        template_id, body, subject, personalisation = self.template_expectations(kind)
        expect_keys(template, TEMPLATE_KEYS, what, exact=True)
        expect_eq(template["id"], template_id, f"{what} id")
        expect_eq(template["type"], kind, f"{what} type")
        self.check_version(template["version"], f"{what} version")
        expect_eq(template["body"], body, f"{what} body (raw, with placeholders)")
        expect_eq(template["subject"], subject, f"{what} subject")
        expect(isinstance(template["name"], str) and template["name"], f"{what} name: {template['name']!r}")
        expect_eq(template["personalisation"], personalisation, f"{what} personalisation")
        expect_eq(template["postage"], None, f"{what} postage")
        expect_eq(template["letter_contact_block"], None, f"{what} letter_contact_block")
        expect_timestamp(template["created_at"], f"{what} created_at")
        if template["updated_at"] is not None:
            expect_timestamp(template["updated_at"], f"{what} updated_at")
        if not isinstance(template["created_by"], str):
            self.warn(f"template created_by is {template['created_by']!r}; "
                      "GOV.UK Notify gives the creator's email address (a string)")

    def get_template(self, kind):
        template_id = self.template_expectations(kind)[0]
        template = self.client.get_template(template_id)
        self.state[f"template_{kind}"] = template
        self.check_template(template, kind, f"{kind} template")
        sent = self.state.get(kind)
        if sent:
            expect_eq(template["version"], sent["template"]["version"],
                      f"{kind} template version vs the 201 of the send")

    def get_template_errors(self):
        expect_http_error(lambda: self.client.get_template(str(uuid.uuid4())), 404,
                          [("NoResultFound", "No result found")], "unknown template id")
        expect_http_error(lambda: self.client.get_template("not-a-uuid"), 400,
                          [("ValidationError", "id is not a valid UUID")], "malformed template id")

    def get_template_version(self, kind):
        template = self.need(f"template_{kind}", f"get_template({kind})")
        got = self.client.get_template_version(template["id"], template["version"])
        self.check_template(got, kind, f"{kind} template version {template['version']}")
        expect_eq(got, template, f"{kind} template at its latest version vs get_template")

    def get_template_version_errors(self):
        template = self.need("template_email", "get_template(email)")
        expect_http_error(lambda: self.client.get_template_version(template["id"], template["version"] + 100),
                          404, [("NoResultFound", "No result found")], "a version that does not exist")
        expect_http_error(lambda: self.client.get_template_version(str(uuid.uuid4()), 1), 404,
                          [("NoResultFound", "No result found")], "unknown template id")

    def get_all_templates(self):
        result = self.client.get_all_templates()
        expect_keys(result, {"templates"}, "GET /v2/templates", exact=True)
        templates = result["templates"]
        expect(isinstance(templates, list), "templates is not a list", result)
        by_id = {t.get("id"): t for t in templates}
        for kind in ("email", "sms"):
            template_id = self.template_expectations(kind)[0]
            expect(template_id in by_id, f"the {kind} template is not listed", [t.get("id") for t in templates])
            self.check_template(by_id[template_id], kind, f"listed {kind} template")
            if self.state.get(f"template_{kind}"):
                expect_eq(by_id[template_id], self.state[f"template_{kind}"],
                          f"listed {kind} template vs get_template")

    def get_all_templates_by_type(self):
        for kind, other in (("email", "sms"), ("sms", "email")):
            result = self.client.get_all_templates(template_type=kind)
            expect_keys(result, {"templates"}, f"GET /v2/templates?type={kind}", exact=True)
            templates = result["templates"]
            expect_eq({t["type"] for t in templates}, {kind}, f"types listed with type={kind}")
            ids = {t["id"] for t in templates}
            expect(self.template_expectations(kind)[0] in ids, f"the {kind} template is not listed for type={kind}")
            expect(self.template_expectations(other)[0] not in ids, f"the {other} template is listed for type={kind}")
        result = self.client.get_all_templates(template_type="letter")
        expect_keys(result, {"templates"}, "GET /v2/templates?type=letter", exact=True)
        expect(all(t.get("type") == "letter" for t in result["templates"]),
               "type=letter listed non-letter templates", result)
        expect_http_error(lambda: self.client.get_all_templates(template_type="fax"), 400,
                          [("ValidationError", None)], "type=fax")

    def preview(self, kind):
        template_id = self.template_expectations(kind)[0]
        if kind == "email":
            personalisation = {"name": "Ann", "code": "1234"}
            body, subject = "Dear Ann,\n\nYour code is 1234.", "Hello Ann"
        else:
            personalisation = {"code": "9876"}
            body, subject = "Your code is 9876", None
        got = self.client.post_template_preview(template_id, personalisation)
        expect_keys(got, PREVIEW_KEYS, f"{kind} preview", exact=True)
        expect_eq(got["id"], template_id, "preview id")
        expect_eq(got["type"], kind, "preview type")
        self.check_version(got["version"], "preview version")
        expect_eq(got["body"], body, "preview body (rendered)")
        expect_eq(got["subject"], subject, "preview subject")
        expect_eq(got["postage"], None, "preview postage")
        if kind == "email":
            expect(isinstance(got["html"], str) and "Dear Ann," in got["html"] and "1234" in got["html"],
                   "email preview html should be a string with the rendered body", got["html"])
        else:
            expect_eq(got["html"], None, "sms preview html")

    def preview_errors(self):
        expect_http_error(lambda: self.client.post_template_preview(self.email_template, {"name": "Ann"}), 400,
                          [("BadRequestError", "Missing personalisation: code")], "preview without `code`")
        got = self.client.post_template_preview(
            self.sms_template, {"code": "1", "Unused": "ignored"})
        expect_eq(got["body"], "Your code is 1", "preview with an extra personalisation key")
        expect_http_error(lambda: self.client.post_template_preview(str(uuid.uuid4()), {"code": "1"}), 404,
                          [("NoResultFound", "No result found")], "preview of an unknown template")

    # received texts

    def received_texts(self):
        wanted = self.args.received_texts
        got = self.client.get_received_texts()
        expect_keys(got, {"received_text_messages", "links"}, "GET /v2/received-text-messages", exact=True)
        texts = got["received_text_messages"]
        expect_eq(len(texts), min(wanted, 250), "received texts on the first page")
        for text in texts:
            expect_keys(text, RECEIVED_TEXT_KEYS, "received text", exact=True)
            expect_eq(text["service_id"], self.service_id, "received text service_id")
            expect_timestamp(text["created_at"], "received text created_at")
        created = [t["created_at"] for t in texts]
        expect(created == sorted(created, reverse=True), "received texts should be newest first", created)
        links = got["links"]
        expect(isinstance(links, dict) and isinstance(links.get("current"), str)
               and "/v2/received-text-messages" in links["current"],
               "links.current should be the /v2/received-text-messages URL", links)
        if texts:
            expect(isinstance(links.get("next"), str) and texts[-1]["id"] in links["next"],
                   "links.next should page on from the last text", links)
            older = self.client.get_received_texts(older_than=texts[0]["id"])
            expect_eq([t["id"] for t in older["received_text_messages"]], [t["id"] for t in texts[1:]],
                      "received texts older than the newest")
        got = self.client.get_received_texts(older_than=str(uuid.uuid4()))
        expect_keys(got, {"received_text_messages", "links"}, "received texts older_than", exact=True)
        expect_eq(got["received_text_messages"], [], "received_text_messages older than an unknown id")

    def received_texts_iterator(self):
        texts = list(self.client.get_received_texts_iterator())
        expect_eq(len(texts), self.args.received_texts, "received texts iterated")
        expect_eq(len({t["id"] for t in texts}), len(texts), "received texts iterated once each")

    # letters

    def pdf_when_ready(self, notification_id, what):
        """get_pdf_for_letter, retrying on PDFNotReadyError as the client's own tests do."""
        deadline = time.monotonic() + 20
        while True:
            try:
                return self.client.get_pdf_for_letter(notification_id).read()
            except HTTPError as error:
                not_ready = isinstance(error.message, list) and error.message and \
                    error.message[0].get("error") == "PDFNotReadyError"
                if not not_ready or time.monotonic() > deadline:
                    raise CheckFailed(f"{what}: {describe_http_error(error)}") from error
                time.sleep(0.2)

    def send_letter(self):
        reference = self.ref("letter")
        personalisation = {f"address_line_{n + 1}": line for n, line in enumerate(LETTER_ADDRESS)}
        personalisation.update({"name": "Jo", "day": "Tuesday"})
        created = self.client.send_letter_notification(
            self.args.letter_template, personalisation, reference=reference)
        expect_keys(created, CREATED_KEYS, "letter 201 body")
        expect_eq(created["reference"], reference, "reference")
        expect_keys(created["content"], {"body", "subject"}, "letter content", exact=True)
        expect_eq(created["content"]["subject"], "Your appointment, Jo", "content.subject")
        expect_eq(created["template"]["id"], self.args.letter_template, "template.id")
        self.state["letter"] = created
        got = self.client.get_notification_by_id(created["id"])
        expect_eq(got["type"], "letter", "type")
        expect_eq(got["status"], "accepted", "a letter's status")
        expect_eq([got["line_1"], got["line_2"], got["line_3"], got["postcode"]], LETTER_ADDRESS,
                  "address lines")
        expect_eq(got["postage"], "second", "postage")
        expect_timestamp(got.get("estimated_delivery"), "estimated_delivery")

    def letter_pdf(self):
        letter = self.need("letter", "send_letter_notification")
        pdf = self.pdf_when_ready(letter["id"], "templated letter PDF")
        expect(pdf.startswith(b"%PDF"), "the PDF should start with %PDF", pdf[:20])
        for line in LETTER_ADDRESS:
            expect(line.encode() in pdf, f"the PDF should contain the address line {line!r}")
        self.state["letter_pdf"] = pdf

    def letter_pdf_errors(self):
        email = self.need("email", "send_email_notification")
        expect_http_error(lambda: self.client.get_pdf_for_letter(email["id"]), 400,
                          [("BadRequestError", "Notification is not a letter")], "PDF of an email")
        expect_http_error(lambda: self.client.get_pdf_for_letter(str(uuid.uuid4())), 404,
                          [("NoResultFound", "No result found")], "PDF of an unknown notification")

    def send_precompiled(self):
        pdf = self.need("letter_pdf", "get_pdf_for_letter")
        reference = self.ref("precompiled")
        created = self.client.send_precompiled_letter_notification(reference, io.BytesIO(pdf), postage="first")
        expect_keys(created, {"id", "reference", "postage"}, "precompiled 201 body", exact=True)
        expect_eq(created["reference"], reference, "reference")
        expect_eq(created["postage"], "first", "postage")
        stored = self.pdf_when_ready(created["id"], "precompiled letter PDF")
        expect(stored == pdf, "the precompiled PDF should come back byte for byte")
        got = self.client.get_notification_by_id(created["id"])
        expect_eq((got["type"], got["postage"], got["status"]), ("letter", "first", "accepted"),
                  "precompiled letter type, postage, status")
        expect_http_error(
            lambda: self.client.send_precompiled_letter_notification(reference, io.BytesIO(b"not a pdf")),
            400, [("BadRequestError", "Letter content is not a valid PDF")], "non-PDF content")

    # errors

    def error_bad_email(self):
        expect_http_error(
            lambda: self.client.send_email_notification(
                email_address="not-an-email", template_id=self.email_template,
                personalisation={"name": "Ann", "code": "1"}),
            400, [("ValidationError", "email_address Not a valid email address")], "bad email address")

    def error_bad_phone(self):
        expect_http_error(
            lambda: self.client.send_sms_notification(
                phone_number="07700 90012a", template_id=self.sms_template,
                personalisation={"code": "1"}),
            400, [("ValidationError", "phone_number Must not contain letters or symbols")], "bad phone number")

    def error_missing_personalisation(self):
        expect_http_error(
            lambda: self.client.send_email_notification(
                email_address="someone@example.com", template_id=self.email_template,
                personalisation={"name": "Ann"}),
            400, [("BadRequestError", "Missing personalisation: code")], "email without `code`")

    def error_template_not_found(self):
        expect_http_error(
            lambda: self.client.send_sms_notification(
                phone_number="+447700900123", template_id=str(uuid.uuid4()),
                personalisation={"code": "1"}),
            400, [("BadRequestError", "Template not found")], "unknown template")

    def error_wrong_template_type(self):
        expect_http_error(
            lambda: self.client.send_email_notification(
                email_address="someone@example.com", template_id=self.sms_template,
                personalisation={"code": "1"}),
            400, [("BadRequestError", "sms template is not suitable for email notification")],
            "email with the sms template")

    def error_bad_unsubscribe(self):
        expect_http_error(
            lambda: self.client.send_email_notification(
                email_address="someone@example.com", template_id=self.email_template,
                personalisation={"name": "Ann", "code": "1"},
                one_click_unsubscribe_url="http://example.com/insecure"),
            400, [("ValidationError", "one_click_unsubscribe_url is not a valid https url")],
            "http (not https) one_click_unsubscribe_url")

    def error_bad_key(self):
        wrong_secret = f"bad-{self.service_id}-{uuid.uuid4()}"
        client = NotificationsAPIClient(wrong_secret, base_url=self.base_url)
        expect_http_error(
            lambda: client.send_email_notification(
                email_address="someone@example.com", template_id=self.email_template,
                personalisation={"name": "Ann", "code": "1"}),
            403, [("AuthError", "Invalid token: API key not found")], "key with a wrong secret")
        expect_http_error(lambda: client.get_all_templates(), 403,
                          [("AuthError", "Invalid token: API key not found")], "wrong secret on GET /v2/templates")
        unknown_service = f"bad-{uuid.uuid4()}-{uuid.uuid4()}"
        client = NotificationsAPIClient(unknown_service, base_url=self.base_url)
        expect_http_error(lambda: client.get_notification_by_id(str(uuid.uuid4())), 403,
                          [("AuthError", "Invalid token: service not found")], "key of an unknown service")

    def all_template_versions(self):
        # GOV.UK Notify serves this from its admin app only (requires_admin_auth):
        # a service API key must be refused, and never with a 5xx.
        try:
            result = self.client.get_all_template_versions(self.email_template)
        except HTTPError as error:
            expect(400 <= error.status_code < 500,
                   f"expected a 4xx for the admin-only route, got {describe_http_error(error)}")
            return
        raise CheckFailed(f"the admin-only route answered a service key: {json.dumps(result)[:500]}")

    # -- driver ---------------------------------------------------------------

    def run(self):
        started = time.monotonic()
        c = self.check
        c("send_email_notification", "personalisation+reference+one_click_unsubscribe_url", self.send_email)
        c("send_email_notification", "personalisation only", self.send_email_plain)
        c("send_email_notification", "a file from prepare_upload, downloaded from its link", self.send_file)
        c("send_sms_notification", "personalisation+reference", self.send_sms)
        c("get_notification_by_id", "email", self.get_email_by_id)
        c("get_notification_by_id", "email without options", self.get_plain_by_id)
        c("get_notification_by_id", "sms", self.get_sms_by_id)
        c("get_notification_by_id", "unknown id -> 404", self.get_unknown_by_id)
        c("get_notification_by_id", "malformed id -> 400", self.get_bad_id)

        c("send_email_notification", f"{self.args.iterator_count} more for the iterator", self.send_bulk)
        c("get_all_notifications", "every notification sent gets listed", self.wait_listed)
        c("get_all_notifications", "reference", self.list_by_reference)
        c("get_all_notifications", "template_type", self.list_by_template_type)
        c("get_all_notifications", "status", self.list_by_status)
        c("get_all_notifications", "older_than", self.list_older_than)
        c("get_all_notifications", "first page: 250, newest first", self.list_first_page)
        c("get_all_notifications", "include_jobs", self.list_include_jobs)
        if self.args.other_key:
            c("get_all_notifications", "only the calling key type", self.list_key_type)
        else:
            self.warn("no --other-key: key-type isolation of the list was not checked")
        c("get_all_notifications_iterator", "reference (all pages)", self.iterate_by_reference)
        c("get_all_notifications_iterator", "no filter (past page 1)", self.iterate_unfiltered)
        c("get_all_notifications_iterator", "template_type=sms", self.iterate_by_type)

        c("get_template", "email", self.get_template, "email")
        c("get_template", "sms", self.get_template, "sms")
        c("get_template", "unknown -> 404, malformed -> 400", self.get_template_errors)
        c("get_template_version", "email", self.get_template_version, "email")
        c("get_template_version", "sms", self.get_template_version, "sms")
        c("get_template_version", "unknown version/template -> 404", self.get_template_version_errors)
        c("get_all_templates", "no type", self.get_all_templates)
        c("get_all_templates", "template_type", self.get_all_templates_by_type)
        c("post_template_preview", "email", self.preview, "email")
        c("post_template_preview", "sms", self.preview, "sms")
        c("post_template_preview", "missing/extra personalisation, unknown template", self.preview_errors)
        c("get_all_template_versions", "admin-only route refused with a 4xx", self.all_template_versions)

        c("get_received_texts", f"{self.args.received_texts} texts", self.received_texts)
        c("get_received_texts_iterator", f"{self.args.received_texts} texts", self.received_texts_iterator)

        if self.args.letter_template:
            c("send_letter_notification", "address+personalisation+reference", self.send_letter)
            c("get_pdf_for_letter", "templated letter (retry on PDFNotReadyError)", self.letter_pdf)
            c("get_pdf_for_letter", "not a letter -> 400, unknown -> 404", self.letter_pdf_errors)
            c("send_precompiled_letter_notification", "postage first, byte for byte", self.send_precompiled)

        c("errors", "400 bad email address", self.error_bad_email)
        c("errors", "400 bad phone number", self.error_bad_phone)
        c("errors", "400 missing personalisation", self.error_missing_personalisation)
        c("errors", "400 template not found", self.error_template_not_found)
        c("errors", "400 wrong template type", self.error_wrong_template_type)
        c("errors", "400 non-https one_click_unsubscribe_url", self.error_bad_unsubscribe)
        c("errors", "403 bad API key", self.error_bad_key)

        passed = [m for m, checks in self.results.items() if all(why is None for _, why in checks)]
        failed = {m: {name: why for name, why in checks if why is not None}
                  for m, checks in self.results.items() if any(why is not None for _, why in checks)}
        untouched = sorted(
            name for name, value in vars(NotificationsAPIClient).items()
            if callable(value) and not name.startswith("_")
            and name not in self.results and name not in self.skipped
        )
        for name in untouched:
            self.fail(name, "coverage", "this client method is not exercised by --all (new in the client?)")
            failed[name] = {"coverage": "not exercised"}
        summary = {
            "mode": "all",
            "ok": not failed,
            "passed": passed,
            "failed": failed,
            "skipped": self.skipped,
            "checks": {
                "passed": sum(1 for cs in self.results.values() for _, why in cs if why is None),
                "failed": sum(1 for cs in self.results.values() for _, why in cs if why is not None),
            },
            "warnings": self.warnings,
            "sent": len(self.ids),
            "ids": self.ids,
            "other_key_ids": self.other_ids,
            "loop_seconds": self.timings.get("loop_seconds"),
            "list_visible_after_seconds": self.timings.get("list_visible_after_seconds"),
            "iterator_pages": self.timings.get("iterator_pages"),
            "total_seconds": round(time.monotonic() - started, 3),
        }
        print(json.dumps(summary))
        if failed:
            print(f"FAILED: {', '.join(sorted(failed))}", file=sys.stderr)
            return 1
        return 0


def main_all(argv):
    # The client logs every non-2xx at WARNING; the expected errors would drown the FAIL lines.
    logging.getLogger("notifications_python_client").setLevel(logging.ERROR)
    parser = argparse.ArgumentParser(
        prog="notify_client_check.py --all",
        description="Drive every NotificationsAPIClient method (email, SMS, templates) against Herald.")
    parser.add_argument("base_url")
    parser.add_argument("api_key")
    parser.add_argument("email_template")
    parser.add_argument("sms_template")
    parser.add_argument("--iterator-count", type=int, default=260,
                        help="emails to send before iterating the list (default 260: more than one 250-page)")
    parser.add_argument("--other-key", default=None,
                        help="an API key of another key type of the same service, to check list isolation")
    parser.add_argument("--template-version", type=int, default=1,
                        help="version the fixture templates must have (default 1; 0: any version >= 1)")
    parser.add_argument("--letter-template", default=None,
                        help="a letter template (subject `Your appointment, ((name))`, placeholders name and "
                             "day, postage second) to drive the letter methods with")
    parser.add_argument("--received-texts", type=int, default=0,
                        help="received text messages the service has (default 0)")
    parser.add_argument("--list-wait", type=float, default=15.0,
                        help="seconds to wait for sent notifications to show in the list (default 15)")
    args = parser.parse_args(argv)
    if args.iterator_count < 3:
        parser.error("--iterator-count must be at least 3")
    return Run(args).run()


if __name__ == "__main__":
    if "--all" in sys.argv[1:]:
        sys.exit(main_all([a for a in sys.argv[1:] if a != "--all"]))
    main()
