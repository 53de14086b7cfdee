"""Reads of replenishment (the current company's schema; public policies through ``policies``)."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from kernel.errors import NotFound
from tenants.supplychain.replenishment.models import AcceptanceRule, Proposal, ReceivedProposal


def proposals(*, status: str = "", buyer_id: int | None = None) -> QuerySet[Proposal]:
    """The proposals we sent (as a supplier), each with the sales order its purchase order became here
    (``sales_order_id`` / ``sales_order_number``, null until that order was ingested)."""
    from tenants.sales.models import SalesOrder

    orders = SalesOrder.objects.filter(source_document_id=OuterRef("po_document_id"))
    qs = Proposal.objects.annotate(
        sales_order_id=Subquery(orders.values("pk")[:1]),
        sales_order_number=Subquery(orders.values("number")[:1]),
    ).order_by("-created_at", "-id")
    if status:
        qs = qs.filter(status=status)
    if buyer_id is not None:
        qs = qs.filter(buyer_company_id=buyer_id)
    return qs


def proposal_get(proposal_id: int) -> Proposal:
    found = proposals().filter(pk=proposal_id).first()
    if found is None:
        raise NotFound()
    return found


def received_proposals(*, status: str = "", supplier_id: int | None = None) -> QuerySet[ReceivedProposal]:
    qs = ReceivedProposal.objects.select_related("purchase_order").order_by("-created_at", "-id")
    if status:
        qs = qs.filter(status=status)
    if supplier_id is not None:
        qs = qs.filter(supplier_company_id=supplier_id)
    return qs


def received_proposal_get(proposal_id: int) -> ReceivedProposal:
    found = received_proposals().filter(pk=proposal_id).first()
    if found is None:
        raise NotFound()
    return found


def acceptance_rules() -> QuerySet[AcceptanceRule]:
    return AcceptanceRule.objects.order_by("id")


def acceptance_rule_get(rule_id: int) -> AcceptanceRule:
    found = AcceptanceRule.objects.filter(pk=rule_id).first()
    if found is None:
        raise NotFound()
    return found
