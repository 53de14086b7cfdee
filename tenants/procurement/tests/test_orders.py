"""Purchase orders through the services: drafts, checks on bad input, totals, sending, cancelling, PDF."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core import mail

from kernel.errors import ValidationFailed
from kernel.tests.pdfs import read_pdf
from tenants.procurement import services
from tenants.procurement.exceptions import InvalidTransition, OrderNotEditable, PriceTooPrecise
from tenants.procurement.models import OrderEvent, PurchaseOrder
from tenants.procurement.services import LineInput
from tenants.procurement.services.documents import order_pdf
from tenants.procurement.tests import factories as f

pytestmark = pytest.mark.django_db


def line(**overrides):
    values = {"description": "Bearing", "quantity": Decimal(5), "unit": "pcs", "unit_price": Decimal("10.00")}
    values.update(overrides)
    return LineInput(**values)


def test_a_draft_keeps_its_lines_and_rounds_amounts_to_the_currency(buyer):
    with buyer.ctx():
        order = services.po_create(
            actor=buyer.actor,
            supplier_name="Outside Co",
            supplier_email="sales@outside.example",
            currency="CNY",
            lines=[
                line(quantity=Decimal("3"), unit_price=Decimal("0.33"), tax_rate=Decimal("13")),
                line(quantity=Decimal("1.5"), unit_price=Decimal("2.25"), tax_rate=Decimal("6")),
            ],
        )
        rows = list(order.lines.order_by("line_no"))
        assert order.status == "draft" and re.fullmatch(r"PO-\d{4}-00001", order.number)
        assert [(r.line_no, r.net_amount, r.tax_amount) for r in rows] == [
            (1, Decimal("0.99"), Decimal("0.13")),
            (2, Decimal("3.38"), Decimal("0.20")),  # 3.375 -> 3.38 (half up); 3.38 x 6 % = 0.2028 -> 0.20
        ]
        assert (order.total_net, order.total_tax, order.total) == (
            Decimal("4.37"),
            Decimal("0.33"),
            Decimal("4.70"),
        )
        assert [e.kind for e in OrderEvent.objects.filter(order=order)] == ["created"]
        second = f.draft(buyer.actor)
        assert second.number.endswith("00002")


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"quantity": Decimal(0)}, "lines.0.quantity"),
        ({"quantity": Decimal(-2)}, "lines.0.quantity"),
        ({"unit_price": Decimal("-1")}, "lines.0.unit_price"),
        ({"tax_rate": Decimal("101")}, "lines.0.tax_rate"),
        ({"unit": " "}, "lines.0.unit"),
        ({"description": "", "sku": ""}, "lines.0.description"),
        ({"item_id": 999999}, "lines.0.item_id"),
    ],
)
def test_bad_lines_are_refused_and_nothing_is_written(buyer, bad, field):
    with buyer.ctx():
        with pytest.raises(ValidationFailed) as caught:
            services.po_create(
                actor=buyer.actor,
                supplier_name="X",
                supplier_email="x@x.example",
                currency="CNY",
                lines=[line(**bad)],
            )
        assert field in caught.value.errors
        assert not PurchaseOrder.objects.exists()


@pytest.mark.parametrize(("currency", "price"), [("CNY", "10.005"), ("JPY", "100.5"), ("KWD", "1.0005")])
def test_a_price_with_more_decimals_than_the_currency_allows_is_refused(buyer, currency, price):
    with buyer.ctx():
        with pytest.raises(PriceTooPrecise) as caught:
            services.po_create(
                actor=buyer.actor,
                supplier_name="X",
                supplier_email="x@x.example",
                currency=currency,
                exchange_rate=None if currency == "CNY" else Decimal("0.05"),
                lines=[line(unit_price=Decimal(price))],
            )
        assert caught.value.code == "price_precision" and caught.value.status == 400
        assert list(caught.value.errors) == ["lines.0.unit_price"]
        assert not PurchaseOrder.objects.exists()
        # Within the currency's minor unit it is fine (JPY has none, KWD three).
        ok = {"CNY": "10.01", "JPY": "100", "KWD": "1.005"}[currency]
        services.po_create(
            actor=buyer.actor,
            supplier_name="X",
            supplier_email="x@x.example",
            currency=currency,
            exchange_rate=None if currency == "CNY" else Decimal("0.05"),
            lines=[line(unit_price=Decimal(ok))],
        )


def test_supplier_checks(buyer, supplier):
    with buyer.ctx():
        cases = [
            ({"supplier_company_id": buyer.company.pk}, "supplier_id"),
            ({"supplier_company_id": 10**12}, "supplier_id"),
            ({"supplier_name": "Outside"}, "supplier_email"),
            ({"supplier_email": "x@x.example"}, "supplier_name"),
            ({"supplier_company_id": supplier.company.pk, "currency": "USD"}, "exchange_rate"),
        ]
        for values, field in cases:
            values.setdefault("currency", "CNY")
            with pytest.raises(ValidationFailed) as caught:
                services.po_create(actor=buyer.actor, lines=[line()], **values)
            assert field in caught.value.errors, values
        assert not PurchaseOrder.objects.exists()
        order = services.po_create(
            actor=buyer.actor,
            supplier_company_id=supplier.company.pk,
            currency="USD",
            exchange_rate=Decimal("7.1"),
            lines=[line()],
        )
        assert order.on_hansa and order.supplier_name == supplier.company.name


def test_only_a_draft_is_edited(buyer):
    with buyer.ctx():
        f.auto_approve_unmatched()
        order = f.draft(buyer.actor)
        services.po_update(
            actor=buyer.actor, order_id=order.pk, notes="Deliver to gate 3", lines=[line(quantity=Decimal(2))]
        )
        order.refresh_from_db()
        assert order.notes == "Deliver to gate 3" and order.total == Decimal("20.00")
        assert order.lines.count() == 1
        services.po_submit(actor=buyer.actor, order_id=order.pk)
        with pytest.raises(OrderNotEditable):
            services.po_update(actor=buyer.actor, order_id=order.pk, notes="late")


def test_no_matching_rule_approves_at_once(buyer):
    with buyer.ctx():
        order = f.approved(buyer.actor)
        assert order.status == "approved" and order.approved_total == order.total
        kinds = [(e.kind, e.data) for e in OrderEvent.objects.filter(order=order).order_by("at", "id")]
        assert kinds[-2:] == [("submitted", {"rule": ""}), ("approved", {"auto": True, "rule": ""})]


def test_sending_to_a_supplier_outside_hansa_mails_a_pdf(buyer):
    with buyer.ctx():
        order = f.sent(buyer.actor)
        assert order.status == "sent" and order.exchange_document_id is None
        assert mail.outbox == []  # after commit, through the outbox
        assert f.deliver_outbox() == 1
    (message,) = mail.outbox
    assert message.to == ["orders@outside.example"] and order.number in message.subject
    (name, content, mimetype) = message.attachments[0]
    assert name == f"{order.number}-v1.pdf" and mimetype == "application/pdf"
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")


def test_the_pdf_is_well_formed(buyer, settings):
    settings.HANSA_PDF_CJK_FONT = "STSong-Light"
    with buyer.ctx():
        order = f.draft(buyer.actor, count=60, name="深圳供应商", notes="Deliver to gate 3")
        read = read_pdf(order_pdf(order))
    # Two pages for 60 lines, each numbered, the lines' header repeated on the second.
    assert len(read.pages) == 2
    assert [page.strip().splitlines()[-1] for page in read.pages] == ["1 / 2", "2 / 2"]
    assert all(f"{order.number} - Hansa" in page for page in read.pages)
    assert "Unit price" in read.pages[1] and "Description" in read.pages[1]
    text = read.spaced
    assert "PURCHASE ORDER" in text and order.number in text and "深圳供应商" in read.flat
    assert "Deep groove ball bearing 6201" in text and "BRG-60" in text
    # 60 x 10 x 12.50 = 7,500.00 net; 13 % tax 975.00
    assert "Net 7,500.00 Tax 975.00 Total CNY 8,475.00" in text
    assert "Notes Deliver to gate 3" in text
    assert "STSong-Light" in read.fonts  # the Chinese supplier name


def test_cancel_needs_a_reason_and_a_cancellable_status(buyer):
    with buyer.ctx():
        order = f.draft(buyer.actor)
        with pytest.raises(ValidationFailed):
            services.po_cancel(actor=buyer.actor, order_id=order.pk, reason=" ")
        services.po_cancel(actor=buyer.actor, order_id=order.pk, reason="Not needed")
        with pytest.raises(InvalidTransition) as caught:
            services.po_cancel(actor=buyer.actor, order_id=order.pk, reason="again")
        assert caught.value.extra["status_now"] == "cancelled"
        with pytest.raises(InvalidTransition):
            services.po_submit(actor=buyer.actor, order_id=order.pk)


def test_external_supplier_cancelled_after_sending_is_mailed(buyer):
    with buyer.ctx():
        order = f.sent(buyer.actor)
        services.po_cancel(actor=buyer.actor, order_id=order.pk, reason="Budget cut")
        f.deliver_outbox()
    assert [m.subject for m in mail.outbox][-1].startswith(f"Purchase order {order.number} cancelled")
    assert "Budget cut" in mail.outbox[-1].body


def test_acknowledge_by_hand_only_for_suppliers_outside_hansa(buyer, supplier):
    from tenants.procurement.exceptions import SupplierOnHansa

    with buyer.ctx():
        outside = f.sent(buyer.actor)
        services.po_acknowledge(actor=buyer.actor, order_id=outside.pk, supplier_order_number="V-77")
        outside.refresh_from_db()
        assert outside.status == "acknowledged" and outside.supplier_order_number == "V-77"
        on_hansa = f.sent(buyer.actor, supplier=supplier.company)
        with pytest.raises(SupplierOnHansa):
            services.po_acknowledge(actor=buyer.actor, order_id=on_hansa.pk)
