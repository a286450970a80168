"""Property-based tests of the engine against a naive day-stepping reference."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from ppid.workdays.engine import Calendar, DayKind, DayNote
from tests.workdays.reference import calendar_2026, index, naive_add

CAL = calendar_2026()
dates = st.dates(min_value=datetime.date(2024, 6, 1), max_value=datetime.date(2027, 6, 30))
counts = st.integers(min_value=0, max_value=120)
kinds = st.sampled_from([DayKind.HOLIDAY, DayKind.CUTI_BERSAMA, DayKind.CLOSURE, DayKind.EXTRA_WORKING_DAY])
notes = st.lists(
    st.builds(DayNote, date=st.dates(datetime.date(2030, 1, 1), datetime.date(2030, 3, 31)), kind=kinds), max_size=40
)
moments = st.datetimes(
    min_value=datetime.datetime(2025, 1, 1), max_value=datetime.datetime(2027, 6, 30), timezones=st.just(datetime.UTC)
)


@given(dates, counts)
def test_deadline_is_never_a_non_working_day(start: datetime.date, n: int) -> None:
    if n > 0:
        assert CAL.is_working_day(CAL.add_working_days(start, n))


@given(dates, counts)
def test_count_inverts_add(start: datetime.date, n: int) -> None:
    assert CAL.count_working_days(start, CAL.add_working_days(start, n)) == n


@given(dates, dates, counts)
def test_later_starts_never_give_earlier_deadlines(a: datetime.date, b: datetime.date, n: int) -> None:
    first, second = sorted((a, b))
    assert CAL.add_working_days(first, n) <= CAL.add_working_days(second, n)


@given(moments, moments, counts)
def test_later_receipts_never_give_earlier_deadlines(a: datetime.datetime, b: datetime.datetime, n: int) -> None:
    first, second = sorted((a, b))
    assert CAL.deadline(first, n) <= CAL.deadline(second, n)


@settings(max_examples=300)
@given(notes, st.dates(datetime.date(2029, 12, 1), datetime.date(2030, 3, 31)), st.integers(0, 60))
def test_engine_agrees_with_day_stepping(day_notes: list[DayNote], start: datetime.date, n: int) -> None:
    cal = Calendar.build(day_notes)
    reference = index(day_notes)
    assert cal.add_working_days(start, n) == naive_add(reference, start, n)
    assert cal.next_working_day(start) == naive_add(reference, start, 1)


@given(notes, st.dates(datetime.date(2029, 12, 1), datetime.date(2030, 3, 31)))
def test_previous_working_day_is_before_and_working(day_notes: list[DayNote], day: datetime.date) -> None:
    cal = Calendar.build(day_notes)
    previous = cal.previous_working_day(day)
    assert previous < day and cal.is_working_day(previous)
    assert cal.next_working_day(previous) >= day
