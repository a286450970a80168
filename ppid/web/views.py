"""Public portal and staff area pages. Reads only; state changes go through services."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import active_memberships, can_anywhere, filter_visible
from ppid.events.models import Event
from ppid.offices.models import Office, OfficeLevel
from ppid.web.forms import OfficeFilterForm
from ppid.web.worklists import panels_for

OFFICES_PER_PAGE = 25
EVENTS_PER_PAGE = 50


def home(request: HttpRequest) -> HttpResponse:
    counts = dict(Office.objects.filter(is_active=True).values_list("level").annotate(n=Count("id")))
    return render(request, "web/home.html", {"counts": counts, "levels": OfficeLevel})


def office_directory(request: HttpRequest) -> HttpResponse:
    form = OfficeFilterForm(request.GET or None)
    offices = Office.objects.filter(is_active=True).select_related("parent")
    if form.is_valid():
        data = form.cleaned_data
        if data.get("q"):
            offices = offices.filter(Q(name__icontains=data["q"]) | Q(code__startswith=data["q"]))
        if data.get("level"):
            offices = offices.filter(level=data["level"])
        if data.get("province"):
            offices = offices.filter(province_code=data["province"])
    page = Paginator(offices, OFFICES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "total": page.paginator.count}
    template = "web/_office_results.html" if getattr(request, "htmx", False) else "web/office_directory.html"
    return render(request, template, context)


def office_detail(request: HttpRequest, code: str) -> HttpResponse:
    office = get_object_or_404(Office.objects.select_related("parent"), code=code, is_active=True)
    children = office.children.filter(is_active=True)
    units = office.work_units.filter(is_active=True)
    return render(request, "web/office_detail.html", {"office": office, "children": children, "units": units})


class PpidLoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PpidLogoutView(auth_views.LogoutView):
    pass


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    memberships = active_memberships(request.user)
    context = {
        "memberships": memberships,
        "panels": panels_for(request),
        "can_see_audit": can_anywhere(request.user, "audit:view"),
        "registers": _registers(request.user),
    }
    return render(request, "web/staff_home.html", context)


# (url name, label, the permission -- or any of several -- held anywhere that opens it)
REGISTERS: tuple[tuple[str, Promise, str | tuple[str, ...]], ...] = (
    ("requests_staff:register", gettext_lazy("Request register"), "request:view"),
    ("objections_staff:worklist", gettext_lazy("Objections to handle"), "objection:view"),
    ("objections_staff:register", gettext_lazy("Objection register"), "objection:view"),
    ("disputes:list", gettext_lazy("Information disputes"), "dispute:view"),
    ("disputes:legal_matters", gettext_lazy("Legal matters (objections and disputes)"), "legal_matter:oversee"),
    ("catalogue_staff:items", gettext_lazy("Public information list (DIP)"), "dip:view"),
    ("catalogue_staff:rounds", gettext_lazy("Collection rounds"), "dip:view"),
    ("catalogue_staff:coverage", gettext_lazy("DIP coverage"), "dip:view"),
    ("catalogue_staff:policies", gettext_lazy("Policy directions"), "dip:view"),
    ("exemptions:list", gettext_lazy("Consequence tests"), "exemption:view"),
    ("exemptions:exemptions", gettext_lazy("Exempt information (DIK) and reviews"), "exemption:view"),
    ("surveys_staff:results", gettext_lazy("Satisfaction survey (SKM) results"), "report:view"),
    ("reports:dashboard", gettext_lazy("Dashboard"), "report:view"),
    (
        "guidance:direction_list",
        gettext_lazy("Guidance and directions"),
        ("guidance:issue", "direction:issue", "direction:respond"),
    ),
    ("guidance:workplan_list", gettext_lazy("Work plan and evaluation"), ("workplan:manage", "report:view")),
    ("annual:staff_list", gettext_lazy("Annual reports"), "report:view"),
)


def _registers(user: Any) -> list[tuple[str, str]]:
    """The registers and lists this person's roles open, for the staff home."""
    return [
        (reverse(name), str(label))
        for name, label, permissions in REGISTERS
        if any(can_anywhere(user, permission) for permission in _as_tuple(permissions))
    ]


def _as_tuple(permissions: str | tuple[str, ...]) -> tuple[str, ...]:
    """A register opens to any of its permissions; most name just one."""
    return (permissions,) if isinstance(permissions, str) else permissions


@login_required
def audit_timeline(request: HttpRequest) -> HttpResponse:
    events = filter_visible(request.user, "audit:view", Event.objects.all()).select_related("actor", "office")
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/audit_timeline.html", {"page": page, "events": page.object_list})
