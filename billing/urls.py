"""Routes of billing (included by hansa.urls_tenant and hansa.urls_public)."""

from django.urls import path

from billing import api_invoices

# A company's host: its own subscription and invoices (billing.manage).
tenant_patterns = [
    path("api/billing/invoices/", api_invoices.InvoiceListView.as_view(), name="billing-invoices"),
    path(
        "api/billing/invoices/<int:invoice_id>/",
        api_invoices.InvoiceDetailView.as_view(),
        name="billing-invoice",
    ),
    path(
        "api/billing/invoices/<int:invoice_id>/pdf/",
        api_invoices.InvoicePdfView.as_view(),
        name="billing-invoice-pdf",
    ),
]

# The public host: operators (console) and gateway webhooks.
public_patterns = [
    path("api/console/invoices/", api_invoices.ConsoleInvoiceListView.as_view(), name="console-invoices"),
    path(
        "api/console/invoices/<int:invoice_id>/",
        api_invoices.ConsoleInvoiceDetailView.as_view(),
        name="console-invoice",
    ),
    path(
        "api/console/invoices/<int:invoice_id>/pdf/",
        api_invoices.ConsoleInvoicePdfView.as_view(),
        name="console-invoice-pdf",
    ),
    path(
        "api/console/invoices/<int:invoice_id>/payments/",
        api_invoices.ConsoleInvoicePaymentView.as_view(),
        name="console-invoice-payments",
    ),
    path(
        "api/console/invoices/<int:invoice_id>/void/",
        api_invoices.ConsoleInvoiceVoidView.as_view(),
        name="console-invoice-void",
    ),
]
