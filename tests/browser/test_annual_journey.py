"""The annual report end to end in a real browser: the PPID opens the dashboard from the staff home,
follows a figure to the register behind it, starts the report, writes the narrative and submits; the
Atasan PPID approves; the PPID publishes and downloads the PDF.

Expected texts are looked up in the Indonesian catalogue at run time (`_id`), as in the request
journeys, so the test holds whether or not a label has been translated yet.
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from ppid.accounts.models import AccountKind, User
from ppid.accounts.roles import Role
from ppid.accounts.services import membership_grant
from ppid.annual.models import AnnualReport
from ppid.annual.workflow import Status
from ppid.offices.models import Office
from ppid.requests.models import Channel, DeliveryMethod, InformationRequest, ObtainMethod, RequesterKind
from ppid.requests.services import IntakeData, request_submit
from tests.browser.conftest import Screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Kata-Sandi-Peramban-2026"
BANDUNG = "32.73"
DASHBOARD = "/staf/dasbor/"


def _id(text: str) -> str:
    with translation.override("id"):
        return str(translation.gettext(text))


def _staff(username: str, role: Role) -> User:
    office = Office.objects.get(code=BANDUNG)
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=username, kind=AccountKind.STAFF)
    membership_grant(actor=None, user=user, office=office, role=role)
    return user


def _log_in(page: Page, user: User) -> None:
    page.goto("/masuk/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/masuk/"))


def _log_out(page: Page) -> None:
    page.context.clear_cookies()


def _request_received(office: Office) -> InformationRequest:
    data = IntakeData(
        kind=RequesterKind.INDIVIDUAL,
        name="Rina Pemohon",
        address="Jl. Asia Afrika No. 8, Bandung",
        information_requested="Daftar TPS di Kecamatan Sukajadi pada Pemilu 2024",
        purpose="Penelitian",
        obtain_method=ObtainMethod.SOFT_COPY,
        delivery_method=DeliveryMethod.EMAIL,
        email="rina@example.org",
        nik="3273010101900002",
    )
    return request_submit(office=office, data=data, channel=Channel.ONLINE)


def _click(page: Page, label: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=_id(label)).click()


def test_ppid_prepares_atasan_approves_ppid_publishes_the_annual_report(page: Page, screenshot: Screenshot) -> None:
    ppid = _staff("ppid.tahunan", Role.PPID)
    atasan = _staff("atasan.tahunan", Role.ATASAN)
    office = Office.objects.get(code=BANDUNG)
    year = timezone.now().astimezone(office.zoneinfo).year

    received = _request_received(office)

    _log_in(page, ppid)
    page.goto("/staf/")
    with page.expect_navigation():
        page.get_by_role("link", name=_id("Dashboard"), exact=True).click()
    expect(page).to_have_url(re.compile(DASHBOARD))
    expect(page.locator("h1")).to_contain_text(office.name)
    tiles = page.locator("ul.kpis").first
    expect(tiles.locator("li").first.locator("a")).to_have_text("1")  # the one request received this year
    expect(page.locator("figure.chart svg").first).to_be_visible()
    screenshot(page, "dashboard")
    with page.expect_navigation():
        tiles.locator("li").first.locator("a").click()
    expect(page.locator("main")).to_contain_text(received.registration_number)
    page.goto("/staf/laporan-tahunan/")
    page.select_option("select[name=office]", str(office.pk))
    page.fill("input[name=year]", str(year))
    _click(page, "Start the report")
    expect(page).to_have_url(re.compile(r"/staf/laporan-tahunan/\d+/$"))
    report = AnnualReport.objects.get(office=office, year=year)

    for textarea in page.locator("main form textarea").all():
        textarea.fill("Uraian bagian laporan tahunan.")
    _click(page, "Save the narrative")
    _click(page, "Submit to the Atasan PPID")
    expect(page.locator("[data-status]")).to_have_attribute("data-status", Status.SUBMITTED)
    screenshot(page, "submitted")
    _log_out(page)

    _log_in(page, atasan)
    page.goto(f"/staf/laporan-tahunan/{report.pk}/")
    _click(page, "Approve the report")
    expect(page.locator("[data-status]")).to_have_attribute("data-status", Status.APPROVED)
    _log_out(page)

    _log_in(page, ppid)
    page.goto(f"/staf/laporan-tahunan/{report.pk}/")
    _click(page, "Publish on the portal")
    expect(page.locator("[data-status]")).to_have_attribute("data-status", Status.PUBLISHED)
    screenshot(page, "published")
    href = page.get_by_role("link", name=_id("Download the PDF")).get_attribute("href")
    assert href is not None
    pdf = page.request.get(href)
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")

    page.goto("/laporan/tahunan/")
    expect(page.locator("main")).to_contain_text(office.name)
