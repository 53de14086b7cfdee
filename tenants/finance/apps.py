from django.apps import AppConfig


class FinanceConfig(AppConfig):
    """The books of each company: a tenant app (one set of tables per company)."""

    name = "tenants.finance"
    label = "finance"
    verbose_name = "Finance"

    def ready(self) -> None:
        # Posting builders and ingestion handlers register themselves on import.
        from tenants.finance import handlers  # noqa: F401
