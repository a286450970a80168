"""/api/v1/disputes/…, /api/v1/objections/<id>/disputes/, /api/v1/dispute-tasks/… and
/api/v1/legal-matters/: recording and reporting, the case step by step, personal data, the register."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.disputes.models import Dispute, FollowUpTask
from ppid.disputes.services import DisputeData, dispute_record
from ppid.disputes.workflow import Outcome, Stage, TaskKind
from ppid.objections.models import Objection
from ppid.objections.services import objection_decide
from ppid.offices.models import Office
from ppid.requests.models import InformationRequest
from ppid.requests.services import request_decide
from ppid.requests.workflow import Outcome as RequestOutcome
from ppid.requests.workflow import Status as RequestStatus
from tests.factories import RequesterFactory
from tests.requests.conftest import PDF_BYTES, granted_in_full

pytestmark = pytest.mark.django_db

APPLICANT = "Siti Rahmawati"


def as_user(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def with_token(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def url(dispute: Dispute | int, action: str = "") -> str:
    pk = dispute if isinstance(dispute, int) else dispute.pk
    return f"/api/v1/disputes/{pk}/" + (f"{action}/" if action else "")


def today() -> str:
    return timezone.localdate().isoformat()


def filing(objection: Objection) -> str:
    return f"/api/v1/objections/{objection.pk}/disputes/"


@pytest.fixture
def upheld_c(
    unanswered_request: Callable[[], InformationRequest], file_objection: Callable[..., Objection], atasan: User
) -> Objection:
    """Ground c (not answered), upheld: mediation is possible at the Commission (Pasal 40)."""
    objection = file_objection(unanswered_request(), "c")
    return objection_decide(objection=objection, actor=atasan, grant=False, reasons="Sudah dijawab kemudian.")


def upheld_on_new_request(
    request_in: Callable[[str], InformationRequest],
    ppid_officer: User,
    atasan: User,
    file_objection: Callable[..., Objection],
) -> Objection:
    request = request_in(RequestStatus.REGISTERED)
    request_decide(
        request=request,
        actor=ppid_officer,
        data=granted_in_full(
            outcome=RequestOutcome.REFUSED, exemption_ground="h", reasoning="Data pribadi.", information_given=""
        ),
    )
    objection = file_objection(request, "a")
    return objection_decide(objection=objection, actor=atasan, grant=False, reasons="Sah.")


# --- recording and reporting ----------------------------------------------------------------


def test_the_legal_unit_records_a_dispute_registered_at_once(upheld_objection: Objection, legal_unit: User) -> None:
    body = {"filed_on": today(), "ki_case_number": "001/KIP-JB/2026", "summary": "Sengketa DPT"}
    response = as_user(legal_unit).post(filing(upheld_objection), body, format="json")

    assert response.status_code == 201, response.content
    data = response.json()
    dispute = Dispute.objects.get()
    assert data["dispute_number"] == dispute.dispute_number and data["stage"] == Stage.REGISTERED
    assert data["commission"] == "Komisi Informasi Provinsi Jawa Barat"  # the default for KPU Kota Bandung
    assert data["ki_start_due_on"] and data["ki_settlement_due_on"] and data["next_due_on"] == data["ki_start_due_on"]
    assert {(p["role"], p["name"]) for p in data["parties"]} == {
        ("applicant", APPLICANT),
        ("respondent", "PPID KPU Kota Bandung"),
    }
    current = [row for row in data["deadlines"] if row["current"]]
    assert [row["key"] for row in current] == ["ki_start"] and current[0]["lines"]
    assert data["timeline"][-1]["event_type"] == "dispute.recorded"


def test_the_requester_reports_and_the_legal_unit_confirms(
    upheld_objection: Objection, requester_user: User, legal_unit: User
) -> None:
    reported = with_token(requester_user).post(filing(upheld_objection), {"filed_on": today()}, format="json")
    assert reported.status_code == 201, reported.content
    assert (reported.json()["stage"], reported.json()["reported_by_requester"]) == (Stage.REPORTED, True)
    dispute = Dispute.objects.get()

    client = as_user(legal_unit)
    assert (
        "ki_case_number"
        in client.post(
            url(dispute, "confirm-registration"), {"ki_case_number": "", "registered_on": today()}, format="json"
        ).json()
    )
    body = {"ki_case_number": "007/KIP-JB/2026", "registered_on": today()}
    confirmed = client.post(url(dispute, "confirm-registration"), body, format="json")
    assert confirmed.status_code == 200
    assert (confirmed.json()["stage"], confirmed.json()["ki_case_number"]) == (Stage.REGISTERED, "007/KIP-JB/2026")
    assert client.post(url(dispute, "confirm-registration"), body, format="json").status_code == 409


def test_a_dispute_before_the_answer_period_ends_is_a_field_error(
    refused_request: InformationRequest, file_objection: Callable[..., Objection], legal_unit: User
) -> None:
    objection = file_objection(refused_request, "a")
    response = as_user(legal_unit).post(filing(objection), {"filed_on": today()}, format="json")

    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert not Dispute.objects.exists()


def test_a_filing_date_in_the_future_is_a_field_error(upheld_objection: Objection, legal_unit: User) -> None:
    response = as_user(legal_unit).post(filing(upheld_objection), {"filed_on": "2999-01-01"}, format="json")

    assert response.status_code == 400 and "filed_on" in response.json()


def test_the_desk_sees_the_objection_but_may_not_bring_a_dispute(upheld_objection: Objection, desk: User) -> None:
    assert as_user(desk).post(filing(upheld_objection), {"filed_on": today()}, format="json").status_code == 403


def test_another_requester_cannot_report_on_an_objection_not_theirs(upheld_objection: Objection) -> None:
    client = with_token(RequesterFactory())

    assert client.post(filing(upheld_objection), {"filed_on": today()}, format="json").status_code == 404


# --- the case, step by step -----------------------------------------------------------------


def test_adjudication_ruling_follow_up_and_appeals_to_the_mahkamah_agung(
    dispute_at_ki: Dispute, legal_unit: User, atasan: User, ppid_officer: User
) -> None:
    client = as_user(legal_unit)
    mediation = client.post(url(dispute_at_ki, "sessions"), {"kind": "mediation", "held_on": today()}, format="json")
    assert mediation.status_code == 400 and "kind" in mediation.json()  # ground a: no mediation (Pasal 40)

    hearing = client.post(
        url(dispute_at_ki, "sessions"), {"kind": "adjudication", "held_on": today(), "place": "KI Jabar"}, format="json"
    )
    assert hearing.status_code == 201, hearing.content
    assert hearing.json()["stage"] == Stage.ADJUDICATION and hearing.json()["sessions"][0]["place"] == "KI Jabar"

    ruling = {
        "forum": "ki",
        "number": "12/KIP-JB/2026",
        "ruled_on": today(),
        "received_on": today(),
        "orders": ["cancel_decision", "disclose_part"],
    }
    ruled = client.post(url(dispute_at_ki, "rulings"), ruling, format="json")
    assert ruled.status_code == 201, ruled.content
    data = ruled.json()
    assert data["stage"] == Stage.RULED and data["appeal_due_on"] == data["next_due_on"]
    assert sorted(task["kind"] for task in data["tasks"]) == [TaskKind.FOLLOW_UP, TaskKind.PUBLISH_DIP]
    assert data["rulings"][0]["order_labels"]

    follow_up = FollowUpTask.objects.get(kind=TaskKind.FOLLOW_UP)
    publish = FollowUpTask.objects.get(kind=TaskKind.PUBLISH_DIP)
    task_url = f"/api/v1/dispute-tasks/{follow_up.pk}/complete/"
    assert as_user(ppid_officer).post(task_url, {"result": "X"}, format="json").status_code == 403
    assert "result" in as_user(atasan).post(task_url, {"result": " "}, format="json").json()
    done = as_user(atasan).post(task_url, {"result": "Banding ke PTUN diputuskan."}, format="json")
    assert done.status_code == 200
    assert as_user(atasan).post(task_url, {"result": "Lagi"}, format="json").status_code == 409
    published = as_user(ppid_officer).post(
        f"/api/v1/dispute-tasks/{publish.pk}/complete/", {"result": "Dimuat di DIP."}, format="json"
    )
    assert all(task["done_at"] for task in published.json()["tasks"])

    wrong_court = client.post(
        url(dispute_at_ki, "appeal"), {"forum": "ma", "filed_on": today(), "appellant": "KPU"}, format="json"
    )
    assert wrong_court.status_code == 400 and "forum" in wrong_court.json()
    appealed = client.post(
        url(dispute_at_ki, "appeal"),
        {"forum": "ptun", "filed_on": today(), "appellant": "KPU Kota Bandung"},
        format="json",
    )
    assert appealed.json()["stage"] == Stage.APPEAL
    court = {**ruling, "forum": "ptun", "number": "5/G/KI/2026/PTUN.BDG", "orders": ["uphold_decision"]}
    assert client.post(url(dispute_at_ki, "rulings"), court, format="json").json()["stage"] == Stage.RULED
    client.post(url(dispute_at_ki, "appeal"), {"forum": "ma", "filed_on": today(), "appellant": "Pemohon"})
    final = client.post(
        url(dispute_at_ki, "rulings"), {**court, "forum": "ma", "number": "99 K/TUN/2026"}, format="json"
    )

    assert (final.json()["stage"], final.json()["outcome"]) == (Stage.CLOSED, Outcome.RULING_FINAL)
    types = [event["event_type"] for event in final.json()["timeline"]]
    assert types[0] == "request.submitted" and "objection.upheld" in types and types[-1] == "dispute.task_created"
    closing = {"outcome": "withdrawn", "note": "Dicabut"}
    assert client.post(url(dispute_at_ki, "close"), closing, format="json").status_code == 409


def test_a_failed_mediation_goes_to_adjudication_and_an_agreement_closes_the_case(
    upheld_c: Objection, legal_unit: User
) -> None:
    client = as_user(legal_unit)
    created = client.post(filing(upheld_c), {"filed_on": today()}, format="json").json()
    dispute = created["id"]
    assert created["mediation_allowed"] is True

    client.post(url(dispute, "sessions"), {"kind": "mediation", "held_on": today()}, format="json")
    assert "note" in client.post(url(dispute, "end-mediation"), {"agreed": False, "note": ""}, format="json").json()
    failed = client.post(url(dispute, "end-mediation"), {"agreed": False, "note": "Tidak sepakat."}, format="json")
    assert failed.json()["stage"] == Stage.ADJUDICATION
    assert client.post(url(dispute, "end-mediation"), {"agreed": True, "note": "X"}, format="json").status_code == 409


def test_a_mediation_agreement_closes_the_case_with_a_follow_up_task(upheld_c: Objection, legal_unit: User) -> None:
    client = as_user(legal_unit)
    dispute = client.post(filing(upheld_c), {"filed_on": today()}, format="json").json()["id"]
    client.post(url(dispute, "sessions"), {"kind": "mediation", "held_on": today()}, format="json")
    agreed = client.post(url(dispute, "end-mediation"), {"agreed": True, "note": "Salinan diberikan."}, format="json")

    assert (agreed.json()["stage"], agreed.json()["outcome"]) == (Stage.CLOSED, Outcome.MEDIATION_AGREEMENT)
    assert [task["kind"] for task in agreed.json()["tasks"]] == [TaskKind.FOLLOW_UP]


def test_the_legal_unit_closes_a_withdrawn_case_and_adds_a_party(dispute_at_ki: Dispute, legal_unit: User) -> None:
    client = as_user(legal_unit)
    party = {"role": "related", "name": "Bawaslu Kota Bandung", "representative": "Ketua"}
    added = client.post(url(dispute_at_ki, "parties"), party, format="json")
    assert added.status_code == 201 and len(added.json()["parties"]) == 3
    assert client.post(url(dispute_at_ki, "parties"), {**party, "role": "judge"}, format="json").status_code == 400
    assert "outcome" in client.post(url(dispute_at_ki, "close"), {"outcome": "ruling_final", "note": "X"}).json()

    closed = client.post(url(dispute_at_ki, "close"), {"outcome": "withdrawn", "note": "Dicabut pemohon."})
    assert (closed.json()["stage"], closed.json()["outcome"]) == (Stage.CLOSED, Outcome.WITHDRAWN)


def test_the_liaison_team_and_the_ppid_add_documents_the_desk_cannot(
    dispute_at_ki: Dispute, liaison: User, ppid_officer: User, desk: User
) -> None:
    def upload(name: str = "bukti.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, content, content_type="application/pdf")

    body = {"kind": "evidence", "title": "Surat keputusan"}
    added = as_user(liaison).post(url(dispute_at_ki, "documents"), {**body, "file": upload()})
    assert added.status_code == 201, added.content
    [document] = added.json()["documents"]
    assert (document["uploaded_role"], document["content_type"], len(document["sha256"])) == (
        Role.TIM_PENGHUBUNG,
        "application/pdf",
        64,
    )
    assert "file" not in document and "url" not in document

    bad = as_user(ppid_officer).post(url(dispute_at_ki, "documents"), {**body, "file": upload("x.pdf", b"MZ exe")})
    assert bad.status_code == 400 and "file" in bad.json()
    assert as_user(ppid_officer).post(url(dispute_at_ki, "documents"), {**body, "file": upload()}).status_code == 201
    assert as_user(desk).post(url(dispute_at_ki, "documents"), {**body, "file": upload()}).status_code == 404


def test_only_the_legal_unit_runs_the_case(dispute_at_ki: Dispute, ppid_officer: User, requester_user: User) -> None:
    body = {"kind": "adjudication", "held_on": today()}

    assert as_user(ppid_officer).post(url(dispute_at_ki, "sessions"), body, format="json").status_code == 403
    assert with_token(requester_user).post(url(dispute_at_ki, "sessions"), body, format="json").status_code == 403


# --- lists, detail and personal data --------------------------------------------------------


def test_the_monitoring_office_sees_the_case_without_the_applicants_name(
    dispute_at_ki: Dispute, legal_unit: User, staff: Callable[..., User], office_jabar: Office
) -> None:
    own = as_user(legal_unit).get(url(dispute_at_ki)).json()
    parent = as_user(staff(Role.ATASAN, office_jabar)).get(url(dispute_at_ki)).json()

    applicant = next(p for p in own["parties"] if p["role"] == "applicant")
    assert applicant["name"] == APPLICANT
    assert [p["name"] for p in parent["parties"] if p["role"] == "applicant"] == [None]
    assert all(event["note"] is None for event in parent["timeline"])
    assert APPLICANT not in json.dumps(parent)


def test_the_requester_reads_their_dispute_and_a_stranger_gets_404(
    dispute_at_ki: Dispute, requester_user: User, staff: Callable[..., User], office_jateng: Office
) -> None:
    mine = with_token(requester_user)
    assert mine.get(url(dispute_at_ki)).json()["dispute_number"] == dispute_at_ki.dispute_number
    assert [row["id"] for row in mine.get("/api/v1/disputes/").json()["results"]] == [dispute_at_ki.pk]

    assert with_token(RequesterFactory()).get(url(dispute_at_ki)).status_code == 404
    assert with_token(RequesterFactory()).get("/api/v1/disputes/").json()["count"] == 0
    assert as_user(staff(Role.LEGAL_UNIT, office_jateng)).get(url(dispute_at_ki)).status_code == 404


def test_the_list_filters_by_stage_and_office(dispute_at_ki: Dispute, legal_unit: User) -> None:
    client = as_user(legal_unit)

    assert client.get("/api/v1/disputes/", {"stage": "registered", "office": "32.73"}).json()["count"] == 1
    assert client.get("/api/v1/disputes/", {"stage": "closed"}).json()["count"] == 0
    assert client.get("/api/v1/disputes/", {"stage": "bogus"}).status_code == 400


def test_the_list_takes_the_same_number_of_queries_for_more_rows(
    request_in: Callable[[str], InformationRequest],
    ppid_officer: User,
    atasan: User,
    legal_unit: User,
    file_objection: Callable[..., Objection],
) -> None:
    def record() -> None:
        objection = upheld_on_new_request(request_in, ppid_officer, atasan, file_objection)
        data = DisputeData(commission="KI Jabar", filed_on=timezone.localdate())
        dispute_record(objection=objection, actor=legal_unit, data=data)

    record()
    with CaptureQueriesContext(connection) as few:
        assert as_user(User.objects.get(pk=legal_unit.pk)).get("/api/v1/disputes/").json()["count"] == 1
    for _ in range(3):
        record()
    with CaptureQueriesContext(connection) as many:
        assert as_user(User.objects.get(pk=legal_unit.pk)).get("/api/v1/disputes/").json()["count"] == 4

    assert len(few) == len(many)


# --- the legal-matters register (seed c.4) ----------------------------------------------------


def test_the_atasan_sees_open_objections_and_disputes_in_deadline_order(
    dispute_at_ki: Dispute,
    refused_request: InformationRequest,
    file_objection: Callable[..., Objection],
    atasan: User,
    staff: Callable[..., User],
    office_jabar: Office,
) -> None:
    # The upheld objection behind the dispute has nothing left to do; a new one on the same request waits.
    pending = file_objection(refused_request, "a")
    rows = as_user(atasan).get("/api/v1/legal-matters/").json()

    kinds = {(row["kind"], row["number"]) for row in rows["results"]}
    assert kinds == {("dispute", dispute_at_ki.dispute_number), ("objection", pending.objection_number)}
    dues = [row["next_due_on"] for row in rows["results"]]
    assert dues == sorted(dues)
    assert all(row["monitoring_only"] is False and row["office"] == "32.73" for row in rows["results"])

    province = as_user(staff(Role.ATASAN, office_jabar)).get("/api/v1/legal-matters/", {"kind": "dispute"}).json()
    assert [(row["id"], row["monitoring_only"]) for row in province["results"]] == [(dispute_at_ki.pk, True)]
    assert APPLICANT not in json.dumps(rows)


def test_the_register_filters_by_state_kind_and_office(dispute_at_ki: Dispute, atasan: User, legal_unit: User) -> None:
    client = as_user(atasan)

    def numbers(**params: Any) -> list[str]:
        response = client.get("/api/v1/legal-matters/", params)
        assert response.status_code == 200, response.content
        return [row["number"] for row in response.json()["results"]]

    assert numbers(kind="objection") == []  # upheld: nothing left to do on it
    assert numbers(kind="objection", state="closed") == [dispute_at_ki.objection.objection_number]
    assert numbers(office="32.73", kind="dispute") == [dispute_at_ki.dispute_number]
    assert numbers(overdue="true") == []
    as_user(legal_unit).post(url(dispute_at_ki, "close"), {"outcome": "withdrawn", "note": "Dicabut."})
    assert numbers() == []
    assert sorted(numbers(state="all")) == sorted(
        [dispute_at_ki.dispute_number, dispute_at_ki.objection.objection_number]
    )
    assert "office" in client.get("/api/v1/legal-matters/", {"office": "99.99"}).json()


def test_the_register_is_only_for_the_atasan(legal_unit: User, dispute_at_ki: Dispute) -> None:
    assert as_user(legal_unit).get("/api/v1/legal-matters/").status_code == 403


def test_the_register_takes_the_same_number_of_queries_for_more_rows(
    request_in: Callable[[str], InformationRequest],
    ppid_officer: User,
    atasan: User,
    legal_unit: User,
    file_objection: Callable[..., Objection],
) -> None:
    def add() -> None:
        objection = upheld_on_new_request(request_in, ppid_officer, atasan, file_objection)
        data = DisputeData(commission="KI Jabar", filed_on=timezone.localdate())
        dispute_record(objection=objection, actor=legal_unit, data=data)

    add()
    with CaptureQueriesContext(connection) as few:
        first = as_user(User.objects.get(pk=atasan.pk)).get("/api/v1/legal-matters/", {"state": "all"}).json()
    for _ in range(3):
        add()
    with CaptureQueriesContext(connection) as many:
        more = as_user(User.objects.get(pk=atasan.pk)).get("/api/v1/legal-matters/", {"state": "all"}).json()

    assert (first["count"], more["count"]) == (2, 8)
    assert len(few) == len(many)


# --- schema ---------------------------------------------------------------------------------

DISPUTE_PATHS = [
    "/api/v1/disputes/",
    "/api/v1/disputes/{id}/",
    "/api/v1/objections/{id}/disputes/",
    "/api/v1/dispute-tasks/{id}/complete/",
    "/api/v1/legal-matters/",
    *(
        f"/api/v1/disputes/{{id}}/{action}/"
        for action in (
            "confirm-registration",
            "parties",
            "sessions",
            "end-mediation",
            "rulings",
            "appeal",
            "close",
            "documents",
        )
    ),
]


def test_the_schema_has_every_dispute_path() -> None:
    schema: dict[str, Any] = APIClient().get("/api/schema/", {"format": "json"}).json()

    assert [path for path in DISPUTE_PATHS if path not in schema["paths"]] == []
    documents = schema["paths"]["/api/v1/disputes/{id}/documents/"]["post"]
    assert "multipart/form-data" in documents["requestBody"]["content"]
    assert "201" in documents["responses"]
