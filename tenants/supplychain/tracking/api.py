"""Tenant API of shipment tracking (under /api/supplychain/): carrier accounts, the carriers' signed
webhook, the timelines of shipments, sales orders and purchase orders, manual events and ETA."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.api import PaginatedAPIView, problem_responses
from kernel.idempotency import idempotent
from kernel.tenancy import company_url, current_company
from tenants.supplychain.tracking import selectors, services
from tenants.supplychain.tracking.adapters import SIGNATURE_HEADER, TIMESTAMP_HEADER
from tenants.supplychain.tracking.models import CarrierAccount, EventType

TAGS = ["supply chain: tracking"]
MANAGE = services.MANAGE
VIEW = services.VIEW
CARRIER_ACCOUNT_ID = OpenApiParameter("carrier_account_id", int, OpenApiParameter.PATH)
SHIPMENT_ID = OpenApiParameter("shipment_id", int, OpenApiParameter.PATH)
ORDER_ID = OpenApiParameter("order_id", int, OpenApiParameter.PATH)


def _actor(request: Request) -> Any:
    return request.actor  # type: ignore[attr-defined]


def webhook_url(code: str) -> str:
    company = current_company()
    return company_url(company.slug, f"/api/supplychain/carriers/{code}/webhook/") if company else ""


# --- carrier accounts ------------------------------------------------------------------------------------


class CarrierAccountSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    adapter = serializers.CharField(help_text="The protocol the carrier speaks (generic_json).")
    active = serializers.BooleanField()
    webhook_url = serializers.SerializerMethodField()
    last_event_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()

    def get_webhook_url(self, account: CarrierAccount) -> str:
        return webhook_url(account.code)


class CarrierAccountWithSecretSerializer(CarrierAccountSerializer):
    webhook_secret = serializers.CharField(help_text="Shown once: store it at the carrier now.")


def _with_secret(made: services.CarrierAccountWithSecret) -> dict[str, Any]:
    data = dict(CarrierAccountSerializer(made.account).data)
    data["webhook_secret"] = made.secret
    return data


class CarrierAccountListCreateView(PaginatedAPIView, APIView):
    """The carriers that post events to this company's webhook; add one (its secret is shown once)."""

    @property
    def required_permission(self) -> str:
        return MANAGE if self.request.method == "POST" else VIEW

    class InputSerializer(serializers.Serializer):
        code = serializers.CharField(
            max_length=40, help_text="Part of the webhook URL (letters, digits, - _)."
        )
        name = serializers.CharField(max_length=200)
        adapter = serializers.CharField(max_length=40, default="generic_json", required=False)

    @extend_schema(
        operation_id="supplychain_carrier_accounts_list",
        responses={200: CarrierAccountSerializer(many=True), **problem_responses(401, 403)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return self.paginated(request, selectors.carrier_account_list(), CarrierAccountSerializer)

    @extend_schema(
        operation_id="supplychain_carrier_accounts_create",
        request=InputSerializer,
        responses={201: CarrierAccountWithSecretSerializer, **problem_responses(400, 401, 403, 409)},
        tags=TAGS,
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        made = services.carrier_account_create(
            actor=_actor(request), request=request._request, **data.validated_data
        )
        return Response(_with_secret(made), status=status.HTTP_201_CREATED)


class CarrierAccountDetailView(APIView):
    """Rename or (de)activate a carrier account."""

    required_permission = MANAGE

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200, required=False)
        active = serializers.BooleanField(required=False)

    @extend_schema(
        operation_id="supplychain_carrier_accounts_update",
        parameters=[CARRIER_ACCOUNT_ID],
        request=InputSerializer,
        responses={200: CarrierAccountSerializer, **problem_responses(400, 401, 403, 404)},
        tags=TAGS,
    )
    def patch(self, request: Request, carrier_account_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        account = services.carrier_account_update(
            actor=_actor(request),
            account_id=carrier_account_id,
            request=request._request,
            **data.validated_data,
        )
        return Response(CarrierAccountSerializer(account).data)


class CarrierAccountRotateSecretView(APIView):
    """A new webhook secret (the old one stops working at once), shown once."""

    required_permission = MANAGE

    @extend_schema(
        operation_id="supplychain_carrier_accounts_rotate_secret",
        parameters=[CARRIER_ACCOUNT_ID],
        request=None,
        responses={200: CarrierAccountWithSecretSerializer, **problem_responses(401, 403, 404)},
        tags=TAGS,
    )
    def post(self, request: Request, carrier_account_id: int) -> Response:
        made = services.carrier_account_rotate_secret(
            actor=_actor(request), account_id=carrier_account_id, request=request._request
        )
        return Response(_with_secret(made))


# --- the carriers' webhook -------------------------------------------------------------------------------


class WebhookResultSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=["recorded", "duplicate"], help_text="duplicate: this event id was delivered before."
    )
    tracking_event_id = serializers.IntegerField()
    shipment_number = serializers.CharField()


class CarrierWebhookView(APIView):
    """A carrier's event, on the host of the company whose carrier account it is (no session, no API key,
    no Idempotency-Key: the body is signed with the account's secret and the event id is the key).
    See docs/supplychain-tracking.md for the protocol."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes: list[Any] = []
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="supplychain_carrier_webhook",
        parameters=[
            OpenApiParameter("carrier_code", str, OpenApiParameter.PATH),
            OpenApiParameter(
                TIMESTAMP_HEADER, str, OpenApiParameter.HEADER, required=True, description="Unix seconds."
            ),
            OpenApiParameter(
                SIGNATURE_HEADER,
                str,
                OpenApiParameter.HEADER,
                required=True,
                description='"v1=<hex HMAC-SHA256 of \\"<timestamp>.<raw body>\\" under the secret>"',
            ),
        ],
        request={"application/json": OpenApiTypes.OBJECT},
        responses={200: WebhookResultSerializer, **problem_responses(400, 401, 404)},
        tags=TAGS,
    )
    def post(self, request: Request, carrier_code: str) -> Response:
        result = services.carrier_webhook_receive(
            carrier_code=carrier_code, body=request.body, headers=request.headers
        )
        return Response(
            WebhookResultSerializer(
                {
                    "outcome": result.outcome,
                    "tracking_event_id": result.event.pk,
                    "shipment_number": result.event.tracking.shipment.number,
                }
            ).data
        )


# --- timelines -------------------------------------------------------------------------------------------


class TrackingEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.ChoiceField(choices=EventType.choices)
    occurred_at = serializers.DateTimeField()
    location = serializers.CharField()
    latitude = serializers.CharField(allow_null=True, help_text="Decimal degrees, as a string.")
    longitude = serializers.CharField(allow_null=True, help_text="Decimal degrees, as a string.")
    reason = serializers.CharField()
    # A field named "source" (the metaclass takes it off the class; not Field.source).
    source = serializers.CharField(  # type: ignore[assignment]
        help_text="carrier (from the webhook) or manual (entered by hand)."
    )
    carrier_code = serializers.SerializerMethodField()
    recorded_at = serializers.DateTimeField(source="created_at")

    def get_carrier_code(self, event: Any) -> str | None:
        account = getattr(event, "carrier_account", None)
        return account.code if account is not None else None


class TimelineSerializer(serializers.Serializer):
    shipment_id = serializers.IntegerField(allow_null=True, help_text="Ours (supplier side); null on a PO.")
    shipment_number = serializers.CharField()
    so_number = serializers.CharField()
    carrier = serializers.CharField()
    tracking_number = serializers.CharField()
    shipped_at = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(
        choices=["shipped", "picked_up", "in_transit", "out_for_delivery", "delivered", "exception"]
    )
    eta = serializers.DateTimeField(allow_null=True)
    eta_source = serializers.CharField(help_text="carrier, manual or empty.")
    promised_date = serializers.DateField(allow_null=True)
    delivered_at = serializers.DateTimeField(allow_null=True)
    late = serializers.BooleanField()
    late_reason = serializers.ChoiceField(
        choices=["eta_after_promised", "not_delivered", "delivered_late"], allow_null=True
    )
    late_alerted_at = serializers.DateTimeField(allow_null=True)
    events = TrackingEventSerializer(many=True)


class ShipmentTrackingView(APIView):
    """One of our shipments' tracking (timeline, ETA, promised date, late); set or clear its ETA by hand."""

    @property
    def required_permission(self) -> str:
        return MANAGE if self.request.method == "PATCH" else VIEW

    class InputSerializer(serializers.Serializer):
        eta = serializers.DateTimeField(allow_null=True)

    @extend_schema(
        operation_id="supplychain_shipment_tracking_get",
        parameters=[SHIPMENT_ID],
        responses={200: TimelineSerializer, **problem_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, shipment_id: int) -> Response:
        return Response(TimelineSerializer(selectors.shipment_timeline(shipment_id=shipment_id)).data)

    @extend_schema(
        operation_id="supplychain_shipment_tracking_update",
        parameters=[SHIPMENT_ID],
        request=InputSerializer,
        responses={200: TimelineSerializer, **problem_responses(400, 401, 403, 404)},
        tags=TAGS,
    )
    def patch(self, request: Request, shipment_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.tracking_eta_set(
            actor=_actor(request),
            shipment_id=shipment_id,
            eta=data.validated_data["eta"],
            request=request._request,
        )
        return Response(TimelineSerializer(selectors.shipment_timeline(shipment_id=shipment_id)).data)


class ShipmentEventCreateView(APIView):
    """Record an event by hand (told to the buyer). Answers the shipment's whole timeline."""

    required_permission = MANAGE

    class InputSerializer(serializers.Serializer):
        type = serializers.ChoiceField(choices=EventType.choices)
        occurred_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
        location = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
        latitude = serializers.CharField(max_length=20, required=False, allow_null=True, default=None)
        longitude = serializers.CharField(max_length=20, required=False, allow_null=True, default=None)
        reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
        eta = serializers.DateTimeField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="supplychain_shipment_tracking_events_create",
        parameters=[SHIPMENT_ID],
        request=InputSerializer,
        responses={201: TimelineSerializer, **problem_responses(400, 401, 403, 404)},
        tags=TAGS,
    )
    @idempotent
    def post(self, request: Request, shipment_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.tracking_event_add(
            actor=_actor(request),
            shipment_id=shipment_id,
            event=services.ManualEvent(**data.validated_data),
            request=request._request,
        )
        return Response(
            TimelineSerializer(selectors.shipment_timeline(shipment_id=shipment_id)).data,
            status=status.HTTP_201_CREATED,
        )


class SalesOrderTrackingView(PaginatedAPIView, APIView):
    """The tracking of every shipment of one of our sales orders (the supplier's timeline)."""

    required_permission = VIEW

    @extend_schema(
        operation_id="supplychain_sales_order_tracking_list",
        parameters=[ORDER_ID],
        responses={200: TimelineSerializer(many=True), **problem_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, order_id: int) -> Response:
        return self.paginated(request, selectors.sales_order_timelines(order_id=order_id), TimelineSerializer)


class PurchaseOrderTrackingView(PaginatedAPIView, APIView):
    """What the supplier reported for each shipment of one of our purchase orders (the buyer's timeline)."""

    required_permission = VIEW

    @extend_schema(
        operation_id="supplychain_purchase_order_tracking_list",
        parameters=[ORDER_ID],
        responses={200: TimelineSerializer(many=True), **problem_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, order_id: int) -> Response:
        return self.paginated(
            request, selectors.purchase_order_timelines(order_id=order_id), TimelineSerializer
        )
