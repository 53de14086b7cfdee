"""Drafting RFQs: create, edit, attachments, and the buyer's screening preset."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from billing.meters import Feature
from billing.services.metering import feature_require, storage_record
from identity.access import Actor
from kernel.errors import NotFound, ValidationFailed
from kernel.iso import COUNTRIES, CURRENCIES
from marketplace.directory.models import Category
from marketplace.rfq.exceptions import RfqNotDraft, TooManyAttachments
from marketplace.rfq.models import Attachment, Rfq, RfqLine, RfqStatus, ScreeningPreset, Visibility
from marketplace.rfq.selectors import catalog, screening_preset_get
from marketplace.rfq.services.common import MAX_ATTACHMENTS, audit, clean_upload, lock_buyer_rfq

MAX_LINES = 200
MAX_CLOSING_AHEAD = timedelta(days=365)
MAX_DELIVERY_AHEAD = timedelta(days=3 * 365)
MAX_QUANTITY = Decimal("1e13")
MAX_TOP_N = 10_000
REGION_RE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
WEIGHT_FIELDS = ("weight_price", "weight_reputation", "weight_lead_time", "weight_verified")
HEADER_FIELDS = (
    "title",
    "reference",
    "description",
    "currency",
    "payment_terms",
    "delivery_date",
    "delivery_region",
    "closing_at",
    "visibility",
    "sealed",
    "top_n",
    *WEIGHT_FIELDS,
)


@dataclass
class LineInput:
    """One RFQ line as asked for: ``description`` and/or ``listing_id``, and a category unless the listing
    gives one."""

    quantity: Decimal
    unit: str
    category_code: str | None = None
    description: str = ""
    listing_id: int | None = None
    target_price: Decimal | None = None
    quality_standard: str = ""
    required_certifications: list[str] = field(default_factory=list)


Errors = dict[str, list[str]]


def add_error(errors: Errors, name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def check_header(values: dict[str, Any], *, now: datetime, errors: Errors, stored: Rfq | None = None) -> None:
    """Domain rules of the RFQ's own fields (those present in ``values``); adds to ``errors``.

    ``stored``: the draft being changed, whose dates the changed ones are compared with.
    """
    if "title" in values and not str(values["title"]).strip():
        add_error(errors, "title", "Enter a title.")
    if "currency" in values and values["currency"] not in CURRENCIES:
        add_error(errors, "currency", "Unknown currency: use an ISO 4217 code such as CNY, EUR or USD.")
    if "visibility" in values and values["visibility"] not in Visibility.values:
        add_error(errors, "visibility", "Use open or invited.")
    closing_at = values.get("closing_at")
    if closing_at is not None:
        if closing_at <= now:
            add_error(errors, "closing_at", "The closing time must be in the future.")
        elif closing_at > now + MAX_CLOSING_AHEAD:
            add_error(errors, "closing_at", "The closing time must be within a year.")
    delivery_date = values.get("delivery_date")
    if delivery_date is not None:
        if delivery_date < now.date():
            add_error(errors, "delivery_date", "The delivery date must not be in the past.")
        elif delivery_date > (now + MAX_DELIVERY_AHEAD).date():
            add_error(errors, "delivery_date", "The delivery date must be within three years.")
        elif (
            closes := closing_at or (stored.closing_at if stored else None)
        ) and delivery_date < closes.date():
            add_error(errors, "delivery_date", "The delivery date must not be before the closing time.")
    region = values.get("delivery_region")
    if region and (not REGION_RE.match(region) or region[:2] not in COUNTRIES):
        add_error(
            errors, "delivery_region", "Use an ISO 3166 country code, optionally with a subdivision (CN-JS)."
        )
    if "top_n" in values and not 1 <= int(values["top_n"]) <= MAX_TOP_N:
        add_error(errors, "top_n", f"Use a whole number from 1 to {MAX_TOP_N}.")
    for name in WEIGHT_FIELDS:
        if name in values and not 0 <= int(values[name]) <= 100:
            add_error(errors, name, "Use a whole number from 0 to 100.")
    weights = {n: int(values[n]) if n in values else getattr(stored, n, 1) for n in WEIGHT_FIELDS}
    if any(n in values for n in WEIGHT_FIELDS) and sum(weights.values()) == 0:
        add_error(errors, "weight_price", "At least one weight must be above 0.")
    stored_delivery = stored.delivery_date if stored and "delivery_date" not in values else None
    if closing_at is not None and stored_delivery is not None and stored_delivery < closing_at.date():
        add_error(errors, "closing_at", "The closing time must not be after the delivery date.")


def _certification_type(value: str) -> str:
    """The directory's canonical spelling ("iso9001" -> "ISO 9001"), so that matching compares like with like."""
    try:
        from marketplace.directory.services import certification_type_normalise
    except ImportError:  # the directory without its normaliser: collapse whitespace only
        return " ".join(value.split())
    return str(certification_type_normalise(value))


def resolve_lines(lines: list[LineInput], *, errors: Errors) -> list[dict[str, Any]]:
    """Check the lines and return the field values of their rows (category and listing resolved)."""
    if not lines:
        add_error(errors, "lines", "Add at least one line.")
        return []
    if len(lines) > MAX_LINES:
        add_error(errors, "lines", f"An RFQ has at most {MAX_LINES} lines.")
        return []
    codes = {line.category_code for line in lines if line.category_code}
    known = dict(Category.objects.filter(code__in=codes).values_list("code", "pk"))
    rows = []
    for index, line in enumerate(lines):
        prefix = f"lines.{index}"
        snapshot = None
        category_id = known.get(line.category_code) if line.category_code else None
        if line.listing_id is not None:
            snapshot = catalog.listing_snapshot(listing_id=line.listing_id)
            if snapshot is None:
                add_error(errors, f"{prefix}.listing_id", "No public catalog listing has this id.")
            elif not line.category_code:
                code = str(snapshot["category_code"])
                if code not in known:
                    known.update(Category.objects.filter(code=code).values_list("code", "pk"))
                category_id = known.get(code)
        elif not line.description.strip():
            add_error(errors, f"{prefix}.description", "Describe the item or link a catalog listing.")
        if not line.category_code:
            if line.listing_id is None:
                add_error(errors, f"{prefix}.category_code", "Choose a category.")
        elif category_id is None:
            add_error(errors, f"{prefix}.category_code", "Unknown category.")
        if line.quantity is None or line.quantity <= 0:
            add_error(errors, f"{prefix}.quantity", "The quantity must be greater than 0.")
        elif line.quantity >= MAX_QUANTITY:
            add_error(errors, f"{prefix}.quantity", "The quantity is too large.")
        if not line.unit.strip():
            add_error(errors, f"{prefix}.unit", "Enter a unit (pcs, kg, m ...).")
        if line.target_price is not None and line.target_price < 0:
            add_error(errors, f"{prefix}.target_price", "The target price must not be negative.")
        certs = [_certification_type(c) for c in line.required_certifications]
        if any(not c for c in certs):
            add_error(errors, f"{prefix}.required_certifications", "Certification types must not be blank.")
        if len(set(certs)) > 10:
            add_error(errors, f"{prefix}.required_certifications", "At most 10 certification types.")
        description = line.description.strip()
        if not description and snapshot is not None:
            # The listing's names stand for the item wherever the line is shown or mailed.
            description = " / ".join(n for n in (snapshot["name_en"], snapshot["name_zh"]) if n)
            description = f"{description} ({snapshot['sku']})" if description else str(snapshot["sku"])
        rows.append(
            {
                "position": index + 1,
                "description": description,
                "listing_id": line.listing_id,
                "listing_snapshot": snapshot,
                "category_id": category_id,
                "quantity": line.quantity,
                "unit": line.unit.strip(),
                "target_price": line.target_price,
                "quality_standard": line.quality_standard.strip(),
                "required_certifications": sorted(set(certs)),
            }
        )
    return rows


def _header_values(values: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in values.items() if k in HEADER_FIELDS}
    for name in ("title", "reference", "description", "payment_terms"):
        if name in out and isinstance(out[name], str):
            out[name] = out[name].strip()
    if out.get("delivery_region"):
        out["delivery_region"] = str(out["delivery_region"]).strip().upper()
    if "currency" in out and isinstance(out["currency"], str):
        out["currency"] = out["currency"].strip().upper()
    return out


@transaction.atomic
def rfq_create(
    *, actor: Actor, lines: list[LineInput], request: HttpRequest | None = None, **values: Any
) -> Rfq:
    """Create a draft RFQ with its lines; weights and top N default to the buyer's screening preset.

    ``values``: title and currency (required); reference, description, payment_terms, delivery_date,
    delivery_region, closing_at, visibility, sealed, top_n and the four weights (optional). Everything is
    checked before anything is written.

    Raises:
        PermissionMissing: actor lacks rfq.create.
        ValidationFailed: any field or line is invalid (closing time in the past, quantity <= 0, unknown
            category or currency ...); field errors name ``lines.<index>.<field>``.
        FeatureNotInPlan: ``sealed`` and the plan has no sealed RFQs (403 ``feature_not_in_plan``).
    """
    actor.require("rfq.create")
    now = timezone.now()
    header = _header_values(values)
    preset = screening_preset_get(company=actor.company)
    for name, default in {**preset.weights(), "top_n": preset.top_n}.items():
        header.setdefault(name, default)
    errors: Errors = {}
    for name in ("title", "currency"):
        if not header.get(name):
            add_error(errors, name, "This field is required.")
    check_header(header, now=now, errors=errors)
    rows = resolve_lines(lines, errors=errors)
    if errors:
        raise ValidationFailed(errors=errors)
    if header.get("sealed"):
        feature_require(company_id=actor.company.pk, feature=Feature.SEALED_RFQS)
    rfq = Rfq.objects.create(buyer=actor.company, created_by=actor.user, **header)
    RfqLine.objects.bulk_create([RfqLine(rfq=rfq, **row) for row in rows])
    audit(
        actor=actor,
        action="rfq.created",
        target_type="rfq",
        target_id=rfq.pk,
        request=request,
        after={"title": rfq.title, "lines": len(rows)},
    )
    return rfq


@transaction.atomic
def rfq_update(
    *,
    actor: Actor,
    rfq_id: int,
    lines: list[LineInput] | None = None,
    request: HttpRequest | None = None,
    **values: Any,
) -> Rfq:
    """Change a draft: the given fields, and all its lines when ``lines`` is given.

    Raises:
        PermissionMissing: actor lacks rfq.create.
        NotFound: not the company's RFQ.
        RfqNotDraft: the RFQ was published.
        ValidationFailed: as for rfq_create.
        FeatureNotInPlan: as for rfq_create (only when ``sealed`` is switched on).
    """
    actor.require("rfq.create")
    rfq = lock_buyer_rfq(actor=actor, rfq_id=rfq_id)
    if rfq.status != RfqStatus.DRAFT:
        raise RfqNotDraft()
    header = _header_values(values)
    errors: Errors = {}
    for name in ("title", "currency"):
        if name in header and not header[name]:
            add_error(errors, name, "This field is required.")
    check_header(header, now=timezone.now(), errors=errors, stored=rfq)
    rows = resolve_lines(lines, errors=errors) if lines is not None else None
    if errors:
        raise ValidationFailed(errors=errors)
    if header.get("sealed") and not rfq.sealed:
        feature_require(company_id=actor.company.pk, feature=Feature.SEALED_RFQS)
    for name, value in header.items():
        setattr(rfq, name, value)
    rfq.save()
    if rows is not None:
        rfq.lines.all().delete()
        RfqLine.objects.bulk_create([RfqLine(rfq=rfq, **row) for row in rows])
    audit(
        actor=actor,
        action="rfq.updated",
        target_type="rfq",
        target_id=rfq.pk,
        request=request,
        after={"fields": sorted(header), "lines_replaced": rows is not None},
    )
    return rfq


@transaction.atomic
def rfq_attachment_add(
    *, actor: Actor, rfq_id: int, upload: UploadedFile | None, request: HttpRequest | None = None
) -> Attachment:
    """Attach a file to a draft or open RFQ (stored under the buyer's prefix).

    Raises:
        NotFound: not the company's RFQ. RfqNotDraft: closed, awarded or cancelled.
        TooManyAttachments: already at the limit. ValidationFailed: no file, or an empty one.
        QuotaExceeded: the plan's storage is used up (402 ``quota_exceeded``; no file is stored).
    """
    actor.require("rfq.create")
    rfq = lock_buyer_rfq(actor=actor, rfq_id=rfq_id)
    if rfq.status not in (RfqStatus.DRAFT, RfqStatus.OPEN):
        raise RfqNotDraft(detail="Files can be attached to draft and open RFQs only.")
    upload, name = clean_upload(upload)
    if Attachment.objects.filter(rfq=rfq, quote__isnull=True).count() >= MAX_ATTACHMENTS:
        raise TooManyAttachments()
    attachment = Attachment(company=actor.company, rfq=rfq, filename=name, size=upload.size or 0)
    storage_record(company_id=actor.company.pk, size_bytes=attachment.size)
    attachment.file.save(name, upload, save=False)
    attachment.save()
    audit(
        actor=actor,
        action="rfq.attachment_added",
        target_type="rfq",
        target_id=rfq.pk,
        request=request,
        after={"attachment": attachment.pk, "filename": name},
    )
    return attachment


@transaction.atomic
def rfq_attachment_delete(
    *, actor: Actor, rfq_id: int, attachment_id: int, request: HttpRequest | None = None
) -> None:
    """Remove a file from a draft (the stored file goes after commit).

    Raises:
        NotFound: not the company's RFQ or attachment. RfqNotDraft: the RFQ was published.
    """
    actor.require("rfq.create")
    rfq = lock_buyer_rfq(actor=actor, rfq_id=rfq_id)
    attachment = Attachment.objects.filter(
        pk=attachment_id, rfq=rfq, quote__isnull=True, company=actor.company
    ).first()
    if attachment is None:
        raise NotFound()
    if rfq.status != RfqStatus.DRAFT:
        raise RfqNotDraft(detail="Files of a published RFQ stay with it.")
    delete_file_on_commit(attachment)
    storage_record(company_id=actor.company.pk, size_bytes=attachment.size, removed=True)
    attachment.delete()
    audit(
        actor=actor,
        action="rfq.attachment_deleted",
        target_type="rfq",
        target_id=rfq.pk,
        request=request,
        after={"attachment": attachment_id},
    )


def delete_file_on_commit(attachment: Attachment) -> None:
    storage, name = attachment.file.storage, attachment.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def screening_preset_update(
    *, actor: Actor, top_n: int, request: HttpRequest | None = None, **weights: int
) -> ScreeningPreset:
    """Save the company's default ranking weights and top N (used by RFQs created afterwards).

    Raises:
        PermissionMissing: actor lacks rfq.create. ValidationFailed: a weight outside 0..100, all weights
        0, or top N outside 1..10,000.
    """
    actor.require("rfq.create")
    errors: Errors = {}
    check_header({"top_n": top_n, **weights}, now=timezone.now(), errors=errors)
    if errors:
        raise ValidationFailed(errors=errors)
    preset, _ = ScreeningPreset.objects.select_for_update().get_or_create(company=actor.company)
    before = {**preset.weights(), "top_n": preset.top_n}
    for name, value in weights.items():
        setattr(preset, name, value)
    preset.top_n = top_n
    preset.save()
    audit(
        actor=actor,
        action="rfq.screening_preset_updated",
        target_type="screening_preset",
        target_id=preset.pk,
        request=request,
        before=before,
        after={**preset.weights(), "top_n": preset.top_n},
    )
    return preset
