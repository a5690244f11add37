"""schemathesis hooks for tests/tests/openapi.rs: signs each generic-webhook request as an
integrator does (docs/api/generic-webhook.md), so the run reaches the webhook's own checks
instead of stopping at 401. A request schemathesis sends without one of the two headers
(to see it refused) is left without it. The body is signed as `requests` will send it
(`json.dumps` with `allow_nan=False`, UTF-8)."""

import hashlib
import hmac
import json
import os
import time

import schemathesis

WEBHOOK = "/api/v1/channels/generic/messages"
SECRET = os.environ["VISADESK_GENERIC_SECRET"].encode()


@schemathesis.hook
def before_call(context, case, kwargs):
    headers = case.headers or {}
    if (
        case.path != WEBHOOK
        or not isinstance(case.body, (dict, list))
        or not {"X-Visadesk-Timestamp", "X-Visadesk-Signature"} <= set(headers)
    ):
        return
    timestamp = str(int(time.time()))
    body = json.dumps(case.body, allow_nan=False).encode()
    digest = hmac.new(SECRET, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    case.headers = {
        **headers,
        "X-Visadesk-Timestamp": timestamp,
        "X-Visadesk-Signature": f"sha256={digest}",
    }
