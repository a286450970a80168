"""Daily warnings for objections, and the warning machinery the dispute job shares.

The Atasan PPID is reminded of an objection's answer (Pasal 36 ayat (2) UU 14/2008) and the PPID of
the Atasan's order to provide information, two working days before the deadline and once when it
is missed, as requests are (ppid.requests.jobs). Run by `legal_daily` (ppid.disputes.jobs).

Idempotent: each warning is one outbox message under `legal-reminder:<what>:<kind>:<deadline>` and
one event on the objection or dispute, written together; a second run on the same day, or the
next, finds the key and sends nothing; a new deadline (a recount) is a new key.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.models import RoleMembership
from ppid.accounts.permissions import roles_with
from ppid.accounts.roles import Role
from ppid.events.registry import register_event_type
from ppid.events.services import event_record
from ppid.notifications.models import OutboxMessage
from ppid.notifications.services import MESSAGE_LANGUAGE, outbox_enqueue
from ppid.objections.models import Objection
from ppid.objections.services.common import OBJECTION_ANSWER_OVERDUE, OBJECTION_ANSWER_REMINDER
from ppid.objections.workflow import PENDING_STATUSES, Outcome, Status
from ppid.offices.models import Office
from ppid.requests.jobs import DUE_SOON, OVERDUE, OVERDUE_CATCH_UP, WARN_WORKING_DAYS
from ppid.requests.mail import _absolute
from ppid.workdays.engine import Calendar

logger = logging.getLogger(__name__)

OBJECTION_ORDER_REMINDER = register_event_type(
    "objection.order_reminder", gettext_lazy("Reminder: the Atasan PPID's order is due soon")
)
OBJECTION_ORDER_OVERDUE = register_event_type(
    "objection.order_overdue", gettext_lazy("Warning: the Atasan PPID's order is overdue")
)

ANSWER = "answer"
ORDER = "order"
# Seed c.2: the Atasan PPID answers objections (and admits late ones).
ANSWER_ROLES = roles_with("objection:decide")
# Pasal 36 UU 14/2008: the Atasan's order is addressed to the PPID, who carries it out.
ORDER_ROLES = frozenset({Role.PPID})


@dataclass(frozen=True)
class Deadline:
    """One running deadline of an objection, a dispute or a follow-up task that someone is warned about."""

    holder: models.Model  # the objection or dispute whose timeline gets the warning's event
    office: Office
    clock: str  # which deadline: "answer", "order", "ki_start", "appeal", "task", …
    due_on: datetime.date
    roles: frozenset[Role]  # who is warned: everyone holding one of these roles at the office
    number: str  # the holder's register number
    request_number: str
    what: str | Promise  # "the answer to objection %(number)s": the subject's and the first line's subject
    basis: str | Promise  # the article that sets the deadline
    url: str
    ref: str  # the stable part of the dedupe key, e.g. "objection:12:answer" or "task:5"
    events: tuple[str, str]  # event types: (due soon, overdue)
    detail: str = ""  # e.g. what a follow-up task asks for

    @property
    def label(self) -> str:
        return f"{self.number} ({self.clock})"

    def dedupe_key(self, kind: str) -> str:
        return f"legal-reminder:{self.ref}:{kind}:{self.due_on.isoformat()}"


@dataclass
class LegalReport:
    due_soon: list[str] = field(default_factory=list)
    overdue: list[str] = field(default_factory=list)
    already_sent: int = 0
    without_recipients: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"due_soon={len(self.due_soon)} overdue={len(self.overdue)} "
            f"already_sent={self.already_sent} without_recipients={len(self.without_recipients)}"
        )


def local_today(calendar: Calendar, now: datetime.datetime) -> datetime.date:
    return calendar.local(now).date()


def due_window(now: datetime.datetime, calendars: dict[int, Calendar]) -> tuple[datetime.date, datetime.date]:
    """The deadlines any office could be warned about today: from the oldest overdue still sent to two
    working days ahead, over every office's "today" (time zones, local holidays). Each deadline is
    then checked exactly against its own office's calendar."""
    distinct = {id(c): c for c in calendars.values()}.values()
    low = min(local_today(c, now) for c in distinct) - OVERDUE_CATCH_UP
    high = max(c.add_working_days(local_today(c, now), WARN_WORKING_DAYS) for c in distinct)
    return low, high


def deadline_kind(due_on: datetime.date, calendar: Calendar, now: datetime.datetime) -> str | None:
    """The same rule as for requests: due soon within two working days, overdue from the day after
    the deadline (a deadline is the end of its day, RULES.md §7), overdue ones up to a week late."""
    today = local_today(calendar, now)
    if due_on < today:
        return OVERDUE if today - due_on <= OVERDUE_CATCH_UP else None
    if due_on <= calendar.add_working_days(today, WARN_WORKING_DAYS):
        return DUE_SOON
    return None


def objection_deadlines(low: datetime.date, high: datetime.date) -> Iterator[Deadline]:
    """Answers still to come and orders not yet carried out whose deadline lies in [low, high] (one query)."""
    pending_answer = Q(status__in=PENDING_STATUSES, answer_due_on__range=(low, high))
    open_order = Q(
        status=Status.ANSWERED,
        outcome=Outcome.GRANTED,
        order_fulfilled_at__isnull=True,
        order_due_on__range=(low, high),
    )
    objections = (
        Objection.objects.filter(pending_answer | open_order)
        .select_related("office", "request")
        .order_by("office_id", "pk")
    )
    for objection in objections:
        if objection.status in PENDING_STATUSES:
            clock, due_on, roles, what, basis = (
                ANSWER,
                objection.answer_due_on,
                ANSWER_ROLES,
                gettext_lazy("the answer to objection %(number)s"),
                gettext_lazy("Pasal 36 ayat (2) UU 14/2008: the Atasan PPID answers in writing."),
            )
            events = (OBJECTION_ANSWER_REMINDER, OBJECTION_ANSWER_OVERDUE)
        elif objection.order_due_on is not None:
            clock, due_on, roles, what, basis = (
                ORDER,
                objection.order_due_on,
                ORDER_ROLES,
                gettext_lazy("the Atasan PPID's order on objection %(number)s"),
                gettext_lazy("Pasal 36 UU 14/2008: the PPID provides what the Atasan PPID ordered."),
            )
            events = (OBJECTION_ORDER_REMINDER, OBJECTION_ORDER_OVERDUE)
        else:
            continue
        yield Deadline(
            holder=objection,
            office=objection.office,
            clock=clock,
            due_on=due_on,
            roles=roles,
            number=objection.objection_number,
            request_number=objection.request.registration_number,
            what=what,
            basis=basis,
            url=_absolute("objections_staff:detail", f"/staf/keberatan/{objection.pk}/", pk=objection.pk),
            ref=f"objection:{objection.pk}:{clock}",
            events=events,
            detail=objection.order_text if clock == ORDER else "",
        )


def _recipients(deadlines: list[Deadline], day: datetime.date) -> dict[tuple[int, str], list[str]]:
    """E-mail addresses of the active holders of each (office, role) the deadlines need, in one query."""
    offices = {d.office.pk for d in deadlines}
    roles = set().union(*(d.roles for d in deadlines))
    memberships = (
        RoleMembership.objects.active_on(day)
        .filter(role__in=roles, office_id__in=offices, user__is_active=True)
        .select_related("user")
        .order_by("role", "user__username")
    )
    found: dict[tuple[int, str], list[str]] = defaultdict(list)
    for membership in memberships:
        if membership.user.email:
            found[(membership.office_id, membership.role)].append(membership.user.email)
    return found


def _mail_text(deadline: Deadline, kind: str) -> tuple[str, str]:
    """Subject and body, in the people's language (Bahasa Indonesia)."""
    with translation.override(MESSAGE_LANGUAGE):
        what = str(deadline.what) % {"number": deadline.number}
        values = {"what": what, "day": formats.date_format(deadline.due_on, "j F Y")}
        if kind == OVERDUE:
            subject = _("Deadline missed: %(what)s was due on %(day)s") % values
        else:
            subject = _("Deadline near: %(what)s is due on %(day)s") % values
        roles = ", ".join(str(Role(role).label) for role in sorted(deadline.roles))
        lines = [
            subject + ".",
            str(deadline.basis),
            "",
            f"{_('Office')}: {deadline.office.name}",
            f"{_('Request')}: {deadline.request_number}",
        ]
        if deadline.detail:
            lines.append(f"{_('What must be done')}: {deadline.detail}")
        lines += [
            "",
            _(
                "Deadlines count the office's working days (Monday to Friday, less holidays, cuti bersama "
                "and closures); a deadline ends with its day."
            ),
            _("Open: %(url)s") % {"url": deadline.url},
            "",
            _("You receive this as %(roles)s of %(office)s.") % {"roles": roles, "office": deadline.office.name},
            _("This message was sent automatically; please do not reply to it."),
        ]
    return subject[:255], "\n".join(lines) + "\n"


def _warn_one(deadline: Deadline, kind: str, addresses: list[str]) -> None:
    """The message and its event together: a warning is either fully recorded or not at all."""
    subject, body = _mail_text(deadline, kind)
    with transaction.atomic():
        outbox_enqueue(
            to=addresses,
            subject=subject,
            body=body,
            obj=deadline.holder,
            office=deadline.office,
            dedupe_key=deadline.dedupe_key(kind),
        )
        # Not a status change: a plain event, so the timeline shows who was warned of what, when.
        event_record(
            event_type=deadline.events[0] if kind == DUE_SOON else deadline.events[1],
            obj=deadline.holder,
            actor=None,
            office=deadline.office,
            payload={
                "request": deadline.request_number,
                "deadline": deadline.clock,
                "due_on": deadline.due_on,
                "kind": kind,
                "recipients": len(addresses),
                "roles": sorted(deadline.roles),
                **({"task": deadline.ref.rsplit(":", 1)[-1]} if deadline.clock == "task" else {}),
            },
        )


def deadlines_warn(
    deadlines: Iterable[Deadline], *, calendars: dict[int, Calendar], now: datetime.datetime, report: LegalReport
) -> None:
    """Warn of every deadline that is near or just missed and was not warned of yet.

    Three queries whatever the number of deadlines (sent keys, recipients); then one message and
    one event for each new warning."""
    due: list[tuple[Deadline, str]] = []
    for deadline in deadlines:
        kind = deadline_kind(deadline.due_on, calendars[deadline.office.pk], now)
        if kind is not None:
            due.append((deadline, kind))
    if not due:
        return
    keys = {d.dedupe_key(kind) for d, kind in due}
    sent = set(OutboxMessage.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True))
    pending = [(d, kind) for d, kind in due if d.dedupe_key(kind) not in sent]
    report.already_sent += len(due) - len(pending)
    if not pending:
        return
    recipients = _recipients([d for d, _kind in pending], timezone.localdate(now))
    for deadline, kind in pending:
        addresses = list(
            dict.fromkeys(email for role in sorted(deadline.roles) for email in recipients[(deadline.office.pk, role)])
        )
        if not addresses:
            # Stored as a failed message by the outbox, so the office's PPID and administrators see it.
            report.without_recipients.append(deadline.label)
            logger.error("No one to warn about %s (%s)", deadline.label, kind)
        _warn_one(deadline, kind, addresses)
        getattr(report, kind).append(deadline.label)
