"""Settlement: payment terms, bank accounts, payments allocated to invoices (short payment, discount,
write-off, exchange difference), what is refused with nothing written, and the exact postings."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from identity.models import AuditEntry
from kernel.errors import ValidationFailed
from kernel.tenancy import company_context
from tenants.finance.exceptions import (
    DiscountNotAllowed,
    InvoiceNotSettleable,
    PaymentExceedsOpen,
    PaymentTermCodeTaken,
)
from tenants.finance.models import (
    BankAccount,
    Invoice,
    JournalEntry,
    Payment,
    PaymentAllocation,
    PaymentTerm,
    PostingEvent,
)
from tenants.finance.services.settlement import (
    AllocationIn,
    TermsDue,
    bank_account_create,
    payment_record,
    payment_term_create,
    payment_terms_due,
)
from tenants.finance.tests.factories import account, actor_for, run_postings
from tenants.finance.tests.settlement_factories import invoice_make, lines_of

pytestmark = pytest.mark.django_db

D = Decimal
TODAY = date.today()


def term(**kw: Any) -> PaymentTerm:
    values = {"code": "x", "name_zh": "x", "name_en": "x", "days": 30, "end_of_month": False}
    values.update(kw)
    return PaymentTerm(**values)


# --- payment terms -----------------------------------------------------------------------------------------


def test_terms_due_without_terms_is_thirty_days_no_discount() -> None:
    assert payment_terms_due(terms=None, issue_date=date(2026, 1, 15)) == TermsDue(
        date(2026, 2, 14), None, D(0)
    )


def test_terms_due_net_days_from_issue() -> None:
    assert payment_terms_due(terms=term(days=60), issue_date=date(2026, 1, 15)).due_date == date(2026, 3, 16)
    assert payment_terms_due(terms=term(days=0), issue_date=date(2026, 1, 15)).due_date == date(2026, 1, 15)


@pytest.mark.parametrize(
    ("issue", "due"),
    [
        (date(2026, 1, 1), date(2026, 3, 2)),  # end of January + 30
        (date(2026, 1, 31), date(2026, 3, 2)),  # the last day counts from the same month end
        (date(2026, 2, 10), date(2026, 3, 30)),  # February: 28 days
        (date(2028, 2, 10), date(2028, 3, 30)),  # leap February: 29 days
        (date(2026, 12, 5), date(2027, 1, 30)),  # across the year
    ],
)
def test_terms_due_end_of_month(issue: date, due: date) -> None:
    assert payment_terms_due(terms=term(days=30, end_of_month=True), issue_date=issue).due_date == due


def test_terms_due_discount_window() -> None:
    two_ten = term(days=30, discount_percent=D("2"), discount_days=10)
    assert payment_terms_due(terms=two_ten, issue_date=date(2026, 1, 15)) == TermsDue(
        date(2026, 2, 14), date(2026, 1, 25), D("2")
    )
    # A window longer than the terms ends at the due date.
    long = term(days=5, discount_percent=D("1"), discount_days=10)
    assert payment_terms_due(terms=long, issue_date=date(2026, 1, 15)).discount_date == date(2026, 1, 20)


def test_default_terms_are_seeded(make_company) -> None:
    result = make_company(plan="business")
    with company_context(result.company):
        rows = {
            t.code: (t.name_zh, t.name_en, t.days, t.end_of_month, t.discount_percent, t.discount_days)
            for t in PaymentTerm.objects.all()
        }
    assert rows == {
        "due_on_receipt": ("立即付款", "Due on receipt", 0, False, D("0.000"), 0),
        "net30": ("30天付款", "Net 30", 30, False, D("0.000"), 0),
        "net60": ("60天付款", "Net 60", 60, False, D("0.000"), 0),
        "eom30": ("月结30天", "EOM 30", 30, True, D("0.000"), 0),
        "2_10_net30": ("2/10 净30天", "2/10 Net 30", 30, False, D("2.000"), 10),
    }


def test_payment_term_create_and_refusals(make_company) -> None:
    result = make_company(plan="business")
    actor = actor_for(result)
    with company_context(result.company):
        created = payment_term_create(
            actor=actor,
            code="1_15_net45",
            name_zh="",
            name_en="1/15 Net 45",
            days=45,
            discount_percent=D("1"),
            discount_days=15,
        )
        assert (created.name_zh, created.days) == ("1/15 Net 45", 45)
        with pytest.raises(PaymentTermCodeTaken):
            payment_term_create(actor=actor, code="net30", name_zh="x", name_en="x", days=30)
        with pytest.raises(ValidationFailed) as caught:
            payment_term_create(
                actor=actor, code="bad", name_zh="x", name_en="x", days=30, discount_percent=D(2)
            )
        assert caught.value.errors == {
            "discount_days": ["A discount needs both a percent and a number of days."]
        }
        assert not PaymentTerm.objects.filter(code="bad").exists()


# --- bank accounts -----------------------------------------------------------------------------------------


def test_bank_account_number_is_encrypted_and_posts_to_bank(make_company) -> None:
    from django.db import connection

    result = make_company(plan="business")
    with company_context(result.company):
        row = bank_account_create(
            actor=actor_for(result),
            name="ICBC basic",
            bank="ICBC",
            account_number="6222 0000 1234 5678",
            currency="CNY",
        )
        assert (row.account.role, row.number_last4) == ("bank", "5678")
        assert BankAccount.objects.get(pk=row.pk).account_number == "6222000012345678"
        with connection.cursor() as cursor:
            cursor.execute("SELECT account_number FROM finance_bankaccount WHERE id = %s", [row.pk])
            stored = cursor.fetchone()[0]
        assert "12345678" not in stored
        with pytest.raises(ValidationFailed):
            bank_account_create(actor=actor_for(result), name="x", currency="CNY", account=account("revenue"))


# --- payments ----------------------------------------------------------------------------------------------


@pytest.fixture
def books(make_company) -> Any:
    result = make_company(plan="business")
    with company_context(result.company):
        yield result


def _pay(result: Any, direction: str, invoice: Invoice, amount: str, **kw: Any) -> Payment:
    allocation = AllocationIn(
        invoice_id=invoice.pk,
        amount=D(amount),
        discount=D(kw.pop("discount", "0")),
        writeoff=D(kw.pop("writeoff", "0")),
    )
    return payment_record(
        actor=actor_for(result),
        direction=direction,
        amount=D(amount),
        currency=kw.pop("currency", "CNY"),
        day=kw.pop("day", TODAY),
        allocations=[allocation],
        **kw,
    )


def _entry(payment: Payment) -> JournalEntry:
    run_postings()
    return JournalEntry.objects.get(source_kind=payment.posting_event.kind, source_id=str(payment.pk))


def test_full_receipt_closes_the_invoice_and_posts_bank_to_receivable(books) -> None:
    invoice = invoice_make(direction="out", total="1130.00", partner_name="Buyer Co")
    payment = _pay(books, "in", invoice, "1130.00", reference="INV-1")
    invoice.refresh_from_db()
    assert (invoice.status, invoice.amount_open, invoice.amount_paid) == ("paid", D("0"), D("1130.00"))
    assert invoice.paid_at is not None
    assert payment.number == f"REC-{TODAY.year}-000001"
    entry = _entry(payment)
    assert entry.journal.code == "BNK"
    assert lines_of(entry) == [
        ("bank", "1130.0000", "0.0000", "customer_receipts"),
        ("receivable", "0.0000", "1130.0000", ""),
    ]
    assert set(entry.lines.values_list("partner_name", flat=True)) == {"Buyer Co"}
    assert AuditEntry.objects.filter(action="finance.payment.receive", target_id=str(payment.pk)).count() == 1


def test_short_payment_leaves_the_rest_open(books) -> None:
    invoice = invoice_make(direction="out", total="1000.00")
    payment = _pay(books, "in", invoice, "600.00")
    invoice.refresh_from_db()
    assert (invoice.status, invoice.amount_open, invoice.amount_paid) == ("open", D("400.00"), D("600.00"))
    assert PaymentAllocation.objects.get(payment=payment).open_after == D("400.00")
    second = _pay(books, "in", invoice, "400.00")
    invoice.refresh_from_db()
    assert (invoice.status, invoice.amount_open) == ("paid", D("0"))
    assert second.number == f"REC-{TODAY.year}-000002"


def test_discount_within_window_closes_the_invoice_with_finance_expense(books) -> None:
    invoice = invoice_make(
        direction="out", total="1000.00", payment_terms="2_10_net30", issue_date=TODAY - timedelta(days=5)
    )
    payment = _pay(books, "in", invoice, "980.00", discount="20.00")
    invoice.refresh_from_db()
    assert (invoice.status, invoice.amount_open, invoice.amount_paid) == ("paid", D("0"), D("1000.00"))
    assert (payment.discount_total, payment.amount) == (D("20.00"), D("980.00"))
    assert lines_of(_entry(payment)) == [
        ("bank", "980.0000", "0.0000", "customer_receipts"),
        ("receivable", "0.0000", "1000.0000", ""),
        ("finance_expense", "20.0000", "0.0000", ""),
    ]


def test_discount_made_to_a_supplier_is_credited_to_finance_expense(books) -> None:
    invoice = invoice_make(direction="in", total="500.00", payment_terms="2/10 Net 30")
    payment = _pay(books, "out", invoice, "490.00", discount="10.00")
    assert payment.number == f"PAY-{TODAY.year}-000001"
    assert lines_of(_entry(payment)) == [
        ("bank", "0.0000", "490.0000", "supplier_payments"),
        ("payable", "500.0000", "0.0000", ""),
        ("finance_expense", "0.0000", "10.0000", ""),
    ]


@pytest.mark.parametrize(
    ("terms", "issued_days_ago", "discount"),
    [
        ("2_10_net30", 11, "20.00"),  # after the window
        ("2_10_net30", 2, "20.01"),  # more than 2 %
        ("net30", 0, "1.00"),  # no discount in the terms
        ("", 0, "1.00"),  # no terms
    ],
)
def test_discount_outside_terms_is_refused_nothing_written(books, terms, issued_days_ago, discount) -> None:
    invoice = invoice_make(
        direction="out",
        total="1000.00",
        payment_terms=terms,
        issue_date=TODAY - timedelta(days=issued_days_ago),
    )
    with pytest.raises(DiscountNotAllowed):
        _pay(books, "in", invoice, "900.00", discount=discount)
    invoice.refresh_from_db()
    assert (invoice.amount_open, Payment.objects.count(), PostingEvent.objects.count()) == (
        D("1000.00"),
        0,
        0,
    )


def test_payment_exceeding_open_is_refused_nothing_written(books) -> None:
    invoice = invoice_make(direction="out", total="100.00")
    with pytest.raises(PaymentExceedsOpen) as caught:
        _pay(books, "in", invoice, "100.01")
    assert caught.value.code == "payment_exceeds_open" and caught.value.status == 409
    invoice.refresh_from_db()
    assert (invoice.amount_open, invoice.status) == (D("100.00"), "open")
    assert (Payment.objects.count(), PaymentAllocation.objects.count(), PostingEvent.objects.count()) == (
        0,
        0,
        0,
    )


def test_wrong_direction_or_state_or_currency_is_refused(books) -> None:
    received = invoice_make(direction="in", total="100.00")
    with pytest.raises(InvoiceNotSettleable):
        _pay(books, "in", received, "10.00")
    paid = invoice_make(direction="out", total="100.00", number="INV-PAID")
    Invoice.objects.filter(pk=paid.pk).update(status="paid", amount_open=0, amount_paid=100)
    with pytest.raises(InvoiceNotSettleable):
        _pay(books, "in", paid, "10.00")
    usd = invoice_make(direction="out", total="100.00", currency="USD", rate="7.1")
    with pytest.raises(InvoiceNotSettleable):
        _pay(books, "in", usd, "10.00")
    assert Payment.objects.count() == 0


def test_bad_amounts_are_field_errors(books) -> None:
    a = invoice_make(direction="out", total="100.00", partner_name="A")
    b = invoice_make(direction="out", total="100.00", partner_name="B")
    actor = actor_for(books)
    with pytest.raises(ValidationFailed) as caught:
        payment_record(
            actor=actor,
            direction="in",
            amount=D("50"),
            currency="CNY",
            day=TODAY,
            allocations=[AllocationIn(a.pk, D("40"))],
        )
    assert caught.value.errors == {"amount": ["The amount must equal the sum of the allocated amounts."]}
    with pytest.raises(ValidationFailed) as caught:
        payment_record(
            actor=actor,
            direction="in",
            amount=D("20"),
            currency="CNY",
            day=TODAY,
            allocations=[AllocationIn(a.pk, D("10")), AllocationIn(b.pk, D("10"))],
        )
    assert caught.value.errors == {"allocations": ["All invoices must be of the same partner."]}
    with pytest.raises(ValidationFailed) as caught:
        payment_record(
            actor=actor,
            direction="in",
            amount=D("10"),
            currency="USD",
            day=TODAY,
            allocations=[AllocationIn(a.pk, D("10"))],
        )
    assert caught.value.errors == {"rate": ["Give the exchange rate of USD to CNY."]}
    usd_bank = bank_account_create(actor=actor, name="USD", currency="USD", account=account("cash"))
    with pytest.raises(ValidationFailed) as caught:
        _pay(books, "in", a, "10.00", bank_account=usd_bank)
    assert caught.value.errors == {"bank_account_id": ["Choose an active CNY bank account."]}
    assert Payment.objects.count() == 0


def test_one_payment_settles_several_invoices_with_a_writeoff(books) -> None:
    a = invoice_make(direction="in", total="300.00")
    b = invoice_make(direction="in", total="200.00")
    payment = payment_record(
        actor=actor_for(books),
        direction="out",
        amount=D("499.50"),
        currency="CNY",
        day=TODAY,
        allocations=[AllocationIn(b.pk, D("199.50"), writeoff=D("0.50")), AllocationIn(a.pk, D("300.00"))],
        reference="batch",
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status, payment.writeoff_total) == ("paid", "paid", D("0.50"))
    assert lines_of(_entry(payment)) == [
        ("bank", "0.0000", "499.5000", "supplier_payments"),
        ("payable", "200.0000", "0.0000", ""),
        ("finance_expense", "0.0000", "0.5000", ""),
        ("payable", "300.0000", "0.0000", ""),
    ]


def test_foreign_currency_rate_difference_goes_to_fx(books) -> None:
    invoice = invoice_make(direction="out", total="100.00", currency="USD", rate="7.00")
    payment = _pay(books, "in", invoice, "100.00", currency="USD", rate=D("7.20"))
    entry = _entry(payment)
    assert lines_of(entry) == [
        ("bank", "720.0000", "0.0000", "customer_receipts"),
        ("receivable", "0.0000", "700.0000", ""),
        ("fx_gain_loss", "0.0000", "20.0000", ""),
    ]
    bank, receivable = entry.lines.order_by("line_no")[:2]
    assert (bank.currency, bank.amount_currency, bank.rate) == ("USD", D("100.0000"), D("7.20000000"))
    assert (receivable.currency, receivable.amount_currency, receivable.rate) == (
        "USD",
        D("-100.0000"),
        D("7.00000000"),
    )
    supplier = invoice_make(direction="in", total="50.00", currency="USD", rate="7.00")
    loss = _pay(books, "out", supplier, "50.00", currency="USD", rate=D("7.10"))
    assert lines_of(_entry(loss)) == [
        ("bank", "0.0000", "355.0000", "supplier_payments"),
        ("payable", "350.0000", "0.0000", ""),
        ("fx_gain_loss", "5.0000", "0.0000", ""),
    ]


def test_payment_to_a_named_bank_account_posts_to_its_ledger_account(books) -> None:
    cash = account("cash")
    till = bank_account_create(actor=actor_for(books), name="Petty cash", currency="CNY", account=cash)
    invoice = invoice_make(direction="out", total="10.00")
    payment = _pay(books, "in", invoice, "10.00", bank_account=till, method="cash")
    assert lines_of(_entry(payment))[0] == ("cash", "10.0000", "0.0000", "customer_receipts")


def test_viewer_may_not_record_a_payment(books, make_company) -> None:
    from identity.access import Actor
    from identity.roles import permissions_for

    invoice = invoice_make(direction="out", total="10.00")
    owner = actor_for(books)
    viewer = Actor(company=owner.company, permissions=frozenset(permissions_for(["admin"])), user=owner.user)
    from identity.exceptions import PermissionMissing

    with pytest.raises(PermissionMissing):
        payment_record(
            actor=viewer,
            direction="in",
            amount=D("10"),
            currency="CNY",
            day=TODAY,
            allocations=[AllocationIn(invoice.pk, D("10"))],
        )
    assert Payment.objects.count() == 0
