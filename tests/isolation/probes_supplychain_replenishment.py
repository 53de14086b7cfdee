"""Isolation probes of supply-chain replenishment (tenants.supplychain.replenishment): policies (public,
filtered by the company being the grant's owner or partner), running, proposals sent, proposals received
and their decisions, acceptance rules, and the reorder list's draft purchase order.

``seed(side)`` gives a side, named with its marker: in its schema an item shared under a grant it gave to
a partner (a company row without a schema) with an agreed policy, a second shared item without one, an
item below its reorder point; a grant it received from another partner with published figures and an
agreed policy (so running proposes); a proposal it sent, two proposals it received (pending) and an
acceptance rule. The schema's id sequences are spread so the other side's ids do not exist there.
"""

from __future__ import annotations

import secrets
import uuid
from decimal import Decimal
from typing import Any

from tests.isolation.world import Probe, Side

TABLES = ("proposal", "receivedproposal", "acceptancerule")
BASE = "/api/supplychain/replenishment"


def _spread_ids() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                [f"supplychain_replenishment_{table}", 1_000_000 + secrets.randbelow(10**12)],
            )


def _received(side: Side, partner: Any, item_id: int, suffix: str) -> int:
    from django.utils import timezone

    from marketplace.exchange.models import TradeDocument
    from tenants.supplychain.replenishment.models import ReceivedProposal

    # The proposal document as the partner sent it (already delivered: the row below is its ingestion).
    document = TradeDocument.objects.create(
        kind="replenishment_proposal",
        sender=partner,
        receiver=side.company,
        payload={},
        validated=True,
        state="delivered",
    )
    return int(
        ReceivedProposal.objects.create(
            document_id=document.pk,
            number=f"RP-{side.marker}-{suffix}",
            supplier_company_id=partner.pk,
            supplier_name=partner.name,
            grant_id=1,
            policy_id=1,
            policy_version=1,
            method="min_max",
            item_id=item_id,
            sku=f"{side.marker}-MILK",
            unit="box",
            quantity=Decimal(10),
            unit_price=Decimal("4.50"),
            currency="CNY",
            total=Decimal(45),
            available=Decimal(5),
            figures_as_of=timezone.now(),
            review_reason="no_rule",
        ).pk
    )


def seed(side: Side) -> dict[str, Any]:
    if "supplychain_replenishment" in side.extra:
        return side.extra["supplychain_replenishment"]
    from django.utils import timezone

    from kernel.tenancy import company_context
    from marketplace.rfq.tests.factories import bare_company
    from tenants.inventory import services as inventory
    from tenants.supplychain.replenishment.models import AcceptanceRule, Proposal
    from tenants.supplychain.replenishment.tests import factories as f

    m = side.marker
    dairy = bare_company(f"{m} Dairy")  # we buy from it: it replenishes our shared stock
    bakery = bare_company(f"{m} Bakery")  # we supply it: it shares its stock with us
    f.partners(side.company, dairy)
    f.partners(side.company, bakery)
    with company_context(side.company):
        _spread_ids()
        milk = inventory.item_create(
            actor=None, sku=f"{m}-MILK", name_zh=f"{m} 牛奶", name_en=f"{m} milk", unit="box"
        )
        cream = inventory.item_create(
            actor=None, sku=f"{m}-CREAM", name_zh="", name_en=f"{m} cream", unit="box"
        )
        low = inventory.item_create(
            actor=None,
            sku=f"{m}-RICE",
            name_zh="",
            name_en=f"{m} rice",
            unit="bag",
            reorder_point=Decimal(10),
        )
        given = f.grant_make(owner=side.company, partner=dairy, item_ids=[milk.pk, cream.pk])
        f.stock_publish(grant=given, item_id=milk.pk, available="30", sku=f"{m}-MILK", name_en=f"{m} milk")
        f.stock_publish(grant=given, item_id=cream.pk, available="30", sku=f"{m}-CREAM", name_en=f"{m} cream")
        policy = f.policy_agreed(given, milk.pk, sku=f"{m}-MILK", name_en=f"{m} milk")
        received_grant = f.grant_make(owner=bakery, partner=side.company, item_ids=[4242])
        f.stock_publish(
            grant=received_grant, item_id=4242, available="5", sku=f"{m}-FLOUR", name_en=f"{m} flour"
        )
        supplied = f.policy_agreed(received_grant, 4242, sku=f"{m}-FLOUR", name_en=f"{m} flour")
        sent = Proposal.objects.create(
            number=f"RP-{m}-SENT",
            buyer_company_id=bakery.pk,
            buyer_name=bakery.name,
            grant_id=received_grant.pk,
            policy_id=supplied.pk,
            policy_version=1,
            method="min_max",
            item_id=4242,
            sku=f"{m}-FLOUR",
            unit="box",
            quantity=Decimal(10),
            unit_price=Decimal("4.50"),
            currency="CNY",
            total=Decimal(45),
            available=Decimal(5),
            figures_as_of=timezone.now(),
            status="declined",
            document_id=uuid.uuid4(),
        )
        to_accept = _received(side, dairy, milk.pk, "1")
        to_decline = _received(side, dairy, milk.pk, "2")
        rule = AcceptanceRule.objects.create(
            supplier_company_id=dairy.pk,
            supplier_name=dairy.name,
            item_id=None,
            max_quantity=Decimal(5),
            currency="CNY",
            set_by=side.owner,
            set_by_label=side.owner.email,
        )
    side.extra["supplychain_replenishment"] = data = {
        "policy_id": policy.pk,
        "grant_id": given.pk,
        "cream_id": cream.pk,
        "milk_id": milk.pk,
        "low_id": low.pk,
        "sent_id": sent.pk,
        "accept_id": to_accept,
        "decline_id": to_decline,
        "rule_id": rule.pk,
    }
    return data


def _id(name: str) -> Any:
    return lambda s: seed(s)[name]


def _version(side: Side) -> int:
    from marketplace.sharing.models import ReplenishmentPolicy

    return ReplenishmentPolicy.objects.get(pk=seed(side)["policy_id"]).version


TERMS = {
    "method": "min_max",
    "min_quantity": "20",
    "max_quantity": "100",
    "unit_price": "4.50",
    "currency": "CNY",
}


def _policies(side: Side) -> Any:
    from django.db.models import Q

    from marketplace.sharing.models import ReplenishmentPolicy

    return list(
        ReplenishmentPolicy.objects.filter(
            Q(owner_company_id=side.company.pk) | Q(partner_company_id=side.company.pk)
        )
        .order_by("pk")
        .values_list("pk", "version", "agreed_by_owner_at", "agreed_by_partner_at", "max_quantity")
    )


def _in_schema(side: Side) -> Any:
    from kernel.tenancy import company_context
    from tenants.procurement.models import PurchaseOrder
    from tenants.supplychain.replenishment.models import AcceptanceRule, Proposal, ReceivedProposal

    with company_context(side.company):
        return [
            list(Proposal.objects.order_by("pk").values_list("pk", "status")),
            list(ReceivedProposal.objects.order_by("pk").values_list("pk", "status")),
            list(
                AcceptanceRule.objects.order_by("pk").values_list(
                    "pk", "max_quantity", "max_amount", "active"
                )
            ),
            PurchaseOrder.objects.count(),
        ]


FINGERPRINTS = {"policies": _policies, "replenishment": _in_schema}

TENANT_PROBES: dict[str, Probe] = {
    "supplychain_replenishment_policies_list": Probe("GET", f"{BASE}/policies/", lists=True),
    "supplychain_replenishment_policies_create": Probe(
        "POST",
        f"{BASE}/policies/",
        body=lambda s: {"grant_id": seed(s)["grant_id"], "item_id": seed(s)["cream_id"], **TERMS},
        ok=201,
    ),
    "supplychain_replenishment_policies_get": Probe(
        "GET", f"{BASE}/policies/{{policy_id}}/", ids={"policy_id": _id("policy_id")}
    ),
    "supplychain_replenishment_policies_update": Probe(
        "PATCH",
        f"{BASE}/policies/{{policy_id}}/",
        ids={"policy_id": _id("policy_id")},
        body=lambda s: {**TERMS, "max_quantity": "150", "version": _version(s)},
    ),
    "supplychain_replenishment_policies_agree": Probe(
        "POST",
        f"{BASE}/policies/{{policy_id}}/agree/",
        ids={"policy_id": _id("policy_id")},
        body=lambda s: {"version": _version(s)},
    ),
    "supplychain_replenishment_run": Probe("POST", f"{BASE}/run/", body=lambda s: (seed(s), {})[1]),
    "supplychain_replenishment_proposals_list": Probe("GET", f"{BASE}/proposals/", lists=True),
    "supplychain_replenishment_proposals_get": Probe(
        "GET", f"{BASE}/proposals/{{proposal_id}}/", ids={"proposal_id": _id("sent_id")}
    ),
    "supplychain_replenishment_received_list": Probe("GET", f"{BASE}/received/", lists=True),
    "supplychain_replenishment_received_get": Probe(
        "GET", f"{BASE}/received/{{proposal_id}}/", ids={"proposal_id": _id("accept_id")}
    ),
    "supplychain_replenishment_received_accept": Probe(
        "POST", f"{BASE}/received/{{proposal_id}}/accept/", ids={"proposal_id": _id("accept_id")}
    ),
    "supplychain_replenishment_received_decline": Probe(
        "POST",
        f"{BASE}/received/{{proposal_id}}/decline/",
        ids={"proposal_id": _id("decline_id")},
        body=lambda s: {"reason": "Not this week"},
    ),
    "supplychain_replenishment_rules_list": Probe("GET", f"{BASE}/acceptance-rules/", lists=True),
    "supplychain_replenishment_rules_create": Probe(
        "POST",
        f"{BASE}/acceptance-rules/",
        body=lambda s: {"item_id": seed(s)["milk_id"], "max_quantity": "10", "currency": "CNY"},
        ok=201,
    ),
    "supplychain_replenishment_rules_update": Probe(
        "PATCH",
        f"{BASE}/acceptance-rules/{{acceptance_rule_id}}/",
        ids={"acceptance_rule_id": _id("rule_id")},
        body=lambda s: {"max_quantity": "7", "currency": "CNY", "active": True},
    ),
    "supplychain_replenishment_rules_delete": Probe(
        "DELETE",
        f"{BASE}/acceptance-rules/{{acceptance_rule_id}}/",
        ids={"acceptance_rule_id": _id("rule_id")},
        ok=204,
    ),
    "inventory_reorder_list_draft_purchase_order": Probe(
        "POST",
        "/api/inventory/reorder-list/purchase-order/",
        body=lambda s: {
            "supplier_name": f"{s.marker} Wholesale",
            "supplier_email": "orders@wholesale.example",
            "currency": "CNY",
            "lines": [{"item_id": seed(s)["low_id"]}],
        },
        ok=201,
    ),
}
