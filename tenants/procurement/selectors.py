"""Reads of procurement (the company's own schema is the filter: every table here is the company's)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from kernel.errors import NotFound, ValidationFailed
from tenants.procurement.models import (
    ApprovalDecision,
    ApprovalDelegation,
    ApprovalRule,
    ApprovalStep,
    Department,
    ExchangeRate,
    GoodsReceipt,
    MemberDepartment,
    OrderChange,
    OrderEvent,
    PoStatus,
    PurchaseOrder,
    RejectionSettlement,
)


def rfq_has_awards(*, rfq_id: int) -> bool:
    """Whether any line of the RFQ ``rfq_id`` is awarded (the caller has checked it is the company's)."""
    from marketplace.rfq.models import Award

    return Award.objects.filter(rfq_id=rfq_id).exists()


def po_list(
    *,
    status: str | None = None,
    supplier_company_id: int | None = None,
    rfq_id: int | None = None,
    search: str = "",
) -> QuerySet[PurchaseOrder]:
    if status is not None and status not in PoStatus.values:
        raise ValidationFailed(errors={"status": [f"Use one of {', '.join(PoStatus.values)}."]})
    qs = PurchaseOrder.objects.all()
    if status:
        qs = qs.filter(status=status)
    if supplier_company_id is not None:
        qs = qs.filter(supplier_company_id=supplier_company_id)
    if rfq_id is not None:
        qs = qs.filter(rfq_id=rfq_id)
    if search.strip():
        term = search.strip()
        qs = qs.filter(number__icontains=term) | qs.filter(supplier_name__icontains=term)
    return qs.order_by("-created_at", "-id")


@dataclass(frozen=True)
class OrderDetail:
    order: PurchaseOrder
    lines: list
    steps: list[ApprovalStep]
    changes: list[OrderChange]
    shipments: list
    receipts: list[GoodsReceipt]


def po_get(*, order_id: int) -> PurchaseOrder:
    order = PurchaseOrder.objects.select_related("created_by", "submitted_by").filter(pk=order_id).first()
    if order is None:
        raise NotFound()
    return order


def po_detail(*, order_id: int) -> OrderDetail:
    """The order with its lines, this round's approval steps (with decisions), changes, shipments and
    receipts: a constant number of queries whatever the number of lines."""
    order = po_get(order_id=order_id)
    steps = list(
        ApprovalStep.objects.filter(order=order, round=order.approval_round)
        .prefetch_related(
            Prefetch("decisions", queryset=ApprovalDecision.objects.select_related("user", "on_behalf_of"))
        )
        .order_by("position")
    )
    return OrderDetail(
        order=order,
        lines=list(order.lines.order_by("line_no")),
        steps=steps,
        changes=list(order.changes.order_by("created_at", "id")),
        shipments=list(order.shipments.order_by("created_at", "id")),
        receipts=list(order.receipts.prefetch_related("lines__order_line").order_by("received_at", "id")),
    )


def po_timeline(*, order_id: int) -> list[OrderEvent]:
    order = po_get(order_id=order_id)
    return list(OrderEvent.objects.filter(order=order).order_by("at", "id"))


def receipt_list(*, order_id: int) -> list[GoodsReceipt]:
    order = po_get(order_id=order_id)
    return list(order.receipts.prefetch_related("lines__order_line").order_by("received_at", "id"))


def change_list(*, order_id: int) -> list[OrderChange]:
    order = po_get(order_id=order_id)
    return list(order.changes.order_by("created_at", "id"))


def settlement_list(*, order_id: int) -> list[RejectionSettlement]:
    """The order's settlements of rejected goods, oldest first (NotFound for a missing order)."""
    order = po_get(order_id=order_id)
    return list(order.settlements.order_by("created_at", "id"))


def exchange_rate_list(*, currency: str = "") -> QuerySet[ExchangeRate]:
    """The company's rate table, by currency then newest first."""
    queryset = ExchangeRate.objects.order_by("currency", "-valid_on", "-id")
    return queryset.filter(currency=currency.upper()) if currency else queryset


def rule_list() -> QuerySet[ApprovalRule]:
    return ApprovalRule.objects.prefetch_related("steps").order_by("priority", "id")


def rule_get(*, rule_id: int) -> ApprovalRule:
    rule = ApprovalRule.objects.prefetch_related("steps").filter(pk=rule_id).first()
    if rule is None:
        raise NotFound()
    return rule


def department_list() -> QuerySet[Department]:
    return Department.objects.order_by("code")


def department_members() -> dict[int, list[int]]:
    """department id -> user ids."""
    out: dict[int, list[int]] = {}
    for user_id, department_id in MemberDepartment.objects.values_list("user_id", "department_id"):
        out.setdefault(department_id, []).append(user_id)
    return out


def delegation_list() -> QuerySet[ApprovalDelegation]:
    return ApprovalDelegation.objects.select_related("delegator", "delegate").order_by("-starts_on", "-id")
