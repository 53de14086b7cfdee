"""drf-spectacular description of API key authentication."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "identity.authentication.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "For integrations: `Authorization: Bearer hansa_<prefix>_<secret>` (or the same value in "
                "`X-API-Key`). A member allowed to manage keys creates one with `POST /api/api-keys/` on "
                "the company's host, choosing its permissions (never more than they hold); the secret is "
                "shown once. "
                "A key is accepted only on its own company's host; a revoked, expired, unknown or "
                "foreign key answers `401 authentication_failed`. No CSRF token is needed. Requests "
                "are rate-limited per key (`429 too_many_requests` with `Retry-After`)."
            ),
        }
