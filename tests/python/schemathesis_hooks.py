"""Schemathesis hooks for fuzzing Herald against its served OpenAPI document.

Loaded with SCHEMATHESIS_HOOKS=schemathesis_hooks (this folder on PYTHONPATH),
by tests/schemathesis.rs (bounded, in scripts/test) and scripts/fuzz-deep.

* Every request gets a fresh Notify bearer token, made by the official
  client's own create_jwt_token from HERALD_FUZZ_API_KEY (iat = now, so a
  long run never trips the 30 s clock check). Operations that take no token
  (probes, SNS webhooks, download links) get one too, and ignore it.
* Template ids: where the generated body or path names a template, some
  cases use one of the service's real templates (HERALD_FUZZ_EMAIL_TEMPLATE,
  HERALD_FUZZ_SMS_TEMPLATE), so that the generator reaches the 201 and 200
  answers as well as "Template not found".
"""

import os

import schemathesis
from hypothesis import strategies as st
from notifications_python_client.authentication import create_jwt_token

API_KEY = os.environ["HERALD_FUZZ_API_KEY"]
SERVICE_ID = API_KEY[-73:-37]
SECRET = API_KEY[-36:]
TEMPLATES = {
    "/v2/notifications/email": os.environ.get("HERALD_FUZZ_EMAIL_TEMPLATE"),
    "/v2/notifications/sms": os.environ.get("HERALD_FUZZ_SMS_TEMPLATE"),
}
ANY_TEMPLATE = [t for t in TEMPLATES.values() if t]
# The placeholders of the suite's fixture templates (tests/helpers).
PLACEHOLDERS = {"name": "Ann", "code": "1234"}


@schemathesis.auth(refresh_interval=None)
class NotifyToken:
    """A new token for every request, as the official clients make them."""

    def get(self, case, context):
        return create_jwt_token(SECRET, SERVICE_ID)

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"


@schemathesis.hook
def flatmap_body(context, body):
    """Half the generated sends name a real template, with the placeholders
    the suite's templates use and no reply-to or sender id (which would name
    ones the service does not have), so that 201s are generated too."""
    path = context.operation.path if context.operation else None
    template = TEMPLATES.get(path)
    if not template or not isinstance(body, dict) or "template_id" not in body:
        return st.just(body)
    real = {**body, "template_id": template}
    personalisation = body.get("personalisation")
    real["personalisation"] = {
        **(personalisation if isinstance(personalisation, dict) else {}),
        **PLACEHOLDERS,
    }
    real.pop("email_reply_to_id", None)
    real.pop("sms_sender_id", None)
    return st.sampled_from([body, real])


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters):
    if (
        not ANY_TEMPLATE
        or not isinstance(path_parameters, dict)
        or "template_id" not in path_parameters
    ):
        return st.just(path_parameters)
    real = [{**path_parameters, "template_id": t} for t in ANY_TEMPLATE]
    return st.sampled_from([path_parameters, *real])
