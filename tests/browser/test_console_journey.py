"""The operator console in a real browser (issue 11, item 7): an operator signs in on the public host with
a password and an authenticator code, finds a company in the fleet, suspends it with a reason; the company's
owner, already signed in on the company's host, sees the suspension page from then on; the operator reactivates it and the
owner is back in.

Screenshots of the console land in ``test-artifacts/browser/console-*.png`` (they are looked at, not
compared).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.support import (
    PASSWORD,
    Hansa,
    confirm_dialog,
    expect,
    fresh_totp,
    make_company,
    new_page,
    sign_in,
    unique_slug,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"


def _operator(email: str) -> str:
    """A platform operator with an authenticator; returns its TOTP secret (a fresh one: the published demo
    secret is refused outside development)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from identity.models import User

    operator = User.objects.create_user(
        email=email, password=PASSWORD, full_name="Ops Person", is_operator=True
    )
    secret = generate_totp_secret()
    TOTP.activate(operator, secret)
    return secret


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SHOTS / f"console-{name}.png"), full_page=True)


def test_operator_suspends_and_reactivates_a_company_with_mfa(hansa: Hansa, browser: Any) -> None:
    slug = unique_slug("suspendme")
    owner_email = f"owner@{slug}.test"
    make_company(slug=slug, name="Suspend Me Trading", owner_email=owner_email, owner_name="Zhao Owner")
    secret = _operator("ops@console-journey.test")

    # The owner works in the company's workspace.
    owner = new_page(browser)
    sign_in(owner, hansa, slug, owner_email)

    # The operator opens the console: signed out, so the operator sign-in; password, then the code.
    ops = new_page(browser)
    ops.goto(hansa.public_url("/console"))
    expect(ops.get_by_test_id("console-signin-page")).to_be_visible()
    ops.get_by_test_id("signin-email").fill("ops@console-journey.test")
    ops.get_by_test_id("signin-password").fill(PASSWORD)
    ops.get_by_test_id("signin-submit").click()
    expect(ops.get_by_test_id("mfa-form")).to_be_visible()
    ops.get_by_test_id("mfa-code").fill(fresh_totp(secret))
    ops.get_by_test_id("mfa-submit").click()
    expect(ops.get_by_test_id("fleet-page")).to_be_visible()
    expect(ops.get_by_test_id("console-operator")).to_have_text("ops@console-journey.test")
    _shot(ops, "fleet")

    # Finds the company by searching the fleet.
    ops.get_by_test_id("fleet-search").fill(slug)
    ops.get_by_test_id("fleet-search").press("Enter")
    row = ops.get_by_test_id(f"fleet-row-{slug}")
    expect(row).to_be_visible()
    expect(ops.locator("[data-testid^='fleet-row-']")).to_have_count(1)
    expect(row.get_by_test_id("subscription-status")).to_have_attribute("data-status", "trialing")
    ops.get_by_test_id(f"fleet-open-{slug}").click()
    expect(ops.get_by_test_id("company-name")).to_have_text("Suspend Me Trading")
    expect(ops.get_by_test_id("company-members")).to_have_text("1")
    expect(ops.get_by_test_id("subscription-history")).to_contain_text("Trial started")

    # Suspends it: the reason is required.
    ops.get_by_test_id("action-suspend").click()
    ops.get_by_test_id("suspend-dialog-confirm").click()
    expect(ops.get_by_text("Give a reason: it is kept in the platform audit log.")).to_be_visible()
    ops.get_by_test_id("suspend-dialog-reason").fill("Chargeback under review (ticket 4711)")
    _shot(ops, "suspend-dialog")
    confirm_dialog(ops, "suspend-dialog-confirm")
    expect(ops.get_by_test_id("company-status")).to_have_attribute("data-status", "suspended")
    expect(ops.get_by_test_id("company-suspended")).to_be_visible()
    ops.get_by_test_id("company-tab-audit").click()
    entry = ops.get_by_test_id("company-audit-table").get_by_test_id("audit-row-console.company_suspended")
    expect(entry).to_contain_text("Chargeback under review (ticket 4711)")
    expect(entry).to_contain_text("ops@console-journey.test")
    _shot(ops, "company-suspended")

    # The owner sees the suspension page on the company's host from the next request on.
    owner.reload()
    suspended = owner.get_by_test_id("suspension-page")
    expect(suspended).to_be_visible()
    expect(suspended).to_have_attribute("data-suspension", "operator")
    _shot(owner, "owner-suspended")

    # The operator reactivates it; the owner is back in.
    ops.get_by_test_id("action-reactivate").click()
    ops.get_by_test_id("reactivate-dialog-reason").fill("Chargeback resolved")
    confirm_dialog(ops, "reactivate-dialog-confirm")
    expect(ops.get_by_test_id("company-status")).to_have_attribute("data-status", "active")
    expect(ops.get_by_test_id("company-suspended")).to_have_count(0)
    owner.reload()
    expect(owner.get_by_test_id("home-page")).to_be_visible()

    # Both actions, with their reasons, are in the platform audit.
    ops.get_by_test_id("console-nav-audit").click()
    expect(ops.get_by_test_id("platform-audit-page")).to_be_visible()
    expect(ops.get_by_test_id("audit-row-console.company_reactivated").first).to_contain_text(
        "Chargeback resolved"
    )
    _shot(ops, "platform-audit")

    # The other pages of the console open (plans, revenue with its charts, in Chinese too).
    ops.get_by_test_id("console-nav-plans").click()
    expect(ops.get_by_test_id("plan-growth")).to_be_visible()
    _shot(ops, "plans")
    ops.get_by_test_id("console-nav-revenue").click()
    expect(ops.get_by_test_id("revenue-mrr-chart")).to_have_attribute("data-ready", "true")
    ops.get_by_test_id("language-option-zh-CN").click()
    expect(ops.get_by_test_id("console-nav-revenue")).to_have_text("收入")
    _shot(ops, "revenue-zh-CN")


def test_a_member_who_is_not_an_operator_is_refused_by_the_console(hansa: Hansa, browser: Any) -> None:
    slug = unique_slug("notops")
    owner_email = f"owner@{slug}.test"
    make_company(slug=slug, name="Not Ops Ltd", owner_email=owner_email, owner_name="Qian Owner")

    page = new_page(browser)
    page.goto(hansa.public_url("/console/signin"))
    page.get_by_test_id("signin-email").fill(owner_email)
    page.get_by_test_id("signin-password").fill(PASSWORD)
    page.get_by_test_id("signin-submit").click()
    refused = page.get_by_test_id("console-refused")
    expect(refused).to_have_attribute("data-reason", "notOperator")
    expect(refused).to_contain_text(owner_email)
    _shot(page, "refused")


def test_operator_finds_a_deleted_company_in_the_backups_and_restores_it(
    hansa: Hansa, browser: Any, settings: Any, tmp_path: Path
) -> None:
    """A company erased by mistake has no company page any more; its backups are on the console's Backups
    page, and a restore with a reason brings it back: its owner signs in again."""
    from django.db import transaction

    from tenantdata.erase import company_erase
    from tenantdata.services import backup_take
    from tenants.models import Company

    settings.HANSA_BACKUP_ROOT = tmp_path / "backups"
    slug = unique_slug("erased")
    owner_email = f"owner@{slug}.test"
    make_company(slug=slug, name="Erased By Mistake", owner_email=owner_email, owner_name="Qian Owner")
    company = Company.objects.get(slug=slug)
    backup = backup_take(company=company)
    with transaction.atomic():
        company_erase(company_id=company.pk, schema_name=company.schema_name)
    assert not Company.objects.filter(slug=slug).exists()
    secret = _operator("ops@backups-journey.test")

    ops = new_page(browser)
    ops.goto(hansa.public_url("/console"))
    ops.get_by_test_id("signin-email").fill("ops@backups-journey.test")
    ops.get_by_test_id("signin-password").fill(PASSWORD)
    ops.get_by_test_id("signin-submit").click()
    ops.get_by_test_id("mfa-code").fill(fresh_totp(secret))
    ops.get_by_test_id("mfa-submit").click()
    expect(ops.get_by_test_id("fleet-page")).to_be_visible()

    # Only the companies that no longer exist, searched by slug: the backup, tagged deleted.
    ops.get_by_test_id("console-nav-backups").click()
    expect(ops.get_by_test_id("backups-page")).to_be_visible()
    ops.get_by_test_id("backups-filter-missing").click()
    ops.get_by_test_id("backups-search").fill(slug)
    ops.get_by_test_id("backups-search").press("Enter")
    expect(ops.locator("[data-testid^='backup-row-']")).to_have_count(1)
    expect(ops.get_by_test_id(f"backup-deleted-{backup.pk}")).to_be_visible()
    _shot(ops, "backups-deleted")

    # Restore: the reason is required; then what came back is shown.
    ops.get_by_test_id(f"backup-restore-{backup.pk}").click()
    ops.get_by_test_id("restore-dialog-reason").fill("Erased by mistake (ticket 5120)")
    confirm_dialog(ops, "restore-dialog-confirm")
    expect(ops.get_by_test_id("restore-result")).to_contain_text(slug)
    _shot(ops, "backups-restored")
    assert Company.objects.filter(slug=slug, pk=company.pk).exists()

    # The owner is back in the workspace.
    sign_in(new_page(browser), hansa, slug, owner_email)
