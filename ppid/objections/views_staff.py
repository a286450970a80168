"""Staff pages of an objection: desk intake, the objection with its steps, the receipt and the answer letter.

Views never write status: each step calls its one service function (STYLE.md §2). The worklist
and the register are in views_register.
"""

from __future__ import annotations

import uuid
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
from ppid.core.steps import Step, StepPage, errors_onto_form, holds, run_step, step_forms
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


def _settleable(objection: Objection) -> bool:
    """Pasal 35 ayat (2) UU 14/2008: only grounds b-g may be settled by agreement."""
    return all(Ground(letter) in SETTLEABLE_GROUNDS for letter in objection.grounds)


def _fulfil(o: Objection, u: Any, form: f.FulfilOrderForm) -> Objection:
    d = form.cleaned_data
    return services.objection_fulfil_order(
        objection=o, actor=u, method=d["method"], delivered_at=as_office_time(d["delivered_at"], o.office),
        proof=d["proof"].file if d["proof"] else None, note=d["note"],
    )  # fmt: skip


ACTIONS: dict[str, Step[Objection]] = {
    "admit": Step(
        "objection_admit", holds("objection:admit"), f.AdmissionForm,
        lambda o, u, form: services.objection_admit(objection=o, actor=u, reasons=form.cleaned_data["reasons"]),
        gettext_lazy("Admit the late objection"), gettext_lazy("late objection admitted"),
    ),
    "refuse-admission": Step(
        "objection_refuse_admission", holds("objection:admit"), f.AdmissionForm,
        lambda o, u, form: services.objection_refuse_admission(
            objection=o, actor=u, reasons=form.cleaned_data["reasons"]
        ),
        gettext_lazy("Do not admit the late objection"), gettext_lazy("late objection not admitted"),
    ),
    "settle": Step(
        "objection_propose_settlement", holds("objection:settle"), f.SettlementForm,
        lambda o, u, form: services.objection_propose_settlement(objection=o, actor=u, terms=form.cleaned_data["terms"]),
        gettext_lazy("Record an agreement with the requester (Pasal 35 ayat (2))"), gettext_lazy("agreement recorded"),
        shown=_settleable,
    ),
    "confirm-settlement": Step(
        "objection_confirm_settlement", holds("objection:settle"), f.ConfirmSettlementForm,
        lambda o, u, form: services.objection_confirm_settlement(
            objection=o, actor=u, confirmation=form.cleaned_data["confirmation"]
        ),
        gettext_lazy("Record the requester's confirmation of the agreement"),
        gettext_lazy("objection settled by agreement"),
    ),
    "reject-settlement": Step(
        "objection_reject_settlement", holds("objection:settle"), f.RejectSettlementForm,
        lambda o, u, form: services.objection_reject_settlement(objection=o, actor=u, note=form.cleaned_data["note"]),
        gettext_lazy("The requester did not confirm the agreement"), gettext_lazy("agreement not confirmed"),
    ),
    "decide": Step(
        "objection_decide", holds("objection:decide"), f.DecideForm,
        lambda o, u, form: services.objection_decide(objection=o, actor=u, **form.service_kwargs()),
        gettext_lazy("Answer the objection (Atasan PPID)"), gettext_lazy("answer issued"),
    ),
    "fulfil-order": Step(
        "objection_fulfil_order", holds("objection:fulfil_order"), f.FulfilOrderForm, _fulfil,
        gettext_lazy("Record that the ordered information was provided"), gettext_lazy("order carried out"),
        shown=lambda o: o.order_open,
    ),
    "reaction": Step(
        "objection_record_reaction", holds("objection:record_reaction"), f.ReactionForm,
        lambda o, u, form: services.objection_record_reaction(
            objection=o, actor=u, reaction=form.cleaned_data["reaction"], note=form.cleaned_data["note"]
        ),
        gettext_lazy("Record the requester's reaction to the answer"), gettext_lazy("reaction recorded"),
    ),
}  # fmt: skip


def _initial(name: str, objection: Objection) -> dict[str, Any]:
    if name == "fulfil-order":
        return {"method": objection.request.delivery_method, "delivered_at": office_now_local(objection.office)}
    return {}


def _make_form(name: str, objection: Objection, user: Any, data: Any, files: Any) -> forms.Form:
    return ACTIONS[name].form_class(data, files, initial=_initial(name, objection), prefix=name)


def _render_detail(http: HttpRequest, objection: Objection, bound: dict[str, forms.Form] | None = None) -> HttpResponse:
    context = detail_context(http.user, objection)
    context["forms"] = [(name, step.title, form) for name, step, form in step_forms(PAGE, http.user, objection, bound)]
    return render(http, "objections/staff/detail.html", context)


@login_required
def objection_detail(http: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(http, get_objection_for(http.user, pk))


@login_required
@require_POST
def objection_action(http: HttpRequest, pk: int, name: str) -> HttpResponse:
    """POST one step: 403 without the right, errors re-render with the input kept, then back to the objection."""
    return run_step(http, get_objection_for(http.user, pk), name, PAGE)


PAGE = StepPage(
    steps=ACTIONS,
    make_form=_make_form,
    render=_render_detail,
    reload=get_objection_for,
    detail_url="objections_staff:detail",
    allows=lambda transition, objection: objection.status in allowed_from(transition),
    state_errors=(services.ObjectionStateError, RequestStateError),
)


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
                errors_onto_form(form, exc)
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
