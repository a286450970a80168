"""Fixtures for the annual report: a year of hand-built service at KPU Kota Bandung whose figures
are known (every record made through the services, with frozen time in the report year)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from ppid.accounts.models import User
from ppid.annual.models import AnnualReport
from ppid.annual.services import annual_report_create, annual_report_update
from ppid.annual.workflow import NARRATIVE_FIELDS
from ppid.objections.models import Objection
from ppid.objections.services import objection_decide
from ppid.offices.models import Office
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
    liaison,
    office,
    ppid_officer,
    request_in,
    requester_user,
    staff,
    submit,
    valid_nik,
)
from tests.workdays.conftest import frozen_now, national  # noqa: F401

REPORT_YEAR = QUIET_MONDAY.year


@dataclass
class KnownYear:
    """What the hand-built year holds: 4 requests received, 3 decided (1 in full, 1 in part, 1
    refused under Pasal 17 huruf h), 1 still open; 1 objection on the refusal, upheld."""

    received: int = 4
    decided: int = 3
    granted_full: int = 1
    granted_part: int = 1
    refused: int = 1
    objections: int = 1


@pytest.fixture
def known_year(
    request_in: Callable[[str], InformationRequest],
    ppid_officer: User,
    atasan: User,
    file_objection: Callable[..., Objection],
) -> KnownYear:
    with frozen_now(QUIET_MONDAY):
        request_in(RequestStatus.DECIDED)  # granted in full
        part = request_in(RequestStatus.REGISTERED)
        request_decide(
            request=part,
            actor=ppid_officer,
            data=granted_in_full(outcome=Outcome.GRANTED_PART, blacked_out="NIK dihitamkan", exemption_ground="h"),
        )
        refused = request_in(RequestStatus.REGISTERED)
        request_decide(
            request=refused,
            actor=ppid_officer,
            data=granted_in_full(
                outcome=Outcome.REFUSED, exemption_ground="h", reasoning="Data pribadi.", information_given=""
            ),
        )
        request_in(RequestStatus.REGISTERED)  # still open
        refused.refresh_from_db()
        objection = file_objection(refused, "a")
    with frozen_now(QUIET_MONDAY + datetime.timedelta(days=7)):
        objection_decide(objection=objection, actor=atasan, grant=False, reasons="Pengecualian sah.")
    return KnownYear()


def narrative_text() -> dict[str, str]:
    return {name: f"Isi bagian {name}." for name in NARRATIVE_FIELDS}


@pytest.fixture
def draft(office: Office, ppid_officer: User) -> AnnualReport:
    """A draft report of KPU Kota Bandung for the report year, narrative written."""
    report = annual_report_create(office=office, year=REPORT_YEAR, actor=ppid_officer)
    return annual_report_update(report=report, actor=ppid_officer, narrative=narrative_text())
