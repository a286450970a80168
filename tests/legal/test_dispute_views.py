"""Staff pages of a dispute: recording it from an objection, its page, every step, documents and
follow-up tasks, the list, and the staff-home panel."""

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
from ppid.disputes import worklist  # noqa: F401  (registers the staff-home panel)
from ppid.disputes.models import Dispute, DisputeDocument, DisputeRuling, FollowUpTask
from ppid.disputes.selectors import next_due_expression
from ppid.disputes.services import DisputeData, dispute_record, dispute_report
from ppid.disputes.workflow import Outcome, Stage, TaskKind
from ppid.objections.models import Objection
from ppid.objections.services import objection_decide
from ppid.offices.models import Office
from ppid.requests.models import InformationRequest
from ppid.requests.services import request_decide
from ppid.requests.workflow import Outcome as RequestOutcome
from ppid.requests.workflow import Status as RequestStatus
from tests.requests.conftest import PDF_BYTES, granted_in_full
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db

NEW_URL = "/staf/sengketa/baru/"
LIST_URL = "/staf/sengketa/"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def detail_url(dispute: Dispute) -> str:
    return f"/staf/sengketa/{dispute.pk}/"


def action_url(dispute: Dispute, name: str) -> str:
    return f"/staf/sengketa/{dispute.pk}/aksi/{name}/"


def task_url(task: FollowUpTask) -> str:
    return f"/staf/sengketa/tugas/{task.pk}/selesai/"


def today() -> str:
    return timezone.localdate().isoformat()


def form_names(response: Any) -> list[str]:
    return [name for name, _action, _form in response.context["forms"]]


def action_form(response: Any, name: str) -> Any:
    return {action: form for action, _a, form in response.context["forms"]}[name]


def pdf(name: str = "jawaban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def upheld_refusal(
    request_in: Callable[[str], InformationRequest],
    ppid_officer: User,
    file_objection: Callable[..., Objection],
    atasan: User,
) -> Objection:
    """A request refused under Pasal 17, its objection on ground a upheld by the Atasan."""
    request = request_in(RequestStatus.REGISTERED)
    request_decide(
        request=request,
        actor=ppid_officer,
        data=granted_in_full(
            outcome=RequestOutcome.REFUSED, exemption_ground="h", reasoning="Data pribadi.", information_given=""
        ),
    )
    objection = file_objection(request, "a")
    return objection_decide(objection=objection, actor=atasan, grant=False, reasons="Pengecualian sah.")


def record(objection: Objection, legal_unit: User, **kwargs: Any) -> Dispute:
    data = DisputeData(commission="Komisi Informasi Provinsi Jawa Barat", filed_on=timezone.localdate(), **kwargs)
    return dispute_record(objection=objection, actor=legal_unit, data=data)


@pytest.fixture
def mediable_dispute(
    unanswered_request: Callable[[], InformationRequest],
    file_objection: Callable[..., Objection],
    atasan: User,
    legal_unit: User,
) -> Dispute:
    """Ground c (the request was never answered): mediation is possible (Pasal 35 ayat (2))."""
    objection = file_objection(unanswered_request(), "c")
    objection_decide(objection=objection, actor=atasan, grant=False, reasons="Jawaban sudah dikirim.")
    return record(objection, legal_unit, ki_case_number="007/KIP-JB/2026")


# --- recording a dispute from an objection ---


def test_the_legal_unit_records_a_dispute_with_the_commission_prefilled(
    upheld_objection: Objection, legal_unit: User
) -> None:
    client = logged_in(legal_unit)
    url = f"{NEW_URL}?keberatan={upheld_objection.pk}"

    page = client.get(url)

    assert page.status_code == 200
    assert page.context["form"]["commission"].value() == "Komisi Informasi Provinsi Jawa Barat"
    assert page.context["window"] is not None  # the filing window, counted for a filing today
    assert "Pasal 37 ayat (2)" in page.content.decode()

    response = client.post(
        url, {"commission": "Komisi Informasi Provinsi Jawa Barat", "filed_on": today(), "ki_case_number": "12/KI"}
    )

    dispute = Dispute.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(dispute)
    assert dispute.stage == Stage.REGISTERED
    assert dispute.recorded_by == legal_unit
    assert dispute.ki_case_number == "12/KI"
    assert not dispute.is_late
    assert page.context["window"].deadline == dispute.filing_due_on  # the page counted as the service does


def test_a_case_filed_after_the_window_is_recorded_and_flagged_late(
    upheld_objection: Objection, legal_unit: User
) -> None:
    with frozen_now(timezone.now() + datetime.timedelta(days=60)):
        response = logged_in(legal_unit).post(
            f"{NEW_URL}?keberatan={upheld_objection.pk}",
            {"commission": "Komisi Informasi Provinsi Jawa Barat", "filed_on": today()},
            follow=True,
        )

    dispute = Dispute.objects.get()
    assert dispute.is_late
    levels = [message.level_tag for message in response.context["messages"]]
    assert levels == ["success", "warning"]


def test_only_the_legal_unit_records_and_strangers_do_not_learn_the_objection_exists(
    upheld_objection: Objection,
    ppid_officer: User,
    atasan: User,
    requester_user: User,
    staff: Callable[..., User],
    office_jateng: Office,
) -> None:
    url = f"{NEW_URL}?keberatan={upheld_objection.pk}"
    other_legal_unit = staff(Role.LEGAL_UNIT, office_jateng)

    assert logged_in(ppid_officer).get(url).status_code == 403
    assert logged_in(atasan).post(url, {"commission": "KI", "filed_on": today()}).status_code == 403
    assert logged_in(requester_user).get(url).status_code == 404
    assert logged_in(other_legal_unit).get(url).status_code == 404
    assert logged_in(other_legal_unit).get(NEW_URL).status_code == 404
    assert logged_in(other_legal_unit).get(f"{NEW_URL}?keberatan=abc").status_code == 404
    assert not Dispute.objects.exists()


def test_a_future_filing_date_is_refused_and_what_was_typed_is_kept(
    upheld_objection: Objection, legal_unit: User
) -> None:
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    response = logged_in(legal_unit).post(
        f"{NEW_URL}?keberatan={upheld_objection.pk}", {"commission": "KI Jabar (diketik)", "filed_on": tomorrow}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["filed_on"]
    assert 'value="KI Jabar (diketik)"' in response.content.decode()
    assert not Dispute.objects.exists()


def test_an_objection_still_within_its_answer_period_cannot_go_to_the_commission_yet(
    refused_request: InformationRequest, file_objection: Callable[..., Objection], legal_unit: User
) -> None:
    objection = file_objection(refused_request, "a")
    url = f"{NEW_URL}?keberatan={objection.pk}"

    page = logged_in(legal_unit).get(url)
    response = logged_in(legal_unit).post(url, {"commission": "KI Jabar", "filed_on": today()})

    assert page.context["window"] is None
    assert objection.objection_number in page.context["window_error"]
    assert response.status_code == 200
    assert any("Atasan PPID" in e for e in response.context["form"].non_field_errors())
    assert not Dispute.objects.exists()


def test_a_second_open_dispute_on_the_same_objection_is_refused(dispute_at_ki: Dispute, legal_unit: User) -> None:
    url = f"{NEW_URL}?keberatan={dispute_at_ki.objection_id}"

    page = logged_in(legal_unit).get(url)
    response = logged_in(legal_unit).post(url, {"commission": "KI Jabar", "filed_on": today()})

    assert dispute_at_ki.dispute_number in page.content.decode()
    assert response.context["form"].non_field_errors()
    assert Dispute.objects.count() == 1


# --- who sees the dispute's page, and which steps they get ---


def test_the_legal_unit_sees_the_case_with_its_deadlines_and_the_steps_it_may_take(
    dispute_at_ki: Dispute, legal_unit: User
) -> None:
    response = logged_in(legal_unit).get(detail_url(dispute_at_ki))

    html = response.content.decode()
    assert response.status_code == 200
    assert form_names(response) == ["session", "party", "document", "close"]
    assert "001/KIP-JB/2026" in html
    assert "Komisi Informasi Provinsi Jawa Barat" in html
    assert "PPID KPU Kota Bandung" in html  # the respondent party
    rows = {row.key: row for row in response.context["deadlines"]}
    assert rows["filing"].due_on == dispute_at_ki.filing_due_on
    assert rows["ki_start"].current and rows["ki_start"].due_on == dispute_at_ki.ki_start_due_on
    assert rows["ki_settlement"].lines  # how it was counted
    assert rows["ki_settlement"].citation in html
    assert dispute_at_ki.rule_set.name in html
    # The timeline of the request, its objection and the dispute.
    types = {event.event_type for event in response.context["events"]}
    assert {"request.submitted", "objection.upheld", "dispute.recorded"} <= types


@pytest.mark.parametrize("role", [Role.PPID, Role.TIM_PENGHUBUNG])
def test_the_ppid_and_the_liaison_team_only_add_documents(
    dispute_at_ki: Dispute, staff: Callable[..., User], office: Office, role: str
) -> None:
    client = logged_in(staff(role, office))

    page = client.get(detail_url(dispute_at_ki))
    added = client.post(
        action_url(dispute_at_ki, "document"),
        {"document-kind": "evidence", "document-title": "Bukti surat", "document-file": pdf()},
    )
    ruling = client.post(
        action_url(dispute_at_ki, "ruling"),
        {"ruling-forum": "ki", "ruling-number": "1", "ruling-ruled_on": today(), "ruling-received_on": today()},
    )

    assert form_names(page) == ["document"]
    assert added.status_code == 302
    document = DisputeDocument.objects.get()
    assert document.uploaded_role == role
    assert ruling.status_code == 403
    assert logged_in(staff(role, office)).post(action_url(dispute_at_ki, "close"), {}).status_code == 403
    assert not DisputeRuling.objects.exists()


def test_the_atasan_reads_the_case_without_steps(dispute_at_ki: Dispute, atasan: User) -> None:
    response = logged_in(atasan).get(detail_url(dispute_at_ki))

    assert response.status_code == 200
    assert form_names(response) == []


def test_the_requester_and_other_offices_get_404(
    dispute_at_ki: Dispute, requester_user: User, staff: Callable[..., User], office_jateng: Office, desk: User
) -> None:
    document = _add_document(dispute_at_ki)
    for user in (requester_user, staff(Role.LEGAL_UNIT, office_jateng), desk):
        client = logged_in(user)
        assert client.get(detail_url(dispute_at_ki)).status_code == 404
        assert client.post(action_url(dispute_at_ki, "close"), {"close-outcome": "withdrawn"}).status_code == 404
        assert client.get(f"/staf/sengketa/{dispute_at_ki.pk}/dokumen/{document.pk}/").status_code == 404
    assert Dispute.objects.get().stage == Stage.REGISTERED


def test_staff_must_log_in(dispute_at_ki: Dispute) -> None:
    response = Client().get(detail_url(dispute_at_ki))

    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_a_parent_office_monitors_without_steps(
    dispute_at_ki: Dispute, staff: Callable[..., User], office_jabar: Office
) -> None:
    parent_ppid = staff(Role.PPID, office_jabar)
    client = logged_in(parent_ppid)

    page = client.get(detail_url(dispute_at_ki))
    refused = client.post(
        action_url(dispute_at_ki, "document"),
        {"document-kind": "other", "document-title": "x", "document-file": pdf()},
    )

    assert page.status_code == 200
    assert form_names(page) == []
    assert refused.status_code == 403
    assert not DisputeDocument.objects.exists()


def _add_document(dispute: Dispute) -> DisputeDocument:
    from ppid.disputes.services import dispute_add_document

    legal = User.objects.get(memberships__role=Role.LEGAL_UNIT, memberships__office=dispute.office)
    return dispute_add_document(dispute=dispute, actor=legal, kind="evidence", title="Bukti", upload=pdf())


def test_a_document_downloads_for_readers_of_the_case(dispute_at_ki: Dispute, atasan: User) -> None:
    document = _add_document(dispute_at_ki)

    response = logged_in(atasan).get(f"/staf/sengketa/{dispute_at_ki.pk}/dokumen/{document.pk}/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert "attachment" in response["Content-Disposition"]


# --- uploads ---


def test_a_file_that_is_not_pdf_or_image_is_refused_and_the_title_kept(dispute_at_ki: Dispute, liaison: User) -> None:
    fake = SimpleUploadedFile("bukti.pdf", b"MZ this is an executable", content_type="application/pdf")

    response = logged_in(liaison).post(
        action_url(dispute_at_ki, "document"),
        {"document-kind": "evidence", "document-title": "Bukti pengiriman", "document-file": fake},
    )

    assert response.status_code == 200
    form = action_form(response, "document")
    assert form.errors["file"]
    assert 'value="Bukti pengiriman"' in response.content.decode()
    assert not DisputeDocument.objects.exists()


def test_a_file_over_the_size_limit_is_refused(dispute_at_ki: Dispute, legal_unit: User, settings: Any) -> None:
    settings.MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("besar.pdf", b"%PDF-" + b"0" * (1024 * 1024), content_type="application/pdf")

    response = logged_in(legal_unit).post(
        action_url(dispute_at_ki, "document"),
        {"document-kind": "evidence", "document-title": "Berkas besar", "document-file": big},
    )

    form = action_form(response, "document")
    assert "1 MB" in " ".join(form.errors["file"])
    assert not DisputeDocument.objects.exists()


# --- the case step by step through the pages ---


def test_adjudication_ruling_follow_up_and_appeal_through_the_pages(
    dispute_at_ki: Dispute, legal_unit: User, atasan: User, ppid_officer: User
) -> None:
    client = logged_in(legal_unit)
    page = client.get(detail_url(dispute_at_ki))
    session_form = action_form(page, "session")
    # Ground a: a refusal under Pasal 17 goes straight to adjudication.
    assert [value for value, _label in session_form.fields["kind"].choices] == ["adjudication"]

    assert (
        client.post(
            action_url(dispute_at_ki, "session"),
            {"session-kind": "adjudication", "session-held_on": today(), "session-place": "Kantor KI Jabar"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            action_url(dispute_at_ki, "ruling"),
            {
                "ruling-forum": "ki",
                "ruling-number": "12/KIP-JB/2026",
                "ruling-ruled_on": today(),
                "ruling-received_on": today(),
                "ruling-orders": ["cancel_decision", "disclose_part"],
            },
        ).status_code
        == 302
    )
    dispute = Dispute.objects.get()
    assert dispute.stage == Stage.RULED and dispute.appeal_due_on is not None
    page = client.get(detail_url(dispute))
    assert "12/KIP-JB/2026" in page.content.decode()
    (ruling,) = page.context["rulings"]
    assert ruling.orders == ["cancel_decision", "disclose_part"]
    assert all(label in page.content.decode() for label in ruling.order_labels)

    follow_up = FollowUpTask.objects.get(kind=TaskKind.FOLLOW_UP)
    publish = FollowUpTask.objects.get(kind=TaskKind.PUBLISH_DIP)
    # The legal unit leads the case but the follow-up is the Atasan's (seed c.5).
    legal_tasks = dict(client.get(detail_url(dispute)).context["tasks"])
    assert legal_tasks[follow_up] is None and legal_tasks[publish] is None
    atasan_tasks = dict(logged_in(atasan).get(detail_url(dispute)).context["tasks"])
    assert atasan_tasks[follow_up] is not None and atasan_tasks[publish] is None

    assert logged_in(atasan).post(task_url(publish), {f"task-{publish.pk}-result": "x"}).status_code == 403
    assert logged_in(legal_unit).post(task_url(follow_up), {f"task-{follow_up.pk}-result": "x"}).status_code == 403
    done = logged_in(atasan).post(task_url(follow_up), {f"task-{follow_up.pk}-result": "Banding ke PTUN."})
    assert done.status_code == 302 and done["Location"].endswith("#tugas")
    assert (
        logged_in(ppid_officer).post(task_url(publish), {f"task-{publish.pk}-result": "Dimuat di DIP."}).status_code
        == 302
    )
    assert FollowUpTask.objects.filter(done_at__isnull=True).count() == 0

    appeal_page = client.get(detail_url(dispute))
    appeal_form = action_form(appeal_page, "appeal")
    assert {value for value, _label in appeal_form.fields["forum"].choices} == {"ptun", "pn"}
    appealed = client.post(
        action_url(dispute, "appeal"),
        {"appeal-forum": "ptun", "appeal-filed_on": today(), "appeal-appellant": "KPU Kota Bandung"},
    )
    assert appealed.status_code == 302
    assert Dispute.objects.get().stage == Stage.APPEAL


def test_a_task_needs_a_result_and_keeps_the_form(dispute_at_ki: Dispute, legal_unit: User, atasan: User) -> None:
    _rule(dispute_at_ki, legal_unit)
    task = FollowUpTask.objects.get(kind=TaskKind.FOLLOW_UP)

    response = logged_in(atasan).post(task_url(task), {f"task-{task.pk}-result": "  "})

    assert response.status_code == 200
    assert dict(response.context["tasks"])[task].errors["result"]
    assert FollowUpTask.objects.get(pk=task.pk).done_at is None


def _rule(dispute: Dispute, legal_unit: User) -> None:
    from ppid.disputes.services import RulingData, dispute_record_ruling, dispute_schedule_session

    dispute_schedule_session(dispute=dispute, actor=legal_unit, kind="adjudication", held_on=timezone.localdate())
    dispute_record_ruling(
        dispute=dispute,
        actor=legal_unit,
        data=RulingData(
            forum="ki",
            number="3/KIP/2026",
            ruled_on=timezone.localdate(),
            received_on=timezone.localdate(),
            orders=["uphold_decision"],
        ),
    )


def test_a_ruling_without_orders_is_refused_and_what_was_typed_is_kept(
    dispute_at_ki: Dispute, legal_unit: User
) -> None:
    client = logged_in(legal_unit)
    client.post(action_url(dispute_at_ki, "session"), {"session-kind": "adjudication", "session-held_on": today()})
    received_before_ruled = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()

    response = client.post(
        action_url(dispute_at_ki, "ruling"),
        {
            "ruling-forum": "ki",
            "ruling-number": "99/KIP-JB/2026",
            "ruling-ruled_on": today(),
            "ruling-received_on": received_before_ruled,
        },
    )

    assert response.status_code == 200
    form = action_form(response, "ruling")
    assert form.errors["orders"]
    assert 'value="99/KIP-JB/2026"' in response.content.decode()
    assert not DisputeRuling.objects.exists()


def test_the_service_rejects_a_received_date_before_the_ruling_on_the_field(
    dispute_at_ki: Dispute, legal_unit: User
) -> None:
    client = logged_in(legal_unit)
    client.post(action_url(dispute_at_ki, "session"), {"session-kind": "adjudication", "session-held_on": today()})

    response = client.post(
        action_url(dispute_at_ki, "ruling"),
        {
            "ruling-forum": "ki",
            "ruling-number": "5/KIP",
            "ruling-ruled_on": today(),
            "ruling-received_on": (timezone.localdate() - datetime.timedelta(days=3)).isoformat(),
            "ruling-orders": ["uphold_decision"],
        },
    )

    form = action_form(response, "ruling")
    assert form.errors["received_on"]
    assert not DisputeRuling.objects.exists()


def test_mediation_that_ends_in_agreement_closes_the_case_and_leaves_the_atasan_a_task(
    mediable_dispute: Dispute, legal_unit: User, atasan: User
) -> None:
    client = logged_in(legal_unit)
    session_form = action_form(client.get(detail_url(mediable_dispute)), "session")
    assert {value for value, _label in session_form.fields["kind"].choices} == {"mediation", "adjudication"}

    client.post(action_url(mediable_dispute, "session"), {"session-kind": "mediation", "session-held_on": today()})
    assert "end-mediation" in form_names(client.get(detail_url(mediable_dispute)))
    ended = client.post(
        action_url(mediable_dispute, "end-mediation"),
        {"end-mediation-result": "agreed", "end-mediation-note": "PPID menyerahkan salinan dalam 5 hari."},
    )

    dispute = Dispute.objects.get()
    assert ended.status_code == 302
    assert dispute.stage == Stage.CLOSED and dispute.outcome == Outcome.MEDIATION_AGREEMENT
    task = FollowUpTask.objects.get()
    assert dict(logged_in(atasan).get(detail_url(dispute)).context["tasks"])[task] is not None
    assert form_names(client.get(detail_url(dispute))) == ["document"]  # a closed case keeps its file


def test_a_step_the_stage_no_longer_allows_says_so_and_changes_nothing(
    dispute_at_ki: Dispute, legal_unit: User
) -> None:
    response = logged_in(legal_unit).post(
        action_url(dispute_at_ki, "end-mediation"),
        {"end-mediation-result": "agreed", "end-mediation-note": "Sepakat."},
    )

    assert response.status_code == 200
    (message,) = response.context["messages"]
    assert message.level_tag == "error" and dispute_at_ki.dispute_number in str(message)
    assert Dispute.objects.get().stage == Stage.REGISTERED


def test_an_unknown_step_is_404(dispute_at_ki: Dispute, legal_unit: User) -> None:
    assert logged_in(legal_unit).post(action_url(dispute_at_ki, "teleport"), {}).status_code == 404
    assert logged_in(legal_unit).get(action_url(dispute_at_ki, "close")).status_code == 405


def test_closing_needs_a_note(dispute_at_ki: Dispute, legal_unit: User) -> None:
    client = logged_in(legal_unit)

    refused = client.post(action_url(dispute_at_ki, "close"), {"close-outcome": "withdrawn", "close-note": ""})
    closed = client.post(
        action_url(dispute_at_ki, "close"), {"close-outcome": "withdrawn", "close-note": "Pemohon mencabut."}
    )

    assert refused.status_code == 200
    assert closed.status_code == 302
    dispute = Dispute.objects.get()
    assert dispute.stage == Stage.CLOSED and dispute.outcome == Outcome.WITHDRAWN


def test_the_legal_unit_confirms_a_dispute_the_requester_reported(
    upheld_objection: Objection, requester_user: User, legal_unit: User
) -> None:
    reported = dispute_report(
        objection=upheld_objection,
        actor=requester_user,
        data=DisputeData(commission="Komisi Informasi Provinsi Jawa Barat", filed_on=timezone.localdate()),
    )
    client = logged_in(legal_unit)
    assert form_names(client.get(detail_url(reported)))[0] == "confirm-registration"

    missing = client.post(
        action_url(reported, "confirm-registration"),
        {"confirm-registration-ki_case_number": "", "confirm-registration-registered_on": today()},
    )
    confirmed = client.post(
        action_url(reported, "confirm-registration"),
        {"confirm-registration-ki_case_number": "020/KIP-JB/2026", "confirm-registration-registered_on": today()},
    )

    assert missing.status_code == 200
    assert confirmed.status_code == 302
    dispute = Dispute.objects.get()
    assert dispute.stage == Stage.REGISTERED and dispute.ki_case_number == "020/KIP-JB/2026"
    assert dispute.ki_settlement_due_on is not None


def test_a_party_is_added(dispute_at_ki: Dispute, legal_unit: User) -> None:
    response = logged_in(legal_unit).post(
        action_url(dispute_at_ki, "party"),
        {"party-role": "related", "party-name": "Bawaslu Kota Bandung", "party-representative": ""},
    )

    assert response.status_code == 302
    assert dispute_at_ki.parties.filter(name="Bawaslu Kota Bandung").exists()


# --- the list ---


def test_the_list_shows_the_offices_disputes_in_a_constant_number_of_queries(
    dispute_at_ki: Dispute,
    legal_unit: User,
    request_in: Callable[[str], InformationRequest],
    ppid_officer: User,
    file_objection: Callable[..., Objection],
    atasan: User,
) -> None:
    client = logged_in(legal_unit)
    with CaptureQueriesContext(connection) as one:
        first = client.get(LIST_URL)
    for _ in range(3):
        record(upheld_refusal(request_in, ppid_officer, file_objection, atasan), legal_unit)
    with CaptureQueriesContext(connection) as four:
        second = client.get(LIST_URL)

    assert [row.pk for row in first.context["rows"]] == [dispute_at_ki.pk]
    assert len(second.context["rows"]) == 4
    assert len(four) == len(one)


def test_the_list_is_for_staff_who_read_disputes(
    dispute_at_ki: Dispute, desk: User, staff: Callable[..., User], office_jateng: Office, requester_user: User
) -> None:
    assert logged_in(desk).get(LIST_URL).status_code == 403
    assert logged_in(requester_user).get(LIST_URL).status_code == 403
    other = logged_in(staff(Role.LEGAL_UNIT, office_jateng)).get(LIST_URL)
    assert other.status_code == 200
    assert list(other.context["rows"]) == []


def test_the_list_filters_closed_cases(dispute_at_ki: Dispute, legal_unit: User) -> None:
    client = logged_in(legal_unit)
    client.post(action_url(dispute_at_ki, "close"), {"close-outcome": "withdrawn", "close-note": "Dicabut."})

    assert list(client.get(LIST_URL).context["rows"]) == []
    assert [r.pk for r in client.get(LIST_URL, {"stage": "closed"}).context["rows"]] == [dispute_at_ki.pk]
    assert [r.pk for r in client.get(LIST_URL, {"stage": "all"}).context["rows"]] == [dispute_at_ki.pk]


def test_the_database_deadline_is_the_models_next_deadline(dispute_at_ki: Dispute, legal_unit: User) -> None:
    _rule(dispute_at_ki, legal_unit)
    for stage in Stage:
        Dispute.objects.filter(pk=dispute_at_ki.pk).update(stage=stage)
        row = Dispute.objects.annotate(next_due=next_due_expression()).get(pk=dispute_at_ki.pk)
        assert row.next_due == row.next_due_on, stage


# --- the staff home ---


def test_the_staff_home_shows_the_atasan_their_follow_up_and_the_register(
    dispute_at_ki: Dispute, legal_unit: User, atasan: User
) -> None:
    _rule(dispute_at_ki, legal_unit)

    html = logged_in(atasan).get("/staf/").content.decode()

    assert f"/staf/sengketa/{dispute_at_ki.pk}/#tugas" in html
    assert "/staf/sengketa/perkara-hukum/" in html


def test_the_staff_home_shows_the_legal_unit_its_open_cases(dispute_at_ki: Dispute, legal_unit: User) -> None:
    html = logged_in(legal_unit).get("/staf/").content.decode()

    assert dispute_at_ki.dispute_number in html
    assert "/staf/sengketa/perkara-hukum/" not in html


def test_the_staff_home_has_no_dispute_panel_for_the_desk(desk: User) -> None:
    response = logged_in(desk).get("/staf/")

    assert all(panel.template != "disputes/_panel.html" for panel in response.context["panels"])


def test_the_objection_page_offers_the_legal_unit_to_record_a_dispute(
    client: Client, upheld_objection: Objection, legal_unit: User, ppid_officer: User
) -> None:
    link = f'href="/staf/sengketa/baru/?keberatan={upheld_objection.pk}"'
    client.force_login(legal_unit)
    assert link in client.get(f"/staf/keberatan/{upheld_objection.pk}/").content.decode()
    client.force_login(ppid_officer)
    assert link not in client.get(f"/staf/keberatan/{upheld_objection.pk}/").content.decode()
