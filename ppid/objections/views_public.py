"""The requester's objection pages, reached from the tracking page (mounted at /lacak/keberatan/).

Who may act is decided as on the tracking page (ppid.requests.views_public): the owner's account,
or a visitor who proved the request with its registration number and a second factor
(TrackingVisitor). Views never write status: they call ppid.objections.services and
ppid.disputes.services. Nothing here shows the requester's personal data; the two letters
addressed to the requester (receipt, answer) are served to the requester only, and to staff who
may see personal data on the request.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ppid.accounts.permissions import TrackingVisitor, can
from ppid.core.steps import errors_onto_form
from ppid.disputes.models import Dispute
from ppid.disputes.services import DisputeData, DisputeStateError, dispute_report
from ppid.disputes.services.filing import default_commission
from ppid.disputes.workflow import Stage
from ppid.events.models import Event
from ppid.objections.forms_public import (
    DisputeReportForm,
    ObjectionForm,
    ReactionForm,
    SettlementForm,
    dispute_window,
    filing_blocked,
    filing_rule,
    ground_options,
    office_today,
)
from ppid.objections.models import Objection
from ppid.objections.services import (
    ObjectionData,
    ObjectionStateError,
    objection_confirm_settlement,
    objection_file,
    objection_record_reaction,
    objection_reject_settlement,
)
from ppid.objections.services.common import OBJECTION_FILED, OBJECTION_FILED_LATE
from ppid.objections.workflow import PENDING_STATUSES, Reaction, Status, allowed_from
from ppid.requests.models import Channel, InformationRequest
from ppid.requests.views_public import (
    SESSION_TRACKED,
    _actor,
    _get_request_or_404,
    _local,
    public_events_of,
)
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import rule_spec

# --- access -------------------------------------------------------------------------------------


def _fetch(pk: int) -> Objection:
    queryset = Objection.objects.select_related(
        "office", "request", "request__office", "request__requester", "rule_set"
    )
    try:
        return queryset.get(pk=pk)
    except Objection.DoesNotExist:
        raise Http404 from None


def _get_objection_or_404(request: HttpRequest, pk: int) -> tuple[Objection, Any]:
    """The objection and who acts on it, if that actor may see it; else 404 (never reveal it exists)."""
    objection = _fetch(pk)
    actor = _actor(request, objection.request)
    if not can(actor, "objection:view", objection):
        raise Http404
    return objection, actor


def _is_requester(actor: Any, objection: Objection) -> bool:
    if isinstance(actor, TrackingVisitor):
        return objection.tracking_request_id in actor.request_ids
    return bool(actor.is_authenticated and objection.owner_user_id == actor.pk)


def _may_have_letters(request: HttpRequest, actor: Any, objection: Objection) -> bool:
    """The receipt and the answer name the requester: theirs, and staff's who may see personal data."""
    return _is_requester(actor, objection) or can(request.user, "request:view_personal", objection.request)


# --- what the detail page shows -----------------------------------------------------------------


def _filing_basis(objection: Objection) -> str:
    """What the ground's date is, in words, as objection_file recorded it on the filing event."""
    event = (
        Event.objects.for_object(objection)
        .filter(event_type__in=[OBJECTION_FILED, OBJECTION_FILED_LATE])
        .only("payload")
        .first()
    )
    return str(event.payload.get("basis", "")) if event is not None else ""


def _open_dispute(objection: Objection) -> Dispute | None:
    return objection.disputes.exclude(stage=Stage.CLOSED).first()


def _may_report(actor: Any, objection: Objection) -> bool:
    return can(actor, "dispute:report", objection)


def _detail_context(request: HttpRequest, objection: Objection, actor: Any, **forms: Any) -> dict[str, Any]:
    zone = objection.office.zoneinfo
    today = office_today(objection.request)
    status = Status(objection.status)
    disputes = [d for d in objection.disputes.select_related("office") if can(actor, "dispute:view", d)]
    may_report = _may_report(actor, objection) and not any(d.stage != Stage.CLOSED for d in disputes)
    window = dispute_window(objection, today)[0] if may_report else None
    answer_rule = rule_spec(objection.rule_set, DeadlineStep.OBJECTION_ANSWER)
    return {
        "objection": objection,
        "request_number": objection.request.registration_number,
        "request_pk": objection.request_id,
        "time_zone": objection.office.time_zone,
        "received_at": _local(objection.received_at, zone),
        "decided_at": _local(objection.decided_at, zone) if objection.decided_at else None,
        "settled_at": _local(objection.settlement_confirmed_at, zone) if objection.settlement_confirmed_at else None,
        "fulfilled_at": _local(objection.order_fulfilled_at, zone) if objection.order_fulfilled_at else None,
        "awaiting_admission": status == Status.AWAITING_ADMISSION,
        "filing_basis": _filing_basis(objection),
        "answer_pending": status in PENDING_STATUSES,
        "answer_rule": answer_rule,
        "may_settle": status in allowed_from("objection_confirm_settlement")
        and can(actor, "objection:confirm_settlement", objection),
        "settlement_form": forms.get("settlement_form") or SettlementForm(),
        "may_react": status in allowed_from("objection_record_reaction") and can(actor, "objection:react", objection),
        "disputes": disputes,
        "may_report": may_report and window is not None,
        "dispute_window": window,
        "may_download": _may_have_letters(request, actor, objection),
        "timeline": public_events_of([objection, *disputes], zone),
    }


# --- filing -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def objection_new(request: HttpRequest, request_pk: int) -> HttpResponse:
    """Pasal 35-36 UU 14/2008: the requester files an objection online on one or more grounds a-g."""
    obj = _get_request_or_404(request, request_pk, SESSION_TRACKED)
    actor = _actor(request, obj)
    if not can(actor, "objection:file", obj):
        raise PermissionDenied(_("Only the requester may file an objection online."))
    if request.method == "POST":
        form = ObjectionForm(request.POST)
        if form.is_valid():
            try:
                objection = objection_file(
                    request=obj,
                    data=ObjectionData(grounds=form.cleaned_data["grounds"], reasons=form.cleaned_data["reasons"]),
                    actor=actor,
                    channel=Channel.ONLINE,
                    submission_key=form.cleaned_data["submission_key"],
                )
            except ValidationError as exc:
                errors_onto_form(form, exc)
                form.describe_errors()
            else:
                messages.success(
                    request,
                    _("Your objection has been registered as number %(number)s.")
                    % {"number": objection.objection_number},
                )
                return redirect("objections_public:detail", pk=objection.pk)
    else:
        blocked = filing_blocked(obj)
        if blocked:
            messages.info(request, blocked)
            return redirect("requests_public:track_detail", pk=obj.pk)
        form = ObjectionForm()
    return render(request, "objections/public/new.html", _new_context(obj, form))


def _new_context(obj: InformationRequest, form: ObjectionForm) -> dict[str, Any]:
    options = ground_options(obj, office_today(obj))
    chosen = set(form["grounds"].value() or [])
    return {
        "request_number": obj.registration_number,
        "request_pk": obj.pk,
        "office_name": obj.office.name,
        "form": form,
        "options": options,
        "chosen": chosen,
        "any_applies": any(option.applies for option in options),
        "rule": filing_rule(obj),
    }


# --- the objection ------------------------------------------------------------------------------


def objection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    objection, actor = _get_objection_or_404(request, pk)
    return render(request, "objections/public/detail.html", _detail_context(request, objection, actor))


@require_POST
def objection_settlement(request: HttpRequest, pk: int) -> HttpResponse:
    """Pasal 35 ayat (2): the requester confirms the agreement (it closes) or rejects it (the Atasan answers)."""
    objection, actor = _get_objection_or_404(request, pk)
    if not can(actor, "objection:confirm_settlement", objection):
        raise PermissionDenied(_("Only the requester confirms the agreement."))
    form = SettlementForm(request.POST)
    if form.is_valid():
        note = form.cleaned_data["note"]
        try:
            if form.cleaned_data["decision"] == "confirm":
                objection_confirm_settlement(objection=objection, actor=actor, confirmation=note)
                done = _("Thank you. Your objection is settled by agreement.")
            else:
                objection_reject_settlement(objection=objection, actor=actor, note=note)
                done = _("You did not confirm the agreement. The Atasan PPID will answer your objection.")
        except ValidationError as exc:
            errors_onto_form(form, exc)
            form.describe_errors()
        except ObjectionStateError as exc:
            messages.error(request, str(exc))
            return redirect("objections_public:detail", pk=objection.pk)
        else:
            messages.success(request, done)
            return redirect("objections_public:detail", pk=objection.pk)
    context = _detail_context(request, objection, actor, settlement_form=form)
    return render(request, "objections/public/detail.html", context)


@require_http_methods(["GET", "POST"])
def objection_reaction(request: HttpRequest, pk: int) -> HttpResponse:
    """Perki 1/2021 register: the requester's reaction to the answer (accepts, or goes to the Commission)."""
    objection, actor = _get_objection_or_404(request, pk)
    if not can(actor, "objection:react", objection):
        raise PermissionDenied(_("Only the requester records their reaction here."))
    if objection.status not in allowed_from("objection_record_reaction"):
        messages.error(request, _("You can react once the Atasan PPID has answered your objection."))
        return redirect("objections_public:detail", pk=objection.pk)
    initial = {"reaction": objection.reaction, "note": objection.reaction_note} if objection.reaction else None
    form = ReactionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        reaction = form.cleaned_data["reaction"]
        try:
            objection_record_reaction(
                objection=objection, actor=actor, reaction=reaction, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            errors_onto_form(form, exc)
            form.describe_errors()
        except ObjectionStateError as exc:
            messages.error(request, str(exc))
            return redirect("objections_public:detail", pk=objection.pk)
        else:
            messages.success(request, _("Thank you. Your reaction has been recorded."))
            if reaction == Reaction.DISPUTE and _may_report(actor, objection) and _open_dispute(objection) is None:
                return redirect("objections_public:dispute", pk=objection.pk)
            return redirect("objections_public:detail", pk=objection.pk)
    context = {"objection": objection, "request_pk": objection.request_id, "form": form}
    return render(request, "objections/public/reaction.html", context)


@require_http_methods(["GET", "POST"])
def objection_dispute(request: HttpRequest, pk: int) -> HttpResponse:
    """Pasal 37 UU 14/2008: the requester reports the dispute they filed; the legal unit confirms it."""
    objection, actor = _get_objection_or_404(request, pk)
    if not _may_report(actor, objection):
        raise PermissionDenied(_("Only the requester reports a dispute on this objection."))
    open_dispute = _open_dispute(objection)
    if open_dispute is not None:
        messages.info(
            request, _("Dispute %(number)s on this objection is still open.") % {"number": open_dispute.dispute_number}
        )
        return redirect("objections_public:detail", pk=objection.pk)
    today = office_today(objection.request)
    window, reason = dispute_window(objection, today)
    if request.method == "POST":
        form = DisputeReportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                dispute = dispute_report(
                    objection=objection,
                    actor=actor,
                    data=DisputeData(
                        commission=data["commission"],
                        filed_on=data["filed_on"],
                        ki_case_number=data["ki_case_number"],
                        summary=data["summary"],
                    ),
                )
            except ValidationError as exc:
                errors_onto_form(form, exc)
                form.describe_errors()
            except DisputeStateError as exc:
                messages.error(request, str(exc))
                return redirect("objections_public:detail", pk=objection.pk)
            else:
                messages.success(
                    request,
                    _("Thank you. Your report is recorded as dispute %(number)s; the legal unit will confirm it.")
                    % {"number": dispute.dispute_number},
                )
                return redirect("objections_public:detail", pk=objection.pk)
    else:
        form = DisputeReportForm(initial={"commission": default_commission(objection), "filed_on": today})
    context = {
        "objection": objection,
        "request_pk": objection.request_id,
        "form": form,
        "window": window,
        "window_reason": reason,
    }
    return render(request, "objections/public/dispute.html", context)


# --- letters ------------------------------------------------------------------------------------


def _pdf_response(content: bytes, prefix: str, objection: Objection) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    filename = prefix + objection.objection_number.replace("/", "-") + ".pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def objection_letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The Atasan PPID's written answer (Pasal 36 ayat (2)): the stored copy, else rendered now."""
    objection, actor = _get_objection_or_404(request, pk)
    if not _may_have_letters(request, actor, objection):
        raise PermissionDenied(_("Only the requester may download this letter."))
    if objection.decided_at is None:
        raise Http404
    content = b""
    if objection.letter_pdf:
        try:
            with objection.letter_pdf.open("rb") as stored:
                content = stored.read()
        except FileNotFoundError:
            content = b""
    if not content:
        # Imported here: reportlab is loaded only when someone asks for a letter.
        from ppid.objections.pdf import answer_letter_pdf

        content = answer_letter_pdf(objection)
    return _pdf_response(content, "jawaban-keberatan-", objection)


def objection_receipt_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt (tanda terima) of the objection, with its number and the answer's due date."""
    objection, actor = _get_objection_or_404(request, pk)
    if not _may_have_letters(request, actor, objection):
        raise PermissionDenied(_("Only the requester may download this receipt."))
    from ppid.objections.pdf import receipt_pdf

    return _pdf_response(receipt_pdf(objection), "tanda-terima-keberatan-", objection)
