"""Stripe webhooks: verify, deduplicate, order, and apply what Stripe did to Hansa's subscription.

    outcome = stripe_webhook_receive(payload=request.body, signature=request.headers["Stripe-Signature"])

- **Signature.** ``stripe.Webhook.construct_event`` checks ``Stripe-Signature`` (HMAC-SHA256 with
  ``STRIPE_WEBHOOK_SECRET``) and its timestamp (``STRIPE_WEBHOOK_TOLERANCE`` seconds, 300 by default).
  A bad or stale signature raises :class:`WebhookSignatureInvalid` before anything is written.
- **Once.** The event is stored as a :class:`WebhookEvent` (unique per gateway and event id) in the same
  transaction as its effect: the same event delivered twice (Stripe retries, two deliveries racing) has
  one effect; the second answers ``duplicate``. A failure rolls both back and Stripe delivers again.
- **Order.** Stripe does not deliver in order. A ``customer.subscription.*`` event older (by ``created``)
  than the last one applied to the same subscription is stored and ignored; one created in the same second
  re-reads the subscription from Stripe, so the newest state wins. Invoice statuses only move forward
  (``paid``, ``void`` and ``uncollectible`` are final), and a payment is recorded once per invoice.
- **Effects** go through the core services (:mod:`billing.services.subscriptions` and ``invoices``) inside
  :func:`billing.gateways.stripe.applying_stripe_state`, so nothing is pushed back to Stripe. A change
  the core refuses (e.g. a plan chosen in the portal below the company's usage) is logged and the event
  is kept as ``refused``: Stripe is not asked to retry what can never apply.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from billing import selectors
from billing.exceptions import SamePlan, WebhookSignatureInvalid
from billing.gateways.stripe import applying_stripe_state, from_minor, stripe_client
from billing.models import (
    Entitlement,
    Gateway,
    Interval,
    Invoice,
    InvoiceLine,
    InvoiceLineKind,
    InvoiceStatus,
    Payment,
    PaymentMethod,
    PlanPrice,
    Subscription,
    SubscriptionStatus,
    WebhookEvent,
)
from billing.services import subscriptions as core
from billing.services.invoices import invoice_record_payment
from kernel.errors import DomainError
from tenants.models import Company

logger = logging.getLogger(__name__)
S = SubscriptionStatus

# Invoice statuses that never go back to open.
FINAL_INVOICE = frozenset({InvoiceStatus.PAID, InvoiceStatus.VOID, InvoiceStatus.UNCOLLECTIBLE})
SUBSCRIPTION_EVENTS = (
    "customer.subscription.created",
    "customer.subscription.updated",
    "customer.subscription.deleted",
)


@dataclass(frozen=True)
class WebhookOutcome:
    event_id: str
    event_type: str
    outcome: str
    """``processed``, ``duplicate`` (seen before), ``stale`` (older than what was applied), ``ignored``
    (not for Hansa, or a kind it does not handle) or ``refused`` (the core refused the change)."""


def _verify(payload: bytes, signature: str | None) -> dict[str, Any]:
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        raise WebhookSignatureInvalid("No webhook secret is configured (STRIPE_WEBHOOK_SECRET).")
    try:
        stripe.Webhook.construct_event(
            payload, signature, secret, tolerance=settings.STRIPE_WEBHOOK_TOLERANCE
        )
    except stripe.SignatureVerificationError as error:
        raise WebhookSignatureInvalid(str(error.user_message or error).split(".")[0] + ".") from None
    except ValueError:
        raise WebhookSignatureInvalid("The body is not a Stripe event.") from None
    event: dict[str, Any] = json.loads(payload)
    if event.get("object") != "event" or not event.get("id") or not event.get("type"):
        raise WebhookSignatureInvalid("The body is not a Stripe event.")
    return event


def stripe_webhook_receive(*, payload: bytes, signature: str | None) -> WebhookOutcome:
    """Verify one webhook delivery and apply it once.

    Raises:
        WebhookSignatureInvalid: the signature is missing, wrong or outside the tolerance; nothing is
            written.
    Other exceptions (the database, Stripe unreachable while re-reading) roll everything back; the view
    answers 5xx and Stripe retries.
    """
    event = _verify(payload, signature)
    event_id, event_type = str(event["id"]), str(event["type"])
    created = dt.datetime.fromtimestamp(int(event.get("created") or 0), tz=dt.UTC)
    with transaction.atomic():
        try:
            with transaction.atomic():
                row, fresh = WebhookEvent.objects.get_or_create(
                    gateway=Gateway.STRIPE,
                    event_id=event_id,
                    defaults={"event_type": event_type, "created": created, "payload": event},
                )
        except IntegrityError:  # a concurrent delivery of the same event committed first
            fresh = False
            row = WebhookEvent.objects.get(gateway=Gateway.STRIPE, event_id=event_id)
        if not fresh:
            row = WebhookEvent.objects.select_for_update().get(pk=row.pk)
            if row.processed_at is not None:
                return WebhookOutcome(event_id, event_type, "duplicate")
        handler = HANDLERS.get(event_type)
        outcome = "ignored"
        if handler is not None:
            try:
                with transaction.atomic(), applying_stripe_state():
                    outcome = handler(event, row)
            except DomainError as error:
                logger.warning("stripe event %s (%s) refused: %s %s", event_id, event_type, error.code, error)
                outcome = "refused"
        row.processed_at = timezone.now()
        row.save(update_fields=["processed_at"])
    logger.info("stripe event %s (%s): %s", event_id, event_type, outcome)
    return WebhookOutcome(event_id, event_type, outcome)


# --- finding the company ------------------------------------------------------------------------------


def _company_id_from(obj: dict[str, Any]) -> int | None:
    for value in (obj.get("client_reference_id"), (obj.get("metadata") or {}).get("company_id")):
        if value and str(value).isdigit():
            return int(value)
    return None


def _subscription_for(
    obj: dict[str, Any], *, customer: str | None, stripe_subscription: str | None
) -> Subscription | None:
    """Hansa's subscription (locked) that a Stripe object belongs to: by Stripe subscription id, then
    customer id, then the company id Hansa put in the metadata."""
    qs = Subscription.objects.select_related("plan_version__plan").select_for_update(of=("self",))
    if stripe_subscription:
        found = qs.filter(stripe_subscription_id=stripe_subscription).first()
        if found is not None:
            return found
    if customer:
        found = qs.filter(stripe_customer_id=customer).first()
        if found is not None:
            return found
    company_id = _company_id_from(obj)
    if company_id is not None:
        found = qs.filter(company_id=company_id).first()
        if found is not None and (not customer or found.stripe_customer_id in ("", customer)):
            return found
    return None


def _ts(value: Any) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(int(value), tz=dt.UTC) if value else None


# --- subscriptions ------------------------------------------------------------------------------------


def _licensed_item(remote: dict[str, Any]) -> dict[str, Any] | None:
    items = ((remote.get("items") or {}).get("data")) or []
    for item in items:
        if ((item.get("price") or {}).get("recurring") or {}).get("usage_type", "licensed") == "licensed":
            return item
    return items[0] if items else None


def _apply_plan(subscription: Subscription, remote: dict[str, Any]) -> None:
    """Follow a plan or interval change made on Stripe's side (the portal), found by the licensed price."""
    item = _licensed_item(remote)
    price_id = ((item or {}).get("price") or {}).get("id")
    if not price_id:
        return
    price = PlanPrice.objects.select_related("version__plan").filter(stripe_price_id=price_id).first()
    if price is None:
        logger.warning("stripe subscription %s has price %s, which no plan has", remote.get("id"), price_id)
        return
    if price.version_id == subscription.plan_version_id and price.interval == subscription.interval:
        return
    try:
        with transaction.atomic():
            core.subscription_change_plan(
                company_id=subscription.company_id,
                plan_code=price.version.plan.code,
                interval=price.interval,
                source="stripe",
                reason=f"Changed in Stripe ({remote.get('id')})",
            )
    except SamePlan:
        pass
    except DomainError as error:
        # E.g. a downgrade in the portal below the company's usage: Hansa keeps its plan (and says so in
        # the log); configure the portal without plan switching to avoid it (docs/billing.md).
        logger.warning("stripe plan change of %s refused: %s %s", remote.get("id"), error.code, error)
    subscription.refresh_from_db()


def _sync_period(subscription: Subscription, remote: dict[str, Any]) -> None:
    """Take the billing period and the scheduled cancellation from Stripe's subscription."""
    item = _licensed_item(remote) or {}
    start = _ts(item.get("current_period_start") or remote.get("current_period_start"))
    end = _ts(item.get("current_period_end") or remote.get("current_period_end"))
    cancel = bool(remote.get("cancel_at_period_end")) or bool(remote.get("cancel_at"))
    if cancel != subscription.cancel_at_period_end:
        try:
            with transaction.atomic():
                if cancel:
                    core.subscription_cancel(company_id=subscription.company_id, reason="Canceled in Stripe")
                else:
                    core.subscription_cancel_revoke(company_id=subscription.company_id)
        except DomainError as error:  # e.g. already moved to the free plan in Hansa
            logger.warning(
                "stripe cancellation of %s not followed: %s %s", remote.get("id"), error.code, error
            )
    fields: dict[str, Any] = {}
    if start and end and subscription.status not in (S.TRIALING,):
        fields = {"current_period_start": start, "current_period_end": end}
    if fields:
        Subscription.objects.filter(pk=subscription.pk).update(**fields, updated_at=timezone.now())
    subscription.refresh_from_db()


def _link(subscription: Subscription, *, customer: str, stripe_subscription: str) -> None:
    """Record that the company now pays through Stripe (this customer and subscription)."""
    Subscription.objects.filter(pk=subscription.pk).update(
        gateway=Gateway.STRIPE,
        stripe_customer_id=customer or subscription.stripe_customer_id,
        stripe_subscription_id=stripe_subscription,
        updated_at=timezone.now(),
    )
    subscription.refresh_from_db()


def _apply_status(subscription: Subscription, remote: dict[str, Any]) -> None:
    status = remote.get("status")
    interval = ((_licensed_item(remote) or {}).get("price") or {}).get("recurring", {}).get("interval")
    company_id = subscription.company_id
    lapsed_trial = subscription.status == S.READ_ONLY and subscription.converted_at is None
    if status == "active":
        if subscription.status == S.TRIALING or lapsed_trial:
            core.subscription_convert(
                company_id=company_id, interval=interval if interval in Interval.values else None
            )
        elif subscription.status in (S.PAST_DUE, S.READ_ONLY, S.SUSPENDED):
            core.subscription_payment_received(company_id=company_id, source="stripe")
    elif status == "past_due":
        core.subscription_payment_failed(
            company_id=company_id, source="stripe", reason="Stripe: payment past due"
        )
    elif status == "unpaid":
        locked = selectors.subscription_for_company(company_id=company_id, lock=True)
        if locked is not None and locked.status in (S.ACTIVE, S.PAST_DUE):
            core.subscription_set_status(
                subscription=locked,
                status=S.READ_ONLY,
                source="stripe",
                reason="Stripe: unpaid after retries",
            )
    elif status in ("canceled", "incomplete_expired"):
        _end(subscription, remote)
    subscription.refresh_from_db()


def _end(subscription: Subscription, remote: dict[str, Any]) -> None:
    """Stripe ended the subscription: as when a cancellation reaches its period end in Hansa, the company
    moves to the free plan when its usage fits, else its workspace is canceled (read-only)."""
    if subscription.stripe_subscription_id != remote.get("id"):
        return  # an older Stripe subscription of this company
    Subscription.objects.filter(pk=subscription.pk).update(
        gateway=Gateway.OFFLINE, stripe_subscription_id="", updated_at=timezone.now()
    )
    subscription.refresh_from_db()
    if subscription.status == S.CANCELED or subscription.plan_version.plan.is_free:
        return
    core.subscription_end(
        subscription=subscription, now=timezone.now(), kind=core.SubscriptionEventKind.CANCELED
    )


def _apply(subscription: Subscription, remote: dict[str, Any]) -> None:
    """Bring a linked subscription to the state of Stripe's: back from canceled when Stripe bills it
    again, then its plan (by price), its status, its period and its scheduled cancellation."""
    if subscription.status == S.CANCELED and remote.get("status") in ("active", "past_due"):
        locked = selectors.subscription_for_company(company_id=subscription.company_id, lock=True)
        assert locked is not None
        core.subscription_set_status(
            subscription=locked, status=S.ACTIVE, source="stripe", reason="Paid again through Stripe"
        )
        subscription.refresh_from_db()
    _apply_plan(subscription, remote)
    _apply_status(subscription, remote)
    if subscription.gateway == Gateway.STRIPE:
        _sync_period(subscription, remote)


def _is_stale(row: WebhookEvent, stripe_subscription: str) -> bool | None:
    """True: an event about this subscription created later was applied; None: one from the same second
    was (the order is unknown: re-read the subscription); False: this one is the newest."""
    newest = (
        WebhookEvent.objects.filter(
            gateway=Gateway.STRIPE,
            event_type__in=SUBSCRIPTION_EVENTS,
            processed_at__isnull=False,
            payload__data__object__id=stripe_subscription,
        )
        .exclude(pk=row.pk)
        .order_by("-created")
        .values_list("created", flat=True)
        .first()
    )
    if newest is None or newest < row.created:
        return False
    return True if newest > row.created else None


def _on_subscription(event: dict[str, Any], row: WebhookEvent) -> str:
    remote: dict[str, Any] = event["data"]["object"]
    subscription = _subscription_for(
        remote, customer=remote.get("customer"), stripe_subscription=remote.get("id")
    )
    if subscription is None:
        return "ignored"
    stale = _is_stale(row, remote["id"])
    if stale:
        return "stale"
    if stale is None and event["type"] != "customer.subscription.deleted":
        remote = stripe_client().v1.subscriptions.retrieve(remote["id"]).to_dict()
    if event["type"] == "customer.subscription.deleted":
        _end(subscription, remote)
        return "processed"
    if subscription.stripe_subscription_id and subscription.stripe_subscription_id != remote["id"]:
        return "ignored"  # not the subscription Hansa bills through
    if not subscription.stripe_subscription_id:
        if remote.get("status") not in ("active", "trialing", "past_due"):
            return "ignored"
        _link(subscription, customer=remote.get("customer") or "", stripe_subscription=remote["id"])
    _apply(subscription, remote)
    return "processed"


def _on_checkout_completed(event: dict[str, Any], row: WebhookEvent) -> str:
    session: dict[str, Any] = event["data"]["object"]
    if session.get("mode") != "subscription" or not session.get("subscription"):
        return "ignored"
    subscription = _subscription_for(session, customer=session.get("customer"), stripe_subscription=None)
    if subscription is None or _company_id_from(session) not in (None, subscription.company_id):
        return "ignored"
    remote = stripe_client().v1.subscriptions.retrieve(session["subscription"]).to_dict()
    _link(subscription, customer=session.get("customer") or "", stripe_subscription=remote["id"])
    _apply(subscription, remote)
    return "processed"


# --- invoices -----------------------------------------------------------------------------------------


def _invoice_subscription_id(invoice: dict[str, Any]) -> str | None:
    details = ((invoice.get("parent") or {}).get("subscription_details")) or {}
    return details.get("subscription") or invoice.get("subscription")


def _line_price(line: dict[str, Any]) -> str | None:
    pricing = line.get("pricing") or {}
    return ((pricing.get("price_details") or {}).get("price")) or ((line.get("price") or {}).get("id"))


def _line_kind(line: dict[str, Any], meters_by_price: dict[str, str]) -> tuple[str, str]:
    parent = line.get("parent") or {}
    details = parent.get("subscription_item_details") or parent.get("invoice_item_details") or {}
    if details.get("proration") or line.get("proration"):
        return InvoiceLineKind.PRORATION, ""
    price = _line_price(line)
    if price and price in meters_by_price:
        return InvoiceLineKind.OVERAGE, meters_by_price[price]
    return InvoiceLineKind.BASE, ""


def _invoice_upsert(subscription: Subscription, remote: dict[str, Any]) -> Invoice:
    """Hansa's copy of a Stripe invoice (by ``stripe_invoice_id``), with its lines; its status only moves
    forward. Locks the row."""
    currency = str(remote.get("currency") or subscription.currency).upper()
    status = remote.get("status") or InvoiceStatus.OPEN
    existing = Invoice.objects.select_for_update().filter(stripe_invoice_id=remote["id"]).first()
    total = from_minor(remote.get("total"), currency)
    untaxed = remote.get("total_excluding_tax")
    subtotal = from_minor(untaxed if untaxed is not None else remote.get("subtotal"), currency)
    company = Company.objects.get(pk=subscription.company_id)
    if existing is None:
        # Recorded as open first: a paid one becomes paid through its Payment.
        existing = Invoice.objects.create(
            company=company,
            subscription=subscription,
            number=str(remote.get("number") or "")[:30],
            status=InvoiceStatus.OPEN if status == InvoiceStatus.PAID and total > 0 else status,
            gateway=Gateway.STRIPE,
            currency=currency,
            period_start=_ts(remote.get("period_start")),
            period_end=_ts(remote.get("period_end")),
            subtotal=subtotal,
            tax_amount=max(total - subtotal, Decimal("0")),
            tax_rate=(max(total - subtotal, Decimal("0")) * 100 / subtotal).quantize(Decimal("0.01"))
            if subtotal
            else Decimal("0"),
            total=total,
            issued_at=_ts((remote.get("status_transitions") or {}).get("finalized_at"))
            or _ts(remote.get("created")),
            due_at=_ts(remote.get("due_date")),
            paid_at=timezone.now() if status == InvoiceStatus.PAID and total == 0 else None,
            buyer_name=company.legal_name or company.name,
            buyer_tax_id=company.tax_id,
            buyer_country=company.country,
            stripe_invoice_id=remote["id"],
        )
        meters_by_price = dict(
            Entitlement.objects.exclude(stripe_price_id="").values_list("stripe_price_id", "meter")
        )
        lines = []
        for line in ((remote.get("lines") or {}).get("data")) or []:
            amount = from_minor(line.get("amount"), currency)
            quantity = Decimal(str(line.get("quantity") or 0))
            if amount == 0 and quantity == 0:
                continue
            kind, meter = _line_kind(line, meters_by_price)
            period = _ts((line.get("period") or {}).get("start"))
            lines.append(
                InvoiceLine(
                    invoice=existing,
                    kind=kind,
                    meter=meter,
                    description=str(line.get("description") or kind)[:300],
                    quantity=quantity or Decimal("1"),
                    unit_amount=(amount / quantity).quantize(Decimal("0.0001")) if quantity else amount,
                    amount=amount,
                    period_start=period.date() if period else None,
                )
            )
        InvoiceLine.objects.bulk_create(lines)
    elif existing.status not in FINAL_INVOICE and status in (InvoiceStatus.VOID, InvoiceStatus.UNCOLLECTIBLE):
        existing.status = status
        existing.save(update_fields=["status", "updated_at"])
    return existing


def _invoice_context(event: dict[str, Any]) -> tuple[Subscription, dict[str, Any]] | None:
    """The subscription a Stripe invoice bills. An invoice of a Stripe subscription Hansa has not linked
    yet (``invoice.paid`` may arrive before ``checkout.session.completed``) links it first, from the
    subscription as Stripe has it now."""
    remote: dict[str, Any] = event["data"]["object"]
    stripe_subscription = _invoice_subscription_id(remote)
    subscription = _subscription_for(
        remote, customer=remote.get("customer"), stripe_subscription=stripe_subscription
    )
    if subscription is None:
        return None
    if stripe_subscription and subscription.stripe_subscription_id != stripe_subscription:
        if subscription.stripe_customer_id != remote.get("customer"):
            return None
        current = stripe_client().v1.subscriptions.retrieve(stripe_subscription).to_dict()
        if current.get("status") not in ("active", "trialing", "past_due", "unpaid"):
            return None
        _link(subscription, customer=remote.get("customer") or "", stripe_subscription=stripe_subscription)
        _apply(subscription, current)
    if subscription.gateway != Gateway.STRIPE:
        return None
    return subscription, remote


def _on_invoice_finalized(event: dict[str, Any], row: WebhookEvent) -> str:
    context = _invoice_context(event)
    if context is None:
        return "ignored"
    _invoice_upsert(*context)
    return "processed"


def _on_invoice_paid(event: dict[str, Any], row: WebhookEvent) -> str:
    context = _invoice_context(event)
    if context is None:
        return "ignored"
    subscription, remote = context
    invoice = _invoice_upsert(subscription, remote)
    if invoice.status == InvoiceStatus.OPEN:
        paid = from_minor(remote.get("amount_paid"), invoice.currency)
        recorded = sum(Payment.objects.filter(invoice=invoice).values_list("amount", flat=True), Decimal("0"))
        amount = min(paid, invoice.total) - recorded
        if amount > 0:
            paid_at = _ts((remote.get("status_transitions") or {}).get("paid_at")) or timezone.now()
            invoice_record_payment(
                invoice_id=invoice.pk,
                amount=amount,
                method=PaymentMethod.STRIPE,
                reference=str(remote.get("payment_intent") or remote["id"]),
                received_on=paid_at.date(),
                actor=None,
                reason="Stripe invoice.paid",
            )
    core.subscription_payment_received(company_id=subscription.company_id, source="stripe")
    return "processed"


def _on_invoice_payment_failed(event: dict[str, Any], row: WebhookEvent) -> str:
    context = _invoice_context(event)
    if context is None:
        return "ignored"
    subscription, remote = context
    invoice = _invoice_upsert(subscription, remote)
    if invoice.status in FINAL_INVOICE:
        return "stale"  # paid (or voided) since: the failure no longer matters
    core.subscription_payment_failed(
        company_id=subscription.company_id,
        source="stripe",
        reason=f"Stripe: payment of invoice {remote.get('number') or remote['id']} failed",
    )
    return "processed"


HANDLERS: dict[str, Callable[[dict[str, Any], WebhookEvent], str]] = {
    "checkout.session.completed": _on_checkout_completed,
    "customer.subscription.created": _on_subscription,
    "customer.subscription.updated": _on_subscription,
    "customer.subscription.deleted": _on_subscription,
    "invoice.finalized": _on_invoice_finalized,
    "invoice.paid": _on_invoice_paid,
    "invoice.payment_failed": _on_invoice_payment_failed,
    "invoice.voided": _on_invoice_finalized,
    "invoice.marked_uncollectible": _on_invoice_finalized,
}

# The events to enable on the webhook endpoint in Stripe (docs/billing.md).
EVENTS_TO_ENABLE = tuple(HANDLERS)
