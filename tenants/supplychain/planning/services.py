"""Writes of supply-chain planning: publishing forecast versions (entered, imported, derived), receiving
them, committing to them, receiving commitments, and scheduling sales orders from a commitment.

Every write runs in one transaction with its audit entry and the trade document it sends (the exchange
delivers after commit): bad input raises before anything is written. Publishing and committing lock the
forecast row, so two publishes at once get consecutive version numbers; scheduling locks the commitment
row, so a commitment line becomes a sales order line exactly once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from identity.access import Actor
from identity.services import audit_record
from kernel.errors import NotFound, ValidationFailed
from tenants.models import Company
from tenants.supplychain.planning.exceptions import (
    CommitmentAlreadyScheduled,
    CommitmentSuperseded,
    NotTheBuyersForecast,
    NotTheSuppliersForecast,
)
from tenants.supplychain.planning.models import (
    DEFAULT_TOLERANCE,
    Commitment,
    CommitmentLine,
    Forecast,
    ForecastLine,
    ForecastSide,
    ForecastVersion,
    ScheduledLine,
    VersionSource,
)
from tenants.supplychain.planning.weeks import MAX_WEEKS, horizon, monday, parse_week, week_of

VIEW, MANAGE = "supplychain.view", "supplychain.manage"
Errors = dict[str, list[str]]
MAX_QUANTITY = Decimal("99999999999999")
PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Cell:
    """One quantity of a grid: item (SKU) and ISO week. ``supplier_sku`` only in commitments."""

    sku: str
    week: str
    quantity: Any
    supplier_sku: str = ""


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def quantity_error(value: Any) -> tuple[Decimal | None, str]:
    """(the quantity, "") or (None, why it is refused): numbers only, not negative, 4 decimals at most."""
    if isinstance(value, bool) or value is None or (isinstance(value, str) and not value.strip()):
        return None, "Enter a number."
    try:
        number = Decimal(str(value).strip())
    except Exception:
        return None, "Enter a number."
    if not number.is_finite():
        return None, "Enter a number."
    if number < 0:
        return None, "The quantity cannot be negative."
    if number > MAX_QUANTITY:
        return None, "The quantity is too large."
    if number != number.quantize(PLACES):
        return None, "Use at most 4 decimal places."
    return number.quantize(PLACES), ""


def flagged(forecast_quantity: Decimal, committed_quantity: Decimal, tolerance_percent: Decimal) -> bool:
    """Whether committed - forecast is beyond ``tolerance_percent`` of the forecast (any commitment against
    a zero forecast is beyond it)."""
    return abs(committed_quantity - forecast_quantity) > forecast_quantity * tolerance_percent / 100


def _this_company() -> Company:
    from kernel.tenancy import current_company, current_schema

    company = current_company()
    if company is not None:
        return company  # type: ignore[no-any-return]
    return Company.objects.get(schema_name=current_schema())


def _audit(
    *, actor: Actor | None, action: str, forecast: Forecast, after: dict[str, Any] | None = None
) -> None:
    audit_record(
        action=action,
        company=actor.company if actor is not None else _this_company(),
        actor=actor.user if actor is not None else None,
        actor_label=actor.label if actor is not None else "trade document",
        target_type="forecast",
        target_id=forecast.pk,
        after=after,
    )


def _notify(*, company_id: int, kind: str, key: str, forecast: Forecast, **extra: Any) -> None:
    from notifications.selectors import members_with_permission
    from notifications.services import notification_send

    notification_send(
        recipients=members_with_permission(companies=[company_id], permission=VIEW),
        kind=kind,
        key=key,
        payload={"title": forecast.title, "partner": forecast.partner_name, **extra},
        subject_type="forecast",
        subject_id=forecast.pk,
    )


def _check_horizon(errors: Errors, start_week: str, weeks: int) -> None:
    if parse_week(start_week) is None:
        _add(errors, "start_week", "Use an ISO week like 2026-W50.")
    if not 1 <= weeks <= MAX_WEEKS:
        _add(errors, "weeks", f"Use from 1 to {MAX_WEEKS} weeks.")


def _check_tolerance(errors: Errors, tolerance: Decimal) -> None:
    if not tolerance.is_finite() or tolerance < 0 or tolerance > 999:
        _add(errors, "tolerance_percent", "Use a percentage from 0 to 999.")


def _lock(forecast_id: int) -> Forecast:
    forecast = Forecast.objects.select_for_update().filter(pk=forecast_id).first()
    if forecast is None:
        raise NotFound()
    return forecast


# The buyer: forecasts and their versions -------------------------------------------------------------------


@transaction.atomic
def forecast_create(
    *,
    actor: Actor,
    supplier_id: int,
    title: str,
    start_week: str,
    weeks: int = 12,
    tolerance_percent: Decimal = DEFAULT_TOLERANCE,
) -> Forecast:
    """A forecast for a trading partner (the supplier), with its horizon and tolerance; no version yet
    (publish one with ``forecast_publish``, ``forecast_import`` or ``forecast_derive``).

    Raises: PermissionMissing (supplychain.manage), ValidationFailed (not a trading partner, bad horizon
    or tolerance).
    """
    from marketplace.exchange.models import PartnerLink

    actor.require(MANAGE)
    errors: Errors = {}
    link = (
        PartnerLink.objects.filter(company=actor.company, partner_id=supplier_id)
        .select_related("partner")
        .first()
    )
    if link is None:
        _add(errors, "supplier_id", "Not a trading partner: forecasts go to companies you trade with.")
    if not title.strip():
        _add(errors, "title", "Give the forecast a title.")
    _check_horizon(errors, start_week, weeks)
    _check_tolerance(errors, tolerance_percent)
    if errors:
        raise ValidationFailed(errors=errors)
    assert link is not None
    forecast = Forecast.objects.create(
        side=ForecastSide.BUYER,
        partner_company_id=supplier_id,
        partner_name=link.partner.name[:200],
        title=title.strip(),
        start_week=start_week,
        weeks=weeks,
        tolerance_percent=tolerance_percent,
    )
    _audit(actor=actor, action="forecast.created", forecast=forecast, after={"title": forecast.title})
    return forecast


def _buyer_forecast(forecast_id: int) -> Forecast:
    forecast = _lock(forecast_id)
    if forecast.side != ForecastSide.BUYER:
        raise NotTheBuyersForecast()
    return forecast


def _checked_cells(
    errors: Errors, cells: list[Cell], weeks: list[str], field: str = "lines"
) -> list[tuple[str, str, Decimal]]:
    """The cells with their quantities, errors collected per line (``lines.<n>.<field>``)."""
    allowed = set(weeks)
    seen: set[tuple[str, str]] = set()
    out = []
    for index, cell in enumerate(cells):
        at = f"{field}.{index}"
        quantity, why = quantity_error(cell.quantity)
        if quantity is None:
            _add(errors, f"{at}.quantity", why)
        if not str(cell.sku).strip():
            _add(errors, f"{at}.sku", "Give the item's SKU.")
        if parse_week(cell.week) is None:
            _add(errors, f"{at}.week", "Use an ISO week like 2026-W50.")
        elif cell.week not in allowed:
            _add(errors, f"{at}.week", f"Outside the horizon {weeks[0]} to {weeks[-1]}.")
        if (cell.sku, cell.week) in seen:
            _add(errors, f"{at}.week", "This item and week appear twice.")
        seen.add((cell.sku, cell.week))
        if quantity is not None:
            out.append((str(cell.sku).strip(), cell.week, quantity))
    return out


@transaction.atomic
def forecast_publish(
    *,
    actor: Actor,
    forecast_id: int,
    lines: list[Cell],
    source: str = VersionSource.ENTERED,
    start_week: str | None = None,
    weeks: int | None = None,
    tolerance_percent: Decimal | None = None,
    note: str = "",
    errors_at: str = "lines",
) -> ForecastVersion:
    """Publish a new version of a forecast (the next number) and send it to the supplier as a ``forecast``
    document. Items are this company's inventory items (by SKU); every cell within the horizon (which may
    roll forward: ``start_week``/``weeks``); quantities numbers ≥ 0. The tolerance may change with it.

    Raises: PermissionMissing (supplychain.manage), NotFound, NotTheBuyersForecast, ValidationFailed (unknown
    SKU, negative or non-numeric quantity, a week outside the horizon, a cell twice, no lines): nothing is
    written then.
    """
    from marketplace.exchange.services import document_send
    from tenants.inventory.models import Item

    actor.require(MANAGE)
    forecast = _buyer_forecast(forecast_id)
    start = start_week or forecast.start_week
    count = weeks or forecast.weeks
    tolerance = forecast.tolerance_percent if tolerance_percent is None else tolerance_percent
    errors: Errors = {}
    _check_horizon(errors, start, count)
    _check_tolerance(errors, tolerance)
    if errors:
        raise ValidationFailed(errors=errors)
    if not lines:
        _add(errors, errors_at, "Give at least one quantity.")
    grid = horizon(start, count)
    checked = _checked_cells(errors, lines, grid, errors_at)
    items = {
        item.sku: item
        for item in Item.objects.filter(sku__in={sku for sku, _, _ in checked}).only(
            "sku", "name_en", "name_zh", "unit"
        )
    }
    for index, cell in enumerate(lines):
        if str(cell.sku).strip() and str(cell.sku).strip() not in items:
            _add(errors, f"{errors_at}.{index}.sku", f"No item with SKU {cell.sku!r}.")
    if errors:
        raise ValidationFailed(errors=errors)
    forecast.current_version += 1
    forecast.start_week, forecast.weeks, forecast.tolerance_percent = start, count, tolerance
    forecast.save(update_fields=["current_version", "start_week", "weeks", "tolerance_percent", "updated_at"])
    version = ForecastVersion.objects.create(
        forecast=forecast,
        number=forecast.current_version,
        source=source,
        start_week=start,
        weeks=count,
        tolerance_percent=tolerance,
        note=note[:1000],
        published_by=actor.label,
    )
    rows = [
        ForecastLine(
            version=version,
            sku=sku,
            description=(items[sku].name_en or items[sku].name_zh)[:300],
            unit=items[sku].unit,
            week=week,
            quantity=quantity,
        )
        for sku, week, quantity in checked
    ]
    ForecastLine.objects.bulk_create(rows)
    supplier = Company.objects.filter(pk=forecast.partner_company_id).first()
    if supplier is None:
        raise ValidationFailed(errors={"supplier_id": ["The supplier's company no longer exists."]})
    document = document_send(
        sender=actor.company,
        receiver=supplier,
        kind="forecast",
        payload={
            "forecast_key": str(forecast.key),
            "title": forecast.title,
            "version": version.number,
            "start_week": start,
            "weeks": count,
            "tolerance_percent": str(tolerance),
            "note": version.note,
            "lines": [
                {
                    "sku": row.sku,
                    "description": row.description,
                    "unit": row.unit,
                    "week": row.week,
                    "quantity": str(row.quantity),
                }
                for row in rows
            ],
        },
    )
    version.document_id = document.pk
    version.save(update_fields=["document_id"])
    _audit(
        actor=actor,
        action="forecast.published",
        forecast=forecast,
        after={"version": version.number, "source": source, "lines": len(rows)},
    )
    return version


def forecast_import(*, actor: Actor, forecast_id: int, content: bytes, note: str = "") -> ForecastVersion:
    """Publish a version from an XLSX file (see ``xlsx.read_forecast``): the whole file or nothing.

    Raises: what ``forecast_publish`` raises; a file that cannot be read, or any bad cell, is a
    ValidationFailed listing every error by cell (``file.B3``), and nothing is written.
    """
    from tenants.supplychain.planning.xlsx import read_forecast

    actor.require(MANAGE)
    forecast = Forecast.objects.filter(pk=forecast_id).first()
    if forecast is None:
        raise NotFound()
    if forecast.side != ForecastSide.BUYER:
        raise NotTheBuyersForecast()
    from tenants.inventory.models import Item

    def known(skus: set[str]) -> set[str]:
        return set(Item.objects.filter(sku__in=skus).values_list("sku", flat=True))

    cells = read_forecast(content, weeks=horizon(forecast.start_week, forecast.weeks), known_skus=known)
    return forecast_publish(
        actor=actor,
        forecast_id=forecast_id,
        lines=cells,
        source=VersionSource.IMPORTED,
        note=note,
        errors_at="file",
    )


def consumption_per_week(*, skus: list[str] | None, weeks_back: int, today: Any = None) -> dict[str, Decimal]:
    """Issues per item (SKU) per week, averaged over the ``weeks_back`` full weeks before this one."""
    from tenants.inventory.models import LedgerEntry, LedgerKind

    this_monday = monday(week_of(today or timezone.localdate()))
    since = this_monday - timedelta(weeks=weeks_back)
    entries = LedgerEntry.objects.filter(
        kind=LedgerKind.ISSUE, created_at__date__gte=since, created_at__date__lt=this_monday
    )
    if skus:
        entries = entries.filter(item__sku__in=skus)
    totals = entries.values("item__sku").annotate(total=Sum("quantity")).order_by("item__sku")
    return {
        row["item__sku"]: (row["total"] / weeks_back).quantize(PLACES, rounding=ROUND_HALF_UP)
        for row in totals
    }


def forecast_derive(
    *, actor: Actor, forecast_id: int, weeks_back: int = 8, skus: list[str] | None = None, today: Any = None
) -> ForecastVersion:
    """Publish a version derived from this company's consumption: for each item (``skus``, or every item
    issued in the window), its issues per week averaged over the last ``weeks_back`` full weeks, the same
    quantity for every week of the horizon.

    Raises: what ``forecast_publish`` raises; ValidationFailed when ``weeks_back`` is not 1..52 or there is
    no consumption to derive from.
    """
    actor.require(MANAGE)
    forecast = Forecast.objects.filter(pk=forecast_id).first()
    if forecast is None:
        raise NotFound()
    if forecast.side != ForecastSide.BUYER:
        raise NotTheBuyersForecast()
    if not 1 <= weeks_back <= MAX_WEEKS:
        raise ValidationFailed(errors={"weeks_back": [f"Use from 1 to {MAX_WEEKS} weeks."]})
    averages = consumption_per_week(skus=skus, weeks_back=weeks_back, today=today)
    if skus:
        averages = {sku: averages.get(sku, Decimal(0)) for sku in skus}
    if not averages:
        raise ValidationFailed(
            errors={"skus": ["No issues in the window: nothing to derive a forecast from."]}
        )
    cells = [
        Cell(sku=sku, week=week, quantity=quantity)
        for sku, quantity in averages.items()
        for week in horizon(forecast.start_week, forecast.weeks)
    ]
    return forecast_publish(
        actor=actor,
        forecast_id=forecast_id,
        lines=cells,
        source=VersionSource.DERIVED,
        note=f"Average issues per week over the last {weeks_back} weeks.",
        errors_at="skus",
    )


# The supplier: receiving versions, committing -------------------------------------------------------------


def forecast_received(
    *, document_id: Any, sender_id: int, sender_name: str, payload: dict[str, Any]
) -> ForecastVersion:
    """Keep a received version (runs in the supplier's schema inside the ingestion transaction; the
    exchange runs it once per document). The forecast is made on its first version; a version older than
    the current one is kept but does not change the forecast's horizon."""
    forecast, _ = Forecast.objects.select_for_update().get_or_create(
        side=ForecastSide.SUPPLIER,
        partner_company_id=sender_id,
        key=payload["forecast_key"],
        defaults={
            "partner_name": sender_name[:200],
            "title": payload["title"],
            "start_week": payload["start_week"],
            "weeks": payload["weeks"],
            "tolerance_percent": Decimal(payload["tolerance_percent"]),
        },
    )
    number = int(payload["version"])
    version = ForecastVersion.objects.create(
        forecast=forecast,
        number=number,
        source=VersionSource.RECEIVED,
        start_week=payload["start_week"],
        weeks=payload["weeks"],
        tolerance_percent=Decimal(payload["tolerance_percent"]),
        note=payload.get("note") or "",
        document_id=document_id,
        published_by=sender_name[:254],
    )
    ForecastLine.objects.bulk_create(
        [
            ForecastLine(
                version=version,
                sku=line["sku"],
                description=line.get("description") or "",
                unit=line.get("unit") or "",
                week=line["week"],
                quantity=Decimal(line["quantity"]),
            )
            for line in payload["lines"]
        ]
    )
    if number >= forecast.current_version:
        forecast.current_version = number
        forecast.title = payload["title"]
        forecast.partner_name = sender_name[:200]
        forecast.start_week, forecast.weeks = payload["start_week"], payload["weeks"]
        forecast.tolerance_percent = Decimal(payload["tolerance_percent"])
        forecast.save()
    _audit(actor=None, action="forecast.received", forecast=forecast, after={"version": number})
    _notify(
        company_id=_this_company().pk,
        kind="supplychain.forecast_received",
        key=f"supplychain.forecast_received:{document_id}",
        forecast=forecast,
        version=number,
    )
    return version


def _version_cells(version: ForecastVersion) -> dict[tuple[str, str], ForecastLine]:
    return {(line.sku, line.week): line for line in version.lines.all()}


def _commitment_lines(
    commitment: Commitment, version: ForecastVersion, committed: dict[tuple[str, str], tuple[Decimal, str]]
) -> list[CommitmentLine]:
    """Every cell of the version plus any committed cell outside it (forecast zero), with deviations."""
    forecast_cells = _version_cells(version)
    labels = {sku: (line.description, line.unit) for (sku, _), line in forecast_cells.items()}
    cells = set(forecast_cells) | set(committed)
    rows = []
    for sku, week in sorted(cells):
        forecast_quantity = (
            forecast_cells[(sku, week)].quantity if (sku, week) in forecast_cells else Decimal(0)
        )
        committed_quantity, supplier_sku = committed.get((sku, week), (Decimal(0), ""))
        description, unit = labels.get(sku, ("", ""))
        rows.append(
            CommitmentLine(
                commitment=commitment,
                sku=sku,
                supplier_sku=supplier_sku,
                description=description,
                unit=unit,
                week=week,
                forecast_quantity=forecast_quantity,
                committed_quantity=committed_quantity,
                deviation_quantity=committed_quantity - forecast_quantity,
                flagged=flagged(forecast_quantity, committed_quantity, version.tolerance_percent),
            )
        )
    return rows


@transaction.atomic
def commitment_create(
    *, actor: Actor, forecast_id: int, lines: list[Cell], version: int | None = None, note: str = ""
) -> Commitment:
    """The supplier commits quantities per item and week to a version of a received forecast (its newest
    by default) and sends them to the buyer (``forecast_commitment`` referring to that version's
    document). A cell of the version not given is committed as zero. Each cell's deviation (committed -
    forecast) beyond the version's tolerance is flagged, and both sides are told.

    Raises: PermissionMissing (supplychain.manage), NotFound, NotTheSuppliersForecast, ValidationFailed (no
    such version, an item not in the forecast, a week outside its horizon, a negative or non-numeric
    quantity, a cell twice): nothing is written then.
    """
    from marketplace.exchange.services import document_send

    actor.require(MANAGE)
    forecast = _lock(forecast_id)
    if forecast.side != ForecastSide.SUPPLIER:
        raise NotTheSuppliersForecast()
    number = version or forecast.current_version
    target = ForecastVersion.objects.filter(forecast=forecast, number=number).first()
    if target is None:
        raise ValidationFailed(errors={"version": ["No such version of this forecast."]})
    errors: Errors = {}
    if not lines:
        _add(errors, "lines", "Give at least one quantity.")
    checked = _checked_cells(errors, lines, horizon(target.start_week, target.weeks))
    known = set(target.lines.values_list("sku", flat=True).distinct())
    for index, cell in enumerate(lines):
        if str(cell.sku).strip() and str(cell.sku).strip() not in known:
            _add(errors, f"lines.{index}.sku", f"{cell.sku!r} is not in this forecast.")
    if errors:
        raise ValidationFailed(errors=errors)
    supplier_skus = {(str(c.sku).strip(), c.week): str(c.supplier_sku or "").strip()[:100] for c in lines}
    committed = {(sku, week): (quantity, supplier_skus[(sku, week)]) for sku, week, quantity in checked}
    last = forecast.commitments.order_by("-number").values_list("number", flat=True).first() or 0
    commitment = Commitment.objects.create(
        forecast=forecast, version=target, number=last + 1, note=note[:1000], committed_by=actor.label
    )
    rows = _commitment_lines(commitment, target, committed)
    CommitmentLine.objects.bulk_create(rows)
    commitment.flagged_count = sum(1 for row in rows if row.flagged)
    buyer = Company.objects.filter(pk=forecast.partner_company_id).first()
    if buyer is None or target.document_id is None:
        raise ValidationFailed(errors={"version": ["The buyer of this forecast is no longer on Hansa."]})
    document = document_send(
        sender=actor.company,
        receiver=buyer,
        kind="forecast_commitment",
        refers_to=target.document_id,
        payload={
            "forecast_key": str(forecast.key),
            "version": target.number,
            "commitment_number": commitment.number,
            "note": commitment.note,
            "lines": [
                {
                    "sku": row.sku,
                    "supplier_sku": row.supplier_sku,
                    "week": row.week,
                    "quantity": str(row.committed_quantity),
                }
                for row in rows
            ],
        },
    )
    commitment.document_id = document.pk
    commitment.save(update_fields=["flagged_count", "document_id"])
    forecast.save(update_fields=["updated_at"])
    _audit(
        actor=actor,
        action="forecast.committed",
        forecast=forecast,
        after={
            "version": target.number,
            "commitment": commitment.number,
            "flagged": commitment.flagged_count,
        },
    )
    if commitment.flagged_count:
        _notify(
            company_id=actor.company.pk,
            kind="supplychain.forecast_deviation",
            key=f"supplychain.forecast_deviation:{document.pk}",
            forecast=forecast,
            version=target.number,
            cells=commitment.flagged_count,
        )
    return commitment


def commitment_received(*, document_id: Any, sender_id: int, payload: dict[str, Any]) -> Commitment:
    """Keep a supplier's commitment (runs in the buyer's schema inside the ingestion transaction, once per
    document): deviations are worked out here against the buyer's own copy of the version, and the
    buyer's members are told (and told of the deviations beyond tolerance).

    Raises: LookupError when the forecast or version is not this company's (the document then fails and
    stays visible to operators: the exchange guarantees it refers to a forecast document we sent).
    """
    forecast = (
        Forecast.objects.select_for_update()
        .filter(side=ForecastSide.BUYER, partner_company_id=sender_id, key=payload["forecast_key"])
        .first()
    )
    if forecast is None:
        raise LookupError(f"no forecast {payload['forecast_key']} published to company {sender_id}")
    version = ForecastVersion.objects.filter(forecast=forecast, number=payload["version"]).first()
    if version is None:
        raise LookupError(f"forecast {forecast.pk} has no version {payload['version']}")
    commitment = Commitment.objects.create(
        forecast=forecast,
        version=version,
        number=int(payload["commitment_number"]),
        note=payload.get("note") or "",
        document_id=document_id,
        committed_by=forecast.partner_name,
    )
    committed = {
        (line["sku"], line["week"]): (Decimal(line["quantity"]), line.get("supplier_sku") or "")
        for line in payload["lines"]
    }
    rows = _commitment_lines(commitment, version, committed)
    CommitmentLine.objects.bulk_create(rows)
    commitment.flagged_count = sum(1 for row in rows if row.flagged)
    commitment.save(update_fields=["flagged_count"])
    forecast.save(update_fields=["updated_at"])
    _audit(
        actor=None,
        action="forecast.commitment_received",
        forecast=forecast,
        after={
            "version": version.number,
            "commitment": commitment.number,
            "flagged": commitment.flagged_count,
        },
    )
    company_id = _this_company().pk
    _notify(
        company_id=company_id,
        kind="supplychain.forecast_committed",
        key=f"supplychain.forecast_committed:{document_id}",
        forecast=forecast,
        version=version.number,
    )
    if commitment.flagged_count:
        _notify(
            company_id=company_id,
            kind="supplychain.forecast_deviation",
            key=f"supplychain.forecast_deviation:{document_id}",
            forecast=forecast,
            version=version.number,
            cells=commitment.flagged_count,
        )
    return commitment


# The supplier: scheduled sales orders ---------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduledOrder:
    sales_order_id: int
    number: str
    requested_date: Any
    line_count: int


@transaction.atomic
def commitment_schedule(
    *,
    actor: Actor,
    commitment_id: int,
    currency: str = "",
    unit_prices: dict[str, Decimal] | None = None,
) -> list[ScheduledOrder]:
    """Turn the newest commitment of a received forecast into scheduled sales orders for the buyer (as a
    customer): one order per week with a committed quantity, requested on that week's Monday, one line per
    item (the supplier's SKU when given), awaiting acceptance like any order entered by hand. A committed
    cell becomes a sales order line exactly once: the commitment row is locked, cells already scheduled
    (by this or an earlier commitment) are skipped, and the database refuses a second one.

    Prices: ``unit_prices`` by SKU (the buyer's or the supplier's), else zero (to be priced on the order);
    currency: ``currency``, else the customer's, else the company's.

    Raises: PermissionMissing (supplychain.manage, so.manage), NotFound, NotTheSuppliersForecast,
    CommitmentSuperseded (not the newest commitment), CommitmentAlreadyScheduled (nothing left to
    schedule), ValidationFailed (currency, prices).
    """
    from tenants.sales.services.customers import customer_for_buyer
    from tenants.sales.services.orders import ManualLine, manual_order_create

    actor.require(MANAGE)
    actor.require("so.manage")
    commitment = (
        Commitment.objects.select_for_update().select_related("forecast").filter(pk=commitment_id).first()
    )
    if commitment is None:
        raise NotFound()
    forecast = commitment.forecast
    if forecast.side != ForecastSide.SUPPLIER:
        raise NotTheSuppliersForecast()
    newest = forecast.commitments.order_by("-number").values_list("pk", flat=True).first()
    if newest != commitment.pk:
        raise CommitmentSuperseded()
    done = set(ScheduledLine.objects.filter(forecast=forecast).values_list("sku", "week"))
    pending = [
        line
        for line in commitment.lines.filter(committed_quantity__gt=0, scheduled__isnull=True)
        if (line.sku, line.week) not in done
    ]
    if not pending:
        raise CommitmentAlreadyScheduled()
    prices = unit_prices or {}
    customer = customer_for_buyer(company_id=forecast.partner_company_id, name=forecast.partner_name)
    currency = currency or customer.currency or actor.company.default_currency or "CNY"
    by_week: dict[str, list[CommitmentLine]] = defaultdict(list)
    for line in pending:
        by_week[line.week].append(line)
    orders = []
    for week in sorted(by_week):
        rows = by_week[week]
        requested = monday(week)
        order = manual_order_create(
            actor=actor,
            customer_id=customer.pk,
            currency=currency,
            lines=[
                ManualLine(
                    sku=row.supplier_sku or row.sku,
                    quantity=row.committed_quantity,
                    unit=row.unit or "pcs",
                    unit_price=prices.get(row.supplier_sku or row.sku, prices.get(row.sku, Decimal(0))),
                    description=row.description,
                    requested_date=requested,
                )
                for row in rows
            ],
            requested_date=requested,
            customer_reference=f"{forecast.title[:40]} {week}",
            notes=f"Scheduled from forecast {forecast.title} v{commitment.version.number}, commitment "
            f"{commitment.number}, week {week}.",
        )
        ScheduledLine.objects.bulk_create(
            [
                ScheduledLine(
                    forecast=forecast,
                    commitment_line=row,
                    sku=row.sku,
                    week=row.week,
                    sales_order_id=order.pk,
                    sales_order_number=order.number,
                )
                for row in rows
            ]
        )
        orders.append(ScheduledOrder(order.pk, order.number, requested, len(rows)))
    _audit(
        actor=actor,
        action="forecast.scheduled",
        forecast=forecast,
        after={"commitment": commitment.number, "orders": [o.number for o in orders]},
    )
    return orders
