"""State changes of the calendar and the rule sets. Admin, API and commands call these; nothing else writes.

Each change: lock → check `calendar:manage` → change → save → one event → recompute every open
deadline it affects (RULES.md §7: deadlines follow the calendar in force).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import can
from ppid.accounts.roles import Role
from ppid.events.registry import register_event_type
from ppid.events.services import event_record, snapshot
from ppid.offices.models import Office
from ppid.workdays.library import library_days
from ppid.workdays.models import (
    CalendarDay,
    CalendarScope,
    CalendarSource,
    DeadlineRule,
    RuleSet,
)
from ppid.workdays.recompute import DeadlineChange, deadlines_recompute
from ppid.workdays.selectors import national_office

CALENDAR_DAY_CREATED = register_event_type("calendar_day.created", gettext_lazy("Calendar day added"))
CALENDAR_DAY_UPDATED = register_event_type("calendar_day.updated", gettext_lazy("Calendar day corrected"))
CALENDAR_DAY_REMOVED = register_event_type("calendar_day.removed", gettext_lazy("Calendar day removed"))
RULE_SET_CREATED = register_event_type("rule_set.created", gettext_lazy("Deadline rule set added"))
RULE_SET_UPDATED = register_event_type("rule_set.updated", gettext_lazy("Deadline rule set corrected"))
DEADLINE_RULE_CREATED = register_event_type("deadline_rule.created", gettext_lazy("Deadline rule added"))
DEADLINE_RULE_UPDATED = register_event_type("deadline_rule.updated", gettext_lazy("Deadline rule corrected"))

CALENDAR_DAY_FIELDS = [
    "date",
    "kind",
    "name",
    "decree",
    "scope",
    "province_code",
    "office",
    "source",
    "is_active",
    "note",
]
CALENDAR_DAY_EDITABLE = ["date", "kind", "name", "decree", "is_active", "note"]
RULE_SET_FIELDS = ["name", "kind", "citation", "valid_from", "valid_until", "note"]
DEADLINE_RULE_FIELDS = ["rule_set", "step", "working_days", "citation", "needs_verification", "note"]
DEADLINE_RULE_EDITABLE = ["working_days", "citation", "needs_verification", "note"]


def _require(actor: Any, office: Office) -> None:
    """`calendar:manage` at the row's office, or at KPU RI (which manages every office's calendar)."""
    if can(actor, "calendar:manage", office):
        return
    national = national_office()
    if office.pk != national.pk and can(actor, "calendar:manage", national):
        return
    raise PermissionDenied(_("You may not change the working-day calendar or the deadline rules."))


def _office_of_day(day: CalendarDay) -> Office:
    if day.scope == CalendarScope.OFFICE and day.office is not None:
        return day.office
    if day.scope == CalendarScope.PROVINCE:
        province = Office.objects.filter(code=day.province_code).first()
        if province is not None:
            return province
    return national_office()


def _affected_offices(day: CalendarDay) -> list[int] | None:
    if day.scope == CalendarScope.OFFICE and day.office_id is not None:
        return [day.office_id]
    if day.scope == CalendarScope.PROVINCE:
        return list(Office.objects.filter(province_code=day.province_code).values_list("pk", flat=True))
    return None


def _check_fields(changes: dict[str, Any], allowed: list[str]) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationError(_("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))})


def _apply(obj: models.Model, changes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    before = snapshot(obj, list(changes))
    for name, value in changes.items():
        setattr(obj, name, value)
    return before, snapshot(obj, list(changes))


def _record_change(
    *,
    event_type: str,
    obj: models.Model,
    actor: Any,
    office: Office,
    affected_office_ids: list[int] | None,
    reason: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> None:
    """One event for the change, then every open deadline it moves recomputed (RULES.md §7).

    Only the system administrator holds calendar:manage; library syncs run without an actor.
    """
    event_record(
        event_type=event_type,
        obj=obj,
        actor=actor,
        actor_role=Role.SYSADMIN if actor is not None else "",
        office=office,
        before=before,
        after=after,
        note=note,
    )
    deadlines_recompute(affected_office_ids=affected_office_ids, reason=reason, actor=actor)


# --- calendar days ---------------------------------------------------------------------------


def calendar_day_create(
    *,
    actor: Any,
    date: datetime.date,
    kind: str,
    name: str,
    scope: str = CalendarScope.ALL,
    province_code: str = "",
    office: Office | None = None,
    decree: str = "",
    note: str = "",
    source: str = CalendarSource.ADMIN,
) -> CalendarDay:
    """Add a holiday, cuti bersama, closure or extra working day; recompute the deadlines it moves."""
    day = CalendarDay(
        date=date,
        kind=kind,
        name=name,
        scope=scope,
        province_code=province_code,
        office=office,
        decree=decree,
        note=note,
        source=source,
    )
    day.full_clean()
    where = _office_of_day(day)
    if actor is not None or source == CalendarSource.ADMIN:
        _require(actor, where)
    with transaction.atomic():
        day.save()
        _record_change(
            event_type=CALENDAR_DAY_CREATED,
            obj=day,
            actor=actor,
            office=where,
            after=snapshot(day, CALENDAR_DAY_FIELDS),
            note=note,
            affected_office_ids=_affected_offices(day),
            reason=_("Calendar day added: %(day)s") % {"day": day},
        )
    return day


def calendar_day_update(*, actor: Any, day: CalendarDay, changes: dict[str, Any], note: str = "") -> CalendarDay:
    """Correct a calendar day (a library day moved by sidang isbat, a closure extended…)."""
    _check_fields(changes, CALENDAR_DAY_EDITABLE)
    _require(actor, _office_of_day(day))
    with transaction.atomic():
        locked = CalendarDay.objects.select_for_update().get(pk=day.pk)
        before, after = _apply(locked, changes)
        if before == after:
            return locked
        locked.full_clean()
        locked.save(update_fields=[*changes, "updated_at"])
        _record_change(
            event_type=CALENDAR_DAY_UPDATED,
            obj=locked,
            actor=actor,
            office=_office_of_day(locked),
            before=before,
            after=after,
            note=note,
            affected_office_ids=_affected_offices(locked),
            reason=_("Calendar day corrected: %(day)s") % {"day": locked},
        )
    return locked


def calendar_day_remove(*, actor: Any, day: CalendarDay, note: str = "") -> None:
    """Take a day out of the calendar. Library days stay, inactive, so a later sync does not restore them."""
    where = _office_of_day(day)
    _require(actor, where)
    with transaction.atomic():
        locked = CalendarDay.objects.select_for_update().get(pk=day.pk)
        event_record(
            event_type=CALENDAR_DAY_REMOVED,
            obj=locked,
            actor=actor,
            actor_role=Role.SYSADMIN if actor is not None else "",
            office=where,
            before=snapshot(locked, CALENDAR_DAY_FIELDS),
            note=note,
        )
        affected = _affected_offices(locked)
        reason = _("Calendar day removed: %(day)s") % {"day": locked}
        if locked.source == CalendarSource.LIBRARY:
            locked.is_active = False
            locked.save(update_fields=["is_active", "updated_at"])
        else:
            locked.delete()
        deadlines_recompute(affected_office_ids=affected, reason=reason, actor=actor)


def library_sync(*, years: Iterable[int], actor: Any = None) -> list[CalendarDay]:
    """Load the SKB 3 Menteri days of `years` from the libraries; days already present are left alone."""
    created: list[CalendarDay] = []
    for year in years:
        for item in library_days(year):
            exists = CalendarDay.objects.filter(
                date=item.date, kind=item.kind, scope=CalendarScope.ALL, name=item.name, source=CalendarSource.LIBRARY
            ).exists()
            if not exists:
                created.append(
                    calendar_day_create(
                        actor=actor,
                        date=item.date,
                        kind=item.kind,
                        name=item.name,
                        decree=item.decree,
                        source=CalendarSource.LIBRARY,
                    )
                )
    return created


# --- rule sets and election stages -----------------------------------------------------------


def rule_set_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    citation: str,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    note: str = "",
) -> RuleSet:
    """Add a rule set (a new law or regulation); its rules follow with `deadline_rule_create`."""
    national = national_office()
    _require(actor, national)
    rule_set = RuleSet(
        name=name, kind=kind, citation=citation, valid_from=valid_from, valid_until=valid_until, note=note
    )
    rule_set.full_clean()
    with transaction.atomic():
        rule_set.save()
        _record_change(
            event_type=RULE_SET_CREATED,
            obj=rule_set,
            actor=actor,
            office=national,
            after=snapshot(rule_set, RULE_SET_FIELDS),
            affected_office_ids=None,
            reason=_("Rule set added: %(name)s") % {"name": name},
        )
    return rule_set


def rule_set_update(*, actor: Any, rule_set: RuleSet, changes: dict[str, Any], note: str = "") -> RuleSet:
    _check_fields(changes, RULE_SET_FIELDS)
    national = national_office()
    _require(actor, national)
    with transaction.atomic():
        locked = RuleSet.objects.select_for_update().get(pk=rule_set.pk)
        before, after = _apply(locked, changes)
        if before == after:
            return locked
        locked.full_clean()
        locked.save(update_fields=list(changes))
        _record_change(
            event_type=RULE_SET_UPDATED,
            obj=locked,
            actor=actor,
            office=national,
            before=before,
            after=after,
            note=note,
            affected_office_ids=None,
            reason=_("Rule set corrected: %(name)s") % {"name": locked.name},
        )
    return locked


def deadline_rule_create(
    *,
    actor: Any,
    rule_set: RuleSet,
    step: str,
    working_days: int,
    citation: str,
    needs_verification: bool = False,
    note: str = "",
) -> DeadlineRule:
    national = national_office()
    _require(actor, national)
    rule = DeadlineRule(
        rule_set=rule_set,
        step=step,
        working_days=working_days,
        citation=citation,
        needs_verification=needs_verification,
        note=note,
    )
    rule.full_clean()
    with transaction.atomic():
        rule.save()
        _record_change(
            event_type=DEADLINE_RULE_CREATED,
            obj=rule,
            actor=actor,
            office=national,
            after=snapshot(rule, DEADLINE_RULE_FIELDS),
            affected_office_ids=None,
            reason=_("Deadline rule added: %(rule)s") % {"rule": rule},
        )
    return rule


def deadline_rule_update(*, actor: Any, rule: DeadlineRule, changes: dict[str, Any], note: str = "") -> DeadlineRule:
    """Correct a period (e.g. a [verify] value checked against the regulation text)."""
    _check_fields(changes, DEADLINE_RULE_EDITABLE)
    national = national_office()
    _require(actor, national)
    with transaction.atomic():
        locked = DeadlineRule.objects.select_for_update().get(pk=rule.pk)
        before, after = _apply(locked, changes)
        if before == after:
            return locked
        locked.full_clean()
        locked.save(update_fields=list(changes))
        _record_change(
            event_type=DEADLINE_RULE_UPDATED,
            obj=locked,
            actor=actor,
            office=national,
            before=before,
            after=after,
            note=note,
            affected_office_ids=None,
            reason=_("Deadline rule corrected: %(rule)s") % {"rule": locked},
        )
    return locked


__all__ = ["DeadlineChange", "deadlines_recompute"]
