"""Isolation probes of sales (tenants.sales): every operation, with each side's own objects.

``seed(side)`` gives a side, in its own schema, with a buyer of its own (``<marker> Buyer``, a company row
without a workspace) that sends it purchase orders through the exchange:

- an order awaiting acceptance (from Hansa) and one entered by hand;
- an accepted order of three lines: the first reserved from stock and partly shipped, the second made to
  order (an open work order), the third back-ordered with stock since arrived; and a change the buyer
  proposed, waiting for an answer;
- a customer entered by hand with a contact and an open follow-up due today.

Everything carries the side's marker. Sales lives in each company's schema, where ids are per-schema
sequences: the seed moves each of the side's sequences to a random far-apart start, so the other side's
ids do not exist there and must answer 404.

Seeding is idempotent and lazy (the first fingerprint or probe of a side seeds it).
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from tests.isolation.world import Probe, Side

TABLES = (
    "customer",
    "customercontact",
    "followup",
    "salesorder",
    "salesorderline",
    "salesorderamendment",
    "workorder",
    "backorder",
    "shipment",
    "rejectionsettlement",
)


def _spread_ids() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in TABLES:
            start = 1_000_000 + secrets.randbelow(10**12)
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [f"sales_{table}", start])


def seed(side: Side) -> dict[str, Any]:
    if "sales" in side.extra:
        return side.extra["sales"]
    from kernel.tenancy import company_context
    from tenants.sales import services
    from tenants.sales.models import SalesOrder, ShortfallChoice, WorkOrder
    from tenants.sales.tests import factories as f

    m = side.marker
    side.extra["sales"] = {}
    buyer = f.bare_company(f"{m} Buyer")
    actor = f.actor_for(side.company, side.owner)
    with company_context(side.company):
        _spread_ids()
    awaiting = f.incoming_order(
        side.company, buyer, [f.po_line(1, sku=f"{m}-S1", description=f"{m} bearing")], po_number=f"{m}-PO-1"
    )
    f.stock(side.company, f"{m}-S1", "10")
    accepted = f.incoming_order(
        side.company,
        buyer,
        [
            f.po_line(1, sku=f"{m}-S1", description=f"{m} bearing"),
            f.po_line(2, sku=f"{m}-S2", description=f"{m} housing", quantity="3"),
            f.po_line(3, sku=f"{m}-S3", description=f"{m} seal", quantity="2"),
        ],
        po_number=f"{m}-PO-2",
    )
    with company_context(side.company):
        services.order_accept(
            actor=actor,
            order_id=accepted.pk,
            shortfalls={3: services.Shortfall(choice=ShortfallChoice.BACK_ORDER)},
        )
    f.stock(side.company, f"{m}-S3", "5")
    change = f.send(
        buyer,
        side.company,
        "change_request",
        {
            "po_number": f"{m}-PO-2",
            "change_id": str(uuid.uuid4()),
            "version": 1,
            "proposed_by": "buyer",
            "reason": f"{m} needs more",
            "lines": [{"line_no": 1, "quantity": "9", "unit_price": None, "requested_date": None}],
        },
        refers_to=accepted.source_document_id,
    )
    with company_context(side.company):
        shipment = services.shipment_create(
            actor=actor,
            order_id=accepted.pk,
            carrier=f"{m} Express",
            tracking_number=f"{m}-TRACK",
            lines=[services.ShipLine(line_no=1, quantity=Decimal(2))],
        )
    # The buyer rejected one of the two units shipped on line 1 and asks to return it.
    f.send(
        buyer,
        side.company,
        "receipt_advice",
        {
            "po_number": f"{m}-PO-2",
            "receipt_number": f"{m}-GRN-1",
            "received_at": timezone.now().isoformat(),
            "lines": [
                {
                    "line_no": 1,
                    "accepted_quantity": "1",
                    "rejected_quantity": "1",
                    "rejection_reason": "Dented",
                }
            ],
        },
        refers_to=accepted.source_document_id,
    )
    settlement_document = f.send(
        buyer,
        side.company,
        "rejection_settlement",
        {
            "po_number": f"{m}-PO-2",
            "settlement_id": str(uuid.uuid4()),
            "resolution": "return",
            "return_number": f"{m}-RTN-1",
            "reason": f"{m} dented",
            "lines": [{"line_no": 1, "quantity": "1"}],
        },
        refers_to=accepted.source_document_id,
    )
    with company_context(side.company):
        customer = services.customer_create(actor=actor, name=f"{m} Walk-in Customer", notes=f"{m} notes")
        contact = services.contact_add(actor=actor, customer_id=customer.pk, name=f"{m} Contact")
        follow_up = services.follow_up_create(
            actor=actor, customer_id=customer.pk, title=f"{m} call back", due_date=timezone.localdate()
        )
        manual = services.manual_order_create(
            actor=actor,
            customer_id=customer.pk,
            currency="CNY",
            notes=f"{m} manual order",
            lines=[
                services.ManualLine(
                    sku=f"{m}-M1",
                    description=f"{m} pump",
                    quantity=Decimal(2),
                    unit="pcs",
                    unit_price=Decimal(9),
                )
            ],
        )
        accepted = SalesOrder.objects.get(pk=accepted.pk)
        data = {
            "awaiting_id": awaiting.pk,
            "accepted_id": accepted.pk,
            "manual_id": manual.pk,
            "amendment_id": accepted.amendments.get(document_id=change.pk).pk,
            "work_order_id": WorkOrder.objects.get(line__order=accepted).pk,
            "back_order_id": accepted.lines.get(line_no=3).back_orders.get().pk,
            "shipment_id": shipment.pk,
            "settlement_id": accepted.settlements.get(document_id=settlement_document.pk).pk,
            "customer_id": customer.pk,
            "contact_id": contact.pk,
            "follow_up_id": follow_up.pk,
        }
    side.extra["sales"] = data
    return data


def _id(name: str) -> Any:
    return lambda s: seed(s)[name]


@dataclass(frozen=True)
class SeededProbe(Probe):
    """Seeds the side whose objects a call uses, first."""

    def url(self, side: Side) -> str:
        seed(side)
        return super().url(side)


def _fingerprint(side: Side) -> dict[str, Any]:
    from kernel.tenancy import company_context
    from tenants.sales.models import (
        BackOrder,
        Customer,
        CustomerContact,
        FollowUp,
        RejectionSettlement,
        SalesOrder,
        SalesOrderAmendment,
        SalesOrderLine,
        Shipment,
        WorkOrder,
    )

    seed(side)
    with company_context(side.company):
        return {
            "orders": list(
                SalesOrder.objects.order_by("pk").values_list("pk", "status", "notes", "currency")
            ),
            "lines": list(
                SalesOrderLine.objects.order_by("pk").values_list(
                    "pk", "quantity", "unit_price", "shipped_quantity"
                )
            ),
            "amendments": list(SalesOrderAmendment.objects.order_by("pk").values_list("pk", "status")),
            "work_orders": list(WorkOrder.objects.order_by("pk").values_list("pk", "status")),
            "back_orders": list(BackOrder.objects.order_by("pk").values_list("pk", "allocated", "status")),
            "shipments": list(Shipment.objects.order_by("pk").values_list("pk", "carrier")),
            "customers": list(Customer.objects.order_by("pk").values_list("pk", "name", "notes")),
            "contacts": list(CustomerContact.objects.order_by("pk").values_list("pk", "name", "is_primary")),
            "follow_ups": list(FollowUp.objects.order_by("pk").values_list("pk", "title", "status")),
            "settlements": list(RejectionSettlement.objects.order_by("pk").values_list("pk", "status")),
        }


FINGERPRINTS = {"sales": _fingerprint}

AWAITING = {"order_id": _id("awaiting_id")}
ACCEPTED = {"order_id": _id("accepted_id")}
MANUAL = {"order_id": _id("manual_id")}
CUSTOMER = {"customer_id": _id("customer_id")}
FOLLOW_UP = {"follow_up_id": _id("follow_up_id")}
AMENDMENT = {**ACCEPTED, "amendment_id": _id("amendment_id")}
SETTLEMENT = {**ACCEPTED, "settlement_id": _id("settlement_id")}

TENANT_PROBES: dict[str, Probe] = {
    "sales_orders_list": SeededProbe("GET", "/api/sales-orders/", lists=True),
    "sales_orders_create": SeededProbe(
        "POST",
        "/api/sales-orders/",
        body=lambda s: {
            "customer_id": seed(s)["customer_id"],
            "currency": "CNY",
            "notes": f"{s.marker} new order",
            "lines": [{"sku": f"{s.marker}-N1", "quantity": "1", "unit": "pcs", "unit_price": "5.00"}],
        },
        ok=201,
    ),
    "sales_orders_get": SeededProbe("GET", "/api/sales-orders/{order_id}/", ids=ACCEPTED),
    "sales_orders_update": SeededProbe(
        "PATCH", "/api/sales-orders/{order_id}/", ids=MANUAL, body=lambda s: {"notes": f"{s.marker} edited"}
    ),
    "sales_orders_accept": SeededProbe(
        "POST", "/api/sales-orders/{order_id}/accept/", ids=AWAITING, body=lambda s: {}
    ),
    "sales_orders_reject": SeededProbe(
        "POST",
        "/api/sales-orders/{order_id}/reject/",
        ids=AWAITING,
        body=lambda s: {"reason": f"{s.marker} no"},
    ),
    "sales_orders_propose": SeededProbe(
        "POST",
        "/api/sales-orders/{order_id}/propose/",
        ids=AWAITING,
        body=lambda s: {"reason": f"{s.marker} price", "lines": [{"line_no": 1, "unit_price": "13.00"}]},
    ),
    "sales_orders_cancel": SeededProbe(
        "POST",
        "/api/sales-orders/{order_id}/cancel/",
        ids=AWAITING,
        body=lambda s: {"reason": f"{s.marker} stop"},
    ),
    "sales_orders_timeline": SeededProbe("GET", "/api/sales-orders/{order_id}/timeline/", ids=ACCEPTED),
    "sales_orders_stock_check": SeededProbe("GET", "/api/sales-orders/{order_id}/stock-check/", ids=ACCEPTED),
    "sales_orders_amendments_list": SeededProbe(
        "GET", "/api/sales-orders/{order_id}/amendments/", ids=ACCEPTED
    ),
    "sales_orders_amendments_create": SeededProbe(
        "POST",
        "/api/sales-orders/{order_id}/amendments/",
        ids=ACCEPTED,
        body=lambda s: {"reason": f"{s.marker} change", "lines": [{"line_no": 2, "quantity": "4"}]},
        ok=201,
    ),
    "sales_orders_amendments_accept": SeededProbe(
        "POST", "/api/sales-orders/{order_id}/amendments/{amendment_id}/accept/", ids=AMENDMENT
    ),
    "sales_orders_amendments_reject": SeededProbe(
        "POST",
        "/api/sales-orders/{order_id}/amendments/{amendment_id}/reject/",
        ids=AMENDMENT,
        body=lambda s: {"reason": f"{s.marker} firm"},
    ),
    "sales_orders_settlements_list": SeededProbe(
        "GET", "/api/sales-orders/{order_id}/settlements/", ids=ACCEPTED
    ),
    "sales_orders_settlement_accept": SeededProbe(
        "POST", "/api/sales-orders/{order_id}/settlements/{settlement_id}/accept/", ids=SETTLEMENT
    ),
    "sales_orders_settlement_decline": SeededProbe(
        "POST",
        "/api/sales-orders/{order_id}/settlements/{settlement_id}/decline/",
        ids=SETTLEMENT,
        body=lambda s: {"reason": f"{s.marker} we replace it"},
    ),
    "sales_orders_shipments_list": SeededProbe(
        "GET", "/api/sales-orders/{order_id}/shipments/", ids=ACCEPTED
    ),
    "sales_orders_shipments_create": SeededProbe(
        "POST",
        "/api/sales-orders/{order_id}/shipments/",
        ids=ACCEPTED,
        body=lambda s: {"carrier": f"{s.marker} Post", "lines": [{"line_no": 1, "quantity": "1"}]},
        ok=201,
    ),
    "shipments_list": SeededProbe("GET", "/api/shipments/", lists=True),
    "work_orders_list": SeededProbe("GET", "/api/work-orders/", lists=True),
    "work_orders_start": SeededProbe(
        "POST", "/api/work-orders/{work_order_id}/start/", ids={"work_order_id": _id("work_order_id")}
    ),
    "work_orders_complete": SeededProbe(
        "POST", "/api/work-orders/{work_order_id}/complete/", ids={"work_order_id": _id("work_order_id")}
    ),
    "back_orders_list": SeededProbe("GET", "/api/back-orders/", lists=True),
    "back_orders_allocate": SeededProbe(
        "POST", "/api/back-orders/{back_order_id}/allocate/", ids={"back_order_id": _id("back_order_id")}
    ),
    "customers_list": SeededProbe("GET", "/api/customers/", lists=True),
    "customers_create": SeededProbe(
        "POST", "/api/customers/", body=lambda s: {"name": f"{s.marker} New Customer"}, ok=201
    ),
    "customers_get": SeededProbe("GET", "/api/customers/{customer_id}/", ids=CUSTOMER),
    "customers_update": SeededProbe(
        "PATCH",
        "/api/customers/{customer_id}/",
        ids=CUSTOMER,
        body=lambda s: {"notes": f"{s.marker} updated"},
    ),
    "customers_history": SeededProbe("GET", "/api/customers/{customer_id}/history/", ids=CUSTOMER),
    "customers_contacts_add": SeededProbe(
        "POST",
        "/api/customers/{customer_id}/contacts/",
        ids=CUSTOMER,
        body=lambda s: {"name": f"{s.marker} Second Contact"},
        ok=201,
    ),
    "customers_contacts_update": SeededProbe(
        "PATCH",
        "/api/customers/{customer_id}/contacts/{contact_id}/",
        ids={**CUSTOMER, "contact_id": _id("contact_id")},
        body=lambda s: {"is_primary": True},
    ),
    "customers_contacts_delete": SeededProbe(
        "DELETE",
        "/api/customers/{customer_id}/contacts/{contact_id}/",
        ids={**CUSTOMER, "contact_id": _id("contact_id")},
        ok=204,
    ),
    "follow_ups_list": SeededProbe("GET", "/api/follow-ups/", lists=True),
    "follow_ups_create": SeededProbe(
        "POST",
        "/api/follow-ups/",
        body=lambda s: {
            "customer_id": seed(s)["customer_id"],
            "title": f"{s.marker} visit",
            "due_date": timezone.localdate().isoformat(),
        },
        ok=201,
    ),
    "follow_ups_update": SeededProbe(
        "PATCH", "/api/follow-ups/{follow_up_id}/", ids=FOLLOW_UP, body=lambda s: {"note": f"{s.marker} note"}
    ),
    "follow_ups_done": SeededProbe("POST", "/api/follow-ups/{follow_up_id}/done/", ids=FOLLOW_UP),
}
