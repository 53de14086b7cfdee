"""A read-only workspace (``Company.billing_lock == "read_only"``: the subscription lapsed or went unpaid),
for EVERY write operation (POST, PUT, PATCH, DELETE) of the tenant OpenAPI document: the call answers
``402 subscription_read_only`` as problem+json and nothing is written (row counts of the company's schema
and of public unchanged). The documented open paths (``HANSA_BILLING_LOCK_OPEN_PATHS``: the billing
endpoints, sign-in and sign-out) still work, and so do reads.

The calls are the isolation probes' owner calls (tests/isolation), frozen as the idempotency contract
does: each is a request that succeeds when the workspace is not locked. One company is seeded once for
the module in a transaction rolled back at its end; each test runs in its own savepoint.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, transaction

from conftest import HostClient
from hansa.openapi import document
from tests.api.idempotency_recipes import build_world, freeze, make_company_function, row_counts
from tests.isolation.world import TENANT_PROBES

pytestmark = pytest.mark.xdist_group("read_only")

WRITE_METHODS = ("post", "put", "patch", "delete")


def write_operations() -> list[tuple[str, str, str]]:
    """(operationId, METHOD, path) of every write operation of the tenant document."""
    return sorted(
        (op["operationId"], method.upper(), path)
        for path, item in document("tenant")["paths"].items()
        for method, op in item.items()
        if method in WRITE_METHODS
    )


OPERATIONS = write_operations()
OPEN_PATHS = tuple(settings.HANSA_BILLING_LOCK_OPEN_PATHS)

# Reads that must keep answering: the workspace's main lists and pages.
READS = (
    "me_get",
    "company_get",
    "members_list",
    "audit_list",
    "purchase_orders_list",
    "purchase_orders_get",
    "sales_orders_list",
    "rfqs_list",
    "catalog_listings_list",
    "catalog_listings_get",
)


def _open(path: str) -> bool:
    return path.startswith(OPEN_PATHS)


@pytest.fixture(scope="module")
def side(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any):
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))), django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world(make_company_function())
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            connection.set_schema_to_public()  # type: ignore[attr-defined]


def _lock(side: Any, lock: str = "read_only") -> None:
    from tenants.models import Company

    Company.objects.filter(pk=side.company.pk).update(billing_lock=lock)


def test_the_document_has_write_operations_and_each_has_a_probe():
    assert len(OPERATIONS) >= 80
    assert [op for op, _, _ in OPERATIONS if op not in TENANT_PROBES] == []


@pytest.mark.django_db
@pytest.mark.parametrize("operation", OPERATIONS, ids=[op for op, _, _ in OPERATIONS])
def test_every_write_is_refused_and_writes_nothing(operation, side):
    op_id, method, path = operation
    call = freeze("tenant", op_id, side)  # seeds what the ids need, before the lock
    assert (call.probe.method, call.probe.path) == (method, path), f"{op_id}: its probe is stale"
    _lock(side)
    before = row_counts(side)
    response = call.send(None)
    if _open(path):
        assert response.status_code != 402, f"{op_id} is an open path: {response.content[:300]}"
        return
    assert response.status_code == 402, f"{op_id}: {response.status_code} {response.content[:300]}"
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "subscription_read_only"
    assert row_counts(side) == before, f"{op_id} wrote while read-only"


@pytest.mark.django_db
@pytest.mark.parametrize("op_id", READS)
def test_reads_still_answer(op_id, side):
    call = freeze("tenant", op_id, side)
    _lock(side)
    response = call.send(None)
    assert response.status_code == 200, f"{op_id}: {response.status_code} {response.content[:300]}"


@pytest.mark.django_db
def test_sign_out_and_sign_in_stay_open(side):
    _lock(side)
    client = HostClient(side.host)
    signed_out = client.delete("/_allauth/browser/v1/auth/session")
    assert signed_out.status_code != 402
    signed_in = client.post(
        "/_allauth/browser/v1/auth/login",
        data=json.dumps({"email": side.owner.email, "password": "correct-horse-battery-9"}),
        content_type="application/json",
    )
    assert signed_in.status_code == 200, signed_in.content[:300]


@pytest.mark.django_db
def test_the_same_write_passes_once_the_lock_is_lifted(side):
    call = freeze("tenant", "purchase_orders_create", side)
    _lock(side)
    assert call.send(None).status_code == 402
    _lock(side, "")
    assert call.send(None).status_code == 201
