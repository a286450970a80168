"""The public portal in a real browser: language, keyboard access and the HTMX office filter."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ppid.offices.models import Office
from tests.browser.conftest import Screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HOME_H1_ID = "Informasi publik dari Komisi Pemilihan Umum"
HOME_H1_EN = "Public information from the General Elections Commission"


@pytest.fixture(autouse=True)
def _offices_loaded() -> None:
    # The offices come from a data migration; serialized_rollback restores them after each flush.
    assert Office.objects.filter(code="32.73").exists(), "the KPU offices were not restored for the live server"


def test_home_is_indonesian_by_default_and_switches_to_english(page: Page, screenshot: Screenshot) -> None:
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator("h1")).to_have_text(HOME_H1_ID)
    expect(page.locator("#language-select")).to_have_value("id")
    screenshot(page, "id")

    page.select_option("#language-select", "en")
    with page.expect_navigation():
        page.locator("form.lang-switch button[type=submit]").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text(HOME_H1_EN)
    expect(page.locator("#language-select")).to_have_value("en")
    screenshot(page, "en")

    # The choice is remembered (cookie), not only applied to one response.
    page.goto("/kantor/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_skip_link_is_the_first_focusable_element(page: Page, screenshot: Screenshot) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    # Hidden off-screen until focused, then on screen where a keyboard user sees it.
    box = skip_link.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0
    screenshot(page, "skip-link-focused")

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_office_directory_filters_as_you_type(page: Page, screenshot: Screenshot) -> None:
    page.goto("/kantor/")
    results = page.locator("#office-results")
    expect(results).to_contain_text("KPU Republik Indonesia")
    expect(results).not_to_contain_text("KPU Kota Bandung")
    screenshot(page, "unfiltered")
    # Set a marker on the window: it survives an HTMX swap but not a full page load.
    page.evaluate("window.__sameDocument = true")

    page.locator("input[name=q]").press_sequentially("Bandung", delay=20)

    expect(results).to_contain_text("KPU Kota Bandung")
    expect(results).not_to_contain_text("KPU Republik Indonesia")
    names = results.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert sorted(names) == ["KPU Kabupaten Bandung", "KPU Kabupaten Bandung Barat", "KPU Kota Bandung"]
    assert page.evaluate("window.__sameDocument === true"), "the filter reloaded the page instead of swapping results"
    expect(page).to_have_url(re.compile(r"[?&]q=Bandung"))
    screenshot(page, "filtered-bandung")
