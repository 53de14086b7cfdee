"""Rounding money to a currency's minor unit (used by reads and writes alike)."""

from __future__ import annotations

from decimal import Decimal

from kernel.iso import currency_minor_units


def round_money(value: Decimal, currency: str) -> Decimal:
    """``value`` rounded (half even) to the minor unit of ``currency`` (2 places when unknown)."""
    return value.quantize(Decimal(1).scaleb(-currency_minor_units(currency)))
