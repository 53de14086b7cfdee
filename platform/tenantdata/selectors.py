"""Reads of per-company backups."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from tenantdata.models import TenantBackup
from tenants.models import Company


def backups_of_company(*, company_id: int) -> QuerySet[TenantBackup]:
    """Every backup record of the company (the company row may be gone: a deleted company is restored from
    these), newest first."""
    return TenantBackup.objects.filter(company_id=company_id).order_by("-created_at", "-pk")


def backups_list(
    *,
    q: str = "",
    status: str | None = None,
    company_id: int | None = None,
    company_missing: bool | None = None,
) -> QuerySet[TenantBackup]:
    """Every backup record of the platform, newest first, each annotated with ``company_exists`` (whether
    its company's row is still there, one subquery: no query per row).

    ``q``: part of the company's slug (case-insensitive, the slug recorded with the backup);
    ``company_missing``: True keeps the backups of companies whose row is gone (deleted or erased), False
    those of companies that exist.
    """
    rows = TenantBackup.objects.annotate(
        company_exists=Exists(Company.objects.filter(pk=OuterRef("company_id")))
    ).order_by("-created_at", "-pk")
    if q:
        rows = rows.filter(company_slug__icontains=q)
    if status is not None:
        rows = rows.filter(status=status)
    if company_id is not None:
        rows = rows.filter(company_id=company_id)
    if company_missing is not None:
        rows = rows.filter(company_exists=not company_missing)
    return rows
