"""The port every payment gateway implements, and the choice of adapter for a subscription."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Protocol

from django.conf import settings

from billing.models import Gateway, PlanVersion, Subscription


class BillingGateway(Protocol):
    """What billing asks of a payment gateway. Called inside the transaction that changed the
    subscription: an adapter that talks to a remote service does so after commit (or records the call in
    the outbox), never so that a rolled-back change leaves a remote effect behind."""

    name: str

    def period_started(self, *, subscription: Subscription, now: dt.datetime) -> None:
        """A paid period began (conversion, renewal): bill its base price."""

    def plan_changed(
        self, *, subscription: Subscription, old_version: PlanVersion, amount: Decimal, now: dt.datetime
    ) -> None:
        """The plan or interval changed; ``amount`` is the proration (+ charge, - credit)."""

    def cancel_changed(self, *, subscription: Subscription) -> None:
        """A cancellation at period end was scheduled or withdrawn (``cancel_at_period_end``)."""


def gateway_for(subscription: Subscription) -> BillingGateway:
    """The adapter that bills ``subscription``: Stripe for subscriptions paid through Stripe (only when
    ``STRIPE_SECRET_KEY`` is set), else the offline gateway (invoices paid by bank transfer)."""
    if subscription.gateway == Gateway.STRIPE and settings.STRIPE_SECRET_KEY:
        from billing.gateways.stripe import StripeGateway  # type: ignore[import-not-found,unused-ignore]

        return StripeGateway()  # type: ignore[no-any-return,unused-ignore]
    from billing.gateways.offline import OfflineGateway

    return OfflineGateway()
