"""Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Never downloads a browser: it launches /usr/bin/chromium. Without it the browser tests are
skipped, unless PPID_REQUIRE_BROWSER=1 (CI), when they fail instead.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections
from playwright.sync_api import Page, sync_playwright
from pytest_django import DjangoDbBlocker
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

# The migration that makes events_event append-only with database triggers; its functions take
# anything with `.connection` and `.execute(sql)`, so they can drop and restore the triggers here.
_APPEND_ONLY = importlib.import_module("ppid.events.migrations.0002_append_only_triggers")


class _Executor:
    def __init__(self) -> None:
        self.connection = connection

    def execute(self, sql: str, params: Any = None) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


@pytest.fixture(scope="module")
def _append_only_restored(django_db_blocker: DjangoDbBlocker) -> Iterator[dict[str, bool]]:
    """Re-create the event triggers once the module's last test has been flushed."""
    state = {"dropped": False}
    yield state
    if state["dropped"]:
        with django_db_blocker.unblock():
            _APPEND_ONLY.forwards(None, _Executor())


@pytest.fixture(autouse=True)
def _flushable_events(_append_only_restored: dict[str, bool], transactional_db: None) -> Iterator[None]:
    """Let the transactional flush after each test empty events_event.

    A live-server test commits for real, and pytest-django then empties every table (DELETE on
    SQLite, TRUNCATE on PostgreSQL), which the append-only triggers refuse. They are dropped just
    before the flush and restored after the module (the tests here never check append-only).
    """
    yield
    _APPEND_ONLY.backwards(None, _Executor())
    _append_only_restored["dropped"] = True


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
