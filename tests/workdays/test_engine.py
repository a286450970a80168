"""The pure engine: day 0, adding and counting working days (RULES.md §7)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from ppid.workdays.engine import Calendar, DayKind, DayNote, DayZeroReason
from tests.workdays.reference import calendar_2026

D = datetime.date
WIB = ZoneInfo("Asia/Jakarta")


def at(day: str, time: str, zone: str = "Asia/Jakarta") -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=ZoneInfo(zone))


def test_plain_weeks_skip_weekends() -> None:
    cal = Calendar.build([])
    assert cal.add_working_days(D(2030, 1, 4), 1) == D(2030, 1, 7)  # Friday + 1 = Monday
    assert cal.add_working_days(D(2030, 1, 7), 10) == D(2030, 1, 21)
    assert cal.count_working_days(D(2030, 1, 4), D(2030, 1, 7)) == 1
    assert cal.add_working_days(D(2030, 1, 5), 1) == D(2030, 1, 7)  # from a Saturday


def test_zero_working_days_is_the_day_itself() -> None:
    assert Calendar.build([]).add_working_days(D(2030, 1, 5), 0) == D(2030, 1, 5)


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError):
        Calendar.build([]).add_working_days(D(2030, 1, 5), -1)


def test_idul_fitri_2026_holidays_and_cuti_bersama_are_skipped() -> None:
    cal = calendar_2026()
    # 18-24 March 2026: Nyepi (cuti bersama + holiday), Idulfitri (cuti bersama, holidays, cuti bersama).
    for day in range(18, 25):
        assert not cal.is_working_day(D(2026, 3, day))
    assert cal.next_working_day(D(2026, 3, 17)) == D(2026, 3, 25)
    assert cal.previous_working_day(D(2026, 3, 25)) == D(2026, 3, 17)
    assert cal.add_working_days(D(2026, 3, 17), 10) == D(2026, 4, 8)  # 3 April Good Friday skipped too
    assert cal.count_working_days(D(2026, 3, 17), D(2026, 4, 8)) == 10
    reasons = cal.non_working_reasons(D(2026, 3, 23))
    assert [r.kind for r in reasons] == [DayKind.CUTI_BERSAMA]
    assert reasons[0].name == "Idulfitri 1447 H"
    assert "SKB" in reasons[0].decree


def test_year_end_crosses_christmas_cuti_bersama_and_new_year() -> None:
    cal = calendar_2026()
    # Wed 23 Dec 2026; 24 (cuti bersama), 25 (Christmas), 26-27 weekend, 1 Jan 2027 holiday.
    assert cal.add_working_days(D(2026, 12, 23), 1) == D(2026, 12, 28)
    assert cal.add_working_days(D(2026, 12, 23), 4) == D(2026, 12, 31)
    assert cal.add_working_days(D(2026, 12, 23), 5) == D(2027, 1, 4)
    assert cal.count_working_days(D(2026, 12, 23), D(2027, 1, 4)) == 5


def test_closure_and_extra_working_day() -> None:
    closure = DayNote(D(2030, 1, 8), DayKind.CLOSURE, "Banjir")
    extra = DayNote(D(2030, 1, 12), DayKind.EXTRA_WORKING_DAY, "Pengganti")
    cal = Calendar.build([closure, extra])
    assert not cal.is_working_day(D(2030, 1, 8))
    assert cal.is_working_day(D(2030, 1, 12))  # a Saturday
    # Mon 7 Jan + 5: Wed 9, Thu 10, Fri 11, Sat 12 (extra), Mon 14.
    assert cal.add_working_days(D(2030, 1, 7), 4) == D(2030, 1, 12)
    assert cal.add_working_days(D(2030, 1, 7), 5) == D(2030, 1, 14)
    assert cal.count_working_days(D(2030, 1, 7), D(2030, 1, 14)) == 5
    assert cal.non_working_weekdays(D(2030, 1, 1), D(2030, 1, 31)) == [(D(2030, 1, 8), (closure,))]
    assert cal.extra_working_days(D(2030, 1, 1), D(2030, 1, 31)) == [D(2030, 1, 12)]


def test_extra_working_day_overrides_a_holiday_on_the_same_date() -> None:
    day = D(2030, 1, 8)
    cal = Calendar.build([DayNote(day, DayKind.HOLIDAY, "X"), DayNote(day, DayKind.EXTRA_WORKING_DAY, "Y")])
    assert cal.is_working_day(day)


def test_count_backwards_is_negative() -> None:
    cal = Calendar.build([])
    assert cal.count_working_days(D(2030, 1, 14), D(2030, 1, 7)) == -5


class TestDayZero:
    cal = calendar_2026()

    def test_in_office_hours_counts_that_day(self) -> None:
        assert self.cal.day_zero(at("2026-03-17", "10:00")) == (D(2026, 3, 17), DayZeroReason.IN_HOURS)

    def test_before_opening_counts_as_received_at_opening(self) -> None:
        assert self.cal.day_zero(at("2026-03-17", "06:30")) == (D(2026, 3, 17), DayZeroReason.BEFORE_OPENING)

    def test_at_closing_time_is_still_in_hours(self) -> None:
        assert self.cal.day_zero(at("2026-03-17", "16:00")) == (D(2026, 3, 17), DayZeroReason.IN_HOURS)

    def test_one_minute_after_closing_moves_day_zero_past_idul_fitri(self) -> None:
        assert self.cal.day_zero(at("2026-03-17", "16:01")) == (D(2026, 3, 25), DayZeroReason.AFTER_CLOSING)
        assert self.cal.deadline(at("2026-03-17", "16:01"), 10) == D(2026, 4, 9)
        assert self.cal.deadline(at("2026-03-17", "15:59"), 10) == D(2026, 4, 8)

    def test_on_a_non_working_day(self) -> None:
        assert self.cal.day_zero(at("2026-03-21", "10:00")) == (D(2026, 3, 25), DayZeroReason.NON_WORKING_DAY)

    def test_a_bare_date_means_during_office_hours(self) -> None:
        assert self.cal.day_zero(D(2026, 3, 17)) == (D(2026, 3, 17), DayZeroReason.DATE_ONLY)
        assert self.cal.day_zero(D(2026, 3, 22)) == (D(2026, 3, 25), DayZeroReason.NON_WORKING_DAY)

    def test_naive_moments_are_office_local_time(self) -> None:
        naive = datetime.datetime(2026, 3, 17, 16, 1)
        assert self.cal.day_zero(naive)[0] == D(2026, 3, 25)


class TestTimeZones:
    def test_wita_office_receives_in_its_own_hours(self) -> None:
        cal = calendar_2026(zone="Asia/Makassar")
        # 15:30 WIB is 16:30 WITA: after closing in Denpasar.
        assert cal.day_zero(at("2026-06-02", "15:30"))[1] is DayZeroReason.AFTER_CLOSING
        assert cal.day_zero(at("2026-06-02", "15:30"))[0] == D(2026, 6, 3)

    def test_wit_office_converts_an_utc_moment(self) -> None:
        cal = calendar_2026(zone="Asia/Jayapura")
        moment = datetime.datetime(2026, 6, 2, 22, 30, tzinfo=datetime.UTC)  # 07:30 WIT on 3 June
        assert cal.day_zero(moment) == (D(2026, 6, 3), DayZeroReason.BEFORE_OPENING)

    def test_utc_moment_one_minute_after_closing_in_wib(self) -> None:
        cal = calendar_2026()
        moment = datetime.datetime(2026, 6, 2, 9, 1, tzinfo=datetime.UTC)  # 16:01 WIB
        assert cal.day_zero(moment) == (D(2026, 6, 3), DayZeroReason.AFTER_CLOSING)

    def test_deadline_is_end_of_day_in_office_time(self) -> None:
        cal = calendar_2026(zone="Asia/Jayapura")
        end = cal.end_of_day(D(2026, 6, 3))
        assert end.utcoffset() == datetime.timedelta(hours=9)
        assert (end.hour, end.minute) == (23, 59)
