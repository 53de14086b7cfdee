"""Statements and reports of the books (read only; ``finance.view`` and the plan's finance feature).

Every report takes a range — ``date_from``/``date_to`` or ``period_id`` (to ``period_to_id``) — widened to
whole periods, an optional comparative range (``compare_date_from``/``compare_date_to`` or
``compare_period_id``/``compare_period_to_id``) and ``lang`` (``zh-CN`` or ``en``: which label ``label``
carries; both are always there as ``label_zh``/``label_en``). Each figure row carries its ``drill``: the
accounts, report line or cash-flow tag and dates whose entries ``/api/finance/statements/drilldown/``
lists.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.api import PaginatedAPIView, problem_responses
from kernel.errors import NotFound, ValidationFailed
from kernel.serializers import MoneyField, PercentField
from tenants.finance import reports
from tenants.finance.api.books import JournalEntrySerializer
from tenants.finance.api.common import VIEW, BooksFeature, actor_of, date_param, get_or_404, int_param
from tenants.finance.models import Account, JournalLine
from tenants.finance.reports.export import REPORTS, pdf_bytes, report_tables, workbook_bytes
from tenants.finance.reports.openitems import BUCKETS
from tenants.finance.reports.ranges import DateRange
from tenants.finance.services.posting import CASH_FLOW_TAGS

LANGS = ("zh-CN", "en")
FILE_FORMATS = ("xlsx", "pdf")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

RANGE_PARAMETERS = [
    OpenApiParameter(
        "date_from", OpenApiTypes.DATE, description="First day (widened to its period's start)."
    ),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="Last day (widened to its period's end)."),
    OpenApiParameter("period_id", int, description="The range's first period (instead of dates)."),
    OpenApiParameter("period_to_id", int, description="The range's last period (default: period_id)."),
]
COMPARE_PARAMETERS = [
    OpenApiParameter("compare_date_from", OpenApiTypes.DATE, description="Comparative range: first day."),
    OpenApiParameter("compare_date_to", OpenApiTypes.DATE, description="Comparative range: last day."),
    OpenApiParameter("compare_period_id", int, description="Comparative range: first period."),
    OpenApiParameter("compare_period_to_id", int, description="Comparative range: last period."),
]
LANG_PARAMETER = OpenApiParameter("lang", str, enum=list(LANGS), description="The language of `label`.")


def _span(request: Request, prefix: str = "") -> DateRange | None:
    values = {
        "date_from": date_param(request, f"{prefix}date_from"),
        "date_to": date_param(request, f"{prefix}date_to"),
        "period_id": int_param(request, f"{prefix}period_id"),
        "period_to_id": int_param(request, f"{prefix}period_to_id"),
    }
    if prefix and all(v is None for v in values.values()):
        return None
    return reports.range_resolve(**values)  # type: ignore[arg-type]


def _lang(request: Request) -> str:
    lang = request.query_params.get("lang", "").strip() or "zh-CN"
    if lang not in LANGS:
        raise ValidationFailed(errors={"lang": [f"Use one of {', '.join(LANGS)}."]})
    return lang


def _context(request: Request, currency: str) -> dict[str, Any]:
    return {"currency": currency, "lang": _lang(request), "request": request}


# --- serializers -----------------------------------------------------------------------------------------


class DrillSerializer(serializers.Serializer):
    """What to open behind a figure: entries with a line on ``account_ids`` (and ``cash_flow_tag``) dated
    in the range (no ``date_from``: since the books began)."""

    account_ids = serializers.ListField(child=serializers.IntegerField())
    report_line = serializers.CharField()
    cash_flow_tag = serializers.CharField()
    date_from = serializers.DateField(allow_null=True)
    date_to = serializers.DateField(allow_null=True)


class RangeSerializer(serializers.Serializer):
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    label = serializers.CharField(help_text='"2026-01" or "2026-01 to 2026-03".')  # type: ignore[assignment]


class LabelMixin(serializers.Serializer):
    label = serializers.SerializerMethodField(help_text="label_zh or label_en, as `lang` asked.")  # type: ignore[assignment]
    label_zh = serializers.CharField()
    label_en = serializers.CharField()

    def get_label(self, row: Any) -> str:
        return str(row.label_en if self.context.get("lang") == "en" else row.label_zh)


class StatementRowSerializer(LabelMixin):
    key = serializers.CharField(help_text="The report line, cash-flow tag or total it is.")
    kind = serializers.ChoiceField(
        choices=["heading", "line", "total", "note"],
        help_text="note: shown for information, not added into the totals.",
    )
    level = serializers.IntegerField()
    period_amount = MoneyField(source="amount", currency="context.currency", allow_null=True)
    compare_amount = MoneyField(currency="context.currency", allow_null=True)
    drill = DrillSerializer(allow_null=True)


class StatementSerializer(serializers.Serializer):
    statement = serializers.CharField(source="key")
    title = serializers.SerializerMethodField()
    title_zh = serializers.CharField()
    title_en = serializers.CharField()
    currency = serializers.CharField()
    period = RangeSerializer(source="span")
    compare = RangeSerializer(allow_null=True)
    rows = StatementRowSerializer(many=True)

    def get_title(self, statement: Any) -> str:
        return str(statement.title_en if self.context.get("lang") == "en" else statement.title_zh)


class CashFlowSerializer(StatementSerializer):
    opening_cash = MoneyField(currency="context.currency")
    closing_cash = MoneyField(currency="context.currency")
    net_change = MoneyField(currency="context.currency")
    indirect = StatementRowSerializer(many=True, help_text="补充资料: net profit to the net change of cash.")


class TrialBalanceRowSerializer(serializers.Serializer):
    account_id = serializers.IntegerField()
    code = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    type = serializers.CharField()
    level = serializers.IntegerField()
    is_postable = serializers.BooleanField(help_text="False: a parent account, the sum of its children.")
    opening_debit = MoneyField(currency="context.currency")
    opening_credit = MoneyField(currency="context.currency")
    debit = MoneyField(currency="context.currency")
    credit = MoneyField(currency="context.currency")
    closing_debit = MoneyField(currency="context.currency")
    closing_credit = MoneyField(currency="context.currency")
    drill = DrillSerializer()


class TrialBalanceTotalsSerializer(serializers.Serializer):
    opening_debit = MoneyField(currency="context.currency")
    opening_credit = MoneyField(currency="context.currency")
    debit = MoneyField(currency="context.currency")
    credit = MoneyField(currency="context.currency")
    closing_debit = MoneyField(currency="context.currency")
    closing_credit = MoneyField(currency="context.currency")


class TrialBalanceBodySerializer(serializers.Serializer):
    period = RangeSerializer(source="span")
    currency = serializers.CharField()
    balanced = serializers.BooleanField()
    rows = TrialBalanceRowSerializer(many=True)
    totals = TrialBalanceTotalsSerializer(help_text="Of postable accounts (parents are sums).")


class TrialBalanceSerializer(TrialBalanceBodySerializer):
    compare = TrialBalanceBodySerializer(allow_null=True)


class LedgerAccountSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    is_postable = serializers.BooleanField()


class LedgerHeaderSerializer(serializers.Serializer):
    account = LedgerAccountSerializer()
    date_from = serializers.DateField(source="span_from")
    date_to = serializers.DateField(source="span_to")
    currency = serializers.CharField()
    opening = MoneyField(currency="context.currency", help_text="Signed: debit positive.")
    debit = MoneyField(currency="context.currency")
    credit = MoneyField(currency="context.currency")
    closing = MoneyField(currency="context.currency", help_text="Signed: debit positive.")
    line_count = serializers.IntegerField(source="lines")


class LedgerLineSerializer(serializers.Serializer):
    entry_id = serializers.IntegerField()
    entry_number = serializers.CharField(source="entry.number")
    line_no = serializers.IntegerField()
    date = serializers.DateField()
    description = serializers.SerializerMethodField()
    account_id = serializers.IntegerField()
    debit = MoneyField(currency="context.currency")
    credit = MoneyField(currency="context.currency")
    balance = serializers.SerializerMethodField(help_text="After this line, signed (debit positive).")
    cash_flow_tag = serializers.CharField()
    partner_name = serializers.CharField()

    def get_description(self, line: JournalLine) -> str:
        return line.description or line.entry.description

    def get_balance(self, line: Any) -> str:
        value = self.context["opening"] + line.running
        return f"{value:.2f}"


class AgingItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="invoice_id", help_text="The invoice.")
    number = serializers.CharField()
    kind = serializers.CharField()
    issue_date = serializers.DateField()
    due_date = serializers.DateField()
    days_overdue = serializers.IntegerField()
    currency = serializers.CharField()
    open_currency_amount = MoneyField(source="amount_open_currency", currency="currency")
    open_amount = MoneyField(source="amount_open", currency="context.currency")
    bucket = serializers.ChoiceField(choices=[b[0] for b in BUCKETS])


class AgingRowSerializer(serializers.Serializer):
    partner_name = serializers.CharField()
    partner_company_id = serializers.IntegerField(allow_null=True)
    customer_id = serializers.IntegerField(allow_null=True)
    current_amount = MoneyField(source="buckets.current", currency="context.currency")
    days_1_30_amount = MoneyField(source="buckets.days_1_30", currency="context.currency")
    days_31_60_amount = MoneyField(source="buckets.days_31_60", currency="context.currency")
    days_61_90_amount = MoneyField(source="buckets.days_61_90", currency="context.currency")
    days_over_90_amount = MoneyField(source="buckets.days_over_90", currency="context.currency")
    total = MoneyField(currency="context.currency")
    items = AgingItemSerializer(many=True)


class BucketSerializer(serializers.Serializer):
    key = serializers.CharField()
    label_zh = serializers.CharField()
    label_en = serializers.CharField()


class AgingTotalsSerializer(serializers.Serializer):
    current_amount = MoneyField(source="totals.current", currency="context.currency")
    days_1_30_amount = MoneyField(source="totals.days_1_30", currency="context.currency")
    days_31_60_amount = MoneyField(source="totals.days_31_60", currency="context.currency")
    days_61_90_amount = MoneyField(source="totals.days_61_90", currency="context.currency")
    days_over_90_amount = MoneyField(source="totals.days_over_90", currency="context.currency")
    total = MoneyField(currency="context.currency")


class AgingSerializer(serializers.Serializer):
    direction = serializers.ChoiceField(choices=["out", "in"], help_text="out: receivables; in: payables.")
    as_of = serializers.DateField()
    currency = serializers.CharField()
    buckets = BucketSerializer(many=True)
    rows = AgingRowSerializer(many=True)
    totals = AgingTotalsSerializer(source="*")


class VatRowSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM of the invoices' issue date.")
    tax_rate = PercentField(source="rate")
    output_net_amount = MoneyField(source="output_net", currency="context.currency")
    output_tax_amount = MoneyField(source="output_tax", currency="context.currency")
    input_net_amount = MoneyField(source="input_net", currency="context.currency")
    input_tax_amount = MoneyField(source="input_tax", currency="context.currency")


class VatSummarySerializer(serializers.Serializer):
    period = RangeSerializer(source="span")
    currency = serializers.CharField()
    rows = VatRowSerializer(many=True)
    output_tax_amount = MoneyField(source="output_tax", currency="context.currency")
    input_tax_amount = MoneyField(source="input_tax", currency="context.currency")
    payable_amount = MoneyField(
        source="payable", currency="context.currency", help_text="Negative: carried forward (留抵)."
    )
    ledger_output_amount = MoneyField(
        source="ledger_output", currency="context.currency", help_text="The output VAT account's credits."
    )
    ledger_input_amount = MoneyField(
        source="ledger_input", currency="context.currency", help_text="The input VAT account's debits."
    )
    drill = DrillSerializer()


# --- views -----------------------------------------------------------------------------------------------


class StatementView(BooksFeature, APIView):
    required_permission = VIEW


class TrialBalanceView(StatementView):
    """科目余额表: opening, period debits and credits, closing per account, from the balances per period."""

    @extend_schema(
        operation_id="finance_statements_trial_balance",
        parameters=[*RANGE_PARAMETERS, *COMPARE_PARAMETERS, LANG_PARAMETER],
        responses={200: TrialBalanceSerializer, **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        span = _span(request)
        assert span is not None
        tb = reports.trial_balance(span=span, compare=_span(request, "compare_"))
        return Response(TrialBalanceSerializer(tb, context=_context(request, tb.currency)).data)


class BalanceSheetView(StatementView):
    """资产负债表 at the end of the range (and of the comparative range)."""

    @extend_schema(
        operation_id="finance_statements_balance_sheet",
        parameters=[*RANGE_PARAMETERS, *COMPARE_PARAMETERS, LANG_PARAMETER],
        responses={200: StatementSerializer, **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        span = _span(request)
        assert span is not None
        statement = reports.balance_sheet(span=span, compare=_span(request, "compare_"))
        return Response(StatementSerializer(statement, context=_context(request, statement.currency)).data)


class IncomeStatementView(StatementView):
    """利润表 over the range (and the comparative range)."""

    @extend_schema(
        operation_id="finance_statements_income_statement",
        parameters=[*RANGE_PARAMETERS, *COMPARE_PARAMETERS, LANG_PARAMETER],
        responses={200: StatementSerializer, **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        span = _span(request)
        assert span is not None
        statement = reports.income_statement(span=span, compare=_span(request, "compare_"))
        return Response(StatementSerializer(statement, context=_context(request, statement.currency)).data)


class CashFlowView(StatementView):
    """现金流量表: direct method from the tagged cash lines, and the indirect reconciliation."""

    @extend_schema(
        operation_id="finance_statements_cash_flow",
        parameters=[*RANGE_PARAMETERS, *COMPARE_PARAMETERS, LANG_PARAMETER],
        responses={200: CashFlowSerializer, **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        span = _span(request)
        assert span is not None
        flow = reports.cash_flow(span=span, compare=_span(request, "compare_"))
        return Response(CashFlowSerializer(flow, context=_context(request, flow.currency)).data)


def _account(request: Request) -> Account:
    account_id = int_param(request, "account_id")
    if account_id is None:
        raise ValidationFailed(errors={"account_id": ["This parameter is required."]})
    return get_or_404(Account.objects, pk=account_id)  # type: ignore[no-any-return]


def _ledger_dates(request: Request) -> tuple[date, date]:
    """Any dates (not widened to periods); ``period_id``/``period_to_id`` give whole periods instead, and
    a missing end defaults to the current month's."""
    if request.query_params.get("period_id", "").strip():
        span = reports.range_resolve(
            period_id=int_param(request, "period_id"), period_to_id=int_param(request, "period_to_id")
        )
        return span.date_from, span.date_to
    date_from, date_to = date_param(request, "date_from"), date_param(request, "date_to")
    if date_from is None or date_to is None:
        default = reports.range_resolve(date_from=date_from, date_to=date_to)
        date_from, date_to = date_from or default.date_from, date_to or default.date_to
    if date_to < date_from:
        raise ValidationFailed(errors={"date_to": ["The range ends before it starts."]})
    return date_from, date_to


LEDGER_PARAMETERS = [
    OpenApiParameter("account_id", int, required=True, description="A parent account reads its children."),
    OpenApiParameter("date_from", OpenApiTypes.DATE, description="Any day (not widened)."),
    OpenApiParameter("date_to", OpenApiTypes.DATE, description="Any day (not widened)."),
    OpenApiParameter("period_id", int),
    OpenApiParameter("period_to_id", int),
]


class GeneralLedgerView(StatementView):
    """One account over a range: opening balance, debits, credits, closing balance (lines: see
    ``finance_statements_general_ledger_lines``)."""

    @extend_schema(
        operation_id="finance_statements_general_ledger",
        parameters=LEDGER_PARAMETERS,
        responses={200: LedgerHeaderSerializer, **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        account = _account(request)
        date_from, date_to = _ledger_dates(request)
        header, _lines = reports.general_ledger(account=account, date_from=date_from, date_to=date_to)
        return Response(LedgerHeaderSerializer(header, context={"currency": header.currency}).data)


class GeneralLedgerLinesView(StatementView, PaginatedAPIView):
    """The account's lines in the range, oldest first, each with the balance after it (明细账)."""

    @extend_schema(
        operation_id="finance_statements_general_ledger_lines",
        parameters=LEDGER_PARAMETERS,
        responses={200: LedgerLineSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        account = _account(request)
        date_from, date_to = _ledger_dates(request)
        header, lines = reports.general_ledger(account=account, date_from=date_from, date_to=date_to)
        return self.paginated(
            request,
            lines,
            LedgerLineSerializer,
            context={"currency": header.currency, "opening": header.opening},
        )


class AgingView(StatementView):
    """AR (``direction=out``) or AP (``direction=in``) aging of the open invoices at a date, by partner."""

    @extend_schema(
        operation_id="finance_statements_aging",
        parameters=[
            OpenApiParameter("direction", str, enum=["out", "in"], description="out: receivables (default)."),
            OpenApiParameter("as_of", OpenApiTypes.DATE, description="Default: today."),
            LANG_PARAMETER,
        ],
        responses={200: AgingSerializer, **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        direction = request.query_params.get("direction", "out").strip() or "out"
        if direction not in ("out", "in"):
            raise ValidationFailed(errors={"direction": ["Use out or in."]})
        as_of = date_param(request, "as_of") or date.today()
        report = reports.aging(direction=direction, as_of=as_of)
        return Response(AgingSerializer(report, context=_context(request, report.currency)).data)


class VatSummaryView(StatementView):
    """Output and input VAT per month and rate from the invoices, what is payable, and the VAT accounts."""

    @extend_schema(
        operation_id="finance_statements_vat_summary",
        parameters=[*RANGE_PARAMETERS, LANG_PARAMETER],
        responses={200: VatSummarySerializer, **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        span = _span(request)
        assert span is not None
        report = reports.vat_summary(span=span)
        return Response(VatSummarySerializer(report, context=_context(request, report.currency)).data)


class DrilldownView(StatementView, PaginatedAPIView):
    """The journal entries behind a figure: with a line on one of ``account_ids`` (comma-separated; and
    with ``cash_flow_tag`` when given) dated in the range, newest first."""

    @extend_schema(
        operation_id="finance_statements_drilldown",
        parameters=[
            OpenApiParameter("account_ids", str, required=True, description="Comma-separated account ids."),
            OpenApiParameter("cash_flow_tag", str, enum=sorted(CASH_FLOW_TAGS)),
            OpenApiParameter("date_from", OpenApiTypes.DATE),
            OpenApiParameter("date_to", OpenApiTypes.DATE),
        ],
        responses={200: JournalEntrySerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        raw = [x.strip() for x in request.query_params.get("account_ids", "").split(",") if x.strip()]
        if not raw or not all(x.isdigit() for x in raw):
            raise ValidationFailed(errors={"account_ids": ["Give account ids, comma-separated."]})
        ids = {int(x) for x in raw}
        if Account.objects.filter(pk__in=ids).count() != len(ids):
            raise NotFound()
        tag = request.query_params.get("cash_flow_tag", "").strip()
        if tag and tag not in CASH_FLOW_TAGS:
            raise ValidationFailed(errors={"cash_flow_tag": ["Unknown cash-flow tag."]})
        lines = JournalLine.objects.filter(account_id__in=ids)
        if tag:
            lines = (
                lines.filter(cash_flow_tag=tag)
                if tag not in _DEFAULT_TAGS
                else lines.filter(cash_flow_tag__in=[tag, ""])
            )
        date_from, date_to = date_param(request, "date_from"), date_param(request, "date_to")
        if date_from:
            lines = lines.filter(date__gte=date_from)
        if date_to:
            lines = lines.filter(date__lte=date_to)
        from tenants.finance import selectors

        rows = selectors.entry_list().filter(pk__in=lines.values("entry_id"))
        return self.paginated(request, rows, JournalEntrySerializer)


_DEFAULT_TAGS = {"other_operating_receipts", "other_operating_payments"}


class FileNegotiation(DefaultContentNegotiation):
    """A view answering a file: errors stay problem+json whatever Accept asked for."""

    def select_renderer(self, request: Any, renderers: Any, format_suffix: Any = None) -> Any:
        return renderers[0], renderers[0].media_type


class ExportView(StatementView):
    """A statement (or all of them, XLSX only) as a file: XLSX (one sheet per statement, numbers with number
    formats, bilingual headings) or PDF (``kernel.documents``, CJK font embedded)."""

    content_negotiation_class = FileNegotiation

    @extend_schema(
        operation_id="finance_statements_export",
        parameters=[
            OpenApiParameter("report", str, required=True, enum=[*REPORTS, "all"]),
            OpenApiParameter("file_format", str, enum=list(FILE_FORMATS), description="Default xlsx."),
            OpenApiParameter("as_of", OpenApiTypes.DATE, description="Agings: default the range's end."),
            *RANGE_PARAMETERS,
            *COMPARE_PARAMETERS,
            OpenApiParameter("lang", str, enum=[*LANGS, "both"], description="Labels; default both."),
        ],
        responses={
            (200, XLSX): OpenApiResponse(response=OpenApiTypes.BINARY, description="The workbook"),
            (200, "application/pdf"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="The statement as PDF (one statement, not all)"
            ),
            **problem_responses(400, 401, 403, 404),
        },
        tags=["finance"],
    )
    def get(self, request: Request) -> HttpResponse:
        report = request.query_params.get("report", "").strip()
        if report not in (*REPORTS, "all"):
            raise ValidationFailed(errors={"report": [f"Use one of {', '.join((*REPORTS, 'all'))}."]})
        file_format = request.query_params.get("file_format", "xlsx").strip() or "xlsx"
        if file_format not in FILE_FORMATS:
            raise ValidationFailed(errors={"file_format": [f"Use one of {', '.join(FILE_FORMATS)}."]})
        lang = request.query_params.get("lang", "").strip() or "both"
        if lang not in (*LANGS, "both"):
            raise ValidationFailed(errors={"lang": ["Use zh-CN, en or both."]})
        span = _span(request)
        assert span is not None
        as_of = date_param(request, "as_of") or span.date_to
        tables = report_tables(report=report, span=span, compare=_span(request, "compare_"), as_of=as_of)
        company = actor_of(request).company
        name = company.legal_name or company.name
        stem = f"{report}-{span.label.replace(' ', '')}"
        if file_format == "pdf":
            if report == "all":
                raise ValidationFailed(errors={"report": ["A PDF holds one statement: name it."]})
            content, media = pdf_bytes(tables[0], company=name, lang=lang), "application/pdf"
        else:
            content, media = workbook_bytes(tables, company=name, lang=lang), XLSX
        response = HttpResponse(content, content_type=media)
        response["Content-Disposition"] = f'attachment; filename="{stem}.{file_format}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
