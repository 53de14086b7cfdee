"""Operator console: a company's backups, a manual backup, a restore with a reason (public host, operators)."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from console.permissions import IsOperator
from kernel.api import PaginatedAPIView, problem_responses
from tenantdata import closure, selectors, services


class BackupSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    company_slug = serializers.CharField()
    kind = serializers.CharField(help_text="scheduled or manual")
    status = serializers.CharField(help_text="running, succeeded, failed or pruned (removed by retention)")
    size = serializers.IntegerField(help_text="Bytes of the encrypted archive")
    sha256 = serializers.CharField()
    tables = serializers.IntegerField()
    rows = serializers.IntegerField()
    error = serializers.CharField()
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)


class CompanyBackupsView(PaginatedAPIView, APIView):
    """A company's backups, newest first (also of a company whose row is gone), and a manual backup."""

    permission_classes = [IsOperator]

    @extend_schema(
        operation_id="console_company_backups_list",
        responses={200: BackupSerializer(many=True), **problem_responses(401, 403)},
    )
    def get(self, request: Request, company_id: int) -> Response:
        return self.paginated(request, selectors.backups_of_company(company_id=company_id), BackupSerializer)

    @extend_schema(
        operation_id="console_company_backup_start",
        request=None,
        responses={202: BackupSerializer, **problem_responses(401, 403, 404)},
    )
    def post(self, request: Request, company_id: int) -> Response:
        record = services.backup_start(company_id=company_id, actor=request.user, request=request._request)
        return Response(BackupSerializer(record).data, status=202)


class RestoreResultSerializer(serializers.Serializer):
    slug = serializers.CharField()
    schema_name = serializers.CharField()
    replaced = serializers.BooleanField(help_text="The company existed and was replaced by the archive")
    tables = serializers.IntegerField()
    rows = serializers.IntegerField()
    files = serializers.IntegerField()


class CompanyBackupRestoreView(APIView):
    """Restore a company from one of its backups, with a reason kept in the operator audit log."""

    permission_classes = [IsOperator]

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(
            max_length=services.REASON_MAX_LENGTH,
            help_text="Why the company is restored; kept in the operator audit log (required).",
        )

    @extend_schema(
        operation_id="console_company_backup_restore",
        request=InputSerializer,
        responses={200: RestoreResultSerializer, **problem_responses(400, 401, 403, 404, 409, 500)},
    )
    def post(self, request: Request, company_id: int, backup_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.backup_restore_recorded(
            backup_id=backup_id,
            company_id=company_id,
            reason=data.validated_data["reason"],
            actor=request.user,
            request=request._request,
        )
        return Response(RestoreResultSerializer(result).data)


class CompanyReopenView(APIView):
    """Reopen a company its owner closed, within the retention period, with a reason (audited)."""

    permission_classes = [IsOperator]

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(
            max_length=services.REASON_MAX_LENGTH,
            help_text="Why the company is reopened; kept in the operator audit log (required).",
        )

    class OutputSerializer(serializers.Serializer):
        slug = serializers.CharField()
        status = serializers.CharField()

    @extend_schema(
        operation_id="console_company_reopen",
        request=InputSerializer,
        responses={200: OutputSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, company_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        company = closure.company_reopen(
            company_id=company_id,
            reason=data.validated_data["reason"],
            actor=request.user,
            request=request._request,
        )
        return Response(self.OutputSerializer(company).data)


tenantdata_patterns = [
    path(
        "api/console/companies/<int:company_id>/reopen/",
        CompanyReopenView.as_view(),
        name="console-company-reopen",
    ),
    path(
        "api/console/companies/<int:company_id>/backups/",
        CompanyBackupsView.as_view(),
        name="console-company-backups",
    ),
    path(
        "api/console/companies/<int:company_id>/backups/<int:backup_id>/restore/",
        CompanyBackupRestoreView.as_view(),
        name="console-company-backup-restore",
    ),
]
