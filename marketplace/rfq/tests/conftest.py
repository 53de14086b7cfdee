"""Fixtures of the RFQ tests: companies acting as buyer and suppliers, a category, a market."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from conftest import PASSWORD, HostClient, unique
from identity.access import Actor
from marketplace.directory.models import Category
from marketplace.rfq.tests import factories as f


@dataclass
class Party:
    company: Any
    owner: Any
    actor: Actor
    client: HostClient

    def member(self, roles: list[str], signed_in: Any) -> tuple[Actor, HostClient]:
        from identity.models import User
        from identity.services import membership_create

        user = User.objects.create_user(email=f"{unique('m')}@member.test", password=PASSWORD)
        membership_create(user=user, company=self.company, roles=roles)
        return f.actor_for(self.company, user), signed_in(user, self.company)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def party(make_company: Any, signed_in: Any) -> Any:
    def make(name: str) -> Party:
        # Business: the RFQ tests use sealed RFQs, a feature of that plan
        result = make_company(company_name=name, plan="business")
        return Party(
            company=result.company,
            owner=result.user,
            actor=f.actor_for(result.company, result.user),
            client=signed_in(result.user, result.company),
        )

    return make


@dataclass
class Market:
    root: Category
    cat: Category
    buyer: Party
    s1: Party
    s2: Party


@pytest.fixture
def market(party: Any) -> Market:
    """A buyer and two listed suppliers (both serving ``cat`` in China), nobody else in ``cat``."""
    root = f.category("Bearings")
    cat = f.category("Ball bearings", parent=root)
    buyer = party("Huaxia Machinery")
    s1 = party("Wuxi Bearings")
    s2 = party("Nordstahl")
    f.supplier_profile(s1.company, categories=[cat])
    f.supplier_profile(s2.company, categories=[root])
    return Market(root=root, cat=cat, buyer=buyer, s1=s1, s2=s2)
