"""Reads: an office's calendar, the rule set that governs a request, and computed deadlines."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ppid.offices.models import Office
from ppid.workdays.engine import Calendar, DayKind, DayNote
from ppid.workdays.explain import DeadlineExplanation, RuleSpec, deadline_explain
from ppid.workdays.models import (
    CalendarDay,
    CalendarScope,
    DeadlineRule,
    DeadlineStep,
    ElectionStage,
    RuleSet,
    RuleSetKind,
)

NATIONAL_OFFICE_CODE = "00"


class NoRuleSet(LookupError):
    """No rule set (or no rule for the step) is valid on that day: an administrator must add one."""


def national_office() -> Office:
    return Office.objects.get(code=NATIONAL_OFFICE_CODE)


def office_by_code(code: str | None) -> Office:
    """The active office with `code`; KPU RI when no code is given. Raises Office.DoesNotExist."""
    return Office.objects.get(code=code or NATIONAL_OFFICE_CODE, is_active=True)


def calendar_days_for_office(office: Office) -> QuerySet[CalendarDay]:
    """The calendar days in force at `office`: national, its province's, and its own."""
    scope = Q(scope=CalendarScope.ALL) | Q(scope=CalendarScope.OFFICE, office=office)
    if office.province_code:
        scope |= Q(scope=CalendarScope.PROVINCE, province_code=office.province_code)
    return CalendarDay.objects.filter(scope, is_active=True)


def _note(day: CalendarDay) -> DayNote:
    return DayNote(date=day.date, kind=DayKind(day.kind), name=day.name, decree=day.decree)


def calendar_build(office: Office, days: Iterable[CalendarDay]) -> Calendar:
    return Calendar.build(
        (_note(d) for d in days),
        zone=office.zoneinfo,
        opens_at=office.opens_at,
        closes_at=office.closes_at,
        label=office.name,
    )


def calendar_for_office(office: Office) -> Calendar:
    """The immutable calendar of `office` (one query); build it once, then count without the database."""
    return calendar_build(office, calendar_days_for_office(office))


def calendars_for_offices(office_ids: Iterable[int] | None) -> dict[int, Calendar]:
    """Calendars for many offices with two queries; offices sharing the same days share one Calendar."""
    offices = Office.objects.all() if office_ids is None else Office.objects.filter(pk__in=list(office_ids))
    days = list(CalendarDay.objects.filter(is_active=True))
    national = [d for d in days if d.scope == CalendarScope.ALL]
    by_province: dict[str, list[CalendarDay]] = {}
    by_office: dict[int, list[CalendarDay]] = {}
    for d in days:
        if d.scope == CalendarScope.PROVINCE:
            by_province.setdefault(d.province_code, []).append(d)
        elif d.scope == CalendarScope.OFFICE and d.office_id is not None:
            by_office.setdefault(d.office_id, []).append(d)
    shared: dict[tuple[object, ...], Calendar] = {}
    result: dict[int, Calendar] = {}
    for office in offices:
        own = by_province.get(office.province_code, []) + by_office.get(office.pk, [])
        key = (office.time_zone, office.opens_at, office.closes_at, tuple(sorted(d.pk for d in own)))
        if key not in shared:
            shared[key] = calendar_build(office, national + own)
        result[office.pk] = shared[key]
    return result


def _local_date(office: Office, received_at: datetime.datetime | datetime.date) -> datetime.date:
    if isinstance(received_at, datetime.datetime):
        if received_at.tzinfo is None:
            return received_at.date()
        return received_at.astimezone(office.zoneinfo).date()
    return received_at


def election_stages_covering(office: Office, day: datetime.date) -> QuerySet[ElectionStage]:
    """Election stages running on `day` that involve `office` (listed itself or through an ancestor)."""
    codes = office.path.split("/")
    return (
        ElectionStage.objects.filter(starts_on__lte=day, ends_on__gte=day)
        .filter(Q(all_offices=True) | Q(offices__code__in=codes))
        .distinct()
    )


def _valid_on(kind: str, day: datetime.date) -> RuleSet | None:
    return (
        RuleSet.objects.filter(kind=kind)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .order_by("-valid_from")
        .first()
    )


def rule_set_for(office: Office, received_at: datetime.datetime | datetime.date) -> RuleSet:
    """RULES.md §7: the election set (Perki 1/2019) while a stage covering the office runs, else UU KIP."""
    day = _local_date(office, received_at)
    stage = election_stages_covering(office, day).select_related("rule_set").first()
    if stage is not None:
        if stage.rule_set is not None:
            return stage.rule_set
        election = _valid_on(RuleSetKind.ELECTION, day)
        if election is not None:
            return election
    normal = _valid_on(RuleSetKind.NORMAL, day)
    if normal is None:
        raise NoRuleSet(_("No deadline rule set is valid on %(day)s.") % {"day": day.isoformat()})
    return normal


def rule_spec(rule_set: RuleSet, step: str) -> RuleSpec:
    rule = DeadlineRule.objects.filter(rule_set=rule_set, step=step).first()
    if rule is None:
        raise NoRuleSet(_("Rule set %(set)s has no rule for step %(step)s.") % {"set": rule_set.name, "step": step})
    return RuleSpec(
        step=rule.step,
        working_days=rule.working_days,
        citation=rule.citation,
        rule_set=rule_set.name,
        rule_set_citation=rule_set.citation,
        step_label=str(DeadlineStep(rule.step).label),
    )


def deadline_for(
    office: Office,
    received_at: datetime.datetime | datetime.date,
    step: str = DeadlineStep.REQUEST_NOTICE,
    *,
    calendar: Calendar | None = None,
) -> DeadlineExplanation:
    """The deadline of `step` for a document received at `office` at `received_at`, explained."""
    rule_set = rule_set_for(office, received_at)
    spec = rule_spec(rule_set, step)
    return deadline_explain(calendar or calendar_for_office(office), received_at, spec, office_label=office.name)


def adhoc_rule(working_days: int) -> RuleSpec:
    """A plain count of working days (for the command line), with the counting rule as its citation."""
    return RuleSpec(step="count", working_days=working_days, citation=_("RULES §7 counting convention"))
