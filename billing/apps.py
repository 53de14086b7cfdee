from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _seed_plans(sender: AppConfig, **kwargs: Any) -> None:
    # After migrate (and after a test flush): a platform always has its plan catalogue.
    from billing.plans import plans_ensure
    from kernel.tenancy import schema_context

    with schema_context("public"):
        plans_ensure()


class BillingConfig(AppConfig):
    name = "billing"
    label = "billing"
    verbose_name = "Billing"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(_seed_plans, sender=self, dispatch_uid="billing.seed_plans")
        from billing import handlers  # noqa: F401  (outbox handlers)
        from billing.gateways import stripe  # noqa: F401  (outbox handler billing.stripe_push)
