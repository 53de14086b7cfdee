"""The buyer's RFQ API on its own host: drafts, publishing, invitees, quotes, comparison, award."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.api import Pagination, problem_responses
from kernel.errors import ValidationFailed
from kernel.idempotency import idempotent
from kernel.iso import CURRENCIES
from kernel.serializers import MoneyField, PercentField, QuantityField, RatioField, ScoreField, UnitPriceField
from marketplace.rfq import selectors, services
from marketplace.rfq.api.common import (
    FILE_RESPONSE,
    BinaryRenderer,
    CsvRenderer,
    RfqAttachmentSerializer,
    RfqAwardSerializer,
    RfqHeaderSerializer,
    RfqLineInputSerializer,
    RfqLineSerializer,
    RfqQuoteSerializer,
    RfqUploadSerializer,
    actor_of,
    file_response,
    paginated,
)
from marketplace.rfq.models import InvitationStatus, Quote, Rfq, RfqInvitation, RfqStatus, Visibility
from marketplace.rfq.services import LineInput

RFQ_ID = OpenApiParameter("rfq_id", int, OpenApiParameter.PATH)


class RfqSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    visibility = serializers.CharField()
    sealed = serializers.BooleanField()
    currency = serializers.CharField()
    closing_at = serializers.DateTimeField(allow_null=True)
    delivery_date = serializers.DateField(allow_null=True)
    delivery_region = serializers.CharField()
    line_count = serializers.IntegerField()
    quote_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    published_at = serializers.DateTimeField(allow_null=True)


class _BuyerHeaderSerializer(RfqHeaderSerializer):
    top_n = serializers.IntegerField()
    weight_price = serializers.IntegerField()
    weight_reputation = serializers.IntegerField()
    weight_lead_time = serializers.IntegerField()
    weight_verified = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class RfqDetailSerializer(_BuyerHeaderSerializer):
    """The buyer's view of its RFQ. While sealed and open: the number of quotes, nothing of their content."""

    lines = RfqLineSerializer(many=True)
    attachments = RfqAttachmentSerializer(many=True)
    awards = RfqAwardSerializer(many=True)
    quote_count = serializers.IntegerField()
    quotes_visible = serializers.BooleanField()
    invited_count = serializers.IntegerField()
    matched_count = serializers.IntegerField()


def _detail(request: Request, rfq_id: int) -> dict[str, Any]:
    detail = selectors.rfq_detail_for_buyer(company=actor_of(request).company, rfq_id=rfq_id)
    rfq = detail.rfq
    data = dict(_BuyerHeaderSerializer(rfq).data)
    data.update(
        lines=RfqLineSerializer(detail.lines, many=True).data,
        attachments=RfqAttachmentSerializer(detail.attachments, many=True).data,
        awards=RfqAwardSerializer(detail.awards, many=True).data,
        quote_count=detail.quote_count,
        quotes_visible=selectors.quotes_revealed(rfq),
        invited_count=detail.invited_count,
        matched_count=detail.matched_count,
    )
    return data


def _close_if_due(request: Request, rfq_id: int) -> None:
    services.rfq_close_if_due(rfq_id=rfq_id, company_id=actor_of(request).company.pk)


class _RfqFields(serializers.Serializer):
    reference = serializers.CharField(max_length=60, required=False, allow_blank=True)
    description = serializers.CharField(max_length=10000, required=False, allow_blank=True)
    payment_terms = serializers.CharField(max_length=200, required=False, allow_blank=True)
    delivery_date = serializers.DateField(required=False, allow_null=True)
    delivery_region = serializers.CharField(max_length=10, required=False, allow_blank=True)
    closing_at = serializers.DateTimeField(required=False, allow_null=True)
    visibility = serializers.ChoiceField(choices=Visibility.choices, required=False)
    sealed = serializers.BooleanField(required=False)
    top_n = serializers.IntegerField(min_value=1, max_value=10_000, required=False)
    weight_price = serializers.IntegerField(min_value=0, max_value=100, required=False)
    weight_reputation = serializers.IntegerField(min_value=0, max_value=100, required=False)
    weight_lead_time = serializers.IntegerField(min_value=0, max_value=100, required=False)
    weight_verified = serializers.IntegerField(min_value=0, max_value=100, required=False)


def _lines(data: list[dict[str, Any]]) -> list[LineInput]:
    return [LineInput(**item) for item in data]


class RfqListCreateView(generics.ListAPIView):
    """The company's RFQs (as buyer), newest first; create a draft."""

    required_permission = "rfq.create"
    serializer_class = RfqSummarySerializer

    class InputSerializer(_RfqFields):
        title = serializers.CharField(max_length=200)
        currency = serializers.ChoiceField(choices=sorted(CURRENCIES))
        lines = RfqLineInputSerializer(many=True, min_length=1, max_length=200)  # type: ignore[call-arg]

    def get_queryset(self) -> QuerySet[Rfq]:
        status_filter = self.request.query_params.get("status")
        if status_filter is not None and status_filter not in RfqStatus.values:
            raise ValidationFailed(errors={"status": [f"Use one of {', '.join(RfqStatus.values)}."]})
        return selectors.rfq_list_for_buyer(company=actor_of(self.request).company, status=status_filter)

    @extend_schema(
        operation_id="rfqs_list",
        parameters=[OpenApiParameter("status", str, enum=RfqStatus.values)],
        responses={200: RfqSummarySerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="rfqs_create",
        request=InputSerializer,
        responses={201: RfqDetailSerializer, **problem_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        rfq = services.rfq_create(
            actor=actor_of(request), lines=_lines(values.pop("lines")), request=request._request, **values
        )
        return Response(_detail(request, rfq.pk), status=status.HTTP_201_CREATED)


class RfqDetailView(APIView):
    required_permission = "rfq.create"

    class InputSerializer(_RfqFields):
        title = serializers.CharField(max_length=200, required=False)
        currency = serializers.ChoiceField(choices=sorted(CURRENCIES), required=False)
        lines = RfqLineInputSerializer(many=True, min_length=1, max_length=200, required=False)  # type: ignore[call-arg]

    @extend_schema(
        operation_id="rfqs_get",
        parameters=[RFQ_ID],
        responses={200: RfqDetailSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, rfq_id: int) -> Response:
        _close_if_due(request, rfq_id)
        return Response(_detail(request, rfq_id))

    @extend_schema(
        operation_id="rfqs_update",
        parameters=[RFQ_ID],
        request=InputSerializer,
        responses={200: RfqDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, rfq_id: int) -> Response:
        data = self.InputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        lines = values.pop("lines", None)
        services.rfq_update(
            actor=actor_of(request),
            rfq_id=rfq_id,
            lines=_lines(lines) if lines is not None else None,
            request=request._request,
            **values,
        )
        return Response(_detail(request, rfq_id))


class RfqPublishView(APIView):
    """Publish a draft: suppliers are matched and ranked, the top N invited and told."""

    required_permission = "rfq.publish"

    @extend_schema(
        operation_id="rfqs_publish",
        parameters=[RFQ_ID],
        request=None,
        responses={200: RfqDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, rfq_id: int) -> Response:
        services.rfq_publish(actor=actor_of(request), rfq_id=rfq_id, request=request._request)
        return Response(_detail(request, rfq_id))


class RfqExtendView(APIView):
    required_permission = "rfq.publish"

    class InputSerializer(serializers.Serializer):
        closing_at = serializers.DateTimeField()

    @extend_schema(
        operation_id="rfqs_extend",
        parameters=[RFQ_ID],
        request=InputSerializer,
        responses={200: RfqDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, rfq_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.rfq_extend(
            actor=actor_of(request),
            rfq_id=rfq_id,
            closing_at=data.validated_data["closing_at"],
            request=request._request,
        )
        return Response(_detail(request, rfq_id))


class RfqCloseView(APIView):
    """Close an open RFQ before its deadline."""

    required_permission = "rfq.publish"

    @extend_schema(
        operation_id="rfqs_close",
        parameters=[RFQ_ID],
        request=None,
        responses={200: RfqDetailSerializer, **problem_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, rfq_id: int) -> Response:
        services.rfq_close(actor=actor_of(request), rfq_id=rfq_id, request=request._request)
        return Response(_detail(request, rfq_id))


class RfqCancelView(APIView):
    required_permission = "rfq.publish"

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=2000)

    @extend_schema(
        operation_id="rfqs_cancel",
        parameters=[RFQ_ID],
        request=InputSerializer,
        responses={200: RfqDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, rfq_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.rfq_cancel(
            actor=actor_of(request),
            rfq_id=rfq_id,
            reason=data.validated_data["reason"],
            request=request._request,
        )
        return Response(_detail(request, rfq_id))


# Matching and invitees ----------------------------------------------------------------------------


class RfqReasonsSerializer(serializers.Serializer):
    """Why a supplier matched; ``added_by_buyer`` for suppliers the buyer added by hand."""

    categories = serializers.ListField(child=serializers.CharField(), required=False)
    lines_covered = serializers.IntegerField(required=False)
    lines_total = serializers.IntegerField(required=False)
    regions = serializers.ListField(child=serializers.CharField(), required=False)
    certifications = serializers.ListField(child=serializers.CharField(), required=False)
    verified = serializers.BooleanField(required=False)
    components = serializers.DictField(child=RatioField(max_digits=6), required=False)
    sources = serializers.DictField(child=serializers.CharField(), required=False)
    added_by_buyer = serializers.BooleanField(required=False)


class RfqCandidateSerializer(serializers.Serializer):
    supplier_id = serializers.IntegerField(source="company_id")
    name = serializers.CharField()
    display_name_en = serializers.CharField()
    display_name_zh = serializers.CharField()
    verified = serializers.BooleanField()
    score = ScoreField()
    rank = serializers.IntegerField()
    would_invite = serializers.BooleanField()
    reasons = RfqReasonsSerializer()


class RfqCandidatePageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = RfqCandidateSerializer(many=True)


class RfqMatchPreviewView(APIView):
    """The suppliers the RFQ matches now, ranked, with their score and why (nothing is stored)."""

    required_permission = "rfq.create"

    @extend_schema(
        operation_id="rfqs_match_preview",
        parameters=[
            RFQ_ID,
            OpenApiParameter("page", int, description="From 1."),
            OpenApiParameter("page_size", int, description=f"From 1 to {Pagination.max_page_size}."),
        ],
        responses={200: RfqCandidatePageSerializer, **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, rfq_id: int) -> Response:
        rfq = selectors.rfq_get_for_buyer(company=actor_of(request).company, rfq_id=rfq_id)
        page_size = Pagination().get_page_size(request)
        raw_page = request.query_params.get("page", "1")
        if not raw_page.isdigit() or not 1 <= int(raw_page) <= 100_000:
            raise ValidationFailed(errors={"page": ["Use a whole number from 1."]})
        page = int(raw_page)
        found = selectors.match_preview(rfq=rfq, limit=page_size, offset=(page - 1) * page_size)
        results = [
            {**candidate.__dict__, "would_invite": candidate.rank <= rfq.top_n} for candidate in found.results
        ]
        return Response(
            paginated(
                request,
                count=found.count,
                results=list(RfqCandidateSerializer(results, many=True).data),
                page=page,
                page_size=page_size,
            )
        )


class RfqInvitationSerializer(serializers.Serializer):
    supplier_id = serializers.IntegerField()
    supplier_name = serializers.CharField(source="supplier.name")
    display_name_en = serializers.SerializerMethodField()
    display_name_zh = serializers.SerializerMethodField()
    verified = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=InvitationStatus.choices)
    source = serializers.CharField()  # type: ignore[assignment]
    score = ScoreField(allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    reasons = RfqReasonsSerializer()
    notified_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()

    def _profile(self, invitation: RfqInvitation) -> Any:
        return getattr(invitation.supplier, "supplier_profile", None)

    def get_display_name_en(self, invitation: RfqInvitation) -> str:
        profile = self._profile(invitation)
        return profile.display_name_en if profile else ""

    def get_display_name_zh(self, invitation: RfqInvitation) -> str:
        profile = self._profile(invitation)
        return profile.display_name_zh if profile else ""

    def get_verified(self, invitation: RfqInvitation) -> bool:
        profile = self._profile(invitation)
        return bool(profile and profile.verified)


class InvitationListView(generics.ListAPIView):
    """Invited, matched and removed suppliers of the RFQ, best ranked first."""

    required_permission = "rfq.create"
    serializer_class = RfqInvitationSerializer

    def get_queryset(self) -> QuerySet[RfqInvitation]:
        status_filter = self.request.query_params.get("status")
        if status_filter is not None and status_filter not in InvitationStatus.values:
            raise ValidationFailed(errors={"status": [f"Use one of {', '.join(InvitationStatus.values)}."]})
        return selectors.invitation_list(
            company=actor_of(self.request).company, rfq_id=self.kwargs["rfq_id"], status=status_filter
        )

    @extend_schema(
        operation_id="rfqs_invitations_list",
        parameters=[RFQ_ID, OpenApiParameter("status", str, enum=InvitationStatus.values)],
        responses={200: RfqInvitationSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class InvitationDetailView(APIView):
    """Invite a supplier (by its company id) or remove it."""

    required_permission = "rfq.publish"

    @extend_schema(
        operation_id="rfqs_invitations_add",
        parameters=[RFQ_ID, OpenApiParameter("supplier_id", int, OpenApiParameter.PATH)],
        request=None,
        responses={200: RfqInvitationSerializer, **problem_responses(401, 403, 404, 409)},
    )
    def put(self, request: Request, rfq_id: int, supplier_id: int) -> Response:
        invitation = services.invitation_add(
            actor=actor_of(request), rfq_id=rfq_id, supplier_id=supplier_id, request=request._request
        )
        invitation = RfqInvitation.objects.select_related("supplier", "supplier__supplier_profile").get(
            pk=invitation.pk
        )
        return Response(RfqInvitationSerializer(invitation).data)

    @extend_schema(
        operation_id="rfqs_invitations_remove",
        parameters=[RFQ_ID, OpenApiParameter("supplier_id", int, OpenApiParameter.PATH)],
        responses={204: OpenApiResponse(description="Removed"), **problem_responses(401, 403, 404, 409)},
    )
    def delete(self, request: Request, rfq_id: int, supplier_id: int) -> Response:
        services.invitation_remove(
            actor=actor_of(request), rfq_id=rfq_id, supplier_id=supplier_id, request=request._request
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


# Attachments --------------------------------------------------------------------------------------


class RfqAttachmentListView(APIView):
    required_permission = "rfq.create"
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="rfqs_attachments_upload",
        parameters=[RFQ_ID],
        request={"multipart/form-data": RfqUploadSerializer},
        responses={201: RfqAttachmentSerializer, **problem_responses(400, 401, 403, 404, 409, 413, 415)},
    )
    @idempotent
    def post(self, request: Request, rfq_id: int) -> Response:
        attachment = services.rfq_attachment_add(
            actor=actor_of(request), rfq_id=rfq_id, upload=request.FILES.get("file"), request=request._request
        )
        return Response(RfqAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


class RfqAttachmentDetailView(APIView):
    required_permission = "rfq.create"
    renderer_classes = [JSONRenderer, BinaryRenderer]

    @extend_schema(
        operation_id="rfqs_attachments_download",
        parameters=[RFQ_ID, OpenApiParameter("attachment_id", int, OpenApiParameter.PATH)],
        responses={**FILE_RESPONSE, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, rfq_id: int, attachment_id: int) -> HttpResponse:
        attachment = selectors.rfq_attachment_for_buyer(
            company=actor_of(request).company, rfq_id=rfq_id, attachment_id=attachment_id
        )
        return file_response(attachment)

    @extend_schema(
        operation_id="rfqs_attachments_delete",
        parameters=[RFQ_ID, OpenApiParameter("attachment_id", int, OpenApiParameter.PATH)],
        responses={204: OpenApiResponse(description="Deleted"), **problem_responses(401, 403, 404, 409)},
    )
    def delete(self, request: Request, rfq_id: int, attachment_id: int) -> Response:
        services.rfq_attachment_delete(
            actor=actor_of(request), rfq_id=rfq_id, attachment_id=attachment_id, request=request._request
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


# Quotes, comparison, award ------------------------------------------------------------------------


class RfqQuoteListView(generics.ListAPIView):
    """Submitted quotes with prices: when not sealed, or once closed (``409 rfq_sealed`` before)."""

    required_permission = "rfq.award"
    serializer_class = RfqQuoteSerializer

    def get_queryset(self) -> QuerySet[Quote]:
        return selectors.quote_list_for_buyer(
            company=actor_of(self.request).company, rfq_id=self.kwargs["rfq_id"]
        )

    @extend_schema(
        operation_id="rfqs_quotes_list",
        parameters=[RFQ_ID],
        responses={200: RfqQuoteSerializer(many=True), **problem_responses(400, 401, 403, 404, 409)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        _close_if_due(request, kwargs["rfq_id"])
        return super().get(request, *args, **kwargs)


class RfqQuoteAttachmentView(APIView):
    required_permission = "rfq.award"
    renderer_classes = [JSONRenderer, BinaryRenderer]

    @extend_schema(
        operation_id="rfqs_quote_attachments_download",
        parameters=[
            RFQ_ID,
            OpenApiParameter("quote_id", int, OpenApiParameter.PATH),
            OpenApiParameter("attachment_id", int, OpenApiParameter.PATH),
        ],
        responses={**FILE_RESPONSE, **problem_responses(401, 403, 404, 409)},
    )
    def get(self, request: Request, rfq_id: int, quote_id: int, attachment_id: int) -> HttpResponse:
        _close_if_due(request, rfq_id)
        attachment = selectors.quote_attachment_for_buyer(
            company=actor_of(request).company, rfq_id=rfq_id, quote_id=quote_id, attachment_id=attachment_id
        )
        return file_response(attachment)


# Amounts of the comparison are in the RFQ's currency, given to the serializer as context.
COMPARISON_CURRENCY = "context.currency"


class RfqComparisonCellSerializer(serializers.Serializer):
    quote_id = serializers.IntegerField()
    supplier_id = serializers.IntegerField()
    unit_price = UnitPriceField()
    offered_quantity = QuantityField(source="quantity_offered")
    lead_time_days = serializers.IntegerField()
    discount_percent = PercentField()
    freight_amount = MoneyField(currency=COMPARISON_CURRENCY, currency_label="currency")
    tax_rate = PercentField()
    warranty_months = serializers.IntegerField(allow_null=True)
    min_order_quantity = QuantityField(allow_null=True)
    net_amount = MoneyField(currency=COMPARISON_CURRENCY, currency_label="currency")
    gross_amount = MoneyField(currency=COMPARISON_CURRENCY, currency_label="currency")
    landed_unit_price = UnitPriceField()
    best = serializers.BooleanField()
    awarded = serializers.BooleanField()


class RfqComparisonRowSerializer(serializers.Serializer):
    line = RfqLineSerializer()
    cells = serializers.ListField(child=RfqComparisonCellSerializer(allow_null=True))
    best_landed_unit_price = UnitPriceField(allow_null=True)


class RfqComparisonSupplierSerializer(serializers.Serializer):
    supplier_id = serializers.IntegerField(source="company_id")
    name = serializers.CharField()
    quote_id = serializers.IntegerField()
    revision = serializers.IntegerField()
    supplier_reference = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    delivery_date = serializers.DateField(allow_null=True)
    payment_terms = serializers.CharField()
    score = ScoreField(allow_null=True)
    lines_quoted = serializers.IntegerField()
    best_lines = serializers.IntegerField()
    awarded_lines = serializers.IntegerField()
    total_net = MoneyField(currency=COMPARISON_CURRENCY, currency_label="currency")
    total_gross = MoneyField(currency=COMPARISON_CURRENCY, currency_label="currency")
    max_lead_time_days = serializers.IntegerField(allow_null=True)


class RfqComparisonSerializer(serializers.Serializer):
    rfq_id = serializers.IntegerField(source="rfq.pk")
    status = serializers.CharField(source="rfq.status")
    currency = serializers.CharField()
    suppliers = RfqComparisonSupplierSerializer(many=True)
    rows = RfqComparisonRowSerializer(many=True)


class RfqComparisonView(APIView):
    """Lines x suppliers: prices, totals, lead times, supplier scores, the best price per line flagged."""

    required_permission = "rfq.award"

    @extend_schema(
        operation_id="rfqs_comparison",
        parameters=[RFQ_ID],
        responses={200: RfqComparisonSerializer, **problem_responses(401, 403, 404, 409)},
    )
    def get(self, request: Request, rfq_id: int) -> Response:
        _close_if_due(request, rfq_id)
        comparison = selectors.comparison_get(company=actor_of(request).company, rfq_id=rfq_id)
        return Response(RfqComparisonSerializer(comparison, context={"currency": comparison.currency}).data)


class RfqComparisonExportView(APIView):
    """The comparison as CSV (UTF-8), one row per quoted line and supplier, then supplier totals."""

    required_permission = "rfq.award"
    renderer_classes = [JSONRenderer, CsvRenderer]

    @extend_schema(
        operation_id="rfqs_comparison_export",
        parameters=[RFQ_ID],
        responses={
            (200, "text/csv"): OpenApiResponse(response=OpenApiTypes.STR, description="CSV"),
            **problem_responses(401, 403, 404, 409),
        },
    )
    def get(self, request: Request, rfq_id: int) -> HttpResponse:
        _close_if_due(request, rfq_id)
        comparison = selectors.comparison_get(company=actor_of(request).company, rfq_id=rfq_id)
        response = HttpResponse(selectors.comparison_csv(comparison), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="rfq-{rfq_id}-comparison.csv"'
        return response


class RfqAwardPurchaseOrderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    supplier_id = serializers.IntegerField(allow_null=True, help_text="The supplier's company id.")


class RfqAwardOutputSerializer(serializers.Serializer):
    rfq_id = serializers.IntegerField()
    awards = RfqAwardSerializer(many=True, help_text="The awards this call made.")
    purchase_orders = RfqAwardPurchaseOrderSerializer(
        many=True,
        help_text="The draft purchase orders the award made in the buyer's workspace (GET "
        "/api/purchase-orders/{id}/; all of an RFQ's orders: GET /api/purchase-orders/?rfq_id=).",
    )


class RfqAwardView(APIView):
    """Award the whole RFQ (no ``line_ids``) or some lines to one supplier's quote, with a reason.

    Answers the awards made and the draft purchase orders they produced in the buyer's workspace."""

    required_permission = "rfq.award"

    class InputSerializer(serializers.Serializer):
        quote_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
        line_ids = serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
            max_length=200,
            required=False,
            allow_null=True,
        )
        reason = serializers.CharField(max_length=2000)

    @extend_schema(
        operation_id="rfqs_award",
        parameters=[RFQ_ID],
        request=InputSerializer,
        responses={201: RfqAwardOutputSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, rfq_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.rfq_award(
            actor=actor_of(request),
            rfq_id=rfq_id,
            quote_id=data.validated_data["quote_id"],
            line_ids=data.validated_data.get("line_ids"),
            reason=data.validated_data["reason"],
            request=request._request,
        )
        body = {
            "rfq_id": rfq_id,
            "awards": result.awards,
            "purchase_orders": [d for d in result.documents if d.kind == "purchase_order"],
        }
        return Response(RfqAwardOutputSerializer(body).data, status=status.HTTP_201_CREATED)


# Screening preset ---------------------------------------------------------------------------------


class RfqScreeningPresetSerializer(serializers.Serializer):
    weight_price = serializers.IntegerField(min_value=0, max_value=100)
    weight_reputation = serializers.IntegerField(min_value=0, max_value=100)
    weight_lead_time = serializers.IntegerField(min_value=0, max_value=100)
    weight_verified = serializers.IntegerField(min_value=0, max_value=100)
    top_n = serializers.IntegerField(min_value=1, max_value=10_000)


class ScreeningPresetView(APIView):
    """The buyer's default ranking weights and top N, copied into each new RFQ."""

    required_permission = "rfq.create"

    @extend_schema(
        operation_id="rfq_screening_get",
        responses={200: RfqScreeningPresetSerializer, **problem_responses(401, 403)},
    )
    def get(self, request: Request) -> Response:
        preset = selectors.screening_preset_get(company=actor_of(request).company)
        return Response(RfqScreeningPresetSerializer(preset).data)

    @extend_schema(
        operation_id="rfq_screening_update",
        request=RfqScreeningPresetSerializer,
        responses={200: RfqScreeningPresetSerializer, **problem_responses(400, 401, 403)},
    )
    def put(self, request: Request) -> Response:
        data = RfqScreeningPresetSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        preset = services.screening_preset_update(
            actor=actor_of(request), request=request._request, **data.validated_data
        )
        return Response(RfqScreeningPresetSerializer(preset).data)
