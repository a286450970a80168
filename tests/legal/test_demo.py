"""The demo objections and disputes: every status, outcome and stage, through the services, once."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from ppid.disputes.models import Dispute, DisputeRuling, FollowUpTask
from ppid.disputes.workflow import Forum, Stage, TaskKind
from ppid.disputes.workflow import Outcome as DisputeOutcome
from ppid.events.models import Event
from ppid.objections.models import Objection
from ppid.objections.workflow import Outcome, Reaction, Status
from ppid.requests.models import InformationRequest
from ppid.requests.workflow import Status as RequestStatus
from tests.demo_support import seed

pytestmark = pytest.mark.django_db
DEMO_CODES = ["00", "32", "32.73"]


def counts() -> tuple[int, ...]:
    return (
        InformationRequest.objects.count(),
        Objection.objects.count(),
        Dispute.objects.count(),
        DisputeRuling.objects.count(),
        FollowUpTask.objects.count(),
        Event.objects.count(),
    )


def test_every_objection_status_and_outcome_exists_at_each_demo_office() -> None:
    output = seed()

    assert "Demo objections:" in output
    for code in DEMO_CODES:
        rows = Objection.objects.filter(office__code=code)
        assert set(rows.values_list("status", flat=True)) == set(Status), code
        assert set(rows.exclude(outcome="").values_list("outcome", flat=True)) == set(Outcome), code
        assert rows.filter(status=Status.AWAITING_ADMISSION, is_late=True).exists(), code
        granted = rows.filter(outcome=Outcome.GRANTED)
        assert granted.filter(order_fulfilled_at__isnull=True).exists(), code
        assert granted.filter(order_fulfilled_at__isnull=False).exists(), code
        assert rows.filter(reaction=Reaction.ACCEPTED).exists(), code
        # A granted objection reopens its request: the one status the request demo cannot make.
        assert InformationRequest.objects.filter(office__code=code, status=RequestStatus.REOPENED).exists(), code
    # The Atasan's worklist has an answer due soon and one overdue, each dated consistently.
    today = timezone.localdate()
    pending = Objection.objects.filter(office__code="32.73", status=Status.REGISTERED)
    assert pending.filter(answer_due_on__lt=today).exists()
    assert pending.filter(answer_due_on__gte=today, answer_due_on__lte=today + datetime.timedelta(days=7)).exists()
    for objection in pending:
        assert objection.ground_arose_on <= objection.received_at.date() <= objection.answer_due_on
        assert not objection.is_late


def test_every_dispute_stage_exists_at_each_demo_office_with_a_plausible_history() -> None:
    output = seed()

    assert "Demo disputes:" in output
    today = timezone.localdate()
    for code in DEMO_CODES:
        rows = Dispute.objects.filter(office__code=code)
        assert set(rows.values_list("stage", flat=True)) == set(Stage), code
        closed = set(rows.filter(stage=Stage.CLOSED).values_list("outcome", flat=True))
        assert closed == {DisputeOutcome.MEDIATION_AGREEMENT, DisputeOutcome.RULING_FINAL}, code
        ruled = rows.filter(stage=Stage.RULED)
        assert {Forum.KI, Forum.PTUN} <= set(ruled.values_list("rulings__forum", flat=True)), code
        assert set(rows.filter(stage=Stage.CASSATION).values_list("rulings__forum", flat=True)) == {
            Forum.KI,
            Forum.PTUN,
        }
    for dispute in Dispute.objects.filter(office__code="32.73").select_related("objection"):
        decided = dispute.objection.decided_at
        assert decided is not None
        assert decided.date() <= dispute.filed_on <= today, dispute
        assert not dispute.is_late, dispute
        for ruling in dispute.rulings.all():
            assert dispute.filed_on <= ruling.ruled_on <= ruling.received_on <= today


def test_the_ki_ruling_left_a_follow_up_and_a_dip_task_one_of_them_done() -> None:
    seed()

    dispute = Dispute.objects.exclude(rulings__forum=Forum.PTUN).get(office__code="32.73", stage=Stage.RULED)
    tasks = {task.kind: task for task in dispute.tasks.all()}
    assert set(tasks) == {TaskKind.FOLLOW_UP, TaskKind.PUBLISH_DIP}
    assert tasks[TaskKind.PUBLISH_DIP].done_at is not None
    assert tasks[TaskKind.FOLLOW_UP].done_at is None
    assert tasks[TaskKind.FOLLOW_UP].due_on == dispute.appeal_due_on
    assert dispute.appeal_due_on is not None and dispute.appeal_due_on >= timezone.localdate()
    # Every step went through the services: each record carries the events of its transitions.
    for objection in Objection.objects.filter(office__code="32.73"):
        types = set(Event.objects.for_object(objection).values_list("event_type", flat=True))
        assert types & {"objection.filed", "objection.filed_late"}, objection
        if objection.outcome == Outcome.SETTLED:
            assert "objection.settled" in types
    for case in Dispute.objects.filter(office__code="32.73"):
        types = set(Event.objects.for_object(case).values_list("event_type", flat=True))
        assert types & {"dispute.recorded", "dispute.reported"}, case
        if case.outcome == DisputeOutcome.RULING_FINAL:
            assert {"dispute.appealed", "dispute.ruling_recorded"} <= types


def test_seeding_twice_adds_nothing() -> None:
    seed()
    before = counts()

    output = seed()

    assert counts() == before
    assert "Demo objections: 0 new" in output
    assert "Demo disputes: 0 new" in output
