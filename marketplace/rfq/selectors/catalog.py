"""What RFQs read from ``marketplace.catalog``, in one place, through that app's selectors only.

- ``offer_stats_sql``: the catalog's per-supplier price level (``price_index``, 1 = the median of
  comparable listings) and mean lead time in the RFQ's categories, as one SQL statement that matching
  embeds in its ranking query (see ``marketplace.catalog.selectors.offers``).
- ``listing_snapshot``: what an RFQ line linking a public listing keeps of it (supplier, SKU, names,
  category, unit, currency, price tiers, MOQ, lead time), or None when there is no such public listing.
"""

from __future__ import annotations

from typing import Any

from marketplace.catalog import selectors as catalog


def offer_stats_sql(*, category_ids: list[int]) -> tuple[str, list[Any]]:
    """SQL (positional ``%s`` parameters) and parameters of the catalog's per-supplier offer figures."""
    return catalog.supplier_offer_stats_sql(category_ids=category_ids)


def listing_snapshot(*, listing_id: int) -> dict[str, Any] | None:
    return catalog.listing_snapshot(listing_id=listing_id)
