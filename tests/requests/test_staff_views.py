"""Staff pages of a request: desk intake, the detail page, its actions, receipts and documents."""

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
from ppid.events.models import Event
from ppid.offices.models import Office
from ppid.requests import services
from ppid.requests.models import AttachmentKind, Channel, InformationRequest, RequestAttachment
from ppid.requests.services import NewAttachment, request_decide
from ppid.requests.validation import check_upload
from ppid.requests.workflow import Status
from tests.requests.conftest import PDF_BYTES, PNG_BYTES, VALID_NIK, build_intake, granted_in_full

pytestmark = pytest.mark.django_db

INTAKE_URL = "/staf/permohonan/baru/"


def detail_url(request: InformationRequest) -> str:
    return f"/staf/permohonan/{request.pk}/"


def action_url(request: InformationRequest, name: str) -> str:
    return f"/staf/permohonan/{request.pk}/aksi/{name}/"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def local_now(office: Office, **delta: float) -> str:
    moment = timezone.now().astimezone(office.zoneinfo) - datetime.timedelta(**delta)
    return moment.strftime("%Y-%m-%dT%H:%M")


def intake_post(office: Office, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "office": office.pk,
        "channel": Channel.WALK_IN,
        "received_at": local_now(office, minutes=5),
        "kind": "individual",
        "name": "Budi Santoso",
        "nik": VALID_NIK,
        "address": "Jl. Braga No. 10, Bandung",
        "email": "budi@example.org",
        "phone": "",
        "information_requested": "Rekapitulasi hasil Pilkada Kota Bandung 2024",
        "purpose": "Liputan media",
        "obtain_method": "soft_copy",
        "delivery_method": "email",
        "submission_key": "a" * 32,
    }
    data.update(overrides)
    return data


# --- desk intake ---


def test_the_desk_registers_a_walk_in_request_and_can_print_the_receipt(desk: User, office: Office) -> None:
    client = logged_in(desk)

    response = client.post(INTAKE_URL, intake_post(office))

    created = InformationRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(created)
    assert created.channel == Channel.WALK_IN
    assert created.recorded_by == desk
    assert created.requester.nik == VALID_NIK
    page = client.get(detail_url(created)).content.decode()
    assert created.registration_number in page
    assert f"/staf/permohonan/{created.pk}/tanda-bukti.pdf" in page
    receipt = client.get(f"/staf/permohonan/{created.pk}/tanda-bukti.pdf")
    assert receipt.status_code == 200
    assert receipt["Content-Type"] == "application/pdf"
    assert receipt["Content-Disposition"].startswith("inline;")
    assert receipt.content.startswith(b"%PDF")


def test_a_resubmitted_form_makes_one_request(desk: User, office: Office) -> None:
    client = logged_in(desk)

    first = client.post(INTAKE_URL, intake_post(office))
    second = client.post(INTAKE_URL, intake_post(office))

    assert InformationRequest.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_the_desk_may_register_without_a_ktp_scan_and_with_attachments(desk: User, office: Office) -> None:
    scan = SimpleUploadedFile("akta.pdf", PDF_BYTES, content_type="application/pdf")

    logged_in(desk).post(
        INTAKE_URL, intake_post(office, kind="legal_entity", nik="", legal_number="AHU-1", deed_scan=scan)
    )

    attachment = RequestAttachment.objects.get()
    assert attachment.kind == AttachmentKind.DEED
    assert len(attachment.sha256) == 64


def test_an_invalid_nik_is_shown_and_what_was_typed_is_kept(desk: User, office: Office) -> None:
    response = logged_in(desk).post(INTAKE_URL, intake_post(office, nik="1234"))

    assert response.status_code == 200
    assert not InformationRequest.objects.exists()
    assert response.context["form"].errors["nik"]
    assert 'value="Budi Santoso"' in response.content.decode()


def test_an_upload_that_is_not_pdf_or_image_is_refused(desk: User, office: Office) -> None:
    fake = SimpleUploadedFile("ktp.pdf", b"MZ not a pdf", content_type="application/pdf")

    response = logged_in(desk).post(INTAKE_URL, intake_post(office, ktp_scan=fake))

    assert response.context["form"].errors["ktp_scan"]
    assert not InformationRequest.objects.exists()


def test_recording_more_than_seven_days_late_is_refused(desk: User, office: Office) -> None:
    response = logged_in(desk).post(INTAKE_URL, intake_post(office, received_at=local_now(office, days=8)))

    assert response.context["form"].errors["received_at"]
    assert not InformationRequest.objects.exists()


def test_the_moment_of_receipt_is_read_in_the_offices_own_time_zone(staff: Callable[..., User]) -> None:
    bali = Office.objects.get(code="51.03")  # WITA, UTC+8
    typed = local_now(bali, hours=2)

    client = logged_in(staff(Role.DESK, bali))

    client.post(INTAKE_URL, intake_post(bali, received_at=typed))

    created = InformationRequest.objects.get()
    assert created.received_at.astimezone(bali.zoneinfo).strftime("%Y-%m-%dT%H:%M") == typed
    assert f", {typed[11:]} (" in client.get(detail_url(created)).content.decode()  # shown in WITA too


def test_only_the_desk_opens_the_intake_form(ppid_officer: User, desk: User) -> None:
    assert logged_in(ppid_officer).get(INTAKE_URL).status_code == 403
    page = logged_in(desk).get(INTAKE_URL)
    assert page.status_code == 200
    assert page.context["form"]["submission_key"].value()


# --- who sees what ---


def test_staff_of_another_office_get_404(submit: Callable[..., InformationRequest], staff: Callable[..., User]) -> None:
    request = submit()
    other_desk = staff(Role.DESK, Office.objects.get(code="33"))
    client = logged_in(other_desk)

    assert client.get(detail_url(request)).status_code == 404
    assert client.post(action_url(request, "mark-incomplete"), {"mark-incomplete-missing": "KTP"}).status_code == 404
    assert client.get(f"/staf/permohonan/{request.pk}/tanda-bukti.pdf").status_code == 404
    assert InformationRequest.objects.get().status == Status.REGISTERED


def test_own_office_staff_see_personal_data_and_their_actions(
    submit: Callable[..., InformationRequest], desk: User
) -> None:
    request = submit()

    response = logged_in(desk).get(detail_url(request))

    html = response.content.decode()
    assert VALID_NIK in html
    assert "Jl. Asia Afrika No. 1" in html
    assert [name for name, _title, _form in response.context["forms"]] == ["assign", "mark-incomplete"]
    assert "Pasal 22 ayat (7) UU 14/2008" in html  # the deadline's explanation


def test_a_parent_office_monitors_without_personal_data_or_actions(
    submit: Callable[..., InformationRequest], staff: Callable[..., User], office_jabar: Office, png_upload: Any
) -> None:
    request = submit(data=build_intake(attachments=[NewAttachment(AttachmentKind.KTP, check_upload(png_upload))]))
    parent_ppid = staff(Role.PPID, office_jabar)
    client = logged_in(parent_ppid)

    response = client.get(detail_url(request))

    html = response.content.decode()
    assert response.status_code == 200
    assert request.registration_number in html
    assert VALID_NIK not in html
    assert "Jl. Asia Afrika" not in html
    assert "siti@example.org" not in html
    assert response.context["forms"] == []
    assert response.context["attachments"] == []
    ktp = RequestAttachment.objects.get()
    assert client.get(f"/staf/permohonan/{request.pk}/lampiran/{ktp.pk}/").status_code == 403
    assert client.get(f"/staf/permohonan/{request.pk}/tanda-bukti.pdf").status_code == 403
    refused = client.post(action_url(request, "extend"), {"extend-reason": "Dokumen banyak"})
    assert refused.status_code == 403
    assert InformationRequest.objects.get().extended_due_on is None


def test_own_office_staff_download_the_ktp_scan(
    submit: Callable[..., InformationRequest], desk: User, png_upload: Any
) -> None:
    request = submit(data=build_intake(attachments=[NewAttachment(AttachmentKind.KTP, check_upload(png_upload))]))
    ktp = RequestAttachment.objects.get()

    response = logged_in(desk).get(f"/staf/permohonan/{request.pk}/lampiran/{ktp.pk}/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG_BYTES  # type: ignore[attr-defined]


def test_the_liaison_team_sees_the_request_but_has_no_workflow_actions(
    request_in: Callable[[str], InformationRequest], liaison: User
) -> None:
    request = request_in(Status.IN_PROGRESS)

    response = logged_in(liaison).get(detail_url(request))

    assert response.status_code == 200
    assert response.context["forms"] == []


# --- each action through its view ---


def _unit(request: InformationRequest) -> int:
    unit = request.office.work_units.filter(is_legal_unit=False).order_by("name").first()
    assert unit is not None
    return unit.pk


ACTION_CASES = [
    # (start, actor fixture, action, form data, expected status)
    (Status.REGISTERED, "desk", "assign", lambda r: {"assign-work_units": [_unit(r)], "assign-note": "Mohon"}, Status.IN_PROGRESS),
    (Status.REGISTERED, "desk", "mark-incomplete", lambda r: {"mark-incomplete-missing": "Scan KTP"}, Status.INCOMPLETE),
    (Status.INCOMPLETE, "desk", "complete", lambda r: {"complete-note": "KTP dibawa"}, Status.REGISTERED),
    (Status.IN_PROGRESS, "ppid_officer", "extend", lambda r: {"extend-reason": "Dokumen tersebar"}, Status.IN_PROGRESS),
    (Status.IN_PROGRESS, "ppid_officer", "forward", lambda r: {"forward-to_office": Office.objects.get(code="33").pk}, Status.FORWARDED),
]  # fmt: skip


@pytest.mark.parametrize(("start", "actor", "name", "data", "expected"), ACTION_CASES)
def test_each_action_changes_the_state_and_writes_one_event(
    request: pytest.FixtureRequest,
    request_in: Callable[[str], InformationRequest],
    start: str,
    actor: str,
    name: str,
    data: Callable[[InformationRequest], dict[str, Any]],
    expected: str,
) -> None:
    info_request = request_in(start)
    events_before = Event.objects.for_object(info_request).count()

    response = logged_in(request.getfixturevalue(actor)).post(action_url(info_request, name), data(info_request))

    assert response.status_code == 302, response.context and [f.errors for _n, _t, f in response.context["forms"]]
    assert response["Location"] == detail_url(info_request)
    info_request.refresh_from_db()
    assert info_request.status == expected
    assert Event.objects.for_object(info_request).count() == events_before + 1
    if name == "extend":
        assert info_request.extended_due_on is not None


def decide_post(**overrides: Any) -> dict[str, Any]:
    data = {
        "decide-outcome": "granted_part",
        "decide-exemption_ground": "h",
        "decide-reasoning": "",
        "decide-holder_body": "",
        "decide-information_given": "Rekap DPT tanpa NIK",
        "decide-blacked_out": "Kolom NIK dihitamkan: rahasia pribadi",
        "decide-delivery_method": "email",
        "decide-delivery_format": "PDF",
        "decide-payment_instructions": "",
        "costs-TOTAL_FORMS": "3",
        "costs-INITIAL_FORMS": "0",
        "costs-MIN_NUM_FORMS": "0",
        "costs-MAX_NUM_FORMS": "20",
        "costs-0-description": "Fotokopi A4",
        "costs-0-quantity": "10",
        "costs-0-unit_price": "500",
    }
    data.update(overrides)
    return data


def test_the_ppid_decides_with_costs_and_gets_the_notice_pdf(
    request_in: Callable[[str], InformationRequest], ppid_officer: User
) -> None:
    info_request = request_in(Status.IN_PROGRESS)
    client = logged_in(ppid_officer)

    response = client.post(action_url(info_request, "decide"), decide_post())

    assert response.status_code == 302
    info_request.refresh_from_db()
    assert info_request.status == Status.DECIDED
    assert [(c.description, c.quantity, c.unit_price) for c in info_request.notice.costs.all()] == [
        ("Fotokopi A4", 10, 500)
    ]
    page = client.get(detail_url(info_request)).content.decode()
    assert f"/staf/permohonan/{info_request.pk}/pemberitahuan.pdf" in page
    pdf = client.get(f"/staf/permohonan/{info_request.pk}/pemberitahuan.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("inline;")
    assert pdf.content.startswith(b"%PDF")


def test_a_refusal_without_its_ground_is_shown_and_the_text_kept(
    request_in: Callable[[str], InformationRequest], ppid_officer: User
) -> None:
    info_request = request_in(Status.IN_PROGRESS)

    response = logged_in(ppid_officer).post(
        action_url(info_request, "decide"),
        decide_post(
            **{"decide-outcome": "refused", "decide-exemption_ground": "", "decide-reasoning": "Uji konsekuensi X"}
        ),
    )

    assert response.status_code == 200
    decide_form = {n: f for n, _t, f in response.context["forms"]}["decide"]
    assert decide_form.errors["exemption_ground"]
    assert "Uji konsekuensi X" in response.content.decode()
    info_request.refresh_from_db()
    assert info_request.status == Status.IN_PROGRESS


def test_deciding_a_request_someone_just_decided_says_it_changed(
    request_in: Callable[[str], InformationRequest], ppid_officer: User, staff: Callable[..., User], office: Office
) -> None:
    info_request = request_in(Status.IN_PROGRESS)
    colleague = staff(Role.PPID, office)
    client = logged_in(ppid_officer)
    client.get(detail_url(info_request))  # both have the form open
    request_decide(request=info_request, actor=colleague, data=granted_in_full())

    response = client.post(action_url(info_request, "decide"), decide_post(**{"decide-information_given": "Teks saya"}))

    assert response.status_code == 200
    assert any("Reload the page" in str(m) or "Muat ulang" in str(m) for m in response.context["messages"])
    assert "Teks saya" in response.content.decode()
    assert InformationRequest.objects.get(pk=info_request.pk).notice.signed_by == colleague


def test_the_desk_records_delivery_with_proof(
    request_in: Callable[[str], InformationRequest], desk: User, pdf_upload: Any
) -> None:
    info_request = request_in(Status.DECIDED)
    office = info_request.office

    response = logged_in(desk).post(
        action_url(info_request, "deliver"),
        {"deliver-method": "pick_up", "deliver-delivered_at": local_now(office, minutes=1), "deliver-amount_paid": "5000", "deliver-proof": pdf_upload},
    )  # fmt: skip

    assert response.status_code == 302
    info_request.refresh_from_db()
    assert info_request.status == Status.DELIVERED
    assert info_request.delivery.amount_paid == 5000
    assert info_request.delivery.proof.name


def test_a_proof_that_is_not_a_document_is_refused(request_in: Callable[[str], InformationRequest], desk: User) -> None:
    info_request = request_in(Status.DECIDED)
    bad = SimpleUploadedFile("bukti.pdf", b"<html>", content_type="application/pdf")

    response = logged_in(desk).post(
        action_url(info_request, "deliver"),
        {"deliver-method": "pick_up", "deliver-delivered_at": local_now(info_request.office, minutes=1), "deliver-amount_paid": "0", "deliver-proof": bad},
    )  # fmt: skip

    assert response.status_code == 200
    assert InformationRequest.objects.get(pk=info_request.pk).status == Status.DECIDED


def test_an_action_the_role_does_not_hold_is_forbidden(
    request_in: Callable[[str], InformationRequest], desk: User
) -> None:
    info_request = request_in(Status.IN_PROGRESS)

    response = logged_in(desk).post(action_url(info_request, "decide"), decide_post())

    assert response.status_code == 403
    assert InformationRequest.objects.get(pk=info_request.pk).status == Status.IN_PROGRESS


def test_marking_incomplete_without_saying_what_is_missing_is_refused(
    request_in: Callable[[str], InformationRequest], desk: User
) -> None:
    info_request = request_in(Status.REGISTERED)

    response = logged_in(desk).post(action_url(info_request, "mark-incomplete"), {"mark-incomplete-missing": "   "})

    assert response.status_code == 200
    form = {n: f for n, _t, f in response.context["forms"]}["mark-incomplete"]
    assert form.errors["missing"]


def _detail_queries(client: Client, request: InformationRequest) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(detail_url(request)).status_code == 200
    return len(queries)


def test_the_detail_page_needs_the_same_queries_however_long_the_history(
    request_in: Callable[[str], InformationRequest], ppid_officer: User
) -> None:
    short = request_in(Status.REGISTERED)
    long = request_in(Status.IN_PROGRESS)
    services.request_extend(request=long, actor=ppid_officer, reason="Dokumen tersebar di beberapa unit")
    client = logged_in(ppid_officer)
    assert Event.objects.for_object(long).count() > Event.objects.for_object(short).count()

    assert _detail_queries(client, long) == _detail_queries(client, short)
