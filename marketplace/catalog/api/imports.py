"""Catalog imports on the company's host: upload (dry run), progress, confirm."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.api import problem_responses
from kernel.idempotency import idempotent
from marketplace.catalog import selectors, services
from marketplace.catalog.models import ImportFormat, ImportJob, ImportState
from marketplace.directory.api import UPLOAD_PARSERS, UPLOAD_REQUEST, actor_of
from marketplace.directory.uploads import upload_from_request

MAX_IMPORT_BYTES = 20 * 1024 * 1024


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="As the spreadsheet numbers it: the first data row is 2")
    column = serializers.CharField()
    message = serializers.CharField()


class ImportJobSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    file_name = serializers.CharField()
    format = serializers.ChoiceField(choices=ImportFormat.choices)
    state = serializers.ChoiceField(choices=ImportState.choices)
    run_in_background = serializers.BooleanField()
    total_rows = serializers.IntegerField()
    rows_done = serializers.IntegerField(help_text="Rows checked (dry run) or imported so far")
    valid_rows = serializers.IntegerField()
    error_count = serializers.IntegerField()
    errors = RowErrorSerializer(many=True, help_text="The first 1000 errors")  # type: ignore[assignment]
    only_valid = serializers.BooleanField()
    created_count = serializers.IntegerField()
    updated_count = serializers.IntegerField()
    skipped_count = serializers.IntegerField()
    failure = serializers.CharField()
    created_by = serializers.CharField(source="created_by_label")
    created_at = serializers.DateTimeField()
    validated_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)


class ImportListCreateView(generics.ListAPIView):
    """Catalog files uploaded by the company, newest first; POST uploads one and starts its dry run."""

    required_permission = "company.view"
    serializer_class = ImportJobSerializer
    parser_classes = UPLOAD_PARSERS

    def get_queryset(self) -> QuerySet[ImportJob]:
        return selectors.import_job_list(company=actor_of(self.request).company)

    @extend_schema(
        operation_id="catalog_imports_list",
        responses={200: ImportJobSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="catalog_imports_create",
        description=(
            "Upload a .csv or .xlsx file with the catalog columns. A wrong header or an unreadable file is "
            "refused at once (400, nothing stored). Otherwise the rows are checked (dry run): in the "
            "request for small files (state `validated` in the answer), else in the background (poll the "
            "job). Nothing is imported until the import is confirmed."
        ),
        request=UPLOAD_REQUEST,
        responses={201: ImportJobSerializer, **problem_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        job = services.import_create(
            actor=actor_of(request),
            upload=upload_from_request(request, max_bytes=MAX_IMPORT_BYTES),
            request=request._request,
        )
        return Response(ImportJobSerializer(job).data, status=status.HTTP_201_CREATED)


class ImportDetailView(APIView):
    """One import: its state and progress (the web app polls this), and the dry run's row errors."""

    required_permission = "company.view"

    @extend_schema(
        operation_id="catalog_imports_get",
        responses={200: ImportJobSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, job_id: int) -> Response:
        job = selectors.import_job_get(company=actor_of(request).company, job_id=job_id)
        return Response(ImportJobSerializer(job).data)


class ImportApplyView(APIView):
    """Import a checked file: every row, or with ``only_valid`` just the rows without errors."""

    required_permission = "company.view"

    class InputSerializer(serializers.Serializer):
        only_valid = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        operation_id="catalog_imports_apply",
        request=InputSerializer,
        responses={200: ImportJobSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, job_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.import_apply(
            actor=actor_of(request),
            job_id=job_id,
            only_valid=data.validated_data["only_valid"],
            request=request._request,
        )
        return Response(ImportJobSerializer(job).data)
