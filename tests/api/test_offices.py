"""GET /api/v1/offices/ and /api/v1/offices/<code>/: the public office directory."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from ppid.offices.models import Office

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def _get(api: APIClient, url: str, **params: Any) -> Any:
    response = api.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def test_it_lists_offices_without_login(api: APIClient) -> None:
    data = _get(api, "/api/v1/offices/")

    assert data["count"] == 553
    assert data["results"][0]["code"] == "00"


def test_it_pages_by_fifty(api: APIClient) -> None:
    first = _get(api, "/api/v1/offices/")
    last = _get(api, "/api/v1/offices/", page=12)

    assert len(first["results"]) == 50
    assert first["previous"] is None
    assert "page=2" in first["next"]
    assert len(last["results"]) == 553 - 11 * 50
    assert last["next"] is None


def test_it_returns_404_past_the_last_page(api: APIClient) -> None:
    assert api.get("/api/v1/offices/", {"page": 13}).status_code == 404


def test_it_shows_an_office_with_its_parent_code(api: APIClient) -> None:
    results = _get(api, "/api/v1/offices/", search="32.73")["results"]

    assert results == [
        {
            "code": "32.73", "name": "KPU Kota Bandung", "level": "kabkota", "parent": "32", "province_code": "32",
            "time_zone": "WIB", "opens_at": "08:00:00", "closes_at": "16:00:00",
            "address": "", "email": "", "phone": "", "website": "",
        }
    ]  # fmt: skip


@pytest.mark.parametrize(("level", "count"), [("ri", 1), ("provinsi", 38), ("kabkota", 514)])
def test_it_filters_by_level(api: APIClient, level: str, count: int) -> None:
    data = _get(api, "/api/v1/offices/", level=level)

    assert data["count"] == count
    assert {office["level"] for office in data["results"]} == {level}


def test_it_refuses_an_unknown_level(api: APIClient) -> None:
    assert api.get("/api/v1/offices/", {"level": "desa"}).status_code == 400


def test_it_filters_by_parent(api: APIClient) -> None:
    data = _get(api, "/api/v1/offices/", parent="32")

    assert data["count"] == Office.objects.filter(parent__code="32").count() == 27
    assert {office["parent"] for office in data["results"]} == {"32"}


def test_it_filters_by_province_including_the_province_itself(api: APIClient) -> None:
    data = _get(api, "/api/v1/offices/", province="32")

    assert data["count"] == 28
    assert {office["province_code"] for office in data["results"]} == {"32"}


def test_it_searches_names_case_insensitively(api: APIClient) -> None:
    data = _get(api, "/api/v1/offices/", search="bandung")

    assert {office["code"] for office in data["results"]} == {"32.04", "32.17", "32.73"}


def test_it_searches_by_code_prefix(api: APIClient) -> None:
    data = _get(api, "/api/v1/offices/", search="51.")

    assert data["count"] == 9
    assert all(office["code"].startswith("51.") for office in data["results"])


def test_it_combines_filters(api: APIClient) -> None:
    data = _get(api, "/api/v1/offices/", level="kabkota", province="91", search="jayapura")

    assert {office["code"] for office in data["results"]} == {"91.03", "91.71"}


def test_it_leaves_out_inactive_offices(api: APIClient) -> None:
    Office.objects.filter(code="32.73").update(is_active=False)

    assert _get(api, "/api/v1/offices/")["count"] == 552
    assert api.get("/api/v1/offices/32.73/").status_code == 404


def test_it_shows_an_office_with_its_work_units(api: APIClient) -> None:
    data = _get(api, "/api/v1/offices/32.73/")

    assert data["name"] == "KPU Kota Bandung"
    assert data["parent"] == "32"
    assert len(data["work_units"]) == 4
    assert [unit["name"] for unit in data["work_units"] if unit["is_legal_unit"]] == [
        "Subbagian Hukum dan Sumber Daya Manusia"
    ]


def test_it_shows_kpu_ri_without_a_parent(api: APIClient) -> None:
    assert _get(api, "/api/v1/offices/00/")["parent"] is None


def test_it_returns_404_for_an_unknown_code(api: APIClient) -> None:
    assert api.get("/api/v1/offices/99.99/").status_code == 404


def test_it_lists_offices_in_a_constant_number_of_queries(api: APIClient, django_assert_max_num_queries: Any) -> None:
    with django_assert_max_num_queries(2):
        _get(api, "/api/v1/offices/", level="kabkota")
