"""The annual report's workflow: figures equal the hand-built year, frozen at submission, and each
step allowed only to its role (Perki 1/2021 Pasal 56)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.annual.models import AnnualReport
from ppid.annual.services import (
    AnnualReportStateError,
    annual_report_approve,
    annual_report_create,
    annual_report_publish,
    annual_report_return,
    annual_report_submit,
    annual_report_update,
)
from ppid.annual.workflow import Status
from ppid.events.models import Event
from ppid.offices.models import Office
from ppid.requests.models import InformationRequest
from ppid.requests.workflow import Status as RequestStatus
from tests.annual.conftest import QUIET_MONDAY, REPORT_YEAR, KnownYear, frozen_now

pytestmark = pytest.mark.django_db


def test_submitted_figures_equal_the_hand_built_year(
    draft: AnnualReport, known_year: KnownYear, ppid_officer: User
) -> None:
    report = annual_report_submit(report=draft, actor=ppid_officer)
    requests = report.figures["requests"]
    assert requests["received"] == known_year.received
    assert requests["decided"] == known_year.decided
    assert requests["outcomes"]["granted_full"] == known_year.granted_full
    assert requests["outcomes"]["granted_part"] == known_year.granted_part
    assert requests["outcomes"]["refused"] == known_year.refused
    assert requests["refusal_grounds"]["h"] >= known_year.refused
    assert report.figures["objections"]["filed"] == known_year.objections
    assert report.figures["objections"]["outcomes"] == {"upheld": 1}


def test_a_province_report_rolls_up_its_regencies(
    known_year: KnownYear, staff: Callable[..., User], office_jabar: Office
) -> None:
    ppid_jabar = staff(Role.PPID, office_jabar)
    report = annual_report_create(office=office_jabar, year=REPORT_YEAR, actor=ppid_jabar)
    assert report.rollup
    annual_report_update(report=report, actor=ppid_jabar, narrative=dict.fromkeys(report.narrative(), "x"))
    report = annual_report_submit(report=report, actor=ppid_jabar)
    assert report.figures["requests"]["received"] == known_year.received


def test_figures_are_frozen_at_submission(
    draft: AnnualReport,
    known_year: KnownYear,
    ppid_officer: User,
    atasan: User,
    request_in: Callable[[str], InformationRequest],
) -> None:
    report = annual_report_submit(report=draft, actor=ppid_officer)
    with frozen_now(QUIET_MONDAY):
        request_in(RequestStatus.REGISTERED)  # a late entry for the same year
    annual_report_approve(report=report, actor=atasan)
    report = annual_report_publish(report=report, actor=ppid_officer)
    report.refresh_from_db()
    assert report.figures["requests"]["received"] == known_year.received
    assert report.status == Status.PUBLISHED
    assert report.pdf.name.endswith(".pdf")


def test_submit_needs_every_narrative_section(office: Office, ppid_officer: User) -> None:
    report = annual_report_create(office=office, year=REPORT_YEAR, actor=ppid_officer)
    annual_report_update(report=report, actor=ppid_officer, narrative={"general_policy": "Kebijakan."})
    with pytest.raises(ValidationError) as error:
        annual_report_submit(report=report, actor=ppid_officer)
    assert "budget" in error.value.message_dict
    assert "general_policy" not in error.value.message_dict
    report.refresh_from_db()
    assert report.status == Status.DRAFT and report.figures == {}


def test_one_report_per_office_and_year(draft: AnnualReport, ppid_officer: User) -> None:
    with pytest.raises(ValidationError):
        annual_report_create(office=draft.office, year=draft.year, actor=ppid_officer)


def test_only_the_ppid_prepares_and_only_the_atasan_approves(
    draft: AnnualReport, ppid_officer: User, atasan: User, desk: User
) -> None:
    with pytest.raises(PermissionDenied):
        annual_report_create(office=draft.office, year=REPORT_YEAR - 1, actor=atasan)
    with pytest.raises(PermissionDenied):
        annual_report_submit(report=draft, actor=desk)
    report = annual_report_submit(report=draft, actor=ppid_officer)
    with pytest.raises(PermissionDenied):
        annual_report_approve(report=report, actor=ppid_officer)
    report = annual_report_approve(report=report, actor=atasan)
    with pytest.raises(PermissionDenied):
        annual_report_publish(report=report, actor=atasan)


def test_the_atasan_returns_with_a_note_and_the_ppid_edits_again(
    draft: AnnualReport, ppid_officer: User, atasan: User
) -> None:
    report = annual_report_submit(report=draft, actor=ppid_officer)
    with pytest.raises(ValidationError):
        annual_report_return(report=report, actor=atasan, note="  ")
    report = annual_report_return(report=report, actor=atasan, note="Lengkapi anggaran.")
    assert report.status == Status.DRAFT and report.return_note == "Lengkapi anggaran."
    report = annual_report_update(report=report, actor=ppid_officer, narrative={"budget": "Rp 10.000.000"})
    assert report.budget == "Rp 10.000.000"
    report = annual_report_submit(report=report, actor=ppid_officer)
    assert report.return_note == ""
    types = list(Event.objects.filter(object_id=str(report.pk)).values_list("event_type", flat=True))
    assert "annual_report.returned" in types and types.count("annual_report.submitted") == 2


def test_steps_out_of_order_are_refused(draft: AnnualReport, ppid_officer: User, atasan: User) -> None:
    with pytest.raises(AnnualReportStateError):
        annual_report_approve(report=draft, actor=atasan)
    with pytest.raises(AnnualReportStateError):
        annual_report_publish(report=draft, actor=ppid_officer)
    annual_report_submit(report=draft, actor=ppid_officer)
    with pytest.raises(AnnualReportStateError):
        annual_report_update(report=draft, actor=ppid_officer, narrative={"budget": "lain"})


def test_the_snapshot_names_the_office_by_code_and_name_only(draft: AnnualReport, ppid_officer: User) -> None:
    report = annual_report_submit(report=draft, actor=ppid_officer)
    report.refresh_from_db()
    assert report.figures["office"] == {
        "code": draft.office.code,
        "name": draft.office.name,
        "level": draft.office.level,
    }
    assert report.figures["year"] == REPORT_YEAR
    assert report.figures["period"] == {"start": f"{REPORT_YEAR}-01-01", "end": f"{REPORT_YEAR}-12-31"}
    assert report.figures["workplan"] is None  # no work plan in this fixture
