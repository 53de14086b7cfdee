"""Demo catalogs: the demo suppliers' profiles, certifications and about 2,400 listings (zh/en names).

Called from hansa.demo.demo_create. Deterministic (a fixed random seed) and idempotent: a supplier
that already has listings is left as it is. Listings are checked with the same rules as the API and
written with bulk_create, so the whole catalog takes a second or two.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

# (zh, en) product words per category code, (zh, en) modifiers, specs, price range, units, currency.


@dataclass(frozen=True)
class DemoCatalog:
    slug: str
    profile: dict[str, Any]
    certifications: list[tuple[str, str, str, int]]  # type, number, issuer, days valid (negative: expired)
    products: dict[str, list[tuple[str, str]]]
    modifiers: list[tuple[str, str]]
    specs: list[str]
    attributes: list[tuple[str, list[str]]]
    price: tuple[float, float]
    units: list[str]
    currency: str
    count: int
    verified: bool = False


CATALOGS = [
    DemoCatalog(
        slug="precision-bearings",
        profile={
            "role": "supplier",
            "display_name_en": "Wuxi Precision Bearing Co., Ltd.",
            "display_name_zh": "无锡精密轴承有限公司",
            "description_en": "Ball and roller bearings, housings and transmission parts for machinery makers since 1998.",
            "description_zh": "1998年成立，专业生产球轴承、滚子轴承、轴承座及传动件，服务机械制造企业。",  # noqa: RUF001
            "category_codes": ["10.01", "10.02", "10.03"],
            "regions_served": ["CN", "VN", "TH", "DE"],
            "capacity_note": "3 million bearings a month; 40 CNC lines",
            "min_order_note": "Standard bearings from 100 pieces; custom sizes from 2,000 pieces",
        },
        certifications=[
            ("ISO 9001", "CN-QMS-2019-0381", "China Quality Certification Centre", 500),
            ("IATF 16949", "IATF-0412873", "TUV SUD", 300),
            ("ISO 14001", "CN-EMS-2018-1102", "China Quality Certification Centre", 20),
        ],
        products={
            "10.01.01": [
                ("深沟球轴承", "deep groove ball bearing"),
                ("角接触球轴承", "angular contact ball bearing"),
                ("调心球轴承", "self-aligning ball bearing"),
                ("微型轴承", "miniature bearing"),
                ("不锈钢球轴承", "stainless ball bearing"),
            ],
            "10.01.02": [
                ("圆锥滚子轴承", "tapered roller bearing"),
                ("圆柱滚子轴承", "cylindrical roller bearing"),
                ("调心滚子轴承", "spherical roller bearing"),
                ("滚针轴承", "needle roller bearing"),
            ],
            "10.01.03": [("自润滑轴套", "self-lubricating bushing"), ("铜套", "bronze bushing")],
            "10.01.04": [("立式轴承座", "pillow block bearing unit"), ("法兰轴承座", "flange bearing unit")],
            "10.02.01": [("直齿轮", "spur gear"), ("斜齿轮", "helical gear"), ("锥齿轮", "bevel gear")],
            "10.02.02": [("行星减速机", "planetary gearbox"), ("蜗轮减速机", "worm gear reducer")],
            "10.02.03": [("滚子链", "roller chain"), ("链轮", "sprocket")],
            "10.02.05": [("弹性联轴器", "flexible coupling"), ("膜片联轴器", "disc coupling")],
            "10.03.01": [("六角螺栓", "hex bolt"), ("内六角螺钉", "socket head cap screw")],
            "10.03.02": [("六角螺母", "hex nut"), ("防松螺母", "lock nut")],
        },
        modifiers=[
            ("高精度", "High precision"),
            ("低噪音", "Low noise"),
            ("耐高温", "High temperature"),
            ("重载", "Heavy duty"),
            ("双面密封", "Double sealed"),
            ("开式", "Open type"),
            ("工业级", "Industrial"),
        ],
        specs=[
            "6200",
            "6201",
            "6202",
            "6203",
            "6204",
            "6205",
            "6206",
            "6305",
            "6308",
            "7205B",
            "30204",
            "30208",
            "32210",
            "NU206",
            "NJ308",
            "22210",
            "HK2016",
            "UCP205",
            "UCF208",
            "M8x30",
            "M10x40",
            "M12x50",
            "M16x60",
            "i=10",
            "i=20",
            "08B-1",
            "12B-1",
        ],
        attributes=[
            ("材质 Material", ["GCr15", "SUS440C", "20CrMnTi", "45#", "ZCuSn10Pb1"]),
            ("精度 Grade", ["P0", "P5", "P6"]),
            ("密封 Seal", ["2RS", "ZZ", "Open"]),
        ],
        price=(0.8, 1800.0),
        units=["pcs", "set"],
        currency="CNY",
        count=900,
        verified=True,
    ),
    DemoCatalog(
        slug="northsteel",
        profile={
            "role": "supplier",
            "display_name_en": "Nordstahl Werke GmbH",
            "display_name_zh": "北方钢铁（德国）",  # noqa: RUF001
            "description_en": "Plate, pipe, bar and structural sections from our mills in the Ruhr; EN and ASTM grades.",
            "description_zh": "鲁尔区钢厂直供钢板、钢管、圆钢及型钢，符合EN和ASTM标准。",  # noqa: RUF001
            "category_codes": ["20.01", "20.02", "20.03", "20.04", "10.01.04"],
            "regions_served": ["DE", "PL", "NL", "CN"],
            "capacity_note": "1.2 million tonnes a year",
            "min_order_note": "From 5 tonnes per grade and size",
        },
        certifications=[
            ("ISO 9001", "DE-Q-44821", "TUV Rheinland", 700),
            ("PED", "PED-2014/68-0193", "TUV Rheinland", 200),
            ("API 5L", "5L-1187", "American Petroleum Institute", -30),
        ],
        products={
            "20.01.01": [("热轧钢板", "hot rolled steel plate"), ("热轧卷板", "hot rolled coil")],
            "20.01.02": [("冷轧钢板", "cold rolled steel sheet")],
            "20.01.03": [("镀锌钢板", "galvanized steel sheet")],
            "20.01.04": [("不锈钢板", "stainless steel plate")],
            "20.02.01": [("圆钢", "round steel bar"), ("合金圆钢", "alloy round bar")],
            "20.03.01": [("无缝钢管", "seamless steel pipe"), ("锅炉管", "boiler tube")],
            "20.03.02": [("焊接钢管", "welded steel pipe"), ("螺旋焊管", "spiral welded pipe")],
            "20.03.03": [("不锈钢管", "stainless steel pipe")],
            "20.04.01": [("H型钢", "H-beam"), ("工字钢", "I-beam")],
            "20.04.02": [("角钢", "angle steel")],
            "20.04.03": [("槽钢", "channel steel")],
        },
        modifiers=[
            ("S235JR", "S235JR"),
            ("S355J2", "S355J2"),
            ("42CrMo4", "42CrMo4"),
            ("304L", "304L"),
            ("316L", "316L"),
            ("P265GH", "P265GH"),
            ("ASTM A106", "ASTM A106"),
        ],
        specs=[
            "3mm",
            "5mm",
            "8mm",
            "12mm",
            "20mm",
            "1500x6000",
            "2000x12000",
            "Ø60",
            "Ø114.3x6.02",
            "Ø219.1x8.18",
            "HEA 200",
            "HEB 300",
            "IPE 240",
            "L50x50x5",
            "UPN 160",
        ],
        attributes=[
            ("标准 Standard", ["EN 10025-2", "EN 10216-2", "ASTM A106", "EN 10088-2"]),
            ("表面 Surface", ["black", "pickled", "galvanized", "2B"]),
        ],
        price=(650.0, 5200.0),
        units=["t"],
        currency="EUR",
        count=700,
    ),
    DemoCatalog(
        slug="goldenfoods",
        profile={
            "role": "supplier",
            "display_name_en": "Golden Grain Foods Co., Ltd.",
            "display_name_zh": "金谷食品有限公司",
            "description_en": "Packaged snacks, beverages, grain and oil for supermarkets and distributors.",
            "description_zh": "为商超和经销商提供休闲零食、饮料、粮油等包装食品。",
            "category_codes": ["30.01", "30.02", "30.03", "30.04"],
            "regions_served": ["CN", "HK", "MO"],
            "capacity_note": "Cold chain and dry warehouses in Guangzhou",
            "min_order_note": "Mixed pallets from 50 cartons",
        },
        certifications=[
            ("HACCP", "HACCP-GD-20911", "China Quality Certification Centre", 400),
            ("ISO 22000", "FSMS-2021-0567", "SGS", 15),
        ],
        products={
            "30.01.01": [
                ("苏打饼干", "soda crackers"),
                ("夹心饼干", "sandwich cookies"),
                ("黄油曲奇", "butter cookies"),
            ],
            "30.01.02": [("原味薯片", "potato chips"), ("虾条", "prawn crackers")],
            "30.01.03": [("每日坚果", "mixed nuts"), ("开心果", "pistachios"), ("葡萄干", "raisins")],
            "30.01.04": [("黑巧克力", "dark chocolate"), ("奶糖", "milk candy")],
            "30.02.01": [("饮用天然水", "natural drinking water"), ("矿泉水", "mineral water")],
            "30.02.02": [("冰红茶", "iced black tea"), ("绿茶饮料", "green tea drink")],
            "30.02.03": [("橙汁", "orange juice"), ("椰子水", "coconut water")],
            "30.03.01": [("东北大米", "northeast rice"), ("泰国香米", "Thai jasmine rice")],
            "30.03.02": [("高筋面粉", "bread flour")],
            "30.03.03": [("花生油", "peanut oil"), ("菜籽油", "rapeseed oil"), ("大豆油", "soybean oil")],
            "30.04.01": [("生抽", "light soy sauce"), ("陈醋", "aged vinegar")],
        },
        modifiers=[
            ("有机", "Organic"),
            ("低糖", "Low sugar"),
            ("家庭装", "Family pack"),
            ("非转基因", "Non-GMO"),
            ("原味", "Original"),
            ("礼盒装", "Gift box"),
        ],
        specs=["100g", "250g", "500g", "1kg", "5kg", "330ml", "550ml", "1.5L", "5L", "12袋/箱", "24瓶/箱"],
        attributes=[
            ("保质期 Shelf life", ["6个月 6 months", "12个月 12 months", "18个月 18 months"]),
            ("储存 Storage", ["常温 ambient", "阴凉干燥 cool and dry"]),
        ],
        price=(3.0, 260.0),
        units=["carton", "bag", "bottle"],
        currency="CNY",
        count=800,
        verified=True,
    ),
]


def _rows(catalog: DemoCatalog, rng: random.Random) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    codes = list(catalog.products)
    prefix = "".join(w[0] for w in catalog.slug.split("-")).upper()
    attempts = 0
    while len(rows) < catalog.count:
        attempts += 1
        code = codes[attempts % len(codes)]
        product_zh, product_en = rng.choice(catalog.products[code])
        modifier_zh, modifier_en = rng.choice(catalog.modifiers)
        spec = rng.choice(catalog.specs)
        name_en = f"{modifier_en} {product_en} {spec}"
        if name_en in seen and attempts < catalog.count * 20:  # a small category repeats a name at last
            continue
        seen.add(name_en)
        low, high = catalog.price
        price = Decimal(str(round(low * (high / low) ** rng.random(), 2)))
        moq = rng.choice([1, 5, 10, 50, 100] if catalog.units != ["t"] else [5, 10, 25])
        tiers = [(moq, price)]
        if rng.random() < 0.7:
            tiers.append((moq * 10, (price * Decimal("0.93")).quantize(Decimal("0.01"))))
        if rng.random() < 0.4:
            tiers.append((moq * 100, (price * Decimal("0.86")).quantize(Decimal("0.01"))))
        in_stock = rng.random() < 0.6
        attributes = [f"{key}={rng.choice(values)}" for key, values in rng.sample(catalog.attributes, 2)]
        rows.append(
            {
                "sku": f"{prefix}-{code.replace('.', '')}-{len(rows) + 1:04d}",
                "name_en": name_en,
                "name_zh": f"{modifier_zh}{product_zh} {spec}",
                "category_code": code,
                "unit": rng.choice(catalog.units),
                "currency": catalog.currency,
                "price_tiers": ";".join(f"{q}:{p}" for q, p in tiers),
                "moq": moq,
                "lead_time_days": rng.choice([3, 5, 7, 10, 15, 20, 30, 45]),
                "availability": "in_stock" if in_stock else "made_to_order",
                "stock_quantity": rng.randint(50, 20000) if in_stock else "",
                "attributes": ";".join(attributes),
                "description_en": f"{product_en.capitalize()}, {spec}. {modifier_en}.",
                "description_zh": f"{product_zh}，规格{spec}，{modifier_zh}。",  # noqa: RUF001
                "status": "active" if rng.random() < 0.96 else "draft",
            }
        )
    return rows


def demo_catalogs_create(*, operator: Any = None) -> int:
    """Profiles, certifications and catalogs of the demo suppliers; returns how many listings it wrote."""
    from django.db import transaction

    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for
    from marketplace.catalog.models import Listing
    from marketplace.catalog.services import category_index, listings_upsert
    from marketplace.catalog.validation import listing_clean
    from marketplace.directory import services as directory
    from marketplace.directory.categories import category_tree_ensure
    from tenants.selectors import company_get_by_slug

    category_tree_ensure()
    categories = category_index()
    written = 0
    for catalog in CATALOGS:
        company = company_get_by_slug(slug=catalog.slug)
        if company is None or Listing.objects.filter(company=company).exists():
            continue
        owner = (
            Membership.objects.filter(company=company, roles__contains=["owner"])
            .select_related("user")
            .first()
        )
        if owner is None:
            continue
        actor = Actor(
            company=company, permissions=permissions_for(["owner"]), user=owner.user, membership=owner
        )
        rng = random.Random(f"hansa-demo-{catalog.slug}")  # noqa: S311 - the same demo every time
        with transaction.atomic():
            profile = directory.supplier_profile_save(
                actor=actor, data=directory.ProfileInput(**catalog.profile)
            )
            for cert_type, number, issuer, days in catalog.certifications:
                directory.certification_create(
                    actor=actor,
                    type=cert_type,
                    number=number,
                    issuer=issuer,
                    valid_until=date.today() + timedelta(days=days),
                )
            if catalog.verified and operator is not None:
                directory.supplier_set_verified(
                    operator=operator,
                    supplier_id=profile.company_id,
                    verified=True,
                    note="Business licence and site visit checked",
                )
                profile.refresh_from_db()
            rows = [listing_clean(row, categories=categories) for row in _rows(catalog, rng)]
            for start in range(0, len(rows), 500):
                written += listings_upsert(
                    supplier=profile, rows=rows[start : start + 500], categories=categories
                ).created
    return written
