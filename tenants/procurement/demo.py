"""Demo procurement for the demo buyers (called from hansa.demo, after the inventory and sales demos).

For huaxia-machinery and freshmart: a department, an approval rule set with two levels (orders from
20,000 CNY: an approver, then the owner) and a one-level rule (5,000 - 19,999.99 CNY from the purchasing
department: an approver); below 5,000 no rule matches and orders are approved at once. Then purchase orders
in every state towards the demo suppliers on Hansa (and one supplier outside Hansa, by e-mail): draft,
rejected back to draft, pending approval at level 1 and at level 2, approved, sent (the supplier's sales
order awaits acceptance), sent with a supplier proposal waiting, acknowledged, changed, partly received,
received, closed, cancelled by the buyer and rejected by the supplier.

Everything goes through the services, as the members would act: the buyer's on one side, the supplier's
sales services on the other, trade documents ingested synchronously (``deliver_pending``) after each step,
so both sides' records and timelines exist. The supplier ships from the items it stocks (the inventory
demo), so acceptance reserves stock and shipping issues it. Idempotent: a buyer that already has demo
orders is left alone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

logger = logging.getLogger(__name__)

MARK = "[demo]"

# The order of states an order passes through; a demo order is taken as far as its target.
FLOW = [
    "draft",
    "pending_approval",
    "approved",
    "sent",
    "acknowledged",
    "changed",
    "partly_received",
    "received",
    "closed",
]


@dataclass(frozen=True)
class DemoOrder:
    supplier: str  # a demo supplier's slug, or "outside"
    target: str  # a status of FLOW, or rejected_by_approver / level_2 / proposal / cancelled / rejected_by_supplier
    lines: tuple[tuple[int, str], ...]  # (index of the supplier's item, quantity)
    note: str
    price: str = "0"  # unit price override for large orders ("0": the item's demo price)


@dataclass(frozen=True)
class DemoBuyer:
    slug: str
    requester: str
    approver: str
    receiver: str
    department: tuple[str, str]
    orders: list[DemoOrder] = field(default_factory=list)
    outside: tuple[str, str] = ("", "")


BUYERS = [
    DemoBuyer(
        "huaxia-machinery",
        requester="buyer@huaxia.demo",
        approver="approver@huaxia.demo",
        receiver="warehouse@huaxia.demo",
        department=("PUR", "采购部 Purchasing"),
        orders=[
            DemoOrder("precision-bearings", "draft", ((0, "20"), (1, "10")), "Q3 备件 / spares for Q3"),
            DemoOrder(
                "northsteel", "rejected_by_approver", ((0, "30"),), "试制件 / trial parts", price="300"
            ),
            DemoOrder(
                "northsteel",
                "pending_approval",
                ((0, "40"), (1, "20")),
                "年度钢板 / annual plate",
                price="450",
            ),
            DemoOrder(
                "precision-bearings",
                "level_2",
                ((0, "80"), (1, "60")),
                "产线扩建 / line extension",
                price="180",
            ),
            DemoOrder("northsteel", "approved", ((1, "12"),), "库存补充 / restock"),
            DemoOrder("precision-bearings", "sent", ((0, "15"), (2, "5")), "维修 / maintenance"),
            DemoOrder("precision-bearings", "proposal", ((1, "25"),), "紧急 / urgent"),
            DemoOrder("northsteel", "acknowledged", ((0, "8"),), "样机 / prototype"),
            DemoOrder("precision-bearings", "changed", ((0, "10"), (1, "10")), "变更数量 / quantity changed"),
            DemoOrder(
                "precision-bearings", "partly_received", ((0, "12"), (2, "6")), "分批到货 / two deliveries"
            ),
            DemoOrder("northsteel", "received", ((1, "6"),), "已到货 / delivered"),
            DemoOrder("precision-bearings", "closed", ((2, "4"),), "已完成 / done"),
            DemoOrder("northsteel", "cancelled", ((0, "5"),), "项目取消 / project cancelled"),
        ],
    ),
    DemoBuyer(
        "freshmart",
        requester="buyer@freshmart.demo",
        approver="approver@freshmart.demo",
        receiver="owner@freshmart.demo",
        department=("OPS", "门店运营 Store operations"),
        outside=("云南鲜果农场 Yunnan Fresh Farms", "orders@yunnan-farms.example"),
        orders=[
            DemoOrder("goldenfoods", "draft", ((0, "50"),), "周末促销 / weekend promotion"),
            DemoOrder(
                "goldenfoods",
                "pending_approval",
                ((0, "400"), (1, "300")),
                "国庆备货 / holiday stock",
                price="40",
            ),
            DemoOrder("goldenfoods", "approved", ((1, "30"),), "补货 / replenishment"),
            DemoOrder("outside", "sent", ((0, "100"),), "鲜果 / fresh fruit"),
            DemoOrder("outside", "acknowledged", ((0, "60"),), "鲜果 / fresh fruit"),
            DemoOrder("goldenfoods", "sent", ((0, "20"), (1, "20")), "新店 / new store"),
            DemoOrder("goldenfoods", "acknowledged", ((2, "40"),), "常规 / regular"),
            DemoOrder("goldenfoods", "partly_received", ((0, "30"), (1, "10")), "分批 / in parts"),
            DemoOrder("goldenfoods", "received", ((2, "25"),), "常规 / regular"),
            DemoOrder("goldenfoods", "closed", ((0, "10"),), "已结 / settled"),
            DemoOrder("goldenfoods", "rejected_by_supplier", ((1, "15"),), "停产 / discontinued"),
        ],
    ),
]


def _actor(company: Any, email: str) -> Any:
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for

    membership = Membership.objects.filter(company=company, user__email=email).select_related("user").first()
    if membership is None:
        membership = (
            Membership.objects.filter(company=company, roles__contains=["owner"])
            .select_related("user")
            .first()
        )
    assert membership is not None
    return Actor(
        company=company,
        permissions=permissions_for(membership.roles),
        user=membership.user,
        membership=membership,
    )


def _owner(company: Any) -> Any:
    from identity.models import Membership

    owner = (
        Membership.objects.filter(company=company, roles__contains=["owner"]).select_related("user").first()
    )
    assert owner is not None
    return _actor(company, owner.user.email)


def _deliver() -> None:
    from marketplace.exchange.services import deliver_pending

    deliver_pending()


def _supplier_items(company: Any) -> list[tuple[str, str, str, Decimal]]:
    """(sku, name, unit, demo price) of the items the supplier stocks most of (three, made up if none)."""
    from kernel.tenancy import company_context
    from tenants.inventory.models import StockLevel

    with company_context(company):
        rows = list(
            StockLevel.objects.filter(item__is_active=True)
            .order_by("-on_hand", "item__sku")
            .values_list("item__sku", "item__name_zh", "item__name_en", "item__unit")[:3]
        )
    items = [(sku, zh or en or sku, unit, Decimal(15 + 11 * n)) for n, (sku, zh, en, unit) in enumerate(rows)]
    n = len(items)
    while len(items) < 3:
        items.append((f"DEMO-{n}", f"Demo item {n}", "pcs", Decimal(15 + 11 * n)))
        n += 1
    return items


def demo_procurement_create() -> int:
    """Make the demo buyers' rules and orders; returns how many orders were made."""
    from tenants.selectors import company_get_by_slug

    made = 0
    for buyer in BUYERS:
        company = company_get_by_slug(slug=buyer.slug)
        if company is None:
            continue
        try:
            made += _buyer_demo(buyer, company)
        except Exception:  # the demo of the others must still load
            logger.exception("procurement demo of %s failed", buyer.slug)
    return made


# The demo buyers' rate table (one unit in CNY).
DEMO_RATES = {"EUR": Decimal("7.8000"), "USD": Decimal("7.2000"), "JPY": Decimal("0.0480")}


def _buyer_demo(buyer: DemoBuyer, company: Any) -> int:
    from kernel.tenancy import company_context
    from tenants.procurement import services
    from tenants.procurement.models import ApprovalRule, PurchaseOrder
    from tenants.procurement.services import StepInput
    from tenants.selectors import company_get_by_slug

    owner = _owner(company)
    requester = _actor(company, buyer.requester)
    approver = _actor(company, buyer.approver)
    receiver = _actor(company, buyer.receiver)
    with company_context(company):
        if PurchaseOrder.objects.filter(notes__startswith=MARK).exists():
            return 0
        if not ApprovalRule.objects.exists():
            dept = services.department_create(actor=owner, code=buyer.department[0], name=buyer.department[1])
            if requester.user is not None:
                services.member_department_set(actor=owner, user_id=requester.user.pk, department_id=dept.pk)
            services.approval_rule_create(
                actor=owner,
                name="大额采购 / Orders from 20,000 CNY",
                priority=10,
                min_amount=Decimal(20000),
                reminder_after_hours=24,
                steps=[StepInput(roles=("approver",)), StepInput(roles=("owner",))],
            )
            services.approval_rule_create(
                actor=owner,
                name=f"{buyer.department[1]}: 5,000 - 19,999.99 CNY",
                priority=20,
                min_amount=Decimal(5000),
                max_amount=Decimal("19999.99"),
                department_id=dept.pk,
                steps=[StepInput(roles=("approver",))],
            )
            # Below 5,000 CNY no rule applies: these companies approve such orders at once (a setting,
            # off by default).
            services.procurement_settings_update(actor=owner, auto_approve_unmatched=True)
            # Orders in another currency are routed at the rate table's rate (none: submit refuses).
            for currency, rate in DEMO_RATES.items():
                if currency != company.default_currency:
                    services.exchange_rate_set(actor=owner, currency=currency, rate=rate)
    items: dict[str, list[tuple[str, str, str, Decimal]]] = {}
    made = 0
    for spec in buyer.orders:
        supplier = None if spec.supplier == "outside" else company_get_by_slug(slug=spec.supplier)
        if spec.supplier != "outside" and supplier is None:
            continue
        key = spec.supplier
        if key not in items:
            items[key] = (
                _supplier_items(supplier)
                if supplier is not None
                else [
                    ("YN-MANGO", "芒果 Mango", "kg", Decimal("18.50")),
                    ("YN-LYCHEE", "荔枝 Lychee", "kg", Decimal("26.00")),
                    ("YN-PITAYA", "火龙果 Dragon fruit", "kg", Decimal("12.80")),
                ]
            )
        actors = {"owner": owner, "requester": requester, "approver": approver, "receiver": receiver}
        _make_order(company, supplier, buyer, spec, items[key], actors)
        made += 1
    return made


def _make_order(
    company: Any,
    supplier: Any,
    buyer: DemoBuyer,
    spec: DemoOrder,
    items: list[tuple[str, str, str, Decimal]],
    actors: dict[str, Any],
) -> None:
    from kernel.tenancy import company_context
    from tenants.procurement import services
    from tenants.procurement.models import PurchaseOrder
    from tenants.procurement.services import ChangeLineInput, LineInput

    requester, approver, owner = actors["requester"], actors["approver"], actors["owner"]
    today = timezone.localdate()
    lines = [
        LineInput(
            sku=items[index][0],
            description=items[index][1],
            quantity=Decimal(quantity),
            unit=items[index][2],
            unit_price=Decimal(spec.price) if spec.price != "0" else items[index][3],
            tax_rate=Decimal(13),
            requested_date=today + timedelta(days=14 + 7 * index),
        )
        for index, quantity in spec.lines
    ]
    with company_context(company):
        order = services.po_create(
            actor=requester,
            currency="CNY",
            lines=lines,
            supplier_company_id=supplier.pk if supplier is not None else None,
            supplier_name=buyer.outside[0] if supplier is None else "",
            supplier_email=buyer.outside[1] if supplier is None else "",
            requested_date=today + timedelta(days=14),
            payment_terms="月结30天 / 30 days net",
            ship_to=f"{company.name}",
            notes=f"{MARK} {spec.note}",
        )
        oid = order.pk
        if spec.target == "draft":
            return
        services.po_submit(actor=requester, order_id=oid)
        if spec.target == "rejected_by_approver":
            services.po_reject(actor=approver, order_id=oid, reason="请先比价三家 / get three quotes first")
            return
        if PurchaseOrder.objects.get(pk=oid).status == "pending_approval":
            if spec.target == "pending_approval":
                return
            services.po_approve(actor=approver, order_id=oid, note="同意 / agreed")
            if spec.target == "level_2":
                return
        order = PurchaseOrder.objects.get(pk=oid)
        if order.status == "pending_approval":
            services.po_approve(actor=owner, order_id=oid, note="批准 / approved")
        if spec.target == "approved":
            return
        services.po_send(actor=requester, order_id=oid)
        order = PurchaseOrder.objects.get(pk=oid)
    _deliver()
    if spec.target == "sent":
        return
    if supplier is None:
        with company_context(company):
            services.po_acknowledge(actor=requester, order_id=oid, supplier_order_number="YN-2026-118")
        return
    so_id = _sales_order_id(supplier, order.exchange_document_id)
    if so_id is None:
        logger.warning(
            "demo: no sales order for %s at %s (is the sales app loaded?)", order.number, supplier.slug
        )
        return
    seller = _owner(supplier)
    if spec.target == "rejected_by_supplier":
        _supplier_call(
            supplier, "order_reject", actor=seller, order_id=so_id, reason="该品已停产 / discontinued"
        )
        return
    if spec.target == "proposal":
        from tenants.sales.services.common import LineTerms

        with company_context(company):
            first = order.lines.order_by("line_no").first()
        assert first is not None
        _supplier_call(
            supplier,
            "order_propose",
            actor=seller,
            order_id=so_id,
            reason="库存不足, 建议分两周交货 / short of stock: two weeks later",
            terms=[
                LineTerms(line_no=first.line_no, quantity=first.quantity, date=today + timedelta(days=28))
            ],
        )
        return
    _supplier_call(supplier, "order_accept", actor=seller, order_id=so_id)
    if spec.target == "cancelled":
        with company_context(company):
            services.po_cancel(actor=requester, order_id=oid, reason="项目取消 / the project was cancelled")
        _deliver()
        return
    if spec.target == "acknowledged":
        return
    if spec.target == "changed":
        with company_context(company):
            first = PurchaseOrder.objects.get(pk=oid).lines.order_by("line_no").first()
            assert first is not None
            services.change_request_create(
                actor=requester,
                order_id=oid,
                reason="需求减少 / lower demand",
                lines=[ChangeLineInput(line_no=first.line_no, quantity=first.quantity - 2)],
            )
        _deliver()
        _accept_buyer_change(supplier, seller, so_id)
        return
    partly = spec.target == "partly_received"
    _ship_and_receive(company, supplier, seller, so_id, oid, actors["receiver"], part=True, reject=partly)
    if partly:
        return
    _ship_and_receive(company, supplier, seller, so_id, oid, actors["receiver"], part=False, reject=False)
    if spec.target == "closed":
        with company_context(company):
            services.po_close(actor=owner, order_id=oid)


def _sales_order_id(supplier: Any, document_id: Any) -> int | None:
    from kernel.tenancy import company_context

    try:
        from tenants.sales.models import SalesOrder
    except ImportError:
        return None
    with company_context(supplier):
        return SalesOrder.objects.filter(source_document_id=document_id).values_list("pk", flat=True).first()


def _supplier_call(supplier: Any, name: str, **kwargs: Any) -> None:
    """A sales service of the supplier, in its schema; its documents are then delivered to the buyer."""
    from kernel.tenancy import company_context
    from tenants.sales import services as sales

    with company_context(supplier):
        getattr(sales, name)(**kwargs)
    _deliver()


def _accept_buyer_change(supplier: Any, seller: Any, so_id: int) -> None:
    from kernel.tenancy import company_context
    from tenants.sales.models import SalesOrderAmendment

    with company_context(supplier):
        amendment = SalesOrderAmendment.objects.filter(order_id=so_id, status="pending").first()
    if amendment is not None:
        _supplier_call(supplier, "amendment_accept", actor=seller, order_id=so_id, amendment_id=amendment.pk)


def _ship_and_receive(
    company: Any, supplier: Any, seller: Any, so_id: int, oid: int, receiver: Any, *, part: bool, reject: bool
) -> None:
    """The supplier ships (half of every line when ``part``, else what is left); the buyer receives it
    (refusing one damaged unit of the first line when ``reject``)."""
    from kernel.tenancy import company_context
    from tenants.procurement import services
    from tenants.procurement.models import ExpectedShipment
    from tenants.procurement.services import ReceiptLineInput
    from tenants.sales.models import SalesOrder
    from tenants.sales.services.shipments import ShipLine

    with company_context(supplier):
        order = SalesOrder.objects.get(pk=so_id)
        ship = []
        for line in order.lines.order_by("line_no"):
            left = line.quantity - line.shipped_quantity
            quantity = (left / 2).quantize(Decimal(1)) if part else left
            if quantity > 0:
                ship.append(ShipLine(line_no=line.line_no, quantity=quantity))
    if not ship:
        return
    number = f"SF{timezone.now():%m%d}{so_id:04d}{'1' if part else '2'}"
    try:
        _supplier_call(
            supplier,
            "shipment_create",
            actor=seller,
            order_id=so_id,
            carrier="顺丰速运 SF Express",
            tracking_number=number,
            packages=len(ship),
            lines=ship,
        )
    except Exception:
        logger.exception("demo: shipping %s failed (stock not reserved?)", so_id)
        return
    with company_context(company):
        shipment = ExpectedShipment.objects.filter(order_id=oid).order_by("-id").first()
        if shipment is None:
            return
        rows = []
        for index, shipped in enumerate(shipment.lines):
            quantity = Decimal(str(shipped["quantity"]))
            rejected = Decimal(1) if reject and index == 0 and quantity > 1 else Decimal(0)
            rows.append(
                ReceiptLineInput(
                    line_no=int(shipped["line_no"]),
                    accepted_quantity=quantity - rejected,
                    rejected_quantity=rejected,
                    rejection_reason="包装破损 / damaged packaging" if rejected else "",
                )
            )
        services.po_receive(actor=receiver, order_id=oid, shipment_id=shipment.pk, lines=rows)
    _deliver()
