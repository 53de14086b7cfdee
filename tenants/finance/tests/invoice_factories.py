"""Factories of the invoice tests and probes: two companies trading through Hansa (a buyer's purchase
order becomes the supplier's sales order, shipped and received), through the services of each app."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from identity.access import Actor
from kernel.tenancy import company_context
from tenants.finance.models import Invoice, JournalEntry
from tenants.finance.services import invoices
from tenants.finance.tests.factories import run_postings
from tenants.procurement.models import PurchaseOrder
from tenants.procurement.services import ReceiptLineInput
from tenants.procurement.tests import factories as pf
from tenants.sales.models import SalesOrder, Shipment
from tenants.sales.tests import factories as sf


@dataclass
class Party:
    company: Any
    owner: Any
    actor: Actor
    client: Any

    def ctx(self) -> Any:
        return company_context(self.company)


def party(make_company: Any, signed_in: Any, name: str) -> Party:
    result = make_company(company_name=name)
    return Party(
        company=result.company,
        owner=result.user,
        actor=pf.actor_for(result.company, result.user),
        client=signed_in(result.user, result.company),
    )


@dataclass
class Trade:
    po: PurchaseOrder
    so: SalesOrder


def deliver() -> None:
    pf.deliver()


def trade(
    buyer: Party,
    supplier: Party,
    *,
    count: int = 1,
    quantity: str = "10",
    price: str = "12.50",
    **values: Any,
) -> Trade:
    """A purchase order sent by ``buyer``, accepted by ``supplier`` (stock on hand for every line)."""
    from tenants.sales import services as sales

    with buyer.ctx():
        po = pf.sent(
            buyer.actor, supplier=supplier.company, count=count, price=price, quantity=quantity, **values
        )
    deliver()
    with supplier.ctx():
        so = SalesOrder.objects.get(source_document_id=po.exchange_document_id)
        skus = list(so.lines.values_list("sku", flat=True))
    for sku in skus:
        sf.stock(supplier.company, sku, Decimal(quantity) * 2)
    with supplier.ctx():
        sales.order_accept(actor=supplier.actor, order_id=so.pk)
    deliver()
    return Trade(po=po, so=so)


def ship(supplier: Party, deal: Trade, *lines: tuple[int, str]) -> Shipment:
    from tenants.sales import services as sales

    with supplier.ctx():
        shipment = sales.shipment_create(
            actor=supplier.actor,
            order_id=deal.so.pk,
            carrier="SF Express",
            lines=[sales.ShipLine(line_no=n, quantity=Decimal(q)) for n, q in lines],
        )
    deliver()
    return shipment


def receive(buyer: Party, deal: Trade, *lines: tuple[int, str]) -> Any:
    from tenants.procurement import services as procurement

    with buyer.ctx():
        return procurement.po_receive(
            actor=buyer.actor,
            order_id=deal.po.pk,
            lines=[ReceiptLineInput(line_no=n, accepted_quantity=Decimal(q)) for n, q in lines],
        )


def invoice_issued(supplier: Party, deal: Trade, **kwargs: Any) -> Invoice:
    """The supplier invoices what it shipped and issues it; the document is delivered to the buyer."""
    with supplier.ctx():
        draft = invoices.invoice_create_from_shipments(
            actor=supplier.actor, sales_order_id=deal.so.pk, **kwargs
        )
        issued = invoices.invoice_issue(actor=supplier.actor, invoice=draft)
        run_postings()
    deliver()
    return issued


def received(buyer: Party, issued: Invoice) -> Invoice:
    with buyer.ctx():
        run_postings()
        return Invoice.objects.prefetch_related("lines").get(document_id=issued.document_id)


def entry_of(kind: str, invoice: Invoice) -> list[tuple[str, str, str]]:
    """The posted entry of ``kind`` for ``invoice`` as (account role, debit, credit), in line order."""
    entry = JournalEntry.objects.get(source_kind=kind, source_id=str(invoice.pk))
    return [
        (line.account.role, str(line.debit), str(line.credit))
        for line in entry.lines.select_related("account").order_by("line_no")
    ]
