"""``python manage.py stripe_catalog_sync``: create in Stripe the products, meters and prices the plan
catalogue needs and has no Stripe id for yet (idempotent; run after every plan edit)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from billing.exceptions import GatewayNotConfigured, GatewayUnavailable
from billing.gateways.stripe import stripe_catalog_sync


class Command(BaseCommand):
    help = "Create the Stripe products, meters and prices of plan versions that lack them (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = stripe_catalog_sync()
        except (GatewayNotConfigured, GatewayUnavailable) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"products {result.products}, meters {result.meters}, prices {result.prices}, "
            f"metered prices {result.metered_prices} created"
        )
