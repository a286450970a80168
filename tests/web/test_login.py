"""/masuk/: staff login, locked out after repeated failures; passwords stored with Argon2."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.hashers import make_password
from django.test import Client

import ppid.settings as project_settings
from ppid.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

URL = "/masuk/"


def _login(client: Client, username: str, password: str) -> Any:
    return client.post(URL, {"username": username, "password": password})


def test_it_shows_the_login_form(client: Client) -> None:
    response = client.get(URL)

    assert response.status_code == 200
    assert b'name="username"' in response.content
    assert b'name="password"' in response.content


def test_it_logs_in_and_goes_to_the_staff_home(client: Client) -> None:
    UserFactory(username="ppid.jabar")

    response = _login(client, "ppid.jabar", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/staf/"
    assert client.get("/staf/").status_code == 200


def test_it_refuses_a_wrong_password(client: Client) -> None:
    UserFactory(username="ppid.jabar")

    response = _login(client, "ppid.jabar", "salah-sekali-123")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert client.get("/staf/").status_code == 302


def test_it_locks_out_after_five_failures_even_with_the_right_password(client: Client) -> None:
    UserFactory(username="ppid.jabar")
    statuses = [_login(client, "ppid.jabar", "salah-sekali-123").status_code for _attempt in range(5)]

    response = _login(client, "ppid.jabar", PASSWORD)

    assert statuses == [200, 200, 200, 200, 429]
    assert response.status_code == 429
    assert b'role="alert"' in response.content
    assert client.get("/staf/").status_code == 302


def test_it_does_not_lock_out_after_four_failures(client: Client) -> None:
    UserFactory(username="ppid.jabar")
    for _attempt in range(4):
        _login(client, "ppid.jabar", "salah-sekali-123")

    assert _login(client, "ppid.jabar", PASSWORD).status_code == 302


def test_it_forgets_failures_after_a_successful_login(client: Client) -> None:
    UserFactory(username="ppid.jabar")
    for _attempt in range(4):
        _login(client, "ppid.jabar", "salah-sekali-123")
    assert _login(client, "ppid.jabar", PASSWORD).status_code == 302
    client.logout()

    statuses = [_login(client, "ppid.jabar", "salah-sekali-123").status_code for _attempt in range(4)]

    assert statuses == [200, 200, 200, 200]


def test_it_hashes_passwords_with_argon2(settings: Any) -> None:
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = User.objects.create_user(username="ppid.jabar", password=PASSWORD)

    assert user.password.startswith("argon2")
    assert user.check_password(PASSWORD)


def test_it_upgrades_an_older_hash_to_argon2_at_login(client: Client, settings: Any) -> None:
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    user = UserFactory(username="ppid.jabar", password=None)
    User.objects.filter(pk=user.pk).update(password=make_password(PASSWORD, hasher="pbkdf2_sha256"))

    assert _login(client, "ppid.jabar", PASSWORD).status_code == 302
    assert User.objects.get(pk=user.pk).password.startswith("argon2")


def test_it_logs_out_with_a_post(client: Client) -> None:
    client.force_login(UserFactory())

    response = client.post("/keluar/")

    assert response.status_code == 302
    assert client.get("/staf/").status_code == 302
