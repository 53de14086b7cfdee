"""Reads of the catalog. Every read of a company's rows filters by that company here."""

from marketplace.catalog.selectors.imports import import_job_get, import_job_list
from marketplace.catalog.selectors.listings import (
    listing_export_rows,
    listing_get_own,
    listing_image_get_own,
    listing_image_public_get,
    listing_list_own,
    listing_public_get,
    listing_visible_q,
)
from marketplace.catalog.selectors.offers import (
    SupplierOfferStats,
    listing_snapshot,
    supplier_offer_stats,
    supplier_offer_stats_sql,
)
from marketplace.catalog.selectors.search import (
    ListingSearchPage,
    ListingSearchParams,
    listing_search,
    listing_search_queryset,
    listing_search_sql,
)

__all__ = [
    "ListingSearchPage",
    "ListingSearchParams",
    "SupplierOfferStats",
    "import_job_get",
    "import_job_list",
    "listing_export_rows",
    "listing_get_own",
    "listing_image_get_own",
    "listing_image_public_get",
    "listing_list_own",
    "listing_public_get",
    "listing_search",
    "listing_search_queryset",
    "listing_search_sql",
    "listing_snapshot",
    "listing_visible_q",
    "supplier_offer_stats",
    "supplier_offer_stats_sql",
]
