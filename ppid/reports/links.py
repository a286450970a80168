"""Links from a figure to the staff list behind it, with the filters those lists support."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from ppid.offices.models import Office
from ppid.reports.figures import Period


def _with(url: str, params: dict[str, object]) -> str:
    return f"{url}?{urlencode({k: v for k, v in params.items() if v not in ('', None)})}"


def request_register(office: Office, period: Period, rollup: bool, *, state: str = "", outcome: str = "") -> str:
    """The request register of the office for the period (requests_staff RegisterFilterForm), narrowed
    to one of requests.selectors.REQUEST_STATES or one outcome."""
    params: dict[str, object] = {
        "date_from": period.start.isoformat(),
        "date_to": period.end.isoformat(),
        "office": office.pk,
        "state": state,
        "outcome": outcome,
    }
    if rollup:
        params["descendants"] = "on"
    return _with(reverse("requests_staff:register"), params)


def overdue_worklist(office: Office) -> str:
    return _with(reverse("requests_staff:worklist"), {"office": office.pk, "overdue": "on"})


def objection_register(office: Office, period: Period, rollup: bool, outcome: str = "") -> str:
    """The objection register (objections_staff RegisterFilterForm filters by year, not by dates)."""
    params: dict[str, object] = {"office": office.pk, "year": period.start.year, "outcome": outcome}
    if rollup:
        params["descendants"] = "on"
    return _with(reverse("objections_staff:register"), params)


def dispute_list(office: Office, stage: str = "") -> str:
    return _with(reverse("disputes:list"), {"office": office.pk, "stage": stage})


def dip_coverage(office: Office) -> str:
    """The DIP coverage page of the office: published, stale and missing mandatory items."""
    return _with(reverse("catalogue_staff:coverage"), {"kantor": office.code})


def survey_results(office: Office, period: Period, rollup: bool) -> str:
    """The SKM results of the office for the period (surveys ResultsFilterForm)."""
    params: dict[str, object] = {"office": office.pk, "start": period.start.isoformat(), "end": period.end.isoformat()}
    if rollup:
        params["include_descendants"] = "on"
    return _with(reverse("surveys_staff:results"), params)
