"""The platform's invoices: a company reads its own (tenant host, ``billing.manage``); operators read every
company's, record bank transfers against them and void them (public host, ``/api/console/``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from billing import selectors
from billing.models import Invoice, InvoiceStatus, PaymentMethod
from billing.pdf import invoice_pdf
from billing.services.invoices import invoice_record_payment, invoice_void
from console.permissions import IsOperator
from kernel.api import problem_responses
from kernel.errors import NotFound, ValidationFailed
from kernel.idempotency import idempotent
from kernel.serializers import MoneyField, PercentField, QuantityField, UnitPriceField

MAX_ID = 2**63 - 1
INVOICE_STATUSES = [s.value for s in InvoiceStatus if s != InvoiceStatus.DRAFT]
REASON_MAX_LENGTH = 1000


# Serializers --------------------------------------------------------------------------------------


class BuyerSerializer(serializers.Serializer):
    name = serializers.CharField(source="buyer_name")
    tax_number = serializers.CharField(
        source="buyer_tax_id", help_text="As it was when the invoice was issued."
    )
    country = serializers.CharField(source="buyer_country")


class InvoiceSerializer(serializers.Serializer):
    """An invoice as listed: its number, status, amounts and dates."""

    id = serializers.IntegerField()
    number = serializers.CharField(help_text="Gapless per year: HB-2026-000001.")
    status = serializers.CharField(help_text="open, paid, void or uncollectible.")
    currency = serializers.CharField()
    period_start = serializers.DateTimeField(allow_null=True)
    period_end = serializers.DateTimeField(allow_null=True)
    subtotal = MoneyField(currency="currency", help_text="Net of VAT, after any credit.")
    tax_rate = PercentField(help_text="VAT in percent, by the buyer's country.")
    tax_amount = MoneyField(currency="currency")
    total = MoneyField(currency="currency")
    paid_amount = MoneyField(currency="currency", source="amount_paid")
    open_amount = MoneyField(currency="currency", help_text="What is still owed (total less payments).")
    issued_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    paid_at = serializers.DateTimeField(allow_null=True)
    buyer = BuyerSerializer(source="*", help_text="The buyer as invoiced.")


class InvoiceLineSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="base, proration, overage or credit.")
    description = serializers.CharField()
    meter = serializers.CharField(help_text="The meter an overage line bills (empty otherwise).")
    quantity = QuantityField()
    unit_price = UnitPriceField(source="unit_amount")
    net_amount = MoneyField(currency="invoice.currency", source="amount")
    period_start = serializers.DateField(allow_null=True)


class PaymentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    paid_amount = MoneyField(currency="currency", source="amount")
    currency = serializers.CharField()
    method = serializers.ChoiceField(choices=PaymentMethod.choices)
    reference = serializers.CharField()
    received_on = serializers.DateField()
    created_at = serializers.DateTimeField()


class InvoiceDetailSerializer(InvoiceSerializer):
    """An invoice with its buyer, lines, payments and where to pay it."""

    lines = InvoiceLineSerializer(many=True)
    payments = PaymentSerializer(many=True)
    payment_instructions = serializers.SerializerMethodField(
        help_text="Bank-transfer details (quote the invoice number as the reference)."
    )

    def get_payment_instructions(self, invoice: Invoice) -> str:
        return str(settings.HANSA_BILLING_BANK_DETAILS)


class InvoiceCompanySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.CharField(allow_null=True)


class ConsoleInvoiceSerializer(InvoiceSerializer):
    company = InvoiceCompanySerializer()


class ConsoleInvoiceDetailSerializer(InvoiceDetailSerializer):
    company = InvoiceCompanySerializer()


def _with_open_amount(invoice: Invoice) -> Invoice:
    invoice.open_amount = invoice.total - invoice.amount_paid  # type: ignore[attr-defined]
    return invoice


class _OpenAmountList(generics.ListAPIView):
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        assert page is not None
        rows = [_with_open_amount(invoice) for invoice in page]
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)


# PDF ------------------------------------------------------------------------------------------------


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


PDF_RESPONSES = {
    (200, "application/pdf"): OpenApiResponse(response=OpenApiTypes.BINARY, description="The invoice PDF"),
}


def pdf_response(invoice: Invoice) -> HttpResponse:
    response = HttpResponse(
        invoice_pdf(invoice=invoice, locale=invoice.company.locale), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{invoice.number or invoice.pk}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Tenant host ----------------------------------------------------------------------------------------


def _company_id(request: Request) -> int:
    return request.actor.company.pk  # type: ignore[attr-defined,no-any-return]


def _own_invoice(request: Request, invoice_id: int) -> Invoice:
    invoice = selectors.invoice_get(invoice_id=invoice_id, company_id=_company_id(request))
    if invoice is None:
        raise NotFound()
    return _with_open_amount(invoice)


class InvoiceListView(_OpenAmountList):
    """The company's invoices from the platform, newest first."""

    required_permission = "billing.manage"
    serializer_class = InvoiceSerializer

    def get_queryset(self) -> QuerySet[Invoice]:
        return selectors.invoice_list(company_id=_company_id(self.request))

    @extend_schema(
        operation_id="billing_invoices_list",
        responses={200: InvoiceSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


INVOICE_ID = OpenApiParameter("invoice_id", int, OpenApiParameter.PATH, description="The invoice's id.")


class InvoiceDetailView(APIView):
    """One of the company's invoices with its lines and payments (another company's answers 404)."""

    required_permission = "billing.manage"

    @extend_schema(
        operation_id="billing_invoices_get",
        parameters=[INVOICE_ID],
        responses={200: InvoiceDetailSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, invoice_id: int) -> Response:
        return Response(InvoiceDetailSerializer(_own_invoice(request, invoice_id)).data)


class InvoicePdfView(APIView):
    """One of the company's invoices as a PDF."""

    required_permission = "billing.manage"
    renderer_classes = [JSONRenderer, PdfRenderer]

    @extend_schema(
        operation_id="billing_invoices_pdf",
        parameters=[INVOICE_ID],
        responses={**PDF_RESPONSES, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, invoice_id: int) -> HttpResponse:
        return pdf_response(_own_invoice(request, invoice_id))


# Public host: operators -----------------------------------------------------------------------------


def _any_invoice(invoice_id: int) -> Invoice:
    invoice = selectors.invoice_get(invoice_id=invoice_id)
    if invoice is None:
        raise NotFound()
    return _with_open_amount(invoice)


class ConsoleInvoiceListView(_OpenAmountList):
    """Every company's invoices, newest first; ``company_id`` and ``status`` filter them."""

    permission_classes = [IsOperator]
    serializer_class = ConsoleInvoiceSerializer

    def get_queryset(self) -> QuerySet[Invoice]:
        params = self.request.query_params
        raw_company = params.get("company_id") or None
        status_filter = params.get("status") or None
        if raw_company is not None and (not raw_company.isdigit() or not 1 <= int(raw_company) <= MAX_ID):
            raise ValidationFailed(errors={"company_id": ["Use a company's id."]})
        if status_filter is not None and status_filter not in INVOICE_STATUSES:
            raise ValidationFailed(errors={"status": [f"Use one of: {', '.join(INVOICE_STATUSES)}."]})
        return selectors.invoice_list(
            company_id=int(raw_company) if raw_company else None, status=status_filter
        )

    @extend_schema(
        operation_id="console_invoices_list",
        parameters=[
            OpenApiParameter("company_id", int, description="Only this company's invoices."),
            OpenApiParameter("status", str, enum=INVOICE_STATUSES),
        ],
        responses={200: ConsoleInvoiceSerializer(many=True), **problem_responses(400, 401, 403, 404)},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class ConsoleInvoiceDetailView(APIView):
    permission_classes = [IsOperator]

    @extend_schema(
        operation_id="console_invoices_get",
        parameters=[INVOICE_ID],
        responses={200: ConsoleInvoiceDetailSerializer, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, invoice_id: int) -> Response:
        return Response(ConsoleInvoiceDetailSerializer(_any_invoice(invoice_id)).data)


class ConsoleInvoicePdfView(APIView):
    permission_classes = [IsOperator]
    renderer_classes = [JSONRenderer, PdfRenderer]

    @extend_schema(
        operation_id="console_invoices_pdf",
        parameters=[INVOICE_ID],
        responses={**PDF_RESPONSES, **problem_responses(401, 403, 404)},
    )
    def get(self, request: Request, invoice_id: int) -> HttpResponse:
        return pdf_response(_any_invoice(invoice_id))


class ConsoleInvoicePaymentView(APIView):
    """Record a bank transfer an operator saw arrive. A payment that settles the invoice makes a past-due,
    read-only or billing-suspended subscription active again at once (unless another invoice is overdue).
    Answers the invoice with the new payment."""

    permission_classes = [IsOperator]

    class InputSerializer(serializers.Serializer):
        paid_amount = MoneyField(
            max_digits=14, input_places=2, help_text="In the invoice's currency; at most what is still owed."
        )
        reference = serializers.CharField(max_length=200, help_text="The bank's transfer reference.")
        received_on = serializers.DateField(help_text="The day the money arrived (not in the future).")
        reason = serializers.CharField(
            max_length=REASON_MAX_LENGTH,
            required=False,
            allow_blank=True,
            default="",
            help_text="A note for the operator audit log.",
        )

    @extend_schema(
        operation_id="console_invoices_record_payment",
        parameters=[INVOICE_ID],
        request=InputSerializer,
        responses={201: ConsoleInvoiceDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    @idempotent
    def post(self, request: Request, invoice_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if data.validated_data["received_on"] > timezone.now().date():
            raise ValidationFailed(errors={"received_on": ["The money cannot have arrived in the future."]})
        invoice_record_payment(
            invoice_id=invoice_id,
            amount=data.validated_data["paid_amount"],
            method=PaymentMethod.BANK_TRANSFER,
            reference=data.validated_data["reference"],
            received_on=data.validated_data["received_on"],
            actor=request.user,  # type: ignore[arg-type]
            reason=data.validated_data["reason"],
        )
        return Response(
            ConsoleInvoiceDetailSerializer(_any_invoice(invoice_id)).data, status=status.HTTP_201_CREATED
        )


class ConsoleInvoiceVoidView(APIView):
    """Void an open, unpaid invoice (kept with its number, no longer owed), with a reason for the audit
    log. Answers the invoice."""

    permission_classes = [IsOperator]

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(
            max_length=REASON_MAX_LENGTH,
            help_text="Why the invoice is voided; kept in the operator audit log.",
        )

    @extend_schema(
        operation_id="console_invoices_void",
        parameters=[INVOICE_ID],
        request=InputSerializer,
        responses={200: ConsoleInvoiceDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
    )
    def post(self, request: Request, invoice_id: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invoice_void(invoice_id=invoice_id, actor=request.user, reason=data.validated_data["reason"])  # type: ignore[arg-type]
        return Response(ConsoleInvoiceDetailSerializer(_any_invoice(invoice_id)).data)
