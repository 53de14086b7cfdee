from django.apps import AppConfig


class KernelConfig(AppConfig):
    name = "kernel"
    verbose_name = "Kernel"

    def ready(self) -> None:
        from kernel import openapi  # noqa: F401  (registers the drf-spectacular extensions)
