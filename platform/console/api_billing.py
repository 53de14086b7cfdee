"""Operator console API for plans and revenue (public host, operators only)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from billing.exceptions import PlanNotFound
from billing.meters import Feature, Meter
from billing.models import Enforcement, Interval, Plan, Subscription, SubscriptionStatus
from billing.plans import CURRENCIES
from billing.services import plans as plan_services
from console import selectors
from console.permissions import IsOperator
from kernel.api import PaginatedAPIView, problem_responses
from kernel.errors import ValidationFailed
from kernel.idempotency import idempotent
from kernel.serializers import ExchangeRateField, MoneyField, RatioField, UnitPriceField


class ConsolePlanPriceSerializer(serializers.Serializer):
    currency = serializers.ChoiceField(choices=list(CURRENCIES))
    interval = serializers.ChoiceField(choices=Interval.values)
    base_amount = MoneyField(source="amount", currency="currency", min_value=Decimal("0"), max_digits=14)


class ConsoleEntitlementSerializer(serializers.Serializer):
    meter = serializers.ChoiceField(choices=Meter.choices)
    included = serializers.IntegerField(allow_null=True, min_value=0, help_text="null: unlimited")
    enforcement = serializers.ChoiceField(choices=Enforcement.choices)
    overage_prices = serializers.DictField(
        child=UnitPriceField(min_value=Decimal("0")),
        required=False,
        help_text='Price per unit over the plan (soft limits), by currency: {"CNY": "1.0000"}.',
    )


class PlanVersionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    trial_days = serializers.IntegerField()
    features = serializers.ListField(child=serializers.CharField())
    prices = ConsolePlanPriceSerializer(many=True, source="prices.all")
    entitlements = ConsoleEntitlementSerializer(many=True, source="entitlements.all")
    note = serializers.CharField()
    created_at = serializers.DateTimeField()
    created_by_email = serializers.CharField(source="created_by.email", allow_null=True, default=None)


class ConsolePlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()
    is_public = serializers.BooleanField()
    is_free = serializers.BooleanField()
    current_version = PlanVersionSerializer(allow_null=True)
    versions_count = serializers.IntegerField()
    subscriptions_count = serializers.IntegerField(
        help_text="Subscriptions on any version (canceled excluded)."
    )
    subscriptions_on_older_versions = serializers.IntegerField(
        help_text="Of those, how many are on an older version (moved by migrate, or at renewal)."
    )


def _plans() -> Any:
    live = ~Q(versions__subscriptions__status=SubscriptionStatus.CANCELED)
    return (
        Plan.objects.select_related("current_version__created_by")
        .prefetch_related("current_version__prices", "current_version__entitlements")
        .annotate(
            versions_count=Count("versions", distinct=True),
            subscriptions_count=Count("versions__subscriptions", filter=live, distinct=True),
        )
        .order_by("sort_order", "code")
    )


def _with_older_counts(plans: list[Plan]) -> list[Plan]:
    older = dict(
        Subscription.objects.filter(plan_version__plan__in=plans)
        .exclude(status=SubscriptionStatus.CANCELED)
        .exclude(plan_version_id=F("plan_version__plan__current_version_id"))
        .values_list("plan_version__plan_id")
        .annotate(n=Count("pk"))
        .values_list("plan_version__plan_id", "n")
    )
    for plan in plans:
        plan.subscriptions_on_older_versions = older.get(plan.pk, 0)  # type: ignore[attr-defined]
    return plans


def _plan_data(plan_id: int) -> dict:
    plan = _plans().filter(pk=plan_id).first()
    if plan is None:
        raise PlanNotFound()
    return ConsolePlanSerializer(_with_older_counts([plan])[0]).data


class PlanListView(PaginatedAPIView, APIView):
    """Every plan with its current version (prices, entitlements, trial, features) and its subscriptions."""

    permission_classes = [IsOperator]

    @extend_schema(
        operation_id="console_plans_list",
        responses={200: ConsolePlanSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        paginator = self.pagination_class()
        page: list[Plan] | None = paginator.paginate_queryset(_plans(), request, view=self)  # type: ignore[arg-type]
        return paginator.get_paginated_response(
            ConsolePlanSerializer(_with_older_counts(list(page or [])), many=True).data
        )


class PlanVersionCreateView(APIView):
    """Publish a new version of a plan (complete: every price and every meter); it becomes current.

    Existing subscriptions keep their version until renewal (or ``migrate``)."""

    permission_classes = [IsOperator]

    class InputSerializer(serializers.Serializer):
        trial_days = serializers.IntegerField(min_value=0, max_value=plan_services.TRIAL_DAYS_MAX)
        features = serializers.ListField(
            child=serializers.ChoiceField(choices=Feature.choices), allow_empty=True, max_length=20
        )
        prices = ConsolePlanPriceSerializer(many=True)
        entitlements = ConsoleEntitlementSerializer(many=True)
        note = serializers.CharField(
            max_length=500, help_text="What changes and why (kept with the version)."
        )

    @extend_schema(
        operation_id="console_plan_version_create",
        request=InputSerializer,
        responses={201: ConsolePlanSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, plan_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        plan_services.plan_version_publish(
            plan_id=plan_id,
            trial_days=values["trial_days"],
            features=list(values["features"]),
            prices=[
                plan_services.PriceInput(
                    currency=p["currency"], interval=p["interval"], base_amount=p["amount"]
                )
                for p in values["prices"]
            ],
            entitlements=[
                plan_services.EntitlementInput(
                    meter=e["meter"],
                    included=e["included"],
                    enforcement=e["enforcement"],
                    overage_prices={k: str(v) for k, v in (e.get("overage_prices") or {}).items()},
                )
                for e in values["entitlements"]
            ],
            note=values["note"],
            actor=request.user,  # type: ignore[arg-type]
            request=request._request,
        )
        return Response(_plan_data(plan_id), status=status.HTTP_201_CREATED)


class PlanMigrateOutputSerializer(serializers.Serializer):
    plan = ConsolePlanSerializer()
    migrated = serializers.IntegerField(help_text="How many subscriptions moved onto the current version.")


class PlanMigrateView(APIView):
    """Move every (not canceled) subscription on an older version of the plan onto its current version."""

    permission_classes = [IsOperator]

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=plan_services.REASON_MAX_LENGTH)

    @extend_schema(
        operation_id="console_plan_migrate",
        request=InputSerializer,
        responses={200: PlanMigrateOutputSerializer, **problem_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, plan_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = plan_services.plan_subscriptions_migrate(
            plan_id=plan_id,
            reason=data.validated_data["reason"],
            actor=request.user,  # type: ignore[arg-type]
            request=request._request,
        )
        return Response({"plan": _plan_data(plan_id), "migrated": result.migrated})


class RevenueMonthSerializer(serializers.Serializer):
    month = serializers.DateField(help_text="The first day of the month (UTC).")
    mrr_amount = MoneyField(currency=lambda _: "CNY", currency_label="CNY")
    new_amount = MoneyField(currency=lambda _: "CNY", currency_label="CNY")
    expansion_amount = MoneyField(currency=lambda _: "CNY", currency_label="CNY")
    contraction_amount = MoneyField(currency=lambda _: "CNY", currency_label="CNY")
    churn_amount = MoneyField(currency=lambda _: "CNY", currency_label="CNY")
    paying_count = serializers.IntegerField(help_text="Subscriptions with MRR at the month's end.")
    trials_started = serializers.IntegerField()
    trials_converted = serializers.IntegerField()
    trials_lapsed = serializers.IntegerField()
    trial_conversion_rate = RatioField(allow_null=True, help_text="converted / (converted + lapsed)")


class CnyRateSerializer(serializers.Serializer):
    currency = serializers.CharField()
    exchange_rate = ExchangeRateField(help_text="CNY per unit of the currency")


class RevenueSerializer(serializers.Serializer):
    currency = serializers.CharField(help_text="Every amount is in this currency (CNY).")
    rates = CnyRateSerializer(
        many=True, help_text="The fixed reporting rates used (settings.CONSOLE_CNY_RATES)."
    )
    months = RevenueMonthSerializer(many=True)


class RevenueView(APIView):
    """MRR, new, expansion, contraction, churn and trial conversion per month, replayed from the
    subscription history (see ``console.selectors.revenue_months``)."""

    permission_classes = [IsOperator]

    @extend_schema(
        operation_id="console_revenue_get",
        parameters=[OpenApiParameter("months", int, description="How many months up to this one (1-36, 12)")],
        responses={200: RevenueSerializer, **problem_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("months") or "12"
        if not raw.isdigit() or not 1 <= int(raw) <= 36:
            raise ValidationFailed(errors={"months": ["A number of months from 1 to 36."]})
        months = selectors.revenue_months(months=int(raw))
        rates = [{"currency": code, "exchange_rate": rate} for code, rate in selectors.cny_rates().items()]
        return Response(RevenueSerializer({"currency": "CNY", "rates": rates, "months": months}).data)
