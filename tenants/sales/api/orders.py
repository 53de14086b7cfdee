"""Sales orders on the supplier's host: list, manual orders, accept / reject / propose, cancel, timeline,
stock check, amendments and shipments. Reading needs ``stock.view``; each action its own permission.
There is no endpoint that sets a state: every change is an action with its checks."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.api import PaginatedAPIView, problem_responses
from kernel.idempotency import idempotent
from kernel.iso import CURRENCIES
from kernel.serializers import CanonicalDictField, PercentField, QuantityField
from tenants.sales import selectors, services
from tenants.sales.api.common import (
    ACCEPT,
    MANAGE,
    ORDER_ID,
    READ,
    SHIP,
    SalesAmendmentSerializer,
    SalesOrderDetailSerializer,
    SalesOrderSummarySerializer,
    SalesReasonInputSerializer,
    SalesSettlementSerializer,
    SalesShipmentSerializer,
    SalesTermsInputSerializer,
    actor_of,
    choice_param,
    int_param,
    order_detail_data,
    price_input,
    quantity_input,
)
from tenants.sales.models import (
    OrderSource,
    OrderStatus,
    SalesOrder,
    SalesOrderAmendment,
    Shipment,
    ShortfallChoice,
)

AMENDMENT_ID = OpenApiParameter("amendment_id", int, OpenApiParameter.PATH)


def _terms(lines: list[dict[str, Any]]) -> list[services.LineTerms]:
    return [
        services.LineTerms(
            line_no=line["line_no"],
            quantity=line.get("quantity"),
            unit_price=line.get("unit_price"),
            date=line.get("promised_date"),
        )
        for line in lines
    ]


class _ManualLineInputSerializer(serializers.Serializer):
    sku = serializers.CharField(max_length=100)
    description = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    quantity = quantity_input()
    unit = serializers.CharField(max_length=32)
    unit_price = price_input()
    tax_rate = PercentField(min_value=0, max_value=100, required=False, default=Decimal(0))
    requested_date = serializers.DateField(required=False, allow_null=True, default=None)


class _ManualOrderFields(serializers.Serializer):
    order_date = serializers.DateField(required=False, allow_null=True)
    requested_date = serializers.DateField(required=False, allow_null=True)
    payment_terms = serializers.CharField(max_length=500, required=False, allow_blank=True)
    ship_to = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    notes = serializers.CharField(max_length=10000, required=False, allow_blank=True)
    customer_reference = serializers.CharField(max_length=64, required=False, allow_blank=True)


def _manual_lines(data: list[dict[str, Any]]) -> list[services.ManualLine]:
    return [services.ManualLine(**line) for line in data]


class SalesOrderListCreateView(generics.ListAPIView):
    """Sales orders newest first (``status``, ``source``, ``customer_id``, ``search`` on number, PO number,
    customer); create an order entered by hand for a customer outside Hansa."""

    serializer_class = SalesOrderSummarySerializer

    @property
    def required_permission(self) -> str:
        return MANAGE if self.request.method == "POST" else READ

    class InputSerializer(_ManualOrderFields):
        customer_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
        currency = serializers.ChoiceField(choices=sorted(CURRENCIES))
        lines = _ManualLineInputSerializer(many=True, min_length=1, max_length=500)  # type: ignore[call-arg]

    def get_queryset(self) -> QuerySet[SalesOrder]:
        return selectors.sales_order_list(
            status=choice_param(self.request, "status", list(OrderStatus.values)),
            source=choice_param(self.request, "source", list(OrderSource.values)),
            customer_id=int_param(self.request, "customer_id"),
            search=self.request.query_params.get("search", "")[:100],
        )

    @extend_schema(
        operation_id="sales_orders_list",
        parameters=[
            OpenApiParameter("status", str, enum=OrderStatus.values),
            OpenApiParameter("source", str, enum=OrderSource.values),
            OpenApiParameter("customer_id", int),
            OpenApiParameter("search", str),
        ],
        responses={200: SalesOrderSummarySerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="sales_orders_create",
        request=InputSerializer,
        responses={201: SalesOrderDetailSerializer, **problem_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        order = services.manual_order_create(
            actor=actor_of(request),
            lines=_manual_lines(values.pop("lines")),
            request=request._request,
            **values,
        )
        return Response(order_detail_data(order.pk), status=status.HTTP_201_CREATED)


class SalesOrderDetailView(APIView):
    @property
    def required_permission(self) -> str:
        return MANAGE if self.request.method == "PATCH" else READ

    class InputSerializer(_ManualOrderFields):
        currency = serializers.ChoiceField(choices=sorted(CURRENCIES), required=False)
        lines = _ManualLineInputSerializer(many=True, min_length=1, max_length=500, required=False)  # type: ignore[call-arg]

    @extend_schema(
        operation_id="sales_orders_get",
        parameters=[ORDER_ID],
        responses={200: SalesOrderDetailSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, order_id: int) -> Response:
        return Response(order_detail_data(order_id))

    @extend_schema(
        operation_id="sales_orders_update",
        description="Edit an order entered by hand while it awaits acceptance (lines replace all lines).",
        parameters=[ORDER_ID],
        request=InputSerializer,
        responses={200: SalesOrderDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, order_id: int) -> Response:
        data = self.InputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        lines = values.pop("lines", None)
        services.manual_order_update(
            actor=actor_of(request),
            order_id=order_id,
            lines=_manual_lines(lines) if lines is not None else None,
            request=request._request,
            **values,
        )
        return Response(order_detail_data(order_id))


class SalesAcceptLineInputSerializer(serializers.Serializer):
    """How a line's shortfall is covered: a make-to-order work order (default) or a back-order."""

    line_no = serializers.IntegerField(min_value=1, max_value=1_000_000)
    shortfall = serializers.ChoiceField(choices=ShortfallChoice.choices, default=ShortfallChoice.WORK_ORDER)
    due_date = serializers.DateField(required=False, allow_null=True, default=None)


class SalesOrderAcceptView(APIView):
    """Accept: stock is checked and reserved; each line's shortfall becomes a work order (default) or a
    back-order, as chosen per line."""

    required_permission = ACCEPT

    class InputSerializer(serializers.Serializer):
        lines = SalesAcceptLineInputSerializer(many=True, required=False, default=list, max_length=500)  # type: ignore[call-arg]

    @extend_schema(
        operation_id="sales_orders_accept",
        parameters=[ORDER_ID],
        request=InputSerializer,
        responses={200: SalesOrderDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, order_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        shortfalls = {
            line["line_no"]: services.Shortfall(choice=line["shortfall"], due_date=line["due_date"])
            for line in data.validated_data["lines"]
        }
        services.order_accept(
            actor=actor_of(request), order_id=order_id, shortfalls=shortfalls, request=request._request
        )
        return Response(order_detail_data(order_id))


class SalesOrderRejectView(APIView):
    required_permission = ACCEPT

    @extend_schema(
        operation_id="sales_orders_reject",
        parameters=[ORDER_ID],
        request=SalesReasonInputSerializer,
        responses={200: SalesOrderDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, order_id: int) -> Response:
        data = SalesReasonInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.order_reject(
            actor=actor_of(request),
            order_id=order_id,
            reason=data.validated_data["reason"],
            request=request._request,
        )
        return Response(order_detail_data(order_id))


class SalesOrderProposeView(APIView):
    """Propose other terms (quantity, price, promised date per line) to the buyer instead of accepting."""

    required_permission = ACCEPT

    @extend_schema(
        operation_id="sales_orders_propose",
        parameters=[ORDER_ID],
        request=SalesTermsInputSerializer,
        responses={200: SalesOrderDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, order_id: int) -> Response:
        data = SalesTermsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.order_propose(
            actor=actor_of(request),
            order_id=order_id,
            terms=_terms(data.validated_data["lines"]),
            reason=data.validated_data["reason"],
            request=request._request,
        )
        return Response(order_detail_data(order_id))


class SalesOrderCancelView(APIView):
    """Cancel an order that has shipped nothing: reservations are released and the buyer is told."""

    required_permission = MANAGE

    @extend_schema(
        operation_id="sales_orders_cancel",
        parameters=[ORDER_ID],
        request=SalesReasonInputSerializer,
        responses={200: SalesOrderDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, order_id: int) -> Response:
        data = SalesReasonInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.order_cancel(
            actor=actor_of(request),
            order_id=order_id,
            reason=data.validated_data["reason"],
            request=request._request,
        )
        return Response(order_detail_data(order_id))


class SalesTimelineEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = serializers.ChoiceField(
        choices=[
            "ordered",
            "change_proposed",
            "changed",
            "change_rejected",
            "settlement_requested",
            "settlement_accepted",
            "settlement_declined",
            "acknowledged",
            "shipped",
            "received",
            "invoiced",
            "credited",
            "debited",
            "invoice_rejected",
            "paid",
            "closed",
        ]
    )
    summary = serializers.CharField()
    details = CanonicalDictField(source="data")


class SalesOrderTimelineView(PaginatedAPIView, APIView):
    """The order's events in time order, from the supplier's own records."""

    required_permission = READ

    @extend_schema(
        operation_id="sales_orders_timeline",
        parameters=[ORDER_ID],
        responses={200: SalesTimelineEventSerializer(many=True), **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, order_id: int) -> Response:
        events = selectors.sales_order_timeline(order_id=order_id)
        return self.paginated(request, events, SalesTimelineEventSerializer)


class SalesStockRowSerializer(serializers.Serializer):
    line_no = serializers.IntegerField()
    sku = serializers.CharField()
    unit = serializers.CharField()
    open_quantity = QuantityField()
    reserved = QuantityField()
    in_production = QuantityField()
    back_ordered = QuantityField()
    available = QuantityField()
    shortfall = QuantityField()


class SalesStockCheckSerializer(serializers.Serializer):
    """A report on one order (one row per open line, as many as the order has), not a list resource."""

    order_id = serializers.IntegerField()
    lines = SalesStockRowSerializer(many=True)


class SalesOrderStockCheckView(APIView):
    """Per line: left to ship, reserved, in production, back-ordered, available in stock now, shortfall."""

    required_permission = READ

    @extend_schema(
        operation_id="sales_orders_stock_check",
        parameters=[ORDER_ID],
        responses={200: SalesStockCheckSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, order_id: int) -> Response:
        body = {"order_id": order_id, "lines": selectors.stock_check(order_id=order_id)}
        return Response(SalesStockCheckSerializer(body).data)


# Amendments -----------------------------------------------------------------------------------------------


class SalesAmendmentListCreateView(PaginatedAPIView, APIView):
    """The order's amendments, every version (history); propose a change of an accepted order."""

    @property
    def required_permission(self) -> str:
        return ACCEPT if self.request.method == "POST" else READ

    @extend_schema(
        operation_id="sales_orders_amendments_list",
        parameters=[ORDER_ID],
        responses={200: SalesAmendmentSerializer(many=True), **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, order_id: int) -> Response:
        selectors.sales_order_get(order_id=order_id)
        return self.paginated(request, selectors.amendment_list(order_id=order_id), SalesAmendmentSerializer)

    @extend_schema(
        operation_id="sales_orders_amendments_create",
        parameters=[ORDER_ID],
        request=SalesTermsInputSerializer,
        responses={201: SalesAmendmentSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, order_id: int) -> Response:
        data = SalesTermsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        amendment = services.amendment_propose(
            actor=actor_of(request),
            order_id=order_id,
            terms=_terms(data.validated_data["lines"]),
            reason=data.validated_data["reason"],
            request=request._request,
        )
        return Response(SalesAmendmentSerializer(amendment).data, status=status.HTTP_201_CREATED)


def _amendment(order_id: int, amendment_id: int) -> SalesOrderAmendment:
    return SalesOrderAmendment.objects.get(pk=amendment_id, order_id=order_id)


class SalesAmendmentAcceptView(APIView):
    """Accept the buyer's proposed change: the order takes its terms."""

    required_permission = ACCEPT

    @extend_schema(
        operation_id="sales_orders_amendments_accept",
        parameters=[ORDER_ID, AMENDMENT_ID],
        request=None,
        responses={200: SalesAmendmentSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, order_id: int, amendment_id: int) -> Response:
        services.amendment_accept(
            actor=actor_of(request), order_id=order_id, amendment_id=amendment_id, request=request._request
        )
        return Response(SalesAmendmentSerializer(_amendment(order_id, amendment_id)).data)


class SalesAmendmentRejectView(APIView):
    required_permission = ACCEPT

    @extend_schema(
        operation_id="sales_orders_amendments_reject",
        parameters=[ORDER_ID, AMENDMENT_ID],
        request=SalesReasonInputSerializer,
        responses={200: SalesAmendmentSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, order_id: int, amendment_id: int) -> Response:
        data = SalesReasonInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.amendment_reject(
            actor=actor_of(request),
            order_id=order_id,
            amendment_id=amendment_id,
            reason=data.validated_data["reason"],
            request=request._request,
        )
        return Response(SalesAmendmentSerializer(_amendment(order_id, amendment_id)).data)


# Settlements of rejected goods -------------------------------------------------------------------------------

SETTLEMENT_ID = OpenApiParameter("settlement_id", int, OpenApiParameter.PATH)


class SalesSettlementListView(PaginatedAPIView, APIView):
    """The buyer's settlements of goods it rejected on this order (replacement, return, short-close)."""

    required_permission = READ

    @extend_schema(
        operation_id="sales_orders_settlements_list",
        parameters=[ORDER_ID],
        responses={200: SalesSettlementSerializer(many=True), **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, order_id: int) -> Response:
        return self.paginated(
            request, selectors.settlement_list(order_id=order_id), SalesSettlementSerializer
        )


class SalesSettlementAcceptView(APIView):
    """Agree to the buyer's settlement: a replacement reopens the line to ship again; a return or a
    short-close settles the quantity. The buyer is told (settlement_response)."""

    required_permission = ACCEPT

    @extend_schema(
        operation_id="sales_orders_settlement_accept",
        parameters=[ORDER_ID, SETTLEMENT_ID],
        request=None,
        responses={200: SalesSettlementSerializer, **problem_responses(401, 403, 404, 409)},
        description="409 `settlement_not_pending` when it was answered already.",
    )
    def post(self, request: Request, order_id: int, settlement_id: int) -> Response:
        settlement = services.settlement_accept(
            actor=actor_of(request), order_id=order_id, settlement_id=settlement_id, request=request._request
        )
        return Response(SalesSettlementSerializer(settlement).data)


class SalesSettlementDeclineView(APIView):
    required_permission = ACCEPT

    @extend_schema(
        operation_id="sales_orders_settlement_decline",
        parameters=[ORDER_ID, SETTLEMENT_ID],
        request=SalesReasonInputSerializer,
        responses={200: SalesSettlementSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, order_id: int, settlement_id: int) -> Response:
        data = SalesReasonInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        settlement = services.settlement_decline(
            actor=actor_of(request),
            order_id=order_id,
            settlement_id=settlement_id,
            reason=data.validated_data["reason"],
            request=request._request,
        )
        return Response(SalesSettlementSerializer(settlement).data)


# Shipments ------------------------------------------------------------------------------------------------


class SalesShipLineInputSerializer(serializers.Serializer):
    line_no = serializers.IntegerField(min_value=1, max_value=1_000_000)
    quantity = quantity_input()


class SalesShipmentListCreateView(PaginatedAPIView, APIView):
    """The order's shipments; ship (part of) the order."""

    @property
    def required_permission(self) -> str:
        return SHIP if self.request.method == "POST" else READ

    class InputSerializer(serializers.Serializer):
        carrier = serializers.CharField(max_length=200)
        tracking_number = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        packages = serializers.IntegerField(min_value=1, max_value=100_000, required=False, default=1)
        shipped_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
        notes = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
        lines = SalesShipLineInputSerializer(many=True, min_length=1, max_length=500)  # type: ignore[call-arg]

    @extend_schema(
        operation_id="sales_orders_shipments_list",
        parameters=[ORDER_ID],
        responses={200: SalesShipmentSerializer(many=True), **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, order_id: int) -> Response:
        selectors.sales_order_get(order_id=order_id)
        return self.paginated(request, selectors.shipment_list(order_id=order_id), SalesShipmentSerializer)

    @extend_schema(
        operation_id="sales_orders_shipments_create",
        parameters=[ORDER_ID],
        request=InputSerializer,
        responses={201: SalesShipmentSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, order_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        shipment = services.shipment_create(
            actor=actor_of(request),
            order_id=order_id,
            lines=[
                services.ShipLine(line_no=x["line_no"], quantity=x["quantity"]) for x in values.pop("lines")
            ],
            request=request._request,
            **values,
        )
        shipment = Shipment.objects.select_related("order", "order__customer").get(pk=shipment.pk)
        return Response(SalesShipmentSerializer(shipment).data, status=status.HTTP_201_CREATED)
