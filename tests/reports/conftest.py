"""Fixtures for the reports: a hand-built service year at KPU Kota Bandung whose figures are known
(every record made through the services, with frozen time in June 2026)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from ppid.accounts.models import User
from ppid.disputes.models import Dispute
from ppid.disputes.services import DisputeData, dispute_record
from ppid.objections.models import Objection
from ppid.objections.services import objection_decide
from ppid.requests.models import InformationRequest
from ppid.requests.services import request_decide
from ppid.requests.workflow import Outcome
from ppid.requests.workflow import Status as RequestStatus
from tests.legal.conftest import (  # noqa: F401  (fixtures shared with the legal tests)
    QUIET_MONDAY,
    _media_root,
    atasan,
    desk,
    file_objection,
    granted_in_full,
    intake,
    legal_unit,
    liaison,
    office,
    ppid_officer,
    request_in,
    requester_user,
    staff,
    submit,
    valid_nik,
)
from tests.workdays.conftest import frozen_now, national, sysadmin  # noqa: F401

DAY = datetime.timedelta(days=1)


@dataclass
class KnownYear:
    """What the hand-built June holds at KPU Kota Bandung."""

    refused: InformationRequest
    late: InformationRequest
    open_request: InformationRequest
    objection: Objection
    dispute: Dispute


@pytest.fixture
def known_year(
    request_in: Callable[[str], InformationRequest],
    ppid_officer: User,
    atasan: User,
    legal_unit: User,
    file_objection: Callable[..., Objection],
) -> KnownYear:
    """Five requests received on Monday 8 June 2026: granted in full on Tuesday (1 working day),
    granted in part on Wednesday (2), refused under Pasal 17 huruf h on Friday (4), one answered
    on 3 August (well past its 10 working days), one never answered (overdue after June).
    One objection on the refusal, upheld; one dispute at the Commission."""

    def decide_on(request: InformationRequest, moment: datetime.datetime, **notice: str) -> None:
        with frozen_now(moment):
            request_decide(request=request, actor=ppid_officer, data=granted_in_full(**notice))
        request.refresh_from_db()

    with frozen_now(QUIET_MONDAY):
        full = request_in(RequestStatus.REGISTERED)
        part = request_in(RequestStatus.REGISTERED)
        refused = request_in(RequestStatus.REGISTERED)
        late = request_in(RequestStatus.REGISTERED)
        open_request = request_in(RequestStatus.REGISTERED)
    decide_on(full, QUIET_MONDAY + DAY)
    decide_on(part, QUIET_MONDAY + 2 * DAY, outcome=Outcome.GRANTED_PART, blacked_out="NIK", exemption_ground="h")
    decide_on(
        refused,
        QUIET_MONDAY + 4 * DAY,
        outcome=Outcome.REFUSED,
        exemption_ground="h",
        reasoning="Data pribadi.",
        information_given="",
    )
    decide_on(late, datetime.datetime(2026, 8, 3, 10, 0, tzinfo=QUIET_MONDAY.tzinfo))
    with frozen_now(QUIET_MONDAY + 5 * DAY):
        objection = file_objection(refused, "a")
    with frozen_now(QUIET_MONDAY + 8 * DAY):
        objection = objection_decide(objection=objection, actor=atasan, grant=False, reasons="Pengecualian sah.")
    with frozen_now(QUIET_MONDAY + 9 * DAY):
        dispute = dispute_record(
            objection=objection,
            actor=legal_unit,
            data=DisputeData(commission="Komisi Informasi Provinsi Jawa Barat", filed_on=datetime.date(2026, 6, 17)),
        )
    return KnownYear(refused=refused, late=late, open_request=open_request, objection=objection, dispute=dispute)
