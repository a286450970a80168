"""Links from a figure to the staff list behind it, with the filters those lists support."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from ppid.offices.models import Office
from ppid.reports.figures import Period


def _with(url: str, params: dict[str, object]) -> str:
    return f"{url}?{urlencode({k: v for k, v in params.items() if v not in ('', None)})}"


def request_register(office: Office, period: Period, rollup: bool) -> str:
    """The request register of the office for the period (requests_staff RegisterFilterForm)."""
    params = {"date_from": period.start.isoformat(), "date_to": period.end.isoformat(), "office": office.pk}
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
