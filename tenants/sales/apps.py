from django.apps import AppConfig


class SalesConfig(AppConfig):
    name = "tenants.sales"
    label = "sales"
    verbose_name = "Sales"

    def ready(self) -> None:
        from tenants.sales import handlers  # noqa: F401  (trade document ingestion handlers)
