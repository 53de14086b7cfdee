"""Reads of shipment tracking: carrier accounts, the timelines of the supplier's shipments and sales
orders and of the buyer's purchase orders, and the shipments the late sweep must look at."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from kernel.errors import NotFound
from tenants.supplychain.tracking.models import (
    CarrierAccount,
    InboundEvent,
    InboundTracking,
    ShipmentTracking,
    TrackingEvent,
    TrackingStatus,
)


def carrier_account_list() -> QuerySet[CarrierAccount]:
    return CarrierAccount.objects.order_by("code", "id")


def carrier_account_get(*, account_id: int) -> CarrierAccount:
    account = CarrierAccount.objects.filter(pk=account_id).first()
    if account is None:
        raise NotFound()
    return account


def shipment_exists(shipment_id: int) -> bool:
    from tenants.sales.models import Shipment

    return Shipment.objects.filter(pk=shipment_id).exists()


def shipments_by_tracking_number(tracking_number: str) -> list[int]:
    """Ids of the shipments carrying this tracking number (case-insensitive), not yet delivered first,
    then newest first."""
    from tenants.sales.models import Shipment

    ids = list(
        Shipment.objects.filter(tracking_number__iexact=tracking_number.strip())
        .order_by("-shipped_at", "-id")
        .values_list("pk", flat=True)
    )
    delivered = set(
        ShipmentTracking.objects.filter(shipment_id__in=ids, delivered_at__isnull=False).values_list(
            "shipment_id", flat=True
        )
    )
    return [pk for pk in ids if pk not in delivered] + [pk for pk in ids if pk in delivered]


def untracked_overdue_shipments(*, today: date, window_days: int = 90) -> list[int]:
    """Shipments of the last ``window_days`` with no tracking yet, of orders not completed, carrying a
    line promised before ``today``."""
    from tenants.sales.models import OrderStatus, Shipment

    return list(
        Shipment.objects.filter(
            shipped_at__gte=timezone.now() - timedelta(days=window_days),
            lines__line__promised_date__lt=today,
        )
        .exclude(order__status__in=[OrderStatus.COMPLETED, OrderStatus.CANCELLED])
        .exclude(pk__in=ShipmentTracking.objects.values("shipment_id"))
        .values_list("pk", flat=True)
        .distinct()
    )


@dataclass
class Timeline:
    """One shipment's tracking as both sides show it."""

    shipment_id: int | None
    shipment_number: str
    so_number: str
    carrier: str
    tracking_number: str
    shipped_at: datetime | None
    status: str
    eta: datetime | None
    eta_source: str
    promised_date: date | None
    delivered_at: datetime | None
    late_reason: str | None
    late_alerted_at: datetime | None
    events: list[Any] = field(default_factory=list)

    @property
    def late(self) -> bool:
        return self.late_reason is not None


def _late(promised_date: date | None, eta: datetime | None, delivered_at: datetime | None) -> str | None:
    from tenants.supplychain.tracking.services import late_reason

    return late_reason(
        promised_date=promised_date, eta=eta, delivered_at=delivered_at, today=timezone.localdate()
    )


def _shipment_timelines(shipments: Any) -> list[Timeline]:
    from tenants.supplychain.tracking.services import _promised_date

    rows = list(shipments)
    trackings = {
        t.shipment_id: t for t in ShipmentTracking.objects.filter(shipment_id__in=[s.pk for s in rows])
    }
    events: dict[int, list[TrackingEvent]] = {}
    for event in (
        TrackingEvent.objects.filter(tracking__shipment_id__in=[s.pk for s in rows])
        .select_related("carrier_account", "tracking")
        .order_by("occurred_at", "id")
    ):
        events.setdefault(event.tracking.shipment_id, []).append(event)
    out = []
    for shipment in rows:
        tracking = trackings.get(shipment.pk)
        promised = tracking.promised_date if tracking else _promised_date(shipment.pk)
        eta = tracking.eta if tracking else None
        delivered = tracking.delivered_at if tracking else None
        out.append(
            Timeline(
                shipment_id=shipment.pk,
                shipment_number=shipment.number,
                so_number=shipment.order.number,
                carrier=shipment.carrier,
                tracking_number=shipment.tracking_number,
                shipped_at=shipment.shipped_at,
                status=tracking.status if tracking else TrackingStatus.SHIPPED,
                eta=eta,
                eta_source=tracking.eta_source if tracking else "",
                promised_date=promised,
                delivered_at=delivered,
                late_reason=_late(promised, eta, delivered),
                late_alerted_at=tracking.late_alerted_at if tracking else None,
                events=events.get(shipment.pk, []),
            )
        )
    return out


def shipment_timeline(*, shipment_id: int) -> Timeline:
    from tenants.sales.models import Shipment

    shipments = Shipment.objects.filter(pk=shipment_id).select_related("order")
    found = _shipment_timelines(shipments)
    if not found:
        raise NotFound()
    return found[0]


def sales_order_timelines(*, order_id: int) -> list[Timeline]:
    """Every shipment of the sales order, oldest first (404 for an order that is not ours)."""
    from tenants.sales.models import SalesOrder, Shipment

    if not SalesOrder.objects.filter(pk=order_id).exists():
        raise NotFound()
    return _shipment_timelines(
        Shipment.objects.filter(order_id=order_id).select_related("order").order_by("shipped_at", "id")
    )


def purchase_order_timelines(*, order_id: int) -> list[Timeline]:
    """Each shipment the supplier announced for the purchase order (dispatch advice) with the tracking it
    reported since (tracking_update), oldest first; 404 for an order that is not ours."""
    from tenants.procurement.models import ExpectedShipment, PurchaseOrder

    if not PurchaseOrder.objects.filter(pk=order_id).exists():
        raise NotFound()
    announced = list(ExpectedShipment.objects.filter(order_id=order_id).order_by("created_at", "id"))
    rows = {row.supplier_shipment_id: row for row in InboundTracking.objects.filter(order_id=order_id)}
    events: dict[int, list[InboundEvent]] = {}
    for event in InboundEvent.objects.filter(tracking__order_id=order_id).order_by("occurred_at", "id"):
        events.setdefault(event.tracking_id, []).append(event)
    out = []
    seen: set[int] = set()
    for expected in announced:
        row = rows.get(expected.shipment_id or 0)
        if row is not None:
            seen.add(row.supplier_shipment_id)
        out.append(_inbound_timeline(row, expected, events))
    out += [_inbound_timeline(row, None, events) for key, row in sorted(rows.items()) if key not in seen]
    return out


def _inbound_timeline(row: InboundTracking | None, expected: Any, events: dict[int, list[Any]]) -> Timeline:
    if row is None:
        return Timeline(
            shipment_id=None,
            shipment_number=expected.shipment_number,
            so_number=expected.supplier_order_number,
            carrier=expected.carrier,
            tracking_number=expected.tracking_number,
            shipped_at=expected.shipped_at,
            status=TrackingStatus.SHIPPED,
            eta=None,
            eta_source="",
            promised_date=None,
            delivered_at=None,
            late_reason=None,
            late_alerted_at=None,
        )
    return Timeline(
        shipment_id=None,
        shipment_number=row.shipment_number,
        so_number=row.so_number,
        carrier=row.carrier,
        tracking_number=row.tracking_number,
        shipped_at=expected.shipped_at if expected is not None else None,
        status=row.status,
        eta=row.eta,
        eta_source=row.eta_source,
        promised_date=row.promised_date,
        delivered_at=row.delivered_at,
        late_reason=_inbound_late(row, expected),
        late_alerted_at=row.late_alerted_at,
        events=events.get(row.pk, []),
    )


def _inbound_late(row: InboundTracking, expected: Any) -> str | None:
    reason = _late(row.promised_date, row.eta, row.delivered_at)
    if reason == "not_delivered" and expected is not None and expected.receipts.exists():
        return None  # booked in by the buyer: it arrived, whatever the carrier said
    return reason
