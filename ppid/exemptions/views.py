"""Staff pages of the consequence tests: the list, asking for a test, and the DIK list with its review flags.

The test's own page and its steps are in views_actions. Views never write status: each step calls
its one service function (STYLE.md §2).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.accounts.permissions import can, can_anywhere, filter_visible, offices_where
from ppid.catalogue.models import InformationItem
from ppid.catalogue.workflow import ItemStatus
from ppid.core.steps import errors_onto_form
from ppid.exemptions import forms as f
from ppid.exemptions import services
from ppid.exemptions.models import ConsequenceTest, Exemption
from ppid.exemptions.selectors import may_view_test, visible_exemptions, visible_tests
from ppid.exemptions.workflow import ExemptionStatus, Trigger
from ppid.exemptions.worklist import waiting_for
from ppid.offices.models import Office, OfficeLevel
from ppid.requests.models import InformationRequest

TESTS_PER_PAGE = 25
EXEMPTIONS_PER_PAGE = 50


# --- who sees what ---


def get_test_for(user: Any, pk: int) -> ConsequenceTest:
    """The test if `user` may see it, else 404 (never reveal that it exists)."""
    test = get_object_or_404(
        ConsequenceTest.objects.select_related(
            "office", "origin_office__parent", "forwarded_by", "request__office", "item__office", "created_by"
        ),
        pk=pk,
    )
    if not may_view_test(user, test):
        raise Http404
    return test


def start_offices(user: Any) -> QuerySet[Office]:
    """Offices from which `user` may ask for a test (PKPU 22/2023 Pasal 25; seed d.4; PKPU 4/2025 Pasal 9)."""
    condition = (
        offices_where(user, "consequence_test:request")
        | offices_where(user, "exemption:first_assessment")
        | (offices_where(user, "exemption:screen") & Q(level=OfficeLevel.RI))
    )
    return Office.objects.filter(condition).order_by("path")


# --- the list of tests ---


@login_required
def consequence_test_list(http: HttpRequest) -> HttpResponse:
    if not can_anywhere(http.user, "exemption:view"):
        raise PermissionDenied
    form = f.ConsequenceFilterForm(http.GET or None)
    rows = visible_tests(http.user).select_related("origin_office", "office")
    if form.is_valid():
        if form.cleaned_data["waiting"]:
            rows = rows.filter(pk__in=waiting_for(http.user).values("pk"))
        if form.cleaned_data["status"]:
            rows = rows.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["year"]:
            rows = rows.filter(year=form.cleaned_data["year"])
    page = Paginator(rows, TESTS_PER_PAGE).get_page(http.GET.get("page"))
    query = http.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": page.object_list,
        "query": query.urlencode(),
        "can_start": start_offices(http.user).exists(),
    }
    return render(http, "exemptions/staff/list.html", context)


# --- asking for a test ---


def _start_items(user: Any, offices: QuerySet[Office]) -> QuerySet[InformationItem]:
    items = InformationItem.objects.filter(office__in=offices).exclude(status=ItemStatus.WITHDRAWN)
    return filter_visible(user, "dip:view", items).select_related("office").order_by("office__path", "title")


def _review_information(exemption: Exemption) -> str:
    text = _("Review of the exemption: %(information)s (Keputusan KPU %(number)s)") % {
        "information": exemption.information,
        "number": exemption.decision_number,
    }
    return text[:300]


def _prefill(http: HttpRequest, offices: QuerySet[Office], items: QuerySet[InformationItem]) -> dict[str, Any]:
    """What a link to the form fills in: a DIK entry to review (?dik=), a DIP item (?item=) or a request (?permohonan=)."""
    initial: dict[str, Any] = {"office": offices[0], "trigger": Trigger.BEFORE_REQUEST}
    dik, item, request = (http.GET.get(key, "") for key in ("dik", "item", "permohonan"))
    if dik.isdigit():
        exemption = visible_exemptions(http.user).filter(pk=int(dik)).first()
        if exemption is not None:
            initial["information"] = _review_information(exemption)
            initial["reviews"] = exemption
            closed = items.filter(exemption=exemption).first()
            if closed is not None:
                initial.update(item=closed, office=closed.office)
    if item.isdigit():
        chosen = items.filter(pk=int(item)).first()
        if chosen is not None:
            initial.update(item=chosen, office=chosen.office, information=chosen.title[:300])
    if request.isdigit():
        found = InformationRequest.objects.filter(pk=int(request), office__in=offices).first()
        if found is not None and can(http.user, "request:view", found):
            initial.update(
                office=found.office,
                request_number=found.registration_number,
                trigger=Trigger.ON_REQUEST,
                information=found.information_requested[:300],
            )
    return initial


@login_required
def consequence_test_new(http: HttpRequest) -> HttpResponse:
    """A KPU office asks KPU RI for a test (Pasal 25 ayat (1)-(2)); a liaison team's first assessment starts one."""
    offices = start_offices(http.user)
    if not offices:
        raise PermissionDenied
    items = _start_items(http.user, offices)
    if http.method == "POST":
        form = f.StartForm(http.POST, user=http.user, offices=offices, items=items)
        if form.is_valid():
            try:
                test = services.consequence_test_start(
                    origin=form.cleaned_data["office"], actor=http.user, data=form.start_data()
                )
            except ValidationError as exc:
                errors_onto_form(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc) or _("You may not ask for a consequence test at this office."))
            else:
                messages.success(http, _("Consequence test %(number)s asked for.") % {"number": test.number})
                return redirect("exemptions:detail", pk=test.pk)
    else:
        form = f.StartForm(initial=_prefill(http, offices, items), user=http.user, offices=offices, items=items)
    return render(http, "exemptions/staff/start.html", {"form": form, "offices": offices})


# --- the DIK with its review flags ---


def _today() -> datetime.date:
    # Exemptions are decided and counted at KPU RI, in Jakarta time (WIB).
    return timezone.localdate()


@login_required
def exemption_list(http: HttpRequest) -> HttpResponse:
    """The DIK for staff: in force, ending soon (flagged for review) and ended (Pasal 20 UU 14/2008)."""
    if not can_anywhere(http.user, "exemption:view"):
        raise PermissionDenied
    form = f.ExemptionFilterForm(http.GET or None)
    rows = visible_exemptions(http.user).select_related("office", "test__office", "test__origin_office")
    if form.is_valid():
        if form.cleaned_data["status"]:
            rows = rows.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["review"] == "due":
            rows = rows.filter(
                Q(status=ExemptionStatus.EXPIRED) | Q(status=ExemptionStatus.ACTIVE, review_flagged_at__isnull=False)
            )
    rows = rows.order_by(F("valid_until").asc(nulls_last=True), "-decision_date", "-id")
    page = Paginator(rows, EXEMPTIONS_PER_PAGE).get_page(http.GET.get("page"))
    # The test behind a national exemption may have been asked by another office: link it only if visible.
    entries = [(entry, may_view_test(http.user, entry.test)) for entry in page.object_list]
    query = http.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "entries": entries,
        "query": query.urlencode(),
        "today": _today(),
        "can_start": start_offices(http.user).exists(),
    }
    return render(http, "exemptions/staff/exemptions.html", context)


@login_required
def decision_file(http: HttpRequest, pk: int) -> FileResponse:
    """The Keputusan KPU document of a DIK entry."""
    exemption = get_object_or_404(visible_exemptions(http.user), pk=pk)
    if not exemption.decision_file:
        raise Http404
    name = (exemption.decision_file.name or "").rsplit("/", 1)[-1]
    try:
        return FileResponse(exemption.decision_file.open("rb"), as_attachment=True, filename=name)
    except FileNotFoundError as exc:
        raise Http404 from exc
