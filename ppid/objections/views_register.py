"""Objection lists for staff: the worklist (what waits for an answer or an order) and the objection
register (register keberatan, Perki 1/2021) on screen, as CSV and as XLSX."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from ppid.accounts.permissions import can_anywhere
from ppid.objections import forms_staff as f
from ppid.objections import selectors
from ppid.objections.models import Objection
from ppid.objections.register_export import answered_at, register_csv_response, register_xlsx_response
from ppid.requests.selectors import personal_data_offices

WORKLIST_PER_PAGE = 25
REGISTER_PER_PAGE = 50


def _query_without_page(http: HttpRequest) -> str:
    query = http.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def worklist(http: HttpRequest) -> HttpResponse:
    """Objections waiting for the Atasan PPID's answer or for the PPID to carry out an order, nearest deadline first."""
    if not selectors.has_worklist(http.user):
        raise PermissionDenied
    offices = selectors.register_offices(http.user).order_by("path")
    form = f.WorklistFilterForm(http.GET or None, offices=offices)
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = {"office": form.cleaned_data["office"], "overdue_only": form.cleaned_data["overdue"]}
    rows = selectors.worklist_for(http.user, **filters)
    page = Paginator(rows, WORKLIST_PER_PAGE).get_page(http.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": selectors.with_urgency(page.object_list),
        "query": _query_without_page(http),
        "many_offices": len(offices) > 1,
        "can_register": can_anywhere(http.user, "objection:register"),
    }
    return render(http, "objections/staff/worklist.html", context)


def _register_filtered(http: HttpRequest) -> tuple[f.RegisterFilterForm, QuerySet[Objection]]:
    offices = selectors.register_offices(http.user).order_by("path")
    if not offices:
        raise PermissionDenied
    form = f.RegisterFilterForm(http.GET or None, offices=offices)
    kwargs = form.selector_kwargs() if form.is_valid() else {}
    return form, selectors.register_rows(http.user, **kwargs)


@login_required
def register(http: HttpRequest) -> HttpResponse:
    """The objection register of the offices the user may read; personal data only for their own office."""
    form, rows = _register_filtered(http)
    page = Paginator(rows, REGISTER_PER_PAGE).get_page(http.GET.get("page"))
    entries = list(page.object_list)
    personal = personal_data_offices(http.user)
    for row in entries:
        row.show_personal = row.office_id in personal  # type: ignore[attr-defined]
        row.answered_at = answered_at(row)  # type: ignore[attr-defined]
    context = {
        "form": form,
        "page": page,
        "entries": entries,
        "summary": selectors.register_summary(rows),
        "query": _query_without_page(http),
    }
    return render(http, "objections/staff/register.html", context)


@login_required
def register_export(http: HttpRequest, fmt: str) -> HttpResponseBase:
    _form, rows = _register_filtered(http)
    filename = "register-keberatan"
    if fmt == "csv":
        return register_csv_response(rows, http.user, filename)
    return register_xlsx_response(rows, http.user, filename)
