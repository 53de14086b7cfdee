"""Marketplace search over public listings: full text, filters, facet counts, sorting, pages.

One statement does it all (see :func:`listing_search_sql`), built from the filtered queryset
(:func:`listing_search_queryset`): the count, the page's result cards, and the facet counts (categories
rolled up to their ancestors through the materialised paths).

- Full text: the stored ``search_vector`` (GIN index) against the query that
  marketplace/directory/fulltext.py builds (jieba-segmented Chinese, stemmed English). Relevance is
  ``ts_rank`` (names weigh more than details).
- Filters: category subtree (materialised path prefix), region served (region keys, see
  directory/regions.py), certification held and valid today, price range on ``base_price`` (the unit
  price of the first tier, in the listing's own currency, compared as it is: no exchange rates; combine
  with ``currency`` to compare like with like), MOQ at most, lead time at most, availability, verified
  suppliers only, one supplier.
- Bounded work: a search reads at most the first MAX_WINDOW + 1 matches the database finds. Up to
  MAX_WINDOW matches, everything is exact. With more (a broad word such as "steel" matches a fifth of a
  million-listing catalog), ``count`` is MAX_WINDOW with ``count_capped`` true ("1,000+"), and the
  facets, the sorting (relevance, price, lead time, rating, date) and the pages cover those MAX_WINDOW
  listings; more words, a category or a price range narrow the search to an exact one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from kernel.errors import ValidationFailed
from marketplace.catalog.models import Availability, Listing, ListingImage, StockSource
from marketplace.directory.fulltext import (
    VERIFIED_TOKEN,
    certification_token,
    filter_query,
    filter_token,
    search_query,
)
from marketplace.directory.models import Category, Certification, SupplierProfile
from marketplace.directory.regions import region_normalise, region_query_keys
from marketplace.directory.selectors import category_filter_path, inactive_company_ids
from marketplace.directory.viewers import Viewer

SORTS = ("relevance", "price", "-price", "lead_time", "rating", "newest")
MAX_WINDOW = 1_000
MAX_PAGE_SIZE = 100
MAX_REGION_FACETS = 30


@dataclass(frozen=True)
class ListingSearchParams:
    q: str = ""
    category: str | None = None
    region: str | None = None
    certification: str | None = None
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    currency: str | None = None
    moq_max: Decimal | None = None
    lead_time_max: int | None = None
    availability: str | None = None
    verified_only: bool = False
    supplier_id: int | None = None  # the supplier's company id
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True)
class CategoryFacet:
    code: str
    name_en: str
    name_zh: str
    depth: int
    count: int


@dataclass
class SearchFacets:
    categories: list[CategoryFacet] = field(default_factory=list)
    regions: list[FacetCount] = field(default_factory=list)
    availability: list[FacetCount] = field(default_factory=list)
    verified: list[FacetCount] = field(default_factory=list)


@dataclass(frozen=True)
class CardCategory:
    code: str
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class CardSupplier:
    company_id: int  # the supplier is named by its company (docs/api-conventions.md)
    display_name_en: str
    display_name_zh: str
    verified: bool
    regions_served: list[str]
    rating: Decimal | None
    reputation: Decimal | None


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value)


@dataclass(frozen=True)
class ListingCard:
    """What a search result shows of a listing (prices are the API's to hide)."""

    id: int
    sku: str
    name_en: str
    name_zh: str
    category: CardCategory
    unit: str
    currency: str
    base_price: Decimal
    moq: Decimal
    lead_time_days: int
    availability: str
    stock_quantity: Decimal | None
    first_image_id: int | None
    supplier: CardSupplier
    stock_source: str = StockSource.DECLARED

    @classmethod
    def from_row(cls, row: list[Any]) -> ListingCard:
        (pk, sku, name_en, name_zh, code, cat_en, cat_zh, unit, currency, price, moq, lead, availability,
         stock, image, supplier_id, supplier_en, supplier_zh, verified, regions, rating,
         reputation, linked) = row  # fmt: skip
        return cls(
            id=pk,
            sku=sku,
            name_en=name_en,
            name_zh=name_zh,
            category=CardCategory(code, cat_en, cat_zh),
            unit=unit,
            currency=currency,
            base_price=Decimal(price),
            moq=Decimal(moq),
            lead_time_days=lead,
            availability=availability,
            stock_quantity=_decimal(stock),
            stock_source=StockSource.INVENTORY if linked else StockSource.DECLARED,
            first_image_id=image,
            supplier=CardSupplier(
                supplier_id,
                supplier_en,
                supplier_zh,
                verified,
                list(regions or []),
                _decimal(rating),
                _decimal(reputation),
            ),
        )


@dataclass
class ListingSearchPage:
    count: int
    count_capped: bool
    page: int
    page_size: int
    listings: list[ListingCard]
    facets: SearchFacets

    @property
    def has_next(self) -> bool:
        return self.page * self.page_size < self.count


@dataclass(frozen=True)
class _Order:
    expression: Any  # the sort key, annotated as "k"
    descending: bool
    nulls_last: bool = False

    def sql(self) -> str:
        direction = "DESC" if self.descending else "ASC"
        nulls = " NULLS LAST" if self.nulls_last else (" NULLS FIRST" if self.descending else "")
        return f"k {direction}{nulls}, id DESC"


def _validate(params: ListingSearchParams) -> None:
    errors: dict[str, list[str]] = {}
    if len(params.q) > 200:
        errors["q"] = ["At most 200 characters."]
    if params.sort not in SORTS:
        errors["sort"] = [f"Use one of: {', '.join(SORTS)}."]
    if params.availability and params.availability not in Availability.values:
        errors["availability"] = [f"Use one of: {', '.join(Availability.values)}."]
    if params.price_min is not None and params.price_max is not None and params.price_min > params.price_max:
        errors["price_max"] = ["Must not be below price_min."]
    if params.currency is not None:
        from kernel.iso import CURRENCIES

        if params.currency not in CURRENCIES:
            errors["currency"] = [f"Unknown currency {params.currency!r}."]
    if not 1 <= params.page_size <= MAX_PAGE_SIZE:
        errors["page_size"] = [f"Use a whole number from 1 to {MAX_PAGE_SIZE}."]
    elif params.page < 1 or (params.page - 1) * params.page_size >= MAX_WINDOW:
        errors["page"] = [f"Pages end after the first {MAX_WINDOW} results; narrow the search."]
    if params.region and region_normalise(params.region) is None:
        errors["region"] = ["Use an ISO 3166-1 country code, optionally with a subdivision (CN-JS)."]
    if errors:
        raise ValidationFailed(errors=errors)


def listing_search_queryset(
    params: ListingSearchParams, *, today: date | None = None
) -> tuple[QuerySet[Listing], _Order]:
    """Public listings matching ``params`` with the sort key annotated as ``k``, and the order.

    Raises:
        ValidationFailed: a parameter out of range, an unknown category, region, currency or sort.
    """
    _validate(params)
    query = search_query(params.q) if params.q.strip() else None
    conditions: list[Any] = [Q(is_public=True), ~Q(company_id__in=inactive_company_ids())]
    # Selective filters are answered by the GIN index too (see fulltext.filter_token), ANDed with the
    # words; unselective ones (a whole country, availability, currency) only cost it time.
    token_groups: list[list[str]] = []
    path = category_filter_path(code=params.category)
    if path is not None:
        conditions.append(Q(category_path__startswith=path))
        if "." in path:  # a top-level category is a ninth of the catalog: the path index does better
            token_groups.append([filter_token("cat", path.rstrip("/").rsplit("/", 1)[-1])])
    if params.region:
        region = region_normalise(params.region)
        assert region is not None
        keys = region_query_keys(region)
        conditions.append(Q(supplier_regions__overlap=keys))
        if "-" in region:  # a whole country's suppliers are most of them: no help from the index
            token_groups.append([filter_token("reg", key) for key in keys])
    if params.certification:
        token = certification_token(params.certification)
        if token is not None:
            token_groups.append([token])
        conditions.append(
            Exists(
                Certification.objects.filter(
                    supplier_id=OuterRef("supplier_id"),
                    type=params.certification,
                    valid_until__gte=today or timezone.localdate(),
                )
            )
        )
    simple = {
        "base_price__gte": params.price_min,
        "base_price__lte": params.price_max,
        "currency": params.currency or None,
        "moq__lte": params.moq_max,
        "lead_time_days__lte": params.lead_time_max,
        "availability": params.availability or None,
        "company_id": params.supplier_id,
    }
    conditions.extend(Q(**{name: value}) for name, value in simple.items() if value is not None)
    if params.verified_only:
        conditions.append(Q(supplier_verified=True))
        token_groups.append([VERIFIED_TOKEN])
    matching = query
    for group in token_groups:
        matching = filter_query(group) if matching is None else matching & filter_query(group)
    if matching is not None:
        conditions.append(Q(search_vector=matching))
    qs = Listing.objects.filter(*conditions)

    sort = params.sort
    if sort == "relevance" and query is None:
        sort = "newest"
    order = {
        "relevance": lambda: _Order(SearchRank(F("search_vector"), query or ""), descending=True),
        "price": lambda: _Order(F("base_price"), descending=False),
        "-price": lambda: _Order(F("base_price"), descending=True),
        "lead_time": lambda: _Order(F("lead_time_days"), descending=False),
        # The supplier rating (SupplierProfile.reputation, copied onto the listing): unrated last.
        "rating": lambda: _Order(F("supplier_rating"), descending=True, nulls_last=True),
        "newest": lambda: _Order(F("created_at"), descending=True),
    }[sort]()
    if order.descending:
        key = F("k").desc(nulls_last=True) if order.nulls_last else F("k").desc()
    else:
        key = F("k").asc()
    return qs.annotate(k=order.expression).order_by(key, "-id"), order


def listing_search_sql(params: ListingSearchParams, *, today: date | None = None) -> tuple[str, list[Any]]:
    """The one statement that finds, counts, pages and facets, built from the search queryset.

    ``m``: the first MAX_WINDOW + 1 matches the database finds, in no particular order (a broad word may
    match a hundred thousand listings; ordering all of them is what would make a search slow; and an
    index on price walked in order meets the matches of a word at the far end when they are dear), with
    the sort key and the facet columns. ``p``: the page of ``m`` in the requested order. Around them: the
    count (of ``m``), the page's result cards (as JSON) and the facet counts (of ``m``).
    """
    qs, order = listing_search_queryset(params, today=today)
    offset = (params.page - 1) * params.page_size
    columns = ("id", "k", "category_id", "availability", "supplier_verified", "supplier_regions")
    # With words: the first matches found. Without (browsing): the newest, so a browsed page is current.
    window = qs.values(*columns).order_by() if params.q.strip() else qs.values(*columns).order_by("-id")
    sample, sample_params = window[: MAX_WINDOW + 1].query.sql_with_params()
    t = {
        "listing": Listing._meta.db_table,
        "image": ListingImage._meta.db_table,
        "category": Category._meta.db_table,
        "supplier": SupplierProfile._meta.db_table,
    }
    sql = f"""WITH m AS MATERIALIZED ({sample}),
p AS (SELECT id, row_number() OVER (ORDER BY {order.sql()}) AS pos
        FROM (SELECT id, k FROM m ORDER BY {order.sql()} LIMIT %s OFFSET %s) AS page)
SELECT
  (SELECT count(*) FROM m),
  (SELECT coalesce(json_agg(json_build_array(
            l.id, l.sku, l.name_en, l.name_zh, c.code, c.name_en, c.name_zh, l.unit, l.currency,
            l.base_price::text, l.moq::text, l.lead_time_days, l.availability, l.stock_quantity::text,
            (SELECT i.id FROM {t["image"]} AS i WHERE i.listing_id = l.id ORDER BY i.position, i.id LIMIT 1),
            s.company_id, s.display_name_en, s.display_name_zh, s.verified, s.regions_served, s.rating::text,
            s.reputation::text, l.stock_item_id IS NOT NULL
          ) ORDER BY p.pos), '[]')
     FROM p JOIN {t["listing"]} AS l ON l.id = p.id
     JOIN {t["category"]} AS c ON c.id = l.category_id
     JOIN {t["supplier"]} AS s ON s.id = l.supplier_id),
  (SELECT coalesce(json_agg(json_build_array(a.code, a.name_en, a.name_zh, a.depth, g.n) ORDER BY a.code), '[]')
     FROM (SELECT up.code, sum(f.n) AS n
             FROM (SELECT category_id, count(*) AS n FROM m GROUP BY category_id) AS f
             JOIN {t["category"]} AS leaf ON leaf.id = f.category_id,
             unnest(string_to_array(leaf.path, '/')) AS up (code)
            GROUP BY up.code) AS g
     JOIN {t["category"]} AS a ON a.code = g.code),
  (SELECT coalesce(json_agg(json_build_array(availability, n) ORDER BY availability), '[]')
     FROM (SELECT availability, count(*) AS n FROM m GROUP BY availability) AS f),
  (SELECT coalesce(json_agg(json_build_array(supplier_verified, n) ORDER BY supplier_verified), '[]')
     FROM (SELECT supplier_verified, count(*) AS n FROM m GROUP BY supplier_verified) AS f),
  (SELECT coalesce(json_agg(json_build_array(r, n) ORDER BY n DESC, r), '[]')
     FROM (SELECT r, count(*) AS n FROM m, unnest(m.supplier_regions) AS r
           WHERE right(r, 1) <> '*' GROUP BY r ORDER BY n DESC, r LIMIT {MAX_REGION_FACETS}) AS f)"""  # noqa: S608 - only constants and the queryset's own SQL are interpolated
    return sql, [*sample_params, params.page_size, offset]


def _loaded(raw: Any) -> list[Any]:
    return raw if isinstance(raw, list) else json.loads(raw or "[]")


def listing_search(
    *, params: ListingSearchParams, viewer: Viewer, today: date | None = None
) -> ListingSearchPage:
    """One page of public listings for ``params`` with its facet counts (one query).

    ``viewer`` only decides what the API shows (prices); what is found is the same for everyone.

    Raises:
        ValidationFailed: see :func:`listing_search_queryset`.
    """
    sql, sql_params = listing_search_sql(params, today=today)
    with connection.cursor() as cursor:
        cursor.execute(sql, sql_params)
        count, cards, categories, availability, verified, regions = cursor.fetchone()
    facets = SearchFacets(
        categories=[
            CategoryFacet(str(code), str(name_en), str(name_zh), int(depth), int(n))
            for code, name_en, name_zh, depth, n in _loaded(categories)
        ],
        regions=[FacetCount(str(v), int(n)) for v, n in _loaded(regions)],
        availability=sorted(
            (FacetCount(str(v), int(n)) for v, n in _loaded(availability)), key=lambda f: f.value
        ),
        verified=sorted(
            (FacetCount("true" if v else "false", int(n)) for v, n in _loaded(verified)),
            key=lambda f: f.value,
        ),
    )
    capped = count > MAX_WINDOW
    return ListingSearchPage(
        count=min(count, MAX_WINDOW),
        count_capped=capped,
        page=params.page,
        page_size=params.page_size,
        listings=[ListingCard.from_row(row) for row in _loaded(cards)],
        facets=facets,
    )
