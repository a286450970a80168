"""API v1 /workdays/: public deadline and calendar; CRUD only for calendar managers; in the schema."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from ppid.accounts.models import User
from ppid.events.models import Event
from ppid.workdays.models import CalendarDay, DeadlineRule

pytestmark = pytest.mark.django_db
BASE = "/api/v1/workdays/"


def test_deadline_is_public_and_explained() -> None:
    response = APIClient().get(BASE + "deadline/", {"office": "32.73", "received_at": "2026-03-17T16:01"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["deadline"] == "2026-04-09"
    assert body["day_zero"] == "2026-03-25"
    assert body["citation"] == "Pasal 22 ayat (7) UU 14/2008"
    assert any("Idulfitri" in reason for day in body["skipped"] for reason in day["reasons"])


@pytest.mark.parametrize(
    "params",
    [
        {"received_at": "kemarin"},
        {"received_at": "2026-03-17", "office": "99"},
        {"received_at": "2026-03-17", "step": "x"},
    ],
)
def test_deadline_rejects_bad_input(params: dict[str, str]) -> None:
    assert APIClient().get(BASE + "deadline/", params).status_code == 400


def test_calendar_lists_non_working_weekdays() -> None:
    body = APIClient().get(BASE + "calendar/", {"year": 2026, "office": "51.71"}).json()
    dates = [d["date"] for d in body["non_working_weekdays"]]
    assert "2026-03-20" in dates and "2026-03-21" not in dates


def test_calendar_manager_adds_a_closure(sysadmin: User) -> None:
    client = APIClient()
    client.force_authenticate(sysadmin)
    response = client.post(
        BASE + "calendar-days/",
        {"date": "2026-06-08", "kind": "closure", "name": "Banjir", "scope": "office", "office": "32.73"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["source"] == "admin"
    assert Event.objects.filter(event_type="calendar_day.created").count() == 1
    pk = response.json()["id"]
    assert client.patch(BASE + f"calendar-days/{pk}/", {"name": "Banjir besar"}, format="json").status_code == 200
    assert client.delete(BASE + f"calendar-days/{pk}/").status_code == 204
    assert not CalendarDay.objects.filter(pk=pk).exists()


def test_inconsistent_scope_is_a_400(sysadmin: User) -> None:
    client = APIClient()
    client.force_authenticate(sysadmin)
    response = client.post(
        BASE + "calendar-days/",
        {"date": "2026-06-08", "kind": "closure", "name": "X", "scope": "office"},
        format="json",
    )
    assert response.status_code == 400


def test_others_may_not_write(outsider: User) -> None:
    client = APIClient()
    assert client.post(BASE + "calendar-days/", {}, format="json").status_code in (401, 403)
    client.force_authenticate(outsider)
    rule = DeadlineRule.objects.first()
    assert rule is not None
    assert client.patch(BASE + f"deadline-rules/{rule.pk}/", {"working_days": 5}, format="json").status_code == 403
    response = client.post(
        BASE + "calendar-days/", {"date": "2026-06-08", "kind": "closure", "name": "X"}, format="json"
    )
    assert response.status_code == 403


def test_manager_corrects_a_rule_and_adds_a_stage(sysadmin: User) -> None:
    client = APIClient()
    client.force_authenticate(sysadmin)
    rule = DeadlineRule.objects.get(rule_set__kind="election", step="dispute_filing")
    response = client.patch(BASE + f"deadline-rules/{rule.pk}/", {"working_days": 3}, format="json")
    assert response.status_code == 200 and response.json()["working_days"] == 3
    response = client.post(
        BASE + "election-stages/",
        {
            "name": "Pilkada Bali",
            "kind": "pilkada",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "offices": ["51"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["offices"] == ["51"]
    assert APIClient().get(BASE + "rule-sets/").status_code == 200


def test_endpoints_are_in_the_openapi_schema() -> None:
    response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    for path in ("deadline/", "calendar/", "calendar-days/", "rule-sets/", "deadline-rules/", "election-stages/"):
        assert f"/api/v1/workdays/{path}" in text
