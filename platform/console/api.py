"""Operator console API (public host, operators only): the tenant fleet."""

from __future__ import annotations

from django.db.models import Count, Q
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from console import services
from console.permissions import IsOperator
from identity.api.access import AUDIT_FILTERS, AuditEntrySerializer, audit_entries
from identity.models import AuditEntry
from kernel.api import problem_responses
from kernel.errors import NotFound, ValidationFailed
from tenants import selectors as tenant_selectors
from tenants.models import CompanyStatus


class CompanyFleetSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField()
    schema_name = serializers.CharField()
    country = serializers.CharField()
    currency = serializers.CharField(source="default_currency")
    status = serializers.CharField()
    members = serializers.IntegerField(source="active_members")
    created_at = serializers.DateTimeField()
    activated_at = serializers.DateTimeField(allow_null=True)


FLEET_STATUSES = [s.value for s in CompanyStatus if s != CompanyStatus.POOLED]


class FleetListView(generics.ListAPIView):
    """Companies on the platform (pooled schemas excluded), filterable by ``status``."""

    permission_classes = [IsOperator]
    serializer_class = CompanyFleetSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        status = self.request.query_params.get("status") or None
        if status is not None and status not in FLEET_STATUSES:
            raise ValidationFailed(errors={"status": [f"Use one of: {', '.join(FLEET_STATUSES)}."]})
        return tenant_selectors.company_list(status=status).annotate(
            active_members=Count("memberships", filter=Q(memberships__status="active"))
        )

    @extend_schema(
        operation_id="console_companies_list",
        parameters=[OpenApiParameter("status", str, enum=FLEET_STATUSES)],
        responses={200: CompanyFleetSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: object, **kwargs: object) -> Response:
        return super().get(request, *args, **kwargs)


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
        company.active_members = company.memberships.filter(status="active").count()  # type: ignore[attr-defined]
        return Response(CompanyFleetSerializer(company).data)


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
