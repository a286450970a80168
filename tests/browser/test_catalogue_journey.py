"""The DIP in a real browser (issue "5 of 6"): a citizen searches the public list, opens an item
and downloads its document; the PPID arranges a unit's list in a collection round and the Atasan
PPID approves it, which publishes the item for everyone.

Expected texts are looked up in the Indonesian catalogue at run time (`_id`), as in the other
browser journeys; what does not depend on wording (URLs, titles, file bytes) is asserted directly.
"""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from playwright.sync_api import Page, expect
from reportlab.pdfgen import canvas

from ppid.accounts.models import AccountKind, User
from ppid.accounts.roles import Role
from ppid.accounts.services import membership_grant
from ppid.catalogue.models import InformationItem, UnitList
from ppid.catalogue.services import ItemData, items_import, round_open, unit_list_add_new, unit_list_submit
from ppid.catalogue.services.items import item_add_document
from ppid.catalogue.workflow import Category, ItemStatus, ListStatus
from ppid.offices.models import Office, WorkUnit
from tests.browser.conftest import Screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Kata-Sandi-Peramban-2026"
BANDUNG = "32.73"


def _id(text: str) -> str:
    with translation.override("id"):
        return str(translation.gettext(text))


def _pdf(text: str) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def _staff(username: str, role: Role, unit: WorkUnit | None = None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=username, kind=AccountKind.STAFF)
    membership_grant(actor=None, user=user, office=Office.objects.get(code=BANDUNG), role=role, work_unit=unit)
    return user


def _log_in(page: Page, user: User) -> None:
    page.context.clear_cookies()
    page.goto("/masuk/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/masuk/"))


def _unit() -> WorkUnit:
    unit = Office.objects.get(code=BANDUNG).work_units.filter(is_legal_unit=False).order_by("name").first()
    assert unit is not None
    return unit


def _data(unit: WorkUnit, title: str, summary: str) -> ItemData:
    return ItemData(
        title=title,
        summary=summary,
        category=Category.BERKALA,
        work_unit=unit,
        responsible_official="Kepala Subbagian Teknis",
        year=2024,
        format="PDF",
    )


@pytest.fixture
def published_report() -> InformationItem:
    """A published item whose document says "Coblong" only inside the PDF."""
    unit = _unit()
    ppid = _staff("ppid.peramban", Role.PPID)
    [item] = items_import(
        office=unit.office,
        actor=ppid,
        rows=[_data(unit, "Rekapitulasi hasil penghitungan suara Pemilu 2024", "Per kecamatan, Kota Bandung.")],
        source_name="dip.xlsx",
    )
    upload = SimpleUploadedFile(
        "rekap.pdf", _pdf("Kecamatan Coblong: 41.203 suara sah"), content_type="application/pdf"
    )
    item_add_document(item=item, actor=ppid, upload=upload)
    return item


def test_a_citizen_searches_opens_and_downloads(
    published_report: InformationItem, page: Page, screenshot: Screenshot
) -> None:
    page.goto("/dip/")
    expect(page.locator("h1")).to_have_text(_id("Public information list (DIP)"))
    page.fill("input[name=q]", "Coblong")  # a word found only inside the PDF
    page.locator("main form.filters button[type=submit]").click()
    result = page.get_by_role("link", name=published_report.title, exact=True)
    expect(result).to_be_visible()
    screenshot(page, "search-results")
    with page.expect_navigation():
        result.click()
    expect(page).to_have_url(re.compile(rf"/dip/informasi/{published_report.pk}/$"))
    expect(page.locator("h1")).to_have_text(published_report.title)
    screenshot(page, "item")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=_id("Download"), exact=True).click()
    download = download_info.value
    assert download.suggested_filename == "rekap.pdf"
    path = download.path()
    assert path is not None and path.read_bytes().startswith(b"%PDF")


@pytest.fixture
def submitted_list() -> UnitList:
    unit = _unit()
    ppid = _staff("ppid.penghimpunan", Role.PPID)
    liaison = _staff("penghubung.penghimpunan", Role.TIM_PENGHUBUNG, unit)
    collection = round_open(
        office=unit.office,
        actor=ppid,
        name="Semester II 2026",
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    unit_list = collection.unit_lists.get(work_unit=unit)
    upload = SimpleUploadedFile("jadwal.pdf", _pdf("Jadwal pleno rekapitulasi"), content_type="application/pdf")
    unit_list_add_new(
        unit_list=unit_list,
        actor=liaison,
        data=_data(unit, "Jadwal rapat pleno terbuka 2026", "Jadwal rapat pleno rekapitulasi yang terbuka untuk umum."),
        upload=upload,
    )
    unit_list_submit(unit_list=unit_list, actor=liaison)
    return unit_list


def test_the_ppid_arranges_a_round_and_the_atasan_publishes_it(
    submitted_list: UnitList, page: Page, screenshot: Screenshot
) -> None:
    title = "Jadwal rapat pleno terbuka 2026"
    # Before approval nobody outside sees it.
    response = page.goto("/dip/?q=pleno")
    assert response is not None and response.status == 200
    expect(page.get_by_role("link", name=title, exact=True)).to_have_count(0)

    _log_in(page, User.objects.get(username="ppid.penghimpunan"))
    page.goto(f"/staf/dip/daftar-unit/{submitted_list.pk}/")
    expect(page.locator("main")).to_contain_text(title)
    screenshot(page, "ppid-unit-list")
    with page.expect_navigation():
        page.locator("#langkah-arrange button[type=submit]").click()
    submitted_list.refresh_from_db()
    assert submitted_list.status == ListStatus.ARRANGED

    _log_in(page, _staff("atasan.penghimpunan", Role.ATASAN))
    page.goto(f"/staf/dip/daftar-unit/{submitted_list.pk}/")
    expect(page.locator("#langkah-arrange")).to_have_count(0)  # the PPID's step is done
    screenshot(page, "atasan-unit-list")
    with page.expect_navigation():
        page.locator("#langkah-approve button[type=submit]").click()
    submitted_list.refresh_from_db()
    item = InformationItem.objects.get(title=title)
    assert (submitted_list.status, item.status) == (ListStatus.APPROVED, ItemStatus.PUBLISHED)

    page.context.clear_cookies()
    page.goto("/dip/?q=pleno")
    expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
    screenshot(page, "published")
