"""Reads for the staff pages: the worklist in deadline order with its urgency, and the request register."""

from __future__ import annotations

import datetime
import enum
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import BooleanField, Case, Count, DateField, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from ppid.accounts.permissions import ROLE_PERMISSIONS, active_memberships, can, filter_visible, offices_where
from ppid.accounts.roles import UNIT_ROLES, Role
from ppid.offices.models import IANA_ZONES, Office
from ppid.requests.models import InformationRequest, RequestAssignment
from ppid.requests.workflow import CLOCK_STATUSES, PENDING_STATUSES, Outcome, Status
from ppid.workdays.engine import Calendar
from ppid.workdays.selectors import calendars_for_offices

# A deadline this many working days away (or fewer) is "due soon" (issue 4, item 8).
DUE_SOON_WORKING_DAYS = 2
# Statuses in which staff still have something to do: the worklist's default.
WORK_STATUSES = frozenset({Status.REGISTERED, Status.INCOMPLETE, Status.IN_PROGRESS, Status.DECIDED, Status.REOPENED})


class Urgency(enum.StrEnum):
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    NORMAL = "normal"
    NONE = "none"  # the clock is not running


def due_expression() -> Case:
    """The deadline in force (InformationRequest.due_on) as a database expression."""
    return Case(
        When(status=Status.REOPENED, ordered_due_on__isnull=False, then=F("ordered_due_on")),
        default=Coalesce("extended_due_on", "notice_due_on", output_field=DateField()),
        output_field=DateField(),
    )


# Roles holding one of these work on requests (their own list); the others only follow them.
ACTING_PERMISSIONS = frozenset({"request:register", "request:decide", "request:prepare_answer"})


def _liaison_units(user: Any) -> list[int]:
    return [m.work_unit_id for m in active_memberships(user) if m.role == Role.TIM_PENGHUBUNG and m.work_unit_id]


def _acting_condition(user: Any) -> Q:
    """Rows the user acts on: the desk and the PPID for their office, a liaison team for its units' requests."""
    condition = offices_where(user, "request:register", prefix="office")
    condition |= offices_where(user, "request:decide", prefix="office")
    units = _liaison_units(user)
    if units:
        assigned = Exists(RequestAssignment.objects.filter(request=OuterRef("pk"), work_unit_id__in=units))
        condition |= offices_where(user, "request:prepare_answer", prefix="office") & Q(assigned)
    return condition


def _monitoring_condition(user: Any) -> Q:
    """Rows a role reads without acting on them: its own office's (the Atasan, the Pembina follow
    their PPID's work) and its descendant offices'."""
    condition = Q(pk__in=[])
    for membership in active_memberships(user):
        if not can(user, "request:view", membership.office):
            continue
        condition |= Q(office__path__startswith=f"{membership.office.path}/")
        if not ROLE_PERMISSIONS[Role(membership.role)] & ACTING_PERMISSIONS:
            condition |= Q(office_id=membership.office_id)
    return condition


def _local_today(zone_key: str) -> datetime.date:
    from zoneinfo import ZoneInfo

    return timezone.now().astimezone(ZoneInfo(zone_key)).date()


def received_between(date_from: datetime.date | None, date_to: datetime.date | None, field: str = "received_at") -> Q:
    """Received from `date_from` to `date_to` (inclusive; either may be open) by the receiving
    office's local date: one condition per time zone, since WIB, WITA and WIT days start apart."""
    condition = Q(pk__in=[])
    for label, zone_key in IANA_ZONES.items():
        zone = ZoneInfo(zone_key)
        part = Q(office__time_zone=label)
        if date_from is not None:
            part &= Q(**{f"{field}__gte": datetime.datetime.combine(date_from, datetime.time.min, tzinfo=zone)})
        if date_to is not None:
            next_day = date_to + datetime.timedelta(days=1)
            part &= Q(**{f"{field}__lt": datetime.datetime.combine(next_day, datetime.time.min, tzinfo=zone)})
        condition |= part
    return condition


def overdue_condition() -> Q:
    """Open requests whose deadline is before today at their office (each time zone its own today)."""
    condition = Q(pk__in=[])
    for label, zone_key in IANA_ZONES.items():
        condition |= Q(office__time_zone=label, due__lt=_local_today(zone_key))
    return condition & Q(status__in=CLOCK_STATUSES)


def worklist_for(
    user: Any, *, status: str = "", office: Office | None = None, overdue_only: bool = False
) -> QuerySet[InformationRequest]:
    """The requests `user` acts on or monitors, most urgent first. Rows carry `due` and `monitoring_only`."""
    acting = _acting_condition(user)
    rows = InformationRequest.objects.filter(acting | _monitoring_condition(user))
    rows = rows.annotate(
        due=due_expression(),
        monitoring_only=Case(When(acting, then=Value(False)), default=Value(True), output_field=BooleanField()),
    )
    rows = rows.filter(status=status) if status else rows.filter(status__in=WORK_STATUSES)
    if office is not None:
        rows = rows.filter(Q(office=office) | Q(office__path__startswith=f"{office.path}/"))
    if overdue_only:
        rows = rows.filter(overdue_condition())
    return rows.select_related("office", "requester").order_by("due", "received_at", "pk")


def has_worklist(user: Any) -> bool:
    return any(
        can(user, action, m.office)
        for m in active_memberships(user)
        for action in ("request:register", "request:decide", "request:prepare_answer", "request:view")
    )


@dataclass(frozen=True)
class Thresholds:
    today: datetime.date
    soon: datetime.date


def thresholds_for(offices: Iterable[Office]) -> dict[int, Thresholds]:
    """Today and the due-soon cut-off at each office, from its own calendar (two queries for any number)."""
    by_id = {office.pk: office for office in offices}
    calendars: dict[int, Calendar] = calendars_for_offices(by_id) if by_id else {}
    result: dict[int, Thresholds] = {}
    for pk, office in by_id.items():
        today = timezone.now().astimezone(office.zoneinfo).date()
        result[pk] = Thresholds(today, calendars[pk].add_working_days(today, DUE_SOON_WORKING_DAYS))
    return result


def urgency_of(request: InformationRequest, thresholds: Thresholds) -> Urgency:
    due: datetime.date | None = getattr(request, "due", None) or request.due_on
    if due is None or request.status not in CLOCK_STATUSES:
        return Urgency.NONE
    if due < thresholds.today:
        return Urgency.OVERDUE
    if due <= thresholds.soon:
        return Urgency.DUE_SOON
    return Urgency.NORMAL


def with_urgency(requests: Iterable[InformationRequest]) -> list[InformationRequest]:
    """Set `.urgency` on each row of a page, computing thresholds only for the offices on that page."""
    rows = list(requests)
    thresholds = thresholds_for({row.office_id: row.office for row in rows}.values())
    for row in rows:
        row.urgency = urgency_of(row, thresholds[row.office_id])  # type: ignore[attr-defined]
    return rows


def shows_personal_data(user: Any, request: InformationRequest) -> bool:
    """UU PDP: the requester's NIK, address, contact and identity scans (ppid.accounts.permissions)."""
    return can(user, "request:view_personal", request)


def personal_data_offices(user: Any) -> set[int]:
    """The offices where `user` sees every requester's personal data in lists and exports (UU PDP).

    Only roles held for the whole office count: a unit role (liaison team, legal unit) sees it on
    the records of its own unit, which detail pages check one by one with `can`."""
    return {
        membership.office_id
        for membership in active_memberships(user)
        if membership.role not in UNIT_ROLES and "request:view_personal" in ROLE_PERMISSIONS[Role(membership.role)]
    }


# --- the request register (buku register permohonan) ---


def register_offices(user: Any) -> QuerySet[Office]:
    """Offices whose register `user` may read: their own and, for monitoring, the descendants."""
    return filter_visible(user, "request:view", Office.objects.filter(is_active=True), office_field="")


# Named subsets of requests: the register filters by them and the dashboards count them, so a
# figure and the list behind it always agree.
REQUEST_STATES: dict[str, Q] = {
    "pending": Q(status__in=PENDING_STATUSES),
    "decided": Q(outcome__gt=""),
    "extended": Q(extended_due_on__isnull=False),
    "withdrawn": Q(status=Status.WITHDRAWN),
    "lapsed": Q(status=Status.LAPSED),
    "forwarded": Q(status=Status.FORWARDED),
}


def register_rows(
    user: Any,
    *,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    office: Office | None = None,
    include_descendants: bool = True,
    state: str = "",
    outcome: str = "",
) -> QuerySet[InformationRequest]:
    """The register rows `user` may read, in register order (office, year, number)."""
    rows = filter_visible(user, "request:view", InformationRequest.objects.all())
    if state:
        rows = rows.filter(REQUEST_STATES[state])
    if outcome:
        rows = rows.filter(outcome=outcome)
    if office is not None:
        scope = Q(office=office)
        if include_descendants:
            scope |= Q(office__path__startswith=f"{office.path}/")
        rows = rows.filter(scope)
    if date_from is not None or date_to is not None:
        rows = rows.filter(received_between(date_from, date_to))
    return rows.select_related("office", "requester", "notice", "delivery").order_by("office__path", "year", "sequence")


def register_summary(rows: QuerySet[InformationRequest]) -> dict[str, int]:
    """Totals of the filtered register, counted by the database."""
    outcomes = {f"n_{o.value}": Count("pk", filter=Q(outcome=o.value)) for o in Outcome}
    result: dict[str, int] = rows.order_by().aggregate(
        total=Count("pk"), extended=Count("pk", filter=Q(extended_due_on__isnull=False)), **outcomes
    )
    return result


def days_taken(request: InformationRequest, calendar: Calendar) -> int | None:
    """Working days from the clock's day 0 to the notice (RULES.md §7: the same count as the deadline)."""
    notice = getattr(request, "notice", None)
    if request.clock_started_at is None or notice is None:
        return None
    day_zero, _reason = calendar.day_zero(request.clock_started_at)
    issued = notice.issued_at.astimezone(request.office.zoneinfo).date()
    return max(calendar.count_working_days(day_zero, issued), 0)


# --- public tracking ---


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def find_tracked_request(number: str, factor: str) -> InformationRequest | None:
    """The request with `number` if `factor` is its requester's e-mail (any case) or the last four
    digits of their telephone; None otherwise, without saying which part was wrong."""
    obj = (
        InformationRequest.objects.select_related("office", "requester", "rule_set", "forwarded_to")
        .filter(registration_number=number)
        .first()
    )
    email = obj.requester.email.casefold() if obj else ""
    digits = "".join(ch for ch in (obj.requester.phone if obj else "") if ch.isdigit())
    last_four = digits[-4:] if len(digits) >= 4 else ""
    # Both comparisons always run, against placeholders when there is nothing to compare.
    email_ok = _same(factor.casefold(), email or "\x00no-email") and bool(email)
    # "78-90" and "78 90" mean 7890; an e-mail address is never read as telephone digits.
    given_digits = "" if "@" in factor else "".join(ch for ch in factor if ch.isdigit())
    phone_ok = _same(given_digits, last_four or "\x00none") and bool(last_four)
    return obj if (email_ok or phone_ok) else None
