"""The web app's critical journeys in a real browser, against a live server (issue 4, item 7).

Few journeys, each doing a lot: every one costs a Chromium and a company schema, and the machine has two
cores. They assert what a person sees: texts, the address bar's host and path, what the menu offers.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.support import (
    PASSWORD,
    Hansa,
    add_member,
    fresh_totp,
    invite,
    make_company,
    new_page,
    totp,
    unique_slug,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SIGNUP_TIMEOUT_MS = 90_000


def expect(target: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def sign_in(page: Any, email: str, password: str = PASSWORD) -> None:
    """Fill and send the sign-in form of a company host (the page is on its /signin)."""
    expect(page.get_by_test_id("signin-form")).to_be_visible()
    page.get_by_test_id("signin-email").fill(email)
    page.get_by_test_id("signin-password").fill(password)
    page.get_by_test_id("signin-submit").click()


def sign_out(page: Any) -> None:
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("signout").click()
    expect(page.get_by_test_id("signin-form")).to_be_visible()


def test_totp_matches_rfc_6238() -> None:
    # RFC 6238, appendix B: SHA-1, the ASCII secret "12345678901234567890", T = 59 s, 8 digits.
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert totp(secret, at=59, digits=8) == "94287082"
    assert totp(secret, at=1111111109, digits=8) == "07081804"


def test_owner_signs_up_switches_language_signs_out_and_in_and_enrols_mfa(
    hansa: Hansa, page: Any, mailoutbox: list[Any]
) -> None:
    taken = make_company(
        slug=unique_slug("taken"), name="Taken Trading", owner_email="owner@taken.test", owner_name="T. Owner"
    ).company.slug
    slug = unique_slug("journey")
    email = f"owner@{slug}.test"
    workspace = hansa.company_url(slug, "/")

    # Sign-up on the public host, with the address checked as it is typed.
    page.goto(hansa.public_url("/signup"))
    page.get_by_test_id("signup-company-name").fill("Journey Trading")
    slug_input = page.get_by_test_id("signup-slug")
    slug_item = page.locator(".ant-form-item", has=slug_input)
    expect(slug_input).to_have_value("journey-trading")
    slug_input.fill("")
    slug_input.press_sequentially(taken, delay=20)
    expect(slug_item.get_by_text("This address is already taken.")).to_be_visible()
    slug_input.fill("")
    slug_input.press_sequentially(slug, delay=20)
    expect(slug_item).to_have_class(re.compile(r"\bant-form-item-has-success\b"))
    expect(slug_item.get_by_text("This address is already taken.")).to_have_count(0)
    page.get_by_test_id("signup-full-name").fill("Jia Owner")
    page.get_by_test_id("signup-email").fill(email)
    page.get_by_test_id("signup-password").fill(PASSWORD)
    page.get_by_test_id("signup-submit").click()

    # Signed in on the company's own host, in its workspace. (After another test's transactional flush
    # emptied the warm pool, the schema is built during the request: allow for it on a busy machine.)
    expect(page).to_have_url(workspace, timeout=SIGNUP_TIMEOUT_MS)
    expect(page.get_by_test_id("home-company-name")).to_have_text("Journey Trading")
    expect(page.get_by_test_id("header-company")).to_have_text("Journey Trading")
    expect(page.get_by_test_id("home-roles")).to_contain_text("Owner")
    expect(page.get_by_test_id("nav-home")).to_have_text("Home")
    for entry in ("nav-company", "nav-members", "nav-api-keys", "nav-audit", "nav-profile"):
        expect(page.get_by_test_id(entry)).to_be_visible()

    # Chinese, then English again.
    page.get_by_test_id("language-option-zh-CN").click()
    expect(page.get_by_test_id("nav-home")).to_have_text("首页")
    expect(page.get_by_test_id("nav-members")).to_have_text("成员管理")
    expect(page.get_by_test_id("home-page")).to_contain_text("下一步")
    expect(page.get_by_test_id("home-roles")).to_contain_text("所有者")
    # Ant Design's own texts follow too (the audit log's date range).
    page.get_by_test_id("nav-audit").click()
    expect(page.get_by_test_id("audit-page")).to_contain_text("审计日志")
    expect(page.get_by_placeholder("开始日期")).to_be_visible()
    page.get_by_test_id("nav-home").click()
    page.get_by_test_id("language-option-en").click()
    expect(page.get_by_test_id("nav-home")).to_have_text("Home")
    expect(page.get_by_test_id("home-page")).to_contain_text("Next steps")

    # Sign out, and in again on the company host.
    sign_out(page)
    expect(page).to_have_url(hansa.company_url(slug, "/signin"))
    expect(page.get_by_test_id("signin-workspace")).to_contain_text(slug)
    sign_in(page, email)
    expect(page.get_by_test_id("home-page")).to_be_visible()
    expect(page).to_have_url(workspace)

    # Two-factor authentication needs a verified address: send the link from the profile, open it.
    page.get_by_test_id("nav-profile").click()
    expect(page.get_by_test_id("email-unverified")).to_be_visible()
    expect(page.get_by_test_id("mfa-setup")).to_be_disabled()
    mailoutbox.clear()
    page.get_by_test_id("email-verify-send").click()
    expect(page.get_by_text(f"We sent a verification link to {email}")).to_be_visible()
    [mail] = [m for m in mailoutbox if m.to == [email]]
    link = re.search(r"http://\S+/account/verify-email/\S+", mail.body)
    assert link is not None, mail.body
    assert link.group(0).startswith(hansa.public_url("/account/verify-email/"))
    page.goto(link.group(0))
    expect(page.get_by_test_id("verify-email-address")).to_contain_text(email)
    page.get_by_test_id("verify-email-submit").click()
    expect(page.get_by_test_id("verify-email-done")).to_be_visible()

    # Enrol an authenticator on the profile page; the secret is read from the page.
    page.goto(hansa.company_url(slug, "/profile"))
    expect(page.get_by_test_id("email-verified")).to_be_visible()
    page.get_by_test_id("mfa-setup").click()
    secret_text = page.get_by_test_id("totp-secret")
    expect(page.get_by_test_id("totp-qr")).to_be_visible()
    secret = secret_text.inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret), secret
    assert f"secret={secret}" in (secret_text.get_attribute("data-totp-url") or "")
    # The code must outlive the password prompt that allauth puts before adding an authenticator.
    page.get_by_test_id("totp-code").fill(fresh_totp(secret, margin=20))
    page.get_by_test_id("totp-activate").click()
    page.get_by_test_id("reauth-password").fill(PASSWORD)
    page.get_by_test_id("reauth-submit").click()
    expect(page.get_by_test_id("recovery-codes")).to_be_visible()
    assert page.get_by_test_id("recovery-code").count() >= 8
    page.get_by_test_id("recovery-codes-done").click()
    expect(page.get_by_test_id("mfa-enabled")).to_be_visible()

    # With MFA, signing in takes the password and then a TOTP code.
    sign_out(page)
    sign_in(page, email)
    expect(page.get_by_test_id("mfa-form")).to_be_visible()
    page.get_by_test_id("mfa-code").fill(fresh_totp(secret))
    page.get_by_test_id("mfa-submit").click()
    expect(page.get_by_test_id("home-page")).to_be_visible()
    expect(page).to_have_url(workspace)
    expect(page.get_by_test_id("next-step-mfa")).to_have_count(0)


def test_invited_viewer_joins_and_is_kept_out_of_what_their_role_does_not_allow(
    hansa: Hansa, browser: Any, page: Any
) -> None:
    slug = unique_slug("acme")
    company = make_company(
        slug=slug, name="Acme Trading", owner_email=f"owner@{slug}.test", owner_name="Li Wei"
    )
    add_member(company.company, email=f"buyer@{slug}.test", full_name="Zhang San", roles=["buyer"])
    viewer_email = f"viewer@{slug}.test"
    link = invite(company.company, company.user, email=viewer_email, roles=["viewer"])
    assert link.startswith(hansa.company_url(slug, "/invitation/"))

    # A link that is not (or no longer) an invitation says so in words.
    page.goto(hansa.company_url(slug, "/invitation/not-a-token"))
    invalid = page.get_by_test_id("invitation-invalid")
    expect(invalid).to_have_attribute("data-problem-code", "invitation_invalid")
    expect(invalid).to_contain_text("This invitation is invalid")

    # The invitation: a new account chooses its password and lands in the workspace, signed in.
    page.goto(link)
    expect(page.get_by_test_id("invitation-title")).to_have_text("Join Acme Trading on Hansa")
    expect(page.get_by_test_id("invitation-roles")).to_have_text("Viewer")
    expect(page.get_by_test_id("invitation-email")).to_have_value(viewer_email)
    page.get_by_test_id("invitation-full-name").fill("Wang Viewer")
    page.get_by_test_id("invitation-password").fill(PASSWORD)
    page.get_by_test_id("invitation-password-confirm").fill(PASSWORD)
    page.get_by_test_id("invitation-submit").click()
    expect(page).to_have_url(hansa.company_url(slug, "/"))
    expect(page.get_by_test_id("home-company-name")).to_have_text("Acme Trading")
    expect(page.get_by_test_id("home-roles")).to_have_text("Viewer")

    # A viewer's menu offers nothing to manage, and typed-in addresses answer 403.
    menu = page.get_by_test_id("side-menu")
    expect(menu.get_by_test_id("nav-home")).to_be_visible()
    expect(menu.get_by_test_id("nav-profile")).to_be_visible()
    for entry in ("nav-company", "nav-members", "nav-api-keys", "nav-audit"):
        expect(menu.get_by_test_id(entry)).to_have_count(0)
    for path, content in (("/settings/members", "members-page"), ("/settings/api-keys", "api-keys-page")):
        page.goto(hansa.company_url(slug, path))
        expect(page.get_by_test_id("forbidden")).to_contain_text("403")
        expect(page.get_by_test_id(content)).to_have_count(0)
        expect(page).to_have_url(hansa.company_url(slug, path))

    # The same pages open for the owner, who sees the new member and can issue an API key.
    owner = new_page(browser)
    owner.goto(hansa.company_url(slug, "/signin"))
    sign_in(owner, f"owner@{slug}.test")
    owner.get_by_test_id("nav-members").click()
    viewer_row = owner.get_by_test_id(f"member-row-{viewer_email}")
    expect(viewer_row).to_contain_text("Wang Viewer")
    expect(viewer_row).to_contain_text("Viewer")
    expect(owner.get_by_test_id(f"invitation-status-{viewer_email}")).to_have_text("Accepted")

    owner.get_by_test_id("nav-api-keys").click()
    expect(owner.get_by_test_id("api-keys-page")).to_be_visible()
    owner.get_by_test_id("api-key-create-open").click()
    owner.get_by_test_id("api-key-name").fill("ERP")
    owner.get_by_test_id("api-key-permission-stock.view").click()
    owner.get_by_test_id("api-key-create-submit").click()
    secret = owner.get_by_test_id("api-key-secret")
    expect(secret).to_be_visible()
    assert len(secret.inner_text().strip()) >= 20
    owner.get_by_test_id("api-key-secret-done").click()
    expect(owner.get_by_test_id("api-key-secret")).to_have_count(0)
    expect(owner.get_by_test_id("api-keys-table")).to_contain_text("ERP")

    owner.get_by_test_id("nav-audit").click()
    expect(owner.get_by_test_id("audit-row-invitation.accepted")).to_contain_text(viewer_email)
    expect(owner.get_by_test_id("audit-row-api_key.created")).to_contain_text(f"owner@{slug}.test")
