"""Route planning API on a company's host (under /api/supplychain/routing/): delivery sites, depots,
vehicles, the deliveries of a day and route plans. Reading needs ``supplychain.view``; writing
``supplychain.manage``."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.dateparse import parse_date
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from identity.access import Actor
from kernel.api import PaginatedAPIView, problem_responses
from kernel.errors import ValidationFailed
from kernel.idempotency import idempotent
from kernel.serializers import CoordinateField, QuantityField
from tenants.supplychain.routing import selectors, services

VIEW, MANAGE = "supplychain.view", "supplychain.manage"
SITE_ID = OpenApiParameter("site_id", int, OpenApiParameter.PATH)
DEPOT_ID = OpenApiParameter("depot_id", int, OpenApiParameter.PATH)
VEHICLE_ID = OpenApiParameter("vehicle_id", int, OpenApiParameter.PATH)
ROUTE_PLAN_ID = OpenApiParameter("route_plan_id", int, OpenApiParameter.PATH)
PLAN_ERRORS = (
    "`route_no_deliveries`, `route_site_missing`, `route_no_vehicles`, `route_stop_exceeds_capacity`, "
    "`route_fleet_capacity_exceeded`, `route_window_unreachable` (refused before solving) and "
    "`route_infeasible` (the solver found no plan): the day cannot be planned; `constraint` names the "
    "constraint, `customer_id` the stop to blame where there is one. Nothing is written."
)


def _actor(request: Request) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


def _int_param(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ValidationFailed(errors={name: ["Enter a whole number."]})
    return int(raw)


def _bool_param(request: Request, name: str) -> bool | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if raw not in ("true", "false"):
        raise ValidationFailed(errors={name: ["Use true or false."]})
    return raw == "true"


def _date_param(request: Request, name: str, *, required: bool = False) -> date | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        if required:
            raise ValidationFailed(errors={name: ["This parameter is required."]})
        return None
    try:
        value = parse_date(raw)
    except ValueError:
        value = None
    if value is None:
        raise ValidationFailed(errors={name: ["Use an ISO 8601 date (YYYY-MM-DD)."]})
    return value


def _latitude(**kwargs: Any) -> CoordinateField:
    return CoordinateField(min_value=Decimal(-90), max_value=Decimal(90), **kwargs)


def _longitude(**kwargs: Any) -> CoordinateField:
    return CoordinateField(min_value=Decimal(-180), max_value=Decimal(180), **kwargs)


class _Permission:
    @property
    def required_permission(self) -> str:
        return VIEW if self.request.method == "GET" else MANAGE  # type: ignore[attr-defined]


# --- serializers -----------------------------------------------------------------------------------------


class RoutingCustomerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class RoutingWarehouseRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class DeliverySiteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    customer = RoutingCustomerRefSerializer()
    latitude = CoordinateField()
    longitude = CoordinateField()
    window_start = serializers.TimeField(help_text="Earliest arrival (local time of the delivery day).")
    window_end = serializers.TimeField(help_text="Latest arrival.")
    service_minutes = serializers.IntegerField(help_text="Minutes spent at the site (unloading).")
    note = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class DepotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    warehouse = RoutingWarehouseRefSerializer()
    latitude = CoordinateField()
    longitude = CoordinateField()
    open_from = serializers.TimeField()
    open_until = serializers.TimeField()
    vehicle_count = serializers.IntegerField(
        source="active_vehicles", help_text="Active vehicles (all units)."
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class VehicleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    depot_id = serializers.IntegerField()
    name = serializers.CharField()
    capacity = QuantityField(help_text="In the load unit: the sum of the ordered quantities it can carry.")
    speed_kmh = serializers.IntegerField(allow_null=True, help_text="Average speed; null: the default (40).")
    count = serializers.IntegerField(help_text="How many identical vehicles of this type.")
    is_active = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class DeliverySerializer(serializers.Serializer):
    customer_id = serializers.IntegerField()
    customer_name = serializers.CharField()
    site_id = serializers.IntegerField(allow_null=True, help_text="Null: the customer has no site yet.")
    window_start = serializers.TimeField(allow_null=True)
    window_end = serializers.TimeField(allow_null=True)
    order_numbers = serializers.ListField(child=serializers.CharField())
    load = QuantityField(help_text="Sum of the open quantities due that day.")


class RoutePlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    depot_id = serializers.IntegerField(allow_null=True)
    depot_label = serializers.CharField()
    delivery_date = serializers.DateField()
    distance_source = serializers.CharField(help_text="`haversine` (great-circle) or the routing service's.")
    time_limit_seconds = serializers.IntegerField()
    solve_ms = serializers.IntegerField()
    stop_count = serializers.IntegerField()
    vehicles_available = serializers.IntegerField()
    vehicles_used = serializers.IntegerField(source="routes_used")
    total_load = QuantityField()
    total_distance_m = serializers.IntegerField(help_text="The plan's distance in metres.")
    naive_distance_m = serializers.IntegerField(
        help_text="The stops in the order of their orders, a new trip when a vehicle is full (metres)."
    )
    naive_trips = serializers.IntegerField()
    nearest_neighbour_distance_m = serializers.IntegerField()
    nearest_neighbour_trips = serializers.IntegerField()
    nearest_neighbour_meets_windows = serializers.BooleanField()
    created_by_label = serializers.CharField()
    created_at = serializers.DateTimeField()


class PlannedStopSerializer(serializers.Serializer):
    sequence = serializers.IntegerField()
    customer_id = serializers.IntegerField(allow_null=True)
    customer_name = serializers.CharField()
    order_numbers = serializers.ListField(child=serializers.CharField())
    latitude = CoordinateField()
    longitude = CoordinateField()
    window_start = serializers.TimeField()
    window_end = serializers.TimeField()
    arrival_time = serializers.TimeField()
    service_start_time = serializers.TimeField(help_text="Later than arrival when the vehicle waits.")
    departure_time = serializers.TimeField()
    distance_m = serializers.IntegerField(help_text="From the previous stop (or the depot).")
    load = QuantityField(help_text="Delivered here.")
    load_after = QuantityField(help_text="Still on board after this stop.")


class PlannedRouteSerializer(serializers.Serializer):
    sequence = serializers.IntegerField()
    vehicle_id = serializers.IntegerField(allow_null=True)
    vehicle_name = serializers.CharField()
    unit_no = serializers.IntegerField()
    capacity = QuantityField()
    departure_time = serializers.TimeField()
    return_time = serializers.TimeField()
    distance_m = serializers.IntegerField()
    load = QuantityField()
    stops = PlannedStopSerializer(many=True, source="stops.all")


class RoutePlanDetailSerializer(RoutePlanSerializer):
    routes = PlannedRouteSerializer(many=True, source="routes.all")


# --- sites -----------------------------------------------------------------------------------------------


class SiteListView(_Permission, PaginatedAPIView, APIView):
    """Customers' delivery sites."""

    class InputSerializer(serializers.Serializer):
        customer_id = serializers.IntegerField()
        latitude = _latitude()
        longitude = _longitude()
        window_start = serializers.TimeField()
        window_end = serializers.TimeField()
        service_minutes = serializers.IntegerField(min_value=0, max_value=600, default=10)
        note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="supplychain_routing_sites_list",
        parameters=[OpenApiParameter("search", str, description="Part of the customer's name.")],
        responses={200: DeliverySiteSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        rows = selectors.site_list(search=request.query_params.get("search", "").strip())
        return self.paginated(request, rows, DeliverySiteSerializer)

    @extend_schema(
        operation_id="supplychain_routing_sites_create",
        request=InputSerializer,
        responses={201: DeliverySiteSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        site = services.site_create(actor=_actor(request), **data.validated_data)
        return Response(DeliverySiteSerializer(site).data, status=status.HTTP_201_CREATED)


class SiteDetailView(_Permission, APIView):
    class InputSerializer(serializers.Serializer):
        latitude = _latitude(required=False)
        longitude = _longitude(required=False)
        window_start = serializers.TimeField(required=False)
        window_end = serializers.TimeField(required=False)
        service_minutes = serializers.IntegerField(min_value=0, max_value=600, required=False)
        note = serializers.CharField(max_length=500, required=False, allow_blank=True)

    @extend_schema(
        operation_id="supplychain_routing_sites_get",
        parameters=[SITE_ID],
        responses={200: DeliverySiteSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, site_id: int) -> Response:
        return Response(DeliverySiteSerializer(selectors.site_get(site_id=site_id)).data)

    @extend_schema(
        operation_id="supplychain_routing_sites_update",
        parameters=[SITE_ID],
        request=InputSerializer,
        responses={200: DeliverySiteSerializer, **problem_responses(400, 401, 403, 404)},
    )
    def patch(self, request: Request, site_id: int) -> Response:
        selectors.site_get(site_id=site_id)
        data = self.InputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        site = services.site_update(actor=_actor(request), site_id=site_id, **data.validated_data)
        return Response(DeliverySiteSerializer(site).data)


# --- depots ----------------------------------------------------------------------------------------------


class DepotListView(_Permission, PaginatedAPIView, APIView):
    """Depots: warehouses with coordinates and opening hours, where routes start and end."""

    class InputSerializer(serializers.Serializer):
        warehouse_id = serializers.IntegerField()
        latitude = _latitude()
        longitude = _longitude()
        open_from = serializers.TimeField()
        open_until = serializers.TimeField()

    @extend_schema(
        operation_id="supplychain_routing_depots_list",
        responses={200: DepotSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        return self.paginated(request, selectors.depot_list(), DepotSerializer)

    @extend_schema(
        operation_id="supplychain_routing_depots_create",
        request=InputSerializer,
        responses={201: DepotSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        depot = services.depot_create(actor=_actor(request), **data.validated_data)
        return Response(
            DepotSerializer(selectors.depot_get(depot_id=depot.pk)).data, status=status.HTTP_201_CREATED
        )


class DepotDetailView(_Permission, APIView):
    class InputSerializer(serializers.Serializer):
        latitude = _latitude(required=False)
        longitude = _longitude(required=False)
        open_from = serializers.TimeField(required=False)
        open_until = serializers.TimeField(required=False)

    @extend_schema(
        operation_id="supplychain_routing_depots_get",
        parameters=[DEPOT_ID],
        responses={200: DepotSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, depot_id: int) -> Response:
        return Response(DepotSerializer(selectors.depot_get(depot_id=depot_id)).data)

    @extend_schema(
        operation_id="supplychain_routing_depots_update",
        parameters=[DEPOT_ID],
        request=InputSerializer,
        responses={200: DepotSerializer, **problem_responses(400, 401, 403, 404)},
    )
    def patch(self, request: Request, depot_id: int) -> Response:
        selectors.depot_get(depot_id=depot_id)
        data = self.InputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.depot_update(actor=_actor(request), depot_id=depot_id, **data.validated_data)
        return Response(DepotSerializer(selectors.depot_get(depot_id=depot_id)).data)


# --- vehicles --------------------------------------------------------------------------------------------


class VehicleListView(_Permission, PaginatedAPIView, APIView):
    """Vehicle types of the depots."""

    class InputSerializer(serializers.Serializer):
        depot_id = serializers.IntegerField()
        name = serializers.CharField(max_length=100)
        capacity = QuantityField(min_value=Decimal("0.0001"))
        speed_kmh = serializers.IntegerField(min_value=1, max_value=200, required=False, allow_null=True)
        count = serializers.IntegerField(min_value=1, max_value=100, default=1)

    @extend_schema(
        operation_id="supplychain_routing_vehicles_list",
        parameters=[OpenApiParameter("depot_id", int), OpenApiParameter("active", bool)],
        responses={200: VehicleSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        rows = selectors.vehicle_list(
            depot_id=_int_param(request, "depot_id"), active=_bool_param(request, "active")
        )
        return self.paginated(request, rows, VehicleSerializer)

    @extend_schema(
        operation_id="supplychain_routing_vehicles_create",
        request=InputSerializer,
        responses={201: VehicleSerializer, **problem_responses(400, 401, 403, 404)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        vehicle = services.vehicle_create(actor=_actor(request), **data.validated_data)
        return Response(VehicleSerializer(vehicle).data, status=status.HTTP_201_CREATED)


class VehicleDetailView(_Permission, APIView):
    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=100, required=False)
        capacity = QuantityField(min_value=Decimal("0.0001"), required=False)
        speed_kmh = serializers.IntegerField(min_value=1, max_value=200, required=False, allow_null=True)
        count = serializers.IntegerField(min_value=1, max_value=100, required=False)
        is_active = serializers.BooleanField(required=False)

    @extend_schema(
        operation_id="supplychain_routing_vehicles_get",
        parameters=[VEHICLE_ID],
        responses={200: VehicleSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, vehicle_id: int) -> Response:
        return Response(VehicleSerializer(selectors.vehicle_get(vehicle_id=vehicle_id)).data)

    @extend_schema(
        operation_id="supplychain_routing_vehicles_update",
        parameters=[VEHICLE_ID],
        request=InputSerializer,
        responses={200: VehicleSerializer, **problem_responses(400, 401, 403, 404)},
    )
    def patch(self, request: Request, vehicle_id: int) -> Response:
        selectors.vehicle_get(vehicle_id=vehicle_id)
        data = self.InputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        vehicle = services.vehicle_update(actor=_actor(request), vehicle_id=vehicle_id, **data.validated_data)
        return Response(VehicleSerializer(vehicle).data)


# --- deliveries and plans --------------------------------------------------------------------------------


class DeliveryListView(PaginatedAPIView, APIView):
    """The stops of a day: per customer, the open quantities of accepted orders due that day, in the order
    of the orders (the naive order)."""

    required_permission = VIEW

    @extend_schema(
        operation_id="supplychain_routing_deliveries_list",
        parameters=[OpenApiParameter("date", date, required=True)],
        responses={200: DeliverySerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        day = _date_param(request, "date", required=True)
        assert day is not None
        return self.paginated(request, selectors.deliveries_of_day(day=day), DeliverySerializer)


class RoutePlanListView(_Permission, PaginatedAPIView, APIView):
    """Route plans, newest first; POST plans a day."""

    class InputSerializer(serializers.Serializer):
        delivery_date = serializers.DateField()
        depot_id = serializers.IntegerField(required=False, allow_null=True, default=None)
        time_limit_seconds = serializers.IntegerField(
            min_value=1,
            max_value=services.MAX_TIME_LIMIT_S,
            default=5,
            help_text="How long the solver searches.",
        )

    @extend_schema(
        operation_id="supplychain_routing_plans_list",
        parameters=[OpenApiParameter("delivery_date", date)],
        responses={200: RoutePlanSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        rows = selectors.plan_list(delivery_date=_date_param(request, "delivery_date"))
        return self.paginated(request, rows, RoutePlanSerializer)

    @extend_schema(
        operation_id="supplychain_routing_plans_create",
        request=InputSerializer,
        responses={201: RoutePlanDetailSerializer, **problem_responses(400, 401, 403, 404, 422)},
        description=PLAN_ERRORS,
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = services.route_plan_create(actor=_actor(request), **data.validated_data)
        return Response(
            RoutePlanDetailSerializer(selectors.plan_get(route_plan_id=plan.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class RoutePlanDetailView(APIView):
    required_permission = VIEW

    @extend_schema(
        operation_id="supplychain_routing_plans_get",
        parameters=[ROUTE_PLAN_ID],
        responses={200: RoutePlanDetailSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, route_plan_id: int) -> Response:
        return Response(RoutePlanDetailSerializer(selectors.plan_get(route_plan_id=route_plan_id)).data)
