"""The books: settings, chart of accounts, fiscal periods, journals, journal entries, posting rules and the
business events they post. Reading needs ``finance.view``; writing ``finance.post``; all of it the plan's
``finance`` feature."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kernel.api import PaginatedAPIView, problem_responses
from kernel.errors import ValidationFailed
from kernel.idempotency import idempotent
from kernel.serializers import ExchangeRateField, MoneyField, PercentField
from tenants.finance import selectors
from tenants.finance.api.common import POST, VIEW, BooksFeature, actor_of, date_param, get_or_404, int_param
from tenants.finance.charts import REPORT_LINES
from tenants.finance.models import (
    Account,
    AccountType,
    ChartTemplate,
    EventStatus,
    FiscalYear,
    Journal,
    JournalEntry,
    Period,
    PeriodStatus,
    PostingEvent,
    PostingRule,
    Project,
)
from tenants.finance.services import books
from tenants.finance.services.posting import (
    CASH_FLOW_TAGS,
    Leg,
    entry_post,
    entry_reverse,
    event_post,
)

ACCOUNT_ID = OpenApiParameter("account_id", int, OpenApiParameter.PATH)
PERIOD_ID = OpenApiParameter("period_id", int, OpenApiParameter.PATH)
ENTRY_ID = OpenApiParameter("entry_id", int, OpenApiParameter.PATH)
RULE_ID = OpenApiParameter("posting_rule_id", int, OpenApiParameter.PATH)
EVENT_ID = OpenApiParameter("posting_event_id", int, OpenApiParameter.PATH)


def _home(_: Any = None) -> str:
    return selectors.settings_get().functional_currency


# --- settings --------------------------------------------------------------------------------------------


class FinanceSettingsSerializer(serializers.Serializer):
    chart_template = serializers.ChoiceField(choices=ChartTemplate.choices, read_only=True)
    functional_currency = serializers.CharField(read_only=True)
    fiscal_year_start_month = serializers.IntegerField(read_only=True)
    price_tolerance_percent = PercentField(
        required=False, help_text="Three-way match: how far an invoice's unit price may exceed the order's."
    )
    quantity_tolerance_percent = PercentField(
        required=False, help_text="Three-way match: how far an invoiced quantity may exceed the received one."
    )
    tax_id = serializers.CharField(
        max_length=64, required=False, allow_blank=True, help_text="统一社会信用代码 / VAT number."
    )
    approve_matched_invoices = serializers.BooleanField(
        required=False,
        help_text="Received invoices wait for an approval even when they match (otherwise only mismatches do).",
    )
    default_vat_percent = PercentField(
        source="default_vat_rate", required=False, help_text="VAT rate proposed on new invoice lines."
    )


class FinanceSettingsView(BooksFeature, APIView):
    """How the company's books are kept: chart template, functional currency, match tolerances, tax id."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_settings",
        responses={200: FinanceSettingsSerializer, **problem_responses(401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        return Response(FinanceSettingsSerializer(selectors.settings_get()).data)

    @extend_schema(
        operation_id="finance_settings_update",
        request=FinanceSettingsSerializer,
        responses={200: FinanceSettingsSerializer, **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def patch(self, request: Request) -> Response:
        actor_of(request).require(POST)
        data = FinanceSettingsSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        updated = books.finance_settings_update(actor=actor_of(request), **data.validated_data)
        return Response(FinanceSettingsSerializer(updated).data)


# --- accounts --------------------------------------------------------------------------------------------


class AccountSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()
    type = serializers.ChoiceField(choices=AccountType.choices)
    parent_id = serializers.IntegerField(allow_null=True)
    is_postable = serializers.BooleanField(help_text="False for a summary (parent) account.")
    role = serializers.CharField(help_text="What posting rules and statements know it by; empty if none.")
    report_line = serializers.CharField(help_text="Its line in the balance sheet or income statement.")
    is_cash = serializers.BooleanField()
    currency = serializers.CharField(help_text="Empty: any currency.")
    is_active = serializers.BooleanField()


class AccountListView(BooksFeature, PaginatedAPIView, APIView):
    """The chart of accounts, by code."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_accounts_list",
        parameters=[
            OpenApiParameter("search", str, description="Code prefix or part of a name."),
            OpenApiParameter("type", str, enum=AccountType.values),
            OpenApiParameter("postable", bool),
        ],
        responses={200: AccountSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        postable = request.query_params.get("postable")
        rows = selectors.account_list(
            search=request.query_params.get("search", "").strip(),
            type=request.query_params.get("type", ""),
            postable=None if postable in (None, "") else postable == "true",
        )
        return self.paginated(request, rows, AccountSerializer)

    class InputSerializer(serializers.Serializer):
        code = serializers.CharField(max_length=20)
        name_zh = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        name_en = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        parent_id = serializers.IntegerField(required=False, allow_null=True, default=None)
        type = serializers.ChoiceField(
            choices=AccountType.choices, required=False, help_text="Required without a parent."
        )
        report_line = serializers.ChoiceField(
            choices=sorted(REPORT_LINES), required=False, help_text="Required without a parent."
        )
        is_cash = serializers.BooleanField(required=False, default=False)
        currency = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="finance_accounts_create",
        request=InputSerializer,
        responses={201: AccountSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=["finance"],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        actor.require(POST)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        parent = None
        if (parent_id := values.pop("parent_id")) is not None:
            parent = Account.objects.filter(pk=parent_id).first()
            if parent is None:
                raise ValidationFailed(errors={"parent_id": ["No such account."]})
        account = books.account_create(
            actor=actor,
            parent=parent,
            type=values.pop("type", ""),
            report_line=values.pop("report_line", ""),
            **values,
        )
        return Response(AccountSerializer(account).data, status=status.HTTP_201_CREATED)


class AccountDetailView(BooksFeature, APIView):
    required_permission = VIEW

    @extend_schema(
        operation_id="finance_account",
        parameters=[ACCOUNT_ID],
        responses={200: AccountSerializer, **problem_responses(401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request, account_id: int) -> Response:
        return Response(AccountSerializer(get_or_404(Account.objects, pk=account_id)).data)

    class InputSerializer(serializers.Serializer):
        name_zh = serializers.CharField(max_length=200, required=False)
        name_en = serializers.CharField(max_length=200, required=False)
        is_active = serializers.BooleanField(required=False)
        is_cash = serializers.BooleanField(required=False)

    @extend_schema(
        operation_id="finance_account_update",
        parameters=[ACCOUNT_ID],
        request=InputSerializer,
        responses={200: AccountSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=["finance"],
    )
    def patch(self, request: Request, account_id: int) -> Response:
        actor = actor_of(request)
        actor.require(POST)
        account = get_or_404(Account.objects, pk=account_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        account = books.account_update(actor=actor, account=account, **data.validated_data)
        return Response(AccountSerializer(account).data)


# --- periods ---------------------------------------------------------------------------------------------


class PeriodSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    fiscal_year = serializers.CharField(source="fiscal_year.name")
    number = serializers.IntegerField()
    label = serializers.CharField(help_text="YYYY-MM of its first day.")  # type: ignore[assignment]
    start = serializers.DateField()
    end = serializers.DateField()
    status = serializers.ChoiceField(choices=PeriodStatus.choices)
    closed_at = serializers.DateTimeField(allow_null=True)
    closed_by = serializers.CharField(source="closed_by_label")


class PeriodListView(BooksFeature, PaginatedAPIView, APIView):
    """Fiscal periods (months), oldest first."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_periods_list",
        parameters=[OpenApiParameter("fiscal_year", str, description='A fiscal year\'s name, e.g. "2026".')],
        responses={200: PeriodSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        rows = selectors.period_list(year=request.query_params.get("fiscal_year", "").strip())
        return self.paginated(request, rows, PeriodSerializer)


class FiscalYearSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()


class FiscalYearCreateView(BooksFeature, APIView):
    """Open a fiscal year (twelve monthly periods); opening one that exists answers it again."""

    required_permission = POST

    class InputSerializer(serializers.Serializer):
        year = serializers.IntegerField(
            min_value=2000, max_value=2100, help_text="The calendar year it starts in."
        )

    @extend_schema(
        operation_id="finance_fiscal_years_create",
        request=InputSerializer,
        responses={201: FiscalYearSerializer, **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        year: FiscalYear = books.fiscal_year_create(actor=actor_of(request), year=data.validated_data["year"])
        return Response(FiscalYearSerializer(year).data, status=status.HTTP_201_CREATED)


class PeriodCloseView(BooksFeature, APIView):
    """Close a period: nothing posts into it afterwards. Periods close in order (audited)."""

    required_permission = POST

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    @extend_schema(
        operation_id="finance_period_close",
        parameters=[PERIOD_ID],
        request=InputSerializer,
        responses={200: PeriodSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=["finance"],
    )
    def post(self, request: Request, period_id: int) -> Response:
        period = get_or_404(Period.objects, pk=period_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        closed = books.period_close(
            actor=actor_of(request), period=period, reason=data.validated_data["reason"]
        )
        return Response(PeriodSerializer(closed).data)


class PeriodReopenView(BooksFeature, APIView):
    """Reopen the latest closed period, with a reason (audited)."""

    required_permission = POST

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=500)

    @extend_schema(
        operation_id="finance_period_reopen",
        parameters=[PERIOD_ID],
        request=InputSerializer,
        responses={200: PeriodSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=["finance"],
    )
    def post(self, request: Request, period_id: int) -> Response:
        period = get_or_404(Period.objects, pk=period_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        opened = books.period_reopen(
            actor=actor_of(request), period=period, reason=data.validated_data["reason"]
        )
        return Response(PeriodSerializer(opened).data)


# --- journals, projects ----------------------------------------------------------------------------------


class JournalSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()


class JournalListView(BooksFeature, PaginatedAPIView, APIView):
    required_permission = VIEW

    @extend_schema(
        operation_id="finance_journals_list",
        responses={200: JournalSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        return self.paginated(request, Journal.objects.order_by("code"), JournalSerializer)


class ProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    is_active = serializers.BooleanField()


class ProjectListView(BooksFeature, PaginatedAPIView, APIView):
    """Projects: an accounting dimension of journal lines (with departments and partners)."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_projects_list",
        responses={200: ProjectSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        return self.paginated(request, Project.objects.order_by("code"), ProjectSerializer)

    class InputSerializer(serializers.Serializer):
        code = serializers.CharField(max_length=40)
        name = serializers.CharField(max_length=200)

    @extend_schema(
        operation_id="finance_projects_create",
        request=InputSerializer,
        responses={201: ProjectSerializer, **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    @idempotent
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        actor.require(POST)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        project = books.project_create(actor=actor, **data.validated_data)
        return Response(ProjectSerializer(project).data, status=status.HTTP_201_CREATED)


# --- journal entries -------------------------------------------------------------------------------------


class AccountRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()


class JournalLineSerializer(serializers.Serializer):
    line_no = serializers.IntegerField()
    account = AccountRefSerializer()
    debit = MoneyField(currency=_home)
    credit = MoneyField(currency=_home)
    currency = serializers.CharField(help_text="The transaction currency.")
    amount_currency = MoneyField(currency="currency", help_text="Signed (debit positive), in `currency`.")
    rate = ExchangeRateField(help_text="Functional currency per unit of `currency`.")
    description = serializers.CharField()
    department_id = serializers.IntegerField(allow_null=True)
    project_id = serializers.IntegerField(allow_null=True)
    partner_company_id = serializers.IntegerField(allow_null=True)
    partner_customer_id = serializers.IntegerField(allow_null=True)
    partner_name = serializers.CharField()
    cash_flow_tag = serializers.CharField()


class JournalEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField(
        help_text="<journal>-<year>-<6 digits>, without gaps per journal and year."
    )
    journal = serializers.CharField(source="journal.code")
    period = serializers.CharField(source="period.label")
    period_id = serializers.IntegerField()
    date = serializers.DateField()
    description = serializers.CharField()
    source_kind = serializers.CharField(help_text='"manual", "reversal", or the business event it posts.')
    source_id = serializers.CharField()
    event_id = serializers.IntegerField(allow_null=True)
    reversal_of_id = serializers.IntegerField(allow_null=True)
    reversed_by_id = serializers.SerializerMethodField()
    total = MoneyField(currency=_home)
    currency = serializers.SerializerMethodField()
    created_by = serializers.CharField(source="created_by_label")
    created_at = serializers.DateTimeField()
    lines = JournalLineSerializer(many=True)

    def get_reversed_by_id(self, entry: JournalEntry) -> int | None:
        try:
            return int(entry.reversed_by.pk)
        except JournalEntry.reversed_by.RelatedObjectDoesNotExist:  # type: ignore[attr-defined]
            return None

    def get_currency(self, entry: JournalEntry) -> str:
        return _home()


class EntryListView(BooksFeature, PaginatedAPIView, APIView):
    """Journal entries, newest first, with their lines."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_entries_list",
        parameters=[
            OpenApiParameter("journal", str),
            OpenApiParameter("period_id", int),
            OpenApiParameter("account_id", int, description="Entries with a line on this account."),
            OpenApiParameter("source_kind", str),
            OpenApiParameter("source_id", str),
            OpenApiParameter("date_from", str, description="YYYY-MM-DD"),
            OpenApiParameter("date_to", str, description="YYYY-MM-DD"),
        ],
        responses={200: JournalEntrySerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        rows = selectors.entry_list(
            journal=request.query_params.get("journal", "").strip(),
            period_id=int_param(request, "period_id"),
            account_id=int_param(request, "account_id"),
            source_kind=request.query_params.get("source_kind", "").strip(),
            source_id=request.query_params.get("source_id", "").strip(),
            date_from=date_param(request, "date_from"),
            date_to=date_param(request, "date_to"),
        )
        return self.paginated(request, rows, JournalEntrySerializer)

    class LineInput(serializers.Serializer):
        account_id = serializers.IntegerField()
        debit = MoneyField(required=False, default=Decimal(0), min_value=Decimal(0))
        credit = MoneyField(required=False, default=Decimal(0), min_value=Decimal(0))
        description = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
        currency = serializers.RegexField(
            r"^[A-Z]{3}$", required=False, help_text="Transaction currency; default the functional one."
        )
        amount_currency = MoneyField(
            required=False, allow_null=True, default=None, help_text="Signed amount in `currency`."
        )
        rate = ExchangeRateField(required=False, default=Decimal(1), min_value=Decimal("0.00000001"))
        department_id = serializers.IntegerField(required=False, allow_null=True, default=None)
        project_id = serializers.IntegerField(required=False, allow_null=True, default=None)
        partner_company_id = serializers.IntegerField(required=False, allow_null=True, default=None)
        partner_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        cash_flow_tag = serializers.ChoiceField(
            choices=sorted(CASH_FLOW_TAGS), required=False, allow_blank=True, default=""
        )

    class InputSerializer(serializers.Serializer):
        date = serializers.DateField()
        journal = serializers.CharField(max_length=8, required=False, default="GJ")
        description = serializers.CharField(max_length=500)
        lines = serializers.ListField(min_length=2, max_length=500)

    @extend_schema(
        operation_id="finance_entries_create",
        request=InputSerializer,
        responses={201: JournalEntrySerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=["finance"],
        description="Post a manual journal entry. Each line is a debit or a credit; they must balance.",
    )
    @idempotent
    def post(self, request: Request) -> Response:
        actor = actor_of(request)
        actor.require(POST)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if not Journal.objects.filter(code=values["journal"]).exists():
            raise ValidationFailed(errors={"journal": ["No such journal."]})
        errors: dict[str, list[str]] = {}
        legs: list[Leg] = []
        accounts = {a.pk: a for a in Account.objects.filter(pk__in=[_id(x) for x in values["lines"]])}
        projects = set(Project.objects.values_list("pk", flat=True))
        for index, raw in enumerate(values["lines"]):
            line = self.LineInput(data=raw if isinstance(raw, dict) else {})
            if not line.is_valid():
                for key, messages in line.errors.items():
                    errors[f"lines.{index}.{key}"] = [str(m) for m in messages]
                continue
            item = line.validated_data
            account = accounts.get(item["account_id"])
            if account is None:
                errors[f"lines.{index}.account_id"] = ["No such account."]
                continue
            if (item["debit"] > 0) == (item["credit"] > 0):
                errors[f"lines.{index}.debit"] = ["Give a debit or a credit, not both and not neither."]
                continue
            if item["project_id"] is not None and item["project_id"] not in projects:
                errors[f"lines.{index}.project_id"] = ["No such project."]
                continue
            amount = item["debit"] - item["credit"]
            legs.append(
                Leg(
                    amount=amount,
                    account=account,
                    currency=item.get("currency", ""),
                    amount_currency=item["amount_currency"],
                    rate=item["rate"],
                    description=item["description"],
                    department_id=item["department_id"],
                    project_id=item["project_id"],
                    partner_company_id=item["partner_company_id"],
                    partner_name=item["partner_name"],
                    cash_flow_tag=item["cash_flow_tag"],
                )
            )
        if errors:
            raise ValidationFailed(errors=errors)
        entry = entry_post(
            legs=legs,
            day=values["date"],
            description=values["description"],
            journal=values["journal"],
            source_kind="manual",
            actor_id=actor.user.pk if actor.user else None,
            actor_label=actor.label,
        )
        entry = selectors.entry_list().get(pk=entry.pk)
        return Response(JournalEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


def _id(raw: Any) -> int:
    value = raw.get("account_id") if isinstance(raw, dict) else None
    return value if isinstance(value, int) else 0


class EntryDetailView(BooksFeature, APIView):
    required_permission = VIEW

    @extend_schema(
        operation_id="finance_entry",
        parameters=[ENTRY_ID],
        responses={200: JournalEntrySerializer, **problem_responses(401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request, entry_id: int) -> Response:
        return Response(JournalEntrySerializer(get_or_404(selectors.entry_list(), pk=entry_id)).data)


class EntryReverseView(BooksFeature, APIView):
    """Correct a posted entry by posting its mirror image (entries are never changed or deleted)."""

    required_permission = POST

    class InputSerializer(serializers.Serializer):
        date = serializers.DateField(required=False, help_text="Default: the entry's own date.")
        reason = serializers.CharField(max_length=400)

    @extend_schema(
        operation_id="finance_entry_reverse",
        parameters=[ENTRY_ID],
        request=InputSerializer,
        responses={201: JournalEntrySerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=["finance"],
    )
    @idempotent
    def post(self, request: Request, entry_id: int) -> Response:
        actor = actor_of(request)
        entry = get_or_404(JournalEntry.objects, pk=entry_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reversal = entry_reverse(
            entry=entry,
            day=data.validated_data.get("date"),
            reason=data.validated_data["reason"],
            actor_id=actor.user.pk if actor.user else None,
            actor_label=actor.label,
        )
        reversal = selectors.entry_list().get(pk=reversal.pk)
        return Response(JournalEntrySerializer(reversal).data, status=status.HTTP_201_CREATED)


# --- posting rules and events ----------------------------------------------------------------------------


class PostingRuleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    event_kind = serializers.CharField()
    component = serializers.CharField()
    side = serializers.ChoiceField(choices=["debit", "credit"], help_text="The usual side of this component.")
    account = AccountRefSerializer()
    description_zh = serializers.CharField()
    description_en = serializers.CharField()
    updated_at = serializers.DateTimeField()


class PostingRuleListView(BooksFeature, PaginatedAPIView, APIView):
    """The rule table: for each business event, the account each of its components posts to."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_posting_rules_list",
        parameters=[OpenApiParameter("event_kind", str)],
        responses={200: PostingRuleSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        books.rules_ensure()
        rows = selectors.rule_list(event_kind=request.query_params.get("event_kind", "").strip())
        return self.paginated(request, rows, PostingRuleSerializer)


class PostingRuleDetailView(BooksFeature, APIView):
    required_permission = POST

    class InputSerializer(serializers.Serializer):
        account_id = serializers.IntegerField()

    @extend_schema(
        operation_id="finance_posting_rule_update",
        parameters=[RULE_ID],
        request=InputSerializer,
        responses={200: PostingRuleSerializer, **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
        description="Point the rule at another postable account; entries already posted are not changed.",
    )
    def patch(self, request: Request, posting_rule_id: int) -> Response:
        rule = get_or_404(PostingRule.objects.select_related("account"), pk=posting_rule_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        account = Account.objects.filter(pk=data.validated_data["account_id"]).first()
        if account is None:
            raise ValidationFailed(errors={"account_id": ["No such account."]})
        rule = books.posting_rule_update(actor=actor_of(request), rule=rule, account=account)
        return Response(PostingRuleSerializer(rule).data)


class PostingEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    source_id = serializers.CharField()
    occurred_on = serializers.DateField()
    status = serializers.ChoiceField(choices=EventStatus.choices)
    attempts = serializers.IntegerField()
    last_error = serializers.CharField()
    entry_id = serializers.SerializerMethodField()
    entry_number = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    posted_at = serializers.DateTimeField(allow_null=True)

    def get_entry_id(self, event: PostingEvent) -> int | None:
        entry = _entry_of(event)
        return entry.pk if entry is not None else None

    def get_entry_number(self, event: PostingEvent) -> str | None:
        entry = _entry_of(event)
        return entry.number if entry is not None else None


def _entry_of(event: PostingEvent) -> JournalEntry | None:
    try:
        return event.entry  # type: ignore[no-any-return]
    except PostingEvent.entry.RelatedObjectDoesNotExist:  # type: ignore[attr-defined]
        return None


class PostingEventListView(BooksFeature, PaginatedAPIView, APIView):
    """Business events and what became of them: posted (with the entry), nothing to post, or failed."""

    required_permission = VIEW

    @extend_schema(
        operation_id="finance_posting_events_list",
        parameters=[
            OpenApiParameter("status", str, enum=EventStatus.values),
            OpenApiParameter(
                "kind", str, description="A business event kind (see the posting rules' event_kind)."
            ),
        ],
        responses={200: PostingEventSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=["finance"],
    )
    def get(self, request: Request) -> Response:
        rows = selectors.event_list(
            status=request.query_params.get("status", ""), kind=request.query_params.get("kind", "")
        )
        return self.paginated(request, rows, PostingEventSerializer)


class PostingEventRetryView(BooksFeature, APIView):
    """Post a failed or pending event now (after fixing its cause, e.g. reopening a period)."""

    required_permission = POST

    @extend_schema(
        operation_id="finance_posting_event_retry",
        parameters=[EVENT_ID],
        request=None,
        responses={200: PostingEventSerializer, **problem_responses(401, 403, 404)},
        tags=["finance"],
    )
    def post(self, request: Request, posting_event_id: int) -> Response:
        get_or_404(PostingEvent.objects, pk=posting_event_id)
        event_post(event_id=posting_event_id)
        return Response(PostingEventSerializer(selectors.event_list().get(pk=posting_event_id)).data)
