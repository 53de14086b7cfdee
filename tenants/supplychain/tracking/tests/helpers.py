"""Signed deliveries for the tracking tests (the generic_json protocol, as a carrier sends it)."""

from __future__ import annotations

import json
import secrets
import time
from typing import Any

from tenants.supplychain.tracking.adapters import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign


def meta(name: str) -> str:
    return "HTTP_" + name.upper().replace("-", "_")


def post_event(client: Any, code: str, secret: str, *, at: int | None = None, **event: Any) -> Any:
    """POST one signed event to ``code``'s webhook through the test client; returns the response."""
    event.setdefault("event_id", f"evt_{secrets.token_hex(8)}")
    body = json.dumps(event).encode()
    timestamp = int(time.time()) if at is None else at
    return client.post(
        f"/api/supplychain/carriers/{code}/webhook/",
        data=body,
        content_type="application/json",
        **{
            meta(TIMESTAMP_HEADER): str(timestamp),
            meta(SIGNATURE_HEADER): sign(secret=secret, timestamp=timestamp, body=body),
        },
    )


def carrier_account(client: Any, code: str = "sf-express") -> tuple[dict[str, Any], str]:
    response = client.post(
        "/api/supplychain/carrier-accounts/",
        data={"code": code, "name": "SF Express", "adapter": "generic_json"},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=secrets.token_hex(8),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    return body, body["webhook_secret"]
