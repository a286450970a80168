"""An objection end to end in a real browser (issue "4 of 6"): a requester whose request went
unanswered files an objection on ground c from the tracking page; the Atasan PPID upholds the
PPID with reasons; the answer letter exists as a PDF on the office letterhead.

Expected texts are looked up in the Indonesian catalogue at run time (`_id`), as in
test_request_journeys.py.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from ppid.accounts.models import AccountKind, User
from ppid.accounts.roles import Role
from ppid.accounts.services import membership_grant
from ppid.events.models import Event
from ppid.objections.models import Objection
from ppid.objections.workflow import Outcome, Status
from ppid.offices.models import Office
from ppid.requests.models import Channel, DeliveryMethod, InformationRequest, ObtainMethod, RequesterKind
from ppid.requests.services import IntakeData, request_submit
from tests.browser.conftest import Screenshot
from tests.workdays.conftest import frozen_now

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Kata-Sandi-Peramban-2026"
EMAIL = "wulan.keberatan@example.org"
NAME = "Wulan Keberatan"
REASONS = "Permohonan saya tidak dijawab sampai batas waktu berakhir."
UPHOLD_REASONS = "Informasi sedang disusun; PPID telah menjelaskan keterlambatannya."


def _id(text: str) -> str:
    with translation.override("id"):
        return str(translation.gettext(text))


@pytest.fixture
def unanswered() -> InformationRequest:
    """A request registered online 20 days ago: its notice deadline has passed unanswered."""
    data = IntakeData(
        kind=RequesterKind.INDIVIDUAL,
        name=NAME,
        address="Jl. Braga No. 5, Bandung",
        information_requested="Rekapitulasi hasil penghitungan suara Kecamatan Coblong, Pemilu 2024",
        purpose="Liputan jurnalistik",
        obtain_method=ObtainMethod.SOFT_COPY,
        delivery_method=DeliveryMethod.EMAIL,
        email=EMAIL,
        nik="3273010101900001",
    )
    with frozen_now(timezone.now() - datetime.timedelta(days=20)):
        return request_submit(office=Office.objects.get(code="32.73"), data=data, channel=Channel.ONLINE)


@pytest.fixture
def atasan_bandung() -> User:
    user = User.objects.create_user(
        username="atasan.peramban", password=PASSWORD, full_name="Hendra Atasan", kind=AccountKind.STAFF
    )
    membership_grant(actor=None, user=user, office=Office.objects.get(code="32.73"), role=Role.ATASAN)
    return user


def test_unanswered_request_objection_on_ground_c_upheld_with_a_letter(
    unanswered: InformationRequest, atasan_bandung: User, page: Page, screenshot: Screenshot
) -> None:
    # The requester tracks the request with its number and e-mail, and objects.
    page.goto("/lacak/")
    page.fill("#id_number", unanswered.registration_number)
    page.fill("#id_factor", EMAIL)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/lacak/{unanswered.pk}/$"))
    with page.expect_navigation():
        page.get_by_role("link", name=_id("File an objection")).click()
    expect(page.locator("h1")).to_have_text(_id("File an objection (keberatan)"))
    screenshot(page, "objection-form")
    # Ground c applies (the deadline passed); ground a does not (nothing was refused).
    expect(page.locator("#ground-c-status")).not_to_contain_text(_id("Does not apply to this request now:"))
    expect(page.locator("#ground-a-status")).to_contain_text(_id("Does not apply to this request now:"))
    page.check("#id_grounds_c")
    page.fill("#id_reasons", REASONS)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    objection = Objection.objects.get(request=unanswered)
    assert (objection.grounds, objection.status, objection.is_late) == ("c", Status.REGISTERED, False)
    expect(page.locator("h1")).to_have_text(_id("Objection %(number)s") % {"number": objection.objection_number})
    screenshot(page, "objection-filed")
    for personal in (NAME, EMAIL, "3273010101900001"):
        assert personal not in page.content()

    # The Atasan PPID logs in and upholds the PPID, first forgetting the reasons (Pasal 36(3)).
    page.context.clear_cookies()
    page.goto("/masuk/")
    page.fill("input[name=username]", atasan_bandung.username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    page.goto(f"/staf/keberatan/{objection.pk}/")
    expect(page.locator("main")).to_contain_text(objection.objection_number)
    decide = page.locator("#aksi-decide form")
    decide.locator("input[name='decide-decision'][value=uphold]").check()
    with page.expect_navigation():
        decide.locator("button[type=submit]").click()
    expect(page.locator("#aksi-decide")).to_contain_text("Pasal 36 ayat (3)")
    objection.refresh_from_db()
    assert objection.status == Status.REGISTERED  # nothing was decided without reasons

    decide = page.locator("#aksi-decide form")
    expect(decide.locator("input[name='decide-decision'][value=uphold]")).to_be_checked()  # kept
    decide.locator("textarea[name='decide-reasons']").fill(UPHOLD_REASONS)
    screenshot(page, "atasan-decides")
    with page.expect_navigation():
        decide.locator("button[type=submit]").click()

    objection.refresh_from_db()
    assert (objection.status, objection.outcome) == (Status.ANSWERED, Outcome.UPHELD)
    assert objection.decision_reasons == UPHOLD_REASONS
    assert objection.letter_pdf, "the answer letter is stored once the decision commits"
    with objection.letter_pdf.open("rb") as letter:
        assert letter.read(5) == b"%PDF-"
    expect(page.locator("main")).to_contain_text(_id(Outcome.UPHELD.label))
    response = page.request.get(f"/staf/keberatan/{objection.pk}/jawaban.pdf")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    screenshot(page, "objection-answered")
    # Both timelines tell the story: the objection's events hang off the request too.
    assert Event.objects.filter(event_type="objection.upheld", object_id=str(objection.pk)).exists()
