"""Information requests end to end in a real browser: a citizen asks online and tracks it, the desk
registers a walk-in request and prints its receipt, the PPID decides and issues the written notice.

Expected texts are looked up in the Indonesian catalogue at run time (`_id`), so the tests hold
whether or not a label has been translated yet; what does not depend on wording (URLs,
registration numbers, PDF links) is asserted directly.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import dateformat, timezone, translation
from playwright.sync_api import Page, expect

from ppid.accounts.models import AccountKind, User
from ppid.accounts.roles import Role
from ppid.accounts.services import membership_grant
from ppid.offices.models import Office
from ppid.requests.models import (
    Channel,
    DeliveryMethod,
    InformationRequest,
    ObtainMethod,
    RequesterKind,
)
from ppid.requests.services import IntakeData, request_submit
from ppid.requests.workflow import Outcome, Status
from tests.browser.conftest import Screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Kata-Sandi-Peramban-2026"
BANDUNG = "32.73"
NIK = "3273010101900001"  # Kota Bandung, born 1 January 1990, serial 0001
NAME = "Siti Rahmawati Peramban"
ADDRESS = "Jl. Asia Afrika No. 8, Sumur Bandung"
EMAIL = "siti.peramban@example.org"
INFORMATION = "Daftar pemilih tetap Kecamatan Sumur Bandung, Pemilu 2024"
PURPOSE = "Penelitian skripsi"

# A 1×1 PNG: upload checks go by content (magic bytes), not by the file name.
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _id(text: str) -> str:
    """`text` as the Indonesian pages show it (the English msgid while it is untranslated)."""
    with translation.override("id"):
        return str(translation.gettext(text))


def _id_date(day: datetime.date) -> str:
    """`day` as the pages write deadlines, e.g. "Selasa, 8 Desember 2026"."""
    with translation.override("id"):
        return dateformat.format(day, "l, j F Y")


def _first_number() -> str:
    """The first registration number of the year at KPU Kota Bandung (WIB)."""
    year = timezone.now().astimezone(ZoneInfo("Asia/Jakarta")).year
    return f"00001/PPID/{BANDUNG}/{year}"


def _staff(username: str, full_name: str, role: Role) -> User:
    office = Office.objects.get(code=BANDUNG)
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=full_name, kind=AccountKind.STAFF)
    membership_grant(actor=None, user=user, office=office, role=role)
    return user


def _log_in(page: Page, user: User) -> None:
    page.goto("/masuk/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/masuk/"))


def _expect_pdf(page: Page, href: str) -> None:
    """Fetch `href` with the page's cookies, as the browser would when the officer clicks it."""
    response = page.request.get(href)
    assert response.status == 200, f"{href} answered {response.status}"
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


@pytest.fixture
def ktp_scan(tmp_path: Path) -> Path:
    path = tmp_path / "ktp-siti.png"
    path.write_bytes(PNG_BYTES)
    return path


@pytest.fixture
def desk_officer() -> User:
    return _staff("desk.bandung", "Dedi Desk", Role.DESK)


@pytest.fixture
def ppid_bandung() -> User:
    return _staff("ppid.bandung", "Rina PPID", Role.PPID)


@pytest.fixture
def registered_request() -> InformationRequest:
    data = IntakeData(
        kind=RequesterKind.INDIVIDUAL,
        name=NAME,
        address=ADDRESS,
        information_requested=INFORMATION,
        purpose=PURPOSE,
        obtain_method=ObtainMethod.SOFT_COPY,
        delivery_method=DeliveryMethod.EMAIL,
        email=EMAIL,
        nik=NIK,
    )
    return request_submit(office=Office.objects.get(code=BANDUNG), data=data, channel=Channel.ONLINE)


def test_citizen_asks_online_then_tracks_without_seeing_personal_data(
    ktp_scan: Path, page: Page, screenshot: Screenshot
) -> None:
    page.goto(f"/permohonan/baru/?kantor={BANDUNG}")
    expect(page.locator("main form[enctype='multipart/form-data']")).to_be_visible()
    screenshot(page, "form-empty")

    page.check(f"input[name=kind][value={RequesterKind.INDIVIDUAL}]")
    # Only the chosen requester type's identity fields stay visible.
    expect(page.locator("fieldset[data-kind=individual]")).to_be_visible()
    expect(page.locator("fieldset[data-kind=legal_entity]")).to_be_hidden()
    expect(page.locator("fieldset[data-kind=group]")).to_be_hidden()
    page.fill("#id_name", NAME)
    page.fill("#id_nik", NIK)
    page.set_input_files("#id_ktp_scan", str(ktp_scan))
    page.fill("#id_address", ADDRESS)
    page.fill("#id_email", EMAIL)
    page.fill("#id_information_requested", INFORMATION)
    page.fill("#id_purpose", PURPOSE)
    page.check(f"input[name=obtain_method][value={ObtainMethod.SOFT_COPY}]")
    page.check(f"input[name=delivery_method][value={DeliveryMethod.EMAIL}]")
    screenshot(page, "form-filled")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    # The receipt: registration number and the written-notice deadline.
    expect(page).to_have_url(re.compile(r"/permohonan/\d+/bukti/$"))
    number = _first_number()
    expect(page.locator("h1")).to_have_text(_id("Your request has been registered"))
    expect(page.locator(".registration-number")).to_have_text(number)
    expect(page.locator("dl.facts")).to_contain_text(_id(Status.REGISTERED.label))
    request = InformationRequest.objects.get(registration_number=number)
    assert request.due_on is not None
    assert request.attachments.count() == 1
    deadline = f"{_id('Written notice due')}: {_id_date(request.due_on)}"
    expect(page.locator("main")).to_contain_text(deadline)
    screenshot(page, "receipt")

    # A fresh browser session: only the number and the e-mail (second factor) open the request.
    page.context.clear_cookies()
    response = page.goto(f"/lacak/{request.pk}/")
    assert response is not None and response.status == 404
    page.goto("/lacak/")
    page.fill("#id_number", number)
    page.fill("#id_factor", EMAIL.upper())  # the e-mail is compared without regard to case
    screenshot(page, "track-form")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"/lacak/{request.pk}/$"))
    expect(page.locator("h1")).to_have_text(_id("Request %(number)s") % {"number": number})
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text(_id(Status.REGISTERED.label))
    expect(facts).to_contain_text("KPU Kota Bandung")
    expect(page.locator("main")).to_contain_text(deadline)
    screenshot(page, "track-detail")
    html = page.content()
    for personal in (NIK, ADDRESS, NAME, EMAIL, EMAIL.upper()):
        assert personal not in html, f"the tracking page shows personal data: {personal!r}"


def test_desk_registers_a_walk_in_request_and_prints_the_receipt(
    desk_officer: User, ktp_scan: Path, page: Page, screenshot: Screenshot
) -> None:
    _log_in(page, desk_officer)
    page.goto("/staf/permohonan/baru/")
    expect(page.locator("h1")).to_have_text(_id("Register a request received at the desk"))
    # One office only: it is fixed, not a choice.
    expect(page.locator("main")).to_contain_text("KPU Kota Bandung")
    expect(page.locator("#id_received_at")).not_to_have_value("")
    screenshot(page, "intake-empty")

    page.select_option("#id_channel", Channel.WALK_IN)
    page.select_option("#id_kind", RequesterKind.INDIVIDUAL)
    page.fill("#id_name", NAME)
    page.fill("#id_nik", NIK)
    page.fill("#id_address", ADDRESS)
    page.fill("#id_email", EMAIL)
    page.fill("#id_information_requested", INFORMATION)
    page.fill("#id_purpose", PURPOSE)
    page.select_option("#id_obtain_method", ObtainMethod.HARD_COPY)
    page.select_option("#id_delivery_method", DeliveryMethod.PICK_UP)
    page.set_input_files("#id_ktp_scan", str(ktp_scan))
    screenshot(page, "intake-filled")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/staf/permohonan/\d+/$"))
    number = _first_number()
    expect(page.locator("h1")).to_have_text(_id("Request %(number)s") % {"number": number})
    expect(page.locator("main")).to_contain_text(_id(Channel.WALK_IN.label))
    expect(page.locator("main")).to_contain_text(NIK)  # own office's desk sees the requester's data
    screenshot(page, "detail")
    request = InformationRequest.objects.get(registration_number=number)
    assert request.channel == Channel.WALK_IN
    assert request.status == Status.REGISTERED

    receipt = page.locator("a[href$='/tanda-bukti.pdf']")
    expect(receipt).to_have_attribute("href", f"/staf/permohonan/{request.pk}/tanda-bukti.pdf")
    expect(receipt).to_have_text(_id("Print receipt (tanda bukti)"))
    _expect_pdf(page, f"/staf/permohonan/{request.pk}/tanda-bukti.pdf")


def test_ppid_decides_and_issues_the_written_notice(
    registered_request: InformationRequest, ppid_bandung: User, page: Page, screenshot: Screenshot
) -> None:
    _log_in(page, ppid_bandung)
    detail = f"/staf/permohonan/{registered_request.pk}/"
    page.goto(detail)
    expect(page.locator("h1")).to_have_text(
        _id("Request %(number)s") % {"number": registered_request.registration_number}
    )
    expect(page.locator("span.badge")).to_have_text(_id(Status.REGISTERED.label))
    notice_link = page.locator("a[href$='/pemberitahuan.pdf']")
    expect(notice_link).to_have_count(0)
    decide = page.locator("#aksi-decide")
    expect(decide).to_be_visible()
    screenshot(page, "detail-registered")

    decide.locator("#id_decide-outcome").select_option(Outcome.GRANTED_FULL)
    decide.locator("#id_decide-information_given").fill("Salinan DPT Kecamatan Sumur Bandung (PDF)")
    decide.locator("#id_decide-delivery_method").select_option(DeliveryMethod.EMAIL)
    decide.locator("#id_decide-delivery_format").fill("PDF")
    decide.scroll_into_view_if_needed()
    screenshot(page, "decide-filled")
    with page.expect_navigation():
        decide.locator("button[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"{re.escape(detail)}$"))
    expect(page.locator("span.badge")).to_have_text(_id(Status.DECIDED.label))
    expect(page.locator("main")).to_contain_text(_id(Outcome.GRANTED_FULL.label))
    expect(page.locator("#notice-heading")).to_have_text(_id("Written notice"))
    expect(page.locator("#aksi-decide")).to_have_count(0)
    screenshot(page, "detail-decided")
    registered_request.refresh_from_db()
    assert registered_request.status == Status.DECIDED
    assert registered_request.outcome == Outcome.GRANTED_FULL

    expect(notice_link).to_have_attribute("href", f"/staf/permohonan/{registered_request.pk}/pemberitahuan.pdf")
    _expect_pdf(page, f"/staf/permohonan/{registered_request.pk}/pemberitahuan.pdf")
