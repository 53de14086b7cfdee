"""Decimal serializer fields of the API vocabulary (docs/api-conventions.md).

Every decimal the API reads or writes is one of a few kinds, each rendered as a JSON string at the
scale of its kind, whatever the column behind it holds:

========================  ======================================  ==============================
field                     kind (``x-kind``)                       scale (``x-scale``)
========================  ======================================  ==============================
``MoneyField``            ``money``: an amount in a currency      the currency's minor units
``UnitPriceField``        ``unit_price``: price of one unit       4
``QuantityField``         ``quantity``: a count in some unit      4
``PercentField``          ``percent``: tax rate, discount         2 (``"13.00"`` is 13 %)
``ExchangeRateField``     ``exchange_rate``                       8
``RatioField``            ``ratio``: a share from 0 to 1          3
``RatingField``           ``rating``: stars from 0 to 5           3
``ScoreField``            ``score``: a ranking score              2
``CoordinateField``       ``coordinate``: latitude or longitude   6 (degrees, about 0.1 m)
========================  ======================================  ==============================

The OpenAPI schema of each field says so (``format: decimal`` plus ``x-kind`` and ``x-scale``; money
says ``x-scale: "currency"`` and names its currency in ``x-currency``), which is what
``tests/api/test_conventions.py`` checks. Input accepts at most ``input_places`` decimal places (the
column's precision); more is a validation error, never a silent rounding.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, ClassVar

from rest_framework import serializers
from rest_framework.fields import get_attribute

from kernel.iso import currency_minor_units

__all__ = [
    "KIND_SCALES",
    "CoordinateField",
    "DecimalKindField",
    "ExchangeRateField",
    "MoneyField",
    "PercentField",
    "QuantityField",
    "RatingField",
    "RatioField",
    "ScoreField",
    "UnitPriceField",
    "money_text",
]

# The fixed scale of each kind; money has none (its scale is its currency's minor units).
KIND_SCALES: dict[str, int | str] = {
    "money": "currency",
    "unit_price": 4,
    "quantity": 4,
    "percent": 2,
    "exchange_rate": 8,
    "ratio": 3,
    "rating": 3,
    "score": 2,
    "coordinate": 6,
}


def money_text(value: Decimal | None, currency: str) -> str | None:
    """``value`` as the API writes an amount in ``currency``: ``"10200.00"`` (CNY), ``"10200"`` (JPY)."""
    if value is None:
        return None
    places = currency_minor_units(currency)
    return f"{Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):f}"


class DecimalKindField(serializers.DecimalField):
    """A decimal of one kind: a string at the kind's scale on output, at most ``input_places`` on input."""

    kind: ClassVar[str] = ""
    scale: ClassVar[int] = 4

    def __init__(self, *, max_digits: int = 18, input_places: int | None = None, **kwargs: Any) -> None:
        self.input_places = self.scale if input_places is None else input_places
        kwargs.setdefault("coerce_to_string", True)
        kwargs.setdefault("rounding", ROUND_HALF_UP)
        # DRF validates input against decimal_places and quantizes output to it: the input limit is the
        # larger of the two and enforced in to_internal_value, the output uses the kind's scale.
        super().__init__(max_digits=max_digits, decimal_places=max(self.scale, self.input_places), **kwargs)

    def to_internal_value(self, data: Any) -> Decimal:
        value: Decimal = super().to_internal_value(data)
        exponent = value.as_tuple().exponent
        if (
            isinstance(exponent, int)
            and -exponent > self.input_places
            and value != value.quantize(Decimal(1).scaleb(-self.input_places))
        ):
            self.fail("max_decimal_places", max_decimal_places=self.input_places)
        return value

    def to_representation(self, value: Any) -> Any:  # str, or None for a null
        if value is None:
            return None
        if not isinstance(value, Decimal):
            value = Decimal(str(value))
        return f"{value.quantize(Decimal(1).scaleb(-self.scale), rounding=ROUND_HALF_UP):f}"


class UnitPriceField(DecimalKindField):
    kind = "unit_price"
    scale = 4


class QuantityField(DecimalKindField):
    kind = "quantity"
    scale = 4


class PercentField(DecimalKindField):
    kind = "percent"
    scale = 2

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 5)
        super().__init__(**kwargs)


class ExchangeRateField(DecimalKindField):
    kind = "exchange_rate"
    scale = 8


class RatioField(DecimalKindField):
    kind = "ratio"
    scale = 3

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 4)
        super().__init__(**kwargs)


class RatingField(DecimalKindField):
    kind = "rating"
    scale = 3  # the computed reputation keeps 3 decimals: sorting by it must match what is shown

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 4)
        super().__init__(**kwargs)


class ScoreField(DecimalKindField):
    kind = "score"
    scale = 2

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 6)
        super().__init__(**kwargs)


class CoordinateField(DecimalKindField):
    """A latitude or longitude in decimal degrees (WGS 84)."""

    kind = "coordinate"
    scale = 6

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 9)
        super().__init__(**kwargs)


class MoneyField(DecimalKindField):
    """An amount in the currency named by ``currency``: a dotted path from the object serialized
    (``"order.currency"``), ``"context.<key>"`` for a key of the serializer context, or a function of
    the object (then ``currency_label`` names it in the schema).

    Output has the currency's minor units (ROUND_HALF_UP). ``currency`` may be omitted on input-only
    fields; on output a missing currency is a programming error.
    """

    kind = "money"
    scale = 4  # input precision of the columns; output uses the currency's minor units

    def __init__(
        self,
        *,
        currency: str | Callable[[Any], str] | None = None,
        currency_label: str = "",
        **kwargs: Any,
    ) -> None:
        self.currency_source = currency
        self.currency_label = currency_label or (currency if isinstance(currency, str) else "")
        super().__init__(**kwargs)

    def get_attribute(self, instance: Any) -> Any:
        value = super().get_attribute(instance)
        if value is None:
            return None
        if self.currency_source is None:
            raise AssertionError(f"MoneyField {self.field_name!r} has no currency source")
        if callable(self.currency_source):
            return (value, self.currency_source(instance))
        if self.currency_source.startswith("context."):
            return (value, self.context[self.currency_source.removeprefix("context.")])
        return (value, get_attribute(instance, self.currency_source.split(".")))

    def to_representation(self, value: Any) -> Any:  # str, or None for a null
        if value is None:
            return None
        amount, currency = value
        return money_text(Decimal(str(amount)), currency)


def _kind_of_name(name: str) -> DecimalKindField | None:
    if name == "quantity" or name.endswith("_quantity") or name.startswith("quantity_"):
        return QuantityField()
    if name == "unit_price" or name.endswith("_unit_price"):
        return UnitPriceField()
    if name in ("tax_rate", "discount_percent"):
        return PercentField()
    if name == "exchange_rate":
        return ExchangeRateField()
    return None


def canonical_decimals(value: Any) -> Any:
    """``value`` (free-form JSON: a timeline event's details, a document's lines) with every decimal the
    vocabulary names by its field name (``quantity``, ``*_quantity``, ``unit_price``, ``tax_rate``,
    ``discount_percent``, ``exchange_rate``) written at its kind's scale, so ``"390"`` and ``"400.0000"``
    never stand side by side. Values that are not numbers are left as they are."""
    if isinstance(value, list):
        return [canonical_decimals(item) for item in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        field = _kind_of_name(str(key))
        if field is not None and isinstance(item, (str, int, float, Decimal)) and not isinstance(item, bool):
            try:
                out[key] = field.to_representation(Decimal(str(item)))
            except (ArithmeticError, ValueError):
                out[key] = item
            continue
        out[key] = canonical_decimals(item)
    return out


class CanonicalDictField(serializers.DictField):
    """A free-form object (event details) whose named decimals are rewritten by ``canonical_decimals``."""

    def to_representation(self, value: Any) -> Any:
        return canonical_decimals(super().to_representation(value))
