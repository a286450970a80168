"""GET /api/v1/me/: the caller's account and the roles they hold today."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ppid.accounts.roles import Role
from ppid.offices.models import Office
from tests.factories import RequesterFactory, RoleMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def test_it_requires_authentication(api: APIClient) -> None:
    response = api.get("/api/v1/me/")

    assert response.status_code == 401
    assert "username" not in response.json()


def test_it_refuses_a_wrong_token(api: APIClient) -> None:
    api.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")

    assert api.get("/api/v1/me/").status_code == 401


def test_it_lists_the_callers_roles(api: APIClient, office_jabar: Office, office_bandung: Office) -> None:
    user = UserFactory(username="ppid.jabar", full_name="Siti Rahma")
    RoleMembershipFactory(user=user, office=office_jabar, role=Role.PPID, position="Sekretaris")
    RoleMembershipFactory(user=user, office=office_bandung, role=Role.LEGAL_UNIT)
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")

    data = api.get("/api/v1/me/").json()

    assert data["username"] == "ppid.jabar"
    assert data["full_name"] == "Siti Rahma"
    assert data["kind"] == "staff"
    roles = {(r["role"], r["office"]) for r in data["roles"]}
    assert roles == {("ppid", "32"), ("legal_unit", "32.73")}
    ppid = next(r for r in data["roles"] if r["role"] == "ppid")
    assert ppid["office_name"] == "KPU Provinsi Jawa Barat"
    assert ppid["role_label"] == "PPID"
    assert ppid["position"] == "Sekretaris"
    assert ppid["work_unit"] is None
    legal = next(r for r in data["roles"] if r["role"] == "legal_unit")
    assert legal["work_unit"]["is_legal_unit"] is True


def test_it_leaves_out_ended_and_future_roles(api: APIClient, office_jabar: Office) -> None:
    user = UserFactory()
    today = timezone.localdate()
    RoleMembershipFactory(
        user=user,
        role=Role.ATASAN,
        valid_from=today - datetime.timedelta(days=9),
        valid_until=today - datetime.timedelta(days=1),
    )
    RoleMembershipFactory(user=user, role=Role.PEMBINA, valid_from=today + datetime.timedelta(days=1))
    RoleMembershipFactory(user=user, role=Role.DESK)
    api.force_authenticate(user)

    assert [r["role"] for r in api.get("/api/v1/me/").json()["roles"]] == ["desk"]


def test_it_shows_a_requester_with_no_roles(api: APIClient) -> None:
    requester = RequesterFactory(username="warga")
    api.force_authenticate(requester)

    data = api.get("/api/v1/me/").json()

    assert data["kind"] == "requester"
    assert data["roles"] == []


def test_it_accepts_a_session_login(office_jabar: Office) -> None:
    from django.test import Client

    user = UserFactory()
    RoleMembershipFactory(user=user, office=office_jabar, role=Role.SYSADMIN)
    client = Client()
    client.force_login(user)

    assert [r["role"] for r in client.get("/api/v1/me/").json()["roles"]] == ["sysadmin"]
