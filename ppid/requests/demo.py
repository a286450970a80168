"""Demo requests for `seed_demo`: every status at the three demo offices, through the services; and
national volumes for benchmarks, bulk-inserted with registration numbers and counters kept consistent."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from ppid.accounts.models import User
from ppid.offices.models import Office, WorkUnit
from ppid.requests.models import (
    Channel,
    DeliveryMethod,
    ExemptionGround,
    InformationRequest,
    ObtainMethod,
    RequesterKind,
)
from ppid.requests.services import (
    IntakeData,
    request_assign,
    request_complete,
    request_confirm_receipt,
    request_decide,
    request_deliver,
    request_extend,
    request_forward,
    request_lapse,
    request_mark_incomplete,
    request_submit,
    request_withdraw,
)
from ppid.requests.services.common import due_after
from ppid.requests.services.handling import NoticeData
from ppid.requests.workflow import Outcome, Status
from ppid.workdays.models import DeadlineStep

DEMO_OFFICES = {"ri": "00", "jabar": "32", "bandung": "32.73"}
FORWARD_TO = {"00": "32", "32": "32.73", "32.73": "32"}  # where each demo office sends a misdirected request

PEOPLE = [
    ("Siti Rahmawati", "3273015505920002", "Jl. Asia Afrika No. 12, Bandung", "081234567801"),
    ("Budi Santoso", "3201010101850003", "Jl. Pajajaran No. 5, Bogor", "081234567802"),
    ("Dewi Lestari", "3171024202880004", "Jl. Kemang Raya No. 8, Jakarta Selatan", "081234567803"),
    ("Agus Setiawan", "3374010512950005", "Jl. Pandanaran No. 20, Semarang", "081234567804"),
    ("Rina Marlina", "3578014303770006", "Jl. Darmo No. 33, Surabaya", "081234567805"),
]
TOPICS = [
    ("Daftar pemilih tetap per kecamatan untuk Pemilu 2024", "Penelitian skripsi tentang partisipasi pemilih"),
    ("Salinan formulir C hasil rekapitulasi di tingkat kecamatan", "Pemantauan pemilu oleh lembaga pemantau"),
    ("Laporan realisasi anggaran pemilihan tahun 2024", "Kajian transparansi anggaran oleh LSM"),
    ("Daftar nama anggota PPK dan PPS beserta SK pengangkatannya", "Liputan jurnalistik"),
    ("Dokumen kontrak pengadaan logistik pemilu", "Advokasi pengadaan barang dan jasa"),
    ("Jadwal dan lokasi kampanye terbuka di wilayah kota", "Informasi bagi warga"),
    ("Notulen rapat pleno penetapan calon terpilih", "Bahan tesis hukum tata negara"),
    ("Jumlah pemilih disabilitas per TPS", "Advokasi aksesibilitas TPS"),
]


def _intake(index: int, kind: RequesterKind) -> IntakeData:
    name, nik, address, phone = PEOPLE[index % len(PEOPLE)]
    information, purpose = TOPICS[index % len(TOPICS)]
    organisation = {RequesterKind.LEGAL_ENTITY: "Perkumpulan Pemilih Cerdas", RequesterKind.GROUP: "Forum Warga Peduli Pemilu"}  # fmt: skip
    return IntakeData(
        kind=kind,
        name=organisation.get(kind, name),
        address=address,
        information_requested=information,
        purpose=purpose,
        obtain_method=ObtainMethod.SOFT_COPY,
        delivery_method=DeliveryMethod.EMAIL,
        email=f"{name.split()[0].lower()}{index}@contoh.invalid",
        phone=phone,
        nik="" if kind == RequesterKind.LEGAL_ENTITY else nik,
        legal_number="AHU-0012345.AH.01.07.TAHUN 2019" if kind == RequesterKind.LEGAL_ENTITY else "",
        proxy_name=name if kind == RequesterKind.GROUP else "",
        occupation="Mahasiswa",
    )


@dataclass
class Actors:
    desk: User
    ppid: User
    requester: User
    unit: WorkUnit


NOTICES: dict[str, NoticeData] = {
    Outcome.GRANTED_FULL: NoticeData(
        outcome=Outcome.GRANTED_FULL,
        delivery_method=DeliveryMethod.EMAIL,
        information_given="Seluruh dokumen yang diminta dalam format PDF.",
        delivery_format="PDF",
        costs=[("Salinan digital", 1, 0)],
    ),
    Outcome.GRANTED_PART: NoticeData(
        outcome=Outcome.GRANTED_PART,
        delivery_method=DeliveryMethod.POST,
        exemption_ground=ExemptionGround.H,
        information_given="Dokumen yang diminta, kecuali data pribadi.",
        blacked_out="NIK dan alamat anggota badan ad hoc dihitamkan (rahasia pribadi).",
        delivery_format="Fotokopi",
        payment_instructions="Dibayar tunai di Desk Layanan Informasi.",
        costs=[("Fotokopi A4", 40, 500), ("Pengiriman pos", 1, 15000)],
    ),
    Outcome.REFUSED: NoticeData(
        outcome=Outcome.REFUSED,
        delivery_method=DeliveryMethod.EMAIL,
        exemption_ground=ExemptionGround.I,
        reasoning="Memorandum internal yang masih dalam proses pembahasan; uji konsekuensi menunjukkan "
        "pembukaan akan mengganggu proses pengambilan keputusan.",
    ),
    Outcome.NOT_HELD: NoticeData(
        outcome=Outcome.NOT_HELD,
        delivery_method=DeliveryMethod.EMAIL,
        holder_body="Badan Pengawas Pemilihan Umum (Bawaslu)",
        reasoning="Informasi pengawasan pemilu dikuasai oleh Bawaslu.",
    ),
    Outcome.NOT_DOCUMENTED: NoticeData(
        outcome=Outcome.NOT_DOCUMENTED,
        delivery_method=DeliveryMethod.EMAIL,
        reasoning="Rekapitulasi yang diminta belum selesai disusun (Pasal 6 ayat (3)).",
    ),
}


def _decide(outcome: str) -> Callable[[InformationRequest, Actors], None]:
    def step(request: InformationRequest, actors: Actors) -> None:
        request_decide(request=request, actor=actors.ppid, data=NOTICES[outcome])

    return step


def _assign(request: InformationRequest, actors: Actors) -> None:
    request_assign(request=request, actor=actors.desk, work_units=[actors.unit], note="Mohon disiapkan.")


def _incomplete(request: InformationRequest, actors: Actors) -> None:
    request_mark_incomplete(request=request, actor=actors.desk, missing="Scan KTP belum dilampirkan.")


def _deliver(request: InformationRequest, actors: Actors) -> None:
    request_deliver(request=request, actor=actors.desk, method=DeliveryMethod.EMAIL)


def _lapse(request: InformationRequest, actors: Actors) -> None:
    # Demo only: let the completion period pass without waiting three working days.
    InformationRequest.objects.filter(pk=request.pk).update(completion_due_on=datetime.date(2000, 1, 3))
    request_lapse(request=request)


def _age(days_left: int) -> Callable[[InformationRequest, Actors], None]:
    """Demo only: date the request as if it had arrived so long ago that its deadline is `days_left`
    working days away (negative: overdue), deadlines recounted, so the worklist shows due-soon and
    overdue rows. Its events keep today's date."""

    def step(request: InformationRequest, actors: Actors) -> None:
        from ppid.workdays.selectors import calendar_for_office, rule_spec

        calendar, zone = calendar_for_office(request.office), request.office.zoneinfo
        day = timezone.now().astimezone(zone).date()
        for _ in range(rule_spec(request.rule_set, DeadlineStep.REQUEST_NOTICE).working_days - days_left):
            day = calendar.previous_working_day(day)
        moment = datetime.datetime.combine(day, datetime.time(10), tzinfo=zone)
        request.received_at = request.clock_started_at = moment
        request.notice_due_on = due_after(request, moment, DeadlineStep.REQUEST_NOTICE)
        request.completeness_check_due_on = due_after(request, moment, DeadlineStep.COMPLETENESS_NOTICE)
        request.save(update_fields=["received_at", "clock_started_at", "notice_due_on", "completeness_check_due_on"])

    return step


Step = Callable[[InformationRequest, Actors], object]
# slug → (who submits: "public" / "desk" / "requester", kind, steps). Each ends in the status its name says.
SCENARIOS: dict[str, tuple[str, RequesterKind, list[Step]]] = {
    "registered-online": ("public", RequesterKind.INDIVIDUAL, []),
    "registered-walk-in": ("desk", RequesterKind.LEGAL_ENTITY, []),
    "incomplete": ("public", RequesterKind.GROUP, [_incomplete]),
    "completed": (
        "desk",
        RequesterKind.INDIVIDUAL,
        [_incomplete, lambda r, a: request_complete(request=r, actor=a.desk)],
    ),
    "in-progress": ("public", RequesterKind.INDIVIDUAL, [_assign]),
    "in-progress-extended": (
        "public",
        RequesterKind.INDIVIDUAL,
        [_assign, lambda r, a: request_extend(request=r, actor=a.ppid, reason="Dokumen tersimpan di arsip inaktif.")],
    ),
    "due-soon": ("public", RequesterKind.INDIVIDUAL, [_age(1), _assign]),
    "overdue": ("desk", RequesterKind.INDIVIDUAL, [_age(-3), _assign]),
    **{f"decided-{o.value}": ("public", RequesterKind.INDIVIDUAL, [_assign, _decide(o)]) for o in Outcome},
    "delivered": ("requester", RequesterKind.INDIVIDUAL, [_assign, _decide(Outcome.GRANTED_PART), _deliver]),
    "closed": (
        "requester",
        RequesterKind.INDIVIDUAL,
        [
            _assign,
            _decide(Outcome.GRANTED_FULL),
            _deliver,
            lambda r, a: request_confirm_receipt(request=r, actor=a.requester),
        ],
    ),
    "lapsed": ("public", RequesterKind.INDIVIDUAL, [_incomplete, _lapse]),
    "withdrawn": (
        "requester",
        RequesterKind.INDIVIDUAL,
        [lambda r, a: request_withdraw(request=r, actor=a.requester, reason="Sudah tidak diperlukan.")],
    ),
    "forwarded": ("public", RequesterKind.INDIVIDUAL, []),  # forwarded below: it needs the other office
}


def seed_requests(write: Callable[[str], Any] = print) -> int:
    """Requests in every status at the demo offices, each through the service functions (so every
    transition has its event). Safe to run again: a scenario already seeded is skipped."""
    requester = User.objects.get(username="pemohon")
    created = 0
    for suffix, code in DEMO_OFFICES.items():
        office = Office.objects.get(code=code)
        unit = office.work_units.filter(is_active=True, is_legal_unit=False).order_by("name").first()
        assert unit is not None, f"{office} has no work unit"
        actors = Actors(
            desk=User.objects.get(username=f"desk.{suffix}"),
            ppid=User.objects.get(username=f"ppid.{suffix}"),
            requester=requester,
            unit=unit,
        )
        for index, (slug, (who, kind, steps)) in enumerate(SCENARIOS.items()):
            key = f"demo:{code}:{slug}"
            if InformationRequest.objects.filter(submission_key=key).exists():
                continue
            with transaction.atomic():
                request = request_submit(
                    office=office,
                    data=_intake(index, kind),
                    channel=Channel.WALK_IN if who == "desk" else Channel.ONLINE,
                    actor={"desk": actors.desk, "requester": requester}.get(who),
                    submission_key=key,
                )
                for step in steps:
                    step(request, actors)
                if slug == "forwarded":
                    to_office = Office.objects.get(code=FORWARD_TO[code])
                    request_forward(request=request, actor=actors.ppid, to_office=to_office, note="Salah alamat.")
            created += 1
    counts = {
        status.value: InformationRequest.objects.filter(office__code__in=DEMO_OFFICES.values(), status=status).count()
        for status in Status
    }
    write(f"Demo requests: {created} new; at the demo offices by status: {counts}")
    return created


# --- national volumes for benchmarks ---------------------------------------------------------

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
        [RegistrationCounter(office=office, year=y) for y in wanted], ignore_conflicts=True
    )
    start = {}
    for counter in RegistrationCounter.objects.select_for_update().filter(office=office, year__in=list(wanted)):
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
            if status in (Status.DELIVERED, Status.CLOSED):
                extra["delivered_at"] = min(extra["issued_at"] + datetime.timedelta(days=1), now)
            if status == Status.CLOSED:
                extra["confirmed_at"] = min(extra["delivered_at"] + datetime.timedelta(days=2), now)
            batch.add(requester, request, extra)
    batch.flush()
    write(f"Added {count} synthetic requests over {len(offices)} offices (bulk insert: no events written for them).")
    return count
