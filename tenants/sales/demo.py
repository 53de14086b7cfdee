"""Demo sales for the demo suppliers (called from hansa.demo): customers outside Hansa with contacts and
follow-ups, and orders entered by hand in every state such an order can reach (awaiting acceptance,
accepted with a work order and a back-order, partly shipped, shipped, rejected, cancelled, and one changed
by an amendment). Orders from the demo buyers arrive as trade documents through the purchase-order
handler, made by the procurement demo.

Everything goes through the services, so stock is reserved and issued in the ledger. Deterministic, and
idempotent: a supplier that already has a customer outside Hansa is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

SUPPLIERS = ("precision-bearings", "northsteel", "goldenfoods")


@dataclass(frozen=True)
class DemoCustomer:
    name: str
    contact: str
    email: str
    phone: str
    payment_terms: str
    notes: str
    follow_ups: tuple[tuple[str, int, bool], ...]  # title, due in days from today, done


CUSTOMERS: dict[str, list[DemoCustomer]] = {
    "precision-bearings": [
        DemoCustomer(
            "常州东方电机厂",
            "孙工",
            "sun@dongfang-motor.example",
            "0519-8888-1234",
            "月结30天",
            "电机轴承老客户, 偏好 NSK 等级包装。",
            (
                ("回访: 确认下季度 6205 用量", -2, False),
                ("寄送 6308 样品", 0, False),
                ("年度价格谈判", 30, False),
            ),
        ),
        DemoCustomer(
            "宁波海天农机配件",
            "钱经理",
            "qian@haitian-agri.example",
            "0574-6666-2020",
            "款到发货",
            "季节性采购, 春耕前集中下单。",
            (("春耕备货提醒", 7, False), ("催收上月尾款", -10, True)),
        ),
    ],
    "northsteel": [
        DemoCustomer(
            "Baumann Maschinenbau GmbH",
            "Ralf Baumann",
            "r.baumann@baumann-mb.example",
            "+49 711 555 0101",
            "30 days net",
            "Buys plate in small lots; wants mill certificates with every delivery.",
            (("Call about Q3 plate volumes", -1, False), ("Send EN 10204 3.1 certificate samples", 5, False)),
        ),
        DemoCustomer(
            "Lindqvist Marine AB",
            "Sofia Lindqvist",
            "sofia@lindqvist-marine.example",
            "+46 31 555 2300",
            "60 days net",
            "Shipyard; orders against project numbers.",
            (("Quote for hull project 2027", 14, False),),
        ),
    ],
    "goldenfoods": [
        DemoCustomer(
            "社区优选便利店",
            "周店长",
            "zhou@youxuan-store.example",
            "021-5555-7788",
            "货到付款",
            "小批量高频次, 周二、周五配送。",
            (("确认中秋礼盒订量", 0, False), ("新品试吃反馈", 3, False), ("对账", -5, True)),
        ),
        DemoCustomer(
            "华东高校食堂联合采购",
            "陈老师",
            "chen@campus-canteen.example",
            "0571-8765-4321",
            "月结60天",
            "开学季需求大, 需要食品安全检测报告。",
            (("开学季备货沟通", 10, False),),
        ),
    ],
}

CARRIERS = {"precision-bearings": "顺丰速运", "northsteel": "DB Schenker", "goldenfoods": "京东物流"}


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


def _products(count: int) -> list[tuple[str, str, str, Decimal]]:
    """(sku, name, unit, available) of the supplier's stocked items, most available first."""
    from tenants.inventory import selectors as inventory_selectors
    from tenants.inventory import services as inventory
    from tenants.inventory.models import Item

    warehouse = inventory.default_warehouse()
    products = []
    for item in Item.objects.filter(is_active=True).order_by("sku")[:40]:
        available = inventory_selectors.stock_level(item=item, warehouse=warehouse).available
        products.append((item.sku, item.name_zh or item.name_en or item.sku, item.unit, available))
    products.sort(key=lambda p: (-p[3], p[0]))
    if not products:  # no inventory demo: made-up items (acceptance then makes work orders)
        products = [(f"DEMO-{n}", f"Demo item {n}", "pcs", Decimal(0)) for n in range(1, count + 1)]
    while len(products) < count:
        products.append(products[len(products) % max(len(products), 1)])
    return products[:count]


def _price(currency: str, n: int) -> Decimal:
    from kernel.iso import currency_minor_units

    return (Decimal(18) + Decimal(n) * Decimal("7.35")).quantize(
        Decimal(1).scaleb(-currency_minor_units(currency))
    )


def demo_sales_create() -> int:
    """Customers, follow-ups and hand-entered orders for the demo suppliers; returns the orders made."""
    from django.db import transaction

    from kernel.tenancy import company_context
    from tenants.sales.models import Customer
    from tenants.selectors import company_get_by_slug

    made = 0
    for slug in SUPPLIERS:
        company = company_get_by_slug(slug=slug)
        if company is None:
            continue
        with company_context(company), transaction.atomic():
            if Customer.objects.filter(hansa_company_id__isnull=True).exists():
                continue
            made += _supplier_demo(slug, company)
    return made


def _supplier_demo(slug: str, company: Any) -> int:
    """One supplier's customers, follow-ups and orders (in its schema); returns the orders made."""
    from django.utils import timezone

    from tenants.sales import services
    from tenants.sales.models import Customer, FollowUp, ShortfallChoice
    from tenants.sales.services.fulfilment import reserved_remaining

    today = timezone.localdate()
    actor = _actor(company)
    currency = company.default_currency or "CNY"
    customers = []
    for spec in CUSTOMERS[slug]:
        customer = services.customer_create(
            actor=actor,
            name=spec.name,
            email=spec.email,
            phone=spec.phone,
            currency=currency,
            payment_terms=spec.payment_terms,
            notes=spec.notes,
        )
        services.contact_add(
            actor=actor,
            customer_id=customer.pk,
            name=spec.contact,
            email=spec.email,
            phone=spec.phone,
            is_primary=True,
        )
        for title, days, done in spec.follow_ups:
            follow_up = services.follow_up_create(
                actor=actor,
                customer_id=customer.pk,
                title=title,
                due_date=today + timedelta(days=days),
            )
            if done:
                services.follow_up_done(actor=actor, follow_up_id=follow_up.pk)
        customers.append(customer)
    # Buyers on Hansa whose orders already arrived get a follow-up too.
    for customer in Customer.objects.filter(hansa_company_id__isnull=False):
        if not FollowUp.objects.filter(customer=customer).exists():
            services.follow_up_create(
                actor=actor,
                customer_id=customer.pk,
                title="Review open orders / 跟进在途订单",
                due_date=today + timedelta(days=2),
            )
    # Four stocked items, and two made to order (never stocked): the accepted order's shortfalls come from
    # those, so the demo takes no stock the buyers' orders might need.
    products = [
        *_products(4),
        (f"MTO-{slug[:4].upper()}-1", "定制件 A / custom part A (made to order)", "pcs", Decimal(0)),
        (f"MTO-{slug[:4].upper()}-2", "定制件 B / custom part B (made to order)", "pcs", Decimal(0)),
    ]

    def order(customer: Any, lines: list[tuple[int, Decimal]], note: str) -> Any:
        return services.manual_order_create(
            actor=actor,
            customer_id=customer.pk,
            currency=currency,
            requested_date=today + timedelta(days=14),
            notes=note,
            lines=[
                services.ManualLine(
                    sku=products[index][0],
                    description=products[index][1],
                    quantity=quantity,
                    unit=products[index][2],
                    unit_price=_price(currency, index),
                )
                for index, quantity in lines
            ],
        )

    def small(index: int) -> Decimal:
        return max(Decimal(1), min(Decimal(20), (products[index][3] / 20).quantize(Decimal(1))))

    def ship(order: Any, at_most: Decimal, packages: int) -> None:
        """Ship up to ``at_most`` of the order's first line, as far as stock is reserved for it."""
        line = order.lines.get(line_no=1)
        quantity = min(at_most, reserved_remaining(line))
        if quantity > 0:
            services.shipment_create(
                actor=actor,
                order_id=order.pk,
                carrier=CARRIERS[slug],
                tracking_number=f"{slug[:2].upper()}{order.pk:08d}",
                packages=packages,
                lines=[services.ShipLine(line_no=1, quantity=quantity)],
            )

    first, second = customers[0], customers[-1]
    order(first, [(0, small(0)), (1, small(1))], "Awaiting acceptance / 待确认")
    accepted = order(
        second,
        [(0, small(0)), (4, Decimal(12)), (5, Decimal(6))],
        "Accepted: work order and back-order / 已接单: 生产单与欠货",
    )
    services.order_accept(
        actor=actor,
        order_id=accepted.pk,
        shortfalls={3: services.Shortfall(choice=ShortfallChoice.BACK_ORDER)},
    )
    partly = order(first, [(0, small(0) * 2), (3, small(3))], "Partly shipped / 部分发货")
    services.order_accept(actor=actor, order_id=partly.pk)
    ship(partly, small(0), packages=2)
    shipped = order(second, [(3, small(3))], "Shipped / 已发货")
    services.order_accept(actor=actor, order_id=shipped.pk)
    ship(shipped, small(3), packages=1)
    changed = order(first, [(2, small(2) + 2)], "Changed after acceptance / 接单后变更")
    services.order_accept(actor=actor, order_id=changed.pk)
    services.amendment_propose(
        actor=actor,
        order_id=changed.pk,
        terms=[services.LineTerms(line_no=1, quantity=small(2), unit_price=_price(currency, 1))],
        reason="Customer reduced the quantity by phone / 客户电话减量",
    )
    rejected = order(second, [(1, small(1))], "Rejected / 已拒单")
    services.order_reject(actor=actor, order_id=rejected.pk, reason="Discontinued / 该型号停产")
    cancelled = order(first, [(0, small(0))], "Cancelled / 已取消")
    services.order_accept(actor=actor, order_id=cancelled.pk)
    services.order_cancel(
        actor=actor, order_id=cancelled.pk, reason="Customer project stopped / 客户项目取消"
    )
    return 7
