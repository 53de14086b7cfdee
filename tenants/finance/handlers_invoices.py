"""Trade documents about invoices, ingested in the receiving company's schema: a supplier's invoice,
credit note or debit note (the buyer), and the buyer's answer to an invoice (the supplier)."""

from __future__ import annotations

from marketplace.exchange.handlers import Incoming, ingest_handler
from tenants.finance.services import invoices


@ingest_handler("invoice")
def invoice_received(doc: Incoming) -> None:
    invoices.invoice_received(doc)


@ingest_handler("credit_note")
def credit_note_received(doc: Incoming) -> None:
    invoices.invoice_received(doc)


@ingest_handler("debit_note")
def debit_note_received(doc: Incoming) -> None:
    invoices.invoice_received(doc)


@ingest_handler("invoice_response")
def invoice_response_received(doc: Incoming) -> None:
    invoices.invoice_response_received(doc)
