"""Routes of the statements and reports (included by tenants.finance.urls)."""

from django.urls import path

from tenants.finance.api import statements as views

P = "api/finance/statements"

tenant_patterns = [
    path(f"{P}/trial-balance/", views.TrialBalanceView.as_view(), name="finance-trial-balance"),
    path(f"{P}/general-ledger/", views.GeneralLedgerView.as_view(), name="finance-general-ledger"),
    path(
        f"{P}/general-ledger/lines/",
        views.GeneralLedgerLinesView.as_view(),
        name="finance-general-ledger-lines",
    ),
    path(f"{P}/balance-sheet/", views.BalanceSheetView.as_view(), name="finance-balance-sheet"),
    path(f"{P}/income-statement/", views.IncomeStatementView.as_view(), name="finance-income-statement"),
    path(f"{P}/cash-flow/", views.CashFlowView.as_view(), name="finance-cash-flow"),
    path(f"{P}/aging/", views.AgingView.as_view(), name="finance-aging"),
    path(f"{P}/vat-summary/", views.VatSummaryView.as_view(), name="finance-vat-summary"),
    path(f"{P}/drilldown/", views.DrilldownView.as_view(), name="finance-statements-drilldown"),
    path(f"{P}/export/", views.ExportView.as_view(), name="finance-statements-export"),
]
