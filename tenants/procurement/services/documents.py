"""What leaves the buyer's workspace: trade documents to suppliers on Hansa, e-mail (with the order as a
PDF) to suppliers outside it.

Documents are written in the caller's transaction through ``marketplace.exchange`` (delivered after
commit); e-mails are recorded in the outbox in the caller's transaction and sent by its worker, so a
rolled-back change sends nothing and a broker outage delays the e-mail without losing it.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage

from kernel.iso import currency_minor_units
from kernel.outbox import outbox_handler, outbox_record
from tenants.models import Company
from tenants.procurement.models import PurchaseOrder, PurchaseOrderLine
from tenants.procurement.pdf import PdfLine, PdfOrder, amount_text, render_order_pdf
from tenants.procurement.services.common import decimal_text, this_company

logger = logging.getLogger(__name__)

TOPIC_EMAIL = "procurement.email_supplier"


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def purchase_order_payload(
    order: PurchaseOrder, lines: Sequence[PurchaseOrderLine], *, contact: dict[str, str]
) -> dict[str, Any]:
    """The ``purchase_order`` document (schema version 1) of the order as it stands."""
    return {
        "po_id": order.pk,
        "po_number": order.number,
        "currency": order.currency,
        "order_date": order.order_date.isoformat(),
        "requested_date": _date(order.requested_date),
        "payment_terms": order.payment_terms,
        "notes": order.notes,
        "ship_to": order.ship_to,
        "rfq_id": order.rfq_id,
        "buyer_contact": contact,
        "lines": [
            {
                "line_no": line.line_no,
                "sku": line.sku,
                "description": line.description,
                "listing_id": line.listing_id,
                "quantity": decimal_text(line.quantity),
                "unit": line.unit,
                "unit_price": decimal_text(line.unit_price),
                "tax_rate": decimal_text(line.tax_rate),
                "requested_date": _date(line.requested_date or order.requested_date),
            }
            for line in lines
        ],
        "total_net": decimal_text(order.total_net),
        "total_tax": decimal_text(order.total_tax),
        "total": decimal_text(order.total),
    }


def send_to_supplier(
    order: PurchaseOrder, *, kind: str, payload: dict[str, Any], refers_to: uuid.UUID | None
) -> uuid.UUID:
    """Write a trade document from this company to the order's supplier (on Hansa); its id."""
    from marketplace.exchange.services import document_send

    assert order.supplier_company_id is not None
    supplier = order.supplier_company or Company.objects.get(pk=order.supplier_company_id)
    document = document_send(
        sender=this_company(), receiver=supplier, kind=kind, payload=payload, refers_to=refers_to
    )
    return document.pk


def email_supplier(order: PurchaseOrder, *, kind: str, reason: str = "") -> None:
    """Record an e-mail to the order's supplier outside Hansa (``kind``: sent, changed, cancelled)."""
    outbox_record(topic=TOPIC_EMAIL, payload={"order_id": order.pk, "kind": kind, "reason": reason})


def order_pdf(order: PurchaseOrder, lines: Sequence[PurchaseOrderLine] | None = None) -> bytes:
    """The order as a PDF (the current version of its terms)."""
    rows = list(lines if lines is not None else order.lines.order_by("line_no"))
    places = currency_minor_units(order.currency)
    buyer = this_company()
    return render_order_pdf(
        PdfOrder(
            title="PURCHASE ORDER",
            number=order.number,
            order_date=order.order_date.isoformat(),
            buyer_name=buyer.legal_name or buyer.name,
            supplier_name=order.supplier_name,
            currency=order.currency,
            version=order.version,
            requested_date=_date(order.requested_date) or "",
            payment_terms=order.payment_terms,
            ship_to=order.ship_to,
            notes=order.notes,
            buyer_contact=(order.created_by.email if order.created_by else ""),
            lines=[
                PdfLine(
                    line_no=line.line_no,
                    sku=line.sku,
                    description=line.description,
                    quantity=decimal_text(line.quantity) or "",
                    unit=line.unit,
                    unit_price=amount_text(line.unit_price, places),
                    tax_rate=decimal_text(line.tax_rate) or "0",
                    net_amount=amount_text(line.net_amount, places),
                    requested_date=_date(line.requested_date) or "",
                )
                for line in rows
            ],
            total_net=amount_text(order.total_net, places),
            total_tax=amount_text(order.total_tax, places),
            total=amount_text(order.total, places),
        )
    )


_SUBJECTS = {
    "sent": "Purchase order {number} from {buyer}",
    "changed": "Purchase order {number} changed (version {version}) - {buyer}",
    "cancelled": "Purchase order {number} cancelled - {buyer}",
}
_BODIES = {
    "sent": "Please find attached purchase order {number} ({total} {currency}).\n"
    "Kindly confirm it by replying to this e-mail.\n\n{buyer}\n",
    "changed": "Purchase order {number} has been changed; version {version} is attached.\n\n{buyer}\n",
    "cancelled": "Purchase order {number} is cancelled.\nReason: {reason}\n\n{buyer}\n",
}


@outbox_handler(TOPIC_EMAIL)
def _email_supplier(payload: dict[str, Any]) -> None:
    order = PurchaseOrder.objects.select_related("created_by").filter(pk=payload["order_id"]).first()
    if order is None or not order.supplier_email:
        return
    buyer = this_company()
    kind = str(payload["kind"])
    values = {
        "number": order.number,
        "buyer": buyer.legal_name or buyer.name,
        "version": order.version,
        "total": amount_text(order.total, currency_minor_units(order.currency)),
        "currency": order.currency,
        "reason": payload.get("reason", ""),
    }
    message = EmailMessage(
        subject=_SUBJECTS[kind].format(**values),
        body=_BODIES[kind].format(**values),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[order.supplier_email],
        reply_to=[order.created_by.email] if order.created_by else None,
    )
    if kind != "cancelled":
        message.attach(f"{order.number}-v{order.version}.pdf", order_pdf(order), "application/pdf")
    message.send()
