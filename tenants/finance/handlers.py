"""Ingestion handlers and posting builders register here."""

from tenants.finance import (
    handlers_invoices,  # noqa: F401
    handlers_settlement,  # noqa: F401
)
from tenants.finance.postings import goods  # noqa: F401  (cost: goods movements, work orders, logistics)
from tenants.finance.postings import invoices as _invoice_postings  # noqa: F401
from tenants.finance.postings import settlement as _settlement_postings  # noqa: F401
