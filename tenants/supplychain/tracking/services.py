"""Writes of shipment tracking: carrier accounts, events (by hand or from a carrier's webhook), ETA, the
late-shipment alert, and ingestion of the supplier's ``tracking_update`` on the buyer's side.

Every write runs in one transaction with the trade document that tells the buyer (``tracking_update``,
referring to the purchase order document of the shipment's order) and the notification of a late
shipment, so an event is recorded with its effects or not at all.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Min
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from identity.access import Actor
from identity.services import audit_record
from kernel.errors import NotFound, ValidationFailed
from kernel.tenancy import current_company
from tenants.supplychain.tracking.adapters import ADAPTERS, adapter_for, coordinate, plausible
from tenants.supplychain.tracking.exceptions import CarrierCodeTaken, TrackedShipmentNotFound
from tenants.supplychain.tracking.models import (
    CarrierAccount,
    EventSource,
    EventType,
    InboundEvent,
    InboundTracking,
    ShipmentTracking,
    TrackingEvent,
    TrackingStatus,
)

logger = logging.getLogger(__name__)

MANAGE = "supplychain.manage"
VIEW = "supplychain.view"
LATE_KIND = "supplychain.tracking.late"  # the supplier's: one of our shipments is late
LATE_INBOUND_KIND = "supplychain.tracking.late_inbound"  # the buyer's: a shipment to us is late


# --- carrier accounts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CarrierAccountWithSecret:
    account: CarrierAccount
    secret: str


def _new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def carrier_account_create(
    *, actor: Actor, code: str, name: str, adapter: str, request: HttpRequest | None = None
) -> CarrierAccountWithSecret:
    """A carrier account with a fresh webhook secret (returned once; stored encrypted).

    Raises:
        ValidationFailed: blank name, a code that is not a slug, an adapter that is not registered.
        CarrierCodeTaken: another account has this code.
    """
    actor.require(MANAGE)
    code, name = code.strip().lower(), name.strip()
    errors: dict[str, list[str]] = {}
    if not code or len(code) > 40 or not all(c.isalnum() or c in "-_" for c in code) or not code.isascii():
        errors["code"] = ["Letters, digits, - and _ (at most 40)."]
    if not name:
        errors["name"] = ["Name the carrier."]
    if adapter not in ADAPTERS:
        errors["adapter"] = [f"One of {', '.join(sorted(ADAPTERS))}."]
    if errors:
        raise ValidationFailed(errors=errors)
    secret = _new_secret()
    try:
        with transaction.atomic():
            account = CarrierAccount.objects.create(
                code=code, name=name, adapter=adapter, webhook_secret=secret, created_by=actor.user
            )
            _audit(actor, "tracking.carrier_account_created", account, request, after={"code": code})
    except IntegrityError:
        raise CarrierCodeTaken(detail=f"The code {code!r} is taken.") from None
    return CarrierAccountWithSecret(account=account, secret=secret)


@transaction.atomic
def carrier_account_update(
    *,
    actor: Actor,
    account_id: int,
    name: str | None = None,
    active: bool | None = None,
    request: HttpRequest | None = None,
) -> CarrierAccount:
    """Rename or (de)activate an account; an inactive account's webhook answers 404."""
    actor.require(MANAGE)
    account = CarrierAccount.objects.select_for_update().filter(pk=account_id).first()
    if account is None:
        raise NotFound()
    before = {"name": account.name, "active": account.active}
    if name is not None:
        if not name.strip():
            raise ValidationFailed(errors={"name": ["Name the carrier."]})
        account.name = name.strip()
    if active is not None:
        account.active = active
    account.save(update_fields=["name", "active", "updated_at"])
    _audit(
        actor,
        "tracking.carrier_account_updated",
        account,
        request,
        before=before,
        after={"name": account.name, "active": account.active},
    )
    return account


@transaction.atomic
def carrier_account_rotate_secret(
    *, actor: Actor, account_id: int, request: HttpRequest | None = None
) -> CarrierAccountWithSecret:
    """Replace the webhook secret (the old one stops working at once); the new one is returned once."""
    actor.require(MANAGE)
    account = CarrierAccount.objects.select_for_update().filter(pk=account_id).first()
    if account is None:
        raise NotFound()
    secret = _new_secret()
    account.webhook_secret = secret
    account.save(update_fields=["webhook_secret", "updated_at"])
    _audit(actor, "tracking.carrier_account_secret_rotated", account, request)
    return CarrierAccountWithSecret(account=account, secret=secret)


def _audit(
    actor: Actor,
    action: str,
    target: Any,
    request: HttpRequest | None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    audit_record(
        action=action,
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type=type(target).__name__.lower(),
        target_id=target.pk,
        before=before,
        after=after,
    )


# --- the supplier's events and ETA -----------------------------------------------------------------------


@dataclass(frozen=True)
class WebhookOutcome:
    outcome: str  # "recorded" | "duplicate"
    event: TrackingEvent


def carrier_webhook_receive(
    *, carrier_code: str, body: bytes, headers: Mapping[str, str], now: float | None = None
) -> WebhookOutcome:
    """Authenticate and record one carrier delivery (see docs/supplychain-tracking.md).

    A delivery whose event id this account already delivered answers the event recorded then and writes
    nothing ("duplicate"), also when two copies race (the unique reference decides).

    Raises:
        NotFound: no active carrier account with this code.
        WebhookSignatureInvalid / WebhookTimestampOutOfTolerance: the delivery is not authentic or stale.
        ValidationFailed: the body does not follow the protocol.
        TrackedShipmentNotFound: no shipment carries the tracking number.
    """
    account = CarrierAccount.objects.filter(code=carrier_code, active=True).first()
    adapter = adapter_for(account.adapter) if account is not None else None
    if account is None or adapter is None:
        raise NotFound()
    event = adapter.parse(body=body, headers=headers, secret=account.webhook_secret, now=now)
    try:
        with transaction.atomic():
            seen = TrackingEvent.objects.filter(carrier_account=account, reference=event.reference).first()
            if seen is not None:
                return WebhookOutcome("duplicate", seen)
            shipment_id = _shipment_for_tracking_number(event.tracking_number)
            recorded = _record(
                shipment_id=shipment_id,
                type=event.type,
                occurred_at=event.occurred_at,
                location=event.location,
                latitude=event.latitude,
                longitude=event.longitude,
                reason=event.reason,
                source=EventSource.CARRIER,
                reference=event.reference,
                account=account,
                eta=event.eta,
            )
            CarrierAccount.objects.filter(pk=account.pk).update(last_event_at=timezone.now())
            return WebhookOutcome("recorded", recorded)
    except IntegrityError:
        # A concurrent copy of the same delivery committed first.
        seen = TrackingEvent.objects.filter(carrier_account=account, reference=event.reference).first()
        if seen is None:
            raise
        return WebhookOutcome("duplicate", seen)


def _shipment_for_tracking_number(tracking_number: str) -> int:
    from tenants.supplychain.tracking.selectors import shipments_by_tracking_number

    found = shipments_by_tracking_number(tracking_number)
    if not found:
        raise TrackedShipmentNotFound(detail=f"No shipment with the tracking number {tracking_number!r}.")
    return found[0]


@dataclass(frozen=True)
class ManualEvent:
    type: str
    occurred_at: datetime | None = None
    location: str = ""
    latitude: str | None = None
    longitude: str | None = None
    reason: str = ""
    eta: datetime | None = None


def tracking_event_add(
    *, actor: Actor, shipment_id: int, event: ManualEvent, request: HttpRequest | None = None
) -> TrackingEvent:
    """Record an event entered by hand on one of the company's shipments (told to the buyer).

    Raises:
        NotFound: no such shipment.
        ValidationFailed: unknown type, an exception without reason, a time in the future, bad
            coordinates (both or neither), an ETA without offset.
    """
    actor.require(MANAGE)
    errors: dict[str, list[str]] = {}
    if event.type not in EventType.values:
        errors["type"] = [f"One of {', '.join(EventType.values)}."]
    elif event.type == EventType.EXCEPTION and not event.reason.strip():
        errors["reason"] = ["An exception names its reason."]
    occurred_at = event.occurred_at or timezone.now()
    if occurred_at > timezone.now() + timedelta(minutes=5):
        errors["occurred_at"] = ["An event cannot happen in the future."]
    else:
        plausible(occurred_at, "occurred_at", errors)
    if event.eta is not None:
        plausible(event.eta, "eta", errors)
    latitude = coordinate(event.latitude, "latitude", 90, errors)
    longitude = coordinate(event.longitude, "longitude", 180, errors)
    if (latitude is None) != (longitude is None) and "latitude" not in errors and "longitude" not in errors:
        errors["latitude"] = ["Latitude and longitude come together."]
    if len(event.location) > 300:
        errors["location"] = ["At most 300 characters."]
    if len(event.reason) > 1000:
        errors["reason"] = ["At most 1000 characters."]
    _shipment_or_404(shipment_id)
    if errors:
        raise ValidationFailed(errors=errors)
    with transaction.atomic():
        recorded = _record(
            shipment_id=shipment_id,
            type=event.type,
            occurred_at=occurred_at,
            location=event.location.strip(),
            latitude=latitude,
            longitude=longitude,
            reason=event.reason.strip(),
            source=EventSource.MANUAL,
            reference=str(uuid.uuid4()),
            account=None,
            eta=event.eta,
            user=actor.user,
        )
        _audit(
            actor,
            "tracking.event_recorded",
            recorded,
            request,
            after={"shipment_id": shipment_id, "type": recorded.type, "occurred_at": occurred_at.isoformat()},
        )
    return recorded


def tracking_eta_set(
    *, actor: Actor, shipment_id: int, eta: datetime | None, request: HttpRequest | None = None
) -> ShipmentTracking:
    """Set (or clear, with None) the shipment's ETA by hand; told to the buyer; may raise the late alert.

    Raises:
        NotFound: no such shipment.
    """
    actor.require(MANAGE)
    _shipment_or_404(shipment_id)
    errors: dict[str, list[str]] = {}
    if eta is not None and not plausible(eta, "eta", errors):
        raise ValidationFailed(errors=errors)
    with transaction.atomic():
        tracking = _tracking_locked(shipment_id)
        before = tracking.eta.isoformat() if tracking.eta else None
        tracking.eta = eta
        tracking.eta_source = EventSource.MANUAL if eta is not None else ""
        tracking.save(update_fields=["eta", "eta_source", "updated_at"])
        _tell_buyer(tracking, events=[])
        _alert_if_late(tracking)
        _audit(
            actor,
            "tracking.eta_set",
            tracking,
            request,
            before={"eta": before},
            after={"eta": eta.isoformat() if eta else None},
        )
    return tracking


def _shipment_or_404(shipment_id: int) -> None:
    from tenants.supplychain.tracking.selectors import shipment_exists

    if not shipment_exists(shipment_id):
        raise NotFound()


def _promised_date(shipment_id: int) -> date | None:
    """The earliest promised date of the order lines this shipment carries."""
    from tenants.sales.models import ShipmentLine

    found = ShipmentLine.objects.filter(shipment_id=shipment_id).aggregate(first=Min("line__promised_date"))
    return found["first"]  # type: ignore[no-any-return]


def _tracking_locked(shipment_id: int) -> ShipmentTracking:
    """The shipment's tracking row, locked (made on first use, with the promised date of its lines)."""
    promised = _promised_date(shipment_id)
    ShipmentTracking.objects.get_or_create(shipment_id=shipment_id, defaults={"promised_date": promised})
    tracking = ShipmentTracking.objects.select_for_update().get(shipment_id=shipment_id)
    if tracking.promised_date != promised:  # the order's promised dates were amended since
        tracking.promised_date = promised
        tracking.save(update_fields=["promised_date", "updated_at"])
    return tracking


def _record(
    *,
    shipment_id: int,
    type: str,
    occurred_at: datetime,
    location: str,
    latitude: Decimal | None,
    longitude: Decimal | None,
    reason: str,
    source: str,
    reference: str,
    account: CarrierAccount | None,
    eta: datetime | None,
    user: Any = None,
) -> TrackingEvent:
    """Insert the event, recompute the tracking (status = the latest event's type, delivered time, ETA),
    tell the buyer, raise the late alert if due. Inside the caller's transaction."""
    tracking = _tracking_locked(shipment_id)
    recorded = TrackingEvent.objects.create(
        tracking=tracking,
        reference=reference,
        type=type,
        occurred_at=occurred_at,
        location=location,
        latitude=latitude,
        longitude=longitude,
        reason=reason,
        source=source,
        carrier_account=account,
        recorded_by=user,
    )
    latest = tracking.events.order_by("-occurred_at", "-id").first()
    assert latest is not None
    tracking.status = latest.type
    delivered = tracking.events.filter(type=EventType.DELIVERED).order_by("occurred_at").first()
    tracking.delivered_at = delivered.occurred_at if delivered is not None else None
    if eta is not None:
        tracking.eta = eta
        tracking.eta_source = source
    tracking.save(update_fields=["status", "delivered_at", "eta", "eta_source", "updated_at"])
    document_id = _tell_buyer(tracking, events=[recorded])
    if document_id is not None:
        recorded.document_id = document_id
        recorded.save(update_fields=["document_id"])
    _alert_if_late(tracking)
    return recorded


def _event_payload(event: TrackingEvent | InboundEvent) -> dict[str, Any]:
    return {
        "reference": event.reference,
        "type": event.type,
        "occurred_at": event.occurred_at.isoformat(),
        "location": event.location,
        "latitude": None if event.latitude is None else str(event.latitude),
        "longitude": None if event.longitude is None else str(event.longitude),
        "reason": event.reason,
        "source": event.source,
    }


def _tell_buyer(tracking: ShipmentTracking, *, events: list[TrackingEvent]) -> uuid.UUID | None:
    """Send a ``tracking_update`` (state + these events) to the buyer of an order from Hansa."""
    from tenants.sales.models import Shipment
    from tenants.sales.services.common import send_to_buyer

    shipment = Shipment.objects.select_related("order").get(pk=tracking.shipment_id)
    order = shipment.order
    if not order.from_hansa or order.source_document_id is None:
        return None
    return send_to_buyer(
        order=order,
        kind="tracking_update",
        payload={
            "po_number": order.po_number,
            "so_number": order.number,
            "shipment_id": shipment.pk,
            "shipment_number": shipment.number,
            "carrier": shipment.carrier,
            "tracking_number": shipment.tracking_number,
            "status": tracking.status,
            "eta": tracking.eta.isoformat() if tracking.eta else None,
            "eta_source": tracking.eta_source,
            "promised_date": tracking.promised_date.isoformat() if tracking.promised_date else None,
            "delivered_at": tracking.delivered_at.isoformat() if tracking.delivered_at else None,
            "sent_at": timezone.now().isoformat(),
            "events": [_event_payload(event) for event in events],
        },
    )


# --- lateness --------------------------------------------------------------------------------------------


def late_reason(
    *, promised_date: date | None, eta: datetime | None, delivered_at: datetime | None, today: date
) -> str | None:
    """Why a shipment is late, or None: ``delivered_late`` (delivered after the promised day),
    ``not_delivered`` (the promised day has passed without delivery), ``eta_after_promised``."""
    if promised_date is None:
        return None
    if delivered_at is not None:
        return "delivered_late" if timezone.localdate(delivered_at) > promised_date else None
    if today > promised_date:
        return "not_delivered"
    if eta is not None and timezone.localdate(eta) > promised_date:
        return "eta_after_promised"
    return None


def _notify_late(
    *, kind: str, key: str, reason: str, payload: dict[str, Any], subject_type: str, subject_id: int
) -> None:
    from notifications.selectors import members_with_permission
    from notifications.services import notification_send

    company = current_company()
    if company is None:
        return
    notification_send(
        recipients=members_with_permission(companies=[company.pk], permission=VIEW),
        kind=kind,
        key=key,
        payload={**payload, "reason": reason},
        subject_type=subject_type,
        subject_id=subject_id,
    )


def _alert_if_late(tracking: ShipmentTracking, *, today: date | None = None) -> bool:
    """The supplier's alert, once per shipment (``late_alerted_at`` + the notification key). The buyer
    learns the state from the tracking_update and alerts its own members when it ingests it."""
    if tracking.late_alerted_at is not None:
        return False
    reason = late_reason(
        promised_date=tracking.promised_date,
        eta=tracking.eta,
        delivered_at=tracking.delivered_at,
        today=today or timezone.localdate(),
    )
    if reason is None:
        return False
    from tenants.sales.models import Shipment

    shipment = Shipment.objects.select_related("order").get(pk=tracking.shipment_id)
    tracking.late_alerted_at = timezone.now()
    tracking.save(update_fields=["late_alerted_at", "updated_at"])
    _notify_late(
        kind=LATE_KIND,
        key=f"{LATE_KIND}:shipment:{shipment.pk}",
        reason=reason,
        payload={
            "title": shipment.number,
            "side": "supplier",
            "shipment_id": shipment.pk,
            "shipment_number": shipment.number,
            "sales_order_id": shipment.order_id,
            "so_number": shipment.order.number,
            "promised_date": tracking.promised_date.isoformat() if tracking.promised_date else None,
            "eta": tracking.eta.isoformat() if tracking.eta else None,
        },
        subject_type="sales_order",
        subject_id=shipment.order_id,
    )
    return True


def late_shipments_sweep(*, today: date | None = None) -> int:
    """The time-based case, in the current schema: shipments (ours, tracked or not) and inbound
    trackings whose promised day has passed without delivery are alerted once. Returns alerts raised.

    An untracked shipment of an open order whose lines were promised before ``today`` gets its tracking
    row (and the buyer a tracking_update carrying the promised date, so it alerts on its side too)."""
    from tenants.supplychain.tracking.selectors import untracked_overdue_shipments

    today = today or timezone.localdate()
    raised = 0
    for shipment_id in untracked_overdue_shipments(today=today):
        with transaction.atomic():
            tracking = _tracking_locked(shipment_id)
            if _alert_if_late(tracking, today=today):
                _tell_buyer(tracking, events=[])
                raised += 1
    due = ShipmentTracking.objects.filter(
        late_alerted_at__isnull=True, delivered_at__isnull=True, promised_date__lt=today
    ).values_list("pk", flat=True)
    for pk in list(due):
        with transaction.atomic():
            tracking = ShipmentTracking.objects.select_for_update().get(pk=pk)
            if _alert_if_late(tracking, today=today):
                _tell_buyer(tracking, events=[])
                raised += 1
    inbound = InboundTracking.objects.filter(
        late_alerted_at__isnull=True, delivered_at__isnull=True, promised_date__lt=today
    ).values_list("pk", flat=True)
    for pk in list(inbound):
        with transaction.atomic():
            row = InboundTracking.objects.select_for_update().get(pk=pk)
            raised += int(_alert_inbound_if_late(row, today=today))
    return raised


# --- the buyer's side: ingesting tracking_update ---------------------------------------------------------


def _when(value: Any) -> datetime | None:
    return parse_datetime(value) if isinstance(value, str) and value else None


def tracking_update_received(
    *, order: Any, document_id: uuid.UUID, payload: dict[str, Any]
) -> InboundTracking:
    """Apply a supplier's tracking_update to the purchase order ``order`` (locked by the caller).

    Events are kept once per reference whatever the order or number of deliveries; the state (status,
    ETA, promised date, delivery) is taken from the newest update by ``sent_at`` only."""
    tracking, _ = InboundTracking.objects.get_or_create(
        order=order, supplier_shipment_id=int(payload["shipment_id"])
    )
    tracking = InboundTracking.objects.select_for_update().get(pk=tracking.pk)
    sent_at = _when(payload.get("sent_at"))
    if tracking.sent_at is None or (sent_at is not None and sent_at >= tracking.sent_at):
        tracking.shipment_number = str(payload.get("shipment_number", ""))[:64]
        tracking.so_number = str(payload.get("so_number", ""))[:64]
        tracking.carrier = str(payload.get("carrier", ""))[:200]
        tracking.tracking_number = str(payload.get("tracking_number", ""))[:200]
        tracking.status = str(payload.get("status") or TrackingStatus.SHIPPED)
        tracking.eta = _when(payload.get("eta"))
        tracking.eta_source = str(payload.get("eta_source") or "")
        promised = payload.get("promised_date")
        tracking.promised_date = parse_date(promised) if isinstance(promised, str) else None
        tracking.delivered_at = _when(payload.get("delivered_at"))
        tracking.sent_at = sent_at
        tracking.save()
    known = set(tracking.events.values_list("reference", flat=True))
    InboundEvent.objects.bulk_create(
        [
            InboundEvent(
                tracking=tracking,
                reference=event["reference"],
                type=event["type"],
                occurred_at=_when(event["occurred_at"]) or timezone.now(),
                location=event.get("location") or "",
                latitude=Decimal(event["latitude"]) if event.get("latitude") is not None else None,
                longitude=Decimal(event["longitude"]) if event.get("longitude") is not None else None,
                reason=event.get("reason") or "",
                source=event["source"],
                document_id=document_id,
            )
            for event in payload.get("events") or []
            if event["reference"] not in known
        ],
        ignore_conflicts=True,
    )
    _alert_inbound_if_late(tracking)
    return tracking


def _alert_inbound_if_late(tracking: InboundTracking, *, today: date | None = None) -> bool:
    if tracking.late_alerted_at is not None:
        return False
    reason = late_reason(
        promised_date=tracking.promised_date,
        eta=tracking.eta,
        delivered_at=tracking.delivered_at,
        today=today or timezone.localdate(),
    )
    if reason is None:
        return False
    if reason == "not_delivered" and _received(tracking):
        return False
    tracking.late_alerted_at = timezone.now()
    tracking.save(update_fields=["late_alerted_at", "updated_at"])
    _notify_late(
        kind=LATE_INBOUND_KIND,
        key=f"{LATE_INBOUND_KIND}:{tracking.pk}",
        reason=reason,
        payload={
            "title": tracking.shipment_number,
            "side": "buyer",
            "purchase_order_id": tracking.order_id,
            "shipment_number": tracking.shipment_number,
            "so_number": tracking.so_number,
            "promised_date": tracking.promised_date.isoformat() if tracking.promised_date else None,
            "eta": tracking.eta.isoformat() if tracking.eta else None,
        },
        subject_type="purchase_order",
        subject_id=tracking.order_id,
    )
    return True


def _received(tracking: InboundTracking) -> bool:
    """The buyer booked a goods receipt against this shipment: it arrived, whatever the carrier said."""
    from tenants.procurement.models import GoodsReceipt

    return GoodsReceipt.objects.filter(
        order_id=tracking.order_id, shipment__shipment_id=tracking.supplier_shipment_id
    ).exists()
