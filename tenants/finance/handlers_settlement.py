"""Trade documents of settlement arriving in a company: a customer's remittance advice, a bill endorsed
to us. Both run in the receiver's schema inside the ingestion transaction (at most once per document)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from marketplace.exchange.handlers import Incoming, ingest_handler
from marketplace.exchange.kinds import DocumentKind
from tenants.finance.services.bills import bill_receive_from_partner
from tenants.finance.services.settlement import AllocationIn, remittance_receive


def _notify(doc: Incoming, kind: str, title: str) -> None:
    """Tell the receiver's finance members (``/api/notifications/``), once per document."""
    from notifications.selectors import members_with_permission
    from notifications.services import notification_send

    notification_send(
        recipients=members_with_permission(companies=[doc.receiver_id], permission="finance.view"),
        kind=kind,
        key=f"{kind}:{doc.id}",
        payload={"title": title, "buyer": doc.sender_name},
        subject_type="trade_document",
    )


@ingest_handler(DocumentKind.REMITTANCE_ADVICE)
def remittance_advice_received(doc: Incoming) -> None:
    remittance_receive(document_id=doc.id, sender_id=doc.sender_id, payload=doc.payload)
    numbers = ", ".join(row["invoice_number"] for row in doc.payload["invoices"])
    _notify(
        doc, "finance.remittance_received", f"{numbers}: {doc.payload['amount']} {doc.payload['currency']}"
    )


@ingest_handler(DocumentKind.BILL_ENDORSEMENT)
def bill_endorsement_received(doc: Incoming) -> None:
    from tenants.finance.models import Invoice, InvoiceDirection

    rows = doc.payload["invoices"]
    ids = {
        str(i.document_id): i.pk
        for i in Invoice.objects.filter(
            document_id__in=[r["invoice_document_id"] for r in rows],
            direction=InvoiceDirection.OUT,
            partner_company_id=doc.sender_id,
        )
    }
    allocations = [
        AllocationIn(invoice_id=ids.get(r["invoice_document_id"], 0), amount=Decimal(r["amount"]))
        for r in rows
    ]
    bill_receive_from_partner(
        document_id=doc.id,
        sender_id=doc.sender_id,
        bill=doc.payload["bill"],
        allocations=allocations,
        day=date.fromisoformat(doc.payload["endorsed_on"]),
    )
    bill = doc.payload["bill"]
    _notify(doc, "finance.bill_endorsed", f"{bill['number']}: {bill['amount']} {bill['currency']}")
