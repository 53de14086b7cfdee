"""Reads of supply-chain planning: forecasts, versions and their differences, commitments, and the plan
grid (forecast vs committed per item and week, with deviations and the weekly totals the chart shows)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum

from kernel.errors import NotFound, ValidationFailed
from tenants.supplychain.planning.models import (
    Commitment,
    CommitmentLine,
    Forecast,
    ForecastLine,
    ForecastVersion,
    ScheduledLine,
)
from tenants.supplychain.planning.weeks import horizon


def forecast_list(*, side: str = "", search: str = "", flagged: bool | None = None) -> QuerySet[Forecast]:
    """Forecasts, most recently changed first, with the newest commitment's number and flag count."""
    newest = Commitment.objects.filter(forecast=OuterRef("pk")).order_by("-number")
    rows = Forecast.objects.annotate(
        latest_commitment_number=Subquery(newest.values("number")[:1]),
        flagged_count=Subquery(newest.values("flagged_count")[:1]),
    )
    if side:
        rows = rows.filter(side=side)
    if search:
        rows = rows.filter(Q(title__icontains=search) | Q(partner_name__icontains=search))
    if flagged is True:
        rows = rows.filter(flagged_count__gt=0)
    elif flagged is False:
        rows = rows.exclude(flagged_count__gt=0)
    return rows.order_by("-updated_at", "-id")


def forecast_get(*, forecast_id: int) -> Forecast:
    forecast = forecast_list().filter(pk=forecast_id).first()
    if forecast is None:
        raise NotFound()
    return forecast


def version_list(*, forecast: Forecast) -> QuerySet[ForecastVersion]:
    return forecast.versions.annotate(
        line_count=Count("lines"), total_quantity=Sum("lines__quantity")
    ).order_by("-number")


def version_get(*, forecast: Forecast, number: int) -> ForecastVersion:
    version = version_list(forecast=forecast).filter(number=number).first()
    if version is None:
        raise NotFound()
    return version


def commitment_list(*, forecast: Forecast) -> QuerySet[Commitment]:
    return forecast.commitments.select_related("version").order_by("-number")


def commitment_get(*, commitment_id: int) -> Commitment:
    commitment = (
        Commitment.objects.select_related("forecast", "version")
        .prefetch_related("lines__scheduled")
        .filter(pk=commitment_id)
        .first()
    )
    if commitment is None:
        raise NotFound()
    return commitment


@dataclass(frozen=True)
class DiffRow:
    sku: str
    week: str
    before_quantity: Decimal
    after_quantity: Decimal
    change_quantity: Decimal


def version_diff(*, forecast: Forecast, number: int, against: int) -> list[DiffRow]:
    """The cells that differ between version ``against`` (before) and ``number`` (after); a cell missing
    from a version counts as zero."""
    after = version_get(forecast=forecast, number=number)
    before = ForecastVersion.objects.filter(forecast=forecast, number=against).first()
    if before is None:
        raise ValidationFailed(errors={"against": ["No such version of this forecast."]})
    old = {(r.sku, r.week): r.quantity for r in before.lines.all()}
    new = {(r.sku, r.week): r.quantity for r in after.lines.all()}
    rows = []
    for cell in sorted(set(old) | set(new)):
        a, b = old.get(cell, Decimal(0)), new.get(cell, Decimal(0))
        if a != b:
            rows.append(DiffRow(cell[0], cell[1], a, b, b - a))
    return rows


@dataclass(frozen=True)
class PlanCell:
    week: str
    forecast_quantity: Decimal
    committed_quantity: Decimal | None
    deviation_quantity: Decimal | None
    deviation_percent: Decimal | None
    flagged: bool
    sales_order_number: str


@dataclass(frozen=True)
class PlanRow:
    sku: str
    supplier_sku: str
    description: str
    unit: str
    cells: list[PlanCell]


@dataclass(frozen=True)
class WeekTotal:
    week: str
    forecast_quantity: Decimal
    committed_quantity: Decimal | None


@dataclass(frozen=True)
class Plan:
    """The grid of one version (the current one by default) against its newest commitment (if any)."""

    version: int
    commitment_id: int | None
    commitment_number: int | None
    tolerance_percent: Decimal
    weeks: list[str]
    rows: list[PlanRow] = field(default_factory=list)
    totals: list[WeekTotal] = field(default_factory=list)


def _percent(deviation: Decimal, forecast: Decimal) -> Decimal | None:
    if forecast == 0:
        return None
    return (deviation * 100 / forecast).quantize(Decimal("0.01"))


def forecast_plan(*, forecast: Forecast, version: int | None = None) -> Plan | None:
    """None while the forecast has no version."""
    number = version or forecast.current_version
    target = ForecastVersion.objects.filter(forecast=forecast, number=number).first()
    if target is None:
        if version is not None:
            raise ValidationFailed(errors={"version": ["No such version of this forecast."]})
        return None
    weeks = horizon(target.start_week, target.weeks)
    commitment = target.commitments.order_by("-number").first()
    forecast_cells = {(r.sku, r.week): r for r in ForecastLine.objects.filter(version=target)}
    committed: dict[tuple[str, str], CommitmentLine] = {}
    if commitment is not None:
        committed = {(r.sku, r.week): r for r in commitment.lines.all()}
    scheduled = {
        (s.sku, s.week): s.sales_order_number for s in ScheduledLine.objects.filter(forecast=forecast)
    }
    labels: dict[str, tuple[str, str, str]] = {}
    for (sku, _), line in forecast_cells.items():
        labels.setdefault(sku, (line.description, line.unit, ""))
    for (sku, _), cline in committed.items():
        description, unit, _ = labels.get(sku, (cline.description, cline.unit, ""))
        if cline.supplier_sku:
            labels[sku] = (description, unit, cline.supplier_sku)
        else:
            labels.setdefault(sku, (description, unit, ""))
    totals_f: dict[str, Decimal] = defaultdict(Decimal)
    totals_c: dict[str, Decimal] = defaultdict(Decimal)
    rows = []
    for sku in sorted(labels):
        description, unit, supplier_sku = labels[sku]
        cells = []
        for week in weeks:
            f_line = forecast_cells.get((sku, week))
            f = f_line.quantity if f_line is not None else Decimal(0)
            c_line = committed.get((sku, week))
            totals_f[week] += f
            if commitment is None:
                cells.append(PlanCell(week, f, None, None, None, False, scheduled.get((sku, week), "")))
                continue
            c = c_line.committed_quantity if c_line is not None else Decimal(0)
            totals_c[week] += c
            deviation = c - f
            cells.append(
                PlanCell(
                    week,
                    f,
                    c,
                    deviation,
                    _percent(deviation, f),
                    bool(c_line.flagged) if c_line is not None else False,
                    scheduled.get((sku, week), ""),
                )
            )
        rows.append(PlanRow(sku, supplier_sku, description, unit, cells))
    totals = [
        WeekTotal(week, totals_f[week], totals_c[week] if commitment is not None else None) for week in weeks
    ]
    return Plan(
        version=target.number,
        commitment_id=commitment.pk if commitment is not None else None,
        commitment_number=commitment.number if commitment is not None else None,
        tolerance_percent=target.tolerance_percent,
        weeks=weeks,
        rows=rows,
        totals=totals,
    )


def commitment_lines(*, commitment: Commitment) -> list[dict[str, Any]]:
    out = []
    for line in commitment.lines.all():
        scheduled = getattr(line, "scheduled", None) if hasattr(line, "scheduled") else None
        out.append(
            {
                "sku": line.sku,
                "supplier_sku": line.supplier_sku,
                "description": line.description,
                "unit": line.unit,
                "week": line.week,
                "forecast_quantity": line.forecast_quantity,
                "committed_quantity": line.committed_quantity,
                "deviation_quantity": line.deviation_quantity,
                "deviation_percent": _percent(line.deviation_quantity, line.forecast_quantity),
                "flagged": line.flagged,
                "sales_order_id": scheduled.sales_order_id if scheduled is not None else None,
                "sales_order_number": scheduled.sales_order_number if scheduled is not None else "",
            }
        )
    return out
