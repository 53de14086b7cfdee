"""Statements over hand-posted books (two months of sales, purchases, payments and expenses): exact figures
of every report, and the ties (trial balance balanced, assets = liabilities + equity, cash flow = change
of cash)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from kernel.tenancy import company_context
from tenants.finance.models import Account, AccountBalance, Invoice, InvoiceLine
from tenants.finance.reports import (
    aging,
    balance_sheet,
    cash_flow,
    general_ledger,
    income_statement,
    range_resolve,
    statements_tie,
    trial_balance,
    vat_summary,
)
from tenants.finance.services.posting import Leg, entry_post
from tenants.finance.tests.factories import account

pytestmark = pytest.mark.django_db

YEAR = date.today().year - 1
JAN, FEB = date(YEAR, 1, 1), date(YEAR, 2, 1)
D = Decimal


def _post(day: date, description: str, *legs: tuple[str, str, str] | tuple[str, str]) -> None:
    entry_post(
        legs=[
            Leg(amount=D(leg[1]), role=leg[0], cash_flow_tag=leg[2] if len(leg) > 2 else "") for leg in legs
        ],
        day=day,
        description=description,
    )


def post_two_months() -> None:
    """January: capital paid in, a purchase and a sale on credit, cost of the goods sold, an expense paid,
    cash drawn from the bank. February: the customer pays, the supplier is paid, an accrued expense, a
    second sale, and one bank payment that is partly a transfer to cash and partly a bank charge."""
    _post(
        date(YEAR, 1, 2), "capital", ("bank", "100000", "capital_contributions"), ("share_capital", "-100000")
    )
    _post(date(YEAR, 1, 5), "purchase", ("inventory", "10000"), ("vat_input", "1300"), ("payable", "-11300"))
    _post(date(YEAR, 1, 10), "sale", ("receivable", "22600"), ("revenue", "-20000"), ("vat_output", "-2600"))
    _post(date(YEAR, 1, 10), "cost of sale", ("cogs", "8000"), ("inventory", "-8000"))
    _post(date(YEAR, 1, 20), "office rent", ("admin_expense", "500"), ("bank", "-500"))
    _post(date(YEAR, 1, 25), "cash drawn", ("cash", "1000"), ("bank", "-1000"))
    _post(date(YEAR, 2, 3), "receipt", ("bank", "22600", "customer_receipts"), ("receivable", "-22600"))
    _post(date(YEAR, 2, 4), "payment", ("payable", "11300"), ("bank", "-11300", "supplier_payments"))
    _post(date(YEAR, 2, 10), "freight accrued", ("selling_expense", "700"), ("other_payable", "-700"))
    _post(
        date(YEAR, 2, 12), "sale 2", ("receivable", "11300"), ("revenue", "-10000"), ("vat_output", "-1300")
    )
    _post(
        date(YEAR, 2, 20),
        "petty cash and bank charge",
        ("cash", "200"),
        ("finance_expense", "100"),
        ("bank", "-300", "other_operating_payments"),
    )


@pytest.fixture
def books(make_company: Any) -> Any:
    result = make_company(plan="business")
    with company_context(result.company):
        post_two_months()
        yield result


def _rows(statement: Any) -> dict[str, tuple[Decimal | None, Decimal | None]]:
    return {row.key: (row.amount, row.compare_amount) for row in statement.rows if row.kind != "heading"}


def test_a_range_is_widened_to_whole_periods(books: Any) -> None:
    span = range_resolve(date_from=date(YEAR, 1, 15), date_to=date(YEAR, 2, 3))
    assert (span.date_from, span.date_to, span.label) == (
        JAN,
        date(YEAR, 2, 28 if YEAR % 4 else 29),
        f"{YEAR}-01 to {YEAR}-02",
    )


def test_trial_balance_reads_the_balances_and_balances(
    books: Any, django_assert_max_num_queries: Any
) -> None:
    span = range_resolve(date_from=FEB, date_to=FEB)
    with django_assert_max_num_queries(5):
        tb = trial_balance(span=span)
    assert tb.balanced
    t = tb.totals
    assert (t.opening_debit, t.opening_credit) == (D("133900"), D("133900"))
    assert (t.debit, t.credit) == (D("46200"), D("46200"))
    assert (t.closing_debit, t.closing_credit) == (D("134600"), D("134600"))
    bank = next(r for r in tb.rows if r.account_id == account("bank").pk)
    assert (bank.opening_debit, bank.debit, bank.credit, bank.closing_debit) == (
        D("98500"),
        D("22600"),
        D("11600"),
        D("109500"),
    )
    # a parent sums its children: 应交税费 (2221) holds input and output VAT
    taxes = next(r for r in tb.rows if r.code == "2221")
    assert (taxes.is_postable, taxes.opening_credit, taxes.credit, taxes.closing_credit) == (
        False,
        D("1300"),
        D("1300"),
        D("2600"),
    )
    assert {account("vat_input").pk, account("vat_output").pk} <= set(taxes.drill.account_ids)
    assert taxes.code not in {a.code for a in Account.objects.filter(pk__in=taxes.drill.account_ids)}
    compared = trial_balance(span=span, compare=range_resolve(date_from=JAN, date_to=JAN))
    assert compared.compare is not None and compared.compare.totals.debit == D("143400")


def test_balance_sheet_balances_with_the_profit_not_yet_closed_on_equity(books: Any) -> None:
    feb = range_resolve(date_from=FEB, date_to=FEB)
    jan = range_resolve(date_from=JAN, date_to=JAN)
    rows = _rows(balance_sheet(span=feb, compare=jan))
    assert rows["cash_and_equivalents"] == (D("110700"), D("99500"))
    assert rows["trade_receivables"] == (D("11300"), D("22600"))
    assert rows["inventories"] == (D("2000"), D("2000"))
    assert rows["total_assets"] == (D("124000"), D("124100"))
    assert rows["trade_payables"] == (D("0"), D("11300"))
    assert rows["taxes_payable"] == (D("2600"), D("1300"))  # output VAT less input VAT
    assert rows["other_payables"] == (D("700"), D("0"))
    assert rows["total_liabilities"] == (D("3300"), D("12600"))
    assert rows["paid_in_capital"] == (D("100000"), D("100000"))
    assert rows["current_year_profit"] == (D("20700"), D("11500"))
    assert rows["total_equity"] == (D("120700"), D("111500"))
    assert rows["total_liabilities_and_equity"] == (D("124000"), D("124100"))


def test_profit_of_an_earlier_year_not_closed_is_retained_earnings(books: Any) -> None:
    _post(date(YEAR + 1, 1, 5), "sale next year", ("bank", "50", "customer_receipts"), ("revenue", "-50"))
    rows = _rows(
        balance_sheet(span=range_resolve(date_from=date(YEAR + 1, 1, 1), date_to=date(YEAR + 1, 1, 31)))
    )
    assert rows["retained_earnings"][0] == D("20700")
    assert rows["current_year_profit"][0] == D("50")
    assert rows["total_assets"] == rows["total_liabilities_and_equity"]


def test_income_statement(books: Any) -> None:
    span = range_resolve(date_from=JAN, date_to=FEB)
    rows = _rows(income_statement(span=span, compare=range_resolve(date_from=JAN, date_to=JAN)))
    assert rows["revenue"] == (D("30000"), D("20000"))
    assert rows["cost_of_sales"] == (D("8000"), D("8000"))
    assert rows["gross_profit"] == (D("22000"), D("12000"))
    assert rows["selling_expenses"] == (D("700"), D("0"))
    assert rows["admin_expenses"] == (D("500"), D("500"))
    assert rows["finance_costs"] == (D("100"), D("0"))
    assert rows["operating_profit"] == (D("20700"), D("11500"))
    assert rows["profit_before_tax"] == (D("20700"), D("11500"))
    assert rows["net_profit"] == (D("20700"), D("11500"))


def test_cash_flow_direct_and_indirect(books: Any) -> None:
    feb = range_resolve(date_from=FEB, date_to=FEB)
    flow = cash_flow(span=feb, compare=range_resolve(date_from=JAN, date_to=JAN))
    rows = _rows(flow.statement)
    assert rows["customer_receipts"] == (D("22600"), D("0"))
    assert rows["supplier_payments"] == (D("11300"), D("0"))
    # January: the rent paid (untagged) and February: the bank charge (the transfer to cash is no flow)
    assert rows["other_operating_payments"] == (D("100"), D("500"))
    assert rows["net_operating"] == (D("11200"), D("-500"))
    assert rows["capital_contributions"] == (D("0"), D("100000"))
    assert rows["net_financing"] == (D("0"), D("100000"))
    assert rows["net_change"] == (D("11200"), D("99500"))
    assert rows["opening_cash"] == (D("99500"), D("0"))
    assert rows["closing_cash"] == (D("110700"), D("99500"))
    indirect = {r.key: r.amount for r in flow.indirect}
    assert indirect == {
        "net_profit": D("9200"),
        "change_trade_receivables": D("11300"),
        "change_trade_payables": D("-11300"),
        "change_taxes_payable": D("1300"),
        "change_other_payables": D("700"),
        "operating_before_other": D("11200"),
        "operating_difference": D("0"),
        "net_change": D("11200"),
    }
    january = {r.key: r.amount for r in cash_flow(span=range_resolve(date_from=JAN, date_to=JAN)).indirect}
    assert january["change_paid_in_capital"] == D("100000")
    assert january["operating_before_other"] == D("-500")
    assert january["net_change"] == D("99500")


def test_general_ledger_has_a_running_balance(books: Any) -> None:
    header, lines = general_ledger(
        account=account("bank"), date_from=date(YEAR, 1, 15), date_to=date(YEAR, 2, 28)
    )
    assert (header.opening, header.debit, header.credit, header.closing) == (
        D("100000"),
        D("22600"),
        D("13100"),
        D("109500"),
    )
    assert [(line.entry.description, header.opening + line.running) for line in lines] == [
        ("office rent", D("99500")),
        ("cash drawn", D("98500")),
        ("receipt", D("121100")),
        ("payment", D("109800")),
        ("petty cash and bank charge", D("109500")),
    ]
    assert next(iter(lines[3:4])).running == D("9800")  # a page keeps the running balance of the whole range


def _invoice(
    direction: str, number: str, issued: date, due: date, net: str, *, open_: str | None = None, **kw: Any
) -> Invoice:
    tax = (D(net) * D("0.13")).quantize(D("0.01"))
    total = D(net) + tax
    invoice = Invoice.objects.create(
        direction=direction,
        number=number,
        status=kw.pop("status", "open"),
        partner_name=kw.pop("partner", "Buyer Co"),
        issue_date=issued,
        due_date=due,
        currency=kw.pop("currency", "CNY"),
        exchange_rate=kw.pop("rate", D(1)),
        total_net=D(net),
        total_tax=tax,
        total=total,
        amount_open=D(open_) if open_ is not None else total,
        **kw,
    )
    InvoiceLine.objects.create(
        invoice=invoice, line_no=1, description="goods", quantity=D(1), unit_price=D(net), tax_rate=D(13),
        net_amount=D(net), tax_amount=tax,
    )  # fmt: skip
    return invoice


def test_aging_buckets_open_invoices_by_partner(books: Any) -> None:
    as_of = date(YEAR, 3, 31)
    _invoice("out", "INV-1", date(YEAR, 1, 10), as_of + timedelta(days=5), "10000")  # not yet due
    _invoice("out", "INV-2", date(YEAR, 1, 1), as_of - timedelta(days=45), "1000", open_="500")
    _invoice("out", "INV-3", date(YEAR, 1, 1), as_of - timedelta(days=120), "100", partner="Other Co")
    _invoice("out", "INV-4", date(YEAR, 1, 1), as_of - timedelta(days=10), "100", status="paid", open_="0")
    _invoice("out", "INV-5", date(YEAR, 4, 1), as_of + timedelta(days=30), "100")  # issued after as_of
    _invoice(
        "out", "USD-1", date(YEAR, 3, 1), as_of - timedelta(days=1), "100", currency="USD", rate=D("7.1")
    )
    _invoice("in", "AP-1", date(YEAR, 1, 5), as_of - timedelta(days=75), "10000", partner="Supplier Co")
    receivables = aging(direction="out", as_of=as_of)
    rows = {r.partner_name: r for r in receivables.rows}
    assert rows["Buyer Co"].buckets == {
        "current": D("11300.00"),
        "days_1_30": D("802.30"),  # 113 USD at 7.1
        "days_31_60": D("500.00"),
        "days_61_90": D("0"),
        "days_over_90": D("0"),
    }
    assert rows["Other Co"].buckets["days_over_90"] == D("113.00")
    assert receivables.total == D("12715.30")
    assert [r.partner_name for r in receivables.rows] == ["Buyer Co", "Other Co"]
    assert [i.number for i in rows["Buyer Co"].items] == ["INV-2", "USD-1", "INV-1"]
    payables = aging(direction="in", as_of=as_of)
    assert payables.totals["days_61_90"] == D("11300.00") and payables.total == D("11300.00")


def test_vat_summary_per_month_and_rate(books: Any) -> None:
    _invoice("out", "INV-1", date(YEAR, 1, 10), date(YEAR, 2, 10), "20000")
    _invoice("out", "INV-2", date(YEAR, 2, 12), date(YEAR, 3, 12), "10000", status="paid", open_="0")
    _invoice("out", "INV-X", date(YEAR, 2, 12), date(YEAR, 3, 12), "999", status="cancelled")
    _invoice("in", "AP-1", date(YEAR, 1, 5), date(YEAR, 2, 5), "10000", partner="Supplier Co")
    summary = vat_summary(span=range_resolve(date_from=JAN, date_to=FEB))
    assert [(r.month, r.rate, r.output_tax, r.input_tax) for r in summary.rows] == [
        (f"{YEAR}-01", D("13"), D("2600.00"), D("1300.00")),
        (f"{YEAR}-02", D("13"), D("1300.00"), D("0")),
    ]
    assert (summary.output_tax, summary.input_tax, summary.payable) == (
        D("3900.00"),
        D("1300.00"),
        D("2600.00"),
    )
    assert (summary.ledger_output, summary.ledger_input) == (D("3900"), D("1300"))


def test_the_statements_tie(books: Any) -> None:
    assert statements_tie(date_from=JAN, date_to=FEB) == []
    assert statements_tie(date_from=FEB, date_to=FEB) == []


def test_a_wrong_balance_is_reported(books: Any) -> None:
    # a balance row changed behind the posting service's back (the tie check must see it)
    row = AccountBalance.objects.filter(account=account("bank")).order_by("period__start").last()
    assert row is not None
    AccountBalance.objects.filter(pk=row.pk).update(debit=row.debit + 1)
    problems = statements_tie(date_from=FEB, date_to=FEB)
    assert any(p.startswith("trial balance: period debits 46201") for p in problems), problems
    assert any(p.startswith("balance sheet: assets 124001") for p in problems), problems


def test_reports_of_empty_books(make_company: Any) -> None:
    result = make_company(plan="business")
    with company_context(result.company):
        span = range_resolve(date_from=JAN, date_to=FEB)
        assert trial_balance(span=span).rows == []
        assert _rows(balance_sheet(span=span))["total_assets"] == (D(0), None)
        assert statements_tie(date_from=JAN, date_to=FEB) == []
