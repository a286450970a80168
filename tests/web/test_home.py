"""The public home page: Bahasa Indonesia first, English on request."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_shows_the_home_page_in_indonesian_by_default(client: Client) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert b'<html lang="id"' in response.content
    assert response["Content-Language"] == "id"


def test_it_counts_the_offices_by_level(client: Client) -> None:
    counts = client.get("/").context["counts"]

    assert counts == {"ri": 1, "provinsi": 38, "kabkota": 514}
    assert b"<strong>514</strong>" in client.get("/").content


def test_it_switches_to_english_by_cookie(client: Client) -> None:
    client.cookies["django_language"] = "en"

    response = client.get("/")

    assert response.status_code == 200
    assert b'<html lang="en"' in response.content
    assert response["Content-Language"] == "en"


def test_it_stays_indonesian_for_an_english_browser_until_english_is_chosen(client: Client) -> None:
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})

    assert b'<html lang="id"' in response.content
    assert "Cookie" in response["Vary"]


def test_it_falls_back_to_indonesian_for_other_languages(client: Client) -> None:
    response = client.get("/", headers={"accept-language": "fr-FR,fr;q=0.9"})

    assert b'<html lang="id"' in response.content


def test_it_switches_language_through_the_language_form(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert b'<html lang="en"' in client.get("/").content


def test_it_links_to_the_office_directory_and_login(client: Client) -> None:
    html = client.get("/").content.decode()

    assert 'href="/kantor/"' in html
    assert 'href="/masuk/"' in html


def test_it_links_the_public_reports_and_open_data(client: Client) -> None:
    html = client.get("/").content.decode()

    assert 'href="/laporan/pengumuman/"' in html
    assert 'href="/laporan/tahunan/"' in html
    assert 'href="/api/' in html
