"""Writing listings: one at a time from the API, in bulk from imports; images; supplier changes.

Every write keeps the listing's copied columns current in the same transaction: ``is_public`` and the
``supplier_*`` columns (from the profile), ``category_path``, ``base_price`` (the first tier's unit
price), and the search text and ``tsvector`` (see marketplace/directory/fulltext.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, Max, Value, When
from django.http import HttpRequest

from billing.meters import Meter
from billing.services.metering import storage_record, usage_record
from identity.access import Actor
from identity.services import audit_record
from marketplace.catalog import selectors
from marketplace.catalog.exceptions import ListingArchived, ListingStockLinked, SkuTaken, TooManyImages
from marketplace.catalog.models import Availability, Listing, ListingImage, ListingStatus, PriceTier
from marketplace.catalog.services.stock import linked_listings_lock
from marketplace.catalog.validation import ListingInput
from marketplace.directory.exceptions import FileInvalid
from marketplace.directory.fulltext import listing_vector_sql, segment_for_index
from marketplace.directory.models import Category, CompanyRole, SupplierProfile
from marketplace.directory.services import supplier_for_writing
from marketplace.directory.uploads import sniff_content_type

MAX_IMAGES = 8
IMAGE_TYPES = ("image/png", "image/jpeg", "image/webp", "image/gif")
# Columns an import's upsert overwrites when the SKU exists (everything but identity and created_at).
UPSERT_FIELDS = [
    "supplier",
    "name_en",
    "name_zh",
    "description_en",
    "description_zh",
    "category",
    "category_path",
    "attributes",
    "unit",
    "currency",
    "base_price",
    "moq",
    "lead_time_days",
    "availability",
    "stock_quantity",
    "status",
    "is_public",
    "supplier_verified",
    "supplier_regions",
    "supplier_rating",
    "search_names",
    "search_details",
    "updated_at",
]


def category_index() -> dict[str, Category]:
    """Every category by code (the tree is small and changes only with migrations)."""
    return {c.code: c for c in Category.objects.all()}


def supplier_is_public(supplier: SupplierProfile) -> bool:
    return supplier.is_listed and supplier.role != CompanyRole.BUYER


def _search_text(data: ListingInput, categories: dict[str, Category]) -> tuple[str, str]:
    chain = [categories[code] for code in data.category.path.split("/") if code in categories]
    names = segment_for_index(data.name_zh, data.name_en, data.sku)
    details = segment_for_index(
        *[n for c in chain for n in (c.name_zh, c.name_en)],
        *[f"{a['key']} {a['value']}" for a in data.attributes],
        data.description_zh,
        data.description_en,
    )
    return names, details


def _fill(
    listing: Listing, data: ListingInput, supplier: SupplierProfile, categories: dict[str, Category]
) -> Listing:
    listing.supplier = supplier
    listing.sku = data.sku
    listing.name_en = data.name_en
    listing.name_zh = data.name_zh
    listing.description_en = data.description_en
    listing.description_zh = data.description_zh
    listing.category = data.category
    listing.category_path = data.category.path + "/"
    listing.attributes = data.attributes
    listing.unit = data.unit
    listing.currency = data.currency
    listing.base_price = data.base_price
    listing.moq = data.moq
    listing.lead_time_days = data.lead_time_days
    listing.availability = data.availability
    listing.stock_quantity = data.stock_quantity
    listing.status = data.status
    listing.is_public = data.status == ListingStatus.ACTIVE and supplier_is_public(supplier)
    listing.supplier_verified = supplier.verified
    listing.supplier_regions = list(supplier.region_keys)
    listing.supplier_rating = supplier.reputation
    listing.search_names, listing.search_details = _search_text(data, categories)
    return listing


def listings_refresh_vectors(*, listing_ids: list[int]) -> None:
    """Recompute the stored ``tsvector`` of these listings from their segmented text columns."""
    if not listing_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE catalog_listing SET search_vector = {listing_vector_sql()}"  # noqa: S608 - constant SQL
            " WHERE id = ANY(%s)",
            [list(listing_ids)],
        )


def _replace_tiers(items: list[tuple[int, ListingInput]]) -> None:
    PriceTier.objects.filter(listing_id__in=[pk for pk, _ in items]).delete()
    PriceTier.objects.bulk_create(
        [
            PriceTier(listing_id=pk, min_quantity=quantity, unit_price=price)
            for pk, data in items
            for quantity, price in data.price_tiers
        ]
    )


def _snapshot(listing: Listing) -> dict[str, Any]:
    return {
        "sku": listing.sku,
        "status": listing.status,
        "currency": listing.currency,
        "base_price": str(listing.base_price),
        "tiers": [[str(t.min_quantity), str(t.unit_price)] for t in listing.price_tiers.all()],
        "moq": str(listing.moq),
    }


def _audit(actor: Actor, action: str, listing: Listing, request: HttpRequest | None, **changes: Any) -> None:
    audit_record(
        action=action,
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="listing",
        target_id=listing.sku,
        **changes,
    )


@transaction.atomic
def listing_create(*, actor: Actor, data: ListingInput, request: HttpRequest | None = None) -> Listing:
    """Add a listing to the company's catalog (``draft`` or ``active``).

    Locks the supplier profile, so it is serialised with imports into the same catalog.

    Raises:
        PermissionMissing: actor lacks catalog.manage.
        SupplierProfileRequired: the company has no supplier profile (or is a buyer only).
        SkuTaken: the company already has a listing with this SKU.
        QuotaExceeded: the plan's listings are used up (402 ``quota_exceeded``).
    """
    actor.require("catalog.manage")
    supplier = supplier_for_writing(actor=actor)
    listing = _fill(Listing(company=actor.company), data, supplier, category_index())
    try:
        with transaction.atomic():
            listing.save()
    except IntegrityError:
        raise SkuTaken(detail=f"SKU {data.sku} is already in the catalog.") from None
    usage_record(company_id=actor.company.pk, meter=Meter.LISTINGS)
    _replace_tiers([(listing.pk, data)])
    listings_refresh_vectors(listing_ids=[listing.pk])
    _audit(actor, "catalog.listing_created", listing, request, after=_snapshot(listing))
    return selectors.listing_get_own(company=actor.company, listing_id=listing.pk)


@transaction.atomic
def listing_update(
    *, actor: Actor, listing_id: int, data: ListingInput, request: HttpRequest | None = None
) -> Listing:
    """Replace a listing's content with ``data`` (the caller merges partial changes first).

    While the listing's stock comes from an inventory item, its availability and stock quantity are
    inventory's: ``data`` must carry them unchanged (as a merged partial change does).

    Raises:
        PermissionMissing, SupplierProfileRequired, ListingNotFound (another company's too),
        ListingArchived, SkuTaken, ListingStockLinked (a linked listing's stock changed by hand).
    """
    actor.require("catalog.manage")
    supplier = supplier_for_writing(actor=actor)
    current = selectors.listing_get_own(company=actor.company, listing_id=listing_id)
    if current.status == ListingStatus.ARCHIVED:
        raise ListingArchived()
    before = _snapshot(current)
    listing = Listing.objects.select_for_update().get(pk=current.pk)
    if listing.stock_item_id is not None and (
        data.availability != Availability.IN_STOCK or data.stock_quantity != listing.stock_quantity
    ):
        raise ListingStockLinked()
    _fill(listing, data, supplier, category_index())
    try:
        with transaction.atomic():
            listing.save()
    except IntegrityError:
        raise SkuTaken(detail=f"SKU {data.sku} is already in the catalog.") from None
    _replace_tiers([(listing.pk, data)])
    listings_refresh_vectors(listing_ids=[listing.pk])
    updated = selectors.listing_get_own(company=actor.company, listing_id=listing.pk)
    _audit(actor, "catalog.listing_changed", updated, request, before=before, after=_snapshot(updated))
    return updated


@transaction.atomic
def listing_archive(*, actor: Actor, listing_id: int, request: HttpRequest | None = None) -> None:
    """Take a listing off the marketplace for good (it stays for documents that refer to it).

    Raises:
        PermissionMissing, ListingNotFound.
    """
    actor.require("catalog.manage")
    current = selectors.listing_get_own(company=actor.company, listing_id=listing_id)
    if current.status == ListingStatus.ARCHIVED:
        return
    before = _snapshot(current)
    archived = (
        Listing.objects.filter(pk=current.pk)
        .exclude(status=ListingStatus.ARCHIVED)
        .update(status=ListingStatus.ARCHIVED, is_public=False)
    )
    if archived:  # a listing archived by a racing request counts down once
        usage_record(company_id=actor.company.pk, meter=Meter.LISTINGS, quantity=-1)
    current.status = ListingStatus.ARCHIVED
    _audit(actor, "catalog.listing_archived", current, request, before=before)


@dataclass(frozen=True)
class UpsertResult:
    created: int
    updated: int
    counted: int = 0
    """The change of the company's listings gauge: new SKUs and archived ones brought back, less listings
    the rows archive."""


def listings_upsert(
    *, supplier: SupplierProfile, rows: list[ListingInput], categories: dict[str, Category]
) -> UpsertResult:
    """Create or overwrite (by SKU) these listings of the supplier's company, in the caller's transaction.

    The caller holds the supplier profile's row lock; the unique (company, SKU) constraint and
    ``INSERT ... ON CONFLICT DO UPDATE`` make a second writer update, never duplicate, a SKU.
    """
    if not rows:
        return UpsertResult(0, 0)
    rows = sorted({r.sku: r for r in rows}.values(), key=lambda r: r.sku)
    existing = dict(
        Listing.objects.filter(company_id=supplier.company_id, sku__in=[r.sku for r in rows]).values_list(
            "sku", "status"
        )
    )
    # A file's stock columns never overwrite what inventory keeps on a linked listing.
    linked = linked_listings_lock(company_id=supplier.company_id, skus=[r.sku for r in rows])
    rows = [
        replace(r, availability=Availability.IN_STOCK, stock_quantity=linked[r.sku]) if r.sku in linked else r
        for r in rows
    ]
    objects = [_fill(Listing(company_id=supplier.company_id), r, supplier, categories) for r in rows]
    saved = Listing.objects.bulk_create(
        objects,
        update_conflicts=True,
        unique_fields=["company", "sku"],
        update_fields=UPSERT_FIELDS,
    )
    _replace_tiers([(listing.pk, data) for listing, data in zip(saved, rows, strict=True)])
    listings_refresh_vectors(listing_ids=[listing.pk for listing in saved])
    created = sum(1 for r in rows if r.sku not in existing)
    live_before = sum(
        1 for r in rows if existing.get(r.sku, ListingStatus.ARCHIVED) != ListingStatus.ARCHIVED
    )
    live_after = sum(1 for r in rows if r.status != ListingStatus.ARCHIVED)
    return UpsertResult(created=created, updated=len(rows) - created, counted=live_after - live_before)


def listings_sync_supplier(*, supplier: SupplierProfile) -> int:
    """Copy the profile's listed / verified / regions / supplier rating state onto its listings, and their
    search tokens, in the caller's transaction; returns how many listings were touched."""
    public = supplier_is_public(supplier)
    touched = Listing.objects.filter(supplier=supplier).update(
        is_public=Case(When(status=ListingStatus.ACTIVE, then=Value(public)), default=Value(False)),
        supplier_verified=supplier.verified,
        supplier_regions=list(supplier.region_keys),
        supplier_rating=supplier.reputation,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE catalog_listing SET search_vector = {listing_vector_sql()} WHERE supplier_id = %s",  # noqa: S608 - constant SQL
            [supplier.pk],
        )
    return touched


def listings_sync_rating(*, supplier_ids: list[int]) -> int:
    """Copy these profiles' supplier rating (``SupplierProfile.reputation``) onto their listings, in the
    caller's transaction (one statement; listings already carrying it are left alone). Returns how many
    listings changed."""
    if not supplier_ids:
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"""UPDATE {Listing._meta.db_table} AS l SET supplier_rating = p.reputation
                FROM {SupplierProfile._meta.db_table} AS p
                WHERE l.supplier_id = p.id AND p.id = ANY(%s)
                  AND l.supplier_rating IS DISTINCT FROM round(p.reputation, 2)""",  # noqa: S608 - table names only
            [list(supplier_ids)],
        )
        return cursor.rowcount


# Images -------------------------------------------------------------------------------------------


@transaction.atomic
def listing_image_add(
    *, actor: Actor, listing_id: int, upload: UploadedFile, request: HttpRequest | None = None
) -> ListingImage:
    """Add a PNG, JPEG, WebP or GIF image after the listing's others (at most MAX_IMAGES).

    Raises:
        PermissionMissing, ListingNotFound, ListingArchived, TooManyImages, FileInvalid,
        QuotaExceeded (the plan's storage is used up; no file is stored).
    """
    actor.require("catalog.manage")
    current = selectors.listing_get_own(company=actor.company, listing_id=listing_id)
    listing = Listing.objects.select_for_update().select_related("company").get(pk=current.pk)
    if listing.status == ListingStatus.ARCHIVED:
        raise ListingArchived()
    head = upload.read(16)
    upload.seek(0)
    content_type = sniff_content_type(head)
    if content_type not in IMAGE_TYPES:
        raise FileInvalid(detail="Upload a PNG, JPEG, WebP or GIF image.")
    images = listing.images.all()
    if images.count() >= MAX_IMAGES:
        raise TooManyImages()
    position = (images.aggregate(m=Max("position"))["m"] or 0) + 1
    image = ListingImage(listing=listing, content_type=content_type, size=upload.size or 0, position=position)
    storage_record(company_id=actor.company.pk, size_bytes=image.size)
    image.file.save(upload.name or "image", upload, save=False)
    try:
        image.save()
    except Exception:
        image.file.storage.delete(image.file.name or "")
        raise
    _audit(actor, "catalog.listing_image_added", listing, request, after={"image": image.pk})
    return image


@transaction.atomic
def listing_image_remove(
    *, actor: Actor, listing_id: int, image_id: int, request: HttpRequest | None = None
) -> None:
    """Raises PermissionMissing, ListingNotFound, ImageNotFound."""
    actor.require("catalog.manage")
    image = selectors.listing_image_get_own(company=actor.company, listing_id=listing_id, image_id=image_id)
    name = image.file.name or ""
    storage = image.file.storage
    storage_record(company_id=actor.company.pk, size_bytes=image.size, removed=True)
    image.delete()
    transaction.on_commit(lambda: storage.delete(name))
    _audit(actor, "catalog.listing_image_removed", image.listing, request, before={"image": image_id})
