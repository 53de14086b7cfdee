from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "marketplace.directory"
    label = "directory"
    verbose_name = "Supplier directory"
