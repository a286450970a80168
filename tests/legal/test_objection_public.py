"""The requester's side of objections and disputes, from the tracking page (/lacak/keberatan/)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.disputes.models import Dispute
from ppid.disputes.workflow import Stage
from ppid.events.models import Event
from ppid.objections.models import Objection
from ppid.objections.services import (
    objection_confirm_settlement,
    objection_decide,
    objection_propose_settlement,
)
from ppid.objections.workflow import Outcome, Reaction, Status
from ppid.offices.models import Office
from ppid.requests.models import InformationRequest
from ppid.requests.workflow import Status as RequestStatus
from tests.legal.conftest import QUIET_MONDAY
from tests.requests.conftest import VALID_NIK
from tests.workdays.conftest import frozen_now

TRACK = reverse("requests_public:track")
REASONS = "Sudah lewat sepuluh hari kerja tanpa jawaban tertulis dari PPID."


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    # A quiet Monday: the 20 days before it hold enough working days for ground c to have arisen.
    with frozen_now(QUIET_MONDAY):
        yield


@pytest.fixture(autouse=True)
def _english(client: Client) -> None:
    client.cookies["django_language"] = "en"


def track(client: Client, obj: InformationRequest, factor: str = "siti@example.org") -> None:
    """Prove the request as a visitor without an account (registration number + second factor)."""
    response = client.post(TRACK, {"number": obj.registration_number, "factor": factor})
    assert response.status_code == 302, response.content.decode()


def new_url(obj: InformationRequest) -> str:
    return reverse("objections_public:new", args=[obj.pk])


def url(name: str, objection: Objection) -> str:
    return reverse(f"objections_public:{name}", args=[objection.pk])


def file_online(client: Client, obj: InformationRequest, grounds: str = "c", key: str = "kunci-1") -> Any:
    return client.post(new_url(obj), {"grounds": list(grounds), "reasons": REASONS, "submission_key": key})


# --- filing ---------------------------------------------------------------------------------------


def test_a_visitor_without_an_account_files_on_ground_c(
    client: Client, unanswered_request: Callable[[], InformationRequest]
) -> None:
    obj = unanswered_request()
    track(client, obj)
    tracking = client.get(reverse("requests_public:track_detail", args=[obj.pk])).content.decode()
    assert new_url(obj) in tracking

    form = client.get(new_url(obj)).content.decode()
    assert "Applies to this request" in form
    assert "Ground a needs a written notice, and none was issued." in form
    assert "checked" not in form  # nothing is chosen for the requester
    response = file_online(client, obj)

    objection = Objection.objects.get(request=obj)
    assert response.status_code == 302
    assert response["Location"] == url("detail", objection)
    assert (objection.grounds, objection.channel, objection.status) == ("c", "online", Status.REGISTERED)
    assert objection.is_late is False
    assert objection.recorded_by is None
    assert Event.objects.for_object(objection).get(event_type="objection.filed").actor_role == "requester"
    detail = client.get(response["Location"]).content.decode()
    assert objection.objection_number in detail
    assert f"Your objection has been registered as number {objection.objection_number}." in detail
    assert "Filed within the period." in detail
    assert objection.filing_due_on.strftime("%Y") in detail
    tracking = client.get(reverse("requests_public:track_detail", args=[obj.pk])).content.decode()
    assert url("detail", objection) in tracking
    assert "Objection registered" in tracking  # the public timeline shows the milestone
    assert new_url(obj) not in tracking  # one objection at a time
    again = client.get(new_url(obj))
    assert again.status_code == 302
    assert again["Location"] == reverse("requests_public:track_detail", args=[obj.pk])


def test_the_same_form_sent_twice_files_once(
    client: Client, unanswered_request: Callable[[], InformationRequest]
) -> None:
    obj = unanswered_request()
    track(client, obj)

    first = file_online(client, obj, key="sama")
    second = file_online(client, obj, key="sama")

    assert Objection.objects.filter(request=obj).count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]


def test_a_late_objection_is_registered_and_flagged(
    client: Client, request_in: Callable[[str], InformationRequest]
) -> None:
    with frozen_now(QUIET_MONDAY - datetime.timedelta(days=90)):
        obj = request_in(RequestStatus.DECIDED)  # granted in full, notice issued three months ago
    track(client, obj)
    assert "That period has passed" in client.get(new_url(obj)).content.decode()

    response = file_online(client, obj, grounds="e")

    objection = Objection.objects.get(request=obj)
    assert objection.is_late is True
    assert objection.status == Status.AWAITING_ADMISSION
    detail = client.get(response["Location"]).content.decode()
    assert "Filed late: after the period to object." in detail
    assert "The Atasan PPID decides whether to admit it" in detail


def test_ground_a_on_a_request_not_refused_shows_the_reason_and_keeps_the_text(
    client: Client, request_in: Callable[[str], InformationRequest]
) -> None:
    obj = request_in(RequestStatus.DECIDED)  # granted in full
    track(client, obj)
    typed = "Saya ingin salinan lengkap, bukan ringkasan."

    response = client.post(new_url(obj), {"grounds": ["a"], "reasons": typed, "submission_key": "k"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ground a: the written notice did not refuse any information." in html
    assert typed in html
    assert 'value="a" id="id_grounds_a"' in html and "checked" in html
    assert not Objection.objects.filter(request=obj).exists()


def test_a_form_without_grounds_or_reasons_says_what_is_missing(
    client: Client, unanswered_request: Callable[[], InformationRequest]
) -> None:
    obj = unanswered_request()
    track(client, obj)

    html = client.post(new_url(obj), {"reasons": "", "submission_key": "k"}).content.decode()

    assert "Choose at least one ground." in html
    assert "Explain why you object." in html
    assert not Objection.objects.exists()


def test_staff_do_not_file_online(
    client: Client, unanswered_request: Callable[[], InformationRequest], ppid_officer: User
) -> None:
    obj = unanswered_request()
    client.force_login(ppid_officer)

    assert client.get(new_url(obj)).status_code == 403
    assert file_online(client, obj).status_code == 403
    assert not Objection.objects.exists()


# --- who sees what --------------------------------------------------------------------------------


def test_a_strangers_session_cannot_open_another_requests_objection(
    client: Client,
    refused_request: InformationRequest,
    file_objection: Callable[..., Objection],
    submit: Callable[..., InformationRequest],
    intake: Any,
) -> None:
    objection = file_objection(refused_request, "a")
    other = submit(data=intake(email="lain@example.org", phone="0899123"))
    track(client, other, "lain@example.org")

    for name in ("detail", "reaction", "dispute", "letter_pdf", "receipt_pdf"):
        assert client.get(url(name, objection)).status_code == 404, name
    assert client.post(url("settlement", objection), {"decision": "confirm"}).status_code == 404
    assert client.get(new_url(refused_request)).status_code == 404
    assert Client().get(url("detail", objection)).status_code == 404


def test_the_pages_show_no_personal_data(
    client: Client, refused_request: InformationRequest, file_objection: Callable[..., Objection]
) -> None:
    objection = file_objection(refused_request, "a")
    track(client, refused_request)

    pages = [
        client.get(url("detail", objection)).content.decode(),
        client.get(reverse("requests_public:track_detail", args=[refused_request.pk])).content.decode(),
    ]

    for html in pages:
        for secret in (VALID_NIK, "Siti", "Rahmawati", "Asia Afrika", "siti@example.org", "081234567890"):
            assert secret not in html, secret


def test_the_tracking_page_needs_the_same_queries_however_many_objections(
    client: Client, unanswered_request: Callable[[], InformationRequest], requester_user: User, ppid_officer: User
) -> None:
    obj = unanswered_request()
    track(client, obj)
    page = reverse("requests_public:track_detail", args=[obj.pk])

    def settled_objection(key: str) -> None:
        assert file_online(client, obj, key=key).status_code == 302
        objection = Objection.objects.get(submission_key=key)
        objection_propose_settlement(objection=objection, actor=ppid_officer, terms="Salinan dikirim ulang.")
        objection_confirm_settlement(objection=objection, actor=requester_user)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page).status_code == 200
        return len(queries)

    settled_objection("satu")
    one = count()
    settled_objection("dua")
    settled_objection("tiga")

    assert count() == one
    assert Objection.objects.filter(request=obj).count() == 3


# --- settlement, reaction, dispute, letter --------------------------------------------------------


def test_the_visitor_confirms_the_settlement_the_ppid_recorded(
    client: Client, unanswered_request: Callable[[], InformationRequest], ppid_officer: User
) -> None:
    obj = unanswered_request()
    track(client, obj)
    file_online(client, obj)
    objection = Objection.objects.get(request=obj)
    objection_propose_settlement(objection=objection, actor=ppid_officer, terms="Jawaban tertulis dikirim besok.")
    page = client.get(url("detail", objection)).content.decode()
    assert "Jawaban tertulis dikirim besok." in page
    assert url("settlement", objection) in page

    response = client.post(url("settlement", objection), {"decision": "confirm", "note": "Setuju."})

    assert response.status_code == 302
    objection.refresh_from_db()
    assert (objection.status, objection.outcome) == (Status.CLOSED, Outcome.SETTLED)
    assert objection.settlement_confirmation == "Setuju."
    event = Event.objects.for_object(objection).get(event_type="objection.settled")
    assert event.actor_role == "requester"
    assert "Your objection is settled by agreement." in client.get(response["Location"]).content.decode()


def test_the_visitor_may_reject_the_settlement_and_must_choose(
    client: Client, unanswered_request: Callable[[], InformationRequest], ppid_officer: User
) -> None:
    obj = unanswered_request()
    track(client, obj)
    file_online(client, obj)
    objection = Objection.objects.get(request=obj)
    objection_propose_settlement(objection=objection, actor=ppid_officer, terms="Jawaban tertulis dikirim besok.")

    unchosen = client.post(url("settlement", objection), {"note": "Belum yakin"})
    assert unchosen.status_code == 200
    assert "Choose whether you agree." in unchosen.content.decode()
    assert "Belum yakin" in unchosen.content.decode()
    client.post(url("settlement", objection), {"decision": "reject"})

    objection.refresh_from_db()
    assert objection.status == Status.REGISTERED
    stale = client.post(url("settlement", objection), {"decision": "confirm"}, follow=True)
    assert "this step is not possible any more" in stale.content.decode()


def test_the_owner_records_a_reaction_to_the_answer(
    client: Client, upheld_objection: Objection, requester_user: User
) -> None:
    client.force_login(requester_user)
    assert url("reaction", upheld_objection) in client.get(url("detail", upheld_objection)).content.decode()

    response = client.post(url("reaction", upheld_objection), {"reaction": Reaction.ACCEPTED, "note": "Terima kasih"})

    assert response.status_code == 302
    assert response["Location"] == url("detail", upheld_objection)
    upheld_objection.refresh_from_db()
    assert upheld_objection.reaction == Reaction.ACCEPTED
    assert upheld_objection.reaction_note == "Terima kasih"
    assert Event.objects.for_object(upheld_objection).get(event_type="objection.reaction_recorded").actor_role == (
        "requester"
    )


def test_no_reaction_before_the_answer(
    client: Client, refused_request: InformationRequest, file_objection: Callable[..., Objection]
) -> None:
    objection = file_objection(refused_request, "a")
    track(client, refused_request)

    response = client.post(url("reaction", objection), {"reaction": Reaction.ACCEPTED}, follow=True)

    assert "You can react once the Atasan PPID has answered your objection." in response.content.decode()
    objection.refresh_from_db()
    assert objection.reaction == ""


def test_going_to_the_commission_leads_to_the_dispute_report(
    client: Client, upheld_objection: Objection, office: Office
) -> None:
    track(client, upheld_objection.request)
    response = client.post(url("reaction", upheld_objection), {"reaction": Reaction.DISPUTE})
    assert response["Location"] == url("dispute", upheld_objection)
    form = client.get(response["Location"]).content.decode()
    assert "Komisi Informasi Provinsi Jawa Barat" in form  # the Commission of the office's province
    assert "The period to go to the Komisi Informasi started on" in form

    today = QUIET_MONDAY.date()
    reported = client.post(
        response["Location"],
        {"commission": "Komisi Informasi Provinsi Jawa Barat", "filed_on": today.isoformat(), "summary": "Minta DPT"},
    )

    dispute = Dispute.objects.get(objection=upheld_objection)
    assert reported.status_code == 302
    assert (dispute.stage, dispute.reported_by_requester, dispute.filed_on) == (Stage.REPORTED, True, today)
    assert dispute.is_late is False
    detail = client.get(url("detail", upheld_objection)).content.decode()
    assert dispute.dispute_number in detail
    assert "Requester reported a dispute" in detail
    assert client.get(url("dispute", upheld_objection)).status_code == 302  # one open dispute at a time


def test_a_dispute_report_with_a_future_date_is_refused_and_keeps_the_values(
    client: Client, upheld_objection: Objection
) -> None:
    track(client, upheld_objection.request)
    tomorrow = QUIET_MONDAY.date() + datetime.timedelta(days=1)

    response = client.post(
        url("dispute", upheld_objection),
        {"commission": "KI Jabar", "filed_on": tomorrow.isoformat(), "ki_case_number": "77/KIP/2026"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "The filing date cannot be in the future." in html
    assert "77/KIP/2026" in html and "KI Jabar" in html
    assert not Dispute.objects.exists()


def test_the_requester_downloads_the_answer_letter_and_the_receipt(
    client: Client,
    refused_request: InformationRequest,
    file_objection: Callable[..., Objection],
    atasan: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    objection = file_objection(refused_request, "a")
    track(client, refused_request)
    assert client.get(url("letter_pdf", objection)).status_code == 404  # not answered yet

    with django_capture_on_commit_callbacks(execute=True):
        objection_decide(objection=objection, actor=atasan, grant=False, reasons="Data pribadi pemilih (Pasal 17 h).")

    objection.refresh_from_db()
    assert objection.letter_pdf
    detail = client.get(url("detail", objection)).content.decode()
    assert url("letter_pdf", objection) in detail
    letter = client.get(url("letter_pdf", objection))
    assert letter.status_code == 200
    assert letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF")
    with objection.letter_pdf.open("rb") as stored:
        assert letter.content == stored.read()
    receipt = client.get(url("receipt_pdf", objection))
    assert receipt.status_code == 200
    assert receipt.content.startswith(b"%PDF")
    assert "tanda-terima-keberatan-" in receipt["Content-Disposition"]


def test_staff_without_personal_data_rights_read_the_page_but_not_the_letters(
    client: Client,
    upheld_objection: Objection,
    staff: Callable[..., User],
    office: Office,
) -> None:
    pembina = staff(Role.PEMBINA, office)
    client.force_login(pembina)

    assert client.get(url("detail", upheld_objection)).status_code == 200
    assert client.get(url("letter_pdf", upheld_objection)).status_code == 403
    assert client.get(url("receipt_pdf", upheld_objection)).status_code == 403
    assert client.post(url("reaction", upheld_objection), {"reaction": Reaction.ACCEPTED}).status_code == 403
