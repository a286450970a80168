"""A work unit's list in a collection round and its steps: the liaison team proposes new items and
updates and submits (seed e.2); the PPID edits, returns or arranges (d.3); the Atasan PPID
corrects, returns or approves (c.3, c.1). Views never write status: each step is one service call."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ppid.accounts.permissions import can
from ppid.catalogue import forms_staff as f
from ppid.catalogue import services
from ppid.catalogue.models import UnitList
from ppid.catalogue.views_common import get_unit_list_for
from ppid.catalogue.views_entries import entry_rows
from ppid.catalogue.workflow import ListStatus, RoundStatus, list_allowed_from
from ppid.core.steps import errors_onto_form
from ppid.events.models import Event


def _may_return(user: Any, unit_list: UnitList) -> bool:
    # The PPID sends back what it received (d.3); the Atasan PPID what it was given to approve (c.3).
    if unit_list.status == ListStatus.SUBMITTED:
        return can(user, "dip:arrange", unit_list)
    return can(user, "dip:correct", unit_list)


@dataclass(frozen=True)
class ListStep:
    """One step on the list's page: its form, who may take it, and the one service call."""

    transition: str  # key of workflow.LIST_TRANSITIONS
    title: Promise
    done: Promise
    form_class: type[forms.Form]
    allowed: Callable[[Any, UnitList], bool]
    perform: Callable[[UnitList, Any, dict[str, Any]], object]


STEPS: dict[str, ListStep] = {
    "submit": ListStep(
        "unit_list_submit", gettext_lazy("Submit the list to the PPID"), gettext_lazy("list submitted to the PPID"),
        f.NoteForm, lambda u, ul: can(u, "dip:submit", ul),
        lambda ul, u, d: services.unit_list_submit(unit_list=ul, actor=u, note=d["note"]),
    ),
    "return": ListStep(
        "unit_list_return", gettext_lazy("Return the list to the unit"), gettext_lazy("list returned to the unit"),
        f.ReturnForm, _may_return,
        lambda ul, u, d: services.unit_list_return(unit_list=ul, actor=u, note=d["note"]),
    ),
    "arrange": ListStep(
        "unit_list_arrange", gettext_lazy("Arranged and stored: send to the Atasan PPID"),
        gettext_lazy("list arranged and sent to the Atasan PPID"),
        f.NoteForm, lambda u, ul: can(u, "dip:arrange", ul),
        lambda ul, u, d: services.unit_list_arrange(unit_list=ul, actor=u, note=d["note"]),
    ),
    "approve": ListStep(
        "unit_list_approve", gettext_lazy("Approve and publish the list"),
        gettext_lazy("list approved, its items published and the result sent to the advisory team"),
        f.ConfirmForm, lambda u, ul: can(u, "dip:approve", ul),
        lambda ul, u, d: services.unit_list_approve(unit_list=ul, actor=u),
    ),
}  # fmt: skip


def _open(unit_list: UnitList, transition: str) -> bool:
    return unit_list.round.status == RoundStatus.OPEN and unit_list.status in list_allowed_from(transition)


def allowed_steps(user: Any, unit_list: UnitList) -> list[str]:
    return [name for name, step in STEPS.items() if _open(unit_list, step.transition) and step.allowed(user, unit_list)]


def _render_list(http: HttpRequest, unit_list: UnitList, bound: dict[str, forms.Form] | None = None) -> HttpResponse:
    user = http.user
    bound = bound or {}
    # A form that failed stays on the page with what was typed, even when the step is no longer possible.
    shown = set(allowed_steps(user, unit_list)) | set(bound)
    step_forms = [
        (name, step.title, bound.get(name) or step.form_class(prefix=name))
        for name, step in STEPS.items()
        if name in shown
    ]
    collecting = _open(unit_list, "unit_list_add_entry") and can(user, "dip:submit", unit_list)
    published = unit_list.work_unit.dip_items.filter(office=unit_list.round.office, status="published").order_by(
        "title"
    )
    entries = unit_list.entries.select_related("item", "item__work_unit", "item__mandatory_item").annotate(
        latest_version=Max("item__documents__version")
    )
    context = {
        "unit_list": unit_list,
        "round": unit_list.round,
        "rows": entry_rows(list(entries), unit_list.round.office),
        "forms": step_forms,
        "collecting": collecting,
        "update_form": f.UpdateChoiceForm(items=published) if collecting else None,
        "may_edit": unit_list.status == ListStatus.SUBMITTED and can(user, "dip:arrange", unit_list),
        "may_correct": _open(unit_list, "unit_list_correct") and can(user, "dip:correct", unit_list),
        "events": Event.objects.for_object(unit_list).select_related("actor", "office"),
    }
    return render(http, "catalogue/staff/unit_list.html", context)


@login_required
def unit_list_detail(http: HttpRequest, pk: int) -> HttpResponse:
    return _render_list(http, get_unit_list_for(http.user, pk))


@login_required
@require_POST
def unit_list_step(http: HttpRequest, pk: int, name: str) -> HttpResponse:
    """POST one step: 403 without the right, errors re-render with the input kept, then back to the list."""
    unit_list = get_unit_list_for(http.user, pk)
    step = STEPS.get(name)
    if step is None:
        raise Http404
    if not step.allowed(http.user, unit_list):
        raise PermissionDenied
    form = step.form_class(http.POST, prefix=name)
    if form.is_valid():
        try:
            step.perform(unit_list, http.user, form.cleaned_data)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        except services.CatalogueStateError as exc:
            messages.error(http, str(exc))
            unit_list = get_unit_list_for(http.user, pk)
        else:
            messages.success(http, _("Saved: %(step)s.") % {"step": step.done})
            return redirect("catalogue_staff:unit_list", pk=pk)
    return _render_list(http, unit_list, {name: form})
