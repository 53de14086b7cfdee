from django.apps import AppConfig


class SharingConfig(AppConfig):
    """Supply-chain collaboration: sharing (a tenant app, see tenants/supplychain/__init__.py)."""

    name = "tenants.supplychain.sharing"
    label = "supplychain_sharing"
    verbose_name = "Supply chain: sharing"

    def ready(self) -> None:
        # Registers the publish handlers (kernel.outbox) the inventory hook records messages for.
        from tenants.supplychain.sharing import publishing  # noqa: F401
