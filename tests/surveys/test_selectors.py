"""The IKM per office and period: PermenPANRB 14/2017 [verify] against hand-computed examples."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ppid.offices.models import Office
from ppid.surveys.models import SurveyBand, SurveyElement, SurveyResponse
from ppid.surveys.selectors import Satisfaction, band_for, ikm_of, satisfaction

pytestmark = pytest.mark.django_db

MAY = datetime.date(2026, 5, 10)


def test_the_nine_elements_and_four_bands_are_seeded_as_data() -> None:
    assert SurveyElement.objects.filter(is_active=True).count() == 9
    assert list(SurveyBand.objects.values_list("code", flat=True)) == ["A", "B", "C", "D"]


def test_no_responses_gives_no_ikm_and_no_band(office: Office) -> None:
    result = satisfaction([office.pk], MAY, MAY)
    assert result == Satisfaction(responses=0, ikm=None, band="")


def test_ikm_is_the_mean_of_element_means_times_25(office: Office, answered: Callable[..., SurveyResponse]) -> None:
    # Hand computation. Response 1: 4,4,3,3,4,3,4,3,2; response 2: 3,4,3,2,4,4,4,3,3.
    # Element means: 3.5, 4, 3, 2.5, 4, 3.5, 4, 3, 2.5 → sum 30 → mean 30/9 = 3.3333…
    # IKM = 3.3333… × 25 = 83.33 → band B (76.61–88.30, Baik).
    answered(office, MAY, [4, 4, 3, 3, 4, 3, 4, 3, 2])
    answered(office, MAY, [3, 4, 3, 2, 4, 4, 4, 3, 3])

    result = satisfaction([office.pk], MAY, MAY)

    assert result.responses == 2
    assert result.ikm == 83.33
    assert result.band == "B"
    assert result.band_label == "Baik"
    assert result.by_element["persyaratan"] == 3.5
    assert result.by_element["biaya"] == 2.5
    assert len(result.by_element) == 9


@pytest.mark.parametrize(
    ("ikm", "band"),
    [(100.0, "A"), (88.31, "A"), (88.30, "B"), (76.61, "B"), (76.60, "C"), (65.0, "C"), (64.99, "D"), (25.0, "D")],
)
def test_bands_include_both_ends_of_their_interval(ikm: float, band: str) -> None:
    found = band_for(ikm, list(SurveyBand.objects.all()))
    assert found is not None and found.code == band


def test_a_band_edited_in_the_admin_changes_the_result() -> None:
    SurveyBand.objects.filter(code="A").update(min_ikm="90.00")
    SurveyBand.objects.filter(code="B").update(max_ikm="89.99")
    found = band_for(89.0, list(SurveyBand.objects.all()))
    assert found is not None and found.code == "B"


def test_ikm_of_all_fours_is_100_and_all_ones_is_25() -> None:
    assert ikm_of([4.0] * 9) == 100.0
    assert ikm_of([1.0] * 9) == 25.0
    assert ikm_of([]) is None


def test_only_responses_inside_the_period_count(office: Office, answered: Callable[..., SurveyResponse]) -> None:
    answered(office, datetime.date(2026, 4, 30), 1)
    answered(office, datetime.date(2026, 5, 1), 4)
    answered(office, datetime.date(2026, 5, 31), 4)
    answered(office, datetime.date(2026, 6, 1), 1)

    result = satisfaction([office.pk], datetime.date(2026, 5, 1), datetime.date(2026, 5, 31))

    assert result.responses == 2
    assert result.ikm == 100.0
    assert result.band == "A"


def test_offices_not_asked_for_do_not_count_and_a_rollup_sums_them(
    office_jabar: Office, office_bandung: Office, answered: Callable[..., SurveyResponse]
) -> None:
    answered(office_bandung, MAY, 4)
    answered(office_jabar, MAY, 2)

    assert satisfaction([office_jabar.pk], MAY, MAY).ikm == 50.0
    rolled_up = satisfaction([office_jabar.pk, office_bandung.pk], MAY, MAY)
    assert rolled_up.responses == 2
    assert rolled_up.ikm == 75.0
    assert rolled_up.band == "C"


def test_query_count_does_not_grow_with_responses(office: Office, answered: Callable[..., SurveyResponse]) -> None:
    answered(office, MAY, 3)
    with CaptureQueriesContext(connection) as few:
        satisfaction([office.pk], MAY, MAY)
    for _ in range(4):
        answered(office, MAY, 4)
    with CaptureQueriesContext(connection) as many:
        satisfaction([office.pk], MAY, MAY)
    assert len(many.captured_queries) == len(few.captured_queries) == 3
