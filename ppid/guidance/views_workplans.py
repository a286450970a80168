"""Staff pages of the PPID's work plan (seed d.1), mounted at /staf/rencana-kerja/.

Offices above read their offices' plans (monitoring); only the office's PPID manages its plan.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ppid.accounts.permissions import can, can_anywhere, offices_where
from ppid.core.steps import errors_onto_form
from ppid.events.models import Event
from ppid.guidance import forms as f
from ppid.guidance import services
from ppid.guidance.models import PlanActivity, WorkPlan
from ppid.guidance.selectors import visible_plans
from ppid.guidance.workflow import WORKPLAN_TRANSITIONS
from ppid.offices.models import Office

PER_PAGE = 25


def get_plan_for(user: Any, pk: int) -> WorkPlan:
    plan = get_object_or_404(WorkPlan.objects.select_related("office", "created_by"), pk=pk)
    if not (can(user, "report:view", plan.office) or can(user, "workplan:manage", plan.office)):
        raise Http404
    return plan


@login_required
def workplan_list(http: HttpRequest) -> HttpResponse:
    if not (can_anywhere(http.user, "workplan:manage") or can_anywhere(http.user, "report:view")):
        raise PermissionDenied
    rows = visible_plans(http.user).select_related("office").order_by("-year", "office__path")
    year = http.GET.get("tahun", "")
    if year.isdigit():
        rows = rows.filter(year=int(year))
    page = Paginator(rows, PER_PAGE).get_page(http.GET.get("page"))
    offices = Office.objects.filter(offices_where(http.user, "workplan:manage")).order_by("path")
    form = f.WorkPlanForm(
        http.POST or None, offices=offices, initial={"year": timezone.localdate().year, "office": offices.first()}
    )
    if http.method == "POST":
        if not offices:
            raise PermissionDenied
        if form.is_valid():
            try:
                plan = services.workplan_create(
                    office=form.cleaned_data["office"], year=form.cleaned_data["year"], actor=http.user
                )
            except ValidationError as exc:
                errors_onto_form(form, exc)
            except PermissionDenied as exc:
                form.add_error("office", str(exc))
            else:
                messages.success(http, _("The work plan has been drawn up."))
                return redirect("guidance:workplan_detail", pk=plan.pk)
    context = {"page": page, "form": form if offices else None, "year": year}
    return render(http, "guidance/workplan_list.html", context)


def _render_detail(http: HttpRequest, plan: WorkPlan, bound: dict[str, Form] | None = None) -> HttpResponse:
    bound = bound or {}
    manage = can(http.user, "workplan:manage", plan.office)
    activities = list(plan.activities.all())
    status = plan.status
    for activity in activities:
        activity.progress_form = bound.get(f"progress-{activity.pk}") or f.ProgressForm(  # type: ignore[attr-defined]
            initial={"progress": activity.progress, "note": activity.progress_note}
        )
    context = {
        "plan": plan,
        "activities": activities,
        "manage": manage,
        "can_add": manage and status in WORKPLAN_TRANSITIONS["activity_add"],
        "can_activate": manage and status in WORKPLAN_TRANSITIONS["workplan_activate"],
        "can_progress": manage and status in WORKPLAN_TRANSITIONS["activity_update_progress"],
        "can_evaluate": manage and status in WORKPLAN_TRANSITIONS["workplan_evaluate"],
        "activity_form": bound.get("activity") or f.ActivityForm(),
        "evaluation_form": bound.get("evaluate") or f.EvaluationForm(),
        "activate_errors": bound["activate"].non_field_errors() if "activate" in bound else [],
        "events": Event.objects.for_objects([plan]).select_related("actor", "office"),
    }
    return render(http, "guidance/workplan_detail.html", context)


@login_required
def workplan_detail(http: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(http, get_plan_for(http.user, pk))


# The Indonesian URL slug of each step.
STEPS = {"kegiatan": "activity", "kemajuan": "progress", "evaluasi": "evaluate", "aktifkan": "activate"}


def _form_for(name: str, http: HttpRequest) -> Form:
    forms: dict[str, type[Form]] = {
        "activity": f.ActivityForm,
        "progress": f.ProgressForm,
        "evaluate": f.EvaluationForm,
        "activate": Form,
    }
    if name not in forms:
        raise Http404
    return forms[name](http.POST)


def _perform(name: str, plan: WorkPlan, activity: PlanActivity | None, actor: Any, form: Any) -> None:
    if name == "activity":
        services.activity_add(plan=plan, actor=actor, data=form.data_for_service())
    elif name == "progress":
        assert activity is not None
        c = form.cleaned_data
        services.activity_update_progress(activity=activity, actor=actor, progress=c["progress"], note=c["note"])
    elif name == "evaluate":
        services.workplan_evaluate(plan=plan, actor=actor, text=form.cleaned_data["evaluation"])
    else:
        services.workplan_activate(plan=plan, actor=actor)


@login_required
@require_POST
def workplan_action(http: HttpRequest, pk: int, name: str, activity_pk: int | None = None) -> HttpResponse:
    plan = get_plan_for(http.user, pk)
    if not can(http.user, "workplan:manage", plan.office):
        raise PermissionDenied
    name = STEPS.get(name, "")
    form = _form_for(name, http)
    activity = None
    if name == "progress":
        activity = get_object_or_404(PlanActivity.objects.select_related("plan__office"), pk=activity_pk, plan=plan)
    if form.is_valid():
        try:
            _perform(name, plan, activity, http.user, form)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except services.WorkPlanStateError as exc:
            messages.error(http, str(exc))
            return redirect("guidance:workplan_detail", pk=pk)
        else:
            messages.success(http, _("Saved."))
            return redirect("guidance:workplan_detail", pk=pk)
    key = f"progress-{activity_pk}" if name == "progress" else name
    return _render_detail(http, plan, {key: form})
