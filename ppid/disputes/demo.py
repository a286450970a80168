"""Demo disputes for `seed_demo`: every stage at the demo offices, through the services, and the
hook `seed_legal` that seeds the demo objections and disputes together.

Each case starts from its own upheld objection (ppid.objections.demo), dated back far enough for
the case's history (`rewind`); the case's own dates (filed, registered, sessions, rulings, appeals)
are given to the services as the legal unit would enter them. Safe to run again: a case already
seeded (its request's submission key exists) is skipped.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from ppid.disputes.models import Dispute, FollowUpTask
from ppid.disputes.services import (
    DisputeData,
    RulingData,
    dispute_appeal,
    dispute_end_mediation,
    dispute_record,
    dispute_record_ruling,
    dispute_report,
    dispute_schedule_session,
    task_complete,
)
from ppid.disputes.services.filing import default_commission
from ppid.disputes.workflow import Forum, Outcome, RulingOrder, SessionKind, Stage, TaskKind
from ppid.objections.demo import (
    GRANTED_PART,
    REFUSED,
    LegalActors,
    base_request,
    file_demo_objection,
    legal_actors,
    rewind,
    seed_objections,
    working_days_before,
)
from ppid.objections.models import Objection
from ppid.objections.services import objection_decide
from ppid.requests.demo import DEMO_OFFICES
from ppid.requests.models import InformationRequest
from ppid.workdays.engine import Calendar
from ppid.workdays.selectors import calendar_for_office


@dataclass
class Case:
    """One demo case being built: its objection, people, calendar and (once recorded) dispute."""

    objection: Objection
    actors: LegalActors
    calendar: Calendar
    today: datetime.date
    number: int
    dispute: Dispute | None = None

    def ago(self, working_days: int) -> datetime.date:
        return working_days_before(self.calendar, self.today, working_days)

    @property
    def case(self) -> Dispute:
        assert self.dispute is not None, "record the dispute first"
        return self.dispute


Step = Callable[[Case], Any]


def _data(case: Case, filed: int, registered: int | None) -> DisputeData:
    filed_on = case.ago(filed)
    return DisputeData(
        commission=default_commission(case.objection),
        filed_on=filed_on,
        ki_case_number=f"{case.number:03d}/REG-PSI/{filed_on.year}" if registered is not None else "",
        registered_on=case.ago(registered) if registered is not None else None,
        summary="Sengketa atas penolakan permohonan informasi yang dikuatkan Atasan PPID.",
    )


def report(filed: int) -> Step:
    """The requester tells the office they went to the Commission (waits for the legal unit)."""

    def step(case: Case) -> None:
        case.dispute = dispute_report(
            objection=case.objection, actor=case.actors.requester, data=_data(case, filed, None)
        )

    return step


def record(filed: int, registered: int) -> Step:
    def step(case: Case) -> None:
        case.dispute = dispute_record(
            objection=case.objection, actor=case.actors.legal, data=_data(case, filed, registered)
        )

    return step


def session(kind: SessionKind, held: int) -> Step:
    def step(case: Case) -> None:
        dispute_schedule_session(
            dispute=case.case,
            actor=case.actors.legal,
            kind=kind,
            held_on=case.ago(held),
            place="Ruang Sidang Komisi Informasi",
            summary="Para pihak hadir; pemohon dan termohon menyampaikan keterangan.",
        )

    return step


def end_mediation(*, agreed: bool) -> Step:
    note = (
        "Para pihak sepakat: informasi diberikan dengan data pribadi dihitamkan, tanpa biaya."
        if agreed
        else "Mediasi tidak mencapai kesepakatan; dilanjutkan ke ajudikasi."
    )

    def step(case: Case) -> None:
        dispute_end_mediation(dispute=case.case, actor=case.actors.legal, agreed=agreed, note=note)

    return step


RULING_NUMBERS = {
    Forum.KI: "{n:03d}/PTS-A/KI/{year}",
    Forum.PTUN: "{n}/G/KI/{year}/PTUN",
    Forum.MA: "{n} K/TUN/KI/{year}",
}


def ruling(forum: Forum, ruled: int, received: int, orders: list[RulingOrder]) -> Step:
    def step(case: Case) -> None:
        ruled_on = case.ago(ruled)
        dispute_record_ruling(
            dispute=case.case,
            actor=case.actors.legal,
            data=RulingData(
                forum=forum,
                number=RULING_NUMBERS[forum].format(n=case.number, year=ruled_on.year),
                ruled_on=ruled_on,
                received_on=case.ago(received),
                orders=list(orders),
                summary=f"Putusan {forum.label}: " + "; ".join(str(o.label) for o in orders),
            ),
        )

    return step


def appeal(forum: Forum, filed: int, *, by_office: bool = False) -> Step:
    def step(case: Case) -> None:
        office = case.actors.office
        dispute_appeal(
            dispute=case.case,
            actor=case.actors.legal,
            forum=forum,
            filed_on=case.ago(filed),
            appellant=f"PPID {office.name}" if by_office else case.objection.request.requester.name,
            note="Permohonan diajukan dalam tenggang waktu.",
        )

    return step


def complete_tasks(result: str, kinds: tuple[TaskKind, ...] = (TaskKind.FOLLOW_UP,)) -> Step:
    """The Atasan PPID reports the follow-up (seed c.5); the PPID the DIP entry (Pasal 11 ayat (2)).
    Before an appeal only the follow-up is reported: information a ruling opened is listed once final."""

    def step(case: Case) -> None:
        for task in FollowUpTask.objects.filter(dispute=case.case, done_at__isnull=True, kind__in=kinds):
            actor = case.actors.atasan if task.kind == TaskKind.FOLLOW_UP else case.actors.ppid
            task_complete(task=task, actor=actor, result=result)

    return step


APPEALED = "Putusan diajukan upaya hukum; tindak lanjut menunggu putusan berikutnya."
UPHOLD = [RulingOrder.UPHOLD_DECISION]
OPEN_FULL = [RulingOrder.CANCEL_DECISION, RulingOrder.DISCLOSE_FULL]
OPEN_PART = [RulingOrder.CANCEL_DECISION, RulingOrder.DISCLOSE_PART]
ADJ, MED = SessionKind.ADJUDICATION, SessionKind.MEDIATION
# slug → (grounds of the objection, working days ago the Atasan answered, steps). Numbers in the steps
# are working days before today. Grounds "af" allow mediation (Pasal 40 with Pasal 35 ayat (2)).
# Each case ends at the stage its name says.
CASES: dict[str, tuple[str, int, list[Step]]] = {
    "reported": ("a", 6, [report(4)]),
    "registered": ("a", 10, [record(8, 6)]),
    "mediation": ("af", 30, [record(27, 25), session(MED, 15)]),
    "mediation-agreement": ("af", 45, [record(42, 40), session(MED, 30), end_mediation(agreed=True)]),
    "adjudication": (
        "af",
        50,
        [record(47, 45), session(MED, 35), end_mediation(agreed=False), session(ADJ, 20)],
    ),
    "ruled-ki": (
        "a",
        80,
        [
            record(77, 75),
            session(ADJ, 60),
            ruling(Forum.KI, 4, 3, OPEN_FULL),
            complete_tasks("Informasi dimuat dalam DIP sesuai putusan.", kinds=(TaskKind.PUBLISH_DIP,)),
        ],
    ),
    "appeal-ptun": (
        "a",
        110,
        [
            record(107, 105),
            session(ADJ, 90),
            ruling(Forum.KI, 40, 38, UPHOLD),
            complete_tasks(APPEALED),
            appeal(Forum.PTUN, 30),
        ],
    ),
    "ruled-ptun": (
        "a",
        150,
        [
            record(147, 145),
            session(ADJ, 130),
            ruling(Forum.KI, 80, 78, UPHOLD),
            complete_tasks(APPEALED),
            appeal(Forum.PTUN, 70),
            ruling(Forum.PTUN, 5, 3, OPEN_PART),
        ],
    ),
    "cassation": (
        "a",
        200,
        [
            record(197, 195),
            session(ADJ, 180),
            ruling(Forum.KI, 130, 128, UPHOLD),
            complete_tasks(APPEALED),
            appeal(Forum.PTUN, 120),
            ruling(Forum.PTUN, 60, 58, OPEN_FULL),
            complete_tasks(APPEALED),
            appeal(Forum.MA, 50, by_office=True),
        ],
    ),
    "closed-final": (
        "a",
        260,
        [
            record(257, 255),
            session(ADJ, 240),
            ruling(Forum.KI, 190, 188, UPHOLD),
            complete_tasks(APPEALED),
            appeal(Forum.PTUN, 180),
            ruling(Forum.PTUN, 120, 118, UPHOLD),
            complete_tasks(APPEALED),
            appeal(Forum.MA, 110),
            ruling(Forum.MA, 12, 10, UPHOLD),
        ],
    ),
}


def _upheld_objection(actors: LegalActors, *, key: str, grounds: str, index: int) -> Objection:
    request = base_request(actors, key=key, basis=REFUSED if grounds == "a" else GRANTED_PART, index=index)
    objection = file_demo_objection(actors, request, grounds)
    return objection_decide(
        objection=objection,
        actor=actors.atasan,
        grant=False,
        reasons="Informasi termasuk yang dikecualikan; uji konsekuensi telah dilakukan dan dikuatkan.",
    )


def seed_disputes(write: Callable[[str], Any] = print) -> int:
    """Disputes at every stage at the demo offices, each from an upheld objection."""
    created = 0
    for office_index, (suffix, code) in enumerate(DEMO_OFFICES.items()):
        actors = legal_actors(suffix, code)
        calendar = calendar_for_office(actors.office)
        for index, (slug, (grounds, answered, steps)) in enumerate(CASES.items(), start=1):
            key = f"demo:{code}:sengketa-{slug}"
            if InformationRequest.objects.filter(submission_key=key).exists():
                continue
            with transaction.atomic():
                objection = _upheld_objection(actors, key=key, grounds=grounds, index=index)
                objection = rewind(objection, answered)
                today = timezone.now().astimezone(actors.office.zoneinfo).date()
                # Jawa Barat's two demo offices go to the same Commission: case numbers must differ.
                number = office_index * len(CASES) + index
                case = Case(objection=objection, actors=actors, calendar=calendar, today=today, number=number)
                for step in steps:
                    step(case)
            created += 1
    rows = Dispute.objects.filter(office__code__in=DEMO_OFFICES.values())
    stages = {s.value: rows.filter(stage=s).count() for s in Stage}
    outcomes = {o.value: rows.filter(outcome=o).count() for o in Outcome}
    write(f"Demo disputes: {created} new; at the demo offices by stage: {stages}; by outcome: {outcomes}")
    return created


def seed_legal(write: Callable[[str], Any] = print) -> int:
    """The hook for seed_demo: demo objections, then demo disputes (after the demo staff and requests)."""
    return seed_objections(write) + seed_disputes(write)
