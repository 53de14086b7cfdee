"""Factories of the replenishment tests, the isolation probes and the demo: a grant between two partners,
published figures under it (SharedStock rows, as the owner's publisher writes them), agreed policies."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from identity.access import Actor
from identity.models import Membership
from identity.roles import permissions_for
from marketplace.exchange.models import PartnerLink
from marketplace.sharing.models import ReplenishmentPolicy, SharedStock, ShareGrant
from tenants.models import Company


def actor_for(company: Company, user: Any, roles: list[str] | None = None) -> Actor:
    membership = Membership.objects.filter(company=company, user=user).first()
    granted = roles if roles is not None else (membership.roles if membership else ["owner"])
    return Actor(company=company, permissions=permissions_for(granted), user=user, membership=membership)


def partners(a: Company, b: Company) -> None:
    """Make ``a`` and ``b`` trading partners (as their first trade document would)."""
    first = uuid.uuid4()
    PartnerLink.objects.get_or_create(company=a, partner=b, defaults={"first_document_id": first})
    PartnerLink.objects.get_or_create(company=b, partner=a, defaults={"first_document_id": first})


def grant_make(*, owner: Company, partner: Company, item_ids: list[int], **values: Any) -> ShareGrant:
    values.setdefault("valid_from", timezone.localdate() - timedelta(days=1))
    values.setdefault("share_consumption", True)
    return ShareGrant.objects.create(owner=owner, partner=partner, item_ids=item_ids, **values)


def stock_publish(
    *,
    grant: ShareGrant,
    item_id: int,
    available: str,
    consumption: str | None = None,
    warehouse_id: int = 1,
    sku: str = "MILK-1L",
    name_en: str = "UHT milk 1 l",
    name_zh: str = "纯牛奶 1 升",
    unit: str = "box",
) -> SharedStock:
    """One published figure, as the owner's publisher would upsert it."""
    now = timezone.now()
    row, _ = SharedStock.objects.update_or_create(
        grant=grant,
        item_id=item_id,
        warehouse_id=warehouse_id,
        defaults={
            "owner_company_id": grant.owner_id,
            "partner_company_id": grant.partner_id,
            "sku": sku,
            "name_en": name_en,
            "name_zh": name_zh,
            "unit": unit,
            "warehouse_code": f"W{warehouse_id}",
            "warehouse_name": f"Warehouse {warehouse_id}",
            "on_hand": Decimal(available),
            "available": Decimal(available),
            "reorder_point": None,
            "consumption_per_day": None if consumption is None else Decimal(consumption),
            "as_of": now,
            "published_at": now,
        },
    )
    return row


def policy_agreed(grant: ShareGrant, item_id: int, **values: Any) -> ReplenishmentPolicy:
    """A policy both sides agreed to (written directly: the services are tested on their own)."""
    now = timezone.now()
    values.setdefault("method", "min_max")
    if values["method"] == "min_max":
        values.setdefault("min_quantity", Decimal(20))
        values.setdefault("max_quantity", Decimal(100))
    else:
        values.setdefault("target_days", 14)
        values.setdefault("minimum_days", 5)
    values.setdefault("unit_price", Decimal("4.50"))
    values.setdefault("currency", "CNY")
    values.setdefault("sku", "MILK-1L")
    values.setdefault("unit", "box")
    return ReplenishmentPolicy.objects.create(
        grant=grant,
        owner_company_id=grant.owner_id,
        partner_company_id=grant.partner_id,
        item_id=item_id,
        proposed_by="partner",
        agreed_by_owner_at=now,
        agreed_by_partner_at=now,
        **values,
    )
