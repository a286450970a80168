"""The daily legal job: warnings two working days before objection, order, dispute and task deadlines
and once when one is missed, each to the role that must act, never twice."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.disputes.jobs import legal_daily
from ppid.disputes.models import Dispute, FollowUpTask
from ppid.disputes.services import (
    DisputeData,
    RulingData,
    dispute_appeal,
    dispute_record,
    dispute_record_ruling,
    dispute_schedule_session,
    task_complete,
)
from ppid.disputes.tasks import legal_daily as legal_daily_task
from ppid.disputes.workflow import TaskKind
from ppid.events.models import Event
from ppid.notifications.models import OutboxMessage, OutboxStatus
from ppid.objections.demo import working_days_before
from ppid.objections.models import Objection
from ppid.objections.services import objection_decide, objection_fulfil_order
from ppid.offices.models import Office
from ppid.requests.models import DeliveryMethod, InformationRequest
from ppid.requests.services import request_decide
from ppid.requests.workflow import Outcome as RequestOutcome
from ppid.requests.workflow import Status as RequestStatus
from ppid.workdays.engine import Calendar
from ppid.workdays.selectors import calendar_for_office
from tests.legal.conftest import QUIET_MONDAY
from tests.requests.conftest import granted_in_full
from tests.workdays.conftest import frozen_now

WIB = QUIET_MONDAY.tzinfo


def at(day: datetime.date, hour: int = 6) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=WIB)


def run(day: datetime.date) -> Any:
    with frozen_now(at(day)):
        return legal_daily()


def warnings(ref: str = "") -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(dedupe_key__startswith=f"legal-reminder:{ref}").order_by("pk"))


def events(obj: Objection | Dispute, event_type: str) -> int:
    return Event.objects.for_object(obj).filter(event_type=event_type).count()


@pytest.fixture
def calendar(office: Office) -> Calendar:
    return calendar_for_office(office)


@pytest.fixture
def team(
    atasan: User,
    ppid_officer: User,
    desk: User,
    legal_unit: User,
    staff: Callable[..., User],
    office_jateng: Office,
) -> dict[str, User]:
    """Everyone who could be warned at the office, and an Atasan elsewhere who must not be."""
    return {
        "atasan": atasan,
        "ppid": ppid_officer,
        "desk": desk,
        "legal": legal_unit,
        "other_atasan": staff(Role.ATASAN, office_jateng),
    }


@pytest.fixture
def refused(
    request_in: Callable[[str], InformationRequest], team: dict[str, User]
) -> Callable[[datetime.datetime], InformationRequest]:
    """`refused(moment)`: a request refused under Pasal 17 at `moment` (ground a applies)."""

    def make(moment: datetime.datetime) -> InformationRequest:
        with frozen_now(moment):
            request = request_in(RequestStatus.REGISTERED)
            request_decide(
                request=request,
                actor=team["ppid"],
                data=granted_in_full(
                    outcome=RequestOutcome.REFUSED,
                    exemption_ground="h",
                    reasoning="Data pribadi.",
                    information_given="",
                ),
            )
        request.refresh_from_db()
        return request

    return make


@pytest.fixture
def objection(
    refused: Callable[[datetime.datetime], InformationRequest], file_objection: Callable[..., Objection]
) -> Objection:
    """Registered on a quiet Monday; the Atasan PPID's answer is due 30 working days later."""
    request = refused(QUIET_MONDAY)
    with frozen_now(QUIET_MONDAY):
        return file_objection(request, "a")


def test_two_working_days_before_the_answer_is_due_the_atasan_is_reminded(
    objection: Objection, team: dict[str, User], calendar: Calendar
) -> None:
    report = run(working_days_before(calendar, objection.answer_due_on, 2))

    [message] = warnings()
    assert message.to == [team["atasan"].email]
    assert message.dedupe_key == f"legal-reminder:objection:{objection.pk}:answer:due_soon:{objection.answer_due_on}"
    assert objection.objection_number in message.subject
    assert message.office == objection.office
    assert f"/staf/keberatan/{objection.pk}/" in message.body
    assert objection.request.requester.nik not in message.body
    assert report.due_soon == [f"{objection.objection_number} (answer)"]
    event = Event.objects.for_object(objection).get(event_type="objection.answer_reminder")
    assert event.actor is None
    assert event.payload["due_on"] == objection.answer_due_on.isoformat()
    assert event.payload["recipients"] == 1


def test_no_reminder_earlier_than_two_working_days(
    objection: Objection, team: dict[str, User], calendar: Calendar
) -> None:
    run(working_days_before(calendar, objection.answer_due_on, 3))

    assert warnings() == []
    assert events(objection, "objection.answer_reminder") == 0


def test_the_reminder_is_sent_once_however_often_the_job_runs(
    objection: Objection, team: dict[str, User], calendar: Calendar
) -> None:
    day = working_days_before(calendar, objection.answer_due_on, 2)
    run(day)
    second = run(day)
    run(calendar.next_working_day(day))

    assert len(warnings()) == 1
    assert events(objection, "objection.answer_reminder") == 1
    assert second.already_sent == 1
    assert second.due_soon == []


def test_a_missed_answer_is_warned_once_from_the_day_after(objection: Objection, team: dict[str, User]) -> None:
    due = objection.answer_due_on
    assert run(due).overdue == []  # the deadline is the end of its day

    report = run(due + datetime.timedelta(days=1))
    run(due + datetime.timedelta(days=2))
    run(due + datetime.timedelta(days=3))

    assert report.overdue == [f"{objection.objection_number} (answer)"]
    [message] = warnings(f"objection:{objection.pk}:answer:overdue")
    assert message.to == [team["atasan"].email]
    assert events(objection, "objection.answer_overdue") == 1


def test_answered_objections_are_not_warned(objection: Objection, team: dict[str, User], calendar: Calendar) -> None:
    with frozen_now(QUIET_MONDAY + datetime.timedelta(days=1)):
        objection_decide(objection=objection, actor=team["atasan"], grant=False, reasons="Pengecualian sah.")

    run(working_days_before(calendar, objection.answer_due_on, 1))
    run(objection.answer_due_on + datetime.timedelta(days=1))

    assert warnings() == []
    assert Event.objects.filter(event_type__in=["objection.answer_reminder", "objection.answer_overdue"]).count() == 0


def test_the_ppid_is_warned_of_the_atasans_order_until_it_is_carried_out(
    objection: Objection, team: dict[str, User], calendar: Calendar
) -> None:
    order_due = calendar.add_working_days(QUIET_MONDAY.date(), 10)
    with frozen_now(QUIET_MONDAY + datetime.timedelta(hours=2)):
        objection_decide(
            objection=objection,
            actor=team["atasan"],
            grant=True,
            reasons="Tidak dikecualikan.",
            order_text="Salinan DPT.",
            order_due_on=order_due,
        )

    soon = run(working_days_before(calendar, order_due, 2))
    late = run(order_due + datetime.timedelta(days=1))

    assert soon.due_soon == [f"{objection.objection_number} (order)"]
    assert late.overdue == [f"{objection.objection_number} (order)"]
    assert [m.to for m in warnings()] == [[team["ppid"].email]] * 2
    assert "Salinan DPT." in warnings()[0].body
    assert events(objection, "objection.order_reminder") == events(objection, "objection.order_overdue") == 1

    with frozen_now(at(order_due + datetime.timedelta(days=1), 9)):
        objection_fulfil_order(objection=objection, actor=team["ppid"], method=DeliveryMethod.EMAIL)
    OutboxMessage.objects.all().delete()  # so that only the order's state keeps it quiet
    assert run(order_due + datetime.timedelta(days=2)).overdue == []


@pytest.fixture
def dispute(objection: Objection, team: dict[str, User]) -> Dispute:
    """Upheld the next day, recorded at the Commission and registered the same day."""
    moment = QUIET_MONDAY + datetime.timedelta(days=1)
    with frozen_now(moment):
        upheld = objection_decide(objection=objection, actor=team["atasan"], grant=False, reasons="Sah.")
        return dispute_record(
            objection=upheld,
            actor=team["legal"],
            data=DisputeData(commission="Komisi Informasi Provinsi Jawa Barat", filed_on=moment.date()),
        )


def test_the_legal_unit_is_warned_when_the_commission_should_start_and_settle(
    dispute: Dispute, team: dict[str, User], calendar: Calendar
) -> None:
    assert dispute.ki_start_due_on is not None and dispute.ki_settlement_due_on is not None
    run(working_days_before(calendar, dispute.ki_start_due_on, 2))
    run(dispute.ki_start_due_on + datetime.timedelta(days=1))
    with frozen_now(at(dispute.ki_start_due_on + datetime.timedelta(days=2), 10)):
        dispute_schedule_session(
            dispute=dispute, actor=team["legal"], kind="adjudication", held_on=dispute.ki_start_due_on
        )
    run(dispute.ki_start_due_on + datetime.timedelta(days=3))  # started: the start period no longer counts
    run(working_days_before(calendar, dispute.ki_settlement_due_on, 1))

    keys = [m.dedupe_key.split(":", 3)[3] for m in warnings()]
    assert keys == [
        f"ki_start:due_soon:{dispute.ki_start_due_on}",
        f"ki_start:overdue:{dispute.ki_start_due_on}",
        f"ki_settlement:due_soon:{dispute.ki_settlement_due_on}",
    ]
    assert all(m.to == [team["legal"].email] for m in warnings())
    assert "/staf/sengketa/" in warnings()[0].body
    assert events(dispute, "dispute.deadline_reminder") == 2
    assert events(dispute, "dispute.deadline_overdue") == 1


def test_after_a_ruling_the_appeal_window_and_the_follow_up_task_are_warned(
    dispute: Dispute, team: dict[str, User], calendar: Calendar
) -> None:
    ruled = QUIET_MONDAY + datetime.timedelta(days=14)
    with frozen_now(ruled):
        dispute_schedule_session(dispute=dispute, actor=team["legal"], kind="adjudication", held_on=ruled.date())
        dispute_record_ruling(
            dispute=dispute,
            actor=team["legal"],
            data=RulingData(
                forum="ki",
                number="7/KIP-JB/2026",
                ruled_on=ruled.date(),
                received_on=ruled.date(),
                orders=["cancel_decision", "disclose_full"],
            ),
        )
    dispute.refresh_from_db()
    assert dispute.appeal_due_on is not None
    follow_up = FollowUpTask.objects.get(dispute=dispute, kind=TaskKind.FOLLOW_UP)
    assert follow_up.due_on == dispute.appeal_due_on

    report = run(working_days_before(calendar, dispute.appeal_due_on, 2))

    assert sorted(report.due_soon) == [f"{dispute.dispute_number} (appeal)", f"{dispute.dispute_number} (task)"]
    by_key = {m.dedupe_key.split(":")[1]: m for m in warnings()}
    assert by_key["dispute"].to == [team["legal"].email]
    assert by_key["task"].to == [team["atasan"].email]  # seed c.5: the Atasan follows up
    assert follow_up.description in by_key["task"].body
    assert events(dispute, "dispute.task_reminder") == 1
    assert Event.objects.for_object(dispute).get(event_type="dispute.task_reminder").payload["task"] == str(
        follow_up.pk
    )

    # The Atasan reports the follow-up and the legal unit appeals: nothing is overdue after that.
    with frozen_now(at(dispute.appeal_due_on, 9)):
        task_complete(task=follow_up, actor=team["atasan"], result="Banding diajukan.")
        dispute_appeal(
            dispute=dispute, actor=team["legal"], forum="ptun", filed_on=dispute.appeal_due_on, appellant="PPID"
        )
    assert run(dispute.appeal_due_on + datetime.timedelta(days=1)).overdue == []


def test_a_deadline_nobody_can_be_warned_of_is_kept_as_a_failed_message(
    refused: Callable[[datetime.datetime], InformationRequest],
    file_objection: Callable[..., Objection],
    team: dict[str, User],
    calendar: Calendar,
) -> None:
    team["atasan"].email = ""
    team["atasan"].save(update_fields=["email"])
    request = refused(QUIET_MONDAY)
    with frozen_now(QUIET_MONDAY):
        objection = file_objection(request, "a")

    report = run(working_days_before(calendar, objection.answer_due_on, 2))

    [message] = warnings()
    assert message.status == OutboxStatus.FAILED
    assert report.without_recipients == [f"{objection.objection_number} (answer)"]


def test_the_number_of_queries_does_not_grow_with_deadlines_that_are_not_due_or_already_warned(
    objection: Objection,
    refused: Callable[[datetime.datetime], InformationRequest],
    file_objection: Callable[..., Objection],
    team: dict[str, User],
    calendar: Calendar,
    django_assert_num_queries: Any,
) -> None:
    day = working_days_before(calendar, objection.answer_due_on, 2)
    with frozen_now(at(day)), CaptureQueriesContext(connection) as only_one:
        legal_daily()
    OutboxMessage.objects.all().delete()
    # Five more objections registered later: their answers are not near.
    later = at(calendar.add_working_days(QUIET_MONDAY.date(), 3), 10)
    for _ in range(5):
        with frozen_now(later):
            file_objection(refused(later), "a")
    # An objection answered and a dispute at the Commission whose deadlines lie far ahead.
    with frozen_now(later):
        upheld = objection_decide(
            objection=file_objection(refused(later), "a"), actor=team["atasan"], grant=False, reasons="Sah."
        )
        dispute_record(
            objection=upheld,
            actor=team["legal"],
            data=DisputeData(commission="Komisi Informasi Provinsi Jawa Barat", filed_on=later.date()),
        )

    with frozen_now(at(day)), django_assert_num_queries(len(only_one.captured_queries)):
        report = legal_daily()
    assert report.due_soon == [f"{objection.objection_number} (answer)"]
    # Run again: the one warning is now sent, and costs no more than finding it was.
    with frozen_now(at(day)), CaptureQueriesContext(connection) as again:
        assert legal_daily().already_sent == 1
    assert len(again.captured_queries) <= 6


def test_the_management_command_reports_what_it_did(
    objection: Objection, team: dict[str, User], calendar: Calendar, capsys: Any
) -> None:
    with frozen_now(at(working_days_before(calendar, objection.answer_due_on, 2))):
        call_command("legal_daily")

    out = capsys.readouterr().out
    assert f"due soon: {objection.objection_number} (answer)" in out
    assert "due_soon=1" in out


def test_the_celery_task_runs_the_same_job(objection: Objection, team: dict[str, User], calendar: Calendar) -> None:
    with frozen_now(at(working_days_before(calendar, objection.answer_due_on, 2))):
        summary = legal_daily_task.delay().get()

    assert "due_soon=1" in summary
    assert len(warnings()) == 1
