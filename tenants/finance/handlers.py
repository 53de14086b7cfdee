"""Ingestion handlers and posting builders register here."""

from tenants.finance.postings import goods  # noqa: F401  (cost: goods movements, work orders, logistics)
