"""The default gateway: the platform issues invoices, the company pays by bank transfer, an operator
records the payment (``billing.services.invoices.invoice_record_payment``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from billing import selectors
from billing.models import InvoiceLineKind, PlanVersion, Subscription
from billing.services.invoices import LineSpec, invoice_issue


def _plan_label(version: PlanVersion, interval: str) -> str:
    return f"Hansa {version.plan.name_en} ({'yearly' if interval == 'year' else 'monthly'})"


class OfflineGateway:
    name = "offline"

    def period_started(self, *, subscription: Subscription, now: dt.datetime) -> None:
        price = selectors.plan_price(
            version=subscription.plan_version, currency=subscription.currency, interval=subscription.interval
        )
        if not price:
            return
        invoice_issue(
            subscription=subscription,
            lines=[
                LineSpec(
                    kind=InvoiceLineKind.BASE,
                    description=_plan_label(subscription.plan_version, subscription.interval),
                    unit_amount=price,
                )
            ],
            period_start=subscription.current_period_start,
            period_end=subscription.current_period_end,
            now=now,
        )

    def plan_changed(
        self, *, subscription: Subscription, old_version: PlanVersion, amount: Decimal, now: dt.datetime
    ) -> None:
        if amount == 0:
            return
        invoice_issue(
            subscription=subscription,
            lines=[
                LineSpec(
                    kind=InvoiceLineKind.PRORATION,
                    description=(
                        f"Change from {old_version.plan.name_en} to "
                        f"{_plan_label(subscription.plan_version, subscription.interval)}, rest of the period"
                    ),
                    unit_amount=amount,
                )
            ],
            period_start=now,
            period_end=subscription.current_period_end,
            now=now,
        )

    def cancel_changed(self, *, subscription: Subscription) -> None:
        """Nothing to tell anyone: the renewal beat reads ``cancel_at_period_end`` itself."""
