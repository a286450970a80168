"""The public page /hari-kerja/."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_page_lists_the_year_for_an_office() -> None:
    response = Client().get("/hari-kerja/", {"office": "91.71", "year": "2026"})
    assert response.status_code == 200
    assert "Idulfitri 1447 H" in response.content.decode()


def test_calculator_shows_the_deadline_and_its_explanation() -> None:
    response = Client().get(
        "/hari-kerja/",
        {"office": "32.73", "received_on": "2026-03-17", "received_time": "16:01", "step": "request_notice"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "9 April 2026" in body
    assert "Pasal 22 ayat (7) UU 14/2008" in body
