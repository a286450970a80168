"""The daily job: lapses, and warnings two working days before a deadline and on the day it is missed."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.events.models import Event
from ppid.notifications.models import OutboxMessage, OutboxStatus
from ppid.offices.models import Office, WorkUnit, WorkUnitKind
from ppid.requests.jobs import DUE_SOON, OVERDUE, requests_daily
from ppid.requests.models import InformationRequest
from ppid.requests.services import request_assign, request_decide, request_extend, request_mark_incomplete
from ppid.requests.tasks import daily
from ppid.requests.workflow import Status
from tests.requests.conftest import granted_in_full
from tests.workdays.conftest import frozen_now

WIB = ZoneInfo("Asia/Jakarta")
# Tuesday 3 February 2026, 10:00 WIB. Ten working days on, past Imlek (Tuesday 17 February) and its
# cuti bersama (Monday 16 February), the written notice is due on Thursday 19 February.
RECEIVED = datetime.datetime(2026, 2, 3, 10, 0, tzinfo=WIB)
DUE = datetime.date(2026, 2, 19)


def at(day: datetime.date, hour: int = 6) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=WIB)


def run(day: datetime.date) -> Any:
    with frozen_now(at(day)):
        return requests_daily()


def reminders(kind: str | None = None) -> list[OutboxMessage]:
    messages = OutboxMessage.objects.filter(dedupe_key__startswith="reminder:").order_by("pk")
    return list(messages.filter(dedupe_key__contains=f":{kind}:") if kind else messages)


@pytest.fixture
def unit(office: Office) -> WorkUnit:
    found = office.work_units.filter(is_legal_unit=False).order_by("name").first()
    assert found is not None
    return found


@pytest.fixture
def other_unit(office: Office, unit: WorkUnit) -> WorkUnit:
    return WorkUnit.objects.create(office=office, name="Zz Subbagian Lain", kind=WorkUnitKind.SUBBAGIAN)


@pytest.fixture
def team(
    staff: Callable[..., User], office: Office, unit: WorkUnit, other_unit: WorkUnit, office_jateng: Office
) -> dict[str, User]:
    """Everyone who could be warned, and some who must not be."""
    return {
        "ppid": staff(Role.PPID, office),
        "atasan": staff(Role.ATASAN, office),
        "liaison": staff(Role.TIM_PENGHUBUNG, office, work_unit=unit),
        "desk": staff(Role.DESK, office),
        "other_liaison": staff(Role.TIM_PENGHUBUNG, office, work_unit=other_unit),
        "other_ppid": staff(Role.PPID, office_jateng),
    }


@pytest.fixture
def assigned(submit: Callable[..., InformationRequest], team: dict[str, User], unit: WorkUnit) -> InformationRequest:
    with frozen_now(RECEIVED):
        request = submit()
        request = request_assign(request=request, actor=team["desk"], work_units=[unit])
    assert request.due_on == DUE
    return request


def test_two_working_days_before_the_deadline_the_responsible_staff_are_warned(
    assigned: InformationRequest, team: dict[str, User]
) -> None:
    # 19 February less two working days, skipping 16 and 17 February, is Friday 13 February.
    report = run(datetime.date(2026, 2, 13))

    [message] = reminders(DUE_SOON)
    assert report.due_soon == [assigned.registration_number]
    assert set(message.to) == {team["ppid"].email, team["atasan"].email, team["liaison"].email}
    assert message.dedupe_key == f"reminder:{assigned.pk}:due_soon:2026-02-19"
    assert message.office == assigned.office
    assert assigned.registration_number in message.subject
    assert assigned.requester.nik not in message.body


def test_no_warning_before_the_two_working_days(assigned: InformationRequest, team: dict[str, User]) -> None:
    run(datetime.date(2026, 2, 12))

    assert reminders() == []


def test_the_job_is_idempotent_on_the_same_day_and_the_next(
    assigned: InformationRequest, team: dict[str, User]
) -> None:
    run(datetime.date(2026, 2, 13))
    second = run(datetime.date(2026, 2, 13))
    run(datetime.date(2026, 2, 18))

    assert len(reminders(DUE_SOON)) == 1
    assert second.already_sent == 1
    assert second.due_soon == []


def test_a_missed_run_is_caught_up_the_next_day(assigned: InformationRequest, team: dict[str, User]) -> None:
    run(datetime.date(2026, 2, 18))  # 13 February was missed

    assert len(reminders(DUE_SOON)) == 1


def test_on_the_day_the_deadline_is_missed_an_overdue_warning_goes_out_once(
    assigned: InformationRequest, team: dict[str, User]
) -> None:
    run(datetime.date(2026, 2, 19))
    assert reminders(OVERDUE) == []  # the deadline is the end of the 19th

    report = run(datetime.date(2026, 2, 20))
    run(datetime.date(2026, 2, 21))

    [message] = reminders(OVERDUE)
    assert report.overdue == [assigned.registration_number]
    assert message.dedupe_key == f"reminder:{assigned.pk}:overdue:2026-02-19"
    assert team["ppid"].email in message.to


def test_an_extension_brings_a_new_warning_for_the_new_deadline(
    assigned: InformationRequest, team: dict[str, User]
) -> None:
    run(datetime.date(2026, 2, 13))
    with frozen_now(at(datetime.date(2026, 2, 13), 9)):
        extended = request_extend(request=assigned, actor=team["ppid"], reason="Arsip di gudang")
    assert extended.extended_due_on is not None
    before = extended.extended_due_on - datetime.timedelta(days=2)
    while not run(before).due_soon:
        before += datetime.timedelta(days=1)

    keys = [m.dedupe_key for m in reminders(DUE_SOON)]
    assert keys[-1] == f"reminder:{assigned.pk}:due_soon:{extended.extended_due_on}"
    assert reminders(OVERDUE) == []
    assert run(datetime.date(2026, 2, 20)).overdue == []  # the old deadline no longer counts


def test_decided_requests_are_not_warned(assigned: InformationRequest, team: dict[str, User]) -> None:
    with frozen_now(RECEIVED):
        request_decide(request=assigned, actor=team["ppid"], data=granted_in_full())

    run(datetime.date(2026, 2, 13))
    run(datetime.date(2026, 2, 20))

    assert reminders() == []


def test_a_request_nobody_can_be_warned_about_is_kept_as_a_failed_message(
    submit: Callable[..., InformationRequest],
) -> None:
    with frozen_now(RECEIVED):
        request = submit()

    report = run(datetime.date(2026, 2, 13))

    [message] = reminders(DUE_SOON)
    assert report.without_recipients == [request.registration_number]
    assert message.status == OutboxStatus.FAILED


def test_the_number_of_queries_does_not_grow_with_requests_that_are_not_due(
    assigned: InformationRequest,
    submit: Callable[..., InformationRequest],
    team: dict[str, User],
    django_assert_num_queries: Any,
) -> None:
    day = datetime.date(2026, 2, 13)
    with frozen_now(at(day)), CaptureQueriesContext(connection) as only_one:
        requests_daily()
    OutboxMessage.objects.all().delete()
    with frozen_now(at(datetime.date(2026, 2, 11), 10)):
        for _ in range(5):
            submit()  # due in March: not near
        request_mark_incomplete(request=submit(), actor=team["desk"], missing="KTP")  # completes until 16 Feb

    with frozen_now(at(day)), django_assert_num_queries(len(only_one.captured_queries)):
        report = requests_daily()
    assert report.due_soon == [assigned.registration_number]


def test_an_incomplete_request_lapses_after_its_completion_period(
    submit: Callable[..., InformationRequest], team: dict[str, User]
) -> None:
    with frozen_now(RECEIVED):
        request = request_mark_incomplete(request=submit(), actor=team["desk"], missing="KTP")
    assert request.completion_due_on is not None

    assert run(request.completion_due_on).lapsed == []
    report = run(request.completion_due_on + datetime.timedelta(days=1))

    request.refresh_from_db()
    assert request.status == Status.LAPSED
    assert report.lapsed == [request.registration_number]
    assert Event.objects.for_object(request).filter(event_type="request.lapsed").count() == 1
    [message] = OutboxMessage.objects.filter(dedupe_key=f"request:{request.pk}:lapsed")
    assert message.to == ["siti@example.org"]
    assert run(request.completion_due_on + datetime.timedelta(days=2)).lapsed == []


def test_the_management_command_reports_what_it_did(
    assigned: InformationRequest, team: dict[str, User], capsys: Any
) -> None:
    with frozen_now(at(datetime.date(2026, 2, 13))):
        call_command("requests_daily")

    out = capsys.readouterr().out
    assert f"due soon: {assigned.registration_number}" in out
    assert "due_soon=1" in out


def test_the_celery_task_runs_the_same_job(assigned: InformationRequest, team: dict[str, User]) -> None:
    with frozen_now(at(datetime.date(2026, 2, 13))):
        summary = daily.delay().get()

    assert "due_soon=1" in summary
    assert len(reminders(DUE_SOON)) == 1
