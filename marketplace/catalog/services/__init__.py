"""Writes of the catalog. One module per concern; everything is re-exported here for callers."""

from marketplace.catalog.services.imports import (
    import_apply,
    import_apply_run,
    import_create,
    import_validate_run,
    imports_sweep,
    rows_check,
)
from marketplace.catalog.services.listings import (
    UpsertResult,
    category_index,
    listing_archive,
    listing_create,
    listing_image_add,
    listing_image_remove,
    listing_update,
    listings_refresh_vectors,
    listings_sync_rating,
    listings_sync_supplier,
    listings_upsert,
)
from marketplace.catalog.services.stock import (
    listing_stock_detach,
    listing_stock_link,
    listing_stock_refresh,
    listing_stock_unlink,
)

__all__ = [
    "UpsertResult",
    "category_index",
    "import_apply",
    "import_apply_run",
    "import_create",
    "import_validate_run",
    "imports_sweep",
    "listing_archive",
    "listing_create",
    "listing_image_add",
    "listing_image_remove",
    "listing_stock_detach",
    "listing_stock_link",
    "listing_stock_refresh",
    "listing_stock_unlink",
    "listing_update",
    "listings_refresh_vectors",
    "listings_sync_rating",
    "listings_sync_supplier",
    "listings_upsert",
    "rows_check",
]
