"""The whole chain once, end to end through the services: request → objection → dispute → ruling."""

from __future__ import annotations

import datetime

from django.utils import timezone

from ppid.disputes.models import FollowUpTask
from ppid.disputes.services import (
    RulingData,
    dispute_appeal,
    dispute_record_ruling,
    dispute_schedule_session,
    task_complete,
)
from ppid.disputes.workflow import Stage, TaskKind
from ppid.events.models import Event
from ppid.requests.timeline import request_timeline


def test_upheld_objection_goes_to_the_commission_and_the_courts(dispute_at_ki, legal_unit, atasan, ppid_officer):
    dispute = dispute_at_ki
    assert dispute.stage == Stage.REGISTERED
    assert dispute.ki_start_due_on is not None and dispute.ki_settlement_due_on is not None
    today = timezone.localdate()
    dispute_schedule_session(dispute=dispute, actor=legal_unit, kind="adjudication", held_on=today)
    ruling = dispute_record_ruling(
        dispute=dispute,
        actor=legal_unit,
        data=RulingData(
            forum="ki",
            number="12/KIP-JB/2026",
            ruled_on=today,
            received_on=today,
            orders=["cancel_decision", "disclose_part"],
        ),
    )
    dispute.refresh_from_db()
    assert dispute.stage == Stage.RULED and dispute.appeal_due_on is not None
    kinds = sorted(FollowUpTask.objects.filter(dispute=dispute).values_list("kind", flat=True))
    assert kinds == [TaskKind.FOLLOW_UP, TaskKind.PUBLISH_DIP]
    follow_up = FollowUpTask.objects.get(dispute=dispute, kind=TaskKind.FOLLOW_UP)
    task_complete(task=follow_up, actor=atasan, result="Diputuskan banding ke PTUN.")
    publish = FollowUpTask.objects.get(dispute=dispute, kind=TaskKind.PUBLISH_DIP)
    task_complete(task=publish, actor=ppid_officer, result="Dimuat di DIP.")
    dispute_appeal(dispute=dispute, actor=legal_unit, forum="ptun", filed_on=today, appellant="KPU Kota Bandung")
    dispute.refresh_from_db()
    assert dispute.stage == Stage.APPEAL
    assert ruling.pk
    types = list(request_timeline(dispute.request).order_by("created_at", "id").values_list("event_type", flat=True))
    assert types[0] == "request.submitted"
    assert "objection.upheld" in types and "dispute.recorded" in types and types[-1] == "dispute.appealed"
    assert Event.objects.filter(event_type="dispute.task_done").count() == 2
    assert datetime.date.today()
