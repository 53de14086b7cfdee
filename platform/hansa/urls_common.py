"""URL patterns both hosts share: health probes, the OpenAPI document, allauth headless, the app."""

from __future__ import annotations

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from hansa.spa import spa_index
from kernel.health import healthz, readyz


def common_patterns(api: list) -> list:
    return [
        path("healthz", healthz, name="healthz"),
        path("readyz", readyz, name="readyz"),
        path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
        path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
        *api,
        path("_allauth/", include("allauth.headless.urls")),
        # Anything under /api/ that no pattern matched is a JSON 404 (handler404), not the app.
        re_path(r"^(?!api/|_allauth/|static/)(?P<path>.*)$", spa_index, name="spa"),
    ]
