"""Reads for the objection staff pages: the worklist in deadline order and the objection register.

Lists use `filter_visible(user, "objection:view", …)`, the list twin of the detail page's `can`,
so a row appears in a list exactly when its page opens (STYLE.md §7).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import BooleanField, Case, Count, DateField, F, Q, QuerySet, Value, When
from django.utils import timezone

from ppid.accounts.permissions import active_memberships, can, filter_visible, offices_where
from ppid.objections.models import Objection
from ppid.objections.workflow import PENDING_STATUSES, Outcome, Status
from ppid.offices.models import IANA_ZONES, Office
from ppid.requests.selectors import Thresholds, Urgency, thresholds_for

# Holding one of these at an office means working on its objections; the rest only follow them.
ACTING_PERMISSIONS = (
    "objection:admit",
    "objection:decide",
    "objection:settle",
    "objection:register",
    "objection:fulfil_order",
    "objection:record_reaction",
)


def _next_due() -> Case:
    """`Objection.next_due_on` as a database expression: the answer while it is pending, else the
    Atasan PPID's open order to the PPID."""
    return Case(
        When(status__in=PENDING_STATUSES, then=F("answer_due_on")),
        When(outcome=Outcome.GRANTED, order_fulfilled_at__isnull=True, then=F("order_due_on")),
        default=Value(None),
        output_field=DateField(),
    )


def needs_action() -> Q:
    """Objections someone still has to act on within a deadline."""
    return Q(status__in=PENDING_STATUSES) | Q(
        status=Status.ANSWERED, outcome=Outcome.GRANTED, order_fulfilled_at__isnull=True
    )


def _acting_condition(user: Any) -> Q:
    condition = Q(pk__in=[])
    for action in ACTING_PERMISSIONS:
        condition |= offices_where(user, action, prefix="office")
    return condition


def _in_office(office: Office, include_descendants: bool = True) -> Q:
    scope = Q(office=office)
    if include_descendants:
        scope |= Q(office__path__startswith=f"{office.path}/")
    return scope


def has_worklist(user: Any) -> bool:
    """Anyone who may read objections at some office (acting there, or monitoring from a parent)."""
    return any(can(user, "objection:view", m.office) for m in active_memberships(user))


def worklist_for(user: Any, *, office: Office | None = None, overdue_only: bool = False) -> QuerySet[Objection]:
    """The objections waiting for an answer or an order, nearest deadline first.

    Rows carry `due` (the next deadline) and `monitoring_only` (true where the user only reads)."""
    acting = _acting_condition(user)
    rows = filter_visible(user, "objection:view", Objection.objects.filter(needs_action()))
    rows = rows.annotate(
        due=_next_due(),
        monitoring_only=Case(When(acting, then=Value(False)), default=Value(True), output_field=BooleanField()),
    )
    if office is not None:
        rows = rows.filter(_in_office(office))
    if overdue_only:
        rows = rows.filter(overdue_condition())
    return rows.select_related("office", "request").order_by("due", "received_at", "pk")


def overdue_condition() -> Q:
    """Rows whose next deadline is before today at their office (each time zone its own today)."""
    now = timezone.now()
    condition = Q(pk__in=[])
    for label, zone_key in IANA_ZONES.items():
        condition |= Q(office__time_zone=label, due__lt=now.astimezone(ZoneInfo(zone_key)).date())
    return condition


def urgency_of(row: Objection, thresholds: Thresholds) -> Urgency:
    due: datetime.date | None = getattr(row, "due", None) or row.next_due_on
    if due is None:
        return Urgency.NONE
    if due < thresholds.today:
        return Urgency.OVERDUE
    if due <= thresholds.soon:
        return Urgency.DUE_SOON
    return Urgency.NORMAL


def with_urgency(objections: Iterable[Objection]) -> list[Objection]:
    """Set `.urgency` on each row of a page (thresholds only for the offices on that page)."""
    rows = list(objections)
    thresholds = thresholds_for({row.office_id: row.office for row in rows}.values())
    for row in rows:
        row.urgency = urgency_of(row, thresholds[row.office_id])  # type: ignore[attr-defined]
    return rows


# --- the objection register (register keberatan, Perki 1/2021) ---


def register_offices(user: Any) -> QuerySet[Office]:
    """Offices whose objection register `user` may read: their own and, for monitoring, the descendants."""
    return filter_visible(user, "objection:view", Office.objects.filter(is_active=True), office_field="")


def register_rows(
    user: Any,
    *,
    office: Office | None = None,
    include_descendants: bool = True,
    year: int | None = None,
    status: str = "",
    outcome: str = "",
    ground: str = "",
    late: bool | None = None,
) -> QuerySet[Objection]:
    """The register rows `user` may read, in register order (office, year, number)."""
    rows = filter_visible(user, "objection:view", Objection.objects.all())
    if office is not None:
        rows = rows.filter(_in_office(office, include_descendants))
    if year is not None:
        rows = rows.filter(year=year)
    if status:
        rows = rows.filter(status=status)
    if outcome:
        rows = rows.filter(outcome=outcome)
    if ground:
        rows = rows.filter(grounds__contains=ground)
    if late is not None:
        rows = rows.filter(is_late=late)
    return rows.select_related("office", "request", "request__requester").order_by("office__path", "year", "sequence")


def register_summary(rows: QuerySet[Objection]) -> dict[str, int]:
    """Totals of the filtered register, counted by the database."""
    outcomes = {f"n_{o.value}": Count("pk", filter=Q(outcome=o.value)) for o in Outcome}
    result: dict[str, int] = rows.order_by().aggregate(
        total=Count("pk"),
        late=Count("pk", filter=Q(is_late=True)),
        pending=Count("pk", filter=Q(status__in=PENDING_STATUSES)),
        **outcomes,
    )
    return result
