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


def test_each_api_key_is_its_own_caller(make_company):
    """Two keys of one company may use the same key string for different requests (each is a caller)."""
    from conftest import HostClient, company_host_for
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for
    from identity.services import api_key_create

    result = make_company()
    actor = Actor(
        company=result.company,
        permissions=permissions_for(["owner"]),
        user=result.user,
        membership=Membership.objects.get(user=result.user, company=result.company),
    )
    client = HostClient(company_host_for(result.company.slug))
    answers = []
    for name in ("first", "second"):
        secret = api_key_create(actor=actor, name=name, permissions=["so.manage"]).secret
        answers.append(
            client.post_json(
                "/api/customers/",
                {"name": f"Customer of the {name} key"},
                HTTP_AUTHORIZATION=f"Bearer {secret}",
                HTTP_IDEMPOTENCY_KEY="shared-key",
            )
        )

    assert [a.status_code for a in answers] == [201, 201], [a.content for a in answers]
    assert answers[0].json()["id"] != answers[1].json()["id"]


def test_a_replay_a_day_later_is_the_same_bytes_and_purge_keeps_a_day(public_client, signup_payload):
    from datetime import timedelta

    from django.utils import timezone

    from kernel.idempotency import idempotency_records_purge
    from kernel.models import IdempotencyRecord

    pool_add_schema()
    payload = signup_payload()
    first = public_client.post_json("/api/signup/", payload, HTTP_IDEMPOTENCY_KEY="key-day")
    record = IdempotencyRecord.objects.get(key="key-day")
    IdempotencyRecord.objects.filter(pk=record.pk).update(created_at=timezone.now() - timedelta(hours=23))

    assert idempotency_records_purge() == 0
    replay = public_client.post_json("/api/signup/", payload, HTTP_IDEMPOTENCY_KEY="key-day")
    assert (replay.status_code, replay.content) == (first.status_code, first.content)
    assert replay["Idempotent-Replayed"] == "true"

    IdempotencyRecord.objects.filter(pk=record.pk).update(created_at=timezone.now() - timedelta(hours=25))
    assert idempotency_records_purge() == 1
    assert not IdempotencyRecord.objects.filter(pk=record.pk).exists()


def test_a_non_2xx_answer_rolls_back_what_the_view_wrote(public_client, signup_payload, monkeypatch):
    """A view that wrote and then answered 4xx without raising leaves nothing behind: all or nothing."""
    from rest_framework.response import Response

    from tenants.api import SignupView

    pool_add_schema()
    payload = signup_payload()
    real_post = SignupView.post.__wrapped__

    def post_then_refuse(self, request):
        real_post(self, request)  # the company is created...
        return Response({"code": "refused"}, status=422)  # ...and then the view answers a refusal

    monkeypatch.setattr(SignupView, "post", idempotent_for_test(post_then_refuse))
    response = public_client.post_json("/api/signup/", payload, HTTP_IDEMPOTENCY_KEY="key-refused")

    assert response.status_code == 422
    assert not Company.objects.filter(slug=payload["slug"]).exists()


def idempotent_for_test(method):
    from kernel.idempotency import idempotent

    return idempotent(method)
