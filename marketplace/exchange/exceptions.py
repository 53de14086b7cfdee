"""Domain errors of the trade exchange. Codes are published: never change them."""

from __future__ import annotations

from kernel.errors import DomainError


class UnknownDocumentKind(DomainError):
    code = "unknown_document_kind"
    status = 400
    title = "This kind of trade document is not known"


class NoIngestHandler(Exception):
    """No handler is registered for a document's kind (the document fails and is retried later)."""
