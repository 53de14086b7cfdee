"""Routes of settlement on a company's host (included by tenants.finance.urls)."""

from django.urls import path

from tenants.finance.api import settlement as api

tenant_patterns = [
    path("api/finance/payment-terms/", api.PaymentTermListView.as_view(), name="finance-payment-terms"),
    path("api/finance/bank-accounts/", api.BankAccountListView.as_view(), name="finance-bank-accounts"),
    path("api/finance/payments/", api.PaymentListView.as_view(), name="finance-payments"),
    path("api/finance/payments/<int:payment_id>/", api.PaymentDetailView.as_view(), name="finance-payment"),
    path("api/finance/open-items/", api.OpenItemListView.as_view(), name="finance-open-items"),
    path("api/finance/bank-statements/", api.StatementListView.as_view(), name="finance-bank-statements"),
    path(
        "api/finance/bank-statements/<int:statement_id>/lines/",
        api.StatementLineListView.as_view(),
        name="finance-bank-statement-lines",
    ),
    path(
        "api/finance/bank-statement-lines/<int:statement_line_id>/matches/",
        api.StatementLineMatchView.as_view(),
        name="finance-bank-statement-line-matches",
    ),
    path(
        "api/finance/bank-statement-lines/<int:statement_line_id>/confirm/",
        api.StatementLineConfirmView.as_view(),
        name="finance-bank-statement-line-confirm",
    ),
    path(
        "api/finance/online-payments/", api.OnlinePaymentCreateView.as_view(), name="finance-online-payments"
    ),
    path(
        "api/finance/online-payments/webhook/",
        api.OnlinePaymentWebhookView.as_view(),
        name="finance-online-payment-webhook",
    ),
    path("api/finance/bills/", api.BillListView.as_view(), name="finance-bills"),
    path("api/finance/bills/<int:bill_id>/", api.BillDetailView.as_view(), name="finance-bill"),
    path("api/finance/bills/<int:bill_id>/pdf/", api.BillPdfView.as_view(), name="finance-bill-pdf"),
    *[
        path(f"api/finance/bills/<int:bill_id>/{action}/", view.as_view(), name=f"finance-bill-{action}")
        for action, view in api.BILL_STEP_VIEWS.items()
    ],
]
