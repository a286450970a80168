"""Every deadline of the objection and dispute chain under both rule sets (RULES.md §7), with
frozen time, against a plain day-by-day count that does not use the calendar engine.

The chain runs through March 2026, so several periods cross Nyepi, Idul Fitri 1447 H and its
cuti bersama (18-24 March) and Good Friday (3 April)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from ppid.accounts.models import User
from ppid.disputes.services import (
    DisputeData,
    RulingData,
    dispute_appeal,
    dispute_record,
    dispute_record_ruling,
    dispute_schedule_session,
)
from ppid.objections.models import Objection
from ppid.objections.services import objection_decide
from ppid.requests.models import InformationRequest
from ppid.requests.services import request_decide
from ppid.requests.workflow import Status as RequestStatus
from ppid.workdays.models import CalendarDay, DeadlineRule, DeadlineStep, ElectionStage, RuleSet, RuleSetKind
from tests.requests.conftest import granted_in_full
from tests.workdays.conftest import frozen_now

WIB = ZoneInfo("Asia/Jakarta")
D = datetime.date


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 10, 0, tzinfo=WIB)


def plain_count(day_zero: datetime.date, n: int) -> datetime.date:
    """The nth working day after `day_zero` (a working day, received during office hours)."""
    off = set(
        CalendarDay.objects.filter(scope="all", is_active=True)
        .exclude(kind="extra_working_day")
        .values_list("date", flat=True)
    )
    day, counted = day_zero, 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5 and day not in off:
            counted += 1
    return day


def days(rule_set: RuleSet, step: str) -> int:
    return DeadlineRule.objects.get(rule_set=rule_set, step=step).working_days


@pytest.mark.parametrize("kind", [RuleSetKind.NORMAL, RuleSetKind.ELECTION])
def test_every_step_of_the_chain_under_each_rule_set(
    kind: str,
    request_in: Callable[[str], InformationRequest],
    ppid_officer: User,
    atasan: User,
    legal_unit: User,
    file_objection: Callable[..., Objection],
) -> None:
    rule_set = RuleSet.objects.get(kind=kind)
    if kind == RuleSetKind.ELECTION:
        ElectionStage.objects.create(
            name="Pilkada serentak (uji)",
            kind="pilkada",
            starts_on=D(2026, 1, 1),
            ends_on=D(2026, 12, 31),
            all_offices=True,
            rule_set=rule_set,
        )
    with frozen_now(at(D(2026, 2, 26))):
        request = request_in(RequestStatus.REGISTERED)
    with frozen_now(at(D(2026, 3, 2))):
        request_decide(
            request=request,
            actor=ppid_officer,
            data=granted_in_full(outcome="refused", exemption_ground="h", reasoning="x", information_given=""),
        )
    with frozen_now(at(D(2026, 3, 3))):
        objection = file_objection(request, "a")
    with frozen_now(at(D(2026, 3, 5))):
        objection = objection_decide(objection=objection, actor=atasan, grant=False, reasons="Dikecualikan.")
    with frozen_now(at(D(2026, 3, 12))):
        dispute = dispute_record(
            objection=objection,
            actor=legal_unit,
            data=DisputeData(commission="Komisi Informasi Provinsi Jawa Barat", filed_on=D(2026, 3, 12)),
        )
        dispute_schedule_session(dispute=dispute, actor=legal_unit, kind="adjudication", held_on=D(2026, 3, 12))
    with frozen_now(at(D(2026, 4, 13))):
        dispute_record_ruling(
            dispute=dispute,
            actor=legal_unit,
            data=RulingData(
                forum="ki",
                number="1/KI",
                ruled_on=D(2026, 4, 13),
                received_on=D(2026, 4, 13),
                orders=["uphold_decision"],
            ),
        )
    dispute.refresh_from_db()
    court_appeal_due = dispute.appeal_due_on
    with frozen_now(at(D(2026, 7, 1))):
        dispute_appeal(dispute=dispute, actor=legal_unit, forum="ptun", filed_on=D(2026, 4, 20), appellant="Pemohon")
        dispute_record_ruling(
            dispute=dispute,
            actor=legal_unit,
            data=RulingData(
                forum="ptun",
                number="1/G/KI/2026/PTUN.BDG",
                ruled_on=D(2026, 7, 1),
                received_on=D(2026, 7, 1),
                orders=["uphold_decision"],
            ),
        )
    dispute.refresh_from_db()

    assert {objection.rule_set.kind, dispute.rule_set.kind} == {kind}
    expected = {
        DeadlineStep.OBJECTION_FILING: (
            objection.filing_due_on,
            plain_count(D(2026, 3, 2), days(rule_set, "objection_filing")),
        ),
        DeadlineStep.OBJECTION_ANSWER: (
            objection.answer_due_on,
            plain_count(D(2026, 3, 3), days(rule_set, "objection_answer")),
        ),
        DeadlineStep.DISPUTE_FILING: (
            dispute.filing_due_on,
            plain_count(D(2026, 3, 5), days(rule_set, "dispute_filing")),
        ),
        DeadlineStep.KI_START: (dispute.ki_start_due_on, plain_count(D(2026, 3, 12), days(rule_set, "ki_start"))),
        DeadlineStep.KI_SETTLEMENT: (
            dispute.ki_settlement_due_on,
            plain_count(D(2026, 3, 12), days(rule_set, "ki_settlement")),
        ),
        DeadlineStep.COURT_APPEAL: (court_appeal_due, plain_count(D(2026, 4, 13), days(rule_set, "court_appeal"))),
        DeadlineStep.CASSATION: (dispute.appeal_due_on, plain_count(D(2026, 7, 1), days(rule_set, "cassation"))),
    }
    assert {step: stored for step, (stored, _) in expected.items()} == {
        step: want for step, (_, want) in expected.items()
    }
    # The answer period is the one the two sets differ on most: 30 working days, or 3.
    assert objection.answer_due_on == (D(2026, 3, 6) if kind == RuleSetKind.ELECTION else D(2026, 4, 22))
