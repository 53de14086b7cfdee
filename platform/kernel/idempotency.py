"""Idempotency-Key support for creating POSTs.

Decorate an APIView method with :func:`idempotent`. With no header the view runs as usual. With a key:
the first request runs and its successful (2xx) response is stored; a retry with the same key and
the same body gets that response again (with ``Idempotent-Replayed: true``) and nothing runs twice; the
same key with another body is ``409 idempotency_key_reused``; a retry while the first is still running
is ``409 idempotency_key_in_progress``. A refused request (4xx/5xx) stores nothing, so the caller
may correct it and retry under the same key. Keys are scoped to the schema and to the caller.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.response import Response

from kernel.errors import Conflict, ValidationFailed
from kernel.models import IdempotencyRecord
from kernel.tenancy import current_schema

ABANDONED_AFTER = timedelta(minutes=2)


class IdempotencyKeyReused(Conflict):
    code = "idempotency_key_reused"
    title = "This Idempotency-Key was already used with a different request"


class IdempotencyKeyInProgress(Conflict):
    code = "idempotency_key_in_progress"
    title = "A request with this Idempotency-Key is still being processed"


def _principal(request: Request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    auth = getattr(request, "auth", None)
    if auth is not None and getattr(auth, "pk", None):
        return f"key:{auth.pk}"
    return "anonymous"


def _request_hash(request: Request) -> str:
    try:
        body = json.dumps(request.data, sort_keys=True, default=str)
    except TypeError:
        body = repr(request.data)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def _claim(request: Request, key: str, digest: str) -> IdempotencyRecord | Response:
    """Insert the in-progress record, or return the stored replay of a finished one."""
    lookup = {"schema_name": current_schema(), "principal": _principal(request), "key": key}
    for _ in range(2):
        try:
            with transaction.atomic():
                return IdempotencyRecord.objects.create(
                    **lookup, method=request.method or "POST", path=request.path[:500], request_hash=digest
                )
        except IntegrityError:
            existing = IdempotencyRecord.objects.filter(**lookup).first()
            if existing is None:
                continue
            if existing.request_hash != digest:
                raise IdempotencyKeyReused(detail="Use a new key for a new request.") from None
            if existing.response_status is None:
                if timezone.now() - existing.created_at < ABANDONED_AFTER:
                    raise IdempotencyKeyInProgress() from None
                existing.delete()
                continue
            replay = Response(existing.response_body, status=existing.response_status)
            for header, value in existing.response_headers.items():
                replay[header] = value
            replay["Idempotent-Replayed"] = "true"
            return replay
    raise IdempotencyKeyInProgress()


def idempotent(view_method: Callable[..., Response]) -> Callable[..., Response]:
    @functools.wraps(view_method)
    def wrapper(self: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return view_method(self, request, *args, **kwargs)
        key = key.strip()
        if not 1 <= len(key) <= 255:
            raise ValidationFailed(errors={"Idempotency-Key": ["Must be 1 to 255 characters."]})
        claimed = _claim(request, key, _request_hash(request))
        if isinstance(claimed, Response):
            return claimed
        record = claimed
        try:
            response = view_method(self, request, *args, **kwargs)
        except Exception:
            record.delete()
            raise
        if not 200 <= response.status_code < 300:
            record.delete()
            return response
        record.response_status = response.status_code
        record.response_body = response.data
        record.response_headers = {h: response[h] for h in ("Location", "Content-Type") if h in response}
        record.save(update_fields=["response_status", "response_body", "response_headers"])
        return response

    return wrapper
