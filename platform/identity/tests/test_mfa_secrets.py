"""TOTP secrets and recovery-code seeds are stored encrypted, still work for sign-in, and rotate."""

from __future__ import annotations

import base64
import importlib
import os
import time
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.db import connection

from conftest import PASSWORD, HostClient, company_host_for
from kernel import crypto

pytestmark = pytest.mark.django_db

ENV = crypto.KEYS_ENV_VAR
LOGIN = "/_allauth/browser/v1/auth/login"
MFA = "/_allauth/browser/v1/auth/2fa/authenticate"


def new_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii")


def raw_data(authenticator_id: int) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE id = %s", [authenticator_id])
        value = cursor.fetchone()[0]
    import json

    return value if isinstance(value, dict) else json.loads(value)


def code_for(secret: str, *, offset: int = 0) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def sign_in_with_totp(company, email: str, secret: str, offset: int = 0) -> HostClient:
    client = HostClient(company_host_for(company.slug))
    first = client.post_json(LOGIN, {"email": email, "password": PASSWORD})
    assert first.status_code == 401, first.content
    assert any(f["id"] == "mfa_authenticate" and f.get("is_pending") for f in first.json()["data"]["flows"])
    second = client.post_json(MFA, {"code": code_for(secret, offset=offset)})
    assert second.status_code == 200, second.content
    return client


def test_a_totp_secret_is_stored_encrypted_and_sign_in_with_its_code_works(make_company):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    a = make_company()
    secret = generate_totp_secret()
    authenticator = TOTP.activate(a.user, secret).instance

    stored = raw_data(authenticator.pk)["secret"]
    assert stored != secret and secret not in stored
    assert stored.startswith(f"enc:v1:{crypto.active_key_id()}:")

    client = sign_in_with_totp(a.company, a.user.email, secret)
    assert client.get("/api/me/").json()["user"]["has_mfa"] is True
    # A wrong code is still refused.
    other = HostClient(company_host_for(a.company.slug))
    other.post_json(LOGIN, {"email": a.user.email, "password": PASSWORD})
    assert (
        other.post_json(MFA, {"code": "000000" if code_for(secret) != "000000" else "111111"}).status_code
        == 400
    )


def test_recovery_code_seeds_are_stored_encrypted_and_codes_still_work(make_company):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    a = make_company()
    TOTP.activate(a.user, generate_totp_secret())
    codes = RecoveryCodes.activate(a.user)
    seed = raw_data(codes.instance.pk)["seed"]
    assert seed.startswith("enc:v1:") and len(codes.generate_codes()) == 10

    client = HostClient(company_host_for(a.company.slug))
    client.post_json(LOGIN, {"email": a.user.email, "password": PASSWORD})
    assert client.post_json(MFA, {"code": codes.generate_codes()[0]}).status_code == 200


def test_rotation_re_encrypts_mfa_secrets_and_sign_in_works_under_the_new_key_alone(
    make_company, monkeypatch
):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    k1, k2 = new_key(), new_key()
    monkeypatch.setenv(ENV, f"k1:{k1}")
    a = make_company()
    secret = generate_totp_secret()
    totp = TOTP.activate(a.user, secret).instance
    recovery = RecoveryCodes.activate(a.user).instance
    assert raw_data(totp.pk)["secret"].startswith("enc:v1:k1:")

    monkeypatch.setenv(ENV, f"k2:{k2},k1:{k1}")
    out = StringIO()
    call_command("rotate_encryption_key", stdout=out, batch_size=1)
    assert "public mfa.Authenticator.data: 2 re-encrypted" in out.getvalue()
    assert raw_data(totp.pk)["secret"].startswith("enc:v1:k2:")
    assert raw_data(recovery.pk)["seed"].startswith("enc:v1:k2:")
    again = StringIO()
    call_command("rotate_encryption_key", stdout=again)
    assert "public mfa.Authenticator.data: 0 re-encrypted" in again.getvalue()

    monkeypatch.setenv(ENV, f"k2:{k2}")  # k1 retired
    sign_in_with_totp(a.company, a.user.email, secret)


def test_the_data_migration_encrypts_plain_secrets_left_by_earlier_versions(make_company):
    from allauth.mfa.models import Authenticator

    a = make_company()
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    plain = Authenticator.objects.create(user=a.user, type="totp", data={"secret": secret})
    plain_seed = Authenticator.objects.create(
        user=a.user, type="recovery_codes", data={"seed": "ab" * 40, "used_mask": 0}
    )
    assert raw_data(plain.pk)["secret"] == secret  # as allauth without the adapter stored it

    migration = importlib.import_module("identity.migrations.0004_encrypt_mfa_secrets")
    migration.encrypt_existing(django_apps, None)
    migration.encrypt_existing(django_apps, None)  # a second run changes nothing

    stored = raw_data(plain.pk)["secret"]
    assert stored.startswith("enc:v1:") and secret not in stored
    assert raw_data(plain_seed.pk)["seed"].startswith("enc:v1:") and raw_data(plain_seed.pk)["used_mask"] == 0
    sign_in_with_totp(a.company, a.user.email, secret)
