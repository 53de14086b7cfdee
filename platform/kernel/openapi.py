"""drf-spectacular customisation: component names for nested serializers, the session scheme with its
CSRF requirement, and the Idempotency-Key contract on every operation whose view method accepts it."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

IDEMPOTENCY_KEY_DESCRIPTION = (
    "Optional. A unique string (1 to 255 characters, e.g. a UUID) that makes this create safe to retry. "
    "The first request with a key runs and its 2xx response is stored in the same database transaction "
    "as its effect; a retry with the same key and the same body (for at least 24 hours) runs nothing and "
    "returns the stored response byte for byte, with `Idempotent-Replayed: true`. A request that fails "
    "(any non-2xx answer) stores nothing, so the key stays free for a corrected retry. Keys are scoped to "
    "the company host and to the caller (a member's session or an API key)."
)
IDEMPOTENCY_CONFLICT_DESCRIPTION = (
    "`idempotency_key_in_progress`: a request with the same Idempotency-Key is running right now; retry "
    "with the same key after the `Retry-After` seconds. `idempotency_key_reused`: the key was already used with another "
    "request (method, path or body); use a new key. Other codes: the operation's own conflicts."
)
REPLAYED_HEADER_DESCRIPTION = (
    "`true` when this response is the stored response of an earlier request with the same Idempotency-Key "
    "(nothing ran again). Absent otherwise."
)


def accepts_idempotency_key(view: Any, method: str) -> bool:
    """Whether the view's handler of ``method`` is decorated with kernel.idempotency.idempotent."""
    return bool(getattr(getattr(view, method.lower(), None), "idempotency_key", False))


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

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is not None and accepts_idempotency_key(self.view, self.method):
            self._declare_idempotency(operation)
        return operation

    def _declare_idempotency(self, operation: dict[str, Any]) -> None:
        from kernel.api import ProblemSerializer

        operation.setdefault("parameters", []).append(
            {
                "in": "header",
                "name": "Idempotency-Key",
                "required": False,
                "schema": {"type": "string", "minLength": 1, "maxLength": 255},
                "description": IDEMPOTENCY_KEY_DESCRIPTION,
            }
        )
        responses = operation["responses"]
        for status, response in responses.items():
            if str(status).startswith("2"):
                response.setdefault("headers", {})["Idempotent-Replayed"] = {
                    "schema": {"type": "string", "enum": ["true"]},
                    "description": REPLAYED_HEADER_DESCRIPTION,
                }
        problem = self.resolve_serializer(ProblemSerializer, "response").ref
        conflict = responses.setdefault(
            "409", {"content": {"application/problem+json": {"schema": problem}}, "description": ""}
        )
        conflict["description"] = IDEMPOTENCY_CONFLICT_DESCRIPTION


class SessionScheme(OpenApiAuthenticationExtension):
    """The web app's session: a cookie, plus the CSRF token header on every unsafe method."""

    target_class = "kernel.api.SessionAuthentication"
    name = ["session", "csrfToken"]

    def get_security_requirement(self, auto_schema: AutoSchema) -> dict[str, list[Any]]:
        if auto_schema.method in UNSAFE_METHODS:
            return {"session": [], "csrfToken": []}
        return {"session": []}

    def get_security_definition(self, auto_schema: AutoSchema) -> list[dict[str, str]]:
        return [
            {
                "type": "apiKey",
                "in": "cookie",
                "name": "hansa_session",
                "description": (
                    "The session of a signed-in member, set by signing in on this host (the web app's "
                    "way; sessions are per host). Every POST, PUT, PATCH and DELETE made with it must also "
                    "carry the CSRF token (scheme `csrfToken`); without it the answer is "
                    "`403 csrf_failed`. Integrations should use an API key instead."
                ),
            },
            {
                "type": "apiKey",
                "in": "header",
                "name": "X-CSRFToken",
                "description": (
                    "Required with the session cookie on unsafe methods (POST, PUT, PATCH, DELETE): the "
                    "value of the CSRF cookie that this host sets (signing in and loading the web app set it; `__Host-csrftoken` on "
                    "HTTPS, `csrftoken` in development), sent back in the `X-CSRFToken` header; on HTTPS "
                    "the `Referer` or `Origin` must be the same host. A missing or wrong token answers "
                    "`403` problem+json with code `csrf_failed`. Not needed with an API key."
                ),
            },
        ]


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
