"""Work orders, back-orders and all shipments on the supplier's host."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.api import problem_responses
from tenants.sales import selectors, services
from tenants.sales.api.common import (
    MANAGE,
    READ,
    BackOrderSerializer,
    SalesShipmentSerializer,
    WorkOrderSerializer,
    actor_of,
    choice_param,
    int_param,
)
from tenants.sales.models import BackOrder, BackOrderStatus, Shipment, WorkOrder, WorkOrderStatus

WORK_ORDER_ID = OpenApiParameter("work_order_id", int, OpenApiParameter.PATH)
BACK_ORDER_ID = OpenApiParameter("back_order_id", int, OpenApiParameter.PATH)


class ShipmentListView(generics.ListAPIView):
    """Every shipment, newest first (``order_id`` narrows to one order)."""

    required_permission = READ
    serializer_class = SalesShipmentSerializer

    def get_queryset(self) -> QuerySet[Shipment]:
        return selectors.shipment_list(order_id=int_param(self.request, "order_id"))

    @extend_schema(
        operation_id="shipments_list",
        parameters=[OpenApiParameter("order_id", int)],
        responses={200: SalesShipmentSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class WorkOrderListView(generics.ListAPIView):
    """Make-to-order work orders, soonest due first (``order_id`` narrows to one sales order)."""

    required_permission = READ
    serializer_class = WorkOrderSerializer

    def get_queryset(self) -> QuerySet[WorkOrder]:
        return selectors.work_order_list(
            status=choice_param(self.request, "status", list(WorkOrderStatus.values)),
            order_id=int_param(self.request, "order_id"),
        )

    @extend_schema(
        operation_id="work_orders_list",
        parameters=[
            OpenApiParameter("status", str, enum=WorkOrderStatus.values),
            OpenApiParameter("order_id", int),
        ],
        responses={200: WorkOrderSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


def _work_order(work_order_id: int) -> WorkOrder:
    return selectors.work_order_list().get(pk=work_order_id)


class WorkOrderStartView(APIView):
    required_permission = MANAGE

    @extend_schema(
        operation_id="work_orders_start",
        parameters=[WORK_ORDER_ID],
        request=None,
        responses={200: WorkOrderSerializer, **problem_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, work_order_id: int) -> Response:
        services.work_order_start(actor=actor_of(request), work_order_id=work_order_id)
        return Response(WorkOrderSerializer(_work_order(work_order_id)).data)


class WorkOrderCompleteView(APIView):
    """Done: the quantity is received into stock and reserved for the order line (needs stock.adjust)."""

    required_permission = "stock.adjust"

    @extend_schema(
        operation_id="work_orders_complete",
        parameters=[WORK_ORDER_ID],
        request=None,
        responses={200: WorkOrderSerializer, **problem_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, work_order_id: int) -> Response:
        services.work_order_complete(actor=actor_of(request), work_order_id=work_order_id)
        return Response(WorkOrderSerializer(_work_order(work_order_id)).data)


class BackOrderListView(generics.ListAPIView):
    """Back-orders, oldest first (``order_id`` narrows to one sales order)."""

    required_permission = READ
    serializer_class = BackOrderSerializer

    def get_queryset(self) -> QuerySet[BackOrder]:
        return selectors.back_order_list(
            status=choice_param(self.request, "status", list(BackOrderStatus.values)),
            order_id=int_param(self.request, "order_id"),
        )

    @extend_schema(
        operation_id="back_orders_list",
        parameters=[
            OpenApiParameter("status", str, enum=BackOrderStatus.values),
            OpenApiParameter("order_id", int),
        ],
        responses={200: BackOrderSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class BackOrderAllocateView(APIView):
    """Reserve stock that has become available for an open back-order."""

    required_permission = MANAGE

    @extend_schema(
        operation_id="back_orders_allocate",
        parameters=[BACK_ORDER_ID],
        request=None,
        responses={200: BackOrderSerializer, **problem_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, back_order_id: int) -> Response:
        services.back_order_allocate(actor=actor_of(request), back_order_id=back_order_id)
        return Response(BackOrderSerializer(selectors.back_order_list().get(pk=back_order_id)).data)
