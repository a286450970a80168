"""A naive day-stepping reference for the engine: obviously right, slow."""

from __future__ import annotations

import datetime

from ppid.workdays.engine import Calendar, DayKind, DayNote


def naive_is_working(notes: dict[datetime.date, list[DayNote]], day: datetime.date) -> bool:
    kinds = {n.kind for n in notes.get(day, [])}
    if DayKind.EXTRA_WORKING_DAY in kinds:
        return True
    return day.weekday() < 5 and not kinds


def naive_add(notes: dict[datetime.date, list[DayNote]], day: datetime.date, n: int) -> datetime.date:
    while n > 0:
        day += datetime.timedelta(days=1)
        if naive_is_working(notes, day):
            n -= 1
    return day


def index(notes: list[DayNote]) -> dict[datetime.date, list[DayNote]]:
    result: dict[datetime.date, list[DayNote]] = {}
    for note in notes:
        result.setdefault(note.date, []).append(note)
    return result


def calendar_2026(*extra: DayNote, zone: str = "Asia/Jakarta") -> Calendar:
    from ppid.workdays.library import library_days

    notes = [DayNote(d.date, DayKind(d.kind), d.name, d.decree) for y in (2025, 2026, 2027) for d in library_days(y)]
    return Calendar.build([*notes, *extra], zone=zone)
