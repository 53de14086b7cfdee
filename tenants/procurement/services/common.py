"""Shared by the procurement services: row locks, numbering, money, events, audit, the current company."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from identity.access import Actor
from identity.models import User
from identity.services import audit_record
from kernel.errors import NotFound
from kernel.iso import currency_minor_units
from kernel.tenancy import current_company, current_schema, is_public
from tenants.models import Company
from tenants.procurement.exceptions import InvalidTransition
from tenants.procurement.models import NumberSequence, OrderEvent, PurchaseOrder, PurchaseOrderLine

Errors = dict[str, list[str]]

# Statuses in which the supplier holds the order (it was sent and is not finished).
OPEN_AT_SUPPLIER = ("sent", "acknowledged", "changed", "partly_received")


def add_error(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def this_company() -> Company:
    """The company whose schema is active (also under a bare schema_context, as outbox handlers run)."""
    company = current_company()
    if company is None and not is_public():
        company = Company.objects.filter(schema_name=current_schema()).first()
    if company is None:
        raise RuntimeError("procurement runs inside a company's schema")
    return company


def lock_order(order_id: int, *, documents: bool = False) -> PurchaseOrder:
    """The order, locked ``FOR UPDATE`` (every state change takes this lock first); NotFound if missing.

    ``documents``: the service will send a document referring to the order's purchase_order document.
    Ingesting a supplier's document locks that purchase_order document first and the order second;
    writing a document that refers to it takes a key-share lock on it. So a sending service takes that
    key-share lock *before* the order's, in the same order as ingestion: the two never deadlock.
    """
    if documents:
        document_id = (
            PurchaseOrder.objects.filter(pk=order_id).values_list("exchange_document_id", flat=True).first()
        )
        if document_id is not None:
            _hold_document(document_id)
    order = PurchaseOrder.objects.select_for_update(of=("self",)).filter(pk=order_id).first()
    if order is None:
        raise NotFound()
    return order


def _hold_document(document_id: uuid.UUID) -> None:
    from marketplace.exchange.models import TradeDocument

    table = TradeDocument._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR KEY SHARE", [document_id])  # noqa: S608


def require_status(order: PurchaseOrder, *allowed: str, action: str) -> None:
    if order.status not in allowed:
        raise InvalidTransition(
            detail=f"Cannot {action} an order that is {order.status.replace('_', ' ')}.",
            status_now=order.status,
        )


def next_number(name: str, prefix: str) -> str:
    """The next number of a sequence (``PO-2026-00001``), in one statement: the upsert locks the counter
    row until the caller's transaction ends, so no two documents share a number and none is skipped."""
    table = NumberSequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (name, last) VALUES (%s, 1) "  # noqa: S608 - the table name is ours
            "ON CONFLICT (name) DO UPDATE SET last = " + table + ".last + 1 RETURNING last",
            [name],
        )
        last = cursor.fetchone()[0]
    return f"{prefix}-{timezone.localdate().year}-{last:05d}"


def places_of(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 99


def money(value: Decimal, currency: str) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-currency_minor_units(currency)), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LineAmounts:
    net: Decimal
    tax: Decimal


def line_amounts(*, quantity: Decimal, unit_price: Decimal, tax_rate: Decimal, currency: str) -> LineAmounts:
    """Net = quantity x price and tax = net x rate, each rounded to the currency's minor unit (half up)."""
    net = money(quantity * unit_price, currency)
    return LineAmounts(net=net, tax=money(net * tax_rate / 100, currency))


def set_totals(order: PurchaseOrder, lines: Iterable[PurchaseOrderLine]) -> None:
    """Recompute every line's amounts and the order's totals in memory (the caller saves)."""
    net = tax = Decimal(0)
    for line in lines:
        amounts = line_amounts(
            quantity=line.quantity,
            unit_price=line.unit_price,
            tax_rate=line.tax_rate,
            currency=order.currency,
        )
        line.net_amount, line.tax_amount = amounts.net, amounts.tax
        net += amounts.net
        tax += amounts.tax
    order.total_net, order.total_tax, order.total = net, tax, net + tax


def event_record(
    order: PurchaseOrder,
    kind: str,
    *,
    actor: Actor | None = None,
    label: str = "",
    data: dict[str, Any] | None = None,
) -> OrderEvent:
    """Append one event to the order's timeline (in the caller's transaction)."""
    user = actor.user if actor is not None else None
    return OrderEvent.objects.create(
        order=order,
        kind=kind,
        at=timezone.now(),
        actor=user,
        actor_label=label or (actor.label if actor is not None else ""),
        data=data or {},
    )


def audit(
    *,
    actor: Actor,
    action: str,
    order: PurchaseOrder,
    request: HttpRequest | None = None,
    after: dict[str, Any] | None = None,
    before: dict[str, Any] | None = None,
) -> None:
    audit_record(
        action=action,
        company=actor.company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="purchase_order",
        target_id=order.pk,
        before=before,
        after=after,
    )


def user_of(actor: Actor) -> User | None:
    return actor.user if actor.user is not None and actor.user.pk else None


def principal_of(actor: Actor) -> User | None:
    """The member an actor acts for: the member themselves, or for an API key the member who created it
    (a key acts for its creator; None when that account is gone)."""
    if actor.user is not None and actor.user.pk:
        return actor.user
    if actor.api_key is not None:
        return actor.api_key.created_by
    return None


def principal_id(actor: Actor) -> int | None:
    if actor.user is not None and actor.user.pk:
        return int(actor.user.pk)
    if actor.api_key is not None:
        return actor.api_key.created_by_id
    return None


def decimal_text(value: Decimal | None) -> str | None:
    """A decimal as a plain string without exponent or superfluous trailing zeros (``"12.5"``)."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text
