"""The numpy batch path must give exactly the scalar engine's answers (RULES.md §7 counting)."""

from __future__ import annotations

import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ppid.workdays import batch
from ppid.workdays.engine import Calendar, DayKind, DayNote
from tests.workdays.reference import calendar_2026

D = datetime.date
WIB = ZoneInfo("Asia/Jakarta")

kinds = st.sampled_from([DayKind.HOLIDAY, DayKind.CUTI_BERSAMA, DayKind.CLOSURE, DayKind.EXTRA_WORKING_DAY])
# Exceptions cluster around two year ends so that starts before, inside and after them all occur.
notes = st.lists(
    st.builds(DayNote, date=st.dates(D(2029, 11, 1), D(2031, 2, 28)), kind=kinds),
    max_size=80,
)
starts = st.one_of(
    st.dates(D(2029, 10, 1), D(2031, 3, 31)),  # among the exceptions (weekends, holidays, year ends)
    st.dates(D(2029, 12, 20), D(2030, 1, 10)),
    st.dates(D(1990, 1, 1), D(2070, 12, 31)),  # far outside: the general form, not the dense table
)
counts = st.integers(min_value=0, max_value=200)
pairs = st.lists(st.tuples(starts, counts), min_size=1, max_size=60)
zones = st.sampled_from(["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura", "Europe/Amsterdam"])
times = st.times()
moments = st.datetimes(
    min_value=datetime.datetime(2029, 10, 1),
    max_value=datetime.datetime(2031, 3, 31),
    timezones=st.sampled_from([datetime.UTC, WIB, ZoneInfo("Asia/Jayapura"), ZoneInfo("America/New_York")]),
)
far_moments = st.datetimes(
    min_value=datetime.datetime(1850, 1, 1), max_value=datetime.datetime(2150, 12, 31), timezones=st.just(datetime.UTC)
)


def scalar_add(cal: Calendar, pairs: list[tuple[D, int]]) -> list[int]:
    return [cal.add_working_days(day, n).toordinal() for day, n in pairs]


@pytest.mark.parametrize("dense", [True, False], ids=["dense-table", "general-form"])
@settings(max_examples=300, deadline=None)
@given(day_notes=notes, cases=pairs)
def test_batch_add_agrees_with_scalar(dense: bool, day_notes: list[DayNote], cases: list[tuple[D, int]]) -> None:
    with mock.patch.object(batch, "_DENSE_MAX", batch._DENSE_MAX if dense else 0):
        cal = Calendar.build(day_notes)
        ordinals = np.array([day.toordinal() for day, _ in cases])
        got = cal.add_working_days_many(ordinals, np.array([n for _, n in cases]))
        assert got.tolist() == scalar_add(cal, cases)
        # one n for every date broadcasts
        n = cases[0][1]
        assert cal.add_working_days_many(ordinals, n).tolist() == scalar_add(cal, [(d, n) for d, _ in cases])
        assert batch.is_working_day(cal, ordinals).tolist() == [cal.is_working_day(d) for d, _ in cases]


@settings(max_examples=200, deadline=None)
@given(
    day_notes=notes,
    zone=zones,
    opens=times,
    closes=times,
    received=st.lists(st.one_of(moments, far_moments), min_size=1, max_size=40),
    n=counts,
)
def test_batch_day_zero_and_deadline_agree_with_scalar(
    day_notes: list[DayNote],
    zone: str,
    opens: datetime.time,
    closes: datetime.time,
    received: list[datetime.datetime],
    n: int,
) -> None:
    cal = Calendar.build(day_notes, zone=zone, opens_at=min(opens, closes), closes_at=max(opens, closes))
    instants = batch.epoch_microseconds(received)
    assert cal.day_zero_many(instants).tolist() == [cal.day_zero(m)[0].toordinal() for m in received]
    assert cal.deadlines_many(instants, n).tolist() == [cal.deadline(m, n).toordinal() for m in received]


def test_idul_fitri_2026() -> None:
    cal = calendar_2026()
    # 18-24 March 2026 (Nyepi, Idulfitri and its cuti bersama) and Good Friday 3 April are skipped.
    got = cal.add_working_days_many([D(2026, 3, 17).toordinal(), D(2026, 3, 21).toordinal()], [10, 0])
    assert got.tolist() == [D(2026, 4, 8).toordinal(), D(2026, 3, 21).toordinal()]
    received = [
        datetime.datetime(2026, 3, 17, 15, 59, tzinfo=WIB),
        datetime.datetime(2026, 3, 17, 16, 0, tzinfo=WIB),  # at closing time: still in hours
        datetime.datetime(2026, 3, 17, 16, 1, tzinfo=WIB),  # after closing: day 0 is 25 March
        datetime.datetime(2026, 3, 17, 9, 1, tzinfo=datetime.UTC),  # 16:01 WIB
        datetime.datetime(2026, 3, 21, 10, 0, tzinfo=WIB),  # Saturday inside the break
    ]
    instants = batch.epoch_microseconds(received)
    assert [D.fromordinal(d) for d in cal.day_zero_many(instants).tolist()] == [
        D(2026, 3, 17),
        D(2026, 3, 17),
        D(2026, 3, 25),
        D(2026, 3, 25),
        D(2026, 3, 25),
    ]
    assert [D.fromordinal(d) for d in cal.deadlines_many(instants, 10).tolist()] == [
        D(2026, 4, 8),
        D(2026, 4, 8),
        D(2026, 4, 9),
        D(2026, 4, 9),
        D(2026, 4, 9),
    ]


def test_year_end_2026() -> None:
    cal = calendar_2026()
    start = D(2026, 12, 23).toordinal()
    got = cal.add_working_days_many(np.full(3, start), np.array([1, 4, 5]))
    assert [D.fromordinal(d) for d in got.tolist()] == [D(2026, 12, 28), D(2026, 12, 31), D(2027, 1, 4)]


def test_refusals_match_the_scalar_engine() -> None:
    cal = calendar_2026()
    with pytest.raises(ValueError, match="negative"):
        cal.add_working_days_many([D(2026, 1, 5).toordinal()], -1)
    with pytest.raises(ValueError):
        cal.add_working_days(D.max, 1)
    with pytest.raises(ValueError):
        cal.add_working_days_many([D.max.toordinal()], 1)
    assert cal.add_working_days_many([D.max.toordinal()], 0).tolist() == [D.max.toordinal()]
    assert cal.add_working_days_many(np.zeros(0, dtype=np.int64), 5).shape == (0,)
    with pytest.raises(TypeError):
        batch.epoch_microseconds([datetime.datetime(2026, 1, 5, 10, 0)])  # naive: say the zone


def test_calendar_without_exceptions_is_monday_to_friday() -> None:
    cal = Calendar.build([])
    friday = D(2030, 1, 4).toordinal()
    assert cal.add_working_days_many([friday, friday + 1], 1).tolist() == [friday + 3, friday + 3]
