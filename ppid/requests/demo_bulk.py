"""National volumes of requests for benchmarks: bulk-inserted, with registration numbers and
counters kept consistent, deadlines from each office's calendar; no events (said in the output)."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from ppid.accounts.models import User
from ppid.offices.models import Office
from ppid.requests.demo import NOTICES, TOPICS
from ppid.requests.models import (
    Channel,
    DeliveryMethod,
    InformationRequest,
    ObtainMethod,
    RequesterKind,
)
from ppid.requests.workflow import Outcome, Status
from ppid.workdays.models import DeadlineStep

FIRST_NAMES = ["Siti", "Budi", "Dewi", "Agus", "Rina", "Andi", "Putri", "Yusuf", "Wahyu", "Indah", "Fajar", "Nur"]
LAST_NAMES = ["Rahmawati", "Santoso", "Lestari", "Setiawan", "Marlina", "Saputra", "Hidayat", "Wibowo", "Pratama"]
OUTCOME_WEIGHTS = [(Outcome.GRANTED_FULL, 60), (Outcome.GRANTED_PART, 15), (Outcome.REFUSED, 8), (Outcome.NOT_HELD, 10), (Outcome.NOT_DOCUMENTED, 7)]  # fmt: skip
NOTICE_FIELDS = ["holder_body", "exemption_ground", "reasoning", "information_given", "blacked_out", "delivery_format", "payment_instructions"]  # fmt: skip


def _fate(rng: random.Random, due: datetime.date, today: datetime.date) -> Status:
    """A plausible status for a request due on `due`: old ones mostly answered, a few overdue."""
    r = rng.random()
    if due >= today:
        return next(s for limit, s in ((0.35, Status.REGISTERED), (0.8, Status.IN_PROGRESS), (0.88, Status.INCOMPLETE), (1, Status.DECIDED)) if r < limit)  # fmt: skip
    steps = ((0.55, Status.CLOSED), (0.7, Status.DELIVERED), (0.82, Status.DECIDED), (0.87, Status.LAPSED), (0.92, Status.WITHDRAWN), (0.96, Status.IN_PROGRESS), (0.98, Status.REGISTERED))  # fmt: skip
    return next((s for limit, s in steps if r < limit), Status.CLOSED)


class _RuleSets:
    """The rule set of each (office, day) as rule_set_for decides it, from two queries in all."""

    def __init__(self) -> None:
        from ppid.workdays.models import DeadlineRule, ElectionStage, RuleSet, RuleSetKind

        sets = list(RuleSet.objects.order_by("valid_from"))
        self.normal = next(s for s in reversed(sets) if s.kind == RuleSetKind.NORMAL)
        self.election = next((s for s in reversed(sets) if s.kind == RuleSetKind.ELECTION), self.normal)
        self.days = {(r.rule_set_id, r.step): r.working_days for r in DeadlineRule.objects.all()}
        self.stages = list(ElectionStage.objects.prefetch_related("offices"))

    def for_office(self, office: Office) -> Callable[[datetime.date], Any]:
        codes = set(office.path.split("/"))
        stages = [s for s in self.stages if s.all_offices or codes & {o.code for o in s.offices.all()}]

        def pick(day: datetime.date) -> Any:
            stage = next((s for s in stages if s.starts_on <= day <= s.ends_on), None)
            if stage is None:
                return self.normal
            return next((r for r in (self.normal, self.election) if r.pk == stage.rule_set_id), self.election)

        return pick


def _allocate(office: Office, years: list[int]) -> dict[int, int]:
    """Reserve numbers in the office's register for each year: returns the last number before ours."""
    from collections import Counter

    from ppid.requests.models import RegistrationCounter

    wanted = Counter(years)
    RegistrationCounter.objects.bulk_create(
        [RegistrationCounter(office=office, series="request", year=y) for y in wanted], ignore_conflicts=True
    )
    start = {}
    for counter in RegistrationCounter.objects.select_for_update().filter(
        office=office, series="request", year__in=list(wanted)
    ):
        start[counter.year] = counter.last_sequence
        counter.last_sequence += wanted[counter.year]
        counter.save(update_fields=["last_sequence"])
    return start


class _Batch:
    """Rows waiting for one bulk insert: requesters first (their ids), then requests, notices, deliveries."""

    def __init__(self, size: int, signer: User) -> None:
        self.size, self.signer = size, signer
        self.rows: list[tuple[Any, InformationRequest, dict[str, Any]]] = []

    def add(self, requester: Any, request: InformationRequest, extra: dict[str, Any]) -> None:
        self.rows.append((requester, request, extra))
        if len(self.rows) >= self.size:
            self.flush()

    def flush(self) -> None:
        from ppid.requests.models import Delivery, Requester, WrittenNotice

        if not self.rows:
            return
        Requester.objects.bulk_create([row[0] for row in self.rows])
        for requester, request, _extra in self.rows:
            request.requester_id = requester.pk
        InformationRequest.objects.bulk_create([row[1] for row in self.rows])
        notices, deliveries = [], []
        for _requester, request, extra in self.rows:
            if "issued_at" in extra:
                template = NOTICES[request.outcome]
                notices.append(
                    WrittenNotice(
                        request=request,
                        outcome=request.outcome,
                        delivery_method=template.delivery_method,
                        signed_by=self.signer,
                        signer_name=str(self.signer),
                        signer_position=f"PPID {request.office.name}",
                        issued_at=extra["issued_at"],
                        **{name: getattr(template, name) for name in NOTICE_FIELDS},
                    )
                )
            if "delivered_at" in extra:
                deliveries.append(
                    Delivery(
                        request=request,
                        method=request.delivery_method,
                        delivered_at=extra["delivered_at"],
                        confirmed_at=extra.get("confirmed_at"),
                    )
                )
        WrittenNotice.objects.bulk_create(notices)
        Delivery.objects.bulk_create(deliveries)
        self.rows = []


@transaction.atomic  # the counters stay locked until the rows that use their numbers are in
def bulk_fill_requests(
    count: int, *, days_back: int = 365, batch_size: int = 5000, seed: int = 2026, write: Callable[[str], Any] = print
) -> int:
    """`count` synthetic requests spread evenly over all active offices, received in the last `days_back`
    days, with statuses, deadlines (from each office's calendar and rule set), written notices and
    deliveries. Registration numbers follow each office's counter, which is advanced to match.

    Bulk-inserted for benchmark volumes: no events and no notice cost lines are written for these rows.
    """
    from ppid.requests.models import Requester
    from ppid.requests.services.intake import registration_number
    from ppid.workdays.batch import epoch_microseconds
    from ppid.workdays.selectors import calendars_for_offices

    offices = list(Office.objects.filter(is_active=True).order_by("path"))
    calendars = calendars_for_offices([o.pk for o in offices])
    rules = _RuleSets()
    signer = User.objects.filter(username="ppid.ri").first() or User.objects.order_by("pk").first()
    if signer is None:
        raise ValueError("bulk_fill_requests needs at least one user to sign the notices")
    rng = random.Random(seed + InformationRequest.objects.count())  # noqa: S311 - demo data, not secrets
    now = timezone.now()
    batch = _Batch(batch_size, signer)
    serial = 0
    for position, office in enumerate(offices):
        n = count // len(offices) + (1 if position < count % len(offices) else 0)
        if not n:
            continue
        zone, calendar, pick = office.zoneinfo, calendars[office.pk], rules.for_office(office)
        today = now.astimezone(zone).date()
        moments = sorted(
            datetime.datetime.combine(
                today - datetime.timedelta(days=rng.randrange(1, days_back)),
                datetime.time(rng.randrange(7, 17), rng.randrange(60)),
                tzinfo=zone,
            )
            for _ in range(n)
        )
        rule_sets = [pick(m.date()) for m in moments]
        epoch = epoch_microseconds(moments)
        notice_days = [rules.days[(r.pk, DeadlineStep.REQUEST_NOTICE)] for r in rule_sets]
        check_days = [rules.days[(r.pk, DeadlineStep.COMPLETENESS_NOTICE)] for r in rule_sets]
        dues = calendar.deadlines_many(epoch, notice_days)
        # Day 0 of each clock, for working_days_taken of the decided ones (as request_decide stores it).
        zeros = calendar.day_zero_many(epoch)
        checks = calendar.deadlines_many(epoch, check_days)
        extended = calendar.add_working_days_many(dues, [rules.days[(r.pk, DeadlineStep.REQUEST_EXTENSION)] for r in rule_sets])  # fmt: skip
        completions = calendar.add_working_days_many(checks, [rules.days[(r.pk, DeadlineStep.COMPLETENESS_COMPLETION)] for r in rule_sets])  # fmt: skip
        start = _allocate(office, [m.year for m in moments])
        for k, moment in enumerate(moments):
            serial += 1
            due = datetime.date.fromordinal(int(dues[k]))
            status = _fate(rng, due, today)
            completion = datetime.date.fromordinal(int(completions[k]))
            if status == Status.INCOMPLETE and completion < today:
                status = Status.LAPSED
            start[moment.year] += 1
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            information, purpose = TOPICS[serial % len(TOPICS)]
            requester = Requester(
                kind=RequesterKind.INDIVIDUAL,
                name=f"{first} {last}",
                nik=f"3273{rng.randrange(1, 30):02d}{rng.randrange(1, 29):02d}{rng.randrange(1, 13):02d}{rng.randrange(60, 100):02d}{rng.randrange(1, 9999):04d}",
                address=f"Jl. Merdeka No. {rng.randrange(1, 200)}, {office.name.removeprefix('KPU ')}",
                email=f"{first.lower()}.{serial}@contoh.invalid",
                phone=f"08{rng.randrange(10**9, 10**10)}",
            )
            clock_stopped = status in (Status.INCOMPLETE, Status.LAPSED)
            is_extended = (
                status not in (Status.REGISTERED, Status.WITHDRAWN) and not clock_stopped and rng.random() < 0.05
            )
            decided = status in (Status.DECIDED, Status.DELIVERED, Status.CLOSED)
            outcome = (
                rng.choices([o for o, _w in OUTCOME_WEIGHTS], [w for _o, w in OUTCOME_WEIGHTS])[0] if decided else ""
            )
            request = InformationRequest(
                office=office,
                year=moment.year,
                sequence=start[moment.year],
                registration_number=registration_number(office, moment.year, start[moment.year]),
                channel=Channel.ONLINE if rng.random() < 0.6 else Channel.WALK_IN,
                information_requested=information,
                purpose=purpose,
                obtain_method=ObtainMethod.SOFT_COPY,
                delivery_method=DeliveryMethod.EMAIL,
                status=status,
                outcome=outcome,
                received_at=moment,
                rule_set=rule_sets[k],
                clock_started_at=None if clock_stopped else moment,
                notice_due_on=None if clock_stopped else due,
                extended_due_on=datetime.date.fromordinal(int(extended[k])) if is_extended else None,
                extension_reason="Dokumen tersimpan di arsip inaktif." if is_extended else "",
                completeness_check_due_on=datetime.date.fromordinal(int(checks[k])),
                completion_due_on=completion if clock_stopped else None,
                missing_requirements="Scan KTP belum dilampirkan." if clock_stopped else "",
            )
            extra: dict[str, Any] = {}
            if decided:
                extra["issued_at"] = min(moment + datetime.timedelta(days=rng.randrange(1, 13), hours=1), now)
                issued_on = extra["issued_at"].astimezone(zone).date()
                day_zero = datetime.date.fromordinal(int(zeros[k]))
                request.working_days_taken = max(calendar.count_working_days(day_zero, issued_on), 0)
            if status in (Status.DELIVERED, Status.CLOSED):
                extra["delivered_at"] = min(extra["issued_at"] + datetime.timedelta(days=1), now)
            if status == Status.CLOSED:
                extra["confirmed_at"] = min(extra["delivered_at"] + datetime.timedelta(days=2), now)
            batch.add(requester, request, extra)
    batch.flush()
    write(f"Added {count} synthetic requests over {len(offices)} offices (bulk insert: no events written for them).")
    return count
