"""Domain errors of notifications (stable codes)."""

from kernel.errors import NotFound


class NotificationNotFound(NotFound):
    code = "not_found"
