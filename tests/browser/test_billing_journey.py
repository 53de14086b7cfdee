"""The billing page in a real browser (issue 11, items 5 and 6): an owner on a trial upgrades and sees the
new quotas; a read-only workspace shows its banner and refuses a write with a clear message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.browser.support import Hansa, confirm_dialog, make_company, new_page, unique_slug
from tests.browser.test_journeys import expect, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _move_to(company: Any, *statuses: str) -> None:
    """The subscription through the dunning states, as the beat task would move it."""
    from django.db import transaction

    from billing import selectors
    from billing.services import subscriptions as subs

    subs.subscription_convert(company_id=company.pk)
    for status in statuses:
        with transaction.atomic():
            subscription = selectors.subscription_for_company(company_id=company.pk, lock=True)
            subs.subscription_set_status(subscription=subscription, status=status)


SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"


def _usage_history(company: Any) -> None:
    """Some purchase orders in each of the last months, so the chart has bars."""
    from dateutil.relativedelta import relativedelta

    from billing.meters import Meter
    from billing.models import UsageCounter

    today = dt.datetime.now(dt.UTC).date().replace(day=1)
    rows = []
    for back, quantity in enumerate((42, 37, 55, 61, 48, 70)):
        month = today - relativedelta(months=back)
        rows.append(
            UsageCounter(company=company, meter=Meter.PURCHASE_ORDERS, period_start=month, quantity=quantity)
        )
    UsageCounter.objects.bulk_create(rows)


def test_owner_on_a_trial_upgrades_from_the_billing_page(hansa: Hansa, browser: Any) -> None:
    from billing.meters import Meter
    from billing.services.metering import usage_record

    slug = unique_slug("billing")
    company = make_company(
        slug=slug, name="Lotus Trading", owner_email=f"owner@{slug}.test", owner_name="Lin Hua"
    ).company
    usage_record(company_id=company.pk, meter=Meter.MEMBERS, quantity=3)  # the owner counts since sign-up
    usage_record(company_id=company.pk, meter=Meter.LISTINGS, quantity=430)
    _usage_history(company)

    page = new_page(browser, viewport=(1280, 1000))
    page.goto(hansa.company_url(slug, "/signin"))
    sign_in(page, f"owner@{slug}.test")
    expect(page.get_by_test_id("home-page")).to_be_visible()
    page.get_by_test_id("nav-billing").click()

    expect(page.get_by_test_id("billing-plan-name")).to_have_text("Growth")
    expect(page.get_by_test_id("billing-status")).to_have_text("Trial")
    expect(page.get_by_test_id("billing-trial-days")).to_have_text("14 days left in the trial")
    expect(page.get_by_test_id("meter-members-figures")).to_contain_text("4 of 10")
    expect(page.get_by_test_id("meter-listings")).to_have_attribute("data-level", "warning")  # 86 %
    expect(page.get_by_test_id("billing-bank-details")).to_contain_text("Hansa Platform")
    expect(page.get_by_test_id("usage-chart")).to_be_visible()  # ECharts, loaded with the page

    page.get_by_test_id("plan-business-choose").click()
    expect(page.get_by_test_id("plan-change-proration")).to_contain_text("nothing is charged")
    page.get_by_test_id("plan-change-confirm").click()
    expect(page.get_by_test_id("billing-plan-name")).to_have_text("Business")
    expect(page.get_by_test_id("meter-members-figures")).to_contain_text("4 of 50")
    expect(page.get_by_test_id("meter-listings")).to_have_attribute("data-level", "normal")
    expect(page.get_by_test_id("billing-history")).to_contain_text("Plan changed")
    expect(page.get_by_test_id("billing-history")).to_contain_text("growth → business")

    # A downgrade below what the company uses is refused with the meter that exceeds.
    page.get_by_test_id("plan-free-choose").click()
    page.get_by_test_id("plan-change-confirm").click()
    expect(page.get_by_test_id("refused-listings")).to_contain_text(
        "Catalog listings: 430 used, Free allows 20"
    )
    confirm_dialog(page, "plan-change-cancel")
    expect(page.get_by_test_id("plan-change-refused")).to_be_hidden()
    expect(page.get_by_test_id("billing-plan-name")).to_have_text("Business")

    SHOTS.mkdir(parents=True, exist_ok=True)
    page.mouse.move(1270, 990)
    page.wait_for_timeout(600)  # the chart's entry animation
    page.screenshot(path=str(SHOTS / "billing-page-en.png"), full_page=True)

    page.get_by_test_id("language-option-zh-CN").click()
    expect(page.get_by_test_id("billing-plan-name")).to_have_text("商业版")
    expect(page.get_by_test_id("billing-status")).to_have_text("试用中")
    page.mouse.move(1270, 990)
    page.wait_for_timeout(600)
    page.screenshot(path=str(SHOTS / "billing-page-zh-CN.png"), full_page=True)


def test_read_only_workspace_shows_the_banner_and_refuses_a_write(hansa: Hansa, browser: Any) -> None:
    from billing.models import SubscriptionStatus

    slug = unique_slug("readonly")
    company = make_company(
        slug=slug,
        name="Maple Supplies",
        owner_email=f"owner@{slug}.test",
        owner_name="Wang Fang",
        locale="zh-hans",
    ).company
    _move_to(company, *(SubscriptionStatus.PAST_DUE, SubscriptionStatus.READ_ONLY))

    page = new_page(browser, locale="zh-CN", viewport=(1280, 900))
    page.goto(hansa.company_url(slug, "/signin"))
    sign_in(page, f"owner@{slug}.test")
    banner = page.get_by_test_id("billing-banner")
    expect(banner).to_have_attribute("data-level", "read_only")
    expect(banner).to_contain_text("只读")

    page.goto(hansa.company_url(slug, "/settings/company"))
    page.get_by_test_id("company-legal-name").fill("Maple Supplies Ltd.")
    page.get_by_test_id("company-save").click()
    expect(page.get_by_test_id("form-error")).to_contain_text("此工作区为只读")
    notice = page.get_by_test_id("billing-notice")
    expect(notice).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "billing-read-only-zh-CN.png"))
    notice.get_by_role("link").click()
    expect(page.get_by_test_id("billing-page")).to_be_visible()
    expect(page.get_by_test_id("billing-status")).to_have_text("只读")
    company.refresh_from_db()
    assert company.legal_name != "Maple Supplies Ltd."  # nothing was written


def test_suspended_company_shows_why_signed_in_or_not(hansa: Hansa, browser: Any) -> None:
    from billing.models import SubscriptionStatus
    from tenants.models import Company, CompanyStatus

    slug = unique_slug("suspended")
    company = make_company(
        slug=slug, name="Birch Metals", owner_email=f"owner@{slug}.test", owner_name="Zhao Lei"
    ).company
    _move_to(
        company, *(SubscriptionStatus.PAST_DUE, SubscriptionStatus.READ_ONLY, SubscriptionStatus.SUSPENDED)
    )

    # Suspended for non-payment: sign-in works, and the workspace says why and how to pay.
    page = new_page(browser, viewport=(1280, 1000))
    page.goto(hansa.company_url(slug, "/signin"))
    sign_in(page, f"owner@{slug}.test")
    notice = page.get_by_test_id("suspension-page")
    expect(notice).to_have_attribute("data-suspension", "billing")
    expect(notice).to_contain_text("suspended for non-payment")
    expect(notice.get_by_test_id("billing-bank-details")).to_contain_text("Hansa Platform")
    expect(notice.get_by_test_id("billing-invoices")).to_contain_text("HB-")  # the first invoice, open
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "billing-suspended-en.png"), full_page=True)

    # Suspended by the operator: nothing answers, sign-in included; the sign-in page says why.
    Company.objects.filter(pk=company.pk).update(status=CompanyStatus.SUSPENDED)
    page.reload()
    expect(page.get_by_test_id("suspension-page")).to_have_attribute("data-suspension", "operator")
    expect(page.get_by_test_id("suspension-reason")).to_contain_text("platform operator")
    stranger = new_page(browser, locale="zh-CN")
    stranger.goto(hansa.company_url(slug, "/signin"))
    expect(stranger.get_by_test_id("suspension-page")).to_have_attribute("data-suspension", "operator")
    expect(stranger.get_by_test_id("suspension-reason")).to_contain_text("平台运营方")
    stranger.screenshot(path=str(SHOTS / "billing-suspended-operator-zh-CN.png"))
