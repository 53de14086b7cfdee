"""URL patterns both hosts share: health probes, the OpenAPI document, allauth headless, the app."""

from __future__ import annotations

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from hansa.spa import spa_index
from kernel.errors import api_not_found
from kernel.health import healthz, readyz


def common_patterns(api: list) -> list:
    return [
        path("healthz", healthz, name="healthz"),
        path("readyz", readyz, name="readyz"),
        path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
        path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
        *api,
        # Anything else under /api/ is a problem+json 404, also with DEBUG on (where Django would answer
        # its HTML debug page instead of handler404).
        re_path(r"^api/", api_not_found, name="api-not-found"),
        path("_allauth/", include("allauth.headless.urls")),
        re_path(r"^(?!api/|_allauth/|static/)(?P<path>.*)$", spa_index, name="spa"),
    ]
