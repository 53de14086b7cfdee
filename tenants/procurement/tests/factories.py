"""Factories for procurement tests, the isolation probes, the demo and the benchmark: orders through the
services, in the caller's schema, and documents as a supplier would send them."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from identity.access import Actor
from identity.models import Membership
from identity.roles import permissions_for
from tenants.models import Company
from tenants.procurement import services
from tenants.procurement.models import PurchaseOrder
from tenants.procurement.services import LineInput, ReceiptLineInput, StepInput


def actor_for(company: Company, user: Any = None, roles: list[str] | None = None) -> Actor:
    membership = Membership.objects.filter(company=company, user=user).first() if user else None
    granted = roles if roles is not None else (membership.roles if membership else ["owner"])
    return Actor(company=company, permissions=permissions_for(granted), user=user, membership=membership)


def lines(
    count: int = 2, *, price: str = "12.50", quantity: str = "10", tax: str = "13", sku: str = "BRG"
) -> list[LineInput]:
    return [
        LineInput(
            sku=f"{sku}-{index}",
            description=f"Deep groove ball bearing 62{index:02d}",
            quantity=Decimal(quantity),
            unit="pcs",
            unit_price=Decimal(price),
            tax_rate=Decimal(tax),
        )
        for index in range(1, count + 1)
    ]


def draft(
    actor: Actor,
    *,
    supplier: Company | None = None,
    count: int = 2,
    price: str = "12.50",
    quantity: str = "10",
    name: str = "Outside Supplier Ltd",
    **values: Any,
) -> PurchaseOrder:
    """A draft in the actor's company (call inside its schema): to ``supplier`` on Hansa, else by e-mail."""
    values.setdefault("currency", "CNY")
    if supplier is not None:
        values["supplier_company_id"] = supplier.pk
    else:
        values.setdefault("supplier_name", name)
        values.setdefault("supplier_email", "orders@outside.example")
    return services.po_create(actor=actor, lines=lines(count, price=price, quantity=quantity), **values)


def category(code: str) -> str:
    """A marketplace category with this code (made if missing): orders and rules name only real ones."""
    from marketplace.directory.models import Category

    Category.objects.get_or_create(
        code=code, defaults={"name_en": code, "name_zh": code, "path": code.replace(".", "/"), "depth": 0}
    )
    return code


def auto_approve_unmatched(on: bool = True) -> None:
    """Set the company's (current schema's) setting: an order no rule matches is approved at once."""
    from tenants.procurement.services.rates import settings_get

    found = settings_get()
    found.auto_approve_unmatched = on
    found.save(update_fields=["auto_approve_unmatched", "updated_at"])


def approved(actor: Actor, **kwargs: Any) -> PurchaseOrder:
    """A draft submitted with no rule matching, in a company that approves such orders at once (the
    factory turns that setting on)."""
    auto_approve_unmatched()
    order = draft(actor, **kwargs)
    return services.po_submit(actor=actor, order_id=order.pk)


def sent(actor: Actor, **kwargs: Any) -> PurchaseOrder:
    order = approved(actor, **kwargs)
    return services.po_send(actor=actor, order_id=order.pk)


def receive_all(actor: Actor, order: PurchaseOrder) -> Any:
    return services.po_receive(
        actor=actor,
        order_id=order.pk,
        lines=[
            ReceiptLineInput(line_no=line.line_no, accepted_quantity=line.quantity - line.quantity_received)
            for line in order.lines.all()
            if line.quantity > line.quantity_received
        ],
    )


def two_level_rule(
    actor: Actor, *, level_1: StepInput | None = None, level_2: StepInput | None = None, **values: Any
) -> Any:
    """Every order above 0 needs an approver, then the owner."""
    values.setdefault("name", "Two levels")
    values.setdefault("priority", 10)
    return services.approval_rule_create(
        actor=actor,
        steps=[level_1 or StepInput(roles=("approver",)), level_2 or StepInput(roles=("owner",))],
        **values,
    )


def deliver_outbox() -> int:
    """Run every unprocessed procurement outbox message now (e-mails to suppliers outside Hansa)."""
    from kernel import outbox
    from kernel.models import OutboxMessage

    ran = 0
    for message in OutboxMessage.objects.filter(
        processed_at__isnull=True, topic__startswith="procurement."
    ).order_by("created_at"):
        ran += outbox.outbox_deliver_message(message_id=str(message.pk))
    return ran


def deliver() -> dict[str, int]:
    """Ingest every pending trade document now (as the worker would after commit)."""
    from marketplace.exchange.services import deliver_pending

    return deliver_pending()


def supplier_sends(
    *, supplier: Company, buyer: Company, kind: str, payload: dict[str, Any], refers_to: uuid.UUID | None
) -> uuid.UUID:
    """A document from the supplier to the buyer, written as the supplier's services would."""
    from marketplace.exchange.services import document_send

    return document_send(sender=supplier, receiver=buyer, kind=kind, payload=payload, refers_to=refers_to).pk


def order_response(order: PurchaseOrder, action: str = "accept", **extra: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "po_number": order.number,
        "so_id": 1,
        "so_number": "SO-TEST-1",
        "action": action,
        "reason": extra.pop("reason", ""),
        "lines": [],
    }
    if action == "accept":
        payload["lines"] = [
            {
                "line_no": ln.line_no,
                "quantity": str(ln.quantity),
                "unit_price": str(ln.unit_price),
                "promised_date": None,
            }
            for ln in order.lines.all()
        ]
    payload.update(extra)
    return payload
