"""Sign-in on the public host forwards to the member's companies; repeated failures are throttled."""

from __future__ import annotations

import random

import pytest

from conftest import PASSWORD, HostClient, company_host_for

pytestmark = pytest.mark.django_db


def test_sign_in_lists_the_members_companies_with_working_handoff_links(make_company, public_client):
    a = make_company(company_name="Alpha")
    b = make_company(company_name="Beta", email=a.user.email)

    response = public_client.post_json("/api/signin/", {"email": a.user.email.upper(), "password": PASSWORD})

    assert response.status_code == 200
    companies = response.json()["companies"]
    assert [c["slug"] for c in companies] == [a.company.slug, b.company.slug]
    assert all(c["mfa_required"] is False for c in companies)
    host_b = HostClient(company_host_for(b.company.slug))
    assert host_b.get(companies[1]["handoff_url"].split(":8000", 1)[1]).status_code == 302
    assert host_b.get("/api/me/").json()["company"]["slug"] == b.company.slug
    # A link for company A does not open company B.
    host_b2 = HostClient(company_host_for(b.company.slug))
    assert host_b2.get(companies[0]["handoff_url"].split(":8000", 1)[1]).json()["code"] == "handoff_invalid"


def test_wrong_password_and_unknown_email_are_the_same_error(make_company, public_client):
    a = make_company()
    wrong = public_client.post_json("/api/signin/", {"email": a.user.email, "password": "nope-nope-nope"})
    unknown = public_client.post_json(
        "/api/signin/", {"email": "nobody@nowhere.test", "password": "nope-nope-nope"}
    )
    assert wrong.status_code == unknown.status_code == 400
    assert wrong.json()["code"] == unknown.json()["code"] == "invalid_credentials"


def test_repeated_failures_lock_the_account_for_a_while(make_company, public_client):
    a = make_company()
    attacker = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
    for _ in range(8):
        failed = public_client.post_json(
            "/api/signin/", {"email": a.user.email, "password": "wrong-password-x"}, REMOTE_ADDR=attacker
        )
        assert failed.json()["code"] == "invalid_credentials"
    # Even the right password, from another address, waits until the lock expires.
    locked = public_client.post_json(
        "/api/signin/", {"email": a.user.email, "password": PASSWORD}, REMOTE_ADDR="192.0.2.1"
    )
    assert locked.status_code == 429
    assert locked.json()["code"] == "too_many_attempts"
    assert int(locked["Retry-After"]) > 0


def test_me_can_change_language_and_name(make_company, signed_in):
    a = make_company()
    client = signed_in(a.user, a.company)
    response = client.patch_json("/api/me/", {"preferred_language": "en", "full_name": "New Name"})
    assert response.status_code == 200
    assert response.json()["user"]["preferred_language"] == "en"
    assert response.json()["user"]["full_name"] == "New Name"
    bad = client.patch_json("/api/me/", {"preferred_language": "fr"})
    assert bad.status_code == 400 and "preferred_language" in bad.json()["errors"]


def test_sign_up_mails_a_verification_link_to_the_public_host_after_commit(make_company, mailoutbox):
    from kernel.models import OutboxMessage
    from kernel.outbox import outbox_deliver_message

    a = make_company()
    message = OutboxMessage.objects.get(topic="identity.verify_email", payload={"user_id": a.user.pk})

    assert outbox_deliver_message(message_id=str(message.pk)) is True

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [a.user.email]
    assert "http://localhost:8000/account/verify-email/" in mailoutbox[0].body
