"""Demo requests for `seed_demo`: every status at the three demo offices, through the services.
National volumes for benchmarks are in `demo_bulk`."""

from __future__ import annotations

import datetime
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
