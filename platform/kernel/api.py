"""DRF building blocks shared by every app: authentication, pagination, permission declarations."""

from __future__ import annotations

from typing import Any

from rest_framework import authentication, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from kernel.errors import ValidationFailed


class SessionAuthentication(authentication.SessionAuthentication):
    """Session authentication that answers 401 (not 403) to anonymous callers."""

    def authenticate_header(self, request: Request) -> str:
        return 'Session realm="hansa"'


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
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
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
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer"},
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details, as every error of this API is rendered."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    code = serializers.CharField()
    detail = serializers.CharField(required=False)
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()), required=False
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
