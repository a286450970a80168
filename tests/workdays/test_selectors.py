"""Which rule set governs, and deadlines with their explanation."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from ppid.offices.models import Office
from ppid.workdays.models import CalendarDay, DeadlineRule, DeadlineStep, ElectionStage, RuleSet, RuleSetKind
from ppid.workdays.selectors import NoRuleSet, calendar_for_office, deadline_for, rule_set_for

pytestmark = pytest.mark.django_db
D = datetime.date


def office(code: str) -> Office:
    return Office.objects.get(code=code)


def test_seeded_rule_sets_hold_the_law_as_data() -> None:
    normal = RuleSet.objects.get(kind=RuleSetKind.NORMAL)
    days = dict(DeadlineRule.objects.filter(rule_set=normal).values_list("step", "working_days"))
    assert days == {
        "request_notice": 10,
        "request_extension": 7,
        "completeness_notice": 3,
        "completeness_completion": 3,
        "objection_filing": 30,
        "objection_answer": 30,
        "dispute_filing": 14,
        "ki_settlement": 100,
        "ki_start": 14,
        "court_appeal": 14,
        "cassation": 14,
    }
    election = RuleSet.objects.get(kind=RuleSetKind.ELECTION)
    rule = DeadlineRule.objects.get(rule_set=election, step="dispute_filing")
    assert rule.needs_verification and "[verify]" in rule.note


def test_normal_rule_set_outside_election_stages() -> None:
    assert rule_set_for(office("32.73"), D(2026, 6, 2)).kind == RuleSetKind.NORMAL


def test_national_election_covers_every_office() -> None:
    ElectionStage.objects.create(
        name="Pemilu 2029", kind="pemilu", starts_on=D(2028, 6, 1), ends_on=D(2029, 10, 20), all_offices=True
    )
    assert rule_set_for(office("91.71"), D(2029, 2, 14)).kind == RuleSetKind.ELECTION
    assert rule_set_for(office("91.71"), D(2029, 10, 21)).kind == RuleSetKind.NORMAL


def test_pilkada_covers_listed_province_and_the_offices_below_it() -> None:
    stage = ElectionStage.objects.create(
        name="Pilkada Jabar", kind="pilkada", starts_on=D(2026, 1, 1), ends_on=D(2026, 12, 31)
    )
    stage.offices.add(office("32"))
    assert rule_set_for(office("32.73"), D(2026, 6, 2)).kind == RuleSetKind.ELECTION
    assert rule_set_for(office("32"), D(2026, 6, 2)).kind == RuleSetKind.ELECTION
    assert rule_set_for(office("51.71"), D(2026, 6, 2)).kind == RuleSetKind.NORMAL
    assert rule_set_for(office("00"), D(2026, 6, 2)).kind == RuleSetKind.NORMAL


def test_the_receipt_day_is_taken_in_office_time() -> None:
    stage = ElectionStage.objects.create(
        name="Pilkada Papua", kind="pilkada", starts_on=D(2026, 6, 3), ends_on=D(2026, 6, 30)
    )
    stage.offices.add(office("91.71"))
    moment = datetime.datetime(2026, 6, 2, 16, 0, tzinfo=datetime.UTC)  # 01:00 WIT on 3 June
    assert rule_set_for(office("91.71"), moment).kind == RuleSetKind.ELECTION


def test_no_valid_rule_set_is_an_error() -> None:
    RuleSet.objects.filter(kind=RuleSetKind.NORMAL).update(valid_until=D(2011, 1, 1))
    with pytest.raises(NoRuleSet):
        rule_set_for(office("00"), D(2026, 6, 2))


def test_deadline_for_explains_every_skipped_day() -> None:
    moment = datetime.datetime(2026, 3, 17, 16, 1, tzinfo=ZoneInfo("Asia/Jakarta"))
    expl = deadline_for(office("32.73"), moment, DeadlineStep.REQUEST_NOTICE)
    assert expl.deadline == D(2026, 4, 9)
    assert expl.day_zero == D(2026, 3, 25)
    assert expl.rule.citation == "Pasal 22 ayat (7) UU 14/2008"
    skipped = {s.date: s.reasons for s in expl.skipped}
    assert D(2026, 3, 20) in skipped and skipped[D(2026, 3, 20)][0].kind == "cuti_bersama"
    assert D(2026, 4, 3) in skipped
    data = expl.as_dict()
    assert data["deadline"] == "2026-04-09" and data["deadline_at"].startswith("2026-04-09T23:59:59")


def test_explanation_renders_in_indonesian_and_english() -> None:
    expl = deadline_for(office("00"), D(2026, 3, 17))
    with translation.override("en"):
        english = expl.render()
    with translation.override("id"):
        indonesian = expl.render()
    assert "Tuesday, 17 March 2026" in english
    assert "Selasa, 17 Maret 2026" in indonesian


def test_office_scoped_days_stay_at_their_office() -> None:
    CalendarDay.objects.create(
        date=D(2026, 6, 2), kind="closure", name="Banjir", scope="office", office=office("32.73")
    )
    CalendarDay.objects.create(date=D(2026, 6, 3), kind="closure", name="Bencana", scope="province", province_code="51")
    assert not calendar_for_office(office("32.73")).is_working_day(D(2026, 6, 2))
    assert calendar_for_office(office("32.72")).is_working_day(D(2026, 6, 2))
    assert not calendar_for_office(office("51.71")).is_working_day(D(2026, 6, 3))
    assert calendar_for_office(office("32.73")).is_working_day(D(2026, 6, 3))
