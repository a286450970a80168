"""/api/v1/requests/ and /api/v1/track/: intake, lists, detail, one POST per transition, public tracking."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.offices.models import Office
from ppid.requests.models import InformationRequest
from ppid.requests.workflow import Status
from tests.requests.conftest import PNG_BYTES, VALID_NIK
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db

# Wednesday 4 February 2026, 10:00 WIB: an ordinary working day.
NOW = datetime.datetime(2026, 2, 4, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
Submit = Callable[..., InformationRequest]

BODY: dict[str, Any] = {
    "office": "32.73",
    "requester_kind": "individual",
    "name": "Siti Rahmawati",
    "address": "Jl. Asia Afrika No. 1, Bandung",
    "email": "siti@example.org",
    "phone": "081234567890",
    "nik": VALID_NIK,
    "information_requested": "Daftar pemilih tetap Kecamatan Sumur Bandung, Pemilu 2024",
    "purpose": "Penelitian skripsi",
    "obtain_method": "soft_copy",
    "delivery_method": "email",
}
PERSONAL = ["Siti Rahmawati", VALID_NIK, "siti@example.org", "081234567890", "Asia Afrika"]


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with frozen_now(NOW):
        yield


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def as_user(user: User | None) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def url(request: InformationRequest, action: str = "") -> str:
    return f"/api/v1/requests/{request.pk}/" + (f"{action}/" if action else "")


# --- intake ----------------------------------------------------------------------------------


def test_anyone_submits_online_and_gets_the_number_at_once(api: APIClient) -> None:
    response = api.post("/api/v1/requests/", BODY, format="json")

    assert response.status_code == 201, response.content
    request = InformationRequest.objects.get()
    assert response.json()["registration_number"] == request.registration_number == "00001/PPID/32.73/2026"
    assert response.json()["status"] == Status.REGISTERED
    assert request.requester.nik == VALID_NIK
    assert request.recorded_by is None


@pytest.mark.parametrize("how", ["header", "field"])
def test_a_repeated_idempotency_key_returns_the_first_request(api: APIClient, how: str) -> None:
    body, headers = (
        (BODY, {"Idempotency-Key": "klik-1"}) if how == "header" else ({**BODY, "submission_key": "klik-1"}, {})
    )
    first = api.post("/api/v1/requests/", body, format="json", headers=headers)
    again = api.post("/api/v1/requests/", body, format="json", headers=headers)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert InformationRequest.objects.count() == 1


def test_without_a_key_each_post_is_a_new_request(api: APIClient) -> None:
    api.post("/api/v1/requests/", BODY, format="json")
    api.post("/api/v1/requests/", BODY, format="json")

    assert sorted(InformationRequest.objects.values_list("sequence", flat=True)) == [1, 2]


def test_an_invalid_nik_is_a_field_error(api: APIClient) -> None:
    response = api.post("/api/v1/requests/", {**BODY, "nik": "123"}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == ["nik"]
    assert not InformationRequest.objects.exists()


def test_an_unknown_office_is_a_field_error(api: APIClient) -> None:
    response = api.post("/api/v1/requests/", {**BODY, "office": "99.99"}, format="json")

    assert response.status_code == 400
    assert "office" in response.json()


def test_a_desk_channel_needs_the_desk(api: APIClient) -> None:
    response = api.post("/api/v1/requests/", {**BODY, "channel": "walk_in"}, format="json")

    assert response.status_code == 403
    assert not InformationRequest.objects.exists()


def test_the_desk_records_a_walk_in_request_received_earlier(desk: User) -> None:
    received = NOW - datetime.timedelta(hours=2)
    response = as_user(desk).post(
        "/api/v1/requests/", {**BODY, "channel": "walk_in", "received_at": received.isoformat()}, format="json"
    )

    assert response.status_code == 201, response.content
    request = InformationRequest.objects.get()
    assert (request.channel, request.received_at, request.recorded_by) == ("walk_in", received, desk)


def test_attachments_are_checked_and_stored_with_a_checksum(api: APIClient) -> None:
    ktp = SimpleUploadedFile("ktp.png", PNG_BYTES, content_type="image/png")
    response = api.post("/api/v1/requests/", {**BODY, "ktp": ktp}, format="multipart")

    assert response.status_code == 201, response.content
    [attachment] = InformationRequest.objects.get().attachments.all()
    assert (attachment.kind, attachment.content_type, len(attachment.sha256)) == ("ktp", "image/png", 64)


def test_an_upload_that_is_not_pdf_or_image_is_refused(api: APIClient) -> None:
    fake = SimpleUploadedFile("ktp.png", b"MZ not an image", content_type="image/png")
    response = api.post("/api/v1/requests/", {**BODY, "ktp": fake}, format="multipart")

    assert response.status_code == 400
    assert list(response.json()) == ["ktp"]
    assert not InformationRequest.objects.exists()


# --- list and detail -------------------------------------------------------------------------


def test_the_list_needs_a_login(api: APIClient) -> None:
    assert api.get("/api/v1/requests/").status_code in (401, 403)


def test_staff_of_the_office_see_personal_data_the_parent_office_does_not(
    submit: Submit, desk: User, staff: Callable[..., User], office_jabar: Office, office_jateng: Office
) -> None:
    request = submit()
    own = as_user(desk).get("/api/v1/requests/").json()
    parent = as_user(staff(Role.PPID, office_jabar)).get("/api/v1/requests/").json()
    other = as_user(staff(Role.PPID, office_jateng)).get("/api/v1/requests/").json()

    assert own["count"] == parent["count"] == 1
    assert own["results"][0]["requester"]["nik"] == VALID_NIK
    assert parent["results"][0]["registration_number"] == request.registration_number
    assert parent["results"][0]["requester"] is None
    assert other["count"] == 0


def test_a_requester_lists_only_their_own_requests(submit: Submit, requester_user: User) -> None:
    mine = submit(actor=requester_user)
    submit()

    data = as_user(requester_user).get("/api/v1/requests/").json()

    assert [row["id"] for row in data["results"]] == [mine.pk]
    assert data["results"][0]["requester"]["email"] == "siti@example.org"


def test_the_list_filters_by_status_office_and_overdue(submit: Submit, desk: User) -> None:
    late = submit()
    with frozen_now(NOW + datetime.timedelta(days=10)):
        submit()
    client = as_user(desk)
    with frozen_now(NOW + datetime.timedelta(days=20)):
        overdue = client.get("/api/v1/requests/", {"overdue": "true"}).json()
        registered = client.get("/api/v1/requests/", {"status": "registered", "office": "32.73"}).json()
        decided = client.get("/api/v1/requests/", {"status": "decided"}).json()

    assert [row["id"] for row in overdue["results"]] == [late.pk]
    assert registered["count"] == 2
    assert decided["count"] == 0


def test_the_list_takes_the_same_number_of_queries_for_more_rows(submit: Submit, desk: User) -> None:
    submit()
    with CaptureQueriesContext(connection) as few:
        assert as_user(User.objects.get(pk=desk.pk)).get("/api/v1/requests/").json()["count"] == 1
    for _ in range(6):
        submit()
    with CaptureQueriesContext(connection) as many:
        assert as_user(User.objects.get(pk=desk.pk)).get("/api/v1/requests/").json()["count"] == 7

    assert len(few) == len(many)


def test_detail_by_id_by_number_and_by_encoded_number(submit: Submit, desk: User) -> None:
    request = submit()
    client = as_user(desk)
    number = request.registration_number

    for path in (str(request.pk), number, quote(number, safe="")):
        response = client.get(f"/api/v1/requests/{path}/")
        assert response.status_code == 200, path
        assert response.json()["registration_number"] == number
    assert response.json()["deadline_explanation"]


def test_detail_is_404_for_staff_of_another_office(
    submit: Submit, staff: Callable[..., User], office_jateng: Office
) -> None:
    request = submit()

    assert as_user(staff(Role.PPID, office_jateng)).get(url(request)).status_code == 404


def test_detail_hides_identity_scans_from_the_parent_office(
    submit: Submit, intake: Callable[..., Any], png_upload: SimpleUploadedFile, staff: Callable[..., User], desk: User
) -> None:
    from ppid.requests.models import AttachmentKind
    from ppid.requests.services import NewAttachment
    from ppid.requests.validation import check_upload

    request = submit(data=intake(attachments=[NewAttachment(AttachmentKind.KTP, check_upload(png_upload))]))
    parent = as_user(staff(Role.PPID, Office.objects.get(code="32"))).get(url(request)).json()
    own = as_user(desk).get(url(request)).json()

    assert parent["attachments"] == [] and parent["requester"] is None
    assert [a["kind"] for a in own["attachments"]] == ["ktp"]


# --- actions ---------------------------------------------------------------------------------


def test_the_whole_path_from_assignment_to_closing(
    submit: Submit, desk: User, ppid_officer: User, requester_user: User, office: Office
) -> None:
    request = submit(actor=requester_user)
    unit = office.work_units.filter(is_legal_unit=False).first()
    assert unit is not None

    assigned = as_user(desk).post(url(request, "assign"), {"work_units": [unit.pk]}, format="json")
    assert assigned.status_code == 200, assigned.content
    assert assigned.json()["status"] == Status.IN_PROGRESS
    assert assigned.json()["assignments"][0]["work_unit"] == unit.pk

    decision = {
        "outcome": "granted_full",
        "delivery_method": "email",
        "information_given": "DPT Kecamatan Sumur Bandung (PDF)",
        "costs": [{"description": "Salinan", "quantity": 10, "unit_price": 500}],
    }
    decided = as_user(ppid_officer).post(url(request, "decide"), decision, format="json")
    assert decided.status_code == 200, decided.content
    assert decided.json()["notice"]["total_cost"] == 5000

    delivered = as_user(desk).post(url(request, "deliver"), {"delivery_method": "email", "amount_paid": 5000})
    assert delivered.json()["status"] == Status.DELIVERED

    closed = as_user(requester_user).post(url(request, "confirm-receipt"))
    assert closed.status_code == 200
    assert closed.json()["status"] == Status.CLOSED


def test_a_refusal_without_its_ground_is_a_field_error(submit: Submit, ppid_officer: User) -> None:
    request = submit()
    response = as_user(ppid_officer).post(
        url(request, "decide"), {"outcome": "refused", "delivery_method": "email"}, format="json"
    )

    assert response.status_code == 400
    assert {"exemption_ground", "reasoning"} <= set(response.json())


def test_deciding_twice_is_a_conflict(submit: Submit, ppid_officer: User) -> None:
    request = submit()
    decision = {"outcome": "not_held", "delivery_method": "email", "holder_body": "Bawaslu Kota Bandung"}
    client = as_user(ppid_officer)

    assert client.post(url(request, "decide"), decision, format="json").status_code == 200
    second = client.post(url(request, "decide"), decision, format="json")

    assert second.status_code == 409
    assert request.registration_number in second.json()["detail"]


def test_a_role_that_may_not_act_gets_403(submit: Submit, desk: User) -> None:
    request = submit()
    response = as_user(desk).post(
        url(request, "decide"), {"outcome": "not_held", "delivery_method": "email", "holder_body": "X"}, format="json"
    )

    assert response.status_code == 403
    assert InformationRequest.objects.get().status == Status.REGISTERED


def test_incomplete_then_completed_at_the_desk(submit: Submit, desk: User) -> None:
    request = submit()
    client = as_user(desk)

    assert client.post(url(request, "mark-incomplete"), {"missing": ""}, format="json").status_code == 400
    marked = client.post(url(request, "mark-incomplete"), {"missing": "Scan KTP"}, format="json").json()
    assert (marked["status"], marked["missing_requirements"]) == (Status.INCOMPLETE, "Scan KTP")
    completed = client.post(url(request, "complete"), {"note": "KTP dibawa"}, format="json").json()
    assert completed["status"] == Status.REGISTERED


def test_one_extension_with_a_reason(submit: Submit, ppid_officer: User) -> None:
    request = submit()
    client = as_user(ppid_officer)

    assert "reason" in client.post(url(request, "extend"), {"reason": " "}, format="json").json()
    extended = client.post(url(request, "extend"), {"reason": "Dokumen di gudang arsip"}, format="json")
    assert extended.status_code == 200
    assert extended.json()["extended_due_on"] is not None
    assert client.post(url(request, "extend"), {"reason": "lagi"}, format="json").status_code == 409


def test_forward_to_another_kpu_office_by_code(submit: Submit, ppid_officer: User) -> None:
    request = submit()
    client = as_user(ppid_officer)

    assert "to_office" in client.post(url(request, "forward"), {"to_office": "99"}, format="json").json()
    forwarded = client.post(url(request, "forward"), {"to_office": "32"}, format="json").json()

    assert forwarded["status"] == Status.FORWARDED
    assert forwarded["forwarded_to"].endswith("/PPID/32/2026")


def test_the_requester_withdraws_by_registration_number(submit: Submit, requester_user: User) -> None:
    request = submit(actor=requester_user)
    response = as_user(requester_user).post(f"/api/v1/requests/{request.registration_number}/withdraw/")

    assert response.status_code == 200
    assert response.json()["status"] == Status.WITHDRAWN


def test_actions_on_an_invisible_request_are_404(submit: Submit, requester_user: User) -> None:
    request = submit()

    assert as_user(requester_user).post(url(request, "withdraw")).status_code == 404


# --- public tracking -------------------------------------------------------------------------


def track(api: APIClient, number: str, factor: str) -> Any:
    return api.post("/api/v1/track/", {"registration_number": number, "second_factor": factor}, format="json")


@pytest.mark.parametrize("factor", ["SITI@example.org", "7890", "78-90"])
def test_tracking_shows_progress_and_no_personal_data(api: APIClient, submit: Submit, factor: str) -> None:
    request = submit()
    response = track(api, request.registration_number, factor)

    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["status"], data["due_on"]) == (Status.REGISTERED, str(request.notice_due_on))
    assert data["explanation"]
    assert [entry["date"] for entry in data["timeline"]] == ["2026-02-04"]
    body = response.content.decode()
    for value in PERSONAL:
        assert value not in body


@pytest.mark.parametrize("factor", ["other@example.org", "1234", "7890123", ""])
def test_tracking_with_a_wrong_factor_answers_like_an_unknown_number(
    api: APIClient, submit: Submit, factor: str
) -> None:
    request = submit()
    wrong = track(api, request.registration_number, factor)
    unknown = track(api, "99999/PPID/32.73/2026", "siti@example.org")

    assert unknown.status_code == 404
    if factor:
        assert (wrong.status_code, wrong.json()) == (404, unknown.json())
    else:
        assert wrong.status_code == 400


def test_tracking_is_throttled(api: APIClient, submit: Submit) -> None:
    request = submit()
    codes = [track(api, request.registration_number, "0000").status_code for _ in range(11)]

    assert codes == [404] * 10 + [429]


def test_every_request_endpoint_is_in_the_schema(api: APIClient) -> None:
    paths = api.get("/api/schema/", {"format": "json"}).json()["paths"]

    actions = [
        "assign",
        "mark-incomplete",
        "complete",
        "extend",
        "decide",
        "deliver",
        "forward",
        "withdraw",
        "confirm-receipt",
    ]
    for path in ["/api/v1/requests/", "/api/v1/requests/{ref}/", "/api/v1/track/"]:
        assert path in paths
    for action in actions:
        assert "post" in paths[f"/api/v1/requests/{{ref}}/{action}/"]
