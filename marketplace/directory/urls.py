"""Routes of the supplier directory (included by hansa.urls_tenant and hansa.urls_public)."""

from django.urls import path

from marketplace.directory import api

# Anyone, on both hosts.
browse_patterns = [
    path("api/marketplace/categories/", api.CategoryTreeView.as_view(), name="marketplace-categories"),
    path("api/marketplace/suppliers/", api.SupplierSearchView.as_view(), name="marketplace-suppliers"),
    path(
        "api/marketplace/suppliers/<int:supplier_id>/",
        api.SupplierPageView.as_view(),
        name="marketplace-supplier",
    ),
]

# A company's host: its own profile and certifications.
tenant_patterns = [
    path("api/supplier-profile/", api.SupplierProfileView.as_view(), name="supplier-profile"),
    path(
        "api/supplier-profile/certifications/",
        api.CertificationListCreateView.as_view(),
        name="certifications",
    ),
    path(
        "api/supplier-profile/certifications/<int:certification_id>/",
        api.CertificationDetailView.as_view(),
        name="certification",
    ),
    path(
        "api/supplier-profile/certifications/<int:certification_id>/document/",
        api.CertificationDocumentView.as_view(),
        name="certification-document",
    ),
    *browse_patterns,
]

# The public host: browsing, and the operators' review of suppliers.
public_patterns = [
    path("api/console/suppliers/", api.ConsoleSupplierListView.as_view(), name="console-suppliers"),
    path(
        "api/console/suppliers/<int:supplier_id>/verification/",
        api.ConsoleSupplierVerifyView.as_view(),
        name="console-supplier-verification",
    ),
    *browse_patterns,
]
