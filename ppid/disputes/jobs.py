"""The daily legal job: warnings for objections, dispute deadlines and follow-up tasks.

Run once a day (Celery beat, or `manage.py legal_daily`). Like the request job it warns two working
days before a deadline and once when it is missed, each warning one outbox message and one event,
never twice (ppid.objections.jobs). Who is warned follows the permission table:
- the Atasan PPID of an objection's answer (seed c.2), the PPID of the Atasan's order (Pasal 36);
- the legal unit (`dispute:manage`) of the Commission's start and settlement periods (Pasal 38
  UU 14/2008: 14 and 100 working days) and of the window to appeal a ruling (Pasal 48, 50);
- the role that completes a follow-up task of its due date: the Atasan PPID the follow-up of a
  ruling (seed c.5), the PPID the DIP entry of opened information (Pasal 11 ayat (2)).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator

from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import roles_with
from ppid.disputes.models import Dispute, FollowUpTask
from ppid.disputes.services.tasks import TASK_PERMISSIONS
from ppid.disputes.workflow import AT_COMMISSION, Stage
from ppid.events.registry import register_event_type
from ppid.objections.jobs import Deadline, LegalReport, deadlines_warn, due_window, objection_deadlines
from ppid.requests.mail import _absolute
from ppid.workdays.selectors import calendars_for_offices

logger = logging.getLogger(__name__)

DISPUTE_DEADLINE_REMINDER = register_event_type(
    "dispute.deadline_reminder", gettext_lazy("Reminder: a deadline of the dispute is near")
)
DISPUTE_DEADLINE_OVERDUE = register_event_type(
    "dispute.deadline_overdue", gettext_lazy("Warning: a deadline of the dispute has passed")
)
DISPUTE_TASK_REMINDER = register_event_type(
    "dispute.task_reminder", gettext_lazy("Reminder: a follow-up task is due soon")
)
DISPUTE_TASK_OVERDUE = register_event_type("dispute.task_overdue", gettext_lazy("Warning: a follow-up task is overdue"))

KI_START = "ki_start"
KI_SETTLEMENT = "ki_settlement"
APPEAL = "appeal"
TASK = "task"
# UU 14/2008 Pasal 37-50, RULES.md §5: the legal unit of the office's level handles the case.
CASE_ROLES = roles_with("dispute:manage")

# deadline → (the field holding it, the stages in which it runs, what it is, its basis)
DISPUTE_CLOCKS: dict[str, tuple[str, frozenset[Stage], Promise, Promise]] = {
    KI_START: (
        "ki_start_due_on",
        frozenset({Stage.REGISTERED}),
        gettext_lazy("the start of dispute %(number)s at the Information Commission"),
        gettext_lazy("Pasal 38 ayat (1) UU 14/2008: the Commission starts mediation or adjudication."),
    ),
    KI_SETTLEMENT: (
        "ki_settlement_due_on",
        AT_COMMISSION,
        gettext_lazy("the settlement of dispute %(number)s by the Information Commission"),
        gettext_lazy("Pasal 38 ayat (2) UU 14/2008: the Commission settles the dispute."),
    ),
    APPEAL: (
        "appeal_due_on",
        frozenset({Stage.RULED}),
        gettext_lazy("an appeal against the ruling in dispute %(number)s"),
        gettext_lazy(
            "Pasal 48 and 50 UU 14/2008: an appeal to the PTUN or PN, or cassation, is filed in time; "
            "without one the ruling becomes final."
        ),
    ),
}


def _dispute_url(dispute_id: int) -> str:
    return _absolute("disputes:detail", f"/staf/sengketa/{dispute_id}/", pk=dispute_id)


def dispute_deadlines(low: datetime.date, high: datetime.date) -> Iterator[Deadline]:
    """The running deadlines of disputes that lie in [low, high] (one query)."""
    condition = Q(pk__in=[])
    for field_name, stages, _what, _basis in DISPUTE_CLOCKS.values():
        condition |= Q(stage__in=stages, **{f"{field_name}__range": (low, high)})
    disputes = Dispute.objects.filter(condition).select_related("office", "request").order_by("office_id", "pk")
    for dispute in disputes:
        for clock, (field_name, stages, what, basis) in DISPUTE_CLOCKS.items():
            due_on: datetime.date | None = getattr(dispute, field_name)
            if dispute.stage not in stages or due_on is None or not low <= due_on <= high:
                continue
            yield Deadline(
                holder=dispute,
                office=dispute.office,
                clock=clock,
                due_on=due_on,
                roles=CASE_ROLES,
                number=dispute.dispute_number,
                request_number=dispute.request.registration_number,
                what=what,
                basis=basis,
                url=_dispute_url(dispute.pk),
                ref=f"dispute:{dispute.pk}:{clock}",
                events=(DISPUTE_DEADLINE_REMINDER, DISPUTE_DEADLINE_OVERDUE),
            )


def task_deadlines(low: datetime.date, high: datetime.date) -> Iterator[Deadline]:
    """Follow-up tasks not done whose due date lies in [low, high] (one query); whoever completes a
    task of its kind is warned."""
    tasks = (
        FollowUpTask.objects.filter(done_at__isnull=True, due_on__range=(low, high))
        .select_related("office", "dispute", "dispute__request")
        .order_by("office_id", "pk")
    )
    for task in tasks:
        assert task.due_on is not None  # filtered by the range above
        yield Deadline(
            holder=task.dispute,
            office=task.office,
            clock=TASK,
            due_on=task.due_on,
            roles=roles_with(TASK_PERMISSIONS[task.kind]),
            number=task.dispute.dispute_number,
            request_number=task.dispute.request.registration_number,
            what=gettext_lazy("a follow-up task of dispute %(number)s"),
            basis=task.get_kind_display(),
            url=_dispute_url(task.dispute_id),
            ref=f"task:{task.pk}",
            events=(DISPUTE_TASK_REMINDER, DISPUTE_TASK_OVERDUE),
            detail=task.description,
        )


def legal_daily() -> LegalReport:
    """The daily run over objections, disputes and follow-up tasks at every office."""
    moment = timezone.now()
    report = LegalReport()
    calendars = calendars_for_offices(None)  # two queries, shared by offices with the same days
    if calendars:
        low, high = due_window(moment, calendars)
        deadlines = [*objection_deadlines(low, high), *dispute_deadlines(low, high), *task_deadlines(low, high)]
        deadlines_warn(deadlines, calendars=calendars, now=moment, report=report)
    logger.info("legal_daily: %s", report.summary())
    return report
