"""The coverage check of an office's DIP: which Pasal 11 ayat (1) types a-h and which mandatory
items (Pasal 9 ayat (2) UU 14/2008; Perki 1/2021 Pasal 11) are present, only stale, or missing.
Shown to the PPID and the Atasan PPID; a parent office may look at the offices below it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ppid.catalogue import forms_staff as f
from ppid.catalogue import selectors
from ppid.catalogue.views_common import pick_office


@login_required
def coverage(http: HttpRequest) -> HttpResponse:
    offices = selectors.coverage_offices(http.user)
    office = pick_office(http.GET.get("kantor"), offices, http.user)
    if office is None:
        raise PermissionDenied
    form = f.OfficePickForm(offices=offices, initial={"kantor": office})
    result = selectors.coverage_for(office, today=selectors.office_today(office))
    context = {
        "form": form,
        "office": office,
        "coverage": result,
        "present": result.count(selectors.PRESENT),
        "stale": result.count(selectors.STALE),
        "missing": result.count(selectors.MISSING),
        "many_offices": len(offices) > 1,
    }
    return render(http, "catalogue/staff/coverage.html", context)
