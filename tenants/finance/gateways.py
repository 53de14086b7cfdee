"""The port of online payment of issued invoices, and its adapters.

``HANSA_FINANCE_GATEWAY`` chooses the adapter: ``offline`` (the default: no online payment; the
buyer pays by transfer and the payment is recorded by hand or from the bank statement) or ``fake``
(a local gateway for development and tests: its checkout page is not real; the test completes a payment
by sending a signed webhook through the real view). A real gateway adapter implements the same three
methods (Stripe: a Checkout Session in ``create_payment_intent``, ``Stripe-Signature`` verification in
``webhook_verify``).

Webhook signature (fake gateway): header ``X-Hansa-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of
"<t>.<raw body>" under HANSA_FINANCE_GATEWAY_SECRET>``; older than five minutes is refused.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from django.conf import settings

from tenants.finance.exceptions import OnlinePaymentUnavailable, WebhookSignatureInvalid

SIGNATURE_HEADER = "X-Hansa-Signature"
TOLERANCE_SECONDS = 300


@dataclass(frozen=True)
class Checkout:
    intent_id: str
    checkout_url: str


@dataclass(frozen=True)
class GatewayEvent:
    event_id: str
    type: str  # "payment_succeeded" (others are acknowledged and ignored)
    intent_id: str
    amount: Decimal
    currency: str


class PaymentGateway(Protocol):
    name: str

    def create_payment_intent(
        self, *, amount: Decimal, currency: str, description: str, reference: str
    ) -> Checkout:
        """Open a checkout for the payer; answers its id and the page to send the payer to."""

    def webhook_verify(self, *, body: bytes, signature: str) -> GatewayEvent:
        """The event the gateway signed, or WebhookSignatureInvalid."""


class OfflineGateway:
    name = "offline"

    def create_payment_intent(
        self, *, amount: Decimal, currency: str, description: str, reference: str
    ) -> Checkout:
        raise OnlinePaymentUnavailable("Online payment is not set up on this installation.")

    def webhook_verify(self, *, body: bytes, signature: str) -> GatewayEvent:
        raise WebhookSignatureInvalid("No online payment gateway is set up.")


def _secret() -> bytes:
    configured = getattr(settings, "HANSA_FINANCE_GATEWAY_SECRET", "")
    base = configured or hashlib.sha256(f"finance-gateway:{settings.SECRET_KEY}".encode()).hexdigest()
    return base.encode()


class FakeGateway:
    name = "fake"

    def create_payment_intent(
        self, *, amount: Decimal, currency: str, description: str, reference: str
    ) -> Checkout:
        intent_id = f"pi_fake_{secrets.token_hex(12)}"
        return Checkout(intent_id=intent_id, checkout_url=f"https://pay.invalid/checkout/{intent_id}")

    @staticmethod
    def sign(body: bytes, *, at: int | None = None) -> str:
        stamp = int(time.time()) if at is None else at
        digest = hmac.new(_secret(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
        return f"t={stamp},v1={digest}"

    @staticmethod
    def event_body(*, event_id: str, intent_id: str, amount: Decimal, currency: str) -> bytes:
        """What the fake gateway posts when the payer has paid."""
        return json.dumps(
            {
                "id": event_id,
                "type": "payment_succeeded",
                "data": {"intent_id": intent_id, "amount": str(amount), "currency": currency},
            }
        ).encode()

    def webhook_verify(self, *, body: bytes, signature: str) -> GatewayEvent:
        parts = dict(p.split("=", 1) for p in signature.split(",") if "=" in p)
        stamp, given = parts.get("t", ""), parts.get("v1", "")
        if not stamp.isdigit() or abs(time.time() - int(stamp)) > TOLERANCE_SECONDS:
            raise WebhookSignatureInvalid("The signature is missing or too old.")
        expected = hmac.new(_secret(), f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, given):
            raise WebhookSignatureInvalid("The signature does not match.")
        try:
            data: Any = json.loads(body)
            return GatewayEvent(
                event_id=str(data["id"]),
                type=str(data["type"]),
                intent_id=str(data["data"]["intent_id"]),
                amount=Decimal(str(data["data"]["amount"])),
                currency=str(data["data"]["currency"]),
            )
        except (ValueError, KeyError, TypeError, ArithmeticError) as exc:
            raise WebhookSignatureInvalid("The event cannot be read.") from exc


def gateway() -> PaymentGateway:
    name = getattr(settings, "HANSA_FINANCE_GATEWAY", "offline")
    return FakeGateway() if name == "fake" else OfflineGateway()
