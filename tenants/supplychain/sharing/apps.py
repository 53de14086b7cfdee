from django.apps import AppConfig


class SharingConfig(AppConfig):
    """Supply-chain collaboration: sharing (a tenant app, see tenants/supplychain/__init__.py)."""

    name = "tenants.supplychain.sharing"
    label = "supplychain_sharing"
    verbose_name = "Supply chain: sharing"
