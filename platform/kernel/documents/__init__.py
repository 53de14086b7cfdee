"""Documents as PDF: the one way Hansa makes a printable document.

Built on ReportLab's platypus (flowables laid out in frames). ReportLab rather than WeasyPrint (HTML and
CSS to PDF) because it needs no system libraries (WeasyPrint needs pango, cairo and harfbuzz at run time,
which every server and CI image would have to install), it was already the billing invoice's dependency,
and it is fast: a multi-page invoice renders in tens of milliseconds in the web process, with no browser
and no subprocess. What WeasyPrint does better (CSS layout) these documents, which are grids of labels and
figures, do not need.

- :mod:`kernel.documents.layout`: :class:`DocumentBuilder` and its blocks (title, facts, parties, a table
  that splits across pages and repeats its header, totals, sections) on a page template with a footer and
  ``page / pages`` on every page; :class:`Label` (English and Chinese, read in ``zh-CN``, ``en`` or
  ``both``); :class:`Party`.
- :mod:`kernel.documents.fonts`: Chinese text in an embedded TrueType CJK font when one is available,
  Adobe's STSong-Light CID font otherwise (setting ``HANSA_PDF_CJK_FONT``; the module says how it
  chooses and why the Noto CJK OpenType fonts cannot be embedded).
- Ready documents, each a frozen dataclass and a renderer returning bytes: :func:`render_invoice_pdf`
  (invoices, credit and debit notes), :func:`render_bill_pdf` (商业汇票), :func:`render_statement_pdf`
  (balance sheet, income statement ...). Amounts in words come from :mod:`kernel.amounts`.

A domain document (a purchase order, say) builds its own with :class:`DocumentBuilder`; see
docs/documents.md. Renderers read nothing but their argument and write nothing; the same input gives the
same bytes.
"""

from kernel.documents.bill import BillDocument, BillType, Endorsement, render_bill_pdf
from kernel.documents.fonts import CjkFont, cjk_font
from kernel.documents.invoice import (
    InvoiceDocument,
    InvoiceKind,
    InvoiceLine,
    InvoiceType,
    VatTotal,
    render_invoice_pdf,
)
from kernel.documents.layout import (
    LANGUAGES,
    Column,
    DocumentBuilder,
    Label,
    Language,
    Party,
    Row,
    Text,
    money_text,
    percent_text,
    quantity_text,
)
from kernel.documents.statement import StatementDocument, StatementRow, render_statement_pdf

__all__ = [
    "LANGUAGES",
    "BillDocument",
    "BillType",
    "CjkFont",
    "Column",
    "DocumentBuilder",
    "Endorsement",
    "InvoiceDocument",
    "InvoiceKind",
    "InvoiceLine",
    "InvoiceType",
    "Label",
    "Language",
    "Party",
    "Row",
    "StatementDocument",
    "StatementRow",
    "Text",
    "VatTotal",
    "cjk_font",
    "money_text",
    "percent_text",
    "quantity_text",
    "render_bill_pdf",
    "render_invoice_pdf",
    "render_statement_pdf",
]
