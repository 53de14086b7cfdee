"""A purchase order as a PDF, written by hand (no PDF library is installed, and one page of text and
rules does not justify a dependency).

The document is PDF 1.4 with three fonts that every PDF reader provides without embedding: Helvetica and
Helvetica-Bold (WinAnsi) for Latin text, and Adobe's STSong-Light (``UniGB-UCS2-H``, the standard
Simplified Chinese CID font) for text with other characters. A4 portrait; the line table runs over as many
pages as it needs; every page is numbered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

PAGE_W, PAGE_H = 595.0, 842.0
MARGIN = 42.0
ROW_H = 15.0

# Helvetica advance widths (1/1000 em) of the characters that right-aligned numbers use.
_NUMBER_WIDTHS = {**dict.fromkeys("0123456789", 556), ".": 278, ",": 278, "-": 333, " ": 278, "%": 889}


@dataclass
class PdfLine:
    line_no: int
    sku: str
    description: str
    quantity: str
    unit: str
    unit_price: str
    tax_rate: str
    net_amount: str
    requested_date: str = ""


@dataclass
class PdfOrder:
    title: str
    number: str
    order_date: str
    buyer_name: str
    supplier_name: str
    currency: str
    lines: list[PdfLine]
    total_net: str
    total_tax: str
    total: str
    requested_date: str = ""
    payment_terms: str = ""
    ship_to: str = ""
    notes: str = ""
    buyer_contact: str = ""
    version: int = 1
    extra: list[tuple[str, str]] = field(default_factory=list)


def _latin(text: str) -> bool:
    return all(32 <= ord(ch) < 127 for ch in text)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _ucs2_hex(text: str) -> str:
    return "".join(f"{ord(ch):04X}" if ord(ch) <= 0xFFFF and ord(ch) >= 32 else "003F" for ch in text)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "~"


class _Canvas:
    def __init__(self) -> None:
        self.pages: list[list[str]] = []
        self.ops: list[str] = []

    def new_page(self) -> None:
        self.ops = []
        self.pages.append(self.ops)

    def text(self, x: float, y: float, text: str, size: float = 9, bold: bool = False) -> None:
        if not text:
            return
        if _latin(text):
            font = "F2" if bold else "F1"
            shown = f"({_escape(text)}) Tj"
        else:
            font = "F3"
            shown = f"<{_ucs2_hex(text)}> Tj"
        self.ops.append(f"BT /{font} {size:g} Tf {x:.2f} {y:.2f} Td {shown} ET")

    def text_right(self, right: float, y: float, text: str, size: float = 9, bold: bool = False) -> None:
        width = sum(_NUMBER_WIDTHS.get(ch, 556) for ch in text) * size / 1000
        self.text(right - width, y, text, size, bold)

    def rule(self, x1: float, y1: float, x2: float, y2: float, width: float = 0.5) -> None:
        self.ops.append(f"{width:g} w {x1:.2f} {y1:.2f} m {x2:.2f} {y2:.2f} l S")

    def shade(self, x: float, y: float, w: float, h: float) -> None:
        self.ops.append(f"q 0.92 g {x:.2f} {y:.2f} {w:.2f} {h:.2f} re f Q")


# Columns: (header, left x, right-aligned?, max characters)
_COLUMNS = [
    ("#", MARGIN, False, 4),
    ("SKU", MARGIN + 22, False, 14),
    ("Description", MARGIN + 100, False, 34),
    ("Qty", 345.0, True, 12),
    ("Unit", 350.0, False, 6),
    ("Unit price", 440.0, True, 14),
    ("Tax %", 475.0, True, 6),
    ("Net", PAGE_W - MARGIN, True, 16),
]


def _table_header(canvas: _Canvas, y: float) -> float:
    canvas.shade(MARGIN - 2, y - 4, PAGE_W - 2 * MARGIN + 4, ROW_H)
    for header, x, right, _limit in _COLUMNS:
        if right:
            canvas.text_right(x, y, header, 8.5, bold=True)
        else:
            canvas.text(x, y, header, 8.5, bold=True)
    return y - ROW_H


def _row(canvas: _Canvas, y: float, line: PdfLine) -> None:
    values = [
        str(line.line_no),
        line.sku,
        line.description,
        line.quantity,
        line.unit,
        line.unit_price,
        line.tax_rate,
        line.net_amount,
    ]
    for (_header, x, right, limit), value in zip(_COLUMNS, values, strict=True):
        value = _clip(value, limit if _latin(value) else limit // 2)
        if right:
            canvas.text_right(x, y, value, 8.5)
        else:
            canvas.text(x, y, value, 8.5)


def render_order_pdf(order: PdfOrder) -> bytes:
    """The order as the bytes of a PDF file."""
    canvas = _Canvas()
    canvas.new_page()
    y = PAGE_H - MARGIN - 10
    canvas.text(MARGIN, y, order.title, 16, bold=True)
    canvas.text_right(PAGE_W - MARGIN, y, order.number, 12, bold=True)
    y -= 26
    header = [
        ("Buyer", order.buyer_name),
        ("Supplier", order.supplier_name),
        ("Order date", order.order_date),
        ("Currency", order.currency),
        ("Version", str(order.version)),
    ]
    if order.requested_date:
        header.append(("Requested delivery", order.requested_date))
    if order.payment_terms:
        header.append(("Payment terms", order.payment_terms))
    if order.ship_to:
        header.append(("Ship to", order.ship_to))
    if order.buyer_contact:
        header.append(("Contact", order.buyer_contact))
    header += order.extra
    for label, value in header:
        canvas.text(MARGIN, y, label, 9, bold=True)
        canvas.text(MARGIN + 110, y, _clip(value, 80 if _latin(value) else 40), 9)
        y -= 13
    y -= 8
    y = _table_header(canvas, y)
    for line in order.lines:
        if y < MARGIN + 40:
            canvas.new_page()
            y = _table_header(canvas, PAGE_H - MARGIN - 10)
        _row(canvas, y, line)
        y -= ROW_H
    if y < MARGIN + 90:
        canvas.new_page()
        y = PAGE_H - MARGIN - 10
    canvas.rule(MARGIN, y + ROW_H - 4, PAGE_W - MARGIN, y + ROW_H - 4)
    for label, value, bold in (
        ("Net", order.total_net, False),
        ("Tax", order.total_tax, False),
        (f"Total {order.currency}", order.total, True),
    ):
        canvas.text(380, y, label, 9.5, bold=bold)
        canvas.text_right(PAGE_W - MARGIN, y, value, 9.5, bold=bold)
        y -= 14
    if order.notes:
        y -= 10
        canvas.text(MARGIN, y, "Notes", 9, bold=True)
        y -= 13
        for chunk in _wrap(order.notes, 95):
            if y < MARGIN + 20:
                break
            canvas.text(MARGIN, y, chunk, 9)
            y -= 12
    total_pages = len(canvas.pages)
    for index, ops in enumerate(canvas.pages, start=1):
        canvas.ops = ops
        canvas.text_right(PAGE_W - MARGIN, MARGIN - 16, f"{index} / {total_pages}", 8)
        canvas.text(MARGIN, MARGIN - 16, f"{order.number} - Hansa", 8)
    return _assemble(canvas.pages)


def _wrap(text: str, width: int) -> list[str]:
    out: list[str] = []
    for paragraph in text.splitlines() or [""]:
        limit = width if _latin(paragraph) else width // 2
        while len(paragraph) > limit:
            cut = paragraph.rfind(" ", 0, limit)
            cut = cut if cut > 0 else limit
            out.append(paragraph[:cut])
            paragraph = paragraph[cut:].lstrip()
        out.append(paragraph)
    return out


def _assemble(pages: list[list[str]]) -> bytes:
    objects: list[bytes] = []

    def add(body: str | bytes) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    catalog = add("")  # filled in below, once the page tree's number is known
    pages_id = add("")
    f1 = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    f2 = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    descriptor = add(
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
    )
    cid = add(
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
        f"/FontDescriptor {descriptor} 0 R /DW 1000 /W [1 95 500] >>"
    )
    f3 = add(
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        f"/DescendantFonts [{cid} 0 R] >>"
    )
    resources = f"<< /Font << /F1 {f1} 0 R /F2 {f2} 0 R /F3 {f3} 0 R >> >>"
    page_ids = []
    for ops in pages:
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {PAGE_W:g} {PAGE_H:g}] "
                f"/Resources {resources} /Contents {content} 0 R >>"
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode("latin-1")
    kids = " ".join(f"{page} 0 R" for page in page_ids)
    objects[pages_id - 1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode("latin-1")

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def amount_text(value: Decimal, places: int) -> str:
    """``12345.6`` with 2 places -> ``12,345.60``."""
    return f"{value:,.{places}f}"
