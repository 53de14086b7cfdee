"""Serializers and the permission shared by the procurement APIs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from identity.access import Actor, HasPermission
from identity.exceptions import PermissionMissing
from kernel.serializers import (
    CanonicalDictField,
    ExchangeRateField,
    MoneyField,
    PercentField,
    QuantityField,
    UnitPriceField,
)
from tenants.procurement.models import (
    ApprovalMode,
    ApprovalStep,
    ChangeStatus,
    Party,
    PoStatus,
    Resolution,
    SettlementStatus,
    StepStatus,
)

# Who may read purchase orders: whoever makes, approves, receives or pays them.
READ_ANY = ("po.create", "po.approve", "po.receive", "finance.view")

MAX_ID = 2**63 - 1


def actor_of(request: Request) -> Actor:
    return request.actor  # type: ignore[attr-defined,no-any-return]


class HasAnyPermission(HasPermission):
    """Admits members holding any of ``view.required_any`` (the MFA rule of HasPermission applies)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        needed = getattr(view, "required_any", ())
        if needed and not set(needed) & actor_of(request).permissions:
            raise PermissionMissing(detail=f"Needs one of the permissions {', '.join(needed)}.")
        return True


# Output ---------------------------------------------------------------------------------------------


class PoLineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    line_no = serializers.IntegerField()
    sku = serializers.CharField()
    description = serializers.CharField()
    item_id = serializers.IntegerField(allow_null=True)
    listing_id = serializers.IntegerField(allow_null=True)
    quantity = QuantityField()
    unit = serializers.CharField()
    unit_price = UnitPriceField()
    tax_rate = PercentField()
    requested_date = serializers.DateField(allow_null=True)
    promised_date = serializers.DateField(allow_null=True)
    net_amount = MoneyField(currency="order.currency")
    tax_amount = MoneyField(currency="order.currency")
    received_quantity = QuantityField(source="quantity_received")
    rejected_quantity = QuantityField(source="quantity_rejected")
    settled_quantity = QuantityField(
        source="quantity_settled", help_text="Of the rejected quantity: what a settlement has chosen."
    )
    closed_quantity = QuantityField(
        source="quantity_closed", help_text="Taken off the order by agreed returns and short-closes."
    )
    settleable_quantity = serializers.SerializerMethodField(
        help_text="Rejected quantity a settlement may still be chosen for."
    )
    open_quantity = serializers.SerializerMethodField()
    rfq_line_id = serializers.IntegerField(allow_null=True)

    @extend_schema_field(QuantityField())
    def get_open_quantity(self, line: Any) -> str | None:
        return QuantityField().to_representation(max(line.open_quantity, Decimal(0)))

    @extend_schema_field(QuantityField())
    def get_settleable_quantity(self, line: Any) -> str | None:
        from tenants.procurement.services.settlements import settleable

        return QuantityField().to_representation(settleable(line))


class PoSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.ChoiceField(choices=PoStatus.choices)
    version = serializers.IntegerField()
    supplier_id = serializers.IntegerField(
        source="supplier_company_id",
        allow_null=True,
        help_text="The supplier's company id (null when off Hansa).",
    )
    supplier_name = serializers.CharField()
    on_hansa = serializers.BooleanField()
    currency = serializers.CharField()
    total_net = MoneyField(currency="currency")
    total_tax = MoneyField(currency="currency")
    total = MoneyField(currency="currency")
    order_date = serializers.DateField()
    requested_date = serializers.DateField(allow_null=True)
    rfq_id = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class DecisionSerializer(serializers.Serializer):
    user_id = serializers.IntegerField()
    user_email = serializers.EmailField(source="user.email")
    on_behalf_of_id = serializers.IntegerField(allow_null=True)
    decision = serializers.CharField()
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


class StepSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    mode = serializers.ChoiceField(choices=ApprovalMode.choices)
    user_ids = serializers.ListField(child=serializers.IntegerField())
    roles = serializers.ListField(child=serializers.CharField())
    status = serializers.ChoiceField(choices=StepStatus.choices)
    activated_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    decisions = serializers.SerializerMethodField()

    @extend_schema_field(DecisionSerializer(many=True))
    def get_decisions(self, step: ApprovalStep) -> list[dict[str, Any]]:
        return list(DecisionSerializer(step.decisions.all(), many=True).data)


class ChangeLineOutSerializer(serializers.Serializer):
    line_no = serializers.IntegerField()
    quantity = QuantityField(allow_null=True, required=False)
    unit_price = UnitPriceField(allow_null=True, required=False)
    requested_date = serializers.DateField(allow_null=True, required=False)
    promised_date = serializers.DateField(allow_null=True, required=False)


class ChangeSerializer(serializers.Serializer):
    change_id = serializers.UUIDField()
    proposed_by = serializers.ChoiceField(choices=Party.choices)
    origin = serializers.CharField(source="source", help_text="order_response or change_request")
    reason = serializers.CharField()
    lines = ChangeLineOutSerializer(many=True)
    before = ChangeLineOutSerializer(many=True)
    status = serializers.ChoiceField(choices=ChangeStatus.choices)
    version = serializers.IntegerField()
    response_reason = serializers.CharField()
    created_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)


class SettlementLineSerializer(serializers.Serializer):
    line_no = serializers.IntegerField()
    quantity = QuantityField()


class SettlementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    settlement_uuid = serializers.UUIDField(
        source="settlement_id",
        help_text="The settlement's id shared by buyer and supplier (trade documents).",
    )
    resolution = serializers.ChoiceField(choices=Resolution.values)
    return_number = serializers.CharField(help_text="The return's number (RTN-...), for a return.")
    reason = serializers.CharField()
    lines = SettlementLineSerializer(many=True)
    status = serializers.ChoiceField(choices=SettlementStatus.choices)
    response_reason = serializers.CharField()
    document_id = serializers.UUIDField(allow_null=True)
    created_by_id = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)


class ShipmentLineSerializer(serializers.Serializer):
    line_no = serializers.IntegerField()
    quantity = QuantityField()


class ShipmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    shipment_number = serializers.CharField()
    supplier_order_number = serializers.CharField()
    carrier = serializers.CharField()
    tracking_number = serializers.CharField()
    shipped_at = serializers.DateTimeField(allow_null=True)
    packages = serializers.IntegerField()
    lines = ShipmentLineSerializer(many=True)
    created_at = serializers.DateTimeField()


class ReceiptLineSerializer(serializers.Serializer):
    line_no = serializers.IntegerField(source="order_line.line_no")
    accepted_quantity = QuantityField()
    rejected_quantity = QuantityField()
    rejection_reason = serializers.CharField()


class ReceiptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    received_at = serializers.DateTimeField()
    received_by_id = serializers.IntegerField(allow_null=True)
    warehouse_id = serializers.IntegerField(allow_null=True)
    shipment_id = serializers.IntegerField(allow_null=True)
    note = serializers.CharField()
    lines = ReceiptLineSerializer(many=True, source="lines.all")


class PoDetailSerializer(PoSummarySerializer):
    supplier_email = serializers.CharField()
    exchange_rate = ExchangeRateField()
    approval_exchange_rate = ExchangeRateField(
        allow_null=True,
        help_text="The company's rate table rate approval routing used at submit (null: not submitted).",
    )
    payment_terms = serializers.CharField()
    ship_to = serializers.CharField()
    notes = serializers.CharField()
    category_code = serializers.CharField()
    department_id = serializers.IntegerField(allow_null=True)
    approved_total = MoneyField(currency="currency", allow_null=True)
    created_by_id = serializers.IntegerField(allow_null=True)
    submitted_by_id = serializers.IntegerField(allow_null=True)
    created_by_api_key_id = serializers.IntegerField(
        allow_null=True, help_text="The API key the order was created through (it acts for created_by)."
    )
    submitted_by_api_key_id = serializers.IntegerField(
        allow_null=True, help_text="The API key the order was submitted through (it acts for submitted_by)."
    )
    approval_rule_name = serializers.CharField()
    approval_round = serializers.IntegerField()
    rejection_reason = serializers.CharField()
    exchange_document_id = serializers.UUIDField(allow_null=True)
    supplier_order_number = serializers.CharField()
    cancel_reason = serializers.CharField()
    cancelled_by = serializers.CharField()
    close_reason = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    sent_at = serializers.DateTimeField(allow_null=True)
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    received_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    cancelled_at = serializers.DateTimeField(allow_null=True)
    lines = PoLineSerializer(many=True)
    approval_steps = StepSerializer(many=True)
    changes = ChangeSerializer(many=True)
    shipments = ShipmentSerializer(many=True)
    receipts = ReceiptSerializer(many=True)


class EventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    at = serializers.DateTimeField()
    actor_id = serializers.IntegerField(allow_null=True)
    actor_label = serializers.CharField()
    details = CanonicalDictField(source="data")


# Input ----------------------------------------------------------------------------------------------


class LineInputSerializer(serializers.Serializer):
    sku = serializers.CharField(max_length=60, required=False, default="", allow_blank=True)
    description = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)
    item_id = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True)
    listing_id = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False, allow_null=True)
    quantity = QuantityField(min_value=Decimal("0.0001"), max_value=Decimal("9999999999999"))
    unit = serializers.CharField(max_length=20)
    unit_price = UnitPriceField(min_value=Decimal(0), max_value=Decimal("9999999999999"))
    tax_rate = PercentField(
        min_value=Decimal(0),
        max_value=Decimal(100),
        required=False,
        default=Decimal(0),
    )
    requested_date = serializers.DateField(required=False, allow_null=True)


class ChangeLineInputSerializer(serializers.Serializer):
    line_no = serializers.IntegerField(min_value=1, max_value=100_000)
    quantity = QuantityField(
        min_value=Decimal("0.0001"),
        max_value=Decimal("9999999999999"),
        required=False,
        allow_null=True,
    )
    unit_price = UnitPriceField(
        min_value=Decimal(0),
        max_value=Decimal("9999999999999"),
        required=False,
        allow_null=True,
    )
    requested_date = serializers.DateField(required=False, allow_null=True)


class ReceiptLineInputSerializer(serializers.Serializer):
    line_no = serializers.IntegerField(min_value=1, max_value=100_000)
    accepted_quantity = QuantityField(
        min_value=Decimal(0),
        max_value=Decimal("9999999999999"),
        required=False,
        default=Decimal(0),
    )
    rejected_quantity = QuantityField(
        min_value=Decimal(0),
        max_value=Decimal("9999999999999"),
        required=False,
        default=Decimal(0),
    )
    rejection_reason = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)
