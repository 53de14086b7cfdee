"""Settlement across companies and threads: 20 payments of one invoice at once never over-pay; a buyer's
payment of a Hansa supplier's invoice closes the supplier's invoice too (remittance advice), once."""

from __future__ import annotations

import threading
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from kernel.tenancy import company_context
from marketplace.exchange.models import TradeDocument
from marketplace.exchange.services import deliver_pending, document_ingest
from tenants.finance.exceptions import PaymentExceedsOpen
from tenants.finance.models import Invoice, JournalEntry, Payment, PaymentAllocation
from tenants.finance.services.settlement import AllocationIn, payment_record
from tenants.finance.tests.factories import actor_for, run_postings
from tenants.finance.tests.settlement_factories import invoice_make, lines_of

D = Decimal
TODAY = date.today()


@pytest.mark.django_db(transaction=True)
def test_twenty_threads_paying_one_invoice_never_over_pay(make_company: Any) -> None:
    result = make_company(plan="business")
    actor = actor_for(result)
    with company_context(result.company):
        invoice = invoice_make(direction="out", total="1000.00")
    barrier = threading.Barrier(20)
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def pay() -> None:
        try:
            with company_context(result.company):
                barrier.wait()
                try:
                    payment_record(
                        actor=actor,
                        direction="in",
                        amount=D("150.00"),
                        currency="CNY",
                        day=TODAY,
                        allocations=[AllocationIn(invoice.pk, D("150.00"))],
                    )
                    outcomes.append("paid")
                except PaymentExceedsOpen:
                    outcomes.append("refused")
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=pay) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(outcomes) == ["paid"] * 6 + ["refused"] * 14
    with company_context(result.company):
        invoice.refresh_from_db()
        assert (invoice.amount_open, invoice.amount_paid, invoice.status) == (
            D("100.00"),
            D("900.00"),
            "open",
        )
        assert Payment.objects.count() == 6
        assert sum(PaymentAllocation.objects.values_list("amount", flat=True)) == D("900.00")


def _invoice_pair(supplier: Any, buyer: Any, total: str, **kw: Any) -> tuple[Invoice, Invoice, uuid.UUID]:
    """The supplier's issued invoice and the buyer's received one, linked by the invoice document."""
    document = TradeDocument.objects.create(
        kind="invoice",
        sender=supplier.company,
        receiver=buyer.company,
        payload={},
        validated=True,
        state="delivered",
    )
    with company_context(supplier.company):
        issued = invoice_make(
            direction="out",
            total=total,
            partner_company_id=buyer.company.pk,
            partner_name=buyer.company.name,
            document_id=document.pk,
            number=f"INV-S-{document.pk.hex[:6]}",
            **kw,
        )
    with company_context(buyer.company):
        received = invoice_make(
            direction="in",
            total=total,
            partner_company_id=supplier.company.pk,
            partner_name=supplier.company.name,
            document_id=document.pk,
            partner_number=issued.number,
            **kw,
        )
    return issued, received, document.pk


@pytest.mark.django_db
def test_buyer_payment_closes_the_suppliers_invoice_with_the_discount_shown(make_company: Any) -> None:
    supplier, buyer = make_company(plan="business"), make_company(plan="business")
    issued, received, _ = _invoice_pair(supplier, buyer, "1000.00", payment_terms="2_10_net30")
    with company_context(buyer.company):
        payment = payment_record(
            actor=actor_for(buyer),
            direction="out",
            amount=D("980.00"),
            currency="CNY",
            day=TODAY,
            allocations=[AllocationIn(received.pk, D("980.00"), discount=D("20.00"))],
            reference="wire 77",
        )
        assert payment.document_id is not None
    advice = TradeDocument.objects.get(pk=payment.document_id)
    assert (advice.kind, advice.refers_to_id, advice.receiver_id) == (
        "remittance_advice",
        received.document_id,
        supplier.company.pk,
    )
    assert advice.payload["invoices"] == [
        {
            "invoice_document_id": str(received.document_id),
            "invoice_number": issued.number,
            "amount": "980.00",
            "discount": "20.00",
            "writeoff": "0.00",
        }
    ]
    deliver_pending()
    with company_context(supplier.company):
        issued.refresh_from_db()
        assert (issued.status, issued.amount_open, issued.amount_paid) == ("paid", D("0"), D("1000.00"))
        theirs = Payment.objects.get(document_id=advice.pk)
        assert (theirs.direction, theirs.source, theirs.amount, theirs.discount_total) == (
            "in",
            "remittance",
            D("980.00"),
            D("20.00"),
        )
        allocation = theirs.allocations.get()
        assert (allocation.invoice_id, allocation.discount_taken, allocation.open_after) == (
            issued.pk,
            D("20.00"),
            D("0"),
        )
        run_postings()
        entry = JournalEntry.objects.get(source_kind="payment_received", source_id=str(theirs.pk))
        assert lines_of(entry) == [
            ("bank", "980.0000", "0.0000", "customer_receipts"),
            ("receivable", "0.0000", "1000.0000", ""),
            ("finance_expense", "20.0000", "0.0000", ""),
        ]
    from notifications.models import Notification

    told = Notification.objects.filter(company_id=supplier.company.pk, kind="finance.remittance_received")
    assert [(n.user_id, n.payload["title"]) for n in told] == [
        (supplier.user.pk, f"{issued.number}: 980.00 CNY")
    ]
    # Redelivery changes nothing.
    with company_context(supplier.company):
        assert document_ingest(document_id=advice.pk) == "duplicate"
        assert Payment.objects.count() == 1


@pytest.mark.django_db
def test_short_payment_leaves_both_invoices_open_with_the_same_rest(make_company: Any) -> None:
    supplier, buyer = make_company(plan="business"), make_company(plan="business")
    issued, received, _ = _invoice_pair(supplier, buyer, "500.00")
    with company_context(buyer.company):
        payment_record(
            actor=actor_for(buyer),
            direction="out",
            amount=D("300.00"),
            currency="CNY",
            day=TODAY,
            allocations=[AllocationIn(received.pk, D("300.00"))],
        )
        received.refresh_from_db()
    deliver_pending()
    with company_context(supplier.company):
        issued.refresh_from_db()
    assert (received.status, received.amount_open) == ("open", D("200.00"))
    assert (issued.status, issued.amount_open) == ("open", D("200.00"))


@pytest.mark.django_db
def test_payment_of_an_invoice_from_outside_hansa_sends_nothing(make_company: Any) -> None:
    buyer = make_company(plan="business")
    with company_context(buyer.company):
        received = invoice_make(direction="in", total="10.00", partner_name="Offline supplier")
        payment = payment_record(
            actor=actor_for(buyer),
            direction="out",
            amount=D("10.00"),
            currency="CNY",
            day=TODAY,
            allocations=[AllocationIn(received.pk, D("10.00"))],
        )
    assert payment.document_id is None
    assert not TradeDocument.objects.filter(kind="remittance_advice").exists()
