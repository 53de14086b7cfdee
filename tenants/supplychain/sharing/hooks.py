"""The hook inventory calls on every stock movement (``tenants.inventory.services._post``).

It costs ONE query when the company shares nothing (or nothing covering the moved item), and two (that
query and the outbox row) when it does, whatever the number of grants and partners: the publish itself
runs later, in the worker, in the owner's own schema (see :mod:`publishing`).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from kernel.outbox import outbox_record
from kernel.tenancy import current_company
from marketplace.sharing.models import GrantStatus, ShareGrant

TOPIC_ITEM = "supplychain.sharing.item_moved"
TOPIC_GRANT = "supplychain.sharing.grant_publish"


def item_is_shared(*, company_id: int, item_id: int, warehouse_id: int) -> bool:
    """Whether an active, unexpired grant of the company covers the item in this warehouse. One query."""
    from tenants.inventory.models import Item

    today = timezone.localdate()
    in_category = Exists(Item.objects.filter(pk=item_id, category_code__startswith=OuterRef("category_code")))
    return (
        ShareGrant.objects.filter(owner_id=company_id, status=GrantStatus.ACTIVE)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .filter(Q(warehouse_ids=[]) | Q(warehouse_ids__contains=[warehouse_id]))
        .filter(Q(item_ids__contains=[item_id]) | (~Q(category_code="") & in_category))
        .exists()
    )


def stock_moved(*, item_id: int, warehouse_id: int) -> None:
    """Record (in the movement's transaction) that the item's shared figures must be published again."""
    company = current_company()
    if company is None:
        return
    if item_is_shared(company_id=company.pk, item_id=item_id, warehouse_id=warehouse_id):
        outbox_record(topic=TOPIC_ITEM, payload={"item_id": item_id})
