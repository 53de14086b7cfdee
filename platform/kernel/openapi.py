"""drf-spectacular customisation: component names for nested serializers, session auth scheme."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema


class HansaAutoSchema(AutoSchema):
    def _get_pagination_parameters(self) -> list[dict[str, Any]]:
        """A plain APIView that answers a page (``kernel.api.PaginatedAPIView``) takes ``page`` and
        ``page_size`` on GET like a ListAPIView (drf-spectacular sees only generic list views)."""
        from kernel.api import PaginatedAPIView

        if isinstance(self.view, PaginatedAPIView) and self.method == "GET":
            return list(self.view.pagination_class().get_schema_operation_parameters(self.view))
        return list(super()._get_pagination_parameters())

    def get_serializer_name(self, serializer: Any, direction: Any) -> str:
        """``SignupView.InputSerializer`` becomes ``SignupInput``: nested names stay unique."""
        qualname = type(serializer).__qualname__
        if "." in qualname:
            outer, inner = qualname.rsplit(".", 2)[-2:]
            outer = outer.removesuffix("View")
            inner = inner.removesuffix("Serializer")
            return f"{outer}{inner}"
        return super().get_serializer_name(serializer, direction)


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "kernel.api.SessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema: AutoSchema) -> dict[str, str]:
        return {"type": "apiKey", "in": "cookie", "name": "hansa_session"}


class DecimalKindSchema(OpenApiSerializerFieldExtension):
    """Decimal fields of the vocabulary declare their kind and scale (``x-kind``, ``x-scale``)."""

    target_class = "kernel.serializers.DecimalKindField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema: AutoSchema, direction: Any) -> dict[str, Any]:
        schema: dict[str, Any] = auto_schema._map_serializer_field(
            self.target, direction, bypass_extensions=True
        )
        field = self.target
        schema["x-kind"] = field.kind
        if field.kind == "money":
            schema["x-scale"] = "currency"
            if field.currency_label:
                schema["x-currency"] = field.currency_label
            schema["description"] = (
                schema.get("description", "") + " "
            ).lstrip() + "Amount in the currency's minor units (CNY 10200.00, JPY 10200)."
        else:
            schema["x-scale"] = field.scale
        return schema
