"""Amounts and dates in words: Chinese financial uppercase (大写金额) and English cheque style."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kernel.amounts import amount_in_words_en, amount_in_words_zh, date_in_words_zh

ZH_CASES = [
    ("0", "零元整"),
    ("0.00", "零元整"),
    ("0.004", "零元整"),  # rounds to nothing
    ("0.01", "壹分"),
    ("0.05", "伍分"),
    ("0.10", "壹角整"),
    ("0.56", "伍角陆分"),
    ("1", "壹元整"),
    ("10", "壹拾元整"),
    ("10.30", "壹拾元叁角整"),
    ("16", "壹拾陆元整"),
    ("100", "壹佰元整"),
    ("101", "壹佰零壹元整"),
    ("110", "壹佰壹拾元整"),
    ("325.04", "叁佰贰拾伍元零肆分"),  # the rules' example: 角 zero, 分 not: 零 after 元
    ("1004.50", "壹仟零肆元伍角整"),
    ("1010.01", "壹仟零壹拾元零壹分"),
    ("1409.50", "壹仟肆佰零玖元伍角整"),  # the rules' example
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),  # the rules' example (the form without 零)
    ("6007.14", "陆仟零柒元壹角肆分"),  # the rules' example: one 零 for two zeros
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"),  # the rules' example
    ("10000", "壹万元整"),
    ("100010", "壹拾万零壹拾元整"),
    ("107000.53", "壹拾万柒仟元伍角叁分"),  # the rules' example
    ("1000000.10", "壹佰万元壹角整"),
    ("10000001", "壹仟万零壹元整"),
    ("100000000", "壹亿元整"),
    ("100000000.00", "壹亿元整"),
    ("100010000", "壹亿零壹万元整"),
    ("101000000", "壹亿零壹佰万元整"),
    ("110000000", "壹亿壹仟万元整"),
    ("10000000000", "壹佰亿元整"),
    ("123456789012.34", "壹仟贰佰叁拾肆亿伍仟陆佰柒拾捌万玖仟零壹拾贰元叁角肆分"),
    ("1000000000000", "壹万亿元整"),
    ("1000000010000", "壹万亿零壹万元整"),
    ("9999999999999999.99", "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ("1.005", "壹元零壹分"),  # three decimals round half up
    ("1.004", "壹元整"),
    ("2.345", "贰元叁角伍分"),
    ("9.995", "壹拾元整"),  # rounding carries into 元
    ("-1004.50", "负壹仟零肆元伍角整"),
    ("-0.05", "负伍分"),
    ("-0.001", "零元整"),  # no 负 for what rounds to zero
]


@pytest.mark.parametrize(("amount", "words"), ZH_CASES)
def test_chinese_uppercase(amount, words):
    assert amount_in_words_zh(Decimal(amount)) == words


@pytest.mark.parametrize("amount", ["10000000000000000", "-10000000000000000", "NaN", "Infinity"])
def test_chinese_uppercase_refuses_what_it_cannot_write(amount):
    with pytest.raises(ValueError):
        amount_in_words_zh(Decimal(amount))


EN_CASES = [
    ("0", "CNY", "Zero and 00/100"),
    ("0.01", "CNY", "Zero and 01/100"),
    ("1", "USD", "One and 00/100"),
    ("10", "USD", "Ten and 00/100"),
    ("15.5", "EUR", "Fifteen and 50/100"),
    ("21", "USD", "Twenty-one and 00/100"),
    ("100", "USD", "One hundred and 00/100"),
    ("101.99", "USD", "One hundred one and 99/100"),
    ("1004.50", "CNY", "One thousand four and 50/100"),
    ("100010", "CNY", "One hundred thousand ten and 00/100"),
    ("1000000.10", "CNY", "One million and 10/100"),
    ("10000000000", "CNY", "Ten billion and 00/100"),
    ("1234567.89", "USD", "One million two hundred thirty-four thousand five hundred sixty-seven and 89/100"),
    ("2.345", "USD", "Two and 35/100"),  # half up
    ("2.344", "USD", "Two and 34/100"),
    ("9.999", "USD", "Ten and 00/100"),
    ("1004", "JPY", "One thousand four"),  # no minor unit
    ("1004.6", "JPY", "One thousand five"),
    ("12.5", "KWD", "Twelve and 500/1000"),
    ("-1004.50", "CNY", "Minus one thousand four and 50/100"),
    ("-0.001", "CNY", "Zero and 00/100"),
]


@pytest.mark.parametrize(("amount", "currency", "words"), EN_CASES)
def test_english_cheque_words(amount, currency, words):
    assert amount_in_words_en(Decimal(amount), currency) == words


def test_english_refuses_what_it_cannot_name():
    with pytest.raises(ValueError):
        amount_in_words_en(Decimal(10) ** 21, "USD")
    with pytest.raises(ValueError):
        amount_in_words_en(Decimal("NaN"), "USD")


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(2026, 1, 15), "贰零贰陆年零壹月壹拾伍日"),
        (dt.date(2026, 10, 20), "贰零贰陆年零壹拾月零贰拾日"),
        (dt.date(2026, 2, 3), "贰零贰陆年零贰月零叁日"),
        (dt.date(2026, 3, 10), "贰零贰陆年叁月零壹拾日"),
        (dt.date(2026, 11, 30), "贰零贰陆年壹拾壹月零叁拾日"),
        (dt.date(2026, 12, 31), "贰零贰陆年壹拾贰月叁拾壹日"),
        (dt.date(2030, 7, 22), "贰零叁零年柒月贰拾贰日"),
    ],
)
def test_bill_dates_in_chinese_uppercase(day, words):
    assert date_in_words_zh(day) == words
