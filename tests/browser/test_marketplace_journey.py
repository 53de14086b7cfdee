"""The marketplace journey in a real browser (issue 5, acceptance).

A supplier imports its catalog from a CSV file (the dry run shows a broken row by row and column; the
valid rows are imported), a buyer finds the product by a Chinese keyword, asks for a quote from the
listing's page and publishes the RFQ with the matching explanation showing the supplier, the supplier
quotes from its RFQ inbox, and the buyer closes the RFQ, compares and awards.

One journey, two browsers (one person each). The companies and the supplier's profile are set up through
the services; everything the issue names is done in the browser. The RFQ is closed with the buyer's
"Close now" (`POST /api/rfqs/{id}/close/`) rather than by waiting for the deadline's beat task.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tests.browser.support import (
    Hansa,
    expect,
    make_company,
    new_page,
    pick_date,
    sign_in,
    supplier_profile,
    unique_slug,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

KEYWORD = "深沟球轴承"
SKU = "6205-2RS"

# The catalog's columns (docs/marketplace.md); row 4 (the third data row) has a MOQ of 0.
CATALOG_CSV = (
    "sku,name_en,name_zh,category_code,unit,currency,price_tiers,moq,lead_time_days,availability,"
    "stock_quantity,attributes,description_en,description_zh,status\n"
    f"{SKU},Deep groove ball bearing 6205-2RS,深沟球轴承 6205-2RS,10.01.01,pcs,CNY,"
    '1:12.50;500:11.00,100,7,in_stock,5000,"Bore=25 mm;Material=GCr15",,,active\n'
    "6206-ZZ,Deep groove ball bearing 6206-ZZ,深沟球轴承 6206-ZZ,10.01.01,pcs,CNY,"
    "1:15.80,100,10,made_to_order,,Bore=30 mm,,,active\n"
    "BROKEN-1,Broken row,坏行,10.01.01,pcs,CNY,1:1.00,0,5,made_to_order,,,,,active\n"
)


def test_supplier_imports_buyer_finds_publishes_supplier_quotes_buyer_compares_and_awards(
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
    buyer_slug = unique_slug("buyer")
    make_company(
        slug=buyer_slug, name="Huaxia Machinery", owner_email=f"owner@{buyer_slug}.test", owner_name="Li Cai"
    )

    # The supplier imports its catalog: the dry run finds the broken row, the valid rows go in.
    seller = new_page(browser)
    sign_in(seller, hansa, supplier_slug, f"owner@{supplier_slug}.test")
    seller.get_by_test_id("nav-catalog").click()
    expect(seller.get_by_test_id("catalog-page")).to_be_visible()
    seller.get_by_test_id("catalog-import").click()
    seller.locator("input[type=file]").set_input_files(
        {"name": "catalog.csv", "mimeType": "text/csv", "buffer": CATALOG_CSV.encode("utf-8")}
    )
    job = seller.get_by_test_id("import-job")
    expect(job).to_have_attribute("data-state", "validated")
    expect(seller.get_by_test_id("import-total-rows")).to_have_text("3")
    expect(seller.get_by_test_id("import-valid-rows")).to_have_text("2")
    broken = seller.get_by_test_id("import-error-row-4")
    expect(broken).to_contain_text("moq")
    expect(seller.get_by_test_id("import-apply-all")).to_be_disabled()
    seller.get_by_test_id("import-apply-valid").click()
    expect(seller.get_by_test_id("import-done")).to_contain_text("2 created, 0 updated, 1 skipped")
    seller.get_by_test_id("import-to-catalog").click()
    expect(seller.get_by_test_id(f"catalog-row-{SKU}")).to_contain_text("Active")

    # The buyer finds the bearing by its Chinese name and asks for a quote from its page.
    buyer = new_page(browser)
    sign_in(buyer, hansa, buyer_slug, f"owner@{buyer_slug}.test")
    buyer.get_by_test_id("nav-marketplace").click()
    buyer.get_by_test_id("search-input").fill(KEYWORD)
    buyer.get_by_test_id("search-input").press("Enter")
    expect(buyer).to_have_url(re.compile(r"/marketplace\?q="))
    results = buyer.get_by_test_id("search-results")
    expect(results).to_contain_text(f"{SKU}")
    expect(results).to_contain_text("Suzhou Precision Bearings")
    expect(results.get_by_test_id("price").first).to_be_visible()  # a signed-in member sees prices
    results.get_by_role("link", name=re.compile(r"6205-2RS")).first.click()
    expect(buyer.get_by_test_id("listing-name")).to_contain_text("6205-2RS")
    expect(buyer.get_by_test_id("price-tiers")).to_contain_text("11.00")
    buyer.get_by_test_id("request-quote").click()

    # The draft starts with the listing as its line; the buyer completes and saves it.
    expect(buyer.get_by_test_id("rfq-form")).to_be_visible()
    expect(buyer.get_by_test_id("rfq-line-0-listing")).to_contain_text(SKU)
    expect(buyer.get_by_test_id("rfq-line-0-quantity")).to_have_value("100")
    buyer.get_by_test_id("rfq-title").fill("Bearings for line 3")
    buyer.get_by_test_id("rfq-line-0-quantity").fill("2000")
    today = dt.date.today()
    closing = dt.datetime.combine(today + dt.timedelta(days=7), dt.time(10, 0))
    pick_date(buyer, "rfq-delivery-date", (today + dt.timedelta(days=30)).isoformat())
    pick_date(buyer, "rfq-closing-at", closing.strftime("%Y-%m-%d %H:%M"))
    region = buyer.get_by_test_id("rfq-delivery-region")
    region.click()
    buyer.keyboard.type("CN")
    buyer.locator(".ant-select-item-option", has_text="(CN)").first.click()
    buyer.get_by_test_id("rfq-save").click()

    # The draft's suppliers tab explains the match; publishing invites the supplier.
    page = buyer.get_by_test_id("rfq-page")
    expect(page).to_be_visible()
    expect(buyer.get_by_test_id("rfq-status")).to_have_attribute("data-status", "draft")
    buyer.get_by_test_id("tab-suppliers").click()
    match = buyer.get_by_test_id(f"supplier-row-{supplier.company.pk}")
    expect(match).to_contain_text("Suzhou Precision Bearings")
    expect(match.get_by_test_id("match-summary")).to_contain_text("Covers 1 of 1 lines")
    expect(match.get_by_test_id("match-summary")).to_contain_text("Bearings")  # its category, by name
    expect(match.get_by_test_id(f"supplier-state-{supplier.company.pk}")).to_have_text("Will be invited")
    buyer.get_by_test_id("rfq-publish").click()
    expect(buyer.get_by_test_id("publish-preview")).to_contain_text("suppliers match")
    buyer.get_by_test_id("publish-submit").click()
    expect(buyer.get_by_test_id("rfq-status")).to_have_attribute("data-status", "open")
    expect(buyer.get_by_test_id(f"supplier-state-{supplier.company.pk}")).to_have_text("Invited")
    rfq_id = page.get_attribute("data-rfq-id")

    # The supplier finds the RFQ in its inbox and quotes.
    seller.get_by_test_id("nav-rfq-inbox").click()
    seller.get_by_test_id(f"inbox-link-{rfq_id}").click()
    expect(seller.get_by_test_id("inbox-rfq-title")).to_have_text("Bearings for line 3")
    seller.get_by_test_id("quote-line-0-price").fill("10.80")
    seller.get_by_test_id("quote-line-0-lead-time").fill("6")
    pick_date(seller, "quote-valid-until", (today + dt.timedelta(days=20)).isoformat())
    seller.get_by_test_id("quote-reference").fill("Q-2026-001")
    seller.get_by_test_id("quote-submit").click()
    expect(seller.get_by_test_id("quote-status")).to_have_attribute("data-status", "submitted")

    # The buyer sees the quote, closes the RFQ, compares and awards the whole RFQ.
    buyer.reload()
    expect(buyer.get_by_test_id("rfq-quote-count")).to_contain_text("1")
    buyer.get_by_test_id("rfq-close").click()
    buyer.get_by_test_id("rfq-close-confirm").click()
    expect(buyer.get_by_test_id("rfq-status")).to_have_attribute("data-status", "closed")
    comparison = buyer.get_by_test_id("comparison-table")
    expect(comparison).to_contain_text("Suzhou Precision Bearings")
    expect(comparison.get_by_test_id("best-price")).to_have_count(1)
    expect(comparison).to_contain_text("21,600.00")  # 2,000 pcs at 10.80
    buyer.get_by_test_id("award-open-" + str(supplier.company.pk)).click()
    buyer.get_by_test_id("award-scope-whole").click()
    buyer.get_by_test_id("award-reason").fill("Best price and the shortest lead time.")
    buyer.get_by_test_id("award-submit").click()
    expect(buyer.get_by_test_id("rfq-status")).to_have_attribute("data-status", "awarded")

    # The supplier learns it won.
    seller.reload()
    expect(seller.get_by_test_id("quote-outcome")).to_have_attribute("data-outcome", "awarded")
