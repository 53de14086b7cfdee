"""The building blocks of every document: page template, title, facts, parties, tables, totals, notes.

A :class:`DocumentBuilder` collects blocks in reading order and :meth:`DocumentBuilder.build` lays them out
on A4 pages (portrait, or landscape for wide statements). Every page has a footer with the document's
reference on the left and ``page / pages`` on the right; pages after the first repeat the title and number
in a running header. Tables split between rows across pages and repeat their header row.

Text is Helvetica for what Windows-1252 can encode and the CJK font (:mod:`kernel.documents.fonts`) for
the rest, run by run, so figures and Latin names keep their usual face and Chinese wraps between any two
characters. Nothing here knows a domain: labels come from the caller as plain text or :class:`Label`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle

from kernel.documents.fonts import CjkFont, cjk_font
from kernel.iso import currency_minor_units

Language = Literal["zh-CN", "en", "both"]
LANGUAGES: tuple[Language, ...] = ("zh-CN", "en", "both")
Align = Literal["left", "right", "center"]

LATIN = "Helvetica"
LATIN_BOLD = "Helvetica-Bold"
MARGIN_X = 16 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 18 * mm
GREY = colors.HexColor("#555555")
SHADE = colors.HexColor("#eeeeee")
ZEBRA = colors.HexColor("#f6f6f6")


@dataclass(frozen=True)
class Label:
    """A label in English and Chinese; ``{name}`` fields are filled by :meth:`text`."""

    en: str
    zh: str

    def text(self, language: Language, sep: str = " ", **values: Any) -> str:
        en, zh = self.en.format(**values), self.zh.format(**values)
        if language == "en":
            return en
        if language == "zh-CN" or zh == en:
            return zh
        return f"{zh}{sep}{en}"


Text = str | Label


@dataclass(frozen=True)
class Party:
    """A seller, buyer, drawer, payee ...: what documents print about a company."""

    name: str
    address: str = ""
    tax_id: str = ""
    bank_name: str = ""
    bank_account: str = ""
    phone: str = ""
    email: str = ""
    country: str = ""


@dataclass(frozen=True)
class Column:
    """A table column: its header, its share of the width (weights are scaled to the frame) and alignment."""

    label: Text
    weight: float = 1.0
    align: Align = "left"


@dataclass(frozen=True)
class Row:
    """A table row with emphasis: ``bold`` (totals), ``indent`` levels of its first cell, a rule above."""

    cells: Sequence[str]
    bold: bool = False
    indent: int = 0
    rule_above: bool = False


PARTY_LABELS = {
    "tax_id": Label("Tax ID", "纳税人识别号"),
    "address": Label("Address", "地址"),
    "bank": Label("Bank and account", "开户行及账号"),
    "phone": Label("Phone", "电话"),
    "email": Label("E-mail", "电子邮箱"),
    "country": Label("Country", "国家/地区"),
}


def money_text(value: Decimal | None, currency: str) -> str:
    """``value`` with the currency's minor units and thousands separators: ``12,345.60``; ``""`` for None."""
    if value is None:
        return ""
    places = currency_minor_units(currency)
    return f"{Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):,f}"


def quantity_text(value: Decimal) -> str:
    """A quantity without trailing zeros: ``1,000``, ``2.5``."""
    return f"{Decimal(value).normalize():,f}"


def percent_text(rate: Decimal) -> str:
    """A rate in percent as the caller holds it: ``13%``, ``6.00%``."""
    return f"{Decimal(rate):f}%"


def _latin(ch: str) -> bool:
    try:
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into runs of (characters, is Latin)."""
    runs: list[tuple[str, bool]] = []
    for ch in text:
        latin = _latin(ch) or ch == "\n"
        if runs and runs[-1][1] == latin:
            runs[-1] = (runs[-1][0] + ch, latin)
        else:
            runs.append((ch, latin))
    return runs


def has_cjk(text: str) -> bool:
    return any(not latin for _run, latin in _runs(text))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Styles:
    def __init__(self, font: CjkFont) -> None:
        base = ParagraphStyle("base", fontName=LATIN, fontSize=9, leading=12)
        self.font = font
        self.by_name: dict[str, ParagraphStyle] = {
            "base": base,
            "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, textColor=GREY),
            "heading": ParagraphStyle("heading", parent=base, fontName=LATIN_BOLD, fontSize=10, leading=13),
            "title": ParagraphStyle("title", parent=base, fontName=LATIN_BOLD, fontSize=16, leading=20),
            "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
            "cell_bold": ParagraphStyle(
                "cell_bold", parent=base, fontName=LATIN_BOLD, fontSize=8, leading=10
            ),
        }
        self._variants: dict[tuple[str, Align, bool, int], ParagraphStyle] = {}

    def get(self, name: str, align: Align = "left", cjk: bool = False, indent: int = 0) -> ParagraphStyle:
        key = (name, align, cjk, indent)
        if key not in self._variants:
            parent = self.by_name[name]
            self._variants[key] = ParagraphStyle(
                f"{name}-{align}-{cjk}-{indent}",
                parent=parent,
                alignment={"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER}[align],
                wordWrap="CJK" if cjk else None,
                leftIndent=indent * 4 * mm,
            )
        return self._variants[key]


def _numbered_canvas(footer: str, font: CjkFont, pagesize: tuple[float, float]) -> type[Canvas]:
    """A canvas class that holds its pages back until it knows their count, then writes the footers."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held)
            for state in self._held:
                self.__dict__.update(state)
                y = MARGIN_BOTTOM - 9 * mm
                self.setStrokeColor(GREY)
                self.setLineWidth(0.3)
                self.line(MARGIN_X, y + 3.5 * mm, pagesize[0] - MARGIN_X, y + 3.5 * mm)
                draw_text(self, MARGIN_X, y, footer, 7.5, font)
                draw_text(
                    self, pagesize[0] - MARGIN_X, y, f"{self.getPageNumber()} / {total}", 7.5, font, True
                )
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


def draw_text(
    canvas: Canvas, x: float, y: float, text: str, size: float, font: CjkFont, right: bool = False
) -> None:
    """Draw one line of mixed Latin and Chinese text at (x, y), or ending at x when ``right``."""
    runs = [(run, LATIN if latin else font.name) for run, latin in _runs(" ".join(text.split()))]
    width = sum(pdfmetrics.stringWidth(run, name, size) for run, name in runs)
    cursor = x - width if right else x
    canvas.setFillColor(GREY)
    for run, name in runs:
        canvas.setFont(name, size)
        canvas.drawString(cursor, y, run)
        cursor += pdfmetrics.stringWidth(run, name, size)


@dataclass
class DocumentBuilder:
    """Collects a document's blocks; :meth:`build` returns the PDF.

    ``language`` picks how :class:`Label` s read (``zh-CN``, ``en`` or ``both``: Chinese then English);
    ``title`` and ``number`` go into the running header and the PDF's metadata, ``footer`` at the foot of
    every page. ``wide`` lays the pages out in landscape.
    """

    language: Language
    title: str
    number: str = ""
    footer: str = ""
    author: str = "Hansa"
    wide: bool = False
    story: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}, not {self.language!r}")
        self.font = cjk_font()
        self.styles = _Styles(self.font)
        self.pagesize = landscape(A4) if self.wide else A4
        self.width = self.pagesize[0] - 2 * MARGIN_X

    # text -------------------------------------------------------------------------------------------

    def t(self, text: Text, sep: str = " ", **values: Any) -> str:
        """``text`` in the document's language."""
        return text.text(self.language, sep, **values) if isinstance(text, Label) else text

    def markup(self, text: str) -> str:
        parts = []
        for run, latin in _runs(text):
            escaped = _escape(run).replace("\n", "<br/>")
            parts.append(escaped if latin else f'<font name="{self.font.name}">{escaped}</font>')
        return "".join(parts)

    def p(self, text: Text, style: str = "base", align: Align = "left", indent: int = 0) -> Paragraph:
        """A paragraph of ``text`` (plain text: ``<`` and ``&`` are not markup; newlines break lines)."""
        plain = self.t(text, "\n" if style.startswith("cell") else " ")
        return Paragraph(self.markup(plain), self.styles.get(style, align, has_cjk(plain), indent))

    def title_paragraph(self, title: Text, align: Align) -> Paragraph:
        """A title; in both languages the English reads on a second line."""
        plain = self.t(title, "\n")
        return Paragraph(self.markup(plain), self.styles.get("title", align, has_cjk(plain)))

    # blocks -----------------------------------------------------------------------------------------

    def spacer(self, height_mm: float = 4) -> None:
        self.story.append(Spacer(1, height_mm * mm))

    def title_block(
        self, title: Text, *, number: str = "", issuer: str = "", issuer_lines: Sequence[str] = ()
    ) -> None:
        """The title (with the issuer's name and address on the left when given) and the number."""
        if issuer:
            left: list[Any] = [
                self.p(issuer, "heading"),
                *(self.p(line, "small") for line in issuer_lines if line),
            ]
            right = [self.title_paragraph(title, "right"), self.p(number, "heading", "right")]
            widths = [0.5, 0.5]
        else:
            left, right = [self.title_paragraph(title, "left")], [self.p(number, "heading", "right")]
            widths = [0.65, 0.35]
        block = Table([[left, right]], colWidths=[w * self.width for w in widths])
        block.setStyle(_tight([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        self.story += [block, Spacer(1, 5 * mm)]

    def facts(self, facts: Sequence[tuple[Text, str]], *, columns: int = 2) -> None:
        """Label / value pairs in a grid of ``columns`` pairs per row (empty values are left out)."""
        pairs = [(label, value) for label, value in facts if value]
        if not pairs:
            return
        rows = []
        for start in range(0, len(pairs), columns):
            row: list[Any] = []
            for label, value in pairs[start : start + columns]:
                row += [self.p(label, "cell_bold"), self.p(value, "cell")]
            row += [""] * (2 * columns - len(row))
            rows.append(row)
        share = self.width / columns
        label_share = 0.36 if columns > 1 else 0.24
        grid = Table(rows, colWidths=[share * label_share, share * (1 - label_share)] * columns)
        grid.setStyle(_tight([("VALIGN", (0, 0), (-1, -1), "TOP")], padding=1.5))
        self.story += [grid, Spacer(1, 4 * mm)]

    def party_lines(self, party: Party) -> list[str]:
        """What a party block prints under the name, labelled in the document's language."""
        bank = " ".join(filter(None, [party.bank_name, party.bank_account]))
        lines = [
            (PARTY_LABELS["address"], party.address),
            (PARTY_LABELS["tax_id"], party.tax_id),
            (PARTY_LABELS["bank"], bank),
            (PARTY_LABELS["phone"], party.phone),
            (PARTY_LABELS["email"], party.email),
            (PARTY_LABELS["country"], party.country),
        ]
        return [f"{self.t(label)}: {value}" for label, value in lines if value]

    def parties(self, parties: Sequence[tuple[Text, Party]]) -> None:
        """Parties side by side in boxes, each with its role, name, address, tax id and bank."""
        cells = []
        for role, party in parties:
            cells.append(
                [
                    self.p(role, "small"),
                    self.p(party.name or "-", "heading"),
                    *(self.p(line, "cell") for line in self.party_lines(party)),
                ]
            )
        share = self.width / max(len(cells), 1)
        block = Table([cells], colWidths=[share] * len(cells))
        block.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (0, 0), (-1, -1), 0.5, GREY),
                    ("INNERGRID", (0, 0), (-1, -1), 0.5, GREY),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        self.story += [block, Spacer(1, 5 * mm)]

    def table(
        self, columns: Sequence[Column], rows: Sequence[Sequence[str] | Row], *, zebra: bool = True
    ) -> None:
        """A table with a shaded header row that repeats on every page it runs over; cells wrap."""
        total_weight = sum(column.weight for column in columns)
        widths = [self.width * column.weight / total_weight for column in columns]
        data: list[list[Any]] = [[self.p(column.label, "cell_bold", column.align) for column in columns]]
        commands: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
        for index, row in enumerate(rows, start=1):
            spec = row if isinstance(row, Row) else Row(cells=row)
            style = "cell_bold" if spec.bold else "cell"
            data.append(
                [
                    self.p(cell, style, column.align, spec.indent if position == 0 else 0)
                    for position, (cell, column) in enumerate(zip(spec.cells, columns, strict=True))
                ]
            )
            if spec.rule_above:
                commands.append(("LINEABOVE", (0, index), (-1, index), 0.5, colors.black))
            if zebra and index % 2 == 0:
                commands.append(("BACKGROUND", (0, index), (-1, index), ZEBRA))
        commands.append(("LINEBELOW", (0, len(data) - 1), (-1, len(data) - 1), 0.6, colors.black))
        table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
        table.setStyle(TableStyle(commands))
        self.story += [table, Spacer(1, 3 * mm)]

    def totals(self, rows: Sequence[tuple[Text, str]], *, strong: Sequence[int] = (-1,)) -> None:
        """Label / amount pairs aligned to the right edge; the ``strong`` rows (the total) bold under a rule."""
        marked = {index % len(rows) for index in strong} if rows else set()
        data = []
        for index, (label, value) in enumerate(rows):
            style = "cell_bold" if index in marked else "cell"
            data.append([self.p(label, style, "right"), self.p(value, style, "right")])
        table = Table(data, colWidths=[self.width * 0.32, self.width * 0.2], hAlign="RIGHT")
        commands: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
        commands += [("LINEABOVE", (0, index), (-1, index), 0.6, colors.black) for index in marked if index]
        table.setStyle(_tight(commands, padding=1.5))
        self.story += [table, Spacer(1, 4 * mm)]

    def section(self, heading: Text, text: str) -> None:
        """A heading and a paragraph (left out when ``text`` is empty)."""
        if text.strip():
            self.story += [self.p(heading, "heading"), Spacer(1, 1 * mm), self.p(text), Spacer(1, 4 * mm)]

    # output -----------------------------------------------------------------------------------------

    def _running_header(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        if canvas.getPageNumber() == 1:
            return
        canvas.saveState()
        y = self.pagesize[1] - MARGIN_TOP + 4 * mm
        draw_text(canvas, MARGIN_X, y, self.title, 8, self.font)
        draw_text(canvas, self.pagesize[0] - MARGIN_X, y, self.number, 8, self.font, right=True)
        canvas.restoreState()

    def build(self) -> bytes:
        """The document as PDF bytes. The same blocks give the same bytes (no timestamps, fixed ids)."""
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=" ".join(filter(None, [self.title, self.number])),
            author=self.author,
            subject=self.number,
            creator="Hansa",
            invariant=True,
        )
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            self.width,
            self.pagesize[1] - MARGIN_TOP - MARGIN_BOTTOM,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._running_header)])
        footer = self.footer or " ".join(filter(None, [self.number, self.title]))
        story = list(self.story)
        while story and isinstance(story[-1], Spacer):  # a spacer past the last line would open a page
            story.pop()
        doc.build(story or [Spacer(1, 1)], canvasmaker=_numbered_canvas(footer, self.font, self.pagesize))
        return buffer.getvalue()


def _tight(commands: list[tuple[Any, ...]], padding: float = 0) -> TableStyle:
    return TableStyle(
        [
            *commands,
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), padding),
            ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
        ]
    )
