"""A marketplace listing fed by an inventory item: link and unlink, the figure following every stock
movement, the sales stock check on the same figure, and the refusals (problem+json, nothing written)."""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from conftest import HostClient
from kernel.tenancy import company_context
from marketplace.catalog.models import Listing
from marketplace.catalog.tests.helpers import actor_for, make_listing, make_supplier
from marketplace.directory.categories import category_tree_ensure
from tenants.inventory import selectors, services
from tenants.inventory.models import Item

pytestmark = pytest.mark.django_db

D = Decimal


def _setup(make_company: Any) -> tuple[Any, Any, Any]:
    category_tree_ensure()  # gone if a transaction=True test flushed the database before
    supplier = make_supplier(make_company)
    listing = make_listing(supplier)  # declared: in_stock, 5000
    with company_context(supplier.company):
        item = services.item_create(
            actor=supplier.actor, sku="BRG-6205", name_zh="轴承", name_en="Bearing", unit="pcs"
        )
        main = services.default_warehouse()
        services.stock_receive(item=item, warehouse=main, quantity=D("30.25"), reference="GR-1")
        services.reservation_create(item=item, warehouse=main, quantity=D(5), reference="SO-1")
    return supplier, listing, item


def _client(signed_in: Any, supplier: Any) -> HostClient:
    return signed_in(supplier.owner, supplier.company)


def test_a_linked_listing_shows_the_items_available_quantity_and_follows_every_movement(
    make_company, signed_in, public_client
):
    supplier, listing, item = _setup(make_company)
    client = _client(signed_in, supplier)
    path = f"/api/catalog/listings/{listing.pk}/stock-link/"

    linked = client.put(path, {"item_id": item.pk}, content_type="application/json")

    assert linked.status_code == 200, linked.content
    body = linked.json()
    assert (body["stock_source"], body["stock_quantity"], body["item"]["sku"]) == (
        "inventory",
        "25.2500",
        "BRG-6205",
    )
    own = client.get(f"/api/catalog/listings/{listing.pk}/").json()
    assert (own["stock_source"], own["stock_item_id"], own["stock_quantity"], own["availability"]) == (
        "inventory",
        item.pk,
        "25.2500",
        "in_stock",
    )
    with company_context(supplier.company):
        assert Item.objects.get(pk=item.pk).listing_id == listing.pk
        main = services.default_warehouse()
        services.stock_issue(
            actor=supplier.actor, item=item, warehouse=main, quantity=D(10), reference="scrap"
        )
        assert selectors.item_available(item=item) == D("15.25")
    assert Listing.objects.get(pk=listing.pk).stock_quantity == D("15.250")
    with company_context(supplier.company):
        # Stock elsewhere is not what sales orders reserve from: the listing does not count it.
        other = services.warehouse_create(actor=supplier.actor, code="SH", name="Shanghai")
        services.stock_receive(item=item, warehouse=other, quantity=D(100), reference="GR-2")
        assert Listing.objects.get(pk=listing.pk).stock_quantity == D("15.250")
        services.stock_transfer(
            actor=supplier.actor, item=item, from_warehouse=other, to_warehouse=main, quantity=D(40)
        )
    assert Listing.objects.get(pk=listing.pk).stock_quantity == D("55.250")
    page = public_client.get(f"/api/marketplace/listings/{listing.pk}/").json()
    assert (page["stock_source"], page["stock_quantity"]) == ("inventory", "55.2500")
    card = public_client.get("/api/marketplace/search/?q=6205").json()["results"][0]
    assert (card["id"], card["stock_source"], card["stock_quantity"]) == (listing.pk, "inventory", "55.2500")


def test_unlinking_keeps_the_last_figure_as_declared_and_hand_edits_wait_for_it(make_company, signed_in):
    supplier, listing, item = _setup(make_company)
    client = _client(signed_in, supplier)
    path = f"/api/catalog/listings/{listing.pk}/stock-link/"
    assert client.put(path, {"item_id": item.pk}, content_type="application/json").status_code == 200

    refused = client.patch_json(f"/api/catalog/listings/{listing.pk}/", {"stock_quantity": "9999"})
    assert refused.status_code == 409
    assert refused.json()["code"] == "listing_stock_linked"
    assert Listing.objects.get(pk=listing.pk).stock_quantity == D("25.250")
    # Other fields of a linked listing still change (the stock figure is carried over unchanged).
    renamed = client.patch_json(f"/api/catalog/listings/{listing.pk}/", {"name_en": "Bearing 6205"})
    assert renamed.status_code == 200, renamed.content
    assert renamed.json()["stock_source"] == "inventory"

    unlinked = client.delete(path)

    assert unlinked.status_code == 200
    assert (unlinked.json()["stock_source"], unlinked.json()["stock_quantity"], unlinked.json()["item"]) == (
        "declared",
        "25.2500",
        None,
    )
    with company_context(supplier.company):
        assert Item.objects.get(pk=item.pk).listing_id is None
        services.stock_issue(
            actor=supplier.actor,
            item=item,
            warehouse=services.default_warehouse(),
            quantity=D(1),
            reference="x",
        )
    assert Listing.objects.get(pk=listing.pk).stock_quantity == D("25.250")  # declared: left alone
    edited = client.patch_json(f"/api/catalog/listings/{listing.pk}/", {"stock_quantity": "9999"})
    assert edited.status_code == 200 and edited.json()["stock_quantity"] == "9999.0000"
    assert client.delete(path).status_code == 200  # unlinking twice changes nothing


def test_linking_refuses_an_item_not_in_the_suppliers_inventory_and_writes_nothing(make_company, signed_in):
    supplier, listing, item = _setup(make_company)
    rival = make_supplier(make_company, name="Rival Bearings")
    with company_context(rival.company):
        foreign = services.item_create(actor=rival.actor, sku="R-1", name_zh="", name_en="Rival", unit="pcs")
        services.item_update(actor=rival.actor, item=foreign, is_active=True)
    client = _client(signed_in, supplier)
    path = f"/api/catalog/listings/{listing.pk}/stock-link/"
    with company_context(supplier.company):
        inactive = services.item_create(
            actor=supplier.actor, sku="OLD", name_zh="", name_en="Old", unit="pcs"
        )
        services.item_update(actor=supplier.actor, item=inactive, is_active=False)
    missing_id = max(foreign.pk, inactive.pk, item.pk) + 1000

    for item_id, field_message in [
        (missing_id, "No item with this id in your inventory."),
        (inactive.pk, "This item is inactive; activate it first."),
    ]:
        answer = client.put(path, {"item_id": item_id}, content_type="application/json")
        assert answer.status_code == 400
        assert answer["Content-Type"].startswith("application/problem+json")
        assert answer.json()["code"] == "validation_error"
        assert answer.json()["errors"]["item_id"] == [field_message]
    assert client.put(path, {"item_id": "x"}, content_type="application/json").status_code == 400
    # Another company's listing is not found; the rival's own listing cannot be linked from here either.
    rival_listing = make_listing(rival, sku="R-1")
    other = client.put(
        f"/api/catalog/listings/{rival_listing.pk}/stock-link/",
        {"item_id": item.pk},
        content_type="application/json",
    )
    assert other.status_code == 404 and other.json()["code"] == "not_found"

    stored = Listing.objects.get(pk=listing.pk)
    assert (stored.stock_item_id, stored.stock_quantity) == (None, D(5000))
    assert Listing.objects.get(pk=rival_listing.pk).stock_item_id is None
    with company_context(supplier.company):
        assert not Item.objects.filter(listing_id__isnull=False).exists()


def test_linking_needs_catalog_and_inventory_rights(make_company):
    supplier, listing, item = _setup(make_company)
    from identity.exceptions import PermissionMissing

    with company_context(supplier.company):
        for roles in [("sales",), ("warehouse",)]:
            with pytest.raises(PermissionMissing):
                services.listing_stock_link(
                    actor=actor_for(supplier.company, supplier.owner, roles),
                    listing_id=listing.pk,
                    item_id=item.pk,
                )
    assert Listing.objects.get(pk=listing.pk).stock_item_id is None


def test_a_listing_moves_to_the_item_linked_last_and_the_item_form_links_too(make_company):
    supplier, listing, item = _setup(make_company)
    second_listing = make_listing(supplier, sku="6206-2RS")
    with company_context(supplier.company):
        services.listing_stock_link(actor=supplier.actor, listing_id=listing.pk, item_id=item.pk)
        other = services.item_create(
            actor=supplier.actor, sku="BRG-2", name_zh="", name_en="Other", unit="pcs", listing_id=listing.pk
        )
        assert Item.objects.get(pk=item.pk).listing_id is None
        assert Listing.objects.get(pk=listing.pk).stock_item_id == other.pk
        assert Listing.objects.get(pk=listing.pk).stock_quantity == D(0)
        # The item form's listing_id moves the link: the first listing goes back to declared.
        services.item_update(actor=supplier.actor, item=other, listing_id=second_listing.pk)
        assert Listing.objects.get(pk=listing.pk).stock_item_id is None
        assert Listing.objects.get(pk=second_listing.pk).stock_item_id == other.pk
        from kernel.errors import ValidationFailed

        with pytest.raises(ValidationFailed):
            services.item_update(actor=supplier.actor, item=item, listing_id=10**12)
        # Deleting the item (it never moved) returns its listing to declared stock.
        services.item_delete(actor=supplier.actor, item=other)
        assert Listing.objects.get(pk=second_listing.pk).stock_item_id is None


def test_the_sales_stock_check_of_a_line_for_the_listing_reads_the_linked_item(make_company):
    supplier, listing, item = _setup(make_company)
    with company_context(supplier.company):
        services.listing_stock_link(actor=supplier.actor, listing_id=listing.pk, item_id=item.pk)
        # The line names the listing but carries the listing's SKU, not the item's.
        found = selectors.item_for_order_line(listing_id=listing.pk, sku=listing.sku)
        assert found is not None and found.pk == item.pk
        assert selectors.item_available(item=found) == Listing.objects.get(pk=listing.pk).stock_quantity
        made = services.item_get_or_create_for_line(
            sku=listing.sku, name="x", unit="pcs", listing_id=listing.pk
        )
        assert made.pk == item.pk
        assert selectors.item_for_order_line(listing_id=None, sku=listing.sku) is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_movements_of_the_item_leave_the_listing_at_the_true_figure(make_company):
    supplier, listing, item = _setup(make_company)
    with company_context(supplier.company):
        services.listing_stock_link(actor=supplier.actor, listing_id=listing.pk, item_id=item.pk)
        main = services.default_warehouse()
        side = services.warehouse_create(actor=supplier.actor, code="SIDE", name="Side")
        services.stock_receive(item=item, warehouse=side, quantity=D(1000), reference="GR")
    threads_count, rounds = 8, 5
    start = threading.Barrier(threads_count)
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            with company_context(supplier.company):
                for r in range(rounds):
                    start.wait(timeout=60)
                    if index % 2:
                        services.stock_receive(item=item, warehouse=main, quantity=D(3), reference=f"R{r}")
                    else:
                        services.stock_transfer(
                            actor=None, item=item, from_warehouse=side, to_warehouse=main, quantity=D(2)
                        )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    expected = D("25.25") + rounds * (threads_count // 2) * (D(3) + D(2))
    with company_context(supplier.company):
        assert selectors.item_available(item=item) == expected
    stored = Listing.objects.get(pk=listing.pk)
    assert stored.stock_quantity == expected


def test_a_catalog_file_never_overwrites_a_linked_listings_stock(make_company):
    from django.db import transaction

    from marketplace.catalog.services import category_index, listings_upsert
    from marketplace.catalog.tests.helpers import listing_values
    from marketplace.catalog.validation import listing_clean
    from marketplace.directory.models import SupplierProfile

    supplier, listing, item = _setup(make_company)
    with company_context(supplier.company):
        services.listing_stock_link(actor=supplier.actor, listing_id=listing.pk, item_id=item.pk)
    categories = category_index()
    rows = [
        listing_clean(
            listing_values(availability="made_to_order", stock_quantity="", name_en="Renamed"),
            categories=categories,
        ),
        listing_clean(listing_values(sku="NEW-1", stock_quantity="7"), categories=categories),
    ]

    with transaction.atomic():
        profile = SupplierProfile.objects.select_for_update().get(pk=supplier.profile.pk)
        listings_upsert(supplier=profile, rows=rows, categories=categories)

    stored = Listing.objects.get(pk=listing.pk)
    assert (stored.name_en, stored.availability, stored.stock_quantity, stored.stock_item_id) == (
        "Renamed",
        "in_stock",
        D("25.250"),
        item.pk,
    )
    new = Listing.objects.get(company=supplier.company, sku="NEW-1")
    assert (new.stock_source, new.stock_quantity) == ("declared", D(7))
