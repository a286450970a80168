"""ppid.reports.figures against a hand-built year whose right answers are known."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ppid.offices.models import Office
from ppid.reports.figures import Period, figures_for, on_time_by_province, period_for_year
from tests.reports.conftest import KnownYear
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db

JUNE = Period(datetime.date(2026, 6, 1), datetime.date(2026, 6, 30))
# Figures are read in mid-July: the never-answered request is overdue by then.
READ_AT = datetime.datetime(2026, 7, 15, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


def test_period_for_year_is_the_calendar_year() -> None:
    assert period_for_year(2025) == Period(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))


def test_request_figures_match_the_hand_count(known_year: KnownYear, office: Office) -> None:
    late_days = known_year.late.working_days_taken
    assert late_days is not None and late_days > 10
    with frozen_now(READ_AT):
        figures = figures_for(office, JUNE).requests

    assert (figures.received, figures.decided, figures.pending, figures.overdue) == (5, 4, 1, 1)
    assert (figures.extended, figures.withdrawn, figures.lapsed, figures.forwarded) == (0, 0, 0, 0)
    assert figures.outcomes == {"granted_full": 2, "granted_part": 1, "refused": 1}
    # The refusal and the partial grant both rest on Pasal 17 huruf h.
    assert figures.refusal_grounds == {"h": 2}
    # Working days 1, 2, 4 and the late one: median (2 + 4) / 2; p90 at position 2.7 of 0..3.
    assert figures.median_days == pytest.approx(3.0)
    assert figures.p90_days == pytest.approx(4 + 0.7 * (late_days - 4))
    assert figures.on_time == 3
    assert figures.on_time_rate == pytest.approx(0.75)


def test_working_days_taken_are_the_ones_counted_by_hand(known_year: KnownYear, office: Office) -> None:
    days = sorted(r.working_days_taken or 0 for r in office.requests.exclude(outcome="").exclude(pk=known_year.late.pk))
    assert days == [1, 2, 4]


def test_objection_and_dispute_figures(known_year: KnownYear, office: Office) -> None:
    with frozen_now(READ_AT):
        figures = figures_for(office, JUNE)
    assert (figures.objections.filed, figures.objections.late, figures.objections.pending) == (1, 0, 0)
    assert figures.objections.outcomes == {"upheld": 1}
    assert figures.disputes.total == 1
    assert figures.disputes.by_stage == {known_year.dispute.stage: 1}
    assert figures.disputes.court == 0


def test_other_periods_and_offices_see_none_of_it(known_year: KnownYear, office: Office, office_jateng: Office) -> None:
    with frozen_now(READ_AT):
        may = figures_for(office, Period(datetime.date(2026, 5, 1), datetime.date(2026, 5, 31)))
        elsewhere = figures_for(office_jateng, JUNE, rollup=True)
    for figures in (may, elsewhere):
        assert figures.requests.received == 0
        assert figures.requests.median_days is None
        assert figures.requests.on_time_rate is None
        assert figures.objections.filed == 0
        assert figures.disputes.total == 0


def test_rollup_sums_the_children(
    known_year: KnownYear, office: Office, office_jabar: Office, national: Office
) -> None:
    with frozen_now(READ_AT):
        alone = figures_for(office_jabar, JUNE)
        province = figures_for(office_jabar, JUNE, rollup=True)
        country = figures_for(national, JUNE, rollup=True)
    assert alone.requests.received == 0
    assert province.requests.received == country.requests.received == 5
    assert province.requests.outcomes == {"granted_full": 2, "granted_part": 1, "refused": 1}
    assert country.objections.filed == 1
    assert country.disputes.total == 1


def test_on_time_by_province_rolls_regencies_into_their_province(known_year: KnownYear) -> None:
    rows = on_time_by_province(JUNE)
    assert len(rows) == 38
    by_code = {office.code: (decided, on_time) for office, decided, on_time in rows}
    assert by_code["32"] == (4, 3)
    assert by_code["33"] == (0, 0)


def _queries(call: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def test_query_count_does_not_grow_with_rows(
    request_in: Any, office: Office, national: Office, known_year: KnownYear
) -> None:
    def national_figures() -> None:
        figures_for(national, JUNE, rollup=True)

    before = _queries(national_figures), _queries(lambda: on_time_by_province(JUNE))
    with frozen_now(datetime.datetime(2026, 6, 9, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))):
        for _ in range(3):
            request_in("decided")
    after = _queries(national_figures), _queries(lambda: on_time_by_province(JUNE))
    assert before == after
    assert after[1] == 2
