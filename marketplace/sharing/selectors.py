"""Reads of inventory sharing (public schema). Every read names the company it is made for, here.

The partner's reads see a grant only while it is ACTIVE and today lies within its period; a revoked,
expired or never-made grant answers the same ``404 not_found``. The owner's reads see every grant it gave.
"""

from __future__ import annotations

from datetime import date

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from kernel.errors import NotFound
from marketplace.sharing.models import GrantStatus, SharedStock, ShareGrant


def _today() -> date:
    return timezone.localdate()


def current_grants_q(*, today: date | None = None, prefix: str = "") -> Q:
    """Active grants whose period contains ``today`` (``prefix`` = "grant__" from SharedStock)."""
    day = today or _today()
    return Q(**{f"{prefix}status": GrantStatus.ACTIVE, f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": day})
    )


# --- the owner's side -----------------------------------------------------------------------------------


def grants_given(*, company_id: int, status: str = "", partner_id: int | None = None) -> QuerySet[ShareGrant]:
    qs = ShareGrant.objects.filter(owner_id=company_id)
    if status:
        qs = qs.filter(status=status)
    if partner_id is not None:
        qs = qs.filter(partner_id=partner_id)
    return qs.select_related("owner", "partner").order_by("-created_at", "-id")


def grant_given_get(*, company_id: int, grant_id: int) -> ShareGrant:
    """A grant ``company_id`` gave (any status); NotFound otherwise (missing and foreign alike)."""
    grant = (
        ShareGrant.objects.filter(owner_id=company_id, pk=grant_id).select_related("owner", "partner").first()
    )
    if grant is None:
        raise NotFound()
    return grant


# --- the partner's side ---------------------------------------------------------------------------------


def grants_received(*, company_id: int, owner_id: int | None = None) -> QuerySet[ShareGrant]:
    """The grants ``company_id`` holds now: active, started and not expired."""
    qs = ShareGrant.objects.filter(current_grants_q(), partner_id=company_id)
    if owner_id is not None:
        qs = qs.filter(owner_id=owner_id)
    return qs.select_related("owner", "partner").order_by("-created_at", "-id")


def grant_received_get(*, company_id: int, grant_id: int) -> ShareGrant:
    """A grant ``company_id`` holds now; NotFound when revoked, expired, not started, foreign or missing."""
    grant = grants_received(company_id=company_id).filter(pk=grant_id).first()
    if grant is None:
        raise NotFound()
    return grant


def shared_stock(
    *,
    company_id: int,
    grant_id: int | None = None,
    owner_id: int | None = None,
    search: str = "",
    below_reorder_point: bool | None = None,
) -> QuerySet[SharedStock]:
    """The snapshots shared with ``company_id`` under its current grants (never another company's)."""
    qs = SharedStock.objects.filter(current_grants_q(prefix="grant__"), partner_company_id=company_id)
    if grant_id is not None:
        qs = qs.filter(grant_id=grant_id)
    if owner_id is not None:
        qs = qs.filter(owner_company_id=owner_id)
    if search:
        qs = qs.filter(
            Q(sku__icontains=search)
            | Q(name_en__icontains=search)
            | Q(name_zh__icontains=search)
            | Q(warehouse_code__icontains=search)
        )
    if below_reorder_point is True:
        qs = qs.filter(reorder_point__isnull=False, available__lt=F("reorder_point"))
    elif below_reorder_point is False:
        qs = qs.filter(Q(reorder_point__isnull=True) | Q(available__gte=F("reorder_point")))
    return qs.select_related("grant__owner").order_by("sku", "warehouse_code", "grant_id")


def shared_stock_for_item(*, company_id: int, owner_id: int, item_id: int) -> QuerySet[SharedStock]:
    """The current snapshots of one of ``owner_id``'s items shared with ``company_id`` (for replenishment)."""
    return shared_stock(company_id=company_id, owner_id=owner_id).filter(item_id=item_id)
