"""Settlement: payment terms, bank accounts, payments and open items, bank-statement import, online
payment, commercial bills. Reading needs ``finance.view``, writing ``finance.post``; none of it needs
the plan's ``finance`` feature (a partner's payment must always land)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.api import PaginatedAPIView, problem_responses
from kernel.errors import ValidationFailed
from kernel.idempotency import idempotent
from kernel.serializers import ExchangeRateField, MoneyField, PercentField
from tenants.finance import selectors_settlement as selectors
from tenants.finance.api.common import POST, VIEW, actor_of, get_or_404, int_param
from tenants.finance.gateways import SIGNATURE_HEADER
from tenants.finance.models import (
    Account,
    BankAccount,
    BankStatement,
    BankStatementLine,
    Bill,
    BillDirection,
    BillStatus,
    BillType,
    Invoice,
    InvoiceDirection,
    Payment,
    PaymentDirection,
    PaymentMethod,
)
from tenants.finance.services import bank_statements, bills, online_payments, settlement
from tenants.finance.services.settlement import AllocationIn

PAYMENT_ID = OpenApiParameter("payment_id", int, OpenApiParameter.PATH)
STATEMENT_ID = OpenApiParameter("statement_id", int, OpenApiParameter.PATH)
LINE_ID = OpenApiParameter("statement_line_id", int, OpenApiParameter.PATH)
BILL_ID = OpenApiParameter("bill_id", int, OpenApiParameter.PATH)
TAGS = ["finance"]


def _bank_account(bank_account_id: int | None) -> BankAccount | None:
    if bank_account_id is None:
        return None
    row = BankAccount.objects.filter(pk=bank_account_id).first()
    if row is None:
        raise ValidationFailed(errors={"bank_account_id": ["No such bank account."]})
    return row


# --- payment terms ---------------------------------------------------------------------------------------


class PaymentTermSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    code = serializers.RegexField(r"^[A-Za-z0-9_./-]{1,40}$")
    name_zh = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    name_en = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    days = serializers.IntegerField(min_value=0, max_value=365)
    end_of_month = serializers.BooleanField(
        required=False, default=False, help_text="Days counted from the end of the issue month (月结)."
    )
    discount_percent = PercentField(
        required=False, default=Decimal(0), min_value=Decimal(0), max_value=Decimal("99.99")
    )
    discount_days = serializers.IntegerField(required=False, default=0, min_value=0, max_value=365)
    is_active = serializers.BooleanField(read_only=True)


class PaymentTermListView(PaginatedAPIView, APIView):
    """Payment terms an invoice may name (``Invoice.payment_terms`` = the code)."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_payment_terms_list",
        responses={200: PaymentTermSerializer(many=True), **problem_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return self.paginated(request, selectors.payment_term_list(), PaymentTermSerializer)

    @extend_schema(
        operation_id="finance_payment_terms_create",
        request=PaymentTermSerializer,
        responses={201: PaymentTermSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    @idempotent
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        actor.require(POST)
        data = PaymentTermSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        term = settlement.payment_term_create(actor=actor, **data.validated_data)
        return Response(PaymentTermSerializer(term).data, status=status.HTTP_201_CREATED)


# --- bank accounts ---------------------------------------------------------------------------------------


class BankAccountSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    bank = serializers.CharField()
    number_last4 = serializers.CharField(
        help_text="The account number is stored encrypted; only this is shown."
    )
    currency = serializers.CharField()
    account_id = serializers.IntegerField(help_text="The ledger (cash) account it posts to.")
    account_code = serializers.CharField(source="account.code")
    is_active = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class BankAccountListView(PaginatedAPIView, APIView):
    required_permission = VIEW

    @extend_schema(
        operation_id="finance_bank_accounts_list",
        responses={200: BankAccountSerializer(many=True), **problem_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return self.paginated(request, selectors.bank_account_list(), BankAccountSerializer)

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=100)
        bank = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        account_number = serializers.RegexField(
            r"^[0-9A-Za-z ]{0,40}$", required=False, allow_blank=True, default=""
        )
        currency = serializers.RegexField(r"^[A-Z]{3}$")
        account_id = serializers.IntegerField(
            required=False, allow_null=True, default=None, help_text="Default: the chart's bank account."
        )

    @extend_schema(
        operation_id="finance_bank_accounts_create",
        request=InputSerializer,
        responses={201: BankAccountSerializer, **problem_responses(400, 401, 403, 404)},
        tags=TAGS,
    )
    @idempotent
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        actor.require(POST)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        account = None
        if (account_id := values.pop("account_id")) is not None:
            account = Account.objects.filter(pk=account_id).first()
            if account is None:
                raise ValidationFailed(errors={"account_id": ["No such account."]})
        row = settlement.bank_account_create(actor=actor, account=account, **values)
        return Response(BankAccountSerializer(row).data, status=status.HTTP_201_CREATED)


# --- payments --------------------------------------------------------------------------------------------


class PaymentAllocationSerializer(serializers.Serializer):
    invoice_id = serializers.IntegerField()
    invoice_number = serializers.CharField(source="invoice.number")
    paid_amount = MoneyField(source="amount", currency="invoice.currency")
    discount_amount = MoneyField(source="discount_taken", currency="invoice.currency")
    writeoff_amount = MoneyField(source="writeoff", currency="invoice.currency")
    remaining_amount = MoneyField(
        source="open_after", currency="invoice.currency", help_text="Still open on the invoice after it."
    )


class FinancePaymentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    direction = serializers.ChoiceField(choices=PaymentDirection.choices)
    method = serializers.ChoiceField(choices=PaymentMethod.choices)
    status = serializers.CharField()
    recorded_from = serializers.CharField(
        source="source", help_text="manual, statement, online or remittance (the buyer's advice)."
    )
    partner_company_id = serializers.IntegerField(allow_null=True)
    customer_id = serializers.IntegerField(allow_null=True)
    partner_name = serializers.CharField()
    currency = serializers.CharField()
    total = MoneyField(source="amount", currency="currency")
    exchange_rate = ExchangeRateField()
    discount_amount = MoneyField(source="discount_total", currency="currency")
    writeoff_amount = MoneyField(source="writeoff_total", currency="currency")
    bank_account_id = serializers.IntegerField(allow_null=True)
    payment_date = serializers.DateField(source="date")
    reference = serializers.CharField()
    document_id = serializers.UUIDField(allow_null=True, help_text="The remittance advice sent or received.")
    posting_event_id = serializers.IntegerField(allow_null=True)
    entry_id = serializers.IntegerField(
        source="posting_event.entry.pk", allow_null=True, help_text="The journal entry, once posted."
    )
    created_by_label = serializers.CharField()
    created_at = serializers.DateTimeField()
    allocations = PaymentAllocationSerializer(many=True)


class PaymentAllocationInput(serializers.Serializer):
    invoice_id = serializers.IntegerField()
    paid_amount = MoneyField(min_value=Decimal(0), help_text="Cash applied to the invoice.")
    discount_amount = MoneyField(
        required=False, default=Decimal(0), min_value=Decimal(0), help_text="Early-payment discount taken."
    )
    writeoff_amount = MoneyField(
        required=False, default=Decimal(0), min_value=Decimal(0), help_text="Small difference written off."
    )


class PaymentListView(PaginatedAPIView, APIView):
    """Payments received and made, newest first."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_payments_list",
        parameters=[
            OpenApiParameter("direction", str, enum=PaymentDirection.values),
            OpenApiParameter("partner_company_id", int),
        ],
        responses={200: FinancePaymentSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        rows = selectors.payment_list(
            direction=request.query_params.get("direction", ""),
            partner_company_id=int_param(request, "partner_company_id"),
        )
        return self.paginated(request, rows, FinancePaymentSerializer)

    class InputSerializer(serializers.Serializer):
        direction = serializers.ChoiceField(
            choices=PaymentDirection.choices, help_text="in: from a customer; out: to a supplier."
        )
        method = serializers.ChoiceField(
            choices=[PaymentMethod.BANK_TRANSFER, PaymentMethod.CASH], default=PaymentMethod.BANK_TRANSFER
        )
        currency = serializers.RegexField(r"^[A-Z]{3}$")
        total = MoneyField(min_value=Decimal("0.01"))
        exchange_rate = ExchangeRateField(
            required=False, allow_null=True, default=None, help_text="Required in a foreign currency."
        )
        bank_account_id = serializers.IntegerField(required=False, allow_null=True, default=None)
        payment_date = serializers.DateField()
        reference = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        allocations = PaymentAllocationInput(many=True, allow_empty=False, max_length=200)  # type: ignore[call-arg]

    @extend_schema(
        operation_id="finance_payments_create",
        request=InputSerializer,
        responses={201: FinancePaymentSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    @idempotent
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        actor.require(POST)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        payment = settlement.payment_record(
            actor=actor,
            direction=values["direction"],
            amount=values["total"],
            currency=values["currency"],
            day=values["payment_date"],
            allocations=[
                AllocationIn(
                    invoice_id=r["invoice_id"],
                    amount=r["paid_amount"],
                    discount=r["discount_amount"],
                    writeoff=r["writeoff_amount"],
                )
                for r in values["allocations"]
            ],
            method=values["method"],
            bank_account=_bank_account(values["bank_account_id"]),
            rate=values["exchange_rate"],
            reference=values["reference"],
        )
        return Response(FinancePaymentSerializer(_payment(payment.pk)).data, status=status.HTTP_201_CREATED)


def _payment(payment_id: int) -> Payment:
    return get_or_404(selectors.payment_list(), pk=payment_id)  # type: ignore[no-any-return]


class PaymentDetailView(APIView):
    required_permission = VIEW

    @extend_schema(
        operation_id="finance_payment",
        parameters=[PAYMENT_ID],
        responses={200: FinancePaymentSerializer, **problem_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, payment_id: int) -> Response:
        return Response(FinancePaymentSerializer(_payment(payment_id)).data)


# --- open items ------------------------------------------------------------------------------------------


class InvoiceSettlementSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["payment", "bill"])
    number = serializers.CharField()
    settled_on = serializers.DateField()
    paid_amount = MoneyField(currency="currency")
    discount_amount = MoneyField(currency="currency")
    writeoff_amount = MoneyField(currency="currency")


class OpenItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    partner_number = serializers.CharField()
    direction = serializers.ChoiceField(choices=InvoiceDirection.choices)
    partner_company_id = serializers.IntegerField(allow_null=True)
    customer_id = serializers.IntegerField(allow_null=True)
    partner_name = serializers.CharField()
    currency = serializers.CharField()
    exchange_rate = ExchangeRateField()
    issue_date = serializers.DateField()
    due_date = serializers.DateField(allow_null=True)
    payment_terms = serializers.CharField()
    total = MoneyField(currency="currency")
    paid_amount = MoneyField(source="amount_paid", currency="currency")
    open_amount = MoneyField(source="amount_open", currency="currency")
    discount_date = serializers.DateField(
        allow_null=True, help_text="Last day of the early-payment discount window of its terms."
    )
    discount_available_amount = MoneyField(
        currency="currency", help_text="The discount a payment made today may take (0: none)."
    )
    settlements = InvoiceSettlementSerializer(
        many=True, help_text="Payments and bills that settled part of it."
    )


def open_item(invoice: Invoice) -> Invoice:
    """The invoice with what the open-item view shows computed onto it."""
    from django.utils import timezone

    due = settlement.payment_terms_due(
        terms=settlement.payment_term_for_invoice(invoice), issue_date=invoice.issue_date
    )
    invoice.discount_date = due.discount_date  # type: ignore[attr-defined]
    invoice.discount_available_amount = settlement.discount_available(  # type: ignore[attr-defined]
        invoice=invoice, on=timezone.localdate()
    )
    invoice.settlements = [  # type: ignore[attr-defined]
        {**vars(row), "currency": invoice.currency} for row in selectors.invoice_settlements(invoice)
    ]
    return invoice


class OpenItemListView(PaginatedAPIView, APIView):
    """Open invoices to allocate a payment or bill to: ``direction=out`` what customers owe us (for money
    received), ``in`` what we owe suppliers (for money paid); oldest due first."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_open_items_list",
        parameters=[
            OpenApiParameter("direction", str, enum=InvoiceDirection.values),
            OpenApiParameter("partner_company_id", int),
            OpenApiParameter("search", str, description="Part of the invoice number or partner name."),
        ],
        responses={200: OpenItemSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        rows = selectors.open_item_list(
            direction=request.query_params.get("direction", ""),
            partner_company_id=int_param(request, "partner_company_id"),
            search=request.query_params.get("search", "").strip(),
        )
        paginator = self.pagination_class()
        page: Any = paginator.paginate_queryset(rows, request, view=self)  # type: ignore[arg-type]
        items = [open_item(invoice) for invoice in page]
        return paginator.get_paginated_response(OpenItemSerializer(items, many=True).data)


# --- bank statements -------------------------------------------------------------------------------------


class BankStatementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    bank_account_id = serializers.IntegerField()
    filename = serializers.CharField()
    line_count = serializers.IntegerField(help_text="Lines imported.")
    duplicate_count = serializers.IntegerField(help_text="Lines skipped: imported before.")
    imported_by_label = serializers.CharField()
    imported_at = serializers.DateTimeField()


class BankStatementLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    line_no = serializers.IntegerField()
    value_date = serializers.DateField(source="date")
    signed_amount = MoneyField(source="amount", currency="currency", help_text="Positive: money in.")
    currency = serializers.CharField()
    counterparty = serializers.CharField()
    reference = serializers.CharField()
    status = serializers.CharField()
    payment_id = serializers.IntegerField(allow_null=True)
    payment_number = serializers.CharField(source="payment.number", allow_null=True)
    invoice_id = serializers.IntegerField(allow_null=True)


class StatementListView(PaginatedAPIView, APIView):
    """Imported bank statements, newest first."""

    required_permission = VIEW
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="finance_bank_statements_list",
        responses={200: BankStatementSerializer(many=True), **problem_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return self.paginated(request, selectors.statement_list(), BankStatementSerializer)

    class InputSerializer(serializers.Serializer):
        bank_account_id = serializers.IntegerField()
        file = serializers.FileField(
            help_text="CSV with a header row: date, amount, currency, counterparty, reference "
            "(or 交易日期, 金额, 币种, 对方户名, 摘要); see docs/finance.md."
        )

    @extend_schema(
        operation_id="finance_bank_statements_import",
        request={"multipart/form-data": InputSerializer},
        responses={201: BankStatementSerializer, **problem_responses(400, 401, 403, 404)},
        tags=TAGS,
    )
    @idempotent
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        actor.require(POST)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        account = _bank_account(data.validated_data["bank_account_id"])
        assert account is not None
        upload = data.validated_data["file"]
        statement = bank_statements.statement_import(
            actor=actor, bank_account=account, file=upload, filename=upload.name or ""
        )
        return Response(BankStatementSerializer(statement).data, status=status.HTTP_201_CREATED)


class StatementLineListView(PaginatedAPIView, APIView):
    required_permission = VIEW

    @extend_schema(
        operation_id="finance_bank_statement_lines_list",
        parameters=[STATEMENT_ID],
        responses={200: BankStatementLineSerializer(many=True), **problem_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, statement_id: int) -> Response:
        statement = get_or_404(BankStatement.objects, pk=statement_id)
        return self.paginated(
            request, selectors.statement_line_list(statement=statement), BankStatementLineSerializer
        )


class StatementMatchSerializer(serializers.Serializer):
    rank = serializers.IntegerField(
        help_text="1: amount and invoice number; 2: amount and partner; 3: number."
    )
    reason = serializers.ChoiceField(choices=["amount_and_number", "amount_and_partner", "number"])
    invoice = OpenItemSerializer()


class StatementLineMatchView(PaginatedAPIView, APIView):
    """Open invoices the line may pay, best first."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_bank_statement_line_matches",
        parameters=[LINE_ID],
        responses={200: StatementMatchSerializer(many=True), **problem_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, statement_line_id: int) -> Response:
        line = get_or_404(BankStatementLine.objects, pk=statement_line_id)
        rows = [
            {"rank": m.rank, "reason": m.reason, "invoice": open_item(m.invoice)}
            for m in bank_statements.statement_match(line=line)
        ]
        return self.paginated(request, rows, StatementMatchSerializer)


class StatementLineConfirmView(APIView):
    """Record the line as a payment of the invoices given (spread in that order)."""

    required_permission = POST

    class InputSerializer(serializers.Serializer):
        invoice_ids = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=200)
        exchange_rate = ExchangeRateField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="finance_bank_statement_line_confirm",
        parameters=[LINE_ID],
        request=InputSerializer,
        responses={201: FinancePaymentSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    @idempotent
    def post(self, request: Request, statement_line_id: int) -> Response:
        line = get_or_404(BankStatementLine.objects, pk=statement_line_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        payment = bank_statements.statement_line_confirm(
            actor=actor_of(request),
            line=line,
            invoice_ids=data.validated_data["invoice_ids"],
            rate=data.validated_data["exchange_rate"],
        )
        return Response(FinancePaymentSerializer(_payment(payment.pk)).data, status=status.HTTP_201_CREATED)


# --- online payment --------------------------------------------------------------------------------------


class OnlinePaymentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    invoice_id = serializers.IntegerField()
    gateway = serializers.CharField()
    intent_id = serializers.CharField()
    checkout_url = serializers.CharField(help_text="Send the buyer here to pay.")
    total = MoneyField(source="amount", currency="currency")
    currency = serializers.CharField()
    status = serializers.CharField()
    payment_id = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()


class OnlinePaymentCreateView(APIView):
    """Open a checkout at the online gateway for what is open on an issued invoice (``409
    online_payment_unavailable`` when the installation has no gateway)."""

    required_permission = POST

    class InputSerializer(serializers.Serializer):
        invoice_id = serializers.IntegerField()

    @extend_schema(
        operation_id="finance_online_payments_create",
        request=InputSerializer,
        responses={201: OnlinePaymentSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invoice = Invoice.objects.filter(pk=data.validated_data["invoice_id"]).first()
        if invoice is None:
            raise ValidationFailed(errors={"invoice_id": ["No such invoice."]})
        row = online_payments.online_payment_start(actor=actor_of(request), invoice=invoice)
        return Response(OnlinePaymentSerializer(row).data, status=status.HTTP_201_CREATED)


class PaymentWebhookResultSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["processed", "ignored"])
    payment_id = serializers.IntegerField(allow_null=True)


class OnlinePaymentWebhookView(APIView):
    """The online gateway's webhook, on the host of the company that opened the checkout (the gateway is
    given ``https://<company host>/api/finance/online-payments/webhook/``). No session and no
    Idempotency-Key: the gateway signs the body (``X-Hansa-Signature``) and its event id is the key, so a
    redelivered event answers the same payment. ``400 payment_webhook_signature_invalid`` for a missing,
    wrong or stale signature; ``404`` for a checkout this company does not have."""

    permission_classes = [AllowAny]
    authentication_classes: list[Any] = []
    throttle_classes: list[Any] = []
    parser_classes = [JSONParser]

    @extend_schema(
        operation_id="finance_online_payment_webhook",
        parameters=[
            OpenApiParameter(
                SIGNATURE_HEADER,
                str,
                OpenApiParameter.HEADER,
                required=True,
                description='"t=<unix time>,v1=<hex HMAC-SHA256 of \\"<t>.<raw body>\\">"',
            )
        ],
        request={"application/json": OpenApiTypes.OBJECT},
        responses={200: PaymentWebhookResultSerializer, **problem_responses(400, 404, 409)},
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        payment = online_payments.online_payment_webhook(
            body=request.body, signature=request.headers.get(SIGNATURE_HEADER, "")
        )
        return Response(
            PaymentWebhookResultSerializer(
                {
                    "outcome": "processed" if payment else "ignored",
                    "payment_id": payment.pk if payment else None,
                }
            ).data
        )


# --- bills -----------------------------------------------------------------------------------------------


class BillEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    event_date = serializers.DateField(source="date")
    face_amount = MoneyField(source="amount", currency="bill.currency")
    interest_amount = MoneyField(
        source="details.interest", currency="bill.currency", allow_null=True, help_text="Discount interest."
    )
    endorsee_name = serializers.CharField(source="details.endorsee_name", allow_null=True)
    posting_event_id = serializers.IntegerField(allow_null=True)
    entry_id = serializers.IntegerField(source="posting_event.entry.pk", allow_null=True)
    entry_number = serializers.CharField(source="posting_event.entry.number", allow_null=True)
    actor_label = serializers.CharField()
    created_at = serializers.DateTimeField()


class BillAllocationSerializer(serializers.Serializer):
    invoice_id = serializers.IntegerField()
    invoice_number = serializers.CharField(source="invoice.number")
    paid_amount = MoneyField(source="amount", currency="bill.currency")
    step = serializers.CharField(
        help_text="issued/received: the bill's own invoices; endorsed: ours it paid."
    )


class BillSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    type = serializers.ChoiceField(choices=BillType.choices)
    direction = serializers.ChoiceField(choices=BillDirection.choices)
    status = serializers.ChoiceField(choices=BillStatus.choices)
    drawer_name = serializers.CharField()
    payee_name = serializers.CharField()
    acceptor_name = serializers.CharField()
    partner_company_id = serializers.IntegerField(allow_null=True)
    customer_id = serializers.IntegerField(allow_null=True)
    partner_name = serializers.CharField()
    face_amount = MoneyField(source="amount", currency="currency")
    currency = serializers.CharField()
    issue_date = serializers.DateField()
    maturity_date = serializers.DateField()
    holder = serializers.CharField(help_text="us, partner or bank.")
    holder_name = serializers.CharField()
    bank_account_id = serializers.IntegerField(allow_null=True)
    document_id = serializers.UUIDField(allow_null=True)
    allowed_actions = serializers.SerializerMethodField()
    events = BillEventSerializer(many=True)
    allocations = BillAllocationSerializer(many=True)
    created_at = serializers.DateTimeField()

    @staticmethod
    def get_allowed_actions(bill: Bill) -> list[str]:
        held = bill.direction == BillDirection.RECEIVABLE and bill.holder == "us"
        return [
            action
            for (direction, state, action) in bills.TRANSITIONS
            if direction == bill.direction
            and state == bill.status
            and (held or action not in bills.HOLDER_ACTIONS)
        ]


def _bill(bill_id: int) -> Bill:
    return get_or_404(selectors.bill_list(), pk=bill_id)  # type: ignore[no-any-return]


class BillListView(PaginatedAPIView, APIView):
    """Commercial bills (商业汇票), by maturity."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_bills_list",
        parameters=[
            OpenApiParameter("direction", str, enum=BillDirection.values),
            OpenApiParameter("status", str, enum=BillStatus.values),
        ],
        responses={200: BillSerializer(many=True), **problem_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        rows = selectors.bill_list(
            direction=request.query_params.get("direction", ""), status=request.query_params.get("status", "")
        )
        return self.paginated(request, rows, BillSerializer)

    class InputSerializer(serializers.Serializer):
        direction = serializers.ChoiceField(
            choices=BillDirection.choices,
            help_text="payable: we draw it to pay received invoices; receivable: a customer gave it to us.",
        )
        number = serializers.CharField(max_length=60)
        type = serializers.ChoiceField(choices=BillType.choices)
        acceptor_name = serializers.CharField(max_length=200)
        drawer_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        payee_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        face_amount = MoneyField(min_value=Decimal("0.01"))
        issue_date = serializers.DateField()
        maturity_date = serializers.DateField()
        invoice_ids = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=200)
        bank_account_id = serializers.IntegerField(required=False, allow_null=True, default=None)

    @extend_schema(
        operation_id="finance_bills_create",
        request=InputSerializer,
        responses={201: BillSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    @idempotent
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        actor.require(POST)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        bill_in = bills.BillIn(
            number=v["number"],
            type=v["type"],
            acceptor_name=v["acceptor_name"],
            amount=v["face_amount"],
            issue_date=v["issue_date"],
            maturity_date=v["maturity_date"],
            drawer_name=v["drawer_name"],
            payee_name=v["payee_name"],
        )
        make = bills.bill_issue if v["direction"] == BillDirection.PAYABLE else bills.bill_receive
        row = make(
            actor=actor,
            bill=bill_in,
            invoice_ids=v["invoice_ids"],
            bank_account=_bank_account(v["bank_account_id"]),
        )
        return Response(BillSerializer(_bill(row.pk)).data, status=status.HTTP_201_CREATED)


class BillDetailView(APIView):
    required_permission = VIEW

    @extend_schema(
        operation_id="finance_bill",
        parameters=[BILL_ID],
        responses={200: BillSerializer, **problem_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, bill_id: int) -> Response:
        return Response(BillSerializer(_bill(bill_id)).data)


class BillStepInput(serializers.Serializer):
    step_date = serializers.DateField(required=False, help_text="Default: today.")
    invoice_ids = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        default=list,
        help_text="endorse: our invoices it pays.",
    )
    interest_percent = PercentField(
        required=False, allow_null=True, default=None, help_text="discount: the bank's annual rate."
    )
    bank_account_id = serializers.IntegerField(required=False, allow_null=True, default=None)


def _bill_step_view(action: str, doc: str) -> type[APIView]:
    class View(APIView):
        __doc__ = doc
        required_permission = POST

        @extend_schema(
            operation_id=f"finance_bill_{action}",
            parameters=[BILL_ID],
            request=BillStepInput,
            responses={200: BillSerializer, **problem_responses(400, 401, 403, 404, 409)},
            tags=TAGS,
        )
        def post(self, request: Request, bill_id: int) -> Response:
            from django.utils import timezone

            bill = get_or_404(Bill.objects, pk=bill_id)
            data = BillStepInput(data=request.data)
            data.is_valid(raise_exception=True)
            v = data.validated_data
            bills.bill_transition(
                actor=actor_of(request),
                bill=bill,
                action=action,
                day=v.get("step_date") or timezone.localdate(),
                invoice_ids=v["invoice_ids"],
                discount_rate=v["interest_percent"],
                bank_account=_bank_account(v["bank_account_id"]),
            )
            return Response(BillSerializer(_bill(bill.pk)).data)

    View.__name__ = f"Bill{action.title()}View"
    View.__qualname__ = View.__name__
    return View


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


class BillPdfView(APIView):
    """The bill's face and the endorsements we made, as a PDF (labels in Chinese and English)."""

    required_permission = VIEW
    renderer_classes = [JSONRenderer, PdfRenderer]

    @extend_schema(
        operation_id="finance_bill_pdf",
        parameters=[BILL_ID],
        responses={
            (200, "application/pdf"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="The bill PDF"
            ),
            **problem_responses(401, 403, 404),
        },
        tags=TAGS,
    )
    def get(self, request: Request, bill_id: int) -> HttpResponse:
        from kernel.documents import render_bill_pdf

        bill = get_or_404(Bill.objects, pk=bill_id)
        document = selectors.bill_document(bill, company_name=actor_of(request).company.name)
        response = HttpResponse(render_bill_pdf(document), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="bill-{bill.number}.pdf"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


BILL_STEP_VIEWS: dict[str, type[APIView]] = {
    "accept": _bill_step_view("accept", "The acceptor accepted our payable bill (no posting)."),
    "endorse": _bill_step_view(
        "endorse", "Endorse a held bill to a supplier to pay our invoices (背书转让)."
    ),
    "discount": _bill_step_view("discount", "Discount a held bill at a bank before maturity (贴现)."),
    "present": _bill_step_view("present", "Present a held bill for payment at maturity (no posting)."),
    "settle": _bill_step_view("settle", "The bill was paid at maturity."),
    "dishonour": _bill_step_view("dishonour", "The bill was not paid at maturity; its invoices reopen."),
}
