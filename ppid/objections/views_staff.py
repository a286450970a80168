"""Staff pages of an objection: desk intake, the objection with its steps, the receipt and the answer letter.

Views never write status: each step calls its one service function (STYLE.md §2). The worklist
and the register are in views_register.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ppid.accounts.permissions import can, can_anywhere, filter_visible
from ppid.objections import forms_staff as f
from ppid.objections import services
from ppid.objections.detail import detail_context, ground_choices
from ppid.objections.models import Objection
from ppid.objections.workflow import PENDING_STATUSES, SETTLEABLE_GROUNDS, Ground, allowed_from
from ppid.requests.forms_staff import as_office_time, office_now_local
from ppid.requests.models import InformationRequest
from ppid.requests.services import RequestStateError


def get_objection_for(user: Any, pk: int) -> Objection:
    """The objection if `user` may see it, else 404 (never reveal that it exists)."""
    objection = get_object_or_404(
        Objection.objects.select_related(
            "office", "request", "request__office", "request__requester", "rule_set", "recorded_by"
        ),
        pk=pk,
    )
    if not can(user, "objection:view", objection):
        raise Http404
    return objection


Perform = Callable[[Objection, Any, Any], object]


@dataclass(frozen=True)
class Action:
    """One step on the objection's page: its form, its right, and the one service call."""

    transition: str  # key of workflow.TRANSITIONS
    permission: str
    form_class: type[forms.Form]
    perform: Perform
    shown: Callable[[Objection], bool] = lambda objection: True


def _settleable(objection: Objection) -> bool:
    """Pasal 35 ayat (2) UU 14/2008: only grounds b-g may be settled by agreement."""
    return all(Ground(letter) in SETTLEABLE_GROUNDS for letter in objection.grounds)


def _fulfil(o: Objection, u: Any, form: f.FulfilOrderForm) -> Objection:
    d = form.cleaned_data
    return services.objection_fulfil_order(
        objection=o, actor=u, method=d["method"], delivered_at=as_office_time(d["delivered_at"], o.office),
        proof=d["proof"].file if d["proof"] else None, note=d["note"],
    )  # fmt: skip


ACTIONS: dict[str, Action] = {
    "admit": Action(
        "objection_admit", "objection:admit", f.AdmissionForm,
        lambda o, u, form: services.objection_admit(objection=o, actor=u, reasons=form.cleaned_data["reasons"]),
    ),
    "refuse-admission": Action(
        "objection_refuse_admission", "objection:admit", f.AdmissionForm,
        lambda o, u, form: services.objection_refuse_admission(
            objection=o, actor=u, reasons=form.cleaned_data["reasons"]
        ),
    ),
    "settle": Action(
        "objection_propose_settlement", "objection:settle", f.SettlementForm,
        lambda o, u, form: services.objection_propose_settlement(objection=o, actor=u, terms=form.cleaned_data["terms"]),
        shown=_settleable,
    ),
    "confirm-settlement": Action(
        "objection_confirm_settlement", "objection:settle", f.ConfirmSettlementForm,
        lambda o, u, form: services.objection_confirm_settlement(
            objection=o, actor=u, confirmation=form.cleaned_data["confirmation"]
        ),
    ),
    "reject-settlement": Action(
        "objection_reject_settlement", "objection:settle", f.RejectSettlementForm,
        lambda o, u, form: services.objection_reject_settlement(objection=o, actor=u, note=form.cleaned_data["note"]),
    ),
    "decide": Action(
        "objection_decide", "objection:decide", f.DecideForm,
        lambda o, u, form: services.objection_decide(objection=o, actor=u, **form.service_kwargs()),
    ),
    "fulfil-order": Action(
        "objection_fulfil_order", "objection:fulfil_order", f.FulfilOrderForm, _fulfil,
        shown=lambda o: o.order_open,
    ),
    "reaction": Action(
        "objection_record_reaction", "objection:record_reaction", f.ReactionForm,
        lambda o, u, form: services.objection_record_reaction(
            objection=o, actor=u, reaction=form.cleaned_data["reaction"], note=form.cleaned_data["note"]
        ),
    ),
}  # fmt: skip

ACTION_TITLES = {
    "admit": gettext_lazy("Admit the late objection"),
    "refuse-admission": gettext_lazy("Do not admit the late objection"),
    "settle": gettext_lazy("Record an agreement with the requester (Pasal 35 ayat (2))"),
    "confirm-settlement": gettext_lazy("Record the requester's confirmation of the agreement"),
    "reject-settlement": gettext_lazy("The requester did not confirm the agreement"),
    "decide": gettext_lazy("Answer the objection (Atasan PPID)"),
    "fulfil-order": gettext_lazy("Record that the ordered information was provided"),
    "reaction": gettext_lazy("Record the requester's reaction to the answer"),
}

STEP_DONE = {
    "admit": gettext_lazy("late objection admitted"),
    "refuse-admission": gettext_lazy("late objection not admitted"),
    "settle": gettext_lazy("agreement recorded"),
    "confirm-settlement": gettext_lazy("objection settled by agreement"),
    "reject-settlement": gettext_lazy("agreement not confirmed"),
    "decide": gettext_lazy("answer issued"),
    "fulfil-order": gettext_lazy("order carried out"),
    "reaction": gettext_lazy("reaction recorded"),
}


def _initial(name: str, objection: Objection) -> dict[str, Any]:
    if name == "fulfil-order":
        return {"method": objection.request.delivery_method, "delivered_at": office_now_local(objection.office)}
    return {}


def _make_form(name: str, objection: Objection, data: Any = None, files: Any = None) -> forms.Form:
    return ACTIONS[name].form_class(data, files, initial=_initial(name, objection), prefix=name)


def allowed_actions(user: Any, objection: Objection) -> list[str]:
    return [
        name
        for name, action in ACTIONS.items()
        if objection.status in allowed_from(action.transition)
        and action.shown(objection)
        and can(user, action.permission, objection)
    ]


def _render_detail(http: HttpRequest, objection: Objection, bound: dict[str, forms.Form] | None = None) -> HttpResponse:
    bound = bound or {}
    # A form that failed stays on the page with what was typed, even when the step is no longer possible.
    shown = set(allowed_actions(http.user, objection)) | set(bound)
    action_forms = [
        (name, ACTION_TITLES[name], bound.get(name) or _make_form(name, objection)) for name in ACTIONS if name in shown
    ]
    context = detail_context(http.user, objection)
    context["forms"] = action_forms
    return render(http, "objections/staff/detail.html", context)


@login_required
def objection_detail(http: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(http, get_objection_for(http.user, pk))


def _add_errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
@require_POST
def objection_action(http: HttpRequest, pk: int, name: str) -> HttpResponse:
    """POST one step: 403 without the right, errors re-render with the input kept, then back to the objection."""
    objection = get_objection_for(http.user, pk)
    action = ACTIONS.get(name)
    if action is None:
        raise Http404
    if not can(http.user, action.permission, objection):
        raise PermissionDenied
    form = _make_form(name, objection, http.POST, http.FILES)
    if form.is_valid():
        try:
            action.perform(objection, http.user, form)
        except ValidationError as exc:
            _add_errors(form, exc)
        except (services.ObjectionStateError, RequestStateError) as exc:
            messages.error(http, str(exc))
            objection = get_objection_for(http.user, pk)
        else:
            messages.success(http, _("Saved: %(step)s.") % {"step": STEP_DONE[name]})
            return redirect("objections_staff:detail", pk=pk)
    return _render_detail(http, objection, {name: form})


# --- desk intake ---


def _request_for_intake(user: Any, pk: str) -> InformationRequest:
    """The request an objection is registered on: 404 if unseen, 403 without objection:register there."""
    if not pk.isdigit():
        raise Http404
    request = get_object_or_404(InformationRequest.objects.select_related("office", "requester"), pk=int(pk))
    if not can(user, "request:view", request):
        raise Http404
    if not can(user, "objection:register", request):
        raise PermissionDenied
    return request


def _lookup(http: HttpRequest) -> HttpResponse:
    """Without a request chosen: find it by the registration number on the requester's papers."""
    form = f.RequestLookupForm(http.GET if "nomor" in http.GET else None)
    if form.is_valid():
        number = form.cleaned_data["nomor"].strip()
        visible = filter_visible(http.user, "objection:register", InformationRequest.objects.all())
        found = visible.filter(registration_number=number).first()
        if found is not None:
            return redirect(reverse("objections_staff:intake") + f"?permohonan={found.pk}")
        form.add_error("nomor", _("No request with this number at an office where you register objections."))
    return render(http, "objections/staff/lookup.html", {"form": form})


@login_required
def desk_intake(http: HttpRequest) -> HttpResponse:
    """An objection received in writing at the desk, registered and numbered at once (Pasal 36 ayat (1))."""
    if "permohonan" not in http.GET:
        if not can_anywhere(http.user, "objection:register"):
            raise PermissionDenied
        return _lookup(http)
    request = _request_for_intake(http.user, http.GET["permohonan"])
    office = request.office
    if http.method == "POST":
        form = f.DeskObjectionForm(http.POST)
        if form.is_valid():
            try:
                created = services.objection_file(
                    request=request,
                    data=form.objection_data(),
                    actor=http.user,
                    channel=form.cleaned_data["channel"],
                    received_at=form.received_moment(office),
                    submission_key=f"desk:{form.cleaned_data['submission_key']}",
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(http, _("Objection registered as %(number)s.") % {"number": created.objection_number})
                if created.is_late:
                    messages.warning(
                        http, _("It was filed after the filing window: the Atasan PPID decides whether to admit it.")
                    )
                return redirect("objections_staff:detail", pk=created.pk)
    else:
        form = f.DeskObjectionForm(
            initial={"received_at": office_now_local(office), "submission_key": uuid.uuid4().hex}
        )
    existing = list(request.objections.all())
    context = {
        "form": form,
        "req": request,
        "grounds": list(zip(form["grounds"], ground_choices(request), strict=True)),
        "existing": existing,
        "pending": next((o for o in existing if o.status in PENDING_STATUSES), None),
    }
    return render(http, "objections/staff/intake.html", context)


# --- letters ---


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response


def _slug(objection: Objection) -> str:
    return objection.objection_number.replace("/", "-")


@login_required
def receipt_pdf(http: HttpRequest, pk: int) -> HttpResponse:
    """The tanda terima is handed to the requester: own-office staff who serve requesters only."""
    from ppid.objections.pdf import receipt_pdf as build

    objection = get_objection_for(http.user, pk)
    if not can(http.user, "request:view_personal", objection.request):
        raise PermissionDenied
    return _pdf(build(objection), f"tanda-terima-keberatan-{_slug(objection)}")


@login_required
def letter_pdf(http: HttpRequest, pk: int) -> HttpResponseBase:
    """The Atasan PPID's answer: the stored copy the requester received, or rendered if not stored yet."""
    from ppid.objections.pdf import answer_letter_pdf

    objection = get_objection_for(http.user, pk)
    if objection.letter_pdf:
        name = f"jawaban-keberatan-{_slug(objection)}.pdf"
        try:
            return FileResponse(objection.letter_pdf.open("rb"), filename=name, content_type="application/pdf")
        except FileNotFoundError:  # storage lost the copy: the answer itself is in the database
            pass
    if objection.decided_at is None:
        raise Http404
    return _pdf(answer_letter_pdf(objection), f"jawaban-keberatan-{_slug(objection)}")
