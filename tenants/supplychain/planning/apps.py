from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """Supply-chain collaboration: planning (a tenant app, see tenants/supplychain/__init__.py)."""

    name = "tenants.supplychain.planning"
    label = "supplychain_planning"
    verbose_name = "Supply chain: planning"

    def ready(self) -> None:
        from tenants.supplychain.planning import handlers  # noqa: F401  (trade document ingestion handlers)
