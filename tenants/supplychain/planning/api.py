"""Planning API on a company's host (under /api/supplychain/): forecasts and their versions (entered,
imported from XLSX, derived from consumption), the supplier's commitments, and scheduling sales orders from
a commitment. Reading needs ``supplychain.view``; every write ``supplychain.manage`` (scheduling also
``so.manage``). The buyer's forecasts (side ``buyer``) and those it received (side ``supplier``) share the
list; which operations apply depends on the side (``409`` otherwise)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from identity.access import Actor
from kernel.api import PaginatedAPIView, problem_responses
from kernel.errors import ValidationFailed
from kernel.idempotency import idempotent
from kernel.serializers import PercentField, QuantityField, UnitPriceField
from tenants.supplychain.planning import selectors, services
from tenants.supplychain.planning.models import DEFAULT_TOLERANCE, ForecastSide
from tenants.supplychain.planning.weeks import WEEK_RE

VIEW, MANAGE = services.VIEW, services.MANAGE
TAGS = ["supply-chain planning"]
FORECAST_ID = OpenApiParameter("forecast_id", int, OpenApiParameter.PATH)
COMMITMENT_ID = OpenApiParameter("commitment_id", int, OpenApiParameter.PATH)
VERSION = OpenApiParameter("version", int, OpenApiParameter.PATH, description="The version number (1, 2, …)")


def _actor(request: Request) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


def _week_field(**kwargs: Any) -> serializers.RegexField:
    kwargs.setdefault("help_text", "ISO week, e.g. 2026-W50")
    return serializers.RegexField(WEEK_RE.pattern, max_length=8, **kwargs)


def _int_query(request: Request, name: str) -> int | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise ValidationFailed(errors={name: ["Enter a whole number from 1."]})
    return int(raw)


# --- serializers -----------------------------------------------------------------------------------------


class PlanningForecastSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.UUIDField(help_text="Names the forecast on both sides (it travels in the documents).")
    side = serializers.CharField(help_text="buyer: we publish it; supplier: we received it.")
    title = serializers.CharField()
    partner_company_id = serializers.IntegerField(help_text="The other company: the supplier or the buyer.")
    partner_name = serializers.CharField()
    start_week = serializers.CharField()
    weeks = serializers.IntegerField()
    tolerance_percent = PercentField()
    current_version = serializers.IntegerField(help_text="0 until the first version is published.")
    latest_commitment_number = serializers.IntegerField(allow_null=True)
    flagged_count = serializers.IntegerField(
        allow_null=True, help_text="Cells of the newest commitment beyond the tolerance."
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class PlanningVersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    source = serializers.CharField(help_text="entered | imported | derived | received")  # type: ignore[assignment]
    start_week = serializers.CharField()
    weeks = serializers.IntegerField()
    tolerance_percent = PercentField()
    note = serializers.CharField()
    document_id = serializers.UUIDField(allow_null=True)
    published_by = serializers.CharField()
    published_at = serializers.DateTimeField()
    line_count = serializers.IntegerField()
    total_quantity = QuantityField(allow_null=True)


class PlanningForecastLineSerializer(serializers.Serializer):
    sku = serializers.CharField()
    description = serializers.CharField()
    unit = serializers.CharField()
    week = serializers.CharField()
    quantity = QuantityField()


class PlanningVersionDetailSerializer(PlanningVersionSerializer):
    lines = PlanningForecastLineSerializer(many=True, source="lines.all")


class PlanningDiffRowSerializer(serializers.Serializer):
    sku = serializers.CharField()
    week = serializers.CharField()
    before_quantity = QuantityField()
    after_quantity = QuantityField()
    change_quantity = QuantityField()


class PlanningDiffSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    against = serializers.IntegerField()
    rows = PlanningDiffRowSerializer(many=True)


class PlanningPlanCellSerializer(serializers.Serializer):
    week = serializers.CharField()
    forecast_quantity = QuantityField()
    committed_quantity = QuantityField(allow_null=True)
    deviation_quantity = QuantityField(allow_null=True, help_text="committed - forecast")
    deviation_percent = PercentField(
        allow_null=True, max_digits=18, help_text="Of the forecast; null if it is 0."
    )
    flagged = serializers.BooleanField(help_text="The deviation is beyond the tolerance.")
    sales_order_number = serializers.CharField(
        help_text="The scheduled sales order (supplier side), or empty."
    )


class PlanningPlanRowSerializer(serializers.Serializer):
    sku = serializers.CharField()
    supplier_sku = serializers.CharField()
    description = serializers.CharField()
    unit = serializers.CharField()
    cells = PlanningPlanCellSerializer(many=True)


class PlanningWeekTotalSerializer(serializers.Serializer):
    week = serializers.CharField()
    forecast_quantity = QuantityField()
    committed_quantity = QuantityField(allow_null=True)


class PlanningPlanSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    commitment_id = serializers.IntegerField(allow_null=True)
    commitment_number = serializers.IntegerField(allow_null=True)
    tolerance_percent = PercentField()
    weeks = serializers.ListField(child=serializers.CharField())
    rows = PlanningPlanRowSerializer(many=True)
    totals = PlanningWeekTotalSerializer(many=True)


class PlanningForecastDetailSerializer(PlanningForecastSerializer):
    plan = PlanningPlanSerializer(allow_null=True, help_text="Null until a version is published.")


class PlanningCommitmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    forecast_id = serializers.IntegerField()
    number = serializers.IntegerField()
    version = serializers.IntegerField(source="version.number")
    note = serializers.CharField()
    flagged_count = serializers.IntegerField()
    document_id = serializers.UUIDField(allow_null=True)
    committed_by = serializers.CharField()
    committed_at = serializers.DateTimeField()


class PlanningCommitmentLineSerializer(serializers.Serializer):
    sku = serializers.CharField()
    supplier_sku = serializers.CharField()
    description = serializers.CharField()
    unit = serializers.CharField()
    week = serializers.CharField()
    forecast_quantity = QuantityField()
    committed_quantity = QuantityField()
    deviation_quantity = QuantityField()
    deviation_percent = PercentField(allow_null=True, max_digits=18)
    flagged = serializers.BooleanField()
    sales_order_id = serializers.IntegerField(allow_null=True)
    sales_order_number = serializers.CharField()


class PlanningCommitmentDetailSerializer(PlanningCommitmentSerializer):
    forecast_title = serializers.CharField(source="forecast.title")
    side = serializers.CharField(source="forecast.side")
    tolerance_percent = PercentField(source="version.tolerance_percent")
    lines = serializers.SerializerMethodField()

    @extend_schema_field(PlanningCommitmentLineSerializer(many=True))
    def get_lines(self, commitment: Any) -> Any:
        return PlanningCommitmentLineSerializer(
            selectors.commitment_lines(commitment=commitment), many=True
        ).data


class PlanningScheduledOrderSerializer(serializers.Serializer):
    sales_order_id = serializers.IntegerField()
    number = serializers.CharField()
    requested_date = serializers.DateField()
    line_count = serializers.IntegerField()


class PlanningScheduleResultSerializer(serializers.Serializer):
    commitment_id = serializers.IntegerField()
    orders = PlanningScheduledOrderSerializer(many=True)


class CellInput(serializers.Serializer):
    sku = serializers.CharField(max_length=100)
    week = _week_field()
    # Checked by the service (a number ≥ 0, at most 4 places), so every bad cell is reported at once.
    quantity = serializers.JSONField(help_text='A number ≥ 0 as a string ("12.5"), at most 4 decimals.')


class CommitCellInput(CellInput):
    supplier_sku = serializers.CharField(max_length=100, required=False, allow_blank=True)


def _cells(rows: list[dict[str, Any]]) -> list[services.Cell]:
    return [
        services.Cell(
            sku=row["sku"],
            week=row["week"],
            quantity=row["quantity"],
            supplier_sku=row.get("supplier_sku", ""),
        )
        for row in rows
    ]


def _detail(forecast_id: int, version: int | None = None) -> dict[str, Any]:
    forecast = selectors.forecast_get(forecast_id=forecast_id)
    forecast.plan = selectors.forecast_plan(forecast=forecast, version=version)  # type: ignore[attr-defined]
    return PlanningForecastDetailSerializer(forecast).data  # type: ignore[return-value]


# --- forecasts -------------------------------------------------------------------------------------------


class ForecastListView(PaginatedAPIView, APIView):
    @property
    def required_permission(self) -> str:
        return MANAGE if self.request.method == "POST" else VIEW

    class InputSerializer(serializers.Serializer):
        supplier_id = serializers.IntegerField(help_text="The trading partner the forecast is for.")
        title = serializers.CharField(max_length=200)
        start_week = _week_field()
        weeks = serializers.IntegerField(min_value=1, max_value=52, default=12)
        tolerance_percent = PercentField(required=False, default=DEFAULT_TOLERANCE, min_value=0, max_digits=5)

    @extend_schema(
        operation_id="planning_forecasts_list",
        parameters=[
            OpenApiParameter("side", str, enum=["buyer", "supplier"]),
            OpenApiParameter("search", str, description="Title or partner name"),
            OpenApiParameter("flagged", bool, description="Only forecasts whose newest commitment deviates"),
        ],
        responses={200: PlanningForecastSerializer(many=True), **problem_responses(400, 401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        side = request.query_params.get("side", "").strip()
        if side and side not in ForecastSide.values:
            raise ValidationFailed(errors={"side": ["Use buyer or supplier."]})
        raw = request.query_params.get("flagged", "").strip()
        if raw not in ("", "true", "false"):
            raise ValidationFailed(errors={"flagged": ["Use true or false."]})
        rows = selectors.forecast_list(
            side=side,
            search=request.query_params.get("search", "").strip(),
            flagged=None if raw == "" else raw == "true",
        )
        return self.paginated(request, rows, PlanningForecastSerializer)

    @extend_schema(
        operation_id="planning_forecasts_create",
        request=InputSerializer,
        responses={201: PlanningForecastDetailSerializer, **problem_responses(400, 401, 403, 404)},
        tags=TAGS,
    )
    @idempotent
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        forecast = services.forecast_create(actor=_actor(request), **data.validated_data)
        return Response(_detail(forecast.pk), status=status.HTTP_201_CREATED)


class ForecastDetailView(APIView):
    required_permission = VIEW

    @extend_schema(
        operation_id="planning_forecasts_get",
        parameters=[
            FORECAST_ID,
            OpenApiParameter("version", int, description="The version whose plan to show (default: current)"),
        ],
        responses={200: PlanningForecastDetailSerializer, **problem_responses(400, 401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, forecast_id: int) -> Response:
        return Response(_detail(forecast_id, _int_query(request, "version")))


class VersionListView(PaginatedAPIView, APIView):
    @property
    def required_permission(self) -> str:
        return MANAGE if self.request.method == "POST" else VIEW

    class InputSerializer(serializers.Serializer):
        lines = CellInput(
            many=True, help_text="The grid: one quantity per item and week (missing cells are 0)."
        )
        start_week = _week_field(required=False, help_text="Roll the horizon (default: the forecast's).")
        weeks = serializers.IntegerField(min_value=1, max_value=52, required=False)
        tolerance_percent = PercentField(required=False, min_value=0, max_digits=5)
        note = serializers.CharField(max_length=1000, required=False, allow_blank=True)

    @extend_schema(
        operation_id="planning_forecast_versions_list",
        parameters=[FORECAST_ID],
        responses={200: PlanningVersionSerializer(many=True), **problem_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, forecast_id: int) -> Response:
        forecast = selectors.forecast_get(forecast_id=forecast_id)
        return self.paginated(request, selectors.version_list(forecast=forecast), PlanningVersionSerializer)

    @extend_schema(
        operation_id="planning_forecast_versions_publish",
        parameters=[FORECAST_ID],
        request=InputSerializer,
        responses={201: PlanningVersionDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    @idempotent
    def post(self, request: Request, forecast_id: int) -> Response:
        selectors.forecast_get(forecast_id=forecast_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        version = services.forecast_publish(
            actor=_actor(request),
            forecast_id=forecast_id,
            lines=_cells(values["lines"]),
            start_week=values.get("start_week"),
            weeks=values.get("weeks"),
            tolerance_percent=values.get("tolerance_percent"),
            note=values.get("note", ""),
        )
        forecast = selectors.forecast_get(forecast_id=forecast_id)
        return Response(
            PlanningVersionDetailSerializer(
                selectors.version_get(forecast=forecast, number=version.number)
            ).data,
            status=status.HTTP_201_CREATED,
        )


class VersionDetailView(APIView):
    required_permission = VIEW

    @extend_schema(
        operation_id="planning_forecast_versions_get",
        parameters=[FORECAST_ID, VERSION],
        responses={200: PlanningVersionDetailSerializer, **problem_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, forecast_id: int, version: int) -> Response:
        forecast = selectors.forecast_get(forecast_id=forecast_id)
        return Response(
            PlanningVersionDetailSerializer(selectors.version_get(forecast=forecast, number=version)).data
        )


class VersionDiffView(APIView):
    required_permission = VIEW

    @extend_schema(
        operation_id="planning_forecast_versions_diff",
        parameters=[
            FORECAST_ID,
            VERSION,
            OpenApiParameter("against", int, description="The earlier version (default: the one before)"),
        ],
        responses={200: PlanningDiffSerializer, **problem_responses(400, 401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, forecast_id: int, version: int) -> Response:
        forecast = selectors.forecast_get(forecast_id=forecast_id)
        against = _int_query(request, "against") or max(version - 1, 1)
        rows = selectors.version_diff(forecast=forecast, number=version, against=against)
        return Response(PlanningDiffSerializer({"version": version, "against": against, "rows": rows}).data)


class ForecastImportView(APIView):
    required_permission = MANAGE
    parser_classes = [MultiPartParser]

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField(
            help_text="XLSX: header row SKU + ISO week columns (2026-W50), one item per row; see "
            "docs/supplychain-planning.md. Refused as a whole with errors per cell (file.C4)."
        )
        note = serializers.CharField(max_length=1000, required=False, allow_blank=True)

    @extend_schema(
        operation_id="planning_forecasts_import",
        parameters=[FORECAST_ID],
        request={"multipart/form-data": InputSerializer},
        responses={201: PlanningVersionDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    @idempotent
    def post(self, request: Request, forecast_id: int) -> Response:
        selectors.forecast_get(forecast_id=forecast_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = services.forecast_import(
            actor=_actor(request),
            forecast_id=forecast_id,
            content=data.validated_data["file"].read(),
            note=data.validated_data.get("note", ""),
        )
        forecast = selectors.forecast_get(forecast_id=forecast_id)
        return Response(
            PlanningVersionDetailSerializer(
                selectors.version_get(forecast=forecast, number=version.number)
            ).data,
            status=status.HTTP_201_CREATED,
        )


class ForecastDeriveView(APIView):
    required_permission = MANAGE

    class InputSerializer(serializers.Serializer):
        weeks_back = serializers.IntegerField(min_value=1, max_value=52, default=8)
        skus = serializers.ListField(
            child=serializers.CharField(max_length=100),
            required=False,
            default=list,
            help_text="The items (default: every item issued in the window).",
        )

    @extend_schema(
        operation_id="planning_forecasts_derive",
        parameters=[FORECAST_ID],
        request=InputSerializer,
        responses={201: PlanningVersionDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    @idempotent
    def post(self, request: Request, forecast_id: int) -> Response:
        selectors.forecast_get(forecast_id=forecast_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = services.forecast_derive(
            actor=_actor(request),
            forecast_id=forecast_id,
            weeks_back=data.validated_data["weeks_back"],
            skus=data.validated_data["skus"] or None,
        )
        forecast = selectors.forecast_get(forecast_id=forecast_id)
        return Response(
            PlanningVersionDetailSerializer(
                selectors.version_get(forecast=forecast, number=version.number)
            ).data,
            status=status.HTTP_201_CREATED,
        )


# --- commitments -----------------------------------------------------------------------------------------


class CommitmentListView(PaginatedAPIView, APIView):
    @property
    def required_permission(self) -> str:
        return MANAGE if self.request.method == "POST" else VIEW

    class InputSerializer(serializers.Serializer):
        version = serializers.IntegerField(min_value=1, required=False, help_text="Default: the newest.")
        lines = CommitCellInput(many=True)
        note = serializers.CharField(max_length=1000, required=False, allow_blank=True)

    @extend_schema(
        operation_id="planning_commitments_list",
        parameters=[FORECAST_ID],
        responses={200: PlanningCommitmentSerializer(many=True), **problem_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, forecast_id: int) -> Response:
        forecast = selectors.forecast_get(forecast_id=forecast_id)
        return self.paginated(
            request, selectors.commitment_list(forecast=forecast), PlanningCommitmentSerializer
        )

    @extend_schema(
        operation_id="planning_commitments_create",
        parameters=[FORECAST_ID],
        request=InputSerializer,
        responses={201: PlanningCommitmentDetailSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    @idempotent
    def post(self, request: Request, forecast_id: int) -> Response:
        selectors.forecast_get(forecast_id=forecast_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        commitment = services.commitment_create(
            actor=_actor(request),
            forecast_id=forecast_id,
            lines=_cells(data.validated_data["lines"]),
            version=data.validated_data.get("version"),
            note=data.validated_data.get("note", ""),
        )
        return Response(
            PlanningCommitmentDetailSerializer(selectors.commitment_get(commitment_id=commitment.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class CommitmentDetailView(APIView):
    required_permission = VIEW

    @extend_schema(
        operation_id="planning_commitments_get",
        parameters=[COMMITMENT_ID],
        responses={200: PlanningCommitmentDetailSerializer, **problem_responses(401, 403, 404)},
        tags=TAGS,
    )
    def get(self, request: Request, commitment_id: int) -> Response:
        return Response(
            PlanningCommitmentDetailSerializer(selectors.commitment_get(commitment_id=commitment_id)).data
        )


class CommitmentScheduleView(APIView):
    required_permission = MANAGE

    class InputSerializer(serializers.Serializer):
        currency = serializers.RegexField(
            r"^[A-Z]{3}$", required=False, help_text="Default: the customer's currency, else the company's."
        )
        unit_prices = serializers.DictField(
            child=UnitPriceField(min_value=0),
            required=False,
            default=dict,
            help_text="Unit price per SKU (buyer's or supplier's); others are 0, to be priced on the order.",
        )

    @extend_schema(
        operation_id="planning_commitments_schedule",
        parameters=[COMMITMENT_ID],
        request=InputSerializer,
        responses={201: PlanningScheduleResultSerializer, **problem_responses(400, 401, 403, 404, 409)},
        tags=TAGS,
    )
    @idempotent
    def post(self, request: Request, commitment_id: int) -> Response:
        selectors.commitment_get(commitment_id=commitment_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        orders = services.commitment_schedule(
            actor=_actor(request),
            commitment_id=commitment_id,
            currency=data.validated_data.get("currency", ""),
            unit_prices=data.validated_data["unit_prices"],
        )
        return Response(
            PlanningScheduleResultSerializer({"commitment_id": commitment_id, "orders": orders}).data,
            status=status.HTTP_201_CREATED,
        )
