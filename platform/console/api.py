"""Operator console API (public host, operators only): the tenant fleet, one company, its actions, audit."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from console import selectors, services
from console.permissions import IsOperator
from identity.api.access import AUDIT_FILTERS, AuditEntrySerializer, audit_entries
from identity.models import AuditEntry
from kernel.api import PaginatedAPIView, problem_responses
from kernel.errors import NotFound, ValidationFailed
from kernel.serializers import MoneyField, PercentField
from tenants import selectors as tenant_selectors
from tenants.models import Company, CompanyStatus


class PlanBriefSerializer(serializers.Serializer):
    code = serializers.CharField(source="plan_code")
    name_en = serializers.CharField(source="plan_name_en")
    name_zh = serializers.CharField(source="plan_name_zh")
    version = serializers.IntegerField(source="plan_version_number")


class MeterUsageSerializer(serializers.Serializer):
    meter = serializers.CharField()
    period = serializers.CharField(help_text="month, day or total (a gauge: what exists now)")
    period_start = serializers.DateField(allow_null=True)
    used = serializers.IntegerField()
    included = serializers.IntegerField(allow_null=True, help_text="null: unlimited")
    enforcement = serializers.CharField()
    percent = PercentField(allow_null=True, max_digits=12)


class CompanyFleetSerializer(serializers.Serializer):
    """One company of the fleet with its subscription's figures (see ``console.selectors``)."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    schema_name = serializers.CharField()
    country = serializers.CharField()
    currency = serializers.CharField(source="default_currency")
    status = serializers.CharField()
    billing_lock = serializers.CharField()
    members = serializers.IntegerField(source="members_count")
    created_at = serializers.DateTimeField()
    activated_at = serializers.DateTimeField(allow_null=True)
    plan = serializers.SerializerMethodField()
    subscription_status = serializers.CharField(allow_null=True)
    subscription_interval = serializers.CharField(allow_null=True)
    subscription_currency = serializers.CharField(allow_null=True)
    trial_ends_at = serializers.DateTimeField(allow_null=True)
    mrr_amount = MoneyField(
        currency=lambda c: c.subscription_currency or c.default_currency,
        currency_label="subscription_currency",
        help_text="Monthly base price while active or past due, in the subscription's currency.",
    )
    mrr_cny_amount = MoneyField(
        currency=lambda c: "CNY",
        currency_label="CNY",
        allow_null=True,
        help_text="mrr_amount at the fixed reporting rate of settings.CONSOLE_CNY_RATES.",
    )
    last_active_at = serializers.DateTimeField(
        allow_null=True,
        help_text="Newest audit entry by a person in the company's own log (sign-ins included).",
    )
    usage = serializers.SerializerMethodField()

    @extend_schema_field(PlanBriefSerializer(allow_null=True))
    def get_plan(self, company: Company) -> dict | None:
        if getattr(company, "plan_code", None) is None:
            return None
        return PlanBriefSerializer(company).data

    @extend_schema_field(MeterUsageSerializer(many=True))
    def get_usage(self, company: Company) -> list[Any]:
        usage = self.context.get("usage", {}).get(company.pk, [])
        return list(MeterUsageSerializer(usage, many=True).data)


def _query_choice(request: Request, name: str, choices: list[str]) -> str | None:
    value = request.query_params.get(name) or None
    if value is not None and value not in choices:
        raise ValidationFailed(errors={name: [f"Use one of: {', '.join(choices)}."]})
    return value


class FleetListView(PaginatedAPIView, APIView):
    """Companies on the platform (pooled schemas excluded) with plan, subscription status, members, usage,
    last activity and MRR contribution; searched by ``q`` (name or slug), filtered and sorted."""

    permission_classes = [IsOperator]

    @extend_schema(
        operation_id="console_companies_list",
        parameters=[
            OpenApiParameter("q", str, description="Part of the company's name or slug"),
            OpenApiParameter("status", str, enum=selectors.FLEET_STATUSES),
            OpenApiParameter("plan", str, description="A plan code (free, growth, ...)"),
            OpenApiParameter(
                "subscription_status",
                str,
                enum=[*selectors.SUBSCRIPTION_STATUSES, "none"],
                description="none: companies without a subscription",
            ),
            OpenApiParameter(
                "ordering",
                str,
                enum=selectors.FLEET_ORDERING_CHOICES,
                description="A leading - sorts descending",
            ),
        ],
        responses={200: CompanyFleetSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        q = (request.query_params.get("q") or "").strip()
        if len(q) > 100 or "\x00" in q:
            raise ValidationFailed(errors={"q": ["At most 100 characters."]})
        plan = (request.query_params.get("plan") or "").strip() or None
        if plan is not None and len(plan) > 30:
            raise ValidationFailed(errors={"plan": ["A plan code."]})
        rows = selectors.fleet_list(
            q=q,
            status=_query_choice(request, "status", selectors.FLEET_STATUSES),
            plan=plan,
            subscription_status=_query_choice(
                request, "subscription_status", [*selectors.SUBSCRIPTION_STATUSES, "none"]
            ),
            ordering=_query_choice(request, "ordering", selectors.FLEET_ORDERING_CHOICES) or "name",
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(rows, request, view=self)  # type: ignore[arg-type]
        usage = selectors.fleet_usage(companies=page or [])
        data = CompanyFleetSerializer(page, many=True, context={"usage": usage}).data
        return paginator.get_paginated_response(data)


class FleetStatusView(APIView):
    """Suspend, reactivate or close a company, with a reason that goes into the operator audit log."""

    permission_classes = [IsOperator]

    class InputSerializer(serializers.Serializer):
        status = serializers.ChoiceField(
            choices=[CompanyStatus.ACTIVE, CompanyStatus.SUSPENDED, CompanyStatus.CLOSED]
        )
        reason = serializers.CharField(
            max_length=services.REASON_MAX_LENGTH,
            help_text="Why the status changes; kept in the operator audit log (required).",
        )

    @extend_schema(
        operation_id="console_company_set_status",
        request=InputSerializer,
        responses={200: CompanyFleetSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, company_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        company = services.company_set_status(
            company_id=company_id,
            status=data.validated_data["status"],
            reason=data.validated_data["reason"],
            actor=request.user,  # type: ignore[arg-type]
            request=request._request,
        )
        return Response(_fleet_row(company.pk))


class PlatformAuditView(generics.ListAPIView):
    """Audit entries of every company and of the platform itself (operators)."""

    permission_classes = [IsOperator]
    serializer_class = AuditEntrySerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        slug = self.request.query_params.get("company")
        if not slug:
            return audit_entries(self.request, company=None, platform_wide=True)
        company = tenant_selectors.company_get_by_slug(slug=slug)
        if company is None:
            return AuditEntry.objects.none()
        return audit_entries(self.request, company=None, platform_wide=True, about_company=company)

    @extend_schema(
        operation_id="console_audit_list",
        parameters=[
            *AUDIT_FILTERS,
            OpenApiParameter(
                "company",
                str,
                description="Company slug: that company's entries and the operator entries about it",
            ),
        ],
        responses={200: AuditEntrySerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: object, **kwargs: object) -> Response:
        return super().get(request, *args, **kwargs)


class CompanyAuditView(generics.ListAPIView):
    """One company's audit trail for operators, newest first: the operator entries about it (status
    changes with their reasons) and the company's own entries. Paginated like every list."""

    permission_classes = [IsOperator]
    serializer_class = AuditEntrySerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        company = tenant_selectors.company_get_by_id(company_id=self.kwargs["company_id"])
        if company is None:
            raise NotFound()
        return audit_entries(self.request, company=None, platform_wide=True, about_company=company)

    @extend_schema(
        operation_id="console_company_audit_list",
        parameters=AUDIT_FILTERS,
        responses={200: AuditEntrySerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: object, **kwargs: object) -> Response:
        return super().get(request, *args, **kwargs)


def _fleet_row(company_id: int) -> dict:
    company = selectors.fleet_queryset().get(pk=company_id)
    usage = selectors.fleet_usage(companies=[company])
    return CompanyFleetSerializer(company, context={"usage": usage}).data


class SubscriptionSerializer(serializers.Serializer):
    plan_code = serializers.CharField(source="plan_version.plan.code")
    plan_name_en = serializers.CharField(source="plan_version.plan.name_en")
    plan_name_zh = serializers.CharField(source="plan_version.plan.name_zh")
    plan_version = serializers.IntegerField(source="plan_version.number")
    plan_version_current = serializers.SerializerMethodField(
        help_text="False when the plan has a newer version (the subscription moves onto it at renewal)."
    )
    status = serializers.CharField()
    interval = serializers.CharField()
    currency = serializers.CharField()
    gateway = serializers.CharField()
    trial_ends_at = serializers.DateTimeField(allow_null=True)
    current_period_start = serializers.DateTimeField()
    current_period_end = serializers.DateTimeField()
    cancel_at_period_end = serializers.BooleanField()
    converted_at = serializers.DateTimeField(allow_null=True)
    past_due_since = serializers.DateTimeField(allow_null=True)
    credit_balance_amount = MoneyField(source="credit_balance", currency="currency")

    def get_plan_version_current(self, subscription: object) -> bool:
        version = subscription.plan_version  # type: ignore[attr-defined]
        return bool(version.plan.current_version_id == version.pk)


class SubscriptionEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    from_plan = serializers.CharField(source="from_version.plan.code", allow_null=True, default=None)
    from_plan_version = serializers.IntegerField(source="from_version.number", allow_null=True, default=None)
    to_plan = serializers.CharField(source="to_version.plan.code", allow_null=True, default=None)
    to_plan_version = serializers.IntegerField(source="to_version.number", allow_null=True, default=None)
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    proration_amount = MoneyField(
        source="amount",
        currency=lambda e: e.currency or "CNY",
        currency_label="currency",
        allow_null=True,
        help_text="Proration charged (+) or credited (-).",
    )
    currency = serializers.CharField()
    actor_email = serializers.CharField(source="actor.email", allow_null=True, default=None)
    # A declared field named like Field.source: DRF's metaclass takes it off the class.
    source = serializers.CharField()  # type: ignore[assignment]
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class CompanyDetailSerializer(serializers.Serializer):
    company = CompanyFleetSerializer()
    subscription = SubscriptionSerializer(allow_null=True)
    events = SubscriptionEventSerializer(many=True, help_text="The newest 100 events of the history.")
    events_count = serializers.IntegerField()
    usage = MeterUsageSerializer(many=True)
    invoices_count = serializers.IntegerField()


def _detail(company_id: int) -> dict:
    detail = selectors.company_detail(company_id=company_id)
    if detail is None:
        raise NotFound()
    usage = selectors.fleet_usage(companies=[detail.company])
    return CompanyDetailSerializer(detail, context={"usage": usage}).data


class CompanyDetailView(APIView):
    """One company for operators: its fleet row, subscription with history, usage, invoices count."""

    permission_classes = [IsOperator]

    @extend_schema(
        operation_id="console_company_get",
        responses={200: CompanyDetailSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, company_id: int) -> Response:
        return Response(_detail(company_id))


class CompanyChangePlanView(APIView):
    """Move a company to another plan (and interval) on the operator's word, with a reason (audited)."""

    permission_classes = [IsOperator]

    class InputSerializer(serializers.Serializer):
        plan_code = serializers.SlugField(max_length=30)
        interval = serializers.ChoiceField(choices=["month", "year"], required=False, allow_null=True)
        reason = serializers.CharField(max_length=services.REASON_MAX_LENGTH)

    @extend_schema(
        operation_id="console_company_change_plan",
        request=InputSerializer,
        responses={200: CompanyDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, company_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.company_change_plan(
            company_id=company_id,
            plan_code=data.validated_data["plan_code"],
            interval=data.validated_data.get("interval"),
            reason=data.validated_data["reason"],
            actor=request.user,  # type: ignore[arg-type]
            request=request._request,
        )
        return Response(_detail(company_id))


class CompanyExtendTrialView(APIView):
    """Give a trialing company more days of trial, with a reason (audited)."""

    permission_classes = [IsOperator]

    class InputSerializer(serializers.Serializer):
        days = serializers.IntegerField(min_value=1, max_value=services.TRIAL_EXTENSION_MAX_DAYS)
        reason = serializers.CharField(max_length=services.REASON_MAX_LENGTH)

    @extend_schema(
        operation_id="console_company_extend_trial",
        request=InputSerializer,
        responses={200: CompanyDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, company_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.company_extend_trial(
            company_id=company_id,
            days=data.validated_data["days"],
            reason=data.validated_data["reason"],
            actor=request.user,  # type: ignore[arg-type]
            request=request._request,
        )
        return Response(_detail(company_id))
