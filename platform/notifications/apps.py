from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """In-app notifications (and their e-mails) for every domain: one model, one service to send."""

    name = "notifications"
    verbose_name = "Notifications"
