"""Bulk working-day counting with numpy: the path that recomputes many open deadlines at once.

Why a second path: the scalar engine (`ppid.workdays.engine`) is already O(log k) per call, but at
a million calls the Python interpreter's per-call cost dominates and it is only a few times faster
than stepping day by day. Here the same arithmetic runs over whole arrays, so the per-deadline
cost is a handful of machine operations.

It must give exactly the scalar engine's answers, so it follows the same counting rule (RULES.md
§7: day 0 is the day of receipt when received on a working day up to closing time, otherwise the
next working day; the deadline is the Nth working day after day 0; working days are Monday–Friday
less recorded holidays, cuti bersama and closures, plus recorded extra working days) and the same
formulas: W(d) = B(d) + P(d) with B the Monday–Friday closed form and P the exceptions' running sum.
`tests/workdays/test_engine_batch.py` checks the two paths against each other on random calendars.

Two layers, both derived once per (immutable) calendar and cached:
- a dense table of W(d) for every date of the calendar's covered span (its exceptions ± a few
  years) and its inverse, so that a typical deadline is two table look-ups;
- the general form (searchsorted over the exceptions + closed form, as in the scalar engine) for
  the few inputs outside that span, so there is no range limit other than `datetime.date`'s.

Dates travel as proleptic Gregorian ordinals (`datetime.date.toordinal()`), moments as int64
microseconds since 1970-01-01 UTC, because those are what numpy (and a database) handle natively.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from ppid.workdays.engine import Calendar

Int64Array = npt.NDArray[np.int64]

MIN_ORDINAL = 1
MAX_ORDINAL = datetime.date.max.toordinal()
UNIX_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
UNIX_EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()
US_PER_DAY = 86_400_000_000
_MICROSECOND = datetime.timedelta(microseconds=1)
_SENTINEL = np.iinfo(np.int64).max  # past every ordinal and every W: saves bounds checks
# The dense table covers the exceptions plus this many days either side, and at most _DENSE_MAX
# days in all (a calendar spanning centuries falls back to the general form, still exact).
_DENSE_MARGIN = 3 * 366
_DENSE_MAX = 200_000
# Zone offsets are tabulated for UTC instants in [1900, 2100); outside, the scalar engine answers.
_ZONE_FIRST = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
_ZONE_LAST = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True, slots=True)
class _Tables:
    points: Int64Array  # exception ordinals, then _SENTINEL
    prefix: Int64Array  # prefix[i] = sum of the first i exceptions' deltas (len = exceptions + 1)
    w_at: Int64Array  # W at each exception, then _SENTINEL
    lo: int  # dense span [lo, hi] (empty when hi < lo)
    hi: int
    w_dense: Int64Array  # w_dense[d - lo] = W(d)
    w_lo: int  # W(lo)
    w_hi: int  # W(hi)
    nth_dense: Int64Array  # nth_dense[t - W(lo) - 1] = the t-th working day, for W(lo) < t <= W(hi)
    opens_us: int  # opening and closing time as microseconds after local midnight
    closes_us: int


def _time_us(value: datetime.time) -> int:
    return ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond


def _w_general(t: _Tables, ordinals: Int64Array) -> Int64Array:
    """W(d) for any ordinals: the closed form B(d) plus the exceptions' running sum up to d."""
    weeks, rest = np.divmod(ordinals, 7)
    result: Int64Array = weeks * 5 + np.minimum(rest, 5) + t.prefix[np.searchsorted(t.points, ordinals, side="right")]
    return result


def _nth_general(t: _Tables, targets: Int64Array) -> Int64Array:
    """The smallest d with W(d) >= target (the scalar `_nth_working`, vectorised).

    Between exceptions only weekdays count, so the closed-form inverse is right unless an extra
    working day (the next exception) comes first; min() picks that case, and the sentinel makes
    "no next exception" need no test.
    """
    i = np.searchsorted(t.w_at, targets, side="left")
    weeks, rest = np.divmod(targets - t.prefix[i] - 1, 5)
    result: Int64Array = np.minimum(weeks * 7 + rest + 1, t.points[i])
    return result


@lru_cache(maxsize=64)
def _tables(calendar: Calendar) -> _Tables:
    """The arrays for one calendar. Calendars are immutable (and hash by identity), so caching is safe."""
    points = np.array([*calendar._points, _SENTINEL], dtype=np.int64)
    prefix = np.array(calendar._prefix, dtype=np.int64)
    w_at = np.array([*calendar._w_at, _SENTINEL], dtype=np.int64)
    empty = np.zeros(0, dtype=np.int64)
    general = _Tables(
        points, prefix, w_at, 1, 0, empty, 0, 0, empty, _time_us(calendar.opens_at), _time_us(calendar.closes_at)
    )
    if not calendar._points:
        return general  # plain Monday–Friday: the closed form is as fast as a table
    lo = max(MIN_ORDINAL, calendar._points[0] - _DENSE_MARGIN)
    hi = min(MAX_ORDINAL, calendar._points[-1] + _DENSE_MARGIN)
    if hi - lo + 1 > _DENSE_MAX:
        return general
    w_dense = _w_general(general, np.arange(lo, hi + 1, dtype=np.int64))
    w_lo, w_hi = int(w_dense[0]), int(w_dense[-1])
    # W steps by 0 or 1 per day, so the t-th working day is where W first reaches t.
    nth_dense = np.searchsorted(w_dense, np.arange(w_lo + 1, w_hi + 1, dtype=np.int64), side="left").astype(np.int64)
    nth_dense += lo
    return _Tables(points, prefix, w_at, lo, hi, w_dense, w_lo, w_hi, nth_dense, general.opens_us, general.closes_us)


def add_working_days(calendar: Calendar, ordinals: npt.ArrayLike, n: npt.ArrayLike) -> Int64Array:
    """The nth working day after each ordinal (the ordinal itself where n == 0), as ordinals.

    `ordinals` and `n` broadcast against each other (one n for all, or one per date). Same
    answers and same refusals as `Calendar.add_working_days`: negative n and results past
    9999-12-31 raise ValueError.
    """
    days = np.asarray(ordinals, dtype=np.int64)
    counts = np.asarray(n, dtype=np.int64)
    days, counts = np.broadcast_arrays(days, counts)
    if days.size == 0:
        return np.zeros(days.shape, dtype=np.int64)
    if counts.min() < 0:
        raise ValueError("n must not be negative")
    if days.min() < MIN_ORDINAL or days.max() > MAX_ORDINAL:
        raise ValueError("ordinal out of range")
    t = _tables(calendar)
    if t.hi >= t.lo:
        # Dense path: look W up, add n, look the day up. Clipping keeps the look-ups in bounds;
        # rows whose date or target falls outside the table are redone by the general form.
        targets = t.w_dense[np.clip(days - t.lo, 0, t.hi - t.lo)] + counts
        result = t.nth_dense[np.clip(targets - (t.w_lo + 1), 0, t.nth_dense.size - 1)]
        outside = (days < t.lo) | (days > t.hi) | (targets > t.w_hi)
        if outside.any():
            result[outside] = _nth_general(t, _w_general(t, days[outside]) + counts[outside])
    else:
        result = _nth_general(t, _w_general(t, days) + counts)
    result = np.where(counts == 0, days, result)
    if result.max() > MAX_ORDINAL:
        raise ValueError("year 10000 is out of range")
    return result


def is_working_day(calendar: Calendar, ordinals: npt.ArrayLike) -> npt.NDArray[np.bool_]:
    """Whether each ordinal is a working day: a weekday unless it is an exception, and vice versa."""
    days = np.asarray(ordinals, dtype=np.int64)
    t = _tables(calendar)
    recorded = t.points[np.searchsorted(t.points, days, side="left")] == days
    result: npt.NDArray[np.bool_] = ((days - 1) % 7 < 5) != recorded
    return result


@dataclass(frozen=True, slots=True)
class _ZoneTable:
    transitions: Int64Array  # UTC µs at which the offset changes, sorted
    offsets: Int64Array  # offsets[i]: the offset (µs) before transitions[i]; the last one after all
    first: int  # the table is valid for UTC µs in [first, last)
    last: int


def _offset_us(zone: ZoneInfo, epoch_us: int) -> int:
    moment = (UNIX_EPOCH + datetime.timedelta(microseconds=epoch_us)).astimezone(zone)
    offset = moment.utcoffset()
    assert offset is not None
    return offset // _MICROSECOND


@lru_cache(maxsize=32)
def _zone_table(zone: ZoneInfo) -> _ZoneTable:
    """The zone's UTC offset changes over [1900, 2100), found by daily sampling then bisection.

    WIB, WITA and WIT have had one fixed offset since 1964 and no DST, but older instants (and
    other zones) are handled too rather than assumed away. A change that reverted within a day
    would be missed; no zone has had one.
    """
    first = (_ZONE_FIRST - UNIX_EPOCH) // _MICROSECOND
    last = (_ZONE_LAST - UNIX_EPOCH) // _MICROSECOND
    transitions: list[int] = []
    offsets = [_offset_us(zone, first)]
    previous = first
    for sample in range(first + US_PER_DAY, last, US_PER_DAY):
        offset = _offset_us(zone, sample)
        if offset != offsets[-1]:
            low, high = previous, sample  # offset(low) is the old one, offset(high) the new
            while high - low > 1:
                middle = (low + high) // 2
                if _offset_us(zone, middle) == offsets[-1]:
                    low = middle
                else:
                    high = middle
            transitions.append(high)
            offsets.append(offset)
        previous = sample
    return _ZoneTable(np.array(transitions, dtype=np.int64), np.array(offsets, dtype=np.int64), first, last)


def epoch_microseconds(moments: Iterable[datetime.datetime]) -> Int64Array:
    """Aware datetimes as int64 microseconds since 1970-01-01 UTC (exact integer arithmetic).

    Naive datetimes are refused (TypeError): the scalar engine takes them as office local time,
    which a bulk caller should say explicitly by making them aware.
    """
    return np.fromiter(((moment - UNIX_EPOCH) // _MICROSECOND for moment in moments), dtype=np.int64)


def day_zero(calendar: Calendar, epoch_us: npt.ArrayLike) -> Int64Array:
    """RULES.md §7 day 0, as ordinals, for documents received at the given UTC instants (µs).

    Each instant becomes office local time through the zone's offset at that instant; received
    on a working day up to and including closing time counts that day (before opening too);
    after closing, or on a non-working day, the next working day. Instants outside the tabulated
    years are passed to the scalar `Calendar.day_zero`, so the answers are always the same.
    """
    instants = np.asarray(epoch_us, dtype=np.int64)
    if instants.size == 0:
        return np.zeros(instants.shape, dtype=np.int64)
    zone = _zone_table(calendar.zone)
    local = instants + zone.offsets[np.searchsorted(zone.transitions, instants, side="right")]
    days = local // US_PER_DAY + UNIX_EPOCH_ORDINAL
    in_hours = local % US_PER_DAY <= _tables(calendar).closes_us
    outside = (instants < zone.first) | (instants >= zone.last)
    days = np.where(outside, UNIX_EPOCH_ORDINAL, days)  # placeholders, replaced below
    result = np.where(in_hours & is_working_day(calendar, days), days, add_working_days(calendar, days, 1))
    if outside.any():
        for index in np.flatnonzero(outside):
            moment = UNIX_EPOCH + datetime.timedelta(microseconds=int(instants[index]))
            result[index] = calendar.day_zero(moment)[0].toordinal()
    return result


def deadlines(calendar: Calendar, epoch_us: npt.ArrayLike, n: npt.ArrayLike) -> Int64Array:
    """The deadline date (ordinal) for each receipt instant: day 0, then n working days (RULES.md §7)."""
    return add_working_days(calendar, day_zero(calendar, epoch_us), n)
