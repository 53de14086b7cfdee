"""Fixtures of the planning tests: a buyer and a supplier with workspaces that trade with each other,
items at the buyer, helpers to publish, deliver and commit."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from conftest import HostClient
from identity.access import Actor
from kernel.tenancy import company_context
from tenants.procurement.tests.factories import actor_for


@dataclass
class Party:
    company: Any
    owner: Any
    actor: Actor
    client: HostClient

    def ctx(self) -> Any:
        return company_context(self.company)


@pytest.fixture(autouse=True)
def _mail(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def make_party(make_company: Any, signed_in: Any) -> Any:
    def make(name: str) -> Party:
        result = make_company(company_name=name)
        return Party(
            result.company,
            result.user,
            actor_for(result.company, result.user),
            signed_in(result.user, result.company),
        )

    return make


@pytest.fixture
def buyer(make_party: Any) -> Party:
    return make_party("Huaxia Machinery")


@pytest.fixture
def supplier(make_party: Any) -> Party:
    return make_party("Wuxi Bearings")


@pytest.fixture
def partners(buyer: Party, supplier: Party) -> tuple[Party, Party]:
    """The two trade with each other (as after a first purchase order), and the buyer has two items."""
    from marketplace.exchange.models import PartnerLink
    from tenants.inventory import services as inventory

    first = uuid.uuid4()
    PartnerLink.objects.create(company=buyer.company, partner=supplier.company, first_document_id=first)
    PartnerLink.objects.create(company=supplier.company, partner=buyer.company, first_document_id=first)
    with buyer.ctx():
        inventory.item_create(
            actor=None, sku="BRG-6205", name_zh="深沟球轴承", name_en="Ball bearing 6205", unit="pcs"
        )
        inventory.item_create(
            actor=None, sku="BRG-6206", name_zh="深沟球轴承", name_en="Ball bearing 6206", unit="pcs"
        )
    return buyer, supplier


def deliver() -> dict[str, int]:
    from marketplace.exchange.services import deliver_pending

    return deliver_pending()


def grid(weeks: list[str], quantities: dict[str, list[str | int | Decimal]]) -> list[dict[str, Any]]:
    return [
        {"sku": sku, "week": week, "quantity": str(q)}
        for sku, values in quantities.items()
        for week, q in zip(weeks, values, strict=True)
    ]
