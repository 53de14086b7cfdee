"""Isolation probes of paying through Stripe (billing.api_stripe), against the local fake Stripe server.

``seed(side)`` makes the side a Stripe customer (as after a first Checkout), so that the portal opens for
its owner. Every probe runs with Stripe configured (the fake, through the real SDK) and the plan catalogue
synced to it. The webhook probe sends an event signed with the endpoint's secret about the calling side's
own customer: a caller from another company gains nothing by it, and B's subscription never changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tests.isolation.world import Probe, Side


def _stripe() -> Any:
    from django.test import override_settings

    from billing.tests.fake_stripe import fake_server, stripe_settings

    return override_settings(**stripe_settings(fake_server()))


def _catalog() -> None:
    from billing.gateways.stripe import stripe_catalog_sync
    from billing.models import PlanPrice

    if PlanPrice.objects.filter(amount__gt=0, stripe_price_id="").exists():
        stripe_catalog_sync()


def seed(side: Side) -> dict[str, Any]:
    if "stripe" in side.extra:
        return side.extra["stripe"]
    from billing.models import Subscription
    from billing.tests.fake_stripe import fake_server

    customer = fake_server()._customer({"metadata": {"company_id": str(side.company.pk)}})
    Subscription.objects.filter(company=side.company).update(stripe_customer_id=customer["id"])
    side.extra["stripe"] = data = {"customer": customer["id"]}
    return data


def _fingerprint(side: Side) -> list[Any]:
    from billing.models import Invoice, Subscription, WebhookEvent

    seed(side)
    return [
        list(
            Subscription.objects.filter(company=side.company).values_list(
                "status", "gateway", "stripe_customer_id", "stripe_subscription_id", "plan_version_id"
            )
        ),
        Invoice.objects.filter(company=side.company).count(),
        WebhookEvent.objects.filter(payload__data__object__customer=seed(side)["customer"]).count(),
    ]


FINGERPRINTS = {"billing_stripe": _fingerprint}


@dataclass(frozen=True)
class StripeProbe(Probe):
    """Sends with Stripe configured (the fake server) and the side seeded; ``signed`` bodies carry a valid
    ``Stripe-Signature``."""

    signed: bool = False

    def send(self, client: Any, ids_from: Side, **headers: str) -> Any:
        seed(ids_from)
        with _stripe():
            _catalog()
            if not self.signed:
                return super().send(client, ids_from, **headers)
            from billing.tests.fake_stripe import WEBHOOK_SECRET, sign

            assert self.body is not None
            body = json.dumps(self.body(ids_from))
            return client.post(
                self.url(ids_from),
                data=body,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=sign(body, WEBHOOK_SECRET),
                **headers,
            )


def _customer_event(side: Side) -> dict[str, Any]:
    from billing.tests.fake_stripe import fake_server

    customer = seed(side)["customer"]
    return json.loads(
        fake_server().event(
            "customer.updated",
            {"id": customer, "object": "customer", "customer": customer, "name": side.marker},
        )
    )


TENANT_PROBES: dict[str, Probe] = {
    "billing_checkout_start": StripeProbe(
        "POST", "/api/billing/checkout/", body=lambda s: {"plan_code": "business", "interval": "month"}
    ),
    "billing_portal_open": StripeProbe("POST", "/api/billing/portal/"),
}

PUBLIC_PROBES: dict[str, Probe] = {
    "billing_stripe_webhook": StripeProbe(
        "POST", "/api/billing/stripe/webhook/", body=_customer_event, signed=True, public_access=True
    ),
}
