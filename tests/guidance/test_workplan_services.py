"""The PPID's work plan and its year-end evaluation (seed d.1), and the summary the annual report reads."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ppid.accounts.models import User
from ppid.events.models import Event
from ppid.guidance.models import WorkPlan
from ppid.guidance.selectors import workplan_summary
from ppid.guidance.services import (
    ActivityData,
    WorkPlanStateError,
    activity_add,
    activity_update_progress,
    workplan_activate,
    workplan_create,
    workplan_evaluate,
)
from ppid.guidance.workflow import ActivityStatus, WorkPlanStatus
from ppid.offices.models import Office
from tests.guidance.conftest import NOW
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db


def activity(title: str = "Sosialisasi layanan informasi", **overrides: object) -> ActivityData:
    values: dict[str, object] = {
        "title": title,
        "target": "4 kegiatan",
        "owner": "Subbagian Teknis",
        "starts_on": datetime.date(2026, 2, 1),
        "ends_on": datetime.date(2026, 11, 30),
        "target_value": Decimal("4"),
    }
    values.update(overrides)
    return ActivityData(**values)  # type: ignore[arg-type]


@pytest.fixture
def plan(office: Office, ppid_officer: User) -> WorkPlan:
    with frozen_now(NOW):
        plan = workplan_create(office=office, year=2026, actor=ppid_officer)
        activity_add(plan=plan, actor=ppid_officer, data=activity())
        activity_add(plan=plan, actor=ppid_officer, data=activity("Pemutakhiran DIP"))
        return workplan_activate(plan=plan, actor=ppid_officer)


def test_one_plan_per_office_and_year(plan: WorkPlan, office: Office, ppid_officer: User) -> None:
    with pytest.raises(ValidationError) as error:
        workplan_create(office=office, year=2026, actor=ppid_officer)
    assert "year" in error.value.message_dict


def test_only_the_ppid_manages_the_plan(
    office: Office, atasan: User, other_ppid: User, pembina: User, ppid_officer: User
) -> None:
    for actor in (atasan, other_ppid, pembina):
        with pytest.raises(PermissionDenied):
            workplan_create(office=office, year=2026, actor=actor)
    assert workplan_create(office=office, year=2026, actor=ppid_officer).status == WorkPlanStatus.DRAFT


def test_a_plan_without_activities_cannot_be_put_into_effect(office: Office, ppid_officer: User) -> None:
    plan = workplan_create(office=office, year=2026, actor=ppid_officer)
    with pytest.raises(ValidationError):
        workplan_activate(plan=plan, actor=ppid_officer)


def test_an_activity_ending_before_it_starts_is_refused(plan: WorkPlan, ppid_officer: User) -> None:
    with pytest.raises(ValidationError) as error:
        activity_add(plan=plan, actor=ppid_officer, data=activity(ends_on=datetime.date(2026, 1, 1)))
    assert "ends_on" in error.value.message_dict


def test_progress_updates_set_the_status_and_keep_history(plan: WorkPlan, ppid_officer: User) -> None:
    first = plan.activities.order_by("id")[0]
    activity_update_progress(activity=first, actor=ppid_officer, progress=40, note="Dua kegiatan berjalan.")
    updated = activity_update_progress(activity=first, actor=ppid_officer, progress=100, note="Selesai.")
    assert updated.status == ActivityStatus.DONE and updated.progress_note == "Selesai."
    history = Event.objects.for_objects([plan]).filter(event_type="workplan.progress").order_by("id")
    assert [e.after["progress"] for e in history] == [40, 100]  # type: ignore[index]
    with pytest.raises(ValidationError):
        activity_update_progress(activity=first, actor=ppid_officer, progress=120, note="")


def test_the_evaluation_opens_on_the_first_of_december(plan: WorkPlan, ppid_officer: User) -> None:
    with frozen_now(datetime.datetime(2026, 11, 30, 16, 0, tzinfo=datetime.UTC)), pytest.raises(ValidationError):
        workplan_evaluate(plan=plan, actor=ppid_officer, text="Evaluasi.")
    # 17:00 UTC on 30 November is 1 December in Bandung (WIB).
    with frozen_now(datetime.datetime(2026, 11, 30, 17, 0, tzinfo=datetime.UTC)):
        evaluated = workplan_evaluate(plan=plan, actor=ppid_officer, text="Target tercapai sebagian.")
        assert evaluated.status == WorkPlanStatus.EVALUATED
        with pytest.raises(WorkPlanStateError):
            workplan_evaluate(plan=evaluated, actor=ppid_officer, text="Lagi.")


def test_a_past_years_plan_can_be_evaluated_any_time(office: Office, ppid_officer: User) -> None:
    with frozen_now(NOW):
        old = workplan_create(office=office, year=2025, actor=ppid_officer)
        activity_add(
            plan=old,
            actor=ppid_officer,
            data=activity(starts_on=datetime.date(2025, 3, 1), ends_on=datetime.date(2025, 6, 1)),
        )
        workplan_activate(plan=old, actor=ppid_officer)
        assert workplan_evaluate(plan=old, actor=ppid_officer, text="Evaluasi 2025.").status == "evaluated"


def test_the_summary_feeds_the_annual_report(plan: WorkPlan, office: Office, ppid_officer: User) -> None:
    first, second = plan.activities.order_by("id")
    activity_update_progress(activity=first, actor=ppid_officer, progress=100, note="")
    activity_update_progress(activity=second, actor=ppid_officer, progress=45, note="")
    with frozen_now(datetime.datetime(2026, 12, 10, 3, 0, tzinfo=datetime.UTC)):
        workplan_evaluate(plan=plan, actor=ppid_officer, text="Dua kegiatan, satu selesai.")
    summary = workplan_summary(office, 2026)
    assert summary is not None
    assert (summary.activities, summary.completed, summary.average_progress) == (2, 1, 72.5)
    assert summary.evaluation == "Dua kegiatan, satu selesai."
    assert workplan_summary(office, 2025) is None
