"""URLconf of a company's host (<slug>.HANSA_BASE_DOMAIN): the workspace API."""

from django.urls import path

from hansa.urls_common import common_patterns
from identity.api import HandoffView, MeView

urlpatterns = common_patterns(
    [
        path("api/me/", MeView.as_view(), name="me"),
        path("api/session/handoff/", HandoffView.as_view(), name="session-handoff"),
    ]
)

handler404 = "kernel.errors.api_not_found"
handler500 = "kernel.errors.api_server_error"
