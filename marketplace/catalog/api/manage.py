"""The company's own catalog on its host: listings, images, export (``catalog.manage`` to write)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.api import problem_responses
from kernel.errors import ValidationFailed
from kernel.idempotency import idempotent
from kernel.serializers import QuantityField, UnitPriceField
from marketplace.catalog import selectors, services
from marketplace.catalog.exceptions import ListingArchived
from marketplace.catalog.models import Availability, Listing, ListingImage, ListingStatus, StockSource
from marketplace.catalog.services.listings import category_index
from marketplace.catalog.spreadsheet import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, write_csv, write_xlsx
from marketplace.catalog.validation import UNITS, listing_clean
from marketplace.directory.api import (
    UPLOAD_PARSERS,
    UPLOAD_REQUEST,
    CategoryBriefSerializer,
    RendererIgnoresAccept,
    actor_of,
)
from marketplace.directory.uploads import upload_from_request


def image_url(listing_id: int, image_id: int) -> str:
    return f"/api/marketplace/listings/{listing_id}/images/{image_id}/"


class PriceTierSerializer(serializers.Serializer):
    min_quantity = QuantityField(max_digits=15, input_places=3, min_value=0)
    unit_price = UnitPriceField(max_digits=14, min_value=0)


class AttributeSerializer(serializers.Serializer):
    key = serializers.CharField(max_length=60)
    value = serializers.CharField(max_length=200)


class ImageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()

    def get_url(self, image: ListingImage) -> str:
        return image_url(image.listing_id, image.pk)


class OwnListingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    sku = serializers.CharField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()
    description_en = serializers.CharField()
    description_zh = serializers.CharField()
    category = CategoryBriefSerializer()
    attributes = AttributeSerializer(many=True)
    unit = serializers.CharField()
    currency = serializers.CharField()
    base_price = UnitPriceField()
    price_tiers = PriceTierSerializer(many=True, source="price_tiers.all")
    moq = QuantityField()
    lead_time_days = serializers.IntegerField()
    availability = serializers.ChoiceField(choices=Availability.choices)
    stock_quantity = QuantityField(allow_null=True)
    stock_source = serializers.ChoiceField(
        choices=StockSource.choices,
        help_text="inventory: stock_quantity is the linked item's available quantity (read only); "
        "declared: the figure you typed",
    )
    stock_item_id = serializers.IntegerField(
        allow_null=True, help_text="The inventory item feeding stock_quantity (stock_source inventory)"
    )
    stock_updated_at = serializers.DateTimeField(
        allow_null=True, help_text="When inventory last wrote stock_quantity"
    )
    status = serializers.ChoiceField(choices=ListingStatus.choices)
    is_public = serializers.BooleanField(help_text="Active, and the supplier profile is listed")
    images = ImageSerializer(many=True, source="images.all")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class ListingInputSerializer(serializers.Serializer):
    """A listing's content; the rules are catalog.validation.listing_clean (the same as for imports)."""

    sku = serializers.CharField(max_length=64)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    name_zh = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    description_en = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    description_zh = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    category_code = serializers.CharField(max_length=32)
    attributes = AttributeSerializer(many=True, required=False, default=list)
    unit = serializers.ChoiceField(choices=list(UNITS))
    currency = serializers.CharField(max_length=3, help_text="ISO 4217")
    price_tiers = PriceTierSerializer(many=True, help_text="1 to 10 tiers, quantities increasing")
    moq = QuantityField(max_digits=15, input_places=3)
    lead_time_days = serializers.IntegerField(min_value=0, max_value=365)
    availability = serializers.ChoiceField(choices=Availability.choices)
    stock_quantity = QuantityField(max_digits=15, input_places=3, required=False, allow_null=True)
    status = serializers.ChoiceField(
        choices=[ListingStatus.DRAFT, ListingStatus.ACTIVE], required=False, default=ListingStatus.DRAFT
    )


def _clean(values: dict[str, Any]) -> Any:
    return listing_clean(
        {**values, "attributes": [dict(a) for a in values.get("attributes") or []]},
        categories=category_index(),
    )


def listing_as_values(listing: Listing) -> dict[str, Any]:
    """A stored listing in the input's shape (the base a partial update is merged onto)."""
    return {
        "sku": listing.sku,
        "name_en": listing.name_en,
        "name_zh": listing.name_zh,
        "description_en": listing.description_en,
        "description_zh": listing.description_zh,
        "category_code": listing.category.code,
        "attributes": list(listing.attributes),
        "unit": listing.unit,
        "currency": listing.currency,
        "price_tiers": [
            {"min_quantity": t.min_quantity, "unit_price": t.unit_price} for t in listing.price_tiers.all()
        ],
        "moq": listing.moq,
        "lead_time_days": listing.lead_time_days,
        "availability": listing.availability,
        "stock_quantity": listing.stock_quantity,
        "status": listing.status,
    }


class ListingListCreateView(generics.ListAPIView):
    """The company's catalog (all statuses but archived unless asked for)."""

    required_permission = "company.view"
    serializer_class = OwnListingSerializer

    def get_queryset(self) -> QuerySet[Listing]:
        params = self.request.query_params
        q = params.get("q") or ""
        if len(q) > 200 or "\x00" in q:
            raise ValidationFailed(errors={"q": ["At most 200 characters, no NUL."]})
        for name in ("status", "category"):
            if params.get(name) == "":
                raise ValidationFailed(errors={name: ["May not be blank."]})
        category = params.get("category")
        if category is not None and (len(category) > 32 or "\x00" in category):
            raise ValidationFailed(errors={"category": ["Unknown category code."]})
        return selectors.listing_list_own(
            company=actor_of(self.request).company, status=params.get("status"), q=q, category=category
        )

    @extend_schema(
        operation_id="catalog_listings_list",
        parameters=[
            OpenApiParameter("status", str, enum=list(ListingStatus.values)),
            OpenApiParameter("q", str, description="Words of the names, or the exact SKU"),
            OpenApiParameter("category", str, description="Category code (its subtree)"),
        ],
        responses={200: OwnListingSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="catalog_listings_create",
        request=ListingInputSerializer,
        responses={201: OwnListingSerializer, **problem_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = ListingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        listing = services.listing_create(
            actor=actor_of(request), data=_clean(data.validated_data), request=request._request
        )
        return Response(OwnListingSerializer(listing).data, status=status.HTTP_201_CREATED)


class ListingDetailView(APIView):
    required_permission = "company.view"

    @extend_schema(
        operation_id="catalog_listings_get",
        responses={200: OwnListingSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, listing_id: int) -> Response:
        listing = selectors.listing_get_own(company=actor_of(request).company, listing_id=listing_id)
        return Response(OwnListingSerializer(listing).data)

    @extend_schema(
        operation_id="catalog_listings_update",
        request=ListingInputSerializer(partial=True),
        responses={200: OwnListingSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, listing_id: int) -> Response:
        data = ListingInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        actor = actor_of(request)
        actor.require("catalog.manage")
        current = selectors.listing_get_own(company=actor.company, listing_id=listing_id)
        if current.status == ListingStatus.ARCHIVED:
            raise ListingArchived()
        merged = {**listing_as_values(current), **data.validated_data}
        listing = services.listing_update(
            actor=actor, listing_id=listing_id, data=_clean(merged), request=request._request
        )
        return Response(OwnListingSerializer(listing).data)

    @extend_schema(
        operation_id="catalog_listings_archive",
        description="Takes the listing off the marketplace for good (archived); documents keep referring to it.",
        responses={204: OpenApiResponse(description="Archived"), **problem_responses(401, 403, 404)},
    )
    def delete(self, request: Request, listing_id: int) -> Response:
        services.listing_archive(actor=actor_of(request), listing_id=listing_id, request=request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ListingImageCreateView(APIView):
    """Add an image (PNG, JPEG, WebP, GIF; at most 8 per listing)."""

    required_permission = "company.view"
    parser_classes = UPLOAD_PARSERS

    @extend_schema(
        operation_id="catalog_listing_images_add",
        request=UPLOAD_REQUEST,
        responses={201: ImageSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, listing_id: int) -> Response:
        image = services.listing_image_add(
            actor=actor_of(request),
            listing_id=listing_id,
            upload=upload_from_request(request),
            request=request._request,
        )
        return Response(ImageSerializer(image).data, status=status.HTTP_201_CREATED)


class ListingImageDeleteView(APIView):
    required_permission = "company.view"

    @extend_schema(
        operation_id="catalog_listing_images_delete",
        responses={204: OpenApiResponse(description="Removed"), **problem_responses(401, 403, 404)},
    )
    def delete(self, request: Request, listing_id: int, image_id: int) -> Response:
        services.listing_image_remove(
            actor=actor_of(request), listing_id=listing_id, image_id=image_id, request=request._request
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class CatalogExportView(APIView):
    """The catalog (archived listings left out) as CSV or XLSX, in the import's columns."""

    required_permission = "company.view"
    content_negotiation_class = RendererIgnoresAccept

    @extend_schema(
        operation_id="catalog_export",
        parameters=[OpenApiParameter("file_type", str, enum=["csv", "xlsx"], description="Default csv")],
        responses={
            (200, CSV_CONTENT_TYPE): OpenApiTypes.STR,
            (200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY,
            **problem_responses(400, 401, 403),
        },
    )
    def get(self, request: Request) -> HttpResponse:
        file_type = request.query_params.get("file_type", "csv")
        if file_type not in ("csv", "xlsx"):
            raise ValidationFailed(errors={"file_type": ["Use csv or xlsx."]})
        company = actor_of(request).company
        rows = selectors.listing_export_rows(company=company)
        if file_type == "csv":
            response = HttpResponse(write_csv(rows), content_type=f"{CSV_CONTENT_TYPE}; charset=utf-8")
        else:
            response = HttpResponse(write_xlsx(rows), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="catalog-{company.slug}.{file_type}"'
        return response
