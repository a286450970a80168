"""The figures of an annual report, as plain JSON for the frozen snapshot (Perki 1/2021 Pasal 56).

The numbers come from ppid.reports.figures, the one place that counts requests, objections,
disputes, DIP coverage and satisfaction for every report, so the annual report, the dashboards,
the Pasal 12 announcement and the open data agree with each other.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.utils import timezone

from ppid.guidance.selectors import workplan_summary
from ppid.offices.models import Office
from ppid.reports.figures import figures_for, period_for_year
from ppid.reports.opendata import figures_data


def collect_figures(*, office: Office, year: int, rollup: bool) -> dict[str, Any]:
    """The report's figures for `year`, ready to freeze as JSON: the office by code and name only,
    the counts of the year and, for the implementation section, the PPID's work plan (d.1)."""
    data = figures_data(figures_for(office, period_for_year(year), rollup=rollup))
    plan = workplan_summary(office, year)
    return {
        **data,
        "year": year,
        "workplan": dataclasses.asdict(plan) if plan is not None else None,
        "computed_at": timezone.now().isoformat(),
    }
