"""DRF building blocks shared by every app: authentication, pagination, permission declarations."""

from __future__ import annotations

from typing import Any

from rest_framework import authentication, exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from kernel.errors import CsrfFailed, ValidationFailed


class SessionAuthentication(authentication.SessionAuthentication):
    """Session authentication that answers 401 (not 403) to anonymous callers, and ``403 csrf_failed``
    (not ``permission_denied``) to an unsafe call without a valid CSRF token."""

    def authenticate_header(self, request: Request) -> str:
        return 'Session realm="hansa"'

    def enforce_csrf(self, request: Request) -> None:
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied as exc:
            raise CsrfFailed(detail=str(exc.detail)) from None


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request: Any) -> int:
        """A page_size outside 1..max_page_size is refused (DRF would silently clamp or ignore it)."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return int(self.page_size or 50)
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationFailed(
                errors={self.page_size_query_param: [f"Use a whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_query_param:
                parameter["description"] = "The page to return, from 1 (the default); past the last: 404."
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["description"] = (
                    f"Items per page, 1 to {self.max_page_size} (default 50); anything else is a 400 "
                    "validation_error."
                )
        return parameters

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None
        return Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "description": (
                "One page of the list: `results` holds up to `page_size` items (default 50, at most "
                f"{self.max_page_size}); follow `next` until it is null to read the whole list."
            ),
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer", "description": "How many items the whole list has."},
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The URL of the next page, null on the last page.",
                },
                "previous": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The URL of the previous page, null on the first page.",
                },
                "results": schema,
            },
        }


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details (``application/problem+json``), as every error of this API is rendered.

    React to ``code``: it is stable once published; ``title`` and ``detail`` are for people and may change.
    """

    type = serializers.CharField(help_text="A URI naming the problem: `https://hansa.dev/problems/<code>`.")
    title = serializers.CharField(help_text="A short, human-readable summary of the problem's kind.")
    status = serializers.IntegerField(help_text="The HTTP status code, repeated.")
    code = serializers.CharField(
        help_text=(
            "The stable, machine-readable reason, e.g. `validation_error`, `not_found`, `not_authenticated`, "
            "`permission_denied`, `csrf_failed`, `idempotency_key_in_progress`, `idempotency_key_reused`."
        )
    )
    detail = serializers.CharField(
        required=False, help_text="What went wrong with this request, for a person to read."
    )
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=(
            "With `validation_error`: messages per field; nested fields are dotted (`lines.0.quantity`), "
            "errors of the whole body are under `__all__`."
        ),
    )


def problem_responses(*statuses: int) -> dict[Any, Any]:
    """OpenAPI responses (``application/problem+json``) for the error statuses an operation can answer with."""
    return {(status, "application/problem+json"): ProblemSerializer for status in statuses}


class PaginatedAPIView:
    """Mixin for an ``APIView`` whose GET answers a list: the page envelope (``count``, ``next``,
    ``previous``, ``results``) and its OpenAPI schema, as ``ListAPIView`` gives them."""

    pagination_class = Pagination

    def paginated(self, request: Request, rows: Any, serializer_class: Any, **kwargs: Any) -> Response:
        paginator = self.pagination_class()
        page: Any = paginator.paginate_queryset(rows, request, view=self)  # type: ignore[arg-type]
        return paginator.get_paginated_response(serializer_class(page, many=True, **kwargs).data)
