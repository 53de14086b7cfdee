"""The company's rate table and procurement settings on its host (what approval routing trusts)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.api import problem_responses
from kernel.idempotency import idempotent
from kernel.iso import CURRENCIES
from kernel.serializers import ExchangeRateField, PercentField
from tenants.procurement import selectors, services
from tenants.procurement.api.common import READ_ANY, HasAnyPermission, actor_of
from tenants.procurement.services.rates import settings_get


class ExchangeRateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    currency = serializers.CharField(help_text="One unit of this currency ...")
    home_currency = serializers.CharField(help_text="... in the company's currency.")
    valid_on = serializers.DateField(help_text="Valid from this day until a later entry.")
    rate = ExchangeRateField()
    created_by_id = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()


class ProcurementSettingsSerializer(serializers.Serializer):
    auto_approve_unmatched = serializers.BooleanField(
        help_text="An order no approval rule matches is approved at once (off by default: it then needs "
        "one approval by a member whose role grants po.approve)."
    )
    rate_tolerance_percent = PercentField(
        help_text="How far (percent) a rate typed on an order may lie from the rate table's.",
    )
    updated_at = serializers.DateTimeField()


class ExchangeRateListView(generics.ListAPIView):
    """The rate table, by currency then newest first (``currency`` filters); enter a rate (finance.post)."""

    permission_classes = [HasAnyPermission]
    required_any = READ_ANY
    serializer_class = ExchangeRateSerializer

    class InputSerializer(serializers.Serializer):
        currency = serializers.ChoiceField(choices=sorted(CURRENCIES))
        rate = ExchangeRateField()
        valid_on = serializers.DateField(required=False, allow_null=True, default=None)

    def get_queryset(self) -> Any:
        return selectors.exchange_rate_list(currency=self.request.query_params.get("currency", "")[:3])

    @extend_schema(
        operation_id="exchange_rates_list",
        parameters=[OpenApiParameter("currency", str)],
        responses={200: ExchangeRateSerializer(many=True), **problem_responses(401, 403)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="exchange_rates_set",
        request=InputSerializer,
        responses={201: ExchangeRateSerializer, **problem_responses(400, 401, 403)},
        description="Enters the rate of one unit of `currency` in the company's currency from `valid_on` "
        "(default today); a second entry for the same day replaces the first.",
    )
    @idempotent
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        actor = actor_of(request)
        actor.require("finance.post")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = services.exchange_rate_set(actor=actor, request=request._request, **data.validated_data)
        return Response(ExchangeRateSerializer(entry).data, status=status.HTTP_201_CREATED)


class ExchangeRateDetailView(APIView):
    required_permission = "finance.post"

    @extend_schema(
        operation_id="exchange_rates_delete",
        parameters=[OpenApiParameter("rate_id", int, OpenApiParameter.PATH)],
        request=None,
        responses={204: None, **problem_responses(401, 403, 404)},
    )
    def delete(self, request: Request, rate_id: int) -> Response:
        services.exchange_rate_delete(actor=actor_of(request), rate_id=rate_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProcurementSettingsView(APIView):
    """Whether unmatched orders are approved at once, and the rate tolerance (change: approval.rules)."""

    permission_classes = [HasAnyPermission]
    required_any = READ_ANY

    class InputSerializer(serializers.Serializer):
        auto_approve_unmatched = serializers.BooleanField(required=False)
        rate_tolerance_percent = PercentField(required=False, min_value=0, max_value=100)

    @extend_schema(
        operation_id="procurement_settings_get",
        responses={200: ProcurementSettingsSerializer, **problem_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        return Response(ProcurementSettingsSerializer(settings_get()).data)

    @extend_schema(
        operation_id="procurement_settings_update",
        request=InputSerializer,
        responses={200: ProcurementSettingsSerializer, **problem_responses(400, 401, 403)},
    )
    def put(self, request: Request) -> Response:
        actor = actor_of(request)
        actor.require("approval.rules")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        found = services.procurement_settings_update(
            actor=actor, request=request._request, **data.validated_data
        )
        return Response(ProcurementSettingsSerializer(found).data)
