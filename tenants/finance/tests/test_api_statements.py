"""The statements through the API: every report, drill-down to the entries, the XLSX export, errors."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest

from kernel.tenancy import company_context
from tenants.finance.models import Account
from tenants.finance.tests.test_statements import FEB, JAN, YEAR, post_two_months

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(make_company: Any, signed_in: Any) -> Any:
    result = make_company(plan="business")
    with company_context(result.company):
        post_two_months()
    client = signed_in(result.user, result.company)
    client.company = result.company
    return client


def _ids(client: Any, *roles: str) -> list[int]:
    with company_context(client.company):
        return [Account.objects.get(role=role).pk for role in roles]


def _rows(body: dict[str, Any]) -> dict[str, Any]:
    return {row["key"]: row for row in body["rows"]}


def test_balance_sheet_with_comparative_in_english(client: Any) -> None:
    response = client.get(
        f"/api/finance/statements/balance-sheet/?date_from={FEB}&date_to={FEB}"
        f"&compare_date_from={JAN}&compare_date_to={JAN}&lang=en"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["title"], body["currency"], body["period"]["label"]) == (
        "Balance sheet",
        "CNY",
        f"{YEAR}-02",
    )
    rows = _rows(body)
    assert rows["total_assets"]["period_amount"] == "124000.00"
    assert rows["total_assets"]["compare_amount"] == "124100.00"
    assert rows["total_liabilities_and_equity"]["period_amount"] == "124000.00"
    cash = rows["cash_and_equivalents"]
    assert (cash["label"], cash["label_zh"]) == ("Cash and cash equivalents", "货币资金")
    assert set(_ids(client, "cash", "bank")) <= set(cash["drill"]["account_ids"])
    assert cash["drill"]["date_to"] == str(date(YEAR, 3, 1) - timedelta(days=1))


def test_income_statement_cash_flow_and_trial_balance(client: Any) -> None:
    q = f"date_from={JAN}&date_to={FEB}"
    income = _rows(client.get(f"/api/finance/statements/income-statement/?{q}").json())
    assert (income["net_profit"]["period_amount"], income["net_profit"]["label"]) == ("20700.00", "净利润")
    flow = client.get(f"/api/finance/statements/cash-flow/?{q}").json()
    assert (flow["opening_cash"], flow["closing_cash"], flow["net_change"]) == (
        "0.00",
        "110700.00",
        "110700.00",
    )
    tag = _rows(flow)["customer_receipts"]
    assert tag["period_amount"] == "22600.00" and tag["drill"]["cash_flow_tag"] == "customer_receipts"
    assert flow["indirect"][-1]["period_amount"] == "110700.00"
    tb = client.get(f"/api/finance/statements/trial-balance/?{q}&compare_period_id=").json()
    assert tb["balanced"] is True and tb["totals"]["debit"] == tb["totals"]["credit"] == "189600.00"
    assert tb["compare"] is None


def test_general_ledger_header_and_lines_with_running_balance(client: Any) -> None:
    (bank,) = _ids(client, "bank")
    q = f"account_id={bank}&date_from={YEAR}-02-01&date_to={YEAR}-02-28"
    header = client.get(f"/api/finance/statements/general-ledger/?{q}").json()
    assert (
        header["opening"],
        header["debit"],
        header["credit"],
        header["closing"],
        header["line_count"],
    ) == (
        "98500.00",
        "22600.00",
        "11600.00",
        "109500.00",
        3,
    )
    page = client.get(f"/api/finance/statements/general-ledger/lines/?{q}&page_size=2&page=2").json()
    assert page["count"] == 3
    assert [(x["description"], x["balance"]) for x in page["results"]] == [
        ("petty cash and bank charge", "109500.00")
    ]


def test_drilldown_lists_the_entries_behind_a_figure(client: Any) -> None:
    cash, bank = _ids(client, "cash", "bank")
    response = client.get(
        f"/api/finance/statements/drilldown/?account_ids={cash},{bank}&cash_flow_tag=customer_receipts"
        f"&date_from={JAN}&date_to={YEAR}-02-28"
    )
    assert response.status_code == 200
    assert [e["description"] for e in response.json()["results"]] == ["receipt"]
    everything = client.get(
        f"/api/finance/statements/drilldown/?account_ids={bank}&date_to={YEAR}-01-31"
    ).json()
    assert [e["description"] for e in everything["results"]] == ["cash drawn", "office rent", "capital"]
    missing = client.get(f"/api/finance/statements/drilldown/?account_ids={bank},999999999")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_aging_and_vat_summary_of_books_without_invoices(client: Any) -> None:
    aging = client.get(f"/api/finance/statements/aging/?direction=in&as_of={FEB}").json()
    assert aging["rows"] == [] and aging["totals"]["total"] == "0.00"
    assert [b["key"] for b in aging["buckets"]] == [
        "current",
        "days_1_30",
        "days_31_60",
        "days_61_90",
        "days_over_90",
    ]
    vat = client.get(f"/api/finance/statements/vat-summary/?date_from={JAN}&date_to={FEB}").json()
    assert (vat["ledger_output_amount"], vat["ledger_input_amount"], vat["payable_amount"]) == (
        "3900.00",
        "1300.00",
        "0.00",
    )


def test_export_xlsx_has_a_sheet_per_statement_with_numbers(client: Any) -> None:
    from openpyxl import load_workbook

    response = client.get(f"/api/finance/statements/export/?report=all&date_from={JAN}&date_to={FEB}&lang=en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Trial balance",
        "Balance sheet",
        "Income statement",
        "Cash-flow statement",
        "Receivables aging",
        "Payables aging",
        "VAT summary",
    ]
    sheet = book["Income statement"]
    assert sheet["A1"].value == "利润表 Income statement"
    net = next(row for row in sheet.iter_rows() if row[0].value == "Net profit")
    assert net[1].value == 20700 and net[1].number_format.startswith("#,##0.00")
    assert net[0].font.bold


def test_bad_parameters_are_problems(client: Any) -> None:
    assert client.get("/api/finance/statements/balance-sheet/?lang=fr").json()["code"] == "validation_error"
    reversed_range = client.get(f"/api/finance/statements/income-statement/?date_from={FEB}&date_to={JAN}")
    assert reversed_range.status_code == 400 and "date_to" in reversed_range.json()["errors"]
    assert client.get("/api/finance/statements/general-ledger/").status_code == 400
    assert client.get("/api/finance/statements/general-ledger/?account_id=999999999").status_code == 404
    assert client.get("/api/finance/statements/trial-balance/?period_id=999999999").status_code == 404
    assert client.get("/api/finance/statements/export/?report=nope").status_code == 400


def test_statements_need_the_finance_feature_and_permission(make_company: Any, signed_in: Any) -> None:
    result = make_company(plan="growth")
    response = signed_in(result.user, result.company).get("/api/finance/statements/balance-sheet/")
    assert response.status_code == 403 and response.json()["code"] == "feature_not_in_plan"


def test_export_pdf_of_one_statement(client: Any) -> None:
    response = client.get(
        f"/api/finance/statements/export/?report=balance_sheet&file_format=pdf&date_from={FEB}&date_to={FEB}"
        f"&compare_date_from={JAN}&compare_date_to={JAN}"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"] == f'attachment; filename="balance_sheet-{YEAR}-02.pdf"'
    wide = client.get("/api/finance/statements/export/?report=trial_balance&file_format=pdf&lang=en")
    assert wide.status_code == 200 and wide.content.startswith(b"%PDF-")
    everything = client.get("/api/finance/statements/export/?report=all&file_format=pdf")
    assert everything.status_code == 400 and "report" in everything.json()["errors"]


def test_aging_rows_carry_buckets_and_invoices(client: Any) -> None:
    from datetime import timedelta

    from tenants.finance.tests.test_statements import _invoice

    as_of = date(YEAR, 3, 31)
    with company_context(client.company):
        invoice = _invoice("out", "INV-9", date(YEAR, 1, 10), as_of - timedelta(days=40), "1000")
    body = client.get(f"/api/finance/statements/aging/?as_of={as_of}").json()
    (row,) = body["rows"]
    assert (row["partner_name"], row["days_31_60_amount"], row["current_amount"], row["total"]) == (
        "Buyer Co",
        "1130.00",
        "0.00",
        "1130.00",
    )
    assert [(i["id"], i["number"], i["days_overdue"], i["bucket"]) for i in row["items"]] == [
        (invoice.pk, "INV-9", 40, "days_31_60")
    ]
    assert body["totals"]["days_31_60_amount"] == body["totals"]["total"] == "1130.00"
