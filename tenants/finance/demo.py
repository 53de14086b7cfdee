"""Demo finance: a year of books for the demo companies, made through the services the members use.

Called from hansa.demo after the trading demos. For each demo company: its tax id, a bank account, the
capital paid in twelve months ago, and the opening value of the stock the inventory demo gave it. Then a
year of trade, one cycle a month, each through purchase order, sales order, shipment, receipt, the
supplier's invoice (a trade document, matched three ways in the buyer's workspace) and payment:

- 华夏重型机械 buys bearings from 无锡精密轴承;
- 无锡精密轴承 buys canteen food from 金谷食品 (in CNY) and steel from Nordstahl (in EUR, at the rate table);
- 鲜果汇 buys packaged food from 金谷食品.

Payments are bank transfers about thirty days after the invoice, announced to the supplier by remittance
advice; the last two months stay open (the agings show them). Two invoices of 华夏 are paid by commercial
bill: a bank acceptance bill that 无锡精密轴承 endorses to 金谷食品 to pay its own invoice (背书转让), and a
commercial acceptance bill it discounts at its bank (贴现). Every business event is posted at the end, so
the statements show a year of real figures; the periods before the last three months are closed.

Idempotent: a company whose books already have demo entries is left alone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

MARK = "[demo]"
TAX_IDS = {
    "huaxia-machinery": "91110000MA01HUAXIA7",
    "freshmart": "91310000MA1FRESH22K",
    "precision-bearings": "91320200MA1BEARN3X",
    "northsteel": "DE813000001",
    "goldenfoods": "91440300MA5GOLDF9Q",
}
CAPITAL = {
    "huaxia-machinery": Decimal("8000000"),
    "freshmart": Decimal("3000000"),
    "precision-bearings": Decimal("2500000"),
    "northsteel": Decimal("900000"),
    "goldenfoods": Decimal("1500000"),
}


@dataclass(frozen=True)
class Flow:
    buyer: str
    supplier: str
    currency: str
    quantity: Decimal
    price_factor: Decimal  # of the supplier's demo price


FLOWS = [
    Flow("huaxia-machinery", "precision-bearings", "CNY", Decimal("30"), Decimal(1)),
    Flow("precision-bearings", "goldenfoods", "CNY", Decimal("15"), Decimal(1)),
    Flow("precision-bearings", "northsteel", "EUR", Decimal("5"), Decimal("0.5")),
    Flow("freshmart", "goldenfoods", "CNY", Decimal("20"), Decimal(1)),
]
MONTHS = 12
BILL_FLOWS = {("huaxia-machinery", "precision-bearings"), ("precision-bearings", "goldenfoods")}


def _actor(company: Any) -> Any:
    from tenants.procurement.demo import _owner

    return _owner(company)


def _deliver() -> None:
    from marketplace.exchange.services import deliver_pending

    deliver_pending()


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def demo_finance_create() -> int:
    """Make the demo companies' year of books; returns how many trade cycles were made."""
    from kernel.tenancy import company_context
    from tenants.finance.models import JournalEntry
    from tenants.selectors import company_get_by_slug

    companies = {slug: company_get_by_slug(slug=slug) for slug in TAX_IDS}
    companies = {slug: c for slug, c in companies.items() if c is not None}
    if not companies:
        return 0
    for company in companies.values():
        with company_context(company):
            if JournalEntry.objects.filter(description__startswith=MARK).exists():
                return 0
    today = timezone.localdate()
    start = (today.replace(day=1) - timedelta(days=(MONTHS - 1) * 31)).replace(day=1)
    for slug, company in companies.items():
        _books_setup(slug, company, start)
    cycles = 0
    invoices: dict[tuple[str, str], list[tuple[int, int, date]]] = {}
    for month in range(MONTHS):
        first = (start + timedelta(days=31 * month)).replace(day=1)
        for flow in FLOWS:
            buyer, supplier = companies.get(flow.buyer), companies.get(flow.supplier)
            if buyer is None or supplier is None:
                continue
            made = _cycle(flow, buyer, supplier, first, today)
            if made is not None:
                invoices.setdefault((flow.buyer, flow.supplier), []).append(made)
                cycles += 1
    _payments(companies, invoices, today)
    _bills(companies, invoices, today)
    for company in companies.values():
        _post_and_close(company, today)
    return cycles


def _books_setup(slug: str, company: Any, start: date) -> None:
    from kernel.tenancy import company_context
    from tenants.finance.models import FinanceSettings
    from tenants.finance.services.books import finance_settings_update
    from tenants.finance.services.posting import Leg, entry_post
    from tenants.finance.services.settlement import bank_account_create

    actor = _actor(company)
    with company_context(company), transaction.atomic():
        home = FinanceSettings.objects.get(pk=1).functional_currency
        finance_settings_update(actor=actor, tax_id=TAX_IDS[slug])
        bank_account_create(
            actor=actor,
            name="基本户 / main account",
            currency=home,
            bank="中国工商银行 ICBC" if company.country == "CN" else "Deutsche Bank",
            account_number="6222020200112233" if company.country == "CN" else "DE89370400440532013000",
        )
        capital = CAPITAL[slug]
        entry_post(
            legs=[
                Leg(amount=capital, role="bank", cash_flow_tag="capital_contributions"),
                Leg(amount=-capital, role="share_capital"),
            ],
            day=start,
            description=f"{MARK} 实收资本到账 / capital paid in",
            actor_label=actor.label,
        )
        stock_value = _opening_stock(start)
        if stock_value > 0:
            entry_post(
                legs=[
                    Leg(amount=stock_value, role="inventory"),
                    Leg(amount=-stock_value, role="share_capital"),
                ],
                day=start,
                description=f"{MARK} 期初存货投入 / opening stock contributed",
                actor_label=actor.label,
            )


def _opening_stock(start: date) -> Decimal:
    """Cost the stock the inventory demo received (never costed) at 60% of a demo price; its value."""
    from tenants.finance.models import CostMovementKind
    from tenants.finance.services.cost import Source, cost_apply, cost_lock
    from tenants.finance.services.posting import cents
    from tenants.inventory.models import StockLevel

    total = Decimal(0)
    levels = (
        StockLevel.objects.filter(on_hand__gt=0).select_related("item").order_by("item__sku", "warehouse_id")
    )
    for index, level in enumerate(levels):
        cost = cost_lock(item_id=level.item_id, warehouse_id=level.warehouse_id)
        if cost.quantity != 0:
            continue
        unit = Decimal(9 + (index % 7) * 3)
        value = cents(level.on_hand * unit)
        cost_apply(
            cost,
            kind=CostMovementKind.UNTRACKED,
            quantity=level.on_hand,
            value=value,
            source=Source(
                kind="opening", id=level.pk, occurred_at=_moment(start), reference="期初 / opening"
            ),
        )
        total += value
    return total


def _cycle(flow: Flow, buyer: Any, supplier: Any, first: date, today: date) -> tuple[int, int, date] | None:
    """One month's order of ``flow``: ordered on the 2nd, shipped on the 4th, received on the 6th,
    invoiced on the 7th (no later than today). Answers (buyer's invoice id, supplier's invoice id, date)."""
    from kernel.tenancy import company_context
    from tenants.finance.models import Invoice, InvoiceDirection
    from tenants.finance.services.invoices import invoice_create_from_shipments, invoice_issue
    from tenants.procurement import services as procurement
    from tenants.procurement.demo import DEMO_RATES, _sales_order_id, _supplier_items
    from tenants.procurement.models import ExpectedShipment, PurchaseOrder
    from tenants.procurement.services import LineInput, ReceiptLineInput
    from tenants.sales import services as sales
    from tenants.sales.models import SalesOrder
    from tenants.sales.services.shipments import ShipLine

    ordered, shipped, received, invoiced = (min(first + timedelta(days=d), today) for d in (1, 3, 5, 6))
    buyer_actor, seller = _actor(buyer), _actor(supplier)
    items = _supplier_items(supplier)[:2]
    with company_context(buyer):
        procurement.procurement_settings_update(actor=buyer_actor, auto_approve_unmatched=True)
        if flow.currency != buyer.default_currency:
            procurement.exchange_rate_set(
                actor=buyer_actor, currency=flow.currency, rate=DEMO_RATES[flow.currency]
            )
        try:
            order = procurement.po_create(
                actor=buyer_actor,
                currency=flow.currency,
                lines=[
                    LineInput(
                        sku=sku,
                        description=name,
                        quantity=flow.quantity,
                        unit=unit,
                        unit_price=(price * flow.price_factor).quantize(Decimal("0.01")),
                        tax_rate=Decimal(13),
                        requested_date=shipped,
                    )
                    for sku, name, unit, price in items
                ],
                supplier_company_id=supplier.pk,
                requested_date=shipped,
                payment_terms="月结30天 / 30 days net",
                notes=f"{MARK} {first:%Y-%m}",
            )
            procurement.po_submit(actor=buyer_actor, order_id=order.pk)
            if PurchaseOrder.objects.get(pk=order.pk).status != "approved":
                procurement.po_approve(actor=buyer_actor, order_id=order.pk, note="同意 / agreed")
            procurement.po_send(actor=buyer_actor, order_id=order.pk)
        except Exception:
            logger.exception("demo finance: ordering from %s failed", supplier.slug)
            return None
        PurchaseOrder.objects.filter(pk=order.pk).update(order_date=ordered)
        document_id = PurchaseOrder.objects.get(pk=order.pk).exchange_document_id
    _deliver()
    so_id = _sales_order_id(supplier, document_id)
    if so_id is None:
        return None
    try:
        with company_context(supplier):
            sales.order_accept(actor=seller, order_id=so_id)
            SalesOrder.objects.filter(pk=so_id).update(order_date=ordered)
            lines = [
                ShipLine(line_no=line.line_no, quantity=line.quantity)
                for line in SalesOrder.objects.get(pk=so_id).lines.order_by("line_no")
            ]
            sales.shipment_create(
                actor=seller,
                order_id=so_id,
                carrier="顺丰速运 SF Express",
                tracking_number=f"SF{shipped:%y%m%d}{so_id:05d}",
                lines=lines,
                shipped_at=_moment(shipped),
            )
        _deliver()
        with company_context(buyer):
            expected = ExpectedShipment.objects.filter(order_id=order.pk).order_by("-id").first()
            assert expected is not None
            procurement.po_receive(
                actor=buyer_actor,
                order_id=order.pk,
                shipment_id=expected.pk,
                received_at=_moment(received),
                lines=[
                    ReceiptLineInput(
                        line_no=int(row["line_no"]),
                        accepted_quantity=Decimal(str(row["quantity"])),
                        rejected_quantity=Decimal(0),
                        rejection_reason="",
                    )
                    for row in expected.lines
                ],
            )
        _deliver()
        with company_context(supplier):
            draft = invoice_create_from_shipments(
                actor=seller, sales_order_id=so_id, issue_date=invoiced, fapiao_type="special"
            )
            issued = invoice_issue(actor=seller, invoice=draft)
        _deliver()
    except Exception:
        logger.exception("demo finance: the %s cycle of %s -> %s failed", first, buyer.slug, supplier.slug)
        return None
    with company_context(buyer):
        received_invoice = Invoice.objects.filter(
            direction=InvoiceDirection.IN, purchase_order_id=order.pk
        ).first()
    if received_invoice is None:
        return None
    return received_invoice.pk, issued.pk, invoiced


def _payments(
    companies: dict[str, Any], invoices: dict[tuple[str, str], list[tuple[int, int, date]]], today: date
) -> None:
    """Buyers pay by transfer thirty days after the invoice; the last two months' invoices stay open, and
    two of 华夏's are kept for the bills."""
    from kernel.tenancy import company_context
    from tenants.finance.models import Invoice, InvoiceStatus
    from tenants.finance.services.settlement import AllocationIn, payment_record

    for (buyer_slug, supplier_slug), rows in invoices.items():
        buyer = companies[buyer_slug]
        actor = _actor(buyer)
        # 华夏's last four: two for the bills; 无锡's last four to 金谷: what the endorsed bill pays.
        keep = 4 if (buyer_slug, supplier_slug) in BILL_FLOWS else 2
        for invoice_id, _supplier_invoice_id, invoiced in rows[:-keep] if len(rows) > keep else []:
            day = min(invoiced + timedelta(days=30), today)
            with company_context(buyer):
                invoice = Invoice.objects.get(pk=invoice_id)
                if invoice.status != InvoiceStatus.OPEN:
                    continue
                try:
                    payment_record(
                        actor=actor,
                        direction="out",
                        amount=invoice.amount_open,
                        currency=invoice.currency,
                        rate=invoice.exchange_rate if invoice.currency != buyer.default_currency else None,
                        day=day,
                        allocations=[AllocationIn(invoice_id=invoice.pk, amount=invoice.amount_open)],
                        reference=f"{MARK} {invoice.partner_number}",
                    )
                except Exception:
                    logger.exception("demo finance: paying %s failed", invoice.number)
            _deliver()


def _bills(
    companies: dict[str, Any], invoices: dict[tuple[str, str], list[tuple[int, int, date]]], today: date
) -> None:
    """华夏 pays two invoices by bill; 无锡精密轴承 endorses the first to 金谷食品 and discounts the second."""
    from kernel.tenancy import company_context
    from tenants.finance.models import Bill, Invoice, InvoiceStatus
    from tenants.finance.services.bills import BillIn, bill_issue, bill_transition

    huaxia, bearings, golden = (
        companies.get(s) for s in ("huaxia-machinery", "precision-bearings", "goldenfoods")
    )
    rows = invoices.get(("huaxia-machinery", "precision-bearings"), [])
    if huaxia is None or bearings is None or len(rows) < 4:
        return
    plans = [
        (rows[-4], "bank_acceptance", "中国工商银行无锡分行", "endorse"),
        (rows[-3], "commercial_acceptance", "华夏重型机械有限公司", "discount"),
    ]
    for index, ((invoice_id, _supplier_invoice_id, invoiced), bill_type, acceptor, step) in enumerate(plans):
        issue_day = min(invoiced + timedelta(days=10), today)
        with company_context(huaxia):
            invoice = Invoice.objects.get(pk=invoice_id)
            if invoice.status != InvoiceStatus.OPEN:
                continue
            try:
                bill = bill_issue(
                    actor=_actor(huaxia),
                    bill=BillIn(
                        number=f"{'3' if bill_type == 'bank_acceptance' else '5'}10220{issue_day:%Y%m%d}{index:04d}",
                        type=bill_type,
                        acceptor_name=acceptor,
                        amount=invoice.amount_open,
                        issue_date=issue_day,
                        maturity_date=issue_day + timedelta(days=180),
                        drawer_name=huaxia.name,
                        payee_name=bearings.name,
                    ),
                    invoice_ids=[invoice.pk],
                )
                bill_transition(actor=_actor(huaxia), bill=bill, action="accept", day=issue_day)
            except Exception:
                logger.exception("demo finance: the bill for %s failed", invoice.number)
                continue
            number = bill.number
        _deliver()
        with company_context(bearings):
            held = Bill.objects.filter(number=number).first()
            if held is None:
                continue
            day = min(issue_day + timedelta(days=5), today)
            try:
                if step == "discount":
                    bill_transition(
                        actor=_actor(bearings),
                        bill=held,
                        action="discount",
                        day=day,
                        discount_rate=Decimal("2.40"),
                    )
                elif golden is not None:
                    # The open invoices of 金谷, oldest first, as many as the bill's amount covers.
                    chosen, covered = [], Decimal(0)
                    for payable in Invoice.objects.filter(
                        direction="in", partner_company_id=golden.pk, status=InvoiceStatus.OPEN
                    ).order_by("issue_date", "pk"):
                        if covered >= held.amount:
                            break
                        chosen.append(payable.pk)
                        covered += payable.amount_open
                    if covered >= held.amount:
                        bill_transition(
                            actor=_actor(bearings), bill=held, action="endorse", day=day, invoice_ids=chosen
                        )
            except Exception:
                logger.exception("demo finance: %s of bill %s failed", step, number)
        _deliver()


def _post_and_close(company: Any, today: date) -> None:
    """Post every business event now (the worker would, after commit), then close the periods before the
    last three months."""
    from kernel.tenancy import company_context
    from tenants.finance.models import Period, PeriodStatus
    from tenants.finance.services.books import period_close
    from tenants.finance.services.posting import events_post_pending

    with company_context(company):
        events_post_pending()
        cutoff = (today.replace(day=1) - timedelta(days=62)).replace(day=1)
        actor = _actor(company)
        for period in Period.objects.filter(end__lt=cutoff, status=PeriodStatus.OPEN).order_by("start"):
            try:
                period_close(actor=actor, period=period, reason=f"{MARK} 月结 / month end")
            except Exception:
                logger.info("demo finance: %s stays open in %s", period.label, company.slug)
                break
