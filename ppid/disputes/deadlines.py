"""Keeps the deadlines of open disputes in step with the calendar (recompute registry).

At the Commission: start within KI_START and settle within KI_SETTLEMENT working days of
registration (Pasal 38 UU 14/2008); after a ruling: the appeal window (Pasal 48, 50)."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterator

from ppid.disputes.models import Dispute
from ppid.disputes.workflow import AT_COMMISSION, Forum, Stage
from ppid.workdays.engine import Calendar
from ppid.workdays.models import DeadlineStep
from ppid.workdays.providers import OpenDeadline, provider_register
from ppid.workdays.selectors import rule_spec

KI_START = "ki_start_due"
KI_SETTLEMENT = "ki_settlement_due"
APPEAL = "appeal_due"


def open_dispute_deadlines(office_ids: Collection[int] | None) -> Iterator[OpenDeadline]:
    disputes = Dispute.objects.filter(stage__in=[*AT_COMMISSION, Stage.RULED])
    if office_ids is not None:
        disputes = disputes.filter(office_id__in=office_ids)
    for dispute in disputes.select_related("rule_set").iterator(chunk_size=2000):
        if dispute.stage == Stage.RULED:
            if dispute.appeal_due_on is not None:
                yield OpenDeadline(dispute, dispute.office_id, dispute.appeal_due_on, APPEAL)
            continue
        if dispute.stage == Stage.REGISTERED and dispute.ki_start_due_on is not None:
            yield OpenDeadline(dispute, dispute.office_id, dispute.ki_start_due_on, KI_START)
        if dispute.ki_settlement_due_on is not None:
            yield OpenDeadline(dispute, dispute.office_id, dispute.ki_settlement_due_on, KI_SETTLEMENT)


def recompute_dispute_deadline(deadline: OpenDeadline, calendar: Calendar) -> datetime.date:
    dispute: Dispute = deadline.holder
    if deadline.key == APPEAL:
        latest = dispute.rulings.order_by("-ruled_on", "-id").first()
        assert latest is not None  # a dispute is only ruled after a ruling
        step = DeadlineStep.COURT_APPEAL if latest.forum == Forum.KI else DeadlineStep.CASSATION
        dispute.appeal_due_on = calendar.deadline(latest.received_on, rule_spec(dispute.rule_set, step).working_days)
        dispute.save(update_fields=["appeal_due_on"])
        return dispute.appeal_due_on
    assert dispute.registered_on is not None  # only registered disputes carry these deadlines
    step = DeadlineStep.KI_START if deadline.key == KI_START else DeadlineStep.KI_SETTLEMENT
    due = calendar.deadline(dispute.registered_on, rule_spec(dispute.rule_set, step).working_days)
    field = "ki_start_due_on" if deadline.key == KI_START else "ki_settlement_due_on"
    setattr(dispute, field, due)
    dispute.save(update_fields=[field])
    return due


def register_provider() -> None:
    provider_register(name="disputes", open_deadlines=open_dispute_deadlines, recompute=recompute_dispute_deadline)
