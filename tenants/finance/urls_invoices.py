"""Routes of invoices on a company's host (included by tenants.finance.urls)."""

from django.urls import path

from tenants.finance.api import invoices

tenant_patterns = [
    path("api/finance/invoices/", invoices.InvoiceListView.as_view(), name="finance-invoices"),
    path(
        "api/finance/invoices/from-shipments/",
        invoices.InvoiceFromShipmentsView.as_view(),
        name="finance-invoices-from-shipments",
    ),
    path(
        "api/finance/invoices/<int:invoice_id>/", invoices.InvoiceDetailView.as_view(), name="finance-invoice"
    ),
    path(
        "api/finance/invoices/<int:invoice_id>/issue/",
        invoices.InvoiceIssueView.as_view(),
        name="finance-invoice-issue",
    ),
    path(
        "api/finance/invoices/<int:invoice_id>/cancel/",
        invoices.InvoiceCancelView.as_view(),
        name="finance-invoice-cancel",
    ),
    path(
        "api/finance/invoices/<int:invoice_id>/credit/",
        invoices.InvoiceCreditView.as_view(),
        name="finance-invoice-credit",
    ),
    path(
        "api/finance/invoices/<int:invoice_id>/approve/",
        invoices.InvoiceApproveView.as_view(),
        name="finance-invoice-approve",
    ),
    path(
        "api/finance/invoices/<int:invoice_id>/reject/",
        invoices.InvoiceRejectView.as_view(),
        name="finance-invoice-reject",
    ),
    path(
        "api/finance/invoices/<int:invoice_id>/match/",
        invoices.InvoiceMatchView.as_view(),
        name="finance-invoice-match",
    ),
    path(
        "api/finance/invoices/<int:invoice_id>/pdf/",
        invoices.InvoicePdfView.as_view(),
        name="finance-invoice-pdf",
    ),
    path(
        "api/finance/sales-orders/<int:sales_order_id>/invoiceable/",
        invoices.InvoiceableLinesView.as_view(),
        name="finance-invoiceable-lines",
    ),
]
