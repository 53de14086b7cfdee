from django.apps import AppConfig


class SharingConfig(AppConfig):
    """What two trading partners agree to share (public schema): inventory-sharing grants, the stock
    snapshots the owner publishes under them, and the replenishment policies agreed on shared items."""

    name = "marketplace.sharing"
    label = "sharing"
    verbose_name = "Supply-chain sharing"
