"""Billing's domain errors. Codes never change once published."""

from __future__ import annotations

from typing import Any

from kernel.errors import Conflict, DomainError, NotFound


class QuotaExceeded(DomainError):
    """Creating this would take a meter past its plan's hard limit. Extensions: ``meter``, ``limit``,
    ``used`` (before the request) and ``requested``."""

    code = "quota_exceeded"
    status = 402
    title = "Your plan's limit for this is reached"


class FeatureNotInPlan(DomainError):
    """The company's plan does not include this feature. Extension: ``feature``."""

    code = "feature_not_in_plan"
    status = 403
    title = "Your plan does not include this feature"


class SubscriptionReadOnly(DomainError):
    code = "subscription_read_only"
    status = 402
    title = "This workspace is read-only until the subscription is paid"


class PlanNotFound(NotFound):
    code = "plan_not_found"
    title = "No such plan"


class PlanNotOffered(Conflict):
    code = "plan_not_offered"
    title = "This plan is not offered in this currency or interval"


class DowngradeExceedsUsage(Conflict):
    """The target plan allows less than the company uses now. Extension: ``meters`` (meter, used, limit)."""

    code = "downgrade_exceeds_usage"
    title = "The company uses more than the new plan allows"


class SubscriptionStateRefused(Conflict):
    """The action is not possible in the subscription's current status. Extension:
    ``subscription_status`` (``status`` is the problem's HTTP status and cannot carry it)."""

    code = "subscription_state_refused"
    title = "The subscription cannot do this in its current state"

    def __init__(self, detail: str = "", *, status: str = "", **extra: Any) -> None:
        extra.setdefault("subscription_status", status)
        super().__init__(detail, **extra)


class SamePlan(Conflict):
    code = "plan_unchanged"
    title = "The subscription is already on this plan and interval"


class InvoiceNotPayable(Conflict):
    code = "invoice_not_payable"
    title = "This invoice is not open for payment"


class PaymentExceedsBalance(Conflict):
    code = "payment_exceeds_balance"
    title = "The payment is more than the invoice's open balance"


class GatewayNotConfigured(Conflict):
    """Stripe is not configured on this platform (no ``STRIPE_SECRET_KEY``): pay by invoice instead."""

    code = "gateway_not_configured"
    title = "Online payment is not available on this platform"


class GatewayUnavailable(DomainError):
    """Stripe did not answer or refused the call; nothing was changed in Hansa."""

    code = "gateway_unavailable"
    status = 502
    title = "The payment service is not available right now"


class PlanNotOnGateway(Conflict):
    """The plan has no Stripe price in the subscription's currency and interval. Extensions:
    ``currency``, ``interval``."""

    code = "plan_not_on_gateway"
    title = "This plan cannot be paid online yet"


class WebhookSignatureInvalid(DomainError):
    """A webhook whose ``Stripe-Signature`` is missing, wrong or too old; nothing was written."""

    code = "webhook_signature_invalid"
    status = 400
    title = "The webhook signature is not valid"


class InvoiceNotVoidable(Conflict):
    """Only an open invoice with no payment recorded against it can be voided. Extension:
    ``invoice_status``."""

    code = "invoice_not_voidable"
    title = "This invoice cannot be voided"
