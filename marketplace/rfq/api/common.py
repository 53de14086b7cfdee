"""Serializers and helpers shared by the buyer and supplier RFQ APIs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request

from identity.access import Actor
from kernel.iso import currency_minor_units
from kernel.serializers import MoneyField, PercentField, QuantityField, UnitPriceField, money_text
from marketplace.rfq.models import Attachment, Quote, QuoteLine, QuoteStatus, Rfq
from marketplace.rfq.selectors import line_amounts, rfq_is_accepting

# Amounts in the RFQ's currency, at its minor units (computed, so documented by a field of their kind).
AMOUNT = MoneyField(currency_label="rfq.currency")


def actor_of(request: Request) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


class BinaryRenderer(BaseRenderer):
    """Lets clients ask for a file (``Accept: application/octet-stream``); errors still render as JSON."""

    media_type = "application/octet-stream"
    format = "bin"
    charset: str | None = None

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        if isinstance(data, bytes):
            return data
        return JSONRenderer().render(data)


class CsvRenderer(BinaryRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"


FILE_RESPONSE = {
    (200, "application/octet-stream"): OpenApiResponse(response=OpenApiTypes.BINARY, description="The file")
}


def file_response(attachment: Attachment) -> HttpResponse:
    with attachment.file.open("rb") as handle:
        content = handle.read()
    response = HttpResponse(content, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, attachment.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


class RfqUploadSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True, use_url=False)


class RfqCategoryBriefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()


class ListingSnapshotTierSerializer(serializers.Serializer):
    min_quantity = QuantityField()
    unit_price = UnitPriceField()


class ListingSnapshotSerializer(serializers.Serializer):
    """What an RFQ line linked to a catalog listing kept of the listing when the line was written."""

    listing_id = serializers.IntegerField()
    supplier_id = serializers.IntegerField(help_text="The supplier's company id.")
    supplier_name_en = serializers.CharField()
    supplier_name_zh = serializers.CharField()
    sku = serializers.CharField()
    name_en = serializers.CharField()
    name_zh = serializers.CharField()
    category_code = serializers.CharField()
    unit = serializers.CharField()
    currency = serializers.CharField()
    base_price = UnitPriceField()
    price_tiers = ListingSnapshotTierSerializer(many=True)
    moq = QuantityField()
    lead_time_days = serializers.IntegerField()
    availability = serializers.CharField()
    taken_at = serializers.DateTimeField()


class RfqLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    description = serializers.CharField()
    listing_id = serializers.IntegerField(allow_null=True)
    listing_snapshot = ListingSnapshotSerializer(allow_null=True)
    category = RfqCategoryBriefSerializer()
    quantity = QuantityField()
    unit = serializers.CharField()
    target_price = UnitPriceField(allow_null=True)
    quality_standard = serializers.CharField()
    required_certifications = serializers.ListField(child=serializers.CharField())


class RfqAttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    filename = serializers.CharField()
    size = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class RfqAwardSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    line_id = serializers.IntegerField()
    line_position = serializers.IntegerField(source="line.position")
    supplier_id = serializers.IntegerField()
    supplier_name = serializers.CharField(source="supplier.name")
    quote_id = serializers.IntegerField()
    scope = serializers.CharField()
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class RfqQuoteLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    rfq_line_id = serializers.IntegerField()
    position = serializers.IntegerField(source="rfq_line.position")
    unit_price = UnitPriceField()
    offered_quantity = QuantityField(source="quantity_offered")
    lead_time_days = serializers.IntegerField()
    discount_percent = PercentField()
    freight_amount = MoneyField(currency="quote.rfq.currency")
    tax_rate = PercentField()
    warranty_months = serializers.IntegerField(allow_null=True)
    min_order_quantity = QuantityField(allow_null=True)
    notes = serializers.CharField()
    net_amount = serializers.SerializerMethodField()
    gross_amount = serializers.SerializerMethodField()

    @extend_schema_field(AMOUNT)
    def get_net_amount(self, line: QuoteLine) -> str | None:
        currency = line.quote.rfq.currency
        return money_text(line_amounts(line, places=currency_minor_units(currency))[0], currency)

    @extend_schema_field(AMOUNT)
    def get_gross_amount(self, line: QuoteLine) -> str | None:
        currency = line.quote.rfq.currency
        return money_text(line_amounts(line, places=currency_minor_units(currency))[1], currency)


class RfqCompanyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class RfqQuoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    rfq_id = serializers.IntegerField()
    supplier = RfqCompanyRefSerializer()
    status = serializers.ChoiceField(choices=QuoteStatus.choices)
    revision = serializers.IntegerField()
    currency = serializers.CharField(source="rfq.currency")
    supplier_reference = serializers.CharField()
    valid_until = serializers.DateField(allow_null=True)
    delivery_date = serializers.DateField(allow_null=True)
    payment_terms = serializers.CharField()
    terms = serializers.CharField()
    notes = serializers.CharField()
    min_order_value = MoneyField(currency="rfq.currency", allow_null=True)
    custom_fields = serializers.DictField(child=serializers.CharField())
    lines = RfqQuoteLineSerializer(many=True, source="lines.all")
    attachments = RfqAttachmentSerializer(many=True, source="attachments.all")
    total_net = serializers.SerializerMethodField()
    total_gross = serializers.SerializerMethodField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()

    def _totals(self, quote: Quote) -> tuple[Decimal, Decimal]:
        places = currency_minor_units(quote.rfq.currency)
        amounts = [line_amounts(line, places=places) for line in quote.lines.all()]
        return sum((a[0] for a in amounts), Decimal(0)), sum((a[1] for a in amounts), Decimal(0))

    @extend_schema_field(AMOUNT)
    def get_total_net(self, quote: Quote) -> str | None:
        return money_text(self._totals(quote)[0], quote.rfq.currency)

    @extend_schema_field(AMOUNT)
    def get_total_gross(self, quote: Quote) -> str | None:
        return money_text(self._totals(quote)[1], quote.rfq.currency)


class RfqHeaderSerializer(serializers.Serializer):
    """What buyer and suppliers both see of an RFQ."""

    id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    currency = serializers.CharField()
    payment_terms = serializers.CharField()
    delivery_date = serializers.DateField(allow_null=True)
    delivery_region = serializers.CharField()
    closing_at = serializers.DateTimeField(allow_null=True)
    visibility = serializers.CharField()
    sealed = serializers.BooleanField()
    status = serializers.CharField()
    accepting_quotes = serializers.SerializerMethodField()
    cancel_reason = serializers.CharField()
    published_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    awarded_at = serializers.DateTimeField(allow_null=True)
    cancelled_at = serializers.DateTimeField(allow_null=True)

    def get_accepting_quotes(self, rfq: Rfq) -> bool:
        return rfq_is_accepting(rfq)


# Inputs -------------------------------------------------------------------------------------------


class RfqLineInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=5000, required=False, default="", allow_blank=True)
    listing_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False, allow_null=True)
    category_code = serializers.CharField(
        max_length=40,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="The category's code; may be left out when a listing is linked (its category is used).",
    )
    quantity = QuantityField(min_value=Decimal("0.0001"))
    unit = serializers.CharField(max_length=20)
    target_price = UnitPriceField(min_value=Decimal(0), required=False, allow_null=True)
    quality_standard = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    required_certifications = serializers.ListField(
        child=serializers.CharField(max_length=60), max_length=10, required=False, default=list
    )


class RfqQuoteLineInputSerializer(serializers.Serializer):
    rfq_line_id = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    unit_price = UnitPriceField(min_value=Decimal(0))
    offered_quantity = QuantityField(source="quantity_offered", min_value=Decimal("0.0001"))
    lead_time_days = serializers.IntegerField(min_value=0, max_value=3650)
    discount_percent = PercentField(
        min_value=Decimal(0),
        max_value=Decimal(100),
        required=False,
        default=Decimal(0),
    )
    freight_amount = MoneyField(min_value=Decimal(0), required=False, default=Decimal(0))
    tax_rate = PercentField(
        min_value=Decimal(0),
        max_value=Decimal(100),
        required=False,
        default=Decimal(0),
    )
    warranty_months = serializers.IntegerField(min_value=0, max_value=600, required=False, allow_null=True)
    min_order_quantity = QuantityField(min_value=Decimal("0.0001"), required=False, allow_null=True)
    notes = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)


class RfqQuoteInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[QuoteStatus.DRAFT, QuoteStatus.SUBMITTED], required=False, default=QuoteStatus.SUBMITTED
    )
    lines = RfqQuoteLineInputSerializer(many=True, min_length=1, max_length=200)  # type: ignore[call-arg]
    supplier_reference = serializers.CharField(max_length=60, required=False, default="", allow_blank=True)
    valid_until = serializers.DateField(required=False, allow_null=True)
    delivery_date = serializers.DateField(required=False, allow_null=True)
    payment_terms = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    terms = serializers.CharField(max_length=10000, required=False, default="", allow_blank=True)
    notes = serializers.CharField(max_length=10000, required=False, default="", allow_blank=True)
    min_order_value = MoneyField(min_value=Decimal(0), required=False, allow_null=True)
    custom_fields = serializers.DictField(
        child=serializers.CharField(max_length=500, allow_blank=True), required=False, default=dict
    )


def paginated(
    request: Request, *, count: int, results: list[Any], page: int, page_size: int
) -> dict[str, Any]:
    from rest_framework.utils.urls import remove_query_param, replace_query_param

    url = request.build_absolute_uri()
    last = max(1, -(-count // page_size))
    return {
        "count": count,
        "next": replace_query_param(url, "page", page + 1) if page < last else None,
        "previous": (
            None
            if page <= 1
            else (
                remove_query_param(url, "page") if page == 2 else replace_query_param(url, "page", page - 1)
            )
        ),
        "results": results,
    }
