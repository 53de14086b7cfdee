from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "tenants.procurement"
    label = "procurement"
    verbose_name = "Procurement"

    def ready(self) -> None:
        # Ingest handlers of the trade documents a buyer receives, and the RFQ award hook.
        from tenants.procurement import handlers  # noqa: F401
