"""Marketplace browsing, on both hosts, for anyone: search, listing pages, listing images.

Prices (``base_price``, ``price_tiers``) are shown only to signed-in members (see
marketplace/directory/viewers.py); everyone else gets ``null`` and ``prices_visible: false``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import FileResponse, HttpResponseBase
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.api import problem_responses
from kernel.serializers import QuantityField, RatingField, UnitPriceField
from marketplace.catalog import selectors
from marketplace.catalog.api.manage import (
    AttributeSerializer,
    ImageSerializer,
    PriceTierSerializer,
    image_url,
)
from marketplace.catalog.models import Availability, Listing, StockSource
from marketplace.catalog.selectors.search import MAX_PAGE_SIZE, SORTS
from marketplace.directory.api import (
    CategoryBriefSerializer,
    PublicCertificationSerializer,
    RendererIgnoresAccept,
    query_params,
)
from marketplace.directory.services import certification_type_normalise
from marketplace.directory.viewers import Viewer, viewer_from_request


class ListingSupplierSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="company_id", help_text="The supplier's company id")
    display_name_en = serializers.CharField()
    display_name_zh = serializers.CharField()
    verified = serializers.BooleanField()
    regions_served = serializers.ListField(child=serializers.CharField())
    rating = RatingField(allow_null=True)
    reputation = RatingField(
        allow_null=True,
        help_text="Supplier rating 0-5 from its platform history (sorting by rating uses it); null: none",
    )


class _PricedSerializer(serializers.Serializer):
    """Prices only for viewers who may see them (the ``viewer`` in the serializer context)."""

    base_price = serializers.SerializerMethodField(help_text="Unit price of the first tier; null when hidden")

    def _visible(self) -> bool:
        viewer: Viewer = self.context["viewer"]
        return viewer.prices_visible

    @extend_schema_field(UnitPriceField(allow_null=True))
    def get_base_price(self, listing: Any) -> str | None:
        return UnitPriceField().to_representation(listing.base_price) if self._visible() else None


class ListingCardSerializer(_PricedSerializer):
    id = serializers.IntegerField()
    sku = serializers.CharField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()
    category = CategoryBriefSerializer()
    unit = serializers.CharField()
    currency = serializers.CharField()
    moq = QuantityField()
    lead_time_days = serializers.IntegerField()
    availability = serializers.ChoiceField(choices=Availability.choices)
    stock_quantity = QuantityField(allow_null=True)
    stock_source = serializers.ChoiceField(
        choices=StockSource.choices,
        help_text="inventory: the supplier's available stock, kept current as stock moves; "
        "declared: the figure the supplier typed",
    )
    image_url = serializers.SerializerMethodField()
    supplier = ListingSupplierSerializer()

    def get_image_url(self, listing: Any) -> str | None:
        first = getattr(listing, "first_image_id", None)
        if first is None and isinstance(listing, Listing):
            images = list(listing.images.all())
            first = images[0].pk if images else None
        return image_url(listing.id, first) if first else None


class CategoryFacetSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()
    depth = serializers.IntegerField()
    count = serializers.IntegerField()


class FacetCountSerializer(serializers.Serializer):
    value = serializers.CharField()
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    categories = CategoryFacetSerializer(
        many=True, help_text="Every category with matches, ancestors included"
    )
    regions = FacetCountSerializer(many=True)
    availability = FacetCountSerializer(many=True)
    verified = FacetCountSerializer(many=True)


class SearchView(APIView):
    """Search public listings (anyone): full text in Chinese or English, filters, facets, sorting."""

    permission_classes = [AllowAny]

    class QuerySerializer(serializers.Serializer):
        q = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        category = serializers.CharField(
            max_length=32, required=False, help_text="Category code: its subtree"
        )
        region = serializers.CharField(
            max_length=10, required=False, help_text="Region served: CN, CN-JS, DE"
        )
        certification = serializers.CharField(max_length=60, required=False, help_text="Held and valid today")
        price_min = UnitPriceField(max_digits=14, min_value=0, required=False)
        price_max = UnitPriceField(max_digits=14, min_value=0, required=False)
        currency = serializers.CharField(max_length=3, min_length=3, required=False)
        moq_max = QuantityField(max_digits=15, input_places=3, min_value=0, required=False)
        lead_time_max = serializers.IntegerField(min_value=0, max_value=365, required=False)
        availability = serializers.ChoiceField(choices=Availability.choices, required=False)
        verified = serializers.BooleanField(
            required=False, default=False, help_text="Verified suppliers only"
        )
        supplier_id = serializers.IntegerField(
            min_value=1, max_value=2**63 - 1, required=False, help_text="The supplier's company id"
        )
        sort = serializers.ChoiceField(choices=SORTS, required=False, default="relevance")
        page = serializers.IntegerField(min_value=1, max_value=10_000, required=False, default=1)
        page_size = serializers.IntegerField(min_value=1, max_value=MAX_PAGE_SIZE, required=False, default=20)

    class OutputSerializer(serializers.Serializer):
        count = serializers.IntegerField()
        count_capped = serializers.BooleanField(help_text="More matches than counted (10,000)")
        next = serializers.CharField(allow_null=True)
        previous = serializers.CharField(allow_null=True)
        prices_visible = serializers.BooleanField()
        results = ListingCardSerializer(many=True)
        facets = FacetsSerializer()

    @extend_schema(
        operation_id="marketplace_search",
        parameters=[QuerySerializer],
        responses={200: OutputSerializer, **problem_responses(400, 401)},
    )
    def get(self, request: Request) -> Response:
        data = query_params(self.QuerySerializer, request)
        data["verified_only"] = data.pop("verified")
        if data.get("currency"):
            data["currency"] = data["currency"].upper()
        if data.get("certification"):
            data["certification"] = certification_type_normalise(data["certification"])
        viewer = viewer_from_request(request)
        page = selectors.listing_search(params=selectors.ListingSearchParams(**data), viewer=viewer)

        def link(number: int) -> str:
            params = {k: v for k, v in request.query_params.items() if k != "page"}
            return f"{request.path}?{urlencode({**params, 'page': number})}"

        body = {
            "count": page.count,
            "count_capped": page.count_capped,
            "next": link(page.page + 1) if page.has_next else None,
            "previous": link(page.page - 1) if page.page > 1 else None,
            "prices_visible": viewer.prices_visible,
            "results": ListingCardSerializer(page.listings, many=True, context={"viewer": viewer}).data,
            "facets": FacetsSerializer(page.facets).data,
        }
        return Response(body)


class ListingPageSerializer(ListingCardSerializer):
    description_en = serializers.CharField()
    description_zh = serializers.CharField()
    attributes = AttributeSerializer(many=True)
    price_tiers = serializers.SerializerMethodField()
    images = ImageSerializer(many=True, source="images.all")
    supplier_certifications = serializers.SerializerMethodField()
    status = serializers.CharField(help_text="active; draft only on the owner's own preview")
    is_public = serializers.BooleanField()
    prices_visible = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField()

    @extend_schema_field(PriceTierSerializer(many=True, allow_null=True))
    def get_price_tiers(self, listing: Listing) -> Any:
        if not self._visible():
            return None
        return PriceTierSerializer(listing.price_tiers.all(), many=True).data

    @extend_schema_field(PublicCertificationSerializer(many=True))
    def get_supplier_certifications(self, listing: Listing) -> Any:
        return PublicCertificationSerializer(listing.supplier.certifications.all(), many=True).data

    def get_prices_visible(self, listing: Listing) -> bool:
        return self._visible()


class ListingPageView(APIView):
    """A public listing (anyone). A company's own draft is shown to its members on its own host as a
    preview; to everyone else it does not exist."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="marketplace_listing_get",
        responses={200: ListingPageSerializer, **problem_responses(401, 404)},
    )
    def get(self, request: Request, listing_id: int) -> Response:
        viewer = viewer_from_request(request)
        listing = selectors.listing_public_get(listing_id=listing_id, viewer=viewer)
        return Response(ListingPageSerializer(listing, context={"viewer": viewer}).data)


class ListingImageView(APIView):
    """An image of a listing the caller may see."""

    permission_classes = [AllowAny]
    content_negotiation_class = RendererIgnoresAccept

    @extend_schema(
        operation_id="marketplace_listing_image",
        responses={
            (200, "image/png"): OpenApiTypes.BINARY,
            (200, "image/jpeg"): OpenApiTypes.BINARY,
            (200, "image/webp"): OpenApiTypes.BINARY,
            (200, "image/gif"): OpenApiTypes.BINARY,
            **problem_responses(401, 404),
        },
    )
    def get(self, request: Request, listing_id: int, image_id: int) -> HttpResponseBase:
        image = selectors.listing_image_public_get(
            listing_id=listing_id, image_id=image_id, viewer=viewer_from_request(request)
        )
        response = FileResponse(image.file.open("rb"), content_type=image.content_type)
        response["Cache-Control"] = "private, max-age=300"
        return response
