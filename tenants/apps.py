from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"
    verbose_name = "Companies"

    def ready(self) -> None:
        from kernel.tenancy import register_host_resolver
        from tenants.selectors import host_tenant

        # The kernel knows no domain: it asks this app which company a host names.
        register_host_resolver(host_tenant)
