"""The company's billing page (tenant host, permission ``billing.manage``) and the public plan list.

These endpoints stay open when the workspace is read-only (the billing middleware lets ``/api/billing/``
write) and when it is suspended for non-payment (the tenant middleware lets ``/api/billing/`` through), so
that an owner can always see what is owed and change the plan.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from billing import overview, selectors
from billing.meters import METER_PERIODS, Meter
from billing.models import (
    Enforcement,
    Gateway,
    Interval,
    Plan,
    SubscriptionEvent,
    SubscriptionEventKind,
    SubscriptionStatus,
)
from billing.services import subscriptions as services
from identity.access import Actor
from kernel.api import PaginatedAPIView, problem_responses
from kernel.errors import ValidationFailed
from kernel.serializers import MoneyField, PercentField, UnitPriceField
from tenants.models import BillingLock

PERMISSION = "billing.manage"


def _actor(request: Request) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


# --- plans -----------------------------------------------------------------------------------------------


class PlanPriceSerializer(serializers.Serializer):
    currency = serializers.CharField()
    interval = serializers.ChoiceField(choices=Interval.values)
    base_amount = MoneyField(source="amount", currency="currency", help_text="The price of one period.")


class OveragePriceSerializer(serializers.Serializer):
    currency = serializers.CharField()
    unit_price = UnitPriceField(help_text="Billed per unit used over what the plan includes.")


class EntitlementSerializer(serializers.Serializer):
    meter = serializers.ChoiceField(choices=Meter.choices)
    period = serializers.CharField(help_text="month, day or total (a gauge: what exists now)")
    included = serializers.IntegerField(allow_null=True, help_text="null: unlimited")
    enforcement = serializers.ChoiceField(
        choices=Enforcement.choices,
        help_text="hard: refused over the limit (quota_exceeded); soft: billed over it at the overage prices",
    )
    overage_prices = OveragePriceSerializer(many=True)


class PlanSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()
    description_en = serializers.CharField()
    description_zh = serializers.CharField()
    is_free = serializers.BooleanField()
    version = serializers.IntegerField(help_text="The number of the plan's current version.")
    trial_days = serializers.IntegerField()
    features = serializers.ListField(child=serializers.CharField())
    prices = PlanPriceSerializer(many=True)
    entitlements = EntitlementSerializer(many=True)

    def to_representation(self, plan: Plan) -> dict[str, Any]:
        version = plan.current_version
        assert version is not None
        order = {meter.value: i for i, meter in enumerate(Meter)}
        prices = sorted(version.prices.all(), key=lambda p: (p.currency, p.interval != Interval.MONTH))
        entitlements = sorted(version.entitlements.all(), key=lambda e: order.get(e.meter, 99))
        return {
            "code": plan.code,
            "name_en": plan.name_en,
            "name_zh": plan.name_zh,
            "description_en": plan.description_en,
            "description_zh": plan.description_zh,
            "is_free": plan.is_free,
            "version": version.number,
            "trial_days": version.trial_days,
            "features": list(version.features),
            "prices": PlanPriceSerializer(prices, many=True).data,
            "entitlements": [
                {
                    "meter": e.meter,
                    "period": METER_PERIODS[Meter(e.meter)],
                    "included": e.included,
                    "enforcement": e.enforcement,
                    "overage_prices": OveragePriceSerializer(
                        [
                            {"currency": currency, "unit_price": price}
                            for currency, price in sorted(e.overage_prices.items())
                        ],
                        many=True,
                    ).data,
                }
                for e in entitlements
            ],
        }


class PublicPlanListView(PaginatedAPIView, APIView):
    """The plans a new company may try (public host, no sign-in): for the sign-up page."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        operation_id="plans_list",
        responses={200: PlanSerializer(many=True), **problem_responses(400, 404)},
    )
    def get(self, request: Request) -> Response:
        return self.paginated(request, overview.public_plan_list(), PlanSerializer)


class PlanListView(PaginatedAPIView, APIView):
    """The plans this company may move to, with their prices in every currency and interval and what each
    includes."""

    required_permission = PERMISSION

    @extend_schema(
        operation_id="billing_plans_list",
        responses={200: PlanSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        return self.paginated(request, overview.public_plan_list(), PlanSerializer)


# --- overview --------------------------------------------------------------------------------------------


class PlanBriefSerializer(serializers.Serializer):
    code = serializers.CharField(source="plan.code")
    name_en = serializers.CharField(source="plan.name_en")
    name_zh = serializers.CharField(source="plan.name_zh")
    version = serializers.IntegerField(source="subscription.plan_version.number")
    is_free = serializers.BooleanField(source="plan.is_free")


class OverviewSerializer(serializers.Serializer):
    plan = PlanBriefSerializer(source="*")
    status = serializers.ChoiceField(source="subscription.status", choices=SubscriptionStatus.choices)
    interval = serializers.ChoiceField(source="subscription.interval", choices=Interval.values)
    currency = serializers.CharField()
    gateway = serializers.ChoiceField(source="subscription.gateway", choices=Gateway.choices)
    lock = serializers.ChoiceField(
        choices=BillingLock.choices,
        help_text='The workspace\'s access: "" (open), "read_only" (writes refused), "suspended".',
    )
    trial_ends_at = serializers.DateTimeField(source="subscription.trial_ends_at", allow_null=True)
    trial_days_left = serializers.IntegerField(allow_null=True, help_text="Whole days, while trialing.")
    current_period_start = serializers.DateTimeField(source="subscription.current_period_start")
    current_period_end = serializers.DateTimeField(source="subscription.current_period_end")
    cancel_at_period_end = serializers.BooleanField(source="subscription.cancel_at_period_end")
    converted_at = serializers.DateTimeField(source="subscription.converted_at", allow_null=True)
    past_due_since = serializers.DateTimeField(source="subscription.past_due_since", allow_null=True)
    read_only_on = serializers.DateField(
        allow_null=True, help_text="While past due: the day writes stop if nothing is paid."
    )
    suspend_on = serializers.DateField(
        allow_null=True, help_text="While past due or read-only: the day the workspace is suspended."
    )
    base_amount = MoneyField(
        currency="currency", allow_null=True, help_text="The plan's price for one period."
    )
    credit_amount = MoneyField(
        source="subscription.credit_balance",
        currency="currency",
        help_text="Owed to the company (a downgrade's proration), taken off the next invoice.",
    )
    payment_instructions = serializers.CharField(
        help_text="Where to send a bank transfer (offline gateway); empty with Stripe."
    )
    features = serializers.ListField(child=serializers.CharField())
    online_payment = serializers.BooleanField(
        help_text="Stripe is configured: subscribing goes through POST /api/billing/checkout/ (a card), "
        "otherwise POST /api/billing/subscription/convert/ (invoice and bank transfer)."
    )


def _overview(request: Request) -> dict[str, Any]:
    company = _actor(request).company
    company.refresh_from_db(fields=["billing_lock"])
    return OverviewSerializer(overview.billing_overview(company=company)).data  # type: ignore[return-value]


class OverviewView(APIView):
    """Where the company's subscription stands: plan, status, trial, period, dunning dates, how to pay."""

    required_permission = PERMISSION

    @extend_schema(
        operation_id="billing_overview",
        responses={200: OverviewSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        return Response(_overview(request))


# --- usage -----------------------------------------------------------------------------------------------


class MeterUsageSerializer(serializers.Serializer):
    meter = serializers.ChoiceField(choices=Meter.choices)
    period = serializers.CharField(help_text="month, day or total (a gauge: what exists now)")
    period_start = serializers.DateField(allow_null=True, help_text="null for a gauge")
    used = serializers.IntegerField()
    included = serializers.IntegerField(allow_null=True, help_text="null: unlimited")
    enforcement = serializers.ChoiceField(choices=Enforcement.choices)
    percent = PercentField(max_digits=12, allow_null=True, help_text="used / included; null: unlimited")


class UsageView(PaginatedAPIView, APIView):
    """Each meter's use in its current period against what the plan includes."""

    required_permission = PERMISSION

    @extend_schema(
        operation_id="billing_usage",
        responses={200: MeterUsageSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        company = _actor(request).company
        subscription = overview.billing_overview(company=company).subscription
        rows = selectors.usage_summary(company_id=company.pk, version=subscription.plan_version)
        return self.paginated(request, rows, MeterUsageSerializer)


class UsageMonthSerializer(serializers.Serializer):
    period_start = serializers.DateField(help_text="The first day of the month.")
    used = serializers.IntegerField(
        help_text="Used in the month (a gauge: what existed at its end; a daily meter: the month's sum)."
    )


class UsageHistoryView(PaginatedAPIView, APIView):
    """One meter's use per month over the last months (oldest first), for the usage chart."""

    required_permission = PERMISSION

    @extend_schema(
        operation_id="billing_usage_history",
        parameters=[
            OpenApiParameter("meter", str, enum=Meter.values, required=True),
            OpenApiParameter("months", int, description="1 to 36 (default 12)"),
        ],
        responses={200: UsageMonthSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        meter = request.query_params.get("meter", "")
        errors: dict[str, list[str]] = {}
        if meter not in Meter.values:
            errors["meter"] = [f"Use one of: {', '.join(Meter.values)}."]
        raw = request.query_params.get("months", "12")
        if not raw.isdigit() or not 1 <= int(raw) <= 36:
            errors["months"] = ["Use a whole number from 1 to 36."]
        if errors:
            raise ValidationFailed(errors=errors)
        company = _actor(request).company
        rows = overview.usage_history(company_id=company.pk, meter=meter, months=int(raw))
        return self.paginated(request, rows, UsageMonthSerializer)


# --- subscription changes --------------------------------------------------------------------------------


class PlanChangeResultSerializer(serializers.Serializer):
    subscription = OverviewSerializer()
    proration_amount = MoneyField(
        currency="subscription.currency",
        help_text="Charged now when positive (an invoice), credited to the next invoice when negative.",
    )


class ChangePlanView(APIView):
    """Move to another plan (and interval) at once, prorated. A downgrade below what the company uses now
    is refused with ``409 downgrade_exceeds_usage`` listing the meters (``meters``: meter, used, limit)."""

    required_permission = PERMISSION

    class InputSerializer(serializers.Serializer):
        plan_code = serializers.SlugField(max_length=30)
        interval = serializers.ChoiceField(choices=Interval.values, required=False)

    @extend_schema(
        operation_id="billing_change_plan",
        request=InputSerializer,
        responses={200: PlanChangeResultSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        actor = _actor(request)
        change = services.subscription_change_plan(
            company_id=actor.company.pk,
            plan_code=data.validated_data["plan_code"],
            interval=data.validated_data.get("interval"),
            actor=actor.user,
            source="owner",
        )
        return Response(
            {
                "subscription": _overview(request),
                "proration_amount": _money_text(change.amount, change.subscription.currency),
            }
        )


def _money_text(amount: Any, currency: str) -> str | None:
    from kernel.serializers import money_text

    return money_text(amount, currency)


class ConvertView(APIView):
    """Turn the trial into a paid subscription of its plan, starting a period now. With the offline
    gateway the first invoice is issued at once, payable by bank transfer."""

    required_permission = PERMISSION

    class InputSerializer(serializers.Serializer):
        interval = serializers.ChoiceField(choices=Interval.values, required=False)

    @extend_schema(
        operation_id="billing_convert",
        request=InputSerializer,
        responses={200: OverviewSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        actor = _actor(request)
        services.subscription_convert(
            company_id=actor.company.pk, interval=data.validated_data.get("interval"), actor=actor.user
        )
        return Response(_overview(request))


class CancelView(APIView):
    """Cancel at the end of the current period (a trial: at its end); nothing changes before then."""

    required_permission = PERMISSION

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="billing_cancel",
        request=InputSerializer,
        responses={200: OverviewSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        actor = _actor(request)
        services.subscription_cancel(
            company_id=actor.company.pk, actor=actor.user, reason=data.validated_data["reason"]
        )
        return Response(_overview(request))


class ResumeView(APIView):
    """Withdraw a cancellation that has not happened yet (nothing to withdraw: no change)."""

    required_permission = PERMISSION

    @extend_schema(
        operation_id="billing_resume",
        request=None,
        responses={200: OverviewSerializer, **problem_responses(401, 403, 404)},
    )
    def post(self, request: Request) -> Response:
        actor = _actor(request)
        services.subscription_cancel_revoke(company_id=actor.company.pk, actor=actor.user)
        return Response(_overview(request))


# --- history ---------------------------------------------------------------------------------------------


class SubscriptionEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=SubscriptionEventKind.choices)
    created_at = serializers.DateTimeField()
    from_plan = serializers.CharField(source="from_version.plan.code", allow_null=True, default=None)
    to_plan = serializers.CharField(source="to_version.plan.code", allow_null=True, default=None)
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    charged_amount = MoneyField(
        source="amount",
        currency="currency",
        allow_null=True,
        help_text="Charged (+) or credited (-) by this change, in ``currency``.",
    )
    currency = serializers.CharField()
    source = serializers.CharField(help_text="owner, operator, system, payment, stripe")  # type: ignore[assignment]
    actor_name = serializers.SerializerMethodField()
    reason = serializers.CharField()

    def get_actor_name(self, event: SubscriptionEvent) -> str:
        # The platform's operators are not the company's members: their names stay on the platform.
        if event.actor is None or event.source == "operator":
            return ""
        return event.actor.full_name or event.actor.email


class SubscriptionEventListView(PaginatedAPIView, APIView):
    """The subscription's history, newest first: trial, conversion, plan changes, status changes."""

    required_permission = PERMISSION

    @extend_schema(
        operation_id="billing_events_list",
        responses={200: SubscriptionEventSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        rows = overview.subscription_event_list(company_id=_actor(request).company.pk)
        return self.paginated(request, rows, SubscriptionEventSerializer)
