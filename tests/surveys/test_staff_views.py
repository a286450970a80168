"""Survey results for staff at /staf/survei/: who may see which office, the rollup, query counts."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.offices.models import Office
from ppid.surveys.models import SurveyResponse

pytestmark = pytest.mark.django_db

URL = reverse("surveys_staff:results")
MAY = datetime.date(2026, 5, 10)


def _query(office: Office, *, rollup: bool = False) -> dict[str, str]:
    params = {"office": str(office.pk), "start": "2026-05-01", "end": "2026-05-31"}
    if rollup:
        params["include_descendants"] = "on"
    return params


def test_staff_pages_need_a_login(client: Client) -> None:
    page = client.get(URL)
    assert page.status_code == 302
    assert page["Location"].startswith(reverse(settings.LOGIN_URL))


def test_a_role_without_report_view_is_refused(client: Client, desk: User) -> None:
    client.force_login(desk)
    assert client.get(URL).status_code == 403


def test_the_ppid_sees_its_office_results_and_comments(
    client: Client, staff: Callable[..., User], office_bandung: Office, answered: Callable[..., SurveyResponse]
) -> None:
    answered(office_bandung, MAY, [4, 4, 3, 3, 4, 3, 4, 3, 2], comment="Pelayanan cepat, terima kasih.")
    answered(office_bandung, MAY, [3, 4, 3, 2, 4, 4, 4, 3, 3])
    client.force_login(staff(Role.PPID, office_bandung))

    page = client.get(URL, _query(office_bandung))

    assert page.status_code == 200
    result = page.context["result"]
    assert result.responses == 2 and result.ikm == 83.33 and result.band == "B"
    html = page.content.decode()
    assert "83.33" in html or "83,33" in html
    assert "Pelayanan cepat, terima kasih." in html


def test_the_default_is_the_first_visible_office_this_year(
    client: Client, staff: Callable[..., User], office_bandung: Office
) -> None:
    client.force_login(staff(Role.PPID, office_bandung))
    page = client.get(URL)
    assert page.status_code == 200
    assert page.context["office"] == office_bandung
    assert page.context["result"].responses == 0


def test_another_office_is_not_found(
    client: Client, staff: Callable[..., User], office_bandung: Office, office_jateng: Office
) -> None:
    client.force_login(staff(Role.PPID, office_bandung))
    assert client.get(URL, _query(office_jateng)).status_code == 404


def test_a_province_rolls_up_the_offices_below_it(
    client: Client,
    staff: Callable[..., User],
    office_jabar: Office,
    office_bandung: Office,
    answered: Callable[..., SurveyResponse],
) -> None:
    answered(office_bandung, MAY, 4, comment="Dari Bandung.")
    answered(office_jabar, MAY, 2)
    client.force_login(staff(Role.ATASAN, office_jabar))

    own = client.get(URL, _query(office_jabar)).context["result"]
    assert (own.responses, own.ikm) == (1, 50.0)

    page = client.get(URL, _query(office_jabar, rollup=True))
    assert (page.context["result"].responses, page.context["result"].ikm) == (2, 75.0)
    assert "Dari Bandung." in page.content.decode()
    # A province may read its regencies' results on their own too.
    assert client.get(URL, _query(office_bandung)).context["result"].ikm == 100.0


def test_a_regency_does_not_see_its_province(
    client: Client, staff: Callable[..., User], office_jabar: Office, office_bandung: Office
) -> None:
    client.force_login(staff(Role.PPID, office_bandung))
    assert client.get(URL, _query(office_jabar)).status_code == 404


def test_the_query_count_does_not_grow_with_responses(
    client: Client,
    staff: Callable[..., User],
    office_jabar: Office,
    office_bandung: Office,
    answered: Callable[..., SurveyResponse],
) -> None:
    client.force_login(staff(Role.ATASAN, office_jabar))
    answered(office_bandung, MAY, 3, comment="Satu.")
    with CaptureQueriesContext(connection) as few:
        client.get(URL, _query(office_jabar, rollup=True))
    for number in range(5):
        answered(office_bandung, MAY, 4, comment=f"Komentar {number}.")
        answered(office_jabar, MAY, 2, comment=f"Provinsi {number}.")
    with CaptureQueriesContext(connection) as many:
        page = client.get(URL, _query(office_jabar, rollup=True))
    assert page.context["result"].responses == 11
    assert len(many.captured_queries) == len(few.captured_queries)
