"""POST /api/v1/auth/token/: a username and password for a token, throttled and locked out like the web login."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/auth/token/"


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def _login(api: APIClient, username: str, password: str) -> Any:
    return api.post(URL, {"username": username, "password": password}, format="json")


def test_it_lives_at_its_documented_address() -> None:
    assert reverse("api-token") == URL


def test_it_returns_a_token_for_the_right_password(api: APIClient) -> None:
    user = UserFactory(username="ppid.jabar")

    response = _login(api, "ppid.jabar", PASSWORD)

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=user).key}


def test_it_returns_the_same_token_on_a_second_login(api: APIClient) -> None:
    UserFactory(username="ppid.jabar")

    first = _login(api, "ppid.jabar", PASSWORD).json()["token"]
    second = _login(api, "ppid.jabar", PASSWORD).json()["token"]

    assert first == second


def test_it_lets_the_token_authenticate_later_requests(api: APIClient) -> None:
    UserFactory(username="ppid.jabar")
    token = _login(api, "ppid.jabar", PASSWORD).json()["token"]

    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    assert api.get("/api/v1/me/").json()["username"] == "ppid.jabar"


def test_it_refuses_a_wrong_password(api: APIClient) -> None:
    UserFactory(username="ppid.jabar")

    response = _login(api, "ppid.jabar", "salah-sekali-123")

    assert response.status_code == 400
    assert "token" not in response.json()
    assert not Token.objects.exists()


def test_it_refuses_an_unknown_user(api: APIClient) -> None:
    response = _login(api, "tidak.ada", PASSWORD)

    assert response.status_code == 400
    assert "token" not in response.json()


def test_it_refuses_an_inactive_user(api: APIClient) -> None:
    UserFactory(username="ppid.jabar", is_active=False)

    response = _login(api, "ppid.jabar", PASSWORD)

    assert response.status_code == 400
    assert not Token.objects.exists()


def test_it_asks_for_both_fields(api: APIClient) -> None:
    response = api.post(URL, {"username": "ppid.jabar"}, format="json")

    assert response.status_code == 400
    assert "password" in response.json()


def test_it_locks_out_after_five_failures_even_with_the_right_password(api: APIClient) -> None:
    assert settings.AXES_FAILURE_LIMIT == 5
    UserFactory(username="ppid.jabar")
    statuses = [_login(api, "ppid.jabar", "salah-sekali-123").status_code for _attempt in range(5)]

    response = _login(api, "ppid.jabar", PASSWORD)

    # The fifth failure already locks the account out; the right password then changes nothing.
    assert statuses == [400, 400, 400, 400, 429]
    assert response.status_code == 429
    assert not Token.objects.exists()


def test_it_locks_out_only_that_username(api: APIClient) -> None:
    UserFactory(username="ppid.jabar")
    UserFactory(username="ppid.jateng")
    for _attempt in range(5):
        _login(api, "ppid.jabar", "salah-sekali-123")

    assert _login(api, "ppid.jateng", PASSWORD).status_code == 200


def test_it_does_not_lock_out_after_four_failures(api: APIClient) -> None:
    UserFactory(username="ppid.jabar")
    for _attempt in range(4):
        _login(api, "ppid.jabar", "salah-sekali-123")

    assert _login(api, "ppid.jabar", PASSWORD).status_code == 200


def test_it_throttles_more_than_ten_attempts_a_minute(api: APIClient) -> None:
    for attempt in range(10):
        assert _login(api, f"orang{attempt}", "salah-sekali-123").status_code == 400

    assert _login(api, "orang-lagi", "salah-sekali-123").status_code == 429
