"""Demo objections for `seed_demo`: every status and outcome at the demo offices, through the services.

Each scenario makes its own request (ppid.requests.demo's people and topics), brings it to the point
where the objection's ground arises, and files and handles the objection through
ppid.objections.services, so every step has its event. Safe to run again: a scenario already seeded
(its request's submission key exists) is skipped.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from ppid.accounts.models import User
from ppid.objections.grounds import window_start
from ppid.objections.models import Objection
from ppid.objections.services import (
    ObjectionData,
    objection_confirm_settlement,
    objection_decide,
    objection_file,
    objection_fulfil_order,
    objection_propose_settlement,
    objection_record_reaction,
    objection_refuse_admission,
)
from ppid.objections.workflow import Outcome, Reaction, Status
from ppid.offices.models import Office, WorkUnit
from ppid.requests.demo import DEMO_OFFICES, NOTICES, Actors, _age, _intake
from ppid.requests.models import Channel, DeliveryMethod, InformationRequest, RequesterKind, WrittenNotice
from ppid.requests.services import request_assign, request_decide, request_submit
from ppid.requests.services.common import due_after
from ppid.requests.workflow import Outcome as RequestOutcome
from ppid.workdays.engine import Calendar
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import calendar_for_office, rule_spec

REQUESTER_USERNAME = "pemohon"


@dataclass
class LegalActors:
    """The demo staff of one office (seed_demo's accounts) and the demo requester."""

    office: Office
    desk: User
    ppid: User
    atasan: User
    legal: User
    requester: User
    unit: WorkUnit

    @property
    def request_actors(self) -> Actors:
        return Actors(desk=self.desk, ppid=self.ppid, requester=self.requester, unit=self.unit)


def legal_actors(suffix: str, code: str) -> LegalActors:
    office = Office.objects.get(code=code)
    unit = office.work_units.filter(is_active=True, is_legal_unit=False).order_by("name").first()
    assert unit is not None, f"{office} has no work unit"
    return LegalActors(
        office=office,
        desk=User.objects.get(username=f"desk.{suffix}"),
        ppid=User.objects.get(username=f"ppid.{suffix}"),
        atasan=User.objects.get(username=f"atasan.{suffix}"),
        legal=User.objects.get(username=f"hukum.{suffix}"),
        requester=User.objects.get(username=REQUESTER_USERNAME),
        unit=unit,
    )


def working_days_before(calendar: Calendar, day: datetime.date, count: int) -> datetime.date:
    for _ in range(count):
        day = calendar.previous_working_day(day)
    return day


# How the request stands when the objection is filed, and so which grounds apply (Pasal 35 ayat (1)).
REFUSED = "refused"  # a refusal under Pasal 17: ground a
GRANTED_PART = "granted_part"  # partly refused, with costs: grounds a, f
UNANSWERED = "unanswered"  # no notice, deadline passed two working days ago: ground c, in time
LONG_UNANSWERED = "long_unanswered"  # deadline passed 40 working days ago: ground c, filed late


def base_request(actors: LegalActors, *, key: str, basis: str, index: int) -> InformationRequest:
    """A request by the demo requester (online, so they may object online) brought to `basis`."""
    request = request_submit(
        office=actors.office,
        data=_intake(index, RequesterKind.INDIVIDUAL),
        channel=Channel.ONLINE,
        actor=actors.requester,
        submission_key=key,
    )
    if basis in (UNANSWERED, LONG_UNANSWERED):
        # Demo only, as ppid.requests.demo does: date the request back so its deadline has passed.
        _age(-2 if basis == UNANSWERED else -40)(request, actors.request_actors)
    request = request_assign(request=request, actor=actors.desk, work_units=[actors.unit], note="Mohon disiapkan.")
    if basis == REFUSED:
        request_decide(request=request, actor=actors.ppid, data=NOTICES[RequestOutcome.REFUSED])
    elif basis == GRANTED_PART:
        request_decide(request=request, actor=actors.ppid, data=NOTICES[RequestOutcome.GRANTED_PART])
    request.refresh_from_db()
    return request


REASONS = {
    "a": "Informasi yang diminta bukan informasi yang dikecualikan; uji konsekuensi tidak memadai.",
    "c": "Sampai batas waktu tidak ada pemberitahuan tertulis atas permohonan saya.",
    "f": "Biaya fotokopi dan pengiriman tidak wajar dibandingkan standar biaya.",
    "af": "Sebagian informasi ditolak tanpa alasan yang cukup, dan biaya salinannya tidak wajar.",
}


def file_demo_objection(
    actors: LegalActors, request: InformationRequest, grounds: str, *, at_desk: bool = False
) -> Objection:
    """Filed online by the demo requester, or received by letter and registered at the desk."""
    return objection_file(
        request=request,
        data=ObjectionData(grounds=list(grounds), reasons=REASONS[grounds]),
        actor=actors.desk if at_desk else actors.requester,
        channel=Channel.LETTER if at_desk else Channel.ONLINE,
        submission_key=f"{request.submission_key}:keberatan",
    )


def rewind(objection: Objection, working_days: int) -> Objection:
    """Demo only: date the objection, its request and notice back by `working_days` working days, with
    their deadlines recounted, as if it had all happened then (ppid.requests.demo ages requests the
    same way). Its events keep today's date."""
    request = InformationRequest.objects.select_related("office", "rule_set").get(pk=objection.request_id)
    office = request.office
    calendar, zone = calendar_for_office(office), office.zoneinfo

    def back(moment: datetime.datetime) -> datetime.datetime:
        local = moment.astimezone(zone)
        day = working_days_before(calendar, local.date(), working_days)
        return datetime.datetime.combine(day, local.time(), tzinfo=zone)

    request.received_at = back(request.received_at)
    request.clock_started_at = back(request.clock_started_at) if request.clock_started_at else request.received_at
    request.notice_due_on = due_after(request, request.clock_started_at, DeadlineStep.REQUEST_NOTICE)
    request.completeness_check_due_on = due_after(request, request.received_at, DeadlineStep.COMPLETENESS_NOTICE)
    request.save(update_fields=["received_at", "clock_started_at", "notice_due_on", "completeness_check_due_on"])
    for notice in WrittenNotice.objects.filter(request=request):
        notice.issued_at = back(notice.issued_at)
        notice.save(update_fields=["issued_at"])

    locked = Objection.objects.select_related("rule_set").get(pk=objection.pk)
    locked.received_at = back(locked.received_at)
    if locked.decided_at is not None:
        locked.decided_at = back(locked.decided_at)
    start = window_start(request, locked.ground_list, locked.received_at.astimezone(zone).date())
    locked.ground_arose_on = start.arose_on
    locked.filing_due_on = calendar.deadline(
        start.arose_on, rule_spec(locked.rule_set, DeadlineStep.OBJECTION_FILING).working_days
    )
    locked.answer_due_on = calendar.deadline(
        locked.received_at, rule_spec(locked.rule_set, DeadlineStep.OBJECTION_ANSWER).working_days
    )
    locked.save(update_fields=["received_at", "decided_at", "ground_arose_on", "filing_due_on", "answer_due_on"])
    return locked


def _uphold(objection: Objection, actors: LegalActors) -> Objection:
    return objection_decide(
        objection=objection,
        actor=actors.atasan,
        grant=False,
        reasons="Informasi termasuk yang dikecualikan menurut Pasal 17 huruf i; uji konsekuensi telah dilakukan.",
    )


def _grant(objection: Objection, actors: LegalActors) -> Objection:
    today = timezone.now().astimezone(actors.office.zoneinfo).date()
    return objection_decide(
        objection=objection,
        actor=actors.atasan,
        grant=True,
        reasons="Pertimbangan pengecualian tidak memadai; informasi dapat dibuka dengan menghitamkan data pribadi.",
        order_text="Salinan dokumen yang diminta, dengan data pribadi dihitamkan.",
        order_due_on=calendar_for_office(actors.office).add_working_days(today, 10),
    )


def _settle_proposal(objection: Objection, actors: LegalActors) -> Objection:
    return objection_propose_settlement(
        objection=objection,
        actor=actors.ppid,
        terms="Biaya disesuaikan dengan standar biaya KPU; salinan dikirim dalam bentuk digital tanpa biaya.",
    )


Step = Callable[[Objection, LegalActors], Any]
# slug → (how the request stands, grounds, registered at the desk?, steps after filing). Each ends in
# the status and outcome its name says.
SCENARIOS: dict[str, tuple[str, str, bool, list[Step]]] = {
    "awaiting-admission": (LONG_UNANSWERED, "c", False, []),
    "not-admitted": (
        LONG_UNANSWERED,
        "c",
        True,
        [
            lambda o, a: objection_refuse_admission(
                objection=o, actor=a.atasan, reasons="Diajukan jauh melewati 30 hari kerja tanpa alasan yang sah."
            )
        ],
    ),
    "registered": (REFUSED, "a", False, []),
    "answer-due-soon": (UNANSWERED, "c", True, [lambda o, a: rewind(o, 28)]),
    "answer-overdue": (UNANSWERED, "c", False, [lambda o, a: rewind(o, 33)]),
    "settlement-pending": (GRANTED_PART, "f", False, [_settle_proposal]),
    "settled": (
        GRANTED_PART,
        "f",
        False,
        [_settle_proposal, lambda o, a: objection_confirm_settlement(objection=o, actor=a.requester)],
    ),
    "upheld": (REFUSED, "a", False, [_uphold]),
    "granted-order-open": (REFUSED, "a", False, [_grant]),
    "granted-fulfilled": (
        REFUSED,
        "a",
        True,
        [
            _grant,
            lambda o, a: objection_fulfil_order(
                objection=o, actor=a.ppid, method=DeliveryMethod.EMAIL, note="Dikirim melalui surel."
            ),
        ],
    ),
    "reaction-recorded": (
        REFUSED,
        "a",
        True,
        [
            _uphold,
            lambda o, a: objection_record_reaction(
                objection=o, actor=a.desk, reaction=Reaction.ACCEPTED, note="Pemohon menerima melalui telepon."
            ),
        ],
    ),
}


def seed_objections(write: Callable[[str], Any] = print) -> int:
    """Objections in every status and outcome at the demo offices."""
    created = 0
    for suffix, code in DEMO_OFFICES.items():
        actors = legal_actors(suffix, code)
        for index, (slug, (basis, grounds, at_desk, steps)) in enumerate(SCENARIOS.items()):
            key = f"demo:{code}:keberatan-{slug}"
            if InformationRequest.objects.filter(submission_key=key).exists():
                continue
            with transaction.atomic():
                request = base_request(actors, key=key, basis=basis, index=index)
                objection = file_demo_objection(actors, request, grounds, at_desk=at_desk)
                for step in steps:
                    step(objection, actors)
            created += 1
    rows = Objection.objects.filter(office__code__in=DEMO_OFFICES.values())
    statuses = {s.value: rows.filter(status=s).count() for s in Status}
    outcomes = {o.value: rows.filter(outcome=o).count() for o in Outcome}
    write(f"Demo objections: {created} new; at the demo offices by status: {statuses}; by outcome: {outcomes}")
    return created
