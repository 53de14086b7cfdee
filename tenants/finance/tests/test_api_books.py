"""The books through the API: manual entries, the plan's finance feature, permissions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kernel.tenancy import company_context
from tenants.finance.models import Account, JournalEntry

pytestmark = pytest.mark.django_db


def _ids(company: Any) -> tuple[int, int]:
    with company_context(company):
        return Account.objects.get(role="bank").pk, Account.objects.get(role="share_capital").pk


def _entry(bank: int, capital: int, credit: str = "300.00") -> dict[str, Any]:
    return {
        "date": date.today().isoformat(),
        "description": "Capital paid in",
        "lines": [
            {"account_id": bank, "debit": "300.00", "cash_flow_tag": "capital_contributions"},
            {"account_id": capital, "credit": credit},
        ],
    }


def test_a_manual_entry_posts_and_reads_back(make_company: Any, signed_in: Any) -> None:
    result = make_company(plan="business")
    client = signed_in(result.user, result.company)
    bank, capital = _ids(result.company)
    response = client.post_json("/api/finance/entries/", _entry(bank, capital))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"] == f"GJ-{date.today().year}-000001"
    assert [(x["account"]["id"], x["debit"], x["credit"]) for x in body["lines"]] == [
        (bank, "300.00", "0.00"),
        (capital, "0.00", "300.00"),
    ]
    assert body["lines"][0]["cash_flow_tag"] == "capital_contributions"
    listed = client.get(f"/api/finance/entries/?account_id={bank}").json()
    assert [row["id"] for row in listed["results"]] == [body["id"]]


def test_an_unbalanced_manual_entry_is_a_problem_and_writes_nothing(
    make_company: Any, signed_in: Any
) -> None:
    result = make_company(plan="business")
    client = signed_in(result.user, result.company)
    bank, capital = _ids(result.company)
    response = client.post_json("/api/finance/entries/", _entry(bank, capital, credit="299.99"))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "entry_unbalanced"
    with company_context(result.company):
        assert JournalEntry.objects.count() == 0


def test_a_line_with_both_sides_is_a_field_error(make_company: Any, signed_in: Any) -> None:
    result = make_company(plan="business")
    client = signed_in(result.user, result.company)
    bank, capital = _ids(result.company)
    body = _entry(bank, capital)
    body["lines"][0]["credit"] = "1.00"
    response = client.post_json("/api/finance/entries/", body)
    assert response.status_code == 400
    assert "lines.0.debit" in response.json()["errors"]


def test_the_books_need_the_plans_finance_feature(make_company: Any, signed_in: Any) -> None:
    result = make_company(plan="growth")
    client = signed_in(result.user, result.company)
    response = client.get("/api/finance/accounts/")
    assert response.status_code == 403
    assert response.json()["code"] == "feature_not_in_plan"
