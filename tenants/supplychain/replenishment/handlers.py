"""Ingestion of replenishment documents (registered in AppConfig.ready; run in the receiver's schema)."""

from __future__ import annotations

from marketplace.exchange.handlers import Incoming, ingest_handler
from marketplace.exchange.kinds import DocumentKind
from tenants.supplychain.replenishment import services


@ingest_handler(DocumentKind.REPLENISHMENT_PROPOSAL)
def replenishment_proposal_received(doc: Incoming) -> None:
    """We are the buyer: keep the proposal, accept it when a rule allows it."""
    services.proposal_received(
        document_id=doc.id, sender_id=doc.sender_id, sender_name=doc.sender_name, payload=doc.payload
    )


@ingest_handler(DocumentKind.REPLENISHMENT_RESPONSE)
def replenishment_response_received(doc: Incoming) -> None:
    """We are the supplier: the buyer accepted (with its purchase order) or declined our proposal."""
    services.response_received(
        document_id=doc.id, sender_id=doc.sender_id, refers_to=doc.refers_to, payload=doc.payload
    )
