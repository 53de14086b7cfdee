"""API key authentication and per-key rate limits."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import authentication, exceptions
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from billing.meters import Meter
from billing.services.metering import usage_record
from identity.access import ApiKeyUser
from identity.models import ApiKey
from identity.services.api_keys import KEY_PREFIX, api_key_authenticate
from kernel.tenancy import current_company


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer hansa_<prefix>_<secret>`` (or ``X-API-Key``), on its own company's host only.

    A key presented anywhere else, revoked or expired answers 401 ``authentication_failed`` and says
    nothing about any company. Each authenticated request counts on the company's API requests of the
    day; past a hard limit it answers ``402 quota_exceeded``.
    """

    def authenticate(self, request: Request) -> tuple[ApiKeyUser, ApiKey] | None:
        header = request.headers.get("Authorization", "")
        secret = (
            header[7:].strip()
            if header.lower().startswith("bearer ")
            else request.headers.get("X-API-Key", "")
        )
        if not secret:
            return None
        if not secret.startswith(f"{KEY_PREFIX}_"):
            raise exceptions.AuthenticationFailed()
        key = api_key_authenticate(secret=secret, company=current_company())
        if key is None:
            raise exceptions.AuthenticationFailed()
        # Counted once the key is known good (a bad key costs its company nothing); past the plan's
        # daily hard limit the request answers 402 quota_exceeded before the view runs.
        usage_record(company_id=key.company_id, meter=Meter.API_REQUESTS)
        return ApiKeyUser(key), key

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="hansa"'


class ApiKeyRateThrottle(SimpleRateThrottle):
    """Requests per API key (HANSA_API_KEY_RATE, default 600/min); 429 with Retry-After beyond it."""

    scope = "api_key"

    def get_rate(self) -> str:
        return str(getattr(settings, "HANSA_API_KEY_RATE", "600/min"))

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if not isinstance(request.auth, ApiKey):
            return None
        return f"throttle:api_key:{request.auth.pk}"
