"""The online request form (/permohonan/baru/), its receipt page and the receipt PDF."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ppid.accounts.models import User
from ppid.offices.models import Office
from ppid.requests.models import AttachmentKind, InformationRequest, RequestAttachment, RequesterKind
from tests.factories import RequesterFactory
from tests.requests.conftest import PDF_BYTES, PNG_BYTES, VALID_NIK
from tests.workdays.conftest import frozen_now

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime.datetime(2026, 2, 4, 10, 0, tzinfo=WIB)  # Wednesday, a working day
KEY = "5f0c6f3e9d2a4b8c9e1f2a3b4c5d6e7f"


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with frozen_now(NOW):
        yield


@pytest.fixture(autouse=True)
def _english(client: Client) -> None:
    # Messages are asserted by their English msgid, whatever the Indonesian catalogue says.
    client.cookies["django_language"] = "en"


def url(office: Office) -> str:
    return reverse("requests_public:new") + f"?kantor={office.code}"


def pdf(name: str = "dokumen.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def form_data(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "submission_key": KEY,
        "kind": RequesterKind.INDIVIDUAL,
        "name": "Siti Rahmawati",
        "nik": VALID_NIK,
        "ktp_scan": SimpleUploadedFile("ktp.png", PNG_BYTES, content_type="image/png"),
        "address": "Jl. Asia Afrika No. 1, Bandung",
        "email": "siti@example.org",
        "phone": "081234567890",
        "occupation": "Mahasiswa",
        "information_requested": "Daftar pemilih tetap Kecamatan Sumur Bandung, Pemilu 2024",
        "purpose": "Penelitian skripsi",
        "obtain_method": "soft_copy",
        "delivery_method": "email",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


def errors_of(response: Any) -> dict[str, list[str]]:
    form = response.context["form"]
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


def test_it_asks_for_the_office_first(client: Client, office: Office) -> None:
    response = client.get(reverse("requests_public:new"))

    assert response.status_code == 200
    assert "requests/public/choose_office.html" in [t.name for t in response.templates]
    assert f'value="{office.code}"' in response.content.decode()


def test_it_refuses_an_unknown_office_code(client: Client, db: None) -> None:
    response = client.get(reverse("requests_public:new") + "?kantor=99.99")

    assert "requests/public/choose_office.html" in [t.name for t in response.templates]
    assert response.context["chooser"].errors


def test_it_shows_the_form_for_the_office_with_a_fresh_submission_key(client: Client, office: Office) -> None:
    first = client.get(url(office))
    second = client.get(url(office))

    assert office.name in first.content.decode()
    key = first.context["form"].initial["submission_key"]
    assert len(key) == 32
    assert key != second.context["form"].initial["submission_key"]
    assert 'enctype="multipart/form-data"' in first.content.decode()


def test_it_prefills_name_and_contact_for_a_logged_in_requester(client: Client, office: Office) -> None:
    user: User = RequesterFactory(full_name="Budi Santoso", email="budi@example.org", phone="0811")
    client.force_login(user)

    form = client.get(url(office)).context["form"]

    assert form.initial["name"] == "Budi Santoso"
    assert form.initial["email"] == "budi@example.org"


def test_it_registers_one_request_with_its_attachments_and_checksums(client: Client, office: Office) -> None:
    data = form_data(attachments=[pdf("lampiran-1.pdf"), pdf("lampiran-2.pdf")])

    response = client.post(url(office), data)

    request = InformationRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("requests_public:receipt", args=[request.pk])
    assert request.office == office
    assert request.requester.nik == VALID_NIK
    assert request.submission_key == KEY
    kinds = sorted(a.kind for a in request.attachments.all())
    assert kinds == [AttachmentKind.KTP, AttachmentKind.SUPPORTING, AttachmentKind.SUPPORTING]
    ktp = request.attachments.get(kind=AttachmentKind.KTP)
    assert ktp.sha256 == hashlib.sha256(PNG_BYTES).hexdigest()
    assert ktp.content_type == "image/png"


def test_a_double_submission_with_the_same_key_creates_one_request(client: Client, office: Office) -> None:
    first = client.post(url(office), form_data())
    second = client.post(url(office), form_data())

    assert InformationRequest.objects.count() == 1
    assert RequestAttachment.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_logged_in_requester_owns_the_request(client: Client, office: Office) -> None:
    user: User = RequesterFactory()
    client.force_login(user)

    client.post(url(office), form_data())

    assert InformationRequest.objects.get().requester.user == user


def test_a_staff_member_asking_online_does_not_become_the_owner(client: Client, office: Office, desk: User) -> None:
    client.force_login(desk)

    client.post(url(office), form_data())

    assert InformationRequest.objects.get().requester.user is None


def test_a_legal_entity_gives_its_number_and_deed_and_no_nik_is_kept(client: Client, office: Office) -> None:
    data = form_data(
        kind=RequesterKind.LEGAL_ENTITY, ktp_scan=None, legal_number="AHU-0012345.AH.01.07", deed_scan=pdf()
    )

    client.post(url(office), data)

    requester = InformationRequest.objects.get().requester
    assert requester.legal_number == "AHU-0012345.AH.01.07"
    assert requester.nik == ""
    assert [a.kind for a in InformationRequest.objects.get().attachments.all()] == [AttachmentKind.DEED]


def test_a_group_needs_a_proxy_a_power_of_attorney_and_the_proxys_ktp(client: Client, office: Office) -> None:
    response = client.post(url(office), form_data(kind=RequesterKind.GROUP, ktp_scan=None, nik=""))

    errors = errors_of(response)
    assert set(errors) == {"proxy_name", "power_of_attorney", "proxy_ktp"}
    assert InformationRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("12345", "16"),
        ("9973010101900001", "province"),
        ("3273019901900001", "birth date"),
    ],
)
def test_it_explains_a_bad_nik(client: Client, office: Office, nik: str, message: str) -> None:
    response = client.post(url(office), form_data(nik=nik))

    assert message in " ".join(errors_of(response)["nik"])
    assert InformationRequest.objects.count() == 0


def test_it_names_every_missing_required_field(client: Client, office: Office) -> None:
    data = form_data(name="", address="", information_requested="", purpose="", obtain_method=None)

    response = client.post(url(office), data)

    assert {"name", "address", "information_requested", "purpose", "obtain_method"} <= set(errors_of(response))
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert 'href="#id_information_requested"' in html
    assert 'aria-describedby="id_name_error' in html


def test_it_wants_an_email_or_a_phone(client: Client, office: Office) -> None:
    response = client.post(url(office), form_data(email="", phone=""))

    assert errors_of(response)["email"] == ["Give an e-mail address or a telephone number so that we can answer you."]


def test_a_phone_alone_is_enough(client: Client, office: Office) -> None:
    client.post(url(office), form_data(email=""))

    assert InformationRequest.objects.count() == 1


def test_it_refuses_an_oversized_upload_and_asks_to_choose_it_again(
    client: Client, office: Office, settings: Any
) -> None:
    settings.MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("besar.pdf", PDF_BYTES + b"0" * (1024 * 1024), content_type="application/pdf")

    response = client.post(url(office), form_data(attachments=[big]))

    (message,) = errors_of(response)["attachments"]
    assert "larger than 1 MB" in message
    assert "Choose the file again." in message
    assert InformationRequest.objects.count() == 0


def test_it_refuses_a_file_that_is_not_a_pdf_or_image_whatever_its_name(client: Client, office: Office) -> None:
    fake = SimpleUploadedFile("ktp.png", b"MZ\x90\x00 not an image", content_type="image/png")

    response = client.post(url(office), form_data(ktp_scan=fake))

    assert "is not a PDF, JPEG or PNG file" in errors_of(response)["ktp_scan"][0]
    assert InformationRequest.objects.count() == 0


def test_it_keeps_what_was_typed_and_says_files_must_be_chosen_again(client: Client, office: Office) -> None:
    response = client.post(url(office), form_data(nik="12345"))

    html = response.content.decode()
    assert "Daftar pemilih tetap Kecamatan Sumur Bandung" in html
    assert "Jl. Asia Afrika No. 1" in html
    assert f'value="{KEY}"' in html
    assert "choose your files again" in html


def test_the_receipt_page_shows_number_deadline_and_explanation(client: Client, office: Office) -> None:
    receipt = client.get(client.post(url(office), form_data())["Location"])

    request = InformationRequest.objects.get()
    html = receipt.content.decode()
    assert request.registration_number in html
    assert request.notice_due_on is not None
    assert receipt.context["item"].due_on == request.notice_due_on
    assert "How this deadline was counted" in html
    assert "day 0" in html
    assert reverse("requests_public:receipt_pdf", args=[request.pk]) in html
    assert VALID_NIK not in html


def test_the_receipt_is_not_shown_to_another_browser(client: Client, office: Office) -> None:
    client.post(url(office), form_data())
    request = InformationRequest.objects.get()

    other = Client()

    assert other.get(reverse("requests_public:receipt", args=[request.pk])).status_code == 404
    assert other.get(reverse("requests_public:receipt_pdf", args=[request.pk])).status_code == 404


def test_the_receipt_pdf_is_served_to_the_submitting_browser_and_to_staff(
    client: Client, office: Office, desk: User
) -> None:
    client.post(url(office), form_data())
    request = InformationRequest.objects.get()
    staff = Client()
    staff.force_login(desk)

    for browser in (client, staff):
        response = browser.get(reverse("requests_public:receipt_pdf", args=[request.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
