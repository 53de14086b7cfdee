"""Routes of the catalog (included by hansa.urls_tenant and hansa.urls_public)."""

from django.urls import path

from marketplace.catalog.api import browse, imports, manage

# Anyone, on both hosts.
browse_patterns = [
    path("api/marketplace/search/", browse.SearchView.as_view(), name="marketplace-search"),
    path(
        "api/marketplace/listings/<int:listing_id>/",
        browse.ListingPageView.as_view(),
        name="marketplace-listing",
    ),
    path(
        "api/marketplace/listings/<int:listing_id>/images/<int:image_id>/",
        browse.ListingImageView.as_view(),
        name="marketplace-listing-image",
    ),
]

# A company's host: its own catalog.
tenant_patterns = [
    path("api/catalog/listings/", manage.ListingListCreateView.as_view(), name="catalog-listings"),
    path(
        "api/catalog/listings/<int:listing_id>/", manage.ListingDetailView.as_view(), name="catalog-listing"
    ),
    path(
        "api/catalog/listings/<int:listing_id>/images/",
        manage.ListingImageCreateView.as_view(),
        name="catalog-listing-images",
    ),
    path(
        "api/catalog/listings/<int:listing_id>/images/<int:image_id>/",
        manage.ListingImageDeleteView.as_view(),
        name="catalog-listing-image",
    ),
    path("api/catalog/export/", manage.CatalogExportView.as_view(), name="catalog-export"),
    path("api/catalog/imports/", imports.ImportListCreateView.as_view(), name="catalog-imports"),
    path("api/catalog/imports/<int:job_id>/", imports.ImportDetailView.as_view(), name="catalog-import"),
    path(
        "api/catalog/imports/<int:job_id>/apply/",
        imports.ImportApplyView.as_view(),
        name="catalog-import-apply",
    ),
    *browse_patterns,
]

public_patterns = [*browse_patterns]
