"""Inventory API on a company's host: items, warehouses, stock levels, the ledger, movements, reorder list.

Reading needs ``stock.view``; movements (receive, issue, adjust, transfer) ``stock.adjust``; items and
warehouses ``inventory.manage``. The ledger has no update or delete operation.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from identity.access import Actor
from kernel.api import PaginatedAPIView, problem_responses
from kernel.errors import ValidationFailed
from kernel.idempotency import idempotent
from kernel.serializers import QuantityField
from marketplace.catalog.models import StockSource
from tenants.inventory import selectors, services
from tenants.inventory.models import Item, LedgerEntry, LedgerKind, Reservation, StockLevel, Warehouse

VIEW, ADJUST, MANAGE = "stock.view", "stock.adjust", "inventory.manage"
ITEM_ID = OpenApiParameter("item_id", int, OpenApiParameter.PATH)
WAREHOUSE_ID = OpenApiParameter("warehouse_id", int, OpenApiParameter.PATH)


def qty(**kwargs: Any) -> serializers.DecimalField:
    return QuantityField(**kwargs)


def _actor(request: Request) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


def _int_param(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if not str(raw).isdigit():
        raise ValidationFailed(errors={name: ["Enter a whole number."]})
    return int(raw)


def _bool_param(request: Request, name: str) -> bool | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    if raw not in ("true", "false"):
        raise ValidationFailed(errors={name: ["Use true or false."]})
    return raw == "true"


def _moment_param(request: Request, name: str) -> datetime | None:
    """An ISO 8601 date-time (or a date, meaning its midnight UTC) from the query string."""
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    try:
        parsed = parse_datetime(raw)
        if parsed is None and (day := parse_date(raw)) is not None:
            parsed = datetime(day.year, day.month, day.day)
    except ValueError:
        parsed = None
    if parsed is None:
        raise ValidationFailed(errors={name: ["Use an ISO 8601 date or date-time."]})
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _item(item_id: int, field: str = "item_id") -> Item:
    """An item for a movement's body: an unknown id is a field error (400), not a 404."""
    item = Item.objects.filter(pk=item_id).first()
    if item is None:
        raise ValidationFailed(errors={field: ["No such item."]})
    return item


def _warehouse(warehouse_id: int | None, field: str = "warehouse_id") -> Warehouse:
    if warehouse_id is None:
        return services.default_warehouse()
    warehouse = Warehouse.objects.filter(pk=warehouse_id).first()
    if warehouse is None:
        raise ValidationFailed(errors={field: ["No such warehouse."]})
    return warehouse


# --- serializers -----------------------------------------------------------------------------------------


class InventoryItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sku = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    unit = serializers.CharField()
    category_code = serializers.CharField()
    listing_id = serializers.IntegerField(allow_null=True)
    reorder_point = qty(allow_null=True)
    reorder_quantity = qty(allow_null=True)
    is_active = serializers.BooleanField()
    on_hand = qty(source="on_hand_total")
    reserved = qty(source="reserved_total")
    available = qty(source="available_total")
    below_reorder_point = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_below_reorder_point(self, item: Any) -> bool:
        return item.reorder_point is not None and item.available_total < item.reorder_point


class InventoryWarehouseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    address = serializers.CharField()
    is_default = serializers.BooleanField()
    is_active = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class InventoryItemRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sku = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    unit = serializers.CharField()


class InventoryWarehouseRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class InventoryStockLevelSerializer(serializers.Serializer):
    item = InventoryItemRefSerializer()
    warehouse = InventoryWarehouseRefSerializer()
    on_hand = qty()
    reserved = qty()
    available = qty()
    updated_at = serializers.DateTimeField()


class InventoryLedgerEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    item = InventoryItemRefSerializer()
    warehouse = InventoryWarehouseRefSerializer()
    kind = serializers.ChoiceField(choices=LedgerKind.choices)
    quantity = qty()
    on_hand_delta = qty()
    reserved_delta = qty()
    on_hand_after = qty()
    reserved_after = qty()
    reason = serializers.CharField()
    reference = serializers.CharField()
    reservation_id = serializers.IntegerField(allow_null=True)
    transfer_id = serializers.UUIDField(allow_null=True)
    actor = serializers.CharField(source="actor_label")
    created_at = serializers.DateTimeField()


class InventoryReservationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    item = InventoryItemRefSerializer()
    warehouse = InventoryWarehouseRefSerializer()
    quantity = qty()
    open_quantity = qty()
    reference = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()


class InventoryReorderRowSerializer(serializers.Serializer):
    item = InventoryItemRefSerializer()
    on_hand = qty()
    reserved = qty()
    available = qty()
    reorder_point = qty()
    reorder_quantity = qty(allow_null=True)
    shortfall = qty()


def _quantity_input(**kwargs: Any) -> serializers.DecimalField:
    return QuantityField(**kwargs)


# --- items ---------------------------------------------------------------------------------------------


class InventoryItemListView(generics.ListAPIView):
    """Items with their stock across warehouses; ``search`` matches SKU and both names."""

    serializer_class = InventoryItemSerializer

    @property
    def required_permission(self) -> str:
        return MANAGE if self.request.method == "POST" else VIEW

    class InputSerializer(serializers.Serializer):
        sku = serializers.CharField(max_length=100)
        name_zh = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
        name_en = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
        unit = serializers.CharField(max_length=32)
        category_code = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
        listing_id = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
        reorder_point = _quantity_input(required=False, allow_null=True, default=None, min_value=0)
        reorder_quantity = _quantity_input(required=False, allow_null=True, default=None, min_value=0)

    def get_queryset(self) -> QuerySet[Item]:
        return selectors.item_list(
            search=self.request.query_params.get("search", "").strip(),
            active=_bool_param(self.request, "active"),
            category_code=self.request.query_params.get("category", "").strip(),
        )

    @extend_schema(
        operation_id="inventory_items_list",
        parameters=[
            OpenApiParameter("search", str),
            OpenApiParameter("active", bool),
            OpenApiParameter("category", str, description="Category code prefix"),
        ],
        responses={200: InventoryItemSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="inventory_items_create",
        request=InputSerializer,
        responses={201: InventoryItemSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.item_create(actor=_actor(request), **data.validated_data)
        return Response(
            InventoryItemSerializer(selectors.item_get(item_id=item.pk)).data, status=status.HTTP_201_CREATED
        )


class InventoryItemDetailView(APIView):
    @property
    def required_permission(self) -> str:
        return VIEW if self.request.method == "GET" else MANAGE

    class InputSerializer(serializers.Serializer):
        name_zh = serializers.CharField(max_length=300, required=False, allow_blank=True)
        name_en = serializers.CharField(max_length=300, required=False, allow_blank=True)
        unit = serializers.CharField(max_length=32, required=False)
        category_code = serializers.CharField(max_length=64, required=False, allow_blank=True)
        listing_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
        reorder_point = _quantity_input(required=False, allow_null=True, min_value=0)
        reorder_quantity = _quantity_input(required=False, allow_null=True, min_value=0)
        is_active = serializers.BooleanField(required=False)

    @extend_schema(
        operation_id="inventory_items_get",
        parameters=[ITEM_ID],
        responses={200: InventoryItemSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, item_id: int) -> Response:
        return Response(InventoryItemSerializer(selectors.item_get(item_id=item_id)).data)

    @extend_schema(
        operation_id="inventory_items_update",
        parameters=[ITEM_ID],
        request=InputSerializer,
        responses={200: InventoryItemSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, item_id: int) -> Response:
        item = selectors.item_get(item_id=item_id)
        data = self.InputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.item_update(actor=_actor(request), item=item, **data.validated_data)
        return Response(InventoryItemSerializer(selectors.item_get(item_id=item_id)).data)

    @extend_schema(
        operation_id="inventory_items_delete",
        parameters=[ITEM_ID],
        responses={204: None, **problem_responses(401, 403, 404, 409)},
    )
    def delete(self, request: Request, item_id: int) -> Response:
        services.item_delete(actor=_actor(request), item=selectors.item_get(item_id=item_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- warehouses ----------------------------------------------------------------------------------------


class InventoryWarehouseListView(generics.ListAPIView):
    serializer_class = InventoryWarehouseSerializer

    @property
    def required_permission(self) -> str:
        return MANAGE if self.request.method == "POST" else VIEW

    class InputSerializer(serializers.Serializer):
        code = serializers.CharField(max_length=32)
        name = serializers.CharField(max_length=200)
        address = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def get_queryset(self) -> QuerySet[Warehouse]:
        return selectors.warehouse_list(active=_bool_param(self.request, "active"))

    @extend_schema(
        operation_id="inventory_warehouses_list",
        parameters=[OpenApiParameter("active", bool)],
        responses={200: InventoryWarehouseSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="inventory_warehouses_create",
        request=InputSerializer,
        responses={201: InventoryWarehouseSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        warehouse = services.warehouse_create(actor=_actor(request), **data.validated_data)
        return Response(InventoryWarehouseSerializer(warehouse).data, status=status.HTTP_201_CREATED)


class InventoryWarehouseDetailView(APIView):
    @property
    def required_permission(self) -> str:
        return VIEW if self.request.method == "GET" else MANAGE

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200, required=False)
        address = serializers.CharField(max_length=500, required=False, allow_blank=True)
        is_active = serializers.BooleanField(required=False)
        is_default = serializers.BooleanField(required=False)

    @extend_schema(
        operation_id="inventory_warehouses_get",
        parameters=[WAREHOUSE_ID],
        responses={200: InventoryWarehouseSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, warehouse_id: int) -> Response:
        return Response(InventoryWarehouseSerializer(selectors.warehouse_get(warehouse_id=warehouse_id)).data)

    @extend_schema(
        operation_id="inventory_warehouses_update",
        parameters=[WAREHOUSE_ID],
        request=InputSerializer,
        responses={200: InventoryWarehouseSerializer, **problem_responses(400, 401, 403, 404)},
    )
    def patch(self, request: Request, warehouse_id: int) -> Response:
        warehouse = selectors.warehouse_get(warehouse_id=warehouse_id)
        data = self.InputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        warehouse = services.warehouse_update(
            actor=_actor(request), warehouse=warehouse, **data.validated_data
        )
        return Response(InventoryWarehouseSerializer(warehouse).data)


# --- levels, ledger, reservations, reorder list ----------------------------------------------------------


def _filters(request: Request) -> tuple[Item | None, Warehouse | None]:
    item_id, warehouse_id = _int_param(request, "item_id"), _int_param(request, "warehouse_id")
    errors: dict[str, list[str]] = {}
    item = Item.objects.filter(pk=item_id).first() if item_id is not None else None
    if item_id is not None and item is None:
        errors["item_id"] = ["No such item."]
    warehouse = Warehouse.objects.filter(pk=warehouse_id).first() if warehouse_id is not None else None
    if warehouse_id is not None and warehouse is None:
        errors["warehouse_id"] = ["No such warehouse."]
    if errors:
        raise ValidationFailed(errors=errors)
    return item, warehouse


class InventoryStockLevelListView(generics.ListAPIView):
    """On hand, reserved and available per item and warehouse."""

    required_permission = VIEW
    serializer_class = InventoryStockLevelSerializer

    def get_queryset(self) -> QuerySet[StockLevel]:
        item, warehouse = _filters(self.request)
        return selectors.stock_levels(
            item=item,
            warehouse=warehouse,
            nonzero=_bool_param(self.request, "nonzero") or False,
            search=self.request.query_params.get("search", "").strip(),
        )

    @extend_schema(
        operation_id="inventory_stock_levels_list",
        parameters=[
            OpenApiParameter("item_id", int),
            OpenApiParameter("warehouse_id", int),
            OpenApiParameter("nonzero", bool),
            OpenApiParameter("search", str, description="Matches the item's SKU and both names"),
        ],
        responses={200: InventoryStockLevelSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class InventoryLedgerListView(generics.ListAPIView):
    """The stock ledger, newest first (append-only: there is no way to change or delete an entry)."""

    required_permission = VIEW
    serializer_class = InventoryLedgerEntrySerializer

    def get_queryset(self) -> QuerySet[LedgerEntry]:
        item, warehouse = _filters(self.request)
        kind = self.request.query_params.get("kind", "")
        if kind and kind not in LedgerKind.values:
            raise ValidationFailed(errors={"kind": [f"Use one of {', '.join(LedgerKind.values)}."]})
        return selectors.ledger(
            item=item,
            warehouse=warehouse,
            kind=kind,
            reference=self.request.query_params.get("reference", ""),
            since=_moment_param(self.request, "since"),
            until=_moment_param(self.request, "until"),
        )

    @extend_schema(
        operation_id="inventory_ledger_list",
        parameters=[
            OpenApiParameter("item_id", int),
            OpenApiParameter("warehouse_id", int),
            OpenApiParameter("kind", str, enum=LedgerKind.values),
            OpenApiParameter("reference", str),
            OpenApiParameter("since", str, description="ISO 8601 date-time, inclusive"),
            OpenApiParameter("until", str, description="ISO 8601 date-time, exclusive"),
        ],
        responses={200: InventoryLedgerEntrySerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class InventoryReservationListView(generics.ListAPIView):
    required_permission = VIEW
    serializer_class = InventoryReservationSerializer

    def get_queryset(self) -> QuerySet[Reservation]:
        item, _ = _filters(self.request)
        return selectors.reservations(
            item=item,
            reference=self.request.query_params.get("reference", ""),
            open_only=_bool_param(self.request, "open") or False,
        )

    @extend_schema(
        operation_id="inventory_reservations_list",
        parameters=[
            OpenApiParameter("item_id", int),
            OpenApiParameter("reference", str),
            OpenApiParameter("open", bool),
        ],
        responses={200: InventoryReservationSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class InventoryReorderListView(PaginatedAPIView, APIView):
    """Active items whose available stock (all warehouses) is below their reorder point."""

    required_permission = VIEW

    @extend_schema(
        operation_id="inventory_reorder_list",
        responses={200: InventoryReorderRowSerializer(many=True), **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        return self.paginated(request, selectors.below_reorder_point(), InventoryReorderRowSerializer)


# --- movements -----------------------------------------------------------------------------------------


class _MovementView(APIView):
    required_permission = ADJUST


class StockReceiveView(_MovementView):
    class InputSerializer(serializers.Serializer):
        item_id = serializers.IntegerField()
        warehouse_id = serializers.IntegerField(
            required=False, allow_null=True, default=None, help_text="Left out: the default warehouse."
        )
        quantity = _quantity_input()
        reference = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="inventory_receive",
        request=InputSerializer,
        responses={201: InventoryLedgerEntrySerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        entry = services.stock_receive(
            actor=_actor(request),
            item=_item(v["item_id"]),
            warehouse=_warehouse(v["warehouse_id"]),
            quantity=v["quantity"],
            reference=v["reference"],
        )
        return Response(InventoryLedgerEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class StockIssueView(_MovementView):
    class InputSerializer(serializers.Serializer):
        item_id = serializers.IntegerField()
        warehouse_id = serializers.IntegerField(
            required=False, allow_null=True, default=None, help_text="Left out: the default warehouse."
        )
        quantity = _quantity_input()
        reference = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="inventory_issue",
        request=InputSerializer,
        responses={201: InventoryLedgerEntrySerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        entry = services.stock_issue(
            actor=_actor(request),
            item=_item(v["item_id"]),
            warehouse=_warehouse(v["warehouse_id"]),
            quantity=v["quantity"],
            reference=v["reference"],
        )
        return Response(InventoryLedgerEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class StockAdjustView(_MovementView):
    class InputSerializer(serializers.Serializer):
        item_id = serializers.IntegerField()
        warehouse_id = serializers.IntegerField(
            required=False, allow_null=True, default=None, help_text="Left out: the default warehouse."
        )
        quantity_delta = _quantity_input()
        reason = serializers.CharField(max_length=500)

    @extend_schema(
        operation_id="inventory_adjust",
        request=InputSerializer,
        responses={201: InventoryLedgerEntrySerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        entry = services.stock_adjust(
            actor=_actor(request),
            item=_item(v["item_id"]),
            warehouse=_warehouse(v["warehouse_id"]),
            quantity_delta=v["quantity_delta"],
            reason=v["reason"],
        )
        return Response(InventoryLedgerEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class InventoryTransferSerializer(serializers.Serializer):
    transfer_id = serializers.UUIDField(allow_null=True)
    entries = InventoryLedgerEntrySerializer(many=True, help_text="Out of the source, then into the target.")


class StockTransferView(_MovementView):
    class InputSerializer(serializers.Serializer):
        item_id = serializers.IntegerField()
        from_warehouse_id = serializers.IntegerField()
        to_warehouse_id = serializers.IntegerField()
        quantity = _quantity_input()
        reference = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="inventory_transfer",
        request=InputSerializer,
        responses={
            201: InventoryTransferSerializer,
            **problem_responses(400, 401, 403, 404, 409),
        },
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        entries = services.stock_transfer(
            actor=_actor(request),
            item=_item(v["item_id"]),
            from_warehouse=_warehouse(v["from_warehouse_id"], "from_warehouse_id"),
            to_warehouse=_warehouse(v["to_warehouse_id"], "to_warehouse_id"),
            quantity=v["quantity"],
            reference=v["reference"],
        )
        body = {"transfer_id": entries[0].transfer_id if entries else None, "entries": entries}
        return Response(InventoryTransferSerializer(body).data, status=status.HTTP_201_CREATED)


# --- a marketplace listing's stock from an item -------------------------------------------------------------


class ListingStockItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sku = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    unit = serializers.CharField()


class ListingStockSerializer(serializers.Serializer):
    listing_id = serializers.IntegerField()
    sku = serializers.CharField(help_text="The listing's SKU")
    stock_source = serializers.ChoiceField(choices=StockSource.choices)
    stock_quantity = QuantityField(allow_null=True)
    stock_updated_at = serializers.DateTimeField(allow_null=True)
    item = ListingStockItemSerializer(allow_null=True, help_text="The linked item (stock_source inventory)")


LISTING_ID = OpenApiParameter("listing_id", int, OpenApiParameter.PATH)


class ListingStockLinkView(APIView):
    """``/api/catalog/listings/{listing_id}/stock-link/``: the supplier's own listing shows an inventory
    item's available quantity (PUT) or returns to a declared figure (DELETE). Needs inventory.manage and
    catalog.manage."""

    required_permission = MANAGE

    class InputSerializer(serializers.Serializer):
        item_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)

    @extend_schema(
        operation_id="catalog_listing_stock_link",
        summary="Link a listing's stock to an inventory item",
        description="From now on the listing shows the item's available quantity (on hand minus reserved "
        "in the default warehouse, the figure sales orders check and reserve), rewritten with every stock "
        "movement of the item. Linking another item, or a listing another item fed, moves the link. "
        "`item_id` must be an active item of this company's inventory (400 otherwise).",
        parameters=[LISTING_ID],
        request=InputSerializer,
        responses={200: ListingStockSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def put(self, request: Request, listing_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        stock = services.listing_stock_link(
            actor=_actor(request),
            listing_id=listing_id,
            item_id=data.validated_data["item_id"],
            request=request._request,
        )
        return Response(ListingStockSerializer(stock).data)

    @extend_schema(
        operation_id="catalog_listing_stock_unlink",
        summary="Return a listing to declared stock",
        description="The listing keeps its last figure, now declared. Unlinking an unlinked listing "
        "changes nothing.",
        parameters=[LISTING_ID],
        request=None,
        responses={200: ListingStockSerializer, **problem_responses(401, 403, 404)},
    )
    def delete(self, request: Request, listing_id: int) -> Response:
        stock = services.listing_stock_unlink(
            actor=_actor(request), listing_id=listing_id, request=request._request
        )
        return Response(ListingStockSerializer(stock).data)
