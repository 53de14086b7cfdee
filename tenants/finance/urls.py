"""Routes of finance on a company's host (included by hansa.urls_tenant)."""

from django.urls import path

from tenants.finance import urls_cost, urls_invoices, urls_settlement, urls_statements
from tenants.finance.api import books

tenant_patterns = [
    path("api/finance/settings/", books.FinanceSettingsView.as_view(), name="finance-settings"),
    path("api/finance/accounts/", books.AccountListView.as_view(), name="finance-accounts"),
    path("api/finance/accounts/<int:account_id>/", books.AccountDetailView.as_view(), name="finance-account"),
    path("api/finance/periods/", books.PeriodListView.as_view(), name="finance-periods"),
    path(
        "api/finance/periods/<int:period_id>/close/",
        books.PeriodCloseView.as_view(),
        name="finance-period-close",
    ),
    path(
        "api/finance/periods/<int:period_id>/reopen/",
        books.PeriodReopenView.as_view(),
        name="finance-period-reopen",
    ),
    path("api/finance/fiscal-years/", books.FiscalYearCreateView.as_view(), name="finance-fiscal-years"),
    path("api/finance/journals/", books.JournalListView.as_view(), name="finance-journals"),
    path("api/finance/projects/", books.ProjectListView.as_view(), name="finance-projects"),
    path("api/finance/entries/", books.EntryListView.as_view(), name="finance-entries"),
    path("api/finance/entries/<int:entry_id>/", books.EntryDetailView.as_view(), name="finance-entry"),
    path(
        "api/finance/entries/<int:entry_id>/reverse/",
        books.EntryReverseView.as_view(),
        name="finance-entry-reverse",
    ),
    path("api/finance/posting-rules/", books.PostingRuleListView.as_view(), name="finance-posting-rules"),
    path(
        "api/finance/posting-rules/<int:posting_rule_id>/",
        books.PostingRuleDetailView.as_view(),
        name="finance-posting-rule",
    ),
    path("api/finance/posting-events/", books.PostingEventListView.as_view(), name="finance-posting-events"),
    path(
        "api/finance/posting-events/<int:posting_event_id>/retry/",
        books.PostingEventRetryView.as_view(),
        name="finance-posting-event-retry",
    ),
    *urls_invoices.tenant_patterns,
    *urls_settlement.tenant_patterns,
    *urls_cost.tenant_patterns,
    *urls_statements.tenant_patterns,
]
