"""/api/v1/objections/… and /api/v1/requests/<ref>/objections/: filing, lists, detail, one POST per
transition, the answer letter, and the schema."""

from __future__ import annotations

import datetime
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
from ppid.objections.models import Objection
from ppid.objections.workflow import Outcome, Status
from ppid.offices.models import Office
from ppid.requests.models import InformationRequest
from ppid.requests.services import request_decide
from ppid.requests.workflow import Outcome as RequestOutcome
from ppid.requests.workflow import Status as RequestStatus
from tests.factories import RequesterFactory
from tests.requests.conftest import PNG_BYTES, VALID_NIK, granted_in_full
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db

PERSONAL = ["Siti Rahmawati", VALID_NIK, "siti@example.org", "081234567890", "Asia Afrika"]
RequestIn = Callable[[str], InformationRequest]
FileObjection = Callable[..., Objection]


def as_user(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def with_token(user: User) -> APIClient:
    """Authenticated the way a mobile app or script is: with the API token of ppid.api."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def url(objection: Objection, action: str = "") -> str:
    return f"/api/v1/objections/{objection.pk}/" + (f"{action}/" if action else "")


def filing_url(request: InformationRequest) -> str:
    return f"/api/v1/requests/{request.pk}/objections/"


def refused(request_in: RequestIn, ppid_officer: User) -> InformationRequest:
    request = request_in(RequestStatus.REGISTERED)
    request_decide(
        request=request,
        actor=ppid_officer,
        data=granted_in_full(
            outcome=RequestOutcome.REFUSED,
            exemption_ground="h",
            reasoning="Data pribadi pemilih.",
            information_given="",
        ),
    )
    return request


@pytest.fixture
def objection(refused_request: InformationRequest, file_objection: FileObjection) -> Objection:
    """Ground a on a refusal, filed online by its requester, registered in time."""
    return file_objection(refused_request, "a")


@pytest.fixture
def ground_c(unanswered_request: Callable[[], InformationRequest], file_objection: FileObjection) -> Objection:
    """Ground c (not answered): may be settled by agreement (Pasal 35 ayat (2))."""
    return file_objection(unanswered_request(), "c")


@pytest.fixture
def late_objection(request_in: RequestIn, ppid_officer: User, file_objection: FileObjection) -> Objection:
    """A refusal noticed 70 days ago: the 30 working days of Pasal 36 ayat (1) are over."""
    with frozen_now(timezone.now() - datetime.timedelta(days=70)):
        request = refused(request_in, ppid_officer)
    late = file_objection(request, "a")
    assert late.status == Status.AWAITING_ADMISSION
    return late


def in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


# --- filing ---------------------------------------------------------------------------------


def test_the_requester_files_online_with_a_token_and_gets_the_number_at_once(
    refused_request: InformationRequest, requester_user: User
) -> None:
    body = {"grounds": ["a"], "reasons": "Informasi ini seharusnya terbuka."}
    response = with_token(requester_user).post(filing_url(refused_request), body, format="json")

    assert response.status_code == 201, response.content
    data = response.json()
    objection = Objection.objects.get()
    assert data["objection_number"] == objection.objection_number == "00001/KEB/32.73/" + str(objection.year)
    assert (data["status"], data["channel"], data["grounds"]) == (Status.REGISTERED, "online", ["a"])
    assert data["answer_due_on"] == objection.answer_due_on.isoformat()
    assert data["requester"]["nik"] == VALID_NIK  # their own data
    assert data["filing_window"]["is_late"] is False and data["filing_window"]["lines"]
    assert data["deadline_explanation"]


def test_the_requester_files_by_registration_number(refused_request: InformationRequest, requester_user: User) -> None:
    response = as_user(requester_user).post(
        f"/api/v1/requests/{refused_request.registration_number}/objections/",
        {"grounds": ["a"], "reasons": "Terbuka."},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["request_number"] == refused_request.registration_number


def test_a_repeated_idempotency_key_returns_the_first_objection(
    refused_request: InformationRequest, requester_user: User
) -> None:
    client = as_user(requester_user)
    body = {"grounds": ["a"], "reasons": "Terbuka."}
    first = client.post(filing_url(refused_request), body, format="json", headers={"Idempotency-Key": "k-1"})
    again = client.post(filing_url(refused_request), body, format="json", headers={"Idempotency-Key": "k-1"})

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Objection.objects.count() == 1


def test_a_second_objection_while_one_waits_is_refused(objection: Objection, requester_user: User) -> None:
    response = as_user(requester_user).post(
        filing_url(objection.request), {"grounds": ["a"], "reasons": "Lagi."}, format="json"
    )

    assert response.status_code == 400
    assert objection.objection_number in response.json()["non_field_errors"][0]


def test_a_requester_cannot_file_on_someone_elses_request(refused_request: InformationRequest) -> None:
    stranger = RequesterFactory()
    response = with_token(stranger).post(filing_url(refused_request), {"grounds": ["a"], "reasons": "X"}, format="json")

    assert response.status_code == 404
    assert not Objection.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"grounds": ["z"], "reasons": "X"}, "grounds"),
        ({"grounds": [], "reasons": "X"}, "grounds"),
        ({"grounds": ["a"], "reasons": " "}, "reasons"),
        ({"grounds": ["e"], "reasons": "X"}, "grounds"),  # nothing was granted: ground e does not apply
    ],
)
def test_invalid_grounds_and_reasons_are_field_errors(
    refused_request: InformationRequest, requester_user: User, body: dict[str, Any], field: str
) -> None:
    response = as_user(requester_user).post(filing_url(refused_request), body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Objection.objects.exists()


def test_the_desk_registers_a_written_objection_received_earlier(
    refused_request: InformationRequest, desk: User
) -> None:
    received = timezone.now() - datetime.timedelta(hours=3)
    body = {"grounds": ["a"], "reasons": "Surat keberatan.", "channel": "letter", "received_at": received.isoformat()}
    response = as_user(desk).post(filing_url(refused_request), body, format="json")

    assert response.status_code == 201, response.content
    objection = Objection.objects.get()
    assert (objection.channel, objection.received_at, objection.recorded_by) == ("letter", received, desk)


def test_a_requester_may_not_use_a_desk_channel(refused_request: InformationRequest, requester_user: User) -> None:
    body = {"grounds": ["a"], "reasons": "X", "channel": "letter"}

    assert as_user(requester_user).post(filing_url(refused_request), body, format="json").status_code == 403


# --- list and detail ------------------------------------------------------------------------


def test_the_list_needs_a_login() -> None:
    assert APIClient().get("/api/v1/objections/").status_code in (401, 403)


def test_staff_of_the_office_see_personal_data_the_monitoring_office_does_not(
    objection: Objection, ppid_officer: User, staff: Callable[..., User], office_jabar: Office, office_jateng: Office
) -> None:
    objection.proxy_name = "Kuasa Hukum"
    objection.save(update_fields=["proxy_name"])
    own = as_user(ppid_officer).get("/api/v1/objections/").json()
    parent = as_user(staff(Role.PPID, office_jabar)).get("/api/v1/objections/").json()
    other = as_user(staff(Role.PPID, office_jateng)).get("/api/v1/objections/").json()

    assert own["count"] == parent["count"] == 1 and other["count"] == 0
    assert own["results"][0]["requester"]["nik"] == VALID_NIK
    assert own["results"][0]["proxy_name"] == "Kuasa Hukum"
    assert parent["results"][0]["objection_number"] == objection.objection_number
    assert parent["results"][0]["requester"] is None and parent["results"][0]["proxy_name"] is None
    assert not any(value in json.dumps(parent) for value in PERSONAL)


def test_a_liaison_team_not_assigned_to_the_request_gets_no_personal_data(objection: Objection, liaison: User) -> None:
    listed = as_user(liaison).get("/api/v1/objections/").json()
    detail = as_user(liaison).get(url(objection)).json()

    assert listed["count"] == 1 and listed["results"][0]["requester"] is None
    assert detail["requester"] is None
    assert not any(value in json.dumps([listed, detail]) for value in PERSONAL)


def test_a_requester_token_lists_and_reads_only_their_own(
    objection: Objection, request_in: RequestIn, ppid_officer: User, requester_user: User
) -> None:
    stranger = RequesterFactory()
    client = with_token(stranger)

    assert client.get("/api/v1/objections/").json()["count"] == 0
    assert client.get(url(objection)).status_code == 404
    mine = with_token(requester_user).get("/api/v1/objections/").json()
    assert [row["id"] for row in mine["results"]] == [objection.pk]


def test_the_list_filters(
    objection: Objection, late_objection: Objection, ground_c: Objection, ppid_officer: User
) -> None:
    client = as_user(ppid_officer)

    def ids(**params: Any) -> list[int]:
        response = client.get("/api/v1/objections/", params)
        assert response.status_code == 200, response.content
        return sorted(row["id"] for row in response.json()["results"])

    assert ids(late="true") == [late_objection.pk]
    assert ids(late="false") == sorted([objection.pk, ground_c.pk])
    assert ids(ground="c") == [ground_c.pk]
    assert ids(status="awaiting_admission") == [late_objection.pk]
    assert ids(status="registered", office="32.73") == sorted([objection.pk, ground_c.pk])
    assert ids(year=str(objection.year)) == sorted([objection.pk, late_objection.pk, ground_c.pk])
    assert ids(year="2001") == []
    assert ids(outcome="upheld") == []
    assert "office" in client.get("/api/v1/objections/", {"office": "99.99"}).json()


def test_the_list_takes_the_same_number_of_queries_for_more_rows(
    request_in: RequestIn, ppid_officer: User, file_objection: FileObjection
) -> None:
    file_objection(refused(request_in, ppid_officer), "a")
    with CaptureQueriesContext(connection) as few:
        assert as_user(User.objects.get(pk=ppid_officer.pk)).get("/api/v1/objections/").json()["count"] == 1
    for _ in range(4):
        file_objection(refused(request_in, ppid_officer), "a")
    with CaptureQueriesContext(connection) as many:
        assert as_user(User.objects.get(pk=ppid_officer.pk)).get("/api/v1/objections/").json()["count"] == 5

    assert len(few) == len(many)


def test_detail_has_the_request_and_objection_timeline_and_hides_notes_from_monitoring(
    objection: Objection, ppid_officer: User, staff: Callable[..., User], office_jabar: Office
) -> None:
    own = as_user(ppid_officer).get(url(objection)).json()
    parent = as_user(staff(Role.ATASAN, office_jabar)).get(url(objection)).json()

    types = [event["event_type"] for event in own["timeline"]]
    assert types[0] == "request.submitted" and types[-1] == "objection.filed"
    assert {event["subject"] for event in own["timeline"]} == {"request", "objection"}
    assert own["request_summary"]["registration_number"] == objection.request.registration_number
    assert [event["event_type"] for event in parent["timeline"]] == types
    assert all(event["note"] is None and event["changes"] is None for event in parent["timeline"])
    assert parent["requester"] is None and parent["reasons"] == objection.reasons
    assert not any(value in json.dumps(parent) for value in PERSONAL)


def test_detail_is_404_for_another_office(
    objection: Objection, staff: Callable[..., User], office_jateng: Office
) -> None:
    assert as_user(staff(Role.ATASAN, office_jateng)).get(url(objection)).status_code == 404
    assert as_user(staff(Role.ATASAN, office_jateng)).get("/api/v1/objections/999999/").status_code == 404


# --- actions --------------------------------------------------------------------------------


def test_the_atasan_upholds_and_the_requester_reacts(objection: Objection, atasan: User, requester_user: User) -> None:
    answered = as_user(atasan).post(
        url(objection, "decide"), {"grant": False, "reasons": "Pengecualian sah."}, format="json"
    )
    assert answered.status_code == 200, answered.content
    assert (answered.json()["status"], answered.json()["outcome"]) == (Status.ANSWERED, Outcome.UPHELD)
    assert answered.json()["letter_available"] is True

    reacted = with_token(requester_user).post(
        url(objection, "reaction"), {"reaction": "dispute", "note": "Ke KI"}, format="json"
    )
    assert reacted.status_code == 200, reacted.content
    assert (reacted.json()["reaction"], reacted.json()["reaction_note"]) == ("dispute", "Ke KI")


def test_granting_needs_the_order_and_its_date(objection: Objection, atasan: User) -> None:
    response = as_user(atasan).post(url(objection, "decide"), {"grant": True, "reasons": "Terbuka."}, format="json")

    assert response.status_code == 400
    assert {"order_text", "order_due_on"} <= set(response.json())
    assert Objection.objects.get().status == Status.REGISTERED


def test_a_grant_reopens_the_request_and_the_ppid_fulfils_the_order_with_proof(
    objection: Objection, atasan: User, ppid_officer: User
) -> None:
    grant = {"grant": True, "reasons": "Informasi terbuka.", "order_text": "Salinan DPT", "order_due_on": in_days(10)}
    answered = as_user(atasan).post(url(objection, "decide"), grant, format="json").json()
    assert answered["outcome"] == Outcome.GRANTED and answered["next_due_on"] == in_days(10)
    assert answered["request_summary"]["status"] == RequestStatus.REOPENED

    client = as_user(ppid_officer)
    fake = SimpleUploadedFile("bukti.png", b"MZ not an image", content_type="image/png")
    refused_proof = client.post(url(objection, "fulfil-order"), {"delivery_method": "email", "proof": fake})
    assert refused_proof.status_code == 400 and "proof" in refused_proof.json()

    proof = SimpleUploadedFile("bukti.png", PNG_BYTES, content_type="image/png")
    done = client.post(url(objection, "fulfil-order"), {"delivery_method": "email", "proof": proof})
    assert done.status_code == 200, done.content
    assert done.json()["order_fulfilled_at"] is not None and done.json()["order_delivery_method"] == "email"
    assert done.json()["request_summary"]["status"] == RequestStatus.DELIVERED
    assert Objection.objects.get().order_proof.name.endswith(".png")
    assert client.post(url(objection, "fulfil-order"), {"delivery_method": "email"}).status_code == 409


def test_the_atasan_admits_a_late_objection(late_objection: Objection, atasan: User) -> None:
    client = as_user(atasan)

    assert "reasons" in client.post(url(late_objection, "admit"), {"reasons": ""}, format="json").json()
    admitted = client.post(url(late_objection, "admit"), {"reasons": "Alasan yang sah."}, format="json")
    assert admitted.status_code == 200
    assert admitted.json()["status"] == Status.REGISTERED
    assert admitted.json()["filing_window"]["is_late"] is True


def test_the_atasan_refuses_to_admit_a_late_objection(late_objection: Objection, atasan: User) -> None:
    response = as_user(atasan).post(url(late_objection, "refuse-admission"), {"reasons": "Lewat waktu."}, format="json")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["outcome"]) == (Status.CLOSED, Outcome.NOT_ADMITTED)


def test_admitting_an_objection_filed_in_time_is_a_conflict(objection: Objection, atasan: User) -> None:
    response = as_user(atasan).post(url(objection, "admit"), {"reasons": "?"}, format="json")

    assert response.status_code == 409
    assert objection.objection_number in response.json()["detail"]


def test_settlement_rejected_then_confirmed_by_the_requester(
    ground_c: Objection, ppid_officer: User, requester_user: User
) -> None:
    ppid = as_user(ppid_officer)
    requester = with_token(requester_user)

    proposed = ppid.post(url(ground_c, "propose-settlement"), {"terms": "Salinan dikirim."}, format="json")
    assert proposed.json()["status"] == Status.SETTLEMENT_PENDING
    rejected = requester.post(url(ground_c, "reject-settlement"), {"note": "Belum cukup"}, format="json")
    assert rejected.json()["status"] == Status.REGISTERED
    ppid.post(url(ground_c, "propose-settlement"), {"terms": "Salinan lengkap dikirim."}, format="json")
    confirmed = requester.post(url(ground_c, "confirm-settlement"), {}, format="json")

    assert confirmed.status_code == 200
    assert (confirmed.json()["status"], confirmed.json()["outcome"]) == (Status.CLOSED, Outcome.SETTLED)
    assert requester.post(url(ground_c, "confirm-settlement"), {}, format="json").status_code == 409


def test_ground_a_cannot_be_settled(objection: Objection, ppid_officer: User) -> None:
    response = as_user(ppid_officer).post(url(objection, "propose-settlement"), {"terms": "X"}, format="json")

    assert response.status_code == 400
    assert "non_field_errors" in response.json()


@pytest.mark.parametrize("action", ["decide", "admit"])
def test_a_role_that_may_not_act_gets_403(objection: Objection, desk: User, action: str) -> None:
    body = {"grant": False, "reasons": "X"} if action == "decide" else {"reasons": "X"}

    assert as_user(desk).post(url(objection, action), body, format="json").status_code == 403
    assert Objection.objects.get().status == Status.REGISTERED


def test_the_requester_may_not_answer_their_own_objection(objection: Objection, requester_user: User) -> None:
    body = {"grant": True, "reasons": "Saya setuju", "order_text": "Semua", "order_due_on": in_days(3)}

    assert with_token(requester_user).post(url(objection, "decide"), body, format="json").status_code == 403


def test_answering_twice_is_a_conflict(objection: Objection, atasan: User) -> None:
    client = as_user(atasan)
    body = {"grant": False, "reasons": "Pengecualian sah."}

    assert client.post(url(objection, "decide"), body, format="json").status_code == 200
    assert client.post(url(objection, "decide"), body, format="json").status_code == 409


def test_actions_on_an_invisible_objection_are_404(objection: Objection, staff: Callable[..., User]) -> None:
    other = staff(Role.ATASAN, Office.objects.get(code="33"))

    assert as_user(other).post(url(objection, "decide"), {"grant": False, "reasons": "X"}).status_code == 404


# --- the answer letter ----------------------------------------------------------------------


def test_the_letter_exists_once_answered(objection: Objection, atasan: User, requester_user: User) -> None:
    letter = url(objection) + "letter.pdf"
    assert as_user(requester_user).get(letter).status_code == 404

    as_user(atasan).post(url(objection, "decide"), {"grant": False, "reasons": "Pengecualian sah."}, format="json")
    response = as_user(requester_user).get(letter, HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert Objection.objects.get().letter_pdf


def test_the_letter_is_404_for_another_office(objection: Objection, atasan: User, staff: Callable[..., User]) -> None:
    as_user(atasan).post(url(objection, "decide"), {"grant": False, "reasons": "Pengecualian sah."}, format="json")
    other = staff(Role.PPID, Office.objects.get(code="33"))

    assert as_user(other).get(url(objection) + "letter.pdf").status_code == 404


# --- schema ---------------------------------------------------------------------------------

OBJECTION_PATHS = [
    "/api/v1/objections/",
    "/api/v1/objections/{id}/",
    "/api/v1/objections/{id}/letter.pdf",
    "/api/v1/requests/{ref}/objections/",
    *(
        f"/api/v1/objections/{{id}}/{action}/"
        for action in (
            "admit",
            "refuse-admission",
            "propose-settlement",
            "confirm-settlement",
            "reject-settlement",
            "decide",
            "fulfil-order",
            "reaction",
        )
    ),
]


def test_the_schema_has_every_objection_path() -> None:
    schema = APIClient().get("/api/schema/", {"format": "json"}).json()

    missing = [path for path in OBJECTION_PATHS if path not in schema["paths"]]
    assert missing == []
    assert "post" in schema["paths"]["/api/v1/requests/{ref}/objections/"]
    assert (
        "multipart/form-data"
        in schema["paths"]["/api/v1/objections/{id}/fulfil-order/"]["post"]["requestBody"]["content"]
    )
