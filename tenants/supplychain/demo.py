"""Demo supply-chain collaboration (for hansa.demo, after the finance demo).

- Sharing and replenishment: the supermarket (freshmart) shares the stock and sell-through of its packaged
  food with its supplier (goldenfoods), which runs vendor-managed replenishment on it; the supermarket's
  acceptance rule turns the proposals into a purchase order, which reaches the supplier as a sales order.
- Planning: the machinery manufacturer (huaxia-machinery) publishes a 12-week forecast that the bearings
  supplier (precision-bearings) commits to, with one deviation (tenants/supplychain/planning/demo.py).
- Tracking: the bearings supplier's shipments to the manufacturer carry carrier events and an ETA; one is
  late.
- Routing: tomorrow's deliveries of the bearings supplier to eight local customers, planned on two box
  trucks and a van from its Wuxi warehouse (tenants/supplychain/routing/demo.py).

Through the services and the exchange; documents are ingested and outbox messages delivered at once, as
the workers would. Each part is skipped when its companies are missing or it ran before.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from decimal import Decimal
from typing import Any

logger = logging.getLogger(__name__)

ROUTE_SUPPLIER = "precision-bearings"
# Local customers of the bearings supplier with a delivery tomorrow: (name, quantity of its order).
ROUTE_CUSTOMERS: list[tuple[str, int]] = [
    ("无锡华光锅炉配件厂 / Wuxi Huaguang Boiler Parts", 60),
    ("江阴澄星电机 / Jiangyin Chengxing Motors", 90),
    ("宜兴恒达水泵 / Yixing Hengda Pumps", 45),
    ("无锡新区精工机械 / Wuxi New District Precision Machinery", 120),
    ("常熟江南纺机 / Changshu Jiangnan Textile Machinery", 70),
    ("无锡惠山减速机厂 / Wuxi Huishan Gearbox Works", 150),
    ("苏州相城风机 / Suzhou Xiangcheng Fans", 35),
    ("无锡锡山输送设备 / Wuxi Xishan Conveyors", 80),
]


def _owner_actor(company: Any) -> Any:
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


def _deliver() -> None:
    """Ingest every pending trade document and run every pending outbox message, as the workers would."""
    from kernel.models import OutboxMessage
    from kernel.outbox import outbox_deliver_message
    from marketplace.exchange.services import deliver_pending

    for _ in range(5):
        deliver_pending()
        pending = list(OutboxMessage.objects.filter(processed_at__isnull=True).values_list("pk", flat=True))
        for message_id in pending:
            outbox_deliver_message(message_id=str(message_id))
        if not pending:
            break


SHARE_OWNER, SHARE_PARTNER = "freshmart", "goldenfoods"
SHARED_CATEGORY = "30"  # food: every packaged-food item of the supermarket
# The supermarket's sales of the last weeks, per SKU (issued from its distribution centre).
SOLD: dict[str, int] = {
    "FM-NOODLE": 980,
    "FM-COOKIE": 260,
    "FM-SOY-500": 420,
    "FM-OIL-5": 210,
    "FM-RICE-5": 560,
}


def demo_sharing_create() -> int:
    """The supermarket shares its packaged food (stock and sell-through) with its food supplier, after a few
    weeks of sales. Returns the number of grants made (0 or 1)."""
    from kernel.tenancy import company_context
    from marketplace.exchange.models import PartnerLink
    from marketplace.sharing.models import ShareGrant
    from tenants.inventory import selectors as inventory_selectors
    from tenants.inventory import services as inventory
    from tenants.inventory.models import Item, Warehouse
    from tenants.selectors import company_get_by_slug
    from tenants.supplychain.sharing.services import grant_create

    owner, partner = company_get_by_slug(slug=SHARE_OWNER), company_get_by_slug(slug=SHARE_PARTNER)
    if owner is None or partner is None:
        return 0
    if not PartnerLink.objects.filter(company=owner, partner=partner).exists():
        return 0
    if ShareGrant.objects.filter(owner=owner, partner=partner).exists():
        return 0
    with company_context(owner):
        actor = _owner_actor(owner)
        warehouse = Warehouse.objects.filter(code="DC").first() or inventory.default_warehouse()
        for sku, quantity in SOLD.items():
            item = Item.objects.filter(sku=sku).first()
            if item is None:
                continue
            available = inventory_selectors.stock_level(item=item, warehouse=warehouse).available
            sold = min(Decimal(quantity), available * Decimal("0.6")).quantize(Decimal(1))
            if sold > 0:
                inventory.stock_issue(
                    item=item,
                    warehouse=warehouse,
                    quantity=sold,
                    reference="门店销售 / store sales",
                    actor=actor,
                )
        grant_create(
            actor=actor,
            partner_id=partner.pk,
            category_code=SHARED_CATEGORY,
            share_consumption=True,
            note="包装食品库存与动销共享 用于供应商管理库存 / packaged food stock and sell-through for VMI",
        )
    return 1


# The supplier's policies on the shared items: (sku, method, terms, unit price).
POLICIES: list[tuple[str, str, dict[str, Any], str]] = [
    ("FM-COOKIE", "min_max", {"min_quantity": Decimal(200), "max_quantity": Decimal(500)}, "24.80"),
    ("FM-NOODLE", "days_of_cover", {"minimum_days": 7, "target_days": 21}, "27.50"),
    ("FM-RICE-5", "days_of_cover", {"minimum_days": 7, "target_days": 21}, "46.00"),
]
# The supermarket accepts its food supplier's proposals by itself up to this amount (above: approval).
AUTO_ACCEPT_AMOUNT = Decimal(20000)


def demo_replenishment_create() -> int:
    """The supplier proposes policies on the shared items, the supermarket agrees and sets its acceptance
    rule, the supplier runs replenishment. One proposal is within the rule (accepted: a purchase order that
    becomes the supplier's sales order), one above it (waiting for the supermarket's approval), and one
    item has stock enough. Returns the number of proposals sent."""
    from kernel.tenancy import company_context
    from marketplace.sharing.models import ReplenishmentPolicy, ShareGrant
    from tenants.selectors import company_get_by_slug
    from tenants.supplychain.replenishment import policies as policy_services
    from tenants.supplychain.replenishment import services

    owner, partner = company_get_by_slug(slug=SHARE_OWNER), company_get_by_slug(slug=SHARE_PARTNER)
    if owner is None or partner is None:
        return 0
    grant = ShareGrant.objects.filter(owner=owner, partner=partner, status="active").first()
    if grant is None or ReplenishmentPolicy.objects.filter(grant=grant).exists():
        return 0
    with company_context(owner):
        from tenants.inventory.models import Item

        items = {item.sku: item.pk for item in Item.objects.filter(sku__in=[p[0] for p in POLICIES])}
    proposed = []
    with company_context(partner):
        supplier = _owner_actor(partner)
        for sku, method, terms, price in POLICIES:
            if sku not in items:
                continue
            proposed.append(
                policy_services.policy_propose(
                    actor=supplier,
                    grant_id=grant.pk,
                    item_id=items[sku],
                    terms=policy_services.Terms(
                        method=method,
                        unit_price=Decimal(price),
                        currency="CNY",
                        note="供应商管理库存 / vendor-managed inventory",
                        **terms,
                    ),
                )
            )
    with company_context(owner):
        buyer = _owner_actor(owner)
        for policy in proposed:
            policy_services.policy_agree(actor=buyer, policy_id=policy.pk, version=policy.version)
        services.rule_create(
            actor=buyer,
            supplier_company_id=partner.pk,
            item_id=None,
            max_quantity=None,
            max_amount=AUTO_ACCEPT_AMOUNT,
            currency="CNY",
        )
    with company_context(partner):
        result = services.replenishment_run(actor=_owner_actor(partner))
    return len(result.created)


TRACKING_SUPPLIER, TRACKING_BUYER = "precision-bearings", "huaxia-machinery"


def demo_tracking_create() -> int:
    """The bearings supplier's carrier account, and tracking on its latest shipments to the manufacturer:
    one on its way with an ETA, one held up by an exception and late. Returns the shipments tracked."""
    from datetime import datetime, time

    from django.utils import timezone

    from kernel.tenancy import company_context
    from tenants.sales.models import Shipment
    from tenants.selectors import company_get_by_slug
    from tenants.supplychain.tracking import services
    from tenants.supplychain.tracking.models import CarrierAccount, ShipmentTracking, TrackingEvent

    supplier, buyer = company_get_by_slug(slug=TRACKING_SUPPLIER), company_get_by_slug(slug=TRACKING_BUYER)
    if supplier is None or buyer is None:
        return 0
    with company_context(supplier):
        if TrackingEvent.objects.exists() or CarrierAccount.objects.exists():
            return 0
        actor = _owner_actor(supplier)
        services.carrier_account_create(
            actor=actor, code="sf-express", name="顺丰速运 SF Express", adapter="generic_json"
        )
        shipments = list(
            Shipment.objects.filter(order__buyer_company_id=buyer.pk, document_id__isnull=False).order_by(
                "-shipped_at", "-id"
            )[:2]
        )
        now = timezone.now()
        tz = timezone.get_current_timezone()
        tomorrow = timezone.localdate() + timedelta(days=1)
        for index, shipment in enumerate(shipments):
            services.tracking_event_add(
                actor=actor,
                shipment_id=shipment.pk,
                event=services.ManualEvent(
                    type="picked_up",
                    occurred_at=now - timedelta(hours=26),
                    location="无锡新吴区 / Wuxi Xinwu",
                ),
            )
            if index == 0:
                services.tracking_event_add(
                    actor=actor,
                    shipment_id=shipment.pk,
                    event=services.ManualEvent(
                        type="in_transit",
                        occurred_at=now - timedelta(hours=3),
                        location="沪宁高速 常州服务区 / G42 Changzhou service area",
                        latitude="31.781200",
                        longitude="119.946000",
                        eta=datetime.combine(tomorrow, time(16), tzinfo=tz),
                    ),
                )
            else:
                services.tracking_event_add(
                    actor=actor,
                    shipment_id=shipment.pk,
                    event=services.ManualEvent(
                        type="exception",
                        occurred_at=now - timedelta(hours=5),
                        location="济南转运中心 / Jinan hub",
                        reason="大雾封路 / motorway closed by fog",
                    ),
                )
                # Held up past the date the supplier promised: late on both sides.
                promised = (
                    ShipmentTracking.objects.filter(shipment_id=shipment.pk)
                    .values_list("promised_date", flat=True)
                    .first()
                )
                late_day = max(promised or tomorrow, tomorrow) + timedelta(days=2)
                services.tracking_eta_set(
                    actor=actor, shipment_id=shipment.pk, eta=datetime.combine(late_day, time(10), tzinfo=tz)
                )
        return len(shipments)


def demo_routing_create() -> int:
    """Tomorrow's deliveries of the bearings supplier to local customers, and their route plan.

    Returns the number of stops planned (0 when skipped)."""
    from django.utils import timezone

    from kernel.tenancy import company_context
    from tenants.sales import services as sales
    from tenants.sales.models import Customer
    from tenants.sales.services.fulfilment import reserved_remaining  # noqa: F401 (sales' own import order)
    from tenants.selectors import company_get_by_slug
    from tenants.supplychain.routing.demo import routing_demo_create
    from tenants.supplychain.routing.models import RoutePlan

    company = company_get_by_slug(slug=ROUTE_SUPPLIER)
    if company is None:
        return 0
    tomorrow = timezone.localdate() + timedelta(days=1)
    with company_context(company):
        if RoutePlan.objects.exists():
            return 0
        actor = _owner_actor(company)
        products = _stocked_products()
        if not products:
            return 0
        currency = company.default_currency or "CNY"
        for index, (name, quantity) in enumerate(ROUTE_CUSTOMERS):
            customer = Customer.objects.filter(name=name).first() or sales.customer_create(
                actor=actor, name=name, currency=currency, payment_terms="月结 30 天 / 30 days net"
            )
            sku, description, unit, price = products[index % len(products)]
            order = sales.manual_order_create(
                actor=actor,
                customer_id=customer.pk,
                currency=currency,
                requested_date=tomorrow,
                notes="明日送货 / delivery tomorrow",
                lines=[
                    sales.ManualLine(
                        sku=sku,
                        description=description,
                        quantity=Decimal(quantity),
                        unit=unit,
                        unit_price=price,
                        requested_date=tomorrow,
                    )
                ],
            )
            sales.order_accept(actor=actor, order_id=order.pk)
        plan = routing_demo_create(actor=actor, day=tomorrow, time_limit_seconds=3)
        return plan.stop_count if plan is not None else 0


def _stocked_products() -> list[tuple[str, str, str, Decimal]]:
    """(sku, description, unit, unit price) of the items with the most stock available."""
    from tenants.inventory import selectors as inventory_selectors
    from tenants.inventory import services as inventory
    from tenants.inventory.models import Item

    warehouse = inventory.default_warehouse()
    rows = []
    for item in Item.objects.filter(is_active=True).order_by("sku")[:40]:
        available = inventory_selectors.stock_level(item=item, warehouse=warehouse).available
        if available >= 200:
            rows.append((available, item))
    rows.sort(key=lambda row: (-row[0], row[1].sku))
    return [
        (item.sku, item.name_zh or item.name_en or item.sku, item.unit, Decimal("38.50") + index * 7)
        for index, (_, item) in enumerate(rows[:4])
    ]


def demo_supplychain_create() -> dict[str, int]:
    """Every part of the supply-chain demo; returns what each made."""
    from tenants.supplychain.planning.demo import demo_planning_create

    made = {"grants": demo_sharing_create()}
    _deliver()  # the grant's scope is published before the supplier looks at it
    made |= {
        "proposals": demo_replenishment_create(),
        "forecasts": demo_planning_create(),
        "tracked_shipments": demo_tracking_create(),
        "route_stops": demo_routing_create(),
    }
    _deliver()
    logger.info("supply-chain demo: %s", made)
    return made
