"""The PPID's yearly work plan and its evaluation at the end of the year (seed d.1)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import acting_role, can
from ppid.events.registry import register_event_type
from ppid.events.services import event_record
from ppid.guidance.models import PlanActivity, WorkPlan
from ppid.guidance.workflow import WORKPLAN_TRANSITIONS, WorkPlanStatus, activity_status_for
from ppid.offices.models import Office

WORKPLAN_CREATED = register_event_type("workplan.created", gettext_lazy("Work plan drawn up"))
WORKPLAN_ACTIVATED = register_event_type("workplan.activated", gettext_lazy("Work plan put into effect"))
ACTIVITY_ADDED = register_event_type("workplan.activity_added", gettext_lazy("Activity added to the work plan"))
ACTIVITY_PROGRESS = register_event_type("workplan.progress", gettext_lazy("Progress of an activity updated"))
WORKPLAN_EVALUATED = register_event_type("workplan.evaluated", gettext_lazy("Work plan evaluated"))

# The evaluation is written at the end of the year: from 1 December on (seed d.1).
EVALUATION_OPENS = (12, 1)


class WorkPlanStateError(Exception):
    """The work plan is not in a state that allows this step (often: someone else changed it first)."""


@dataclass(frozen=True)
class ActivityData:
    title: str
    target: str
    owner: str
    starts_on: datetime.date
    ends_on: datetime.date
    target_value: Decimal | None = None


def _require(actor: Any, office: Office) -> str:
    if not can(actor, "workplan:manage", office):
        raise PermissionDenied(_("Only the PPID of the office manages its work plan."))
    return acting_role(actor, "workplan:manage", office)


def _lock(plan: WorkPlan, action: str) -> WorkPlan:
    locked = WorkPlan.objects.select_for_update(of=("self",)).select_related("office").get(pk=plan.pk)
    if locked.status not in WORKPLAN_TRANSITIONS[action]:
        raise WorkPlanStateError(
            _("The work plan is now “%(status)s”; this step is not possible any more. Reload the page.")
            % {"status": WorkPlanStatus(locked.status).label}
        )
    return locked


def _record(plan: WorkPlan, event_type: str, *, actor: Any, role: str, **kwargs: Any) -> None:
    event_record(event_type=event_type, obj=plan, actor=actor, actor_role=role, office=plan.office, **kwargs)


def workplan_create(*, office: Office, year: int, actor: Any) -> WorkPlan:
    """Seed d.1: one plan per office and year, drafted by its PPID."""
    role = _require(actor, office)
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise ValidationError({"year": _("Choose this year, next year or a past year.")})
    if WorkPlan.objects.filter(office=office, year=year).exists():
        raise ValidationError({"year": _("This office already has a work plan for that year.")})
    try:
        with transaction.atomic():
            plan = WorkPlan.objects.create(office=office, year=year, created_by=actor)
            _record(plan, WORKPLAN_CREATED, actor=actor, role=role, after={"year": year})
    except IntegrityError as error:  # two PPIDs at once: the unique constraint decides
        raise ValidationError({"year": _("This office already has a work plan for that year.")}) from error
    return plan


def workplan_activate(*, plan: WorkPlan, actor: Any) -> WorkPlan:
    role = _require(actor, plan.office)
    with transaction.atomic():
        locked = _lock(plan, "workplan_activate")
        if not locked.activities.exists():
            raise ValidationError({"activities": _("Add at least one activity before putting the plan into effect.")})
        locked.status = WorkPlanStatus.ACTIVE
        locked.save(update_fields=["status"])
        _record(
            locked, WORKPLAN_ACTIVATED, actor=actor, role=role, before={"status": "draft"}, after={"status": "active"}
        )
    return locked


def _validate_activity(data: ActivityData, year: int) -> None:
    errors: dict[str, str] = {}
    for name in ("title", "target", "owner"):
        if not str(getattr(data, name)).strip():
            errors[name] = _("This field is required.")
    if data.ends_on < data.starts_on:
        errors["ends_on"] = _("The activity cannot end before it starts.")
    if data.starts_on.year != year and data.ends_on.year != year:
        errors["starts_on"] = _("The activity must take place in the plan's year.")
    if data.target_value is not None and data.target_value < 0:
        errors["target_value"] = _("The numeric target cannot be negative.")
    if errors:
        raise ValidationError(errors)


def activity_add(*, plan: WorkPlan, actor: Any, data: ActivityData) -> PlanActivity:
    role = _require(actor, plan.office)
    _validate_activity(data, plan.year)
    with transaction.atomic():
        locked = _lock(plan, "activity_add")
        activity = PlanActivity.objects.create(
            plan=locked,
            title=data.title.strip(),
            target=data.target.strip(),
            target_value=data.target_value,
            owner=data.owner.strip(),
            starts_on=data.starts_on,
            ends_on=data.ends_on,
        )
        _record(locked, ACTIVITY_ADDED, actor=actor, role=role, note=activity.title, payload={"activity": activity.pk})
    return activity


def activity_update_progress(*, activity: PlanActivity, actor: Any, progress: int, note: str) -> PlanActivity:
    """Progress in percent; each update is an event, so the notes keep their history."""
    plan = activity.plan
    role = _require(actor, plan.office)
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Progress is a percentage from 0 to 100.")})
    with transaction.atomic():
        locked_plan = _lock(plan, "activity_update_progress")
        locked = PlanActivity.objects.select_for_update().get(pk=activity.pk, plan=locked_plan)
        before = {"progress": locked.progress, "status": locked.status}
        locked.progress = progress
        locked.progress_note = note.strip()
        locked.status = activity_status_for(progress)
        locked.save(update_fields=["progress", "progress_note", "status"])
        _record(
            locked_plan,
            ACTIVITY_PROGRESS,
            actor=actor,
            role=role,
            before=before,
            after={"progress": locked.progress, "status": locked.status},
            note=f"{locked.title}: {locked.progress_note}"[:1000],
            payload={"activity": locked.pk},
        )
    return locked


def evaluation_opens(year: int) -> datetime.date:
    return datetime.date(year, *EVALUATION_OPENS)


def workplan_evaluate(*, plan: WorkPlan, actor: Any, text: str) -> WorkPlan:
    """Seed d.1: the year-end evaluation, from 1 December of the plan's year (any time for a past year);
    it feeds the annual report (Perki 1/2021 Pasal 56)."""
    role = _require(actor, plan.office)
    if not text.strip():
        raise ValidationError({"evaluation": _("Write the evaluation.")})
    today = timezone.now().astimezone(plan.office.zoneinfo).date()
    if today < evaluation_opens(plan.year):
        raise ValidationError(
            {
                "evaluation": _("The evaluation can be written from %(date)s.")
                % {"date": date_format(evaluation_opens(plan.year), "j F Y")}
            }
        )
    with transaction.atomic():
        locked = _lock(plan, "workplan_evaluate")
        locked.status = WorkPlanStatus.EVALUATED
        locked.evaluation = text.strip()
        locked.evaluated_at = timezone.now()
        locked.save(update_fields=["status", "evaluation", "evaluated_at"])
        _record(
            locked,
            WORKPLAN_EVALUATED,
            actor=actor,
            role=role,
            before={"status": "active"},
            after={"status": "evaluated"},
        )
    return locked
