"""Routes of billing: ``tenant_patterns`` on a company's host, ``public_patterns`` on the public host."""

from django.urls import path

from billing import api_stripe

tenant_patterns = [
    path("api/billing/checkout/", api_stripe.CheckoutView.as_view(), name="billing-checkout"),
    path("api/billing/portal/", api_stripe.PortalView.as_view(), name="billing-portal"),
]

public_patterns = [
    path(
        "api/billing/stripe/webhook/", api_stripe.StripeWebhookView.as_view(), name="billing-stripe-webhook"
    ),
]
