"""The demo directions and work plans: every state, through the services, once."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ppid.accounts.models import User
from ppid.events.models import Event
from ppid.guidance.models import Direction, DirectionAddressee, DirectionReport, PlanActivity, WorkPlan
from ppid.guidance.selectors import overdue_q, workplan_summary
from ppid.guidance.workflow import AddresseeStatus, DirectionScope, IssuerRole, WorkPlanStatus
from ppid.offices.models import Office
from tests.demo_support import seed

pytestmark = pytest.mark.django_db
DEMO_CODES = ["00", "32", "32.73"]


def counts() -> tuple[int, ...]:
    return (
        Direction.objects.count(),
        DirectionAddressee.objects.count(),
        DirectionReport.objects.count(),
        WorkPlan.objects.count(),
        PlanActivity.objects.count(),
        Event.objects.count(),
    )


def test_directions_are_in_every_state_with_both_issuers_and_scopes() -> None:
    output = seed()

    assert "Demo directions and work plans:" in output
    demo = DirectionAddressee.objects.filter(office__code__in=DEMO_CODES)
    assert set(demo.values_list("status", flat=True)) == set(AddresseeStatus)
    assert demo.filter(overdue_q(timezone.localdate())).exists()
    directions = Direction.objects.filter(office__code__in=DEMO_CODES)
    assert set(directions.values_list("issuer_role", flat=True)) == set(IssuerRole)
    assert set(directions.values_list("scope", flat=True)) == set(DirectionScope)
    # A direction to every office below KPU RI reaches all 552 of them.
    nationwide = directions.get(office__code="00", scope=DirectionScope.ALL_BELOW)
    assert nationwide.addressees.count() == Office.objects.exclude(code="00").count()
    # Every state was reached through its service: each transition left its event.
    types = set(Event.objects.for_objects(directions).values_list("event_type", flat=True))
    assert {"direction.issued", "direction.acknowledged", "direction.reported", "direction.closed"} <= types
    for row in demo.filter(status=AddresseeStatus.REPORTED):
        assert row.reports.exists() and row.acknowledged_at is not None
    for row in demo.filter(status=AddresseeStatus.CLOSED):
        assert row.closed_at is not None and row.close_note


def test_work_plans_this_year_in_effect_and_last_year_evaluated() -> None:
    seed()

    year = timezone.localdate().year
    for code in ["00", "32"]:
        current = WorkPlan.objects.get(office__code=code, year=year)
        assert current.status == WorkPlanStatus.ACTIVE
        activities = list(current.activities.all())
        assert 4 <= len(activities) <= 6
        for activity in activities:
            assert activity.target and activity.owner
            assert activity.starts_on.year == year and activity.starts_on <= activity.ends_on
            assert 0 <= activity.progress <= 100
        last = WorkPlan.objects.get(office__code=code, year=year - 1)
        assert last.status == WorkPlanStatus.EVALUATED and last.evaluation and last.evaluated_at is not None
        summary = workplan_summary(last.office, year - 1)
        assert summary is not None and summary.activities >= 4
        # Last year was carried out but for one activity that fell short.
        assert summary.completed == summary.activities - 1
        assert 0 < summary.average_progress < 100


def test_the_demo_ppid_and_issuer_see_the_overdue_direction() -> None:
    seed()
    overdue = Direction.objects.filter(addressees__in=DirectionAddressee.objects.filter(overdue_q())).get(
        office__code="32"
    )
    assert overdue.due_on < timezone.localdate() <= overdue.created_at.date() + datetime.timedelta(days=60)

    for username in ["ppid.bandung", "pembina.jabar"]:
        client = Client()
        client.force_login(User.objects.get(username=username))
        page = client.get(reverse("guidance:direction_list"))
        assert page.status_code == 200
        assert overdue.title in page.content.decode(), username


def test_seeding_twice_adds_nothing() -> None:
    seed()
    before = counts()

    output = seed()

    assert counts() == before
    assert "Demo directions and work plans: 0 new" in output
