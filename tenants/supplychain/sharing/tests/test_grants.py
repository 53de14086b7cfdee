"""Grants: made only to trading partners, validated against the owner's schema, audited on both sides,
notified to the partner, published by the worker, revoked at once (the partner's reads answer 404)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from identity.models import AuditEntry
from kernel.tenancy import company_context
from marketplace.sharing.models import GrantStatus, SharedStock, ShareGrant
from notifications.models import Notification
from tenants.supplychain.sharing.tests.conftest import Party, Stock, deliver

pytestmark = pytest.mark.django_db

GRANTS = "/api/supplychain/grants/"
RECEIVED = "/api/supplychain/received-grants/"
SHARED = "/api/supplychain/shared-stock/"


def _grant(owner: Party, partner: Party, **body: Any) -> Any:
    return owner.client.post_json(GRANTS, {"partner_id": partner.company.pk, **body})


def _rows(partner: Party, query: str = "") -> list[dict[str, Any]]:
    response = partner.client.get(SHARED + query)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_grant_to_a_company_that_is_not_a_partner_is_refused_and_writes_nothing(
    owner: Party, party: Any, stock: Stock
) -> None:
    stranger = party("Stranger Trading")
    audits = AuditEntry.objects.count()

    response = _grant(owner, stranger, item_ids=[stock.noodles.pk])

    assert response.status_code == 400
    assert response.json()["code"] == "not_a_trading_partner"
    assert not ShareGrant.objects.filter(owner=owner.company).exists()
    assert AuditEntry.objects.count() == audits
    assert not Notification.objects.filter(company=stranger.company).exists()


def test_grant_to_oneself_is_refused(owner: Party, stock: Stock) -> None:
    response = _grant(owner, owner, item_ids=[stock.noodles.pk])
    assert response.status_code == 400
    assert response.json()["code"] == "not_a_trading_partner"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"item_ids": [999_999]}, "item_ids"),
        ({}, "item_ids"),
        ({"category_code": "99.99"}, "category_code"),
        ({"category_code": "50.20", "warehouse_ids": [999_999]}, "warehouse_ids"),
        ({"category_code": "50.20", "valid_from": "2030-05-10", "valid_until": "2030-05-09"}, "valid_until"),
        ({"category_code": "50.20", "valid_from": "2020-01-01", "valid_until": "2020-02-01"}, "valid_until"),
    ],
)
def test_bad_scope_or_period_is_a_validation_error_and_writes_nothing(
    owner: Party, partner: Party, stock: Stock, body: dict[str, Any], field: str
) -> None:
    response = _grant(owner, partner, **body)

    assert response.status_code == 400, response.content
    assert response.json()["code"] == "validation_error"
    assert field in response.json()["errors"]
    assert not ShareGrant.objects.filter(owner=owner.company).exists()


def test_grant_is_audited_on_both_sides_notified_and_published(
    owner: Party, partner: Party, stock: Stock
) -> None:
    response = _grant(
        owner, partner, item_ids=[stock.noodles.pk], warehouse_ids=[stock.main.pk], note="for replenishment"
    )

    assert response.status_code == 201, response.content
    grant = ShareGrant.objects.get(pk=response.json()["id"])
    assert (grant.owner_id, grant.partner_id, grant.status) == (
        owner.company.pk,
        partner.company.pk,
        "active",
    )
    assert grant.valid_from == timezone.localdate()
    audits = AuditEntry.objects.filter(action="supplychain.grant_created", target_id=str(grant.pk))
    assert sorted(a.company_id for a in audits) == sorted([owner.company.pk, partner.company.pk])
    on_partner = audits.get(company=partner.company)
    assert on_partner.actor_id is None and on_partner.actor_label == owner.company.name
    assert Notification.objects.filter(
        company=partner.company, user=partner.owner, kind="supplychain.grant_received"
    ).exists()
    assert _rows(partner) == []  # published by the worker, not in the request

    assert deliver() == 1

    rows = _rows(partner)
    assert [
        (r["sku"], r["warehouse_code"], r["on_hand"], r["available"], r["reorder_point"]) for r in rows
    ] == [("NOODLE-5", "MAIN", "100.0000", "100.0000", "40.0000")]
    assert rows[0]["owner"] == {"id": owner.company.pk, "name": owner.company.name}
    assert rows[0]["consumption_per_day"] is None
    assert rows[0]["below_reorder_point"] is False


def test_a_stock_movement_republishes_and_consumption_is_shared_only_when_granted(
    owner: Party, partner: Party, stock: Stock
) -> None:
    from tenants.inventory import services

    assert _grant(owner, partner, category_code="50.20", share_consumption=True).status_code == 201
    deliver()
    assert {(r["sku"], r["warehouse_code"]) for r in _rows(partner)} == {
        ("NOODLE-5", "MAIN"),
        ("NOODLE-5", "NORTH"),
        ("RICE-10", "MAIN"),
        ("RICE-10", "NORTH"),
    }

    with company_context(owner.company):
        services.stock_issue(
            item=stock.noodles, warehouse=stock.main, quantity=Decimal("70"), reference="POS"
        )
        services.stock_issue(item=stock.tea, warehouse=stock.main, quantity=Decimal("1"), reference="POS")
    assert deliver() == 1  # tea is not shared: its movement recorded nothing

    noodles = {r["warehouse_code"]: r for r in _rows(partner, "?search=noodle")}
    assert noodles["MAIN"]["on_hand"] == "30.0000"
    assert noodles["MAIN"]["below_reorder_point"] is True
    assert noodles["MAIN"]["consumption_per_day"] == "2.5000"  # 70 issued over 28 days
    assert noodles["NORTH"]["consumption_per_day"] == "0.0000"
    assert [(r["sku"], r["warehouse_code"]) for r in _rows(partner, "?below_reorder_point=true")] == [
        ("NOODLE-5", "MAIN"),
        ("NOODLE-5", "NORTH"),
    ]


def test_revocation_deletes_the_snapshots_at_once_and_reads_answer_404(
    owner: Party, partner: Party, stock: Stock
) -> None:
    grant_id = _grant(owner, partner, item_ids=[stock.noodles.pk]).json()["id"]
    deliver()
    assert partner.client.get(f"{RECEIVED}{grant_id}/").status_code == 200
    assert len(_rows(partner)) == 2

    response = owner.client.post_json(f"{GRANTS}{grant_id}/revoke/", {"reason": "contract ended"})

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "revoked"
    assert not SharedStock.objects.filter(grant_id=grant_id).exists()
    never = partner.client.get(f"{RECEIVED}999999/")
    revoked = partner.client.get(f"{RECEIVED}{grant_id}/")
    assert revoked.status_code == never.status_code == 404
    assert revoked.json()["code"] == never.json()["code"] == "not_found"
    assert partner.client.get(f"{SHARED}?grant_id={grant_id}").status_code == 404
    assert _rows(partner) == []
    assert partner.client.get(RECEIVED).json()["results"] == []
    audits = AuditEntry.objects.filter(action="supplychain.grant_revoked", target_id=str(grant_id))
    assert sorted(a.company_id for a in audits) == sorted([owner.company.pk, partner.company.pk])
    assert all(a.reason == "contract ended" for a in audits)
    assert Notification.objects.filter(company=partner.company, kind="supplychain.grant_revoked").exists()

    # A publish queued before the revocation finds no active grant: nothing comes back.
    from tenants.inventory import services

    with company_context(owner.company):
        services.stock_issue(item=stock.noodles, warehouse=stock.main, quantity=Decimal("1"), reference="POS")
    deliver()
    assert not SharedStock.objects.filter(grant_id=grant_id).exists()

    again = owner.client.post_json(f"{GRANTS}{grant_id}/revoke/", {"reason": "twice"})
    assert again.status_code == 409
    assert again.json()["code"] == "grant_revoked"
    assert owner.client.patch_json(f"{GRANTS}{grant_id}/", {"note": "x"}).json()["code"] == "grant_revoked"


def test_revoke_needs_a_reason(owner: Party, partner: Party, stock: Stock) -> None:
    grant_id = _grant(owner, partner, item_ids=[stock.noodles.pk]).json()["id"]
    response = owner.client.post_json(f"{GRANTS}{grant_id}/revoke/", {"reason": "  "})
    assert response.status_code == 400
    assert ShareGrant.objects.get(pk=grant_id).status == GrantStatus.ACTIVE


def test_expired_and_not_yet_started_grants_show_nothing(owner: Party, partner: Party, stock: Stock) -> None:
    grant_id = _grant(owner, partner, item_ids=[stock.noodles.pk]).json()["id"]
    deliver()
    today = timezone.localdate()
    ShareGrant.objects.filter(pk=grant_id).update(
        valid_from=today - timedelta(days=10), valid_until=today - timedelta(days=1)
    )
    expired = partner.client.get(f"{RECEIVED}{grant_id}/")
    assert expired.status_code == 404 and expired.json()["code"] == "not_found"
    assert _rows(partner) == []

    ShareGrant.objects.filter(pk=grant_id).update(valid_from=today + timedelta(days=1), valid_until=None)
    assert partner.client.get(f"{RECEIVED}{grant_id}/").status_code == 404
    assert _rows(partner) == []


def test_narrowing_a_grant_deletes_what_left_its_scope_at_once(
    owner: Party, partner: Party, stock: Stock
) -> None:
    grant_id = _grant(
        owner, partner, item_ids=[stock.noodles.pk, stock.rice.pk], share_consumption=True
    ).json()["id"]
    deliver()
    assert len(_rows(partner)) == 4

    response = owner.client.patch_json(
        f"{GRANTS}{grant_id}/",
        {"item_ids": [stock.noodles.pk], "warehouse_ids": [stock.north.pk], "share_consumption": False},
    )

    assert response.status_code == 200, response.content
    rows = _rows(partner)
    assert [(r["sku"], r["warehouse_code"], r["consumption_per_day"]) for r in rows] == [
        ("NOODLE-5", "NORTH", None)
    ]
    audits = AuditEntry.objects.filter(action="supplychain.grant_changed", target_id=str(grant_id))
    assert sorted(a.company_id for a in audits) == sorted([owner.company.pk, partner.company.pk])
    assert audits.first().before["item_ids"] == sorted([stock.noodles.pk, stock.rice.pk])

    # Widening publishes the new scope.
    owner.client.patch_json(f"{GRANTS}{grant_id}/", {"warehouse_ids": []})
    deliver()
    assert {r["warehouse_code"] for r in _rows(partner)} == {"MAIN", "NORTH"}


def test_a_viewer_cannot_grant_and_the_partner_sees_no_given_grants(
    owner: Party, partner: Party, stock: Stock, signed_in: Any
) -> None:
    from identity.models import User
    from identity.services import membership_create

    viewer = User.objects.create_user(email="viewer@hualian.test", password="correct-horse-battery-9")
    membership_create(user=viewer, company=owner.company, roles=["viewer"])
    client = signed_in(viewer, owner.company)
    refused = client.post_json(GRANTS, {"partner_id": partner.company.pk, "item_ids": [stock.noodles.pk]})
    assert refused.status_code == 403
    assert not ShareGrant.objects.exists()

    grant_id = _grant(owner, partner, item_ids=[stock.noodles.pk]).json()["id"]
    assert client.get(GRANTS).json()["count"] == 1
    # The owner's grant is not the partner's: its given list is empty, its id unknown there.
    assert partner.client.get(GRANTS).json()["count"] == 0
    assert partner.client.get(f"{GRANTS}{grant_id}/").status_code == 404
    assert owner.client.get(f"{RECEIVED}{grant_id}/").status_code == 404


def test_an_older_publish_never_overwrites_a_newer_figure(owner: Party, partner: Party, stock: Stock) -> None:
    from marketplace.sharing.services import StockRow, shared_stock_upsert

    grant_id = _grant(owner, partner, item_ids=[stock.noodles.pk], warehouse_ids=[stock.main.pk]).json()["id"]
    deliver()
    row = SharedStock.objects.get(grant_id=grant_id)

    def publish(available: str, as_of: Any) -> None:
        shared_stock_upsert(
            rows=[
                StockRow(
                    grant_id=grant_id, owner_company_id=owner.company.pk, partner_company_id=partner.company.pk,
                    item_id=stock.noodles.pk, sku="NOODLE-5", name_zh="", name_en="", unit="pack",
                    category_code="50.20", warehouse_id=stock.main.pk, warehouse_code="MAIN", warehouse_name="",
                    on_hand=Decimal(available), available=Decimal(available), reorder_point=None,
                    consumption_per_day=None, as_of=as_of,
                )
            ],
            published_at=timezone.now(),
        )  # fmt: skip

    publish("1", row.as_of - timedelta(seconds=5))
    assert SharedStock.objects.get(pk=row.pk).available == Decimal("100")
    publish("7", row.as_of + timedelta(seconds=5))
    assert SharedStock.objects.get(pk=row.pk).available == Decimal("7")


def test_the_hourly_purge_deletes_only_expired_grants_snapshots(
    owner: Party, partner: Party, stock: Stock
) -> None:
    from tenants.supplychain.sharing.tasks import sharing_purge_expired

    expired = _grant(owner, partner, item_ids=[stock.noodles.pk]).json()["id"]
    live = _grant(owner, partner, item_ids=[stock.rice.pk]).json()["id"]
    deliver()
    today = timezone.localdate()
    ShareGrant.objects.filter(pk=expired).update(
        valid_from=today - timedelta(days=10), valid_until=today - timedelta(days=1)
    )

    assert sharing_purge_expired() == 2  # noodles in MAIN and NORTH

    assert not SharedStock.objects.filter(grant_id=expired).exists()
    assert SharedStock.objects.filter(grant_id=live).count() == 2


def test_the_partners_lists_cost_the_same_whatever_their_length(
    owner: Party, partner: Party, stock: Stock
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost(path: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert partner.client.get(path).status_code == 200
        return len(queries)

    _grant(owner, partner, item_ids=[stock.noodles.pk])
    deliver()
    small = (cost(SHARED), cost(RECEIVED))
    _grant(owner, partner, category_code="50")
    deliver()
    assert len(_rows(partner)) == 8
    assert (cost(SHARED), cost(RECEIVED)) == small
