"""Isolation probes of shipment tracking (tenants.supplychain.tracking): carrier accounts, the carriers'
webhook (it admits anyone holding a valid signature: probed with each side's own signed events), the
timelines of shipments, sales orders and purchase orders, manual events and ETA.

``seed(side)`` spreads the tracking id sequences of the side's schema, then adds, named with the side's
marker: a carrier account (code ``<marker>-carrier``), an event on the shipment the sales probes seed
(tracking number ``<marker>-TRACK``), and a supplier's tracking update on a purchase order the
procurement probes seed (shipment ``<marker>-SH-1``).
"""

from __future__ import annotations

import json
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.utils import timezone

from tests.isolation.world import Probe, Side

TABLES = ("carrieraccount", "shipmenttracking", "trackingevent", "inboundtracking", "inboundevent")


def _spread_ids() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                [f"supplychain_tracking_{table}", 1_000_000 + secrets.randbelow(10**12)],
            )


def _actor(side: Side) -> Any:
    from tenants.procurement.tests.factories import actor_for

    return actor_for(side.company, side.owner)


def seed(side: Side) -> dict[str, Any]:
    """The tracking objects of ``side`` (made once), in one transaction: recording an inbound update locks
    its row, and some callers (the idempotency recipes) seed outside any transaction."""
    from django.db import transaction

    with transaction.atomic():
        return _seed(side)


def _seed(side: Side) -> dict[str, Any]:
    if "supplychain_tracking" in side.extra:
        return side.extra["supplychain_tracking"]
    from kernel.tenancy import company_context
    from tenants.procurement.models import PurchaseOrder
    from tenants.supplychain.tracking import services
    from tests.isolation import probes_procurement, probes_sales

    m = side.marker
    sales = probes_sales.seed(side)
    procurement = probes_procurement.seed(side)
    actor = _actor(side)
    with company_context(side.company):
        _spread_ids()
        account = services.carrier_account_create(
            actor=actor, code=f"{m}-carrier", name=f"{m} Freight", adapter="generic_json"
        )
        services.tracking_event_add(
            actor=actor,
            shipment_id=sales["shipment_id"],
            event=services.ManualEvent(type="picked_up", location=f"{m} depot"),
        )
        order = PurchaseOrder.objects.get(pk=procurement["sent_id"])
        services.tracking_update_received(
            order=order,
            document_id=uuid.uuid4(),
            payload={
                "po_number": order.number,
                "so_number": f"{m}-SO-1",
                "shipment_id": 1,
                "shipment_number": f"{m}-SH-1",
                "carrier": f"{m} Express",
                "tracking_number": f"{m}-INBOUND",
                "status": "in_transit",
                "eta": None,
                "eta_source": "",
                "promised_date": None,
                "delivered_at": None,
                "sent_at": timezone.now().isoformat(),
                "events": [
                    {
                        "reference": f"{m}-ref-1",
                        "type": "in_transit",
                        "occurred_at": timezone.now().isoformat(),
                        "location": f"{m} hub",
                        "latitude": None,
                        "longitude": None,
                        "reason": "",
                        "source": "carrier",
                    }
                ],
            },
        )
    side.extra["supplychain_tracking"] = data = {
        "carrier_account_id": account.account.pk,
        "carrier_code": account.account.code,
        "shipment_id": sales["shipment_id"],
        "sales_order_id": sales["accepted_id"],
        "purchase_order_id": order.pk,
    }
    return data


def _id(name: str) -> Any:
    return lambda s: seed(s)[name]


@dataclass(frozen=True)
class SeededProbe(Probe):
    def url(self, side: Side) -> str:
        seed(side)
        return super().url(side)


@dataclass(frozen=True)
class WebhookProbe(SeededProbe):
    """Posts a fresh event (its own event id), signed with the side's carrier account secret as stored."""

    def send(self, client: Any, ids_from: Side, **headers: str) -> Any:
        from kernel.tenancy import company_context
        from tenants.supplychain.tracking.adapters import SIGNATURE_HEADER, TIMESTAMP_HEADER, sign
        from tenants.supplychain.tracking.models import CarrierAccount

        data = seed(ids_from)
        with company_context(ids_from.company):
            secret = CarrierAccount.objects.get(pk=data["carrier_account_id"]).webhook_secret
        body = json.dumps(
            {
                "event_id": f"evt_{secrets.token_hex(8)}",
                "tracking_number": f"{ids_from.marker}-TRACK",
                "type": "in_transit",
                "occurred_at": timezone.now().isoformat(),
                "location": "Hub",
            }
        ).encode()
        stamp = str(int(time.time()))
        meta = {
            "HTTP_" + name.upper().replace("-", "_"): value
            for name, value in (
                (TIMESTAMP_HEADER, stamp),
                (SIGNATURE_HEADER, sign(secret=secret, timestamp=stamp, body=body)),
            )
        }
        return client.post(self.url(ids_from), data=body, content_type="application/json", **meta, **headers)


def _fingerprint(side: Side) -> dict[str, Any]:
    from kernel.tenancy import company_context
    from tenants.supplychain.tracking.models import (
        CarrierAccount,
        InboundEvent,
        InboundTracking,
        ShipmentTracking,
        TrackingEvent,
    )

    seed(side)
    with company_context(side.company):
        return {
            "accounts": list(
                CarrierAccount.objects.order_by("pk").values_list(
                    "pk", "code", "name", "active", "updated_at"
                )
            ),
            "trackings": list(
                ShipmentTracking.objects.order_by("pk").values_list("pk", "status", "eta", "late_alerted_at")
            ),
            "events": list(TrackingEvent.objects.order_by("pk").values_list("pk", "type", "reference")),
            "inbound": list(InboundTracking.objects.order_by("pk").values_list("pk", "status", "eta")),
            "inbound_events": list(InboundEvent.objects.order_by("pk").values_list("pk", "reference")),
        }


FINGERPRINTS = {"supplychain_tracking": _fingerprint}

ACCOUNT = {"carrier_account_id": _id("carrier_account_id")}
SHIPMENT = {"shipment_id": _id("shipment_id")}

TENANT_PROBES: dict[str, Probe] = {
    "supplychain_carrier_accounts_list": SeededProbe("GET", "/api/supplychain/carrier-accounts/", lists=True),
    "supplychain_carrier_accounts_create": SeededProbe(
        "POST",
        "/api/supplychain/carrier-accounts/",
        body=lambda s: {
            "code": f"c{secrets.token_hex(6)}",
            "name": f"{s.marker} Air",
            "adapter": "generic_json",
        },
        ok=201,
    ),
    "supplychain_carrier_accounts_update": SeededProbe(
        "PATCH",
        "/api/supplychain/carrier-accounts/{carrier_account_id}/",
        ids=ACCOUNT,
        body=lambda s: {"name": f"{s.marker} Freight renamed"},
    ),
    "supplychain_carrier_accounts_rotate_secret": SeededProbe(
        "POST", "/api/supplychain/carrier-accounts/{carrier_account_id}/rotate-secret/", ids=ACCOUNT
    ),
    "supplychain_carrier_webhook": WebhookProbe(
        "POST",
        "/api/supplychain/carriers/{carrier_code}/webhook/",
        ids={"carrier_code": _id("carrier_code")},
        public_access=True,
    ),
    "supplychain_shipment_tracking_get": SeededProbe(
        "GET", "/api/supplychain/shipments/{shipment_id}/tracking/", ids=SHIPMENT
    ),
    "supplychain_shipment_tracking_update": SeededProbe(
        "PATCH",
        "/api/supplychain/shipments/{shipment_id}/tracking/",
        ids=SHIPMENT,
        body=lambda s: {"eta": (timezone.now() + timedelta(days=1)).isoformat()},
    ),
    "supplychain_shipment_tracking_events_create": SeededProbe(
        "POST",
        "/api/supplychain/shipments/{shipment_id}/tracking/events/",
        ids=SHIPMENT,
        body=lambda s: {"type": "in_transit", "location": f"{s.marker} road"},
        ok=201,
    ),
    "supplychain_sales_order_tracking_list": SeededProbe(
        "GET",
        "/api/supplychain/sales-orders/{order_id}/tracking/",
        ids={"order_id": _id("sales_order_id")},
        lists=True,
    ),
    "supplychain_purchase_order_tracking_list": SeededProbe(
        "GET",
        "/api/supplychain/purchase-orders/{order_id}/tracking/",
        ids={"order_id": _id("purchase_order_id")},
        lists=True,
    ),
}
