"""Trade documents tracking receives: ``tracking_update`` on the buyer's side (in the buyer's schema)."""

from __future__ import annotations

import logging

from marketplace.exchange.handlers import Incoming, ingest_handler
from tenants.supplychain.tracking import services

logger = logging.getLogger(__name__)


@ingest_handler("tracking_update")
def tracking_update_received(doc: Incoming) -> None:
    """Apply the supplier's tracking update to the purchase order its document refers to; a document
    about an order that is not ours (or not from this sender) changes nothing."""
    from tenants.procurement.services.changes import order_for_document

    order = order_for_document(doc.refers_to, supplier_id=doc.sender_id)
    if order is None:
        logger.warning("tracking_update %s refers to no purchase order of ours", doc.id)
        return
    services.tracking_update_received(order=order, document_id=doc.id, payload=doc.payload)
