"""A desk officer logs in through the real login form and sees their role on the staff home."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from ppid.accounts.models import AccountKind, User
from ppid.accounts.roles import Role
from ppid.accounts.services import membership_grant
from ppid.offices.models import Office
from tests.browser.conftest import Screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Kata-Sandi-Desk-2026"


@pytest.fixture
def desk_officer() -> User:
    office = Office.objects.get(code="00")
    user = User.objects.create_user(
        username="desk.peramban", password=PASSWORD, full_name="Sari Desk", kind=AccountKind.STAFF
    )
    membership_grant(actor=None, user=user, office=office, role=Role.DESK)
    return user


def test_desk_officer_logs_in_and_sees_role_and_office(desk_officer: User, page: Page, screenshot: Screenshot) -> None:
    page.goto("/staf/")
    # Not logged in: sent to the login form, which brings them back afterwards.
    expect(page).to_have_url(re.compile(r"/masuk/\?next=(/|%2F)staf(/|%2F)$"))
    screenshot(page, "login-form")

    page.fill("input[name=username]", desk_officer.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/staf/$"))
    expect(page.locator("h1")).to_contain_text("Sari Desk")
    expect(page.locator("#roles-heading")).to_have_text("Peran Anda")
    roles = page.locator("section[aria-labelledby=roles-heading] tbody tr")
    expect(roles).to_have_count(1)
    expect(roles.first).to_contain_text("Desk Pelayanan Informasi")
    expect(roles.first).to_contain_text("KPU Republik Indonesia")
    screenshot(page, "staff-home")
