"""Factories of sales tests (and the isolation probes): purchase orders arriving through the exchange,
stock, customers and orders entered by hand. Everything goes through the services, as in real use."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from identity.access import Actor
from identity.models import Membership
from identity.roles import permissions_for
from kernel.tenancy import company_context
from tenants.models import Company, CompanyStatus
from tenants.sales import services
from tenants.sales.models import SalesOrder


def actor_for(company: Company, user: Any = None, roles: list[str] | None = None) -> Actor:
    membership = Membership.objects.filter(company=company, user=user).first() if user else None
    granted = roles if roles is not None else (membership.roles if membership else ["owner"])
    return Actor(company=company, permissions=permissions_for(granted), user=user, membership=membership)


def bare_company(name: str) -> Company:
    """An active company without a schema: enough for a buyer that only sends documents."""
    return Company.objects.bulk_create(
        [
            Company(
                schema_name=f"t_bare{uuid.uuid4().hex[:12]}",
                status=CompanyStatus.ACTIVE,
                name=name,
                slug=f"bare-{uuid.uuid4().hex[:10]}",
                default_currency="CNY",
            )
        ]
    )[0]


def po_line(line_no: int = 1, **overrides: Any) -> dict[str, Any]:
    line = {
        "line_no": line_no,
        "sku": f"SKU-{line_no}",
        "description": f"Deep groove ball bearing {line_no}",
        "listing_id": None,
        "quantity": "10",
        "unit": "pcs",
        "unit_price": "12.50",
        "tax_rate": "13",
        "requested_date": None,
    }
    line.update(overrides)
    return line


def po_payload(lines: list[dict[str, Any]] | None = None, **overrides: Any) -> dict[str, Any]:
    lines = lines or [po_line()]
    net = sum(Decimal(x["quantity"]) * Decimal(x["unit_price"]) for x in lines)
    tax = sum(Decimal(x["quantity"]) * Decimal(x["unit_price"]) * Decimal(x["tax_rate"]) / 100 for x in lines)
    payload = {
        "po_id": 1,
        "po_number": f"PO-{uuid.uuid4().hex[:6]}",
        "currency": "CNY",
        "order_date": timezone.localdate().isoformat(),
        "requested_date": (timezone.localdate() + timedelta(days=14)).isoformat(),
        "payment_terms": "30 days net",
        "notes": "",
        "ship_to": "Huaxia Machinery, Dock 3",
        "rfq_id": None,
        "buyer_contact": {"name": "Li Caigou", "email": "buyer@huaxia.test"},
        "lines": lines,
        "total_net": str(net.quantize(Decimal("0.01"))),
        "total_tax": str(tax.quantize(Decimal("0.01"))),
        "total": str((net + tax).quantize(Decimal("0.01"))),
    }
    payload.update(overrides)
    return payload


def send(buyer: Company, supplier: Company, kind: str, payload: dict[str, Any], refers_to: Any = None) -> Any:
    """A document from ``buyer`` to ``supplier`` through the exchange, ingested at once; returns it."""
    from marketplace.exchange.services import document_ingest, document_send

    document = document_send(sender=buyer, receiver=supplier, kind=kind, payload=payload, refers_to=refers_to)
    outcome = document_ingest(document_id=document.pk)
    assert outcome in ("ingested", "duplicate", "waiting"), outcome
    return document


def incoming_order(
    supplier: Company, buyer: Company, lines: list[dict[str, Any]] | None = None, **overrides: Any
) -> SalesOrder:
    """A purchase order sent by ``buyer``, arrived as a sales order in ``supplier``'s schema."""
    document = send(buyer, supplier, "purchase_order", po_payload(lines, **overrides))
    with company_context(supplier):
        return SalesOrder.objects.get(source_document_id=document.pk)


def stock(supplier: Company, sku: str, quantity: str | Decimal, name: str = "") -> Any:
    """``quantity`` of ``sku`` received into the supplier's default warehouse."""
    from tenants.inventory import services as inventory

    with company_context(supplier):
        item = inventory.item_get_or_create_for_line(sku=sku, name=name or sku, unit="pcs")
        inventory.stock_receive(
            item=item, warehouse=inventory.default_warehouse(), quantity=Decimal(quantity), reference="test"
        )
        return item


def level(supplier: Company, sku: str) -> Any:
    from tenants.inventory import selectors as inventory_selectors
    from tenants.inventory.models import Item

    with company_context(supplier):
        item = Item.objects.filter(sku=sku).first()
        if item is None:
            return None
        return inventory_selectors.stock_level(item=item)


def customer(actor: Actor, name: str = "Walk-in Trading Co.", **values: Any) -> Any:
    with company_context(actor.company):
        return services.customer_create(actor=actor, name=name, **values)


def manual_order(
    actor: Actor,
    customer_id: int | None = None,
    lines: list[services.ManualLine] | None = None,
    currency: str = "CNY",
    **values: Any,
) -> SalesOrder:
    with company_context(actor.company):
        if customer_id is None:
            customer_id = services.customer_create(actor=actor, name="Manual customer").pk
        return services.manual_order_create(
            actor=actor,
            customer_id=customer_id,
            currency=currency,
            lines=lines
            or [
                services.ManualLine(
                    sku="SKU-1",
                    description="Bearing",
                    quantity=Decimal(10),
                    unit="pcs",
                    unit_price=Decimal("12.50"),
                )
            ],
            requested_date=values.pop("requested_date", date.today() + timedelta(days=7)),
            **values,
        )
