"""Reads of companies and domains."""

from __future__ import annotations

from django.db.models import QuerySet

from kernel.tenancy import HostTenant
from tenants.models import BillingLock, Company, CompanyStatus, Domain


def company_for_host(host: str) -> Company | None:
    domain = Domain.objects.select_related("tenant").filter(domain=host).first()
    return domain.tenant if domain else None


def host_tenant(host: str) -> HostTenant | None:
    """The kernel's host resolver (registered in ``TenantsConfig.ready``): the company whose domain is
    ``host``, unless it is pooled or closed; a suspended one is returned marked as such."""
    company = company_for_host(host)
    if company is None or company.status in (CompanyStatus.POOLED, CompanyStatus.CLOSED):
        return None
    if company.status == CompanyStatus.SUSPENDED:
        return HostTenant(tenant=company, suspended=True, suspension="operator")
    if company.billing_lock == BillingLock.SUSPENDED:
        return HostTenant(tenant=company, suspended=True, suspension="billing")
    return HostTenant(tenant=company)


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
