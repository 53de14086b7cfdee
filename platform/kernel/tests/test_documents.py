"""Documents as PDF: invoices, credit notes, bills and statements in Chinese, English and both, read back
with pypdf (page count, text, fonts); the choice of the CJK font."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
import reportlab

from kernel.documents import (
    BillDocument,
    BillType,
    Column,
    DocumentBuilder,
    Endorsement,
    InvoiceDocument,
    InvoiceKind,
    InvoiceLine,
    InvoiceType,
    Label,
    Party,
    StatementDocument,
    StatementRow,
    render_bill_pdf,
    render_invoice_pdf,
    render_statement_pdf,
)
from kernel.documents.fonts import CANDIDATES, resolve_cjk_font
from kernel.tests.pdfs import read_pdf

NOTO_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
TRUETYPE_CJK = next((c for c in CANDIDATES if Path(c.partition("#")[0]).is_file()), None)

SELLER = Party(
    name="上海汉萨机械有限公司",
    address="上海市浦东新区张江路88号",
    tax_id="91310115MA1K4CT2X1",
    bank_name="中国工商银行上海张江支行",
    bank_account="1001234567890123456",
    phone="021-50801234",
)
BUYER = Party(
    name="Acme Tools GmbH", address="Hauptstrasse 5, 10115 Berlin", tax_id="DE123456789", country="DE"
)


@pytest.fixture(autouse=True)
def cid_font(settings):
    """Documents use the CID font unless a test picks another, so results do not depend on the machine."""
    settings.HANSA_PDF_CJK_FONT = "STSong-Light"
    resolve_cjk_font.cache_clear()
    yield
    resolve_cjk_font.cache_clear()


def pages_in_footer(read) -> list[str]:
    return [found[-1] for found in (re.findall(r"\d+ / \d+", page) for page in read.pages)]


def invoice(count: int = 45, **overrides) -> InvoiceDocument:
    lines = []
    for index in range(1, count + 1):
        rate = Decimal("13") if index % 3 else Decimal("6")
        vat = (Decimal("1002.00") * rate / 100).quantize(Decimal("0.01"))
        lines.append(
            InvoiceLine(
                description=f"深沟球轴承 Bearing 6204-{index:03d}",
                quantity=Decimal("12"),
                unit="pcs",
                unit_price=Decimal("83.5000"),
                net=Decimal("1002.00"),
                vat_rate=rate,
                vat=vat,
                gross=Decimal("1002.00") + vat,
                code=f"SKU-{index:03d}",
            )
        )
    values = {
        "number": "INV-2026-000123",
        "invoice_type": InvoiceType.SPECIAL,
        "issue_date": dt.date(2026, 12, 6),
        "due_date": dt.date(2027, 1, 5),
        "currency": "CNY",
        "seller": SELLER,
        "buyer": BUYER,
        "lines": lines,
        "payment_instructions": "Bank transfer to ICBC 1001234567890123456, reference INV-2026-000123",
        "notes": "Delivered under PO-2026-00042.",
    }
    values.update(overrides)
    return InvoiceDocument(**values)


# 45 lines: 30 at 13 % (VAT 130.26) and 15 at 6 % (VAT 60.12) -> net 45,090.00, VAT 4,809.60, 49,899.60
TOTAL = "49,899.60"
TOTAL_ZH = "肆万玖仟捌佰玖拾玖元陆角整"
TOTAL_EN = "Forty-nine thousand eight hundred ninety-nine and 60/100"


@pytest.mark.parametrize("language", ["zh-CN", "en", "both"])
def test_an_invoice_runs_over_pages_with_its_totals_and_the_amount_in_words(language):
    read = read_pdf(render_invoice_pdf(invoice(), language=language))
    assert len(read.pages) >= 2
    assert pages_in_footer(read) == [f"{n} / {len(read.pages)}" for n in range(1, len(read.pages) + 1)]
    text, flat = read.text, read.flat
    for expected in ("INV-2026-000123", "91310115MA1K4CT2X1", "DE123456789", "Acme Tools GmbH", "2027-01-05"):
        assert expected in text, expected
    assert "上海汉萨机械有限公司" in flat and "SKU-045" in text and "6204-045" in text
    assert TOTAL in text and "45,090.00" in text and "4,809.60" in text
    assert "3,907.80" in text and "901.80" in text  # VAT at 13 % and at 6 %
    assert ("人民币" + TOTAL_ZH in flat) == (language != "en")
    assert ("CNY " + TOTAL_EN in text) == (language != "zh-CN")
    assert ("价税合计" in flat) == (language != "en")
    assert ("Unit price" in text) == (language != "zh-CN")
    # The lines' header repeats on the next page.
    header = "单价" if language == "zh-CN" else "Unit price"
    assert header in read.pages[1]
    assert "STSong-Light" in read.fonts and not read.embedded


def test_a_credit_note_names_the_invoice_it_corrects_and_words_its_negative_total():
    lines = [
        InvoiceLine(
            description="退货 Returned bearings",
            quantity=Decimal("-2"),
            unit="pcs",
            unit_price=Decimal("502.25"),
            net=Decimal("-1004.50"),
            vat_rate=Decimal("0"),
            vat=Decimal("0.00"),
            gross=Decimal("-1004.50"),
        )
    ]
    doc = invoice(
        number="CN-2026-000007",
        kind=InvoiceKind.CREDIT_NOTE,
        original_number="INV-2026-000123",
        original_date=dt.date(2026, 12, 6),
        reason="Goods returned",
        lines=lines,
        due_date=None,
    )
    read = read_pdf(render_invoice_pdf(doc, language="both"))
    assert len(read.pages) == 1
    for expected in ("Credit note", "Corrects invoice", "INV-2026-000123", "Goods returned", "-1,004.50"):
        assert expected in read.text, expected
    assert "红字发票" in read.flat and "原发票号码" in read.flat
    assert "人民币负壹仟零肆元伍角整" in read.flat
    assert "CNY Minus one thousand four and 50/100" in read.text


def test_a_commercial_invoice_in_english_only_needs_no_chinese_font():
    doc = invoice(
        invoice_type=InvoiceType.COMMERCIAL,
        seller=Party(name="Hansa Platform Ltd.", address="Shanghai", tax_id="X1"),
        lines=[replace(invoice(count=1).lines[0], description="Ball bearing")],
        currency="USD",
        extra_totals=[
            (Label("Paid", "已付"), Decimal("100")),
            (Label("Balance due", "应付余额"), Decimal("1032.26")),
        ],
    )
    read = read_pdf(render_invoice_pdf(doc, language="en"))
    assert read.fonts == {"Helvetica", "Helvetica-Bold"}
    assert "Commercial invoice" in read.text and "Total (USD) 1,132.26" in read.spaced
    assert "Paid 100.00" in read.spaced and "Balance due 1,032.26" in read.spaced
    assert "USD One thousand one hundred thirty-two and 26/100" in read.text


def test_the_same_document_gives_the_same_bytes_and_a_bad_language_is_refused():
    assert render_invoice_pdf(invoice(3), language="both") == render_invoice_pdf(invoice(3), language="both")
    with pytest.raises(ValueError):
        render_invoice_pdf(invoice(3), language="de")  # type: ignore[arg-type]


def bill(endorsements: int) -> BillDocument:
    return BillDocument(
        number="5305810000012026120600000012",
        bill_type=BillType.BANK_ACCEPTANCE,
        issue_date=dt.date(2026, 10, 20),
        maturity_date=dt.date(2027, 4, 20),
        acceptance_date=dt.date(2026, 10, 21),
        amount=Decimal("100010.00"),
        drawer=SELLER,
        payee=Party(name="深圳供应商有限公司", bank_name="招商银行深圳分行", bank_account="755900001111"),
        acceptor=Party(name="中国工商银行上海张江支行"),
        contract_number="HT-2026-118",
        endorsements=[
            Endorsement(endorser=f"背书公司{n}", endorsee=f"背书公司{n + 1}", date=dt.date(2026, 11, 1))
            for n in range(1, endorsements + 1)
        ],
    )


@pytest.mark.parametrize("language", ["zh-CN", "en", "both"])
def test_a_bill_face_with_a_long_endorsement_chain(language):
    read = read_pdf(render_bill_pdf(bill(endorsements=70), language=language))
    assert len(read.pages) >= 2
    assert pages_in_footer(read)[-1] == f"{len(read.pages)} / {len(read.pages)}"
    text, flat = read.text, read.flat
    assert "5305810000012026120600000012" in text and "100,010.00" in text and "2027-04-20" in text
    assert "背书公司71" in flat and "HT-2026-118" in text
    assert ("银行承兑汇票" in flat) == (language != "en")
    assert ("Bank acceptance bill" in text) == (language != "zh-CN")
    assert ("人民币壹拾万零壹拾元整" in flat) == (language != "en")
    assert ("贰零贰陆年零壹拾月零贰拾日" in flat) == (language != "en")  # 出票日期 in uppercase
    assert ("CNY One hundred thousand ten and 00/100" in text) == (language != "zh-CN")
    assert ("Endorser" if language != "zh-CN" else "背书人") in read.pages[-1]  # the header repeats


def test_a_commercial_acceptance_bill_without_endorsements():
    doc = BillDocument(
        **{**bill(0).__dict__, "bill_type": BillType.COMMERCIAL_ACCEPTANCE, "transferable": False}
    )
    read = read_pdf(render_bill_pdf(doc, language="zh-CN"))
    assert len(read.pages) == 1
    assert "商业承兑汇票" in read.flat and "不得转让" in read.flat and "无背书" in read.flat


def statement(columns: int, rows: int) -> StatementDocument:
    headings = [Label(f"Period {n}", f"期间{n}") for n in range(1, columns + 1)]
    body = [StatementRow(label=Label("Current assets", "流动资产"), values=[None] * columns)]
    body += [
        StatementRow(
            label=Label(f"Account {n}", f"科目{n}"),
            values=[Decimal(n * 1000 + c) + Decimal("0.5") for c in range(columns)],
            indent=1,
            note=f"{n}",
        )
        for n in range(1, rows + 1)
    ]
    body.append(
        StatementRow(
            label=Label("Total current assets", "流动资产合计"),
            values=[Decimal("-1234567.891")] * columns,
            is_total=True,
        )
    )
    return StatementDocument(
        title=Label("Balance sheet", "资产负债表"),
        company="上海汉萨机械有限公司",
        period=Label("As of 2026-11-30", "2026年11月30日"),
        columns=headings,
        rows=body,
        form_number="会企01表",
    )


@pytest.mark.parametrize("language", ["zh-CN", "en", "both"])
def test_a_statement_with_comparative_columns_over_pages(language):
    read = read_pdf(render_statement_pdf(statement(columns=2, rows=90), language=language))
    assert len(read.pages) >= 2
    assert all(width < height for width, height in read.sizes)  # portrait
    text, flat = read.text, read.flat
    assert "90,000.50" in text and "90,001.50" in text and "-1,234,567.89" in text  # rounded to 分
    assert ("资产负债表" in flat and "流动资产合计" in flat) == (language != "en")
    assert ("Total current assets" in text) == (language != "zh-CN")
    assert ("Period 2" if language != "zh-CN" else "期间2") in read.pages[1]


def test_a_wide_statement_turns_the_page_and_rows_must_fit_the_columns():
    read = read_pdf(render_statement_pdf(statement(columns=6, rows=5), language="en"))
    assert all(width > height for width, height in read.sizes)  # landscape
    assert "Period 6" in read.text
    broken = replace(statement(2, 1), rows=[StatementRow("x", [Decimal(1)])])
    with pytest.raises(ValueError):
        render_statement_pdf(broken)


def test_a_domain_document_built_from_the_blocks():
    builder = DocumentBuilder(language="both", title="Delivery note", number="DN-1", footer="DN-1 · Hansa")
    builder.title_block(Label("Delivery note", "送货单"), number="DN-1")
    builder.facts([(Label("Ship to", "收货地址"), "深圳市南山区"), (Label("Empty", "空"), "")])
    builder.table([Column("SKU"), Column(Label("Qty", "数量"), align="right")], [["A-1", "3"]])
    read = read_pdf(builder.build())
    assert "送货单" in read.flat and "深圳市南山区" in read.flat and "Empty" not in read.text
    assert "DN-1 · Hansa" in read.text and "1 / 1" in read.text


# Fonts -------------------------------------------------------------------------------------------------


@pytest.mark.skipif(TRUETYPE_CJK is None, reason="no TrueType CJK font on this machine (fonts-wqy-zenhei)")
def test_a_truetype_cjk_font_is_embedded_and_its_text_reads_back(settings):
    settings.HANSA_PDF_CJK_FONT = ""  # automatic: the first candidate on the machine
    read = read_pdf(render_invoice_pdf(invoice(3), language="zh-CN"))
    chinese = read.fonts - {"Helvetica", "Helvetica-Bold"}
    assert chinese and chinese <= read.embedded and "STSong-Light" not in read.fonts
    assert "增值税专用发票" in read.flat and "人民币叁仟叁佰贰拾陆元陆角肆分" in read.flat


def test_the_cid_font_is_used_when_no_truetype_font_is_found(settings, monkeypatch):
    monkeypatch.setattr("kernel.documents.fonts.CANDIDATES", ("/nonexistent/font.ttc#0",))
    settings.HANSA_PDF_CJK_FONT = ""
    read = read_pdf(render_invoice_pdf(invoice(3), language="zh-CN"))
    assert "STSong-Light" in read.fonts and not read.embedded
    assert "增值税专用发票" in read.flat


@pytest.mark.parametrize(
    ("setting", "why"),
    [
        (NOTO_CJK + "#2", "postscript outlines are not supported"),  # OpenType/CFF: ReportLab cannot embed it
        (str(Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"), "no glyphs for"),  # Latin only
        ("/nonexistent/font.ttf", "no file"),
    ],
)
def test_a_font_that_cannot_be_used_falls_back_to_the_cid_font_with_a_warning(settings, caplog, setting, why):
    if setting.startswith(NOTO_CJK) and not Path(NOTO_CJK).is_file():
        pytest.skip("fonts-noto-cjk is not installed")
    settings.HANSA_PDF_CJK_FONT = setting
    with caplog.at_level(logging.WARNING, logger="kernel.documents.fonts"):
        read = read_pdf(render_invoice_pdf(invoice(3), language="zh-CN"))
    assert "STSong-Light" in read.fonts and not read.embedded and "增值税专用发票" in read.flat
    assert any(why in record.getMessage() for record in caplog.records)


def test_a_row_taller_than_a_page_splits_inside_the_row():
    builder = DocumentBuilder(language="en", title="Long", number="L-1")
    builder.table(
        [Column("#", 0.5), Column("Description", 5)], [["1", "bearing " * 3000 + "END"], ["2", "last"]]
    )
    read = read_pdf(builder.build())
    assert len(read.pages) >= 3 and "END" in read.text and "last" in read.pages[-1]
