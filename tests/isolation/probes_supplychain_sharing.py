"""Isolation probes of inventory sharing (tenants.supplychain.sharing): grants given (list, create, get,
change, revoke), grants received and the stock shared under them.

``seed(side)`` makes a third company, the side's trading partner (a partner link both ways), named with
the side's marker. The side grants it a marked item; the partner grants the side a marked item of its own
and its snapshot is published (the outbox handler run in the partner's schema), so the side's received
grants and shared stock list marked rows. Grant ids live in ``public`` (one sequence for everyone): the
other side's ids never exist for this side, so no sequence needs spreading.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from conftest import PASSWORD, unique
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
    from kernel import outbox
    from kernel.models import OutboxMessage
    from kernel.tenancy import company_context
    from marketplace.exchange.models import PartnerLink
    from tenants.services import company_signup
    from tenants.supplychain.sharing import services as sharing

    m = side.marker
    slug = unique(f"{m}-partner")
    other = company_signup(
        company_name=f"{m} partner", slug=slug, country="CN", currency="CNY", locale="en",
        full_name=f"{m} Partner Owner", email=f"owner@{slug}.test", password=PASSWORD,
    )  # fmt: skip
    first = uuid.uuid4()
    PartnerLink.objects.bulk_create(
        [
            PartnerLink(company=side.company, partner=other.company, first_document_id=first),
            PartnerLink(company=other.company, partner=side.company, first_document_id=first),
        ]
    )
    with company_context(side.company):
        item = _stocked_item(f"{m}-SHARED-GIVEN")
        given = sharing.grant_create(
            actor=_actor(side.company, side.owner), partner_id=other.company.pk, item_ids=[item.pk],
            note=f"{m} grant given",
        )  # fmt: skip
    with company_context(other.company):
        theirs = _stocked_item(f"{m}-SHARED-RECEIVED")
        received = sharing.grant_create(
            actor=_actor(other.company, other.user), partner_id=side.company.pk, item_ids=[theirs.pk],
            share_consumption=True, note=f"{m} grant received",
        )  # fmt: skip
    for message in OutboxMessage.objects.filter(
        schema_name=other.company.schema_name,
        topic__startswith="supplychain.sharing.",
        processed_at__isnull=True,
    ):
        outbox.outbox_deliver_message(message_id=str(message.pk))
    side.extra["supplychain_sharing"] = data = {
        "partner_id": other.company.pk,
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
