"""ISO weeks as planning speaks them: ``"2026-W50"`` (ISO 8601 year and week, Monday first)."""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")
MAX_WEEKS = 52


def parse_week(text: str) -> date | None:
    """The Monday of ISO week ``text`` (``"2026-W50"``), or None if it is not a valid ISO week."""
    match = WEEK_RE.match(str(text).strip())
    if match is None:
        return None
    year, week = int(match.group(1)), int(match.group(2))
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        return None


def week_of(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def monday(week: str) -> date:
    day = parse_week(week)
    if day is None:
        raise ValueError(f"not an ISO week: {week!r}")
    return day


def horizon(start_week: str, weeks: int) -> list[str]:
    """The ``weeks`` ISO weeks from ``start_week`` on, in order."""
    first = monday(start_week)
    return [week_of(first + timedelta(weeks=n)) for n in range(weeks)]
