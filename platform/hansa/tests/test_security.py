"""Security headers in every mode, and the production hardening that applies with DEBUG off."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import string
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory

from conftest import HostClient, company_host_for
from hansa import security
from hansa.security import CONTENT_SECURITY_POLICY, ContentSecurityPolicyMiddleware, apply_production_security
from hansa.tests.test_serve import needs_real_servers  # one definition of the embedded-servers skip

ROOT = Path(__file__).resolve().parents[3]

# `hansa serve` refuses the embedded development servers by design (hansa.E106/E108): the tests that start it
# against the test database need a real PostgreSQL and Redis (DATABASE_URL / REDIS_URL set, as on a server).
STRICT = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'; object-src 'none'"
)


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def production_env(**extra: str) -> dict[str, str]:
    """The environment of a production process: DEBUG off, real secrets, this machine's services."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "HANSA_BASE_DOMAIN", "HANSA_ENCRYPTION_KEYS"}
    }
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env.update(
        DEBUG="0",
        SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(50)),
        HANSA_BASE_DOMAIN="hansa.example.com",
        HANSA_ENCRYPTION_KEYS=f"k1:{base64.urlsafe_b64encode(os.urandom(32)).decode()}",
        # Production keeps its files outside the checkout (hansa.E115).
        HANSA_VAR_DIR=str(Path(tempfile.gettempdir()) / "hansa-production-test"),
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "platform")]),
        DJANGO_SETTINGS_MODULE="hansa.settings",
    )
    env.update(extra)
    return env


# --- Content Security Policy, in every mode (these tests run with DEBUG on) -----------------------------


def test_the_policy_is_the_strict_one():
    assert CONTENT_SECURITY_POLICY == STRICT


@pytest.mark.django_db
def test_api_responses_carry_the_policy(public_client, make_company):
    company = make_company().company
    tenant_client = HostClient(company_host_for(company.slug))

    public = public_client.get("/api/signup/slug-check/", {"slug": "free-slug"})
    tenant = tenant_client.get("/api/me/")
    missing = tenant_client.get("/api/no-such-endpoint/")

    assert public.status_code == 200
    assert tenant.status_code in (401, 403)
    assert missing.status_code == 404
    for response in (public, tenant, missing):
        assert response["Content-Security-Policy"] == STRICT


@pytest.mark.django_db
def test_the_single_page_app_carries_the_policy_and_needs_no_inline_script(make_company):
    company = make_company().company

    response = HostClient(company_host_for(company.slug)).get("/orders/42")

    assert response.status_code in (200, 503)  # 503: the web app is not built in this checkout
    assert response["Content-Security-Policy"] == STRICT
    assert response["X-Frame-Options"] == "DENY"
    index = Path(settings.FRONTEND_DIST) / "index.html"
    if index.exists():
        # Under script-src 'self' an inline script would not run: the built app must not have one.
        html = response.content.decode()
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []


@pytest.mark.django_db
def test_swagger_ui_may_load_from_its_cdn_and_run_only_its_own_inline_script(public_client):
    response = public_client.get("/api/docs/")

    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    inline = re.findall(rb"<script>(.*?)</script>", response.content, re.DOTALL)
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0]).digest()).decode()
    assert policy["script-src"] == ["'self'", "https://cdn.jsdelivr.net", f"'sha256-{digest}'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'", "https://cdn.jsdelivr.net"]
    assert policy["img-src"] == ["'self'", "data:", "blob:", "https://cdn.jsdelivr.net"]
    strict = directives(STRICT)
    for name in ("default-src", "connect-src", "frame-ancestors", "object-src", "base-uri", "form-action"):
        assert policy[name] == strict[name]
    for src in re.findall(rb'<script src="([^"]+)"', response.content):
        assert src.startswith(b"https://cdn.jsdelivr.net/")


def test_a_response_with_its_own_policy_keeps_it():
    own = "default-src 'none'"

    def view(request):
        response = HttpResponse("x")
        response["Content-Security-Policy"] = own
        return response

    response = ContentSecurityPolicyMiddleware(view)(RequestFactory().get("/api/docs/"))

    assert response["Content-Security-Policy"] == own


# --- production settings --------------------------------------------------------------------------------


def test_debug_leaves_settings_alone_and_production_overrides_them():
    development = {"DEBUG": True, "SESSION_COOKIE_NAME": "hansa_session"}
    apply_production_security(development)
    assert development == {"DEBUG": True, "SESSION_COOKIE_NAME": "hansa_session"}

    production = {"DEBUG": False, "SESSION_COOKIE_NAME": "hansa_session", "SESSION_COOKIE_DOMAIN": ".x.com"}
    apply_production_security(production)
    assert production["SESSION_COOKIE_NAME"] == security.SESSION_COOKIE_NAME == "__Host-hansa_session"
    assert production["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    assert production["SESSION_COOKIE_DOMAIN"] is None and production["CSRF_COOKIE_DOMAIN"] is None
    assert production["SECURE_HSTS_SECONDS"] == 31536000
    assert production["SECURE_REDIRECT_EXEMPT"] == [r"^healthz$", r"^readyz$"]


@needs_real_servers
def test_check_deploy_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_without_encryption_keys():
    env = production_env()
    del env["HANSA_ENCRYPTION_KEYS"]

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "kernel.E001" in result.stderr and "HANSA_ENCRYPTION_KEYS must be set" in result.stderr


# Runs in a production process. Cookie attributes do not depend on where sessions are stored, so the
# probe keeps sessions in a signed cookie and touches no database; /healthz needs none either.
PRODUCTION_PROBE = """
import json
import django

django.setup()
from django.conf import settings

settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import Client, RequestFactory


def view(request):
    request.session["probe"] = 1
    get_token(request)
    return HttpResponse("ok")


request = RequestFactory().get("/", HTTP_HOST="acme.hansa.example.com", secure=True)
response = SessionMiddleware(CsrfViewMiddleware(view))(request)
cookies = {
    name: {key: morsel[key] for key in ("secure", "domain", "path", "httponly", "samesite")}
    for name, morsel in response.cookies.items()
}
client = Client()
plain = client.get("/healthz", HTTP_HOST="hansa.example.com")
redirect = client.get("/api/me/", HTTP_HOST="hansa.example.com")
behind_tls = client.get("/healthz", HTTP_HOST="hansa.example.com", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({
    "cookies": cookies,
    "plain_health": plain.status_code,
    "redirect": [redirect.status_code, redirect.get("Location")],
    "headers": {k: behind_tls.get(k) for k in (
        "Strict-Transport-Security", "Content-Security-Policy", "X-Frame-Options", "Referrer-Policy",
        "Cross-Origin-Opener-Policy", "X-Content-Type-Options",
    )},
}))
"""


def test_production_cookies_are_host_only_secure_and_everything_but_probes_is_https():
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])

    session = seen["cookies"]["__Host-hansa_session"]
    assert session == {"secure": True, "domain": "", "path": "/", "httponly": True, "samesite": "Lax"}
    csrf = seen["cookies"]["__Host-csrftoken"]
    assert csrf["secure"] is True and csrf["domain"] == "" and csrf["path"] == "/"
    assert set(seen["cookies"]) == {"__Host-hansa_session", "__Host-csrftoken"}

    assert seen["plain_health"] == 200  # the load balancer's probes stay on plain HTTP
    assert seen["redirect"] == [301, "https://hansa.example.com/api/me/"]
    assert seen["headers"] == {
        "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
        "Content-Security-Policy": STRICT,
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "X-Content-Type-Options": "nosniff",
    }
