"""Inventory-sharing API on a company's host (under /api/supplychain/).

The owner's side (grants it gave): list, create, read, change, revoke — reading needs ``supplychain.view``,
writing ``supplychain.manage``. The partner's side (grants it holds and the stock shared under them):
``supplychain.view``; a revoked, expired or never-made grant answers 404 ``not_found`` alike.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from identity.access import Actor
from kernel.api import PaginatedAPIView, problem_responses
from kernel.errors import ValidationFailed
from kernel.idempotency import idempotent
from kernel.serializers import QuantityField
from marketplace.sharing import selectors
from marketplace.sharing.models import GrantStatus, ShareGrant
from tenants.supplychain.sharing import services

VIEW, MANAGE = "supplychain.view", "supplychain.manage"
GRANT_ID = OpenApiParameter("grant_id", int, OpenApiParameter.PATH)


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


class SharingCompanySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ShareGrantSerializer(serializers.Serializer):
    """A grant as its owner sees it."""

    id = serializers.IntegerField()
    partner = SharingCompanySerializer()
    status = serializers.ChoiceField(choices=GrantStatus.choices)
    is_current = serializers.SerializerMethodField()
    item_ids = serializers.ListField(child=serializers.IntegerField())
    category_code = serializers.CharField()
    warehouse_ids = serializers.ListField(child=serializers.IntegerField())
    share_consumption = serializers.BooleanField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    note = serializers.CharField()
    created_by = serializers.CharField(source="created_by_label")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    revoked_at = serializers.DateTimeField(allow_null=True)
    revoked_reason = serializers.CharField()

    def get_is_current(self, grant: ShareGrant) -> bool:
        return _is_current(grant)


def _is_current(grant: ShareGrant) -> bool:
    from django.utils import timezone

    today = timezone.localdate()
    return (
        grant.status == GrantStatus.ACTIVE
        and grant.valid_from <= today
        and (grant.valid_until is None or grant.valid_until >= today)
    )


class ReceivedGrantSerializer(serializers.Serializer):
    """A grant as its partner sees it: who shares, what kind of scope, for how long."""

    id = serializers.IntegerField()
    owner = SharingCompanySerializer()
    category_code = serializers.CharField()
    items_count = serializers.SerializerMethodField()
    share_consumption = serializers.BooleanField()
    valid_from = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    note = serializers.CharField()
    created_at = serializers.DateTimeField()

    def get_items_count(self, grant: ShareGrant) -> int:
        return len(grant.item_ids or [])


class SharedStockSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    grant_id = serializers.IntegerField()
    owner = SharingCompanySerializer(source="grant.owner")
    item_id = serializers.IntegerField()
    sku = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    unit = serializers.CharField()
    category_code = serializers.CharField()
    warehouse_id = serializers.IntegerField()
    warehouse_code = serializers.CharField()
    warehouse_name = serializers.CharField()
    on_hand = QuantityField()
    available = QuantityField()
    reorder_point = QuantityField(allow_null=True)
    below_reorder_point = serializers.SerializerMethodField()
    consumption_per_day = QuantityField(allow_null=True)
    as_of = serializers.DateTimeField()
    published_at = serializers.DateTimeField()

    def get_below_reorder_point(self, row: Any) -> bool:
        return row.reorder_point is not None and row.available < row.reorder_point


class _GrantInput(serializers.Serializer):
    item_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=1000
    )
    category_code = serializers.CharField(max_length=64, required=False, allow_blank=True)
    warehouse_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1), required=False, max_length=100
    )
    share_consumption = serializers.BooleanField(required=False)
    valid_from = serializers.DateField(required=False)
    valid_until = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class ShareGrantCreateInput(_GrantInput):
    partner_id = serializers.IntegerField(min_value=1)


class ShareGrantListView(PaginatedAPIView, APIView):
    """Grants the company gave, newest first."""

    @property
    def required_permission(self) -> str:
        return MANAGE if self.request.method == "POST" else VIEW

    @extend_schema(
        operation_id="supplychain_grants_list",
        parameters=[
            OpenApiParameter("status", str, enum=GrantStatus.values),
            OpenApiParameter("partner_id", int),
        ],
        responses={200: ShareGrantSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        wanted = request.query_params.get("status", "")
        if wanted and wanted not in GrantStatus.values:
            raise ValidationFailed(errors={"status": [f"Use one of {', '.join(GrantStatus.values)}."]})
        rows = selectors.grants_given(
            company_id=_actor(request).company.pk, status=wanted, partner_id=_int_param(request, "partner_id")
        )
        return self.paginated(request, rows, ShareGrantSerializer)

    @extend_schema(
        operation_id="supplychain_grants_create",
        request=ShareGrantCreateInput,
        responses={201: ShareGrantSerializer, **problem_responses(400, 401, 403, 404)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = ShareGrantCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        grant = services.grant_create(actor=_actor(request), request=request, **data.validated_data)
        grant = selectors.grant_given_get(company_id=_actor(request).company.pk, grant_id=grant.pk)
        return Response(ShareGrantSerializer(grant).data, status=status.HTTP_201_CREATED)


class ShareGrantDetailView(APIView):
    @property
    def required_permission(self) -> str:
        return VIEW if self.request.method == "GET" else MANAGE

    @extend_schema(
        operation_id="supplychain_grants_get",
        parameters=[GRANT_ID],
        responses={200: ShareGrantSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, grant_id: int) -> Response:
        grant = selectors.grant_given_get(company_id=_actor(request).company.pk, grant_id=grant_id)
        return Response(ShareGrantSerializer(grant).data)

    @extend_schema(
        operation_id="supplychain_grants_update",
        parameters=[GRANT_ID],
        request=_GrantInput,
        responses={200: ShareGrantSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, grant_id: int) -> Response:
        data = _GrantInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.grant_update(
            actor=_actor(request), grant_id=grant_id, request=request, **data.validated_data
        )
        grant = selectors.grant_given_get(company_id=_actor(request).company.pk, grant_id=grant_id)
        return Response(ShareGrantSerializer(grant).data)


class ShareGrantRevokeView(APIView):
    required_permission = MANAGE

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=500)

    @extend_schema(
        operation_id="supplychain_grants_revoke",
        parameters=[GRANT_ID],
        request=InputSerializer,
        responses={200: ShareGrantSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, grant_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.grant_revoke(
            actor=_actor(request), grant_id=grant_id, reason=data.validated_data["reason"], request=request
        )
        grant = selectors.grant_given_get(company_id=_actor(request).company.pk, grant_id=grant_id)
        return Response(ShareGrantSerializer(grant).data)


class ReceivedGrantListView(PaginatedAPIView, APIView):
    """Grants the company holds now (active, started, not expired), newest first."""

    required_permission = VIEW

    @extend_schema(
        operation_id="supplychain_received_grants_list",
        parameters=[OpenApiParameter("owner_id", int)],
        responses={200: ReceivedGrantSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        rows = selectors.grants_received(
            company_id=_actor(request).company.pk, owner_id=_int_param(request, "owner_id")
        )
        return self.paginated(request, rows, ReceivedGrantSerializer)


class ReceivedGrantDetailView(APIView):
    required_permission = VIEW

    @extend_schema(
        operation_id="supplychain_received_grants_get",
        parameters=[GRANT_ID],
        responses={200: ReceivedGrantSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, grant_id: int) -> Response:
        grant = selectors.grant_received_get(company_id=_actor(request).company.pk, grant_id=grant_id)
        return Response(ReceivedGrantSerializer(grant).data)


class SharedStockListView(PaginatedAPIView, APIView):
    """The stock shared with the company under its current grants, by SKU and warehouse."""

    required_permission = VIEW

    @extend_schema(
        operation_id="supplychain_shared_stock_list",
        parameters=[
            OpenApiParameter("grant_id", int),
            OpenApiParameter("owner_id", int),
            OpenApiParameter("search", str, description="Matches SKU, both names and the warehouse code"),
            OpenApiParameter("below_reorder_point", bool),
        ],
        responses={200: SharedStockSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        company_id = _actor(request).company.pk
        grant_id = _int_param(request, "grant_id")
        if grant_id is not None:
            selectors.grant_received_get(company_id=company_id, grant_id=grant_id)  # 404 when not held
        rows = selectors.shared_stock(
            company_id=company_id,
            grant_id=grant_id,
            owner_id=_int_param(request, "owner_id"),
            search=request.query_params.get("search", "").strip()[:100],
            below_reorder_point=_bool_param(request, "below_reorder_point"),
        )
        return self.paginated(request, rows, SharedStockSerializer)
