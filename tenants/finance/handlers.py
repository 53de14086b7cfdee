"""Ingestion handlers and posting builders register here."""
