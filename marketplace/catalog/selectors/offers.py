# ruff: noqa: S608  (table names come from model metadata; every value is a query parameter)
"""What other apps read of the catalog's offers: per-supplier price level and lead time in some
categories (RFQ matching), and a snapshot of one public listing (RFQ lines that link a listing).

Price level: the catalog has no exchange rates and no unit conversions, so a listing's price is only
compared with listings of the same leaf category, currency and unit (its "group"). A group's typical
price is the median ``base_price`` (the unit price at the listing's MOQ) of its public listings; a group
offered by a single supplier compares that supplier with itself and is left out. A supplier's
``price_index`` is the median, over its listings in comparable groups, of ``base_price / group median``:
1 is the market's median, 0.8 is 20 % cheaper. ``lead_time_days`` is the mean lead time of its public
listings in the categories.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from marketplace.catalog.models import Listing
from marketplace.catalog.selectors.listings import listing_visible_q
from marketplace.directory.models import Category
from marketplace.directory.selectors import HIDDEN_COMPANY_STATUSES
from marketplace.directory.viewers import Viewer
from tenants.models import Company


def _like_prefix(path: str) -> str:
    escaped = path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "/%"


def _subtree_roots(paths: list[str]) -> list[str]:
    """The paths that are not inside another one of them (a subtree covers its descendants)."""
    roots: list[str] = []
    for path in sorted(set(paths)):
        if not any(path == root or path.startswith(root + "/") for root in roots):
            roots.append(path)
    return roots


def supplier_offer_stats_sql(*, category_ids: list[int]) -> tuple[str, list[Any]]:
    """One SQL statement (with positional ``%s`` parameters) giving one row per supplier company that has
    public listings in the categories' subtrees: ``company_id`` (bigint), ``price_index`` (numeric, NULL
    when none of its listings is in a comparable group) and ``lead_time_days`` (numeric).

    Callers may embed it as a subquery; it needs no Python afterwards. The categories' paths are read
    here (one small query) so that the statement filters on the listings' path index.
    """
    paths = _subtree_roots(list(Category.objects.filter(pk__in=category_ids).values_list("path", flat=True)))
    listing = Listing._meta.db_table
    company = Company._meta.db_table
    if not paths:
        return (
            "SELECT NULL::bigint AS company_id, NULL::numeric AS price_index, "
            "NULL::numeric AS lead_time_days WHERE false",
            [],
        )
    in_categories = " OR ".join(["l.category_path LIKE %s"] * len(paths))
    sql = f"""
    WITH offers AS (
        SELECT l.company_id, l.category_id, l.currency, l.unit, l.base_price, l.lead_time_days
        FROM {listing} l
        WHERE l.is_public
          AND ({in_categories})
          AND l.company_id NOT IN (SELECT co.id FROM {company} co WHERE co.status = ANY(%s))
    ),
    typical AS (
        SELECT category_id, currency, unit,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY base_price) AS median
        FROM offers
        GROUP BY category_id, currency, unit
        HAVING min(company_id) <> max(company_id)  -- two suppliers at least
    )
    SELECT o.company_id::bigint AS company_id,
           round((percentile_cont(0.5) WITHIN GROUP (ORDER BY o.base_price / t.median)
                  FILTER (WHERE t.median IS NOT NULL))::numeric, 4) AS price_index,
           round(avg(o.lead_time_days)::numeric, 2) AS lead_time_days
    FROM offers o
    LEFT JOIN typical t
        ON t.category_id = o.category_id AND t.currency = o.currency AND t.unit = o.unit
    GROUP BY o.company_id
    """
    params: list[Any] = [_like_prefix(p) for p in paths]
    params.append([str(s) for s in HIDDEN_COMPANY_STATUSES])
    return sql, params


@dataclass(frozen=True)
class SupplierOfferStats:
    company_id: int
    price_index: Decimal | None
    lead_time_days: Decimal


def supplier_offer_stats(*, category_ids: list[int]) -> list[SupplierOfferStats]:
    """The rows of :func:`supplier_offer_stats_sql`, by company id."""
    from django.db import connection

    sql, params = supplier_offer_stats_sql(category_ids=category_ids)
    with connection.cursor() as cursor:
        cursor.execute(sql + " ORDER BY 1", params)
        rows = cursor.fetchall()
    return [SupplierOfferStats(int(c), p, lead) for c, p, lead in rows]


def listing_snapshot(*, listing_id: int) -> dict[str, Any] | None:
    """What a document that refers to a public listing keeps of it, as JSON-able values; None when no
    public listing (of an active company) has this id (drafts and archived listings included).

    Holds the supplier (``supplier_id``: its company id), SKU, names, category, unit, currency, price tiers (decimal strings), MOQ, lead
    time, availability and the time it was taken.
    """
    listing = (
        Listing.objects.filter(listing_visible_q(Viewer.anonymous()), pk=listing_id)
        .select_related("category", "supplier")
        .prefetch_related("price_tiers")
        .first()
    )
    if listing is None:
        return None
    return {
        "listing_id": listing.pk,
        "supplier_id": listing.company_id,
        "supplier_name_en": listing.supplier.display_name_en,
        "supplier_name_zh": listing.supplier.display_name_zh,
        "sku": listing.sku,
        "name_en": listing.name_en,
        "name_zh": listing.name_zh,
        "category_code": listing.category.code,
        "unit": listing.unit,
        "currency": listing.currency,
        "base_price": format(listing.base_price, "f"),
        "price_tiers": [
            {"min_quantity": format(t.min_quantity, "f"), "unit_price": format(t.unit_price, "f")}
            for t in listing.price_tiers.all()
        ],
        "moq": format(listing.moq, "f"),
        "lead_time_days": listing.lead_time_days,
        "availability": listing.availability,
        "taken_at": timezone.now().isoformat(),
    }
