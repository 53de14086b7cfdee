from django.apps import AppConfig


class FleetConfig(AppConfig):
    name = "hansa.fleet"
    label = "fleet"
    verbose_name = "Fleet migrations"
    default_auto_field = "django.db.models.BigAutoField"
