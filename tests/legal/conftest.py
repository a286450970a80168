"""Fixtures for objections and disputes: the request fixtures plus the Atasan's and the legal
unit's people, and factories that bring an objection or a dispute to a given point through the
services (so every record in a test was made the way production makes it)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.disputes.models import Dispute
from ppid.disputes.services import DisputeData, dispute_record
from ppid.objections.models import Objection
from ppid.objections.services import ObjectionData, objection_decide, objection_file
from ppid.offices.models import Office
from ppid.requests.models import InformationRequest
from ppid.requests.services import request_decide
from ppid.requests.workflow import Outcome as RequestOutcome
from ppid.requests.workflow import Status as RequestStatus
from tests.requests.conftest import (  # noqa: F401  (fixtures shared with the request tests)
    _media_root,
    atasan,
    desk,
    granted_in_full,
    intake,
    liaison,
    office,
    pdf_upload,
    png_upload,
    ppid_officer,
    request_in,
    requester_user,
    staff,
    submit,
    valid_nik,
)
from tests.workdays.conftest import frozen_now, national, sysadmin  # noqa: F401

# A Monday in an ordinary month (no holidays in the weeks around it), 09:00 WIB.
QUIET_MONDAY = datetime.datetime(2026, 6, 8, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


@pytest.fixture
def legal_unit(staff: Callable[..., User], office: Office) -> User:
    unit = office.work_units.get(is_legal_unit=True)
    return staff(Role.LEGAL_UNIT, office, work_unit=unit)


@pytest.fixture
def refused_request(request_in: Callable[[str], InformationRequest], ppid_officer: User) -> InformationRequest:
    """A request the PPID refused under Pasal 17 huruf h (ground a applies)."""
    request = request_in(RequestStatus.REGISTERED)
    request_decide(
        request=request,
        actor=ppid_officer,
        data=granted_in_full(
            outcome=RequestOutcome.REFUSED,
            exemption_ground="h",
            reasoning="Memuat data pribadi pemilih (uji konsekuensi 2026).",
            information_given="",
        ),
    )
    request.refresh_from_db()
    return request


@pytest.fixture
def unanswered_request(
    request_in: Callable[[str], InformationRequest],
) -> Callable[[], InformationRequest]:
    """`unanswered_request()`: a request registered 20 days ago whose notice deadline has passed
    (ground c applies today). Call it outside any frozen_now of your own."""

    def make() -> InformationRequest:
        with frozen_now(timezone.now() - datetime.timedelta(days=20)):
            request = request_in(RequestStatus.REGISTERED)
        return request

    return make


@pytest.fixture
def file_objection(requester_user: User) -> Callable[..., Objection]:
    """`file_objection(request, grounds="a", **kwargs)`: filed online by the request's requester."""

    def make(request: InformationRequest, grounds: str = "a", **kwargs: Any) -> Objection:
        kwargs.setdefault("actor", requester_user)
        data = ObjectionData(grounds=list(grounds), reasons=kwargs.pop("reasons", "Informasi ini seharusnya terbuka."))
        return objection_file(request=request, data=data, **kwargs)

    return make


@pytest.fixture
def upheld_objection(
    refused_request: InformationRequest, file_objection: Callable[..., Objection], atasan: User
) -> Objection:
    """Ground a on a refusal, upheld by the Atasan PPID with reasons."""
    objection = file_objection(refused_request, "a")
    return objection_decide(
        objection=objection, actor=atasan, grant=False, reasons="Pengecualian sah menurut uji konsekuensi."
    )


@pytest.fixture
def dispute_at_ki(upheld_objection: Objection, legal_unit: User) -> Dispute:
    """A dispute recorded by the legal unit the day after the answer, registered the same day."""
    today = timezone.localdate()
    return dispute_record(
        objection=upheld_objection,
        actor=legal_unit,
        data=DisputeData(
            commission="Komisi Informasi Provinsi Jawa Barat", filed_on=today, ki_case_number="001/KIP-JB/2026"
        ),
    )
