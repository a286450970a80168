"""/staf/: the staff home with the person's roles and worklist."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from ppid.accounts.roles import Role
from ppid.offices.models import Office
from tests.factories import RequesterFactory, RoleMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/staf/"


def test_it_requires_login(client: Client) -> None:
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == "/masuk/?next=/staf/"


def test_it_shows_the_users_roles(client: Client, office_jabar: Office, office_bandung: Office) -> None:
    user = UserFactory(full_name="Siti Rahma")
    RoleMembershipFactory(user=user, office=office_jabar, role=Role.PPID)
    RoleMembershipFactory(user=user, office=office_bandung, role=Role.TIM_PENGHUBUNG)
    client.force_login(user)

    response = client.get(URL)

    assert response.status_code == 200
    assert {(m.role, m.office.code) for m in response.context["memberships"]} == {
        ("ppid", "32"), ("tim_penghubung", "32.73"),
    }  # fmt: skip
    html = response.content.decode()
    assert "Siti Rahma" in html
    assert "KPU Provinsi Jawa Barat" in html
    assert "KPU Kota Bandung" in html
    assert str(Role.TIM_PENGHUBUNG.label) in html


def test_it_leaves_out_roles_that_ended(client: Client, office_jabar: Office) -> None:
    user = UserFactory()
    today = timezone.localdate()
    RoleMembershipFactory(
        user=user, office=office_jabar, role=Role.ATASAN,
        valid_from=today - datetime.timedelta(days=20), valid_until=today - datetime.timedelta(days=1),
    )  # fmt: skip
    client.force_login(user)

    response = client.get(URL)

    assert response.context["memberships"] == []
    assert str(Role.ATASAN.label) not in response.content.decode()


def test_it_links_the_activity_log_for_roles_that_may_read_it(client: Client, office_jabar: Office) -> None:
    user = UserFactory()
    RoleMembershipFactory(user=user, office=office_jabar, role=Role.PPID)
    client.force_login(user)

    response = client.get(URL)

    assert response.context["can_see_audit"] is True
    assert b'href="/staf/riwayat/"' in response.content


def test_it_hides_the_activity_log_from_roles_that_may_not_read_it(client: Client, office_jabar: Office) -> None:
    user = UserFactory()
    RoleMembershipFactory(user=user, office=office_jabar, role=Role.DESK)
    client.force_login(user)

    response = client.get(URL)

    assert response.context["can_see_audit"] is False
    assert b'href="/staf/riwayat/"' not in response.content


def test_it_shows_a_requester_no_roles(client: Client) -> None:
    client.force_login(RequesterFactory())

    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["memberships"] == []


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (Role.PPID, ["/staf/dasbor/", "/staf/arahan/", "/staf/rencana-kerja/", "/staf/laporan-tahunan/"], []),
        (Role.PEMBINA, ["/staf/arahan/"], []),
        (Role.TIM_PERTIMBANGAN, ["/staf/arahan/", "/staf/dasbor/"], []),
        (Role.DESK, [], ["/staf/dasbor/", "/staf/arahan/", "/staf/rencana-kerja/", "/staf/laporan-tahunan/"]),
    ],
)
def test_it_links_guidance_and_monitoring_pages_by_role(
    client: Client, office_jabar: Office, role: Role, shown: list[str], hidden: list[str]
) -> None:
    user = UserFactory()
    RoleMembershipFactory(user=user, office=office_jabar, role=role)
    client.force_login(user)

    html = client.get(URL).content.decode()

    for url in shown:
        assert f'href="{url}"' in html
    for url in hidden:
        assert f'href="{url}"' not in html
