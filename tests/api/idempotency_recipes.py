"""Valid requests for every operation that declares ``Idempotency-Key``, taken from the isolation probes.

The probe world (tests/isolation/world.py and probes_*.py) already knows how to make each operation's
owner call succeed; this module freezes one such call (URL, body, caller) so that it can be sent several
times, and counts the rows of every table of a company's schema and of ``public``.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection

from conftest import HostClient, company_host_for, unique
from hansa.openapi import document
from tests.isolation.world import PUBLIC_PROBES, TENANT_PROBES, Probe, Side, build_side, probe_modules

PUBLIC_HOST = "localhost:8000"


# In one committed world, operations that consume what another's recipe needs run after it.
RUN_FIRST = ("rfqs_award",)


def declaring_operations() -> list[tuple[str, str, str, str]]:
    """(host, operationId, METHOD, path) of every operation whose document declares Idempotency-Key
    (those of RUN_FIRST first)."""
    found = []
    for host in ("public", "tenant"):
        for path, item in document(host)["paths"].items():
            for method, op in item.items():
                if any(
                    p.get("in") == "header" and p["name"] == "Idempotency-Key"
                    for p in op.get("parameters", [])
                ):
                    found.append((host, op["operationId"], method.upper(), path))
    return sorted(found, key=lambda op: (op[1] not in RUN_FIRST, op))


def recipe_problems(host: str, op_id: str, method: str, path: str) -> list[str]:
    """Why the probe of an operation cannot serve as its idempotency recipe (empty when it can)."""
    probe = (TENANT_PROBES if host == "tenant" else PUBLIC_PROBES).get(op_id)
    if probe is None:
        return [f"{host} {op_id}: no probe in tests/isolation/probes_*.py to make a valid request from"]
    problems = []
    if (probe.method, probe.path) != (method, path):
        problems.append(f"{host} {op_id}: its probe is stale ({probe.method} {probe.path})")
    if not 200 <= OK.get((host, op_id), probe.ok) < 300:
        problems.append(f"{host} {op_id}: its probe does not expect a 2xx answer")
    return problems


def build_world(make_company: Any) -> Side:
    """One company with every probe module's objects (seeded now, not lazily inside a test)."""

    def signed_in(user: Any, company: Any) -> HostClient:
        from kernel.tenancy import company_context

        client = HostClient(company_host_for(company.slug))
        with company_context(company):
            client.force_login(user, backend="identity.backends.MemberAwareBackend")
        return client

    side = build_side("imarker", make_company, signed_in)
    for module in probe_modules():
        if hasattr(module, "seed"):
            module.seed(side)
    connection.set_schema_to_public()
    return side


def make_company_function() -> Any:
    from tenants.services import company_signup

    def make(**overrides: str) -> Any:
        slug = overrides.pop("slug", None) or unique("co")
        data = {
            "company_name": f"Company {slug}",
            "slug": slug,
            "country": "CN",
            "currency": "CNY",
            "locale": "en",
            "full_name": "Owner Person",
            "email": f"owner@{slug}.test",
            "password": "correct-horse-battery-9",
        }
        data.update(overrides)
        return company_signup(**data)

    return make


@dataclass
class Call:
    """One operation's owner call, frozen: the same URL and body every time it is sent."""

    host: str
    op_id: str
    probe: Probe
    side: Side
    url: str
    body: dict[str, Any] | None
    ok: int  # the status the call answers when it succeeds
    operator_cookies: Any = None  # the console's calls: an operator's session, signed in when frozen

    def client(self) -> HostClient:
        """A fresh client of the operation's entitled caller (safe to use from another thread)."""
        if self.host == "tenant":
            client = HostClient(self.side.host)
            client.cookies = copy.deepcopy(self.side.owner_client.cookies)
        elif self.probe.public_access:
            client = HostClient(PUBLIC_HOST)
        elif self.operator_cookies is not None:
            client = HostClient(PUBLIC_HOST)
            client.cookies = copy.deepcopy(self.operator_cookies)
        else:
            client = HostClient(PUBLIC_HOST)
            client.force_login(self.side.owner, backend="identity.backends.MemberAwareBackend")
        client.raise_request_exception = False
        return client

    def send(self, key: str | None, client: HostClient | None = None) -> Any:
        client = client or self.client()
        headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
        if self.body is None and self.probe.body is None:
            # A probe with its own send (a multipart upload): same file, same bytes, every time.
            frozen = type(self.probe)(self.probe.method, self.url)
            return frozen.send(client, self.side, **headers)
        if type(self.probe).send is not Probe.send:
            # A probe with its own send (settings it needs, a signature): through it, with the frozen body.
            body = self.body
            frozen = dataclasses.replace(self.probe, body=(lambda _side: body) if body is not None else None)
            return frozen.send(client, self.side, **headers)
        kwargs: dict[str, Any] = {}
        if self.body is not None:
            kwargs = {"data": json.dumps(self.body), "content_type": "application/json"}
        return getattr(client, self.probe.method.lower())(self.url, **kwargs, **headers)


def operator() -> Any:
    """The platform operator (with an authenticator) who makes the console's calls."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from identity.models import User

    user, created = User.objects.get_or_create(email="operator@recipes.test", defaults={"is_operator": True})
    if created or not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    return user


def _from_award(side: Side) -> dict[str, Any]:
    """An awarded RFQ line on no order yet (the probe's RFQ has none, so its call creates nothing)."""
    from kernel.tenancy import company_context
    from tenants.procurement.models import PurchaseOrder
    from tests.isolation import probes_rfq

    awarded = TENANT_PROBES["rfqs_award"].send(side.owner_client, side)
    # 409: awarded already (in a committed world where rfqs_award ran first)
    assert awarded.status_code == 201 or awarded.json()["code"] == "line_already_awarded", awarded.content
    rfq_id = probes_rfq.seed(side)["closed_id"]
    with company_context(side.company):
        PurchaseOrder.objects.filter(rfq_id=rfq_id).delete()  # the award's own draft: let from-award make it
    return {"rfq_id": rfq_id}


# Bodies for operations whose probe call creates nothing (and answers a refusal), and what the recipe's
# call answers instead.
BODIES = {("tenant", "purchase_orders_from_award"): _from_award}
OK = {("tenant", "purchase_orders_from_award"): 201}


def freeze(host: str, op_id: str, side: Side) -> Call:
    probe = (TENANT_PROBES if host == "tenant" else PUBLIC_PROBES)[op_id]
    url = probe.url(side)  # seeds what the ids need first
    if (host, op_id) in BODIES:
        body: dict[str, Any] | None = BODIES[(host, op_id)](side)
    else:
        body = probe.body(side) if probe.body else None
    operator_cookies = None
    if host == "public" and op_id.startswith("console_"):
        signed_in = HostClient(PUBLIC_HOST)
        signed_in.force_login(operator(), backend="identity.backends.MemberAwareBackend")
        operator_cookies = signed_in.cookies
    return Call(
        host=host,
        op_id=op_id,
        probe=probe,
        side=side,
        url=url,
        body=body,
        ok=OK.get((host, op_id), probe.ok),
        operator_cookies=operator_cookies,
    )


def row_counts(side: Side) -> dict[str, int]:
    """Rows of every table of the side's schema and of ``public``, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_type = 'BASE TABLE' AND table_schema IN (%s, 'public') ORDER BY 1, 2",
            [side.company.schema_name],
        )
        tables = cursor.fetchall()
        quote = connection.ops.quote_name
        # Names come from the catalog, not from input.
        sql = " UNION ALL ".join(
            f"SELECT '{schema}.{name}', count(*) FROM {quote(schema)}.{quote(name)}"  # noqa: S608
            for schema, name in tables
        )
        cursor.execute(sql)
        return dict(cursor.fetchall())


def difference(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {
        t: after.get(t, 0) - before.get(t, 0)
        for t in set(before) | set(after)
        if after.get(t, 0) != before.get(t, 0)
    }
