"""Payload schemas of trade documents, schema_version 1 (see docs/trading.md, "Trade exchange").

Decimals travel as strings and dates as ISO 8601 strings. Validation returns the payload normalised
(decimals in canonical form, dates ISO); unknown keys are refused, so both sides keep to one schema.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from rest_framework import serializers

from marketplace.exchange.kinds import DocumentKind


class DecimalString(serializers.Field):
    """A decimal as a string ("12.50"); ints and Decimals are accepted and written as strings."""

    default_error_messages = {
        "invalid": 'Enter a decimal number as a string, e.g. "12.50".',
        "min_value": "Must be at least {min_value}.",
        "positive": "Must be greater than zero.",
        "max_value": "Must be at most {max_value}.",
        "max_places": "At most {places} decimal places.",
    }

    def __init__(
        self,
        *,
        positive: bool = False,
        min_value: Decimal | None = None,
        max_value: Decimal | None = None,
        max_places: int = 6,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.positive = positive
        self.min_value = min_value
        self.max_value = max_value
        self.max_places = max_places

    def to_internal_value(self, data: Any) -> str:
        if isinstance(data, bool) or not isinstance(data, str | int | Decimal):
            self.fail("invalid")
        try:
            value = Decimal(str(data).strip())
        except InvalidOperation:
            self.fail("invalid")
        if not value.is_finite() or abs(value) >= Decimal("1e15"):
            self.fail("invalid")
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -exponent > self.max_places:
            self.fail("max_places", places=self.max_places)
        if self.positive and value <= 0:
            self.fail("positive")
        if self.min_value is not None and value < self.min_value:
            self.fail("min_value", min_value=self.min_value)
        if self.max_value is not None and value > self.max_value:
            self.fail("max_value", max_value=self.max_value)
        return format(value, "f")  # "1E+3" -> "1000": plain digits only

    def to_representation(self, value: Any) -> str:
        return str(value)


class IsoDate(serializers.DateField):
    def to_internal_value(self, value: Any) -> Any:  # type: ignore[override]
        if not isinstance(value, str):
            self.fail("invalid", format="YYYY-MM-DD")
        return super().to_internal_value(value).isoformat()


class IsoDateTime(serializers.DateTimeField):
    def to_internal_value(self, value: Any) -> Any:  # type: ignore[override]
        if not isinstance(value, str):
            self.fail("invalid", format="ISO 8601")
        return super().to_internal_value(value).isoformat()


class StrictSerializer(serializers.Serializer):
    """Refuses keys the schema does not know."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {key: ["This key is not part of the schema."] for key in unknown}
                )
        return super().to_internal_value(data)


def _text(max_length: int = 200, **kwargs: Any) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, trim_whitespace=False, **kwargs)


def _optional_text(max_length: int = 2000) -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, default="", trim_whitespace=False
    )


def _optional_date() -> IsoDate:
    return IsoDate(required=False, allow_null=True, default=None)


QUANTITY = {"max_places": 4}
PRICE = {"max_places": 6, "min_value": Decimal(0)}


class ContactSchema(StrictSerializer):
    name = _optional_text(200)
    email = serializers.CharField(max_length=254, required=False, allow_blank=True, default="")


class PurchaseOrderLineSchema(StrictSerializer):
    line_no = serializers.IntegerField(min_value=1)
    sku = _optional_text(100)
    description = _text(1000)
    listing_id = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
    quantity = DecimalString(positive=True, **QUANTITY)  # type: ignore[arg-type]
    unit = _text(32)
    unit_price = DecimalString(**PRICE)  # type: ignore[arg-type]
    tax_rate = DecimalString(min_value=Decimal(0), max_value=Decimal(100), max_places=4)
    requested_date = _optional_date()


def _unique_line_numbers(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    numbers = [line["line_no"] for line in lines]
    if len(numbers) != len(set(numbers)):
        raise serializers.ValidationError("Line numbers must be unique.")
    return lines


class PurchaseOrderSchema(StrictSerializer):
    po_id = serializers.IntegerField(min_value=1)
    po_number = _text(64)
    currency = serializers.RegexField(r"^[A-Z]{3}$")
    order_date = IsoDate()
    requested_date = _optional_date()
    payment_terms = _optional_text(500)
    notes = _optional_text(4000)
    ship_to = _optional_text(1000)
    rfq_id = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)
    buyer_contact = ContactSchema(required=False, default=dict)
    lines = PurchaseOrderLineSchema(many=True, allow_empty=False)
    total_net = DecimalString(**PRICE)  # type: ignore[arg-type]
    total_tax = DecimalString(**PRICE)  # type: ignore[arg-type]
    total = DecimalString(**PRICE)  # type: ignore[arg-type]

    def validate_lines(self, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return _unique_line_numbers(lines)


class OrderResponseLineSchema(StrictSerializer):
    line_no = serializers.IntegerField(min_value=1)
    quantity = DecimalString(min_value=Decimal(0), **QUANTITY)  # type: ignore[arg-type]
    unit_price = DecimalString(**PRICE)  # type: ignore[arg-type]
    promised_date = _optional_date()


class OrderResponseSchema(StrictSerializer):
    po_number = _text(64)
    so_id = serializers.IntegerField(min_value=1)
    so_number = _text(64)
    action = serializers.ChoiceField(choices=["accept", "reject", "propose"])
    reason = _optional_text()
    lines = OrderResponseLineSchema(many=True, required=False, default=list)

    def validate_lines(self, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return _unique_line_numbers(lines)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["action"] == "propose" and not attrs["lines"]:
            raise serializers.ValidationError({"lines": ["A proposal needs the proposed lines."]})
        if attrs["action"] == "reject" and attrs["lines"]:
            raise serializers.ValidationError({"lines": ["A rejection has no lines."]})
        return attrs


class ChangeLineSchema(StrictSerializer):
    line_no = serializers.IntegerField(min_value=1)
    quantity = DecimalString(min_value=Decimal(0), required=False, allow_null=True, default=None, **QUANTITY)  # type: ignore[arg-type]
    unit_price = DecimalString(required=False, allow_null=True, default=None, **PRICE)  # type: ignore[arg-type]
    requested_date = _optional_date()


class ChangeRequestSchema(StrictSerializer):
    po_number = _text(64)
    change_id = serializers.UUIDField(format="hex_verbose")
    version = serializers.IntegerField(min_value=1)
    proposed_by = serializers.ChoiceField(choices=["buyer", "supplier"])
    reason = _optional_text()
    lines = ChangeLineSchema(many=True, allow_empty=False)

    def validate_lines(self, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return _unique_line_numbers(lines)

    def validate_change_id(self, value: Any) -> str:
        return str(value)


class ChangeResponseSchema(StrictSerializer):
    po_number = _text(64)
    change_id = serializers.UUIDField(format="hex_verbose", required=False, allow_null=True, default=None)
    accepted = serializers.BooleanField()
    reason = _optional_text()

    def validate_change_id(self, value: Any) -> str | None:
        return str(value) if value is not None else None


class DispatchLineSchema(StrictSerializer):
    line_no = serializers.IntegerField(min_value=1)
    quantity = DecimalString(positive=True, **QUANTITY)  # type: ignore[arg-type]


class DispatchAdviceSchema(StrictSerializer):
    po_number = _text(64)
    so_number = _text(64)
    shipment_id = serializers.IntegerField(min_value=1)
    shipment_number = _text(64)
    carrier = _optional_text(200)
    tracking_number = _optional_text(200)
    shipped_at = IsoDateTime()
    packages = serializers.IntegerField(min_value=0)
    lines = DispatchLineSchema(many=True, allow_empty=False)

    def validate_lines(self, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return _unique_line_numbers(lines)


class ReceiptLineSchema(StrictSerializer):
    line_no = serializers.IntegerField(min_value=1)
    accepted_quantity = DecimalString(min_value=Decimal(0), **QUANTITY)  # type: ignore[arg-type]
    rejected_quantity = DecimalString(min_value=Decimal(0), **QUANTITY)  # type: ignore[arg-type]
    rejection_reason = _optional_text(1000)


class ReceiptAdviceSchema(StrictSerializer):
    po_number = _text(64)
    receipt_number = _text(64)
    received_at = IsoDateTime()
    lines = ReceiptLineSchema(many=True, allow_empty=False)

    def validate_lines(self, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return _unique_line_numbers(lines)


class CancellationSchema(StrictSerializer):
    po_number = _text(64)
    reason = _optional_text()
    cancelled_by = serializers.ChoiceField(choices=["buyer", "supplier"])


class SettlementLineSchema(StrictSerializer):
    line_no = serializers.IntegerField(min_value=1)
    quantity = DecimalString(positive=True, **QUANTITY)  # type: ignore[arg-type]


class RejectionSettlementSchema(StrictSerializer):
    """The buyer's choice for goods it rejected on receipt: a replacement shipment, a return (the return
    document: ``return_number`` required) or a short-close of the quantity."""

    po_number = _text(64)
    settlement_id = serializers.UUIDField(format="hex_verbose")
    resolution = serializers.ChoiceField(choices=["replacement", "return", "short_close"])
    return_number = _optional_text(64)
    reason = _optional_text()
    lines = SettlementLineSchema(many=True, allow_empty=False)

    def validate_lines(self, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return _unique_line_numbers(lines)

    def validate_settlement_id(self, value: Any) -> str:
        return str(value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["resolution"] == "return" and not attrs.get("return_number"):
            raise serializers.ValidationError({"return_number": ["A return carries its return number."]})
        if attrs["resolution"] != "return" and attrs.get("return_number"):
            raise serializers.ValidationError({"return_number": ["Only a return carries a return number."]})
        return attrs


class SettlementResponseSchema(StrictSerializer):
    po_number = _text(64)
    settlement_id = serializers.UUIDField(format="hex_verbose")
    accepted = serializers.BooleanField()
    reason = _optional_text()

    def validate_settlement_id(self, value: Any) -> str:
        return str(value)


class InvoiceLineSchema(StrictSerializer):
    line_no = serializers.IntegerField(min_value=1)
    order_line_no = serializers.IntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        default=None,
        help_text="The purchase order line billed.",
    )
    sku = _optional_text(100)
    description = _text(1000)
    quantity = DecimalString(positive=True, **QUANTITY)  # type: ignore[arg-type]
    unit = _optional_text(32)
    unit_price = DecimalString(**PRICE)  # type: ignore[arg-type]
    tax_rate = DecimalString(min_value=Decimal(0), max_value=Decimal(100), max_places=4)
    net_amount = DecimalString(max_places=4)
    tax_amount = DecimalString(max_places=4)


FAPIAO_TYPES = ["", "special", "ordinary"]


class InvoiceSchema(StrictSerializer):
    """An invoice from the supplier to the buyer, referring to the buyer's purchase order document."""

    invoice_number = _text(40)
    po_number = _text(64)
    so_number = _optional_text(64)
    issue_date = IsoDate()
    due_date = _optional_date()
    currency = serializers.RegexField(r"^[A-Z]{3}$")
    payment_terms = _optional_text(200)
    fapiao_type = serializers.ChoiceField(choices=FAPIAO_TYPES, required=False, default="")
    fapiao_number = _optional_text(40)
    seller_tax_id = _optional_text(64)
    buyer_tax_id = _optional_text(64)
    notes = _optional_text(4000)
    lines = InvoiceLineSchema(many=True, allow_empty=False)
    total_net = DecimalString(max_places=4)
    total_tax = DecimalString(max_places=4)
    total = DecimalString(max_places=4)

    def validate_lines(self, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return _unique_line_numbers(lines)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        net = sum((Decimal(line["net_amount"]) for line in attrs["lines"]), Decimal(0))
        tax = sum((Decimal(line["tax_amount"]) for line in attrs["lines"]), Decimal(0))
        if net != Decimal(attrs["total_net"]) or tax != Decimal(attrs["total_tax"]):
            raise serializers.ValidationError({"total_net": ["The totals must be the sums of the lines."]})
        if Decimal(attrs["total"]) != net + tax:
            raise serializers.ValidationError({"total": ["The total must be net plus tax."]})
        return attrs


class AdjustmentNoteSchema(InvoiceSchema):
    """A credit note (goods rejected or returned, a price reduction) or a debit note (an additional charge)
    correcting an invoice sent before: it names that invoice by number and trade document id."""

    original_invoice_number = _text(40)
    original_document_id = serializers.UUIDField(format="hex_verbose")
    reason = _optional_text()

    def validate_original_document_id(self, value: Any) -> str:
        return str(value)


class InvoiceResponseSchema(StrictSerializer):
    """The buyer's answer to an invoice that did not match its order or receipts."""

    invoice_number = _text(40)
    action = serializers.ChoiceField(choices=["approve", "reject"])
    reason = _optional_text()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["action"] == "reject" and not attrs.get("reason"):
            raise serializers.ValidationError({"reason": ["A rejection gives its reason."]})
        return attrs


class RemittanceInvoiceSchema(StrictSerializer):
    """One invoice a remittance pays, named by the invoice document the supplier sent."""

    invoice_document_id = serializers.UUIDField(format="hex_verbose")
    invoice_number = _text(64)
    amount = DecimalString(min_value=Decimal(0), max_places=4)
    discount = DecimalString(min_value=Decimal(0), max_places=4)
    writeoff = DecimalString(min_value=Decimal(0), max_places=4)

    def validate_invoice_document_id(self, value: Any) -> str:
        return str(value)


class BillSchema(StrictSerializer):
    """A commercial bill (商业汇票) as it travels to its new holder."""

    number = _text(60)
    type = serializers.ChoiceField(choices=["bank_acceptance", "commercial_acceptance"])
    drawer_name = _text(200)
    payee_name = _optional_text(200)
    acceptor_name = _text(200)
    amount = DecimalString(positive=True, max_places=4)
    currency = serializers.RegexField(r"^[A-Z]{3}$")
    issue_date = IsoDate()
    maturity_date = IsoDate()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["maturity_date"] <= attrs["issue_date"]:
            raise serializers.ValidationError({"maturity_date": ["A bill matures after its issue date."]})
        return attrs


class RemittanceAdviceSchema(StrictSerializer):
    """The buyer paid (some of) the supplier's invoices: bank transfer, online, cash, or a bill it drew."""

    payment_number = _text(40)
    method = serializers.ChoiceField(choices=["bank_transfer", "online", "bill", "cash"])
    paid_on = IsoDate()
    currency = serializers.RegexField(r"^[A-Z]{3}$")
    amount = DecimalString(positive=True, max_places=4)
    reference = _optional_text(200)
    invoices = RemittanceInvoiceSchema(many=True, allow_empty=False)
    bill = BillSchema(required=False, allow_null=True, default=None)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if (attrs["method"] == "bill") != (attrs.get("bill") is not None):
            raise serializers.ValidationError({"bill": ["A bill is sent exactly when the method is bill."]})
        total = sum((Decimal(row["amount"]) for row in attrs["invoices"]), Decimal(0))
        if total != Decimal(attrs["amount"]):
            raise serializers.ValidationError({"amount": ["The amount is the sum of the invoices' amounts."]})
        return attrs


class BillEndorsementSchema(StrictSerializer):
    """A bill endorsed (背书转让) to the receiver, settling the receiver's invoices named here."""

    endorsement_id = serializers.UUIDField(format="hex_verbose")
    endorsed_on = IsoDate()
    bill = BillSchema()
    invoices = RemittanceInvoiceSchema(many=True, allow_empty=False)

    def validate_endorsement_id(self, value: Any) -> str:
        return str(value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        total = sum((Decimal(row["amount"]) for row in attrs["invoices"]), Decimal(0))
        if total != Decimal(attrs["bill"]["amount"]):
            raise serializers.ValidationError({"invoices": ["The invoices' amounts add up to the bill."]})
        return attrs


ISO_WEEK = r"^\d{4}-W\d{2}$"


def _iso_week() -> serializers.RegexField:
    return serializers.RegexField(ISO_WEEK, max_length=8)


def _unique_cells(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cells = [(line["sku"], line["week"]) for line in lines]
    if len(cells) != len(set(cells)):
        raise serializers.ValidationError("Each item and week appears once.")
    return lines


class ForecastLineSchema(StrictSerializer):
    sku = _text(100)
    description = _optional_text(300)
    unit = _optional_text(32)
    week = _iso_week()
    quantity = DecimalString(min_value=Decimal(0), **QUANTITY)  # type: ignore[arg-type]


class ForecastSchema(StrictSerializer):
    """One version of the buyer's forecast: quantities per item (the buyer's SKU) and ISO week
    (``2026-W50``) over ``weeks`` weeks from ``start_week``. A cell not listed is zero. ``forecast_key``
    names the forecast on both sides; ``version`` grows by one with each publish."""

    forecast_key = serializers.UUIDField(format="hex_verbose")
    title = _text(200)
    version = serializers.IntegerField(min_value=1)
    start_week = _iso_week()
    weeks = serializers.IntegerField(min_value=1, max_value=52)
    tolerance_percent = DecimalString(min_value=Decimal(0), max_value=Decimal(999), max_places=2)
    note = _optional_text(1000)
    lines = ForecastLineSchema(many=True, allow_empty=False)

    def validate_forecast_key(self, value: Any) -> str:
        return str(value)

    def validate_lines(self, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return _unique_cells(lines)


class ForecastCommitmentLineSchema(StrictSerializer):
    sku = _text(100)
    supplier_sku = _optional_text(100)
    week = _iso_week()
    quantity = DecimalString(min_value=Decimal(0), **QUANTITY)  # type: ignore[arg-type]


class ForecastCommitmentSchema(StrictSerializer):
    """The supplier's committed quantities for one version of a forecast (every cell of that version; a
    cell not listed is committed as zero). ``commitment_number`` grows by one per forecast."""

    forecast_key = serializers.UUIDField(format="hex_verbose")
    version = serializers.IntegerField(min_value=1)
    commitment_number = serializers.IntegerField(min_value=1)
    note = _optional_text(1000)
    lines = ForecastCommitmentLineSchema(many=True, allow_empty=False)

    def validate_forecast_key(self, value: Any) -> str:
        return str(value)

    def validate_lines(self, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return _unique_cells(lines)


class TrackingEventSchema(StrictSerializer):
    reference = _text(100)
    type = serializers.ChoiceField(
        choices=["picked_up", "in_transit", "out_for_delivery", "delivered", "exception"]
    )
    occurred_at = IsoDateTime()
    location = _optional_text(300)
    latitude = DecimalString(
        required=False, allow_null=True, default=None, min_value=Decimal(-90), max_value=Decimal(90)
    )
    longitude = DecimalString(
        required=False, allow_null=True, default=None, min_value=Decimal(-180), max_value=Decimal(180)
    )
    reason = _optional_text(1000)
    source = serializers.ChoiceField(choices=["carrier", "manual"])  # type: ignore[assignment]


class TrackingUpdateSchema(StrictSerializer):
    """Events and ETA of one shipment (refers to the purchase order document the shipment answers).

    ``sent_at`` orders updates (an older one never overwrites a newer status or ETA); events are
    idempotent by ``reference`` on the receiving side."""

    po_number = _text(64)
    so_number = _text(64)
    shipment_id = serializers.IntegerField(min_value=1)
    shipment_number = _text(64)
    carrier = _optional_text(200)
    tracking_number = _optional_text(200)
    status = serializers.ChoiceField(
        choices=["shipped", "picked_up", "in_transit", "out_for_delivery", "delivered", "exception"]
    )
    eta = IsoDateTime(required=False, allow_null=True, default=None)
    eta_source = serializers.ChoiceField(choices=["", "carrier", "manual"], required=False, default="")
    promised_date = _optional_date()
    delivered_at = IsoDateTime(required=False, allow_null=True, default=None)
    sent_at = IsoDateTime()
    events = TrackingEventSchema(many=True, allow_empty=True)

    def validate_events(self, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
        references = [event["reference"] for event in events]
        if len(references) != len(set(references)):
            raise serializers.ValidationError("Event references must be unique.")
        return events


class ReplenishmentProposalSchema(StrictSerializer):
    """A supplier's replenishment proposal under an agreed policy, computed from the buyer's shared figures.

    ``item_id`` is the BUYER's item (the owner of the shared stock); ``policy_version`` the version both
    sides agreed to when it was computed."""

    proposal_number = _text(40)
    grant_id = serializers.IntegerField(min_value=1)
    policy_id = serializers.IntegerField(min_value=1)
    policy_version = serializers.IntegerField(min_value=1)
    method = serializers.ChoiceField(choices=["min_max", "days_of_cover"])
    item_id = serializers.IntegerField(min_value=1)
    sku = _text(100)
    name_zh = _optional_text(300)
    name_en = _optional_text(300)
    unit = _text(32)
    quantity = DecimalString(positive=True, **QUANTITY)  # type: ignore[arg-type]
    unit_price = DecimalString(**PRICE)  # type: ignore[arg-type]
    currency = serializers.RegexField(r"^[A-Z]{3}$")
    total = DecimalString(**PRICE)  # type: ignore[arg-type]
    available = DecimalString(**QUANTITY)  # type: ignore[arg-type]
    consumption_per_day = DecimalString(
        required=False,
        allow_null=True,
        default=None,
        min_value=Decimal(0),
        **QUANTITY,  # type: ignore[arg-type]
    )
    figures_as_of = IsoDateTime()


class ReplenishmentResponseSchema(StrictSerializer):
    """The buyer's answer to a replenishment proposal: accepted (with the purchase order it became, sent
    as its own ``purchase_order`` document) or declined with a reason."""

    proposal_number = _text(40)
    action = serializers.ChoiceField(choices=["accept", "decline"])
    automatic = serializers.BooleanField(default=False)
    reason = _optional_text(500)
    po_number = _optional_text(64)
    po_document_id = serializers.UUIDField(
        format="hex_verbose", required=False, allow_null=True, default=None
    )

    def validate_po_document_id(self, value: Any) -> str | None:
        return None if value is None else str(value)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["action"] == "accept" and (not attrs.get("po_number") or not attrs.get("po_document_id")):
            raise serializers.ValidationError(
                {"po_number": ["An acceptance names the purchase order it became."]}
            )
        if attrs["action"] == "decline" and not attrs.get("reason"):
            raise serializers.ValidationError({"reason": ["A decline gives its reason."]})
        return attrs


SCHEMAS: dict[str, type[serializers.Serializer]] = {
    DocumentKind.PURCHASE_ORDER: PurchaseOrderSchema,
    DocumentKind.ORDER_RESPONSE: OrderResponseSchema,
    DocumentKind.CHANGE_REQUEST: ChangeRequestSchema,
    DocumentKind.CHANGE_RESPONSE: ChangeResponseSchema,
    DocumentKind.DISPATCH_ADVICE: DispatchAdviceSchema,
    DocumentKind.RECEIPT_ADVICE: ReceiptAdviceSchema,
    DocumentKind.CANCELLATION: CancellationSchema,
    DocumentKind.REJECTION_SETTLEMENT: RejectionSettlementSchema,
    DocumentKind.SETTLEMENT_RESPONSE: SettlementResponseSchema,
    DocumentKind.INVOICE: InvoiceSchema,
    DocumentKind.CREDIT_NOTE: AdjustmentNoteSchema,
    DocumentKind.DEBIT_NOTE: AdjustmentNoteSchema,
    DocumentKind.INVOICE_RESPONSE: InvoiceResponseSchema,
    DocumentKind.REMITTANCE_ADVICE: RemittanceAdviceSchema,
    DocumentKind.BILL_ENDORSEMENT: BillEndorsementSchema,
    DocumentKind.FORECAST: ForecastSchema,
    DocumentKind.FORECAST_COMMITMENT: ForecastCommitmentSchema,
    DocumentKind.TRACKING_UPDATE: TrackingUpdateSchema,
    DocumentKind.REPLENISHMENT_PROPOSAL: ReplenishmentProposalSchema,
    DocumentKind.REPLENISHMENT_RESPONSE: ReplenishmentResponseSchema,
}


def payload_errors(kind: str, payload: Any) -> tuple[dict[str, Any] | None, Any]:
    """(normalised payload, None) when valid, else (None, DRF error detail)."""
    if kind not in SCHEMAS:
        return None, {"non_field_errors": [f"No payload schema for {kind!r} yet."]}
    schema = SCHEMAS[kind](data=payload)
    if not isinstance(payload, dict):
        return None, {"non_field_errors": ["The payload must be a JSON object."]}
    if schema.is_valid():
        return _plain(schema.validated_data), None
    return None, schema.errors


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
