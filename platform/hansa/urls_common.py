"""URL patterns both hosts share: health probes, the OpenAPI document, allauth headless, the app."""

from __future__ import annotations

import json

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.request import Request
from rest_framework.response import Response

from hansa.openapi import served_document
from hansa.spa import spa_index
from kernel.errors import api_not_found
from kernel.health import healthz, readyz


class HostSchemaView(SpectacularAPIView):
    """``GET /api/schema/``: the document of the host it is asked on, the same as ``docs/api/openapi-<host>.json``.

    YAML by default; JSON with ``?format=json`` or ``Accept: application/vnd.oai.openapi+json``.
    """

    host = "tenant"

    def _get_schema_response(self, request: Request) -> Response:
        return Response(
            data=json.loads(served_document(self.host)),
            headers={"Content-Disposition": f'inline; filename="{self._get_filename(request, None)}"'},
        )


def common_patterns(api: list, *, host: str) -> list:
    """``host`` ("public" or "tenant") picks the OpenAPI document served at /api/schema/ and /api/docs/."""
    return [
        path("healthz", healthz, name="healthz"),
        path("readyz", readyz, name="readyz"),
        path("api/schema/", HostSchemaView.as_view(host=host), name="schema"),
        path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
        *api,
        # Anything else under /api/ is a problem+json 404, also with DEBUG on (where Django would answer
        # its HTML debug page instead of handler404).
        re_path(r"^api/", api_not_found, name="api-not-found"),
        path("_allauth/", include("allauth.headless.urls")),
        re_path(r"^(?!api/|_allauth/|static/)(?P<path>.*)$", spa_index, name="spa"),
    ]
