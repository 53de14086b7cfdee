"""The supplier's RFQ API on its own host: the inbox, RFQ detail and its quote (notifications: the
``notifications`` app)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.api import problem_responses
from kernel.errors import ValidationFailed
from kernel.idempotency import idempotent
from marketplace.rfq import selectors, services
from marketplace.rfq.api.common import (
    FILE_RESPONSE,
    BinaryRenderer,
    RfqAttachmentSerializer,
    RfqCompanyRefSerializer,
    RfqHeaderSerializer,
    RfqLineSerializer,
    RfqQuoteInputSerializer,
    RfqQuoteSerializer,
    RfqUploadSerializer,
    actor_of,
    file_response,
)
from marketplace.rfq.models import Rfq, RfqStatus
from marketplace.rfq.services import QuoteInput, QuoteLineInput

RFQ_ID = OpenApiParameter("rfq_id", int, OpenApiParameter.PATH)
INBOX_STATUSES = ["accepting", RfqStatus.OPEN, RfqStatus.CLOSED, RfqStatus.AWARDED, RfqStatus.CANCELLED]


class RfqInboxRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    buyer = RfqCompanyRefSerializer()
    title = serializers.CharField()
    status = serializers.CharField()
    accepting_quotes = serializers.SerializerMethodField()
    visibility = serializers.CharField()
    sealed = serializers.BooleanField()
    currency = serializers.CharField()
    closing_at = serializers.DateTimeField(allow_null=True)
    delivery_date = serializers.DateField(allow_null=True)
    delivery_region = serializers.CharField()
    line_count = serializers.IntegerField()
    published_at = serializers.DateTimeField(allow_null=True)
    invitation_status = serializers.CharField(source="my_invitation_status", allow_null=True)
    quote_status = serializers.CharField(source="my_quote_status", allow_null=True)
    quote_revision = serializers.IntegerField(source="my_quote_revision", allow_null=True)
    awarded_lines = serializers.IntegerField(source="my_awarded_lines")

    def get_accepting_quotes(self, rfq: Rfq) -> bool:
        return selectors.rfq_is_accepting(rfq)


class RfqInboxAwardSerializer(serializers.Serializer):
    line_id = serializers.IntegerField()
    line_position = serializers.IntegerField(source="line.position")
    scope = serializers.CharField()
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class RfqInboxDetailSerializer(RfqHeaderSerializer):
    buyer = RfqCompanyRefSerializer()
    lines = RfqLineSerializer(many=True)
    attachments = RfqAttachmentSerializer(many=True)
    invitation_status = serializers.CharField(allow_null=True)
    quote = RfqQuoteSerializer(allow_null=True)
    awards = RfqInboxAwardSerializer(many=True)
    outcome = serializers.ChoiceField(choices=["pending", "awarded", "not_awarded", "cancelled"])


class InboxListView(generics.ListAPIView):
    """RFQs the company may quote on: invited, or open to matching suppliers and matched."""

    required_permission = "rfq.quote"
    serializer_class = RfqInboxRowSerializer

    def get_queryset(self) -> QuerySet[Rfq]:
        status_filter = self.request.query_params.get("status")
        if status_filter is not None and status_filter not in INBOX_STATUSES:
            raise ValidationFailed(errors={"status": [f"Use one of {', '.join(INBOX_STATUSES)}."]})
        return selectors.inbox_list(company=actor_of(self.request).company, status=status_filter)

    @extend_schema(
        operation_id="rfq_inbox_list",
        parameters=[OpenApiParameter("status", str, enum=INBOX_STATUSES)],
        responses={200: RfqInboxRowSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class InboxDetailView(APIView):
    required_permission = "rfq.quote"

    @extend_schema(
        operation_id="rfq_inbox_get",
        parameters=[RFQ_ID],
        responses={200: RfqInboxDetailSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, rfq_id: int) -> Response:
        detail = selectors.inbox_detail(company=actor_of(request).company, rfq_id=rfq_id)
        data = dict(RfqHeaderSerializer(detail.rfq).data)
        data.update(
            buyer=RfqCompanyRefSerializer(detail.rfq.buyer).data,
            lines=RfqLineSerializer(detail.lines, many=True).data,
            attachments=RfqAttachmentSerializer(detail.attachments, many=True).data,
            invitation_status=detail.invitation_status,
            quote=RfqQuoteSerializer(detail.quote).data if detail.quote else None,
            awards=RfqInboxAwardSerializer(detail.awards, many=True).data,
            outcome=detail.outcome,
        )
        return Response(data)


class InboxAttachmentView(APIView):
    required_permission = "rfq.quote"
    renderer_classes = [JSONRenderer, BinaryRenderer]

    @extend_schema(
        operation_id="rfq_inbox_attachments_download",
        parameters=[RFQ_ID, OpenApiParameter("attachment_id", int, OpenApiParameter.PATH)],
        responses={**FILE_RESPONSE, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, rfq_id: int, attachment_id: int) -> HttpResponse:
        attachment = selectors.inbox_attachment(
            company=actor_of(request).company, rfq_id=rfq_id, attachment_id=attachment_id
        )
        return file_response(attachment)


def _quote_input(validated: dict[str, Any]) -> QuoteInput:
    values = dict(validated)
    lines = [QuoteLineInput(**line) for line in values.pop("lines")]
    return QuoteInput(lines=lines, **values)


def _quote_out(request: Request, rfq_id: int) -> dict[str, Any]:
    quote = selectors.quote_get_for_supplier(company=actor_of(request).company, rfq_id=rfq_id)
    return dict(RfqQuoteSerializer(quote).data)


class QuoteView(APIView):
    """The company's quote on one RFQ: read, make, revise (replaces it; the revision number goes up)."""

    required_permission = "rfq.quote"

    @extend_schema(
        operation_id="quotes_get",
        parameters=[RFQ_ID],
        responses={200: RfqQuoteSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, rfq_id: int) -> Response:
        return Response(_quote_out(request, rfq_id))

    @extend_schema(
        operation_id="quotes_create",
        parameters=[RFQ_ID],
        request=RfqQuoteInputSerializer,
        responses={201: RfqQuoteSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, rfq_id: int) -> Response:
        data = RfqQuoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.quote_create(
            actor=actor_of(request),
            rfq_id=rfq_id,
            data=_quote_input(data.validated_data),
            request=request._request,
        )
        return Response(_quote_out(request, rfq_id), status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="quotes_revise",
        parameters=[RFQ_ID],
        request=RfqQuoteInputSerializer,
        responses={200: RfqQuoteSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def put(self, request: Request, rfq_id: int) -> Response:
        data = RfqQuoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.quote_revise(
            actor=actor_of(request),
            rfq_id=rfq_id,
            data=_quote_input(data.validated_data),
            request=request._request,
        )
        return Response(_quote_out(request, rfq_id))


class QuoteWithdrawView(APIView):
    required_permission = "rfq.quote"

    @extend_schema(
        operation_id="quotes_withdraw",
        parameters=[RFQ_ID],
        request=None,
        responses={200: RfqQuoteSerializer, **problem_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, rfq_id: int) -> Response:
        services.quote_withdraw(actor=actor_of(request), rfq_id=rfq_id, request=request._request)
        return Response(_quote_out(request, rfq_id))


class QuoteAttachmentListView(APIView):
    required_permission = "rfq.quote"
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="quotes_attachments_upload",
        parameters=[RFQ_ID],
        request={"multipart/form-data": RfqUploadSerializer},
        responses={201: RfqAttachmentSerializer, **problem_responses(400, 401, 403, 404, 409, 413, 415)},
    )
    @idempotent
    def post(self, request: Request, rfq_id: int) -> Response:
        attachment = services.quote_attachment_add(
            actor=actor_of(request), rfq_id=rfq_id, upload=request.FILES.get("file"), request=request._request
        )
        return Response(RfqAttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)


class QuoteAttachmentDetailView(APIView):
    required_permission = "rfq.quote"
    renderer_classes = [JSONRenderer, BinaryRenderer]

    @extend_schema(
        operation_id="quotes_attachments_download",
        parameters=[RFQ_ID, OpenApiParameter("attachment_id", int, OpenApiParameter.PATH)],
        responses={**FILE_RESPONSE, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, rfq_id: int, attachment_id: int) -> HttpResponse:
        attachment = selectors.quote_attachment_for_supplier(
            company=actor_of(request).company, rfq_id=rfq_id, attachment_id=attachment_id
        )
        return file_response(attachment)

    @extend_schema(
        operation_id="quotes_attachments_delete",
        parameters=[RFQ_ID, OpenApiParameter("attachment_id", int, OpenApiParameter.PATH)],
        responses={204: OpenApiResponse(description="Deleted"), **problem_responses(401, 403, 404, 409)},
    )
    def delete(self, request: Request, rfq_id: int, attachment_id: int) -> Response:
        services.quote_attachment_delete(
            actor=actor_of(request), rfq_id=rfq_id, attachment_id=attachment_id, request=request._request
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
