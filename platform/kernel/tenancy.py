"""The one place where the database schema is switched.

Requests: the host picks the schema. The base domain is the public host (schema ``public``); any other
host must be the domain of an active company, else 404. Code that must work inside another schema
(provisioning, ingestion tasks, tests) uses :func:`schema_context` or :func:`company_context` from here.
Cache keys carry the schema, so two tenants never share a cache entry.

The kernel knows no domain: a "company" here is whatever instance of django-tenants' tenant model
(``settings.TENANT_MODEL``) is active on the connection, and which company a host names is answered by a
resolver that the tenants app registers when it is ready (:func:`register_host_resolver`).
kernel/tests/test_boundaries.py fails if any kernel module imports a domain app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection as _connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import set_urlconf
from django_tenants.utils import get_public_schema_name
from django_tenants.utils import schema_context as _dt_schema_context

from kernel.errors import problem_json_response

if TYPE_CHECKING:
    from django_tenants.models import TenantMixin
    from django_tenants.postgresql_backend.base import DatabaseWrapper as TenantDatabaseWrapper

PUBLIC_SCHEMA = "public"

# django-tenants' database wrapper: the default connection with schema switching (typed for mypy).
connection: TenantDatabaseWrapper = _connection  # type: ignore[assignment]


def current_schema() -> str:
    return str(connection.schema_name)


def is_public() -> bool:
    return connection.schema_name == get_public_schema_name()


def current_company() -> Any:
    """The company whose schema is active (an instance of ``settings.TENANT_MODEL``), or None on the
    public schema. Typed ``Any`` because the kernel may not name the domain's model; callers treat it as
    their ``Company``."""
    tenant = getattr(connection, "tenant", None)
    if tenant is None or is_public() or not getattr(tenant, "pk", None):
        return None
    return tenant


@contextmanager
def schema_context(schema_name: str) -> Iterator[None]:
    with _dt_schema_context(schema_name):
        yield


@contextmanager
def company_context(company: TenantMixin) -> Iterator[None]:
    previous = getattr(connection, "tenant", None)
    connection.set_tenant(company)
    try:
        yield
    finally:
        if previous is not None and getattr(previous, "schema_name", PUBLIC_SCHEMA) != PUBLIC_SCHEMA:
            connection.set_tenant(previous)
        else:
            connection.set_schema_to_public()


def tenant_cache_key(key: str, key_prefix: str, version: int) -> str:
    return f"{key_prefix}:{connection.schema_name}:{version}:{key}"


def host_without_port(request: HttpRequest) -> str:
    return request.get_host().split(":")[0].lower().rstrip(".")


def company_host(slug: str) -> str:
    return f"{slug}.{settings.HANSA_BASE_HOST}"


def company_url(slug: str, path: str = "/") -> str:
    port = settings.HANSA_BASE_DOMAIN.partition(":")[2]
    netloc = f"{company_host(slug)}:{port}" if port else company_host(slug)
    return f"{settings.HANSA_SCHEME}://{netloc}{path}"


def public_url(path: str = "/") -> str:
    return f"{settings.HANSA_SCHEME}://{settings.HANSA_BASE_DOMAIN}{path}"


def public_request() -> HttpRequest:
    """A request for the public host's root, for library code that wants one outside a request (mail)."""
    request = HttpRequest()
    host, _, port = settings.HANSA_BASE_DOMAIN.partition(":")
    request.META = {
        "HTTP_HOST": settings.HANSA_BASE_DOMAIN,
        "SERVER_NAME": host,
        "SERVER_PORT": port or ("443" if settings.HANSA_SCHEME == "https" else "80"),
        "wsgi.url_scheme": settings.HANSA_SCHEME,
        "REMOTE_ADDR": "127.0.0.1",
    }
    request.path = request.path_info = "/"
    request._get_scheme = lambda: settings.HANSA_SCHEME  # type: ignore[attr-defined]
    return request


@dataclass(frozen=True)
class HostTenant:
    """What a host names: the tenant to activate, or a refusal. ``suspended`` answers 403."""

    tenant: TenantMixin
    suspended: bool = False
    suspension: str = ""
    """Why: ``operator`` (the platform suspended it) or ``billing`` (unpaid; the billing pages stay open)."""


HostResolver = Callable[[str], "HostTenant | None"]
_host_resolver: HostResolver | None = None


def register_host_resolver(resolver: HostResolver) -> None:
    """Install the function that maps a host name (lower case, no port) to its :class:`HostTenant`, or
    to None when no open workspace lives there. The tenants app registers it in ``AppConfig.ready``."""
    global _host_resolver
    _host_resolver = resolver


def resolve_host(host: str) -> HostTenant | None:
    if _host_resolver is None:
        raise RuntimeError("No host resolver registered: is the tenants app installed?")
    return _host_resolver(host)


def _refused_while_suspended(request: HttpRequest, found: HostTenant) -> bool:
    """A suspended workspace still serves its web app (which shows why and how to pay); a workspace
    suspended for non-payment also keeps sign-in, ``/api/me/`` and the billing API open."""
    path = request.path
    if not (path.startswith("/api/") or path.startswith("/_allauth/")):
        return False
    return not (
        found.suspension == "billing" and path.startswith(tuple(settings.HANSA_SUSPENDED_BILLING_PATHS))
    )


class TenantHostMiddleware:
    """Pick the schema from the Host header (replaces django-tenants' TenantMainMiddleware).

    No public tenant row is needed: the base domain always means the public schema. A host that the
    registered resolver does not know answers 404 ``company_not_found``; a suspended company answers 403
    ``company_suspended``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        connection.set_schema_to_public()
        host = host_without_port(request)
        if host in (settings.HANSA_BASE_HOST, "testserver", "127.0.0.1") or host.startswith("www."):
            request.tenant = None  # type: ignore[attr-defined]
            request.urlconf = settings.PUBLIC_SCHEMA_URLCONF  # type: ignore[attr-defined]
            set_urlconf(request.urlconf)  # type: ignore[attr-defined]
            return self.get_response(request)

        found = resolve_host(host)
        if found is None:
            if request.path.startswith("/api/") or request.path.startswith("/_allauth/"):
                return problem_json_response(
                    status=404, code="company_not_found", title="No company at this address"
                )
            raise Http404("No company at this address")
        if found.suspended and _refused_while_suspended(request, found):
            if request.method == "GET" and request.path.startswith(
                tuple(settings.HANSA_SUSPENDED_PAGE_PATHS)
            ):
                # a link a browser follows (the sign-in handoff): to the web app, which explains
                return HttpResponseRedirect("/")
            return problem_json_response(
                status=403,
                code="company_suspended",
                title="This company's workspace is suspended",
                detail=(
                    "The subscription is unpaid: the owner can pay on the billing page; the data is kept."
                    if found.suspension == "billing"
                    else "Contact the platform operator; the data is kept."
                ),
                suspension=found.suspension or "operator",
            )
        request.tenant = found.tenant  # type: ignore[attr-defined]
        connection.set_tenant(found.tenant)
        request.urlconf = settings.ROOT_URLCONF  # type: ignore[attr-defined]
        set_urlconf(None)
        try:
            return self.get_response(request)
        finally:
            connection.set_schema_to_public()
