"""Catalog files: the fixed columns, reading CSV / XLSX rows, writing CSV / XLSX exports.

Import and export use the same columns (see docs/marketplace.md), so an export can be edited and
imported again. The first row is the header (any column order; every column present, no others);
rows are numbered as the spreadsheet shows them (the first data row is row 2); empty rows are skipped.

CSV: UTF-8 (with or without a byte-order mark) or GB 18030 (what Excel writes on Chinese Windows),
comma-separated. XLSX: the first worksheet; read with openpyxl in read-only mode (defusedxml guards
the XML parser).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from marketplace.catalog.exceptions import ImportColumnsInvalid, ImportFileInvalid

COLUMNS: tuple[str, ...] = (
    "sku",
    "name_en",
    "name_zh",
    "category_code",
    "unit",
    "currency",
    "price_tiers",
    "moq",
    "lead_time_days",
    "availability",
    "stock_quantity",
    "attributes",
    "description_en",
    "description_zh",
    "status",
)
MAX_ROWS = 20000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv"


def detect_format(name: str, head: bytes) -> str:
    """``csv`` or ``xlsx`` from the file's name and first bytes.

    Raises:
        ImportFileInvalid: neither, or a name that contradicts the content.
    """
    lowered = (name or "").lower()
    is_zip = head.startswith(b"PK\x03\x04")
    if lowered.endswith(".xlsx"):
        if not is_zip:
            raise ImportFileInvalid(detail="This .xlsx file is not an Excel workbook.")
        return "xlsx"
    if lowered.endswith(".csv") or lowered.endswith(".txt"):
        if is_zip or b"\x00" in head:
            raise ImportFileInvalid(detail="This .csv file is not text.")
        return "csv"
    raise ImportFileInvalid(detail="Upload a .csv or .xlsx file.")


def _cell(value: Any) -> Any:
    """Spreadsheet cells as import values: whole floats as ints, dates as ISO text, text stripped."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


@dataclass(frozen=True)
class Sheet:
    """A read file: its data rows as (row number, {column: value})."""

    rows: list[tuple[int, dict[str, Any]]]


def _check_header(header: list[Any]) -> list[str]:
    names = [str(h or "").strip().lower() for h in header]
    while names and not names[-1]:
        names.pop()
    missing = [c for c in COLUMNS if c not in names]
    unexpected = [n or "(blank)" for n in names if n not in COLUMNS]
    duplicated = sorted({n for n in names if n and names.count(n) > 1})
    if missing or unexpected or duplicated:
        errors: dict[str, list[str]] = {}
        if missing:
            errors["missing"] = missing
        if unexpected:
            errors["unexpected"] = unexpected
        if duplicated:
            errors["duplicated"] = duplicated
        raise ImportColumnsInvalid(
            detail=f"The header must name exactly these columns: {', '.join(COLUMNS)}.", errors=errors
        )
    return names


def _collect(raw_rows: Iterable[list[Any]]) -> Sheet:
    iterator = iter(raw_rows)
    header = next(iterator, None)
    if header is None:
        raise ImportFileInvalid(detail="The file is empty.")
    names = _check_header(list(header))
    rows: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(iterator, start=2):
        cells = [_cell(v) for v in values]
        if not any(c != "" for c in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportFileInvalid(detail=f"At most {MAX_ROWS} rows per file; split the catalog.")
        padded = cells + [""] * (len(names) - len(cells))
        extra = [c for c in padded[len(names) :] if c != ""]
        row = {name: padded[i] for i, name in enumerate(names) if name}
        if extra:
            row["__extra__"] = extra
        rows.append((number, row))
    if not rows:
        raise ImportFileInvalid(detail="The file has a header but no rows.")
    return Sheet(rows=rows)


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileInvalid(detail="Save the CSV file as UTF-8.")


def read_sheet(stream: IO[bytes] | Any, file_format: str) -> Sheet:
    """Raises ImportFileInvalid (unreadable, empty, too many rows), ImportColumnsInvalid."""
    stream.seek(0)
    if file_format == "csv":
        text = _decode(stream.read())
        try:
            return _collect(list(csv.reader(io.StringIO(text, newline=""))))
        except csv.Error as exc:
            raise ImportFileInvalid(detail=f"The CSV file cannot be read: {exc}.") from None
    import openpyxl

    # An uploaded workbook is untrusted input: whatever openpyxl (or zipfile, or the XML parser) raises
    # on a damaged one means "cannot be read", never a server error.
    try:
        workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:
        raise ImportFileInvalid(detail=f"The workbook cannot be read ({type(exc).__name__}).") from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise ImportFileInvalid(detail="The workbook has no worksheet.")
        return _collect(list(row) for row in _limited(sheet.iter_rows(values_only=True)))
    except (ImportFileInvalid, ImportColumnsInvalid):
        raise
    except Exception as exc:
        raise ImportFileInvalid(detail=f"The workbook cannot be read ({type(exc).__name__}).") from None
    finally:
        workbook.close()


def _limited(rows: Iterator[Any]) -> Iterator[Any]:
    # Stop reading a workbook that claims far more rows than allowed (blank rows included).
    for index, row in enumerate(rows):
        if index > MAX_ROWS * 3:
            raise ImportFileInvalid(detail=f"At most {MAX_ROWS} rows per file; split the catalog.")
        yield row


# Export -------------------------------------------------------------------------------------------


def plain_value(value: Any) -> Any:
    """Decimals without trailing zeros and never in exponent notation (12.5000 -> 12.5, 1E+2 -> 100)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return "" if value is None else value


def write_csv(rows: Iterable[dict[str, Any]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([plain_value(row.get(c)) for c in COLUMNS])
    # With a byte-order mark, Excel opens the Chinese names correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(rows: Iterable[dict[str, Any]]) -> bytes:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("catalog")
    sheet.append(list(COLUMNS))
    for row in rows:
        cells = []
        for column in COLUMNS:
            cell = WriteOnlyCell(sheet, value=plain_value(row.get(column)))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text that starts with "=" stays text, never a formula
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
