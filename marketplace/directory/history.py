# ruff: noqa: S608  (table names come from model metadata; every value is a query parameter)
"""A supplier's history on the platform and the supplier rating computed from it.

Figures, from real platform events only:

- RFQ response rate = RFQs answered / RFQs received. Received: invitations (status ``invited``) to RFQs
  that have closed or been awarded (open ones are still being answered, cancelled ones do not count);
  answered: of those, the ones the supplier submitted a quote on (``marketplace.rfq``).
- Quote win rate = quotes won / quotes decided. Decided: its submitted quotes on RFQs that were awarded;
  won: of those, the ones awarded at least one line (``marketplace.rfq``).
- On-time delivery rate = on-time dispatches / dispatches (``marketplace.exchange`` trade documents): each
  dispatch advice the supplier sent against a purchase order it received counts once, when the order
  names a requested date for the lines shipped (the line's own, else the order's); it is on time when
  its ``shipped_at`` (as a UTC date) is on or before the earliest of those dates. Nothing to count (no
  trading yet): None, "no history yet".

Each rate is None while its denominator is 0.

Supplier rating (0 to 5, ``SupplierProfile.reputation``; what search sorts by and what RFQ matching takes
as the reputation component, divided by 5):

    rating = 5 x mean of: (answered + 1) / (received + 2),
                          (won + 1) / (decided + 2),
                          (on_time + 1) / (dispatches + 2)   -- only once it has dispatches,
                          buyers' rating / 5                 -- only once buyers rated it,

and None when there is no event at all (no RFQ received, no quote decided, no dispatch, no rating):
unrated suppliers sort last. The ``+1 / +2`` (Laplace smoothing) puts a supplier without a record in a
part at 0.5 and makes a long good record worth more than one lucky answer (1 of 1 gives 0.667, 20 of 20
0.955). Stored on the profile and copied onto its listings (``Listing.supplier_rating``) by
``directory.services.supplier_reputation_refresh``, which runs after every RFQ closes, is awarded or is
cancelled after closing (outbox ``rfq.history``) and daily for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db import connection

from marketplace.directory.models import SupplierProfile

RATE_PLACES = Decimal("0.001")


@dataclass(frozen=True)
class RfqFigures:
    """What the RFQ app knows of a supplier: invitations answered and quotes that won."""

    rfqs_received: int
    rfqs_answered: int
    quotes_submitted: int
    quotes_won: int


@dataclass(frozen=True)
class DeliveryFigures:
    deliveries: int
    on_time: int


@dataclass(frozen=True)
class SupplierHistory:
    """Figures computed from real platform events; each rate is None while there is nothing to compute
    it from. ``reputation`` is the supplier rating (0 to 5) those figures give now."""

    rfq_response_rate: Decimal | None
    quote_win_rate: Decimal | None
    on_time_delivery_rate: Decimal | None
    rfqs_received: int
    rfqs_answered: int
    quotes_submitted: int
    quotes_won: int
    deliveries: int
    on_time_deliveries: int
    reputation: Decimal | None

    @property
    def has_history(self) -> bool:
        return self.rfqs_received > 0 or self.quotes_submitted > 0 or self.deliveries > 0


def _rate(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) / Decimal(whole)).quantize(RATE_PLACES) if whole else None


def _smoothed(part: int, whole: int) -> Decimal:
    return Decimal(part + 1) / Decimal(whole + 2)


def reputation_of(rfq: RfqFigures, delivery: DeliveryFigures, rating: Decimal | None) -> Decimal | None:
    """The supplier rating (0 to 5, three places) of these figures, or None without any record."""
    if not (rfq.rfqs_received or rfq.quotes_submitted or delivery.deliveries or rating is not None):
        return None
    parts = [
        _smoothed(rfq.rfqs_answered, rfq.rfqs_received),
        _smoothed(rfq.quotes_won, rfq.quotes_submitted),
    ]
    if delivery.deliveries:
        parts.append(_smoothed(delivery.on_time, delivery.deliveries))
    if rating is not None:
        parts.append(Decimal(rating) / 5)
    mean = sum(parts, Decimal(0)) / len(parts)
    return (5 * mean).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def rfq_figures(company_ids: list[int]) -> dict[int, RfqFigures]:
    from marketplace.rfq.selectors import supplier_rfq_records

    return {
        company_id: RfqFigures(
            rfqs_received=r.rfqs_received,
            rfqs_answered=r.rfqs_answered,
            quotes_submitted=r.quotes_submitted,
            quotes_won=r.quotes_won,
        )
        for company_id, r in supplier_rfq_records(company_ids=company_ids).items()
    }


_tables_found: set[str] = set()


def _trade_documents_table() -> str | None:
    """The exchange's document table once that app is installed and migrated, else None."""
    if not apps.is_installed("marketplace.exchange"):
        return None
    from django_tenants.utils import get_public_schema_name

    from marketplace.exchange.models import TradeDocument

    table = TradeDocument._meta.db_table
    if table not in _tables_found:
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [f"{get_public_schema_name()}.{table}"])
            row = cursor.fetchone()
        if not (row and row[0]):
            return None
        _tables_found.add(table)
    return table


def delivery_figures(company_ids: list[int]) -> dict[int, DeliveryFigures]:
    """Dispatches and on-time dispatches of these supplier companies (one query; zeros when trading
    documents do not exist yet)."""
    ids = list(dict.fromkeys(company_ids))
    zero = DeliveryFigures(deliveries=0, on_time=0)
    table = _trade_documents_table() if ids else None
    if table is None:
        return dict.fromkeys(ids, zero)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT x.supplier_id, count(*), count(*) FILTER (WHERE x.shipped_on <= x.due)
            FROM (
                SELECT po.receiver_id AS supplier_id,
                       ((d.payload->>'shipped_at')::timestamptz AT TIME ZONE 'UTC')::date AS shipped_on,
                       (SELECT min(coalesce(pl->>'requested_date', po.payload->>'requested_date')::date)
                          FROM jsonb_array_elements(po.payload->'lines') AS pl
                         WHERE pl->>'line_no' IN (
                             SELECT dl->>'line_no' FROM jsonb_array_elements(d.payload->'lines') AS dl
                         )) AS due
                FROM {table} d
                JOIN {table} po ON po.id = d.refers_to_id
                WHERE d.kind = 'dispatch_advice' AND d.validated
                  AND po.kind = 'purchase_order' AND po.validated
                  AND d.sender_id = po.receiver_id
                  AND po.receiver_id = ANY(%s)
            ) x
            WHERE x.due IS NOT NULL
            GROUP BY x.supplier_id
            """,
            [ids],
        )
        found = {int(c): DeliveryFigures(int(n), int(ok)) for c, n, ok in cursor.fetchall()}
    return {company_id: found.get(company_id, zero) for company_id in ids}


def supplier_histories(*, profiles: list[SupplierProfile]) -> dict[int, SupplierHistory]:
    """The history of each of these profiles, by company id (a fixed number of queries)."""
    ids = [p.company_id for p in profiles]
    rfqs = rfq_figures(ids)
    deliveries = delivery_figures(ids)
    out: dict[int, SupplierHistory] = {}
    for profile in profiles:
        rfq = rfqs[profile.company_id]
        delivery = deliveries[profile.company_id]
        out[profile.company_id] = SupplierHistory(
            rfq_response_rate=_rate(rfq.rfqs_answered, rfq.rfqs_received),
            quote_win_rate=_rate(rfq.quotes_won, rfq.quotes_submitted),
            on_time_delivery_rate=_rate(delivery.on_time, delivery.deliveries),
            rfqs_received=rfq.rfqs_received,
            rfqs_answered=rfq.rfqs_answered,
            quotes_submitted=rfq.quotes_submitted,
            quotes_won=rfq.quotes_won,
            deliveries=delivery.deliveries,
            on_time_deliveries=delivery.on_time,
            reputation=reputation_of(rfq, delivery, profile.rating),
        )
    return out


def supplier_history(*, supplier: SupplierProfile) -> SupplierHistory:
    return supplier_histories(profiles=[supplier])[supplier.company_id]
