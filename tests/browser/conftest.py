"""Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Never downloads a browser: it launches /usr/bin/chromium. Without it the browser tests are
skipped, unless PPID_REQUIRE_BROWSER=1 (CI), when they fail instead.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import Page, sync_playwright
from pytest_django.live_server_helper import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 10_000

Screenshot = Callable[[Page, str], Path]


@pytest.fixture(autouse=True)
def _flushable_events(flushable_events: None) -> None:
    """Live-server tests commit for real; see tests/transactional.py."""


def _browser_required() -> bool:
    return os.environ.get("PPID_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes", "on"}


@pytest.fixture
def page(live_server: LiveServer) -> Iterator[Page]:
    """A Chromium page in a fresh context (no cookies) whose browser asks for English: ppid still speaks Indonesian.

    Playwright's sync API runs an asyncio event loop in this thread while it is started, and
    Django refuses ORM calls from a thread with a running loop (SynchronousOnlyOperation). So
    Playwright starts per test, after the database set-up and the test's data fixtures (request
    `page` after them), and stops before the transactional flush. For ORM calls in the test body,
    DJANGO_ALLOW_ASYNC_UNSAFE is set while the browser runs; Django then opens separate connections
    for them, which are closed here before Playwright stops.
    """
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)"
        if _browser_required():
            pytest.fail(f"PPID_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(
                base_url=live_server.url, locale="en-US", viewport={"width": 1280, "height": 900}
            )
            context.set_default_timeout(TIMEOUT_MS)
            yield context.new_page()
            context.close()
        finally:
            browser.close()
            # Connections the test body opened while the loop ran live in their own storage.
            connections.close_all()


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Screenshot:
    """screenshot(page, label) saves the whole page as test-artifacts/<test name>-<label>.png."""

    def take(page: Page, label: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", f"{request.node.name}-{label}")
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
