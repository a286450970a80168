"""The public Pasal 12 announcement of every office and year, and its index.

UU 14/2008 Pasal 12: each public body announces yearly the number of requests received, the time
taken to fulfil them, how many were granted in full or in part and how many refused, with the
reasons. Counts only: no requester is named.
"""

from __future__ import annotations

from django.db.models import Min
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ppid.offices.models import Office
from ppid.reports.figures import period_for_year, request_figures
from ppid.requests.models import ExemptionGround, InformationRequest
from ppid.requests.workflow import Outcome

FIRST_YEAR = 2008  # UU 14/2008


def announcement_offices(http: HttpRequest) -> HttpResponse:
    offices = Office.objects.filter(is_active=True).order_by("path").only("code", "name", "level", "path")
    return render(http, "reports/public/offices.html", {"offices": offices})


def _years(office: Office) -> list[int]:
    this_year = timezone.now().astimezone(office.zoneinfo).year
    first = InformationRequest.objects.filter(office=office).aggregate(first=Min("year"))["first"] or this_year
    return list(range(this_year, max(first, FIRST_YEAR) - 1, -1))


def announcement_index(http: HttpRequest, code: str) -> HttpResponse:
    office = get_object_or_404(Office, code=code, is_active=True)
    return render(http, "reports/public/index.html", {"office": office, "years": _years(office)})


def announcement(http: HttpRequest, code: str, year: int) -> HttpResponse:
    office = get_object_or_404(Office, code=code, is_active=True)
    if not FIRST_YEAR <= year <= timezone.now().astimezone(office.zoneinfo).year:
        raise Http404
    figures = request_figures(office, period_for_year(year), rollup=False)
    outcomes = [(choice.label, figures.outcomes.get(choice.value, 0)) for choice in Outcome]
    grounds = [
        (choice.label, figures.refusal_grounds[choice.value])
        for choice in ExemptionGround
        if choice.value in figures.refusal_grounds
    ]
    granted = figures.outcomes.get(Outcome.GRANTED_FULL, 0) + figures.outcomes.get(Outcome.GRANTED_PART, 0)
    context = {
        "office": office,
        "year": year,
        "figures": figures,
        "outcomes": outcomes,
        "grounds": grounds,
        "granted": granted,
        "refused": figures.outcomes.get(Outcome.REFUSED, 0),
    }
    return render(http, "reports/public/announcement.html", context)
