"""Paying through Stripe: Checkout and the Customer Portal on a company's host, the webhook on the public host.

Thin views: the work is in :mod:`billing.gateways.stripe` and :mod:`billing.webhooks`.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from billing.gateways.stripe import stripe_checkout_start, stripe_portal_url
from billing.models import Interval
from billing.webhooks import stripe_webhook_receive
from kernel.api import problem_responses
from kernel.tenancy import company_url
from tenants.models import Company

# Where Stripe sends the browser back to: the billing page of the company's own host.
BILLING_PAGE = "/billing"


class BillingRedirectSerializer(serializers.Serializer):
    url = serializers.URLField(
        help_text="Stripe's hosted page: send the browser there (it comes back to /billing)."
    )


def _company(request: Request) -> Company:
    company: Company = request.actor.company  # type: ignore[attr-defined]
    return company


class CheckoutView(APIView):
    """Pay for a plan by card through Stripe Checkout (owners and finance).

    Answers the URL of a Checkout page for the current version of ``plan_code`` in the subscription's
    currency and ``interval``. Nothing changes until the payment completes: then Stripe tells Hansa
    (``checkout.session.completed``) and the trial converts. Without Stripe configured on the platform:
    ``409 gateway_not_configured`` (pay by invoice instead).
    """

    required_permission = "billing.manage"

    class InputSerializer(serializers.Serializer):
        plan_code = serializers.SlugField(
            max_length=30, help_text="The plan to pay for (GET /api/billing/plans/)."
        )
        interval = serializers.ChoiceField(choices=Interval.values, default=Interval.MONTH)

    @extend_schema(
        operation_id="billing_checkout_start",
        summary="Open a Stripe Checkout page for a plan",
        request=InputSerializer,
        responses={200: BillingRedirectSerializer, **problem_responses(400, 401, 403, 404, 409, 502)},
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        company = _company(request)
        started = stripe_checkout_start(
            company_id=company.pk,
            plan_code=data.validated_data["plan_code"],
            interval=data.validated_data["interval"],
            success_url=company_url(
                str(company.slug), f"{BILLING_PAGE}?checkout=success&session_id={{CHECKOUT_SESSION_ID}}"
            ),
            cancel_url=company_url(str(company.slug), f"{BILLING_PAGE}?checkout=canceled"),
        )
        return Response(BillingRedirectSerializer({"url": started.url}).data)


class PortalView(APIView):
    """Open Stripe's Customer Portal: payment method, invoices and receipts (owners and finance).

    ``409 gateway_not_configured`` without Stripe; ``409 subscription_state_refused`` while the company
    has never paid through Stripe (go through Checkout first).
    """

    required_permission = "billing.manage"

    @extend_schema(
        operation_id="billing_portal_open",
        summary="Open the Stripe Customer Portal",
        request=None,
        responses={200: BillingRedirectSerializer, **problem_responses(401, 403, 409, 502)},
    )
    def post(self, request: Request) -> Response:
        company = _company(request)
        url = stripe_portal_url(
            company_id=company.pk, return_url=company_url(str(company.slug), BILLING_PAGE)
        )
        return Response(BillingRedirectSerializer({"url": url}).data)


class WebhookResultSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=["processed", "duplicate", "stale", "ignored", "refused"],
        help_text="What Hansa did with the event; every one of them is a success for Stripe (no retry).",
    )


class StripeWebhookView(APIView):
    """Stripe's webhook endpoint (public host; Stripe signs it, no session, no CSRF, no Idempotency-Key:
    Stripe's event id is the key).

    ``400 webhook_signature_invalid`` for a missing, wrong or stale ``Stripe-Signature`` (nothing is
    written); ``200`` for every verified event, also one seen before (``duplicate``).
    """

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes: list = []

    @extend_schema(
        operation_id="billing_stripe_webhook",
        summary="Receive a Stripe event (signed with the endpoint's secret)",
        request={"application/json": OpenApiTypes.OBJECT},
        responses={200: WebhookResultSerializer, **problem_responses(400)},
    )
    def post(self, request: Request) -> Response:
        result = stripe_webhook_receive(
            payload=request.body, signature=request.headers.get("Stripe-Signature")
        )
        return Response(WebhookResultSerializer({"outcome": result.outcome}).data)
