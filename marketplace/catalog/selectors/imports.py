"""Reads of catalog imports (always within one company)."""

from __future__ import annotations

from django.db.models import QuerySet

from marketplace.catalog.exceptions import ImportNotFound
from marketplace.catalog.models import ImportJob
from tenants.models import Company


def import_job_list(*, company: Company) -> QuerySet[ImportJob]:
    return ImportJob.objects.filter(company=company).order_by("-created_at", "-id")


def import_job_get(*, company: Company, job_id: int) -> ImportJob:
    """Raises ImportNotFound (also for another company's import)."""
    job = ImportJob.objects.filter(pk=job_id, company=company).first()
    if job is None:
        raise ImportNotFound()
    return job
