"""Fixtures of the exchange tests: a buyer, a supplier and a third company, and valid payloads."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from identity.access import Actor
from identity.models import Membership
from identity.roles import permissions_for


@dataclass
class Trio:
    buyer: Any
    supplier: Any
    third: Any
    users: dict[str, Any]


def actor_for(company: Any, user: Any) -> Actor:
    membership = Membership.objects.get(company=company, user=user)
    return Actor(
        company=company, permissions=permissions_for(membership.roles), user=user, membership=membership
    )


@pytest.fixture
def trio(make_company: Any) -> Trio:
    made = {name: make_company(company_name=f"{name.title()} Co") for name in ("buyer", "supplier", "third")}
    return Trio(
        buyer=made["buyer"].company,
        supplier=made["supplier"].company,
        third=made["third"].company,
        users={name: result.user for name, result in made.items()},
    )


def po_payload(**overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "po_id": 7,
        "po_number": "PO-2026-0007",
        "currency": "CNY",
        "order_date": "2026-03-01",
        "requested_date": "2026-03-20",
        "payment_terms": "30 days net",
        "notes": "",
        "ship_to": "No. 1 Factory Road, Wuxi",
        "rfq_id": None,
        "buyer_contact": {"name": "Li Lei", "email": "li@buyer.test"},
        "lines": [
            {
                "line_no": 1,
                "sku": "6205-2RS",
                "description": "Deep groove ball bearing 6205-2RS",
                "listing_id": None,
                "quantity": "100",
                "unit": "pcs",
                "unit_price": "12.50",
                "tax_rate": "13",
                "requested_date": None,
            }
        ],
        "total_net": "1250.00",
        "total_tax": "162.50",
        "total": "1412.50",
    }
    payload.update(overrides)
    return payload


def change_payload(**overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "po_number": "PO-2026-0007",
        "change_id": str(uuid.uuid4()),
        "version": 1,
        "proposed_by": "buyer",
        "reason": "More needed",
        "lines": [{"line_no": 1, "quantity": "150", "unit_price": None, "requested_date": None}],
    }
    payload.update(overrides)
    return payload
