"""Staff pages of directions (seed a.1, b.1), mounted at /staf/arahan/: the issuer's list with
per-addressee status, the PPID's inbox with overdue marked, issuing, and each step.

Views never write status: each step calls its one service function (STYLE.md §2).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ppid.accounts.permissions import can, can_anywhere, offices_where
from ppid.core.steps import errors_onto_form
from ppid.events.models import Event
from ppid.guidance import forms as f
from ppid.guidance import services
from ppid.guidance.models import Direction, DirectionAddressee, DirectionReport
from ppid.guidance.selectors import inbox, is_issuer_viewer, issued_visible, overdue_q, with_counts
from ppid.guidance.workflow import DIRECTION_TRANSITIONS, ISSUE_PERMISSION
from ppid.offices.models import Office

PER_PAGE = 25
ADDRESSEES_PER_PAGE = 50
ROLE_PERMISSIONS = ("guidance:issue", "direction:issue", "direction:respond")


def _issuing_offices(user: Any) -> QuerySet[Office]:
    condition = Q(pk__in=[])
    for permission in ISSUE_PERMISSION.values():
        condition |= offices_where(user, permission)
    return Office.objects.filter(condition).order_by("path")


def _targets(offices: QuerySet[Office]) -> QuerySet[Office]:
    condition = Q(pk__in=offices.values("pk"))
    for office in offices:
        condition |= Q(path__startswith=f"{office.path}/")
    return Office.objects.filter(condition).order_by("path")


def get_direction_for(user: Any, pk: int) -> tuple[Direction, bool]:
    """The direction and whether `user` sees it as its issuer; 404 when neither issuer nor addressee."""
    direction = get_object_or_404(Direction.objects.select_related("office", "issuer"), pk=pk)
    issuer = is_issuer_viewer(user, direction)
    if not issuer and not inbox(user).filter(direction=direction).exists():
        raise Http404
    return direction, issuer


@login_required
def direction_list(http: HttpRequest) -> HttpResponse:
    if not any(can_anywhere(http.user, permission) for permission in ROLE_PERMISSIONS):
        raise PermissionDenied
    today = timezone.localdate()
    overdue_only = http.GET.get("overdue") == "on"
    issued = with_counts(issued_visible(http.user), today).select_related("office").order_by("-created_at", "-id")
    received = inbox(http.user).select_related("direction__office", "office").order_by("direction__due_on", "id")
    if overdue_only:
        issued = issued.filter(overdue__gt=0)  # type: ignore[misc]  # the annotation of with_counts
        received = received.filter(overdue_q(today))
    context = {
        "issued": Paginator(issued, PER_PAGE).get_page(http.GET.get("page")),
        "received": Paginator(received, PER_PAGE).get_page(http.GET.get("inbox")),
        "today": today,
        "overdue_only": overdue_only,
        "can_issue": _issuing_offices(http.user).exists(),
    }
    return render(http, "guidance/direction_list.html", context)


@login_required
def direction_new(http: HttpRequest) -> HttpResponse:
    offices = _issuing_offices(http.user)
    if not offices:
        raise PermissionDenied
    form = f.DirectionForm(http.POST or None, offices=offices, targets=_targets(offices))
    if http.method == "POST" and form.is_valid():
        try:
            direction = services.direction_issue(
                office=form.cleaned_data["office"], actor=http.user, data=form.data_for_service()
            )
        except ValidationError as exc:
            errors_onto_form(form, exc)
        except PermissionDenied as exc:
            form.add_error("office", str(exc))
        else:
            messages.success(http, _("The direction has been issued."))
            return redirect("guidance:direction_detail", pk=direction.pk)
    return render(http, "guidance/direction_new.html", {"form": form})


def _render_detail(
    http: HttpRequest, direction: Direction, issuer: bool, bound: dict[str, Form] | None = None
) -> HttpResponse:
    user = http.user
    today = timezone.localdate()
    events = Event.objects.for_objects([direction]).select_related("actor", "office")
    filters = f.AddresseeFilterForm(http.GET or None)
    if issuer:
        rows = direction.addressees.all()
        if filters.is_valid():
            if filters.cleaned_data["status"]:
                rows = rows.filter(status=filters.cleaned_data["status"])
            if filters.cleaned_data["overdue"]:
                rows = rows.filter(overdue_q(today))
    else:
        rows = inbox(user).filter(direction=direction)
        # The PPID follows its own office's steps, and what the issuer did for everyone.
        events = events.filter(Q(office__in=rows.values("office")) | Q(office=direction.office))
    rows = rows.select_related("office", "acknowledged_by", "closed_by").prefetch_related("reports")
    page = Paginator(rows.order_by("office__path"), ADDRESSEES_PER_PAGE).get_page(http.GET.get("page"))
    bound = bound or {}
    # Each row carries its own forms; a form that failed keeps what was typed and its errors.
    addressees = list(page.object_list)
    for row in addressees:
        row.report_form = bound.get(f"report-{row.pk}") or f.ReportForm()  # type: ignore[attr-defined]
        row.close_form = bound.get(f"close-{row.pk}") or f.CloseForm()  # type: ignore[attr-defined]
        row.step_errors = [  # type: ignore[attr-defined]
            error for key in (f"acknowledge-{row.pk}",) if key in bound for error in bound[key].non_field_errors()
        ]
    query = http.GET.copy()
    query.pop("page", None)
    context = {
        "direction": direction,
        "addressees": addressees,
        "issuer": issuer,
        "page": page,
        "query": query.urlencode(),
        "filters": filters,
        "today": today,
        "events": events,
        "close_all_form": bound.get("close-all") or f.CloseForm(),
        "open_statuses": [str(s) for s in DIRECTION_TRANSITIONS["direction_close"]],
    }
    return render(http, "guidance/direction_detail.html", context)


@login_required
def direction_detail(http: HttpRequest, pk: int) -> HttpResponse:
    direction, issuer = get_direction_for(http.user, pk)
    return _render_detail(http, direction, issuer)


def _perform(
    http: HttpRequest, name: str, direction: Direction, addressee: DirectionAddressee | None, form: Form
) -> None:
    if name == "acknowledge":
        assert addressee is not None
        services.direction_acknowledge(addressee=addressee, actor=http.user)
    elif name == "report":
        assert addressee is not None
        services.direction_report(
            addressee=addressee,
            actor=http.user,
            text=form.cleaned_data["text"],
            document=form.cleaned_data["document"],
        )
    else:
        services.direction_close(
            direction=direction, actor=http.user, note=form.cleaned_data["note"], addressee=addressee
        )


# The Indonesian URL slug of each step.
STEPS = {"terima": "acknowledge", "laporan": "report", "tutup": "close"}


@login_required
@require_POST
def direction_action(http: HttpRequest, pk: int, name: str, addressee_pk: int | None = None) -> HttpResponse:
    """POST one step: 404 unless the direction is visible, 403 without the right, errors re-render."""
    direction, issuer = get_direction_for(http.user, pk)
    name = STEPS.get(name, "")
    addressee = None
    if addressee_pk is not None:
        visible = direction.addressees.all() if issuer else inbox(http.user).filter(direction=direction)
        addressee = get_object_or_404(visible.select_related("office", "direction__office"), pk=addressee_pk)
    if name == "close":
        if not issuer:
            raise PermissionDenied
        form: Form = f.CloseForm(http.POST)
    elif name in ("acknowledge", "report") and addressee is not None:
        if not can(http.user, "direction:respond", addressee.office):
            raise PermissionDenied
        form = f.ReportForm(http.POST, http.FILES) if name == "report" else Form(http.POST)
    else:
        raise Http404
    if form.is_valid():
        try:
            _perform(http, name, direction, addressee, form)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except services.DirectionStateError as exc:
            messages.error(http, str(exc))
            return redirect("guidance:direction_detail", pk=pk)
        else:
            messages.success(http, _("Saved."))
            return redirect("guidance:direction_detail", pk=pk)
    key = f"{name}-{addressee.pk if addressee else 'all'}"
    return _render_detail(http, direction, issuer, {key: form})


@login_required
def report_document(http: HttpRequest, pk: int) -> FileResponse:
    report = get_object_or_404(DirectionReport.objects.select_related("addressee__direction__office"), pk=pk)
    _direction, issuer = get_direction_for(http.user, report.addressee.direction_id)
    if not report.document or not (issuer or inbox(http.user).filter(pk=report.addressee_id).exists()):
        raise Http404
    return FileResponse(
        report.document.open("rb"), as_attachment=True, filename=str(report.document.name).rsplit("/", 1)[-1]
    )
