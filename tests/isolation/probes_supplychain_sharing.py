"""Isolation probes of inventory sharing (tenants.supplychain.sharing): grants given (list, create, get,
change, revoke), grants received and the stock shared under them.

``seed(side)`` makes a third company, the side's trading partner (a partner link both ways), named with
the side's marker. The side grants it a marked item; the partner grants the side a marked item of its own
with its snapshot (written as the partner's publisher would), so the side's received grants and shared
stock list marked rows. Grant ids live in ``public`` (one sequence for everyone): the
other side's ids never exist for this side, so no sequence needs spreading.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from conftest import unique
from tests.isolation.world import Probe, Side


def _actor(company: Any, user: Any) -> Any:
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for

    return Actor(
        company=company,
        permissions=permissions_for(["owner"]),
        user=user,
        membership=Membership.objects.get(user=user, company=company),
    )


def _stocked_item(sku: str) -> Any:
    from tenants.inventory import services

    item = services.item_create(
        actor=None, sku=sku, name_zh=sku, name_en=sku, unit="pcs", category_code="50.20"
    )
    services.stock_receive(
        item=item, warehouse=services.default_warehouse(), quantity=Decimal(12), reference=""
    )
    return item


def seed(side: Side) -> dict[str, Any]:
    if "supplychain_sharing" in side.extra:
        return side.extra["supplychain_sharing"]
    from django.utils import timezone

    from kernel.tenancy import company_context
    from marketplace.exchange.models import PartnerLink
    from marketplace.sharing.models import ShareGrant
    from marketplace.sharing.services import StockRow, shared_stock_upsert
    from tenants.models import Company, CompanyStatus
    from tenants.supplychain.sharing import services as sharing

    m = side.marker
    # The partner needs no workspace of its own here (what it shares is written as its publisher would):
    # a company row without a schema keeps this seed cheap, as every probe's fingerprint runs it.
    [other] = Company.objects.bulk_create(
        [
            Company(
                schema_name=f"t_probe_{uuid.uuid4().hex[:12]}",
                name=f"{m} partner",
                slug=unique(f"{m}-partner")[:40],
                status=CompanyStatus.ACTIVE,
            )
        ]
    )
    first = uuid.uuid4()
    PartnerLink.objects.bulk_create(
        [
            PartnerLink(company=side.company, partner=other, first_document_id=first),
            PartnerLink(company=other, partner=side.company, first_document_id=first),
        ]
    )
    with company_context(side.company):
        item = _stocked_item(f"{m}-SHARED-GIVEN")
        given = sharing.grant_create(
            actor=_actor(side.company, side.owner),
            partner_id=other.pk,
            item_ids=[item.pk],
            note=f"{m} grant given",
        )
    received = ShareGrant.objects.create(
        owner=other,
        partner=side.company,
        item_ids=[1],
        share_consumption=True,
        valid_from=timezone.localdate(),
        note=f"{m} grant received",
    )
    shared_stock_upsert(
        rows=[
            StockRow(
                grant_id=received.pk, owner_company_id=other.pk, partner_company_id=side.company.pk, item_id=1,
                sku=f"{m}-SHARED-RECEIVED", name_zh="", name_en=f"{m} shared item", unit="pcs",
                category_code="50.20", warehouse_id=1, warehouse_code="MAIN", warehouse_name="Main",
                on_hand=Decimal(12), available=Decimal(12), reorder_point=Decimal(20),
                consumption_per_day=Decimal("1.5"), as_of=timezone.now(),
            )
        ],
        published_at=timezone.now(),
    )  # fmt: skip
    side.extra["supplychain_sharing"] = data = {
        "partner_id": other.pk,
        "item_id": item.pk,
        "grant_id": given.pk,
        "received_grant_id": received.pk,
    }
    return data


def _id(name: str) -> Any:
    return lambda s: seed(s)[name]


class SeededProbe(Probe):
    def url(self, side: Side) -> str:
        seed(side)
        return super().url(side)


def _fingerprint(side: Side) -> dict[str, Any]:
    from marketplace.sharing.models import SharedStock, ShareGrant

    seed(side)
    return {
        "given": list(
            ShareGrant.objects.filter(owner=side.company)
            .order_by("pk")
            .values_list(
                "pk", "status", "note", "item_ids", "warehouse_ids", "valid_until", "share_consumption"
            )
        ),
        "received": list(
            ShareGrant.objects.filter(partner=side.company).order_by("pk").values_list("pk", "status")
        ),
        "stock": list(
            SharedStock.objects.filter(partner_company_id=side.company.pk)
            .order_by("pk")
            .values_list("pk", "available", "as_of")
        ),
    }


FINGERPRINTS = {"supplychain_sharing": _fingerprint}

TENANT_PROBES: dict[str, Probe] = {
    "supplychain_grants_list": SeededProbe("GET", "/api/supplychain/grants/", lists=True),
    "supplychain_grants_create": SeededProbe(
        "POST",
        "/api/supplychain/grants/",
        body=lambda s: {
            "partner_id": seed(s)["partner_id"],
            "item_ids": [seed(s)["item_id"]],
            "note": f"{s.marker} second grant",
        },
        ok=201,
    ),
    "supplychain_grants_get": SeededProbe(
        "GET", "/api/supplychain/grants/{grant_id}/", ids={"grant_id": _id("grant_id")}
    ),
    "supplychain_grants_update": SeededProbe(
        "PATCH",
        "/api/supplychain/grants/{grant_id}/",
        ids={"grant_id": _id("grant_id")},
        body=lambda s: {"note": f"{s.marker} changed", "share_consumption": True},
    ),
    "supplychain_grants_revoke": SeededProbe(
        "POST",
        "/api/supplychain/grants/{grant_id}/revoke/",
        ids={"grant_id": _id("grant_id")},
        body=lambda s: {"reason": f"{s.marker} contract ended"},
    ),
    "supplychain_received_grants_list": SeededProbe("GET", "/api/supplychain/received-grants/", lists=True),
    "supplychain_received_grants_get": SeededProbe(
        "GET", "/api/supplychain/received-grants/{grant_id}/", ids={"grant_id": _id("received_grant_id")}
    ),
    "supplychain_shared_stock_list": SeededProbe(
        "GET",
        "/api/supplychain/shared-stock/",
        query=lambda s: f"grant_id={seed(s)['received_grant_id']}&search=shared",
        lists=True,
    ),
}
