"""Screenshots of the workspace home for the docs, in Chinese and English (1280x800).

Not part of the test suite (pytest collects ``test_*.py`` only); run it on purpose, with the same
environment as the tests, when the home page changes:

    .venv/bin/python -m pytest tests/browser/screenshots.py -q

It signs in the owner of the first demo company (the same data ``hansa demo`` creates) on its host of a
live server and writes ``docs/screenshots/workspace-home-zh-CN.png`` and ``workspace-home-en.png``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.support import Hansa, add_member, make_company, new_page
from tests.browser.test_journeys import expect, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_workspace_home_screenshots(hansa: Hansa, browser: Any) -> None:
    from hansa.demo import DEMO_COMPANIES

    demo = DEMO_COMPANIES[0]
    owner_email, owner_name = demo.owner
    company = make_company(
        slug=demo.slug, name=demo.name, owner_email=owner_email, owner_name=owner_name, locale=demo.locale
    ).company
    for email, full_name, roles in demo.members:
        add_member(company, email=email, full_name=full_name, roles=roles, language="zh-hans")

    page = new_page(browser, locale="zh-CN", viewport=(1280, 800))
    page.goto(hansa.company_url(demo.slug, "/signin"))
    sign_in(page, owner_email)
    expect(page.get_by_test_id("home-company-name")).to_have_text(demo.name)
    expect(page.get_by_test_id("nav-home")).to_have_text("首页")
    OUT.mkdir(parents=True, exist_ok=True)
    page.mouse.move(1270, 790)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUT / "workspace-home-zh-CN.png"))

    page.get_by_test_id("language-option-en").click()
    expect(page.get_by_test_id("nav-home")).to_have_text("Home")
    expect(page.get_by_test_id("home-page")).to_contain_text("Next steps")
    page.mouse.move(1270, 790)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(OUT / "workspace-home-en.png"))
