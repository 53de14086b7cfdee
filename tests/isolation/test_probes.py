"""The cross-tenant probe suite: every operation of both OpenAPI documents, probed from the other side.

For every operation, with two companies A and B whose objects carry the markers "amarker" / "bmarker":

(a) A's session and A's API key, sent to B's host, never get a 2xx carrying B's data, and change nothing;
(b) ids of B's objects (and B's tokens) used on A's host answer 404 (or 400 for tokens) and change nothing;
(c) lists on A's host contain none of B's markers;
(d) each denial is paired with the same call succeeding for the owner it belongs to.

An operation in a document without a probe here fails the suite: a new endpoint cannot escape it.
"""

from __future__ import annotations

import copy
from collections import Counter

import pytest

from conftest import HostClient
from hansa.openapi import document
from tests.isolation.world import PUBLIC_PROBES, TENANT_PROBES, Probe, Side, build_side

STATS: Counter[str] = Counter()


@pytest.fixture(autouse=True)
def report_stats(request):
    """Hand this test's probe counts to the controller (see ``pytest_terminal_summary`` in conftest.py)."""
    before = Counter(STATS)
    yield
    request.node.user_properties.extend(
        (f"isolation_{key}", count) for key, count in (STATS - before).items()
    )
    if request.node.name.startswith(("test_tenant_operation", "test_public_operation")):
        request.node.user_properties.append(("isolation_operations", 1))


def operations(host: str) -> dict[str, tuple[str, str]]:
    doc = document(host)
    return {
        op["operationId"]: (method.upper(), path)
        for path, item in doc["paths"].items()
        for method, op in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    }


@pytest.fixture
def world(make_company, signed_in):
    a = build_side("amarker", make_company, signed_in)
    b = build_side("bmarker", make_company, signed_in)
    return a, b


def body_of(response) -> str:
    return response.content.decode(errors="replace").lower()


def leaks(response, side: Side) -> bool:
    return 200 <= response.status_code < 300 and side.marker in body_of(response)


@pytest.mark.parametrize("host", ["tenant", "public"])
def test_every_operation_has_a_probe(host):
    registry = TENANT_PROBES if host == "tenant" else PUBLIC_PROBES
    ops = operations(host)
    uncovered = sorted(set(ops) - set(registry))
    assert uncovered == [], f"operations without an isolation probe in tests/isolation/world.py: {uncovered}"
    for op_id, (method, path) in ops.items():
        assert (registry[op_id].method, registry[op_id].path) == (method, path), f"probe for {op_id} is stale"
    stale = sorted(set(registry) - set(ops))
    assert stale == [], f"probes for operations that no longer exist: {stale}"


@pytest.mark.django_db
@pytest.mark.parametrize("op_id", sorted(TENANT_PROBES))
def test_tenant_operation_is_isolated(op_id, world):
    probe: Probe = TENANT_PROBES[op_id]
    a, b = world
    b_before = b.fingerprint()

    # (a) A's session and A's API key on B's host, aimed at B's objects (for operations that admit anyone
    # holding a token, with A's tokens: B's own tokens are B's secrets, not a leak when they work).
    aim = a if probe.public_access else b
    foreign_session = HostClient(b.host)
    foreign_session.cookies = copy.deepcopy(a.owner_client.cookies)
    for label, client, headers in (
        ("session", foreign_session, {}),
        ("api key", HostClient(b.host), {"HTTP_AUTHORIZATION": f"Bearer {a.key_secret}"}),
    ):
        response = probe.send(client, aim, **headers)
        STATS["probes"] += 1
        assert not leaks(response, b), (
            f"{op_id}: A's {label} on B's host got B's data ({response.status_code})"
        )
        if not probe.public_access:
            assert response.status_code in (401, 403, 404), (
                f"{op_id}: A's {label} on B's host: {response.status_code}"
            )
        assert b.fingerprint() == b_before, f"{op_id}: A's {label} on B's host changed B's data"

    # (b) B's object ids (or tokens) on A's host, as A's owner.
    if probe.ids or probe.query or (probe.public_access and probe.body):
        response = probe.send(a.owner_client, b)
        STATS["probes"] += 1
        assert not leaks(response, b), f"{op_id}: B's ids on A's host returned B's data"
        if probe.ids:
            assert response.status_code == 404, (
                f"{op_id}: B's ids on A's host answered {response.status_code}"
            )
            assert response.json()["code"] == "not_found"
        elif op_id != "session_handoff":
            assert response.status_code in (400, 404), (
                f"{op_id}: B's token on A's host: {response.status_code}"
            )
        assert b.fingerprint() == b_before, f"{op_id}: B's ids on A's host changed B's data"

    # (c) Lists on A's host show none of B's markers.
    if probe.lists:
        response = probe.send(a.owner_client, a)
        STATS["probes"] += 1
        assert response.status_code == 200 and "bmarker" not in body_of(response), (
            f"{op_id}: B's data listed on A's host"
        )

    # (d) Paired successes: A's owner with A's own objects, and B's owner on B's host.
    own = probe.send(a.owner_client if not probe.public_access else HostClient(a.host), a)
    assert own.status_code == probe.ok, (
        f"{op_id}: A's owner on A's own objects got {own.status_code}: {own.content[:300]}"
    )
    theirs = probe.send(b.owner_client if not probe.public_access else HostClient(b.host), b)
    assert theirs.status_code == probe.ok, f"{op_id}: B's owner on B's host got {theirs.status_code}"
    if probe.lists:
        assert "bmarker" in body_of(theirs), f"{op_id}: the list check could not see B's own markers"
    STATS["pairs"] += 2


@pytest.fixture
def operator_client(db):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from identity.models import User

    operator = User.objects.create_user(
        email="operator@probe.test", password="operator-pass-123", is_operator=True
    )
    TOTP.activate(operator, generate_totp_secret())
    client = HostClient("localhost:8000")
    client.force_login(operator, backend="identity.backends.MemberAwareBackend")
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("op_id", sorted(PUBLIC_PROBES))
def test_public_operation_is_isolated(op_id, world, operator_client):
    probe: Probe = PUBLIC_PROBES[op_id]
    a, b = world
    b_before = b.fingerprint()
    a_on_public = HostClient("localhost:8000")
    a_on_public.force_login(a.owner, backend="identity.backends.MemberAwareBackend")
    tenant_cookie_on_public = HostClient("localhost:8000")
    tenant_cookie_on_public.cookies = copy.deepcopy(a.owner_client.cookies)

    callers = [
        ("A's company-host session", tenant_cookie_on_public, {}),
        ("A's API key", HostClient("localhost:8000"), {"HTTP_AUTHORIZATION": f"Bearer {a.key_secret}"}),
        ("A's owner on the public host", a_on_public, {}),
    ]
    for label, client, headers in callers:
        response = probe.send(client, b if probe.ids else a, **headers)
        STATS["probes"] += 1
        assert not leaks(response, b), f"{op_id}: {label} got B's data on the public host"
        assert b.fingerprint() == b_before, f"{op_id}: {label} changed B's data"
        if op_id.startswith("console_"):
            assert response.status_code in (401, 403), f"{op_id}: {label} reached the operator console"
        elif not probe.public_access and label != "A's owner on the public host":
            assert response.status_code == 401, f"{op_id}: {label} was accepted on the public host"

    # (d) The entitled caller succeeds: operators for the console, the owner (or anyone) otherwise.
    entitled = (
        operator_client
        if op_id.startswith("console_")
        else (a_on_public if not probe.public_access else HostClient("localhost:8000"))
    )
    response = probe.send(entitled, b if probe.ids else a)
    assert response.status_code == probe.ok, f"{op_id}: entitled caller got {response.status_code}"
    STATS["pairs"] += 1
