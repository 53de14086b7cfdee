"""Reads of companies and domains."""

from __future__ import annotations

from django.db.models import QuerySet

from tenants.models import Company, CompanyStatus, Domain


def company_for_host(host: str) -> Company | None:
    domain = Domain.objects.select_related("tenant").filter(domain=host).first()
    return domain.tenant if domain else None


def company_get_by_slug(*, slug: str) -> Company | None:
    return Company.objects.filter(slug=slug).exclude(status=CompanyStatus.POOLED).first()


def company_get_by_id(*, company_id: int) -> Company | None:
    """A company on the platform (pooled schemas are not companies yet)."""
    return Company.objects.filter(pk=company_id).exclude(status=CompanyStatus.POOLED).first()


def company_slug_taken(*, slug: str) -> bool:
    return Company.objects.filter(slug=slug).exists()


def pool_size() -> int:
    return Company.objects.filter(status=CompanyStatus.POOLED).count()


def company_list(*, status: str | None = None) -> QuerySet[Company]:
    qs = Company.objects.exclude(status=CompanyStatus.POOLED).order_by("name")
    if status:
        qs = qs.filter(status=status)
    return qs
