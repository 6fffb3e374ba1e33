"""Drives Herald with the official GOV.UK Notify Python client
(notifications-python-client from PyPI), exactly as its users do.

Usage: notify_client_check.py BASE_URL API_KEY EMAIL_TEMPLATE_ID SMS_TEMPLATE_ID [COUNT]

Sends an email and a text message, reads each back straight after the POST,
then sends COUNT more emails (default 0), reading each back, and prints one
JSON summary line. Exits non-zero on any mismatch.
"""
import json
import sys
import time

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
    assert got["status"] == "created", got

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


if __name__ == "__main__":
    main()
