from django.apps import AppConfig


class RfqConfig(AppConfig):
    name = "marketplace.rfq"
    label = "rfq"
    verbose_name = "Requests for quotation"

    def ready(self) -> None:
        from marketplace.rfq import handlers  # noqa: F401  (outbox handlers)
