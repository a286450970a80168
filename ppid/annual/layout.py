"""The sections of the annual report and its figures as labelled rows, shared by the PDF, the XLSX
and the pages (Perki 1/2021 Pasal 56)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.annual.models import AnnualReport

# Pasal 56: the narrative sections, each with the heading it has in the report.
NARRATIVE_HEADINGS = {
    "general_policy": gettext_lazy("General policy on public information services"),
    "facilities": gettext_lazy("Facilities and infrastructure"),
    "staff": gettext_lazy("Human resources"),
    "budget": gettext_lazy("Budget"),
    "obstacles": gettext_lazy("Obstacles"),
    "recommendations": gettext_lazy("Recommendations"),
    "follow_up": gettext_lazy("Follow-up"),
}

# Figure groups of the snapshot, each under its Pasal 56 heading.
FIGURE_GROUPS = {
    "requests": gettext_lazy("Requests for information"),
    "objections": gettext_lazy("Objections"),
    "disputes": gettext_lazy("Information disputes"),
    "catalogue": gettext_lazy("List of public information (DIP)"),
    "satisfaction": gettext_lazy("Satisfaction survey (SKM)"),
    "workplan": gettext_lazy("Work plan of the year"),
}

FIGURE_LABELS = {
    "received": gettext_lazy("Received"),
    "decided": gettext_lazy("Decided"),
    "pending": gettext_lazy("Still pending"),
    "overdue": gettext_lazy("Overdue"),
    "extended": gettext_lazy("Extended"),
    "outcomes": gettext_lazy("Decisions"),
    "refusal_grounds": gettext_lazy("Refusals by Pasal 17 ground"),
    "median_days": gettext_lazy("Median working days taken"),
    "p90_days": gettext_lazy("90th percentile of working days taken"),
    "on_time_rate": gettext_lazy("Answered on time, in percent"),
    "filed": gettext_lazy("Filed"),
    "late": gettext_lazy("Filed late"),
    "total": gettext_lazy("Total"),
    "by_stage": gettext_lazy("By stage"),
    "by_outcome": gettext_lazy("By outcome"),
    "court": gettext_lazy("Taken to court"),
    "withdrawn": gettext_lazy("Withdrawn"),
    "lapsed": gettext_lazy("Lapsed"),
    "forwarded": gettext_lazy("Forwarded to another office"),
    "on_time": gettext_lazy("Answered within the deadline"),
    "published": gettext_lazy("Items published"),
    "stale": gettext_lazy("Items not updated in time"),
    "missing_mandatory": gettext_lazy("Mandatory items missing"),
    "responses": gettext_lazy("Responses"),
    "ikm": gettext_lazy("Satisfaction index (IKM)"),
    "activities": gettext_lazy("Activities planned"),
    "completed": gettext_lazy("Activities completed"),
    "average_progress": gettext_lazy("Average progress, in percent"),
    "evaluation": gettext_lazy("Evaluation"),
    "status": gettext_lazy("Status"),
    "year": gettext_lazy("Year"),
}


# Figures stored as a fraction of one and shown as a percentage.
PERCENT_FIGURES = {"on_time_rate"}


def _choice_label(key: str) -> str:
    """Outcome and stage codes shown by their label where one of the workflows knows them."""
    from ppid.disputes.workflow import Outcome as DisputeOutcome
    from ppid.disputes.workflow import Stage
    from ppid.objections.workflow import Outcome as ObjectionOutcome
    from ppid.requests.models import ExemptionGround
    from ppid.requests.workflow import Outcome as RequestOutcome

    for choices in (RequestOutcome, ObjectionOutcome, DisputeOutcome, Stage):
        if key in choices.values:
            return str(choices(key).label)
    if key in ExemptionGround.values:
        return _("Pasal 17 huruf %(letter)s") % {"letter": key}
    return key.replace("_", " ")


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def figure_items(figures: dict[str, Any], group: str) -> Iterator[tuple[str, Any, int]]:
    """(label, value, depth) of one figure group; nested counts come indented under their label."""
    section = figures.get(group)
    if not isinstance(section, dict):
        return
    for key, value in section.items():
        label = str(FIGURE_LABELS.get(key, key.replace("_", " ")))
        if isinstance(value, dict):
            yield label, None, 0
            for sub_key, sub_value in value.items():
                if not isinstance(sub_value, (dict, list)):
                    yield _choice_label(sub_key), sub_value, 1
        elif key in PERCENT_FIGURES and value is not None:
            yield label, round(value * 100, 1), 0
        elif not isinstance(value, list):
            yield label, value, 0


def figure_rows(figures: dict[str, Any], group: str) -> Iterator[tuple[str, str, int]]:
    """The same rows with their values as text, for the PDF and the pages."""
    for label, value, depth in figure_items(figures, group):
        yield label, "" if value is None and depth == 0 else _value(value), depth


def narrative_sections(report: AnnualReport) -> list[tuple[str, str]]:
    return [(str(heading), getattr(report, name)) for name, heading in NARRATIVE_HEADINGS.items()]
