"""Public pages: the online request form, its receipt, tracking, and the requester's own actions.

Views never write status: they call ppid.requests.services. Nothing here shows personal data
(NIK, address, KTP, telephone, e-mail, not even the requester's name) except the submitter's
own receipt PDF, which only the submitting session, the owner and staff may fetch.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ppid.accounts.models import AccountKind
from ppid.accounts.permissions import TrackingVisitor, can
from ppid.core.steps import errors_onto_form
from ppid.disputes.models import Dispute
from ppid.disputes.services import common as dispute_events
from ppid.events.models import Event, EventQuerySet
from ppid.events.registry import label_for
from ppid.objections.forms_public import may_file
from ppid.objections.models import Objection
from ppid.objections.services import common as objection_events
from ppid.requests import selectors
from ppid.requests.forms_public import CompleteForm, OfficeChoiceForm, RequestForm, TrackForm, WithdrawForm
from ppid.requests.models import Channel, InformationRequest
from ppid.requests.services import (
    RequestStateError,
    orders,
    request_complete,
    request_confirm_receipt,
    request_submit,
    request_withdraw,
)
from ppid.requests.services import common as events
from ppid.requests.timeline import request_timeline
from ppid.requests.workflow import FINAL_STATUSES, Outcome, Status, allowed_from
from ppid.workdays.explain import DeadlineExplanation, deadline_explain
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import calendar_for_office, rule_spec

SESSION_SUBMITTED = "ppid_submitted_requests"  # requests this browser submitted: receipt and its PDF
SESSION_TRACKED = "ppid_tracked_requests"  # requests this browser proved with the second factor

# Only these events reach the public timeline: what happened, when and where, never by whom or notes.
PUBLIC_EVENT_TYPES = frozenset(
    {
        events.REQUEST_SUBMITTED,
        events.REQUEST_MARKED_INCOMPLETE,
        events.REQUEST_COMPLETED,
        events.REQUEST_LAPSED,
        events.REQUEST_ASSIGNED,
        events.REQUEST_EXTENDED,
        events.REQUEST_DECIDED,
        events.REQUEST_FORWARDED,
        events.REQUEST_RECEIVED_BY_FORWARD,
        events.REQUEST_DELIVERED,
        events.REQUEST_RECEIPT_CONFIRMED,
        events.REQUEST_WITHDRAWN,
        orders.REQUEST_REOPENED,
        orders.REQUEST_ORDER_FULFILLED,
        # The objection and dispute on the request: its milestones, not reminders or internal steps.
        objection_events.OBJECTION_FILED,
        objection_events.OBJECTION_FILED_LATE,
        objection_events.OBJECTION_ADMITTED,
        objection_events.OBJECTION_NOT_ADMITTED,
        objection_events.OBJECTION_SETTLEMENT_PROPOSED,
        objection_events.OBJECTION_SETTLED,
        objection_events.OBJECTION_SETTLEMENT_REJECTED,
        objection_events.OBJECTION_UPHELD,
        objection_events.OBJECTION_GRANTED,
        objection_events.OBJECTION_ORDER_FULFILLED,
        objection_events.OBJECTION_REACTION,
        dispute_events.DISPUTE_RECORDED,
        dispute_events.DISPUTE_REPORTED,
        dispute_events.DISPUTE_REGISTERED,
        dispute_events.DISPUTE_SESSION,
        dispute_events.DISPUTE_MEDIATION_AGREED,
        dispute_events.DISPUTE_MEDIATION_FAILED,
        dispute_events.DISPUTE_RULING,
        dispute_events.DISPUTE_APPEALED,
        dispute_events.DISPUTE_CLOSED,
    }
)


# --- session and access ---------------------------------------------------------------------


def _session_ids(request: HttpRequest, key: str) -> set[int]:
    return {int(pk) for pk in request.session.get(key, [])}


def _remember(request: HttpRequest, key: str, pk: int) -> None:
    request.session[key] = sorted(_session_ids(request, key) | {pk})


def _fetch(pk: int) -> InformationRequest:
    queryset = InformationRequest.objects.select_related("office", "requester", "rule_set", "forwarded_to__office")
    try:
        return queryset.get(pk=pk)
    except InformationRequest.DoesNotExist:
        raise Http404 from None


def _get_request_or_404(request: HttpRequest, pk: int, session_key: str) -> InformationRequest:
    """The request if this browser holds it under `session_key` or the user may view it; else 404."""
    obj = _fetch(pk)
    if obj.pk in _session_ids(request, session_key) or can(request.user, "request:view", obj):
        return obj
    raise Http404


def _actor(request: HttpRequest, obj: InformationRequest) -> Any:
    """Who acts on `obj` from the tracking page: the owner's account, or the verified visitor."""
    user = request.user
    if user.is_authenticated and obj.owner_user_id == user.pk:
        return user
    tracked = _session_ids(request, SESSION_TRACKED)
    if obj.pk in tracked:
        return TrackingVisitor(request_ids=frozenset(tracked))
    return user


# --- deadline and timeline, public-safe -----------------------------------------------------


def _deadline_explanation(obj: InformationRequest) -> DeadlineExplanation | None:
    """How `notice_due_on` was counted: from the moment the clock started, under the request's rule set."""
    if obj.clock_started_at is None or obj.notice_due_on is None:
        return None
    spec = rule_spec(obj.rule_set, DeadlineStep.REQUEST_NOTICE)
    return deadline_explain(calendar_for_office(obj.office), obj.clock_started_at, spec, office_label=obj.office.name)


def _local(moment: datetime.datetime, zone: Any) -> datetime.datetime:
    # Naive office-local time: templates would otherwise convert it back to the server's zone.
    return timezone.localtime(moment, zone).replace(tzinfo=None)


@dataclass(frozen=True)
class PublicEvent:
    label: str
    at: datetime.datetime
    office_name: str


def public_timeline(obj: InformationRequest, related: list[Model] | None = None) -> list[PublicEvent]:
    """The request's events, with its objections' and disputes', as the public may see them.

    `related` are the records of the request's story the caller has already loaded (the tracking
    page has its objections and disputes at hand), which saves the timeline sources' queries."""
    events = request_timeline(obj) if related is None else Event.objects.for_objects([obj, *related])
    return public_events(events, obj.office.zoneinfo)


def public_events_of(objs: list[Model], zone: ZoneInfo) -> list[PublicEvent]:
    """The events of `objs` (e.g. an objection and its disputes) as the public may see them."""
    return public_events(Event.objects.for_objects(objs), zone)


def public_events(events_qs: EventQuerySet, zone: ZoneInfo) -> list[PublicEvent]:
    """Label, time and office only (whitelist): never who did it, notes or values."""
    rows = events_qs.filter(event_type__in=PUBLIC_EVENT_TYPES).select_related("office").order_by("created_at", "id")
    return [
        PublicEvent(
            label=str(label_for(row.event_type)),
            at=_local(row.created_at, zone),
            office_name=row.office.name if row.office else "",
        )
        for row in rows
    ]


@dataclass(frozen=True)
class PublicRequest:
    """What the tracking page may show about a request: nothing that identifies the requester."""

    pk: int
    registration_number: str
    office_name: str
    received_at: datetime.datetime
    time_zone: str
    status: str
    status_label: str
    outcome_label: str
    due_on: datetime.date | None
    explanation: list[str]
    ordered_due_on: datetime.date | None
    extended_due_on: datetime.date | None
    extension_reason: str
    missing_requirements: str
    completion_due_on: datetime.date | None
    forwarded_to_number: str
    forwarded_to_office: str
    timeline: list[PublicEvent]


def public_request(obj: InformationRequest, related: list[Model] | None = None) -> PublicRequest:
    # A request that has ended has no deadline running any more: show none rather than a stale one.
    # A reopened one runs to the Atasan PPID's date (Pasal 36 UU KIP), shown apart from the notice's.
    reopened = obj.status == Status.REOPENED
    running = obj.status not in FINAL_STATUSES and not reopened
    explanation = _deadline_explanation(obj) if running else None
    forwarded = obj.forwarded_to
    return PublicRequest(
        pk=obj.pk,
        registration_number=obj.registration_number,
        office_name=obj.office.name,
        received_at=_local(obj.received_at, obj.office.zoneinfo),
        time_zone=obj.office.time_zone,
        status=obj.status,
        status_label=str(Status(obj.status).label),
        outcome_label=str(Outcome(obj.outcome).label) if obj.outcome else "",
        due_on=obj.due_on if running else None,
        explanation=explanation.lines() if explanation else [],
        ordered_due_on=obj.ordered_due_on if reopened else None,
        extended_due_on=obj.extended_due_on,
        extension_reason=obj.extension_reason,
        missing_requirements=obj.missing_requirements if obj.status == Status.INCOMPLETE else "",
        completion_due_on=obj.completion_due_on if obj.status == Status.INCOMPLETE else None,
        forwarded_to_number=forwarded.registration_number if forwarded else "",
        forwarded_to_office=forwarded.office.name if forwarded else "",
        timeline=public_timeline(obj, related),
    )


# --- the online request ----------------------------------------------------------------------


def _requester_account(request: HttpRequest) -> Any:
    """A logged-in requester owns what they submit; staff asking for themselves do so anonymously."""
    user = request.user
    if user.is_authenticated and getattr(user, "kind", "") == AccountKind.REQUESTER:
        return user
    return None


@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:
    chooser = OfficeChoiceForm(request.GET if "kantor" in request.GET else None)
    if not chooser.is_valid():
        return render(request, "requests/public/choose_office.html", {"chooser": chooser})
    office = chooser.cleaned_data["kantor"]
    account = _requester_account(request)
    if request.method == "POST":
        form = RequestForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                obj = request_submit(
                    office=office,
                    data=form.to_intake(),
                    channel=Channel.ONLINE,
                    actor=account,
                    submission_key=form.cleaned_data["submission_key"],
                )
            except ValidationError as exc:
                errors_onto_form(form, exc)
                form.describe_errors()
            else:
                _remember(request, SESSION_SUBMITTED, obj.pk)
                _remember(request, SESSION_TRACKED, obj.pk)
                return redirect("requests_public:receipt", pk=obj.pk)
    else:
        initial = {}
        if account is not None:
            initial = {"name": account.full_name, "email": account.email, "phone": account.phone}
        form = RequestForm(initial=initial)
    return render(request, "requests/public/request_form.html", {"form": form, "office": office})


def request_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _get_request_or_404(request, pk, SESSION_SUBMITTED)
    return render(request, "requests/public/receipt.html", {"item": public_request(obj)})


def request_receipt_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _get_request_or_404(request, pk, SESSION_SUBMITTED)
    # Imported here: reportlab is loaded only when someone asks for a letter.
    from ppid.requests.pdf import receipt_pdf

    response = HttpResponse(receipt_pdf(obj), content_type="application/pdf")
    filename = "tanda-bukti-" + obj.registration_number.replace("/", "-") + ".pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- tracking ----------------------------------------------------------------------------------


def _client_address(request: HttpRequest) -> str:
    # REMOTE_ADDR only: a forwarded-for header is whatever the client wants it to be.
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def _too_many_attempts(request: HttpRequest) -> bool:
    key = f"ppid:track-attempts:{_client_address(request)}"
    cache.add(key, 0, settings.TRACK_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, settings.TRACK_WINDOW_SECONDS)
        count = 1
    return count > settings.TRACK_ATTEMPTS


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = TrackForm(initial={"number": request.GET.get("nomor", "")})
        return render(request, "requests/public/track.html", {"form": form})
    form = TrackForm(request.POST)
    if _too_many_attempts(request):
        form.is_valid()
        form.add_error(
            None, _("Too many attempts from your connection. Wait 10 minutes and try again, or contact the office.")
        )
        return render(request, "requests/public/track.html", {"form": form}, status=429)
    if form.is_valid():
        obj = selectors.find_tracked_request(form.cleaned_data["number"], form.cleaned_data["factor"])
        if obj is not None:
            _remember(request, SESSION_TRACKED, obj.pk)
            return redirect("requests_public:track_detail", pk=obj.pk)
        form.add_error(
            None,
            _(
                "We found no request with this registration number and this e-mail or telephone digits. "
                "Check both and try again."
            ),
        )
    return render(request, "requests/public/track.html", {"form": form})


def _objections_and_disputes(obj: InformationRequest) -> tuple[list[Objection], list[Dispute]]:
    """The request's objections, and their disputes only when there are objections (one query each)."""
    objections = list(obj.objections.select_related("office"))
    disputes = list(Dispute.objects.filter(request=obj).select_related("office")) if objections else []
    return objections, disputes


def _detail_context(request: HttpRequest, obj: InformationRequest, **forms: Any) -> dict[str, Any]:
    actor = _actor(request, obj)
    status = Status(obj.status)
    objections, disputes = _objections_and_disputes(obj)
    return {
        "item": public_request(obj, [*objections, *disputes]),
        "may_complete": status in allowed_from("request_complete") and can(actor, "request:complete", obj),
        "may_withdraw": status in allowed_from("request_withdraw") and can(actor, "request:withdraw", obj),
        "may_confirm": status in allowed_from("request_confirm_receipt") and can(actor, "request:confirm_receipt", obj),
        "complete_form": forms.get("complete_form", CompleteForm()),
        # Objections on the request (no personal data on them here: number, grounds, status, dates).
        "objections": [o for o in objections if can(actor, "objection:view", o)],
        "may_object": may_file(obj, actor, objections),
    }


def track_detail(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _get_request_or_404(request, pk, SESSION_TRACKED)
    return render(request, "requests/public/track_detail.html", _detail_context(request, obj))


@require_POST
def track_complete(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _get_request_or_404(request, pk, SESSION_TRACKED)
    form = CompleteForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            request_complete(
                request=obj,
                actor=_actor(request, obj),
                note=form.cleaned_data["note"],
                attachments=form.new_attachments(),
            )
        except ValidationError as exc:
            errors_onto_form(form, exc)
            form.describe_errors()
        except RequestStateError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Thank you. Your request is complete and the response period starts today."))
            return redirect("requests_public:track_detail", pk=obj.pk)
    obj.refresh_from_db()
    context = _detail_context(request, obj, complete_form=form)
    return render(request, "requests/public/track_detail.html", context)


@require_http_methods(["GET", "POST"])
def track_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _get_request_or_404(request, pk, SESSION_TRACKED)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            request_withdraw(request=obj, actor=_actor(request, obj), reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            errors_onto_form(form, exc)
            form.describe_errors()
        except RequestStateError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your request has been withdrawn."))
            return redirect("requests_public:track_detail", pk=obj.pk)
    item = public_request(obj)
    return render(request, "requests/public/withdraw.html", {"item": item, "form": form})


@require_POST
def track_confirm_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    obj = _get_request_or_404(request, pk, SESSION_TRACKED)
    try:
        request_confirm_receipt(request=obj, actor=_actor(request, obj))
    except RequestStateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Thank you for confirming that you received the information."))
    return redirect(reverse("requests_public:track_detail", kwargs={"pk": obj.pk}))
