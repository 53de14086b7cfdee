from django.apps import AppConfig


class TenantDataConfig(AppConfig):
    name = "tenantdata"
    label = "tenantdata"
    verbose_name = "Per-company backup, restore, export and closure"
