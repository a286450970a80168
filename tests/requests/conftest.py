"""Generic fixtures for the request tests: offices, staff per role, intake data, uploads."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.offices.models import Office
from ppid.requests.models import Channel, DeliveryMethod, InformationRequest, ObtainMethod, RequesterKind
from ppid.requests.services import (
    IntakeData,
    request_assign,
    request_confirm_receipt,
    request_decide,
    request_deliver,
    request_forward,
    request_lapse,
    request_mark_incomplete,
    request_reopen,
    request_submit,
    request_withdraw,
)
from ppid.requests.services.handling import NoticeData
from ppid.requests.workflow import Outcome, Status
from tests.factories import RequesterFactory, user_with_role
from tests.workdays.conftest import frozen_now

VALID_NIK = "3273010101900001"  # Kota Bandung, born 1 January 1990, serial 0001
# Memberships start long before any frozen moment the tests use (the factory default is today).
LONG_AGO = datetime.date(2020, 1, 1)

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture(autouse=True)
def _media_root(settings: Any, tmp_path: Path) -> None:
    # Attachments and PDFs go to a throwaway directory, never the project's media/.
    settings.MEDIA_ROOT = tmp_path / "media"
    # WhiteNoise warns (an error under filterwarnings=error) when collectstatic has not run.
    settings.STATIC_ROOT = tmp_path / "static"


@pytest.fixture
def valid_nik() -> str:
    return VALID_NIK


@pytest.fixture
def office(office_bandung: Office) -> Office:
    """The office most request tests happen at: KPU Kota Bandung (32.73, WIB)."""
    return office_bandung


@pytest.fixture
def staff(db: None) -> Callable[..., User]:
    """`staff(role, office)`: a user holding `role` at `office` since 2020 (valid under frozen time)."""

    def make(role: str, office: Office, **kwargs: Any) -> User:
        kwargs.setdefault("valid_from", LONG_AGO)
        return user_with_role(role, office, **kwargs)

    return make


@pytest.fixture
def desk(staff: Callable[..., User], office: Office) -> User:
    return staff(Role.DESK, office)


@pytest.fixture
def ppid_officer(staff: Callable[..., User], office: Office) -> User:
    return staff(Role.PPID, office)


@pytest.fixture
def atasan(staff: Callable[..., User], office: Office) -> User:
    return staff(Role.ATASAN, office)


@pytest.fixture
def liaison(staff: Callable[..., User], office: Office) -> User:
    return staff(Role.TIM_PENGHUBUNG, office)


@pytest.fixture
def requester_user(db: None) -> User:
    """A citizen with a requester account."""
    user: User = RequesterFactory()  # type: ignore[no-untyped-call,assignment]
    return user


def build_intake(**overrides: Any) -> IntakeData:
    """A complete individual's request (RULES.md §4); override any field."""
    values: dict[str, Any] = {
        "kind": RequesterKind.INDIVIDUAL,
        "name": "Siti Rahmawati",
        "address": "Jl. Asia Afrika No. 1, Bandung",
        "information_requested": "Daftar pemilih tetap Kecamatan Sumur Bandung, Pemilu 2024",
        "purpose": "Penelitian skripsi",
        "obtain_method": ObtainMethod.SOFT_COPY,
        "delivery_method": DeliveryMethod.EMAIL,
        "email": "siti@example.org",
        "phone": "081234567890",
        "nik": VALID_NIK,
    }
    values.update(overrides)
    return IntakeData(**values)


@pytest.fixture
def intake() -> Callable[..., IntakeData]:
    """`intake(**overrides)`: an IntakeData for a valid individual's request."""
    return build_intake


@pytest.fixture
def submit(office: Office) -> Callable[..., InformationRequest]:
    """`submit(**kwargs)`: an online request at `office` by default; kwargs go to request_submit,
    `data=` replaces the intake data."""

    def make(**kwargs: Any) -> InformationRequest:
        kwargs.setdefault("office", office)
        kwargs.setdefault("data", build_intake())
        kwargs.setdefault("channel", Channel.ONLINE)
        return request_submit(**kwargs)

    return make


def granted_in_full(**overrides: Any) -> NoticeData:
    """A valid written notice granting the request in full; override any field."""
    values: dict[str, Any] = {
        "outcome": Outcome.GRANTED_FULL,
        "delivery_method": DeliveryMethod.EMAIL,
        "information_given": "Salinan DPT Kecamatan Sumur Bandung (PDF)",
        "delivery_format": "PDF",
    }
    values.update(overrides)
    return NoticeData(**values)


@pytest.fixture
def request_in(
    submit: Callable[..., InformationRequest],
    requester_user: User,
    desk: User,
    ppid_officer: User,
    atasan: User,
    office_jateng: Office,
) -> Callable[[str], InformationRequest]:
    """`request_in(status)`: an online request by `requester_user` at `office`, brought to `status`
    through the services at the current (possibly frozen) time. LAPSED moves the clock on by a
    month inside; FORWARDED returns the original (forwarded to KPU Provinsi Jawa Tengah); REOPENED is
    a request never answered that the Atasan PPID ordered answered (objection ground c)."""

    def make(status: str) -> InformationRequest:
        request = submit(actor=requester_user)
        if status in (Status.INCOMPLETE, Status.LAPSED):
            request = request_mark_incomplete(request=request, actor=desk, missing="Scan KTP")
        if status == Status.LAPSED:
            assert request.completion_due_on is not None
            later = timezone.now() + datetime.timedelta(days=31)
            with frozen_now(later):
                request = request_lapse(request=request)
        if status == Status.IN_PROGRESS:
            unit = request.office.work_units.filter(is_legal_unit=False).order_by("name").first()
            assert unit is not None
            request = request_assign(request=request, actor=desk, work_units=[unit])
        if status in (Status.DECIDED, Status.DELIVERED, Status.CLOSED):
            request_decide(request=request, actor=ppid_officer, data=granted_in_full())
        if status in (Status.DELIVERED, Status.CLOSED):
            request_deliver(request=request, actor=desk, method=DeliveryMethod.EMAIL)
        if status == Status.CLOSED:
            request_confirm_receipt(request=request, actor=requester_user)
        if status == Status.WITHDRAWN:
            request_withdraw(request=request, actor=requester_user)
        if status == Status.FORWARDED:
            request_forward(request=request, actor=ppid_officer, to_office=office_jateng)
        if status == Status.REOPENED:
            due_on = timezone.localdate() + datetime.timedelta(days=14)
            request_reopen(request=request, actor=atasan, due_on=due_on, objection_number="00001/KEB/32.73/2026")
        request.refresh_from_db()
        assert request.status == status
        return request

    return make


@pytest.fixture
def pdf_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("surat-kuasa.pdf", PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def png_upload() -> SimpleUploadedFile:
    return SimpleUploadedFile("ktp.png", PNG_BYTES, content_type="image/png")
