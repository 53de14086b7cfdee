"""Reads of listings: a company's own catalog (all statuses) and single public listings."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from kernel.errors import ValidationFailed
from marketplace.catalog.exceptions import ImageNotFound, ListingNotFound
from marketplace.catalog.models import Listing, ListingImage, ListingStatus
from marketplace.directory.fulltext import search_query
from marketplace.directory.selectors import category_filter_path, inactive_company_ids
from marketplace.directory.viewers import Viewer
from tenants.models import Company


def listing_list_own(
    *, company: Company, status: str | None = None, q: str = "", category: str | None = None
) -> QuerySet[Listing]:
    """The company's listings (archived ones only when asked for), most recently changed first.

    Raises:
        ValidationFailed: unknown status or category code.
    """
    qs = Listing.objects.filter(company=company)
    if status:
        if status not in ListingStatus.values:
            raise ValidationFailed(errors={"status": [f"Use one of: {', '.join(ListingStatus.values)}."]})
        qs = qs.filter(status=status)
    else:
        qs = qs.exclude(status=ListingStatus.ARCHIVED)
    path = category_filter_path(code=category)
    if path is not None:
        qs = qs.filter(category_path__startswith=path)
    if q.strip():
        query = search_query(q)
        match = Q(sku__iexact=q.strip())
        qs = qs.filter(match | Q(search_vector=query)) if query is not None else qs.filter(match)
    return (
        qs.select_related("category", "supplier")
        .prefetch_related("price_tiers", "images")
        .order_by("-updated_at", "-id")
    )


def listing_get_own(*, company: Company, listing_id: int) -> Listing:
    """Raises ListingNotFound (also for another company's listing)."""
    listing = (
        Listing.objects.filter(pk=listing_id, company=company)
        .select_related("category", "supplier", "company")
        .prefetch_related("price_tiers", "images")
        .first()
    )
    if listing is None:
        raise ListingNotFound()
    return listing


def listing_image_get_own(*, company: Company, listing_id: int, image_id: int) -> ListingImage:
    image = (
        ListingImage.objects.filter(pk=image_id, listing_id=listing_id, listing__company=company)
        .select_related("listing")
        .first()
    )
    if image is None:
        raise ImageNotFound()
    return image


def listing_visible_q(viewer: Viewer, prefix: str = "") -> Q:
    """Listings a viewer may open: public ones of active companies, and (as a preview, on its own host)
    every non-archived listing of the viewer's own company."""
    public = Q(**{f"{prefix}is_public": True}) & ~Q(**{f"{prefix}company_id__in": inactive_company_ids()})
    if viewer.company is None:
        return public
    own = Q(**{f"{prefix}company": viewer.company}) & ~Q(**{f"{prefix}status": ListingStatus.ARCHIVED})
    return public | own


def listing_public_get(*, listing_id: int, viewer: Viewer) -> Listing:
    """Raises ListingNotFound (drafts, archived, unlisted suppliers' and suspended companies' listings
    too, except the viewer's own)."""
    listing = (
        Listing.objects.filter(listing_visible_q(viewer), pk=listing_id)
        .select_related("category", "supplier")
        .prefetch_related("price_tiers", "images", "supplier__certifications")
        .first()
    )
    if listing is None:
        raise ListingNotFound()
    return listing


def listing_image_public_get(*, listing_id: int, image_id: int, viewer: Viewer) -> ListingImage:
    image = (
        ListingImage.objects.filter(
            listing_visible_q(viewer, "listing__"), pk=image_id, listing_id=listing_id
        )
        .select_related("listing")
        .first()
    )
    if image is None:
        raise ImageNotFound()
    return image


def listing_export_rows(*, company: Company) -> list[dict[str, Any]]:
    """The company's non-archived listings as import/export rows (see catalog.spreadsheet.COLUMNS)."""
    from marketplace.catalog.spreadsheet import plain_value

    rows = []
    for listing in (
        Listing.objects.filter(company=company)
        .exclude(status=ListingStatus.ARCHIVED)
        .select_related("category")
        .prefetch_related("price_tiers")
        .order_by("sku")
    ):
        rows.append(
            {
                "sku": listing.sku,
                "name_en": listing.name_en,
                "name_zh": listing.name_zh,
                "category_code": listing.category.code,
                "unit": listing.unit,
                "currency": listing.currency,
                "price_tiers": ";".join(
                    f"{plain_value(t.min_quantity)}:{plain_value(t.unit_price)}"
                    for t in listing.price_tiers.all()
                ),
                "moq": listing.moq,
                "lead_time_days": listing.lead_time_days,
                "availability": listing.availability,
                "stock_quantity": listing.stock_quantity,
                "attributes": ";".join(f"{a['key']}={a['value']}" for a in listing.attributes),
                "description_en": listing.description_en,
                "description_zh": listing.description_zh,
                "status": listing.status,
            }
        )
    return rows
