"""/staf/riwayat/: the activity log, limited to the offices the person may read (audit:view)."""

from __future__ import annotations

import pytest
from django.test import Client

from ppid.accounts.roles import Role
from ppid.events.models import Event
from ppid.events.registry import register_event_type
from ppid.events.services import event_record
from ppid.offices.models import Office
from ppid.web.views import EVENTS_PER_PAGE
from tests.factories import RoleMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/staf/riwayat/"
TEST_EVENT = register_event_type("test.timeline", "Timeline test entry")


def _record_at(*codes: str) -> None:
    for code in codes:
        office = Office.objects.get(code=code)
        event_record(event_type=TEST_EVENT, obj=office, actor=None, office=office, note=f"catatan {code}")


def _login_as(client: Client, role: Role, code: str) -> None:
    user = UserFactory()
    RoleMembershipFactory(user=user, office=Office.objects.get(code=code), role=role)
    client.force_login(user)


def _shown_offices(client: Client) -> set[str]:
    response = client.get(URL)
    assert response.status_code == 200
    return {event.office.code for event in response.context["events"]}


def test_it_requires_login(client: Client) -> None:
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_it_shows_a_province_ppid_its_own_and_its_regencies_events(client: Client) -> None:
    _record_at("32", "32.73", "33", "33.74", "00")
    _login_as(client, Role.PPID, "32")

    assert _shown_offices(client) == {"32", "32.73"}
    html = client.get(URL).content.decode()
    assert "catatan 32.73" in html
    assert "catatan 33" not in html
    assert "catatan 00" not in html


def test_it_shows_kpu_ri_every_office(client: Client) -> None:
    _record_at("32", "32.73", "33", "00")
    _login_as(client, Role.ATASAN, "00")

    assert _shown_offices(client) == {"00", "32", "32.73", "33"}


def test_it_shows_a_regency_only_its_own_events(client: Client) -> None:
    _record_at("32", "32.73", "32.04")
    _login_as(client, Role.SYSADMIN, "32.73")

    assert _shown_offices(client) == {"32.73"}


def test_it_shows_nothing_to_a_role_without_audit_view(client: Client) -> None:
    _record_at("32", "32.73")
    _login_as(client, Role.DESK, "32")

    assert _shown_offices(client) == set()


def test_it_shows_the_changes_of_an_event(client: Client, office_jabar: Office) -> None:
    event_record(
        event_type=TEST_EVENT, obj=office_jabar, actor=None, office=office_jabar,
        before={"phone": "022-111"}, after={"phone": "022-222"},
    )  # fmt: skip
    _login_as(client, Role.PPID, "32")

    html = client.get(URL).content.decode()

    assert "Timeline test entry" in html
    assert "022-111" in html
    assert "022-222" in html


def test_it_pages_the_events_newest_first(client: Client) -> None:
    _record_at(*["32"] * (EVENTS_PER_PAGE + 5))
    _login_as(client, Role.PPID, "32")

    first = client.get(URL).context["page"]
    second = client.get(URL, {"page": 2}).context["page"]

    assert len(first.object_list) == EVENTS_PER_PAGE
    assert len(second.object_list) == Event.objects.filter(office__code="32").count() - EVENTS_PER_PAGE
    assert first.object_list[0].pk == Event.objects.filter(office__code="32").order_by("-created_at", "-id")[0].pk
