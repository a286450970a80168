"""Recomputing open deadlines after a calendar or rule change, one event per moved deadline."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy

from ppid.events.registry import register_event_type
from ppid.events.services import event_record
from ppid.offices.models import Office
from ppid.workdays.providers import providers
from ppid.workdays.selectors import calendar_for_office, calendars_for_offices

DEADLINE_RECOMPUTED = register_event_type("deadline.recomputed", gettext_lazy("Deadline recomputed"))


@dataclass(frozen=True, slots=True)
class DeadlineChange:
    provider: str
    holder: Any
    key: str
    office_id: int
    old: datetime.date
    new: datetime.date


def deadlines_recompute(
    *, affected_office_ids: Collection[int] | None, reason: str, actor: Any
) -> list[DeadlineChange]:
    """Recompute every open deadline at the affected offices (None: all) and record each change.

    Called inside the transaction of the change that caused it, so the calendar and the deadlines
    it governs never disagree; one `deadline.recomputed` event per moved deadline, old and new date.
    """
    registered = providers()
    if not registered:
        return []
    calendars = calendars_for_offices(affected_office_ids)
    offices: dict[int, Office] = {}
    changes: list[DeadlineChange] = []
    for provider in registered:
        for item in provider.open_deadlines(affected_office_ids):
            calendar = calendars.get(item.office_id)
            if calendar is None:
                calendar = calendar_for_office(Office.objects.get(pk=item.office_id))
            new = provider.recompute(item, calendar)
            if new == item.deadline:
                continue
            change = DeadlineChange(provider.name, item.holder, item.key, item.office_id, item.deadline, new)
            changes.append(change)
            if item.office_id not in offices:
                offices[item.office_id] = Office.objects.get(pk=item.office_id)
            holder = item.holder if isinstance(item.holder, models.Model) else None
            event_record(
                event_type=DEADLINE_RECOMPUTED,
                obj=holder,
                actor=actor,
                office=offices[item.office_id],
                before={"deadline": item.deadline},
                after={"deadline": new},
                note=reason,
                payload={"provider": provider.name, "key": item.key, "holder": str(item.holder)},
            )
    return changes
