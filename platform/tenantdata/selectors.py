"""Reads of per-company backups."""

from __future__ import annotations

from django.db.models import QuerySet

from tenantdata.models import TenantBackup


def backups_of_company(*, company_id: int) -> QuerySet[TenantBackup]:
    """Every backup record of the company (the company row may be gone: a deleted company is restored from
    these), newest first."""
    return TenantBackup.objects.filter(company_id=company_id).order_by("-created_at", "-pk")
