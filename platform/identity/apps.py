from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "identity"
    verbose_name = "Identity"

    def ready(self) -> None:
        from identity import audit_hooks, handlers, openapi  # noqa: F401  (receivers, handlers, schema extension)
