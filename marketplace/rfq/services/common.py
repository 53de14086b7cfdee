"""Row locks, the audit hook and file checks shared by the RFQ services."""

from __future__ import annotations

import os
from typing import Any

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import get_valid_filename

from identity.access import Actor
from identity.services import audit_record
from kernel.errors import NotFound, ValidationFailed
from marketplace.rfq.exceptions import RfqCancelled, RfqClosed
from marketplace.rfq.models import Rfq, RfqStatus
from marketplace.rfq.selectors import rfqs_visible_to_supplier

MAX_ATTACHMENTS = 10


def lock_buyer_rfq(*, actor: Actor, rfq_id: int) -> Rfq:
    """The actor's company's RFQ, locked ``FOR UPDATE``; another company's or a missing one: NotFound."""
    rfq = Rfq.objects.select_for_update().filter(pk=rfq_id, buyer=actor.company).first()
    if rfq is None:
        raise NotFound()
    return rfq


def lock_supplier_rfq(*, actor: Actor, rfq_id: int) -> Rfq:
    """An RFQ visible to the actor's company as a supplier, locked; NotFound when it is not visible.

    ``FOR NO KEY UPDATE``: quote writes on one RFQ are serialised with each other and with closing (which
    takes ``FOR UPDATE``), so no quote changes after the RFQ closed, and a quote being written when the
    deadline passes either commits before the close or is refused.
    """
    rfq = (
        rfqs_visible_to_supplier(company=actor.company)
        .filter(pk=rfq_id)
        .select_for_update(no_key=True, of=("self",))
        .first()
    )
    if rfq is None:
        raise NotFound()
    return rfq


def require_accepting(rfq: Rfq) -> None:
    """Raise unless ``rfq`` accepts quote changes right now (open and before its deadline)."""
    if rfq.status == RfqStatus.CANCELLED:
        raise RfqCancelled()
    if rfq.status != RfqStatus.OPEN or rfq.closing_at is None or rfq.closing_at <= timezone.now():
        raise RfqClosed()


def audit(
    *,
    actor: Actor,
    action: str,
    target_type: str,
    target_id: object,
    request: HttpRequest | None,
    after: dict[str, Any] | None = None,
    before: dict[str, Any] | None = None,
) -> None:
    audit_record(
        action=action,
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type=target_type,
        target_id=target_id,
        before=before,
        after=after,
    )


def clean_upload(upload: UploadedFile | None) -> tuple[UploadedFile, str]:
    """The upload and a safe file name for it; ValidationFailed when there is no file or it is empty."""
    if upload is None:
        raise ValidationFailed(errors={"file": ["Attach a file."]})
    if not upload.size:
        raise ValidationFailed(errors={"file": ["The file is empty."]})
    base = os.path.basename((upload.name or "").replace("\\", "/"))
    stem, ext = os.path.splitext(base)
    name = _valid_name(stem[:120]) + (_valid_name(ext[:20]) if ext else "")
    return upload, name if name.strip(".") else "file"


def _valid_name(part: str) -> str:
    try:
        return get_valid_filename(part)
    except SuspiciousFileOperation:  # a name that reduces to nothing (or to "." / "..")
        return ""
