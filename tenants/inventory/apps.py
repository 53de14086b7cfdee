from django.apps import AppConfig


class InventoryConfig(AppConfig):
    """Items, warehouses, the stock ledger and reservations: a tenant app (one set of tables per company)."""

    name = "tenants.inventory"
    label = "inventory"
    verbose_name = "Inventory"
