"""Ingestion handlers and posting builders register here."""

from tenants.finance import handlers_settlement  # noqa: F401
from tenants.finance.postings import settlement as _settlement_postings  # noqa: F401
