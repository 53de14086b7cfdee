"""Two companies seeded with objects whose names carry a marker, and the operations that probe them."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from conftest import PASSWORD, HostClient, company_host_for, unique


@dataclass
class Side:
    """One company of the probe world: its owner's clients and one object of every kind."""

    marker: str
    company: Any
    owner: Any
    owner_client: HostClient
    key_secret: str
    member: Any
    invitation_id: int
    invitation_token: str
    api_key_id: int
    # Objects that other apps' probe modules seed (see probes_*.py): name -> object or id.
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def host(self) -> str:
        return company_host_for(self.company.slug)

    def handoff_token(self) -> str:
        from identity.services import handoff_token_issue

        return handoff_token_issue(user=self.owner, company=self.company)

    def fingerprint(self) -> str:
        """Everything a cross-tenant write could change, as one comparable string."""
        from identity.models import ApiKey, Invitation, Membership
        from tenants.models import Company

        company = Company.objects.get(pk=self.company.pk)
        return json.dumps(
            {
                "company": [
                    company.name,
                    company.legal_name,
                    company.locale,
                    company.time_zone,
                    company.require_mfa,
                ],
                "members": list(
                    Membership.objects.filter(company=company)
                    .order_by("pk")
                    .values_list("pk", "roles", "status")
                ),
                "invitations": list(
                    Invitation.objects.filter(company=company)
                    .order_by("pk")
                    .values_list("pk", "status", "token_hash")
                ),
                "keys": list(
                    ApiKey.objects.filter(company=company).order_by("pk").values_list("pk", "revoked_at")
                ),
                "owner": list(
                    type(self.owner)
                    .objects.filter(pk=self.owner.pk)
                    .values_list("full_name", "preferred_language")
                ),
                **{
                    f"{module.__name__}.{name}": fingerprint(self)
                    for module in probe_modules()
                    for name, fingerprint in getattr(module, "FINGERPRINTS", {}).items()
                },
            },
            default=str,
        )


def build_side(marker: str, make_company: Callable[..., Any], signed_in: Callable[..., HostClient]) -> Side:
    from identity.access import Actor
    from identity.models import Membership, User
    from identity.roles import permissions_for
    from identity.services import api_key_create, invitation_create, membership_create

    slug = unique(marker)
    # Business: every feature the probes use (sealed RFQs among them)
    result = make_company(
        slug=slug, company_name=f"{marker} Company", full_name=f"{marker} Owner", plan="business"
    )
    company, owner = result.company, result.user
    actor = Actor(
        company=company,
        permissions=permissions_for(["owner"]),
        user=owner,
        membership=Membership.objects.get(user=owner, company=company),
    )
    member_user = User.objects.create_user(
        email=f"{marker}-member@{slug}.test", password=PASSWORD, full_name=f"{marker} Member"
    )
    member = membership_create(user=member_user, company=company, roles=["viewer"])
    invitation = invitation_create(actor=actor, email=f"{marker}-invitee@{slug}.test", roles=["buyer"])
    all_permissions = sorted(permissions_for(["owner"]))
    key = api_key_create(actor=actor, name=f"{marker} integration", permissions=all_permissions)
    api_key_create(actor=actor, name=f"{marker} spare key", permissions=["company.view"])
    return Side(
        marker=marker,
        company=company,
        owner=owner,
        owner_client=signed_in(owner, company),
        key_secret=key.secret,
        member=member,
        invitation_id=invitation.invitation.pk,
        invitation_token=invitation.link.rsplit("/", 1)[1],
        api_key_id=key.key.pk,
    )


@dataclass(frozen=True)
class Probe:
    """How to call one operation against a side's own objects, and what its owner gets back."""

    method: str
    path: str
    ids: dict[str, Callable[[Side], object]] = field(default_factory=dict)
    query: Callable[[Side], str] | None = None
    body: Callable[[Side], dict[str, Any]] | None = None
    ok: int = 200
    lists: bool = False
    public_access: bool = (
        False  # the operation admits anonymous callers (token or credentials in the request)
    )

    def url(self, side: Side) -> str:
        path = self.path
        for name, resolve in self.ids.items():
            path = path.replace("{" + name + "}", str(resolve(side)))
        return path + (f"?{self.query(side)}" if self.query else "")

    def send(self, client: HostClient, ids_from: Side, **headers: str) -> Any:
        body = self.body(ids_from) if self.body else None
        kwargs: dict[str, Any] = {"content_type": "application/json"} if body is not None else {}
        if body is not None:
            kwargs["data"] = json.dumps(body)
        return getattr(client, self.method.lower())(self.url(ids_from), **kwargs, **headers)


TENANT_PROBES: dict[str, Probe] = {
    "me_get": Probe("GET", "/api/me/"),
    "me_update": Probe("PATCH", "/api/me/", body=lambda s: {"full_name": f"{s.marker} Renamed"}),
    "session_handoff": Probe(
        "GET",
        "/api/session/handoff/",
        query=lambda s: f"token={s.handoff_token()}",
        ok=302,
        public_access=True,
    ),
    "company_get": Probe("GET", "/api/company/"),
    "company_update": Probe("PATCH", "/api/company/", body=lambda s: {"legal_name": f"{s.marker} Legal"}),
    "roles_list": Probe("GET", "/api/roles/"),
    "members_list": Probe("GET", "/api/members/", lists=True),
    "members_update_roles": Probe(
        "PATCH",
        "/api/members/{member_id}/",
        ids={"member_id": lambda s: s.member.pk},
        body=lambda s: {"roles": ["buyer"]},
    ),
    "members_remove": Probe(
        "DELETE", "/api/members/{member_id}/", ids={"member_id": lambda s: s.member.pk}, ok=204
    ),
    "invitations_list": Probe("GET", "/api/invitations/", lists=True),
    "invitations_create": Probe(
        "POST",
        "/api/invitations/",
        body=lambda s: {"email": f"new-{s.marker}@example.com", "roles": ["viewer"]},
        ok=201,
    ),
    "invitations_lookup": Probe(
        "GET", "/api/invitations/lookup/", query=lambda s: f"token={s.invitation_token}", public_access=True
    ),
    "invitations_accept": Probe(
        "POST",
        "/api/invitations/accept/",
        body=lambda s: {"token": s.invitation_token, "password": PASSWORD, "full_name": f"{s.marker} Joiner"},
        public_access=True,
    ),
    "invitations_resend": Probe(
        "POST", "/api/invitations/{invitation_id}/resend/", ids={"invitation_id": lambda s: s.invitation_id}
    ),
    "invitations_revoke": Probe(
        "POST", "/api/invitations/{invitation_id}/revoke/", ids={"invitation_id": lambda s: s.invitation_id}
    ),
    "api_keys_list": Probe("GET", "/api/api-keys/", lists=True),
    "api_keys_create": Probe(
        "POST",
        "/api/api-keys/",
        body=lambda s: {"name": f"{s.marker} new key", "permissions": ["company.view"]},
        ok=201,
    ),
    "api_keys_revoke": Probe("DELETE", "/api/api-keys/{key_id}/", ids={"key_id": lambda s: s.api_key_id}),
    "audit_list": Probe("GET", "/api/audit/", lists=True),
}

# Public-host operations: who may call them, and the call an entitled caller makes.
# (More probes come from the probe modules of other apps; see the bottom of this file.)
PUBLIC_PROBES: dict[str, Probe] = {
    "signup_create": Probe(
        "POST",
        "/api/signup/",
        ok=201,
        public_access=True,
        body=lambda s: {
            "company_name": f"{s.marker} Newco",
            "slug": unique("newco"),
            "country": "CN",
            "currency": "CNY",
            "locale": "en",
            "email": f"founder-{unique('x')}@newco.test",
            "password": PASSWORD,
        },
    ),
    "signup_slug_check": Probe(
        "GET", "/api/signup/slug-check/", query=lambda s: "slug=free-slug-x", public_access=True
    ),
    "public_signin": Probe(
        "POST",
        "/api/signin/",
        body=lambda s: {"email": s.owner.email, "password": PASSWORD},
        public_access=True,
    ),
    "me_get": Probe("GET", "/api/me/"),
    "me_update": Probe("PATCH", "/api/me/", body=lambda s: {"full_name": f"{s.marker} Public Rename"}),
    "console_companies_list": Probe("GET", "/api/console/companies/"),
    "console_company_set_status": Probe(
        "POST",
        "/api/console/companies/{company_id}/status/",
        ids={"company_id": lambda s: s.company.pk},
        body=lambda s: {"status": "suspended", "reason": f"{s.marker} probe"},
    ),
    "console_audit_list": Probe("GET", "/api/console/audit/"),
    "console_company_audit_list": Probe(
        "GET", "/api/console/companies/{company_id}/audit/", ids={"company_id": lambda s: s.company.pk}
    ),
}


def probe_modules() -> list[Any]:
    """``tests/isolation/probes_*.py``: each app's probes (TENANT_PROBES, PUBLIC_PROBES) and ``seed(side)``.

    ``seed`` adds one object of every kind the app has to a side, named with ``side.marker``, and keeps
    what probes need in ``side.extra``; ``fingerprint`` entries can be added through ``FINGERPRINTS``
    (callables side -> JSON-able value) so that writes to them are detected.
    """
    import importlib
    import pkgutil
    from pathlib import Path

    here = Path(__file__).parent
    return [
        importlib.import_module(f"tests.isolation.{info.name}")
        for info in sorted(pkgutil.iter_modules([str(here)]), key=lambda i: i.name)
        if info.name.startswith("probes_")
    ]


for _module in probe_modules():
    for _name, _probe in getattr(_module, "TENANT_PROBES", {}).items():
        assert _name not in TENANT_PROBES, f"duplicate probe {_name}"
        TENANT_PROBES[_name] = _probe
    for _name, _probe in getattr(_module, "PUBLIC_PROBES", {}).items():
        assert _name not in PUBLIC_PROBES, f"duplicate probe {_name}"
        PUBLIC_PROBES[_name] = _probe
