"""The working-day engine: pure functions over an immutable per-office calendar (RULES.md §7).

No database, no clock: a `Calendar` is built once per office from its calendar days (see
`ppid.workdays.selectors.calendar_for_office`) and then answers every question in O(log k),
k being the number of exceptions (holidays, cuti bersama, closures, extra working days).

Counting convention (RULES.md §7, Pasal 22 ayat (7) UU 14/2008 counted in working days):
- working days are Monday–Friday, less national holidays, cuti bersama (SKB 3 Menteri) and
  closures the office records, plus any extra working day the office records;
- a document received on a working day up to and including the closing time counts that day as
  day 0 (before opening it counts as received at opening, the same day); received after closing
  or on a non-working day, day 0 is the next working day;
- the deadline is the end of the Nth working day after day 0, i.e. 23:59:59.999999 office local
  time of that day (we take the end of the calendar day, not the closing time, so that a reply
  sent by e-mail in the evening of the last day is still in time);
- moments given with another UTC offset are converted to the office's local time first.

How counting works: with B(d) the number of Monday–Friday days in [0001-01-01, d] (a closed
form), W(d) = B(d) + P(d) where P(d) is the sum of the exceptions' deltas up to d (−1 for a
non-working weekday, +1 for a working weekend day). Adding N working days inverts W with one
bisect over the precomputed W values at the exceptions, then the closed form again.

Bulk work (recomputing many open deadlines) goes through the `*_many` methods, which hand whole
numpy arrays to `ppid.workdays.batch` and give exactly the same answers as the scalar methods.
"""

from __future__ import annotations

import datetime
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

END_OF_DAY = datetime.time(23, 59, 59, 999999)


class DayKind(StrEnum):
    """Why a date is special; the values match `CalendarDay.kind`."""

    HOLIDAY = "holiday"
    CUTI_BERSAMA = "cuti_bersama"
    CLOSURE = "closure"
    EXTRA_WORKING_DAY = "extra_working_day"
    WEEKEND = "weekend"  # never stored: derived from the weekday


class DayZeroReason(StrEnum):
    IN_HOURS = "in_hours"
    BEFORE_OPENING = "before_opening"
    AFTER_CLOSING = "after_closing"
    NON_WORKING_DAY = "non_working_day"
    DATE_ONLY = "date_only"


@dataclass(frozen=True, slots=True)
class DayNote:
    """One recorded fact about a date: a holiday, cuti bersama, closure or extra working day."""

    date: datetime.date
    kind: DayKind
    name: str = ""
    decree: str = ""


def _weekdays_through(ordinal: int) -> int:
    """B(d): Monday–Friday days from 0001-01-01 (a Monday, ordinal 1) through `ordinal`."""
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def _nth_weekday(count: int) -> int:
    """The smallest ordinal d with B(d) >= count (count >= 1): the count-th Monday–Friday day."""
    weeks, rest = divmod(count - 1, 5)
    return weeks * 7 + rest + 1


def _is_weekday(ordinal: int) -> bool:
    return (ordinal - 1) % 7 < 5


@dataclass(frozen=True, slots=True, eq=False)
class Calendar:
    """An office's working-day calendar. Build it with `Calendar.build`; it never changes after."""

    zone: ZoneInfo
    opens_at: datetime.time
    closes_at: datetime.time
    # Exceptions to Monday–Friday: sorted ordinals, their deltas' running sum, and W at each.
    _points: tuple[int, ...]
    _prefix: tuple[int, ...]  # _prefix[i] = sum of deltas of the first i exceptions
    _w_at: tuple[int, ...]  # _w_at[i] = W(_points[i])
    notes: Mapping[datetime.date, tuple[DayNote, ...]] = field(default_factory=lambda: MappingProxyType({}))
    label: str = ""

    @classmethod
    def build(
        cls,
        notes: Iterable[DayNote],
        *,
        zone: ZoneInfo | str = "Asia/Jakarta",
        opens_at: datetime.time = datetime.time(8, 0),
        closes_at: datetime.time = datetime.time(16, 0),
        label: str = "",
    ) -> Calendar:
        """An extra working day wins over any holiday or closure on the same date."""
        by_date: dict[datetime.date, list[DayNote]] = {}
        for note in notes:
            if note.kind is DayKind.WEEKEND:
                continue
            by_date.setdefault(note.date, []).append(note)
        points: list[int] = []
        deltas: list[int] = []
        for day in sorted(by_date):
            ordinal = day.toordinal()
            working = any(n.kind is DayKind.EXTRA_WORKING_DAY for n in by_date[day]) or (
                _is_weekday(ordinal) and not by_date[day]
            )
            delta = int(working) - int(_is_weekday(ordinal))
            if delta:
                points.append(ordinal)
                deltas.append(delta)
        prefix = [0]
        for delta in deltas:
            prefix.append(prefix[-1] + delta)
        w_at = [_weekdays_through(p) + prefix[i + 1] for i, p in enumerate(points)]
        return cls(
            zone=zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone),
            opens_at=opens_at,
            closes_at=closes_at,
            _points=tuple(points),
            _prefix=tuple(prefix),
            _w_at=tuple(w_at),
            notes=MappingProxyType({d: tuple(n) for d, n in by_date.items()}),
            label=label,
        )

    # --- ordinal core (the hot path) -------------------------------------------------------

    def _w(self, ordinal: int) -> int:
        """W(d): working days from 0001-01-01 through `ordinal`."""
        return _weekdays_through(ordinal) + self._prefix[bisect_right(self._points, ordinal)]

    def _nth_working(self, target: int) -> int:
        """The smallest ordinal d with W(d) >= target: the target-th working day."""
        i = bisect_left(self._w_at, target)
        candidate = _nth_weekday(target - self._prefix[i])
        if i < len(self._points) and candidate >= self._points[i]:
            return self._points[i]  # an extra working day closes the gap
        return candidate

    def add_ordinal(self, ordinal: int, n: int) -> int:
        """The ordinal of the nth working day after `ordinal` (n >= 1), or `ordinal` when n == 0."""
        if n == 0:
            return ordinal
        return self._nth_working(self._w(ordinal) + n)

    # --- dates ------------------------------------------------------------------------------

    def is_working_day(self, day: datetime.date) -> bool:
        ordinal = day.toordinal()
        i = bisect_left(self._points, ordinal)
        if i < len(self._points) and self._points[i] == ordinal:
            return not _is_weekday(ordinal)
        return _is_weekday(ordinal)

    def add_working_days(self, day: datetime.date, n: int) -> datetime.date:
        """The nth working day after `day` (not counting `day`); n == 0 returns `day` itself."""
        if n <= 0:
            if n < 0:
                raise ValueError("n must not be negative")
            return day
        # _nth_working(_w(d) + n), inlined: this is the hot path of every recomputation.
        ordinal = day.toordinal()
        points, prefix = self._points, self._prefix
        weeks, rest = divmod(ordinal, 7)
        target = weeks * 5 + (rest if rest < 5 else 5) + prefix[bisect_right(points, ordinal)] + n
        i = bisect_left(self._w_at, target)
        weeks, rest = divmod(target - prefix[i] - 1, 5)
        candidate = weeks * 7 + rest + 1
        if i < len(points) and candidate >= points[i]:
            candidate = points[i]
        return datetime.date.fromordinal(candidate)

    def count_working_days(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after `start` up to and including `end` (negative when end < start)."""
        return self._w(end.toordinal()) - self._w(start.toordinal())

    def next_working_day(self, day: datetime.date) -> datetime.date:
        """The first working day strictly after `day`."""
        return self.add_working_days(day, 1)

    def previous_working_day(self, day: datetime.date) -> datetime.date:
        """The last working day strictly before `day`."""
        target = self._w(day.toordinal() - 1)
        return datetime.date.fromordinal(self._nth_working(target))

    def working_day_on_or_after(self, day: datetime.date) -> datetime.date:
        return day if self.is_working_day(day) else self.next_working_day(day)

    def non_working_reasons(self, day: datetime.date) -> tuple[DayNote, ...]:
        """Why `day` is not a working day (empty when it is one)."""
        if self.is_working_day(day):
            return ()
        recorded = tuple(n for n in self.notes.get(day, ()) if n.kind is not DayKind.EXTRA_WORKING_DAY)
        if day.weekday() >= 5:
            return (DayNote(day, DayKind.WEEKEND), *recorded)
        return recorded

    def non_working_weekdays(
        self, start: datetime.date, end: datetime.date
    ) -> list[tuple[datetime.date, tuple[DayNote, ...]]]:
        """Monday–Friday dates in [start, end] that are not working days, with their reasons."""
        lo = bisect_left(self._points, start.toordinal())
        hi = bisect_right(self._points, end.toordinal())
        days = [datetime.date.fromordinal(p) for p in self._points[lo:hi] if _is_weekday(p)]
        return [(d, self.non_working_reasons(d)) for d in days]

    def extra_working_days(self, start: datetime.date, end: datetime.date) -> list[datetime.date]:
        lo = bisect_left(self._points, start.toordinal())
        hi = bisect_right(self._points, end.toordinal())
        return [datetime.date.fromordinal(p) for p in self._points[lo:hi] if not _is_weekday(p)]

    # --- moments ----------------------------------------------------------------------------

    def local(self, moment: datetime.datetime) -> datetime.datetime:
        """`moment` in office local time; a naive moment is taken as office local time already."""
        if moment.tzinfo is None:
            return moment.replace(tzinfo=self.zone)
        return moment.astimezone(self.zone)

    def day_zero(self, received_at: datetime.datetime | datetime.date) -> tuple[datetime.date, DayZeroReason]:
        """RULES.md §7: the day counted as day 0 for a document received at `received_at`.

        A bare date means "received during office hours that day".
        """
        if not isinstance(received_at, datetime.datetime):
            if self.is_working_day(received_at):
                return received_at, DayZeroReason.DATE_ONLY
            return self.next_working_day(received_at), DayZeroReason.NON_WORKING_DAY
        local = self.local(received_at)
        day, time = local.date(), local.time()
        if not self.is_working_day(day):
            return self.next_working_day(day), DayZeroReason.NON_WORKING_DAY
        if time > self.closes_at:
            return self.next_working_day(day), DayZeroReason.AFTER_CLOSING
        if time < self.opens_at:
            return day, DayZeroReason.BEFORE_OPENING
        return day, DayZeroReason.IN_HOURS

    def end_of_day(self, day: datetime.date) -> datetime.datetime:
        """The deadline moment of `day`: 23:59:59.999999 office local time."""
        return datetime.datetime.combine(day, END_OF_DAY, tzinfo=self.zone)

    def deadline(self, received_at: datetime.datetime | datetime.date, n: int) -> datetime.date:
        """The date of the end of the nth working day after day 0 (the fast path, no explanation)."""
        return self.add_working_days(self.day_zero(received_at)[0], n)

    # --- bulk (numpy) -----------------------------------------------------------------------

    def add_working_days_many(self, ordinals: npt.ArrayLike, n: npt.ArrayLike) -> npt.NDArray[np.int64]:
        """`add_working_days` over arrays of date ordinals (and one n, or one n per date).

        Why: at a million deadlines the per-call Python cost of the scalar method dominates; this
        runs the same arithmetic over whole arrays (see `ppid.workdays.batch`). numpy is imported
        only when a bulk method is first used.
        """
        from ppid.workdays import batch

        return batch.add_working_days(self, ordinals, n)

    def day_zero_many(self, epoch_us: npt.ArrayLike) -> npt.NDArray[np.int64]:
        """`day_zero(...)[0]` as ordinals, for receipt instants in microseconds since 1970 UTC.

        `ppid.workdays.batch.epoch_microseconds` converts aware datetimes.
        """
        from ppid.workdays import batch

        return batch.day_zero(self, epoch_us)

    def deadlines_many(self, epoch_us: npt.ArrayLike, n: npt.ArrayLike) -> npt.NDArray[np.int64]:
        """`deadline` in bulk: day 0 of each receipt instant (µs since 1970 UTC) plus n working days."""
        from ppid.workdays import batch

        return batch.deadlines(self, epoch_us, n)
