"""National holidays and cuti bersama from maintained libraries (the yearly SKB 3 Menteri).

`lokal-id` carries the decrees themselves (2026 onwards, with decree numbers); the `holidays`
package covers earlier years (its "government" category is the cuti bersama).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import holidays
import lokal.holidays

from ppid.workdays.models import CalendarDayKind

HOLIDAYS_PACKAGE_DECREE = "SKB 3 Menteri (python-holidays)"
FIRST_YEAR = 2010


@dataclass(frozen=True, slots=True)
class LibraryDay:
    date: datetime.date
    kind: str
    name: str
    decree: str


def library_years() -> list[int]:
    """Every year a library can give, oldest first."""
    last = max(lokal.holidays.HOLIDAY_YEARS)
    return list(range(FIRST_YEAR, last + 1))


def library_days(year: int) -> list[LibraryDay]:
    """The SKB 3 Menteri days of `year`; raises ValueError when no library knows the year."""
    if year in lokal.holidays.HOLIDAY_YEARS:
        data = lokal.holidays.get_holidays(year)
        return [
            LibraryDay(
                date=datetime.date.fromisoformat(h.date),
                kind=CalendarDayKind.CUTI_BERSAMA if h.type == "cuti_bersama" else CalendarDayKind.HOLIDAY,
                name=h.name,
                decree=data.decree,
            )
            for h in data.holidays
        ]
    if year < FIRST_YEAR or year > max(lokal.holidays.HOLIDAY_YEARS):
        raise ValueError(f"No holiday library covers {year}.")
    days: list[LibraryDay] = []
    for category, kind in (("public", CalendarDayKind.HOLIDAY), ("government", CalendarDayKind.CUTI_BERSAMA)):
        found = holidays.country_holidays("ID", years=year, categories=(category,), language="id")
        for day, name in sorted(found.items()):
            for part in str(name).split("; "):
                days.append(LibraryDay(date=day, kind=kind, name=part, decree=HOLIDAYS_PACKAGE_DECREE))
    return days
