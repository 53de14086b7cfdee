"""Suppliers' quotes: create, revise (until closing), withdraw, attachments.

Every write locks the RFQ row (``lock_supplier_rfq``) and checks the deadline after taking the lock, so
a quote either commits before the RFQ closes or is refused with ``409 rfq_closed``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from billing.services.metering import storage_record
from identity.access import Actor
from kernel.errors import NotFound, ValidationFailed
from marketplace.rfq.exceptions import QuoteExists, TooManyAttachments
from marketplace.rfq.models import Attachment, Quote, QuoteLine, QuoteStatus, Rfq
from marketplace.rfq.services.common import (
    MAX_ATTACHMENTS,
    audit,
    clean_upload,
    lock_supplier_rfq,
    require_accepting,
)
from marketplace.rfq.services.drafts import MAX_QUANTITY, Errors, add_error, delete_file_on_commit

MAX_CUSTOM_FIELDS = 20
HUNDRED = Decimal(100)


@dataclass
class QuoteLineInput:
    rfq_line_id: int
    unit_price: Decimal
    quantity_offered: Decimal
    lead_time_days: int
    discount_percent: Decimal = Decimal(0)
    freight_amount: Decimal = Decimal(0)
    tax_rate: Decimal = Decimal(0)
    warranty_months: int | None = None
    min_order_quantity: Decimal | None = None
    notes: str = ""


@dataclass
class QuoteInput:
    """A whole quote as the supplier sends it (create and revise replace everything)."""

    lines: list[QuoteLineInput]
    status: str = QuoteStatus.SUBMITTED
    supplier_reference: str = ""
    valid_until: date | None = None
    delivery_date: date | None = None
    payment_terms: str = ""
    terms: str = ""
    notes: str = ""
    min_order_value: Decimal | None = None
    custom_fields: dict[str, str] = field(default_factory=dict)


def _check(rfq: Rfq, data: QuoteInput) -> list[dict[str, Any]]:
    errors: Errors = {}
    if data.status not in (QuoteStatus.DRAFT, QuoteStatus.SUBMITTED):
        add_error(errors, "status", "Use draft or submitted.")
    line_ids = set(rfq.lines.values_list("pk", flat=True))
    if not data.lines:
        add_error(errors, "lines", "Quote at least one line.")
    seen: set[int] = set()
    rows = []
    for index, line in enumerate(data.lines):
        prefix = f"lines.{index}"
        if line.rfq_line_id not in line_ids:
            add_error(errors, f"{prefix}.rfq_line_id", "Not a line of this RFQ.")
        elif line.rfq_line_id in seen:
            add_error(errors, f"{prefix}.rfq_line_id", "This line is quoted twice.")
        seen.add(line.rfq_line_id)
        if line.unit_price < 0:
            add_error(errors, f"{prefix}.unit_price", "The price must not be negative.")
        if not 0 < line.quantity_offered < MAX_QUANTITY:
            add_error(errors, f"{prefix}.offered_quantity", "The quantity must be greater than 0.")
        if not 0 <= line.lead_time_days <= 3650:
            add_error(errors, f"{prefix}.lead_time_days", "Use 0 to 3650 days.")
        for name in ("discount_percent", "tax_rate"):
            if not 0 <= getattr(line, name) <= HUNDRED:
                add_error(errors, f"{prefix}.{name}", "Use 0 to 100.")
        if line.freight_amount < 0:
            add_error(errors, f"{prefix}.freight_amount", "Freight must not be negative.")
        if line.min_order_quantity is not None and line.min_order_quantity <= 0:
            add_error(
                errors, f"{prefix}.min_order_quantity", "The minimum order quantity must be greater than 0."
            )
        rows.append({**line.__dict__, "notes": line.notes.strip()})
    if data.min_order_value is not None and data.min_order_value < 0:
        add_error(errors, "min_order_value", "Must not be negative.")
    if len(data.custom_fields) > MAX_CUSTOM_FIELDS:
        add_error(errors, "custom_fields", f"At most {MAX_CUSTOM_FIELDS} fields.")
    for key, value in data.custom_fields.items():
        if (
            not key.strip()
            or len(key) > 60
            or "\x00" in key
            or not isinstance(value, str)
            or len(value) > 500
        ):
            add_error(errors, "custom_fields", "Names of 1 to 60 characters, values of at most 500.")
            break
    today = timezone.now().date()
    if data.valid_until is not None and data.valid_until < today:
        add_error(errors, "valid_until", "The validity date must not be in the past.")
    if data.status == QuoteStatus.SUBMITTED:
        if data.valid_until is None:
            add_error(errors, "valid_until", "Say until when the quote is valid.")
        elif rfq.closing_at and data.valid_until < rfq.closing_at.date():
            add_error(errors, "valid_until", "The quote must stay valid at least until the RFQ closes.")
    if data.delivery_date is not None and data.delivery_date < today:
        add_error(errors, "delivery_date", "The delivery date must not be in the past.")
    if errors:
        raise ValidationFailed(errors=errors)
    return rows


def _write(quote: Quote, data: QuoteInput, rows: list[dict[str, Any]]) -> None:
    now = timezone.now()
    quote.status = data.status
    quote.supplier_reference = data.supplier_reference.strip()
    quote.valid_until = data.valid_until
    quote.delivery_date = data.delivery_date
    quote.payment_terms = data.payment_terms.strip()
    quote.terms = data.terms
    quote.notes = data.notes
    quote.min_order_value = data.min_order_value
    quote.custom_fields = {k.strip(): v for k, v in data.custom_fields.items()}
    if data.status == QuoteStatus.SUBMITTED:
        quote.submitted_at = now
    quote.save()
    quote.lines.all().delete()
    QuoteLine.objects.bulk_create([QuoteLine(quote=quote, **row) for row in rows])


def _audit_quote(actor: Actor, quote: Quote, action: str, request: HttpRequest | None) -> None:
    audit(
        actor=actor,
        action=action,
        target_type="quote",
        target_id=quote.pk,
        request=request,
        after={"rfq_id": quote.rfq_id, "status": quote.status, "revision": quote.revision},
    )


@transaction.atomic
def quote_create(*, actor: Actor, rfq_id: int, data: QuoteInput, request: HttpRequest | None = None) -> Quote:
    """Make the company's quote on an RFQ it can see; ``data.status`` submitted (default) or draft.

    Raises:
        PermissionMissing: actor lacks rfq.quote.
        NotFound: the RFQ is not visible to the company (an invited-only RFQ it is not invited to).
        RfqClosed: past the deadline. RfqCancelled: cancelled.
        QuoteExists: the company already has an active quote (revise it).
        ValidationFailed: a line not of this RFQ, quantity <= 0, missing validity date on submitting ...
    """
    actor.require("rfq.quote")
    rfq = lock_supplier_rfq(actor=actor, rfq_id=rfq_id)
    require_accepting(rfq)
    if Quote.objects.filter(rfq=rfq, supplier=actor.company).exclude(status=QuoteStatus.WITHDRAWN).exists():
        raise QuoteExists()
    rows = _check(rfq, data)
    try:
        with transaction.atomic():
            quote = Quote(rfq=rfq, supplier=actor.company, created_by=actor.user, revision=1)
            _write(quote, data, rows)
    except IntegrityError:
        raise QuoteExists() from None
    _audit_quote(actor, quote, "quote.created", request)
    return quote


def _lock_active_quote(actor: Actor, rfq: Rfq) -> Quote:
    quote = (
        Quote.objects.select_for_update()
        .filter(rfq=rfq, supplier=actor.company)
        .exclude(status=QuoteStatus.WITHDRAWN)
        .first()
    )
    if quote is None:
        raise NotFound(detail="Your company has no active quote on this RFQ.")
    return quote


@transaction.atomic
def quote_revise(*, actor: Actor, rfq_id: int, data: QuoteInput, request: HttpRequest | None = None) -> Quote:
    """Replace the company's active quote (fields and lines); the revision number goes up by one.

    ``data.status`` draft takes a submitted quote back to draft (the buyer no longer counts it).

    Raises:
        PermissionMissing, NotFound (no visible RFQ or no active quote), RfqClosed, RfqCancelled,
        ValidationFailed: as for quote_create.
    """
    actor.require("rfq.quote")
    rfq = lock_supplier_rfq(actor=actor, rfq_id=rfq_id)
    require_accepting(rfq)
    quote = _lock_active_quote(actor, rfq)
    rows = _check(rfq, data)
    quote.revision += 1
    _write(quote, data, rows)
    _audit_quote(actor, quote, "quote.revised", request)
    return quote


@transaction.atomic
def quote_withdraw(*, actor: Actor, rfq_id: int, request: HttpRequest | None = None) -> Quote:
    """Withdraw the company's active quote before closing; it may quote again afterwards.

    Raises:
        PermissionMissing, NotFound (no visible RFQ or no active quote), RfqClosed, RfqCancelled.
    """
    actor.require("rfq.quote")
    rfq = lock_supplier_rfq(actor=actor, rfq_id=rfq_id)
    require_accepting(rfq)
    quote = _lock_active_quote(actor, rfq)
    quote.status = QuoteStatus.WITHDRAWN
    quote.withdrawn_at = timezone.now()
    quote.save(update_fields=["status", "withdrawn_at", "updated_at"])
    _audit_quote(actor, quote, "quote.withdrawn", request)
    return quote


@transaction.atomic
def quote_attachment_add(
    *, actor: Actor, rfq_id: int, upload: UploadedFile | None, request: HttpRequest | None = None
) -> Attachment:
    """Attach a file to the company's active quote (stored under the supplier's prefix).

    Raises:
        PermissionMissing, NotFound (no visible RFQ or no active quote), RfqClosed, RfqCancelled,
        TooManyAttachments, ValidationFailed (no file, or an empty one).
    """
    actor.require("rfq.quote")
    rfq = lock_supplier_rfq(actor=actor, rfq_id=rfq_id)
    require_accepting(rfq)
    quote = _lock_active_quote(actor, rfq)
    upload, name = clean_upload(upload)
    if quote.attachments.count() >= MAX_ATTACHMENTS:
        raise TooManyAttachments()
    attachment = Attachment(company=actor.company, rfq=rfq, quote=quote, filename=name, size=upload.size or 0)
    storage_record(company_id=actor.company.pk, size_bytes=attachment.size)
    attachment.file.save(name, upload, save=False)
    attachment.save()
    _audit_quote(actor, quote, "quote.attachment_added", request)
    return attachment


@transaction.atomic
def quote_attachment_delete(
    *, actor: Actor, rfq_id: int, attachment_id: int, request: HttpRequest | None = None
) -> None:
    """Remove a file from the company's active quote before closing.

    Raises:
        PermissionMissing, NotFound, RfqClosed, RfqCancelled.
    """
    actor.require("rfq.quote")
    rfq = lock_supplier_rfq(actor=actor, rfq_id=rfq_id)
    quote = _lock_active_quote(actor, rfq)
    attachment = Attachment.objects.filter(pk=attachment_id, quote=quote, company=actor.company).first()
    if attachment is None:
        raise NotFound()
    require_accepting(rfq)
    delete_file_on_commit(attachment)
    storage_record(company_id=actor.company.pk, size_bytes=attachment.size, removed=True)
    attachment.delete()
    _audit_quote(actor, quote, "quote.attachment_deleted", request)
