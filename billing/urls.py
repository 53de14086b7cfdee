"""Routes of billing: ``tenant_patterns`` on a company's host, ``public_patterns`` on the public host."""

from django.urls import path

from billing import api_invoices, api_stripe

tenant_patterns = [
    path("api/billing/checkout/", api_stripe.CheckoutView.as_view(), name="billing-checkout"),
    path("api/billing/portal/", api_stripe.PortalView.as_view(), name="billing-portal"),
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

public_patterns = [
    path(
        "api/billing/stripe/webhook/", api_stripe.StripeWebhookView.as_view(), name="billing-stripe-webhook"
    ),
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
