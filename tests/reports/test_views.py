"""The dashboard (report:view), the public Pasal 12 announcement and the open data API."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.offices.models import Office
from tests.reports.conftest import KnownYear
from tests.requests.conftest import VALID_NIK

pytestmark = pytest.mark.django_db

PERSONAL = (VALID_NIK, "Siti Rahmawati", "Jl. Asia Afrika", "siti@example.org", "081234567890")


def _login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


# --- dashboard ---


def test_dashboard_needs_login(client: Client) -> None:
    response = client.get("/staf/dasbor/")
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_dashboard_forbidden_without_report_view(client: Client, staff: Callable[..., User], office: Office) -> None:
    _login(client, staff(Role.DESK, office))
    assert client.get("/staf/dasbor/").status_code == 403


def test_dashboard_shows_the_office_figures_with_links(
    client: Client, known_year: KnownYear, ppid_officer: User, office: Office
) -> None:
    response = _login(client, ppid_officer).get("/staf/dasbor/", {"office": office.code, "year": 2026})
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures.requests.received == 5
    assert figures.office == office and figures.rollup is False
    html = response.content.decode()
    assert f"/staf/permohonan/register/?date_from=2026-01-01&amp;date_to=2026-12-31&amp;office={office.pk}" in html
    assert "<svg" in html and "<table" in html
    for value in PERSONAL:
        assert value not in html


def test_every_request_figure_links_to_a_register_of_exactly_those_requests(
    client: Client, known_year: KnownYear, ppid_officer: User, office: Office
) -> None:
    _login(client, ppid_officer)
    response = client.get("/staf/dasbor/", {"office": office.code, "year": 2026})
    figures, links = response.context["figures"].requests, response.context["links"]
    assert figures.decided == 4 and figures.pending == 1  # the hand-built year
    for state in ("decided", "pending", "extended", "withdrawn", "lapsed", "forwarded"):
        listed = client.get(links[state]).context["summary"]["total"]
        assert listed == getattr(figures, state), state
    decisions = response.context["request_charts"][0]
    for bar in decisions.bars:
        assert client.get(bar.href).context["summary"]["total"] == bar.value, bar.label


def test_dashboard_other_office_is_404(
    client: Client, ppid_officer: User, office_jateng: Office, office_jabar: Office
) -> None:
    _login(client, ppid_officer)
    assert client.get("/staf/dasbor/", {"office": office_jateng.code}).status_code == 404
    # A regency's PPID does not read its province either.
    assert client.get("/staf/dasbor/", {"office": office_jabar.code}).status_code == 404


def test_province_sees_its_regencies_rolled_up(
    client: Client, known_year: KnownYear, staff: Callable[..., User], office: Office, office_jabar: Office
) -> None:
    _login(client, staff(Role.PPID, office_jabar))
    rolled = client.get("/staf/dasbor/", {"office": office_jabar.code, "year": 2026, "rollup": "on"})
    assert rolled.status_code == 200
    assert rolled.context["figures"].requests.received == 5
    alone = client.get("/staf/dasbor/", {"office": office_jabar.code, "year": 2026})
    assert alone.context["figures"].requests.received == 0
    child = client.get("/staf/dasbor/", {"office": office.code, "year": 2026})
    assert child.status_code == 200
    assert child.context["figures"].requests.received == 5


def test_national_dashboard_has_the_province_grid(
    client: Client, known_year: KnownYear, staff: Callable[..., User], national: Office
) -> None:
    response = _login(client, staff(Role.PPID, national)).get("/staf/dasbor/", {"year": 2026, "rollup": "on"})
    assert response.status_code == 200
    grid = response.context["grid"]
    assert len(grid) == 38
    jabar = next(cell for cell in grid if cell["office"].code == "32")
    assert (jabar["decided"], jabar["on_time"], jabar["rate"], jabar["band"]) == (4, 3, 75, "fair")
    assert 'class="band-fair"' in response.content.decode()


def test_bad_period_is_shown_not_a_500(client: Client, ppid_officer: User) -> None:
    response = _login(client, ppid_officer).get("/staf/dasbor/", {"date_from": "2026-06-30", "date_to": "2026-06-01"})
    assert response.status_code == 200
    assert response.context["form"].errors


def _queries(client: Client, url: str, params: dict[str, Any]) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured.captured_queries)


def test_dashboard_query_count_is_constant(
    client: Client,
    staff: Callable[..., User],
    national: Office,
    request_in: Callable[[str], Any],
    known_year: KnownYear,
) -> None:
    _login(client, staff(Role.PPID, national))
    params = {"year": 2026, "rollup": "on"}
    before = _queries(client, "/staf/dasbor/", params)
    for status in ("decided", "registered", "withdrawn"):
        request_in(status)
    assert _queries(client, "/staf/dasbor/", params) == before


# --- public announcement ---


def test_announcement_is_public_and_has_no_personal_data(client: Client, known_year: KnownYear, office: Office) -> None:
    response = client.get(f"/laporan/pengumuman/{office.code}/2026/")
    assert response.status_code == 200
    figures = response.context["figures"]
    assert (figures.received, figures.decided) == (5, 4)
    assert response.context["granted"] == 3 and response.context["refused"] == 1
    html = response.content.decode()
    assert "h. " in html  # the refusal ground is named
    for value in PERSONAL:
        assert value not in html
    assert known_year.refused.registration_number not in html


def test_announcement_index_and_unknown(client: Client, known_year: KnownYear, office: Office) -> None:
    index = client.get(f"/laporan/pengumuman/{office.code}/")
    assert index.status_code == 200
    assert 2026 in index.context["years"]
    assert f"/laporan/pengumuman/{office.code}/2026/" in index.content.decode()
    assert client.get("/laporan/pengumuman/99.99/2026/").status_code == 404
    assert client.get(f"/laporan/pengumuman/{office.code}/1999/").status_code == 404
    assert client.get("/laporan/pengumuman/").status_code == 200


def test_announcement_query_count_is_constant(
    client: Client, office: Office, request_in: Callable[[str], Any], known_year: KnownYear
) -> None:
    url = f"/laporan/pengumuman/{office.code}/2026/"
    before = _queries(client, url, {})
    request_in("decided")
    request_in("registered")
    assert _queries(client, url, {}) == before


# --- open data ---


def _all_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def test_statistics_json_is_public_and_aggregated(client: Client, known_year: KnownYear, office: Office) -> None:
    response = client.get("/api/v1/statistics/", {"office": office.code, "year": 2026})
    assert response.status_code == 200
    data = response.json()
    assert data["office"]["code"] == office.code and data["year"] == 2026 and data["rollup"] is False
    assert data["requests"]["received"] == 5
    assert data["requests"]["refusal_grounds"] == {"h": 2}
    assert data["objections"]["outcomes"] == {"upheld": 1}
    assert set(data) == {
        "office",
        "period",
        "rollup",
        "year",
        "requests",
        "objections",
        "disputes",
        "catalogue",
        "satisfaction",
    }
    text = _all_text(data)
    for value in (*PERSONAL, known_year.refused.registration_number):
        assert value not in text


def test_statistics_rollup_defaults_to_ri(client: Client, known_year: KnownYear) -> None:
    data = client.get("/api/v1/statistics/", {"year": 2026, "rollup": "true"}).json()
    assert data["office"]["level"] == "ri"
    assert data["requests"]["received"] == 5
    assert client.get("/api/v1/statistics/", {"year": 2026}).json()["requests"]["received"] == 0


def test_statistics_are_counted_once_per_cache_period(client: Client, known_year: KnownYear, office: Office) -> None:
    query = {"office": office.code, "year": 2026}
    client.get("/api/v1/statistics/", query)
    with CaptureQueriesContext(connection) as counted_again:
        again = client.get("/api/v1/statistics/", query).json()
    assert again["requests"]["received"] == 5
    assert not any("requests_informationrequest" in q["sql"] for q in counted_again.captured_queries)
    rollup = client.get("/api/v1/statistics/", {**query, "rollup": "true"}).json()
    assert rollup["rollup"] is True  # another key: counted on its own


def test_statistics_are_throttled(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"statistics": "3/minute"})
    codes = [client.get("/api/v1/statistics/", {"year": 2026}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


@pytest.mark.parametrize("url", ["/api/v1/statistics.csv", "/api/v1/statistics/?format=csv"])
def test_statistics_csv(client: Client, known_year: KnownYear, office: Office, url: str) -> None:
    response = client.get(url, {"office": office.code, "year": 2026} if "?" not in url else None)
    if "?" in url:
        response = client.get(f"{url}&office={office.code}&year=2026")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = dict(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows["requests.received"] == "5"
    assert rows["requests.refusal_grounds.h"] == "2"
    assert rows["office.code"] == office.code
    for value in PERSONAL:
        assert value not in response.content.decode("utf-8-sig")


def test_statistics_bad_input_is_400(client: Client) -> None:
    assert client.get("/api/v1/statistics/", {"office": "99.99"}).status_code == 400
    assert client.get("/api/v1/statistics/", {"year": "abc"}).status_code == 400


def test_statistics_is_in_the_openapi_schema(client: Client) -> None:
    response = client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert "/api/v1/statistics/" in json.loads(response.content)["paths"]
