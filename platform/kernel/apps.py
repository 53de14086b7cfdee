from django.apps import AppConfig


class KernelConfig(AppConfig):
    name = "kernel"
    verbose_name = "Kernel"

    def ready(self) -> None:
        from hansa.production import register_checks
        from kernel import openapi  # noqa: F401  (registers the drf-spectacular extensions)

        register_checks()  # `check --deploy`: the settings `hansa serve` refuses to start on
