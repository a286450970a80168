"""Demo consequence tests and exemptions (DIK) for `seed_demo`, through the services.

A test in every status: one asked by KPU Kota Bandung waiting at KPU Provinsi Jawa Barat, one
forwarded and in screening at KPU RI, one under way, classified, handed over, decided
dikecualikan (a national exemption that closes a DIP item of KPU RI), decided terbuka, and one
dismissed. Earlier Keputusan KPU are recorded with their past decision dates (as when an office
enters its existing DIK): one ends within the review notice (flagged by the daily job), one has
ended (expired) and its review test is under way, and one was reviewed and replaced (revoked).
PKPU 22/2023 Pasal 24-26; UU 14/2008 Pasal 17-20.

Safe to run again: a test already seeded (found by the information it tests) is skipped.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from ppid.accounts.models import User
from ppid.catalogue.demo import demo_liaison
from ppid.catalogue.demo_content import CLOSED_ITEM, fill
from ppid.catalogue.models import InformationItem
from ppid.exemptions.jobs import exemptions_daily
from ppid.exemptions.models import ConsequenceTest, Exemption
from ppid.exemptions.services import (
    Opinion,
    StartData,
    Steps,
    consequence_test_add_opinion,
    consequence_test_classify,
    consequence_test_dismiss,
    consequence_test_forward,
    consequence_test_hand_over,
    consequence_test_record_decision,
    consequence_test_record_steps,
    consequence_test_screen,
    consequence_test_start,
)
from ppid.exemptions.workflow import ConsequenceStatus, ExemptionStatus, ParticipantKind
from ppid.offices.models import Office

STARTERS = {"00": "ppid.ri", "32": "ppid.jabar", "32.73": "ppid.bandung"}


@dataclass
class Actors:
    ppid: User  # PPID of KPU RI: screens and conducts (seed d.4, d.6)
    advisory: User  # Tim Pertimbangan: classifies and hands over (b.2, b.3)
    pembina: User
    unit: User  # a liaison team member of KPU RI, for a test that concerns no DIP item
    atasan: User  # records the Keputusan KPU
    province: User  # PPID of KPU Provinsi Jawa Barat: forwards its Kab/Kota's requests (Pasal 25(2))
    today: datetime.date


Step = Callable[[ConsequenceTest, Actors], Any]


def _screen(test: ConsequenceTest, actors: Actors) -> None:
    consequence_test_screen(test=test, actor=actors.ppid, note="Kandidat informasi yang dikecualikan; perlu diuji.")


def _steps(**values: Any) -> Step:
    return lambda test, actors: consequence_test_record_steps(test=test, actor=actors.ppid, steps=Steps(**values))


def _opinions(*kinds: ParticipantKind) -> Step:
    """Participants sign their opinions (seed d.6; PKPU 22/2023 Pasal 24); the PPID records an expert's."""
    texts = {
        ParticipantKind.ADVISORY: "Sependapat dengan kesimpulan uji konsekuensi.",
        ParticipantKind.PATRON: "Kesimpulan sejalan dengan arah kebijakan pengelolaan informasi.",
        ParticipantKind.UNIT: "Unit kerja penguasa informasi menyetujui hasil pengujian.",
        ParticipantKind.EXPERT: "Dari sisi hukum administrasi, alasan pengecualian telah memadai.",
    }

    def step(test: ConsequenceTest, actors: Actors) -> None:
        # The unit signs through the liaison team of the unit holding the item (PKPU 22/2023 Pasal 24).
        unit = actors.unit if test.item is None else demo_liaison(test.item.office, "ri", test.item.work_unit)
        people = {
            ParticipantKind.ADVISORY: actors.advisory,
            ParticipantKind.PATRON: actors.pembina,
            ParticipantKind.UNIT: unit,
            ParticipantKind.EXPERT: actors.ppid,
        }
        for kind in kinds:
            expert = kind == ParticipantKind.EXPERT
            data = Opinion(
                kind=kind,
                opinion=texts[kind],
                agrees=True,
                name="Dr. Ratna Kusumawati, S.H., M.H." if expert else "",
                position="Ahli hukum administrasi negara" if expert else "",
            )
            consequence_test_add_opinion(test=test, actor=people[kind], data=data)

    return step


def _classify(test: ConsequenceTest, actors: Actors) -> None:
    consequence_test_classify(
        test=test, actor=actors.advisory, note="Diklasifikasikan sesuai kesimpulan uji konsekuensi."
    )


def _hand_over(test: ConsequenceTest, actors: Actors) -> None:
    consequence_test_hand_over(test=test, actor=actors.advisory)


def _decide(number: str, days_ago: int = 0) -> Step:
    def step(test: ConsequenceTest, actors: Actors) -> None:
        day = actors.today - datetime.timedelta(days=days_ago)
        consequence_test_record_decision(
            test=test, actor=actors.atasan, decision_number=f"{number}/PP.01-Kpt/01/KPU/{day.year}", decision_date=day
        )

    return step


def _full(
    letter: str,
    point: str,
    harm: str,
    interest: str,
    *,
    until: datetime.date | None = None,
    conclusion: str = "dikecualikan",
) -> Step:
    """Every step of PKPU 22/2023 Pasal 25 ayat (3), in order."""
    return _steps(
        material_scope="Dokumen asli dan salinannya dalam penguasaan unit kerja, seluruh halaman.",
        potential_harm=harm,
        basis_kind="pasal_17" if letter else "",
        pasal17_letter=letter,
        pasal17_point=point,
        public_interest=interest,
        balancing="Kerugian yang timbul bila dibuka lebih besar daripada kepentingan publik yang dilayani."
        if conclusion == "dikecualikan"
        else "Kepentingan publik atas informasi ini lebih besar; tidak ada kerugian yang dilindungi Pasal 17.",
        conclusion=conclusion,
        duration_until=until,
    )


@dataclass
class Scenario:
    information: str
    origin: str  # the office that asks (its PPID starts the test)
    steps: list[Step] = field(default_factory=list)
    first_assessment: str = ""
    closes_item: bool = False  # concerns the demo DIP item of KPU RI, which a dikecualikan decision closes
    reviews: str = ""  # the information of an earlier test whose exemption this one reviews (Pasal 20)


def _decided(number: str, full: Step, *, days_ago: int = 0, opinions: Step | None = None) -> list[Step]:
    """A test run to its Keputusan KPU: screened, tested, signed, classified, handed over, decided."""
    opinions = opinions or _opinions(ParticipantKind.ADVISORY)
    return [_screen, full, opinions, _classify, _hand_over, _decide(number, days_ago)]


def scenarios(today: datetime.date) -> list[Scenario]:
    """In order: a test that reviews an exemption comes after the test that set it."""

    def in_days(days: int) -> datetime.date:
        return today + datetime.timedelta(days=days)

    health = "Membuka riwayat kesehatan pribadi bakal calon (Pasal 17 huruf h angka 2)."
    sirekap_2024 = "Kode sumber aplikasi Sirekap versi 2024 (lisensi pihak ketiga)"
    data_centre = "Rencana pengamanan pusat data dan ruang server KPU"
    return [
        Scenario(
            "Data hasil verifikasi faktual dukungan bakal pasangan calon perseorangan Pemilihan Wali Kota Bandung",
            "32.73",
            first_assessment="Memuat nama, NIK dan alamat pendukung; diusulkan untuk diuji sebelum ada permohonan.",
        ),
        Scenario(
            "Rekaman CCTV gudang logistik KPU Kota Bandung selama masa rekapitulasi",
            "32.73",
            [lambda test, actors: consequence_test_forward(test=test, actor=actors.province, note="Diteruskan.")],
        ),
        Scenario(
            "Daftar nama dan alamat kantor anggota PPK dan PPS se-Kota Bandung",
            "32.73",
            [
                lambda test, actors: consequence_test_dismiss(
                    test=test, actor=actors.province, note="Informasi terbuka dan sudah dimuat dalam DIP."
                )
            ],
        ),
        # Decided long ago; its duration has ended (the daily check expires it): reviewed below.
        Scenario(
            sirekap_2024,
            "00",
            _decided(
                "455",
                _full("b", "", "Melanggar lisensi pengembang.", "Audit independen atas aplikasi.", until=in_days(-20)),
                days_ago=700,
            ),
        ),
        Scenario(
            "Kode sumber dan dokumen arsitektur keamanan aplikasi Sirekap versi 2026",
            "00",
            [
                _screen,
                _steps(
                    material_scope="Kode sumber, diagram arsitektur dan hasil uji penetrasi aplikasi.",
                    potential_harm="Celah keamanan dapat dimanfaatkan untuk mengganggu publikasi hasil.",
                ),
                _opinions(ParticipantKind.UNIT),
            ],
            reviews=sirekap_2024,
        ),
        Scenario(
            "Denah dan sistem pengamanan gudang logistik KPU Provinsi Jawa Barat",
            "32",
            [
                _screen,
                _full(
                    "c", "", "Memudahkan sabotase logistik surat suara.", "Pengawasan distribusi.", until=in_days(400)
                ),
                _opinions(ParticipantKind.ADVISORY, ParticipantKind.PATRON),
                _classify,
            ],
        ),
        Scenario(
            "Memorandum internal pembahasan rancangan Peraturan KPU tentang kampanye",
            "00",
            [
                _screen,
                _full("i", "", "Mengganggu perumusan kebijakan.", "Partisipasi publik.", until=in_days(500)),
                _opinions(ParticipantKind.ADVISORY),
                _classify,
                _hand_over,  # the Atasan PPID has yet to record the Keputusan KPU
            ],
        ),
        Scenario(
            fill(CLOSED_ITEM.title, office="KPU", year=today.year),
            "00",
            _decided(
                "1402",
                _full("h", "2", health, "Keterpenuhan syarat kesehatan calon, diumumkan tanpa rinciannya."),
                opinions=_opinions(
                    ParticipantKind.ADVISORY, ParticipantKind.PATRON, ParticipantKind.UNIT, ParticipantKind.EXPERT
                ),
            ),
            closes_item=True,
        ),
        Scenario(
            "Notulen rapat pleno terbuka penetapan daftar pemilih tetap Pemilu 2024",
            "00",
            _decided(
                "1403",
                _full("", "", "Tidak ada: rapat pleno terbuka untuk umum.", "Akuntabilitas DPT.", conclusion="terbuka"),
            ),
        ),
        # Ends within the review notice: the daily check flags it.
        Scenario(
            "Rencana pengamanan dan jalur distribusi logistik surat suara pemungutan suara ulang",
            "00",
            _decided(
                "980",
                _full("c", "", "Memudahkan gangguan distribusi logistik.", "Kelancaran pemungutan.", until=in_days(40)),
                days_ago=120,
            ),
        ),
        # Decided years ago, then reviewed and decided again: the first exemption is revoked (Pasal 20).
        Scenario(
            data_centre,
            "00",
            _decided(
                "301", _full("c", "", "Memudahkan serangan fisik.", "Pengawasan.", until=in_days(-100)), days_ago=1100
            ),
        ),
        Scenario(
            f"{data_centre} (kaji ulang)",
            "00",
            _decided("1404", _full("c", "", "Memudahkan serangan fisik.", "Pengawasan.", until=in_days(730))),
            reviews=data_centre,
        ),
    ]


def _actors(today: datetime.date) -> Actors:
    get = User.objects.get
    return Actors(
        ppid=get(username="ppid.ri"),
        advisory=get(username="pertimbangan.ri"),
        pembina=get(username="pembina.ri"),
        unit=get(username="penghubung.ri"),
        atasan=get(username="atasan.ri"),
        province=get(username="ppid.jabar"),
        today=today,
    )


def seed_exemptions(write: Callable[[str], Any] = print) -> int:
    """The hook for seed_demo, after `seed_catalogue` (one test closes a demo DIP item of KPU RI)."""
    national = Office.objects.get(code="00")
    today = timezone.now().astimezone(national.zoneinfo).date()
    actors = _actors(today)
    created = 0
    for scenario in scenarios(today):
        if ConsequenceTest.objects.filter(information=scenario.information).exists():
            continue
        origin = Office.objects.get(code=scenario.origin)
        item = None
        if scenario.closes_item:
            made = InformationItem.objects.filter(office=national, created_by__isnull=False)  # not a bulk row
            item = made.filter(title=scenario.information).first()
        reviews = Exemption.objects.filter(test__information=scenario.reviews).first() if scenario.reviews else None
        with transaction.atomic():
            data = StartData(
                information=scenario.information, first_assessment=scenario.first_assessment, item=item, reviews=reviews
            )
            test = consequence_test_start(
                origin=origin, actor=User.objects.get(username=STARTERS[scenario.origin]), data=data
            )
            for step in scenario.steps:
                step(test, actors)
        created += 1
    # The daily job (Pasal 20): flags the exemption ending soon, expires the one that has ended.
    exemptions_daily(today=today)
    tests = {s.value: ConsequenceTest.objects.filter(status=s).count() for s in ConsequenceStatus}
    exemptions = {s.value: Exemption.objects.filter(status=s).count() for s in ExemptionStatus}
    write(f"Demo consequence tests: {created} new; by status: {tests}; exemptions: {exemptions}")
    for user in User.objects.filter(username__startswith="penghubung.ri.").order_by("username"):
        write(f"  {user.username:<40} {user.full_name}")
    return created
