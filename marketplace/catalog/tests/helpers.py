"""Test helpers: suppliers and listings made through the real services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from identity.access import Actor
from identity.models import Membership
from identity.roles import permissions_for

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0"
    "f00f0004850180848a63210000000049454e44ae426082"
)
PDF = b"%PDF-1.4\n% test\n%%EOF\n"


def actor_for(company: Any, user: Any, roles: tuple[str, ...] = ("owner",)) -> Actor:
    return Actor(
        company=company,
        permissions=permissions_for(roles),
        user=user,
        membership=Membership.objects.filter(user=user, company=company).first(),
    )


@dataclass
class Supplier:
    company: Any
    owner: Any
    actor: Actor
    profile: Any


def make_supplier(make_company: Any, *, name: str = "Wuxi Bearings", **profile: Any) -> Supplier:
    from marketplace.directory.services import ProfileInput, supplier_profile_save

    signup = make_company(company_name=name)
    actor = actor_for(signup.company, signup.user)
    data = {
        "display_name_en": name,
        "display_name_zh": "无锡精密轴承",
        "category_codes": ["10.01"],
        "regions_served": ["CN-JS"],
        **profile,
    }
    saved = supplier_profile_save(actor=actor, data=ProfileInput(**data))
    return Supplier(signup.company, signup.user, actor, saved)


def listing_values(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "sku": "6205-2RS",
        "name_en": "Deep groove ball bearing 6205-2RS",
        "name_zh": "深沟球轴承 6205-2RS",
        "category_code": "10.01.01",
        "unit": "pcs",
        "currency": "CNY",
        "price_tiers": "1:12.50;100:11.00;1000:9.80",
        "moq": "1",
        "lead_time_days": "7",
        "availability": "in_stock",
        "stock_quantity": "5000",
        "attributes": "Bore=25 mm;Material=GCr15",
        "description_en": "Sealed on both sides.",
        "description_zh": "双面密封",
        "status": "active",
    }
    values.update(overrides)
    return values


def make_listing(supplier: Supplier, **overrides: Any) -> Any:
    from marketplace.catalog.services import category_index, listing_create
    from marketplace.catalog.validation import listing_clean

    data = listing_clean(listing_values(**overrides), categories=category_index())
    return listing_create(actor=supplier.actor, data=data)


def api_listing(**overrides: Any) -> dict[str, Any]:
    """A listing as the API takes it (JSON)."""
    body: dict[str, Any] = {
        "sku": "6205-2RS",
        "name_en": "Deep groove ball bearing 6205-2RS",
        "name_zh": "深沟球轴承 6205-2RS",
        "category_code": "10.01.01",
        "unit": "pcs",
        "currency": "CNY",
        "price_tiers": [
            {"min_quantity": "1", "unit_price": "12.50"},
            {"min_quantity": "100", "unit_price": "11.00"},
        ],
        "moq": "1",
        "lead_time_days": 7,
        "availability": "in_stock",
        "stock_quantity": "5000",
        "attributes": [{"key": "Bore", "value": "25 mm"}],
        "status": "active",
    }
    body.update(overrides)
    return body
