"""Amounts and dates in words, as cheques, bills and invoices write them.

Chinese (大写金额) follows the People's Bank of China's rules for filling in bills and settlement
vouchers (《正确填写票据和结算凭证的基本规定》, an annex of 《支付结算办法》):

- the financial numerals 零壹贰叁肆伍陆柒捌玖 with the units 拾佰仟万亿 and 元角分;
- ``整`` after 元 when there are no 角 and 分, and after 角 when there is no 分 (the rules allow it there
  and it closes the amount against additions); never after 分;
- one 零 for a run of zeros between digits (¥6,007.14 → 陆仟零柒元壹角肆分), and 零 when a 万 or 亿 group
  starts with zeros (¥100,010 → 壹拾万零壹拾元整);
- 零 after 元 when 角 is zero and 分 is not (¥325.04 → 叁佰贰拾伍元零肆分); when only the 元 digit is zero
  (¥1,680.32) the rules allow both forms and this module writes none (壹仟陆佰捌拾元叁角贰分);
- 壹 is written before a leading 拾 (¥16.00 → 壹拾陆元整, as in the rules' own example ¥107,000.53 →
  壹拾万柒仟元伍角叁分), so nothing can be put in front of it;
- amounts without 元 start at their first non-zero unit (¥0.05 → 伍分); a negative amount is prefixed 负.

Amounts are rounded half up to 分 first. 万亿 is the largest unit: amounts from 10^16 on raise ValueError.

English writes the whole part in words (American usage, no "and" inside the number) and the minor units
as a fraction of the currency's minor unit count, as on a cheque: ``One thousand four and 50/100``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from kernel.iso import currency_minor_units

ZH_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_ZH_SMALL_UNITS = ("仟", "佰", "拾", "")
_WAN = 10**4
_YI = 10**8
_ZH_LIMIT = 10**16


def _zh_group(number: int) -> str:
    """0 < number < 10,000 in words: 1004 → 壹仟零肆, 1010 → 壹仟零壹拾."""
    out: list[str] = []
    zero_pending = False
    for digit, unit in zip(f"{number:04d}", _ZH_SMALL_UNITS, strict=True):
        if digit == "0":
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append("零")
            zero_pending = False
        out.append(ZH_DIGITS[int(digit)] + unit)
    return "".join(out)


def _zh_integer(number: int) -> str:
    """0 < number < 10^16 in words, 万 and 亿 groups with 零 where a lower group starts with zeros."""
    if number < _WAN:
        return _zh_group(number)
    scale, unit = (_YI, "亿") if number >= _YI else (_WAN, "万")
    high, low = divmod(number, scale)
    if low == 0:
        return _zh_integer(high) + unit
    joint = "零" if low < scale // 10 else ""
    return _zh_integer(high) + unit + joint + _zh_integer(low)


def amount_in_words_zh(amount: Decimal) -> str:
    """``amount`` in Chinese financial uppercase (大写金额), rounded half up to 分.

    ``Decimal("1004.50")`` → ``壹仟零肆元伍角整``; ``Decimal("0.05")`` → ``伍分``; ``Decimal("-3")`` →
    ``负叁元整``. The currency is not named (documents print 人民币 or the currency before it).

    Raises:
        ValueError: ``amount`` is not finite, or its magnitude is 10^16 or more.
    """
    value = Decimal(amount)
    if not value.is_finite():
        raise ValueError(f"not an amount: {amount!r}")
    cents = int(value.copy_abs().quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) * 100)
    if cents >= _ZH_LIMIT * 100:
        raise ValueError(f"too large for 大写金额: {amount!r}")
    yuan, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    sign = "负" if value < 0 and cents else ""
    if cents == 0:
        return "零元整"
    words = _zh_integer(yuan) + "元" if yuan else ""
    if jiao:
        words += ZH_DIGITS[jiao] + "角"
    elif fen and yuan:
        words += "零"
    words += ZH_DIGITS[fen] + "分" if fen else "整"
    return sign + words


def date_in_words_zh(day: dt.date) -> str:
    """A bill's issue date as the rules ask it to be written (出票日期, 中文大写).

    Each digit of the year; a month of 1, 2 or 10 and a day of 1 to 10, 20 or 30 take a leading 零, and a
    day of 11 to 19 takes 壹 (2026-01-15 → 贰零贰陆年零壹月壹拾伍日, 2026-10-20 → 贰零贰陆年零壹拾月零贰拾日),
    so that nothing can be written before them.
    """

    def number(value: int) -> str:
        tens, ones = divmod(value, 10)
        if tens == 0:
            return ZH_DIGITS[ones]
        return ZH_DIGITS[tens] + "拾" + (ZH_DIGITS[ones] if ones else "")

    year = "".join(ZH_DIGITS[int(ch)] for ch in f"{day.year:04d}")
    month = ("零" if day.month in (1, 2, 10) else "") + number(day.month)
    zero_day = day.day < 10 or day.day in (10, 20, 30)
    return f"{year}年{month}月{'零' if zero_day else ''}{number(day.day)}日"


_EN_ONES = [
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"),
]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_SCALES = ("", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion")


def _en_below_thousand(number: int) -> list[str]:
    hundreds, rest = divmod(number, 100)
    words = [_EN_ONES[hundreds], "hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_EN_TENS[tens] + (f"-{_EN_ONES[ones]}" if ones else ""))
    elif rest:
        words.append(_EN_ONES[rest])
    return words


def _en_integer(number: int) -> str:
    if number == 0:
        return "zero"
    groups: list[int] = []
    while number:
        number, group = divmod(number, 1000)
        groups.append(group)
    if len(groups) > len(_EN_SCALES):
        raise ValueError("too large to write in words")
    words: list[str] = []
    for index in range(len(groups) - 1, -1, -1):
        if groups[index]:
            words += _en_below_thousand(groups[index])
            if _EN_SCALES[index]:
                words.append(_EN_SCALES[index])
    return " ".join(words)


def amount_in_words_en(amount: Decimal, currency: str) -> str:
    """``amount`` in English words as a cheque writes it, rounded half up to ``currency``'s minor unit.

    ``Decimal("1004.50"), "CNY"`` → ``One thousand four and 50/100``; ``Decimal("1004"), "JPY"`` →
    ``One thousand four``; ``Decimal("-0.5"), "USD"`` → ``Minus zero and 50/100``. The currency only sets
    the minor units; documents print its code next to the words.

    Raises:
        ValueError: ``amount`` is not finite or too large to name (10^21 or more).
    """
    value = Decimal(amount)
    if not value.is_finite():
        raise ValueError(f"not an amount: {amount!r}")
    places = currency_minor_units(currency)
    minor_total = int(
        value.copy_abs().quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP).scaleb(places)
    )
    whole, minor = divmod(minor_total, 10**places)
    words = _en_integer(whole)
    if places:
        words += f" and {minor:0{places}d}/{10**places}"
    if value < 0 and minor_total:
        words = "minus " + words
    return words[0].upper() + words[1:]
