"""Cost accounting: item costs (moving average per warehouse) and their movements, landed costs of goods
receipts, work-order cost sheets, logistics cost of shipments, gross margins and the monthly cost report.
Reading needs ``finance.view``; writing ``finance.post``; all of it the plan's ``finance`` feature."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.api import PaginatedAPIView, problem_responses
from kernel.errors import NotFound, ValidationFailed
from kernel.idempotency import idempotent
from kernel.serializers import ExchangeRateField, MoneyField, PercentField, QuantityField, UnitPriceField
from tenants.finance import selectors, selectors_cost
from tenants.finance.api.common import POST, VIEW, BooksFeature, actor_of, date_param, int_param
from tenants.finance.models import (
    CostMovementKind,
    LandedCostAllocation,
    LandedCostKind,
    ShipmentCostKind,
    WorkOrderCostLineKind,
    WorkOrderCostStatus,
)
from tenants.finance.services import cost_documents

WORK_ORDER_ID = OpenApiParameter("work_order_id", int, OpenApiParameter.PATH)


def _home(_: Any = None) -> str:
    return selectors.settings_get().functional_currency


# --- settings --------------------------------------------------------------------------------------------


class CostSettingsSerializer(serializers.Serializer):
    labour_cost_per_hour = MoneyField(currency=_home, source="labour_rate", help_text="Labour cost per hour.")
    overhead_per_hour = MoneyField(
        currency=_home, source="overhead_rate", help_text="Overhead absorbed per labour hour."
    )


class CostSettingsView(BooksFeature, APIView):
    """The rates work orders are costed at."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_cost_settings",
        responses={200: CostSettingsSerializer, **problem_responses(401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        return Response(CostSettingsSerializer(cost_documents.cost_settings_get()).data)

    class InputSerializer(serializers.Serializer):
        labour_cost_per_hour = MoneyField(source="labour_rate", required=False, min_value=Decimal(0))
        overhead_per_hour = MoneyField(source="overhead_rate", required=False, min_value=Decimal(0))

    @extend_schema(
        operation_id="finance_cost_settings_update",
        request=InputSerializer,
        responses={200: CostSettingsSerializer, **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def patch(self, request: Request) -> Response:
        actor = actor_of(request)
        actor.require(POST)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        updated = cost_documents.cost_settings_update(actor=actor, **data.validated_data)
        return Response(CostSettingsSerializer(updated).data)


# --- item costs and movements ----------------------------------------------------------------------------


class ItemCostSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    item_id = serializers.IntegerField()
    sku = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField()
    warehouse_id = serializers.IntegerField()
    warehouse_code = serializers.CharField()
    quantity = QuantityField()
    value = MoneyField(currency=_home)
    average = UnitPriceField(help_text="Moving-average unit cost (the last one known when none is on hand).")
    updated_at = serializers.DateTimeField()


class ItemCostListView(BooksFeature, PaginatedAPIView, APIView):
    """Moving-average cost of each item per warehouse."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_item_costs_list",
        parameters=[
            OpenApiParameter("search", str, description="Part of the SKU or name."),
            OpenApiParameter("warehouse_id", int),
        ],
        responses={200: ItemCostSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        rows = selectors_cost.item_cost_list(
            search=request.query_params.get("search", "").strip(),
            warehouse_id=int_param(request, "warehouse_id"),
        )
        return self.paginated(request, rows, ItemCostSerializer)


class CostMovementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    item_id = serializers.IntegerField()
    warehouse_id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=CostMovementKind.choices)
    quantity = QuantityField(help_text="Signed: in positive, out negative.")
    unit_cost = UnitPriceField()
    value = MoneyField(currency=_home, help_text="Signed: in positive, out negative.")
    quantity_after = QuantityField()
    value_after = MoneyField(currency=_home)
    source_kind = serializers.CharField()
    source_id = serializers.CharField()
    order_id = serializers.IntegerField(allow_null=True)
    reference = serializers.CharField()
    occurred_at = serializers.DateTimeField()


class CostMovementListView(BooksFeature, PaginatedAPIView, APIView):
    """The cost ledger: every change of an item's cost, newest first."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_cost_movements_list",
        parameters=[
            OpenApiParameter("item_id", int),
            OpenApiParameter("warehouse_id", int),
            OpenApiParameter(
                "source_kind",
                str,
                enum=[
                    "goods_receipt",
                    "shipment",
                    "stock_adjustment",
                    "stock_transfer",
                    "landed_cost",
                    "work_order",
                ],
            ),
        ],
        responses={200: CostMovementSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        rows = selectors_cost.cost_movement_list(
            item_id=int_param(request, "item_id"),
            warehouse_id=int_param(request, "warehouse_id"),
            source_kind=request.query_params.get("source_kind", "").strip(),
        )
        return self.paginated(request, rows, CostMovementSerializer)


# --- goods receipts and landed costs ---------------------------------------------------------------------


class CostReceiptLineSerializer(serializers.Serializer):
    receipt_line_id = serializers.IntegerField()
    item_id = serializers.IntegerField()
    sku = serializers.CharField()
    accepted_quantity = QuantityField()
    value = MoneyField(currency=_home, help_text="Accepted quantity x order price x order rate.")


class CostReceiptSerializer(serializers.Serializer):
    receipt_id = serializers.IntegerField()
    number = serializers.CharField()
    order_number = serializers.CharField()
    supplier_name = serializers.CharField()
    warehouse_id = serializers.IntegerField(allow_null=True)
    received_at = serializers.DateTimeField()
    lines = CostReceiptLineSerializer(many=True)


class CostReceiptListView(BooksFeature, PaginatedAPIView, APIView):
    """Goods receipts with their costed lines (what landed costs are allocated to), newest first."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_cost_receipts_list",
        parameters=[OpenApiParameter("search", str, description="Receipt or order number.")],
        responses={200: CostReceiptSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        rows = selectors_cost.receipt_list(search=request.query_params.get("search", "").strip())
        return self.paginated(request, rows, CostReceiptSerializer)


class LandedCostComponentSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LandedCostKind.choices)
    cost_amount = MoneyField(currency="currency", source="amount")
    currency = serializers.CharField()
    exchange_rate = ExchangeRateField(source="rate")
    amount_functional = MoneyField(currency=_home)


class LandedCostLineSerializer(serializers.Serializer):
    receipt_id = serializers.IntegerField()
    receipt_line_id = serializers.IntegerField()
    item_id = serializers.IntegerField()
    warehouse_id = serializers.IntegerField()
    quantity = QuantityField()
    allocated = MoneyField(currency=_home)
    to_inventory = MoneyField(currency=_home, help_text="For the part of the line's quantity still on hand.")
    to_cogs = MoneyField(currency=_home, help_text="For the part already issued.")


class LandedCostSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    receipt_ids = serializers.ListField(child=serializers.IntegerField())
    allocation = serializers.ChoiceField(choices=LandedCostAllocation.choices)
    total = MoneyField(currency=_home)
    to_inventory = MoneyField(currency=_home)
    to_cogs = MoneyField(currency=_home)
    note = serializers.CharField()
    occurred_on = serializers.DateField()
    created_by_label = serializers.CharField()
    created_at = serializers.DateTimeField()
    components = LandedCostComponentSerializer(many=True)
    lines = LandedCostLineSerializer(many=True)


class LandedCostComponentInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LandedCostKind.choices)
    cost_amount = MoneyField(source="amount", min_value=Decimal("0.01"))
    currency = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")
    exchange_rate = ExchangeRateField(
        required=False, allow_null=True, default=None, help_text="Required for a foreign currency."
    )


class LandedCostWeightInput(serializers.Serializer):
    receipt_line_id = serializers.IntegerField()
    weight = QuantityField(min_value=Decimal("0.0001"), help_text="The line's total weight (kg).")


class LandedCostListView(BooksFeature, PaginatedAPIView, APIView):
    """Landed costs (freight, duty, insurance) allocated to goods receipts."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_landed_costs_list",
        responses={200: LandedCostSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        return self.paginated(request, selectors_cost.landed_cost_list(), LandedCostSerializer)

    class InputSerializer(serializers.Serializer):
        receipt_ids = serializers.ListField(child=serializers.IntegerField(), min_length=1)
        allocation = serializers.ChoiceField(choices=LandedCostAllocation.choices)
        components = LandedCostComponentInput(many=True, allow_empty=False)
        weights = LandedCostWeightInput(
            many=True, required=False, default=list, help_text="Per receipt line, for allocation by weight."
        )
        note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
        date = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="finance_landed_costs_create",
        request=InputSerializer,
        responses={201: LandedCostSerializer, **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        actor.require(POST)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        components = [
            cost_documents.LandedCostInput(
                kind=part["kind"],
                amount=part["amount"],
                currency=part["currency"],
                rate=part["exchange_rate"],
            )
            for part in values["components"]
        ]
        weights = {part["receipt_line_id"]: part["weight"] for part in values["weights"]}
        landed = cost_documents.landed_cost_apply(
            actor=actor,
            receipt_ids=values["receipt_ids"],
            components=components,
            allocation=values["allocation"],
            weights=weights,
            note=values["note"],
            day=values["date"],
        )
        return Response(LandedCostSerializer(landed).data, status=status.HTTP_201_CREATED)


# --- work orders -----------------------------------------------------------------------------------------


class WorkOrderCostLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=WorkOrderCostLineKind.choices)
    item_id = serializers.IntegerField(allow_null=True)
    warehouse_id = serializers.IntegerField(allow_null=True)
    quantity = QuantityField(help_text="Units of material, or labour hours.")
    unit_cost = UnitPriceField(help_text="Per unit of material, or the rate per hour.")
    value = MoneyField(currency=_home)
    note = serializers.CharField()
    occurred_on = serializers.DateField()
    created_by_label = serializers.CharField()


class WorkOrderCostSerializer(serializers.Serializer):
    work_order_id = serializers.IntegerField()
    number = serializers.CharField()
    work_order_status = serializers.CharField()
    sku = serializers.CharField()
    quantity = QuantityField()
    status = serializers.ChoiceField(choices=WorkOrderCostStatus.choices)
    materials = MoneyField(currency=_home)
    labour_hours = QuantityField()
    labour = MoneyField(currency=_home)
    overhead = MoneyField(currency=_home)
    total = MoneyField(currency=_home)
    unit_cost = UnitPriceField(help_text="Total / quantity (final once completed).")
    completed_at = serializers.DateTimeField(allow_null=True)


class WorkOrderCostDetailSerializer(WorkOrderCostSerializer):
    lines = WorkOrderCostLineSerializer(many=True)


class WorkOrderCostListView(BooksFeature, PaginatedAPIView, APIView):
    """Work orders of sales with their cost so far."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_work_order_costs_list",
        parameters=[OpenApiParameter("status", str, enum=["open", "in_progress", "done", "cancelled"])],
        responses={200: WorkOrderCostSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        rows = selectors_cost.work_order_cost_list(status=request.query_params.get("status", "").strip())
        return self.paginated(request, rows, WorkOrderCostSerializer)


class WorkOrderCostDetailView(BooksFeature, APIView):
    """A work order's cost sheet: materials issued, labour and overhead, and the finished cost."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_work_order_cost",
        parameters=[WORK_ORDER_ID],
        responses={200: WorkOrderCostDetailSerializer, **problem_responses(401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request, work_order_id: int) -> Response:
        sheet = selectors_cost.work_order_cost_get(work_order_id=work_order_id)
        if sheet is None:
            raise NotFound()
        return Response(WorkOrderCostDetailSerializer(sheet).data)


class WorkOrderMaterialView(BooksFeature, APIView):
    required_permission = VIEW

    class InputSerializer(serializers.Serializer):
        item_id = serializers.IntegerField()
        quantity = QuantityField(min_value=Decimal("0.0001"))
        warehouse_id = serializers.IntegerField(required=False, allow_null=True, default=None)
        date = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="finance_work_order_materials_create",
        parameters=[WORK_ORDER_ID],
        request=InputSerializer,
        responses={201: WorkOrderCostLineSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=["finance"],
    )
    @idempotent
    def post(self, request: Request, work_order_id: int) -> Response:
        """Issue a material from stock to the work order at its moving-average cost."""
        actor = actor_of(request)
        actor.require(POST)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        line = cost_documents.work_order_material_issue(
            actor=actor,
            work_order_id=work_order_id,
            item_id=values["item_id"],
            quantity=values["quantity"],
            warehouse_id=values["warehouse_id"],
            day=values["date"],
        )
        return Response(WorkOrderCostLineSerializer(line).data, status=status.HTTP_201_CREATED)


class WorkOrderLabourView(BooksFeature, APIView):
    required_permission = VIEW

    class InputSerializer(serializers.Serializer):
        hours = QuantityField(min_value=Decimal("0.01"))
        labour_cost_per_hour = MoneyField(
            source="labour_rate", required=False, allow_null=True, default=None, min_value=Decimal(0)
        )
        overhead_per_hour = MoneyField(
            source="overhead_rate", required=False, allow_null=True, default=None, min_value=Decimal(0)
        )
        note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
        date = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="finance_work_order_labour_create",
        parameters=[WORK_ORDER_ID],
        request=InputSerializer,
        responses={201: WorkOrderCostDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=["finance"],
    )
    @idempotent
    def post(self, request: Request, work_order_id: int) -> Response:
        """Record labour hours (and the overhead they absorb) on the work order; the costs per hour default
        to the company's cost settings. Answers the work order's cost sheet."""
        actor = actor_of(request)
        actor.require(POST)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        cost_documents.work_order_labour_record(
            actor=actor,
            work_order_id=work_order_id,
            hours=values["hours"],
            labour_rate=values["labour_rate"],
            overhead_rate=values["overhead_rate"],
            note=values["note"],
            day=values["date"],
        )
        sheet = selectors_cost.work_order_cost_get(work_order_id=work_order_id)
        return Response(WorkOrderCostDetailSerializer(sheet).data, status=status.HTTP_201_CREATED)


# --- logistics cost --------------------------------------------------------------------------------------


class ShipmentCostSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    shipment_id = serializers.IntegerField()
    order_id = serializers.IntegerField(source="sales_order_id")
    customer_id = serializers.IntegerField(allow_null=True)
    kind = serializers.ChoiceField(choices=ShipmentCostKind.choices)
    cost_amount = MoneyField(currency="currency", source="amount")
    currency = serializers.CharField()
    exchange_rate = ExchangeRateField(source="rate")
    amount_functional = MoneyField(currency=_home)
    paid = serializers.BooleanField()
    note = serializers.CharField()
    occurred_on = serializers.DateField()
    created_by_label = serializers.CharField()


class ShipmentCostListView(BooksFeature, PaginatedAPIView, APIView):
    """Freight and handling cost of sales shipments."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_shipment_costs_list",
        parameters=[OpenApiParameter("shipment_id", int), OpenApiParameter("order_id", int)],
        responses={200: ShipmentCostSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        rows = selectors_cost.shipment_cost_list(
            shipment_id=int_param(request, "shipment_id"), sales_order_id=int_param(request, "order_id")
        )
        return self.paginated(request, rows, ShipmentCostSerializer)

    class InputSerializer(serializers.Serializer):
        shipment_id = serializers.IntegerField()
        kind = serializers.ChoiceField(choices=ShipmentCostKind.choices)
        cost_amount = MoneyField(source="amount", min_value=Decimal("0.01"))
        currency = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")
        exchange_rate = ExchangeRateField(required=False, allow_null=True, default=None)
        paid = serializers.BooleanField(required=False, default=False, help_text="Paid from the bank.")
        note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
        date = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="finance_shipment_costs_create",
        request=InputSerializer,
        responses={201: ShipmentCostSerializer, **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        actor.require(POST)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        row = cost_documents.shipment_cost_record(
            actor=actor,
            shipment_id=values["shipment_id"],
            kind=values["kind"],
            amount=values["amount"],
            currency=values["currency"],
            rate=values["exchange_rate"],
            paid=values["paid"],
            note=values["note"],
            day=values["date"],
        )
        return Response(ShipmentCostSerializer(row).data, status=status.HTTP_201_CREATED)


# --- margins and the cost report -------------------------------------------------------------------------


class MarginSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The order number, the customer's name or the item's SKU.")
    id = serializers.IntegerField(allow_null=True, help_text="The order's, customer's or item's id.")
    name = serializers.CharField()
    shipped_quantity = QuantityField()
    revenue = MoneyField(currency=_home, help_text="Invoiced net, plus shipped but not invoiced.")
    invoiced = MoneyField(currency=_home)
    cogs = MoneyField(currency=_home)
    logistics = MoneyField(currency=_home)
    margin = MoneyField(currency=_home)
    margin_percent = PercentField(max_digits=12, allow_null=True)


class MarginListView(BooksFeature, PaginatedAPIView, APIView):
    """Gross margin per sales order, customer or item, highest revenue first."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_margins_list",
        parameters=[
            OpenApiParameter("by", str, enum=["order", "customer", "item"], default="order"),
            OpenApiParameter("date_from", str, description="Orders dated on or after (YYYY-MM-DD)."),
            OpenApiParameter("date_to", str, description="Orders dated on or before (YYYY-MM-DD)."),
        ],
        responses={200: MarginSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        by = request.query_params.get("by", "order").strip() or "order"
        if by not in ("order", "customer", "item"):
            raise ValidationFailed(errors={"by": ["order, customer or item."]})
        rows = selectors_cost.margins(
            by=by, date_from=date_param(request, "date_from"), date_to=date_param(request, "date_to")
        )
        return self.paginated(request, rows, MarginSerializer)


class CostMonthSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    purchase = MoneyField(currency=_home, help_text="Goods receipts.")
    landed = MoneyField(currency=_home, help_text="Landed costs.")
    purchase_total = MoneyField(currency=_home)
    production = MoneyField(currency=_home, help_text="Work orders: materials, labour and overhead.")
    materials = MoneyField(currency=_home, help_text="Of production: materials issued.")
    logistics = MoneyField(currency=_home)
    cogs = MoneyField(currency=_home, help_text="Cost of goods shipped.")


class CostReportSerializer(serializers.Serializer):
    currency = serializers.CharField()
    months = CostMonthSerializer(many=True)


class CostReportView(BooksFeature, APIView):
    """Purchase, production and logistics cost per month: the twelve months ending with ``month``."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_cost_report",
        parameters=[OpenApiParameter("month", str, description="Any day of the last month (default today).")],
        responses={200: CostReportSerializer, **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        months = selectors_cost.cost_report(month=date_param(request, "month"))
        return Response(CostReportSerializer({"currency": _home(), "months": months}).data)
