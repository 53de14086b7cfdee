"""Reads of the supplier directory. Every read of a company's rows filters by that company here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.postgres.search import SearchRank
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from kernel.errors import ValidationFailed
from marketplace.directory import history
from marketplace.directory.exceptions import CertificationNotFound, SupplierNotFound, SupplierProfileMissing
from marketplace.directory.fulltext import search_query
from marketplace.directory.history import SupplierHistory
from marketplace.directory.models import Category, Certification, CompanyRole, SupplierProfile
from marketplace.directory.regions import region_normalise, region_query_keys
from marketplace.directory.viewers import Viewer
from tenants.models import BillingLock, Company, CompanyStatus

# Categories ---------------------------------------------------------------------------------------


def category_list() -> QuerySet[Category]:
    return Category.objects.order_by("code")


@dataclass
class CategoryNode:
    id: int
    code: str
    name_en: str
    name_zh: str
    depth: int
    children: list[CategoryNode] = field(default_factory=list)


def category_tree() -> list[CategoryNode]:
    """The whole tree, roots first, children in code order (one query)."""
    nodes: dict[int, CategoryNode] = {}
    roots: list[CategoryNode] = []
    for category in category_list():
        node = CategoryNode(category.pk, category.code, category.name_en, category.name_zh, category.depth)
        nodes[category.pk] = node
        parent = nodes.get(category.parent_id) if category.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


def category_by_code(*, code: str) -> Category | None:
    return Category.objects.filter(code=code.strip()).first()


def categories_by_code(*, codes: list[str]) -> dict[str, Category]:
    return {c.code: c for c in Category.objects.filter(code__in=codes)}


def category_filter_path(*, code: str | None, field_name: str = "category") -> str | None:
    """The materialised path prefix of the category ``code`` for subtree filters.

    Raises:
        ValidationFailed: no category has that code.
    """
    if not code:
        return None
    path = _category_paths.get(code)
    if path is None:
        category = category_by_code(code=code)
        if category is None:
            raise ValidationFailed(errors={field_name: [f"Unknown category code {code!r}."]})
        path = _category_paths[code] = category.path
    return path + "/"


# Code -> path of categories looked up so far in this process: codes and paths never change (the tree is
# seeded by migrations and nodes are only added), so a search with a category filter needs no query for it.
_category_paths: dict[str, str] = {}


# Own profile and certifications (a company's host) ------------------------------------------------


def supplier_profile_of(*, company: Company) -> SupplierProfile | None:
    return SupplierProfile.objects.filter(company=company).first()


def supplier_profile_get(*, company: Company) -> SupplierProfile:
    """Raises SupplierProfileMissing."""
    profile = (
        SupplierProfile.objects.filter(company=company)
        .prefetch_related("categories", "certifications")
        .first()
    )
    if profile is None:
        raise SupplierProfileMissing()
    return profile


def certification_list(*, company: Company) -> QuerySet[Certification]:
    return Certification.objects.filter(supplier__company=company).order_by("type", "valid_until", "id")


def certification_get(*, company: Company, certification_id: int) -> Certification:
    """Raises CertificationNotFound (also for another company's certification)."""
    certification = (
        Certification.objects.filter(pk=certification_id, supplier__company=company)
        .select_related("supplier__company")
        .first()
    )
    if certification is None:
        raise CertificationNotFound()
    return certification


# Public directory ---------------------------------------------------------------------------------


HIDDEN_COMPANY_STATUSES = [CompanyStatus.SUSPENDED, CompanyStatus.CLOSED, CompanyStatus.POOLED]


def inactive_company_ids() -> QuerySet[Company]:
    """Companies whose marketplace presence is hidden: suspended (by an operator or for non-payment) and
    closed ones (pooled ones have none).

    Named by status (not "not active") so that the status index finds the few of them.
    """
    return Company.objects.filter(
        Q(status__in=HIDDEN_COMPANY_STATUSES) | Q(billing_lock=BillingLock.SUSPENDED)
    ).values("pk")


def public_supplier_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}is_listed": True}) & ~Q(**{f"{prefix}role": CompanyRole.BUYER})


def supplier_visible_q(viewer: Viewer) -> Q:
    """Profiles the viewer may see: public ones of active companies, and its own company's (preview)."""
    public = public_supplier_q() & ~Q(company_id__in=inactive_company_ids())
    return public | Q(company=viewer.company) if viewer.company is not None else public


def supplier_public_get(*, supplier_id: int, viewer: Viewer) -> SupplierProfile:
    """A supplier's public page by its company id. Raises SupplierNotFound (also when it is unlisted or
    suspended)."""
    profile = (
        SupplierProfile.objects.filter(supplier_visible_q(viewer), company_id=supplier_id)
        .select_related("company")
        .prefetch_related("categories", "certifications")
        .first()
    )
    if profile is None:
        raise SupplierNotFound()
    return profile


def valid_certification_exists(*, certification_type: str, supplier_ref: Any, today: date) -> Exists:
    return Exists(
        Certification.objects.filter(
            supplier_id=supplier_ref, type=certification_type, valid_until__gte=today
        )
    )


@dataclass(frozen=True)
class SupplierSearchParams:
    q: str = ""
    category: str | None = None
    region: str | None = None
    certification: str | None = None
    verified_only: bool = False
    sort: str = "relevance"


SUPPLIER_SORTS = ("relevance", "rating", "name")


def supplier_search(*, params: SupplierSearchParams, viewer: Viewer) -> QuerySet[SupplierProfile]:
    """Public supplier profiles matching ``params``, best first.

    Raises:
        ValidationFailed: an unknown category or region code, an unknown sort.
    """
    qs = SupplierProfile.objects.filter(public_supplier_q()).exclude(company_id__in=inactive_company_ids())
    order: list[Any] = []
    query = search_query(params.q) if params.q else None
    if query is not None:
        qs = qs.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
    path = category_filter_path(code=params.category)
    if path is not None:
        # The category itself, anything under it, or a broader category that covers it.
        codes = path.rstrip("/").split("/")
        covering = ["/".join(codes[: i + 1]) for i in range(len(codes))]
        qs = qs.filter(
            Exists(
                SupplierProfile.categories.through.objects.filter(
                    Q(category__path__startswith=path) | Q(category__path__in=covering),
                    supplierprofile_id=OuterRef("pk"),
                )
            )
        )
    if params.region:
        region = region_normalise(params.region)
        if region is None:
            raise ValidationFailed(
                errors={"region": ["Use an ISO 3166-1 country code, optionally -subdivision."]}
            )
        qs = qs.filter(region_keys__overlap=region_query_keys(region))
    if params.certification:
        qs = qs.filter(
            valid_certification_exists(
                certification_type=params.certification,
                supplier_ref=OuterRef("pk"),
                today=timezone.localdate(),
            )
        )
    if params.verified_only:
        qs = qs.filter(verified=True)
    if params.sort not in SUPPLIER_SORTS:
        raise ValidationFailed(errors={"sort": [f"Use one of: {', '.join(SUPPLIER_SORTS)}."]})
    if params.sort == "relevance" and query is not None:
        order = [F("rank").desc(), "-id"]
    elif params.sort == "rating":
        # The supplier rating (history.py): computed from its record, unrated suppliers last.
        order = [F("reputation").desc(nulls_last=True), "-id"]
    elif params.sort == "name":
        order = ["display_name_en", "display_name_zh", "id"]
    else:
        order = [F("verified").desc(), F("reputation").desc(nulls_last=True), "-id"]
    return qs.order_by(*order).prefetch_related("categories", "certifications")


# History ------------------------------------------------------------------------------------------
# The figures and the supplier rating live in marketplace/directory/history.py (formulas documented there).


def supplier_history(*, supplier: SupplierProfile) -> SupplierHistory:
    """The supplier's history figures and rating, computed now from platform events."""
    return history.supplier_history(supplier=supplier)


def supplier_histories(*, profiles: list[SupplierProfile]) -> dict[int, SupplierHistory]:
    return history.supplier_histories(profiles=profiles)


# Operators ----------------------------------------------------------------------------------------


def supplier_list_for_operators(*, verified: bool | None = None, q: str = "") -> QuerySet[SupplierProfile]:
    qs = SupplierProfile.objects.exclude(role=CompanyRole.BUYER).select_related("company")
    if verified is not None:
        qs = qs.filter(verified=verified)
    if q:
        qs = qs.filter(
            Q(display_name_en__icontains=q)
            | Q(display_name_zh__icontains=q)
            | Q(company__name__icontains=q)
            | Q(company__slug__icontains=q)
        )
    return qs.prefetch_related("certifications").order_by("verified", "-created_at", "-id")


def supplier_for_operators(*, supplier_id: int) -> SupplierProfile:
    """The supplier profile of the company ``supplier_id``."""
    profile = SupplierProfile.objects.filter(company_id=supplier_id).select_related("company").first()
    if profile is None:
        raise SupplierNotFound()
    return profile
