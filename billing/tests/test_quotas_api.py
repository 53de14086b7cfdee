"""Quotas through the API, for every metered operation: with the last units left the call passes; with the
limit reached it answers ``402 quota_exceeded`` (meter, limit, used) and nothing is written: row counts
of the company's schema and of public unchanged, no file stored. Plan features refuse with ``403
feature_not_in_plan``.

The calls are the isolation probes' owner calls (tests/isolation), frozen as the idempotency contract
does; one company is seeded once for the module and each test runs in its own savepoint.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, transaction

from billing.meters import Feature, Meter
from billing.tests.limits import set_features, set_limit, used
from conftest import HostClient
from tests.api.idempotency_recipes import build_world, freeze, make_company_function, row_counts

pytestmark = pytest.mark.xdist_group("billing_quotas_api")

METERED = {
    "purchase_orders_create": Meter.PURCHASE_ORDERS,
    "sales_orders_create": Meter.SALES_ORDERS,
    "rfqs_publish": Meter.RFQS_PUBLISHED,
    "catalog_listings_create": Meter.LISTINGS,
    "catalog_imports_apply": Meter.LISTINGS,
    "invitations_accept": Meter.MEMBERS,
    "catalog_imports_create": Meter.STORAGE_MB,
    "catalog_listing_images_add": Meter.STORAGE_MB,
    "rfqs_attachments_upload": Meter.STORAGE_MB,
    "quotes_attachments_upload": Meter.STORAGE_MB,
    "certifications_document_upload": Meter.STORAGE_MB,
}


@pytest.fixture(scope="module")
def media(tmp_path_factory: Any) -> Any:
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="module")
def side(django_db_setup: None, django_db_blocker: Any, media: Any):
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=str(media)), django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield build_world(make_company_function())
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            connection.set_schema_to_public()  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _media(settings: Any, media: Any) -> None:
    settings.MEDIA_ROOT = str(media)


def _files() -> int:
    return sum(len(names) for _, _, names in os.walk(settings.MEDIA_ROOT))


def _certification_without_document(side: Any) -> None:
    """The probe's certification has a document: replacing it frees its MB first, so it would fit any
    limit. The quota test stores a first document, as a supplier uploading one does."""
    from marketplace.directory.models import Certification

    Certification.objects.filter(supplier__company=side.company).update(document="")


@pytest.mark.django_db
@pytest.mark.parametrize("op_id", sorted(METERED))
def test_at_the_limit_passes_and_one_over_is_refused_with_nothing_written(op_id, side):
    meter = METERED[op_id]
    company_id = side.company.pk
    call = freeze("tenant", op_id, side)
    if op_id == "certifications_document_upload":
        _certification_without_document(side)
    count = used(company_id=company_id, meter=meter)

    set_limit(company_id=company_id, meter=meter, included=count)
    before, files = row_counts(side), _files()
    refused = call.send(None)
    assert refused.status_code == 402, refused.content
    assert refused["Content-Type"] == "application/problem+json"
    problem = refused.json()
    assert (problem["code"], problem["meter"], problem["limit"], problem["used"]) == (
        "quota_exceeded",
        meter,
        count,
        count,
    )
    assert row_counts(side) == before
    assert _files() == files
    assert used(company_id=company_id, meter=meter) == count

    # The call needs ``requested`` (1, or the new rows of an import): with exactly that left it passes.
    requested = problem["requested"]
    assert requested >= 1
    set_limit(company_id=company_id, meter=meter, included=count + requested)
    passed = call.send(None)
    assert passed.status_code == call.ok, passed.content
    assert used(company_id=company_id, meter=meter) == count + requested


@pytest.mark.django_db
def test_api_requests_past_the_daily_limit_answer_402(side):
    client = HostClient(side.host)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {side.key_secret}"}
    assert client.get("/api/company/", **auth).status_code == 200
    count = used(company_id=side.company.pk, meter=Meter.API_REQUESTS)
    set_limit(company_id=side.company.pk, meter=Meter.API_REQUESTS, included=count + 1)
    assert client.get("/api/company/", **auth).status_code == 200
    refused = client.get("/api/company/", **auth)
    assert refused.status_code == 402
    assert refused.json()["code"] == "quota_exceeded"
    assert refused.json()["meter"] == "api_requests"
    assert used(company_id=side.company.pk, meter=Meter.API_REQUESTS) == count + 1
    # A signed-in member is not an API request: the web app keeps working.
    assert side.owner_client.get("/api/company/").status_code == 200


FEATURES = {
    "api_keys_create": (Feature.API_KEYS, None),
    "approval_rules_create": (Feature.APPROVALS_MULTI_LEVEL, None),  # its probe's rule has two steps
    "rfqs_create": (Feature.SEALED_RFQS, {"sealed": True}),
}


@pytest.mark.django_db
@pytest.mark.parametrize("op_id", sorted(FEATURES))
def test_a_feature_outside_the_plan_is_refused_with_nothing_written(op_id, side):
    feature, extra = FEATURES[op_id]
    call = freeze("tenant", op_id, side)
    if extra:
        call.body = {**(call.body or {}), **extra}
    others = [f.value for f in Feature if f != feature]
    set_features(company_id=side.company.pk, features=others)
    before = row_counts(side)
    refused = call.send(None)
    assert refused.status_code == 403, refused.content
    assert (refused.json()["code"], refused.json()["feature"]) == ("feature_not_in_plan", feature)
    assert row_counts(side) == before
    set_features(company_id=side.company.pk, features=[*others, feature.value])
    assert call.send(None).status_code == call.ok


@pytest.mark.django_db
def test_a_single_level_approval_rule_needs_no_feature(side):
    call = freeze("tenant", "approval_rules_create", side)
    call.body = {**(call.body or {}), "steps": [{"mode": "any", "roles": ["approver"]}]}
    set_features(company_id=side.company.pk, features=[])
    assert call.send(None).status_code == 201


@pytest.mark.django_db
def test_replacing_a_document_is_judged_by_what_is_stored_after(side):
    call = freeze("tenant", "certifications_document_upload", side)
    assert call.send(None).status_code == call.ok  # the certification has a document now
    count = used(company_id=side.company.pk, meter=Meter.STORAGE_MB)
    set_limit(company_id=side.company.pk, meter=Meter.STORAGE_MB, included=count)  # full
    assert call.send(None).status_code == call.ok  # the same size again: nothing more is stored
    assert used(company_id=side.company.pk, meter=Meter.STORAGE_MB) == count
