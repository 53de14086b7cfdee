"""Statements and reports of the books (read only): trial balance, general ledger, balance sheet, income
statement, cash-flow statement, AR/AP aging, VAT summary, their exports, and whether they tie."""

from tenants.finance.reports.financial import (
    CashFlow,
    Statement,
    StatementRow,
    balance_sheet,
    cash_flow,
    income_statement,
)
from tenants.finance.reports.ledger import Drill, TrialBalance, general_ledger, trial_balance
from tenants.finance.reports.openitems import Aging, VatSummary, aging, vat_summary
from tenants.finance.reports.ranges import DateRange, range_resolve
from tenants.finance.reports.ties import statements_tie

__all__ = [
    "Aging",
    "CashFlow",
    "DateRange",
    "Drill",
    "Statement",
    "StatementRow",
    "TrialBalance",
    "VatSummary",
    "aging",
    "balance_sheet",
    "cash_flow",
    "general_ledger",
    "income_statement",
    "range_resolve",
    "statements_tie",
    "trial_balance",
    "vat_summary",
]
