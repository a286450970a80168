"""/kantor/: the public office directory with filters and pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ppid.offices.models import Office
from ppid.web.views import OFFICES_PER_PAGE

pytestmark = pytest.mark.django_db

URL = "/kantor/"


def _codes(response: Any) -> list[str]:
    return [office.code for office in response.context["page"].object_list]


def test_it_lists_all_active_offices(client: Client) -> None:
    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["total"] == 553
    assert _codes(response)[:2] == ["00", "11"]
    assert b'href="/kantor/32.73/"' not in response.content  # page 1 holds Aceh, not Jawa Barat
    assert b'href="/kantor/11.01/"' in response.content


def test_it_paginates(client: Client) -> None:
    first = client.get(URL)
    second = client.get(URL, {"page": 2})
    last = client.get(URL, {"page": 999})

    assert len(_codes(first)) == OFFICES_PER_PAGE
    assert set(_codes(first)).isdisjoint(_codes(second))
    assert last.context["page"].number == first.context["page"].paginator.num_pages
    assert b'rel="next"' in first.content


def test_it_filters_by_level(client: Client) -> None:
    response = client.get(URL, {"level": "provinsi"})

    assert response.context["total"] == 38
    assert all(office.level == "provinsi" for office in response.context["page"].object_list)


def test_it_filters_by_province(client: Client) -> None:
    response = client.get(URL, {"province": "32"})

    assert response.context["total"] == 28
    assert _codes(response)[0] == "32"
    assert all(code.startswith("32.") for code in _codes(response)[1:])


def test_it_searches_by_name(client: Client) -> None:
    response = client.get(URL, {"q": "bandung"})

    assert sorted(_codes(response)) == ["32.04", "32.17", "32.73"]
    assert b"KPU Kota Bandung" in response.content


def test_it_searches_by_code_prefix(client: Client) -> None:
    assert _codes(client.get(URL, {"q": "91.71"})) == ["91.71"]


def test_it_combines_filters_and_keeps_them_in_page_links(client: Client) -> None:
    response = client.get(URL, {"level": "kabkota", "province": "32"})

    assert response.context["total"] == 27
    assert response.context["query"] == "level=kabkota&province=32"
    assert b"level=kabkota&amp;province=32&amp;page=2" in response.content


def test_it_says_when_nothing_matches(client: Client) -> None:
    response = client.get(URL, {"q": "tidak-ada-kantor-ini"})

    assert response.context["total"] == 0
    assert b"<table" not in response.content


def test_it_ignores_an_unknown_level(client: Client) -> None:
    response = client.get(URL, {"level": "desa"})

    assert response.status_code == 200
    assert response.context["form"].errors


def test_it_leaves_out_inactive_offices(client: Client) -> None:
    Office.objects.filter(code="32.73").update(is_active=False)

    assert client.get(URL, {"q": "bandung"}).context["total"] == 2


def test_it_returns_only_the_results_to_htmx(client: Client) -> None:
    response = client.get(URL, {"q": "bandung"}, headers={"hx-request": "true"})

    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"KPU Kota Bandung" in response.content


def _query_count(client: Client, params: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


def test_it_uses_the_same_number_of_queries_whatever_the_filter_or_page(client: Client) -> None:
    counts = {
        "all": _query_count(client, {}),
        "page 5": _query_count(client, {"page": "5"}),
        "province": _query_count(client, {"province": "32"}),
        "level and search": _query_count(client, {"level": "kabkota", "q": "kota"}),
        "one office": _query_count(client, {"q": "91.71"}),
        "empty": _query_count(client, {"q": "tidak-ada"}),
    }

    # An empty result skips the page query; every other filter and page costs the same.
    assert len({n for name, n in counts.items() if name != "empty"}) == 1, counts
    assert counts["empty"] <= counts["all"], counts
    assert counts["all"] <= 4, counts


def test_it_uses_no_more_queries_for_more_offices(client: Client, office_jabar: Office) -> None:
    one = _query_count(client, {"q": "32.73"})
    for number in range(80, 100):
        Office.objects.create(code=f"32.{number}", name=f"KPU Kabupaten Percobaan {number}", level="kabkota",
                              parent=office_jabar, time_zone="WIB")  # fmt: skip

    assert client.get(URL, {"q": "Percobaan"}).context["total"] == 20
    assert _query_count(client, {"q": "Percobaan"}) == one
