"""RFC 9457 problem+json errors with stable codes.

Services raise subclasses of DomainError. One DRF exception handler renders them, DRF's own exceptions
and Django's Http404/PermissionDenied as ``application/problem+json`` with a ``code`` that never changes
once published. Validation failures carry per-field messages under ``errors``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions as drf_exceptions
from rest_framework.response import Response

PROBLEM_CONTENT_TYPE = "application/problem+json"


class DomainError(Exception):
    code = "domain_error"
    status = 400
    title = "The request could not be carried out"

    def __init__(self, detail: str = "", *, errors: dict[str, list[str]] | None = None, **extra: Any) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.errors = errors
        self.extra = extra


class ValidationFailed(DomainError):
    code = "validation_error"
    status = 400
    title = "Some fields are not valid"


class NotFound(DomainError):
    code = "not_found"
    status = 404
    title = "Not found"


class Conflict(DomainError):
    code = "conflict"
    status = 409
    title = "The request conflicts with the current state"


class CsrfFailed(drf_exceptions.PermissionDenied):
    """An unsafe call made with a session but without a valid CSRF token (DRF's session authentication)."""

    default_code = "csrf_failed"
    default_detail = "The request's CSRF token is missing or wrong; reload the page and try again"


def problem_body(
    *,
    status: int,
    code: str,
    title: str,
    detail: str = "",
    errors: dict[str, list[str]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"https://hansa.dev/problems/{code}",
        "title": title,
        "status": status,
        "code": code,
    }
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    body.update(extra)
    return body


def problem_response(**kwargs: Any) -> Response:
    body = problem_body(**kwargs)
    return Response(body, status=body["status"], content_type=PROBLEM_CONTENT_TYPE)


def problem_json_response(**kwargs: Any) -> JsonResponse:
    body = problem_body(**kwargs)
    return JsonResponse(body, status=body["status"], content_type=PROBLEM_CONTENT_TYPE)


def _field_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Flatten DRF's nested ValidationError detail into {"field.sub": [messages]}."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if key == "non_field_errors":
                name = prefix or "__all__"
            for k, v in _field_errors(value, name).items():
                out.setdefault(k, []).extend(v)
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            out[prefix or "__all__"] = [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                for k, v in _field_errors(item, f"{prefix}.{index}" if prefix else str(index)).items():
                    out.setdefault(k, []).extend(v)
    else:
        out[prefix or "__all__"] = [str(detail)]
    return out


_DRF_CODES: dict[type[drf_exceptions.APIException], tuple[str, str]] = {
    # Before PermissionDenied, its base class: the first match wins.
    CsrfFailed: ("csrf_failed", CsrfFailed.default_detail),
    drf_exceptions.NotAuthenticated: ("not_authenticated", "Sign in to continue"),
    drf_exceptions.AuthenticationFailed: ("authentication_failed", "The credentials were not accepted"),
    drf_exceptions.PermissionDenied: ("permission_denied", "You do not have permission to do this"),
    drf_exceptions.NotFound: ("not_found", "Not found"),
    drf_exceptions.MethodNotAllowed: ("method_not_allowed", "This method is not allowed here"),
    drf_exceptions.NotAcceptable: ("not_acceptable", "The requested representation is not available"),
    drf_exceptions.UnsupportedMediaType: ("unsupported_media_type", "The body's media type is not supported"),
    drf_exceptions.Throttled: ("too_many_requests", "Too many requests"),
    drf_exceptions.ParseError: ("malformed_request", "The request body could not be parsed"),
}


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DomainError):
        response = problem_response(
            status=exc.status,
            code=exc.code,
            title=exc.title,
            detail=exc.detail,
            errors=exc.errors,
            **exc.extra,
        )
        if "retry_after" in exc.extra:
            response["Retry-After"] = str(exc.extra["retry_after"])
        return response
    if isinstance(exc, Http404):
        exc = drf_exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = drf_exceptions.PermissionDenied()
    if isinstance(exc, drf_exceptions.ValidationError):
        return problem_response(
            status=400,
            code="validation_error",
            title=ValidationFailed.title,
            errors=_field_errors(exc.detail),
        )
    # Imported here: rest_framework.views resolves the default authentication classes on import, and
    # those import this module.
    from rest_framework.views import exception_handler as drf_default_handler

    default = drf_default_handler(exc, context)
    if default is None or not isinstance(exc, drf_exceptions.APIException):
        return default
    code, title = next(
        ((c, t) for klass, (c, t) in _DRF_CODES.items() if isinstance(exc, klass)),
        (str(exc.default_code), str(exc.default_detail)),
    )
    detail = str(exc.detail) if not isinstance(exc.detail, dict | list) else ""
    problem = problem_response(
        status=default.status_code, code=code, title=title, detail=detail if detail != title else ""
    )
    for header in ("Retry-After", "WWW-Authenticate", "Allow"):
        if header in default:
            problem[header] = default[header]
    return problem


def api_not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return problem_json_response(status=404, code="not_found", title="Not found")


def api_server_error(request: HttpRequest) -> JsonResponse:
    return problem_json_response(status=500, code="server_error", title="Something went wrong on our side")


def csrf_failure(request: HttpRequest, reason: str = "") -> JsonResponse:
    """Django's CSRF refusal as problem+json (settings.CSRF_FAILURE_VIEW)."""
    return problem_json_response(
        status=403,
        code="csrf_failed",
        title=CsrfFailed.default_detail,
        detail=f"CSRF Failed: {reason}" if reason else "",
    )
