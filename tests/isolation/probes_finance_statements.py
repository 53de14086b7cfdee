"""Isolation probes of the statements and reports (tenants.finance.api.statements).

They read the books that ``probes_finance_books.seed`` gives each side: its marker account and entry
(posted today) and a period whose id is spread per schema, so the other side's ids do not exist here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.isolation.probes_finance_books import SeededProbe, seed
from tests.isolation.world import Probe

TODAY = date.today()


def _period(s: Any) -> str:
    return f"period_id={seed(s)['close_id']}"


def _account(s: Any) -> str:
    return f"account_id={seed(s)['account_id']}&date_from={TODAY.replace(day=1)}&date_to={TODAY}"


P = "/api/finance/statements"

TENANT_PROBES: dict[str, Probe] = {
    "finance_statements_trial_balance": SeededProbe("GET", f"{P}/trial-balance/", query=_period),
    "finance_statements_balance_sheet": SeededProbe("GET", f"{P}/balance-sheet/", query=_period),
    "finance_statements_income_statement": SeededProbe("GET", f"{P}/income-statement/", query=_period),
    "finance_statements_cash_flow": SeededProbe("GET", f"{P}/cash-flow/", query=_period),
    "finance_statements_vat_summary": SeededProbe("GET", f"{P}/vat-summary/", query=_period),
    "finance_statements_aging": SeededProbe("GET", f"{P}/aging/"),
    "finance_statements_general_ledger": SeededProbe("GET", f"{P}/general-ledger/", query=_account),
    "finance_statements_general_ledger_lines": SeededProbe(
        "GET", f"{P}/general-ledger/lines/", query=_account, lists=True
    ),
    "finance_statements_drilldown": SeededProbe(
        "GET",
        f"{P}/drilldown/",
        query=lambda s: f"account_ids={seed(s)['account_id']}&date_to={TODAY}",
        lists=True,
    ),
    "finance_statements_export": SeededProbe(
        "GET", f"{P}/export/", query=lambda s: f"report=balance_sheet&{_period(s)}"
    ),
}
