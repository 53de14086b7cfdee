"""Idempotency-Key on creating POSTs (exercised through sign-up, the first creating endpoint)."""

from __future__ import annotations

import pytest

from tenants.models import Company, CompanyStatus
from tenants.services import pool_add_schema

pytestmark = pytest.mark.django_db


def test_same_key_and_body_replay_the_first_response_without_running_twice(public_client, signup_payload):
    pool_add_schema()
    payload = signup_payload()

    first = public_client.post_json("/api/signup/", payload, HTTP_IDEMPOTENCY_KEY="key-1")
    replay = public_client.post_json("/api/signup/", payload, HTTP_IDEMPOTENCY_KEY="key-1")

    assert first.status_code == 201
    assert replay.status_code == 201
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
    assert Company.objects.filter(slug=payload["slug"]).count() == 1
    assert Company.objects.exclude(status=CompanyStatus.POOLED).filter(slug=payload["slug"]).count() == 1


def test_same_key_with_another_body_is_409_idempotency_key_reused(public_client, signup_payload):
    pool_add_schema()
    public_client.post_json("/api/signup/", signup_payload(), HTTP_IDEMPOTENCY_KEY="key-2")
    other = signup_payload()

    response = public_client.post_json("/api/signup/", other, HTTP_IDEMPOTENCY_KEY="key-2")

    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_key_reused"
    assert not Company.objects.filter(slug=other["slug"]).exists()


def test_a_refused_request_stores_nothing_so_the_key_can_carry_the_corrected_request(
    public_client, signup_payload
):
    pool_add_schema()
    good = signup_payload()
    bad = {**good, "currency": "XXX1"}
    first = public_client.post_json("/api/signup/", bad, HTTP_IDEMPOTENCY_KEY="key-3")
    second = public_client.post_json("/api/signup/", good, HTTP_IDEMPOTENCY_KEY="key-3")
    assert first.status_code == 400
    assert second.status_code == 201 and "Idempotent-Replayed" not in second


def test_without_a_key_each_request_runs(public_client, signup_payload):
    pool_add_schema()
    payload = signup_payload()
    assert public_client.post_json("/api/signup/", payload).status_code == 201
    assert public_client.post_json("/api/signup/", payload).json()["code"] == "slug_taken"


def test_overlong_key_is_a_validation_error(public_client, signup_payload):
    response = public_client.post_json("/api/signup/", signup_payload(), HTTP_IDEMPOTENCY_KEY="k" * 300)
    assert response.status_code == 400 and "Idempotency-Key" in response.json()["errors"]
