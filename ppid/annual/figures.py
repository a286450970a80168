"""The figures of an annual report, as plain JSON for the frozen snapshot (Perki 1/2021 Pasal 56).

The numbers come from ppid.reports.figures (the one place that counts requests, objections and
disputes for every report). Until that module is installed, a small local count of the Pasal 56
service figures is used, so that the report still states what was received, decided and refused.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import importlib
from collections.abc import Mapping
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from ppid.offices.models import Office


def _plain(value: Any) -> Any:
    """JSON-ready copy of a figure: dataclasses and mappings become dicts, decimals floats, dates text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "__dict__"):
        return {k: _plain(v) for k, v in vars(value).items() if not k.startswith("_")}
    return str(value)


def _offices(office: Office, rollup: bool) -> Q:
    if rollup:
        return Q(office=office) | Q(office__path__startswith=f"{office.path}/")
    return Q(office=office)


def _year_bounds(office: Office, year: int) -> tuple[datetime.datetime, datetime.datetime]:
    zone = office.zoneinfo
    return (
        datetime.datetime(year, 1, 1, tzinfo=zone),
        datetime.datetime(year + 1, 1, 1, tzinfo=zone),
    )


def _counts(queryset: QuerySet[Any], field: str) -> dict[str, int]:
    rows = queryset.exclude(**{field: ""}).values(field).annotate(n=Count("pk")).order_by(field)
    return {row[field]: row["n"] for row in rows}


def _local_figures(office: Office, year: int, rollup: bool) -> dict[str, Any]:
    """Pasal 56 service figures counted here: requests, time taken, outcomes, refusal grounds,
    objections and disputes of the year (received in it, office's local time)."""
    from ppid.disputes.models import Dispute
    from ppid.objections.models import Objection
    from ppid.requests.models import InformationRequest, WrittenNotice

    start, end = _year_bounds(office, year)
    where = _offices(office, rollup)
    requests = InformationRequest.objects.filter(where, received_at__gte=start, received_at__lt=end)
    decided = requests.exclude(outcome="")
    average = decided.aggregate(avg=Avg("working_days_taken"))["avg"]
    notices = WrittenNotice.objects.filter(request__in=requests.values("pk"))
    objections = Objection.objects.filter(where, received_at__gte=start, received_at__lt=end)
    disputes = Dispute.objects.filter(where, filed_on__year=year)
    return {
        "requests": {
            "received": requests.count(),
            "decided": decided.count(),
            "average_days": round(float(average), 1) if average is not None else None,
            "outcomes": _counts(decided, "outcome"),
            "refusal_grounds": _counts(notices, "exemption_ground"),
        },
        "objections": {
            "filed": objections.count(),
            "late": objections.filter(is_late=True).count(),
            "outcomes": _counts(objections, "outcome"),
        },
        "disputes": {
            "total": disputes.count(),
            "by_stage": _counts(disputes, "stage"),
            "by_outcome": _counts(disputes, "outcome"),
        },
    }


def _optional(name: str) -> Any:
    """A module written alongside this app that may not be installed yet, or None."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise  # a bug inside the module must not pass as "not installed"
        return None


def collect_figures(*, office: Office, year: int, rollup: bool) -> dict[str, Any]:
    """The report's figures for `year`, ready to freeze as JSON."""
    shared = _optional("ppid.reports.figures")
    if shared is not None:
        period = shared.period_for_year(year)
        data = _plain(shared.figures_for(office, period, rollup=rollup))
        source = "reports"
    else:
        data = _local_figures(office, year, rollup)
        source = "annual"
    guidance = _optional("ppid.guidance.selectors")
    if guidance is not None and isinstance(data, dict):
        # Pasal 56 implementation: the PPID's work plan of the year (None when there is none).
        data["workplan"] = _plain(guidance.workplan_summary(office, year))
    return {
        "source": source,
        "office": office.name,
        "year": year,
        "rollup": rollup,
        "computed_at": timezone.now().isoformat(),
        **(data if isinstance(data, dict) else {"figures": data}),
    }
