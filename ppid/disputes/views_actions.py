"""The dispute's page and its actions: one POST URL per step, each calling its one service function.

Services raise ValidationError, PermissionDenied and DisputeStateError; here they become field
errors on the re-rendered form (what was typed is kept), a 403, or a message (STYLE.md §2).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ppid.accounts.permissions import can
from ppid.accounts.roles import Role
from ppid.core.steps import Step, StepPage, errors_onto_form, holds, run_step, step_forms
from ppid.disputes import forms as f
from ppid.disputes import selectors, services
from ppid.disputes.models import Dispute, DisputeDocument, FollowUpTask
from ppid.disputes.services.tasks import TASK_PERMISSIONS, document_permission
from ppid.disputes.workflow import NEXT_FORUMS, Forum, SessionKind, Stage, allowed_from
from ppid.requests.timeline import request_timeline

MANAGES = holds("dispute:manage")


def _contributes(user: Any, dispute: Dispute) -> bool:
    """The legal unit, the PPID (seed d.5) and the liaison team (seed e.3) add documents."""
    return document_permission(user, dispute) is not None


def _can_appeal(dispute: Dispute) -> bool:
    latest = dispute.rulings.order_by("-ruled_on", "-id").first()
    return latest is not None and bool(NEXT_FORUMS[Forum(latest.forum)])


ACTIONS: dict[str, Step[Dispute]] = {
    "confirm-registration": Step(
        "dispute_confirm_registration", MANAGES, f.ConfirmRegistrationForm,
        lambda d, u, form: services.dispute_confirm_registration(
            dispute=d, actor=u, ki_case_number=form.cleaned_data["ki_case_number"],
            registered_on=form.cleaned_data["registered_on"],
        ),
        gettext_lazy("Confirm registration at the Commission"), gettext_lazy("registration confirmed"),
    ),
    "session": Step(
        "dispute_schedule_session", MANAGES, f.SessionForm,
        lambda d, u, form: services.dispute_schedule_session(dispute=d, actor=u, **form.cleaned_data),
        gettext_lazy("Record a mediation session or adjudication hearing"), gettext_lazy("session recorded"),
    ),
    "end-mediation": Step(
        "dispute_end_mediation", MANAGES, f.EndMediationForm,
        lambda d, u, form: services.dispute_end_mediation(
            dispute=d, actor=u, agreed=form.cleaned_data["result"] == f.AGREED, note=form.cleaned_data["note"]
        ),
        gettext_lazy("End the mediation"), gettext_lazy("mediation ended"),
    ),
    "ruling": Step(
        "dispute_record_ruling", MANAGES, f.RulingForm,
        lambda d, u, form: services.dispute_record_ruling(dispute=d, actor=u, data=form.ruling_data()),
        gettext_lazy("Record a ruling"), gettext_lazy("ruling recorded"),
    ),
    "appeal": Step(
        "dispute_appeal", MANAGES, f.AppealForm,
        lambda d, u, form: services.dispute_appeal(dispute=d, actor=u, **form.cleaned_data),
        gettext_lazy("Record an appeal"), gettext_lazy("appeal recorded"),
        shown=_can_appeal,
    ),
    "party": Step(
        "dispute_add_party", MANAGES, f.PartyForm,
        lambda d, u, form: services.dispute_add_party(dispute=d, actor=u, **form.cleaned_data),
        gettext_lazy("Add a party"), gettext_lazy("party added"),
    ),
    "document": Step(
        "dispute_add_document", _contributes, f.DocumentForm,
        lambda d, u, form: services.dispute_add_document(
            dispute=d, actor=u, kind=form.cleaned_data["kind"], title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        ),
        gettext_lazy("Add a document"), gettext_lazy("document added"),
        multipart=True, error_field="file",
    ),
    "close": Step(
        "dispute_close", MANAGES, f.CloseForm,
        lambda d, u, form: services.dispute_close(dispute=d, actor=u, **form.cleaned_data),
        gettext_lazy("Close the case"), gettext_lazy("case closed"),
    ),
}  # fmt: skip


def _initial(name: str, dispute: Dispute) -> dict[str, Any]:
    today = selectors.office_today(dispute.office)
    if name == "confirm-registration":
        return {"registered_on": today, "ki_case_number": dispute.ki_case_number}
    if name == "session":
        kind = SessionKind.MEDIATION if dispute.stage == Stage.MEDIATION else SessionKind.ADJUDICATION
        return {"held_on": today, "kind": kind}
    if name == "ruling":
        return {"ruled_on": today, "received_on": today}
    if name == "appeal":
        return {"filed_on": today}
    return {}


def make_form(name: str, dispute: Dispute, user: Any, data: Any, files: Any) -> forms.Form:
    form_class = ACTIONS[name].form_class
    assert issubclass(form_class, f.DisputeActionForm)  # every step's form is told its dispute
    return form_class(data, files, initial=_initial(name, dispute), prefix=name, dispute=dispute)


def _task_rows(user: Any, dispute: Dispute, bound: dict[int, forms.Form]) -> list[tuple[FollowUpTask, Any]]:
    rows: list[tuple[FollowUpTask, Any]] = []
    for task in dispute.tasks.select_related("done_by"):
        form = None
        if task.done_at is None and can(user, TASK_PERMISSIONS[task.kind], dispute):
            form = bound.get(task.pk) or f.TaskCompleteForm(prefix=f"task-{task.pk}")
        rows.append((task, form))
    return rows


def _documents(dispute: Dispute) -> list[DisputeDocument]:
    """The case file, each with the role its contributor acted in, as people read it."""
    documents = list(dispute.documents.select_related("uploaded_by"))
    for document in documents:
        role = document.uploaded_role
        document.role_label = str(Role(role).label) if role in Role.values else role  # type: ignore[attr-defined]
    return documents


def render_detail(
    http: HttpRequest,
    dispute: Dispute,
    bound: dict[str, forms.Form] | None = None,
    bound_tasks: dict[int, forms.Form] | None = None,
) -> HttpResponse:
    user = http.user
    context = {
        "d": dispute,
        "deadlines": selectors.deadline_rows(dispute),
        "parties": dispute.parties.all(),
        "sessions": dispute.sessions.all(),
        "rulings": dispute.rulings.all(),
        "documents": _documents(dispute),
        "tasks": _task_rows(user, dispute, bound_tasks or {}),
        "forms": step_forms(PAGE, user, dispute, bound),
        "events": request_timeline(dispute.request).select_related("actor", "office"),
    }
    return render(http, "disputes/detail.html", context)


@login_required
def dispute_detail(http: HttpRequest, pk: int) -> HttpResponse:
    return render_detail(http, selectors.get_dispute_for(http.user, pk))


@login_required
@require_POST
def dispute_action(http: HttpRequest, pk: int, name: str) -> HttpResponse:
    """POST one step: 404 unseen, 403 without the right, errors re-render with the input kept."""
    return run_step(http, selectors.get_dispute_for(http.user, pk), name, PAGE)


def _stale(dispute: Dispute) -> str:
    return _("Dispute %(number)s is now at “%(stage)s”; this step is not possible any more.") % {
        "number": dispute.dispute_number,
        "stage": Stage(dispute.stage).label,
    }


PAGE = StepPage(
    steps=ACTIONS,
    make_form=make_form,
    render=render_detail,
    reload=selectors.get_dispute_for,
    detail_url="disputes:detail",
    allows=lambda transition, dispute: dispute.stage in allowed_from(transition),
    state_errors=(services.DisputeStateError,),
    stale=_stale,
)


@login_required
@require_POST
def task_complete(http: HttpRequest, pk: int) -> HttpResponse:
    """The Atasan reports the follow-up of a ruling (seed c.5); the PPID the DIP entry (Pasal 11 ayat (2))."""
    task = get_object_or_404(FollowUpTask, pk=pk)
    dispute = selectors.get_dispute_for(http.user, task.dispute_id)
    if not can(http.user, TASK_PERMISSIONS[task.kind], dispute):
        raise PermissionDenied
    form = f.TaskCompleteForm(http.POST, prefix=f"task-{task.pk}")
    if form.is_valid():
        try:
            services.task_complete(task=task, actor=http.user, result=form.cleaned_data["result"])
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(http, _("Saved: %(step)s.") % {"step": _("task done")})
            return redirect(reverse("disputes:detail", args=[dispute.pk]) + "#tugas")
    return render_detail(http, dispute, bound_tasks={task.pk: form})
