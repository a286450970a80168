"""/kantor/<code>/: one office with its work units and the offices below it."""

from __future__ import annotations

import pytest
from django.test import Client

from ppid.offices.models import Office

pytestmark = pytest.mark.django_db


def test_it_shows_a_regency_with_its_units_and_parent(client: Client) -> None:
    response = client.get("/kantor/32.73/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "KPU Kota Bandung" in html
    assert 'href="/kantor/32/"' in html
    assert "Subbagian Hukum dan Sumber Daya Manusia" in html
    assert "08:00–16:00 WIB" in html


def test_it_lists_the_regencies_below_a_province(client: Client) -> None:
    response = client.get("/kantor/32/")

    assert len(response.context["children"]) == 27
    assert b'href="/kantor/32.73/"' in response.content


def test_it_shows_the_local_time_zone(client: Client) -> None:
    assert b"16:00 WIT" in client.get("/kantor/91.71/").content


def test_it_returns_404_for_an_unknown_code(client: Client) -> None:
    assert client.get("/kantor/99.99/").status_code == 404


def test_it_returns_404_for_an_inactive_office(client: Client) -> None:
    Office.objects.filter(code="32.73").update(is_active=False)

    assert client.get("/kantor/32.73/").status_code == 404
    assert b'href="/kantor/32.73/"' not in client.get("/kantor/32/").content
