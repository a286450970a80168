"""Staff pages for requests: desk intake, worklist, the request with its actions, and the register.

Views never write status: each action calls its one service function (STYLE.md §2).
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ppid.accounts.permissions import can, can_anywhere, offices_where
from ppid.core.steps import Step, StepPage, errors_onto_form, holds, run_step, step_forms
from ppid.offices.models import Office
from ppid.requests import forms_staff as f
from ppid.requests import selectors, services
from ppid.requests.models import PERSONAL_ATTACHMENTS, InformationRequest, RequestAttachment
from ppid.requests.register_export import register_csv_response, register_xlsx_response
from ppid.requests.timeline import request_timeline
from ppid.requests.workflow import allowed_from
from ppid.workdays.explain import deadline_explain
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import calendars_for_offices, rule_spec

WORKLIST_PER_PAGE = 25
REGISTER_PER_PAGE = 50


def get_request_for(user: Any, pk: int) -> InformationRequest:
    """The request if `user` may see it, else 404 (never reveal that it exists)."""
    request = get_object_or_404(
        InformationRequest.objects.select_related(
            "office", "requester", "rule_set", "notice__exemption", "delivery", "forwarded_to__office"
        ),
        pk=pk,
    )
    if not can(user, "request:view", request):
        raise Http404
    return request


def _deliver(r: InformationRequest, u: Any, form: f.DeliverForm) -> object:
    d = form.cleaned_data
    return services.request_deliver(
        request=r, actor=u, method=d["method"], delivered_at=f.as_office_time(d["delivered_at"], r.office),
        proof=d["proof"].file if d["proof"] else None, amount_paid=d["amount_paid"],
    )  # fmt: skip


ACTIONS: dict[str, Step[InformationRequest]] = {
    "assign": Step(
        "request_assign", holds("request:assign"), f.AssignForm,
        lambda r, u, form: services.request_assign(
            request=r, actor=u, work_units=form.cleaned_data["work_units"], note=form.cleaned_data["note"]
        ),
        gettext_lazy("Assign to work units"), gettext_lazy("assigned to work units"),
    ),
    "mark-incomplete": Step(
        "request_mark_incomplete", holds("request:mark_incomplete"), f.MarkIncompleteForm,
        lambda r, u, form: services.request_mark_incomplete(request=r, actor=u, missing=form.cleaned_data["missing"]),
        gettext_lazy("Mark incomplete"), gettext_lazy("marked incomplete"),
    ),
    "complete": Step(
        "request_complete", holds("request:record_completion"), f.CompletionForm,
        lambda r, u, form: services.request_complete(request=r, actor=u, note=form.cleaned_data["note"]),
        gettext_lazy("Record completion at the desk"), gettext_lazy("completion recorded"),
    ),
    "extend": Step(
        "request_extend", holds("request:extend"), f.ExtendForm,
        lambda r, u, form: services.request_extend(request=r, actor=u, reason=form.cleaned_data["reason"]),
        gettext_lazy("Extend the deadline (once)"), gettext_lazy("deadline extended"),
        shown=lambda r: r.extended_due_on is None,
    ),
    "decide": Step(
        "request_decide", holds("request:decide"), f.DecideForm,
        lambda r, u, form: services.request_decide(request=r, actor=u, data=form.notice_data()),
        gettext_lazy("Decide and issue the written notice"), gettext_lazy("written notice issued"),
    ),
    "forward": Step(
        "request_forward", holds("request:forward"), f.ForwardForm,
        lambda r, u, form: services.request_forward(
            request=r, actor=u, to_office=form.cleaned_data["to_office"], note=form.cleaned_data["note"]
        ),
        gettext_lazy("Forward to another KPU office"), gettext_lazy("request forwarded"),
    ),
    "deliver": Step(
        "request_deliver", holds("request:hand_over"), f.DeliverForm, _deliver,
        gettext_lazy("Record delivery"), gettext_lazy("delivery recorded"),
    ),
}  # fmt: skip

# Forms that choose among the office's work units or the other KPU offices.
OFFICE_FORMS = frozenset({"assign", "decide", "forward"})


def _initial(name: str, request: InformationRequest) -> dict[str, Any]:
    if name == "deliver":
        return {"method": request.delivery_method, "delivered_at": f.office_now_local(request.office)}
    if name == "decide":
        return {"delivery_method": request.delivery_method}
    return {}


def _make_form(name: str, request: InformationRequest, user: Any, data: Any, files: Any) -> forms.Form:
    kwargs: dict[str, Any] = {"office": request.office} if name in OFFICE_FORMS else {}
    return ACTIONS[name].form_class(data, files, initial=_initial(name, request), prefix=name, **kwargs)


def _deadline(request: InformationRequest) -> Any:
    if request.clock_started_at is None or request.notice_due_on is None:
        return None
    calendar = calendars_for_offices([request.office_id])[request.office_id]
    spec = rule_spec(request.rule_set, DeadlineStep.REQUEST_NOTICE)
    return deadline_explain(calendar, request.clock_started_at, spec, office_label=request.office.name)


def _render_detail(
    http: HttpRequest, request: InformationRequest, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    user = http.user
    action_forms = [(name, step.title, form) for name, step, form in step_forms(PAGE, user, request, bound)]
    personal = selectors.shows_personal_data(user, request)
    attachments = [a for a in request.attachments.all() if personal or a.kind not in PERSONAL_ATTACHMENTS]
    context = {
        "req": request,
        "personal": personal,
        "attachments": attachments,
        "assignments": request.assignments.select_related("work_unit"),
        "forwarded_from": request.forwarded_from.select_related("office"),
        "notice": getattr(request, "notice", None),
        "delivery": getattr(request, "delivery", None),
        "deadline": _deadline(request),
        "events": request_timeline(request).select_related("actor", "office"),
        "forms": action_forms,
        "can_print_receipt": personal,
    }
    return render(http, "requests/staff/detail.html", context)


@login_required
def request_detail(http: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(http, get_request_for(http.user, pk))


@login_required
@require_POST
def request_action(http: HttpRequest, pk: int, name: str) -> HttpResponse:
    """POST one action: 403 without the right, errors re-render with the input kept, then back to the request."""
    return run_step(http, get_request_for(http.user, pk), name, PAGE)


PAGE = StepPage(
    steps=ACTIONS,
    make_form=_make_form,
    render=_render_detail,
    reload=get_request_for,
    detail_url="requests_staff:detail",
    allows=lambda transition, request: request.status in allowed_from(transition),
    state_errors=(services.RequestStateError,),
)


@login_required
def desk_intake(http: HttpRequest) -> HttpResponse:
    """A request received at the desk, by phone, letter or e-mail; registered and numbered at once."""
    offices = Office.objects.filter(offices_where(http.user, "request:register")).order_by("path")
    if not offices:
        raise PermissionDenied
    if http.method == "POST":
        form = f.DeskIntakeForm(http.POST, http.FILES, offices=offices)
        if form.is_valid():
            try:
                created = services.request_submit(
                    office=form.cleaned_data["office"],
                    data=form.intake_data(),
                    channel=form.cleaned_data["channel"],
                    actor=http.user,
                    received_at=form.received_moment(),
                    submission_key=f"desk:{form.cleaned_data['submission_key']}",
                )
            except ValidationError as exc:
                errors_onto_form(form, exc)
            else:
                messages.success(http, _("Request registered as %(number)s.") % {"number": created.registration_number})
                return redirect("requests_staff:detail", pk=created.pk)
    else:
        first = offices[0]
        form = f.DeskIntakeForm(
            offices=offices,
            initial={"office": first, "received_at": f.office_now_local(first), "submission_key": uuid.uuid4().hex},
        )
    return render(http, "requests/staff/intake.html", {"form": form, "offices": offices})


def _pdf_response(result: Any, filename: str) -> HttpResponse:
    response = result if isinstance(result, HttpResponse) else HttpResponse(result, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response


def _file_slug(request: InformationRequest) -> str:
    return request.registration_number.replace("/", "-")


@login_required
def receipt_pdf(http: HttpRequest, pk: int) -> HttpResponse:
    """The tanda bukti (Pasal 22 ayat (4)): it carries the requester's details, so own-office staff only."""
    from ppid.requests.pdf import receipt_pdf as build  # written alongside; imported when first used

    request = get_request_for(http.user, pk)
    if not selectors.shows_personal_data(http.user, request):
        raise PermissionDenied
    return _pdf_response(build(request), f"tanda-bukti-{_file_slug(request)}")


@login_required
def notice_pdf(http: HttpRequest, pk: int) -> HttpResponse:
    from ppid.requests.pdf import notice_pdf as build  # written alongside; imported when first used

    request = get_request_for(http.user, pk)
    notice = getattr(request, "notice", None)
    if notice is None:
        raise Http404
    return _pdf_response(build(notice), f"pemberitahuan-{_file_slug(request)}")


@login_required
def attachment_download(http: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    request = get_request_for(http.user, pk)
    attachment = get_object_or_404(RequestAttachment, pk=attachment_pk, request=request)
    if attachment.kind in PERSONAL_ATTACHMENTS and not selectors.shows_personal_data(http.user, request):
        raise PermissionDenied
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


@login_required
def worklist(http: HttpRequest) -> HttpResponse:
    """The officer's requests, most urgent first, coloured by urgency."""
    if not selectors.has_worklist(http.user):
        raise PermissionDenied
    offices = selectors.register_offices(http.user).order_by("path")
    form = f.WorklistFilterForm(http.GET or None, offices=offices)
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"status": data["status"], "office": data["office"], "overdue_only": data["overdue"]}
    rows = selectors.worklist_for(http.user, **filters)
    page = Paginator(rows, WORKLIST_PER_PAGE).get_page(http.GET.get("page"))
    query = http.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": selectors.with_urgency(page.object_list),
        "query": query.urlencode(),
        "many_offices": len(offices) > 1,
        "can_register": can_anywhere(http.user, "request:register"),
    }
    return render(http, "requests/staff/worklist.html", context)


def _register_filtered(http: HttpRequest) -> tuple[f.RegisterFilterForm, Any]:
    offices = selectors.register_offices(http.user).order_by("path")
    if not offices:
        raise PermissionDenied
    form = f.RegisterFilterForm(http.GET or None, offices=offices)
    kwargs: dict[str, Any] = {}
    if form.is_valid():
        d = form.cleaned_data
        kwargs = {"date_from": d["date_from"], "date_to": d["date_to"], "office": d["office"]}
        kwargs["include_descendants"] = d["descendants"]
        kwargs.update(state=d["state"], outcome=d["outcome"])
    return form, selectors.register_rows(http.user, **kwargs)


@login_required
def register(http: HttpRequest) -> HttpResponse:
    """The request register (buku register permohonan) of the offices the user may read."""
    form, rows = _register_filtered(http)
    page = Paginator(rows, REGISTER_PER_PAGE).get_page(http.GET.get("page"))
    entries = list(page.object_list)
    calendars = calendars_for_offices({row.office_id for row in entries}) if entries else {}
    personal = selectors.personal_data_offices(http.user)
    for row in entries:
        row.days_taken = selectors.days_taken(row, calendars[row.office_id])
        row.show_personal = row.office_id in personal
    query = http.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "entries": entries,
        "summary": selectors.register_summary(rows),
        "query": query.urlencode(),
    }
    return render(http, "requests/staff/register.html", context)


@login_required
def register_export(http: HttpRequest, fmt: str) -> HttpResponseBase:
    _form, rows = _register_filtered(http)
    filename = "register-permohonan"
    if fmt == "csv":
        return register_csv_response(rows, http.user, filename)
    return register_xlsx_response(rows, http.user, filename)
