"""Sign-up through the warm pool: success, every kind of bad input, and faults half-way."""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

import pytest
from django.db import connection

from conftest import PASSWORD
from identity.models import Membership, User
from tenants.models import Company, CompanyStatus, Domain
from tenants.services import pool_add_schema

pytestmark = pytest.mark.django_db


def schema_exists(name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [name])
        return cursor.fetchone() is not None


def counts() -> tuple[int, int, int, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 't\\_%%'")
        schemas = cursor.fetchone()[0]
    return (
        Company.objects.exclude(status=CompanyStatus.POOLED).count(),
        User.objects.count(),
        Membership.objects.count(),
        schemas,
    )


def test_signup_claims_a_pooled_schema_and_signs_the_owner_in_on_the_new_host(public_client, signup_payload):
    pool_add_schema()
    pooled = set(Company.objects.filter(status=CompanyStatus.POOLED).values_list("schema_name", flat=True))
    schemas_before = counts()[3]
    payload = signup_payload(currency="EUR", country="DE", locale="en", full_name="Anna Schmidt")

    response = public_client.post_json("/api/signup/", payload)

    assert response.status_code == 201, response.content
    body = response.json()
    company = Company.objects.get(slug=payload["slug"])
    assert company.schema_name in pooled and counts()[3] == schemas_before  # claimed, not built
    assert company.schema_name.startswith("t_") and payload["slug"] not in company.schema_name
    assert (company.status, company.name, company.country, company.default_currency) == (
        "active",
        payload["company_name"],
        "DE",
        "EUR",
    )
    assert company.time_zone == "Europe/Berlin"  # seeded from the country
    assert Domain.objects.get(tenant=company).domain == f"{payload['slug']}.localhost"
    owner = User.objects.get(email=payload["email"])
    assert owner.full_name == "Anna Schmidt" and owner.preferred_language == "en"
    assert Membership.objects.get(user=owner, company=company).roles == ["owner"]
    assert body["workspace_url"] == f"http://{payload['slug']}.localhost:8000/"
    assert body["company"]["slug"] == payload["slug"] and body["company"]["currency"] == "EUR"

    from conftest import HostClient

    tenant = HostClient(f"{payload['slug']}.localhost:8000")
    assert tenant.get("/api/me/").status_code == 401
    handoff = tenant.get(body["handoff_url"].split(":8000", 1)[1])
    assert handoff.status_code == 302 and handoff["Location"] == "/"
    me = tenant.get("/api/me/").json()
    assert me["user"]["email"] == payload["email"]
    assert me["company"]["slug"] == payload["slug"]
    assert me["roles"] == ["owner"] and "members.manage" in me["permissions"]
    # The handoff link works once.
    again = HostClient(f"{payload['slug']}.localhost:8000").get(body["handoff_url"].split(":8000", 1)[1])
    assert again.status_code == 400 and again.json()["code"] == "handoff_invalid"


@pytest.mark.parametrize(
    ("overrides", "status", "code", "field"),
    [
        ({"slug": "www"}, 400, "validation_error", "slug"),
        ({"slug": "admin"}, 400, "validation_error", "slug"),
        ({"slug": "ab"}, 400, "validation_error", "slug"),
        ({"slug": "a" * 41}, 400, "validation_error", "slug"),
        ({"slug": "has space"}, 400, "validation_error", "slug"),
        ({"slug": "-edge"}, 400, "validation_error", "slug"),
        ({"slug": "under_score"}, 400, "validation_error", "slug"),
        ({"email": "not-an-email"}, 400, "validation_error", "email"),
        ({"password": "short1"}, 400, "validation_error", "password"),
        ({"password": "password123"}, 400, "validation_error", "password"),
        ({"password": "1234567890123"}, 400, "validation_error", "password"),
        ({"currency": "XYZ"}, 400, "validation_error", "currency"),
        ({"country": "ZZ"}, 400, "validation_error", "country"),
        ({"locale": "fr"}, 400, "validation_error", "locale"),
        ({"company_name": ""}, 400, "validation_error", "company_name"),
    ],
)
def test_bad_input_is_refused_with_field_errors_and_nothing_is_created(
    public_client, signup_payload, overrides, status, code, field
):
    pool_add_schema()
    before = counts()

    response = public_client.post_json("/api/signup/", signup_payload(**overrides))

    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == code and body["status"] == status
    assert field in body["errors"] and body["errors"][field]
    assert counts() == before


def test_duplicate_slug_is_409_slug_taken_and_nothing_is_created(public_client, signup_payload, make_company):
    taken = make_company().company.slug
    pool_add_schema()
    before = counts()

    response = public_client.post_json("/api/signup/", signup_payload(slug=taken))

    assert response.status_code == 409
    assert response.json()["code"] == "slug_taken"
    assert "slug" in response.json()["errors"]
    assert counts() == before


def test_missing_fields_and_malformed_json_are_problems(public_client):
    response = public_client.post_json("/api/signup/", {})
    assert response.status_code == 400
    assert set(response.json()["errors"]) >= {
        "company_name",
        "slug",
        "country",
        "currency",
        "email",
        "password",
    }
    malformed = public_client.post("/api/signup/", data="{not json", content_type="application/json")
    assert malformed.status_code == 400 and malformed.json()["code"] == "malformed_request"


def test_oversize_body_is_refused_before_parsing(public_client, signup_payload, settings):
    before = counts()
    payload = signup_payload(company_name="x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10))

    response = public_client.post("/api/signup/", data=json.dumps(payload), content_type="application/json")

    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"
    assert counts() == before


def test_failure_half_way_leaves_no_partial_company(public_client, signup_payload, monkeypatch):
    pooled = pool_add_schema()
    before = counts()
    from identity import services as identity_services

    def explode(**kwargs):
        raise RuntimeError("membership store unavailable")

    monkeypatch.setattr(identity_services, "membership_create", explode)
    payload = signup_payload()

    with pytest.raises(RuntimeError):
        from tenants.services import company_signup

        company_signup(**payload)

    assert counts() == before
    assert not Company.objects.filter(slug=payload["slug"]).exists()
    assert not User.objects.filter(email=payload["email"]).exists()
    pooled.refresh_from_db()
    assert pooled.status == CompanyStatus.POOLED and pooled.slug is None  # back in the pool, untouched


def test_empty_pool_builds_a_schema_on_the_spot(make_company):
    Company.objects.filter(status=CompanyStatus.POOLED).delete()

    result = make_company()

    assert result.company.status == "active"
    assert schema_exists(result.company.schema_name)
    assert not Company.objects.filter(status=CompanyStatus.POOLED).exists()


def test_existing_user_adds_a_company_with_the_same_password(make_company, signup_payload):
    first = make_company()
    email = first.user.email

    second = make_company(email=email)

    assert second.user.pk == first.user.pk
    assert Membership.objects.filter(user=first.user).count() == 2


HANDOFF = re.compile(
    r"^http://(?P<slug>[a-z0-9-]+)\.localhost:8000/api/session/handoff/\?token=[A-Za-z0-9_-]{43}$"
)


def test_an_existing_address_with_another_password_is_answered_like_a_new_one(
    make_company, public_client, signup_payload, mailoutbox
):
    from conftest import HostClient
    from identity.handlers import signup_existing_account
    from kernel.models import OutboxMessage

    first = make_company(locale="en")
    pool_add_schema()
    users_before = User.objects.count()

    fresh = public_client.post_json("/api/signup/", signup_payload())
    taken = public_client.post_json(
        "/api/signup/", signup_payload(email=first.user.email, password="another-pass-123")
    )

    # Same status, same shape, same kind of link: the answer does not say the address has an account.
    assert (fresh.status_code, taken.status_code) == (201, 201), taken.content
    assert fresh["Content-Type"] == taken["Content-Type"]
    fresh_body, taken_body = fresh.json(), taken.json()
    assert set(fresh_body) == set(taken_body) and set(fresh_body["company"]) == set(taken_body["company"])
    assert HANDOFF.match(fresh_body["handoff_url"]) and HANDOFF.match(taken_body["handoff_url"])
    assert first.user.email not in taken.content.decode()

    # The company exists, owned by the existing account alone; no account was made or changed.
    company = Company.objects.get(slug=taken_body["company"]["slug"])
    assert list(Membership.objects.filter(company=company).values_list("user__email", "roles")) == [
        (first.user.email, ["owner"])
    ]
    assert User.objects.count() == users_before + 1  # the fresh sign-up's owner only
    first.user.refresh_from_db()
    assert first.user.check_password(PASSWORD) and not first.user.check_password("another-pass-123")

    # The link signs nobody in: it leads to the new company's sign-in page, once.
    host = HostClient(f"{company.slug}.localhost:8000")
    path = taken_body["handoff_url"].split(":8000", 1)[1]
    followed = host.get(path)
    assert followed.status_code == 302
    assert followed["Location"] == "/signin?" + urlencode({"email": first.user.email})
    assert host.get("/api/me/").status_code == 401
    assert host.get(path).json()["code"] == "handoff_invalid"

    # The address's owner is told, in their language, with the way in and the way to a new password.
    message = OutboxMessage.objects.get(topic="identity.signup_existing_account")
    assert message.payload == {"user_id": first.user.pk, "company_id": company.pk}
    signup_existing_account(message.payload)
    [mail] = [m for m in mailoutbox if m.to == [first.user.email]]
    assert company.name in mail.subject
    assert f"http://{company.slug}.localhost:8000/signin?email=" in mail.body
    assert "http://localhost:8000/account/password/reset" in mail.body
    assert "password given was not your account" in mail.body


def test_the_notice_is_in_chinese_for_a_chinese_speaking_owner(make_company, signup_payload, mailoutbox):
    from identity.services.signup_notice import signup_existing_account_mail_send
    from tenants.services import company_signup

    first = make_company(locale="zh-hans")
    result = company_signup(**signup_payload(email=first.user.email, password="another-pass-123"))
    signup_existing_account_mail_send(user_id=first.user.pk, company_id=result.company.pk)
    [mail] = mailoutbox
    assert mail.subject.startswith("您的 Hansa 账户新增了一家公司") and "忘记密码" in mail.body


def test_a_weak_password_is_refused_the_same_way_for_new_and_existing_addresses(
    make_company, public_client, signup_payload
):
    first = make_company()
    pool_add_schema()
    before = counts()

    new = public_client.post_json("/api/signup/", signup_payload(password="password123"))
    existing = public_client.post_json(
        "/api/signup/", signup_payload(email=first.user.email, password="password123")
    )

    assert new.status_code == existing.status_code == 400
    assert new.json()["errors"].keys() == existing.json()["errors"].keys() == {"password"}
    assert new.json()["errors"]["password"] == existing.json()["errors"]["password"]
    assert counts() == before


def test_wrong_passwords_count_as_failed_sign_ins_and_lock_even_the_right_one_out(
    make_company, signup_payload
):
    from identity.services.accounts import SIGNIN_FAILURE_LIMIT
    from tenants.services import company_signup

    first = make_company()
    for attempt in range(SIGNIN_FAILURE_LIMIT):
        result = company_signup(
            **signup_payload(email=first.user.email, password=f"guess-{attempt}-passw0rd")
        )
        assert result.user.pk == first.user.pk and result.handoff_url
    # Over the limit, the right password proves nothing either: no link that signs in.
    locked = company_signup(**signup_payload(email=first.user.email))
    from conftest import HostClient

    host = HostClient(f"{locked.company.slug}.localhost:8000")
    followed = host.get(locked.handoff_url.split(":8000", 1)[1])
    assert followed.status_code == 302 and followed["Location"].startswith("/signin?")
    assert host.get("/api/me/").status_code == 401


def test_slug_check_reports_availability(public_client, make_company):
    taken = make_company().company.slug
    assert public_client.get("/api/signup/slug-check/?slug=free-name-1").json()["available"] is True
    body = public_client.get(f"/api/signup/slug-check/?slug={taken}").json()
    assert body == {
        "slug": taken,
        "available": False,
        "code": "slug_taken",
        "detail": "This address is already taken.",
    }
    assert public_client.get("/api/signup/slug-check/?slug=api").json()["code"] == "slug_reserved"
    assert public_client.get("/api/signup/slug-check/?slug=a_b").json()["code"] == "slug_invalid"


def test_a_refill_whose_lock_expires_during_a_build_ends_without_an_error(monkeypatch):
    """One schema took longer than the lock: the refill stops there, and releasing the lost lock is no error."""
    import time

    from tenants import selectors, services

    monkeypatch.setattr(services, "POOL_REFILL_LOCK_SECONDS", 1)
    real = services.pool_add_schema

    def slow_build() -> Company:
        time.sleep(1.5)  # the lock expires meanwhile
        return real()

    monkeypatch.setattr(services, "pool_add_schema", slow_build)
    before = selectors.pool_size()
    assert services.pool_refill(target=before + 3) == 1  # stopped after the build that outlived the lock
    assert selectors.pool_size() == before + 1
