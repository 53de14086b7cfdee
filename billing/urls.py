"""Routes of billing: ``tenant_patterns`` on a company's host, ``public_patterns`` on the public host
(included by hansa.urls_tenant and hansa.urls_public)."""

from django.urls import path

from billing import api, api_invoices, api_stripe

tenant_patterns = [
    path("api/billing/", api.OverviewView.as_view(), name="billing"),
    path("api/billing/plans/", api.PlanListView.as_view(), name="billing-plans"),
    path("api/billing/usage/", api.UsageView.as_view(), name="billing-usage"),
    path("api/billing/usage/history/", api.UsageHistoryView.as_view(), name="billing-usage-history"),
    path(
        "api/billing/subscription/change-plan/",
        api.ChangePlanView.as_view(),
        name="billing-change-plan",
    ),
    path("api/billing/subscription/convert/", api.ConvertView.as_view(), name="billing-convert"),
    path("api/billing/subscription/cancel/", api.CancelView.as_view(), name="billing-cancel"),
    path("api/billing/subscription/resume/", api.ResumeView.as_view(), name="billing-resume"),
    path(
        "api/billing/subscription/events/",
        api.SubscriptionEventListView.as_view(),
        name="billing-events",
    ),
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
    path("api/plans/", api.PublicPlanListView.as_view(), name="plans"),
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
