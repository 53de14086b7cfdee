"""Helpers of the browser journeys: the live server's hosts, test data through the services, TOTP codes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time
import uuid
from dataclasses import dataclass
from typing import Any

# Long enough for a cold page on a busy 2-core machine, short enough to fail a broken journey quickly.
TIMEOUT_MS = 20_000


@dataclass(frozen=True)
class Hansa:
    """The live server as the browser sees it: the public host and the company hosts."""

    port: int

    @property
    def base(self) -> str:
        return f"localhost:{self.port}"

    def public_url(self, path: str = "/") -> str:
        return f"http://{self.base}{path}"

    def company_host(self, slug: str) -> str:
        return f"{slug}.{self.base}"

    def company_url(self, slug: str, path: str = "/") -> str:
        return f"http://{self.company_host(slug)}{path}"


def new_page(browser: Any, *, locale: str = "en-US", viewport: tuple[int, int] = (1280, 800)) -> Any:
    """A page in a fresh context (its own cookies: one person's browser)."""
    context = browser.new_context(locale=locale, viewport={"width": viewport[0], "height": viewport[1]})
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


# Data --------------------------------------------------------------------------------------------


PASSWORD = "journey-Passw0rd-2026"


def unique_slug(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def make_company(*, slug: str, name: str, owner_email: str, owner_name: str, locale: str = "en") -> Any:
    """An active company with its owner, through the real sign-up service (committed: transactional_db)."""
    from tenants.services import company_signup

    return company_signup(
        company_name=name,
        slug=slug,
        country="CN",
        currency="CNY",
        locale=locale,
        full_name=owner_name,
        email=owner_email,
        password=PASSWORD,
        time_zone="Asia/Shanghai",
    )


def add_member(company: Any, *, email: str, full_name: str, roles: list[str], language: str = "en") -> Any:
    from identity.models import User
    from identity.services import membership_create

    user = User.objects.create_user(
        email=email, password=PASSWORD, full_name=full_name, preferred_language=language
    )
    return membership_create(user=user, company=company, roles=roles)


def invite(company: Any, owner: Any, *, email: str, roles: list[str]) -> str:
    """An invitation from ``owner`` through the service; returns the link the e-mail would carry."""
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for
    from identity.services import invitation_create

    membership = Membership.objects.get(user=owner, company=company)
    actor = Actor(
        company=company, permissions=permissions_for(membership.roles), user=owner, membership=membership
    )
    return invitation_create(actor=actor, email=email, roles=roles).link


# Browser steps shared by the journeys --------------------------------------------------------------


def expect(target: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target)


def confirm_dialog(page: Any, test_id: str, *, attempts: int = 3) -> None:
    """Click a dialog's confirm button (``test_id``) until the dialog has closed.

    On a loaded machine an Ant Design modal once lost the click that landed while it was still opening
    (CI: the dialog stayed open, no request was made and no error shown). A click while the request runs
    is ignored by the button's loading state, so clicking again never sends the action twice.
    """
    button = page.get_by_test_id(test_id)
    for _ in range(attempts - 1):
        button.click()
        try:
            expect(button).to_be_hidden(timeout=5_000)
            return
        except AssertionError:
            continue
    button.click()
    expect(button).to_be_hidden()


def sign_in(page: Any, hansa: Hansa, slug: str, email: str) -> None:
    page.goto(hansa.company_url(slug, "/signin"))
    page.get_by_test_id("signin-email").fill(email)
    page.get_by_test_id("signin-password").fill(PASSWORD)
    page.get_by_test_id("signin-submit").click()
    expect(page.get_by_test_id("home-page")).to_be_visible()


def supplier_profile(company: Any, user: Any) -> None:
    """The supplier's marketplace profile: bearings, serving all of China."""
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for
    from marketplace.directory.categories import category_tree_ensure
    from marketplace.directory.services import ProfileInput, supplier_profile_save

    # A transactional test before this one may have flushed the seeded tree.
    category_tree_ensure()
    membership = Membership.objects.get(user=user, company=company)
    actor = Actor(
        company=company, permissions=permissions_for(membership.roles), user=user, membership=membership
    )
    supplier_profile_save(
        actor=actor,
        data=ProfileInput(
            role="supplier",
            display_name_en="Suzhou Precision Bearings",
            display_name_zh="苏州精密轴承",
            category_codes=["10.01"],
            regions_served=["CN"],
        ),
    )


def pick_date(page: Any, test_id: str, value: str) -> None:
    """Types a date (and time) into an Ant Design picker; leaving the field keeps it (no Enter: that
    would also submit the form, as Enter does in any input of a form)."""
    field = page.get_by_test_id(test_id)
    field.click()
    field.fill(value)
    field.press("Tab")
    expect(field).to_have_value(value)


# TOTP (RFC 6238 over RFC 4226), so the tests need no extra dependency -----------------------------


def totp(secret: str, *, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def fresh_totp(secret: str, *, step: int = 30, margin: float = 4.0) -> str:
    """A code that stays valid for at least ``margin`` seconds (the server accepts only the current step)."""
    left = step - time.time() % step
    if left < margin:
        time.sleep(left + 0.2)
    return totp(secret, step=step)
