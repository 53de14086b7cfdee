"""Online payment of issued invoices through the gateway port (``tenants.finance.gateways``)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from identity.access import Actor
from identity.services import audit_record
from kernel.errors import NotFound
from tenants.finance.exceptions import InvoiceNotSettleable
from tenants.finance.gateways import gateway
from tenants.finance.models import (
    Invoice,
    InvoiceDirection,
    InvoiceStatus,
    OnlinePayment,
    OnlinePaymentStatus,
    Payment,
    PaymentDirection,
    PaymentMethod,
    PaymentSource,
)
from tenants.finance.services.posting import functional_currency
from tenants.finance.services.settlement import FINANCE_POST, AllocationIn, _payment_create


def online_payment_start(*, actor: Actor, invoice: Invoice) -> OnlinePayment:
    """Open a checkout at the gateway for what is open on an issued invoice; the page is sent to the buyer.

    Raises:
        InvoiceNotSettleable: not an open issued invoice.
        OnlinePaymentUnavailable: the offline gateway (no online payment set up).
    """
    actor.require(FINANCE_POST)
    if invoice.direction != InvoiceDirection.OUT or invoice.status != InvoiceStatus.OPEN:
        raise InvoiceNotSettleable(
            f"{invoice.number} is not an open issued invoice.",
            invoice_id=invoice.pk,
            invoice_status=invoice.status,
        )
    port = gateway()
    checkout = port.create_payment_intent(
        amount=invoice.amount_open,
        currency=invoice.currency,
        description=f"Invoice {invoice.number}",
        reference=invoice.number,
    )
    with transaction.atomic():
        row = OnlinePayment.objects.create(
            invoice=invoice,
            gateway=port.name,
            intent_id=checkout.intent_id,
            checkout_url=checkout.checkout_url,
            amount=invoice.amount_open,
            currency=invoice.currency,
        )
        audit_record(
            action="finance.online_payment.start",
            company=actor.company,
            actor=actor.user,
            actor_label=actor.label,
            target_type="finance.onlinepayment",
            target_id=row.pk,
            after={"invoice": invoice.number, "amount": str(row.amount)},
        )
    return row


def online_payment_webhook(*, body: bytes, signature: str) -> Payment | None:
    """Take a gateway's signed event: a succeeded payment records ``payment_received`` against the
    invoice, once per gateway event (a redelivery answers the same payment). Other events: None.

    Raises:
        WebhookSignatureInvalid: a missing, stale or wrong signature (nothing is written).
        NotFound: no checkout of this company has this intent.
        PaymentExceedsOpen: the invoice has less open than was paid (settled otherwise meanwhile).
    """
    event = gateway().webhook_verify(body=body, signature=signature)
    if event.type != "payment_succeeded":
        return None
    with transaction.atomic():
        row = OnlinePayment.objects.select_for_update().filter(intent_id=event.intent_id).first()
        if row is None:
            raise NotFound()
        existing = Payment.objects.filter(gateway_event_id=event.event_id).first()
        if existing is not None:
            return existing
        if row.payment_id is not None:
            return row.payment
        invoice = row.invoice
        payment = _payment_create(
            direction=PaymentDirection.IN,
            amount=event.amount,
            currency=event.currency,
            day=timezone.localdate(),
            allocations=[AllocationIn(invoice_id=invoice.pk, amount=event.amount)],
            method=PaymentMethod.ONLINE,
            rate=None if event.currency == functional_currency() else invoice.exchange_rate,
            reference=f"{row.gateway} {row.intent_id}",
            source=PaymentSource.ONLINE,
            gateway_event_id=event.event_id,
            actor_label=f"gateway {row.gateway}",
        )
        row.payment = payment
        row.status = OnlinePaymentStatus.SUCCEEDED
        row.save(update_fields=["payment", "status"])
    return payment
