"""Two companies with real data across apps, made through the services: A buys from B on Hansa."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from kernel.tenancy import company_context


@dataclass
class World:
    a: Any
    a_owner: Any
    b: Any
    b_owner: Any
    listing_id: int
    image_name: str
    order_id: int


def build_world(make_company: Any) -> World:
    from marketplace.catalog.services import listing_image_add
    from marketplace.catalog.tests.helpers import PNG, make_listing, make_supplier
    from tenants.inventory.services import default_warehouse, item_create, stock_issue, stock_receive
    from tenants.procurement.tests import factories as f

    a = make_supplier(make_company, name="Ningbo Gearworks")
    b_signup = make_company(company_name="Suzhou Castings")
    b = b_signup.company
    # A member of A who also works for B: a user that must survive A's erasure.
    from identity.services import membership_create

    membership_create(user=b_signup.user, company=a.company, roles=["viewer"])

    listing = make_listing(a)
    image = listing_image_add(
        actor=a.actor,
        listing_id=listing.pk,
        upload=SimpleUploadedFile("gear.png", PNG, content_type="image/png"),
    )
    with company_context(a.company):
        item = item_create(actor=None, sku="GEAR-1", name_zh="齿轮", name_en="Gear", unit="pcs")
        warehouse = default_warehouse()
        stock_receive(item=item, warehouse=warehouse, quantity=Decimal("40"), reference="opening")
        stock_issue(item=item, warehouse=warehouse, quantity=Decimal("3"), reference="sample")
        order = f.sent(f.actor_for(a.company, a.owner), supplier=b)
    f.deliver()  # B's workspace ingests the purchase order as a sales order
    with company_context(b):
        b_item = item_create(actor=None, sku="CAST-1", name_zh="铸件", name_en="Casting", unit="pcs")
        stock_receive(item=b_item, warehouse=default_warehouse(), quantity=Decimal("7"), reference="opening")
    return World(
        a=a.company,
        a_owner=a.owner,
        b=b,
        b_owner=b_signup.user,
        listing_id=listing.pk,
        image_name=image.file.name,
        order_id=order.pk,
    )
