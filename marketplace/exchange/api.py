"""Read API of the trade exchange on a company's host: its documents and its trading partners."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from identity.access import Actor
from kernel.api import problem_responses
from kernel.errors import ValidationFailed
from marketplace.exchange import selectors
from marketplace.exchange.kinds import DeliveryState, DocumentKind
from marketplace.exchange.models import PartnerLink, TradeDocument

PERMISSION = "company.view"


def _actor(request: Request) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


class TradeCompanySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class TradeDocumentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    direction = serializers.SerializerMethodField()
    sender = TradeCompanySerializer()
    receiver = TradeCompanySerializer()
    refers_to = serializers.UUIDField(source="refers_to_id", allow_null=True)
    schema_version = serializers.IntegerField()
    state = serializers.ChoiceField(choices=DeliveryState.choices)
    attempts = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    delivered_at = serializers.DateTimeField(allow_null=True)

    def get_direction(self, document: TradeDocument) -> str:
        company = self.context["company"]
        return "sent" if document.sender_id == company.pk else "received"


class TradeDocumentDetailSerializer(TradeDocumentSerializer):
    payload = serializers.DictField()
    validated = serializers.BooleanField()
    # Why delivery failed is the receiver's business: the sender sees only the state.
    last_error = serializers.SerializerMethodField()

    def get_last_error(self, document: TradeDocument) -> str:
        company = self.context["company"]
        return document.last_error if document.receiver_id == company.pk else ""


class TradeDocumentListView(generics.ListAPIView):
    """Trade documents the company sent or received, newest first."""

    required_permission = PERMISSION
    serializer_class = TradeDocumentSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "company": _actor(self.request).company}

    def get_queryset(self) -> QuerySet[TradeDocument]:
        params = self.request.query_params
        errors: dict[str, list[str]] = {}
        kind = params.get("kind", "")
        if kind and kind not in DocumentKind.values:
            errors["kind"] = [f"Use one of {', '.join(DocumentKind.values)}."]
        state = params.get("state", "")
        if state and state not in DeliveryState.values:
            errors["state"] = [f"Use one of {', '.join(DeliveryState.values)}."]
        direction = params.get("direction", "")
        if direction and direction not in ("sent", "received"):
            errors["direction"] = ["Use sent or received."]
        refers_to = None
        if params.get("refers_to"):
            try:
                refers_to = uuid.UUID(params["refers_to"])
            except ValueError:
                errors["refers_to"] = ["Enter a document id (UUID)."]
        if errors:
            raise ValidationFailed(errors=errors)
        return selectors.document_list(
            company=_actor(self.request).company,
            kind=kind,
            state=state,
            refers_to=refers_to,
            direction=direction,
        )

    @extend_schema(
        operation_id="trade_documents_list",
        parameters=[
            OpenApiParameter("kind", str, enum=DocumentKind.values),
            OpenApiParameter("state", str, enum=DeliveryState.values),
            OpenApiParameter("direction", str, enum=["sent", "received"]),
            OpenApiParameter("refers_to", uuid.UUID),
        ],
        responses={200: TradeDocumentSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class TradeDocumentDetailView(APIView):
    required_permission = PERMISSION

    @extend_schema(
        operation_id="trade_documents_get",
        parameters=[OpenApiParameter("document_id", uuid.UUID, OpenApiParameter.PATH)],
        responses={200: TradeDocumentDetailSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, document_id: uuid.UUID) -> Response:
        company = _actor(request).company
        document = selectors.document_get(company=company, document_id=document_id)
        return Response(TradeDocumentDetailSerializer(document, context={"company": company}).data)


class TradingPartnerSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="partner.id")
    name = serializers.CharField(source="partner.name")
    slug = serializers.CharField(source="partner.slug", allow_null=True)
    country = serializers.CharField(source="partner.country")
    since = serializers.DateTimeField(source="created_at")


class TradingPartnerListView(generics.ListAPIView):
    """Companies this company has traded with (linked on their first trade document)."""

    required_permission = PERMISSION
    serializer_class = TradingPartnerSerializer

    def get_queryset(self) -> QuerySet[PartnerLink]:
        return selectors.partner_links(company=_actor(self.request).company)

    @extend_schema(
        operation_id="trading_partners_list",
        responses={200: TradingPartnerSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)
