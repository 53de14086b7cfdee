"""Routes of notifications on a company's host (included by hansa.urls_tenant)."""

from django.urls import path

from notifications import api

tenant_patterns = [
    path("api/notifications/", api.NotificationListView.as_view(), name="notifications"),
    path(
        "api/notifications/<int:notification_id>/read/",
        api.NotificationReadView.as_view(),
        name="notification-read",
    ),
]
