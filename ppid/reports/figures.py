"""The figures every report shares: requests, objections, disputes, DIP coverage, satisfaction.

Counted in the database with aggregate queries: a constant number of queries per call whatever
the volume (no Python loop over rows), so the national roll-up over a million requests stays
fast. The Pasal 12 announcement, the dashboards, the open data API and the annual report
(Perki 1/2021 Pasal 56) all read these numbers, so they agree with each other.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    When,
)
from django.db.models.functions import Coalesce, TruncDate

from ppid.offices.models import IANA_ZONES, Office, OfficeLevel

# Notices whose outcome relies on an exemption ground (Pasal 17 UU 14/2008).
REFUSING_OUTCOMES = ("refused", "granted_part")
# Court stages after the Commission's ruling (Pasal 47-50 UU 14/2008).
COURT_STAGES = ("appeal", "cassation")
COURT_FORUMS = ("ptun", "pn", "ma")


@dataclass(frozen=True)
class Period:
    """Inclusive dates, compared with each office's local receipt date."""

    start: datetime.date
    end: datetime.date


def period_for_year(year: int) -> Period:
    return Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


@dataclass(frozen=True)
class RequestFigures:
    received: int
    decided: int
    pending: int
    overdue: int
    extended: int
    withdrawn: int
    lapsed: int
    forwarded: int
    outcomes: dict[str, int]
    refusal_grounds: dict[str, int]
    median_days: float | None
    p90_days: float | None
    on_time: int
    on_time_rate: float | None


@dataclass(frozen=True)
class ObjectionFigures:
    filed: int
    late: int
    pending: int
    outcomes: dict[str, int]


@dataclass(frozen=True)
class DisputeFigures:
    total: int
    by_stage: dict[str, int]
    by_outcome: dict[str, int]
    court: int


@dataclass(frozen=True)
class CatalogueFigures:
    published: int
    stale: int
    missing_mandatory: int


@dataclass(frozen=True)
class Figures:
    office: Office
    period: Period
    rollup: bool
    requests: RequestFigures
    objections: ObjectionFigures
    disputes: DisputeFigures
    catalogue: CatalogueFigures
    satisfaction: Any


def office_scope(office: Office, rollup: bool, prefix: str = "office") -> Q:
    """The office alone, or the office and every office below it (its path prefix).
    `prefix=""` filters Office rows themselves."""
    own = Q(**{f"{prefix}_id" if prefix else "pk": office.pk})
    if not rollup:
        return own
    return own | Q(**{f"{prefix}__path__startswith" if prefix else "path__startswith": f"{office.path}/"})


def _local_bounds(period: Period, zone: ZoneInfo) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime.combine(period.start, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(period.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return start, end


def received_in(period: Period, office: Office, rollup: bool, field: str = "received_at") -> Q:
    """Rows received within the period by the receiving office's local date: one time zone for one
    office, one condition per time zone for a roll-up (KPU RI spans WIB, WITA and WIT)."""
    if not rollup:
        start, end = _local_bounds(period, office.zoneinfo)
        return Q(**{f"{field}__gte": start, f"{field}__lt": end})
    return received_in_any_zone(period, field)


def received_in_any_zone(period: Period, field: str = "received_at") -> Q:
    """Rows of any office received within the period by that office's local date (the register's
    date filter, so that a figure and the list behind it agree)."""
    from ppid.requests.selectors import received_between

    return received_between(period.start, period.end, field)


def _issued_local_date() -> Case:
    """The notice's issue date at the deciding office (its own time zone)."""
    return Case(
        *(
            When(office__time_zone=label, then=TruncDate("notice__issued_at", tzinfo=ZoneInfo(key)))
            for label, key in IANA_ZONES.items()
        ),
        output_field=DateField(),
    )


def on_time_condition() -> Q:
    """Decided on or before the deadline in force when deciding: the extended one once extended
    (Pasal 22 ayat (8) UU 14/2008), else the notice deadline (Pasal 22 ayat (7)). Needs the
    `issued_on` annotation (`with_issue_dates`)."""
    return Q(
        issued_on__isnull=False, issued_on__lte=Coalesce("extended_due_on", "notice_due_on", output_field=DateField())
    )


def with_issue_dates(rows: QuerySet[Any]) -> QuerySet[Any]:
    annotated: QuerySet[Any] = rows.annotate(issued_on=_issued_local_date())
    return annotated


def _grouped(rows: QuerySet[Any], field: str) -> dict[str, int]:
    """field value → count, one GROUP BY query; empty values left out."""
    grouped = rows.exclude(**{field: ""}).values(field).annotate(n=Count("pk")).order_by(field)
    return {str(row[field]): int(row["n"]) for row in grouped}


def _percentiles(timed: QuerySet[Any], count: int) -> tuple[float | None, float | None]:
    """Median and 90th percentile of working_days_taken, interpolated like percentile_cont.

    Days taken are small whole numbers, so one GROUP BY gives their histogram (a few dozen rows,
    a parallel hash aggregate on PostgreSQL) and the values at any rank are read from it: cheaper
    than sorting every decided request, and the same code on every database."""
    if not count:
        return None, None
    histogram = list(
        timed.order_by().values_list("working_days_taken").annotate(n=Count("pk")).order_by("working_days_taken")
    )
    return _value_at(histogram, 0.5 * (count - 1)), _value_at(histogram, 0.9 * (count - 1))


def _value_at(histogram: list[tuple[int, int]], position: float) -> float:
    """The value at a fractional rank (0-based) of the sorted values, interpolated between neighbours."""
    low_rank = math.floor(position)
    low = _rank(histogram, low_rank)
    high = _rank(histogram, low_rank + 1) if position > low_rank else low
    return low + (high - low) * (position - low_rank)


def _rank(histogram: list[tuple[int, int]], rank: int) -> float:
    seen = 0
    for value, n in histogram:
        seen += n
        if rank < seen:
            return float(value)
    return float(histogram[-1][0])


def request_figures(office: Office, period: Period, rollup: bool) -> RequestFigures:
    """Pasal 12 UU 14/2008 and Perki 1/2021 Pasal 56: received, decided, time taken, outcomes, grounds.

    Three queries: the counts, the histogram of days taken (for the percentiles), the refusal grounds."""
    from ppid.requests.models import InformationRequest, WrittenNotice
    from ppid.requests.selectors import REQUEST_STATES, due_expression, overdue_condition
    from ppid.requests.workflow import Outcome

    rows = InformationRequest.objects.filter(office_scope(office, rollup), received_in(period, office, rollup))
    decided = REQUEST_STATES["decided"]
    counts = with_issue_dates(rows.annotate(due=due_expression())).aggregate(
        received=Count("pk"),
        overdue=Count("pk", filter=overdue_condition()),
        **{state: Count("pk", filter=condition) for state, condition in REQUEST_STATES.items()},
        on_time=Count("pk", filter=decided & on_time_condition()),
        timed=Count("pk", filter=decided & Q(working_days_taken__isnull=False)),
        # The outcomes in the same scan: one pass over the rows instead of a second GROUP BY.
        **{f"outcome_{value}": Count("pk", filter=Q(outcome=value)) for value in Outcome.values},
    )
    timed = rows.filter(decided, working_days_taken__isnull=False)
    median, p90 = _percentiles(timed, counts["timed"])
    notices = WrittenNotice.objects.filter(request__in=rows.values("pk"), outcome__in=REFUSING_OUTCOMES)
    return RequestFigures(
        received=counts["received"],
        decided=counts["decided"],
        pending=counts["pending"],
        overdue=counts["overdue"],
        extended=counts["extended"],
        withdrawn=counts["withdrawn"],
        lapsed=counts["lapsed"],
        forwarded=counts["forwarded"],
        outcomes={value: counts[f"outcome_{value}"] for value in Outcome.values if counts[f"outcome_{value}"]},
        refusal_grounds=_grouped(notices, "exemption_ground"),
        median_days=median,
        p90_days=p90,
        on_time=counts["on_time"],
        on_time_rate=counts["on_time"] / counts["decided"] if counts["decided"] else None,
    )


def objection_figures(office: Office, period: Period, rollup: bool) -> ObjectionFigures:
    """Pasal 35-36 UU 14/2008: objections filed in the period, late ones, unanswered ones, outcomes."""
    from ppid.objections.models import Objection
    from ppid.objections.workflow import PENDING_STATUSES as OBJECTION_PENDING

    rows = Objection.objects.filter(office_scope(office, rollup), received_in(period, office, rollup))
    counts = rows.aggregate(
        filed=Count("pk"),
        late=Count("pk", filter=Q(is_late=True)),
        pending=Count("pk", filter=Q(status__in=[str(s) for s in OBJECTION_PENDING])),
    )
    return ObjectionFigures(
        filed=counts["filed"], late=counts["late"], pending=counts["pending"], outcomes=_grouped(rows, "outcome")
    )


def dispute_figures(office: Office, period: Period, rollup: bool) -> DisputeFigures:
    """Pasal 37-50 UU 14/2008: disputes filed at the Commission in the period, by stage and outcome;
    `court` counts those that went on to the PTUN/PN or the Mahkamah Agung."""
    from ppid.disputes.models import Dispute, DisputeRuling

    rows = Dispute.objects.filter(office_scope(office, rollup), filed_on__range=(period.start, period.end))
    in_court = Exists(DisputeRuling.objects.filter(dispute=OuterRef("pk"), forum__in=COURT_FORUMS))
    counts = rows.aggregate(total=Count("pk"), court=Count("pk", filter=Q(stage__in=COURT_STAGES) | Q(in_court)))
    return DisputeFigures(
        total=counts["total"],
        by_stage=_grouped(rows, "stage"),
        by_outcome=_grouped(rows, "outcome"),
        court=counts["court"],
    )


def catalogue_figures(office: Office, rollup: bool) -> CatalogueFigures:
    """A snapshot of the DIP today (Pasal 9-11 UU 14/2008): published public items, stale ones, and
    the mandatory items (MandatoryItem) an office has no published item for, summed over offices."""
    from ppid.catalogue.models import InformationItem, MandatoryItem
    from ppid.catalogue.selectors import office_today, stale_condition
    from ppid.catalogue.workflow import Category, ItemStatus

    today = office_today(office)
    public = InformationItem.objects.filter(office_scope(office, rollup), status=ItemStatus.PUBLISHED).exclude(
        category=Category.DIKECUALIKAN
    )
    counts = public.aggregate(published=Count("pk"), stale=Count("pk", filter=stale_condition(today)))
    offices = Office.objects.filter(office_scope(office, rollup, prefix=""), is_active=True).count()
    mandatory = MandatoryItem.objects.filter(is_active=True).count()
    covered = (
        public.filter(mandatory_item__is_active=True, office__is_active=True)
        .values("office_id", "mandatory_item_id")
        .distinct()
        .count()
    )
    return CatalogueFigures(
        published=counts["published"], stale=counts["stale"], missing_mandatory=max(offices * mandatory - covered, 0)
    )


def scope_office_ids(office: Office, rollup: bool) -> list[int]:
    if not rollup:
        return [office.pk]
    return list(Office.objects.filter(office_scope(office, True, prefix="")).values_list("pk", flat=True))


def figures_for(office: Office, period: Period, *, rollup: bool = False) -> Figures:
    """All figures of `office` (with its descendants when `rollup`) for the period; the catalogue is
    a snapshot of today. A constant number of queries whatever the volume."""
    from ppid.surveys.selectors import satisfaction

    return Figures(
        office=office,
        period=period,
        rollup=rollup,
        requests=request_figures(office, period, rollup),
        objections=objection_figures(office, period, rollup),
        disputes=dispute_figures(office, period, rollup),
        catalogue=catalogue_figures(office, rollup),
        satisfaction=satisfaction(scope_office_ids(office, rollup), period.start, period.end),
    )


def on_time_by_province(period: Period) -> list[tuple[Office, int, int]]:
    """(province, decided, decided on time) for every active KPU Provinsi, its regencies rolled in.

    Two queries: the provinces, and one aggregate grouped by province_code (the first two digits of
    every office code below a province, kept on Office)."""
    from ppid.requests.models import InformationRequest

    provinces = list(Office.objects.filter(level=OfficeLevel.PROVINSI, is_active=True).order_by("code"))
    rows = InformationRequest.objects.filter(received_in_any_zone(period))
    grouped = (
        with_issue_dates(rows.filter(outcome__gt="").exclude(office__province_code=""))
        .values("office__province_code")
        .annotate(decided=Count("pk"), on_time=Count("pk", filter=on_time_condition()))
        .order_by()
    )
    by_code = {row["office__province_code"]: (int(row["decided"]), int(row["on_time"])) for row in grouped}
    return [(p, *by_code.get(p.province_code, (0, 0))) for p in provinces]


__all__ = [
    "CatalogueFigures",
    "DisputeFigures",
    "Figures",
    "ObjectionFigures",
    "Period",
    "RequestFigures",
    "figures_for",
    "on_time_by_province",
    "period_for_year",
]
