"""Factories of the cost tests: goods bought through procurement's receipt service and sold through sales'
shipment service, in the current company's schema (call inside ``company_context``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from identity.access import Actor
from tenants.finance.models import ItemCost, JournalEntry
from tenants.procurement import services as procurement
from tenants.procurement.services import LineInput, ReceiptLineInput
from tenants.procurement.tests import factories as pf
from tenants.sales import services as sales


def buy(
    actor: Actor,
    sku: str,
    quantity: str,
    price: str,
    *,
    currency: str = "CNY",
    rate: str | None = None,
    warehouse_id: int | None = None,
    lines: list[tuple[str, str, str]] | None = None,
) -> Any:
    """A purchase order for ``quantity`` of ``sku`` at ``price``, sent and received in full; the receipt."""
    pf.auto_approve_unmatched()
    wanted = lines or [(sku, quantity, price)]
    values: dict[str, Any] = {"currency": currency}
    if rate is not None:
        from tenants.procurement.services.rates import exchange_rate_set

        exchange_rate_set(actor=actor, currency=currency, rate=Decimal(rate))
        values["exchange_rate"] = Decimal(rate)
    order = procurement.po_create(
        actor=actor,
        supplier_name="Outside Supplier Ltd",
        supplier_email="orders@outside.example",
        lines=[
            LineInput(
                sku=s,
                description=f"Item {s}",
                quantity=Decimal(q),
                unit="pcs",
                unit_price=Decimal(p),
                tax_rate=Decimal(13),
            )
            for s, q, p in wanted
        ],
        **values,
    )
    procurement.po_submit(actor=actor, order_id=order.pk)
    procurement.po_send(actor=actor, order_id=order.pk)
    return procurement.po_receive(
        actor=actor,
        order_id=order.pk,
        warehouse_id=warehouse_id,
        lines=[
            ReceiptLineInput(line_no=n, accepted_quantity=Decimal(q)) for n, (_, q, _) in enumerate(wanted, 1)
        ],
    )


def sell(actor: Actor, sku: str, quantity: str, price: str, *, customer_id: int | None = None) -> Any:
    """An accepted sales order (stock reserved) for ``quantity`` of ``sku`` at ``price``."""
    if customer_id is None:
        customer_id = sales.customer_create(actor=actor, name="Walk-in Trading Co.").pk
    order = sales.manual_order_create(
        actor=actor,
        customer_id=customer_id,
        currency="CNY",
        lines=[
            sales.ManualLine(
                sku=sku,
                description=f"Item {sku}",
                quantity=Decimal(quantity),
                unit="pcs",
                unit_price=Decimal(price),
            )
        ],
    )
    return sales.order_accept(actor=actor, order_id=order.pk)


def ship(actor: Actor, order: Any, quantity: str, line_no: int = 1) -> Any:
    return sales.shipment_create(
        actor=actor,
        order_id=order.pk,
        carrier="SF Express",
        lines=[sales.ShipLine(line_no=line_no, quantity=Decimal(quantity))],
    )


def item_cost(sku: str) -> ItemCost:
    from tenants.inventory.models import Item

    return ItemCost.objects.get(item_id=Item.objects.get(sku=sku).pk)


def lines_of(kind: str, source_id: Any) -> list[tuple[str, Decimal, Decimal]]:
    """(account role, debit, credit) of the entry posted for the event ``kind`` of ``source_id``."""
    entry = JournalEntry.objects.get(source_kind=kind, source_id=str(source_id))
    return [(line.account.role, line.debit, line.credit) for line in entry.lines.select_related("account")]
