"""Stock movements, reservations and the ledger, through the services against the real database."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from identity.exceptions import PermissionMissing
from kernel.errors import ValidationFailed
from tenants.inventory import selectors, services
from tenants.inventory.exceptions import (
    DuplicateSku,
    InsufficientStock,
    ItemInUse,
    LedgerIsAppendOnly,
    ReservationClosed,
)
from tenants.inventory.models import Item, LedgerEntry, Reservation, StockLevel, Warehouse
from tenants.inventory.tests.conftest import D

pytestmark = pytest.mark.django_db


def figures(item, warehouse=None):
    level = selectors.stock_level(item=item, warehouse=warehouse)
    return (level.on_hand, level.reserved, level.available)


def assert_ledger_matches_levels():
    """The ledger is the history: summing it gives every level exactly."""
    for level in StockLevel.objects.all():
        entries = LedgerEntry.objects.filter(item=level.item, warehouse=level.warehouse)
        assert sum((e.on_hand_delta for e in entries), Decimal(0)) == level.on_hand
        assert sum((e.reserved_delta for e in entries), Decimal(0)) == level.reserved


def test_receive_issue_adjust_and_transfer_move_stock_and_write_the_ledger(owner, item, main):
    east = services.warehouse_create(actor=owner, code="east", name="East depot")
    assert east.code == "EAST" and not east.is_default and main.is_default

    services.stock_receive(item=item, warehouse=main, quantity=D("100.5"), reference="GR-1", actor=owner)
    services.stock_issue(item=item, warehouse=main, quantity=D(30), reference="manual")
    services.stock_adjust(
        actor=owner, item=item, warehouse=main, quantity_delta=D("-0.5"), reason="Count 2026-03"
    )
    out, into = services.stock_transfer(
        actor=owner, item=item, from_warehouse=main, to_warehouse=east, quantity=D(20)
    )

    assert figures(item, main) == (D(50), D(0), D(50))
    assert figures(item, east) == (D(20), D(0), D(20))
    assert figures(item) == (D(70), D(0), D(70))
    assert out.transfer_id == into.transfer_id and (out.kind, into.kind) == ("transfer_out", "transfer_in")
    kinds = list(
        selectors.ledger(item=item, warehouse=main).values_list("kind", "on_hand_delta", "on_hand_after")
    )
    assert kinds == [
        ("transfer_out", D(-20), D(50)),
        ("adjustment", D("-0.5"), D(70)),
        ("issue", D(-30), D("70.5")),
        ("receipt", D("100.5"), D("100.5")),
    ]
    adjustment = selectors.ledger(kind="adjustment").get()
    assert adjustment.reason == "Count 2026-03" and adjustment.actor_label == owner.label
    assert_ledger_matches_levels()


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (
            lambda i, w, a: services.stock_receive(item=i, warehouse=w, quantity=D(0), reference=""),
            "quantity",
        ),
        (
            lambda i, w, a: services.stock_receive(item=i, warehouse=w, quantity=D(-1), reference=""),
            "quantity",
        ),
        (
            lambda i, w, a: services.stock_receive(item=i, warehouse=w, quantity=D("0.00001"), reference=""),
            "quantity",
        ),
        (lambda i, w, a: services.stock_issue(item=i, warehouse=w, quantity=D(-3), reference=""), "quantity"),
        (
            lambda i, w, a: services.stock_adjust(
                actor=a, item=i, warehouse=w, quantity_delta=D(0), reason="x"
            ),
            "quantity_delta",
        ),
        (
            lambda i, w, a: services.stock_adjust(
                actor=a, item=i, warehouse=w, quantity_delta=D(5), reason=" "
            ),
            "reason",
        ),
        (
            lambda i, w, a: services.reservation_create(item=i, warehouse=w, quantity=D(0), reference="SO-1"),
            "quantity",
        ),
        (
            lambda i, w, a: services.stock_transfer(
                actor=a, item=i, from_warehouse=w, to_warehouse=w, quantity=D(1)
            ),
            "to_warehouse_id",
        ),
    ],
)
def test_bad_quantities_are_refused_and_nothing_is_written(owner, item, main, call, field):
    services.stock_receive(item=item, warehouse=main, quantity=D(10), reference="GR-1")
    before = (LedgerEntry.objects.count(), figures(item, main), Reservation.objects.count())
    with pytest.raises(ValidationFailed) as refused:
        call(item, main, owner)
    assert field in refused.value.errors
    assert (LedgerEntry.objects.count(), figures(item, main), Reservation.objects.count()) == before


def test_taking_more_than_is_available_is_refused_and_nothing_is_written(owner, item, main):
    east = services.warehouse_create(actor=owner, code="EAST", name="East depot")
    services.stock_receive(item=item, warehouse=main, quantity=D(10), reference="GR-1")
    services.reservation_create(item=item, warehouse=main, quantity=D(4), reference="SO-1")
    before = (LedgerEntry.objects.count(), figures(item, main), figures(item, east))
    attempts = [
        lambda: services.stock_issue(item=item, warehouse=main, quantity=D(7), reference="x"),
        lambda: services.stock_issue(item=item, warehouse=east, quantity=D(1), reference="x"),
        lambda: services.stock_adjust(
            actor=owner, item=item, warehouse=main, quantity_delta=D(-7), reason="loss"
        ),
        lambda: services.stock_transfer(
            actor=owner, item=item, from_warehouse=main, to_warehouse=east, quantity=D(7)
        ),
        lambda: services.reservation_create(
            item=item, warehouse=main, quantity=D("6.0001"), reference="SO-2"
        ),
    ]
    for attempt in attempts:
        with pytest.raises(InsufficientStock) as refused:
            attempt()
        assert refused.value.code == "insufficient_stock" and refused.value.status == 409
    assert (LedgerEntry.objects.count(), figures(item, main), figures(item, east)) == before
    assert figures(item, main) == (D(10), D(4), D(6))


def test_reservations_hold_release_and_ship(item, main):
    services.stock_receive(item=item, warehouse=main, quantity=D(10), reference="GR-1")
    reservation = services.reservation_create(item=item, warehouse=main, quantity=D(6), reference="SO-7/1")
    assert figures(item, main) == (D(10), D(6), D(4))

    services.reservation_issue(reservation=reservation, quantity=D(2), reference="SH-1")
    assert reservation.open_quantity == D(4) and figures(item, main) == (D(8), D(4), D(4))
    with pytest.raises(InsufficientStock):
        services.reservation_issue(reservation=reservation, quantity=D(5), reference="SH-2")

    services.reservation_release(reservation=reservation, quantity=D(1))
    assert figures(item, main) == (D(8), D(3), D(5))
    services.reservation_release(reservation=reservation)
    reservation.refresh_from_db()
    assert (reservation.open_quantity, reservation.status) == (D(0), "closed")
    assert figures(item, main) == (D(8), D(0), D(8))
    with pytest.raises(ReservationClosed):
        services.reservation_release(reservation=reservation)
    assert list(selectors.ledger(item=item).values_list("kind", flat=True)) == [
        "release",
        "release",
        "issue",
        "reservation",
        "receipt",
    ]
    assert_ledger_matches_levels()


def test_the_ledger_is_append_only_and_levels_cannot_go_negative_even_bypassing_the_services(item, main):
    entry = services.stock_receive(item=item, warehouse=main, quantity=D(5), reference="GR-1")
    entry.reason = "rewritten"
    with pytest.raises(LedgerIsAppendOnly):
        entry.save()
    with pytest.raises(LedgerIsAppendOnly):
        entry.delete()
    for sneaky in (
        lambda: LedgerEntry.objects.filter(pk=entry.pk).update(quantity=D(50)),
        lambda: LedgerEntry.objects.filter(pk=entry.pk).delete(),
        lambda: StockLevel.objects.filter(item=item).update(on_hand=D(-1)),
        lambda: StockLevel.objects.filter(item=item).update(reserved=D(6)),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            sneaky()
    assert LedgerEntry.objects.get(pk=entry.pk).quantity == D(5)
    assert figures(item, main) == (D(5), D(0), D(5))


def test_items_skus_listings_and_permissions(shop, owner, make_company):
    from marketplace.catalog.tests.helpers import make_listing, make_supplier
    from marketplace.directory.categories import category_tree_ensure

    category_tree_ensure()
    with pytest.raises(PermissionMissing):
        services.item_create(actor=shop.actor("buyer"), sku="X", name_zh="", name_en="X", unit="pcs")
    with pytest.raises(PermissionMissing):
        services.stock_adjust(
            actor=shop.actor("viewer"), item=None, warehouse=None, quantity_delta=D(1), reason="x"
        )
    warehouse_role = services.item_create(
        actor=shop.actor("warehouse"), sku="W-1", name_zh="", name_en="W", unit="kg"
    )
    with pytest.raises(DuplicateSku):
        services.item_create(actor=owner, sku="W-1", name_zh="", name_en="again", unit="kg")
    with pytest.raises(ValidationFailed) as refused:
        services.item_create(actor=owner, sku=" ", name_zh="", name_en="", unit="")
    assert set(refused.value.errors) == {"sku", "unit", "name_en"}

    # A listing of the company's own catalog can be linked; another company's cannot.
    from kernel.tenancy import company_context

    other = make_supplier(make_company, name="Other Bearings")
    foreign = make_listing(other, sku="FOREIGN-1")
    with company_context(shop.company):
        with pytest.raises(ValidationFailed) as refused:
            services.item_create(
                actor=owner, sku="L-1", name_zh="", name_en="L", unit="pcs", listing_id=foreign.pk
            )
        assert "listing_id" in refused.value.errors
        assert Item.objects.filter(sku="L-1").count() == 0
    with company_context(other.company):
        linked = services.item_create(
            actor=other.actor,
            sku="FOREIGN-1",
            name_zh="",
            name_en="Linked",
            unit="pcs",
            listing_id=foreign.pk,
        )
        assert linked.listing_id == foreign.pk

    with company_context(shop.company):
        assert services.item_update(actor=owner, item=warehouse_role, reorder_point="5").reorder_point == D(5)
        services.item_delete(actor=owner, item=warehouse_role)
        assert not Item.objects.filter(sku="W-1").exists()


def test_an_item_that_moved_cannot_be_deleted(owner, item, main):
    services.stock_receive(item=item, warehouse=main, quantity=D(1), reference="GR-1")
    with pytest.raises(ItemInUse):
        services.item_delete(actor=owner, item=item)
    assert Item.objects.filter(pk=item.pk).exists()


def test_lines_find_or_make_their_item_and_the_default_warehouse_is_made_once(shop):
    first = services.item_get_or_create_for_line(sku="6206", name="Bearing 6206", unit="pcs")
    again = services.item_get_or_create_for_line(sku="6206", name="Another name", unit="box")
    assert first.pk == again.pk and again.name_en == "Bearing 6206"
    assert services.default_warehouse().pk == services.default_warehouse().pk
    assert list(Warehouse.objects.values_list("code", "is_default")) == [("MAIN", True)]


def test_below_reorder_point_compares_available_stock_across_warehouses(owner, main):
    east = services.warehouse_create(actor=owner, code="EAST", name="East depot")
    low = services.item_create(
        actor=owner, sku="LOW", name_zh="", name_en="Low", unit="pcs", reorder_point=D(10)
    )
    fine = services.item_create(
        actor=owner, sku="FINE", name_zh="", name_en="Fine", unit="pcs", reorder_point=D(10)
    )
    services.item_create(actor=owner, sku="NONE", name_zh="", name_en="No point", unit="pcs")
    services.stock_receive(item=low, warehouse=main, quantity=D(8), reference="")
    services.stock_receive(item=low, warehouse=east, quantity=D(4), reference="")
    services.reservation_create(item=low, warehouse=main, quantity=D(3), reference="SO-1")  # available 9 < 10
    services.stock_receive(item=fine, warehouse=east, quantity=D(10), reference="")  # available 10: not below
    rows = selectors.below_reorder_point()
    assert [(r.item.sku, r.on_hand, r.reserved, r.available) for r in rows] == [("LOW", D(12), D(3), D(9))]
