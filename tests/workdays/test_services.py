"""Calendar and rule-set services: permission, one event per change, open deadlines recomputed."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied

from ppid.accounts.models import User
from ppid.events.models import Event
from ppid.offices.models import Office
from ppid.workdays import services, stages
from ppid.workdays.engine import Calendar
from ppid.workdays.models import CalendarDay, CalendarSource, DeadlineRule, ElectionStage, RuleSet
from ppid.workdays.providers import OpenDeadline, provider_register, provider_unregister
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db
D = datetime.date
WIB = ZoneInfo("Asia/Jakarta")


@dataclass
class FakeRequest:
    """Stands in for the request model of a later issue: received at an office, a 10-day notice due."""

    office_id: int
    received_at: datetime.datetime
    due: datetime.date
    open: bool = True

    def __str__(self) -> str:
        return f"request received {self.received_at:%Y-%m-%d %H:%M}"


@pytest.fixture
def fake_requests() -> Iterator[list[FakeRequest]]:
    store: list[FakeRequest] = []

    def open_deadlines(office_ids: Collection[int] | None) -> Iterable[OpenDeadline]:
        for req in store:
            if req.open and (office_ids is None or req.office_id in office_ids):
                yield OpenDeadline(holder=req, office_id=req.office_id, deadline=req.due, key="notice_due")

    def recompute(item: OpenDeadline, calendar: Calendar) -> datetime.date:
        req: FakeRequest = item.holder
        req.due = calendar.deadline(req.received_at, 10)
        return req.due

    provider_register(name="fake_requests", open_deadlines=open_deadlines, recompute=recompute)
    yield store
    provider_unregister("fake_requests")


def bandung() -> Office:
    return Office.objects.get(code="32.73")


def test_closure_added_after_a_request_was_registered_moves_its_deadline(
    sysadmin: User, fake_requests: list[FakeRequest]
) -> None:
    received = datetime.datetime(2026, 6, 2, 9, 0, tzinfo=WIB)
    request = FakeRequest(office_id=bandung().pk, received_at=received, due=D(2026, 6, 17))
    other = FakeRequest(office_id=Office.objects.get(code="51.71").pk, received_at=received, due=D(2026, 6, 17))
    fake_requests.extend([request, other])
    with frozen_now(datetime.datetime(2026, 6, 5, 3, 0, tzinfo=datetime.UTC)):
        day = services.calendar_day_create(
            actor=sysadmin, date=D(2026, 6, 8), kind="closure", name="Banjir", scope="office", office=bandung()
        )
    assert request.due == D(2026, 6, 18)
    assert other.due == D(2026, 6, 17)  # another office: untouched
    created = Event.objects.get(event_type="calendar_day.created")
    assert created.object_id == str(day.pk) and created.actor == sysadmin
    assert created.created_at == datetime.datetime(2026, 6, 5, 3, 0, tzinfo=datetime.UTC)
    moved = Event.objects.get(event_type="deadline.recomputed")
    assert moved.before == {"deadline": "2026-06-17"} and moved.after == {"deadline": "2026-06-18"}
    assert moved.office == bandung()
    assert moved.payload["provider"] == "fake_requests"

    services.calendar_day_remove(actor=sysadmin, day=day)
    assert request.due == D(2026, 6, 17)
    assert not CalendarDay.objects.filter(pk=day.pk).exists()
    assert Event.objects.filter(event_type="deadline.recomputed").count() == 2


def test_a_rule_change_recomputes_deadlines_everywhere(sysadmin: User, fake_requests: list[FakeRequest]) -> None:
    request = FakeRequest(
        office_id=bandung().pk, received_at=datetime.datetime(2026, 6, 2, 9, tzinfo=WIB), due=D(2026, 6, 1)
    )
    fake_requests.append(request)
    rule = DeadlineRule.objects.get(rule_set__kind="normal", step="request_notice")
    services.deadline_rule_update(actor=sysadmin, rule=rule, changes={"citation": "Pasal 22 ayat (7) UU KIP"})
    assert request.due == D(2026, 6, 17)
    event = Event.objects.get(event_type="deadline_rule.updated")
    assert event.before == {"citation": "Pasal 22 ayat (7) UU 14/2008"}


def test_only_calendar_managers_change_the_calendar(outsider: User) -> None:
    with pytest.raises(PermissionDenied):
        services.calendar_day_create(actor=outsider, date=D(2026, 6, 8), kind="closure", name="X")
    with pytest.raises(PermissionDenied):
        services.rule_set_update(actor=outsider, rule_set=RuleSet.objects.first(), changes={"note": "x"})
    assert not Event.objects.exists()


def test_removed_library_day_is_not_restored_by_a_sync(sysadmin: User) -> None:
    day = CalendarDay.objects.get(date=D(2026, 3, 20), source=CalendarSource.LIBRARY)
    services.calendar_day_remove(actor=sysadmin, day=day, note="moved by sidang isbat")
    day.refresh_from_db()
    assert not day.is_active
    assert services.library_sync(years=[2026]) == []
    day.refresh_from_db()
    assert not day.is_active


def test_correcting_a_day_writes_old_and_new_values(sysadmin: User) -> None:
    day = CalendarDay.objects.get(date=D(2026, 3, 20), source=CalendarSource.LIBRARY)
    services.calendar_day_update(actor=sysadmin, day=day, changes={"date": D(2026, 3, 19)})
    event = Event.objects.get(event_type="calendar_day.updated")
    assert event.before == {"date": "2026-03-20"} and event.after == {"date": "2026-03-19"}
    services.calendar_day_update(actor=sysadmin, day=day, changes={"date": D(2026, 3, 19)})
    assert Event.objects.filter(event_type="calendar_day.updated").count() == 1  # no change, no event


def test_election_stage_lifecycle(sysadmin: User, fake_requests: list[FakeRequest]) -> None:
    stage = stages.election_stage_create(
        actor=sysadmin,
        name="Pilkada Jabar",
        kind="pilkada",
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 12, 31),
        offices=[Office.objects.get(code="32")],
    )
    assert Event.objects.get(event_type="election_stage.created").after["offices"] == ["32"]
    stages.election_stage_update(actor=sysadmin, stage=stage, changes={"ends_on": D(2026, 11, 30)})
    stages.election_stage_remove(actor=sysadmin, stage=stage)
    assert not ElectionStage.objects.exists()
    assert Event.objects.filter(event_type__startswith="election_stage.").count() == 3
