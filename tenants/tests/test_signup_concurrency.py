"""Sign-ups racing each other, with real threads against the real database."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from tenants.exceptions import SlugTaken
from tenants.models import Company, CompanyStatus
from tenants.services import company_signup, pool_add_schema

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def drop_created_schemas():
    before = set(Company.objects.values_list("schema_name", flat=True))
    yield
    for company in Company.objects.exclude(schema_name__in=before):
        company.delete(force_drop=True)


def run_in_threads(n: int, target: Callable[[int], object]) -> tuple[list[object], list[BaseException]]:
    results: list[object] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(n)
    lock = threading.Lock()

    def work(i: int) -> None:
        try:
            barrier.wait()
            value = target(i)
            with lock:
                results.append(value)
        except BaseException as exc:
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    return results, errors


def test_twenty_concurrent_signups_get_twenty_distinct_schemas(signup_payload, drop_created_schemas):
    for _ in range(4):
        pool_add_schema()  # a pool smaller than the crowd: the rest are built on the spot
    payloads = [signup_payload() for _ in range(20)]

    results, errors = run_in_threads(20, lambda i: company_signup(**payloads[i]))

    import traceback

    assert errors == [], "".join(traceback.format_exception(errors[0]))
    schemas = {r.company.schema_name for r in results}  # type: ignore[attr-defined]
    assert len(schemas) == 20
    active = Company.objects.filter(slug__in=[p["slug"] for p in payloads], status=CompanyStatus.ACTIVE)
    assert set(active.values_list("schema_name", flat=True)) == schemas
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_namespace WHERE nspname = ANY(%s)", [list(schemas)])
        assert cursor.fetchone()[0] == 20


def test_two_signups_racing_for_one_slug_exactly_one_wins(signup_payload, drop_created_schemas):
    for _ in range(4):
        pool_add_schema()
    pooled_before = Company.objects.filter(status=CompanyStatus.POOLED).count()
    slug = signup_payload()["slug"]
    payloads = [signup_payload(slug=slug, email=f"racer{i}@race.test") for i in range(4)]

    results, errors = run_in_threads(4, lambda i: company_signup(**payloads[i]))

    assert len(results) == 1
    assert len(errors) == 3 and all(isinstance(e, SlugTaken) for e in errors)
    assert Company.objects.filter(slug=slug).count() == 1
    # The losers' claimed schemas went back to the pool: only the winner's left it.
    assert Company.objects.filter(status=CompanyStatus.POOLED).count() == pooled_before - 1
