"""Invoices: issued to customers and received from suppliers, credit and debit notes, the three-way match
and its approval. Reading needs ``finance.view``, writing ``finance.post``; NOT the plan's finance feature
(a partner's invoice always lands and can always be handled)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.api import PaginatedAPIView, problem_responses
from kernel.errors import ValidationFailed
from kernel.idempotency import idempotent
from kernel.serializers import ExchangeRateField, MoneyField, PercentField, QuantityField, UnitPriceField
from tenants.finance import selectors_invoices as selectors
from tenants.finance.api.common import POST, VIEW, actor_of, int_param
from tenants.finance.models import (
    FapiaoType,
    Invoice,
    InvoiceDirection,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    MatchStatus,
)
from tenants.finance.services import invoices

INVOICE_ID = OpenApiParameter("invoice_id", int, OpenApiParameter.PATH)
SALES_ORDER_ID = OpenApiParameter("sales_order_id", int, OpenApiParameter.PATH)
REASONS = [
    ("no_order", "The purchase order it names is not ours"),
    ("no_order_line", "No such line on the purchase order"),
    ("price_above_tolerance", "Unit price above the order's beyond the tolerance"),
    ("not_received", "Nothing of the line was received"),
    ("quantity_over_received", "More than received and not yet invoiced, beyond the tolerance"),
]


def _get(invoice_id: int) -> Invoice:
    return selectors.invoice_get(invoice_id=invoice_id)


class FinanceMatchSerializer(serializers.Serializer):
    """The three-way match of a received invoice's line (empty for an issued invoice)."""

    matched = serializers.BooleanField(required=False)
    reasons = serializers.ListField(child=serializers.ChoiceField(choices=REASONS), required=False)
    expected_unit_price = UnitPriceField(required=False, help_text="The purchase order line's unit price.")
    actual_unit_price = UnitPriceField(required=False)
    price_difference = UnitPriceField(required=False, help_text="Actual minus expected unit price.")
    price_difference_percent = PercentField(required=False, max_digits=12)
    price_tolerance_percent = PercentField(required=False)
    received_quantity = QuantityField(required=False, help_text="Accepted on goods receipts.")
    invoiced_quantity = QuantityField(
        required=False, source="invoiced_before", help_text="Already invoiced (accepted invoices)."
    )
    expected_quantity = QuantityField(required=False, help_text="Received and not yet invoiced.")
    actual_quantity = QuantityField(required=False)
    quantity_difference = QuantityField(required=False, help_text="Actual minus expected quantity.")
    quantity_tolerance_percent = PercentField(required=False)


class FinanceInvoiceLineSerializer(serializers.Serializer):
    line_no = serializers.IntegerField()
    sku = serializers.CharField()
    description = serializers.CharField()
    quantity = QuantityField()
    unit = serializers.CharField()
    unit_price = UnitPriceField()
    tax_rate = PercentField()
    net_amount = MoneyField(currency="invoice.currency")
    tax_amount = MoneyField(currency="invoice.currency")
    order_line_no = serializers.SerializerMethodField(help_text="The order line it bills.")
    sales_order_line_no = serializers.SerializerMethodField()
    shipment_id = serializers.IntegerField(allow_null=True)
    item_id = serializers.IntegerField(allow_null=True)
    match = serializers.SerializerMethodField()

    def get_order_line_no(self, line: InvoiceLine) -> int | None:
        value = (line.match or {}).get("order_line_no")
        return int(value) if value else None

    def get_sales_order_line_no(self, line: InvoiceLine) -> int | None:
        return self.get_order_line_no(line) if line.sales_order_line_id else None

    @extend_schema_field(FinanceMatchSerializer(allow_null=True))
    def get_match(self, line: InvoiceLine) -> dict[str, Any] | None:
        if "matched" not in (line.match or {}):
            return None
        return dict(FinanceMatchSerializer(line.match).data)


class FinanceInvoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    direction = serializers.ChoiceField(choices=InvoiceDirection.choices)
    kind = serializers.ChoiceField(choices=InvoiceKind.choices)
    number = serializers.CharField(help_text="Ours: INV-/CN-/DN-<year>-<6 digits> issued, AP-... received.")
    partner_number = serializers.CharField(help_text="The supplier's own number of a received invoice.")
    status = serializers.ChoiceField(choices=InvoiceStatus.choices)
    match_status = serializers.ChoiceField(choices=MatchStatus.choices)
    original_id = serializers.IntegerField(allow_null=True, help_text="The invoice a note corrects.")
    original_number = serializers.CharField(source="original.number", allow_null=True, default=None)
    partner_company_id = serializers.IntegerField(allow_null=True)
    customer_id = serializers.IntegerField(allow_null=True)
    partner_name = serializers.CharField()
    partner_tax_id = serializers.CharField()
    partner_address = serializers.CharField()
    sales_order_id = serializers.IntegerField(allow_null=True)
    purchase_order_id = serializers.IntegerField(allow_null=True)
    order_number = serializers.CharField()
    issue_date = serializers.DateField()
    due_date = serializers.DateField(allow_null=True)
    payment_terms = serializers.CharField()
    currency = serializers.CharField()
    exchange_rate = ExchangeRateField(help_text="Functional currency per unit of `currency`.")
    total_net = MoneyField(currency="currency")
    total_tax = MoneyField(currency="currency")
    total = MoneyField(currency="currency")
    amount_paid = MoneyField(currency="currency", help_text="Settled by payments and credit notes.")
    amount_open = MoneyField(currency="currency", help_text="Still to be settled.")
    fapiao_type = serializers.ChoiceField(choices=FapiaoType.choices)
    fapiao_number = serializers.CharField()
    seller_tax_id = serializers.CharField()
    buyer_tax_id = serializers.CharField()
    notes = serializers.CharField()
    reason = serializers.CharField(
        help_text="A note's reason, or the buyer's reason for rejecting (or approving) the invoice."
    )
    decided_at = serializers.DateTimeField(allow_null=True)
    decided_by = serializers.CharField(source="decided_by_label")
    document_id = serializers.UUIDField(allow_null=True, help_text="The trade document that carried it.")
    created_by = serializers.CharField(source="created_by_label")
    created_at = serializers.DateTimeField()
    issued_at = serializers.DateTimeField(allow_null=True)
    paid_at = serializers.DateTimeField(allow_null=True)


class FinanceAdjustmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=InvoiceKind.choices)
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=InvoiceStatus.choices)
    total = MoneyField(currency="currency")
    issue_date = serializers.DateField()


class FinanceInvoiceDetailSerializer(FinanceInvoiceSerializer):
    lines = FinanceInvoiceLineSerializer(many=True)
    adjustments = serializers.SerializerMethodField()

    @extend_schema_field(FinanceAdjustmentSerializer(many=True))
    def get_adjustments(self, invoice: Invoice) -> list[dict[str, Any]]:
        rows = invoice.adjustments.order_by("issue_date", "id")
        return list(FinanceAdjustmentSerializer(rows, many=True).data)


def _detail(invoice: Invoice, code: int = status.HTTP_200_OK) -> Response:
    return Response(FinanceInvoiceDetailSerializer(_get(invoice.pk)).data, status=code)


class FinanceLineInputSerializer(serializers.Serializer):
    sku = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    description = serializers.CharField(max_length=1000)
    quantity = QuantityField()
    unit = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    unit_price = UnitPriceField()
    tax_rate = PercentField(
        required=False, allow_null=True, default=None, input_places=3, help_text="Default: the company's VAT."
    )


def _lines(rows: list[dict[str, Any]]) -> list[invoices.LineInput]:
    return [invoices.LineInput(**row) for row in rows]


# --- list, create ----------------------------------------------------------------------------------------


class InvoiceListView(PaginatedAPIView, APIView):
    """Invoices, credit and debit notes, issued and received, newest first."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_invoices_list",
        parameters=[
            OpenApiParameter(
                "direction", str, enum=InvoiceDirection.values, description="out: issued; in: received."
            ),
            OpenApiParameter("status", str, enum=InvoiceStatus.values),
            OpenApiParameter("match_status", str, enum=[v for v in MatchStatus.values if v]),
            OpenApiParameter("kind", str, enum=InvoiceKind.values),
            OpenApiParameter("partner", str, description="Part of the partner's name."),
            OpenApiParameter("order", str, description="Part of the order number."),
            OpenApiParameter("sales_order_id", int),
            OpenApiParameter("purchase_order_id", int),
        ],
        responses={200: FinanceInvoiceSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        rows = selectors.invoice_list(
            direction=params.get("direction", ""),
            status=params.get("status", ""),
            match_status=params.get("match_status", ""),
            kind=params.get("kind", ""),
            partner=params.get("partner", "").strip(),
            order=params.get("order", "").strip(),
            sales_order_id=int_param(request, "sales_order_id"),
            purchase_order_id=int_param(request, "purchase_order_id"),
        ).select_related("original")
        return self.paginated(request, rows, FinanceInvoiceSerializer)

    class InputSerializer(serializers.Serializer):
        customer_id = serializers.IntegerField(required=False, allow_null=True, default=None)
        partner_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        partner_tax_id = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
        partner_address = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
        currency = serializers.RegexField(r"^[A-Z]{3}$")
        exchange_rate = ExchangeRateField(required=False, allow_null=True, default=None)
        issue_date = serializers.DateField(required=False, allow_null=True, default=None)
        payment_terms = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        fapiao_type = serializers.ChoiceField(choices=FapiaoType.choices, required=False, default="")
        notes = serializers.CharField(required=False, allow_blank=True, default="")
        lines = FinanceLineInputSerializer(many=True, allow_empty=False)

    @extend_schema(
        operation_id="finance_invoices_create",
        description="A draft invoice typed by hand, for a customer outside Hansa.",
        request=InputSerializer,
        responses={201: FinanceInvoiceDetailSerializer, **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        actor.require(POST)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        invoice = invoices.invoice_create_manual(actor=actor, lines=_lines(values.pop("lines")), **values)
        return _detail(invoice, status.HTTP_201_CREATED)


class FinanceShippedLineInputSerializer(serializers.Serializer):
    shipment_id = serializers.IntegerField()
    line_no = serializers.IntegerField(min_value=1, help_text="The sales order line.")
    quantity = QuantityField()


class InvoiceFromShipmentsView(APIView):
    """Invoice a sales order's shipped quantities that are not yet invoiced (a draft)."""

    required_permission = POST

    class InputSerializer(serializers.Serializer):
        sales_order_id = serializers.IntegerField()
        shipment_ids = serializers.ListField(
            child=serializers.IntegerField(), required=False, allow_null=True, default=None
        )
        lines = FinanceShippedLineInputSerializer(
            many=True, required=False, allow_null=True, default=None, help_text="Default: all that is open."
        )
        issue_date = serializers.DateField(required=False, allow_null=True, default=None)
        exchange_rate = ExchangeRateField(required=False, allow_null=True, default=None)
        fapiao_type = serializers.ChoiceField(choices=FapiaoType.choices, required=False, default="")
        notes = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="finance_invoices_create_from_shipments",
        request=InputSerializer,
        responses={201: FinanceInvoiceDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=["finance"],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        lines = values.pop("lines")
        invoice = invoices.invoice_create_from_shipments(
            actor=actor_of(request),
            lines=[invoices.ShippedLineInput(**row) for row in lines] if lines is not None else None,
            **values,
        )
        return _detail(invoice, status.HTTP_201_CREATED)


class FinanceInvoiceableLineSerializer(serializers.Serializer):
    shipment_id = serializers.IntegerField()
    shipment_number = serializers.CharField()
    shipped_at = serializers.DateTimeField()
    line_no = serializers.IntegerField(help_text="The sales order line.")
    sku = serializers.CharField()
    description = serializers.CharField()
    unit = serializers.CharField()
    unit_price = UnitPriceField()
    tax_rate = PercentField()
    shipped_quantity = QuantityField()
    invoiced_quantity = QuantityField()
    open_quantity = QuantityField(help_text="Shipped and not yet invoiced.")


class InvoiceableLinesView(PaginatedAPIView, APIView):
    """The shipment lines of a sales order with what is shipped, invoiced and still open to invoice."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_invoiceable_lines",
        parameters=[SALES_ORDER_ID],
        responses={200: FinanceInvoiceableLineSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request, sales_order_id: int) -> Response:
        rows = selectors.invoiceable_lines(sales_order_id=sales_order_id)
        return self.paginated(request, rows, FinanceInvoiceableLineSerializer)


# --- one invoice -----------------------------------------------------------------------------------------


class InvoiceDetailView(APIView):
    required_permission = VIEW

    @extend_schema(
        operation_id="finance_invoice",
        parameters=[INVOICE_ID],
        responses={200: FinanceInvoiceDetailSerializer, **problem_responses(401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request, invoice_id: int) -> Response:
        return Response(FinanceInvoiceDetailSerializer(_get(invoice_id)).data)

    class InputSerializer(serializers.Serializer):
        partner_name = serializers.CharField(max_length=200, required=False)
        partner_tax_id = serializers.CharField(max_length=64, required=False, allow_blank=True)
        partner_address = serializers.CharField(max_length=500, required=False, allow_blank=True)
        exchange_rate = ExchangeRateField(required=False)
        issue_date = serializers.DateField(required=False)
        payment_terms = serializers.CharField(max_length=200, required=False, allow_blank=True)
        fapiao_type = serializers.ChoiceField(choices=FapiaoType.choices, required=False)
        notes = serializers.CharField(required=False, allow_blank=True)
        lines = FinanceLineInputSerializer(many=True, required=False, allow_empty=False)

    @extend_schema(
        operation_id="finance_invoice_update",
        description="Change a draft we issue (lines only on an invoice typed by hand).",
        parameters=[INVOICE_ID],
        request=InputSerializer,
        responses={200: FinanceInvoiceDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=["finance"],
    )
    def patch(self, request: Request, invoice_id: int) -> Response:
        actor = actor_of(request)
        actor.require(POST)
        invoice = _get(invoice_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        lines = values.pop("lines", None)
        updated = invoices.invoice_update_draft(
            actor=actor, invoice=invoice, lines=_lines(lines) if lines is not None else None, **values
        )
        return _detail(updated)


class _Action(APIView):
    required_permission = POST


class InvoiceIssueView(_Action):
    """Issue a draft: number, due date, VAT, posting, and the document to a Hansa buyer."""

    @extend_schema(
        operation_id="finance_invoice_issue",
        parameters=[INVOICE_ID],
        request=None,
        responses={200: FinanceInvoiceDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=["finance"],
    )
    def post(self, request: Request, invoice_id: int) -> Response:
        return _detail(invoices.invoice_issue(actor=actor_of(request), invoice=_get(invoice_id)))


class InvoiceCancelView(_Action):
    """Cancel a draft (an issued invoice is corrected by a credit note)."""

    @extend_schema(
        operation_id="finance_invoice_cancel",
        parameters=[INVOICE_ID],
        request=None,
        responses={200: FinanceInvoiceDetailSerializer, **problem_responses(401, 403, 404, 409)},
        tags=["finance"],
    )
    def post(self, request: Request, invoice_id: int) -> Response:
        return _detail(invoices.invoice_cancel(actor=actor_of(request), invoice=_get(invoice_id)))


class FinanceNoteLineInputSerializer(serializers.Serializer):
    line_no = serializers.IntegerField(min_value=1, help_text="The original invoice's line.")
    quantity = QuantityField()


class InvoiceCreditView(_Action):
    """Correct an issued invoice with a credit note (returns, rejected goods, a price reduction) or a debit
    note (a further charge): by quantities of its lines or by a net amount."""

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(
            choices=[InvoiceKind.CREDIT_NOTE, InvoiceKind.DEBIT_NOTE], required=False, default="credit_note"
        )
        lines = FinanceNoteLineInputSerializer(many=True, required=False, allow_null=True, default=None)
        net_amount = MoneyField(required=False, allow_null=True, default=None, help_text="Instead of lines.")
        tax_rate = PercentField(required=False, allow_null=True, default=None, input_places=3)
        reason = serializers.CharField(max_length=2000)
        issue_date = serializers.DateField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="finance_invoice_credit",
        parameters=[INVOICE_ID],
        request=InputSerializer,
        responses={201: FinanceInvoiceDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=["finance"],
    )
    @idempotent
    def post(self, request: Request, invoice_id: int) -> Response:
        invoice = _get(invoice_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        lines = values.pop("lines")
        note = invoices.invoice_credit(
            actor=actor_of(request),
            invoice=invoice,
            lines=[invoices.NoteLineInput(**row) for row in lines] if lines is not None else None,
            amount=values.pop("net_amount"),
            **values,
        )
        return _detail(note, status.HTTP_201_CREATED)


class InvoiceApproveView(_Action):
    """Accept a received invoice outside the match tolerances: it is open and posted (audited)."""

    class InputSerializer(serializers.Serializer):
        note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="finance_invoice_approve",
        parameters=[INVOICE_ID],
        request=InputSerializer,
        responses={200: FinanceInvoiceDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=["finance"],
    )
    def post(self, request: Request, invoice_id: int) -> Response:
        invoice = _get(invoice_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return _detail(
            invoices.invoice_approve(
                actor=actor_of(request), invoice=invoice, note=data.validated_data["note"]
            )
        )


class InvoiceRejectView(_Action):
    """Refuse a received invoice outside the match tolerances; the supplier is told why."""

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=2000)

    @extend_schema(
        operation_id="finance_invoice_reject",
        parameters=[INVOICE_ID],
        request=InputSerializer,
        responses={200: FinanceInvoiceDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=["finance"],
    )
    def post(self, request: Request, invoice_id: int) -> Response:
        invoice = _get(invoice_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return _detail(
            invoices.invoice_reject(
                actor=actor_of(request), invoice=invoice, reason=data.validated_data["reason"]
            )
        )


class InvoiceMatchView(_Action):
    """Match a received invoice waiting for approval again (goods received since, tolerances changed)."""

    @extend_schema(
        operation_id="finance_invoice_match",
        parameters=[INVOICE_ID],
        request=None,
        responses={200: FinanceInvoiceDetailSerializer, **problem_responses(401, 403, 404, 409)},
        tags=["finance"],
    )
    def post(self, request: Request, invoice_id: int) -> Response:
        return _detail(invoices.invoice_match(actor=actor_of(request), invoice=_get(invoice_id)))


class PdfRenderer(JSONRenderer):
    """Lets ``Accept: application/pdf`` through content negotiation (errors stay problem+json)."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        if isinstance(data, bytes):
            return data
        return super().render(data, accepted_media_type, renderer_context)


class InvoicePdfView(APIView):
    """The invoice (or note) as a PDF: what a customer outside Hansa gets."""

    required_permission = VIEW
    renderer_classes = [JSONRenderer, PdfRenderer]

    @extend_schema(
        operation_id="finance_invoice_pdf",
        parameters=[
            INVOICE_ID,
            OpenApiParameter(
                "language", str, enum=["zh-CN", "en", "both"], description="Default: the company's locale."
            ),
        ],
        responses={
            (200, "application/pdf"): OpenApiResponse(response=OpenApiTypes.BINARY, description="The PDF"),
            **problem_responses(400, 401, 403, 404),
        },
        tags=["finance"],
    )
    def get(self, request: Request, invoice_id: int) -> HttpResponse:
        invoice = _get(invoice_id)
        language = request.query_params.get("language", "")
        if language not in ("", "zh-CN", "en", "both"):
            raise ValidationFailed(errors={"language": ["zh-CN, en or both."]})
        response = HttpResponse(
            invoices.invoice_pdf(invoice=invoice, language=language), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{invoice.number}.pdf"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
