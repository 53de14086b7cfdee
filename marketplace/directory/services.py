"""Writes of the supplier directory: profiles, certifications, the operator's verified badge."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from billing.meters import Meter
from billing.services.metering import storage_record, storage_units, usage_record
from identity.access import Actor
from identity.models import Membership, MembershipStatus, User
from identity.roles import permissions_for
from identity.services import audit_record
from kernel.errors import ValidationFailed
from marketplace.directory import selectors
from marketplace.directory.exceptions import FileInvalid, SupplierNotFound
from marketplace.directory.fulltext import segment_for_index, vector_sql
from marketplace.directory.models import (
    EXPIRY_WARNING_DAYS,
    Certification,
    CompanyRole,
    SupplierProfile,
)
from marketplace.directory.regions import MAX_REGIONS, region_keys, region_normalise
from marketplace.directory.uploads import sniff_content_type

# Certification types buyers filter by, in their usual spelling; others are accepted as written.
KNOWN_CERTIFICATION_TYPES = (
    "ISO 9001",
    "ISO 14001",
    "ISO 45001",
    "IATF 16949",
    "ISO 22000",
    "FSSC 22000",
    "HACCP",
    "BRCGS",
    "CE",
    "UL",
    "CCC",
    "RoHS",
    "REACH",
    "OEKO-TEX",
    "GOTS",
    "FSC",
    "API 5L",
    "PED",
)
_KNOWN = {re.sub(r"[\s\-_]", "", t).upper(): t for t in KNOWN_CERTIFICATION_TYPES}
DOCUMENT_TYPES = ("application/pdf", "image/png", "image/jpeg")


def certification_type_normalise(value: str) -> str:
    """The canonical spelling of a certification type ("iso9001" -> "ISO 9001")."""
    compact = " ".join((value or "").split())
    return _KNOWN.get(re.sub(r"[\s\-_]", "", compact).upper(), compact)


# Profiles -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileInput:
    role: str = CompanyRole.BOTH
    display_name_en: str = ""
    display_name_zh: str = ""
    description_en: str = ""
    description_zh: str = ""
    category_codes: list[str] = field(default_factory=list)
    regions_served: list[str] = field(default_factory=list)
    capacity_note: str = ""
    min_order_note: str = ""
    is_listed: bool = True


def _validated_profile(data: ProfileInput) -> tuple[ProfileInput, list[Any]]:
    errors: dict[str, list[str]] = {}
    if data.role not in CompanyRole.values:
        errors["role"] = [f"Use one of: {', '.join(CompanyRole.values)}."]
    if not data.display_name_en.strip() and not data.display_name_zh.strip():
        errors["display_name_en"] = ["Give a display name in English or in Chinese."]
    codes = sorted(set(data.category_codes))
    categories = selectors.categories_by_code(codes=codes)
    unknown = [c for c in codes if c not in categories]
    if unknown:
        errors["category_codes"] = [f"Unknown category code(s): {', '.join(unknown)}."]
    regions: list[str] = []
    for raw in data.regions_served:
        region = region_normalise(raw)
        if region is None:
            errors.setdefault("regions_served", []).append(
                f"{raw!r} is not an ISO 3166-1 country code (optionally with a subdivision, like CN-JS)."
            )
        elif region not in regions:
            regions.append(region)
    if len(regions) > MAX_REGIONS:
        errors["regions_served"] = [f"At most {MAX_REGIONS} regions."]
    if errors:
        raise ValidationFailed(errors=errors)
    cleaned = ProfileInput(
        role=data.role,
        display_name_en=data.display_name_en.strip(),
        display_name_zh=data.display_name_zh.strip(),
        description_en=data.description_en.strip(),
        description_zh=data.description_zh.strip(),
        category_codes=codes,
        regions_served=sorted(regions),
        capacity_note=data.capacity_note.strip(),
        min_order_note=data.min_order_note.strip(),
        is_listed=data.is_listed,
    )
    return cleaned, [categories[c] for c in codes]


def _profile_snapshot(profile: SupplierProfile) -> dict[str, Any]:
    return {
        "role": profile.role,
        "display_name_en": profile.display_name_en,
        "display_name_zh": profile.display_name_zh,
        "regions_served": list(profile.regions_served),
        "is_listed": profile.is_listed,
        "categories": sorted(c.code for c in profile.categories.all()) if profile.pk else [],
    }


def supplier_search_refresh(*, profile_ids: list[int]) -> None:
    """Recompute the search text and vector of these profiles (in the caller's transaction)."""
    from django.db import connection

    profiles = SupplierProfile.objects.filter(pk__in=profile_ids).prefetch_related("categories")
    for profile in profiles:
        category_names = [n for c in profile.categories.all() for n in (c.name_zh, c.name_en)]
        names = segment_for_index(profile.display_name_zh, profile.display_name_en)
        details = segment_for_index(
            profile.description_zh,
            profile.description_en,
            *category_names,
            profile.capacity_note,
            profile.min_order_note,
        )
        SupplierProfile.objects.filter(pk=profile.pk).update(search_names=names, search_details=details)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE directory_supplierprofile SET search_vector = {vector_sql('search_names', 'search_details')}"  # noqa: S608 - constant column names
            " WHERE id = ANY(%s)",
            [list(profile_ids)],
        )


@transaction.atomic
def supplier_profile_save(
    *, actor: Actor, data: ProfileInput, request: HttpRequest | None = None
) -> SupplierProfile:
    """Create or replace the company's supplier profile (its face on the marketplace).

    Locks the profile row, so two saves are serialised; the company's listings take over the profile's
    listed / regions state in the same transaction.

    Raises:
        PermissionMissing: actor lacks catalog.manage.
        ValidationFailed: no display name, unknown role, category or region codes.
    """
    actor.require("catalog.manage")
    cleaned, categories = _validated_profile(data)
    profile = SupplierProfile.objects.select_for_update().filter(company=actor.company).first()
    created = profile is None
    if profile is None:
        profile = SupplierProfile(company=actor.company)
    before = None if created else _profile_snapshot(profile)
    profile.role = cleaned.role
    profile.display_name_en = cleaned.display_name_en
    profile.display_name_zh = cleaned.display_name_zh
    profile.description_en = cleaned.description_en
    profile.description_zh = cleaned.description_zh
    profile.regions_served = cleaned.regions_served
    profile.region_keys = region_keys(cleaned.regions_served)
    profile.capacity_note = cleaned.capacity_note
    profile.min_order_note = cleaned.min_order_note
    profile.is_listed = cleaned.is_listed
    profile.save()
    profile.categories.set(categories)
    supplier_search_refresh(profile_ids=[profile.pk])
    _sync_listings(profile)
    audit_record(
        action="directory.profile_created" if created else "directory.profile_updated",
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="supplier_profile",
        target_id=profile.pk,
        before=before,
        after=_profile_snapshot(profile),
    )
    return selectors.supplier_profile_get(company=actor.company)


def _sync_listings(profile: SupplierProfile) -> None:
    from marketplace.catalog.services import listings_sync_supplier

    listings_sync_supplier(supplier=profile)


def supplier_for_writing(*, actor: Actor) -> SupplierProfile:
    """The actor's company's profile, locked, for a write that must hold it steady.

    Raises:
        SupplierProfileRequired: the company has no profile, or is a buyer only.
    """
    from marketplace.directory.exceptions import SupplierProfileRequired

    profile = SupplierProfile.objects.select_for_update().filter(company=actor.company).first()
    if profile is None or profile.role == CompanyRole.BUYER:
        raise SupplierProfileRequired()
    return profile


# Certifications -----------------------------------------------------------------------------------


def _validated_certification(*, type: str, number: str, issuer: str, valid_until: date) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {
        "type": certification_type_normalise(type),
        "number": " ".join(number.split()),
        "issuer": " ".join(issuer.split()),
        "valid_until": valid_until,
    }
    for name, limit in (("type", 60), ("number", 120), ("issuer", 200)):
        if not cleaned[name]:
            errors[name] = ["This field may not be blank."]
        elif len(cleaned[name]) > limit:
            errors[name] = [f"At most {limit} characters."]
    if valid_until.year < 1990 or valid_until.year > 2100:
        errors["valid_until"] = ["Give a date between 1990 and 2100."]
    if errors:
        raise ValidationFailed(errors=errors)
    return cleaned


def _certification_snapshot(c: Certification) -> dict[str, Any]:
    return {"type": c.type, "number": c.number, "issuer": c.issuer, "valid_until": c.valid_until.isoformat()}


def _audit(actor: Actor, action: str, target: Any, request: HttpRequest | None, **changes: Any) -> None:
    audit_record(
        action=action,
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="certification",
        target_id=target,
        **changes,
    )


@transaction.atomic
def certification_create(
    *,
    actor: Actor,
    type: str,
    number: str,
    issuer: str,
    valid_until: date,
    request: HttpRequest | None = None,
) -> Certification:
    """Record a certificate the company holds (its document is uploaded separately).

    Raises:
        PermissionMissing, SupplierProfileRequired, ValidationFailed.
    """
    actor.require("catalog.manage")
    cleaned = _validated_certification(type=type, number=number, issuer=issuer, valid_until=valid_until)
    profile = supplier_for_writing(actor=actor)
    certification = Certification.objects.create(supplier=profile, **cleaned)
    _sync_listings(profile)  # its listings' certification search tokens
    _audit(
        actor,
        "directory.certification_added",
        certification.pk,
        request,
        after=_certification_snapshot(certification),
    )
    return certification


@transaction.atomic
def certification_update(
    *, actor: Actor, certification_id: int, changes: dict[str, Any], request: HttpRequest | None = None
) -> Certification:
    """Change a certification's type, number, issuer or validity; a renewed validity re-arms the
    expiry reminder.

    Raises:
        PermissionMissing, CertificationNotFound, ValidationFailed.
    """
    actor.require("catalog.manage")
    current = selectors.certification_get(company=actor.company, certification_id=certification_id)
    certification = Certification.objects.select_for_update().get(pk=current.pk)
    before = _certification_snapshot(certification)
    merged = {**before, "valid_until": certification.valid_until, **changes}
    cleaned = _validated_certification(
        type=merged["type"],
        number=merged["number"],
        issuer=merged["issuer"],
        valid_until=merged["valid_until"],
    )
    if cleaned["valid_until"] != certification.valid_until:
        certification.expiry_notified_at = None
    for name, value in cleaned.items():
        setattr(certification, name, value)
    certification.save()
    _sync_listings(certification.supplier)
    _audit(
        actor,
        "directory.certification_changed",
        certification.pk,
        request,
        before=before,
        after=_certification_snapshot(certification),
    )
    return certification


@transaction.atomic
def certification_delete(*, actor: Actor, certification_id: int, request: HttpRequest | None = None) -> None:
    """Raises PermissionMissing, CertificationNotFound."""
    actor.require("catalog.manage")
    certification = selectors.certification_get(company=actor.company, certification_id=certification_id)
    before = _certification_snapshot(certification)
    document = certification.document.name or ""
    supplier = certification.supplier
    if document:
        storage_record(company_id=actor.company.pk, size_bytes=_stored_size(document), removed=True)
    certification.delete()
    _sync_listings(supplier)
    if document:
        transaction.on_commit(lambda: _delete_file(Certification, "document", document))
    _audit(actor, "directory.certification_removed", certification_id, request, before=before)


def _delete_file(model: Any, field_name: str, name: str) -> None:
    model._meta.get_field(field_name).storage.delete(name)


def _stored_size(name: str) -> int:
    """The size of a stored certification document (0 if it is gone): what it counted on storage."""
    try:
        return int(Certification._meta.get_field("document").storage.size(name))  # type: ignore[attr-defined]
    except OSError:
        return 0


@transaction.atomic
def certification_document_attach(
    *, actor: Actor, certification_id: int, upload: UploadedFile, request: HttpRequest | None = None
) -> Certification:
    """Store the certificate's document (PDF, PNG or JPEG) under the company's file prefix, replacing any
    earlier one.

    Raises:
        PermissionMissing, CertificationNotFound, FileInvalid (another kind of file), QuotaExceeded (the
        plan's storage is used up after the earlier document goes: nothing is stored).
    """
    actor.require("catalog.manage")
    current = selectors.certification_get(company=actor.company, certification_id=certification_id)
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff_content_type(head)
    if content_type not in DOCUMENT_TYPES:
        raise FileInvalid(detail="Upload a PDF, PNG or JPEG file.")
    certification = (
        Certification.objects.select_for_update().select_related("supplier__company").get(pk=current.pk)
    )
    old = certification.document.name
    # One change of the storage gauge: the new file less the one it replaces (judged by what is stored
    # after it; a replacement that frees space is never refused).
    change = storage_units(size_bytes=upload.size or 0) - (
        storage_units(size_bytes=_stored_size(old)) if old else 0
    )
    if change:
        usage_record(company_id=actor.company.pk, meter=Meter.STORAGE_MB, quantity=change)
    certification.document.save(upload.name or "document", upload, save=False)
    new = certification.document.name or ""
    try:
        certification.document_name = (upload.name or "document")[:200]
        certification.document_content_type = content_type
        certification.save()
        _audit(
            actor,
            "directory.certification_document",
            certification.pk,
            request,
            after={"document": certification.document_name},
        )
    except Exception:
        _delete_file(Certification, "document", new)  # nothing of a failed upload stays behind
        raise
    if old:
        transaction.on_commit(lambda: _delete_file(Certification, "document", old))
    return certification


# Operators: the verified badge --------------------------------------------------------------------


@transaction.atomic
def supplier_set_verified(
    *, operator: User, supplier_id: int, verified: bool, note: str = "", request: HttpRequest | None = None
) -> SupplierProfile:
    """Grant or withdraw the verified badge (operators only; the caller checks that), audited on the
    supplier's company and platform-wide. The supplier's listings carry the badge from this commit.
    ``supplier_id`` is the supplier's company id.

    Raises:
        SupplierNotFound.
    """
    profile = SupplierProfile.objects.select_for_update().filter(company_id=supplier_id).first()
    if profile is None:
        raise SupplierNotFound()
    before = {"verified": profile.verified, "note": profile.verification_note}
    profile.verified = verified
    profile.verified_at = timezone.now() if verified else None
    profile.verified_by = operator if verified else None
    profile.verification_note = note.strip()[:500]
    profile.save(update_fields=["verified", "verified_at", "verified_by", "verification_note", "updated_at"])
    _sync_listings(profile)
    audit_record(
        action="directory.supplier_verified" if verified else "directory.supplier_unverified",
        company=profile.company,
        actor=operator,
        request=request,
        target_type="supplier_profile",
        target_id=profile.pk,
        before=before,
        after={"verified": verified, "note": profile.verification_note},
    )
    return selectors.supplier_for_operators(supplier_id=profile.company_id)


# Expiry -------------------------------------------------------------------------------------------


def certification_expiries_apply(*, today: date | None = None, days_back: int = 7) -> int:
    """Drop the search tokens of certificates that expired in the last ``days_back`` days from their
    suppliers' listings (searches check validity themselves; this keeps the index from offering them).
    Idempotent; runs daily from Celery beat. Returns how many suppliers were refreshed."""
    today = today or timezone.localdate()
    supplier_ids = set(
        Certification.objects.filter(
            valid_until__lt=today, valid_until__gte=today - timedelta(days=days_back)
        ).values_list("supplier_id", flat=True)
    )
    for profile in SupplierProfile.objects.filter(pk__in=supplier_ids):
        with transaction.atomic():
            _sync_listings(profile)
    return len(supplier_ids)


# Expiry reminders ---------------------------------------------------------------------------------


def certification_expiry_reminders(*, today: date | None = None) -> int:
    """E-mail each supplier's catalog managers about certificates expiring within EXPIRY_WARNING_DAYS
    (or already expired) that they were not told about yet; returns how many certificates were covered.

    Idempotent: a certificate is marked when its reminder is sent, and only a new validity date re-arms
    it. Runs daily from Celery beat.
    """
    today = today or timezone.localdate()
    due = (
        Certification.objects.filter(
            valid_until__lt=today + timedelta(days=EXPIRY_WARNING_DAYS), expiry_notified_at__isnull=True
        )
        .select_related("supplier__company")
        .order_by("supplier_id", "valid_until")
    )
    by_supplier: dict[int, list[Certification]] = {}
    for certification in due:
        by_supplier.setdefault(certification.supplier_id, []).append(certification)
    covered = 0
    for certifications in by_supplier.values():
        company = certifications[0].supplier.company
        recipients = [
            m.user.email
            for m in Membership.objects.filter(
                company=company, status=MembershipStatus.ACTIVE
            ).select_related("user")
            if "catalog.manage" in permissions_for(m.roles)
        ]
        lines = [
            f"- {c.type} {c.number} ({c.issuer}): "
            + (f"expired on {c.valid_until}" if c.valid_until < today else f"valid until {c.valid_until}")
            for c in certifications
        ]
        with transaction.atomic():
            locked = Certification.objects.select_for_update(skip_locked=True).filter(
                Q(pk__in=[c.pk for c in certifications]), expiry_notified_at__isnull=True
            )
            ids = list(locked.values_list("pk", flat=True))
            if not ids:
                continue
            if recipients:
                send_mail(
                    subject=f"Certificates to renew / 证书即将到期: {company.name}",
                    message=(
                        "These certificates on your Hansa supplier profile expire soon or have expired.\n"
                        "以下证书即将到期或已过期，请及时更新：\n\n" + "\n".join(lines)  # noqa: RUF001
                    ),
                    from_email=None,
                    recipient_list=sorted(set(recipients)),
                )
            Certification.objects.filter(pk__in=ids).update(expiry_notified_at=timezone.now())
            covered += len(ids)
    return covered


# Supplier rating ----------------------------------------------------------------------------------

REPUTATION_CHUNK = 1000


def supplier_reputation_refresh(*, company_ids: list[int] | None = None) -> int:
    """Recompute the supplier rating (``SupplierProfile.reputation``, see directory/history.py) of these
    companies' profiles, or of every profile when ``company_ids`` is None, and copy it onto their listings.

    Idempotent, so the callers (the ``rfq.history`` outbox handler after an RFQ closes, is awarded or is
    cancelled after closing; the daily directory task; trading once a dispatch is recorded) may run it
    as often as they like. Works in chunks, each in its own transaction holding its profiles' row locks
    (taken in id order, the same order as profile saves and imports), so it never blocks a catalog for
    long. Returns how many profiles changed.
    """
    from marketplace.catalog.services import listings_sync_rating

    if company_ids is None:
        ids = list(SupplierProfile.objects.order_by("company_id").values_list("company_id", flat=True))
    else:
        ids = sorted(set(company_ids))
    changed = 0
    for start in range(0, len(ids), REPUTATION_CHUNK):
        chunk = ids[start : start + REPUTATION_CHUNK]
        with transaction.atomic():
            profiles = list(
                SupplierProfile.objects.select_for_update()
                .filter(company_id__in=chunk)
                .order_by("id")
                .only("id", "company_id", "rating", "reputation")
            )
            histories = selectors.supplier_histories(profiles=profiles)
            now = timezone.now()
            stale = []
            for profile in profiles:
                value = histories[profile.company_id].reputation
                if value != profile.reputation:
                    profile.reputation = value
                    profile.reputation_updated_at = now
                    stale.append(profile)
            SupplierProfile.objects.bulk_update(stale, ["reputation", "reputation_updated_at"])
            listings_sync_rating(supplier_ids=[p.pk for p in stale])
            changed += len(stale)
    return changed
