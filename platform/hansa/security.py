"""Security headers and production-only hardening.

Two parts:
- :func:`apply_production_security`, called at the very end of settings.py with ``globals()``: with
  DEBUG off it switches on HTTPS-only behaviour (TLS ends at the load balancer, which must set
  ``X-Forwarded-Proto`` and drop any value the client sent), HSTS, ``__Host-`` cookies and the other
  headers Django's SecurityMiddleware sends. With DEBUG on it changes nothing: development runs over
  plain HTTP, where browsers refuse Secure and ``__Host-`` cookies.
- :class:`ContentSecurityPolicyMiddleware`, in every mode (so the browser tests run under the policy).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

HSTS_SECONDS = 365 * 24 * 60 * 60
SESSION_COOKIE_NAME = "__Host-hansa_session"
CSRF_COOKIE_NAME = "__Host-csrftoken"

CSP_HEADER = "Content-Security-Policy"
# style-src allows inline styles: Ant Design injects its CSS-in-JS <style> elements at runtime.
CSP_DIRECTIVES: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'", "'unsafe-inline'"),
    "img-src": ("'self'", "data:", "blob:"),
    "font-src": ("'self'", "data:"),
    "connect-src": ("'self'",),
    "frame-ancestors": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "object-src": ("'none'",),
}
# drf-spectacular's Swagger UI (SWAGGER_UI_DIST default) loads its bundle, stylesheet and favicon from
# this CDN; the sidecar package that would serve them locally is not a dependency.
SWAGGER_UI_PATH = "/api/docs/"
SWAGGER_UI_CDN = "https://cdn.jsdelivr.net"
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)


def apply_production_security(namespace: dict[str, Any]) -> None:
    """Harden the settings in ``namespace`` (settings.py's ``globals()``) when ``DEBUG`` is off.

    Guarantees with DEBUG off: every request but the health probes (``/healthz``, ``/readyz``, which the
    load balancer calls over plain HTTP) is redirected to HTTPS; HSTS for one year with subdomains and
    preload; the session and CSRF cookies are ``__Host-`` cookies (Secure, Path=/, no Domain), so they
    stay on the exact host that set them; nosniff, ``Referrer-Policy: strict-origin-when-cross-origin``,
    ``X-Frame-Options: DENY`` and ``Cross-Origin-Opener-Policy: same-origin``. Values already in
    ``namespace`` for these names are overwritten. With DEBUG on, ``namespace`` is left unchanged.
    """
    if namespace.get("DEBUG"):
        return
    namespace.update(
        SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
        SECURE_SSL_REDIRECT=True,
        SECURE_REDIRECT_EXEMPT=[r"^healthz$", r"^readyz$"],
        SECURE_HSTS_SECONDS=HSTS_SECONDS,
        SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
        SECURE_HSTS_PRELOAD=True,
        SESSION_COOKIE_NAME=SESSION_COOKIE_NAME,
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_DOMAIN=None,
        SESSION_COOKIE_PATH="/",
        CSRF_COOKIE_NAME=CSRF_COOKIE_NAME,
        CSRF_COOKIE_SECURE=True,
        CSRF_COOKIE_DOMAIN=None,
        CSRF_COOKIE_PATH="/",
        SECURE_CONTENT_TYPE_NOSNIFF=True,
        SECURE_REFERRER_POLICY="strict-origin-when-cross-origin",
        X_FRAME_OPTIONS="DENY",
        SECURE_CROSS_ORIGIN_OPENER_POLICY="same-origin",
    )


def _render_policy(directives: dict[str, tuple[str, ...]]) -> str:
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


CONTENT_SECURITY_POLICY = _render_policy(CSP_DIRECTIVES)


def _inline_script_hashes(content: bytes) -> tuple[str, ...]:
    return tuple(
        "'sha256-{}'".format(base64.b64encode(hashlib.sha256(body).digest()).decode("ascii"))
        for body in _INLINE_SCRIPT.findall(content)
    )


def swagger_ui_policy(content: bytes) -> str:
    """The policy of the Swagger UI page: the strict policy plus the CDN and the page's own inline script.

    drf-spectacular renders Swagger UI's start-up code (which carries the per-request CSRF token) as an
    inline ``<script>``; it is allowed by its SHA-256 hash, computed from the response itself, rather
    than by ``'unsafe-inline'``. The page renders request data only escaped, so the hash covers exactly
    drf-spectacular's script.
    """
    directives = dict(CSP_DIRECTIVES)
    directives["script-src"] = (
        *CSP_DIRECTIVES["script-src"],
        SWAGGER_UI_CDN,
        *_inline_script_hashes(content),
    )
    directives["style-src"] = (*CSP_DIRECTIVES["style-src"], SWAGGER_UI_CDN)
    directives["img-src"] = (*CSP_DIRECTIVES["img-src"], SWAGGER_UI_CDN)
    return _render_policy(directives)


class ContentSecurityPolicyMiddleware:
    """Send ``Content-Security-Policy`` on every response that does not set its own.

    The policy is :data:`CONTENT_SECURITY_POLICY` everywhere except the Swagger UI page
    (:data:`SWAGGER_UI_PATH`), which gets :func:`swagger_ui_policy`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if CSP_HEADER in response:
            return response
        if request.path_info == SWAGGER_UI_PATH and not response.streaming:
            response[CSP_HEADER] = swagger_ui_policy(response.content)
        else:
            response[CSP_HEADER] = CONTENT_SECURITY_POLICY
        return response
