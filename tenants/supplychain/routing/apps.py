from django.apps import AppConfig


class RoutingConfig(AppConfig):
    """Supply-chain collaboration: routing (a tenant app, see tenants/supplychain/__init__.py)."""

    name = "tenants.supplychain.routing"
    label = "supplychain_routing"
    verbose_name = "Supply chain: routing"
