"""The trading journey in a real browser (issue 6, acceptance).

The buyer awards an RFQ, which drafts a purchase order; the order is submitted and approved at two levels
(an approver, then the owner, each in their own browser); the buyer sends it; the supplier accepts the
sales order that arrives, ships part, then the rest; the buyer receives both shipments; and the buyer's
purchase order and the supplier's sales order each show every step on their timeline.

Set up through the services: the two companies and their members, the supplier's profile, listing and
stock, the buyer's two-level approval rule, and the RFQ with the supplier's quote, closed. Trade documents
travel through the exchange; where a worker would ingest them after commit, the test runs the same
ingestion (``deliver_pending``) before the other side looks.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.browser.support import (
    Hansa,
    add_member,
    confirm_dialog,
    expect,
    make_company,
    new_page,
    sign_in,
    supplier_profile,
    unique_slug,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SKU = "6205-2RS"
QUANTITY = Decimal("2000")
FIRST_PART = "800"
REST = "1200"


def deliver() -> None:
    """Ingest every pending trade document now, as the exchange's worker does after commit."""
    from marketplace.exchange.services import deliver_pending

    deliver_pending()


def actor(company: Any, user: Any) -> Any:
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for

    membership = Membership.objects.get(user=user, company=company)
    return Actor(
        company=company, permissions=permissions_for(membership.roles), user=user, membership=membership
    )


def supplier_stock(company: Any, user: Any) -> int:
    """The supplier's listing of the bearing and 5,000 of them in its main warehouse; the listing's id."""
    from kernel.tenancy import company_context
    from marketplace.directory.models import Category
    from marketplace.rfq.tests.factories import listing
    from tenants.inventory.services import default_warehouse, item_create, stock_receive

    supplier = actor(company, user)
    bearings = Category.objects.get(code="10.01.01")
    product = listing(supplier, bearings, sku=SKU, price="11.00", name_en="Deep groove ball bearing 6205-2RS")
    with company_context(company):
        item = item_create(
            actor=None,
            sku=SKU,
            name_zh="深沟球轴承 6205-2RS",
            name_en="Deep groove ball bearing 6205-2RS",
            unit="pcs",
        )
        stock_receive(item=item, warehouse=default_warehouse(), quantity=Decimal("5000"), reference="opening")
    return int(product.pk)


def two_level_rule(company: Any, owner: Any) -> None:
    """Every purchase order needs an approver, then the owner."""
    from kernel.tenancy import company_context
    from tenants.procurement.services.approvals import StepInput, approval_rule_create

    with company_context(company):
        approval_rule_create(
            actor=actor(company, owner),
            name="Two levels",
            priority=10,
            steps=[StepInput(roles=("approver",)), StepInput(roles=("owner",))],
        )


def closed_rfq_with_quote(
    buyer: Any, buyer_user: Any, supplier: Any, supplier_user: Any, listing_id: int
) -> int:
    """The buyer's RFQ for 2,000 bearings, quoted by the supplier at 10.80 and closed."""
    from marketplace.rfq.services.drafts import LineInput
    from marketplace.rfq.tests.factories import force_close, quote, rfq_open

    rfq = rfq_open(
        actor(buyer, buyer_user),
        lines=[LineInput(quantity=QUANTITY, unit="pcs", listing_id=listing_id)],
        title="Bearings for line 3",
        region="CN",
    )
    quote(actor(supplier, supplier_user), rfq, unit_price="10.80", lead_time_days=6)
    return int(force_close(rfq).pk)


def timeline_kinds(page: Any, test_id: str) -> list[str]:
    timeline = page.get_by_test_id(test_id)
    expect(timeline).to_be_visible()
    return [
        str(kind)
        for kind in timeline.locator("[data-kind]").evaluate_all("els => els.map(e => e.dataset.kind)")
    ]


def test_award_approve_two_levels_accept_ship_twice_receive_twice_and_both_timelines(
    hansa: Hansa, browser: Any
) -> None:
    supplier_slug = unique_slug("bearings")
    supplier = make_company(
        slug=supplier_slug,
        name="Suzhou Precision Bearings",
        owner_email=f"owner@{supplier_slug}.test",
        owner_name="Zhou Gong",
    )
    supplier_profile(supplier.company, supplier.user)
    listing_id = supplier_stock(supplier.company, supplier.user)

    buyer_slug = unique_slug("buyer")
    buyer = make_company(
        slug=buyer_slug, name="Huaxia Machinery", owner_email=f"owner@{buyer_slug}.test", owner_name="Li Cai"
    )
    purchaser = add_member(
        buyer.company, email=f"buyer@{buyer_slug}.test", full_name="Wang Cai", roles=["buyer"]
    )
    add_member(buyer.company, email=f"approver@{buyer_slug}.test", full_name="Zhao Shen", roles=["approver"])
    two_level_rule(buyer.company, buyer.user)
    rfq_id = closed_rfq_with_quote(buyer.company, purchaser.user, supplier.company, supplier.user, listing_id)

    # The purchaser awards the whole RFQ: a draft purchase order to the supplier appears.
    purchasing = new_page(browser)
    sign_in(purchasing, hansa, buyer_slug, f"buyer@{buyer_slug}.test")
    purchasing.goto(hansa.company_url(buyer_slug, f"/rfqs/{rfq_id}"))
    expect(purchasing.get_by_test_id("rfq-status")).to_have_attribute("data-status", "closed")
    purchasing.get_by_test_id("award-open-" + str(supplier.company.pk)).click()
    purchasing.get_by_test_id("award-scope-whole").click()
    purchasing.get_by_test_id("award-reason").fill("Best price and the shortest lead time.")
    purchasing.get_by_test_id("award-submit").click()
    expect(purchasing.get_by_test_id("rfq-status")).to_have_attribute("data-status", "awarded")

    purchasing.get_by_test_id("nav-purchase-orders").click()
    expect(purchasing.get_by_test_id("po-table")).to_contain_text("Suzhou Precision Bearings")
    purchasing.get_by_test_id("po-table").locator("[data-testid^=po-link-]").first.click()
    order = purchasing.get_by_test_id("po-page")
    expect(purchasing.get_by_test_id("po-status")).to_have_attribute("data-status", "draft")
    po_path = f"/purchase-orders/{order.get_attribute('data-po-id')}"
    expect(purchasing.get_by_test_id("po-total")).to_contain_text(
        "21,600.00"
    )  # 2,000 x 10.80 (the award carries no tax rate)
    purchasing.get_by_test_id("po-submit").click()
    expect(purchasing.get_by_test_id("po-status")).to_have_attribute("data-status", "pending_approval")
    expect(purchasing.get_by_test_id("po-approve")).to_have_count(0)  # nobody approves their own order

    # Level 1: the approver, from the approval inbox.
    approving = new_page(browser)
    sign_in(approving, hansa, buyer_slug, f"approver@{buyer_slug}.test")
    approving.get_by_test_id("nav-approvals").click()
    approving.locator("[data-testid^=inbox-open-]").first.click()
    approving.get_by_test_id("po-approve").click()
    confirm_dialog(approving, "po-approve-confirm")
    expect(approving.get_by_test_id("approval-step-1")).to_have_attribute("data-status", "approved")
    expect(approving.get_by_test_id("po-status")).to_have_attribute("data-status", "pending_approval")
    expect(approving.get_by_test_id("po-approve")).to_have_count(0)  # level 2 is the owner's

    # Level 2: the owner.
    owner = new_page(browser)
    sign_in(owner, hansa, buyer_slug, f"owner@{buyer_slug}.test")
    owner.goto(hansa.company_url(buyer_slug, po_path))
    owner.get_by_test_id("po-approve").click()
    confirm_dialog(owner, "po-approve-confirm")
    expect(owner.get_by_test_id("po-status")).to_have_attribute("data-status", "approved")

    # The purchaser sends it; the supplier's workspace receives it as a sales order.
    purchasing.reload()
    purchasing.get_by_test_id("po-send").click()
    expect(purchasing.get_by_test_id("po-status")).to_have_attribute("data-status", "sent")
    deliver()

    selling = new_page(browser)
    sign_in(selling, hansa, supplier_slug, f"owner@{supplier_slug}.test")
    selling.get_by_test_id("nav-sales-orders").click()
    expect(selling.get_by_test_id("so-table")).to_contain_text("Huaxia Machinery")
    selling.get_by_test_id("so-table").locator("[data-testid^=so-link-]").first.click()
    expect(selling.get_by_test_id("so-status")).to_have_attribute("data-status", "awaiting_acceptance")
    selling.get_by_test_id("so-accept").click()
    accepting = selling.get_by_test_id("accept-form")
    expect(accepting).to_contain_text("6205-2RS")  # the stock check, before accepting
    selling.get_by_test_id("so-accept-confirm").click()
    expect(accepting).to_be_hidden()
    expect(selling.get_by_test_id("so-status")).to_have_attribute("data-status", "accepted")

    # Part, then the rest, each with its carrier and tracking number.
    for quantity, tracking, status in (
        (FIRST_PART, "SF1000000001", "partly_shipped"),
        (REST, "SF1000000002", "shipped"),
    ):
        selling.get_by_test_id("so-ship").click()
        selling.get_by_test_id("ship-line-quantity-0").fill(quantity)
        selling.get_by_test_id("ship-carrier").fill("SF Express")
        selling.get_by_test_id("ship-tracking").fill(tracking)
        selling.get_by_test_id("ship-submit").click()
        expect(selling.get_by_test_id("ship-form")).to_be_hidden()
        expect(selling.get_by_test_id("so-status")).to_have_attribute("data-status", status)
    deliver()

    # The buyer receives both shipments.
    purchasing.reload()
    expect(purchasing.get_by_test_id("po-status")).to_have_attribute("data-status", "acknowledged")
    expect(purchasing.get_by_test_id("po-timeline")).to_contain_text("SF1000000002")
    for quantity, status in ((FIRST_PART, "partly_received"), (REST, "received")):
        purchasing.get_by_test_id("po-receive").click()
        expect(purchasing.get_by_test_id("receive-page")).to_be_visible()
        purchasing.get_by_test_id("receive-line-accepted-0").fill(quantity)
        purchasing.get_by_test_id("receive-submit").click()
        expect(purchasing.get_by_test_id("po-status")).to_have_attribute("data-status", status)
    expect(purchasing.get_by_test_id("po-line-received-1")).to_contain_text("2,000")
    deliver()

    # One timeline, each side from its own records: the same trading steps in the same order (the
    # buyer's own steps - created, submitted, approvals - are its alone; its "sent" is the order).
    shared = {"ordered", "acknowledged", "changed", "shipped", "received", "closed"}
    buyer_steps = ["ordered" if k == "sent" else k for k in timeline_kinds(purchasing, "po-timeline")]
    assert [
        k
        for k in ("created_from_award", "submitted", "approval_step_approved", "approved")
        if k not in buyer_steps
    ] == []
    selling.reload()
    seller_steps = timeline_kinds(selling, "so-timeline")
    expected = ["ordered", "acknowledged", "shipped", "shipped", "received", "received"]
    assert [k for k in buyer_steps if k in shared] == expected, buyer_steps
    assert [k for k in seller_steps if k in shared][: len(expected)] == expected, seller_steps
    for page, test_id in ((purchasing, "po-timeline"), (selling, "so-timeline")):
        expect(page.get_by_test_id(test_id)).to_contain_text("SF1000000001")
        expect(page.get_by_test_id(test_id)).to_contain_text("SF1000000002")
