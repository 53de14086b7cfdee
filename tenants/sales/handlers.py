"""Trade documents a supplier receives, ingested into its own schema (see ``marketplace.exchange.handlers``).

Each handler runs inside the ingestion transaction, in the supplier's schema; raising rolls its effect back
and the document is retried. Documents that name an order this company does not have as a sales order are
left alone.

The exchange keeps one handler per kind, and ``change_request``, ``change_response`` and ``cancellation``
reach a company as a buyer (procurement) as well as a supplier (sales). For those kinds this module keeps
the handler registered before it and hands it every document that is not about one of its sales orders,
so both apps receive theirs whichever registers first.
"""

from __future__ import annotations

from collections.abc import Callable

from marketplace.exchange.handlers import Incoming, handler_for, ingest_handler
from tenants.sales.services import amendments, orders, settlements, shipments

Mine = Callable[[Incoming], bool]


def _shared(kind: str) -> Callable[[Mine], Mine]:
    """Register ``fn`` for ``kind`` in front of the handler registered before (if any): a document that
    ``fn`` does not claim (returns False) goes on to that handler."""

    def register(fn: Mine) -> Mine:
        previous = handler_for(kind)

        def handler(doc: Incoming) -> None:
            if not fn(doc) and previous is not None:
                previous(doc)

        handler.sales_claims = fn  # type: ignore[attr-defined]
        handler.__name__ = f"sales_{kind}"
        ingest_handler(kind)(handler)
        return fn

    return register


@ingest_handler("purchase_order")
def purchase_order_received(doc: Incoming) -> None:
    orders.order_from_purchase_order(
        document_id=doc.id, sender_id=doc.sender_id, sender_name=doc.sender_name, payload=doc.payload
    )


@ingest_handler("receipt_advice")
def receipt_advice_received(doc: Incoming) -> None:
    order = orders.order_for_document(doc.refers_to)
    if order is not None:
        shipments.receipt_received(order=order, document_id=doc.id, payload=doc.payload)


@ingest_handler("rejection_settlement")
def rejection_settlement_received(doc: Incoming) -> None:
    """Only suppliers receive these: the buyer's choice for goods it rejected on an order of ours."""
    order = orders.order_for_document(doc.refers_to)
    if order is not None and order.buyer_company_id == doc.sender_id:
        settlements.settlement_received(order=order, document_id=doc.id, payload=doc.payload)


@_shared("cancellation")
def cancellation_received(doc: Incoming) -> bool:
    order = orders.order_for_document(doc.refers_to)
    if order is None or order.buyer_company_id != doc.sender_id:
        return False
    orders.cancellation_received(order=order, reason=str(doc.payload.get("reason") or ""))
    return True


@_shared("change_request")
def change_request_received(doc: Incoming) -> bool:
    order = orders.order_for_document(doc.refers_to)
    if order is None or order.buyer_company_id != doc.sender_id:
        return False
    amendments.change_request_received(order=order, document_id=doc.id, payload=doc.payload)
    return True


@_shared("change_response")
def change_response_received(doc: Incoming) -> bool:
    answered = amendments.change_response_received(
        refers_to=doc.refers_to, document_id=doc.id, payload=doc.payload
    )
    return answered is not None
