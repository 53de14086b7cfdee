"""Invoices across companies: from the supplier's shipments to the buyer's three-way match, the postings
of every invoice event, gapless numbering, credit notes on both sides, settlement's entry points."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from identity.models import AuditEntry
from marketplace.exchange.models import TradeDocument
from notifications.models import Notification
from tenants.finance.exceptions import (
    CreditExceedsInvoice,
    InvoiceNotDraft,
    InvoiceNotOpen,
    InvoiceNotPendingApproval,
    NothingToInvoice,
    OverInvoiced,
    PaymentExceedsOpen,
)
from tenants.finance.models import (
    FinanceSettings,
    Invoice,
    InvoiceLine,
    JournalEntry,
    JournalLine,
    PostingEvent,
)
from tenants.finance.services import invoices
from tenants.finance.services.invoices import LineInput, NoteLineInput, ShippedLineInput
from tenants.finance.tests import invoice_factories as f
from tenants.finance.tests.factories import run_postings
from tenants.procurement.models import OrderEvent
from tenants.sales.selectors import sales_order_timeline

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def buyer(make_company: Any, signed_in: Any) -> f.Party:
    return f.party(make_company, signed_in, "Huaxia Machinery")


@pytest.fixture
def supplier(make_company: Any, signed_in: Any) -> f.Party:
    return f.party(make_company, signed_in, "Wuxi Bearings")


def po_kinds(buyer: f.Party, deal: f.Trade) -> list[str]:
    with buyer.ctx():
        return list(
            OrderEvent.objects.filter(order_id=deal.po.pk).order_by("at", "id").values_list("kind", flat=True)
        )


# --- the whole flow ----------------------------------------------------------------------------------------


def test_shipped_goods_invoiced_by_the_supplier_land_matched_at_the_buyer_and_post_on_both_sides(
    buyer, supplier
):
    deal = f.trade(buyer, supplier, count=2, quantity="10", price="12.50")
    f.ship(supplier, deal, (1, "6"), (2, "10"))
    f.receive(buyer, deal, (1, "6"), (2, "10"))
    with supplier.ctx():
        FinanceSettings.objects.filter(pk=1).update(tax_id="91320200MA1W7RC40Q")
    issued = f.invoice_issued(supplier, deal)

    with supplier.ctx():
        issued.refresh_from_db()
        lines = list(issued.lines.order_by("line_no"))
        assert [(line.quantity, line.unit_price, line.net_amount, line.tax_amount) for line in lines] == [
            (Decimal("6.0000"), Decimal("12.500000"), Decimal("75.0000"), Decimal("9.7500")),
            (Decimal("10.0000"), Decimal("12.500000"), Decimal("125.0000"), Decimal("16.2500")),
        ]
        assert issued.number == f"INV-{TODAY.year}-000001"
        assert (issued.status, issued.total_net, issued.total_tax, issued.total) == (
            "open",
            Decimal("200.0000"),
            Decimal("26.0000"),
            Decimal("226.0000"),
        )
        assert issued.amount_open == Decimal("226.0000")
        assert issued.due_date == issued.issue_date + timedelta(days=30)
        assert (issued.seller_tax_id, issued.fapiao_type) == ("91320200MA1W7RC40Q", "ordinary")
        assert f.entry_of("customer_invoice", issued) == [
            ("revenue", "0.0000", "200.0000"),
            ("vat_output", "0.0000", "26.0000"),
            ("receivable", "226.0000", "0.0000"),
        ]
        timeline = [
            e.kind
            for e in __import__("tenants.sales.selectors", fromlist=["x"]).sales_order_timeline(
                order_id=deal.so.pk
            )
        ]
        assert "invoiced" in timeline
    document = TradeDocument.objects.get(pk=issued.document_id)
    assert (document.kind, document.refers_to_id, document.receiver_id) == (
        "invoice",
        deal.po.exchange_document_id,
        buyer.company.pk,
    )

    bill = f.received(buyer, issued)
    with buyer.ctx():
        assert (bill.direction, bill.number, bill.partner_number) == (
            "in",
            f"AP-{TODAY.year}-000001",
            issued.number,
        )
        assert (bill.status, bill.match_status, bill.purchase_order_id) == ("open", "matched", deal.po.pk)
        assert bill.total == Decimal("226.0000") and bill.amount_open == Decimal("226.0000")
        first = bill.lines.order_by("line_no")[0]
        assert first.purchase_order_line_id == deal.po.lines.get(line_no=1).pk
        assert first.match["reasons"] == [] and first.match["expected_quantity"] == "6.0000"
        assert f.entry_of("supplier_invoice", bill) == [
            ("grni", "200.0000", "0.0000"),
            ("vat_input", "26.0000", "0.0000"),
            ("payable", "0.0000", "226.0000"),
        ]
    assert "invoiced" in po_kinds(buyer, deal)


def test_the_same_invoice_document_delivered_twice_makes_one_invoice(buyer, supplier):
    from marketplace.exchange.handlers import handler_for
    from marketplace.exchange.services import _incoming

    deal = f.trade(buyer, supplier)
    f.ship(supplier, deal, (1, "10"))
    f.receive(buyer, deal, (1, "10"))
    issued = f.invoice_issued(supplier, deal)
    document = TradeDocument.objects.get(pk=issued.document_id)
    handler = handler_for("invoice")
    assert handler is not None
    with buyer.ctx():
        handler(_incoming(document))
        assert Invoice.objects.filter(document_id=document.pk).count() == 1
        assert PostingEvent.objects.filter(kind="supplier_invoice").count() == 1


def test_a_price_outside_tolerance_waits_for_approval_then_posts_the_variance(buyer, supplier):
    deal = f.trade(buyer, supplier, quantity="10", price="10.00")
    with supplier.ctx():
        from tenants.sales.models import SalesOrderLine

        # The supplier bills 10.50 where the order says 10.00: 5 % over a 2 % tolerance.
        SalesOrderLine.objects.filter(order_id=deal.so.pk).update(unit_price=Decimal("10.50"))
    f.ship(supplier, deal, (1, "10"))
    f.receive(buyer, deal, (1, "10"))
    issued = f.invoice_issued(supplier, deal)
    bill = f.received(buyer, issued)
    with buyer.ctx():
        assert (bill.status, bill.match_status) == ("draft", "mismatch")
        line = bill.lines.get()
        assert line.match["reasons"] == ["price_above_tolerance"]
        assert (line.match["expected_unit_price"], line.match["actual_unit_price"]) == (
            "10.0000",
            "10.500000",
        )
        assert line.match["price_difference_percent"] == "5.00"
        assert not JournalEntry.objects.filter(source_kind="supplier_invoice").exists()
        assert Notification.objects.filter(kind="finance.invoice_mismatch", subject_id=bill.pk).count() == 1

        approved = invoices.invoice_approve(actor=buyer.actor, invoice=bill, note="Agreed surcharge")
        run_postings()
        assert (approved.status, approved.match_status) == ("open", "approved")
        assert AuditEntry.objects.filter(action="finance.invoice_approved", target_id=str(bill.pk)).exists()
        assert f.entry_of("supplier_invoice", bill) == [
            ("grni", "100.0000", "0.0000"),
            ("purchase_variance", "5.0000", "0.0000"),
            ("vat_input", "13.6500", "0.0000"),
            ("payable", "0.0000", "118.6500"),
        ]
        with pytest.raises(InvoiceNotPendingApproval):
            invoices.invoice_approve(actor=buyer.actor, invoice=bill)
        # The goods receipt put 100.00 on GRNI at the order price; the invoice takes exactly that off.
        grni = JournalLine.objects.filter(account__role="grni").aggregate(d=Sum("debit"), c=Sum("credit"))
        assert (grni["d"], grni["c"]) == (Decimal("100.0000"), Decimal("100.0000"))


def test_a_quantity_over_what_was_received_is_a_mismatch_never_accepted_silently(buyer, supplier):
    deal = f.trade(buyer, supplier, quantity="10", price="10.00")
    f.ship(supplier, deal, (1, "10"))
    f.receive(buyer, deal, (1, "7"))
    issued = f.invoice_issued(supplier, deal)
    bill = f.received(buyer, issued)
    with buyer.ctx():
        line = bill.lines.get()
        assert (bill.status, bill.match_status) == ("draft", "mismatch")
        assert line.match["reasons"] == ["quantity_over_received"]
        assert (line.match["expected_quantity"], line.match["actual_quantity"]) == ("7.0000", "10.0000")
        assert line.match["quantity_difference"] == "3.0000"
    # The rest arrives: matching again accepts and posts it.
    f.receive(buyer, deal, (1, "3"))
    with buyer.ctx():
        again = invoices.invoice_match(actor=buyer.actor, invoice=bill)
        run_postings()
        assert (again.status, again.match_status) == ("open", "matched")
        assert f.entry_of("supplier_invoice", bill)[0] == ("grni", "100.0000", "0.0000")


def test_a_company_that_approves_every_invoice_gets_matched_ones_for_approval_too(buyer, supplier):
    with buyer.ctx():
        FinanceSettings.objects.filter(pk=1).update(approve_matched_invoices=True)
    deal = f.trade(buyer, supplier, quantity="10", price="10.00")
    f.ship(supplier, deal, (1, "10"))
    f.receive(buyer, deal, (1, "10"))
    bill = f.received(buyer, f.invoice_issued(supplier, deal))
    with buyer.ctx():
        assert (bill.status, bill.match_status) == ("draft", "matched")
        # Matching again does not post it: the approval does.
        invoices.invoice_match(actor=buyer.actor, invoice=bill)
        run_postings()
        bill.refresh_from_db()
        assert bill.status == "draft"
        assert not JournalEntry.objects.filter(
            source_kind="supplier_invoice", source_id=str(bill.pk)
        ).exists()
        approved = invoices.invoice_approve(actor=buyer.actor, invoice=bill, note="ok")
        run_postings()
        assert (approved.status, approved.match_status, approved.amount_open) == (
            "open",
            "matched",
            Decimal("113"),
        )
        assert f.entry_of("supplier_invoice", bill)[0] == ("grni", "100.0000", "0.0000")


def test_a_rejected_invoice_tells_the_supplier_who_credits_it(buyer, supplier):
    deal = f.trade(buyer, supplier, quantity="10", price="10.00")
    f.ship(supplier, deal, (1, "10"))
    f.receive(buyer, deal, (1, "4"))
    issued = f.invoice_issued(supplier, deal)
    bill = f.received(buyer, issued)
    with buyer.ctx():
        rejected = invoices.invoice_reject(actor=buyer.actor, invoice=bill, reason="Only 4 received")
        assert (rejected.status, rejected.match_status, rejected.amount_open) == ("rejected", "rejected", 0)
        assert not PostingEvent.objects.filter(kind="supplier_invoice").exists()
    f.deliver()
    with supplier.ctx():
        issued.refresh_from_db()
        assert (issued.status, issued.reason) == ("rejected", "Only 4 received")
        note = invoices.invoice_credit(
            actor=supplier.actor,
            invoice=issued,
            lines=[NoteLineInput(1, Decimal(10))],
            reason="Rejected by buyer",
        )
        run_postings()
        issued.refresh_from_db()
        assert (note.number, note.total, issued.amount_open) == (
            f"CN-{TODAY.year}-000001",
            Decimal("113.0000"),
            0,
        )
        assert f.entry_of("customer_credit_note", note) == [
            ("revenue", "100.0000", "0.0000"),
            ("vat_output", "13.0000", "0.0000"),
            ("receivable", "0.0000", "113.0000"),
        ]
        # The credited quantity can be invoiced again.
        again = invoices.invoice_create_from_shipments(actor=supplier.actor, sales_order_id=deal.so.pk)
        assert again.lines.get().quantity == Decimal(10)
    f.deliver()
    with buyer.ctx():
        landed = Invoice.objects.get(kind="credit_note")
        assert (landed.original_id, landed.status, landed.amount_open) == (bill.pk, "paid", 0)
        assert not PostingEvent.objects.filter(kind="supplier_credit_note").exists()
    assert po_kinds(buyer, deal)[-3:] == ["invoiced", "invoice_rejected", "credited"]


def test_a_credit_note_reduces_the_open_amount_on_both_sides(buyer, supplier):
    deal = f.trade(buyer, supplier, quantity="10", price="10.00")
    f.ship(supplier, deal, (1, "10"))
    f.receive(buyer, deal, (1, "10"))
    issued = f.invoice_issued(supplier, deal)
    bill = f.received(buyer, issued)
    with supplier.ctx():
        note = invoices.invoice_credit(
            actor=supplier.actor, invoice=issued, amount=Decimal("20.00"), reason="Damaged packaging"
        )
        issued.refresh_from_db()
        assert (note.total, note.amount_open, issued.amount_open) == (
            Decimal("22.6000"),
            0,
            Decimal("90.4000"),
        )
        with pytest.raises(CreditExceedsInvoice):
            invoices.invoice_credit(
                actor=supplier.actor, invoice=issued, amount=Decimal("81.00"), reason="too much"
            )
    f.deliver()
    with buyer.ctx():
        run_postings()
        bill.refresh_from_db()
        landed = Invoice.objects.get(kind="credit_note")
        assert (bill.amount_open, landed.original_id, landed.amount_open) == (Decimal("90.4000"), bill.pk, 0)
        assert f.entry_of("supplier_credit_note", landed) == [
            ("purchase_variance", "0.0000", "20.0000"),
            ("vat_input", "0.0000", "2.6000"),
            ("payable", "22.6000", "0.0000"),
        ]


# --- issuing -------------------------------------------------------------------------------------------------


def test_never_more_than_shipped_and_drafts_reserve_their_quantity(buyer, supplier):
    deal = f.trade(buyer, supplier, quantity="10")
    with supplier.ctx(), pytest.raises(NothingToInvoice):
        invoices.invoice_create_from_shipments(actor=supplier.actor, sales_order_id=deal.so.pk)
    shipment = f.ship(supplier, deal, (1, "4"))
    with supplier.ctx():
        with pytest.raises(OverInvoiced):
            invoices.invoice_create_from_shipments(
                actor=supplier.actor,
                sales_order_id=deal.so.pk,
                lines=[ShippedLineInput(shipment_id=shipment.pk, line_no=1, quantity=Decimal(5))],
            )
        assert not Invoice.objects.exists()
        part = invoices.invoice_create_from_shipments(
            actor=supplier.actor,
            sales_order_id=deal.so.pk,
            lines=[ShippedLineInput(shipment_id=shipment.pk, line_no=1, quantity=Decimal(3))],
        )
        rest = invoices.invoice_create_from_shipments(actor=supplier.actor, sales_order_id=deal.so.pk)
        assert (part.lines.get().quantity, rest.lines.get().quantity) == (3, 1)
        with pytest.raises(NothingToInvoice):
            invoices.invoice_create_from_shipments(actor=supplier.actor, sales_order_id=deal.so.pk)
        invoices.invoice_cancel(actor=supplier.actor, invoice=rest)
        assert (
            invoices.invoice_create_from_shipments(actor=supplier.actor, sales_order_id=deal.so.pk)
            .lines.get()
            .quantity
            == 1
        )


def manual(actor: Any, **kwargs: Any) -> Invoice:
    kwargs.setdefault(
        "lines",
        [
            LineInput(
                description="Consulting",
                quantity=Decimal("3"),
                unit_price=Decimal("33.335"),
                tax_rate=Decimal("6"),
            )
        ],
    )
    kwargs.setdefault("currency", "CNY")
    return invoices.invoice_create_manual(
        actor=actor, partner_name="Walk-in Trading", partner_tax_id="9131X", **kwargs
    )


def test_numbers_are_gapless_and_a_rolled_back_issue_gives_its_number_back(supplier):
    with supplier.ctx():
        first, second, third = (manual(supplier.actor) for _ in range(3))
        assert (
            invoices.invoice_issue(actor=supplier.actor, invoice=first).number == f"INV-{TODAY.year}-000001"
        )
        with pytest.raises(RuntimeError), transaction.atomic():
            invoices.invoice_issue(actor=supplier.actor, invoice=second)
            raise RuntimeError("the caller fails after issuing")
        second.refresh_from_db()
        assert second.status == "draft" and second.number.startswith("DRAFT-")
        assert (
            invoices.invoice_issue(actor=supplier.actor, invoice=third).number == f"INV-{TODAY.year}-000002"
        )
        assert (
            invoices.invoice_issue(actor=supplier.actor, invoice=second).number == f"INV-{TODAY.year}-000003"
        )
        with pytest.raises(InvoiceNotDraft):
            invoices.invoice_issue(actor=supplier.actor, invoice=second)
        with pytest.raises(InvoiceNotDraft):
            invoices.invoice_cancel(actor=supplier.actor, invoice=second)


def test_vat_is_rounded_per_line_half_up_and_a_special_fapiao_carries_the_buyers_tax_id(supplier):
    with supplier.ctx():
        draft = manual(
            supplier.actor,
            lines=[
                LineInput(
                    description="A",
                    quantity=Decimal("3"),
                    unit_price=Decimal("33.335"),
                    tax_rate=Decimal("6"),
                ),
                LineInput(
                    description="B", quantity=Decimal("1"), unit_price=Decimal("0.25"), tax_rate=Decimal("13")
                ),
            ],
        )
        issued = invoices.invoice_issue(actor=supplier.actor, invoice=draft)
        # 100.005 -> 100.01; 6.0006 -> 6.00; 0.25 * 13 % = 0.0325 -> 0.03
        assert [(x.net_amount, x.tax_amount) for x in issued.lines.order_by("line_no")] == [
            (Decimal("100.0100"), Decimal("6.0000")),
            (Decimal("0.2500"), Decimal("0.0300")),
        ]
        assert (issued.total, issued.fapiao_type, issued.buyer_tax_id) == (
            Decimal("106.2900"),
            "special",
            "9131X",
        )
        assert issued.document_id is None  # a customer outside Hansa gets the PDF


def test_a_foreign_currency_invoice_posts_at_its_rate_with_the_currency_amounts(supplier):
    with supplier.ctx():
        draft = manual(
            supplier.actor,
            currency="USD",
            exchange_rate=Decimal("7.1234"),
            lines=[
                LineInput(
                    description="Bearings",
                    quantity=Decimal("10"),
                    unit_price=Decimal("10"),
                    tax_rate=Decimal("13"),
                )
            ],
        )
        issued = invoices.invoice_issue(actor=supplier.actor, invoice=draft)
        run_postings()
        entry = JournalEntry.objects.get(source_kind="customer_invoice", source_id=str(issued.pk))
        assert [
            (x.account.role, x.debit, x.credit, x.currency, x.amount_currency, x.rate)
            for x in entry.lines.select_related("account").order_by("line_no")
        ] == [
            ("revenue", 0, Decimal("712.3400"), "USD", Decimal("-100.0000"), Decimal("7.12340000")),
            ("vat_output", 0, Decimal("92.6000"), "USD", Decimal("-13.0000"), Decimal("7.12340000")),
            ("receivable", Decimal("804.9400"), 0, "USD", Decimal("113.0000"), Decimal("7.12340000")),
        ]


def test_a_debit_note_is_an_open_item_of_its_own(supplier):
    with supplier.ctx():
        issued = invoices.invoice_issue(actor=supplier.actor, invoice=manual(supplier.actor))
        note = invoices.invoice_credit(
            actor=supplier.actor, invoice=issued, kind="debit_note", amount=Decimal("10.00"), reason="Freight"
        )
        run_postings()
        issued.refresh_from_db()
        assert (note.number, note.total, note.amount_open, issued.amount_open) == (
            f"DN-{TODAY.year}-000001",
            Decimal("10.6000"),
            Decimal("10.6000"),
            issued.total,
        )
        assert f.entry_of("customer_debit_note", note) == [
            ("revenue", "0.0000", "10.0000"),
            ("vat_output", "0.0000", "0.6000"),
            ("receivable", "10.6000", "0.0000"),
        ]


# --- settlement's entry points -------------------------------------------------------------------------------


def test_settlement_takes_the_open_amount_down_and_refuses_more_than_open(supplier):
    with supplier.ctx():
        issued = invoices.invoice_issue(actor=supplier.actor, invoice=manual(supplier.actor))
        total = issued.total
        with transaction.atomic():
            locked = invoices.invoice_lock(issued.pk)
            with pytest.raises(PaymentExceedsOpen):
                invoices.invoice_apply_settlement(invoice=locked, amount=total + Decimal("0.01"))
        issued.refresh_from_db()
        assert (issued.amount_open, issued.amount_paid) == (total, 0)
        with transaction.atomic():
            invoices.invoice_apply_settlement(
                invoice=invoices.invoice_lock(issued.pk), amount=Decimal("6.01")
            )
        with transaction.atomic():
            invoices.invoice_apply_settlement(
                invoice=invoices.invoice_lock(issued.pk), amount=Decimal("100.00")
            )
        issued.refresh_from_db()
        assert (issued.amount_open, issued.amount_paid, issued.status) == (0, total, "paid")
        assert issued.paid_at is not None
        with transaction.atomic(), pytest.raises(InvoiceNotOpen):
            invoices.invoice_apply_settlement(invoice=invoices.invoice_lock(issued.pk), amount=Decimal("1"))


def test_a_draft_is_changed_and_an_issued_invoice_is_not(supplier):
    with supplier.ctx():
        draft = manual(supplier.actor)
        changed = invoices.invoice_update_draft(
            actor=supplier.actor,
            invoice=draft,
            notes="Thanks",
            lines=[
                LineInput(
                    description="Audit", quantity=Decimal(2), unit_price=Decimal(50), tax_rate=Decimal(6)
                )
            ],
        )
        assert (changed.total, changed.notes, InvoiceLine.objects.filter(invoice=draft).count()) == (
            Decimal("106.0000"),
            "Thanks",
            1,
        )
        invoices.invoice_issue(actor=supplier.actor, invoice=changed)
        with pytest.raises(InvoiceNotDraft):
            invoices.invoice_update_draft(actor=supplier.actor, invoice=changed, notes="later")


def test_an_approved_invoice_for_goods_never_received_posts_the_rest_to_expense(buyer, supplier):
    deal = f.trade(buyer, supplier, quantity="10", price="10.00")
    f.ship(supplier, deal, (1, "10"))
    f.receive(buyer, deal, (1, "6"))
    issued = f.invoice_issued(supplier, deal)
    bill = f.received(buyer, issued)
    with buyer.ctx():
        assert bill.lines.get().match["grni_quantity"] == "6.0000"
        invoices.invoice_approve(actor=buyer.actor, invoice=bill, note="The rest is on its way")
        run_postings()
        assert f.entry_of("supplier_invoice", bill) == [
            ("grni", "60.0000", "0.0000"),
            ("admin_expense", "40.0000", "0.0000"),
            ("vat_input", "13.0000", "0.0000"),
            ("payable", "0.0000", "113.0000"),
        ]


def test_a_debit_note_lands_open_and_settling_shows_paid_on_both_timelines(buyer, supplier):
    deal = f.trade(buyer, supplier, quantity="10", price="10.00")
    f.ship(supplier, deal, (1, "10"))
    f.receive(buyer, deal, (1, "10"))
    issued = f.invoice_issued(supplier, deal)
    bill = f.received(buyer, issued)
    with supplier.ctx():
        invoices.invoice_credit(
            actor=supplier.actor, invoice=issued, kind="debit_note", amount=Decimal("10.00"), reason="Freight"
        )
    f.deliver()
    with buyer.ctx():
        run_postings()
        landed = Invoice.objects.get(kind="debit_note")
        assert (landed.status, landed.amount_open, landed.original_id) == (
            "open",
            Decimal("11.3000"),
            bill.pk,
        )
        assert f.entry_of("supplier_debit_note", landed) == [
            ("purchase_variance", "10.0000", "0.0000"),
            ("vat_input", "1.3000", "0.0000"),
            ("payable", "0.0000", "11.3000"),
        ]
        with transaction.atomic():
            invoices.invoice_apply_settlement(invoice=invoices.invoice_lock(bill.pk), amount=bill.total)
    assert po_kinds(buyer, deal)[-2:] == ["debited", "paid"]
    with supplier.ctx():
        with transaction.atomic():
            invoices.invoice_apply_settlement(invoice=invoices.invoice_lock(issued.pk), amount=issued.total)
        kinds = [event.kind for event in sales_order_timeline(order_id=deal.so.pk)]
        assert [k for k in kinds if k in ("invoiced", "debited", "paid")] == ["invoiced", "debited", "paid"]


def test_invoice_payload_schemas_are_strict():
    from marketplace.exchange.schemas import payload_errors

    line = {
        "line_no": 1,
        "order_line_no": 1,
        "description": "Bearing",
        "quantity": "10",
        "unit_price": "10",
        "tax_rate": "13",
        "net_amount": "100.00",
        "tax_amount": "13.00",
    }
    invoice = {
        "invoice_number": "INV-2026-000001",
        "po_number": "PO-1",
        "issue_date": "2026-06-01",
        "currency": "CNY",
        "lines": [line],
        "total_net": "100.00",
        "total_tax": "13.00",
        "total": "113.00",
    }
    normalised, errors = payload_errors("invoice", invoice)
    assert errors is None and normalised is not None and normalised["fapiao_type"] == ""
    assert payload_errors("invoice", {**invoice, "total": "114.00"})[1] == {
        "total": ["The total must be net plus tax."]
    }
    assert "surprise" in payload_errors("invoice", {**invoice, "surprise": 1})[1]
    assert "original_document_id" in payload_errors("credit_note", invoice)[1]
    assert "reason" in payload_errors("invoice_response", {"invoice_number": "X", "action": "reject"})[1]
