"""Serializers and helpers shared by the sales API."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from identity.access import Actor
from kernel.errors import ValidationFailed
from kernel.serializers import MoneyField, PercentField, QuantityField, UnitPriceField
from tenants.sales import selectors
from tenants.sales.models import (
    CANCELLABLE,
    OPEN_FOR_AMENDMENT,
    AmendmentKind,
    AmendmentStatus,
    BackOrderStatus,
    FollowUp,
    FollowUpStatus,
    OrderSource,
    OrderStatus,
    Party,
    SalesOrder,
    SettlementStatus,
    Shipment,
    WorkOrderStatus,
)

READ = "stock.view"
MANAGE = "so.manage"
ACCEPT = "so.accept"
SHIP = "so.ship"

ORDER_ID = OpenApiParameter("order_id", int, OpenApiParameter.PATH)
QTY: dict[str, Any] = {"max_digits": 18, "decimal_places": 4}
MAX_ID = 2**63 - 1
MIN_QTY = Decimal("0.0001")
# Amounts rounded to the currency's minor unit (by the selectors), in the order's currency.
AMOUNT = MoneyField(currency_label="currency")


def actor_of(request: Request) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


def int_param(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if not str(raw).isdigit() or int(raw) > MAX_ID:
        raise ValidationFailed(errors={name: ["Enter a whole number."]})
    return int(raw)


def choice_param(request: Request, name: str, choices: list[str]) -> str | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if raw not in choices:
        raise ValidationFailed(errors={name: [f"Use one of {', '.join(choices)}."]})
    return raw


def bool_param(request: Request, name: str) -> bool | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if raw not in ("true", "false"):
        raise ValidationFailed(errors={name: ["Use true or false."]})
    return raw == "true"


def order_actions(order: SalesOrder) -> list[str]:
    """What can be done to the order in its state now (the caller's permissions decide the rest)."""
    actions: list[str] = []
    if order.status == OrderStatus.AWAITING_ACCEPTANCE:
        actions += ["accept", "reject"]
        actions += ["propose"] if order.source == OrderSource.HANSA else ["edit"]
    if order.status in CANCELLABLE:
        actions.append("cancel")
    if order.status in OPEN_FOR_AMENDMENT:
        actions += ["ship", "amend"]
    if order.settlements.filter(status="pending").exists():
        actions.append("settle")
    return actions


# Outputs --------------------------------------------------------------------------------------------------


class SalesCustomerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    buyer_id = serializers.IntegerField(
        source="hansa_company_id", allow_null=True, help_text="The customer's company id on Hansa, if any."
    )


class SalesOrderSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    source = serializers.ChoiceField(choices=OrderSource.choices)  # type: ignore[assignment]
    customer = SalesCustomerRefSerializer()
    po_number = serializers.CharField()
    customer_reference = serializers.CharField()
    currency = serializers.CharField()
    order_date = serializers.DateField()
    requested_date = serializers.DateField(allow_null=True)
    total_net = serializers.SerializerMethodField()
    total_tax = serializers.SerializerMethodField()
    total = serializers.SerializerMethodField()
    line_count = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def _amounts(self, order: SalesOrder) -> selectors.Amounts:
        cache: dict[int, selectors.Amounts] = self.__dict__.setdefault("_amounts_cache", {})
        if order.pk not in cache:
            cache[order.pk] = selectors.order_amounts(order)
        return cache[order.pk]

    @extend_schema_field(AMOUNT)
    def get_total_net(self, order: SalesOrder) -> str:
        return str(self._amounts(order).net)

    @extend_schema_field(AMOUNT)
    def get_total_tax(self, order: SalesOrder) -> str:
        return str(self._amounts(order).tax)

    @extend_schema_field(AMOUNT)
    def get_total(self, order: SalesOrder) -> str:
        return str(self._amounts(order).total)

    def get_line_count(self, order: SalesOrder) -> int:
        return len(order.lines.all())


class SalesOrderLineSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="line.id")
    line_no = serializers.IntegerField(source="line.line_no")
    sku = serializers.CharField(source="line.sku")
    description = serializers.CharField(source="line.description")
    listing_id = serializers.IntegerField(source="line.listing_id", allow_null=True)
    item_id = serializers.IntegerField(source="line.item_id", allow_null=True)
    unit = serializers.CharField(source="line.unit")
    ordered_quantity = QuantityField(source="line.ordered_quantity")
    ordered_unit_price = UnitPriceField(source="line.ordered_unit_price")
    quantity = QuantityField(source="line.quantity")
    unit_price = UnitPriceField(source="line.unit_price")
    tax_rate = PercentField(source="line.tax_rate")
    requested_date = serializers.DateField(source="line.requested_date", allow_null=True)
    promised_date = serializers.DateField(source="line.promised_date", allow_null=True)
    shipped_quantity = QuantityField(source="line.shipped_quantity")
    open_quantity = QuantityField(source="line.open_quantity")
    received_quantity = QuantityField(source="line.received_quantity")
    rejected_quantity = QuantityField(source="line.rejected_quantity")
    settled_quantity = QuantityField(
        source="line.settled_quantity", help_text="Rejected quantity an accepted settlement covers."
    )
    replacement_quantity = QuantityField(
        source="line.replacement_quantity", help_text="Agreed replacements, shipped on top of quantity."
    )
    reserved = QuantityField()
    in_production = QuantityField()
    back_ordered = QuantityField()
    net_amount = serializers.SerializerMethodField()
    tax_amount = serializers.SerializerMethodField()

    @extend_schema_field(AMOUNT)
    def get_net_amount(self, view: selectors.LineView) -> str:
        return str(view.amounts.net)

    @extend_schema_field(AMOUNT)
    def get_tax_amount(self, view: selectors.LineView) -> str:
        return str(view.amounts.tax)


class SalesContactSnapshotSerializer(serializers.Serializer):
    name = serializers.CharField(required=False)
    email = serializers.CharField(required=False)


class SalesOrderDetailSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=OrderStatus.choices)
    source = serializers.ChoiceField(choices=OrderSource.choices)  # type: ignore[assignment]
    customer = SalesCustomerRefSerializer()
    buyer_id = serializers.IntegerField(
        source="buyer_company_id", allow_null=True, help_text="The buyer's company id (orders from Hansa)."
    )
    po_id = serializers.IntegerField(allow_null=True)
    po_number = serializers.CharField()
    rfq_id = serializers.IntegerField(allow_null=True)
    customer_reference = serializers.CharField()
    currency = serializers.CharField()
    order_date = serializers.DateField()
    requested_date = serializers.DateField(allow_null=True)
    payment_terms = serializers.CharField()
    ship_to = serializers.CharField()
    notes = serializers.CharField()
    buyer_contact = SalesContactSnapshotSerializer()
    reject_reason = serializers.CharField()
    cancel_reason = serializers.CharField()
    cancelled_by = serializers.CharField()
    cancellation_refused_reason = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    accepted_at = serializers.DateTimeField(allow_null=True)
    rejected_at = serializers.DateTimeField(allow_null=True)
    shipped_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)
    cancelled_at = serializers.DateTimeField(allow_null=True)
    total_net = MoneyField(currency="currency")
    total_tax = MoneyField(currency="currency")
    total = MoneyField(currency="currency")
    pending_amendments = serializers.IntegerField()
    actions = serializers.ListField(child=serializers.CharField())
    lines = SalesOrderLineSerializer(many=True)


def order_detail_data(order_id: int) -> dict[str, Any]:
    detail = selectors.sales_order_detail(order_id=order_id)
    order = detail.order
    names: list[str] = [str(name) for name in SalesOrderDetailSerializer().fields]
    data: dict[str, Any] = {name: getattr(order, name) for name in names if hasattr(order, name)}
    data.update(
        buyer_company_id=order.buyer_company_id,  # the source of buyer_id
        customer=order.customer,
        total_net=str(detail.amounts.net),
        total_tax=str(detail.amounts.tax),
        total=str(detail.amounts.total),
        pending_amendments=detail.pending_amendments,
        actions=order_actions(order),
        lines=detail.lines,
    )
    return dict(SalesOrderDetailSerializer(data).data)


class SalesAmendmentLineSerializer(serializers.Serializer):
    line_no = serializers.IntegerField()
    quantity = QuantityField(allow_null=True)
    unit_price = UnitPriceField(allow_null=True)
    promised_date = serializers.DateField(source="date", allow_null=True)


class SalesAmendmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=AmendmentKind.choices)
    change_id = serializers.UUIDField()
    proposed_by = serializers.ChoiceField(choices=Party.choices)
    reason = serializers.CharField()
    lines = SalesAmendmentLineSerializer(many=True)
    before = SalesAmendmentLineSerializer(many=True)
    status = serializers.ChoiceField(choices=AmendmentStatus.choices)
    response_reason = serializers.CharField()
    created_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)


class SalesShipmentLineSerializer(serializers.Serializer):
    line_no = serializers.IntegerField(source="line.line_no")
    sku = serializers.CharField(source="line.sku")
    unit = serializers.CharField(source="line.unit")
    quantity = QuantityField()


class SalesShipmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    order_id = serializers.IntegerField()
    order_number = serializers.CharField(source="order.number")
    customer_name = serializers.CharField(source="order.customer.name")
    carrier = serializers.CharField()
    tracking_number = serializers.CharField()
    packages = serializers.IntegerField()
    notes = serializers.CharField()
    shipped_at = serializers.DateTimeField()
    lines = SalesShipmentLineSerializer(many=True, source="lines.all")
    created_at = serializers.DateTimeField()


class _LineRefFields(serializers.Serializer):
    order_id = serializers.IntegerField(source="line.order_id")
    order_number = serializers.CharField(source="line.order.number")
    customer_name = serializers.CharField(source="line.order.customer.name")
    line_no = serializers.IntegerField(source="line.line_no")
    sku = serializers.CharField(source="line.sku")
    description = serializers.CharField(source="line.description")
    unit = serializers.CharField(source="line.unit")


class WorkOrderSerializer(_LineRefFields):
    id = serializers.IntegerField()
    number = serializers.CharField()
    quantity = QuantityField()
    due_date = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=WorkOrderStatus.choices)
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    completed_at = serializers.DateTimeField(allow_null=True)


class BackOrderSerializer(_LineRefFields):
    id = serializers.IntegerField()
    quantity = QuantityField()
    allocated = QuantityField()
    remaining = QuantityField()
    status = serializers.ChoiceField(choices=BackOrderStatus.choices)
    created_at = serializers.DateTimeField()
    filled_at = serializers.DateTimeField(allow_null=True)


class SalesUserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.CharField()
    full_name = serializers.CharField()


class FollowUpSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    customer = SalesCustomerRefSerializer()
    title = serializers.CharField()
    note = serializers.CharField()
    due_date = serializers.DateField()
    status = serializers.ChoiceField(choices=FollowUpStatus.choices)
    overdue = serializers.SerializerMethodField()
    assignee = SalesUserRefSerializer(allow_null=True)
    created_at = serializers.DateTimeField()
    done_at = serializers.DateTimeField(allow_null=True)

    def get_overdue(self, follow_up: FollowUp) -> bool:
        from django.utils import timezone

        return follow_up.status == FollowUpStatus.OPEN and follow_up.due_date < timezone.localdate()


def shipment_data(shipment: Shipment) -> dict[str, Any]:
    return dict(SalesShipmentSerializer(shipment).data)


# Inputs ---------------------------------------------------------------------------------------------------


def quantity_input(**kwargs: Any) -> serializers.DecimalField:
    return QuantityField(min_value=MIN_QTY, **kwargs)


def price_input(**kwargs: Any) -> serializers.DecimalField:
    """A unit price: up to 4 decimals here; the currency's minor units are checked by the service."""
    return UnitPriceField(min_value=Decimal(0), **kwargs)


class SalesTermsLineInputSerializer(serializers.Serializer):
    line_no = serializers.IntegerField(min_value=1, max_value=1_000_000)
    quantity = quantity_input(required=False, allow_null=True, default=None)
    unit_price = price_input(required=False, allow_null=True, default=None)
    promised_date = serializers.DateField(required=False, allow_null=True, default=None)


class SalesTermsInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    lines = SalesTermsLineInputSerializer(many=True, min_length=1, max_length=500)  # type: ignore[call-arg]


class SalesReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class SalesSettlementLineSerializer(serializers.Serializer):
    line_no = serializers.IntegerField()
    quantity = QuantityField()


class SalesSettlementSerializer(serializers.Serializer):
    """The buyer's choice for goods it rejected (a rejection_settlement) and the supplier's answer."""

    id = serializers.IntegerField()
    settlement_uuid = serializers.UUIDField(
        source="settlement_id",
        help_text="The settlement's id shared by buyer and supplier (trade documents).",
    )
    resolution = serializers.ChoiceField(choices=["replacement", "return", "short_close"])
    return_number = serializers.CharField(help_text="The buyer's return number (RTN-...), for a return.")
    reason = serializers.CharField()
    lines = SalesSettlementLineSerializer(many=True)
    status = serializers.ChoiceField(choices=SettlementStatus.choices)
    response_reason = serializers.CharField()
    document_id = serializers.UUIDField()
    decided_by_id = serializers.IntegerField(allow_null=True)
    received_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)
