"""Operator console: a company's backups, a manual backup, a restore with a reason (public host, operators)."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from console.api import _query_choice
from console.permissions import IsOperator
from kernel.api import PaginatedAPIView, problem_responses
from kernel.errors import ValidationFailed
from tenantdata import closure, selectors, services
from tenantdata.models import BackupStatus

MAX_ID = 2**63 - 1


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
        responses={200: BackupSerializer(many=True), **problem_responses(400, 401, 403, 404)},
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


class BackupCompanySerializer(serializers.Serializer):
    id = serializers.IntegerField(
        source="company_id", help_text="The company's id (kept after its row is gone)"
    )
    exists = serializers.BooleanField(
        source="company_exists",
        help_text="false: the company's row no longer exists (deleted or erased); restore it from this backup",
    )


class PlatformBackupSerializer(BackupSerializer):
    company = BackupCompanySerializer(source="*")


class BackupsView(PaginatedAPIView, APIView):
    """Every company's backups, newest first, also of companies whose row is gone: the way to a deleted
    company's backups (its company page answers 404). Restore one with ``console_company_backup_restore``
    under ``company.id``."""

    permission_classes = [IsOperator]

    @extend_schema(
        operation_id="console_backups_list",
        parameters=[
            OpenApiParameter(
                "q",
                str,
                description="Part of the company's slug as recorded with the backup (case-insensitive)",
            ),
            OpenApiParameter(
                "status",
                str,
                enum=list(BackupStatus.values),
                description="Only backups in this status; anything else is a 400 validation_error",
            ),
            OpenApiParameter(
                "company_id",
                int,
                description="Only the backups of this company (a whole number; anything else is a 400 "
                "validation_error); also of a company whose row is gone",
            ),
            OpenApiParameter(
                "company_missing",
                str,
                enum=["true", "false"],
                description="true: only backups of companies whose row no longer exists (deleted or erased); "
                "false: only those of existing companies; anything else is a 400 validation_error",
            ),
        ],
        responses={200: PlatformBackupSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        q = (request.query_params.get("q") or "").strip()
        if len(q) > 100 or "\x00" in q:
            raise ValidationFailed(errors={"q": ["At most 100 characters."]})
        raw_company = request.query_params.get("company_id") or None
        if raw_company is not None and (not raw_company.isdigit() or int(raw_company) > MAX_ID):
            raise ValidationFailed(errors={"company_id": ["Enter a whole number."]})
        missing = _query_choice(request, "company_missing", ["true", "false"])
        rows = selectors.backups_list(
            q=q,
            status=_query_choice(request, "status", list(BackupStatus.values)),
            company_id=int(raw_company) if raw_company is not None else None,
            company_missing=None if missing is None else missing == "true",
        )
        return self.paginated(request, rows, PlatformBackupSerializer)


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
    path("api/console/backups/", BackupsView.as_view(), name="console-backups"),
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
