"""The daily job of requests: lapse what was not completed in time, and warn before and after deadlines.

Run once a day (Celery beat at 06:00 WIB, or `manage.py requests_daily`). It is idempotent: a
warning is stored in the outbox under `reminder:<request id>:<kind>:<deadline>`, so a second run on
the same day, or the next day, sends nothing twice; a day the job did not run is caught up.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from ppid.accounts.models import RoleMembership
from ppid.accounts.roles import Role
from ppid.notifications.models import OutboxMessage
from ppid.requests import mail
from ppid.requests.models import InformationRequest, RequestAssignment
from ppid.requests.services import request_lapse
from ppid.requests.workflow import OPEN_STATUSES, Status
from ppid.workdays.engine import Calendar
from ppid.workdays.selectors import calendars_for_offices

logger = logging.getLogger(__name__)

DUE_SOON = "due_soon"
OVERDUE = "overdue"
# Warn this many working days before the deadline (issue 4, item 8).
WARN_WORKING_DAYS = 2
# Overdue warnings are sent on the day a deadline is missed; after a pause of the job, those missed
# up to this many days ago are still sent, older ones are left to the worklists.
OVERDUE_CATCH_UP = datetime.timedelta(days=7)
# Offices are in UTC+7..+9: the widest span of "today" across Indonesia is one calendar day.
_ZONE_SLACK = datetime.timedelta(days=1)


@dataclass
class DailyReport:
    lapsed: list[str] = field(default_factory=list)
    due_soon: list[str] = field(default_factory=list)
    overdue: list[str] = field(default_factory=list)
    already_sent: int = 0
    without_recipients: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"lapsed={len(self.lapsed)} due_soon={len(self.due_soon)} overdue={len(self.overdue)} "
            f"already_sent={self.already_sent} without_recipients={len(self.without_recipients)}"
        )


def _today(calendar: Calendar, now: datetime.datetime) -> datetime.date:
    return calendar.local(now).date()


def lapse_incomplete(now: datetime.datetime, report: DailyReport) -> None:
    """Incomplete requests whose completion period ended (KPU completeness rule) lapse, and the requester is told."""
    candidates = InformationRequest.objects.filter(
        status=Status.INCOMPLETE, completion_due_on__lt=(now + _ZONE_SLACK).date()
    ).select_related("office")
    for request in candidates:
        lapsed = request_lapse(request=request)  # checks the office's own today under the row lock
        if lapsed.status == Status.LAPSED:
            report.lapsed.append(lapsed.registration_number)
            mail.mail_lapsed(lapsed.pk)


def _due_candidates(now: datetime.datetime, calendars: dict[int, Calendar]) -> list[InformationRequest]:
    """Open requests whose deadline in force lies near today: one range query on the deadline expression.

    The window spans every office's "two working days from today" (time zones, local holidays);
    each request is then checked exactly against its own office's calendar.
    """
    distinct = {id(c): c for c in calendars.values()}.values()
    low = min(_today(c, now) for c in distinct) - OVERDUE_CATCH_UP
    high = max(c.add_working_days(_today(c, now), WARN_WORKING_DAYS) for c in distinct)
    # The deadline in force (InformationRequest.due_on). A partial index on exactly this expression
    # for the open statuses turns this into an index range scan (requested in ppid.requests.models).
    due_on = Coalesce("extended_due_on", "notice_due_on")
    return list(
        InformationRequest.objects.alias(due=due_on)
        .filter(status__in=OPEN_STATUSES, due__range=(low, high))
        .select_related("office")
        .order_by("office_id", "pk")
    )


def _kind(request: InformationRequest, calendar: Calendar, now: datetime.datetime) -> str | None:
    due_on = request.due_on
    if due_on is None:
        return None
    today = _today(calendar, now)
    if due_on < today:
        return OVERDUE if today - due_on <= OVERDUE_CATCH_UP else None
    # Two working days before the deadline, counted on the office's calendar; a deadline that is
    # even nearer (a late completion, a missed run) is warned at once.
    if due_on <= calendar.add_working_days(today, WARN_WORKING_DAYS):
        return DUE_SOON
    return None


def _recipients(requests: list[InformationRequest], day: datetime.date) -> dict[int, list[str]]:
    """For each request: the e-mail of the liaison teams of its assigned units, the PPID and the Atasan."""
    office_ids = {r.office_id for r in requests}
    units_of: dict[int, set[int]] = defaultdict(set)
    for request_id, unit_id in RequestAssignment.objects.filter(request__in=requests).values_list(
        "request_id", "work_unit_id"
    ):
        units_of[request_id].add(unit_id)
    all_units = set().union(*units_of.values()) if units_of else set()
    memberships = (
        RoleMembership.objects.active_on(day)
        .filter(
            Q(role__in=[Role.PPID, Role.ATASAN], office_id__in=office_ids)
            | Q(role=Role.TIM_PENGHUBUNG, work_unit_id__in=all_units)
        )
        .filter(user__is_active=True)
        .select_related("user")
        .order_by("role", "user__username")
    )
    by_office: dict[int, list[str]] = defaultdict(list)
    by_unit: dict[int, list[str]] = defaultdict(list)
    for membership in memberships:
        email = membership.user.email
        if not email:
            continue
        if membership.role == Role.TIM_PENGHUBUNG and membership.work_unit_id is not None:
            by_unit[membership.work_unit_id].append(email)
        else:
            by_office[membership.office_id].append(email)
    result: dict[int, list[str]] = {}
    for request in requests:
        addresses = [email for unit in sorted(units_of[request.pk]) for email in by_unit[unit]]
        result[request.pk] = list(dict.fromkeys(addresses + by_office[request.office_id]))
    return result


def warn_deadlines(now: datetime.datetime, report: DailyReport) -> None:
    """Warn two working days before a deadline and on the day it is missed, once per deadline."""
    calendars = calendars_for_offices(None)  # two queries, shared by offices with the same days
    if not calendars:
        return
    due: list[tuple[InformationRequest, str]] = []
    for request in _due_candidates(now, calendars):
        kind = _kind(request, calendars[request.office_id], now)
        if kind is not None:
            due.append((request, kind))
    if not due:
        return
    keys = {f"reminder:{r.pk}:{kind}:{r.due_on}" for r, kind in due}
    sent = set(OutboxMessage.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True))
    pending = [(r, kind) for r, kind in due if f"reminder:{r.pk}:{kind}:{r.due_on}" not in sent]
    report.already_sent += len(due) - len(pending)
    recipients = _recipients([r for r, _kind in pending], timezone.localdate(now))
    for request, kind in pending:
        addresses = recipients[request.pk]
        if not addresses:
            report.without_recipients.append(request.registration_number)
            logger.error("No one to warn about request %s (%s)", request.registration_number, kind)
        mail.mail_reminder(request=request, kind=kind, recipients=addresses)
        getattr(report, kind).append(request.registration_number)


def requests_daily() -> DailyReport:
    """The daily run: lapses first (a lapsed request needs no warning), then the warnings."""
    moment = timezone.now()
    report = DailyReport()
    lapse_incomplete(moment, report)
    warn_deadlines(moment, report)
    logger.info("requests_daily: %s", report.summary())
    return report
