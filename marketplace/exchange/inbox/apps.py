from django.apps import AppConfig


class ExchangeInboxConfig(AppConfig):
    """The receiving side of the trade exchange: a tenant app, one table in every company's schema."""

    name = "marketplace.exchange.inbox"
    label = "exchange_inbox"
    verbose_name = "Trade documents received"
