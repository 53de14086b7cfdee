"""The reorder list: drafting a purchase order by hand from picked rows."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.http import HttpRequest

from identity.access import Actor
from kernel.errors import ValidationFailed
from tenants.procurement.models import PurchaseOrder

# The reorder list: drafting a purchase order by hand ----------------------------------------------------


@dataclass(frozen=True)
class ReorderLine:
    item_id: int
    quantity: Decimal | None = None
    unit_price: Decimal | None = None


@transaction.atomic
def reorder_po_draft(
    *,
    actor: Actor,
    lines: list[ReorderLine],
    currency: str,
    supplier_company_id: int | None = None,
    supplier_name: str = "",
    supplier_email: str = "",
    request: HttpRequest | None = None,
) -> PurchaseOrder:
    """A DRAFT purchase order for rows of the reorder list: each line's quantity is the given one, else the
    item's reorder quantity, else its shortfall (reorder point - available); price as given, else 0 (the
    buyer completes the draft). Items not on the reorder list need a quantity.

    Raises:
        PermissionMissing (po.create); ValidationFailed (no lines, an item twice, an unknown item, an item
        not below its reorder point without a quantity, plus everything ``po_create`` checks).
    """
    from tenants.inventory.models import Item
    from tenants.inventory.selectors import below_reorder_point
    from tenants.procurement.services import LineInput, po_create

    actor.require("po.create")
    errors: dict[str, list[str]] = {}
    if not lines:
        errors["lines"] = ["Pick at least one row of the reorder list."]
    ids = [line.item_id for line in lines]
    if len(ids) != len(set(ids)):
        errors["lines"] = ["Each item once."]
    rows = {row.item.pk: row for row in below_reorder_point()}
    items = Item.objects.in_bulk(ids)
    inputs: list[LineInput] = []
    for index, line in enumerate(lines):
        item = items.get(line.item_id)
        if item is None:
            errors[f"lines.{index}.item_id"] = ["No such inventory item."]
            continue
        quantity = line.quantity
        if quantity is None:
            row = rows.get(item.pk)
            if row is None:
                errors[f"lines.{index}.quantity"] = [
                    "The item is not below its reorder point: give a quantity."
                ]
                continue
            quantity = row.reorder_quantity or (row.reorder_point - row.available)
        inputs.append(
            LineInput(
                description=item.name_en or item.name_zh or item.sku,
                sku=item.sku,
                quantity=quantity,
                unit=item.unit,
                unit_price=line.unit_price if line.unit_price is not None else Decimal(0),
                item_id=item.pk,
                source={"reorder_list": True},
            )
        )
    if errors:
        raise ValidationFailed(errors=errors)
    return po_create(
        actor=actor,
        currency=currency,
        lines=inputs,
        supplier_company_id=supplier_company_id,
        supplier_name=supplier_name,
        supplier_email=supplier_email,
        notes="Drafted from the reorder list",
        request=request,
    )
