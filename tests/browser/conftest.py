"""Browser journeys: Playwright driving Debian's Chromium against a live Hansa server.

The live server is pytest-django's ``live_server`` (a thread of this process, real PostgreSQL and Redis,
``transactional_db``). Company hosts are ``<slug>.localhost:<port>``: Chromium resolves every
``*.localhost`` name to the loopback address by itself, so no DNS or hosts file is involved; the test
points ``HANSA_BASE_DOMAIN`` (read at call time for every URL the backend builds) at the server's port.

The SPA is served from ``frontend/dist``; when it is missing it is built once per session. Without
Chromium the journeys are skipped, except under ``CI`` where that is a failure. A failed test leaves a
screenshot of each of its pages under ``test-artifacts/browser/``.

Playwright is started and stopped around each test rather than once per session: while its sync API runs,
an asyncio loop is registered on this thread and the thread runs in another contextvars context. Django
refuses database work in a thread with a running loop (the transactional flush after each test included)
and keeps a separate connection per context; both must be over before the test's database teardown.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.support import TIMEOUT_MS, Hansa, new_page

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "frontend" / "dist"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = os.environ.get("HANSA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# Reports per phase on the item, so fixtures can tell in their teardown whether the test failed.
@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"rep_{report.when}", report)


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the browser tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium (``apt-get install chromium fonts-noto-cjk``); Playwright never downloads one."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _missing(f"no Chromium at {CHROMIUM}: install it with `apt-get install -y chromium fonts-noto-cjk`")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("the Python package playwright is not installed (pip install -e '.[dev]')")
    return CHROMIUM


@pytest.fixture(scope="session")
def spa_dist() -> Path:
    """The built SPA; built here once when ``frontend/dist/index.html`` is missing."""
    index = DIST / "index.html"
    if index.exists():
        return DIST
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail(f"{index} is missing and npm is not installed: run `npm --prefix frontend run build`.")
    if not (ROOT / "frontend" / "node_modules").exists():
        subprocess.run([npm, "--prefix", "frontend", "ci"], cwd=ROOT, check=False)
    built = subprocess.run(
        [npm, "--prefix", "frontend", "run", "build"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if built.returncode != 0 or not index.exists():
        pytest.fail(
            f"building the SPA failed (`npm --prefix frontend run build`):\n{built.stdout[-3000:]}\n"
            f"{built.stderr[-3000:]}",
            pytrace=False,
        )
    return DIST


@pytest.fixture
def hansa(spa_dist: Path, live_server: Any, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Hansa:
    """The live server, with the settings that make ``<slug>.localhost:<port>`` its company hosts."""
    port = urlsplit(live_server.url).port
    assert port is not None
    base = f"localhost:{port}"
    settings.HANSA_BASE_DOMAIN = base
    settings.HANSA_SCHEME = "http"
    settings.CSRF_TRUSTED_ORIGINS = [f"http://{base}", f"http://*.{base}"]
    settings.STATICFILES_DIRS = [str(spa_dist)]
    # allauth's links in e-mails point at the SPA's pages on the public host.
    settings.HEADLESS_FRONTEND_URLS = {
        name: re.sub(r"^https?://[^/]+", f"http://{base}", url)
        for name, url in settings.HEADLESS_FRONTEND_URLS.items()
    }
    # The test's own database work (fixtures, services) runs while Playwright's loop is registered on
    # this thread; that loop never runs Django code, so Django's async-safety check does not apply.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return Hansa(port=port)


def _artifact_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::", 1)[-1]).strip("_")[:120]


@pytest.fixture
def browser(chromium_path: str, hansa: Hansa, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A Chromium for this test; on failure, every page it still has open is saved as a screenshot."""
    from django.db import connections
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            report = getattr(request.node, "rep_call", None)
            if report is None or report.failed:
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                name = _artifact_name(request.node.nodeid)
                pages = [page for context in chromium.contexts for page in context.pages]
                for number, page in enumerate(pages, start=1):
                    suffix = "" if len(pages) == 1 else f"-{number}"
                    try:
                        page.screenshot(path=str(ARTIFACTS / f"{name}{suffix}.png"), full_page=True)
                    except Exception as error:  # a screenshot must not hide the failure
                        print(f"screenshot of {page.url} failed: {error}")
            chromium.close()
            # Inside sync_playwright() this thread runs in another contextvars context, so the test's
            # database work got connections of its own (Django keeps them per context): close them, or
            # they outlive the test and keep the test database from being dropped.
            connections.close_all()


@pytest.fixture
def page(browser: Any) -> Any:
    return new_page(browser)
