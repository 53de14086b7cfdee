"""Buyer side: acceptance rules (standing approvals within quantity and amount limits)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.http import HttpRequest

from identity.access import Actor
from identity.services import audit_record
from kernel.errors import NotFound, ValidationFailed
from kernel.iso import CURRENCIES
from marketplace.exchange.models import PartnerLink
from tenants.supplychain.replenishment.exceptions import AcceptanceRuleExists
from tenants.supplychain.replenishment.models import (
    AcceptanceRule,
)
from tenants.supplychain.replenishment.services.common import (
    MAX_VALUE,
    member_required,
    this_company,
)

# Buyer: acceptance rules ----------------------------------------------------------------------------


def _rule_errors(
    *,
    supplier_company_id: int | None,
    item_id: int | None,
    max_quantity: Decimal | None,
    max_amount: Decimal | None,
    currency: str,
) -> tuple[dict[str, list[str]], str]:
    from tenants.inventory.models import Item

    errors: dict[str, list[str]] = {}
    supplier_name = ""
    company = this_company()
    if supplier_company_id is not None:
        link = (
            PartnerLink.objects.filter(company=company, partner_id=supplier_company_id)
            .select_related("partner")
            .first()
        )
        if link is None:
            errors["supplier_id"] = ["Not a trading partner of this company."]
        else:
            supplier_name = link.partner.name
    if item_id is not None and not Item.objects.filter(pk=item_id).exists():
        errors["item_id"] = ["No such inventory item."]
    if max_quantity is None and max_amount is None:
        errors["max_quantity"] = ["Give a maximum quantity, a maximum amount, or both."]
    for name, value in (("max_quantity", max_quantity), ("max_amount", max_amount)):
        if value is not None and (not value.is_finite() or value <= 0 or value >= MAX_VALUE):
            errors[name] = ["Must be greater than zero."]
    if currency not in CURRENCIES:
        errors["currency"] = ["Unknown currency."]
    return errors, supplier_name


def _audit_rule(actor: Actor, rule: AcceptanceRule, action: str, request: HttpRequest | None) -> None:
    audit_record(
        action=f"replenishment_rule.{action}",
        company=this_company(),
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="replenishment_rule",
        target_id=rule.pk,
        after={
            "supplier_id": rule.supplier_company_id,
            "item_id": rule.item_id,
            "max_quantity": None if rule.max_quantity is None else str(rule.max_quantity),
            "max_amount": None if rule.max_amount is None else str(rule.max_amount),
            "currency": rule.currency,
            "active": rule.active,
        },
    )


@transaction.atomic
def rule_create(
    *,
    actor: Actor,
    supplier_company_id: int | None,
    item_id: int | None,
    max_quantity: Decimal | None,
    max_amount: Decimal | None,
    currency: str,
    request: HttpRequest | None = None,
) -> AcceptanceRule:
    """A standing approval of the actor (a member with po.approve) for proposals within the limits.

    Raises:
        PermissionMissing (po.approve); NotStepApprover (an API key); ValidationFailed (a supplier that is
        not a trading partner, an unknown item, no limit, a limit not above zero, an unknown currency);
        AcceptanceRuleExists: a rule with the same supplier and item (409).
    """
    member_required(actor)
    errors, supplier_name = _rule_errors(
        supplier_company_id=supplier_company_id,
        item_id=item_id,
        max_quantity=max_quantity,
        max_amount=max_amount,
        currency=currency,
    )
    if errors:
        raise ValidationFailed(errors=errors)
    if AcceptanceRule.objects.filter(supplier_company_id=supplier_company_id, item_id=item_id).exists():
        raise AcceptanceRuleExists()
    rule = AcceptanceRule.objects.create(
        supplier_company_id=supplier_company_id,
        supplier_name=supplier_name,
        item_id=item_id,
        max_quantity=max_quantity,
        max_amount=max_amount,
        currency=currency,
        set_by=actor.user,
        set_by_label=actor.label,
    )
    _audit_rule(actor, rule, "created", request)
    return rule


@transaction.atomic
def rule_update(
    *,
    actor: Actor,
    rule_id: int,
    max_quantity: Decimal | None,
    max_amount: Decimal | None,
    currency: str,
    active: bool,
    request: HttpRequest | None = None,
) -> AcceptanceRule:
    """Change a rule's limits (whole set) or switch it off; the rule becomes the actor's standing approval."""
    member_required(actor)
    rule = AcceptanceRule.objects.select_for_update().filter(pk=rule_id).first()
    if rule is None:
        raise NotFound()
    errors, _ = _rule_errors(
        supplier_company_id=None,
        item_id=None,
        max_quantity=max_quantity,
        max_amount=max_amount,
        currency=currency,
    )
    if errors:
        raise ValidationFailed(errors=errors)
    rule.max_quantity, rule.max_amount, rule.currency, rule.active = (
        max_quantity,
        max_amount,
        currency,
        active,
    )
    rule.set_by, rule.set_by_label = actor.user, actor.label
    rule.save()
    _audit_rule(actor, rule, "updated", request)
    return rule


@transaction.atomic
def rule_delete(*, actor: Actor, rule_id: int, request: HttpRequest | None = None) -> None:
    member_required(actor)
    rule = AcceptanceRule.objects.select_for_update().filter(pk=rule_id).first()
    if rule is None:
        raise NotFound()
    _audit_rule(actor, rule, "deleted", request)
    rule.delete()
