from django.apps import AppConfig


class ReplenishmentConfig(AppConfig):
    """Supply-chain collaboration: replenishment (a tenant app, see tenants/supplychain/__init__.py)."""

    name = "tenants.supplychain.replenishment"
    label = "supplychain_replenishment"
    verbose_name = "Supply chain: replenishment"

    def ready(self) -> None:
        from tenants.supplychain.replenishment import handlers  # noqa: F401  (trade document ingestion)
