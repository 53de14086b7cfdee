from django.apps import AppConfig


class TrackingConfig(AppConfig):
    """Supply-chain collaboration: tracking (a tenant app, see tenants/supplychain/__init__.py)."""

    name = "tenants.supplychain.tracking"
    label = "supplychain_tracking"
    verbose_name = "Supply chain: tracking"
