"""Isolation probes of the supplier directory and the catalog (marketplace.directory, marketplace.catalog).

``seed(side)`` gives a side a supplier profile, a certification with its document, an active and a draft
listing (the draft with an image) and a checked catalog import, all named with the side's marker.

The probe world's profiles are **unlisted**, so everything a side has on the marketplace is private to
it: public browsing must not show any of it on another company's host or on the public host, while the
side's own members preview it on their own host. (A listed supplier's pages and listings are public by
design; who sees them, and that prices are only for signed-in members, is tested in
marketplace/*/tests/test_visibility.py.) Hence:

- detail pages (listing, image, supplier) take the side's ids: 404 on the other host and on the public
  host (where even the "entitled" anonymous caller gets 404), 200 for the owner's preview;
- searches are public operations searching for the caller's own marker, so they can never show the
  other side's private rows; the category tree holds no company data at all.

Seeding is idempotent and lazy (the first fingerprint or probe of a side seeds it), so it works whether or
not ``build_side`` calls ``seed``. It runs the other probe modules' seeds first (they may give the side a
listed profile of their own) and then makes the side's profile unlisted through the directory service;
platform-wide categories they named after the side are renamed (the category tree is public).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.isolation.world import Probe, Side

PDF = b"%PDF-1.4\n% probe certificate\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
CSV_HEADER = (
    "sku,name_en,name_zh,category_code,unit,currency,price_tiers,moq,lead_time_days,availability,"
    "stock_quantity,attributes,description_en,description_zh,status\n"
)


def catalog_csv(marker: str, skus: tuple[str, ...]) -> bytes:
    rows = "".join(
        f"{sku},{marker} imported bearing {sku},{marker} 导入轴承,10.01.01,pcs,CNY,1:12.5;100:11,1,7,"
        "in_stock,500,Bore=25 mm,,,active\n"
        for sku in skus
    )
    return (CSV_HEADER + rows).encode()


def _actor(side: Side) -> Any:
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for

    return Actor(
        company=side.company,
        permissions=permissions_for(["owner"]),
        user=side.owner,
        membership=Membership.objects.get(user=side.owner, company=side.company),
    )


def listing_values(marker: str, sku: str, status: str) -> dict[str, Any]:
    return {
        "sku": sku,
        "name_en": f"{marker} deep groove ball bearing {sku}",
        "name_zh": f"{marker} 深沟球轴承",
        "category_code": "10.01.01",
        "unit": "pcs",
        "currency": "CNY",
        "price_tiers": [
            {"min_quantity": "1", "unit_price": "12.50"},
            {"min_quantity": "100", "unit_price": "11"},
        ],
        "moq": "1",
        "lead_time_days": 7,
        "availability": "in_stock",
        "stock_quantity": "500",
        "attributes": [{"key": "Bore", "value": "25 mm"}],
        "status": status,
    }


def seed(side: Side) -> dict[str, Any]:
    if "catalog" in side.extra:
        return side.extra["catalog"]
    side.extra["catalog"] = {}  # re-entry guard while the other modules seed
    from tests.isolation.world import probe_modules

    for module in probe_modules():
        if module.__name__ != __name__ and hasattr(module, "seed"):
            module.seed(side)

    from django.db.models import Q

    from marketplace.catalog import services as catalog
    from marketplace.catalog.services.listings import category_index
    from marketplace.catalog.validation import listing_clean
    from marketplace.directory import services as directory
    from marketplace.directory.categories import category_tree_ensure
    from marketplace.directory.models import Category, SupplierProfile

    m = side.marker
    category_tree_ensure()  # gone if a transaction=True test flushed the database before
    # Categories are platform-wide and public (the category tree, facets): one that another module named
    # after the side would be reported as the side's data leaking everywhere, so it is renamed.
    for category in Category.objects.filter(Q(name_en__contains=m) | Q(name_zh__contains=m)):
        Category.objects.filter(pk=category.pk).update(
            name_en=f"Test category {category.code}", name_zh=f"测试类目 {category.code}"
        )
    actor = _actor(side)
    existing = SupplierProfile.objects.filter(company=side.company).prefetch_related("categories").first()
    profile = directory.supplier_profile_save(
        actor=actor,
        data=directory.ProfileInput(
            display_name_en=f"{m} Bearings Supplier",
            display_name_zh=f"{m} 轴承供应商",
            description_en=f"{m} makes bearings",
            category_codes=sorted(
                {"10.01", *(c.code for c in existing.categories.all())} if existing else {"10.01"}
            ),
            regions_served=sorted({"CN-JS", *(existing.regions_served if existing else [])}),
            is_listed=False,
        ),
    )
    certification = directory.certification_create(
        actor=actor,
        type="ISO 9001",
        number=f"{m}-ISO-9001",
        issuer=f"{m} Registrar",
        valid_until=timezone.localdate() + timedelta(days=365),
    )
    directory.certification_document_attach(
        actor=actor, certification_id=certification.pk, upload=SimpleUploadedFile(f"{m}-iso.pdf", PDF)
    )
    categories = category_index()
    active = catalog.listing_create(
        actor=actor, data=listing_clean(listing_values(m, f"{m}-A1", "active"), categories=categories)
    )
    draft = catalog.listing_create(
        actor=actor, data=listing_clean(listing_values(m, f"{m}-D1", "draft"), categories=categories)
    )
    image = catalog.listing_image_add(
        actor=actor, listing_id=draft.pk, upload=SimpleUploadedFile(f"{m}-photo.png", PNG)
    )
    job = catalog.import_create(
        actor=actor, upload=SimpleUploadedFile(f"{m}-catalog.csv", catalog_csv(m, (f"{m}-I1", f"{m}-I2")))
    )
    assert job.state == "validated" and job.error_count == 0, job.errors
    side.extra["catalog"] = data = {
        "supplier_company_id": profile.company_id,
        "certification_id": certification.pk,
        "active_id": active.pk,
        "draft_id": draft.pk,
        "image_id": image.pk,
        "import_id": job.pk,
    }
    return data


def _id(name: str) -> Any:
    return lambda s: seed(s)[name]


@dataclass(frozen=True)
class SeededProbe(Probe):
    """Seeds the side whose objects a call uses, first; ``search`` adds ``q=<that side's marker>``."""

    search: bool = False

    def url(self, side: Side) -> str:
        seed(side)
        url = super().url(side)
        return f"{url}?q={side.marker}" if self.search else url


def _fingerprint(side: Side) -> dict[str, Any]:
    from marketplace.catalog.models import ImportJob, Listing, ListingImage, PriceTier
    from marketplace.directory.models import Certification, SupplierProfile

    seed(side)
    company = side.company
    return {
        "profile": list(
            SupplierProfile.objects.filter(company=company).values_list(
                "pk", "display_name_en", "display_name_zh", "is_listed", "verified", "regions_served", "role"
            )
        ),
        "profile_categories": sorted(
            SupplierProfile.categories.through.objects.filter(supplierprofile__company=company).values_list(
                "category_id", flat=True
            )
        ),
        "certifications": list(
            Certification.objects.filter(supplier__company=company)
            .order_by("pk")
            .values_list("pk", "type", "number", "issuer", "valid_until", "document")
        ),
        "listings": list(
            Listing.objects.filter(company=company)
            .order_by("pk")
            .values_list(
                "pk",
                "sku",
                "name_en",
                "status",
                "base_price",
                "is_public",
                "supplier_verified",
                "stock_item_id",
                "stock_quantity",
            )
        ),
        "tiers": list(
            PriceTier.objects.filter(listing__company=company)
            .order_by("pk")
            .values_list("pk", "min_quantity", "unit_price")
        ),
        "images": list(
            ListingImage.objects.filter(listing__company=company).order_by("pk").values_list("pk")
        ),
        "imports": list(
            ImportJob.objects.filter(company=company).order_by("pk").values_list("pk", "state", "rows_done")
        ),
    }


FINGERPRINTS = {"catalog": _fingerprint}

CERT = {"certification_id": _id("certification_id")}
ACTIVE = {"listing_id": _id("active_id")}
DRAFT = {"listing_id": _id("draft_id")}
IMAGE = {**DRAFT, "image_id": _id("image_id")}
JOB = {"job_id": _id("import_id")}
SUPPLIER = {"supplier_id": _id("supplier_company_id")}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


TENANT_PROBES: dict[str, Probe] = {
    # The company's supplier profile and certifications.
    "supplier_profile_get": SeededProbe("GET", "/api/supplier-profile/"),
    "supplier_profile_save": SeededProbe(
        "PUT",
        "/api/supplier-profile/",
        body=lambda s: {
            "display_name_en": f"{s.marker} Renamed Supplier",
            "category_codes": ["10.01"],
            "regions_served": ["CN"],
            "is_listed": False,
        },
    ),
    "certifications_list": SeededProbe("GET", "/api/supplier-profile/certifications/", lists=True),
    "certifications_create": SeededProbe(
        "POST",
        "/api/supplier-profile/certifications/",
        body=lambda s: {
            "type": "HACCP",
            "number": f"{s.marker}-HACCP",
            "issuer": f"{s.marker} Food Registrar",
            "valid_until": (timezone.localdate() + timedelta(days=100)).isoformat(),
        },
        ok=201,
    ),
    "certifications_update": SeededProbe(
        "PATCH",
        "/api/supplier-profile/certifications/{certification_id}/",
        ids=CERT,
        body=lambda s: {"issuer": f"{s.marker} Other Registrar"},
    ),
    "certifications_delete": SeededProbe(
        "DELETE", "/api/supplier-profile/certifications/{certification_id}/", ids=CERT, ok=204
    ),
    "certifications_document_upload": SeededProbe(
        "PUT",
        "/api/supplier-profile/certifications/{certification_id}/document/",
        ids=CERT,
        body=lambda s: {"file_name": f"{s.marker}-renewed.pdf", "content_base64": _b64(PDF)},
    ),
    "certifications_document_get": SeededProbe(
        "GET", "/api/supplier-profile/certifications/{certification_id}/document/", ids=CERT
    ),
    # The company's catalog.
    "catalog_listings_list": SeededProbe("GET", "/api/catalog/listings/", lists=True),
    "catalog_listings_create": SeededProbe(
        "POST",
        "/api/catalog/listings/",
        body=lambda s: listing_values(s.marker, f"{s.marker}-N1", "active"),
        ok=201,
    ),
    "catalog_listings_get": SeededProbe("GET", "/api/catalog/listings/{listing_id}/", ids=ACTIVE),
    "catalog_listings_update": SeededProbe(
        "PATCH",
        "/api/catalog/listings/{listing_id}/",
        ids=ACTIVE,
        body=lambda s: {
            "name_en": f"{s.marker} renamed bearing",
            "price_tiers": [{"min_quantity": "1", "unit_price": "9.99"}],
        },
    ),
    "catalog_listings_archive": SeededProbe(
        "DELETE", "/api/catalog/listings/{listing_id}/", ids=DRAFT, ok=204
    ),
    "catalog_listing_images_add": SeededProbe(
        "POST",
        "/api/catalog/listings/{listing_id}/images/",
        ids=DRAFT,
        body=lambda s: {"file_name": f"{s.marker}-second.png", "content_base64": _b64(PNG)},
        ok=201,
    ),
    "catalog_listing_images_delete": SeededProbe(
        "DELETE", "/api/catalog/listings/{listing_id}/images/{image_id}/", ids=IMAGE, ok=204
    ),
    "catalog_export": SeededProbe("GET", "/api/catalog/export/"),
    "catalog_imports_list": SeededProbe("GET", "/api/catalog/imports/", lists=True),
    "catalog_imports_create": SeededProbe(
        "POST",
        "/api/catalog/imports/",
        body=lambda s: {
            "file_name": f"{s.marker}-more.csv",
            "content_base64": _b64(catalog_csv(s.marker, (f"{s.marker}-I9",))),
        },
        ok=201,
    ),
    "catalog_imports_get": SeededProbe("GET", "/api/catalog/imports/{job_id}/", ids=JOB),
    "catalog_imports_apply": SeededProbe(
        "POST", "/api/catalog/imports/{job_id}/apply/", ids=JOB, body=lambda s: {}
    ),
    # Public browsing, on a company's host.
    "marketplace_categories_list": SeededProbe("GET", "/api/marketplace/categories/", public_access=True),
    "marketplace_search": SeededProbe("GET", "/api/marketplace/search/", public_access=True, search=True),
    "marketplace_suppliers_search": SeededProbe(
        "GET", "/api/marketplace/suppliers/", public_access=True, search=True
    ),
    "marketplace_listing_get": SeededProbe("GET", "/api/marketplace/listings/{listing_id}/", ids=DRAFT),
    "marketplace_listing_image": SeededProbe(
        "GET", "/api/marketplace/listings/{listing_id}/images/{image_id}/", ids=IMAGE
    ),
    "marketplace_supplier_get": SeededProbe("GET", "/api/marketplace/suppliers/{supplier_id}/", ids=SUPPLIER),
}

# On the public host nobody but the side's own members on its own host may see its unlisted presence, so
# the "entitled" (anonymous) caller of a detail page gets 404 there too.
PUBLIC_PROBES: dict[str, Probe] = {
    "marketplace_categories_list": SeededProbe("GET", "/api/marketplace/categories/", public_access=True),
    "marketplace_search": SeededProbe("GET", "/api/marketplace/search/", public_access=True, search=True),
    "marketplace_suppliers_search": SeededProbe(
        "GET", "/api/marketplace/suppliers/", public_access=True, search=True
    ),
    "marketplace_listing_get": SeededProbe(
        "GET", "/api/marketplace/listings/{listing_id}/", ids=DRAFT, public_access=True, ok=404
    ),
    "marketplace_listing_image": SeededProbe(
        "GET",
        "/api/marketplace/listings/{listing_id}/images/{image_id}/",
        ids=IMAGE,
        public_access=True,
        ok=404,
    ),
    "marketplace_supplier_get": SeededProbe(
        "GET", "/api/marketplace/suppliers/{supplier_id}/", ids=SUPPLIER, public_access=True, ok=404
    ),
    "console_suppliers_list": SeededProbe("GET", "/api/console/suppliers/"),
    "console_supplier_verify": SeededProbe(
        "POST",
        "/api/console/suppliers/{supplier_id}/verification/",
        ids=SUPPLIER,
        body=lambda s: {"verified": True, "note": "Documents checked"},
    ),
}
