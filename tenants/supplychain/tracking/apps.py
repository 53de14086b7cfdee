from django.apps import AppConfig


class TrackingConfig(AppConfig):
    """Supply-chain collaboration: tracking (a tenant app, see tenants/supplychain/__init__.py)."""

    name = "tenants.supplychain.tracking"
    label = "supplychain_tracking"
    verbose_name = "Supply chain: tracking"

    def ready(self) -> None:
        from tenants.supplychain.tracking import handlers, tasks  # noqa: F401  (registration)
