"""Date ranges of the statements: a range is whole fiscal periods, read from the balances kept per period.

A statement asked for ``date_from..date_to`` covers the periods that overlap it: the range widens to the
first day of ``date_from``'s period and the last day of ``date_to``'s, and the answer says which dates it
covered. That is what lets the trial balance, balance sheet and income statement read ``AccountBalance``
(one row per account and period) and never the journal lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kernel.errors import NotFound, ValidationFailed
from tenants.finance.models import FiscalYear, Period


@dataclass(frozen=True)
class DateRange:
    date_from: date
    date_to: date
    label: str  # "2026-01" or "2026-01 to 2026-03"

    @property
    def day_before(self) -> date:
        return self.date_from - timedelta(days=1)


def range_resolve(
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    period_id: int | None = None,
    period_to_id: int | None = None,
    today: date | None = None,
) -> DateRange:
    """The whole periods covering the dates asked for (``period_id``/``period_to_id`` name periods instead).

    Without anything: the current month. Dates outside any period stay as given (nothing is posted there).

    Raises:
        NotFound: a period id that does not exist.
        ValidationFailed: the range ends before it starts.
    """
    if period_id is not None:
        first = Period.objects.filter(pk=period_id).first()
        if first is None:
            raise NotFound()
        date_from = first.start
        date_to = date_to or first.end
    if period_to_id is not None:
        last = Period.objects.filter(pk=period_to_id).first()
        if last is None:
            raise NotFound()
        date_to = last.end
    if date_from is None and date_to is None:
        day = today or date.today()
        date_from = day.replace(day=1)
        date_to = day
    elif date_from is None:
        assert date_to is not None
        date_from = date_to.replace(day=1)
    elif date_to is None:
        date_to = date_from
    if date_to < date_from:
        raise ValidationFailed(errors={"date_to": ["The range ends before it starts."]})
    start = Period.objects.filter(start__lte=date_from, end__gte=date_from).values_list("start", flat=True)
    end = Period.objects.filter(start__lte=date_to, end__gte=date_to).values_list("end", flat=True)
    snapped_from = start.first() or date_from
    snapped_to = end.first() or date_to
    first_label, last_label = f"{snapped_from:%Y-%m}", f"{snapped_to:%Y-%m}"
    label = first_label if first_label == last_label else f"{first_label} to {last_label}"
    return DateRange(date_from=snapped_from, date_to=snapped_to, label=label)


def fiscal_year_start(day: date) -> date:
    """The first day of the fiscal year containing ``day`` (January 1st when no year is open there)."""
    start = FiscalYear.objects.filter(start__lte=day, end__gte=day).values_list("start", flat=True).first()
    return start or day.replace(month=1, day=1)
