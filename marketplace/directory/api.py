"""Supplier directory API.

Company host (``catalog.manage`` to write): the company's own supplier profile and certifications.
Both hosts, anyone (``AllowAny``): the category tree, supplier search and supplier pages.
Public host, operators: suppliers to review, the verified badge.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponseBase
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import generics, serializers, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from console.permissions import IsOperator
from identity.access import Actor
from kernel.api import problem_responses
from kernel.errors import ValidationFailed
from kernel.idempotency import idempotent
from kernel.serializers import RatingField, RatioField
from marketplace.directory import selectors, services
from marketplace.directory.exceptions import DocumentMissing
from marketplace.directory.models import Certification, CompanyRole, SupplierProfile
from marketplace.directory.uploads import upload_from_request
from marketplace.directory.viewers import viewer_from_request


def actor_of(request: Request) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


class RendererIgnoresAccept(DefaultContentNegotiation):
    """For views that answer with a file: errors are still problem+json, whatever Accept asked for."""

    def select_renderer(self, request: Any, renderers: Any, format_suffix: Any = None) -> Any:
        return renderers[0], renderers[0].media_type


def query_params(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    """The validated query parameters. An empty value is refused like any invalid one (DRF would take
    ``?sort=`` for "not given"), except for fields that allow blanks."""
    fields = serializer_class().fields
    blank = {
        name: ["May not be blank."]
        for name, value in request.query_params.items()
        if value == "" and name in fields and not getattr(fields[name], "allow_blank", False)
    }
    if blank:
        raise ValidationFailed(errors=blank)
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return dict(query.validated_data)


# Uploads: multipart (``file``) or JSON (``file_name`` + ``content_base64``).


class UploadMultipartSerializer(serializers.Serializer):
    file = serializers.FileField()


class UploadJsonSerializer(serializers.Serializer):
    file_name = serializers.CharField(max_length=200)
    content_base64 = serializers.CharField(help_text="The file's bytes, base64-encoded.")


UPLOAD_REQUEST = {"multipart/form-data": UploadMultipartSerializer, "application/json": UploadJsonSerializer}
UPLOAD_PARSERS = [MultiPartParser, JSONParser]


# Shared output shapes ------------------------------------------------------------------------------


class CategoryBriefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()


class CertificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.CharField()
    number = serializers.CharField()
    issuer = serializers.CharField()
    valid_until = serializers.DateField()
    status = serializers.SerializerMethodField(help_text="valid, expiring (within 30 days) or expired")
    has_document = serializers.SerializerMethodField()
    document_name = serializers.CharField()

    def get_status(self, certification: Certification) -> str:
        return certification.status_on(timezone.localdate())

    def get_has_document(self, certification: Certification) -> bool:
        return bool(certification.document)


class SupplierProfileSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        source="company_id",
        help_text="The company's id: its supplier page is /api/marketplace/suppliers/{id}/.",
    )
    role = serializers.ChoiceField(choices=CompanyRole.choices)
    display_name_en = serializers.CharField()
    display_name_zh = serializers.CharField()
    description_en = serializers.CharField()
    description_zh = serializers.CharField()
    categories = CategoryBriefSerializer(many=True, source="categories.all")
    regions_served = serializers.ListField(child=serializers.CharField())
    capacity_note = serializers.CharField()
    min_order_note = serializers.CharField()
    is_listed = serializers.BooleanField()
    verified = serializers.BooleanField()
    verified_at = serializers.DateTimeField(allow_null=True)
    rating = RatingField(allow_null=True)
    rating_count = serializers.IntegerField()
    reputation = RatingField(
        allow_null=True,
        help_text="Supplier rating 0-5 computed from its platform history (what sorting by rating uses); "
        "null: no history yet",
    )
    certifications = CertificationSerializer(many=True, source="certifications.all")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


# Own profile (company host) ------------------------------------------------------------------------


class SupplierProfileView(APIView):
    """The company's supplier profile: its face on the marketplace."""

    required_permission = "company.view"

    class InputSerializer(serializers.Serializer):
        role = serializers.ChoiceField(choices=CompanyRole.choices, default=CompanyRole.BOTH)
        display_name_en = serializers.CharField(max_length=200, allow_blank=True, default="")
        display_name_zh = serializers.CharField(max_length=200, allow_blank=True, default="")
        description_en = serializers.CharField(max_length=5000, allow_blank=True, default="")
        description_zh = serializers.CharField(max_length=5000, allow_blank=True, default="")
        category_codes = serializers.ListField(
            child=serializers.CharField(max_length=32), max_length=50, default=list
        )
        regions_served = serializers.ListField(
            child=serializers.CharField(max_length=10), max_length=60, default=list
        )
        capacity_note = serializers.CharField(max_length=2000, allow_blank=True, default="")
        min_order_note = serializers.CharField(max_length=2000, allow_blank=True, default="")
        is_listed = serializers.BooleanField(default=True)

    @extend_schema(
        operation_id="supplier_profile_get",
        responses={200: SupplierProfileSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        profile = selectors.supplier_profile_get(company=actor_of(request).company)
        return Response(SupplierProfileSerializer(profile).data)

    @extend_schema(
        operation_id="supplier_profile_save",
        request=InputSerializer,
        responses={200: SupplierProfileSerializer, **problem_responses(400, 401, 403)},
    )
    def put(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = services.supplier_profile_save(
            actor=actor_of(request),
            data=services.ProfileInput(**data.validated_data),
            request=request._request,
        )
        return Response(SupplierProfileSerializer(profile).data)


class CertificationListCreateView(generics.ListAPIView):
    """The company's certifications (ISO 9001, HACCP, ...) with their expiry."""

    required_permission = "company.view"
    serializer_class = CertificationSerializer

    class InputSerializer(serializers.Serializer):
        type = serializers.CharField(max_length=60)
        number = serializers.CharField(max_length=120)
        issuer = serializers.CharField(max_length=200)
        valid_until = serializers.DateField()

    def get_queryset(self) -> QuerySet[Certification]:
        return selectors.certification_list(company=actor_of(self.request).company)

    @extend_schema(
        operation_id="certifications_list",
        responses={200: CertificationSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="certifications_create",
        request=InputSerializer,
        responses={201: CertificationSerializer, **problem_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        certification = services.certification_create(
            actor=actor_of(request), request=request._request, **data.validated_data
        )
        return Response(CertificationSerializer(certification).data, status=status.HTTP_201_CREATED)


class CertificationDetailView(APIView):
    required_permission = "company.view"

    class InputSerializer(serializers.Serializer):
        type = serializers.CharField(max_length=60, required=False)
        number = serializers.CharField(max_length=120, required=False)
        issuer = serializers.CharField(max_length=200, required=False)
        valid_until = serializers.DateField(required=False)

    @extend_schema(
        operation_id="certifications_update",
        request=InputSerializer,
        responses={200: CertificationSerializer, **problem_responses(400, 401, 403, 404)},
    )
    def patch(self, request: Request, certification_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        certification = services.certification_update(
            actor=actor_of(request),
            certification_id=certification_id,
            changes=data.validated_data,
            request=request._request,
        )
        return Response(CertificationSerializer(certification).data)

    @extend_schema(
        operation_id="certifications_delete",
        responses={204: OpenApiResponse(description="Removed"), **problem_responses(401, 403, 404)},
    )
    def delete(self, request: Request, certification_id: int) -> Response:
        services.certification_delete(
            actor=actor_of(request), certification_id=certification_id, request=request._request
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


DOCUMENT_RESPONSES = {
    (200, "application/pdf"): OpenApiTypes.BINARY,
    (200, "image/png"): OpenApiTypes.BINARY,
    (200, "image/jpeg"): OpenApiTypes.BINARY,
}


class CertificationDocumentView(APIView):
    """The certificate's scanned document (PDF, PNG or JPEG), kept under the company's file prefix."""

    required_permission = "company.view"
    parser_classes = UPLOAD_PARSERS
    content_negotiation_class = RendererIgnoresAccept

    @extend_schema(
        operation_id="certifications_document_upload",
        request=UPLOAD_REQUEST,
        responses={200: CertificationSerializer, **problem_responses(400, 401, 403, 404)},
    )
    def put(self, request: Request, certification_id: int) -> Response:
        certification = services.certification_document_attach(
            actor=actor_of(request),
            certification_id=certification_id,
            upload=upload_from_request(request),
            request=request._request,
        )
        return Response(CertificationSerializer(certification).data)

    @extend_schema(
        operation_id="certifications_document_get",
        responses={**DOCUMENT_RESPONSES, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, certification_id: int) -> HttpResponseBase:
        certification = selectors.certification_get(
            company=actor_of(request).company, certification_id=certification_id
        )
        if not certification.document:
            raise DocumentMissing()
        return FileResponse(
            certification.document.open("rb"),
            content_type=certification.document_content_type or "application/octet-stream",
            as_attachment=True,
            filename=certification.document_name or "certificate",
        )


# Public browsing (both hosts) ---------------------------------------------------------------------


class CategoryNodeSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="What an RFQ line without a listing names its category by.")
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()
    depth = serializers.IntegerField()
    children = serializers.ListField(child=serializers.DictField(), help_text="Nodes of the same shape")


class CategoryTreeView(APIView):
    """The product-category tree with codes and English and Chinese names (anyone)."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="marketplace_categories_list",
        responses={200: CategoryNodeSerializer(many=True), **problem_responses(401)},
    )
    def get(self, request: Request) -> Response:
        def render(node: selectors.CategoryNode) -> dict[str, Any]:
            return {
                "id": node.id,
                "code": node.code,
                "name_en": node.name_en,
                "name_zh": node.name_zh,
                "depth": node.depth,
                "children": [render(child) for child in node.children],
            }

        return Response([render(node) for node in selectors.category_tree()])


class SupplierCardSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        source="company_id", help_text="The supplier's company id: what a purchase order or an RFQ names."
    )
    display_name_en = serializers.CharField()
    display_name_zh = serializers.CharField()
    country = serializers.CharField(source="company.country")
    role = serializers.CharField()
    categories = CategoryBriefSerializer(many=True, source="categories.all")
    regions_served = serializers.ListField(child=serializers.CharField())
    verified = serializers.BooleanField()
    rating = RatingField(allow_null=True)
    rating_count = serializers.IntegerField()
    reputation = RatingField(
        allow_null=True,
        help_text="Supplier rating 0-5 computed from its platform history (what sorting by rating uses); "
        "null: no history yet",
    )
    valid_certifications = serializers.SerializerMethodField()

    def get_valid_certifications(self, profile: SupplierProfile) -> list[str]:
        today = timezone.localdate()
        return sorted({c.type for c in profile.certifications.all() if c.valid_until >= today})


class SupplierSearchView(generics.ListAPIView):
    """Search public supplier profiles (anyone): full text, category subtree, region, certification
    held and valid, verified only; sorted by relevance, rating or name."""

    permission_classes = [AllowAny]
    serializer_class = SupplierCardSerializer

    class QuerySerializer(serializers.Serializer):
        q = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        category = serializers.CharField(max_length=32, required=False)
        region = serializers.CharField(max_length=10, required=False)
        certification = serializers.CharField(max_length=60, required=False)
        verified = serializers.BooleanField(required=False, default=False)
        sort = serializers.ChoiceField(choices=selectors.SUPPLIER_SORTS, required=False, default="relevance")

    def get_queryset(self) -> QuerySet[SupplierProfile]:
        data = query_params(self.QuerySerializer, self.request)
        return selectors.supplier_search(
            params=selectors.SupplierSearchParams(
                q=data["q"],
                category=data.get("category"),
                region=data.get("region"),
                certification=services.certification_type_normalise(data["certification"])
                if data.get("certification")
                else None,
                verified_only=data["verified"],
                sort=data["sort"],
            ),
            viewer=viewer_from_request(self.request),
        ).select_related("company")

    @extend_schema(
        operation_id="marketplace_suppliers_search",
        parameters=[QuerySerializer],
        responses={200: SupplierCardSerializer(many=True), **problem_responses(400, 401, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class PublicCertificationSerializer(CertificationSerializer):
    document_name = None  # type: ignore[assignment]


class SupplierHistorySerializer(serializers.Serializer):
    has_history = serializers.BooleanField(help_text='False: show "no history yet"')
    rfq_response_rate = RatioField(allow_null=True)
    quote_win_rate = RatioField(allow_null=True)
    on_time_delivery_rate = RatioField(allow_null=True)
    rfqs_received = serializers.IntegerField(help_text="Invitations to RFQs that have closed")
    quotes_submitted = serializers.IntegerField(help_text="Submitted quotes on RFQs that were awarded")
    deliveries = serializers.IntegerField(help_text="Dispatches against orders with a requested date")
    rfqs_answered = serializers.IntegerField()
    quotes_won = serializers.IntegerField()
    on_time_deliveries = serializers.IntegerField()


class SupplierPageSerializer(SupplierCardSerializer):
    description_en = serializers.CharField()
    description_zh = serializers.CharField()
    capacity_note = serializers.CharField()
    min_order_note = serializers.CharField()
    verified_at = serializers.DateTimeField(allow_null=True)
    certifications = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()
    listing_count = serializers.SerializerMethodField()
    member_since = serializers.DateTimeField(source="created_at")
    is_public = serializers.SerializerMethodField(
        help_text="False on the owner's preview of an unlisted profile"
    )

    @extend_schema_field(PublicCertificationSerializer(many=True))
    def get_certifications(self, profile: SupplierProfile) -> list[dict[str, Any]]:
        return list(PublicCertificationSerializer(profile.certifications.all(), many=True).data)

    @extend_schema_field(SupplierHistorySerializer)
    def get_history(self, profile: SupplierProfile) -> dict[str, Any]:
        history = selectors.supplier_history(supplier=profile)
        return dict(SupplierHistorySerializer(history).data)

    def get_listing_count(self, profile: SupplierProfile) -> int:
        return profile.listings.filter(is_public=True).count()

    def get_is_public(self, profile: SupplierProfile) -> bool:
        return profile.is_listed and profile.role != CompanyRole.BUYER


class SupplierPageView(APIView):
    """A supplier's public page: qualifications, regions, history (anyone). A company's own unlisted
    profile is shown to its members on its own host as a preview; to everyone else it does not exist."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="marketplace_supplier_get",
        responses={200: SupplierPageSerializer, **problem_responses(401, 404)},
    )
    def get(self, request: Request, supplier_id: int) -> Response:
        profile = selectors.supplier_public_get(supplier_id=supplier_id, viewer=viewer_from_request(request))
        return Response(SupplierPageSerializer(profile).data)


# Operators (public host) --------------------------------------------------------------------------


class OperatorSupplierSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="company_id", help_text="The supplier's company id.")
    company_slug = serializers.CharField(source="company.slug")
    company_name = serializers.CharField(source="company.name")
    display_name_en = serializers.CharField()
    display_name_zh = serializers.CharField()
    role = serializers.CharField()
    is_listed = serializers.BooleanField()
    verified = serializers.BooleanField()
    verified_at = serializers.DateTimeField(allow_null=True)
    verification_note = serializers.CharField()
    certifications = CertificationSerializer(many=True, source="certifications.all")
    created_at = serializers.DateTimeField()


class ConsoleSupplierListView(generics.ListAPIView):
    """Supplier profiles for operators to review (unverified first)."""

    permission_classes = [IsOperator]
    serializer_class = OperatorSupplierSerializer

    def get_queryset(self) -> QuerySet[SupplierProfile]:
        raw = self.request.query_params.get("verified")
        if raw not in (None, "true", "false"):
            raise ValidationFailed(errors={"verified": ["Use true or false."]})
        q = (self.request.query_params.get("q") or "").strip()
        if len(q) > 100 or "\x00" in q:
            raise ValidationFailed(errors={"q": ["At most 100 characters."]})
        return selectors.supplier_list_for_operators(verified=None if not raw else raw == "true", q=q)

    @extend_schema(
        operation_id="console_suppliers_list",
        parameters=[
            OpenApiParameter("verified", str, enum=["true", "false"]),
            OpenApiParameter("q", str, description="Part of a name or slug"),
        ],
        responses={200: OperatorSupplierSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ConsoleSupplierVerifyView(APIView):
    """Grant or withdraw a supplier's verified badge (operators), audited."""

    permission_classes = [IsOperator]

    class InputSerializer(serializers.Serializer):
        verified = serializers.BooleanField()
        note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="console_supplier_verify",
        request=InputSerializer,
        responses={200: OperatorSupplierSerializer, **problem_responses(400, 401, 403, 404)},
    )
    def post(self, request: Request, supplier_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = services.supplier_set_verified(
            operator=request.user,  # type: ignore[arg-type]
            supplier_id=supplier_id,
            verified=data.validated_data["verified"],
            note=data.validated_data["note"],
            request=request._request,
        )
        return Response(OperatorSupplierSerializer(profile).data)
