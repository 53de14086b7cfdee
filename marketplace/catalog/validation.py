"""The rules a listing must satisfy, shared by the API and by catalog imports (one source of truth).

:func:`listing_clean` takes loosely typed values (strings from a spreadsheet cell or JSON values) and
returns a :class:`ListingInput`, or raises ValidationFailed with one message list per field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from kernel.errors import ValidationFailed
from kernel.iso import CURRENCIES
from marketplace.catalog.models import Availability, ListingStatus
from marketplace.directory.models import Category

# Units a listing may be sold in (code -> Chinese name); the web app shows both.
UNITS: dict[str, str] = {
    "pcs": "件",
    "set": "套",
    "pair": "对",
    "g": "克",
    "kg": "千克",
    "t": "吨",
    "m": "米",
    "m2": "平方米",
    "m3": "立方米",
    "l": "升",
    "box": "盒",
    "carton": "箱",
    "bag": "袋",
    "bottle": "瓶",
    "roll": "卷",
    "sheet": "张",
    "drum": "桶",
    "pallet": "托",
}
SKU = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-/#+]{0,63}$")
MAX_TIERS = 10
MAX_ATTRIBUTES = 30
MAX_LEAD_TIME_DAYS = 365
MAX_AMOUNT = Decimal("10000000000")
EDITABLE_STATUSES = (ListingStatus.DRAFT, ListingStatus.ACTIVE)


@dataclass(frozen=True)
class ListingInput:
    sku: str
    name_en: str
    name_zh: str
    category: Category
    unit: str
    currency: str
    price_tiers: list[tuple[Decimal, Decimal]]
    moq: Decimal
    lead_time_days: int
    availability: str
    stock_quantity: Decimal | None = None
    attributes: list[dict[str, str]] = field(default_factory=list)
    description_en: str = ""
    description_zh: str = ""
    status: str = ListingStatus.DRAFT

    @property
    def base_price(self) -> Decimal:
        return self.price_tiers[0][1]


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _decimal(value: Any, *, places: int) -> Decimal | None:
    """A positive-or-zero decimal with at most ``places`` decimals (None when it is not one)."""
    if isinstance(value, bool):
        return None
    raw = _text(value).replace(",", "") if isinstance(value, str) else value
    try:
        number = Decimal(str(raw))
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or number < 0 or number >= MAX_AMOUNT:
        return None
    if number != number.quantize(Decimal(1).scaleb(-places)):
        return None
    return number.normalize() if number == number.to_integral() else number


def parse_tiers(value: Any) -> list[tuple[Any, Any]] | None:
    """``"1:12.50;100:11.00"`` or ``[{"min_quantity": 1, "unit_price": 12.5}, ...]`` as pairs."""
    if isinstance(value, list):
        pairs = []
        for item in value:
            if not isinstance(item, dict):
                return None
            pairs.append((item.get("min_quantity"), item.get("unit_price")))
        return pairs
    text = _text(value)
    if not text:
        return []
    pairs = []
    for part in text.split(";"):
        if not part.strip():
            continue
        quantity, sep, price = part.partition(":")
        if not sep:
            return None
        pairs.append((quantity.strip(), price.strip()))
    return pairs


def parse_attributes(value: Any) -> list[tuple[Any, Any]] | None:
    """``"Bore=25 mm;Material=GCr15"`` or ``[{"key": ..., "value": ...}]`` as pairs."""
    if isinstance(value, list):
        pairs = []
        for item in value:
            if not isinstance(item, dict):
                return None
            pairs.append((item.get("key"), item.get("value")))
        return pairs
    text = _text(value)
    if not text:
        return []
    pairs = []
    for part in text.split(";"):
        if not part.strip():
            continue
        key, sep, val = part.partition("=")
        if not sep:
            return None
        pairs.append((key.strip(), val.strip()))
    return pairs


def listing_clean(raw: dict[str, Any], *, categories: dict[str, Category]) -> ListingInput:
    """Validate one listing. ``raw`` keys are the import columns (see catalog.spreadsheet.COLUMNS);
    ``categories`` maps codes to categories (all of them, loaded once by the caller).

    Raises:
        ValidationFailed: ``errors`` maps column names to messages.
    """
    errors: dict[str, list[str]] = {}

    def fail(column: str, message: str) -> None:
        errors.setdefault(column, []).append(message)

    sku = _text(raw.get("sku"))
    if not SKU.match(sku):
        fail("sku", "Give a SKU of 1-64 letters, digits or . _ - / # + (starting with a letter or digit).")
    name_en, name_zh = _text(raw.get("name_en")), _text(raw.get("name_zh"))
    if not name_en and not name_zh:
        fail("name_en", "Give a name in English or in Chinese.")
    for column, value in (("name_en", name_en), ("name_zh", name_zh)):
        if len(value) > 200:
            fail(column, "At most 200 characters.")
    code = _text(raw.get("category_code"))
    category = categories.get(code)
    if category is None:
        fail("category_code", f"Unknown category code {code!r}." if code else "Give a category code.")
    unit = _text(raw.get("unit")).lower()
    if unit not in UNITS:
        fail("unit", f"Use one of: {', '.join(UNITS)}.")
    currency = _text(raw.get("currency")).upper()
    if currency not in CURRENCIES:
        fail(
            "currency",
            f"Unknown currency {currency!r}; use an ISO 4217 code such as CNY."
            if currency
            else "Give a currency.",
        )

    moq = _decimal(raw.get("moq"), places=3)
    if moq is None or moq <= 0:
        fail("moq", "Give the minimum order quantity: a number greater than 0 (at most 3 decimals).")
    lead_raw = raw.get("lead_time_days")
    lead_time: int | None = None
    if isinstance(lead_raw, int) and not isinstance(lead_raw, bool):
        lead_time = lead_raw
    elif isinstance(lead_raw, float) and lead_raw.is_integer():
        lead_time = int(lead_raw)
    elif isinstance(lead_raw, str) and lead_raw.strip().isascii() and lead_raw.strip().isdigit():
        lead_time = int(lead_raw.strip())
    if lead_time is None or not 0 <= lead_time <= MAX_LEAD_TIME_DAYS:
        fail("lead_time_days", f"Give the lead time in whole days, 0 to {MAX_LEAD_TIME_DAYS}.")

    tiers: list[tuple[Decimal, Decimal]] = []
    pairs = parse_tiers(raw.get("price_tiers"))
    if pairs is None or not pairs:
        fail("price_tiers", "Give 1 to 10 price tiers as min_quantity:unit_price, separated by ';'.")
    elif len(pairs) > MAX_TIERS:
        fail("price_tiers", f"At most {MAX_TIERS} price tiers.")
    else:
        for quantity_raw, price_raw in pairs:
            quantity = _decimal(quantity_raw, places=3)
            price = _decimal(price_raw, places=4)
            if quantity is None or quantity <= 0:
                fail("price_tiers", f"Tier quantity {quantity_raw!r} must be a number greater than 0.")
            elif price is None or price <= 0:
                fail(
                    "price_tiers",
                    f"Tier price {price_raw!r} must be a number greater than 0 (at most 4 decimals).",
                )
            else:
                tiers.append((quantity, price))
        if "price_tiers" not in errors:
            quantities = [q for q, _ in tiers]
            if quantities != sorted(set(quantities)):
                fail("price_tiers", "Tier quantities must increase from one tier to the next.")
            elif moq is not None and moq > 0 and tiers[0][0] > moq:
                fail("price_tiers", "The first tier must start at or below the minimum order quantity.")

    availability = _text(raw.get("availability")).lower()
    stock_raw = raw.get("stock_quantity")
    stock = None
    if availability not in Availability.values:
        fail("availability", f"Use one of: {', '.join(Availability.values)}.")
    elif availability == Availability.IN_STOCK:
        stock = _decimal(stock_raw, places=3)
        if stock is None:
            fail("stock_quantity", "Give the quantity in stock (a number, 0 or more) for in_stock listings.")
    elif _text(stock_raw):
        fail("stock_quantity", "Leave the stock quantity empty for made_to_order listings.")

    attributes: list[dict[str, str]] = []
    attribute_pairs = parse_attributes(raw.get("attributes"))
    if attribute_pairs is None:
        fail("attributes", "Give attributes as key=value pairs separated by ';'.")
    elif len(attribute_pairs) > MAX_ATTRIBUTES:
        fail("attributes", f"At most {MAX_ATTRIBUTES} attributes.")
    else:
        for key_raw, value_raw in attribute_pairs:
            key, value = _text(key_raw), _text(value_raw)
            if not key or len(key) > 60 or not value or len(value) > 200:
                fail(
                    "attributes",
                    "Each attribute needs a key (at most 60 characters) and a value (at most 200).",
                )
                break
            attributes.append({"key": key, "value": value})

    descriptions = {}
    for column in ("description_en", "description_zh"):
        value = str(raw.get(column) or "").strip()
        if len(value) > 5000:
            fail(column, "At most 5000 characters.")
        descriptions[column] = value
    status = _text(raw.get("status")).lower() or ListingStatus.DRAFT
    if status not in EDITABLE_STATUSES:
        fail("status", "Use draft or active.")

    if errors:
        raise ValidationFailed(errors=errors)
    assert category is not None and moq is not None and lead_time is not None
    return ListingInput(
        sku=sku,
        name_en=name_en,
        name_zh=name_zh,
        category=category,
        unit=unit,
        currency=currency,
        price_tiers=tiers,
        moq=moq,
        lead_time_days=lead_time,
        availability=availability,
        stock_quantity=stock,
        attributes=attributes,
        description_en=descriptions["description_en"],
        description_zh=descriptions["description_zh"],
        status=status,
    )
