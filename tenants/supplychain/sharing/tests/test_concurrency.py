"""Real threads against the real database: a revocation racing a publish in flight.

The publish holds the grant FOR SHARE while it writes; the revocation locks it FOR UPDATE, so it waits for
the publish to commit and then deletes what the publish wrote: after both, the partner has no snapshot,
whichever started first. Committed data lives in two schemas borrowed from the warm pool (see
tenants/inventory/tests/test_concurrency.py for why not ``transaction=True``), cleaned up afterwards.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction
from django.utils import timezone

from kernel.tenancy import company_context

ROUNDS = 3
HOLD = 0.4
TABLES = ["inventory_ledgerentry", "inventory_stocklevel", "inventory_item", "inventory_warehouse",
          "finance_costmovement", "finance_itemcost"]  # fmt: skip


@pytest.fixture(scope="module")
def pair(django_db_setup: Any, django_db_blocker: Any) -> Iterator[tuple[Any, Any]]:
    """Two warm-pool schemas borrowed for the module (owner, partner)."""
    from identity.models import AuditEntry, User
    from kernel.models import OutboxMessage
    from marketplace.sharing.models import ShareGrant
    from tenants.models import Company, CompanyStatus
    from tenants.services import pool_add_schema

    with django_db_blocker.unblock():
        borrowed = []
        for _ in range(2):
            company = (
                Company.objects.filter(status=CompanyStatus.POOLED).order_by("pk").first()
                or pool_add_schema()
            )
            Company.objects.filter(pk=company.pk).update(
                status=CompanyStatus.CLOSED, name=f"Racer {company.pk}"
            )
            borrowed.append(Company.objects.get(pk=company.pk))
        owner, partner = borrowed
        try:
            yield owner, partner
        finally:
            connection.set_schema_to_public()
            ShareGrant.objects.filter(owner=owner).delete()
            AuditEntry.objects.filter(company__in=borrowed).delete()
            User.objects.filter(email__endswith="@sharing.test").delete()
            OutboxMessage.objects.filter(schema_name=owner.schema_name).delete()
            with company_context(owner), connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE")
            connection.set_schema_to_public()
            Company.objects.filter(pk__in=[c.pk for c in borrowed]).update(
                status=CompanyStatus.POOLED, name=""
            )


def race(owner: Any, actor: Any, grant: Any, item: Any) -> dict[str, Any]:
    """A publish holding the grant FOR SHARE for HOLD seconds, and a revocation started meanwhile."""
    from marketplace.sharing.services import grants_lock_for_publish
    from tenants.supplychain.sharing import publishing
    from tenants.supplychain.sharing import services as sharing

    locked = threading.Event()
    outcome: dict[str, Any] = {}

    def publish() -> None:
        try:
            with company_context(owner), transaction.atomic():
                grants = grants_lock_for_publish(owner_id=owner.pk, today=timezone.localdate())
                locked.set()
                time.sleep(HOLD)  # the revocation starts meanwhile and must wait
                outcome["written"] = publishing._publish(grants=grants, items=[item], skip_if_current=False)
                outcome["published_at"] = time.monotonic()
        except Exception as exc:
            outcome["publish_error"] = exc
        finally:
            connection.close()

    def revoke() -> None:
        try:
            locked.wait(timeout=10)
            with company_context(owner):
                sharing.grant_revoke(actor=actor, grant_id=grant.pk, reason="race")
            outcome["revoked_at"] = time.monotonic()
        except Exception as exc:
            outcome["revoke_error"] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=publish), threading.Thread(target=revoke)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcome


def test_a_revocation_waits_for_a_publish_in_flight_and_deletes_what_it_wrote(
    pair: tuple[Any, Any], django_db_blocker: Any
) -> None:
    from identity.access import Actor
    from identity.roles import permissions_for
    from marketplace.sharing.models import GrantStatus, SharedStock, ShareGrant
    from tenants.inventory import services as inventory

    owner, partner = pair
    with django_db_blocker.unblock():
        with company_context(owner):
            item = inventory.item_get_or_create_for_line(sku="RACE-1", name="Race", unit="pcs")
            warehouse = inventory.default_warehouse()
            inventory.stock_receive(item=item, warehouse=warehouse, quantity=Decimal(50), reference="GR")
        from identity.models import User

        user = User.objects.create_user(
            email=f"racer-{owner.pk}@sharing.test", password="racing-horse-battery-9"
        )
        actor = Actor(company=owner, permissions=permissions_for(["owner"]), user=user)
        for _ in range(ROUNDS):
            grant = ShareGrant.objects.create(
                owner=owner, partner=partner, item_ids=[item.pk], valid_from=timezone.localdate()
            )
            outcome = race(owner, actor, grant, item)

            assert "publish_error" not in outcome and "revoke_error" not in outcome, outcome
            assert outcome["written"] == 1
            assert outcome["revoked_at"] > outcome["published_at"]  # it waited for the publish
            assert ShareGrant.objects.get(pk=grant.pk).status == GrantStatus.REVOKED
            assert not SharedStock.objects.filter(grant=grant).exists()


@pytest.mark.django_db
def test_a_publish_locks_only_active_unexpired_grants_of_its_owner(make_company: Any) -> None:
    """What the racing publish above locks (and a database test in this module, so that running the module
    alone sets the test database up)."""
    from datetime import timedelta

    from marketplace.sharing.models import GrantStatus, ShareGrant
    from marketplace.sharing.services import grants_lock_for_publish

    owner, partner, other = (make_company().company for _ in range(3))
    today = timezone.localdate()

    def grant(**fields: Any) -> int:
        values = {"owner": owner, "partner": partner, "item_ids": [1], "valid_from": today, **fields}
        return int(ShareGrant.objects.create(**values).pk)

    live = grant()
    upcoming = grant(valid_from=today + timedelta(days=3))
    grant(status=GrantStatus.REVOKED)
    grant(valid_from=today - timedelta(days=9), valid_until=today - timedelta(days=1))
    grant(owner=other)
    with transaction.atomic():
        locked = [g.pk for g in grants_lock_for_publish(owner_id=owner.pk, today=today)]
    assert locked == [live, upcoming]
    assert grants_lock_for_publish(owner_id=owner.pk, today=today, grant_ids=[]) == []
