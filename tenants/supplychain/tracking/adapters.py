"""Carrier adapters: how one carrier's webhook deliveries are authenticated and read.

An adapter turns the raw request (headers and body bytes) of a delivery into a :class:`CarrierEvent`,
after checking its signature with the carrier account's secret. Adapters are registered by code in
``ADAPTERS``; a carrier account names the adapter its carrier speaks. The protocol of ``generic_json``
is documented for carriers in docs/supplychain-tracking.md: keep the two in step.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.utils.dateparse import parse_datetime

from kernel.errors import ValidationFailed
from tenants.supplychain.tracking.exceptions import WebhookSignatureInvalid, WebhookTimestampOutOfTolerance
from tenants.supplychain.tracking.models import EventType

SIGNATURE_HEADER = "Hansa-Webhook-Signature"
TIMESTAMP_HEADER = "Hansa-Webhook-Timestamp"
# A delivery signed more than this many seconds before (or after) it arrives is refused: with the event
# id's uniqueness this makes a captured delivery useless (too old, or already seen).
TOLERANCE_SECONDS = 300


@dataclass(frozen=True)
class CarrierEvent:
    reference: str
    tracking_number: str
    type: str
    occurred_at: datetime
    location: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    reason: str = ""
    eta: datetime | None = None


class CarrierAdapter(Protocol):
    code: str
    name: str

    def parse(
        self, *, body: bytes, headers: Mapping[str, str], secret: str, now: float | None = None
    ) -> CarrierEvent: ...


def sign(*, secret: str, timestamp: int | str, body: bytes) -> str:
    """The ``Hansa-Webhook-Signature`` value of a body sent at ``timestamp`` (unix seconds)."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"v1={digest}"


def _aware(value: Any, field: str, errors: dict[str, list[str]], *, required: bool) -> datetime | None:
    if value in (None, ""):
        if required:
            errors[field] = ["This field is required."]
        return None
    try:
        parsed = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        errors[field] = ["An ISO 8601 date-time with its offset, e.g. 2026-12-06T09:30:00+08:00."]
        return None
    return parsed if plausible(parsed, field, errors) else None


def plausible(value: datetime, field: str, errors: dict[str, list[str]]) -> bool:
    """A time within the years a shipment can be in (2000-2100), so dates stay comparable in every zone."""
    if not 2000 <= value.year <= 2100:
        errors[field] = ["A time between the years 2000 and 2100."]
        return False
    return True


def coordinate(value: Any, field: str, limit: int, errors: dict[str, list[str]]) -> Decimal | None:
    """A latitude (limit 90) or longitude (limit 180) from a number or a numeric string; None if absent."""
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        errors[field] = ["A number."]
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        errors[field] = ["A number."]
        return None
    if not number.is_finite() or abs(number) > limit:
        errors[field] = [f"Between -{limit} and {limit}."]
        return None
    return number.quantize(Decimal("0.000001"))


class GenericJsonAdapter:
    """One event per delivery as a JSON object, signed with HMAC-SHA256 over ``<timestamp>.<raw body>``."""

    code = "generic_json"
    name = "Generic JSON (HMAC-SHA256)"

    def parse(
        self, *, body: bytes, headers: Mapping[str, str], secret: str, now: float | None = None
    ) -> CarrierEvent:
        self.verify(body=body, headers=headers, secret=secret, now=now)
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ValidationFailed(errors={"__all__": ["The body is not JSON."]}) from None
        if not isinstance(data, dict):
            raise ValidationFailed(errors={"__all__": ["The body must be a JSON object."]})
        errors: dict[str, list[str]] = {}
        known = {
            "event_id",
            "tracking_number",
            "type",
            "occurred_at",
            "location",
            "latitude",
            "longitude",
            "reason",
            "eta",
        }
        for key in sorted(set(data) - known):
            errors[key] = ["This key is not part of the protocol."]
        texts: dict[str, str] = {}
        for key, limit, required in (
            ("event_id", 100, True),
            ("tracking_number", 200, True),
            ("location", 300, False),
            ("reason", 1000, False),
        ):
            value = data.get(key, "")
            if value is None:
                value = ""
            if not isinstance(value, str):
                errors[key] = ["A string."]
            elif required and not value.strip():
                errors[key] = ["This field is required."]
            elif len(value) > limit:
                errors[key] = [f"At most {limit} characters."]
            texts[key] = value.strip() if isinstance(value, str) else ""
        kind = data.get("type")
        if kind not in EventType.values:
            errors["type"] = [f"One of {', '.join(EventType.values)}."]
        elif kind == EventType.EXCEPTION and not texts.get("reason"):
            errors["reason"] = ["An exception names its reason."]
        occurred_at = _aware(data.get("occurred_at"), "occurred_at", errors, required=True)
        eta = _aware(data.get("eta"), "eta", errors, required=False)
        latitude = coordinate(data.get("latitude"), "latitude", 90, errors)
        longitude = coordinate(data.get("longitude"), "longitude", 180, errors)
        if (
            (latitude is None) != (longitude is None)
            and not errors.get("latitude")
            and not errors.get("longitude")
        ):
            errors["latitude"] = ["Latitude and longitude come together."]
        if errors:
            raise ValidationFailed(errors=errors)
        assert occurred_at is not None
        return CarrierEvent(
            reference=texts["event_id"],
            tracking_number=texts["tracking_number"],
            type=str(kind),
            occurred_at=occurred_at,
            location=texts["location"],
            latitude=latitude,
            longitude=longitude,
            reason=texts["reason"],
            eta=eta,
        )

    @staticmethod
    def verify(*, body: bytes, headers: Mapping[str, str], secret: str, now: float | None = None) -> None:
        """Raise unless the signature header holds a ``v1=`` HMAC of this body made with ``secret`` within
        the tolerance. Compared in constant time; several ``v1=`` values (comma separated) are accepted
        so a carrier can sign with the old and the new secret while one is rotated."""
        raw_time = (headers.get(TIMESTAMP_HEADER) or "").strip()
        raw_signature = (headers.get(SIGNATURE_HEADER) or "").strip()
        if not raw_time.isdigit() or not raw_signature:
            raise WebhookSignatureInvalid(detail=f"Send {TIMESTAMP_HEADER} and {SIGNATURE_HEADER}.")
        expected = sign(secret=secret, timestamp=raw_time, body=body)
        offered = [part.strip() for part in raw_signature.split(",") if part.strip().startswith("v1=")]
        if not any(hmac.compare_digest(expected, candidate) for candidate in offered):
            raise WebhookSignatureInvalid()
        current = time.time() if now is None else now
        if abs(current - int(raw_time)) > TOLERANCE_SECONDS:
            raise WebhookTimestampOutOfTolerance(
                detail=f"Signed at {raw_time}; deliveries are accepted within {TOLERANCE_SECONDS} s."
            )


ADAPTERS: dict[str, CarrierAdapter] = {GenericJsonAdapter.code: GenericJsonAdapter()}


def adapter_for(code: str) -> CarrierAdapter | None:
    return ADAPTERS.get(code)
