"""Fixtures shared by every test: companies, members, clients bound to a host.

Tests run against a real PostgreSQL and a real Redis (`./hansa test` starts embedded ones unless
DATABASE_URL / REDIS_URL are set). Companies are created through the real sign-up service; each xdist
worker keeps its own Celery queue so queue assertions see only their own messages.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client

PASSWORD = "correct-horse-battery-9"
_counter = itertools.count()


_ISOLATION_TOTALS: dict[str, int] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Sum the probe counts the isolation suite records (works under xdist: reports carry them)."""
    if report.when == "teardown":
        for key, value in report.user_properties:
            if key.startswith("isolation_"):
                _ISOLATION_TOTALS[key] = _ISOLATION_TOTALS.get(key, 0) + int(str(value))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _ISOLATION_TOTALS:
        terminalreporter.write_line(
            "isolation probe suite: {operations} operations probed, {probes} cross-tenant probes sent, "
            "{pairs} paired owner calls succeeded".format(
                operations=_ISOLATION_TOTALS.get("isolation_operations", 0),
                probes=_ISOLATION_TOTALS.get("isolation_probes", 0),
                pairs=_ISOLATION_TOTALS.get("isolation_pairs", 0),
            )
        )


def pytest_configure(config: pytest.Config) -> None:
    from hansa.celery import app

    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    app.conf.task_default_queue = f"test-{worker}-{uuid.uuid4().hex[:6]}"


def unique(prefix: str) -> str:
    return f"{prefix}-{os.getpid() % 10000}-{next(_counter)}-{uuid.uuid4().hex[:4]}"


class HostClient(Client):
    """A test client bound to one host: the public host or a company's."""

    def __init__(self, host: str, **kwargs: Any) -> None:
        super().__init__(HTTP_HOST=host, **kwargs)
        self.host = host

    def post_json(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self.post(path, data=data, content_type="application/json", **extra)

    def patch_json(self, path: str, data: Any = None, **extra: Any) -> Any:
        return self.patch(path, data=data, content_type="application/json", **extra)


@pytest.fixture
def public_client() -> HostClient:
    from django.conf import settings

    return HostClient(settings.HANSA_BASE_DOMAIN)


def company_host_for(slug: str) -> str:
    from django.conf import settings

    return f"{slug}.{settings.HANSA_BASE_DOMAIN}"


@pytest.fixture
def signup_payload() -> Callable[..., dict[str, str]]:
    def make(**overrides: str) -> dict[str, str]:
        slug = overrides.pop("slug", None) or unique("co")
        data = {
            "company_name": f"Company {slug}",
            "slug": slug,
            "country": "CN",
            "currency": "CNY",
            "locale": "zh-hans",
            "full_name": "Owner Person",
            "email": f"owner@{slug}.test",
            "password": PASSWORD,
        }
        data.update(overrides)
        return data

    return make


@pytest.fixture
def make_company(db: None, signup_payload: Callable[..., dict[str, str]]) -> Callable[..., Any]:
    """Create an active company with an owner through the sign-up service; returns the SignupResult."""
    from tenants.services import company_signup

    def make(**overrides: str) -> Any:
        return company_signup(**signup_payload(**overrides))

    return make


@pytest.fixture
def signed_in(db: None) -> Callable[[Any, Any], HostClient]:
    """A client on ``company``'s host with ``user`` signed in (session on that host only)."""

    def make(user: Any, company: Any) -> HostClient:
        from kernel.tenancy import company_context

        client = HostClient(company_host_for(company.slug))
        with company_context(company):  # the session is stored in the company's own schema
            client.force_login(user, backend="identity.backends.MemberAwareBackend")
        return client

    return make


WARM_POOL = 6


@pytest.fixture(scope="session", autouse=True)
def warm_pool(django_db_setup: None, django_db_blocker: Any) -> None:
    """Committed, migrated pool schemas for this worker's test database.

    Tests claim from the pool inside their transaction, and the rollback returns the schema to it, so most
    tests never build a schema. Two things would drain it for good: the flush that ends a
    ``transaction=True`` test (it empties every public table, pooled rows included) and fixtures that sign
    companies up for a whole module (committed claims). ``pytest_runtest_teardown`` gives a flushed pool its
    rows back and ``pytest_runtest_setup`` tops it up, so no later test pays seconds per schema built.
    """
    from tenants.selectors import pool_size
    from tenants.services import pool_add_schema

    if not _test_database_in_use():
        return  # no collected test uses the database, so pytest-django set none up
    with django_db_blocker.unblock():
        _schemas_cloned_from_a_template()
        while pool_size() < WARM_POOL:
            pool_add_schema()


_TEMPLATE: list[str] = []  # this session's template schema, once built
_CREATE_CLONE_FUNCTION: list[Any] = []  # django-tenants' own installer, kept before it is switched off


def _schemas_cloned_from_a_template() -> None:
    """Build every later schema of this session by copying one migrated the real way.

    Migrating a tenant schema from nothing costs about 10 s of Python (Django renders the migration state
    79 times); django-tenants' clone path (``TENANT_BASE_SCHEMA`` with ``TENANT_CREATION_FAKES_MIGRATIONS``,
    the path ``bench/provisioning.py`` measures) copies a migrated schema in about 1 s and fakes the
    migrations it already holds. The template is migrated here, from this checkout's migrations, so it is
    never behind; it has no company row (no test, flush or fleet run sees it). django-tenants replaces its
    ``clone_schema`` SQL function before every copy, and concurrent sign-ups replacing one function fail
    ("tuple concurrently updated"), so the function is installed once, committed, and not replaced again.
    Called again before each top-up: a template that went missing (or settings that lost it) is put back,
    since django-tenants would otherwise fall back to migrating without a word.
    """
    import sys

    from django.conf import settings
    from django_tenants.clone import CloneSchema

    from tenants.models import Company
    from tenants.services import pool_add_schema

    if _TEMPLATE and _existing_schemas(_TEMPLATE):
        name = _TEMPLATE[0]
    else:
        if _TEMPLATE:
            print(
                f"\nconftest: the template schema {_TEMPLATE[0]} is gone; migrating a new one",
                file=sys.stderr,
            )
        settings.TENANT_CREATION_FAKES_MIGRATIONS = False
        template = pool_add_schema()  # migrated by django-tenants' own path, then stripped of its row
        connection.set_schema_to_public()
        with (
            connection.cursor() as cursor
        ):  # SQL: a model delete would drop the schema too (auto_drop_schema)
            cursor.execute(f"DELETE FROM {Company._meta.db_table} WHERE id = %s", [template.pk])  # noqa: S608
        if not _CREATE_CLONE_FUNCTION:
            _CREATE_CLONE_FUNCTION.append(CloneSchema._create_clone_schema_function)
        _CREATE_CLONE_FUNCTION[0](CloneSchema())  # installed (again), committed
        CloneSchema._create_clone_schema_function = lambda self: None  # type: ignore[method-assign]
        _TEMPLATE[:] = [template.schema_name]
        name = template.schema_name
    settings.TENANT_BASE_SCHEMA = name
    settings.TENANT_CREATION_FAKES_MIGRATIONS = True


def _test_database_in_use() -> bool:
    settings_dict = connection.settings_dict
    return bool(settings_dict["NAME"] == settings_dict.get("TEST", {}).get("NAME"))


def _flushes(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def _db_unblocked(item: pytest.Item) -> Any:
    from pytest_django.plugin import blocking_manager_key

    return item.config.stash[blocking_manager_key].unblock()


def _existing_schemas(names: list[str]) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace WHERE nspname = ANY(%s)", [names])
        return {row[0] for row in cursor.fetchall()}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    """Top the warm pool up before the test's fixtures open its transaction (committed, so it stays)."""
    if _test_database_in_use():
        from tenants.selectors import pool_size
        from tenants.services import pool_add_schema

        with _db_unblocked(item):
            connection.set_schema_to_public()
            if pool_size() < WARM_POOL:
                _schemas_cloned_from_a_template()
                while pool_size() < WARM_POOL:
                    pool_add_schema()
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Give the warm pool its rows back after the flush that ends a ``transaction=True`` test.

    The flush empties the public tables only: the unclaimed pooled schemas stay, pristine. Their rows are
    noted before the teardown and put back after it for those whose schema still exists and that no row
    names any more (a test may drop schemas; a teardown that does not flush leaves the rows in place).
    Schemas the test claimed keep their data and are left alone.
    """
    if not (_flushes(item) and _test_database_in_use()):
        yield
        return
    from tenants.models import Company, CompanyStatus

    pooled: list[str] = []
    try:
        with _db_unblocked(item):
            connection.set_schema_to_public()
            pooled = list(
                Company.objects.filter(status=CompanyStatus.POOLED).values_list("schema_name", flat=True)
            )
    except Exception:  # a test may leave no usable connection; the next setup tops up
        pooled = []
    yield
    if not pooled or not _test_database_in_use():  # the last test's teardown also tears the database down
        return
    with _db_unblocked(item):
        connection.set_schema_to_public()
        named = set(Company.objects.filter(schema_name__in=pooled).values_list("schema_name", flat=True))
        existing = _existing_schemas(pooled)
        Company.objects.bulk_create(
            [
                Company(schema_name=name, status=CompanyStatus.POOLED)
                for name in pooled
                if name in existing and name not in named
            ]
        )


@pytest.fixture(autouse=True)
def _public_schema_after_test() -> Iterator[None]:
    yield
    if hasattr(connection, "set_schema_to_public"):
        connection.set_schema_to_public()
