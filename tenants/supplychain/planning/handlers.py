"""Trade documents of planning arriving in a company (see ``marketplace.exchange.handlers``): a buyer's
forecast version at the supplier, a supplier's commitment at the buyer. Each runs in the receiver's schema
inside the ingestion transaction, at most once per document."""

from __future__ import annotations

from marketplace.exchange.handlers import Incoming, ingest_handler
from marketplace.exchange.kinds import DocumentKind
from tenants.supplychain.planning import services


@ingest_handler(DocumentKind.FORECAST)
def forecast_received(doc: Incoming) -> None:
    services.forecast_received(
        document_id=doc.id, sender_id=doc.sender_id, sender_name=doc.sender_name, payload=doc.payload
    )


@ingest_handler(DocumentKind.FORECAST_COMMITMENT)
def forecast_commitment_received(doc: Incoming) -> None:
    services.commitment_received(document_id=doc.id, sender_id=doc.sender_id, payload=doc.payload)
