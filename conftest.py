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
    tests never build a schema. (Tests with ``transaction=True`` end with a flush that empties the pool;
    tests after them build schemas on the spot, as production does when the pool is empty.)
    """
    from tenants.selectors import pool_size
    from tenants.services import pool_add_schema

    settings_dict = connection.settings_dict
    if settings_dict["NAME"] != settings_dict.get("TEST", {}).get("NAME"):
        return  # no collected test uses the database, so pytest-django set none up
    with django_db_blocker.unblock():
        while pool_size() < WARM_POOL:
            pool_add_schema()


@pytest.fixture(autouse=True)
def _public_schema_after_test() -> Iterator[None]:
    yield
    if hasattr(connection, "set_schema_to_public"):
        connection.set_schema_to_public()
