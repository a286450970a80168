"""Demo annual reports for `seed_demo`, through the annual report services (Perki 1/2021 Pasal 56).

KPU RI's report for last year is written, submitted, approved by its Atasan PPID and published
(with its PDF), reading last year's evaluated work plan (ppid.guidance.demo, seeded first). KPU
Provinsi Jawa Barat's report for this year, the year of the demo requests, is submitted and waits
for its Atasan PPID; KPU Kota Bandung's is a draft with the first sections written.

Safe to run again: a report already started (its office and year) is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from ppid.accounts.models import User
from ppid.annual.models import AnnualReport
from ppid.annual.services import (
    annual_report_approve,
    annual_report_create,
    annual_report_publish,
    annual_report_submit,
    annual_report_update,
)
from ppid.annual.workflow import Status
from ppid.offices.models import Office
from ppid.requests.demo import DEMO_OFFICES


@dataclass(frozen=True)
class DemoReport:
    suffix: str  # demo office: "ri", "jabar", "bandung"
    years_ago: int
    status: Status
    narrative: dict[str, str]


NARRATIVE_RI = {
    "general_policy": (
        "Layanan informasi publik KPU berpedoman pada UU 14/2008, Perki 1/2021, Perki 1/2019 dan PKPU 22/2023 "
        "sebagaimana diubah terakhir dengan PKPU 4/2025. Pembina PPID menetapkan arah kebijakan agar seluruh "
        "satuan kerja KPU mengutamakan keterbukaan, kecepatan layanan, dan pelindungan data pribadi pemohon "
        "sesuai UU 27/2022. Sepanjang tahun, arahan Pembina dan Tim Pertimbangan kepada PPID KPU Provinsi dan "
        "KPU Kabupaten/Kota dipantau tindak lanjutnya melalui aplikasi PPID."
    ),
    "facilities": (
        "KPU RI menyediakan ruang layanan informasi di lantai dasar gedung KPU dengan jalur landai, meja "
        "layanan rendah, dan komputer publik untuk penelusuran Daftar Informasi Publik. Layanan daring tersedia "
        "24 jam melalui portal PPID, termasuk pelacakan permohonan dan pengajuan keberatan."
    ),
    "staff": (
        "PPID KPU RI didukung oleh Tim Penghubung pada delapan biro, empat petugas Desk Pelayanan Informasi, "
        "dan Biro Hukum untuk penanganan sengketa. Sebanyak 38 PPID KPU Provinsi mengikuti bimbingan teknis "
        "layanan informasi yang diselenggarakan dalam tiga gelombang regional."
    ),
    "budget": (
        "Layanan informasi dibiayai dari DIPA Sekretariat Jenderal KPU pada program dukungan manajemen, "
        "mencakup pemeliharaan portal, bimbingan teknis PPID, survei kepuasan, dan penggandaan dokumen. "
        "Layanan informasi tidak dipungut biaya; pemohon hanya menanggung biaya salinan dan pengiriman."
    ),
    "obstacles": (
        "Sebagian dokumen berkala belum tersedia dalam format digital yang dapat dicari, sehingga pemutakhiran "
        "DIP bergantung pada pemindaian arsip. Uji konsekuensi dua usulan informasi yang dikecualikan tertunda "
        "karena menunggu pendapat ahli."
    ),
    "recommendations": (
        "Digitalisasi arsip berkala dipercepat pada setiap biro; jadwal pendapat ahli untuk uji konsekuensi "
        "ditetapkan sejak awal tahun; PPID KPU Provinsi didorong menyelesaikan pemutakhiran DIP KPU "
        "Kabupaten/Kota di wilayahnya paling lambat akhir semester pertama."
    ),
    "follow_up": (
        "Rekomendasi laporan tahun sebelumnya telah ditindaklanjuti dengan penetapan Tim Penghubung di setiap "
        "biro, pemasangan maklumat pelayanan dalam format ramah disabilitas, dan penyelenggaraan Survei "
        "Kepuasan Masyarakat atas layanan informasi."
    ),
}

NARRATIVE_JABAR = {
    "general_policy": (
        "PPID KPU Provinsi Jawa Barat melaksanakan arahan Pembina PPID dan Tim Pertimbangan Pelayanan "
        "Informasi KPU RI, dengan fokus pada pemutakhiran DIP dan pendampingan 27 PPID KPU Kabupaten/Kota di "
        "wilayah Jawa Barat."
    ),
    "facilities": (
        "Ruang layanan informasi berada di lobi kantor KPU Provinsi Jawa Barat, Jalan Garut Bandung, dilengkapi "
        "komputer publik, pojok baca regulasi kepemiluan, dan maklumat pelayanan versi audio."
    ),
    "staff": (
        "Layanan dijalankan oleh PPID, Tim Penghubung pada empat bagian, dua petugas desk, serta Bagian Hukum "
        "dan Sumber Daya Manusia untuk penanganan keberatan dan sengketa informasi."
    ),
    "budget": (
        "Kegiatan layanan informasi dibiayai dari DIPA KPU Provinsi Jawa Barat, terutama untuk pendampingan "
        "PPID KPU Kabupaten/Kota dan sosialisasi keterbukaan informasi kepada pemilih pemula."
    ),
    "obstacles": (
        "Jadwal sosialisasi di sekolah dan kampus beberapa kali bergeser mengikuti kalender akademik; sebagian "
        "KPU Kabupaten/Kota belum memiliki petugas desk tetap."
    ),
    "recommendations": (
        "Jadwal sosialisasi disepakati dengan sekolah dan kampus pada awal semester; setiap KPU Kabupaten/Kota "
        "menetapkan sekurang-kurangnya satu petugas desk pelayanan informasi."
    ),
    "follow_up": (
        "Arahan Tim Pertimbangan tentang layanan ramah disabilitas telah diteruskan kepada seluruh KPU "
        "Kabupaten/Kota dan tindak lanjutnya dipantau melalui aplikasi PPID."
    ),
}

# A draft: the PPID has written the first sections so far.
NARRATIVE_BANDUNG = {
    "general_policy": (
        "PPID KPU Kota Bandung menjalankan layanan informasi publik sesuai PKPU 22/2023 dan arahan PPID KPU "
        "Provinsi Jawa Barat, dengan prioritas pemutakhiran DIP dan penguatan Tim Penghubung di setiap "
        "subbagian."
    ),
    "facilities": (
        "Desk layanan informasi berada di ruang depan kantor KPU Kota Bandung dan dapat diakses kursi roda; "
        "permohonan daring diterima melalui portal PPID."
    ),
}

REPORTS: tuple[DemoReport, ...] = (
    DemoReport("ri", 1, Status.PUBLISHED, NARRATIVE_RI),
    DemoReport("jabar", 0, Status.SUBMITTED, NARRATIVE_JABAR),
    DemoReport("bandung", 0, Status.DRAFT, NARRATIVE_BANDUNG),
)


def _seed_report(spec: DemoReport) -> bool:
    office = Office.objects.get(code=DEMO_OFFICES[spec.suffix])
    year = timezone.now().astimezone(office.zoneinfo).year - spec.years_ago
    if AnnualReport.objects.filter(office=office, year=year).exists():
        return False
    ppid = User.objects.get(username=f"ppid.{spec.suffix}")
    with transaction.atomic():
        report = annual_report_create(office=office, year=year, actor=ppid)
        report = annual_report_update(report=report, actor=ppid, narrative=spec.narrative)
        if spec.status == Status.DRAFT:
            return True
        report = annual_report_submit(report=report, actor=ppid)
        if spec.status == Status.SUBMITTED:
            return True
        atasan = User.objects.get(username=f"atasan.{spec.suffix}")
        report = annual_report_approve(report=report, actor=atasan)
        annual_report_publish(report=report, actor=ppid)
    return True


def seed_annual(write: Callable[[str], Any] = print) -> int:
    """The hook for seed_demo (after the work plans): the annual reports. Returns the number of new
    reports (0 when run again)."""
    created = sum(_seed_report(spec) for spec in REPORTS)
    reports = AnnualReport.objects.filter(office__code__in=DEMO_OFFICES.values())
    statuses = {s.value: reports.filter(status=s).count() for s in Status}
    write(f"Demo annual reports: {created} new; at the demo offices by status: {statuses}")
    return created
