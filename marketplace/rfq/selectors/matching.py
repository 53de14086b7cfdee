# ruff: noqa: S608  (table names come from model metadata; every value is a query parameter)
"""Supplier matching and ranking for an RFQ: one set-based SQL statement, whatever the number of suppliers.

A supplier company is a candidate for an RFQ when its supplier profile is listed, acts as a supplier, the
company is active and is not the buyer, and for at least one line of the RFQ:

- one of its categories covers the line's category: the same category, an ancestor (it serves the whole
  subtree) or a descendant (it serves part of what is asked for), by ``Category.path``;
- it serves the delivery region: ``regions_served`` holds the country or the country-subdivision;
- it holds every certification type the line requires, valid on the delivery date (or, without one, on
  the closing date).

Each candidate gets a score from 0 to 100: the buyer's weighted mean of four components, each from 0 to 1,
multiplied by the share of the RFQ's lines the supplier covers (so suppliers covering every line rank
first):

- price level: 1 / (1 + r), r = the supplier's price relative to the median (1 = median, so 0.5). From
  the catalog: the median over its public listings in the RFQ's categories of the listing's price over
  the median of comparable listings (same leaf category, currency and unit; see
  ``marketplace.catalog.selectors.offers``); without comparable listings, from its past quotes on this
  buyer's closed RFQs (its unit price over the mean of all quotes on the same line: only quotes the buyer
  has seen, never other buyers'); otherwise neutral (0.5);
- reputation: the supplier rating / 5 (``SupplierProfile.reputation``: RFQ response rate, quote win rate,
  on-time delivery and buyers' ratings, smoothed, see ``marketplace/directory/history.py``; refreshed
  after every RFQ closes or is awarded), neutral (0.5) without any record;
- lead time: 14 / (14 + days), days: the mean lead time of its public listings in the RFQ's categories,
  else of its past quotes to this buyer, else neutral;
- verified badge: 1 or 0.

``reasons`` records what matched and each component with its source, for the buyer to see. Quote prices
enter the score only from the buyer's own closed and awarded RFQs, so neither sealed bids nor other
buyers' quotes can leak through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection

from marketplace.directory.models import Category, Certification, SupplierProfile
from marketplace.rfq.models import (
    InvitationSource,
    InvitationStatus,
    Quote,
    QuoteLine,
    Rfq,
    RfqInvitation,
    RfqLine,
)
from marketplace.rfq.selectors.catalog import offer_stats_sql
from tenants.models import Company

NEUTRAL_LEAD_DAYS = 14


def _tables() -> dict[str, str]:
    return {
        "rfq": Rfq._meta.db_table,
        "line": RfqLine._meta.db_table,
        "invitation": RfqInvitation._meta.db_table,
        "quote": Quote._meta.db_table,
        "quoteline": QuoteLine._meta.db_table,
        "category": Category._meta.db_table,
        "profile": SupplierProfile._meta.db_table,
        "profile_categories": SupplierProfile.categories.through._meta.db_table,
        "certification": Certification._meta.db_table,
        "company": Company._meta.db_table,
    }


def delivery_regions(region: str) -> list[str]:
    """The region codes a supplier may list to serve ``region``: the country and the subdivision."""
    region = region.upper()
    return sorted({region[:2], region}) if region else []


def _ranked_sql(rfq: Rfq) -> tuple[str, dict[str, Any]]:
    """The CTEs up to ``ranked`` (one row per candidate with score, rank and reasons) and their params."""
    t = _tables()
    category_ids = list(RfqLine.objects.filter(rfq=rfq).values_list("category_id", flat=True).distinct())
    catalog = offer_stats_sql(category_ids=category_ids)
    params: dict[str, Any] = {
        "rfq": rfq.pk,
        "buyer": rfq.buyer_id,
        "regions": delivery_regions(rfq.delivery_region),
        "valid_on": rfq.delivery_date or (rfq.closing_at.date() if rfq.closing_at else date.today()),
        "wp": rfq.weight_price,
        "wr": rfq.weight_reputation,
        "wl": rfq.weight_lead_time,
        "wv": rfq.weight_verified,
        "wsum": max(1, rfq.weight_price + rfq.weight_reputation + rfq.weight_lead_time + rfq.weight_verified),
        "lead0": NEUTRAL_LEAD_DAYS,
    }
    # The catalog's statement uses positional %s placeholders; name them for this dict-style query.
    catalog_sql, values = catalog
    for index, value in enumerate(values):
        params[f"cat{index}"] = value
    catalog_cte = catalog_sql.replace("%%", "%%%%") % tuple(f"%(cat{i})s" for i in range(len(values)))
    catalog_cte = f"SELECT company_id, price_index, lead_time_days FROM ({catalog_cte}) cat_stats"
    sql = f"""
    WITH lines AS (
        SELECT l.id AS line_id, c.path AS path, l.required_certifications AS certs
        FROM {t["line"]} l JOIN {t["category"]} c ON c.id = l.category_id
        WHERE l.rfq_id = %(rfq)s
    ),
    n_lines AS (SELECT greatest(count(*), 1) AS n FROM lines),
    req_certs AS (SELECT DISTINCT unnest(certs) AS type FROM lines),
    held AS (
        SELECT ce.supplier_id AS profile_id, array_agg(DISTINCT ce.type)::varchar[] AS types
        FROM {t["certification"]} ce
        WHERE ce.valid_until >= %(valid_on)s AND ce.type IN (SELECT type FROM req_certs)
        GROUP BY ce.supplier_id
    ),
    pairs AS (
        SELECT p.id AS profile_id, p.company_id, ln.line_id, sc.code AS category_code, ln.certs
        FROM {t["profile"]} p
        JOIN {t["company"]} co ON co.id = p.company_id
        JOIN {t["profile_categories"]} pc ON pc.supplierprofile_id = p.id
        JOIN {t["category"]} sc ON sc.id = pc.category_id
        JOIN lines ln ON (
            ln.path = sc.path
            OR starts_with(ln.path, sc.path || '/')
            OR starts_with(sc.path, ln.path || '/')
        )
        LEFT JOIN held h ON h.profile_id = p.id
        WHERE p.is_listed
          AND p.role IN ('supplier', 'both')
          AND co.status = 'active'
          AND p.company_id <> %(buyer)s
          AND p.regions_served && %(regions)s::varchar[]
          AND ln.certs::varchar[] <@ coalesce(h.types, '{{}}'::varchar[])
    ),
    cand AS (
        SELECT pr.profile_id, pr.company_id,
               count(DISTINCT pr.line_id) AS covered,
               array_agg(DISTINCT pr.category_code ORDER BY pr.category_code) AS codes,
               coalesce(array_agg(DISTINCT cert ORDER BY cert) FILTER (WHERE cert IS NOT NULL), '{{}}')
                   AS certs
        FROM pairs pr LEFT JOIN LATERAL unnest(pr.certs) AS cert ON true
        GROUP BY pr.profile_id, pr.company_id
    ),
    cat AS ({catalog_cte}),
    hist_lines AS (
        SELECT q.supplier_id, ql.rfq_line_id, ql.unit_price, ql.lead_time_days
        FROM {t["quoteline"]} ql
        JOIN {t["quote"]} q ON q.id = ql.quote_id AND q.status = 'submitted'
        JOIN {t["rfq"]} r
            ON r.id = q.rfq_id AND r.status IN ('closed', 'awarded') AND r.buyer_id = %(buyer)s
        WHERE ql.rfq_line_id IN (
            SELECT ql2.rfq_line_id FROM {t["quoteline"]} ql2
            JOIN {t["quote"]} q2 ON q2.id = ql2.quote_id AND q2.status = 'submitted'
            WHERE q2.supplier_id IN (SELECT company_id FROM cand)
        )
    ),
    line_hist AS (
        SELECT x.supplier_id, avg(x.lead_time_days)::numeric AS lead_days,
               avg(x.unit_price / nullif(x.line_avg, 0)) AS price_ratio
        FROM (
            SELECT h.*, avg(h.unit_price) OVER (PARTITION BY h.rfq_line_id) AS line_avg FROM hist_lines h
        ) x
        WHERE x.supplier_id IN (SELECT company_id FROM cand)
        GROUP BY x.supplier_id
    ),
    components AS (
        SELECT c.profile_id, c.company_id, c.covered, c.codes, c.certs, p.verified, p.regions_served,
               coalesce(cat.price_index, lh.price_ratio) AS price_ratio,
               CASE WHEN cat.price_index IS NOT NULL THEN 'catalog'
                    WHEN lh.price_ratio IS NOT NULL THEN 'quotes' ELSE 'neutral' END AS price_source,
               coalesce(cat.lead_time_days, lh.lead_days) AS lead_days,
               CASE WHEN cat.lead_time_days IS NOT NULL THEN 'catalog'
                    WHEN lh.lead_days IS NOT NULL THEN 'quotes' ELSE 'neutral' END AS lead_source,
               coalesce(p.reputation / 5.0, 0.5) AS rep_c,
               CASE WHEN p.reputation IS NOT NULL THEN 'history' ELSE 'neutral' END AS rep_source
        FROM cand c
        JOIN {t["profile"]} p ON p.id = c.profile_id
        LEFT JOIN cat ON cat.company_id = c.company_id
        LEFT JOIN line_hist lh ON lh.supplier_id = c.company_id
    ),
    scored AS (
        SELECT cp.*,
               CASE WHEN cp.price_ratio IS NULL THEN 0.5 ELSE 1.0 / (1.0 + greatest(cp.price_ratio, 0)) END
                   AS price_c,
               CASE WHEN cp.lead_days IS NULL THEN 0.5
                    ELSE %(lead0)s::numeric / (%(lead0)s + greatest(cp.lead_days, 0)) END AS lead_c,
               CASE WHEN cp.verified THEN 1.0 ELSE 0.0 END AS ver_c
        FROM components cp
    ),
    ranked AS (
        SELECT s.company_id,
               round(
                   100.0 * (%(wp)s * s.price_c + %(wr)s * s.rep_c + %(wl)s * s.lead_c + %(wv)s * s.ver_c)
                   / %(wsum)s * s.covered / (SELECT n FROM n_lines),
                   2
               ) AS score,
               jsonb_build_object(
                   'categories', to_jsonb(s.codes),
                   'lines_covered', s.covered,
                   'lines_total', (SELECT count(*) FROM lines),
                   'regions', to_jsonb(ARRAY(
                       SELECT unnest(s.regions_served) INTERSECT SELECT unnest(%(regions)s::varchar[])
                   )),
                   'certifications', to_jsonb(s.certs),
                   'verified', s.verified,
                   'components', jsonb_build_object(
                       'price_level', round(s.price_c::numeric, 3),
                       'reputation', round(s.rep_c::numeric, 3),
                       'lead_time', round(s.lead_c::numeric, 3),
                       'verified', round(s.ver_c::numeric, 3)
                   ),
                   'sources', jsonb_build_object(
                       'price_level', s.price_source,
                       'reputation', s.rep_source,
                       'lead_time', s.lead_source
                   )
               ) AS reasons
        FROM scored s
    ),
    ordered AS (
        SELECT r.*, row_number() OVER (ORDER BY r.score DESC, r.company_id) AS rank FROM ranked r
    )
    """
    return sql, params


def match_and_store(*, rfq: Rfq) -> int:
    """Rank every candidate of ``rfq`` and store it as an invitation, in one statement.

    The top ``rfq.top_n`` become ``invited``, the rest ``matched``. A supplier that already has a row (added
    or removed by the buyer before publishing) keeps its status; an added one gets its score and reasons.
    Returns the number of candidates.
    """
    sql, params = _ranked_sql(rfq)
    t = _tables()
    params.update(top_n=rfq.top_n, invited=InvitationStatus.INVITED, matched=InvitationStatus.MATCHED)
    params.update(source=InvitationSource.MATCHED)
    with connection.cursor() as cursor:
        cursor.execute(
            sql
            + f"""
            , stored AS (
                INSERT INTO {t["invitation"]}
                    (rfq_id, supplier_id, status, source, score, rank, reasons, created_at, updated_at)
                SELECT %(rfq)s, o.company_id,
                       CASE WHEN o.rank <= %(top_n)s THEN %(invited)s ELSE %(matched)s END,
                       %(source)s, o.score, o.rank, o.reasons, now(), now()
                FROM ordered o
                ON CONFLICT (rfq_id, supplier_id) DO UPDATE
                    SET score = EXCLUDED.score, rank = EXCLUDED.rank, reasons = EXCLUDED.reasons,
                        updated_at = now()
                    WHERE {t["invitation"]}.source = 'added'
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM ordered)
            """,
            params,
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


@dataclass(frozen=True)
class Candidate:
    company_id: int
    name: str
    display_name_en: str
    display_name_zh: str
    verified: bool
    score: Decimal
    rank: int
    reasons: dict[str, Any]


@dataclass(frozen=True)
class CandidatePage:
    count: int
    results: list[Candidate]


def match_preview(*, rfq: Rfq, limit: int, offset: int = 0) -> CandidatePage:
    """The ranked candidates of ``rfq`` as they would be matched now (nothing is stored)."""
    import json

    sql, params = _ranked_sql(rfq)
    t = _tables()
    params.update(limit=limit, offset=offset)
    with connection.cursor() as cursor:
        cursor.execute(
            sql
            + f"""
            SELECT o.company_id, co.name, p.display_name_en, p.display_name_zh, p.verified, o.score, o.rank,
                   o.reasons, count(*) OVER () AS total
            FROM ordered o
            JOIN {t["company"]} co ON co.id = o.company_id
            JOIN {t["profile"]} p ON p.company_id = o.company_id
            ORDER BY o.rank
            LIMIT %(limit)s OFFSET %(offset)s
            """,
            params,
        )
        rows = cursor.fetchall()
        total = rows[0][8] if rows else 0
        if not rows and offset:
            cursor.execute(sql + " SELECT count(*) FROM ordered", params)
            count_row = cursor.fetchone()
            total = count_row[0] if count_row else 0
    return CandidatePage(
        count=int(total),
        results=[
            Candidate(
                company_id=row[0],
                name=row[1],
                display_name_en=row[2],
                display_name_zh=row[3],
                verified=row[4],
                score=row[5],
                rank=int(row[6]),
                reasons=row[7] if isinstance(row[7], dict) else json.loads(row[7]),
            )
            for row in rows
        ],
    )
