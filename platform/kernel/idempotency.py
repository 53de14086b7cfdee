"""Idempotency-Key support for creating POSTs (the pattern Stripe documents).

Decorate an APIView method with :func:`idempotent`. With no header the view runs as usual. With a key, the
whole request runs in ONE database transaction that holds a transaction-scoped advisory lock on
(schema, caller, key):

- the lock is taken with ``pg_try_advisory_xact_lock``; when another request holds it the answer is
  ``409 idempotency_key_in_progress`` at once (retry later: the first request either commits its effect
  and its stored response together, or rolls back and leaves the key free);
- a stored record for the key with the same request replays its response: the same status, the same
  bytes, the same ``Location`` and ``Content-Type``, plus ``Idempotent-Replayed: true``; with another
  request (method, path or body) it is ``409 idempotency_key_reused``;
- otherwise the view runs; a 2xx answer is rendered with the renderer that renders it to the client and
  stored in the same transaction as the view's effect. An exception anywhere (the view, the rendering,
  the store) or a non-2xx answer rolls everything back: nothing happened and the key is free.

So every outcome is exactly one of: nothing happened and the key is free; it happened once and every
replay returns the same stored response. Keys are scoped to the schema and to the caller (a member, or
an API key) and kept at least :data:`RETENTION` (``idempotency_records_purge`` deletes older ones).
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.response import Response

from kernel.errors import Conflict, ValidationFailed
from kernel.models import IdempotencyRecord
from kernel.tenancy import current_schema

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
# How long a key's stored response is kept (and replayed) at least; older records are purged.
RETENTION = timedelta(hours=24)
MAX_KEY_LENGTH = 255
STORED_HEADERS = ("Location", "Content-Type")


class IdempotencyKeyReused(Conflict):
    code = "idempotency_key_reused"
    title = "This Idempotency-Key was already used with a different request"


class IdempotencyKeyInProgress(Conflict):
    code = "idempotency_key_in_progress"
    title = "A request with this Idempotency-Key is still being processed"


def _principal(request: Request) -> str:
    # An API key first: its request.user is authenticated but nobody's account (pk None).
    auth = getattr(request, "auth", None)
    if auth is not None and getattr(auth, "pk", None):
        return f"key:{auth.pk}"
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.pk is not None:
        return f"user:{user.pk}"
    return "anonymous"


def _canonical(data: Any) -> Any:
    """request.data as something JSON can hash: files by their content, form data as lists."""
    if isinstance(data, UploadedFile):
        digest = hashlib.sha256()
        for chunk in data.chunks():
            digest.update(chunk)
        data.seek(0)
        return {"file": data.name, "sha256": digest.hexdigest()}
    if hasattr(data, "lists"):  # QueryDict / MultiValueDict (multipart and form bodies)
        return {str(k): [_canonical(v) for v in values] for k, values in data.lists()}
    if isinstance(data, dict):
        return {str(k): _canonical(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_canonical(v) for v in data]
    return data


def _request_hash(request: Request) -> str:
    body = json.dumps(_canonical(request.data), sort_keys=True, default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def _lock_id(schema: str, principal: str, key: str) -> int:
    digest = hashlib.sha256(f"idempotency\n{schema}\n{principal}\n{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _try_lock(lock_id: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [lock_id])
        row = cursor.fetchone()
    return bool(row and row[0])


def _stored_response(record: IdempotencyRecord) -> HttpResponse:
    headers = dict(record.response_headers)
    content_type = headers.pop("Content-Type", None)
    response = HttpResponse(
        bytes(record.response_body), status=record.response_status, content_type=content_type
    )
    for header, value in headers.items():
        response[header] = value
    return response


def _render(view: Any, request: Request, response: Response) -> bytes:
    """The bytes the client gets, rendered exactly as DRF's finalize_response would render them."""
    response.accepted_renderer = request.accepted_renderer
    response.accepted_media_type = request.accepted_media_type
    response.renderer_context = view.get_renderer_context()  # type: ignore[attr-defined]
    body = response.rendered_content
    response.content = body  # marks the response rendered: the client gets these very bytes
    return bytes(body)


def _store(
    *,
    lookup: dict[str, str],
    request: Request,
    digest: str,
    status: int,
    body: bytes,
    headers: dict[str, str],
) -> IdempotencyRecord:
    return IdempotencyRecord.objects.create(
        **lookup,
        method=request.method or "POST",
        path=request.path[:500],
        request_hash=digest,
        response_status=status,
        response_body=body,
        response_headers=headers,
    )


def _run_once(
    view: Any, view_method: Callable[..., Response], request: Request, key: str, args: Any, kwargs: Any
) -> HttpResponse:
    lookup = {"schema_name": current_schema(), "principal": _principal(request), "key": key}
    digest = _request_hash(request)
    with transaction.atomic():
        if not _try_lock(_lock_id(lookup["schema_name"], lookup["principal"], key)):
            raise IdempotencyKeyInProgress(
                detail="Retry in a moment with the same key and body.", retry_after=1
            )
        existing = IdempotencyRecord.objects.filter(**lookup).first()
        if existing is not None:
            if existing.request_hash != digest:
                raise IdempotencyKeyReused(detail="Use a new key for a new request.")
            replay = _stored_response(existing)
            replay[REPLAYED_HEADER] = "true"
            return replay
        response = view_method(view, request, *args, **kwargs)
        if not 200 <= response.status_code < 300:
            transaction.set_rollback(True)
            return response
        body = _render(view, request, response) if isinstance(response, Response) else bytes(response.content)
        headers = {h: response[h] for h in STORED_HEADERS if h in response}
        _store(
            lookup=lookup,
            request=request,
            digest=digest,
            status=response.status_code,
            body=body,
            headers=headers,
        )
        return response


def idempotent(view_method: Callable[..., Response]) -> Callable[..., Response]:
    """Accept an ``Idempotency-Key`` header on this view method (see the module's docstring).

    The method is marked (``idempotency_key = True``), so that the OpenAPI documents declare the header,
    the 409 answers and the ``Idempotent-Replayed`` response header on its operation.
    """

    @functools.wraps(view_method)
    def wrapper(self: Any, request: Request, *args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER)
        if key is None:
            return view_method(self, request, *args, **kwargs)
        key = key.strip()
        if not 1 <= len(key) <= MAX_KEY_LENGTH:
            raise ValidationFailed(errors={HEADER: [f"Must be 1 to {MAX_KEY_LENGTH} characters."]})
        return _run_once(self, view_method, request, key, args, kwargs)

    wrapper.idempotency_key = True  # type: ignore[attr-defined]
    return wrapper


def idempotency_records_purge(*, older_than: timedelta = RETENTION) -> int:
    """Delete the records older than ``older_than`` (never less than :data:`RETENTION`); returns how many."""
    cutoff = timezone.now() - max(older_than, RETENTION)
    deleted, _ = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
