"""Purchase orders on the company's host: list, create, edit drafts, and one POST per action.

No endpoint sets a status: each action calls the service that checks it (submit, approve, reject, send,
acknowledge, cancel, close, receive, change requests and answers).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.api import PaginatedAPIView, problem_responses
from kernel.errors import ValidationFailed
from kernel.idempotency import idempotent
from kernel.iso import CURRENCIES
from kernel.serializers import ExchangeRateField, QuantityField
from tenants.procurement import selectors, services
from tenants.procurement.api.common import (
    MAX_ID,
    READ_ANY,
    ChangeLineInputSerializer,
    ChangeSerializer,
    EventSerializer,
    HasAnyPermission,
    LineInputSerializer,
    PoDetailSerializer,
    PoSummarySerializer,
    ReceiptLineInputSerializer,
    ReceiptSerializer,
    SettlementSerializer,
    actor_of,
)
from tenants.procurement.exceptions import AwardAlreadyOrdered, NothingAwarded
from tenants.procurement.models import PoStatus, PurchaseOrder, Resolution
from tenants.procurement.services import ChangeLineInput, LineInput, ReceiptLineInput, SettlementLineInput
from tenants.procurement.services.documents import order_pdf

ORDER_ID = OpenApiParameter("order_id", int, OpenApiParameter.PATH)
CHANGE_ID = OpenApiParameter("change_id", OpenApiTypes.UUID, OpenApiParameter.PATH)


def _detail(order_id: int) -> dict[str, Any]:
    return dict(PoDetailSerializer(_Shim(selectors.po_detail(order_id=order_id))).data)


class _Shim:
    """The order's attributes plus its related lists, as the detail serializer reads them."""

    def __init__(self, detail: selectors.OrderDetail) -> None:
        self._order = detail.order
        self.lines = detail.lines
        self.approval_steps = detail.steps
        self.changes = detail.changes
        self.shipments = detail.shipments
        self.receipts = detail.receipts

    def __getattr__(self, name: str) -> Any:
        return getattr(self._order, name)


def _renamed(values: dict[str, Any]) -> dict[str, Any]:
    """The API's ``supplier_id`` is the services' ``supplier_company_id``."""
    if "supplier_id" in values:
        values["supplier_company_id"] = values.pop("supplier_id")
    return values


def _lines(rows: list[dict[str, Any]]) -> list[LineInput]:
    return [LineInput(**row) for row in rows]


class _OrderFields(serializers.Serializer):
    supplier_id = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        allow_null=True,
        help_text="The supplier's company id on Hansa; null for a supplier off Hansa.",
    )
    supplier_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    supplier_email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    exchange_rate = ExchangeRateField(required=False, allow_null=True, min_value=0, max_value=999999999)
    requested_date = serializers.DateField(required=False, allow_null=True)
    payment_terms = serializers.CharField(max_length=200, required=False, allow_blank=True)
    ship_to = serializers.CharField(max_length=500, required=False, allow_blank=True)
    notes = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    category_code = serializers.CharField(max_length=40, required=False, allow_blank=True)


class PurchaseOrderListCreateView(generics.ListAPIView):
    """The company's purchase orders, newest first (filter by ``status``, ``supplier_id``, ``rfq_id``,
    ``search`` on number or supplier); create a draft."""

    permission_classes = [HasAnyPermission]
    required_any = READ_ANY
    serializer_class = PoSummarySerializer

    class InputSerializer(_OrderFields):
        currency = serializers.ChoiceField(choices=sorted(CURRENCIES))
        lines = LineInputSerializer(many=True, min_length=1, max_length=500)  # type: ignore[call-arg]

    def get_queryset(self) -> Any:
        params = self.request.query_params
        supplier = params.get("supplier_id")
        if supplier is not None and (not supplier.isdigit() or len(supplier) > 18):
            raise ValidationFailed(errors={"supplier_id": ["Use a company id."]})
        rfq = params.get("rfq_id")
        if rfq is not None and (not rfq.isdigit() or len(rfq) > 18):
            raise ValidationFailed(errors={"rfq_id": ["Use an RFQ id."]})
        return selectors.po_list(
            status=params.get("status"),
            supplier_company_id=int(supplier) if supplier else None,
            rfq_id=int(rfq) if rfq else None,
            search=params.get("search", "")[:100],
        )

    @extend_schema(
        operation_id="purchase_orders_list",
        parameters=[
            OpenApiParameter("status", str, enum=PoStatus.values),
            OpenApiParameter("supplier_id", int, description="The supplier's company id."),
            OpenApiParameter("rfq_id", int, description="Only the orders made from this RFQ's award."),
            OpenApiParameter("search", str),
        ],
        responses={200: PoSummarySerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        operation_id="purchase_orders_create",
        request=InputSerializer,
        responses={201: PoDetailSerializer, **problem_responses(400, 401, 403, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        actor_of(request).require("po.create")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = _renamed(dict(data.validated_data))
        order = services.po_create(
            actor=actor_of(request), lines=_lines(values.pop("lines")), request=request._request, **values
        )
        return Response(_detail(order.pk), status=status.HTTP_201_CREATED)


class PurchaseOrderDetailView(APIView):
    permission_classes = [HasAnyPermission]
    required_any = READ_ANY

    class InputSerializer(_OrderFields):
        currency = serializers.ChoiceField(choices=sorted(CURRENCIES), required=False)
        lines = LineInputSerializer(many=True, min_length=1, max_length=500, required=False)  # type: ignore[call-arg]

    @extend_schema(
        operation_id="purchase_orders_get",
        parameters=[ORDER_ID],
        responses={200: PoDetailSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, order_id: int) -> Response:
        return Response(_detail(order_id))

    @extend_schema(
        operation_id="purchase_orders_update",
        parameters=[ORDER_ID],
        request=InputSerializer,
        responses={200: PoDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def patch(self, request: Request, order_id: int) -> Response:
        actor_of(request).require("po.create")
        data = self.InputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = _renamed(dict(data.validated_data))
        lines = values.pop("lines", None)
        services.po_update(
            actor=actor_of(request),
            order_id=order_id,
            lines=_lines(lines) if lines is not None else None,
            request=request._request,
            **values,
        )
        return Response(_detail(order_id))


def _action(
    operation_id: str,
    summary: str,
    input_serializer: type[serializers.Serializer] | None,
    call: Any,
    permission: str | None,
    statuses: tuple[int, ...] = (400, 401, 403, 404, 409),
) -> type[APIView]:
    """A POST that runs one service on the order and answers with the order."""

    class ActionView(APIView):
        required_permission = permission

        @extend_schema(
            operation_id=operation_id,
            summary=summary,
            parameters=[ORDER_ID],
            request=input_serializer,
            responses={200: PoDetailSerializer, **problem_responses(*statuses)},
        )
        def post(self, request: Request, order_id: int) -> Response:
            values: dict[str, Any] = {}
            if input_serializer is not None:
                data = input_serializer(data=request.data)
                data.is_valid(raise_exception=True)
                values = dict(data.validated_data)
            call(actor=actor_of(request), order_id=order_id, request=request._request, **values)
            return Response(_detail(order_id))

    ActionView.__name__ = ActionView.__qualname__ = (
        "".join(p.title() for p in operation_id.split("_")) + "View"
    )
    return ActionView


class _ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class _OptionalReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


class _ApproveSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)
    step_id = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True)


class _RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)
    step_id = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True)


class _AcknowledgeSerializer(serializers.Serializer):
    supplier_order_number = serializers.CharField(max_length=60, required=False, default="", allow_blank=True)
    note = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)


SubmitView = _action(
    "purchase_orders_submit",
    "Submit a draft for approval (approved at once when no rule matches)",
    None,
    services.po_submit,
    "po.create",
)
ApproveView = _action(
    "purchase_orders_approve",
    "Approve the current step (403 not_step_approver / own_order)",
    _ApproveSerializer,
    services.po_approve,
    None,  # po.approve, or a delegate standing in today: the service decides
)
RejectView = _action(
    "purchase_orders_reject",
    "Reject the current step: the order returns to draft with the reason",
    _RejectSerializer,
    services.po_reject,
    None,
)
SendView = _action(
    "purchase_orders_send",
    "Send an approved order (Hansa document, or e-mail with a PDF)",
    None,
    services.po_send,
    "po.create",
)
AcknowledgeView = _action(
    "purchase_orders_acknowledge",
    "Record the confirmation of a supplier outside Hansa",
    _AcknowledgeSerializer,
    services.po_acknowledge,
    "po.create",
)
CancelView = _action(
    "purchase_orders_cancel",
    "Cancel the order (its supplier is told)",
    _ReasonSerializer,
    services.po_cancel,
    "po.create",
)
CloseView = _action(
    "purchase_orders_close",
    "Close a received order, or short-close a partly received one with a reason",
    _OptionalReasonSerializer,
    services.po_close,
    "po.create",
)


class ReceiveView(APIView):
    """Record a goods receipt (full or partial) against the order's lines."""

    required_permission = "po.receive"

    class InputSerializer(serializers.Serializer):
        lines = ReceiptLineInputSerializer(many=True, min_length=1, max_length=500)  # type: ignore[call-arg]
        warehouse_id = serializers.IntegerField(
            min_value=1, max_value=MAX_ID, required=False, allow_null=True
        )
        shipment_id = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True)
        note = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)

    @extend_schema(
        operation_id="purchase_orders_receive",
        parameters=[ORDER_ID],
        request=InputSerializer,
        responses={201: ReceiptSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, order_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        receipt = services.po_receive(
            actor=actor_of(request),
            order_id=order_id,
            lines=[ReceiptLineInput(**row) for row in values.pop("lines")],
            request=request._request,
            **values,
        )
        receipt = next(r for r in selectors.receipt_list(order_id=order_id) if r.pk == receipt.pk)
        return Response(ReceiptSerializer(receipt).data, status=status.HTTP_201_CREATED)


class ReceiptListView(PaginatedAPIView, APIView):
    permission_classes = [HasAnyPermission]
    required_any = READ_ANY

    @extend_schema(
        operation_id="purchase_orders_receipts_list",
        parameters=[ORDER_ID],
        responses={200: ReceiptSerializer(many=True), **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, order_id: int) -> Response:
        return self.paginated(request, selectors.receipt_list(order_id=order_id), ReceiptSerializer)


class TimelineView(PaginatedAPIView, APIView):
    """What happened to the order, in order: from the buyer's own records."""

    permission_classes = [HasAnyPermission]
    required_any = READ_ANY

    @extend_schema(
        operation_id="purchase_orders_timeline",
        parameters=[ORDER_ID],
        responses={200: EventSerializer(many=True), **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, order_id: int) -> Response:
        return self.paginated(request, selectors.po_timeline(order_id=order_id), EventSerializer)


class PdfRenderer(JSONRenderer):
    media_type = "application/pdf"
    format = "pdf"
    charset = None

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        if isinstance(data, bytes):
            return data
        return super().render(data, accepted_media_type, renderer_context)


class PdfView(APIView):
    """The order as a PDF (what a supplier outside Hansa receives)."""

    permission_classes = [HasAnyPermission]
    required_any = READ_ANY
    renderer_classes = [JSONRenderer, PdfRenderer]

    @extend_schema(
        operation_id="purchase_orders_pdf",
        parameters=[ORDER_ID],
        responses={
            (200, "application/pdf"): OpenApiResponse(response=OpenApiTypes.BINARY, description="The PDF"),
            **problem_responses(401, 403, 404),
        },
    )
    def get(self, request: Request, order_id: int) -> HttpResponse:
        order: PurchaseOrder = selectors.po_get(order_id=order_id)
        response = HttpResponse(order_pdf(order), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{order.number}-v{order.version}.pdf"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


class ChangeListView(PaginatedAPIView, APIView):
    """The order's changes, oldest first: pending ones and the history of every version."""

    permission_classes = [HasAnyPermission]
    required_any = READ_ANY

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=2000)
        lines = ChangeLineInputSerializer(many=True, min_length=1, max_length=500)  # type: ignore[call-arg]

    @extend_schema(
        operation_id="purchase_orders_changes_list",
        parameters=[ORDER_ID],
        responses={200: ChangeSerializer(many=True), **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, order_id: int) -> Response:
        return self.paginated(request, selectors.change_list(order_id=order_id), ChangeSerializer)

    @extend_schema(
        operation_id="purchase_orders_change_request",
        parameters=[ORDER_ID],
        request=InputSerializer,
        responses={201: ChangeSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, order_id: int) -> Response:
        actor_of(request).require("po.create")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        change = services.change_request_create(
            actor=actor_of(request),
            order_id=order_id,
            reason=data.validated_data["reason"],
            lines=[ChangeLineInput(**row) for row in data.validated_data["lines"]],
            request=request._request,
        )
        return Response(ChangeSerializer(change).data, status=status.HTTP_201_CREATED)


class SettlementLineInputSerializer(serializers.Serializer):
    line_no = serializers.IntegerField(min_value=1, max_value=100000)
    quantity = QuantityField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Omitted: all the rejected quantity left to settle on the line.",
    )


class SettlementListView(PaginatedAPIView, APIView):
    """Settling rejected goods: the buyer chooses a replacement shipment, a return or a short-close for
    rejected quantities; the supplier on Hansa accepts or declines (a supplier outside Hansa is not asked:
    the choice is recorded as agreed)."""

    permission_classes = [HasAnyPermission]
    required_any = READ_ANY

    class InputSerializer(serializers.Serializer):
        resolution = serializers.ChoiceField(choices=Resolution.values)
        reason = serializers.CharField(max_length=2000, required=False, default="", allow_blank=True)
        lines = SettlementLineInputSerializer(many=True, min_length=1, max_length=500)  # type: ignore[call-arg]

    @extend_schema(
        operation_id="purchase_orders_settlements_list",
        parameters=[ORDER_ID],
        responses={200: SettlementSerializer(many=True), **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, order_id: int) -> Response:
        return self.paginated(request, selectors.settlement_list(order_id=order_id), SettlementSerializer)

    @extend_schema(
        operation_id="purchase_orders_settlement_create",
        parameters=[ORDER_ID],
        request=InputSerializer,
        responses={201: SettlementSerializer, **problem_responses(400, 401, 403, 404, 409)},
        description="409 `nothing_to_settle` (with `line_no` and `settleable`) when a line has no rejected "
        "quantity left to settle or less than asked; 409 `invalid_transition` unless the order is partly "
        "received.",
    )
    @idempotent
    def post(self, request: Request, order_id: int) -> Response:
        actor_of(request).require("po.create")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        settlement = services.settlement_create(
            actor=actor_of(request),
            order_id=order_id,
            resolution=data.validated_data["resolution"],
            reason=data.validated_data["reason"],
            lines=[SettlementLineInput(**row) for row in data.validated_data["lines"]],
            request=request._request,
        )
        return Response(SettlementSerializer(settlement).data, status=status.HTTP_201_CREATED)


class ChangeAcceptView(APIView):
    """Accept the supplier's pending proposal or change request (a change_response tells it)."""

    required_permission = "po.create"

    @extend_schema(
        operation_id="purchase_orders_change_accept",
        parameters=[ORDER_ID, CHANGE_ID],
        request=None,
        responses={200: PoDetailSerializer, **problem_responses(401, 403, 404, 409)},
    )
    def post(self, request: Request, order_id: int, change_id: uuid.UUID) -> Response:
        services.change_accept(
            actor=actor_of(request), order_id=order_id, change_id=change_id, request=request._request
        )
        return Response(_detail(order_id))


class ChangeRejectView(APIView):
    required_permission = "po.create"

    @extend_schema(
        operation_id="purchase_orders_change_reject",
        parameters=[ORDER_ID, CHANGE_ID],
        request=_ReasonSerializer,
        responses={200: PoDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, order_id: int, change_id: uuid.UUID) -> Response:
        data = _ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.change_reject(
            actor=actor_of(request),
            order_id=order_id,
            change_id=change_id,
            reason=data.validated_data["reason"],
            request=request._request,
        )
        return Response(_detail(order_id))


class FromAwardOutputSerializer(serializers.Serializer):
    rfq_id = serializers.IntegerField()
    orders = PoSummarySerializer(many=True, help_text="The draft orders made by this call, one per supplier.")


class FromAwardView(APIView):
    """Draft orders for an RFQ's awarded lines not ordered yet (one per supplier). The award itself does
    this; call it again after a failure or for awards made before procurement existed.

    Answers 201 with the RFQ and the orders made. When nothing is made the answer is a conflict with a
    code: ``nothing_awarded`` (no line awarded yet) or ``award_already_ordered`` (every awarded line is on
    an order already)."""

    required_permission = "po.create"

    class InputSerializer(serializers.Serializer):
        rfq_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)

    @extend_schema(
        operation_id="purchase_orders_from_award",
        request=InputSerializer,
        responses={201: FromAwardOutputSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        orders = services.po_create_from_award(
            actor=actor_of(request), rfq_id=data.validated_data["rfq_id"], request=request._request
        )
        if not orders:
            if not selectors.rfq_has_awards(rfq_id=data.validated_data["rfq_id"]):
                raise NothingAwarded()
            raise AwardAlreadyOrdered()
        return Response(
            FromAwardOutputSerializer({"rfq_id": data.validated_data["rfq_id"], "orders": orders}).data,
            status=status.HTTP_201_CREATED,
        )
