"""Public tracking (/lacak/): the second factor, no personal data, throttling, and the requester's actions."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ppid.accounts.models import User
from ppid.events.models import Event
from ppid.offices.models import Office
from ppid.requests.models import AttachmentKind, DeliveryMethod, InformationRequest
from ppid.requests.services import (
    request_assign,
    request_decide,
    request_deliver,
    request_extend,
    request_mark_incomplete,
)
from ppid.requests.workflow import Status
from tests.requests.conftest import PDF_BYTES, VALID_NIK, granted_in_full
from tests.workdays.conftest import frozen_now

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime.datetime(2026, 2, 4, 10, 0, tzinfo=WIB)  # Wednesday, a working day
TRACK = reverse("requests_public:track")
NO_MATCH = "We found no request with this registration number and this e-mail or telephone digits."


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with frozen_now(NOW):
        yield


@pytest.fixture(autouse=True)
def _english(client: Client) -> None:
    client.cookies["django_language"] = "en"


@pytest.fixture
def anonymous_request(submit: Callable[..., InformationRequest]) -> InformationRequest:
    """Submitted online without an account by Siti (siti@example.org, 081234567890)."""
    return submit()


def detail(obj: InformationRequest) -> str:
    return reverse("requests_public:track_detail", args=[obj.pk])


def verify(client: Client, obj: InformationRequest, factor: str = "siti@example.org") -> Any:
    return client.post(TRACK, {"number": obj.registration_number, "factor": factor})


def test_the_form_takes_the_number_from_the_address(client: Client, db: None) -> None:
    response = client.get(TRACK + "?nomor=00001/PPID/32.73/2026")

    assert 'value="00001/PPID/32.73/2026"' in response.content.decode()


@pytest.mark.parametrize("factor", ["siti@example.org", "SITI@Example.ORG", " 7890 "])
def test_the_right_second_factor_opens_the_request(
    client: Client, anonymous_request: InformationRequest, factor: str
) -> None:
    response = verify(client, anonymous_request, factor)

    assert response.status_code == 302
    assert response["Location"] == detail(anonymous_request)
    page = client.get(detail(anonymous_request))
    assert page.status_code == 200
    assert anonymous_request.registration_number in page.content.decode()


@pytest.mark.parametrize("factor", ["someone@example.org", "1234", "890", "081234567890", "siti"])
def test_a_wrong_second_factor_gets_the_generic_message(
    client: Client, anonymous_request: InformationRequest, factor: str
) -> None:
    response = verify(client, anonymous_request, factor)

    assert response.status_code == 200
    assert NO_MATCH in response.content.decode()
    assert client.get(detail(anonymous_request)).status_code == 404


def test_an_unknown_number_gets_the_same_message(client: Client, anonymous_request: InformationRequest) -> None:
    response = client.post(TRACK, {"number": "99999/PPID/32.73/2026", "factor": "siti@example.org"})

    assert NO_MATCH in response.content.decode()


def test_the_page_is_not_found_without_verification(client: Client, anonymous_request: InformationRequest) -> None:
    assert client.get(detail(anonymous_request)).status_code == 404


def test_the_owner_sees_it_when_logged_in(client: Client, request_in: Callable[[str], InformationRequest]) -> None:
    obj = request_in(Status.REGISTERED)
    client.force_login(obj.requester.user)

    assert client.get(detail(obj)).status_code == 200


def test_verifying_one_request_does_not_open_another(
    client: Client, submit: Callable[..., InformationRequest], anonymous_request: InformationRequest, intake: Any
) -> None:
    other = submit(data=intake(email="lain@example.org", phone="0899"))
    verify(client, anonymous_request)

    assert client.get(detail(other)).status_code == 404
    assert client.post(reverse("requests_public:withdraw", args=[other.pk]), {"confirm": "on"}).status_code == 404


def test_it_shows_status_deadline_explanation_and_timeline_without_personal_data(
    client: Client, anonymous_request: InformationRequest, desk: User, ppid_officer: User
) -> None:
    desk.full_name = "Petugas Desk Rahasia"
    desk.save()
    unit = anonymous_request.office.work_units.filter(is_legal_unit=False).first()
    request_assign(request=anonymous_request, actor=desk, work_units=[unit], note="Hubungi Siti di 081234567890")
    request_extend(request=anonymous_request, actor=ppid_officer, reason="Dokumen tersebar di dua unit kerja")
    verify(client, anonymous_request)

    html = client.get(detail(anonymous_request)).content.decode()

    anonymous_request.refresh_from_db()
    assert anonymous_request.due_on is not None
    assert anonymous_request.due_on.strftime("%Y") in html
    assert "How this deadline was counted" in html
    assert "Dokumen tersebar di dua unit kerja" in html
    assert "Request registered" in html
    assert "Request assigned to work units" in html
    assert "Deadline extended" in html
    for secret in (
        VALID_NIK,
        "Siti",
        "Rahmawati",
        "Asia Afrika",
        "siti@example.org",
        "081234567890",
        "Petugas Desk Rahasia",
        str(ppid_officer),
        "Hubungi",
    ):
        assert secret not in html, secret


def test_the_page_needs_the_same_number_of_queries_however_long_the_timeline(
    client: Client, anonymous_request: InformationRequest, desk: User, ppid_officer: User
) -> None:
    verify(client, anonymous_request)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(detail(anonymous_request)).status_code == 200
        return len(queries)

    short = count()
    units = list(anonymous_request.office.work_units.filter(is_legal_unit=False)[:3])
    for unit in units:
        request_assign(request=anonymous_request, actor=desk, work_units=[unit])
    request_extend(request=anonymous_request, actor=ppid_officer, reason="Alasan")
    assert Event.objects.for_object(anonymous_request).count() >= 4

    assert count() == short
    assert short <= 6  # session, request, rule, calendar days, events


def test_attempts_are_throttled_per_address(client: Client, anonymous_request: InformationRequest) -> None:
    for _ in range(10):
        assert verify(client, anonymous_request, "salah@example.org").status_code == 200

    blocked = verify(client, anonymous_request)

    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.content.decode()
    assert client.get(detail(anonymous_request)).status_code == 404
    elsewhere = client.post(
        TRACK, {"number": anonymous_request.registration_number, "factor": "siti@example.org"}, REMOTE_ADDR="10.0.0.9"
    )
    assert elsewhere.status_code == 302


# --- the requester's actions ------------------------------------------------------------------


@pytest.fixture
def incomplete(anonymous_request: InformationRequest, desk: User) -> InformationRequest:
    return request_mark_incomplete(request=anonymous_request, actor=desk, missing="Scan KTP yang terbaca")


def test_a_verified_visitor_completes_with_the_missing_documents(
    client: Client, incomplete: InformationRequest
) -> None:
    verify(client, incomplete)
    page = client.get(detail(incomplete)).content.decode()
    assert "Scan KTP yang terbaca" in page
    document = SimpleUploadedFile("ktp-baru.pdf", PDF_BYTES, content_type="application/pdf")

    response = client.post(
        reverse("requests_public:complete", args=[incomplete.pk]),
        {"documents": [document], "kind": AttachmentKind.KTP, "note": "KTP dipindai ulang"},
    )

    assert response.status_code == 302
    incomplete.refresh_from_db()
    assert incomplete.status == Status.REGISTERED
    assert incomplete.notice_due_on is not None
    assert incomplete.attachments.filter(kind=AttachmentKind.KTP, original_name__contains="ktp-baru").count() == 1
    event = Event.objects.for_object(incomplete).get(event_type="request.completed")
    assert event.actor is None
    assert event.actor_role == "requester"


def test_completing_needs_a_document_or_a_note(client: Client, incomplete: InformationRequest) -> None:
    verify(client, incomplete)

    response = client.post(reverse("requests_public:complete", args=[incomplete.pk]), {"kind": "supporting"})

    assert response.status_code == 200
    assert "Attach the missing documents" in response.content.decode()
    incomplete.refresh_from_db()
    assert incomplete.status == Status.INCOMPLETE


def test_a_completion_that_comes_too_late_keeps_the_note_and_says_why(
    client: Client, incomplete: InformationRequest
) -> None:
    verify(client, incomplete)

    with frozen_now(NOW + datetime.timedelta(days=8)):  # completion period: 3 working days
        response = client.post(
            reverse("requests_public:complete", args=[incomplete.pk]), {"kind": "supporting", "note": "Terlambat"}
        )

    assert response.status_code == 200
    html = response.content.decode()
    assert "The period to complete this request ended" in html
    assert "Terlambat" in html


def test_a_verified_visitor_withdraws_after_confirming(client: Client, anonymous_request: InformationRequest) -> None:
    verify(client, anonymous_request)
    url = reverse("requests_public:withdraw", args=[anonymous_request.pk])

    unconfirmed = client.post(url, {"reason": "Sudah tidak perlu"})
    assert unconfirmed.status_code == 200
    assert "Sudah tidak perlu" in unconfirmed.content.decode()
    anonymous_request.refresh_from_db()
    assert anonymous_request.status == Status.REGISTERED

    client.post(url, {"confirm": "on", "reason": "Sudah tidak perlu"})

    anonymous_request.refresh_from_db()
    assert anonymous_request.status == Status.WITHDRAWN
    page = client.get(detail(anonymous_request)).content.decode()
    assert "Request withdrawn" in page
    assert "Written notice due" not in page  # no deadline runs on a withdrawn request


def test_an_empty_withdrawal_post_asks_for_the_confirmation(
    client: Client, anonymous_request: InformationRequest
) -> None:
    verify(client, anonymous_request)

    response = client.post(reverse("requests_public:withdraw", args=[anonymous_request.pk]), {})

    assert response.context["form"].errors["confirm"]
    anonymous_request.refresh_from_db()
    assert anonymous_request.status == Status.REGISTERED


def test_withdrawing_a_decided_request_is_refused_with_a_message(
    client: Client, anonymous_request: InformationRequest, ppid_officer: User
) -> None:
    verify(client, anonymous_request)
    page = client.get(detail(anonymous_request)).content.decode()
    assert reverse("requests_public:withdraw", args=[anonymous_request.pk]) in page
    request_decide(request=anonymous_request, actor=ppid_officer, data=granted_in_full())

    response = client.post(
        reverse("requests_public:withdraw", args=[anonymous_request.pk]), {"confirm": "on"}, follow=True
    )

    assert "this step is not possible any more" in response.content.decode()
    anonymous_request.refresh_from_db()
    assert anonymous_request.status == Status.DECIDED


def test_the_requester_confirms_receipt(
    client: Client, anonymous_request: InformationRequest, ppid_officer: User, desk: User
) -> None:
    request_decide(request=anonymous_request, actor=ppid_officer, data=granted_in_full())
    request_deliver(request=anonymous_request, actor=desk, method=DeliveryMethod.EMAIL)
    verify(client, anonymous_request, "7890")
    assert "Yes, I received it" in client.get(detail(anonymous_request)).content.decode()

    client.post(reverse("requests_public:confirm_receipt", args=[anonymous_request.pk]))

    anonymous_request.refresh_from_db()
    assert anonymous_request.status == Status.CLOSED
    assert anonymous_request.delivery.confirmed_at is not None


def test_a_logged_in_owner_acts_without_the_second_factor(
    client: Client, request_in: Callable[[str], InformationRequest]
) -> None:
    obj = request_in(Status.REGISTERED)
    client.force_login(obj.requester.user)

    client.post(reverse("requests_public:withdraw", args=[obj.pk]), {"confirm": "on"})

    obj.refresh_from_db()
    assert obj.status == Status.WITHDRAWN


def test_staff_see_the_page_but_get_no_requester_actions(
    client: Client, anonymous_request: InformationRequest, desk: User
) -> None:
    client.force_login(desk)

    page = client.get(detail(anonymous_request))

    assert page.status_code == 200
    assert page.context["may_withdraw"] is False
    assert client.post(reverse("requests_public:confirm_receipt", args=[anonymous_request.pk])).status_code == 403


def test_a_forwarded_request_names_the_new_office_and_number(
    client: Client, request_in: Callable[[str], InformationRequest], office_jateng: Office
) -> None:
    original = request_in(Status.FORWARDED)
    client.force_login(original.requester.user)

    html = client.get(detail(original)).content.decode()

    assert original.forwarded_to is not None
    assert original.forwarded_to.registration_number in html
    assert office_jateng.name in html
