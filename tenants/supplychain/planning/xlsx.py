"""Reading a forecast from an XLSX file: the whole file or nothing.

The first sheet's first row is the header: ``SKU`` (or ``sku`` / ``物料编码``) in column A, then one ISO week
per column (``2026-W50``). Each following row is one item: its SKU in column A and a quantity per week (an
empty cell is zero). Every problem is reported by its cell (``file.C4``: column C, row 4), all at once, and
the file is refused as a whole.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from kernel.errors import ValidationFailed
from tenants.supplychain.planning.services import Cell, quantity_error
from tenants.supplychain.planning.weeks import parse_week

SKU_HEADERS = {"sku", "item", "物料编码", "物料", "sku编码"}
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024


def read_forecast(
    content: bytes, *, weeks: list[str], known_skus: Callable[[set[str]], set[str]] | None = None
) -> list[Cell]:
    """The cells of the file (zeros and empty cells included as zero), checked against the horizon
    ``weeks``; ``known_skus`` (given the file's SKUs, answers those that exist) checks each row's item.
    Raises ValidationFailed with every error keyed by cell (``file.<column><row>``)."""
    if len(content) > MAX_BYTES:
        raise ValidationFailed(errors={"file": ["The file is larger than 5 MB."]})
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ValidationFailed(errors={"file": ["Not an XLSX workbook."]}) from None
    sheet = book.worksheets[0] if book.worksheets else None
    rows: list[tuple[Any, ...]] = list(sheet.iter_rows(values_only=True)) if sheet is not None else []
    book.close()
    errors: dict[str, list[str]] = {}
    if not rows:
        raise ValidationFailed(errors={"file": ["The file is empty: the first row names SKU and the weeks."]})
    if len(rows) > MAX_ROWS + 1:
        raise ValidationFailed(errors={"file": [f"At most {MAX_ROWS} items per file."]})
    header = list(rows[0])
    while header and header[-1] in (None, ""):
        header.pop()
    if not header or str(header[0] or "").strip().lower() not in SKU_HEADERS:
        errors.setdefault("file.A1", []).append("The first column's header is SKU.")
    allowed = set(weeks)
    columns: dict[int, str] = {}
    for index, value in enumerate(header[1:], start=1):
        at = f"file.{get_column_letter(index + 1)}1"
        week = str(value or "").strip()
        if parse_week(week) is None:
            errors.setdefault(at, []).append("Use an ISO week like 2026-W50.")
        elif week not in allowed:
            errors.setdefault(at, []).append(f"Outside the forecast's horizon {weeks[0]} to {weeks[-1]}.")
        elif week in columns.values():
            errors.setdefault(at, []).append("This week has two columns.")
        else:
            columns[index] = week
    if len(header) < 2:
        errors.setdefault("file.B1", []).append("Add at least one week column.")
    cells: list[Cell] = []
    seen: dict[str, int] = {}
    for row_no, row in enumerate(rows[1:], start=2):
        values = list(row)
        if all(value in (None, "") for value in values):
            continue
        sku = str(values[0] if values and values[0] is not None else "").strip()
        if not sku:
            errors.setdefault(f"file.A{row_no}", []).append("Give the item's SKU.")
        elif sku in seen:
            errors.setdefault(f"file.A{row_no}", []).append(f"{sku} is already on row {seen[sku]}.")
        else:
            seen[sku] = row_no
        for index, week in columns.items():
            value = values[index] if index < len(values) else None
            if value is None or (isinstance(value, str) and not value.strip()):
                value = Decimal(0)
            quantity, why = quantity_error(value if not isinstance(value, float) else repr(value))
            if quantity is None:
                errors.setdefault(f"file.{get_column_letter(index + 1)}{row_no}", []).append(why)
            elif sku:
                cells.append(Cell(sku=sku, week=week, quantity=quantity))
        for index in range(len(header), len(values)):
            if values[index] not in (None, ""):
                errors.setdefault(f"file.{get_column_letter(index + 1)}{row_no}", []).append(
                    "A value under no week header."
                )
    if known_skus is not None and seen:
        existing = known_skus(set(seen))
        for sku, row_no in seen.items():
            if sku not in existing:
                errors.setdefault(f"file.A{row_no}", []).append(f"No item with SKU {sku}.")
    if not seen and not errors:
        errors["file"] = ["The file has no item rows."]
    if errors:
        raise ValidationFailed(errors=errors)
    return cells
