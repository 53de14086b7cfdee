"""Posting builders of goods movements and cost accounting.

| event | debit | credit |
|---|---|---|
| ``goods_receipt`` | inventory | grni (in the order's currency) |
| ``shipment`` | cogs | inventory |
| ``stock_adjustment`` | stock_adjustment (loss) / inventory (gain) | inventory (loss) / stock_adjustment (gain) |
| ``landed_cost`` | inventory (on hand), cogs (already issued) | other_payable (accrued landed costs) |
| ``work_order_material`` | wip | inventory (materials) |
| ``work_order_labour`` | wip | payroll_payable |
| ``work_order_overhead`` | wip | overhead (absorbed) |
| ``work_order_completion`` | inventory (finished goods) | wip |
| ``logistics_cost`` | selling_expense | other_payable (accrued) or bank (paid) |

Amounts come from the event payload, written when the goods moved (the cost at that moment).
"""

from __future__ import annotations

from decimal import Decimal

from tenants.finance.models import PostingEvent
from tenants.finance.services.posting import LegBuilder, Posting, RuleSpec, functional_currency, posting_event


def _amount(event: PostingEvent, key: str = "total") -> Decimal:
    return Decimal(str(event.payload.get(key) or "0"))


@posting_event(
    "goods_receipt",
    journal="INV",
    label_zh="入库",
    label_en="Goods receipt",
    rules=[
        RuleSpec("inventory", "debit", "inventory", "库存商品", "Inventory"),
        RuleSpec("grni", "credit", "grni", "暂估应付款", "Goods received not invoiced"),
    ],
)
def goods_receipt_posting(event: PostingEvent) -> Posting | None:
    payload = event.payload
    total = _amount(event)
    partner = {
        "partner_company_id": payload.get("partner_company_id"),
        "partner_name": payload.get("partner_name") or "",
    }
    legs = LegBuilder()
    legs.add("inventory", total)
    currency = payload.get("currency") or ""
    if currency and currency != functional_currency():
        legs.add(
            "grni",
            -total,
            currency=currency,
            amount_currency=-_amount(event, "amount_currency"),
            rate=Decimal(str(payload.get("rate") or "1")),
            **partner,
        )
    else:
        legs.add("grni", -total, **partner)
    text = f"Goods receipt {payload.get('receipt_number', '')} ({payload.get('order_number', '')})"
    return Posting(description=text, legs=legs.legs)


@posting_event(
    "shipment",
    journal="INV",
    label_zh="发货成本",
    label_en="Shipment (cost of goods sold)",
    rules=[
        RuleSpec("cogs", "debit", "cogs", "主营业务成本", "Cost of goods sold"),
        RuleSpec("inventory", "credit", "inventory", "库存商品", "Inventory"),
    ],
)
def shipment_posting(event: PostingEvent) -> Posting | None:
    payload = event.payload
    total = _amount(event)
    legs = LegBuilder()
    legs.add("cogs", total, partner_customer_id=payload.get("customer_id"))
    legs.add("inventory", -total)
    text = f"Cost of shipment {payload.get('shipment_number', '')} ({payload.get('order_number', '')})"
    return Posting(description=text, legs=legs.legs)


@posting_event(
    "stock_adjustment",
    journal="INV",
    label_zh="库存盘点差异",
    label_en="Stock adjustment",
    rules=[
        RuleSpec("adjustment", "debit", "stock_adjustment", "盘盈盘亏", "Stock count differences"),
        RuleSpec("inventory", "credit", "inventory", "库存商品", "Inventory"),
    ],
)
def stock_adjustment_posting(event: PostingEvent) -> Posting | None:
    value = _amount(event, "value")  # signed: a gain is positive
    legs = LegBuilder()
    legs.add("inventory", value)
    legs.balance("adjustment")
    reason = event.payload.get("reason") or ""
    return Posting(description=f"Stock adjustment: {reason}"[:500], legs=legs.legs)


@posting_event(
    "landed_cost",
    journal="INV",
    label_zh="到岸成本",
    label_en="Landed cost",
    rules=[
        RuleSpec("inventory", "debit", "inventory", "库存商品", "Inventory"),
        RuleSpec(
            "cogs", "debit", "cogs", "主营业务成本 (已售部分)", "Cost of goods sold (part already issued)"
        ),
        RuleSpec("accrued", "credit", "other_payable", "应付到岸费用", "Accrued landed costs"),
    ],
)
def landed_cost_posting(event: PostingEvent) -> Posting | None:
    legs = LegBuilder()
    legs.add("inventory", _amount(event, "to_inventory"))
    legs.add("cogs", _amount(event, "to_cogs"))
    legs.balance("accrued")
    return Posting(description=f"Landed cost {event.payload.get('receipts', '')}"[:500], legs=legs.legs)


def _work_order_posting(event: PostingEvent, debit: str, credit: str, text: str) -> Posting | None:
    value = _amount(event, "value")
    legs = LegBuilder()
    legs.add(debit, value)
    legs.add(credit, -value)
    return Posting(description=f"{text} {event.payload.get('number', '')}", legs=legs.legs)


@posting_event(
    "work_order_material",
    journal="INV",
    label_zh="生产领料",
    label_en="Materials issued to a work order",
    rules=[
        RuleSpec("wip", "debit", "wip", "生产成本", "Work in progress"),
        RuleSpec("materials", "credit", "inventory", "库存商品 (材料)", "Inventory (materials)"),
    ],
)
def work_order_material_posting(event: PostingEvent) -> Posting | None:
    return _work_order_posting(event, "wip", "materials", "Materials for work order")


@posting_event(
    "work_order_labour",
    journal="INV",
    label_zh="生产人工",
    label_en="Labour on a work order",
    rules=[
        RuleSpec("wip", "debit", "wip", "生产成本", "Work in progress"),
        RuleSpec("payroll", "credit", "payroll_payable", "应付职工薪酬", "Payroll payable"),
    ],
)
def work_order_labour_posting(event: PostingEvent) -> Posting | None:
    return _work_order_posting(event, "wip", "payroll", "Labour on work order")


@posting_event(
    "work_order_overhead",
    journal="INV",
    label_zh="制造费用分配",
    label_en="Overhead absorbed by a work order",
    rules=[
        RuleSpec("wip", "debit", "wip", "生产成本", "Work in progress"),
        RuleSpec("overhead", "credit", "overhead", "制造费用", "Manufacturing overhead"),
    ],
)
def work_order_overhead_posting(event: PostingEvent) -> Posting | None:
    return _work_order_posting(event, "wip", "overhead", "Overhead on work order")


@posting_event(
    "work_order_completion",
    journal="INV",
    label_zh="完工入库",
    label_en="Work order completed",
    rules=[
        RuleSpec("inventory", "debit", "inventory", "库存商品", "Finished goods"),
        RuleSpec("wip", "credit", "wip", "生产成本", "Work in progress"),
    ],
)
def work_order_completion_posting(event: PostingEvent) -> Posting | None:
    total = _amount(event)
    legs = LegBuilder()
    legs.add("inventory", total)
    legs.add("wip", -total)
    return Posting(description=f"Work order {event.payload.get('number', '')} completed", legs=legs.legs)


@posting_event(
    "logistics_cost",
    journal="GJ",
    label_zh="物流费用",
    label_en="Logistics cost of a shipment",
    rules=[
        RuleSpec("expense", "debit", "selling_expense", "销售费用-运费", "Selling expenses: logistics"),
        RuleSpec("accrued", "credit", "other_payable", "应付运费", "Accrued logistics cost"),
        RuleSpec("bank", "credit", "bank", "银行存款", "Bank"),
    ],
)
def logistics_cost_posting(event: PostingEvent) -> Posting | None:
    payload = event.payload
    value = _amount(event, "amount_functional")
    currency = payload.get("currency") or ""
    foreign = {}
    if currency and currency != functional_currency():
        foreign = {
            "currency": currency,
            "amount_currency": -Decimal(str(payload.get("amount") or "0")),
            "rate": Decimal(str(payload.get("rate") or "1")),
        }
    legs = LegBuilder()
    legs.add("expense", value, partner_customer_id=payload.get("customer_id"))
    if payload.get("paid"):
        legs.add("bank", -value, cash_flow_tag="other_operating_payments", **foreign)
    else:
        legs.add("accrued", -value, **foreign)
    text = f"{payload.get('kind', 'freight')} of shipment {payload.get('shipment_number', '')}"
    return Posting(description=text, legs=legs.legs)
