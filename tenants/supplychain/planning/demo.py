"""Demo planning (for hansa.demo, after the inventory and procurement demos): the machinery manufacturer
(huaxia-machinery) publishes a 12-week forecast of three bearings to its bearings supplier
(precision-bearings), which commits to it with one deviation beyond the 10% tolerance.

Through the services and the exchange (documents ingested at once). Deterministic and idempotent: a buyer
that already has a forecast is left alone; nothing happens unless both companies exist and trade.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

BUYER, SUPPLIER = "huaxia-machinery", "precision-bearings"
TITLE = "轴承 12 周滚动预测 / Bearings, 12-week rolling forecast"
# Buyer SKU -> (supplier SKU, weekly quantities for 12 weeks)
LINES: dict[str, tuple[str, list[int]]] = {
    "HX-6205-2RS": ("", [420, 420, 450, 450, 480, 480, 500, 500, 480, 460, 440, 420]),
    "HX-6308-ZZ": ("", [120, 120, 120, 140, 140, 160, 160, 160, 140, 140, 120, 120]),
    "HX-32210": ("", [40, 40, 40, 40, 50, 50, 50, 50, 40, 40, 40, 40]),
}
# The supplier's one deviation: week 6 of the 6308 (160 forecast, 120 committed: -25%).
SHORT = ("HX-6308-ZZ", 5, 120)


def _actor(company: Any) -> Any:
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for

    owner = (
        Membership.objects.filter(company=company, roles__contains=["owner"]).select_related("user").first()
    )
    return Actor(
        company=company,
        permissions=permissions_for(["owner"]),
        user=owner.user if owner else None,
        membership=owner,
    )


def demo_planning_create() -> int:
    """Returns the number of forecasts made (0 or 1)."""
    from django.utils import timezone

    from kernel.tenancy import company_context
    from marketplace.exchange.models import PartnerLink
    from marketplace.exchange.services import document_ingest
    from tenants.inventory.models import Item
    from tenants.selectors import company_get_by_slug
    from tenants.supplychain.planning import services
    from tenants.supplychain.planning.models import Forecast
    from tenants.supplychain.planning.weeks import horizon, week_of

    buyer, supplier = company_get_by_slug(slug=BUYER), company_get_by_slug(slug=SUPPLIER)
    if buyer is None or supplier is None:
        return 0
    if not PartnerLink.objects.filter(company=buyer, partner=supplier).exists():
        return 0
    weeks = horizon(week_of(timezone.localdate() + timedelta(weeks=1)), 12)
    with company_context(buyer):
        if Forecast.objects.exists():
            return 0
        skus = [sku for sku in LINES if Item.objects.filter(sku=sku).exists()]
        if not skus:
            return 0
        forecast = services.forecast_create(
            actor=_actor(buyer), supplier_id=supplier.pk, title=TITLE, start_week=weeks[0], weeks=12
        )
        version = services.forecast_publish(
            actor=_actor(buyer),
            forecast_id=forecast.pk,
            lines=[
                services.Cell(sku=sku, week=week, quantity=Decimal(q))
                for sku in skus
                for week, q in zip(weeks, LINES[sku][1], strict=True)
            ],
            note="按 MRP 展开 / from the MRP run",
        )
        key, document_id = forecast.key, version.document_id
    assert document_id is not None
    document_ingest(document_id=document_id)
    with company_context(supplier):
        received = Forecast.objects.get(key=key)
        commitment = services.commitment_create(
            actor=_actor(supplier),
            forecast_id=received.pk,
            lines=[
                services.Cell(
                    sku=sku,
                    week=week,
                    supplier_sku=LINES[sku][0],
                    quantity=Decimal(SHORT[2] if (sku, index) == SHORT[:2] else q),
                )
                for sku in skus
                for index, (week, q) in enumerate(zip(weeks, LINES[sku][1], strict=True))
            ],
            note="第 6 周 6308 产能不足 / 6308 capacity short in week 6",
        )
        commitment_document = commitment.document_id
    assert commitment_document is not None
    document_ingest(document_id=commitment_document)
    return 1
