"""Deadlines with their explanation: day 0 and why, each skipped day and why, the rule and article.

Pure like the engine (no database); rendering uses gettext so the same explanation reads in
Indonesian or English (RULES.md §7: state the counting convention on every deadline shown).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ppid.workdays.engine import Calendar, DayKind, DayNote, DayZeroReason


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One deadline rule as the engine needs it: a step, its working days and its legal source."""

    step: str
    working_days: int
    citation: str
    rule_set: str = ""
    rule_set_citation: str = ""
    step_label: str = ""


@dataclass(frozen=True, slots=True)
class SkippedDay:
    date: datetime.date
    reasons: tuple[DayNote, ...]


@dataclass(frozen=True, slots=True)
class DeadlineExplanation:
    """How a deadline was computed, so that any reader can check it by hand."""

    received_at: datetime.datetime | datetime.date
    received_local: datetime.datetime | None
    day_zero: datetime.date
    day_zero_reason: DayZeroReason
    rule: RuleSpec
    deadline: datetime.date
    deadline_at: datetime.datetime
    skipped: tuple[SkippedDay, ...]
    zone: str
    office_label: str = ""

    def lines(self) -> list[str]:
        return explanation_lines(self)

    def render(self) -> str:
        return "\n".join(self.lines())

    def as_dict(self) -> dict[str, Any]:
        return {
            "received_at": self.received_at.isoformat(),
            "received_local": self.received_local.isoformat() if self.received_local else None,
            "day_zero": self.day_zero.isoformat(),
            "day_zero_reason": str(self.day_zero_reason),
            "day_zero_text": day_zero_text(self),
            "step": self.rule.step,
            "working_days": self.rule.working_days,
            "citation": self.rule.citation,
            "rule_set": self.rule.rule_set,
            "rule_set_citation": self.rule.rule_set_citation,
            "deadline": self.deadline.isoformat(),
            "deadline_at": self.deadline_at.isoformat(),
            "time_zone": self.zone,
            "skipped": [
                {"date": s.date.isoformat(), "reasons": [reason_text(r) for r in s.reasons]} for s in self.skipped
            ],
            "lines": self.lines(),
        }


def deadline_explain(
    calendar: Calendar, received_at: datetime.datetime | datetime.date, rule: RuleSpec, *, office_label: str = ""
) -> DeadlineExplanation:
    """RULES.md §7: day 0 from the receipt moment, then the end of the Nth working day after it."""
    day_zero, reason = calendar.day_zero(received_at)
    deadline = calendar.add_working_days(day_zero, rule.working_days)
    local: datetime.datetime | None = None
    first = received_at
    if isinstance(received_at, datetime.datetime):
        local = calendar.local(received_at)
        first = local.date()
    skipped: list[SkippedDay] = []
    day = first
    while day <= deadline:
        reasons = calendar.non_working_reasons(day)
        if reasons:
            skipped.append(SkippedDay(day, reasons))
        day += datetime.timedelta(days=1)
    return DeadlineExplanation(
        received_at=received_at,
        received_local=local,
        day_zero=day_zero,
        day_zero_reason=reason,
        rule=rule,
        deadline=deadline,
        deadline_at=calendar.end_of_day(deadline),
        skipped=tuple(skipped),
        zone=calendar.zone.key,
        office_label=office_label or calendar.label,
    )


def _day(day: datetime.date) -> str:
    return date_format(day, "l, j F Y")


def reason_text(note: DayNote) -> str:
    if note.kind is DayKind.WEEKEND:
        return _("weekend")
    if note.kind is DayKind.HOLIDAY:
        text = _("national holiday: %(name)s") % {"name": note.name}
    elif note.kind is DayKind.CUTI_BERSAMA:
        text = _("cuti bersama (collective leave): %(name)s") % {"name": note.name}
    elif note.kind is DayKind.CLOSURE:
        text = _("office closure: %(name)s") % {"name": note.name}
    else:
        text = _("extra working day: %(name)s") % {"name": note.name}
    if note.decree:
        text += " (" + note.decree + ")"
    return text


def day_zero_text(expl: DeadlineExplanation) -> str:
    values = {"day": _day(expl.day_zero)}
    texts = {
        DayZeroReason.IN_HOURS: _("Received during office hours on a working day, so %(day)s is day 0."),
        DayZeroReason.BEFORE_OPENING: _(
            "Received before the office opened; it counts as received at opening, so %(day)s is day 0."
        ),
        DayZeroReason.AFTER_CLOSING: _("Received after the office closed, so day 0 is the next working day, %(day)s."),
        DayZeroReason.NON_WORKING_DAY: _("Received on a non-working day, so day 0 is the next working day, %(day)s."),
        DayZeroReason.DATE_ONLY: _(
            "Received on a working day (no time given: taken as during office hours), so %(day)s is day 0."
        ),
    }
    return texts[expl.day_zero_reason] % values


def explanation_lines(expl: DeadlineExplanation) -> list[str]:
    """The explanation as lines of text in the active language."""
    lines: list[str] = []
    if expl.office_label:
        lines.append(_("Office: %(office)s (time zone %(zone)s)") % {"office": expl.office_label, "zone": expl.zone})
    if expl.received_local is not None:
        lines.append(
            _("Received: %(moment)s office local time") % {"moment": date_format(expl.received_local, "l, j F Y H:i")}
        )
    elif not isinstance(expl.received_at, datetime.datetime):
        lines.append(_("Received: %(day)s") % {"day": _day(expl.received_at)})
    lines.append(day_zero_text(expl))
    rule = expl.rule
    lines.append(
        _("Rule: %(step)s, %(days)s working days (%(citation)s)")
        % {"step": rule.step_label or rule.step, "days": rule.working_days, "citation": rule.citation}
    )
    if rule.rule_set:
        citation = f" — {rule.rule_set_citation}" if rule.rule_set_citation else ""
        lines.append(_("Rule set: %(name)s") % {"name": rule.rule_set} + citation)
    if expl.skipped:
        lines.append(_("Days not counted:"))
        for skipped in expl.skipped:
            reasons = "; ".join(reason_text(r) for r in skipped.reasons)
            lines.append(f"  - {_day(skipped.date)}: {reasons}")
    else:
        lines.append(_("No non-working days fall in this period."))
    lines.append(
        _("Deadline: end of %(day)s (23:59 office local time), working day %(n)s after day 0.")
        % {"day": _day(expl.deadline), "n": rule.working_days}
    )
    lines.append(
        _(
            "Working days are Monday to Friday, less national holidays, cuti bersama (SKB 3 Menteri) "
            "and office closures, plus extra working days the office records (RULES §7)."
        )
    )
    return lines
