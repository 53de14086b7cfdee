"""Schemathesis over both OpenAPI documents, in-process, signed in as a member.

Every operation gets a bounded number of generated requests (valid and invalid) through the real WSGI
application: no 5xx, every response (status, content type, body) conforms to the document, and invalid
input is rejected with a 4xx. The company host is signed in as its owner; the public host as an operator
with MFA (so that the console's operations are exercised past their permission check).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.middleware.csrf import _get_new_csrf_string  # type: ignore[attr-defined]
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from conftest import company_host_for
from hansa.openapi import document

MAX_EXAMPLES = int(os.environ.get("HANSA_SCHEMATHESIS_EXAMPLES", "12"))
SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

tenant_schema = schemathesis.openapi.from_dict(document("tenant"))
public_schema = schemathesis.openapi.from_dict(document("public"))
APP = get_wsgi_application()
tenant_schema.app = APP
public_schema.app = APP


@pytest.fixture(autouse=True)
def keep_test_connection():
    """The WSGI handler closes the connection after each request; the test's transaction needs it open
    (Django's own test client disconnects the same receiver)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def session_of(client) -> dict[str, str]:
    from django.conf import settings as dj

    token = _get_new_csrf_string()
    return {
        dj.SESSION_COOKIE_NAME: client.cookies[dj.SESSION_COOKIE_NAME].value,
        dj.CSRF_COOKIE_NAME: token,
    }, token


@pytest.fixture
def tenant_caller(make_company, signed_in):
    company = make_company()
    CURRENT["tenant"] = session_of(signed_in(company.user, company.company))
    return f"http://{company_host_for(company.company.slug)}"


@pytest.fixture
def operator_caller(db, make_company):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from conftest import HostClient
    from identity.models import User

    make_company()  # something for the console to list
    operator = User.objects.create_user(
        email="schemathesis-op@hansa.test", password="operator-pass-123", is_operator=True
    )
    TOTP.activate(operator, generate_totp_secret())
    client = HostClient("localhost:8000")
    client.force_login(operator, backend="identity.backends.MemberAwareBackend")
    CURRENT["public"] = session_of(client)
    return "http://localhost:8000"


# Left out, with its reason: positive_data_acceptance. A schema-valid request may still be refused for
# reasons no schema can state (an unknown invitation or sign-in token, a wrong password, a taken slug);
# those are 4xx by design.
EXCLUDED = [positive_data_acceptance]

# The signed-in session of the running test, handed to Schemathesis through its auth providers, so that
# it knows the credentials and can also send requests without them (its ignored_auth check).
CURRENT: dict[str, tuple[dict[str, str], str]] = {}


class SessionAuth:
    key = ""

    def get(self, case, ctx):
        return CURRENT.get(self.key)

    def set(self, case, data, ctx):
        if data is None:
            return
        cookies, token = data
        case.cookies = {**(case.cookies or {}), **cookies}
        case.headers = {**(case.headers or {}), "X-CSRFToken": token}


@tenant_schema.auth(refresh_interval=None)
class TenantSessionAuth(SessionAuth):
    key = "tenant"


@public_schema.auth(refresh_interval=None)
class OperatorSessionAuth(SessionAuth):
    key = "public"


def exercise(case, caller) -> None:
    case.call_and_validate(base_url=caller, excluded_checks=EXCLUDED)


@pytest.mark.django_db
@tenant_schema.parametrize()
@SETTINGS
def test_tenant_api_conforms(case, tenant_caller):
    exercise(case, tenant_caller)


@pytest.mark.django_db
@public_schema.parametrize()
@SETTINGS
def test_public_api_conforms(case, operator_caller):
    exercise(case, operator_caller)
