#!/usr/bin/env python3
"""Make signed Amazon SNS HTTP messages and SES event payloads for Herald's tests.

Herald receives SES delivery events as SNS HTTP(S) notifications on
`POST /notifications/email/ses` and verifies their signature. Real SNS signs
with a certificate served from `https://sns.<region>.amazonaws.com/...pem`;
tests cannot reach that, so this script holds a throwaway RSA-2048 key and a
self-signed certificate, and Herald's verifier is started with
`InsecureTestCertificates({SIGNING_CERT_URL: cert_pem})`, which trusts exactly
that PEM for exactly that SigningCertURL.

Needs the Python `cryptography` package (see requirements.txt beside this file).

Usage:
  sns_sign.py keygen DIR
      Creates DIR/key.pem (RSA-2048, PKCS#8, unencrypted) and DIR/cert.pem
      (self-signed, CN=sns.amazonaws.com, valid from yesterday for 10 years)
      unless both already exist (idempotent; safe to run concurrently on the
      same DIR). Prints one JSON line:
        {"cert_pem": "-----BEGIN CERTIFICATE-----\\n...", "signing_cert_url": "https://sns.eu-west-2.amazonaws.com/SimpleNotificationService-herald-test.pem"}

  sns_sign.py sign DIR [--tamper] [--signing-cert-url URL] < input.json
      Reads one JSON object on stdin with at least `Type`
      (Notification | SubscriptionConfirmation | UnsubscribeConfirmation),
      `TopicArn` and `Message`, and optionally `Subject`, `MessageId`,
      `Timestamp`, `SignatureVersion` ("1" = SHA1withRSA, "2" = SHA256withRSA;
      default "2"), `SubscribeURL`, `Token`, `UnsubscribeURL`,
      `MessageAttributes`. `Message` should be a string (SNS always carries a
      string); a JSON object/array given instead is serialised compactly.
      Missing MessageId (uuid4) and Timestamp (now, ms, `Z`) are filled in;
      for the two confirmation types a missing Token / SubscribeURL is made up
      (from the TopicArn's region); for Notification a missing UnsubscribeURL
      is made up. Then sets `SigningCertURL` (the URL above unless
      --signing-cert-url is given; the signature is the same either way) and
      `Signature` (base64, RSA PKCS#1 v1.5 over the AWS string to sign for the
      message type) and prints the complete SNS JSON body on stdout, with the
      keys in the order AWS sends them. Unknown input keys are passed through
      unsigned, as AWS does for MessageAttributes.
      --tamper changes `Message` AFTER signing (the signature then must not
      verify): a JSON-object Message gets `"tampered": true` added, any other
      Message gets " (tampered)" appended.
      Creates the key/cert in DIR first if `keygen` was not run.

  sns_sign.py ses-event KIND MESSAGE_ID NOTIFICATION_ID
                        [--tag-name herald-notification-id]
                        [--recipient EMAIL] [--source EMAIL]
      Prints an SES *event publishing* payload (the `eventType` format SES
      publishes to SNS for a configuration set's event destination, as in
      tests/fixtures/ses/event-*.json) as one compact JSON line. KIND:
        delivery              eventType Delivery
        bounce-permanent      Bounce, Permanent/General (with DSN fields)
        bounce-transient      Bounce, Transient/MailboxFull
        bounce-undetermined   Bounce, Undetermined/Undetermined
        bounce-suppressed     Bounce, Permanent/OnAccountSuppressionList
        complaint             Complaint, complaintFeedbackType abuse
      `mail.messageId` = MESSAGE_ID (SES's SendEmail MessageId, the join key),
      `mail.timestamp` = now, event timestamps = now,
      `mail.tags` = {TAG_NAME: [NOTIFICATION_ID]} plus the `ses:*` tags SES
      adds. `mail.commonHeaders.messageId` is the RFC 5322 Message-ID header
      (`<MESSAGE_ID@eu-west-2.amazonses.com>`), deliberately NOT equal to
      mail.messageId, as with real SES. Region eu-west-2, account 123456789012.
      Pipe it into `sign` as the Message of a Notification, e.g.
        python3 - <<'EOF'
        import json, subprocess
        ev = subprocess.check_output(["sns_sign.py", "ses-event", "delivery", mid, nid], text=True)
        body = subprocess.check_output(["sns_sign.py", "sign", d],
            input=json.dumps({"Type": "Notification", "TopicArn": arn, "Message": ev}), text=True)
        EOF

  sns_sign.py selftest [--vectors PATH]
      (1) For every vector of tests/fixtures/ses/sns-signed-test-vectors.json,
      rebuilds the string to sign from the envelope and checks it equals the
      vector's `string_to_sign` byte for byte, then verifies the signature with
      the vector's cert and checks the verdict equals `expect_valid`.
      (2) Signs messages of every type with SignatureVersion 1 and 2 (with and
      without Subject) using a temporary key, verifies them, and checks that
      --tamper, a wrong SignatureVersion and a dropped Subject fail.
      Prints `N passed, 0 failed` and exits 0, or lists failures and exits 1.
      PATH defaults to ../fixtures/ses/sns-signed-test-vectors.json relative
      to this file (the repository's tests/fixtures/ses/).
"""
import argparse
import base64
import datetime as dt
import fcntl
import json
import os
import re
import secrets
import sys
import tempfile
import uuid

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID

SIGNING_CERT_URL = (
    "https://sns.eu-west-2.amazonaws.com/SimpleNotificationService-herald-test.pem"
)
REGION = "eu-west-2"
ACCOUNT = "123456789012"

# Fields covered by the signature, in the (byte-sorted) order AWS uses.
# A field is skipped only if absent (in practice only Notification's Subject).
SIGNED_FIELDS = {
    "Notification": ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"],
    "SubscriptionConfirmation": [
        "Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type",
    ],
    "UnsubscribeConfirmation": [
        "Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type",
    ],
}

# Key order of real SNS HTTP bodies.
OUTPUT_ORDER = {
    "Notification": [
        "Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp",
        "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL",
        "MessageAttributes",
    ],
    "SubscriptionConfirmation": [
        "Type", "MessageId", "Token", "TopicArn", "Message", "SubscribeURL",
        "Timestamp", "SignatureVersion", "Signature", "SigningCertURL",
    ],
    "UnsubscribeConfirmation": [
        "Type", "MessageId", "Token", "TopicArn", "Message", "SubscribeURL",
        "Timestamp", "SignatureVersion", "Signature", "SigningCertURL",
    ],
}

HASHES = {"1": hashes.SHA1, "2": hashes.SHA256}


class UsageError(Exception):
    pass


# --------------------------------------------------------------------------
# String to sign, signing, verifying


def string_to_sign(msg):
    """The exact AWS string to sign for an SNS message (dict of str values)."""
    mtype = msg.get("Type")
    if mtype not in SIGNED_FIELDS:
        raise UsageError(f"unsupported Type {mtype!r}")
    out = []
    for name in SIGNED_FIELDS[mtype]:
        if name in msg and msg[name] is not None:
            value = msg[name]
            if not isinstance(value, str):
                raise UsageError(f"{name} must be a string")
            out.append(f"{name}\n{value}\n")
        elif name != "Subject":
            raise UsageError(f"{mtype} needs {name}")
    return "".join(out)


def sign_bytes(key, data, version):
    if version not in HASHES:
        raise UsageError(f"SignatureVersion must be \"1\" or \"2\", not {version!r}")
    sig = key.sign(data, padding.PKCS1v15(), HASHES[version]())
    return base64.b64encode(sig).decode("ascii")


def verify_message(cert_pem, msg):
    """True iff msg's Signature verifies like a spec-correct SNS verifier."""
    version = msg.get("SignatureVersion")
    if version not in HASHES:
        return False
    try:
        data = string_to_sign(msg).encode("utf-8")
        sig = base64.b64decode(msg["Signature"], validate=True)
    except (UsageError, KeyError, ValueError):
        return False
    cert = x509.load_pem_x509_certificate(cert_pem.encode("ascii"))
    try:
        cert.public_key().verify(sig, data, padding.PKCS1v15(), HASHES[version]())
        return True
    except InvalidSignature:
        return False


# --------------------------------------------------------------------------
# Key material


def ensure_keys(directory):
    """Create DIR/key.pem and DIR/cert.pem once; return (key, cert_pem)."""
    os.makedirs(directory, exist_ok=True)
    key_path = os.path.join(directory, "key.pem")
    cert_path = os.path.join(directory, "cert.pem")
    with open(os.path.join(directory, ".keygen.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (os.path.exists(key_path) and os.path.exists(cert_path)):
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "sns.amazonaws.com")])
            now = dt.datetime.now(dt.timezone.utc)
            cert = (
                x509.CertificateBuilder()
                .subject_name(name)
                .issuer_name(name)
                .public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(days=1))
                .not_valid_after(now - dt.timedelta(days=1) + dt.timedelta(days=3650))
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .sign(key, hashes.SHA256())
            )
            key_pem = key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            _atomic_write(key_path, key_pem)
            _atomic_write(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    with open(cert_path, "r", encoding="ascii") as f:
        cert_pem = f.read()
    return key, cert_pem


def _atomic_write(path, data):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


# --------------------------------------------------------------------------
# SNS message building


def sns_timestamp(now=None):
    now = now or dt.datetime.now(dt.timezone.utc)
    return now.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _region_of(topic_arn):
    parts = topic_arn.split(":")
    return parts[3] if len(parts) > 3 and parts[3] else REGION


def build_signed(key, msg, signing_cert_url=SIGNING_CERT_URL, tamper=False):
    if not isinstance(msg, dict):
        raise UsageError("stdin must be a JSON object")
    msg = dict(msg)
    for required in ("Type", "TopicArn", "Message"):
        if required not in msg:
            raise UsageError(f"missing {required}")
    mtype = msg["Type"]
    if mtype not in SIGNED_FIELDS:
        raise UsageError(f"unsupported Type {mtype!r}")
    if not isinstance(msg["Message"], str):
        msg["Message"] = json.dumps(msg["Message"], separators=(",", ":"))
    msg.setdefault("MessageId", str(uuid.uuid4()))
    msg.setdefault("Timestamp", sns_timestamp())
    msg["SignatureVersion"] = str(msg.get("SignatureVersion", "2"))
    region = _region_of(msg["TopicArn"])
    if mtype == "Notification":
        msg.setdefault(
            "UnsubscribeURL",
            f"https://sns.{region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn="
            f"{msg['TopicArn']}:{uuid.uuid4()}",
        )
    else:
        msg.setdefault("Token", secrets.token_hex(64))
        msg.setdefault(
            "SubscribeURL",
            f"https://sns.{region}.amazonaws.com/?Action=ConfirmSubscription&TopicArn="
            f"{msg['TopicArn']}&Token={msg['Token']}",
        )
    msg.pop("Signature", None)
    msg["SigningCertURL"] = signing_cert_url
    msg["Signature"] = sign_bytes(key, string_to_sign(msg).encode("utf-8"), msg["SignatureVersion"])
    if tamper:
        msg["Message"] = _tampered(msg["Message"])
    order = OUTPUT_ORDER[mtype]
    out = {k: msg[k] for k in order if k in msg}
    out.update({k: v for k, v in msg.items() if k not in out})
    return out


def _tampered(message):
    try:
        obj = json.loads(message)
    except ValueError:
        obj = None
    if isinstance(obj, dict):
        obj["tampered"] = True
        return json.dumps(obj, separators=(",", ":"))
    return message + " (tampered)"


# --------------------------------------------------------------------------
# SES event-publishing payloads (shapes from the SES Developer Guide samples,
# tests/fixtures/ses/event-*.json and synthetic-event-*.json)

KINDS = (
    "delivery", "bounce-permanent", "bounce-transient", "bounce-undetermined",
    "bounce-suppressed", "complaint",
)

SUPPRESSED_DIAGNOSTIC = (
    "Amazon SES did not send the message to this address because it is on the "
    "suppression list for your account. For more information about removing "
    "addresses from the suppression list, see the Amazon SES Developer Guide at "
    "https://docs.aws.amazon.com/ses/latest/DeveloperGuide/sending-email-suppression-list.html"
)


def _feedback_id(now):
    ms = int(now.timestamp() * 1000)
    return f"0102{ms:012x}-{uuid.uuid4()}-000000"


def ses_event(kind, message_id, notification_id, tag_name="herald-notification-id",
              recipient="recipient@example.com", source="sender@example.com", now=None):
    if kind not in KINDS:
        raise UsageError(f"KIND must be one of {', '.join(KINDS)}")
    now = now or dt.datetime.now(dt.timezone.utc)
    sent = sns_timestamp(now)
    later = sns_timestamp(now + dt.timedelta(milliseconds=1234))
    domain = source.rsplit("@", 1)[-1].rstrip(">")
    subject = "Message sent from Herald"
    mail = {
        "timestamp": sent,
        "source": source,
        "sourceArn": f"arn:aws:ses:{REGION}:{ACCOUNT}:identity/{domain}",
        "sendingAccountId": ACCOUNT,
        "messageId": message_id,
        "destination": [recipient],
        "headersTruncated": False,
        "headers": [
            {"name": "From", "value": source},
            {"name": "To", "value": recipient},
            {"name": "Subject", "value": subject},
            {"name": "MIME-Version", "value": "1.0"},
            {"name": "Content-Type",
             "value": "multipart/alternative; boundary=\"----=_Part_7307378_1629847660.1516840721503\""},
        ],
        "commonHeaders": {
            "from": [source],
            "to": [recipient],
            "messageId": f"<{message_id}@{REGION}.amazonses.com>",
            "subject": subject,
        },
        "tags": {
            "ses:configuration-set": ["herald"],
            "ses:source-ip": ["192.0.2.0"],
            "ses:from-domain": [domain],
            "ses:caller-identity": ["herald"],
            "ses:outgoing-ip": ["192.0.2.0"],
            tag_name: [notification_id],
        },
    }
    if kind == "delivery":
        return {
            "eventType": "Delivery",
            "mail": mail,
            "delivery": {
                "timestamp": later,
                "processingTimeMillis": 1234,
                "recipients": [recipient],
                "smtpResponse": "250 2.6.0 Message received",
                "reportingMTA": "a8-70.smtp-out.amazonses.com",
            },
        }
    if kind == "complaint":
        return {
            "eventType": "Complaint",
            "complaint": {
                "complainedRecipients": [{"emailAddress": recipient}],
                "timestamp": later,
                "feedbackId": _feedback_id(now),
                "userAgent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                             "(KHTML, like Gecko) Chrome/60.0.3112.90 Safari/537.36",
                "complaintFeedbackType": "abuse",
                "arrivalDate": later,
            },
            "mail": mail,
        }
    if kind == "bounce-permanent":
        bounce = {
            "bounceType": "Permanent",
            "bounceSubType": "General",
            "bouncedRecipients": [{
                "emailAddress": recipient, "action": "failed", "status": "5.1.1",
                "diagnosticCode": "smtp; 550 5.1.1 user unknown",
            }],
            "reportingMTA": "dsn; mta.example.com",
        }
    elif kind == "bounce-transient":
        bounce = {
            "bounceType": "Transient",
            "bounceSubType": "MailboxFull",
            "bouncedRecipients": [{
                "emailAddress": recipient, "action": "failed", "status": "5.2.2",
                "diagnosticCode": "smtp; 552 5.2.2 mailbox full",
            }],
            "reportingMTA": "dsn; mta.example.com",
        }
    elif kind == "bounce-undetermined":
        bounce = {
            "bounceType": "Undetermined",
            "bounceSubType": "Undetermined",
            "bouncedRecipients": [{"emailAddress": recipient}],
        }
    else:  # bounce-suppressed
        bounce = {
            "bounceType": "Permanent",
            "bounceSubType": "OnAccountSuppressionList",
            "bouncedRecipients": [{
                "emailAddress": recipient, "action": "failed", "status": "5.1.1",
                "diagnosticCode": SUPPRESSED_DIAGNOSTIC,
            }],
            "reportingMTA": "dns; amazonses.com",
        }
    bounce["timestamp"] = later
    bounce["feedbackId"] = _feedback_id(now)
    return {"eventType": "Bounce", "bounce": bounce, "mail": mail}


# --------------------------------------------------------------------------
# Self test


def _default_vectors_path():
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [
        os.path.join(here, "..", "fixtures", "ses", "sns-signed-test-vectors.json"),
    ]
    for c in candidates:
        if os.path.exists(c):
            return os.path.normpath(c)
    return None


def selftest(vectors_path=None):
    passed, failures = 0, []

    def check(ok, what):
        nonlocal passed
        if ok:
            passed += 1
        else:
            failures.append(what)

    path = vectors_path or _default_vectors_path()
    if path is None:
        failures.append("test vectors not found (tests/fixtures/ses/sns-signed-test-vectors.json)")
    else:
        with open(path, encoding="utf-8") as f:
            vectors = json.load(f)
        cert_pem = vectors["cert_pem"]
        for i, v in enumerate(vectors["vectors"]):
            env = v["envelope"]
            check(string_to_sign(env) == v["string_to_sign"],
                  f"vector {i}: string_to_sign differs ({v['description']})")
            check(verify_message(cert_pem, env) == v["expect_valid"],
                  f"vector {i}: verdict != expect_valid={v['expect_valid']} ({v['description']})")

    with tempfile.TemporaryDirectory() as d:
        key, cert_pem = ensure_keys(d)
        key2, cert_pem2 = ensure_keys(d)
        check(cert_pem == cert_pem2, "keygen is not idempotent")
        cert = x509.load_pem_x509_certificate(cert_pem.encode())
        cn = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
        check(cn == "sns.amazonaws.com", "cert CN")
        check(cert.not_valid_before_utc < dt.datetime.now(dt.timezone.utc)
              < cert.not_valid_after_utc, "cert validity window")
        arn = f"arn:aws:sns:{REGION}:{ACCOUNT}:herald-ses-events"
        event = json.dumps(ses_event("delivery", "0102abc-mid", "nid-1"), separators=(",", ":"))
        inputs = [
            {"Type": "Notification", "TopicArn": arn, "Message": event},
            {"Type": "Notification", "TopicArn": arn, "Message": event, "Subject": "Amazon SES Email Event Notification"},
            {"Type": "SubscriptionConfirmation", "TopicArn": arn,
             "Message": f"You have chosen to subscribe to the topic {arn}.\nTo confirm the subscription, visit the SubscribeURL included in this message."},
            {"Type": "UnsubscribeConfirmation", "TopicArn": arn,
             "Message": f"You have chosen to deactivate subscription {arn}:x.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message."},
        ]
        for base in inputs:
            for version in ("1", "2"):
                m = dict(base, SignatureVersion=version)
                what = f"{m['Type']} v{version}{' +Subject' if 'Subject' in m else ''}"
                signed = build_signed(key, m)
                check(verify_message(cert_pem, signed), f"{what}: does not verify")
                check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", signed["Timestamp"]) is not None,
                      f"{what}: Timestamp format {signed['Timestamp']}")
                check(signed["SigningCertURL"] == SIGNING_CERT_URL, f"{what}: SigningCertURL")
                check(not verify_message(cert_pem, build_signed(key, m, tamper=True)),
                      f"{what}: tampered message verifies")
                other = dict(signed, SignatureVersion="2" if version == "1" else "1")
                check(not verify_message(cert_pem, other), f"{what}: wrong SignatureVersion verifies")
                check(not verify_message(cert_pem, dict(signed, SignatureVersion="3")),
                      f"{what}: SignatureVersion 3 verifies")
                check(not verify_message(_other_cert(), signed),
                      f"{what}: verifies with another cert")
                if "Subject" in signed:
                    nosub = {k: v for k, v in signed.items() if k != "Subject"}
                    check(not verify_message(cert_pem, nosub), f"{what}: dropped Subject verifies")
        # Message given as an object is serialised, and round-trips.
        obj = ses_event("bounce-permanent", "mid-2", "nid-2")
        signed = build_signed(key, {"Type": "Notification", "TopicArn": arn, "Message": obj})
        check(isinstance(signed["Message"], str) and json.loads(signed["Message"]) == obj
              and verify_message(cert_pem, signed), "object Message")
        for kind in KINDS:
            ev = ses_event(kind, "mid-3", "nid-3", tag_name="t")
            check(ev["mail"]["messageId"] == "mid-3" and ev["mail"]["tags"]["t"] == ["nid-3"],
                  f"ses-event {kind}")

    for f in failures:
        print(f"FAIL {f}", file=sys.stderr)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


_OTHER = []


def _other_cert():
    if not _OTHER:
        with tempfile.TemporaryDirectory() as d:
            _OTHER.append(ensure_keys(d)[1])
    return _OTHER[0]


# --------------------------------------------------------------------------
# CLI


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)

    k = sub.add_parser("keygen", help="create (once) the test key and certificate")
    k.add_argument("dir")

    s = sub.add_parser("sign", help="sign an SNS message read from stdin")
    s.add_argument("dir")
    s.add_argument("--tamper", action="store_true", help="alter Message after signing")
    s.add_argument("--signing-cert-url", default=SIGNING_CERT_URL)

    e = sub.add_parser("ses-event", help="print an SES event-publishing payload")
    e.add_argument("kind", choices=KINDS)
    e.add_argument("message_id")
    e.add_argument("notification_id")
    e.add_argument("--tag-name", default="herald-notification-id")
    e.add_argument("--recipient", default="recipient@example.com")
    e.add_argument("--source", default="sender@example.com")

    t = sub.add_parser("selftest", help="check against the fixture test vectors")
    t.add_argument("--vectors")

    a = p.parse_args(argv)
    try:
        if a.cmd == "keygen":
            _, cert_pem = ensure_keys(a.dir)
            print(json.dumps({"cert_pem": cert_pem, "signing_cert_url": SIGNING_CERT_URL}))
        elif a.cmd == "sign":
            try:
                msg = json.load(sys.stdin)
            except ValueError as err:
                raise UsageError(f"stdin is not JSON: {err}")
            key, _ = ensure_keys(a.dir)
            print(json.dumps(build_signed(key, msg, a.signing_cert_url, a.tamper)))
        elif a.cmd == "ses-event":
            ev = ses_event(a.kind, a.message_id, a.notification_id, a.tag_name,
                           a.recipient, a.source)
            print(json.dumps(ev, separators=(",", ":")))
        elif a.cmd == "selftest":
            return selftest(a.vectors)
    except UsageError as err:
        print(f"sns_sign.py: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
