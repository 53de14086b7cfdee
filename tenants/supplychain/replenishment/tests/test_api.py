"""The replenishment API on each side's host: policies agreed by both sides, running, the buyer's
decisions with their problem codes, acceptance rules, and the reorder list's draft purchase order."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import PASSWORD, unique
from marketplace.exchange.services import deliver_pending
from marketplace.sharing.models import ReplenishmentPolicy
from tenants.supplychain.replenishment.models import AcceptanceRule, ReceivedProposal
from tenants.supplychain.replenishment.tests import factories as f

pytestmark = pytest.mark.django_db
BASE = "/api/supplychain/replenishment"
TERMS = {
    "method": "min_max",
    "min_quantity": "20",
    "max_quantity": "100",
    "unit_price": "4.50",
    "currency": "CNY",
}


def _member(party, role, signed_in):
    from identity.models import User
    from identity.services import membership_create

    user = User.objects.create_user(email=f"{unique(role)}@member.test", password=PASSWORD)
    membership_create(user=user, company=party.company, roles=[role])
    return signed_in(user, party.company)


def test_a_policy_proposed_by_the_supplier_drives_proposals_once_the_buyer_agrees(
    buyer, supplier, grant, item
):
    f.stock_publish(grant=grant, item_id=item.pk, available="10")
    created = supplier.client.post_json(
        f"{BASE}/policies/", {"grant_id": grant.pk, "item_id": item.pk, **TERMS}
    )
    assert created.status_code == 201, created.content
    policy = created.json()
    assert (policy["side"], policy["agreed"], policy["version"], policy["sku"]) == (
        "partner",
        False,
        1,
        "MILK-1L",
    )
    assert (policy["buyer_id"], policy["supplier_id"]) == (buyer.company.pk, supplier.company.pk)

    run = supplier.client.post_json(f"{BASE}/run/", {})
    assert (run.status_code, run.json()["proposals"]) == (200, [])  # not agreed by the buyer yet

    seen = buyer.client.get(f"{BASE}/policies/?side=owner").json()["results"]
    assert [(p["id"], p["side"], p["grant_active"]) for p in seen] == [(policy["id"], "owner", True)]
    agreed = buyer.client.post_json(f"{BASE}/policies/{policy['id']}/agree/", {"version": 1})
    assert (agreed.status_code, agreed.json()["agreed"]) == (200, True)

    run = supplier.client.post_json(f"{BASE}/run/", {}).json()
    assert [(p["quantity"], p["total"], p["status"]) for p in run["proposals"]] == [
        ("90.0000", "405.00", "sent")
    ]
    listed = supplier.client.get(f"{BASE}/proposals/").json()
    assert listed["count"] == 1


def test_a_change_clears_the_other_sides_agreement_and_a_stale_version_is_refused(
    buyer, supplier, grant, item
):
    policy = f.policy_agreed(grant, item.pk)
    changed = buyer.client.patch_json(
        f"{BASE}/policies/{policy.pk}/", {**TERMS, "max_quantity": "120", "version": policy.version}
    )
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert (body["version"], body["agreed"], body["proposed_by"], body["agreed_by_partner_at"]) == (
        2,
        False,
        "owner",
        None,
    )
    stale = supplier.client.post_json(f"{BASE}/policies/{policy.pk}/agree/", {"version": 1})
    assert (stale.status_code, stale.json()["code"]) == (409, "policy_version_changed")
    ok = supplier.client.post_json(f"{BASE}/policies/{policy.pk}/agree/", {"version": 2})
    assert ok.json()["agreed"] is True
    from identity.models import AuditEntry

    assert {
        e.company_id
        for e in AuditEntry.objects.filter(action="replenishment_policy.changed", target_id=str(policy.pk))
    } == {buyer.company.pk, supplier.company.pk}


def test_bad_policies_are_refused_and_nothing_is_written(buyer, supplier, grant, item, make_party):
    f.stock_publish(grant=grant, item_id=item.pk, available="10")
    bad = supplier.client.post_json(
        f"{BASE}/policies/", {"grant_id": grant.pk, "item_id": item.pk, **TERMS, "max_quantity": "10"}
    )
    assert (bad.status_code, bad.json()["code"], list(bad.json()["errors"])) == (
        400,
        "validation_error",
        ["max_quantity"],
    )
    unshared = supplier.client.post_json(
        f"{BASE}/policies/", {"grant_id": grant.pk, "item_id": item.pk + 999, **TERMS}
    )
    assert (unshared.status_code, list(unshared.json()["errors"])) == (400, ["item_id"])
    stranger = make_party("Stranger Ltd")
    foreign = stranger.client.post_json(
        f"{BASE}/policies/", {"grant_id": grant.pk, "item_id": item.pk, **TERMS}
    )
    assert (foreign.status_code, foreign.json()["code"]) == (404, "not_found")
    grant.status = "revoked"
    grant.save()
    revoked = supplier.client.post_json(
        f"{BASE}/policies/", {"grant_id": grant.pk, "item_id": item.pk, **TERMS}
    )
    assert (revoked.status_code, revoked.json()["code"]) == (409, "grant_not_active")
    assert not ReplenishmentPolicy.objects.exists()
    f.policy_agreed(grant, item.pk)
    grant.status = "active"
    grant.save()
    twice = supplier.client.post_json(
        f"{BASE}/policies/", {"grant_id": grant.pk, "item_id": item.pk, **TERMS}
    )
    assert (twice.status_code, twice.json()["code"]) == (409, "policy_exists")


def test_the_buyer_accepts_once_then_409_and_a_viewer_may_not_decide(buyer, supplier, grant, item, signed_in):
    f.stock_publish(grant=grant, item_id=item.pk, available="10")
    f.policy_agreed(grant, item.pk)
    supplier.client.post_json(f"{BASE}/run/", {})
    deliver_pending()
    pending = buyer.client.get(f"{BASE}/received/?status=pending").json()["results"]
    assert [(p["status"], p["review_reason"], p["quantity"]) for p in pending] == [
        ("pending", "no_rule", "90.0000")
    ]
    pid = pending[0]["id"]
    viewer = _member(buyer, "viewer", signed_in)
    denied = viewer.post_json(f"{BASE}/received/{pid}/accept/")
    assert (denied.status_code, denied.json()["code"]) == (403, "permission_denied")
    approver = _member(buyer, "approver", signed_in)
    no_reason = approver.post_json(f"{BASE}/received/{pid}/decline/", {"reason": ""})
    assert (no_reason.status_code, list(no_reason.json()["errors"])) == (400, ["reason"])
    accepted = approver.post_json(f"{BASE}/received/{pid}/accept/")
    assert accepted.status_code == 200, accepted.content
    assert (accepted.json()["status"], accepted.json()["po_number"].startswith("PO-")) == ("accepted", True)
    again = buyer.client.post_json(f"{BASE}/received/{pid}/accept/")
    assert (again.status_code, again.json()["code"]) == (409, "proposal_already_decided")
    declined = buyer.client.post_json(f"{BASE}/received/{pid}/decline/", {"reason": "late"})
    assert (declined.status_code, declined.json()["code"]) == (409, "proposal_already_decided")
    with buyer.ctx():
        assert ReceivedProposal.objects.get().purchase_order.status == "sent"
    deliver_pending()
    sent = supplier.client.get(f"{BASE}/proposals/").json()["results"][0]
    assert (sent["status"], sent["po_number"], sent["sales_order_number"] is not None) == (
        "accepted",
        accepted.json()["po_number"],
        True,
    )


def test_acceptance_rules_need_po_approve_a_partner_and_a_limit(buyer, supplier, item, make_party, signed_in):
    outsider = make_party("Not A Partner")
    bad = buyer.client.post_json(
        f"{BASE}/acceptance-rules/", {"supplier_id": outsider.company.pk, "currency": "CNY"}
    )
    assert (bad.status_code, sorted(bad.json()["errors"])) == (400, ["max_quantity", "supplier_id"])
    rule = buyer.client.post_json(
        f"{BASE}/acceptance-rules/",
        {"supplier_id": supplier.company.pk, "item_id": item.pk, "max_amount": "500", "currency": "CNY"},
    )
    assert rule.status_code == 201, rule.content
    assert (rule.json()["supplier_name"], rule.json()["max_amount"]) == ("Dairy Foods Co", "500.00")
    twice = buyer.client.post_json(
        f"{BASE}/acceptance-rules/",
        {"supplier_id": supplier.company.pk, "item_id": item.pk, "max_quantity": "5", "currency": "CNY"},
    )
    assert (twice.status_code, twice.json()["code"]) == (409, "acceptance_rule_exists")
    warehouse = _member(buyer, "warehouse", signed_in)
    denied = warehouse.patch_json(
        f"{BASE}/acceptance-rules/{rule.json()['id']}/", {"max_quantity": "5", "currency": "CNY"}
    )
    assert (denied.status_code, denied.json()["code"]) == (403, "permission_denied")
    off = buyer.client.patch_json(
        f"{BASE}/acceptance-rules/{rule.json()['id']}/",
        {"max_quantity": "5", "currency": "CNY", "active": False},
    )
    assert (off.json()["active"], off.json()["max_amount"], off.json()["max_quantity"]) == (
        False,
        None,
        "5.0000",
    )
    assert buyer.client.delete(f"{BASE}/acceptance-rules/{rule.json()['id']}/").status_code == 204
    with buyer.ctx():
        assert not AcceptanceRule.objects.exists()


def test_the_reorder_list_drafts_a_purchase_order(buyer, supplier):
    from tenants.inventory import services as inventory

    with buyer.ctx():
        rice = inventory.item_create(
            actor=None, sku="RICE-5", name_zh="大米", name_en="Rice", unit="bag", reorder_point=Decimal(40)
        )
    rows = buyer.client.get("/api/inventory/reorder-list/").json()["results"]
    assert [r["item"]["sku"] if isinstance(r.get("item"), dict) else r.get("sku") for r in rows] == ["RICE-5"]
    drafted = buyer.client.post_json(
        "/api/inventory/reorder-list/purchase-order/",
        {
            "supplier_id": supplier.company.pk,
            "currency": "CNY",
            "lines": [{"item_id": rice.pk, "unit_price": "30"}],
        },
        HTTP_IDEMPOTENCY_KEY="draft-1",
    )
    assert drafted.status_code == 201, drafted.content
    body = drafted.json()
    assert (body["status"], body["line_count"], body["total"], body["supplier_name"]) == (
        "draft",
        1,
        "1200.00",
        "Dairy Foods Co",
    )
    replay = buyer.client.post_json(
        "/api/inventory/reorder-list/purchase-order/",
        {
            "supplier_id": supplier.company.pk,
            "currency": "CNY",
            "lines": [{"item_id": rice.pk, "unit_price": "30"}],
        },
        HTTP_IDEMPOTENCY_KEY="draft-1",
    )
    assert replay.json()["purchase_order_id"] == body["purchase_order_id"]
    empty = buyer.client.post_json(
        "/api/inventory/reorder-list/purchase-order/", {"currency": "CNY", "lines": []}
    )
    assert (empty.status_code, empty.json()["code"]) == (400, "validation_error")


def test_an_approver_sees_the_pending_list_and_may_not_change_the_supply_chain(buyer, signed_in):
    approver = _member(buyer, "approver", signed_in)
    assert approver.get(f"{BASE}/received/?status=pending").status_code == 200
    # Approvers see the supply chain (supplychain.view) but change nothing in it (no supplychain.manage).
    assert approver.get(f"{BASE}/policies/").status_code == 200
    assert approver.post_json(f"{BASE}/run/", {}).json()["code"] == "permission_denied"
    nobody = _member(buyer, "finance", signed_in)
    assert nobody.get(f"{BASE}/received/").json()["code"] == "permission_denied"


def test_the_buyer_may_propose_for_an_item_its_grant_covers_before_it_is_published(
    buyer, supplier, make_party
):
    from tenants.inventory import services as inventory

    with buyer.ctx():
        butter = inventory.item_create(
            actor=None, sku="BUTTER", name_zh="黄油", name_en="Butter", unit="pcs", category_code="dairy"
        )
        other = inventory.item_create(actor=None, sku="SOAP", name_zh="肥皂", name_en="Soap", unit="pcs")
    grant = f.grant_make(owner=buyer.company, partner=supplier.company, item_ids=[], category_code="dairy")
    refused = buyer.client.post_json(
        f"{BASE}/policies/", {"grant_id": grant.pk, "item_id": other.pk, **TERMS}
    )
    assert (refused.status_code, list(refused.json()["errors"])) == (400, ["item_id"])
    created = buyer.client.post_json(
        f"{BASE}/policies/", {"grant_id": grant.pk, "item_id": butter.pk, **TERMS}
    )
    assert created.status_code == 201, created.content
    assert (
        created.json()["sku"],
        created.json()["side"],
        created.json()["agreed_by_owner_at"] is not None,
    ) == (
        "BUTTER",
        "owner",
        True,
    )
    # The supplier cannot see an unpublished item, but may agree to the buyer's policy on it.
    grant.status = "revoked"
    grant.save()
    late = supplier.client.post_json(f"{BASE}/policies/{created.json()['id']}/agree/", {"version": 1})
    assert (late.status_code, late.json()["code"]) == (409, "grant_not_active")
    assert ReplenishmentPolicy.objects.get().agreed_by_partner_at is None
