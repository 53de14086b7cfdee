"""Where uploaded marketplace files live: under a per-company prefix of MEDIA_ROOT.

``companies/<schema name>/<kind>/<random>.<ext>``: the schema name is opaque, the file name random, so
a path says nothing about the company and cannot be guessed; a company's files can be listed, backed up
or removed with its prefix.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath
from typing import Any

ALLOWED_SUFFIX_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789")


def company_prefix(company: Any) -> str:
    return f"companies/{company.schema_name}"


def company_file_path(company: Any, kind: str, filename: str) -> str:
    suffix = PurePosixPath(filename or "").suffix.lower().lstrip(".")
    if not suffix or len(suffix) > 8 or not set(suffix) <= ALLOWED_SUFFIX_CHARS:
        suffix = "bin"
    return f"{company_prefix(company)}/{kind}/{uuid.uuid4().hex}.{suffix}"


def certification_document_path(instance: Any, filename: str) -> str:
    return company_file_path(instance.supplier.company, "certifications", filename)


# Reading an upload from a request: multipart/form-data (``file``) or JSON (``file_name`` and
# ``content_base64``), so that JSON-only API clients can upload too.

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def upload_from_request(request: Any, *, max_bytes: int = MAX_UPLOAD_BYTES) -> Any:
    """The uploaded file of ``request`` as a Django ``UploadedFile``.

    Raises:
        ValidationFailed: no file, an empty or oversize one, or malformed base64.
    """
    import base64
    import binascii

    from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile

    from kernel.errors import ValidationFailed

    data = request.data
    upload = data.get("file") if hasattr(data, "get") else None
    if not isinstance(upload, UploadedFile):
        raw = data.get("content_base64") if hasattr(data, "get") else None
        name = data.get("file_name") if hasattr(data, "get") else None
        if not isinstance(raw, str) or not raw:
            raise ValidationFailed(
                errors={"file": ["Send a file (multipart field `file`, or JSON `content_base64`)."]}
            )
        if not isinstance(name, str) or not name.strip() or len(name) > 200:
            raise ValidationFailed(errors={"file_name": ["Give the file's name (at most 200 characters)."]})
        try:
            content = base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationFailed(errors={"content_base64": ["This is not valid base64."]}) from None
        upload = SimpleUploadedFile(name.strip(), content)
    if upload.size is None or upload.size == 0:
        raise ValidationFailed(errors={"file": ["The file is empty."]})
    upload.name = clean_file_name(upload.name or "")
    if upload.size > max_bytes:
        raise ValidationFailed(errors={"file": [f"The file is larger than {max_bytes} bytes."]})
    return upload


def clean_file_name(name: str) -> str:
    """The last path component of ``name`` without control characters, at most 200 characters."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip()
    return cleaned[-200:] or "upload"


def sniff_content_type(head: bytes) -> str | None:
    """The content type of a PDF, PNG, JPEG, GIF or WebP file from its first bytes (None otherwise)."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None
