from __future__ import annotations

import pytest

from conftest import HostClient


@pytest.fixture
def make_operator(db):
    """An operator with an authenticator, signed in on the public host."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from identity.models import User

    def make(email: str = "op@billing.test") -> HostClient:
        operator = User.objects.create_user(email=email, password="operator-pass-123", is_operator=True)
        TOTP.activate(operator, generate_totp_secret())
        client = HostClient("localhost:8000")
        client.force_login(operator, backend="identity.backends.MemberAwareBackend")
        client.user = operator  # type: ignore[attr-defined]
        return client

    return make


@pytest.fixture
def operator_client(make_operator):
    return make_operator()
