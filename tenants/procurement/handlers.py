"""Trade documents a buyer receives, ingested into its own schema, and the RFQ award hook.

Handlers run inside the ingestion transaction in the buyer's schema (see ``marketplace.exchange.handlers``);
raising rolls their effect back and the document is retried. ``change_request``, ``change_response`` and
``cancellation`` reach a company as a supplier (sales) as well as a buyer: for those kinds the exchange's
single handler is chained — each app claims the documents about its own orders and hands the others to the
handler registered before it — so both apps receive theirs whichever registers first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marketplace.exchange.handlers import Incoming, handler_for, ingest_handler
from tenants.procurement.services import changes, settlements

Claim = Callable[[Incoming], bool]


def _chained(kind: str) -> Callable[[Claim], Claim]:
    def register(fn: Claim) -> Claim:
        previous = handler_for(kind)

        def handler(doc: Incoming) -> None:
            if not fn(doc) and previous is not None:
                previous(doc)

        handler.procurement_claims = fn  # type: ignore[attr-defined]
        handler.__name__ = f"procurement_{kind}"
        ingest_handler(kind)(handler)
        return fn

    return register


@_chained("order_response")
def order_response_received(doc: Incoming) -> bool:
    order = changes.order_for_document(doc.refers_to, supplier_id=doc.sender_id)
    if order is None:
        return False
    changes.order_response_received(
        order=order, document_id=doc.id, sender_name=doc.sender_name, payload=doc.payload
    )
    return True


@_chained("dispatch_advice")
def dispatch_advice_received(doc: Incoming) -> bool:
    order = changes.order_for_document(doc.refers_to, supplier_id=doc.sender_id)
    if order is None:
        return False
    changes.dispatch_advice_received(
        order=order, document_id=doc.id, sender_name=doc.sender_name, payload=doc.payload
    )
    return True


@_chained("change_request")
def change_request_received(doc: Incoming) -> bool:
    order = changes.order_for_document(doc.refers_to, supplier_id=doc.sender_id)
    if order is None:
        return False
    changes.change_request_received(
        order=order, document_id=doc.id, sender_name=doc.sender_name, payload=doc.payload
    )
    return True


@_chained("change_response")
def change_response_received(doc: Incoming) -> bool:
    change = changes.change_for_response(doc.refers_to)
    if change is None:
        return False
    changes.change_response_received(change=change, sender_name=doc.sender_name, payload=doc.payload)
    return True


@_chained("cancellation")
def cancellation_received(doc: Incoming) -> bool:
    order = changes.order_for_document(doc.refers_to, supplier_id=doc.sender_id)
    if order is None:
        return False
    changes.cancellation_received(order=order, sender_name=doc.sender_name, payload=doc.payload)
    return True


def _on_award(*, actor: Any, rfq: Any, awards: list[Any]) -> list[Any]:
    """The RFQ award hook: draft purchase orders in the buyer's workspace, in the award's transaction.

    The award may run outside the buyer's schema (a service call, the demo); the orders are written in
    the buyer's own schema. A buyer without a workspace schema (a bare company row) gets none. Answers
    the orders made, as the award's documents.
    """
    from django_tenants.utils import schema_exists

    from kernel.tenancy import company_context, current_schema
    from marketplace.rfq.services.awards import AwardDocument
    from tenants.procurement.services.orders import po_create_from_award

    buyer = actor.company
    if current_schema() == buyer.schema_name:
        orders = po_create_from_award(actor=actor, rfq_id=rfq.pk)
    elif not schema_exists(buyer.schema_name):
        return []
    else:
        with company_context(buyer):
            orders = po_create_from_award(actor=actor, rfq_id=rfq.pk)
    return [
        AwardDocument(kind="purchase_order", id=o.pk, number=o.number, supplier_id=o.supplier_company_id)
        for o in orders
    ]


def _register_award_hook() -> None:
    from marketplace.rfq.services import awards

    register = getattr(awards, "award_hook", None)
    if register is not None:
        register(_on_award)


_register_award_hook()


@ingest_handler("settlement_response")
def settlement_response_received(doc: Incoming) -> None:
    """Only buyers receive settlement responses (to their own rejection_settlement)."""
    settlements.settlement_response_received(
        document_id=doc.id, sender_id=doc.sender_id, sender_name=doc.sender_name, payload=doc.payload
    )
