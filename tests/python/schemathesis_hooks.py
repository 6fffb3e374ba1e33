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


def _positive(case):
    """Only cases generated as valid are changed: an invalid one made valid
    would be reported as an invalid request the API accepted."""
    meta = getattr(case, "meta", None)
    generation = getattr(meta, "generation", None)
    mode = getattr(generation, "mode", None)
    return mode is not None and str(getattr(mode, "value", mode)) == "positive"


@schemathesis.hook
def flatmap_case(context, case):
    """Half the valid sends name a real template, with the placeholders the
    suite's templates use and no reply-to or sender id (which would name ones
    the service does not have); half the valid template paths a real
    template: so that 201s and 200s are checked against the document too."""
    if not _positive(case):
        return st.just(case)
    template = TEMPLATES.get(case.operation.path)
    if template and isinstance(case.body, dict) and "template_id" in case.body:

        def real_template(use):
            if use:
                body = {**case.body, "template_id": template}
                personalisation = case.body.get("personalisation")
                body["personalisation"] = {
                    **(personalisation if isinstance(personalisation, dict) else {}),
                    **PLACEHOLDERS,
                }
                body.pop("email_reply_to_id", None)
                body.pop("sms_sender_id", None)
                case.body = body
            return case

        return st.booleans().map(real_template)
    params = case.path_parameters
    if ANY_TEMPLATE and isinstance(params, dict) and "template_id" in params:

        def real_path(choice):
            if choice < len(ANY_TEMPLATE):
                case.path_parameters = {**params, "template_id": ANY_TEMPLATE[choice]}
            return case

        return st.integers(0, len(ANY_TEMPLATE)).map(real_path)
    return st.just(case)
