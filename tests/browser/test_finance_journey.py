"""The finance journey in a real browser (issue 12, acceptance).

The supplier invoices an order it shipped; the invoice travels to the buyer, where it lands matched three
ways; the buyer, whose company approves every supplier invoice, approves it and pays it with a bank
acceptance bill; the bill reaches the supplier, who endorses it to its own supplier to pay that one's
invoice. The buyer's balance sheet shows the bill payable and its payables aging no longer the invoice; the
supplier's balance sheet shows no receivable and no bill left, and its receivables aging is clear of the
buyer.

Set up through the services: three companies on the Business plan (the books are in it), the supplier's
stock, the buyer's purchase order accepted, shipped and received, and the supplier's own purchase from
its supplier, received and invoiced. Trade documents travel through the exchange; where a worker would
ingest them (and post business events) after commit, the test runs the same ingestion and posting
before the other side looks.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from tests.browser.support import (
    Hansa,
    expect,
    make_company,
    new_page,
    sign_in,
    unique_slug,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def deliver_and_post() -> None:
    """Ingest every pending trade document and post every pending business event, as the workers do."""
    from kernel.tenancy import company_context
    from marketplace.exchange.services import deliver_pending
    from tenants.finance.services.posting import events_post_pending
    from tenants.models import Company, CompanyStatus

    deliver_pending()
    for company in Company.objects.filter(status=CompanyStatus.ACTIVE):
        with company_context(company):
            events_post_pending()


def actor(company: Any, user: Any) -> Any:
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for

    membership = Membership.objects.get(user=user, company=company)
    return Actor(
        company=company, permissions=permissions_for(membership.roles), user=user, membership=membership
    )


def business_plan(company: Any) -> None:
    from billing.services.subscriptions import subscription_change_plan

    subscription_change_plan(company_id=company.pk, plan_code="business", source="owner")


def stock(company: Any, sku: str, name: str) -> None:
    from kernel.tenancy import company_context
    from tenants.inventory.services import default_warehouse, item_create, stock_receive

    with company_context(company):
        item = item_create(actor=None, sku=sku, name_zh=name, name_en=name, unit="pcs")
        stock_receive(item=item, warehouse=default_warehouse(), quantity=Decimal("1000"), reference="opening")


def traded(buyer: Any, supplier: Any, *, sku: str, quantity: str, price: str) -> tuple[int, int]:
    """A purchase order of ``buyer`` to ``supplier``, accepted, shipped in full and received in full.
    Answers (the buyer's purchase order id, the supplier's sales order id)."""
    from kernel.tenancy import company_context
    from tenants.procurement import services as procurement
    from tenants.procurement.models import ExpectedShipment, PurchaseOrder
    from tenants.procurement.services import LineInput, ReceiptLineInput
    from tenants.sales import services as sales
    from tenants.sales.models import SalesOrder
    from tenants.sales.services.shipments import ShipLine

    buying, selling = actor(buyer.company, buyer.user), actor(supplier.company, supplier.user)
    with company_context(buyer.company):
        procurement.procurement_settings_update(actor=buying, auto_approve_unmatched=True)
        order = procurement.po_create(
            actor=buying,
            currency="CNY",
            lines=[
                LineInput(
                    sku=sku,
                    description=f"{sku} part",
                    quantity=Decimal(quantity),
                    unit="pcs",
                    unit_price=Decimal(price),
                    tax_rate=Decimal(13),
                    requested_date=date.today() + timedelta(days=7),
                )
            ],
            supplier_company_id=supplier.company.pk,
        )
        procurement.po_submit(actor=buying, order_id=order.pk)
        procurement.po_send(actor=buying, order_id=order.pk)
        document_id = PurchaseOrder.objects.get(pk=order.pk).exchange_document_id
    deliver_and_post()
    with company_context(supplier.company):
        so = SalesOrder.objects.get(source_document_id=document_id)
        sales.order_accept(actor=selling, order_id=so.pk)
        sales.shipment_create(
            actor=selling,
            order_id=so.pk,
            carrier="SF Express",
            lines=[ShipLine(line_no=line.line_no, quantity=line.quantity) for line in so.lines.all()],
        )
    deliver_and_post()
    with company_context(buyer.company):
        expected = ExpectedShipment.objects.get(order_id=order.pk)
        procurement.po_receive(
            actor=buying,
            order_id=order.pk,
            shipment_id=expected.pk,
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
    deliver_and_post()
    return order.pk, so.pk


def figure(page: Any, key: str) -> Any:
    return page.get_by_test_id(f"figure-{key}").first


def test_invoice_matched_approved_paid_by_bill_endorsed_onwards_and_both_books_show_it(
    hansa: Hansa, browser: Any
) -> None:
    from kernel.tenancy import company_context
    from tenants.finance.models import Bill, FinanceSettings, Invoice
    from tenants.finance.services.invoices import invoice_create_from_shipments, invoice_issue

    steel_slug, supplier_slug, buyer_slug = (
        unique_slug("steel"),
        unique_slug("bearings"),
        unique_slug("huaxia"),
    )
    steel = make_company(
        slug=steel_slug, name="Baotou Special Steel", owner_email=f"owner@{steel_slug}.test", owner_name="Gao"
    )
    supplier = make_company(
        slug=supplier_slug,
        name="Wuxi Precision Bearings",
        owner_email=f"owner@{supplier_slug}.test",
        owner_name="Qian",
    )
    buyer = make_company(
        slug=buyer_slug, name="Huaxia Machinery", owner_email=f"owner@{buyer_slug}.test", owner_name="Wang"
    )
    for party in (steel, supplier, buyer):
        business_plan(party.company)
    stock(steel.company, "ST-42", "Bearing steel bar")
    stock(supplier.company, "6205-2RS", "Deep groove ball bearing 6205-2RS")
    with company_context(buyer.company):
        FinanceSettings.objects.filter(pk=1).update(approve_matched_invoices=True)

    # The supplier's own purchase of steel, received and invoiced by the steel mill: 5,000 + 650 VAT.
    _, steel_so = traded(supplier, steel, sku="ST-42", quantity="100", price="50.00")
    with company_context(steel.company):
        invoice_issue(
            actor=actor(steel.company, steel.user),
            invoice=invoice_create_from_shipments(
                actor=actor(steel.company, steel.user), sales_order_id=steel_so
            ),
        )
    deliver_and_post()
    # The buyer's order of bearings: 400 x 10.00 + 13% = 4,520.00.
    _, bearings_so = traded(buyer, supplier, sku="6205-2RS", quantity="400", price="10.00")

    # The supplier invoices the shipped order in the web app.
    selling = new_page(browser)
    sign_in(selling, hansa, supplier_slug, f"owner@{supplier_slug}.test")
    selling.goto(hansa.company_url(supplier_slug, f"/finance/invoices/new?sales_order={bearings_so}"))
    expect(selling.get_by_test_id("invoiceable-lines")).to_contain_text("6205-2RS")
    selling.get_by_test_id("invoice-create-draft").click()
    expect(selling.get_by_test_id("invoice-detail")).to_be_visible()
    selling.get_by_test_id("invoice-issue").click()
    expect(selling.get_by_test_id("invoice-number")).to_contain_text("INV-")
    expect(selling.get_by_test_id("invoice-total")).to_contain_text("4,520.00")
    deliver_and_post()

    # The buyer sees it matched, approves it and pays it with a bank acceptance bill.
    buying = new_page(browser)
    sign_in(buying, hansa, buyer_slug, f"owner@{buyer_slug}.test")
    with company_context(buyer.company):
        received = Invoice.objects.get(direction="in")
    buying.goto(hansa.company_url(buyer_slug, "/finance/invoices"))
    buying.get_by_test_id("invoice-tab-in").click()
    expect(buying.get_by_test_id(f"invoice-row-{received.pk}")).to_contain_text("Wuxi Precision Bearings")
    buying.goto(hansa.company_url(buyer_slug, f"/finance/invoices/{received.pk}"))
    expect(buying.get_by_test_id("invoice-match-table")).to_be_visible()
    expect(buying.get_by_test_id("invoice-detail")).to_contain_text("Matched")
    buying.get_by_test_id("invoice-approve").click()
    buying.get_by_test_id("invoice-approve-dialog-submit").click()
    expect(buying.get_by_test_id("invoice-pay-by-bill")).to_be_visible()
    deliver_and_post()
    buying.get_by_test_id("invoice-pay-by-bill").click()
    expect(buying.get_by_test_id("bill-draw-invoices")).to_contain_text("4,520.00")
    buying.get_by_test_id("bill-draw-number").fill("310220200000012345")
    buying.get_by_test_id("bill-draw-acceptor").fill("ICBC Wuxi Branch")
    buying.get_by_test_id("bill-draw-submit").click()
    expect(buying.get_by_test_id("bill-page")).to_contain_text("310220200000012345")
    deliver_and_post()

    # The supplier holds the bill and endorses it to the steel mill, paying the mill's invoice.
    with company_context(supplier.company):
        held = Bill.objects.get(number="310220200000012345")
        assert held.status == "held"
    selling.goto(hansa.company_url(supplier_slug, f"/finance/bills/{held.pk}"))
    selling.get_by_test_id("bill-endorse").click()
    selling.get_by_test_id("endorse-invoices").click()
    selling.locator(".ant-select-item-option", has_text="Baotou Special Steel").first.click()
    selling.get_by_role("dialog").locator(".ant-modal-title").click()  # closes the option list
    selling.get_by_role("dialog").get_by_role("button", name="Endorse").click()
    expect(selling.get_by_test_id("bill-page")).to_contain_text("Endorsed")
    deliver_and_post()

    with company_context(steel.company):
        assert Bill.objects.get(number="310220200000012345").status == "held"
        steel_invoice = Invoice.objects.get(direction="out")
        assert steel_invoice.amount_open == Decimal("5650.00") - Decimal("4520.00")

    # The buyer's books: a bill payable of 4,520.00, nothing owed on account to the supplier.
    buying.goto(hansa.company_url(buyer_slug, "/finance/statements/balance-sheet"))
    expect(figure(buying, "notes_payable")).to_have_text("4,520.00")
    expect(figure(buying, "trade_payables")).to_have_text("0.00")
    buying.goto(hansa.company_url(buyer_slug, "/finance/statements/aging"))
    buying.get_by_test_id("aging-direction").get_by_text("Payables").click()
    expect(buying.get_by_test_id("aging-total")).to_have_text("0.00")

    # The supplier's books: no receivable left, no bill held (endorsed on), its payable to the mill down
    # to the rest: 5,650.00 - 4,520.00 = 1,130.00; its receivables aging is clear.
    selling.goto(hansa.company_url(supplier_slug, "/finance/statements/balance-sheet"))
    expect(figure(selling, "trade_receivables")).to_have_text("0.00")
    expect(figure(selling, "notes_receivable")).to_have_text("0.00")
    expect(figure(selling, "trade_payables")).to_have_text("1,130.00")
    selling.goto(hansa.company_url(supplier_slug, "/finance/statements/aging"))
    expect(selling.get_by_test_id("aging-total")).to_have_text("0.00")
    selling.get_by_test_id("aging-direction").get_by_text("Payables").click()
    expect(selling.get_by_test_id("aging-table")).to_contain_text("Baotou Special Steel")
    expect(selling.get_by_test_id("aging-total")).to_have_text("1,130.00")
