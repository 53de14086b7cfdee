"""What RFQs read from ``marketplace.catalog``, in one place, through that app's selectors only.

The catalog app is built alongside this one. Until it offers the selectors below, RFQ lines cannot link a
listing (``listing_available`` is False and such input is refused with a field error) and matching treats
the catalog's price level and lead time as unknown (neutral, or taken from quote history).

Expected from ``marketplace.catalog.selectors``:

``supplier_offer_stats(*, category_ids: list[int]) -> QuerySet``
    one row per supplier company with listings in those categories (their subtrees included), with the
    columns ``company_id`` (int), ``price_index`` (Decimal: the supplier's median price relative to the
    category median, 1 = median) and ``lead_time_days`` (Decimal: its average lead time). It is embedded
    as a subquery of the ranking query, so it must be one SQL statement (no Python post-processing).

``listing_snapshot(*, listing_id: int) -> dict | None``
    a JSON-able snapshot of a listed (public) listing with at least ``category_id`` and ``unit``; None if
    there is no such listing.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps


def _catalog_selectors() -> Any | None:
    if not apps.is_installed("marketplace.catalog"):
        return None
    try:
        from marketplace.catalog import selectors  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return selectors


def offer_stats_sql(*, category_ids: list[int]) -> tuple[str, list[Any]] | None:
    """SQL and parameters of the catalog's per-supplier price level and lead time, or None."""
    selectors = _catalog_selectors()
    stats = getattr(selectors, "supplier_offer_stats", None) if selectors else None
    if stats is None:
        return None
    sql, params = stats(category_ids=category_ids).query.sql_with_params()
    return sql, list(params)


def listing_available() -> bool:
    selectors = _catalog_selectors()
    return selectors is not None and hasattr(selectors, "listing_snapshot")


def listing_snapshot(*, listing_id: int) -> dict[str, Any] | None:
    selectors = _catalog_selectors()
    if selectors is None or not hasattr(selectors, "listing_snapshot"):
        return None
    snapshot = selectors.listing_snapshot(listing_id=listing_id)
    return dict(snapshot) if snapshot is not None else None
