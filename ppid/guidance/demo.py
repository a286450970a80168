"""Demo directions and work plans for `seed_demo`, through the guidance services (seed a.1, b.1, d.1).

Directions from the Pembina PPID and the Tim Pertimbangan of KPU RI and KPU Provinsi Jawa Barat,
addressed to one office or to every office below, with the demo PPIDs' answers: issued and not yet
read, acknowledged, follow-up reported, closed, and one acknowledged but overdue. Work plans of the
PPID of KPU RI and KPU Provinsi Jawa Barat: this year's in effect with its progress so far, last
year's evaluated.

Safe to run again: a direction already seeded (found by its office and title) and a plan already
drawn up (its office and year) are skipped.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from ppid.accounts.models import User
from ppid.guidance.models import Direction, DirectionAddressee, WorkPlan
from ppid.guidance.services import (
    ActivityData,
    DirectionData,
    activity_add,
    activity_update_progress,
    direction_acknowledge,
    direction_close,
    direction_issue,
    direction_report,
    workplan_activate,
    workplan_create,
    workplan_evaluate,
)
from ppid.guidance.workflow import AddresseeStatus, DirectionScope, WorkPlanStatus
from ppid.offices.models import Office
from ppid.requests.demo import DEMO_OFFICES

CODE_SUFFIX = {code: suffix for suffix, code in DEMO_OFFICES.items()}


@dataclass(frozen=True)
class Answer:
    """What the PPID of one addressed office does with the direction, in order."""

    office: str  # office code
    acknowledge: bool = True
    reports: tuple[str, ...] = ()
    close_note: str = ""  # the issuer closes it for this office


@dataclass(frozen=True)
class DemoDirection:
    issuer: str  # demo username of the Pembina or the Tim Pertimbangan
    office: str  # issuing office code
    title: str
    text: str
    due_in_days: int
    target: str | None = None  # code of the one addressed office; None: every office below
    answers: tuple[Answer, ...] = ()
    close_all_note: str = ""  # the issuer closes it for every open addressee
    # Demo only: dated back so that its follow-up date has passed (a direction cannot be issued
    # with a past date), so the issuer's and the PPID's lists show an overdue follow-up.
    overdue_days: int = 0


DIRECTIONS: tuple[DemoDirection, ...] = (
    DemoDirection(
        issuer="pembina.ri",
        office="00",
        title="Pemutakhiran Daftar Informasi Publik semester II",
        text=(
            "Dalam rangka pelaksanaan Pasal 9 dan Pasal 11 UU 14/2008, seluruh PPID KPU Provinsi dan KPU "
            "Kabupaten/Kota agar:\n"
            "1. memutakhirkan Daftar Informasi Publik, terutama informasi berkala yang berumur lebih dari "
            "enam bulan;\n"
            "2. memastikan setiap informasi memiliki dokumen atau tautan yang dapat diunduh;\n"
            "3. melaporkan hasil pemutakhiran beserta jumlah informasi yang diperbarui."
        ),
        due_in_days=30,
        answers=(
            Answer(office="32"),
            Answer(
                office="32.73",
                reports=(
                    "DIP KPU Kota Bandung telah dimutakhirkan: 14 informasi berkala diperbarui, 3 dokumen "
                    "anggaran diunggah ulang dalam format PDF yang dapat dicari.",
                ),
            ),
        ),
    ),
    DemoDirection(
        issuer="pertimbangan.ri",
        office="00",
        title="Penyusunan laporan tahunan layanan informasi publik",
        text=(
            "Tim Pertimbangan Pelayanan Informasi meminta PPID KPU Provinsi Jawa Barat menyusun laporan "
            "tahunan layanan informasi publik sesuai Pasal 56 Perki 1/2021, memuat rekapitulasi permohonan "
            "dari KPU Kabupaten/Kota di wilayahnya, dan menyampaikannya kepada Atasan PPID tepat waktu."
        ),
        due_in_days=45,
        target="32",
    ),
    DemoDirection(
        issuer="pertimbangan.jabar",
        office="32",
        title="Layanan informasi yang ramah penyandang disabilitas",
        text=(
            "Sesuai Pasal 24 dan Pasal 48 Perki 1/2021, setiap PPID KPU Kabupaten/Kota di Jawa Barat agar "
            "menyediakan maklumat pelayanan dan pengumuman dalam format yang dapat diakses penyandang "
            "disabilitas (teks alternatif, huruf besar, dan versi audio), serta menyiapkan petugas desk "
            "yang memahami bahasa isyarat dasar."
        ),
        due_in_days=60,
        answers=(
            Answer(
                office="32.73",
                reports=(
                    "Maklumat pelayanan versi audio dan huruf besar telah dipasang di laman dan ruang layanan; "
                    "dua petugas desk mengikuti pelatihan bahasa isyarat dasar.",
                ),
                close_note="Tindak lanjut KPU Kota Bandung diterima dan sudah sesuai arahan.",
            ),
        ),
    ),
    DemoDirection(
        issuer="pembina.jabar",
        office="32",
        title="Penguatan Tim Penghubung di setiap subbagian",
        text=(
            "PPID KPU Kota Bandung agar menetapkan anggota Tim Penghubung pada setiap subbagian, membagi "
            "tugas pengumpulan data untuk Daftar Informasi Publik, dan melaporkan susunan tim beserta "
            "jadwal koordinasinya."
        ),
        due_in_days=21,
        target="32.73",
        answers=(
            Answer(
                office="32.73",
                reports=(
                    "Tim Penghubung telah ditetapkan dengan Keputusan Sekretaris KPU Kota Bandung; setiap "
                    "subbagian memiliki satu anggota.",
                    "Rapat koordinasi Tim Penghubung dijadwalkan setiap Senin pekan pertama; notulen rapat "
                    "pertama terlampir dalam arsip PPID.",
                ),
            ),
        ),
        close_all_note="Arahan telah dilaksanakan sepenuhnya.",
    ),
    DemoDirection(
        issuer="pembina.jabar",
        office="32",
        title="Evaluasi hasil survei kepuasan layanan informasi",
        text=(
            "PPID KPU Kota Bandung agar menganalisis hasil Survei Kepuasan Masyarakat atas layanan "
            "informasi, menyusun rencana perbaikan untuk unsur dengan nilai terendah, dan melaporkannya "
            "kepada Pembina PPID."
        ),
        due_in_days=14,
        target="32.73",
        answers=(Answer(office="32.73"),),
        overdue_days=5,
    ),
    DemoDirection(
        issuer="pembina.ri",
        office="00",
        title="Kesiapan layanan informasi menjelang tahapan pemilihan",
        text=(
            "PPID KPU RI agar menyiapkan daftar informasi yang wajib diumumkan serta-merta selama tahapan "
            "pemilihan, memastikan jadwal piket desk layanan pada hari libur, dan menguji kesiapan kanal "
            "layanan daring."
        ),
        due_in_days=40,
        target="00",
        answers=(Answer(office="00"),),
    ),
)


@dataclass(frozen=True)
class DemoActivity:
    title: str
    target: str
    owner: str
    starts: tuple[int, int]  # (month, day) in the plan's year
    ends: tuple[int, int]
    target_value: Decimal | None = None
    # Share of the elapsed time actually done (below 1: the activity runs late).
    pace: float = 1.0
    note: str = ""


@dataclass(frozen=True)
class DemoPlan:
    office: str
    activities: tuple[DemoActivity, ...]
    evaluation: str = ""  # last year's plan only
    final_progress: dict[str, int] = field(default_factory=dict)  # last year's plan: title → progress


PLAN_RI = (
    DemoActivity(
        "Pemutakhiran Daftar Informasi Publik KPU RI",
        "Seluruh informasi berkala dimutakhirkan paling lambat setiap enam bulan",
        "PPID bersama Tim Penghubung seluruh biro",
        (1, 15),
        (6, 30),
        Decimal("100"),
        note="Pemutakhiran per biro dipantau dalam rapat bulanan.",
    ),
    DemoActivity(
        "Bimbingan teknis PPID KPU Provinsi",
        "38 PPID KPU Provinsi mengikuti bimbingan teknis layanan informasi",
        "Biro Partisipasi dan Hubungan Masyarakat",
        (3, 1),
        (5, 31),
        Decimal("38"),
        note="Dilaksanakan dalam tiga gelombang regional.",
    ),
    DemoActivity(
        "Survei Kepuasan Masyarakat atas layanan informasi",
        "Indeks Kepuasan Masyarakat minimal 82,00 (mutu B)",
        "Desk Pelayanan Informasi",
        (2, 1),
        (11, 30),
        Decimal("82"),
        note="Undangan survei dikirim otomatis setelah informasi diserahkan.",
    ),
    DemoActivity(
        "Uji konsekuensi informasi yang dikecualikan",
        "Daftar informasi yang dikecualikan ditinjau dan ditetapkan dengan Keputusan KPU",
        "PPID dan Tim Pertimbangan Pelayanan Informasi",
        (4, 1),
        (10, 31),
        pace=0.8,
        note="Dua usulan masih menunggu pendapat ahli.",
    ),
    DemoActivity(
        "Penyusunan laporan tahunan layanan informasi publik",
        "Laporan tahunan terbit paling lambat 31 Maret tahun berikutnya",
        "PPID",
        (12, 1),
        (12, 31),
    ),
)

PLAN_JABAR = (
    DemoActivity(
        "Pendampingan PPID KPU Kabupaten/Kota se-Jawa Barat",
        "27 PPID KPU Kabupaten/Kota didampingi dalam pengelolaan DIP",
        "Bagian Perencanaan, Data dan Informasi",
        (2, 1),
        (8, 31),
        Decimal("27"),
        note="Kunjungan pendampingan dilakukan per wilayah Bakorwil.",
    ),
    DemoActivity(
        "Penghimpunan informasi publik dari seluruh bagian",
        "Daftar usulan DIP dari empat bagian disetujui Atasan PPID",
        "PPID bersama Tim Penghubung",
        (3, 1),
        (4, 30),
        Decimal("4"),
    ),
    DemoActivity(
        "Sosialisasi keterbukaan informasi pemilu kepada pemilih pemula",
        "12 kegiatan sosialisasi di sekolah dan kampus",
        "Bagian Teknis Penyelenggaraan Pemilu, Partisipasi dan Hubungan Masyarakat",
        (5, 1),
        (11, 30),
        Decimal("12"),
        pace=0.75,
        note="Beberapa jadwal di kampus bergeser karena libur semester.",
    ),
    DemoActivity(
        "Penyediaan layanan informasi ramah disabilitas",
        "Maklumat dan formulir tersedia dalam format audio dan huruf besar",
        "Desk Pelayanan Informasi",
        (7, 1),
        (12, 15),
        pace=0.9,
    ),
)

# Last year's plans, with the progress each activity reached and the PPID's evaluation.
PLANS_LAST_YEAR: tuple[DemoPlan, ...] = (
    DemoPlan(
        office="00",
        activities=PLAN_RI[:4],
        final_progress={PLAN_RI[3].title: 80},
        evaluation=(
            "Tiga dari empat kegiatan terlaksana penuh. DIP KPU RI dimutakhirkan tepat waktu dan seluruh "
            "PPID KPU Provinsi mengikuti bimbingan teknis. Uji konsekuensi baru mencapai 80% karena dua "
            "usulan menunggu pendapat ahli; kegiatan ini dilanjutkan dalam rencana kerja tahun berikutnya "
            "dengan jadwal pendapat ahli yang ditetapkan sejak awal tahun."
        ),
    ),
    DemoPlan(
        office="32",
        activities=PLAN_JABAR,
        final_progress={PLAN_JABAR[2].title: 75},
        evaluation=(
            "Pendampingan PPID KPU Kabupaten/Kota dan penghimpunan DIP selesai sesuai target. Sosialisasi "
            "kepada pemilih pemula baru terlaksana 9 dari 12 kegiatan karena perubahan kalender akademik; "
            "ke depan jadwal disepakati dengan sekolah dan kampus pada awal semester."
        ),
    ),
)
PLANS_THIS_YEAR: tuple[DemoPlan, ...] = (
    DemoPlan(office="00", activities=PLAN_RI),
    DemoPlan(office="32", activities=PLAN_JABAR),
)


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _ppid(code: str) -> User:
    return _user(f"ppid.{CODE_SUFFIX[code]}")


def _seed_direction(spec: DemoDirection, today: datetime.date) -> bool:
    office = Office.objects.get(code=spec.office)
    if Direction.objects.filter(office=office, title=spec.title).exists():
        return False
    issuer = _user(spec.issuer)
    with transaction.atomic():
        direction = direction_issue(
            office=office,
            actor=issuer,
            data=DirectionData(
                title=spec.title,
                text=spec.text,
                due_on=today + datetime.timedelta(days=spec.due_in_days),
                scope=DirectionScope.ALL_BELOW if spec.target is None else DirectionScope.ONE_OFFICE,
                target=Office.objects.get(code=spec.target) if spec.target else None,
            ),
        )
        for answer in spec.answers:
            addressee = DirectionAddressee.objects.get(direction=direction, office__code=answer.office)
            ppid = _ppid(answer.office)
            if answer.acknowledge:
                addressee = direction_acknowledge(addressee=addressee, actor=ppid)
            for text in answer.reports:
                direction_report(addressee=addressee, actor=ppid, text=text)
            if answer.close_note:
                direction_close(direction=direction, actor=issuer, note=answer.close_note, addressee=addressee)
        if spec.close_all_note:
            direction_close(direction=direction, actor=issuer, note=spec.close_all_note)
        if spec.overdue_days:
            # Demo only: issued a month ago, follow-up date passed; its events keep today's date.
            Direction.objects.filter(pk=direction.pk).update(
                due_on=today - datetime.timedelta(days=spec.overdue_days),
                created_at=timezone.now() - datetime.timedelta(days=spec.overdue_days + 30),
            )
    return True


def _elapsed_progress(activity: DemoActivity, year: int, today: datetime.date) -> int:
    """This year's progress: the share of the activity's period already past, times its pace, in 5s."""
    start = datetime.date(year, *activity.starts)
    end = datetime.date(year, *activity.ends)
    if today < start:
        return 0
    share = min((today - start).days / max((end - start).days, 1), 1.0) * activity.pace
    return min(100, int(share * 20) * 5)


def _progress_note(activity: DemoActivity, progress: int) -> str:
    if progress >= 100:
        return f"Selesai. {activity.note}".strip()
    return activity.note or "Sedang berjalan sesuai jadwal."


def _seed_plan(spec: DemoPlan, year: int, today: datetime.date) -> bool:
    office = Office.objects.get(code=spec.office)
    if WorkPlan.objects.filter(office=office, year=year).exists():
        return False
    ppid = _ppid(spec.office)
    past = year < today.year
    with transaction.atomic():
        plan = workplan_create(office=office, year=year, actor=ppid)
        activities = [
            activity_add(
                plan=plan,
                actor=ppid,
                data=ActivityData(
                    title=item.title,
                    target=item.target,
                    owner=item.owner,
                    starts_on=datetime.date(year, *item.starts),
                    ends_on=datetime.date(year, *item.ends),
                    target_value=item.target_value,
                ),
            )
            for item in spec.activities
        ]
        plan = workplan_activate(plan=plan, actor=ppid)
        for item, activity in zip(spec.activities, activities, strict=True):
            progress = spec.final_progress.get(item.title, 100) if past else _elapsed_progress(item, year, today)
            if progress:
                activity_update_progress(
                    activity=activity, actor=ppid, progress=progress, note=_progress_note(item, progress)
                )
        if spec.evaluation:
            workplan_evaluate(plan=plan, actor=ppid, text=spec.evaluation)
    return True


def seed_guidance(write: Callable[[str], Any] = print) -> int:
    """The hook for seed_demo (after the demo staff): directions in every state and the PPIDs' work
    plans. Returns the number of new directions and plans (0 when run again)."""
    today = timezone.localdate()
    created = sum(_seed_direction(spec, today) for spec in DIRECTIONS)
    created += sum(_seed_plan(spec, today.year - 1, today) for spec in PLANS_LAST_YEAR)
    created += sum(_seed_plan(spec, today.year, today) for spec in PLANS_THIS_YEAR)
    codes = list(DEMO_OFFICES.values())
    addressees = DirectionAddressee.objects.filter(office__code__in=codes)
    states = {s.value: addressees.filter(status=s).count() for s in AddresseeStatus}
    plans = {s.value: WorkPlan.objects.filter(office__code__in=codes, status=s).count() for s in WorkPlanStatus}
    write(
        f"Demo directions and work plans: {created} new; demo offices' directions by status: {states}; plans: {plans}"
    )
    return created
