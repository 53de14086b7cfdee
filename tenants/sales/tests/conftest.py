"""Fixtures of the sales tests: a supplier with a workspace, a buyer on Hansa (a company row that only
sends documents), and the supplier's owner acting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from conftest import PASSWORD, HostClient, unique
from identity.access import Actor
from kernel.tenancy import company_context
from tenants.sales.tests import factories as f


@dataclass
class Supplier:
    company: Any
    owner: Any
    actor: Actor
    client: HostClient
    buyer: Any

    def member(self, roles: list[str], signed_in: Any) -> tuple[Actor, HostClient]:
        from identity.models import User
        from identity.services import membership_create

        user = User.objects.create_user(email=f"{unique('m')}@member.test", password=PASSWORD)
        membership_create(user=user, company=self.company, roles=roles)
        return f.actor_for(self.company, user), signed_in(user, self.company)

    def ctx(self) -> Any:
        return company_context(self.company)


@pytest.fixture
def supplier(make_company: Any, signed_in: Any) -> Supplier:
    result = make_company(company_name="Wuxi Precision Bearings")
    return Supplier(
        company=result.company,
        owner=result.user,
        actor=f.actor_for(result.company, result.user),
        client=signed_in(result.user, result.company),
        buyer=f.bare_company("Huaxia Machinery"),
    )
