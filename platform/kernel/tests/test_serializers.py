"""The decimal fields of the API vocabulary: one scale per kind out, no silent rounding in."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from rest_framework import serializers

from kernel.serializers import (
    CanonicalDictField,
    ExchangeRateField,
    MoneyField,
    PercentField,
    QuantityField,
    UnitPriceField,
    canonical_decimals,
)


class Doc(serializers.Serializer):
    currency = serializers.CharField()
    total = MoneyField(currency="currency")
    freight = MoneyField(currency="context.currency")
    quantity = QuantityField()
    unit_price = UnitPriceField()
    tax_rate = PercentField()
    exchange_rate = ExchangeRateField()


@pytest.mark.parametrize(
    ("currency", "total"), [("CNY", "10200.00"), ("JPY", "10200"), ("KWD", "10200.000"), ("EUR", "0.01")]
)
def test_money_has_the_minor_units_of_its_currency(currency, total):
    amount = Decimal("0.005") if currency == "EUR" else Decimal("10200.0000")
    doc = SimpleNamespace(
        currency=currency,
        total=amount,
        freight=amount,
        quantity=Decimal("10"),
        unit_price=Decimal("12.5"),
        tax_rate=Decimal("13.000"),
        exchange_rate=Decimal("7.2"),
    )
    data = Doc(doc, context={"currency": currency}).data
    assert (data["total"], data["freight"]) == (total, total)
    assert (data["quantity"], data["unit_price"], data["tax_rate"], data["exchange_rate"]) == (
        "10.0000",
        "12.5000",
        "13.00",
        "7.20000000",
    )


def test_input_beyond_the_kinds_precision_is_refused_not_rounded():
    class Lines(serializers.Serializer):
        quantity = QuantityField()
        moq = QuantityField(input_places=3)
        tax_rate = PercentField()

    ok = Lines(data={"quantity": "1.0001", "moq": "2.500", "tax_rate": "13"})
    assert ok.is_valid(), ok.errors
    assert ok.validated_data == {
        "quantity": Decimal("1.0001"),
        "moq": Decimal("2.500"),
        "tax_rate": Decimal(13),
    }
    bad = Lines(data={"quantity": "1.00001", "moq": "2.5001", "tax_rate": "13.125"})
    assert not bad.is_valid()
    assert set(bad.errors) == {"quantity", "moq", "tax_rate"}


def test_free_form_details_write_named_decimals_at_their_scale():
    """A receipt advice's "390" stands beside a shipment's "400.0000" on one timeline: both read alike."""
    details = {
        "lines": [
            {"line_no": 1, "quantity": "390", "accepted_quantity": 390, "rejected_quantity": "10.0"},
            {"line_no": 2, "unit_price": "8.4", "tax_rate": "13.000", "note": "as agreed"},
        ],
        "quantity": "n/a",
        "reason": "Rusty",
    }
    assert canonical_decimals(details) == {
        "lines": [
            {
                "line_no": 1,
                "quantity": "390.0000",
                "accepted_quantity": "390.0000",
                "rejected_quantity": "10.0000",
            },
            {"line_no": 2, "unit_price": "8.4000", "tax_rate": "13.00", "note": "as agreed"},
        ],
        "quantity": "n/a",
        "reason": "Rusty",
    }
    assert CanonicalDictField().to_representation({"quantity": "400"}) == {"quantity": "400.0000"}
