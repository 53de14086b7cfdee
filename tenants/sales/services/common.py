"""Row locks, numbering, input checks, the audit hook and document sending shared by the sales services."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection
from django.http import HttpRequest

from identity.access import Actor
from identity.services import audit_record
from kernel.errors import NotFound, ValidationFailed
from kernel.iso import CURRENCIES, currency_minor_units
from kernel.tenancy import current_company
from tenants.models import Company
from tenants.sales.models import NumberSequence, SalesOrder

Errors = dict[str, list[str]]

MAX_QUANTITY = Decimal("99999999999999")  # 14 integer digits: max_digits=18, decimal_places=4


def add_error(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def raise_if(errors: Errors) -> None:
    if errors:
        raise ValidationFailed(errors=errors)


def next_number(series: str) -> str:
    """The next number of ``series`` (``SO-000001``), taken under the sequence row's lock: no gaps, no
    duplicates, whatever runs at once (the number is lost only if the caller's transaction rolls back)."""
    table = NumberSequence._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (series, last) VALUES (%s, 1) "  # noqa: S608 - table name is ours
            f"ON CONFLICT (series) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [series],
        )
        (value,) = cursor.fetchone()
    return f"{series}-{value:06d}"


def lock_order(order_id: int) -> SalesOrder:
    """The sales order locked ``FOR UPDATE`` (every state change takes this lock first); NotFound if none.

    For an order from Hansa the purchase order's trade document row is locked first (``FOR NO KEY
    UPDATE``). The exchange's ingestion of a document that refers to it (a cancellation, a change, a
    receipt) locks that row before the handler locks the order, and a document this order sends refers to
    it too; taking the two locks in the same order here keeps "accept while a cancellation is ingested"
    from deadlocking: one waits for the other.
    """
    from marketplace.exchange.models import TradeDocument

    source = SalesOrder.objects.filter(pk=order_id).values_list("source_document_id", flat=True)
    if not source:
        raise NotFound()
    if source[0] is not None:
        list(TradeDocument.objects.select_for_update(no_key=True).filter(pk=source[0]).values_list("pk"))
    order = SalesOrder.objects.select_for_update().filter(pk=order_id).first()
    if order is None:
        raise NotFound()
    return order


def check_quantity(errors: Errors, field: str, value: Decimal | None) -> None:
    if value is None:
        add_error(errors, field, "Give a quantity.")
    elif not value.is_finite() or value <= 0:
        add_error(errors, field, "The quantity must be more than zero.")
    elif value > MAX_QUANTITY or value != value.quantize(Decimal("0.0001")):
        add_error(errors, field, "Use at most 14 digits before and 4 after the decimal point.")


def check_price(errors: Errors, field: str, value: Decimal | None, currency: str) -> None:
    """A unit price: not negative and with no more decimals than ``currency`` has minor units."""
    if value is None:
        add_error(errors, field, "Give a price.")
        return
    places = currency_minor_units(currency)
    if not value.is_finite() or value < 0:
        add_error(errors, field, "The price cannot be negative.")
    elif value != value.quantize(Decimal(1).scaleb(-places)):
        add_error(errors, field, f"{currency} allows {places} decimal place(s).")
    elif value >= Decimal("1e14"):
        add_error(errors, field, "The price is too large.")


def check_currency(errors: Errors, field: str, currency: str) -> None:
    if currency not in CURRENCIES:
        add_error(errors, field, "Not an ISO 4217 currency code.")


@dataclass(frozen=True)
class LineTerms:
    """Changed terms of one line (None: unchanged)."""

    line_no: int
    quantity: Decimal | None = None
    unit_price: Decimal | None = None
    date: date | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "line_no": self.line_no,
            "quantity": None if self.quantity is None else str(self.quantity),
            "unit_price": None if self.unit_price is None else str(self.unit_price),
            "date": None if self.date is None else self.date.isoformat(),
        }


def audit(
    *,
    actor: Actor | None,
    action: str,
    target_id: object,
    request: HttpRequest | None = None,
    after: dict[str, Any] | None = None,
    before: dict[str, Any] | None = None,
    target_type: str = "sales_order",
) -> None:
    """An audit entry: by the actor, or by "trade document" when a document from the buyer did it."""
    audit_record(
        action=action,
        company=actor.company if actor is not None else current_company(),
        actor=actor.user if actor is not None else None,
        actor_label=actor.label if actor is not None else "trade document",
        request=request,
        target_type=target_type,
        target_id=target_id,
        before=before,
        after=after,
    )


def send_to_buyer(
    *, order: SalesOrder, kind: str, payload: dict[str, Any], refers_to: uuid.UUID | None = None
) -> uuid.UUID | None:
    """Send a trade document about ``order`` to its buyer (written in the caller's transaction, delivered
    after commit); None for an order entered by hand, which has nobody on Hansa to tell.

    ``refers_to`` defaults to the purchase order document the order came from.
    """
    if not order.from_hansa or order.buyer_company_id is None:
        return None
    from marketplace.exchange.services import document_send

    sender = current_company()
    receiver = Company.objects.filter(pk=order.buyer_company_id).first()
    if sender is None or receiver is None:  # the buyer's company was deleted: nothing to tell
        return None
    document = document_send(
        sender=sender,
        receiver=receiver,
        kind=kind,
        payload=payload,
        refers_to=refers_to or order.source_document_id,
    )
    return document.id  # type: ignore[no-any-return]
