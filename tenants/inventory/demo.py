"""Demo inventory: warehouses, items and stock for every demo company (called from hansa.demo).

Buyers stock what they consume (bearings, steel and oil at the machinery maker; groceries at the
supermarket); suppliers stock what they sell, each item linked to the supplier's own catalog listing.
Every figure goes through the stock services, so the ledger explains every level: an opening balance,
then a few issues, an adjustment with its reason and a transfer between warehouses. A few items sit below
their reorder point on purpose. Deterministic, and idempotent: a company that has items is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

OPENING = "期初库存 / opening balance"


@dataclass(frozen=True)
class DemoItem:
    sku: str
    name_zh: str
    name_en: str
    unit: str
    category_code: str
    opening: str
    reorder_point: str | None
    issued: str = "0"


# Buyers: what they keep for production or sale.
BUYER_ITEMS: dict[str, tuple[list[tuple[str, str]], list[DemoItem]]] = {
    "huaxia-machinery": (
        [("MAIN", "总装厂原材料库"), ("SPARE", "维修备件库")],
        [
            DemoItem(
                "HX-6205-2RS",
                "深沟球轴承 6205-2RS",
                "Deep groove ball bearing 6205-2RS",
                "pcs",
                "10.01.01",
                "1200",
                "500",
                "420",
            ),
            DemoItem(
                "HX-6308-ZZ",
                "深沟球轴承 6308-ZZ",
                "Deep groove ball bearing 6308-ZZ",
                "pcs",
                "10.01.01",
                "300",
                "400",
                "120",
            ),
            DemoItem(
                "HX-32210",
                "圆锥滚子轴承 32210",
                "Tapered roller bearing 32210",
                "pcs",
                "10.01.02",
                "160",
                "100",
                "40",
            ),
            DemoItem(
                "HX-Q235-20", "Q235 钢板 20mm", "Q235 steel plate 20 mm", "t", "20.01", "48.5", "30", "31.25"
            ),
            DemoItem(
                "HX-M12-BOLT",
                "六角螺栓 M12x60",
                "Hex bolt M12x60",
                "pcs",
                "10.03.01",
                "20000",
                "5000",
                "6500",
            ),
            DemoItem(
                "HX-HYD-46",
                "抗磨液压油 46#",
                "Anti-wear hydraulic oil ISO VG 46",
                "L",
                "60.05",
                "800",
                "1000",
                "260",
            ),
            DemoItem("HX-GEAR-Z40", "直齿轮 m3 z40", "Spur gear m3 z40", "pcs", "10.02.01", "90", "40", "12"),
        ],
    ),
    "freshmart": (
        [("DC", "华东配送中心"), ("S001", "徐汇门店仓")],
        [
            DemoItem(
                "FM-RICE-5", "东北大米 5kg", "Northeast rice 5 kg", "bag", "30.03.01", "2400", "800", "1150"
            ),
            DemoItem(
                "FM-OIL-5",
                "压榨花生油 5L",
                "Pressed peanut oil 5 L",
                "bottle",
                "30.03.03",
                "600",
                "300",
                "380",
            ),
            DemoItem(
                "FM-NOODLE",
                "方便面 五连包",
                "Instant noodles, 5-pack",
                "pack",
                "30.01",
                "1800",
                "1000",
                "1250",
            ),
            DemoItem(
                "FM-SOY-500",
                "生抽酱油 500ml",
                "Light soy sauce 500 ml",
                "bottle",
                "30.04.01",
                "900",
                "200",
                "150",
            ),
            DemoItem(
                "FM-COOKIE", "黄油曲奇 400g", "Butter cookies 400 g", "box", "30.01.01", "350", "120", "60"
            ),
        ],
    ),
}

# Suppliers: how many of their listings to stock, and their warehouses.
SUPPLIER_STOCK: dict[str, tuple[list[tuple[str, str]], int]] = {
    "precision-bearings": ([("MAIN", "无锡成品仓"), ("EXPORT", "上海出口仓")], 14),
    "northsteel": ([("MAIN", "Duisburg Lager"), ("HAM", "Hamburg Hafenlager")], 10),
    "goldenfoods": ([("MAIN", "金谷成品仓")], 10),
}


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


def _stock(actor: Any, items: list[tuple[Any, DemoItem]], warehouses: list[Any]) -> None:
    from tenants.inventory import selectors, services

    main = warehouses[0]
    for index, (item, spec) in enumerate(items):
        services.stock_receive(
            item=item, warehouse=main, quantity=Decimal(spec.opening), reference=OPENING, actor=actor
        )
        if Decimal(spec.issued) > 0:
            services.stock_issue(
                item=item,
                warehouse=main,
                quantity=Decimal(spec.issued),
                reference="领料 / issued to production",
                actor=actor,
            )
        if index % 3 == 1:
            services.stock_adjust(
                actor=actor,
                item=item,
                warehouse=main,
                quantity_delta=Decimal(-1),
                reason="盘点差异 / stock count difference",
            )
        if len(warehouses) > 1 and index % 2 == 0:
            level = selectors.stock_level(item=item, warehouse=main)
            moved = (level.available / 4).quantize(Decimal(1))
            if moved > 0:
                services.stock_transfer(
                    actor=actor,
                    item=item,
                    from_warehouse=main,
                    to_warehouse=warehouses[1],
                    quantity=moved,
                    reference="调拨 / rebalance",
                )


def _warehouses(actor: Any, specs: list[tuple[str, str]]) -> list[Any]:
    from tenants.inventory import services

    made = []
    for code, name in specs:
        made.append(services.warehouse_create(actor=actor, code=code, name=name))
    return made


def _listing_items(company: Any, count: int) -> list[DemoItem]:
    """The supplier's first ``count`` active listings as items; every fourth below its reorder point."""
    from marketplace.catalog.models import Listing

    listings = (
        Listing.objects.filter(company=company, status="active")
        .select_related("category")
        .order_by("pk")[:count]
    )
    items = []
    for index, listing in enumerate(listings):
        opening = Decimal(200 + (index * 137) % 900)
        below = index % 4 == 3
        items.append(
            DemoItem(
                sku=listing.sku,
                name_zh=listing.name_zh,
                name_en=listing.name_en,
                unit=listing.unit,
                category_code=listing.category.code,
                opening=str(opening),
                reorder_point=str(opening * 2 if below else (opening / 4).quantize(Decimal(1))),
                issued=str((opening / 10).quantize(Decimal(1))),
            )
        )
    return items


def demo_inventory_create() -> int:
    """Warehouses, items and stock for the demo companies; returns how many items it made."""
    from django.db import transaction

    from kernel.tenancy import company_context
    from marketplace.catalog.models import Listing
    from tenants.inventory import services
    from tenants.inventory.models import Item
    from tenants.selectors import company_get_by_slug

    made = 0
    plans: list[tuple[str, list[tuple[str, str]], list[DemoItem] | int]] = [
        (slug, warehouses, items) for slug, (warehouses, items) in BUYER_ITEMS.items()
    ] + [(slug, warehouses, count) for slug, (warehouses, count) in SUPPLIER_STOCK.items()]
    for slug, warehouse_specs, planned in plans:
        company = company_get_by_slug(slug=slug)
        if company is None:
            continue
        specs = _listing_items(company, planned) if isinstance(planned, int) else planned
        listing_ids = (
            dict(Listing.objects.filter(company=company).values_list("sku", "pk"))
            if isinstance(planned, int)
            else {}
        )
        actor = _actor(company)
        with company_context(company), transaction.atomic():
            if Item.objects.exists():
                continue
            warehouses = _warehouses(actor, warehouse_specs)
            items = []
            for spec in specs:
                item = services.item_create(
                    actor=actor,
                    sku=spec.sku,
                    name_zh=spec.name_zh,
                    name_en=spec.name_en,
                    unit=spec.unit,
                    category_code=spec.category_code,
                    listing_id=listing_ids.get(spec.sku),
                    reorder_point=Decimal(spec.reorder_point) if spec.reorder_point else None,
                )
                items.append((item, spec))
            _stock(actor, items, warehouses)
            made += len(items)
    return made
