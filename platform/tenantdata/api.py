"""The company's own host: the owner's exports and the closure of the company."""

from __future__ import annotations

from django.http import FileResponse, HttpResponseBase
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from identity.api.access import actor_of
from kernel.api import PaginatedAPIView, problem_responses
from tenantdata import closure, services
from tenantdata.models import CompanyExport


class ExportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(help_text="pending, ready or failed")
    size = serializers.IntegerField(help_text="Bytes of the ZIP once ready")
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, export: CompanyExport) -> str | None:
        return f"/api/company/export/{export.pk}/download/" if export.status == "ready" else None


class CompanyExportsView(PaginatedAPIView, APIView):
    """The company's exports (newest first), and a new one: a ZIP of every table (JSON and CSV), its shared
    rows and its files, built in the background."""

    required_permission = "settings.manage"

    @extend_schema(
        operation_id="company_exports_list",
        responses={200: ExportSerializer(many=True), **problem_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        rows = CompanyExport.objects.filter(company_id=actor_of(request).company.pk).order_by(
            "-created_at", "-pk"
        )
        return self.paginated(request, rows, ExportSerializer)

    @extend_schema(
        operation_id="company_export_create",
        request=None,
        responses={202: ExportSerializer, **problem_responses(401, 403)},
    )
    def post(self, request: Request) -> Response:
        export = closure.export_request(actor=actor_of(request), request=request._request)
        return Response(ExportSerializer(export).data, status=202)


class _FileNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):  # type: ignore[no-untyped-def]
        return renderers[0], renderers[0].media_type


class CompanyExportDownloadView(APIView):
    """One export's ZIP, to the company's owners and admins only."""

    required_permission = "settings.manage"
    content_negotiation_class = _FileNegotiation

    @extend_schema(
        operation_id="company_export_download",
        responses={(200, "application/zip"): OpenApiTypes.BINARY, **problem_responses(401, 403, 404, 409)},
    )
    def get(self, request: Request, export_id: int) -> HttpResponseBase:
        _export, file = closure.export_file(actor=actor_of(request), export_id=export_id)
        return FileResponse(
            open(file, "rb"),
            content_type="application/zip",
            as_attachment=True,
            filename=file.name,
        )


class ClosureSerializer(serializers.Serializer):
    status = serializers.SerializerMethodField()
    reason = serializers.CharField()
    closed_at = serializers.DateTimeField()
    erase_after = serializers.DateTimeField(help_text="The data is erased after this moment unless reopened")

    def get_status(self, _closure: object) -> str:
        return "closed"


class CompanyCloseView(APIView):
    """Close the company: owners only, confirmed by typing its slug, with a reason. The data is kept for the
    retention period (an operator can reopen it), then erased."""

    required_permission = "settings.manage"

    class InputSerializer(serializers.Serializer):
        confirm_slug = serializers.CharField(max_length=40, help_text="The company's slug, typed to confirm")
        reason = serializers.CharField(max_length=services.REASON_MAX_LENGTH)

    @extend_schema(
        operation_id="company_close",
        request=InputSerializer,
        responses={200: ClosureSerializer, **problem_responses(400, 401, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        closed = closure.company_close(
            actor=actor_of(request),
            confirm_slug=data.validated_data["confirm_slug"],
            reason=data.validated_data["reason"],
            request=request._request,
        )
        return Response(ClosureSerializer(closed).data)


tenant_patterns = [
    path("api/company/export/", CompanyExportsView.as_view(), name="company-exports"),
    path(
        "api/company/export/<int:export_id>/download/",
        CompanyExportDownloadView.as_view(),
        name="company-export-download",
    ),
    path("api/company/close/", CompanyCloseView.as_view(), name="company-close"),
]
