"""/api/schema/ and /api/docs/: OpenAPI generated from the code, documentation served without a CDN."""

from __future__ import annotations

import pytest
import yaml
from django.test import Client

pytestmark = pytest.mark.django_db

PATHS = ["/api/v1/auth/token/", "/api/v1/offices/", "/api/v1/offices/{code}/", "/api/v1/me/"]


def test_it_serves_an_openapi_schema_with_every_path(client: Client) -> None:
    response = client.get("/api/schema/")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "ppid API"
    for path in PATHS:
        assert path in schema["paths"], path


def test_it_serves_the_schema_as_json_when_asked(client: Client) -> None:
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    assert set(PATHS) <= set(response.json()["paths"])


def test_it_describes_the_token_login_input(client: Client) -> None:
    schema = client.get("/api/schema/", {"format": "json"}).json()

    assert set(schema["components"]["schemas"]["TokenInput"]["required"]) == {"username", "password"}


def test_it_serves_the_docs_page(client: Client) -> None:
    response = client.get("/api/docs/")

    assert response.status_code == 200
    assert b"swagger" in response.content.lower()


def test_it_serves_the_docs_without_any_external_cdn(client: Client) -> None:
    html = client.get("/api/docs/").content.decode().lower()

    for cdn in ["cdn.", "unpkg", "jsdelivr", "cdnjs", "googleapis"]:
        assert cdn not in html, cdn
    assert "/static/drf_spectacular_sidecar/" in html
