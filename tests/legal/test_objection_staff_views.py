"""Staff pages of an objection: desk intake, the objection's page and its steps, who may do what."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.notifications.models import OutboxMessage
from ppid.objections.models import Objection
from ppid.objections.services import objection_decide
from ppid.objections.workflow import Outcome, Reaction, Status
from ppid.offices.models import Office
from ppid.requests.models import Channel, InformationRequest
from ppid.requests.services import request_decide
from ppid.requests.workflow import Outcome as RequestOutcome
from ppid.requests.workflow import Status as RequestStatus
from tests.requests.conftest import PDF_BYTES, VALID_NIK, granted_in_full
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db

INTAKE_URL = "/staf/keberatan/baru/"


def detail_url(objection: Objection) -> str:
    return f"/staf/keberatan/{objection.pk}/"


def action_url(objection: Objection, name: str) -> str:
    return f"/staf/keberatan/{objection.pk}/aksi/{name}/"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"  # assertions read the English msgids
    return client


def local_now(office: Office, **delta: float) -> str:
    moment = timezone.now().astimezone(office.zoneinfo) - datetime.timedelta(**delta)
    return moment.strftime("%Y-%m-%dT%H:%M")


def intake_post(office: Office, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "grounds": ["a"],
        "reasons": "Data ini bukan informasi yang dikecualikan.",
        "proxy_name": "",
        "channel": Channel.LETTER,
        "received_at": local_now(office, minutes=5),
        "submission_key": "k" * 32,
    }
    data.update(overrides)
    return data


def forms_of(response: Any) -> dict[str, Any]:
    return {name: form for name, _title, form in response.context["forms"]}


def refuse(request: InformationRequest, ppid_officer: User) -> InformationRequest:
    data = granted_in_full(
        outcome=RequestOutcome.REFUSED, exemption_ground="h", reasoning="Data pribadi.", information_given=""
    )
    request_decide(request=request, actor=ppid_officer, data=data)
    request.refresh_from_db()
    return request


@pytest.fixture
def late_objection(
    request_in: Callable[[str], InformationRequest], ppid_officer: User, file_objection: Callable[..., Objection]
) -> Objection:
    """Ground a on a refusal notified 70 days ago: well past the 30 working days of Pasal 36 ayat (1)."""
    with frozen_now(timezone.now() - datetime.timedelta(days=70)):
        request = refuse(request_in(RequestStatus.REGISTERED), ppid_officer)
    return file_objection(request, "a")


# --- desk intake ---


def test_the_desk_registers_a_letter_and_can_print_the_receipt(desk: User, refused_request: InformationRequest) -> None:
    client = logged_in(desk)

    response = client.post(f"{INTAKE_URL}?permohonan={refused_request.pk}", intake_post(refused_request.office))

    created = Objection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(created)
    assert created.channel == Channel.LETTER
    assert created.recorded_by == desk
    assert created.grounds == "a"
    assert created.status == Status.REGISTERED
    page = client.get(detail_url(created)).content.decode()
    assert created.objection_number in page
    assert f"/staf/keberatan/{created.pk}/tanda-terima.pdf" in page
    receipt = client.get(f"/staf/keberatan/{created.pk}/tanda-terima.pdf")
    assert receipt["Content-Type"] == "application/pdf"
    assert receipt.content.startswith(b"%PDF")


def test_a_resubmitted_intake_form_files_one_objection(desk: User, refused_request: InformationRequest) -> None:
    client = logged_in(desk)
    url = f"{INTAKE_URL}?permohonan={refused_request.pk}"

    first = client.post(url, intake_post(refused_request.office))
    second = client.post(url, intake_post(refused_request.office))

    assert Objection.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_an_intake_without_grounds_keeps_what_was_typed(desk: User, refused_request: InformationRequest) -> None:
    response = logged_in(desk).post(
        f"{INTAKE_URL}?permohonan={refused_request.pk}",
        intake_post(refused_request.office, grounds=[], proxy_name="Lembaga Bantuan Hukum Bandung"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["grounds"]
    html = response.content.decode()
    assert "Data ini bukan informasi yang dikecualikan." in html
    assert 'value="Lembaga Bantuan Hukum Bandung"' in html
    assert not Objection.objects.exists()


def test_a_ground_that_does_not_apply_is_refused_with_the_reason(
    desk: User, refused_request: InformationRequest
) -> None:
    # Ground c needs a request that was not answered in time; this one was answered today.
    response = logged_in(desk).post(
        f"{INTAKE_URL}?permohonan={refused_request.pk}", intake_post(refused_request.office, grounds=["c"])
    )

    assert response.status_code == 200
    assert "Ground c" in " ".join(response.context["form"].errors["grounds"])
    assert "Data ini bukan informasi yang dikecualikan." in response.content.decode()
    assert not Objection.objects.exists()


def test_recording_an_objection_more_than_seven_days_late_is_refused(
    desk: User, refused_request: InformationRequest
) -> None:
    office = refused_request.office
    response = logged_in(desk).post(
        f"{INTAKE_URL}?permohonan={refused_request.pk}", intake_post(office, received_at=local_now(office, days=8))
    )

    assert response.context["form"].errors["received_at"]
    assert not Objection.objects.exists()


def test_the_intake_shows_which_grounds_apply_and_their_window(desk: User, refused_request: InformationRequest) -> None:
    response = logged_in(desk).get(f"{INTAKE_URL}?permohonan={refused_request.pk}")

    assert response.status_code == 200
    options = {option.letter: option for _checkbox, option in response.context["grounds"]}
    assert options["a"].applies and options["a"].window_ends is not None and not options["a"].late
    assert not options["c"].applies and "Ground c" in options["c"].reason
    assert response.context["form"]["submission_key"].value()
    assert 'type="checkbox"' in response.content.decode()


def test_the_intake_finds_the_request_by_its_registration_number(
    desk: User, atasan: User, refused_request: InformationRequest
) -> None:
    client = logged_in(desk)

    found = client.get(INTAKE_URL, {"nomor": refused_request.registration_number})
    missing = client.get(INTAKE_URL, {"nomor": "99999/X/2026"})

    assert found.status_code == 302
    assert found["Location"] == f"{INTAKE_URL}?permohonan={refused_request.pk}"
    assert missing.status_code == 200
    assert missing.context["form"].errors["nomor"]
    assert logged_in(atasan).get(INTAKE_URL).status_code == 403  # the Atasan answers; the desk registers


def test_only_the_desk_and_the_ppid_of_the_office_open_the_intake(
    refused_request: InformationRequest,
    desk: User,
    ppid_officer: User,
    atasan: User,
    liaison: User,
    staff: Callable[..., User],
    office_jateng: Office,
) -> None:
    url = f"{INTAKE_URL}?permohonan={refused_request.pk}"

    assert logged_in(desk).get(url).status_code == 200
    assert logged_in(ppid_officer).get(url).status_code == 200
    assert logged_in(atasan).get(url).status_code == 403
    assert logged_in(liaison).get(url).status_code == 403
    assert logged_in(staff(Role.DESK, office_jateng)).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page


# --- who sees what ---


def test_staff_of_another_office_get_404_everywhere(
    upheld_objection: Objection, staff: Callable[..., User], office_jateng: Office
) -> None:
    client = logged_in(staff(Role.ATASAN, office_jateng))

    assert client.get(detail_url(upheld_objection)).status_code == 404
    assert client.post(action_url(upheld_objection, "reaction"), {"reaction-reaction": "accepted"}).status_code == 404
    assert client.get(f"/staf/keberatan/{upheld_objection.pk}/tanda-terima.pdf").status_code == 404
    assert client.get(f"/staf/keberatan/{upheld_objection.pk}/jawaban.pdf").status_code == 404
    assert Objection.objects.get().reaction == ""


def test_someone_without_a_role_gets_404(upheld_objection: Objection) -> None:
    nobody = User.objects.create_user(username="bukan-pegawai", password="x-very-secret-1")

    assert logged_in(nobody).get(detail_url(upheld_objection)).status_code == 404
    assert logged_in(nobody).get("/staf/keberatan/").status_code == 403


def test_own_office_staff_see_personal_data_the_filing_window_and_the_timeline(
    file_objection: Callable[..., Objection], refused_request: InformationRequest, ppid_officer: User
) -> None:
    objection = file_objection(refused_request, "a")

    response = logged_in(ppid_officer).get(detail_url(objection))

    html = response.content.decode()
    assert VALID_NIK in html
    assert "Jl. Asia Afrika No. 1" in html
    filing = response.context["filing"]
    assert filing.filing_due_on == objection.filing_due_on
    assert filing.ground_arose_on == objection.ground_arose_on
    assert filing.basis  # from the filing event: "the date of the written notice"
    assert filing.rule_set == objection.rule_set.name
    assert "Pasal 36 ayat (1) UU 14/2008" in html  # the window's rule, with its article
    assert "Pasal 36 ayat (2) UU 14/2008" in html  # the answer deadline's explanation
    types = {event.event_type for event in response.context["events"]}
    assert {"request.submitted", "request.decided", "objection.filed"} <= types
    # The PPID neither admits nor answers; ground a cannot be settled by agreement.
    assert list(forms_of(response)) == []


def test_a_parent_office_monitors_without_personal_data_or_actions(
    file_objection: Callable[..., Objection],
    refused_request: InformationRequest,
    staff: Callable[..., User],
    office_jabar: Office,
) -> None:
    objection = file_objection(refused_request, "a")
    client = logged_in(staff(Role.ATASAN, office_jabar))

    response = client.get(detail_url(objection))

    html = response.content.decode()
    assert response.status_code == 200
    assert objection.objection_number in html
    assert VALID_NIK not in html
    assert "Jl. Asia Afrika" not in html
    assert "siti@example.org" not in html
    assert response.context["forms"] == []
    assert client.get(f"/staf/keberatan/{objection.pk}/tanda-terima.pdf").status_code == 403
    refused = client.post(action_url(objection, "decide"), {"decide-decision": "uphold", "decide-reasons": "Sah."})
    assert refused.status_code == 403
    assert Objection.objects.get().status == Status.REGISTERED


def test_an_action_the_role_does_not_hold_is_forbidden(
    file_objection: Callable[..., Objection], refused_request: InformationRequest, desk: User, ppid_officer: User
) -> None:
    objection = file_objection(refused_request, "a")
    decide = {"decide-decision": "uphold", "decide-reasons": "Pengecualian sah."}

    assert logged_in(desk).post(action_url(objection, "decide"), decide).status_code == 403
    assert logged_in(ppid_officer).post(action_url(objection, "decide"), decide).status_code == 403
    assert logged_in(desk).post(action_url(objection, "nonsense"), {}).status_code == 404
    assert Objection.objects.get().status == Status.REGISTERED


# --- the Atasan PPID: admission and the answer ---


def test_the_atasan_admits_a_late_objection_with_reasons(late_objection: Objection, atasan: User) -> None:
    client = logged_in(atasan)
    assert late_objection.is_late and late_objection.status == Status.AWAITING_ADMISSION
    page = client.get(detail_url(late_objection))
    assert list(forms_of(page)) == ["admit", "refuse-admission"]
    assert page.context["filing"].is_late

    empty = client.post(action_url(late_objection, "admit"), {"admit-reasons": "  "})
    assert empty.status_code == 200
    assert forms_of(empty)["admit"].errors["reasons"]

    done = client.post(action_url(late_objection, "admit"), {"admit-reasons": "Pemohon sakit, ada surat dokter."})
    assert done.status_code == 302
    late_objection.refresh_from_db()
    assert late_objection.status == Status.REGISTERED
    assert late_objection.admission_reasons == "Pemohon sakit, ada surat dokter."


def test_the_atasan_refuses_to_admit_a_late_objection(late_objection: Objection, atasan: User) -> None:
    response = logged_in(atasan).post(
        action_url(late_objection, "refuse-admission"), {"refuse-admission-reasons": "Terlambat tanpa alasan."}
    )

    assert response.status_code == 302
    late_objection.refresh_from_db()
    assert late_objection.status == Status.CLOSED
    assert late_objection.outcome == Outcome.NOT_ADMITTED


def test_upholding_needs_reasons_and_the_answer_goes_out_as_a_letter(
    file_objection: Callable[..., Objection],
    refused_request: InformationRequest,
    atasan: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    objection = file_objection(refused_request, "a")
    client = logged_in(atasan)

    missing = client.post(action_url(objection, "decide"), {"decide-decision": "uphold", "decide-reasons": ""})
    assert missing.status_code == 200
    assert "Pasal 36 ayat (3)" in " ".join(forms_of(missing)["decide"].errors["reasons"])
    assert Objection.objects.get().status == Status.REGISTERED

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            action_url(objection, "decide"), {"decide-decision": "uphold", "decide-reasons": "Uji konsekuensi sah."}
        )

    assert done.status_code == 302
    objection.refresh_from_db()
    assert objection.status == Status.ANSWERED and objection.outcome == Outcome.UPHELD
    assert objection.letter_pdf.name.endswith(".pdf")
    letter = client.get(f"/staf/keberatan/{objection.pk}/jawaban.pdf")
    assert letter.status_code == 200
    assert b"".join(letter.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    mail = OutboxMessage.objects.get(dedupe_key=f"objection:{objection.pk}:answered")
    assert mail.to == ["siti@example.org"]
    assert objection.objection_number in mail.subject
    assert len(mail.attachments) == 1


def test_granting_needs_the_order_keeps_the_text_then_reopens_the_request(
    file_objection: Callable[..., Objection], refused_request: InformationRequest, atasan: User
) -> None:
    objection = file_objection(refused_request, "a")
    client = logged_in(atasan)
    due = timezone.now().astimezone(objection.office.zoneinfo).date() + datetime.timedelta(days=10)

    missing = client.post(
        action_url(objection, "decide"), {"decide-decision": "grant", "decide-reasons": "Tidak termasuk Pasal 17."}
    )
    assert missing.status_code == 200
    errors = forms_of(missing)["decide"].errors
    assert errors["order_text"] and errors["order_due_on"]
    assert "Tidak termasuk Pasal 17." in missing.content.decode()

    done = client.post(
        action_url(objection, "decide"),
        {
            "decide-decision": "grant",
            "decide-reasons": "Tidak termasuk Pasal 17.",
            "decide-order_text": "Salinan DPT tanpa NIK",
            "decide-order_due_on": due.isoformat(),
        },
    )

    assert done.status_code == 302
    objection.refresh_from_db()
    assert objection.outcome == Outcome.GRANTED and objection.order_due_on == due
    request = InformationRequest.objects.get(pk=refused_request.pk)
    assert request.status == RequestStatus.REOPENED and request.ordered_due_on == due
    request_page = client.get(f"/staf/permohonan/{request.pk}/").content.decode()
    assert "Ordered by the Atasan PPID by" in request_page
    assert objection.objection_number in request_page
    types = {event.event_type for event in client.get(detail_url(objection)).context["events"]}
    assert {"objection.granted", "request.reopened"} <= types


def test_the_desk_carries_out_the_order_and_records_the_reaction(
    file_objection: Callable[..., Objection], refused_request: InformationRequest, atasan: User, desk: User
) -> None:
    objection = file_objection(refused_request, "a")
    due = timezone.localdate() + datetime.timedelta(days=10)
    objection_decide(
        objection=objection, actor=atasan, grant=True, reasons="Terbuka.", order_text="DPT", order_due_on=due
    )
    client = logged_in(desk)
    assert list(forms_of(client.get(detail_url(objection)))) == ["fulfil-order", "reaction"]
    proof = SimpleUploadedFile("tanda-terima.pdf", PDF_BYTES, content_type="application/pdf")

    fulfilled = client.post(
        action_url(objection, "fulfil-order"),
        {
            "fulfil-order-method": "email",
            "fulfil-order-delivered_at": local_now(objection.office, minutes=1),
            "fulfil-order-proof": proof,
            "fulfil-order-note": "Dikirim ke surel pemohon.",
        },
    )
    reacted = client.post(action_url(objection, "reaction"), {"reaction-reaction": "accepted", "reaction-note": ""})

    assert fulfilled.status_code == 302 and reacted.status_code == 302
    objection.refresh_from_db()
    assert objection.order_fulfilled_at is not None and objection.order_proof.name
    assert objection.reaction == Reaction.ACCEPTED
    assert InformationRequest.objects.get(pk=refused_request.pk).status == RequestStatus.DELIVERED
    assert list(forms_of(client.get(detail_url(objection)))) == ["reaction"]


def test_a_proof_that_is_not_a_document_is_refused(
    file_objection: Callable[..., Objection], refused_request: InformationRequest, atasan: User, desk: User
) -> None:
    objection = file_objection(refused_request, "a")
    due = timezone.localdate() + datetime.timedelta(days=10)
    objection_decide(
        objection=objection, actor=atasan, grant=True, reasons="Terbuka.", order_text="DPT", order_due_on=due
    )
    bad = SimpleUploadedFile("bukti.pdf", b"<html>", content_type="application/pdf")

    response = logged_in(desk).post(
        action_url(objection, "fulfil-order"),
        {"fulfil-order-method": "email", "fulfil-order-delivered_at": local_now(objection.office, minutes=1), "fulfil-order-proof": bad, "fulfil-order-note": "Catatan saya"},
    )  # fmt: skip

    assert response.status_code == 200
    assert forms_of(response)["fulfil-order"].errors["proof"]
    assert "Catatan saya" in response.content.decode()
    assert Objection.objects.get().order_fulfilled_at is None


# --- settlement by agreement (PPID) ---


def test_the_ppid_records_an_agreement_and_the_requesters_confirmation(
    unanswered_request: Callable[[], InformationRequest],
    file_objection: Callable[..., Objection],
    ppid_officer: User,
) -> None:
    objection = file_objection(unanswered_request(), "c")
    client = logged_in(ppid_officer)
    assert "settle" in forms_of(client.get(detail_url(objection)))

    proposed = client.post(action_url(objection, "settle"), {"settle-terms": "Notice dikirim dalam 3 hari kerja."})
    assert proposed.status_code == 302
    assert Objection.objects.get().status == Status.SETTLEMENT_PENDING

    empty = client.post(action_url(objection, "confirm-settlement"), {"confirm-settlement-confirmation": " "})
    assert empty.status_code == 200
    assert forms_of(empty)["confirm-settlement"].errors["confirmation"]

    confirmed = client.post(
        action_url(objection, "confirm-settlement"),
        {"confirm-settlement-confirmation": "Surat pemohon tanggal hari ini."},
    )
    assert confirmed.status_code == 302
    objection.refresh_from_db()
    assert objection.status == Status.CLOSED and objection.outcome == Outcome.SETTLED
    page = client.get(detail_url(objection)).content.decode()
    assert "Notice dikirim dalam 3 hari kerja." in page
    assert "Surat pemohon tanggal hari ini." in page


def test_the_atasan_cannot_record_an_agreement(
    unanswered_request: Callable[[], InformationRequest], file_objection: Callable[..., Objection], atasan: User
) -> None:
    objection = file_objection(unanswered_request(), "c")

    response = logged_in(atasan).post(action_url(objection, "settle"), {"settle-terms": "Sepakat."})

    assert response.status_code == 403
    assert Objection.objects.get().status == Status.REGISTERED


def test_a_step_someone_else_just_took_says_so_and_keeps_the_text(
    file_objection: Callable[..., Objection],
    refused_request: InformationRequest,
    atasan: User,
    staff: Callable[..., User],
) -> None:
    objection = file_objection(refused_request, "a")
    colleague = staff(Role.ATASAN, refused_request.office)
    client = logged_in(atasan)
    client.get(detail_url(objection))
    objection_decide(objection=objection, actor=colleague, grant=False, reasons="Sudah dijawab rekan.")

    response = client.post(
        action_url(objection, "decide"), {"decide-decision": "uphold", "decide-reasons": "Teks saya"}
    )

    assert response.status_code == 200
    assert any("Reload the page" in str(m) for m in response.context["messages"])
    assert "Teks saya" in response.content.decode()
    assert Objection.objects.get().decided_by == colleague


# --- the request's page ---


def test_the_requests_page_lists_its_objections_and_offers_the_intake_to_the_desk(
    file_objection: Callable[..., Objection], refused_request: InformationRequest, desk: User, atasan: User
) -> None:
    objection = file_objection(refused_request, "a")
    intake_link = f"{INTAKE_URL}?permohonan={refused_request.pk}"

    desk_page = logged_in(desk).get(f"/staf/permohonan/{refused_request.pk}/").content.decode()
    atasan_page = logged_in(atasan).get(f"/staf/permohonan/{refused_request.pk}/").content.decode()

    assert detail_url(objection) in desk_page and detail_url(objection) in atasan_page
    assert intake_link in desk_page
    assert intake_link not in atasan_page


# --- the worklist ---


def test_the_worklist_shows_what_waits_for_an_answer_or_an_order(
    file_objection: Callable[..., Objection],
    refused_request: InformationRequest,
    unanswered_request: Callable[[], InformationRequest],
    atasan: User,
    staff: Callable[..., User],
    office_jabar: Office,
) -> None:
    pending = file_objection(unanswered_request(), "c")
    answered = file_objection(refused_request, "a")
    objection_decide(objection=answered, actor=atasan, grant=False, reasons="Sah.")

    rows = logged_in(atasan).get("/staf/keberatan/").context["rows"]
    monitored = logged_in(staff(Role.PPID, office_jabar)).get("/staf/keberatan/").context["rows"]

    assert [row.objection_number for row in rows] == [pending.objection_number]
    assert rows[0].due == pending.answer_due_on and not rows[0].monitoring_only
    assert [row.monitoring_only for row in monitored] == [True]


def test_a_granted_order_stays_on_the_worklist_until_carried_out(
    file_objection: Callable[..., Objection], refused_request: InformationRequest, atasan: User, desk: User
) -> None:
    objection = file_objection(refused_request, "a")
    due = timezone.localdate() + datetime.timedelta(days=5)
    objection_decide(
        objection=objection, actor=atasan, grant=True, reasons="Terbuka.", order_text="DPT", order_due_on=due
    )

    rows = logged_in(desk).get("/staf/keberatan/").context["rows"]

    assert [(row.objection_number, row.due) for row in rows] == [(objection.objection_number, due)]


def _worklist_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/staf/keberatan/").status_code == 200
    return len(queries)


def test_the_worklist_needs_the_same_queries_however_many_rows(
    request_in: Callable[[str], InformationRequest],
    ppid_officer: User,
    file_objection: Callable[..., Objection],
    atasan: User,
) -> None:
    client = logged_in(atasan)
    file_objection(refuse(request_in(RequestStatus.REGISTERED), ppid_officer), "a")
    with_one = _worklist_queries(client)
    for _ in range(4):
        file_objection(refuse(request_in(RequestStatus.REGISTERED), ppid_officer), "a")

    assert len(client.get("/staf/keberatan/").context["rows"]) == 5
    assert _worklist_queries(client) == with_one


def test_the_staff_home_panel_lists_waiting_objections(
    file_objection: Callable[..., Objection], refused_request: InformationRequest, atasan: User
) -> None:
    import ppid.objections.worklist  # noqa: F401  (registers the panel, as apps.ready will)

    objection = file_objection(refused_request, "a")

    html = logged_in(atasan).get("/staf/").content.decode()

    assert detail_url(objection) in html


def test_the_answer_letter_is_rendered_when_no_copy_is_stored_and_absent_before_the_answer(
    file_objection: Callable[..., Objection],
    refused_request: InformationRequest,
    atasan: User,
    staff: Callable[..., User],
    office_jabar: Office,
) -> None:
    objection = file_objection(refused_request, "a")
    client = logged_in(staff(Role.PPID, office_jabar))  # monitoring: the letter, not the receipt
    assert client.get(f"/staf/keberatan/{objection.pk}/jawaban.pdf").status_code == 404

    objection_decide(objection=objection, actor=atasan, grant=False, reasons="Sah.")  # no commit hook ran
    letter = client.get(f"/staf/keberatan/{objection.pk}/jawaban.pdf")

    assert not Objection.objects.get().letter_pdf
    assert letter.status_code == 200
    assert letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF")
