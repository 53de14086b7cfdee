"""Bank-statement CSV import (layout, Chinese headers, errors per row with nothing written, re-import
deduplicated), matching lines to open invoices, confirming a line as a payment; online payment webhooks."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.test import override_settings

from kernel.tenancy import company_context
from tenants.finance.exceptions import (
    OnlinePaymentUnavailable,
    PaymentExceedsOpen,
    StatementLineNotOpen,
    StatementMalformed,
    WebhookSignatureInvalid,
)
from tenants.finance.gateways import FakeGateway
from tenants.finance.models import BankStatement, BankStatementLine, JournalEntry, Payment
from tenants.finance.services.bank_statements import statement_import, statement_line_confirm, statement_match
from tenants.finance.services.online_payments import online_payment_start, online_payment_webhook
from tenants.finance.services.settlement import bank_account_create
from tenants.finance.tests.factories import actor_for, run_postings
from tenants.finance.tests.settlement_factories import invoice_make, lines_of

pytestmark = pytest.mark.django_db

D = Decimal

CSV = (
    "date,amount,currency,counterparty,reference\n"
    "2026-11-02,1130.00,CNY,Buyer Co,Payment INV-2026-000007\n"
    "2026-11-03,-500.00,CNY,Supplier Ltd,Wire\n"
    '2026-11-03,"2,000.50",CNY,Someone,\n'
)


@pytest.fixture
def co(make_company) -> Any:
    result = make_company(plan="business")
    with company_context(result.company):
        yield result


@pytest.fixture
def bank(co) -> Any:
    return bank_account_create(
        actor=actor_for(co), name="ICBC", currency="CNY", account_number="6222000011112222"
    )


def imp(co: Any, bank: Any, text: str, encoding: str = "utf-8") -> BankStatement:
    return statement_import(
        actor=actor_for(co), bank_account=bank, file=io.BytesIO(text.encode(encoding)), filename="s.csv"
    )


def test_import_reads_the_documented_layout(co, bank) -> None:
    statement = imp(co, bank, CSV)
    assert (statement.line_count, statement.duplicate_count) == (3, 0)
    rows = list(
        statement.lines.values_list("line_no", "date", "amount", "counterparty", "reference", "status")
    )
    assert rows == [
        (1, date(2026, 11, 2), D("1130.0000"), "Buyer Co", "Payment INV-2026-000007", "unmatched"),
        (2, date(2026, 11, 3), D("-500.0000"), "Supplier Ltd", "Wire", "unmatched"),
        (3, date(2026, 11, 3), D("2000.5000"), "Someone", "", "unmatched"),
    ]


def test_import_accepts_chinese_bank_headers_in_gb18030(co, bank) -> None:
    text = "交易日期,对方户名,金额,摘要,币种\n20261105,上海某某有限公司,88.80,货款,人民币\n"
    statement = imp(co, bank, text, encoding="gb18030")
    line = statement.lines.get()
    assert (line.date, line.amount, line.counterparty, line.reference, line.currency) == (
        date(2026, 11, 5),
        D("88.8000"),
        "上海某某有限公司",
        "货款",
        "CNY",
    )


def test_reimport_skips_lines_already_imported_but_keeps_repeated_lines(co, bank) -> None:
    imp(co, bank, CSV)
    again = imp(co, bank, CSV + "2026-11-03,-500.00,CNY,Supplier Ltd,Wire\n")
    assert (again.line_count, again.duplicate_count) == (1, 3)
    assert BankStatementLine.objects.count() == 4


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        ("when,how much\n2026-01-01,1\n", {"columns": ["Missing column: date, amount."]}),
        (
            "date,amount,currency\n2026-13-01,1.00,CNY\n2026-01-01,abc,CNY\n2026-01-02,0,CNY\n2026-01-03,1.001,CNY\n"
            "2026-01-04,5,USD\n",
            {
                "row 2.date": ["Use a date YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD."],
                "row 3.amount": ["Enter a non-zero amount with at most 2 decimals."],
                "row 4.amount": ["Enter a non-zero amount with at most 2 decimals."],
                "row 5.amount": ["Enter a non-zero amount with at most 2 decimals."],
                "row 6.currency": ["The bank account is in CNY, not USD."],
            },
        ),
        ("", {"file": ["The file is empty."]}),
        ("date,amount\n", {"file": ["The file has no lines."]}),
    ],
)
def test_malformed_files_are_refused_with_errors_nothing_written(co, bank, text, errors) -> None:
    with pytest.raises(StatementMalformed) as caught:
        imp(co, bank, text)
    assert caught.value.errors == errors
    assert (BankStatement.objects.count(), BankStatementLine.objects.count()) == (0, 0)


def test_match_suggests_number_in_reference_then_partner_then_number_alone(co, bank) -> None:
    by_number = invoice_make(direction="out", total="1130.00", number="INV-2026-000007", partner_name="X")
    by_partner = invoice_make(direction="out", total="1130.00", partner_name="Buyer Co")
    partial = invoice_make(direction="out", total="50.00", partner_number="INV-2026-000007", partner_name="Z")
    invoice_make(direction="out", total="1130.00", partner_name="Unrelated")
    invoice_make(direction="in", total="1130.00", partner_name="Buyer Co")
    line = imp(co, bank, CSV).lines.get(line_no=1)
    assert [(m.invoice.pk, m.rank, m.reason) for m in statement_match(line=line)] == [
        (by_number.pk, 1, "amount_and_number"),
        (by_partner.pk, 2, "amount_and_partner"),
        (partial.pk, 3, "number"),
    ]


def test_confirm_records_the_payment_once(co, bank) -> None:
    invoice = invoice_make(direction="in", total="800.00", partner_name="Supplier Ltd")
    line = imp(co, bank, CSV).lines.get(line_no=2)
    payment = statement_line_confirm(actor=actor_for(co), line=line, invoice_ids=[invoice.pk])
    line.refresh_from_db()
    invoice.refresh_from_db()
    assert (line.status, line.payment_id, line.invoice_id) == ("confirmed", payment.pk, invoice.pk)
    assert (payment.direction, payment.source, payment.amount, payment.bank_account_id) == (
        "out",
        "statement",
        D("500.0000"),
        bank.pk,
    )
    assert (invoice.amount_open, invoice.status) == (D("300.00"), "open")
    run_postings()
    assert lines_of(JournalEntry.objects.get(source_kind="payment_made")) == [
        ("bank", "0.0000", "500.0000", "supplier_payments"),
        ("payable", "500.0000", "0.0000", ""),
    ]
    with pytest.raises(StatementLineNotOpen):
        statement_line_confirm(actor=actor_for(co), line=line, invoice_ids=[invoice.pk])
    assert Payment.objects.count() == 1


def test_confirm_more_than_open_is_refused_nothing_written(co, bank) -> None:
    invoice = invoice_make(direction="out", total="1000.00")
    line = imp(co, bank, CSV).lines.get(line_no=1)
    with pytest.raises(PaymentExceedsOpen):
        statement_line_confirm(actor=actor_for(co), line=line, invoice_ids=[invoice.pk])
    line.refresh_from_db()
    invoice.refresh_from_db()
    assert (line.status, invoice.amount_open, Payment.objects.count()) == ("unmatched", D("1000.00"), 0)


# --- online payment ---------------------------------------------------------------------------------------


def test_offline_gateway_has_no_online_payment(co) -> None:
    invoice = invoice_make(direction="out", total="10.00")
    with pytest.raises(OnlinePaymentUnavailable):
        online_payment_start(actor=actor_for(co), invoice=invoice)


@override_settings(HANSA_FINANCE_GATEWAY="fake")
def test_signed_webhook_records_the_payment_once(co) -> None:
    invoice = invoice_make(direction="out", total="250.00")
    checkout = online_payment_start(actor=actor_for(co), invoice=invoice)
    assert checkout.checkout_url.endswith(checkout.intent_id)
    body = FakeGateway.event_body(
        event_id="evt_1", intent_id=checkout.intent_id, amount=D("250.00"), currency="CNY"
    )
    payment = online_payment_webhook(body=body, signature=FakeGateway.sign(body))
    again = online_payment_webhook(body=body, signature=FakeGateway.sign(body))
    invoice.refresh_from_db()
    checkout.refresh_from_db()
    assert again.pk == payment.pk and Payment.objects.count() == 1
    assert (invoice.status, checkout.status, payment.method, payment.gateway_event_id) == (
        "paid",
        "succeeded",
        "online",
        "evt_1",
    )
    run_postings()
    assert lines_of(JournalEntry.objects.get(source_kind="payment_received")) == [
        ("bank", "250.0000", "0.0000", "customer_receipts"),
        ("receivable", "0.0000", "250.0000", ""),
    ]


@override_settings(HANSA_FINANCE_GATEWAY="fake")
def test_wrong_or_stale_signature_is_refused_nothing_written(co) -> None:
    invoice = invoice_make(direction="out", total="250.00")
    checkout = online_payment_start(actor=actor_for(co), invoice=invoice)
    body = FakeGateway.event_body(
        event_id="evt_2", intent_id=checkout.intent_id, amount=D("250.00"), currency="CNY"
    )
    for signature in ("", FakeGateway.sign(body + b" "), FakeGateway.sign(body, at=1_000_000)):
        with pytest.raises(WebhookSignatureInvalid):
            online_payment_webhook(body=body, signature=signature)
    assert Payment.objects.count() == 0
