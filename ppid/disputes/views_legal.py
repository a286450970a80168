"""The Atasan PPID's legal-matters register (seed c.4) at /staf/sengketa/perkara-hukum/."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from ppid.accounts.permissions import can_anywhere
from ppid.disputes import legal_matters as lm
from ppid.disputes import legal_matters_export as export
from ppid.disputes.forms import LegalMattersFilterForm

PER_PAGE = 50


def _filtered(http: HttpRequest) -> tuple[LegalMattersFilterForm, Any, lm.Scope]:
    if not can_anywhere(http.user, lm.OVERSEE):
        raise PermissionDenied
    form = LegalMattersFilterForm(http.GET or None, offices=lm.register_offices(http.user))
    filters: dict[str, Any] = {}
    if form.is_valid():
        d = form.cleaned_data
        filters = {"state": d["state"], "kind": d["kind"], "office": d["office"], "overdue_only": d["overdue"]}
    return form, lm.matter_rows(http.user, **filters), lm.oversight_scope(http.user)


@login_required
def legal_matters(http: HttpRequest) -> HttpResponse:
    """Every objection and dispute of the offices the user oversees, the nearest deadline first;
    descendant offices' matters are shown read-only."""
    form, rows, scope = _filtered(http)
    page = Paginator(rows, PER_PAGE).get_page(http.GET.get("page"))
    query = http.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": lm.as_matters(page.object_list, scope), "query": query.urlencode()}
    return render(http, "disputes/legal_matters.html", context)


@login_required
def legal_matters_export(http: HttpRequest, fmt: str) -> HttpResponseBase:
    _form, rows, scope = _filtered(http)
    filename = "perkara-hukum"
    if fmt == "csv":
        return export.csv_response(rows, scope, filename)
    return export.xlsx_response(rows, scope, filename)
