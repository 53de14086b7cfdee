"""Fixtures of the procurement tests: a buyer with a workspace and members in every role, a supplier on
Hansa with a workspace, helpers that run services in the buyer's schema and deliver documents."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from conftest import PASSWORD, HostClient, unique
from identity.access import Actor
from kernel.tenancy import company_context
from tenants.procurement.tests import factories as f


@dataclass
class Member:
    user: Any
    actor: Actor
    client: HostClient


@dataclass
class Company:
    company: Any
    owner: Any
    actor: Actor
    client: HostClient
    signed_in: Any
    members: dict[str, Member] = field(default_factory=dict)

    def ctx(self) -> Any:
        return company_context(self.company)

    def member(self, role: str, *, name: str = "") -> Member:
        """A member holding ``role`` (made once per role unless ``name`` asks for another one)."""
        key = f"{role}:{name}"
        if key not in self.members:
            from identity.models import User
            from identity.services import membership_create

            user = User.objects.create_user(
                email=f"{unique(role)}@member.test", password=PASSWORD, full_name=name or role
            )
            membership_create(user=user, company=self.company, roles=[role])
            self.members[key] = Member(
                user, f.actor_for(self.company, user), self.signed_in(user, self.company)
            )
        return self.members[key]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def make_party(make_company: Any, signed_in: Any) -> Any:
    def make(name: str) -> Company:
        result = make_company(company_name=name)
        return Company(
            company=result.company,
            owner=result.user,
            actor=f.actor_for(result.company, result.user),
            client=signed_in(result.user, result.company),
            signed_in=signed_in,
        )

    return make


@pytest.fixture
def buyer(make_party: Any) -> Company:
    return make_party("Huaxia Machinery")


@pytest.fixture
def supplier(make_party: Any) -> Company:
    return make_party("Wuxi Bearings")
