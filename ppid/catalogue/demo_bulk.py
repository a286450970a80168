"""National volumes of DIP items for benchmarks: bulk-inserted over every office, published, with
`search_text` and its stored search vector written as the services write them (title, summary,
tags, latest document text); no events, rounds or imports for these rows (said in the output).

Titles and summaries are composed from Indonesian word lists; about two in five items have a PDF
document, shared from a small pool of real PDFs (as offices upload the same national templates),
whose text is part of the item's search text. Bulk rows have no creator (`created_by` is empty):
that is how a run counts the rows it already made.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ppid.catalogue.demo_content import demo_pdf
from ppid.catalogue.models import InformationItem, ItemDocument, MandatoryItem
from ppid.catalogue.services.common import refresh_search_vectors
from ppid.catalogue.workflow import Category, ItemStatus
from ppid.offices.models import Office, WorkUnit
from ppid.requests.demo import DEMO_OFFICES

B, S, M = Category.BERKALA, Category.SETIAP_SAAT, Category.SERTA_MERTA
# (title stem, category, Pasal 11(1) type, a word of the owning unit's name, MandatoryItem key, tags)
SUBJECTS: list[tuple[str, str, str, str, str, str]] = [
    ("Profil dan struktur organisasi", B, "", "Perencanaan", "profil", "profil, organisasi"),
    ("Program dan kegiatan", B, "", "Perencanaan", "program-kegiatan", "program, kegiatan"),
    ("Laporan kinerja instansi pemerintah", B, "", "Perencanaan", "kinerja", "kinerja, LKjIP"),
    ("Laporan keuangan", B, "", "Keuangan", "laporan-keuangan", "keuangan, neraca"),
    ("Laporan layanan informasi publik", B, "", "Perencanaan", "laporan-akses-informasi", "PPID, layanan"),
    ("Himpunan peraturan dan keputusan", B, "", "Hukum", "peraturan-kebijakan", "peraturan, keputusan"),
    ("Standar layanan informasi publik", B, "", "Perencanaan", "tata-cara-informasi", "standar layanan"),
    ("Tata cara pengaduan pelanggaran", B, "", "Hukum", "pengaduan", "pengaduan"),
    ("Pengumuman pengadaan barang dan jasa", B, "", "Keuangan", "pengadaan", "pengadaan, RUP"),
    ("Prosedur evakuasi keadaan darurat", B, "", "Keuangan", "peringatan-dini", "evakuasi"),
    ("Daftar pemilih tetap", B, "", "Perencanaan", "", "pemilih, DPT"),
    ("Rekapitulasi daftar pemilih berkelanjutan", B, "", "Perencanaan", "", "pemilih, DPB"),
    ("Daftar calon tetap anggota DPRD", B, "", "Teknis", "", "pencalonan, DCT"),
    ("Jadwal tahapan pemilihan", B, "", "Teknis", "", "tahapan, jadwal"),
    ("Data jumlah dan lokasi TPS", B, "", "Teknis", "", "TPS"),
    ("Daftar anggota PPK, PPS dan KPPS", B, "", "Hukum", "", "badan ad hoc"),
    ("Laporan realisasi anggaran", B, "", "Keuangan", "", "anggaran, realisasi"),
    ("Daftar barang milik negara", B, "", "Keuangan", "", "BMN, aset"),
    ("Laporan dana kampanye peserta pemilihan", B, "", "Teknis", "", "dana kampanye"),
    ("Materi sosialisasi dan pendidikan pemilih", B, "", "Teknis", "", "sosialisasi, pemilih pemula"),
    ("Daftar Informasi Publik", S, "a", "Perencanaan", "", "DIP"),
    ("Keputusan penetapan rekapitulasi hasil penghitungan suara", S, "b", "Teknis", "", "rekapitulasi, hasil"),
    ("Keputusan penetapan calon terpilih", S, "b", "Hukum", "", "calon terpilih"),
    ("Berita acara rapat pleno terbuka", S, "b", "Teknis", "", "rapat pleno, berita acara"),
    ("Kebijakan pemutakhiran data pemilih", S, "c", "Perencanaan", "", "data pemilih"),
    ("Petunjuk teknis pemungutan dan penghitungan suara", S, "c", "Teknis", "", "juknis, TPS"),
    ("Rencana kerja dan anggaran", S, "d", "Keuangan", "", "RKA, anggaran"),
    ("Rencana kebutuhan logistik pemilihan", S, "d", "Keuangan", "", "logistik, surat suara"),
    ("Perjanjian kerja sama", S, "e", "Teknis", "", "kerja sama, MoU"),
    ("Kontrak pengadaan logistik", S, "e", "Keuangan", "", "kontrak, logistik"),
    ("Siaran pers dan keterangan pimpinan", S, "f", "Teknis", "", "siaran pers"),
    ("Prosedur operasional standar layanan informasi", S, "g", "Perencanaan", "", "SOP"),
    ("Laporan akses informasi publik", S, "h", "Perencanaan", "", "laporan, akses informasi"),
    ("Pengumuman pemindahan lokasi TPS", M, "", "Teknis", "", "TPS, pengumuman"),
    ("Peringatan cuaca ekstrem pada distribusi logistik", M, "", "Keuangan", "", "logistik, cuaca"),
]
# How often each category is drawn: most of a DIP is berkala and setiap saat; serta-merta is rare.
CATEGORY_WEIGHTS = {B: 55, S: 43, M: 2}
QUALIFIERS = ["", "", "per kecamatan", "semester I", "semester II", "beserta lampirannya", "{election}", "Pemilu Anggota DPR dan DPRD", "hasil evaluasi", "perubahan"]  # fmt: skip
OPENERS = ["Memuat", "Berisi", "Ringkasan", "Dokumen yang memuat", "Rincian", "Salinan"]
DETAILS = ["Disusun oleh {unit} berdasarkan data per kecamatan.", "Dilengkapi tabel, grafik dan catatan penjelasan.", "Ditetapkan dalam rapat pleno dan ditandatangani ketua.", "Memuat rekapitulasi per desa atau kelurahan dan per TPS.", "Diperbarui setiap semester sesuai ketentuan.", "Disertai daftar hadir dan dokumentasi kegiatan.", "Mengacu pada Peraturan KPU dan petunjuk teknis yang berlaku.", "Berdasarkan hasil pencocokan dan penelitian oleh petugas."]  # fmt: skip
PURPOSES = ["Disediakan untuk masyarakat, peserta pemilu dan pemantau.", "Salinannya dapat dimohonkan melalui PPID.", "Menjadi bahan evaluasi penyelenggaraan pemilihan.", "Diumumkan di papan pengumuman dan laman resmi.", "Terbuka untuk diakses setiap saat tanpa permohonan."]  # fmt: skip
# One item in about a thousand mentions this: a rare word for the search benchmark ("erupsi").
RARE_SENTENCE = "Termasuk penanganan dampak erupsi gunung api terhadap distribusi logistik."
RARE_RATE = 0.001
DOCUMENT_SENTENCES = ["Pemungutan suara dilaksanakan serentak di seluruh tempat pemungutan suara.", "Kelompok penyelenggara pemungutan suara menghitung suara di hadapan saksi dan pengawas.", "Rekapitulasi hasil penghitungan suara dilakukan berjenjang dari kecamatan sampai provinsi.", "Daftar pemilih tetap disusun dari daftar pemilih sementara setelah tanggapan masyarakat.", "Pemilih penyandang disabilitas berhak mendapat pendampingan di tempat pemungutan suara.", "Logistik pemilihan meliputi surat suara, kotak suara, bilik suara, tinta dan formulir.", "Anggaran pemilihan bersumber dari anggaran pendapatan dan belanja negara dan daerah.", "Kampanye dilaksanakan dengan pertemuan terbatas, tatap muka dan penyebaran bahan kampanye.", "Badan ad hoc dibentuk melalui seleksi terbuka dan diumumkan kepada masyarakat.", "Keberatan saksi dicatat dalam formulir kejadian khusus dan ditindaklanjuti pada rapat pleno.", "Sosialisasi menyasar pemilih pemula, perempuan, masyarakat adat dan pemilih di daerah terpencil.", "Pengadaan barang dan jasa dilakukan melalui katalog elektronik dan tender terbuka.", "Laporan keuangan disusun sesuai standar akuntansi pemerintahan dan diperiksa auditor.", "Pemutakhiran data pemilih berkelanjutan dilakukan setiap bulan bersama dinas kependudukan.", "Informasi publik diberikan dalam bentuk salinan digital atau cetak sesuai permintaan pemohon.", "Pengumuman disampaikan melalui laman resmi, media sosial dan papan pengumuman kantor."]  # fmt: skip
DEMO_CODES = frozenset(DEMO_OFFICES.values())
# `seed_demo --scale N` adds N synthetic liaison officers; each keeps some 25 items of its unit's DIP,
# so --scale 2000 (bench/run.py) gives 50,000 items and --scale 8000 the national 200,000.
ITEMS_PER_SCALE = 25
POOL_SIZE = 12
DOCUMENT_RATE = 0.4


def bulk_items() -> QuerySet[InformationItem]:
    """The rows `bulk_fill_items` made: items without a creator (the services always record one)."""
    return InformationItem.objects.filter(created_by__isnull=True)


def _pool(rng: random.Random) -> list[dict[str, Any]]:
    """A few real PDFs, stored once, that bulk items share as their document."""
    pool = []
    for number in range(1, POOL_SIZE + 1):
        title = f"Dokumen pendukung nomor {number}"
        text = " ".join(rng.sample(DOCUMENT_SENTENCES, 8))
        data = demo_pdf(title, text)
        name = f"dip/demo-bulk/dokumen-{number:02d}.pdf"
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(data))
        sha256 = hashlib.sha256(data).hexdigest()
        pool.append({"title": title, "text": text, "file": name, "size": len(data), "sha256": sha256})
    return pool


def _units_by_office(offices: list[Office]) -> dict[int, list[WorkUnit]]:
    units: dict[int, list[WorkUnit]] = defaultdict(list)
    for unit in WorkUnit.objects.filter(office__in=offices, is_active=True).order_by("office_id", "name"):
        units[unit.office_id].append(unit)
    return units


def _election(office: Office) -> str:
    """The regional election an office runs (its own head of region), or the presidential one at KPU RI."""
    for word, election in (("Provinsi", "Gubernur dan Wakil Gubernur"), ("Kabupaten", "Bupati dan Wakil Bupati"), ("Kota", "Wali Kota dan Wakil Wali Kota")):  # fmt: skip
        if word in office.name:
            return f"Pemilihan {election}"
    return "Pemilu Presiden dan Wakil Presiden"


def _unit(units: list[WorkUnit], word: str) -> WorkUnit:
    return next((u for u in units if word in u.name), next((u for u in units if not u.is_legal_unit), units[0]))


class _Maker:
    """Composes one item (and maybe its document) from the word lists; deterministic for a seed."""

    def __init__(self, rng: random.Random, now: datetime.datetime, pool: list[dict[str, Any]]) -> None:
        self.rng, self.now, self.pool = rng, now, pool
        self.mandatory = dict(MandatoryItem.objects.values_list("key", "pk"))
        by_category: dict[str, list[tuple[str, str, str, str, str, str]]] = defaultdict(list)
        for subject in SUBJECTS:
            by_category[subject[1]].append(subject)
        self.by_category = by_category
        self.categories, self.weights = list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values())

    def item(self, office: Office, units: list[WorkUnit]) -> tuple[InformationItem, dict[str, Any] | None]:
        rng = self.rng
        category = rng.choices(self.categories, self.weights)[0]
        stem, _category, on_demand_type, word, mandatory, tags = rng.choice(self.by_category[category])
        unit = _unit(units, word)
        year = self.now.year - min(int(rng.expovariate(0.6)), 6)
        qualifier = rng.choice(QUALIFIERS).format(election=_election(office))
        title = " ".join(part for part in (stem, qualifier, office.name, f"tahun {year}") if part)
        summary = " ".join(
            (
                f"{rng.choice(OPENERS)} {stem[0].lower()}{stem[1:]} {office.name} tahun {year}.",
                rng.choice(DETAILS).format(unit=unit.name),
                rng.choice(PURPOSES),
                RARE_SENTENCE if rng.random() < RARE_RATE else "",
            )
        ).strip()
        document = rng.choice(self.pool) if rng.random() < DOCUMENT_RATE else None
        # Published during its year or the first months after; this year's items up to now.
        start = datetime.datetime(year, 1, 2, 8, tzinfo=self.now.tzinfo)
        end = min(self.now, datetime.datetime(year + 1, 4, 1, tzinfo=self.now.tzinfo))
        published_at = start + (end - start) * rng.random()
        refreshed = published_at
        if category == B and rng.random() < 0.7:  # most offices refresh their berkala items each semester
            refreshed = max(published_at, self.now - datetime.timedelta(days=rng.randrange(1, 170)))
        parts = (title, summary, tags, document["text"] if document else "")
        item = InformationItem(
            office=office,
            title=title[:300],
            summary=summary,
            category=category,
            on_demand_type=on_demand_type,
            # The hand-made demo offices keep their coverage story (one item missing, one stale).
            mandatory_item_id=None if office.code in DEMO_CODES else self.mandatory.get(mandatory),
            work_unit=unit,
            responsible_official=f"Kepala {unit.name}"[:200],
            made_when=str(year),
            made_where=office.name,
            format="PDF",
            retention_period="10 tahun" if category == B else "5 tahun",
            year=year,
            tags=tags,
            status=ItemStatus.PUBLISHED,
            published_at=published_at,
            refreshed_on=refreshed.astimezone(office.zoneinfo).date(),
            search_text="\n".join(part for part in parts if part),
        )
        return item, document


def _insert(rows: list[tuple[InformationItem, dict[str, Any] | None]]) -> None:
    """One batch in one transaction: the items, their stored search vectors (PostgreSQL: one UPDATE
    for the batch, as the services keep them), then their documents (they need the items' ids)."""
    with transaction.atomic():
        InformationItem.objects.bulk_create([item for item, _document in rows])
        refresh_search_vectors(InformationItem.objects.filter(pk__in=[item.pk for item, _document in rows]))
        ItemDocument.objects.bulk_create(
            [
                ItemDocument(
                    item=item,
                    version=1,
                    title=document["title"],
                    file=document["file"],
                    original_name=document["file"].rsplit("/", 1)[-1],
                    content_type="application/pdf",
                    size=document["size"],
                    sha256=document["sha256"],
                    text=document["text"],
                    approved_at=item.published_at,  # public with its item
                )
                for item, document in rows
                if document is not None
            ]
        )


def bulk_fill_items(
    total: int, *, batch_size: int = 5000, seed: int = 2026, write: Callable[[str], Any] = print
) -> int:
    """Make sure `total` bulk items exist, spread evenly over all active offices: adds only the
    missing ones (a second run with the same total adds nothing). Returns how many were added.

    Bulk-inserted for benchmark volumes: no events, rounds or imports are written for these rows."""
    existing = bulk_items().count()
    missing = total - existing
    if missing <= 0:
        write(f"Bulk DIP items: {existing} already there; none added.")
        return 0
    offices = list(Office.objects.filter(is_active=True).order_by("path"))
    units = _units_by_office(offices)
    offices = [office for office in offices if units[office.pk]]  # an item belongs to a work unit
    rng = random.Random(seed + existing)  # noqa: S311 - demo data, not secrets
    maker = _Maker(rng, timezone.now(), _pool(random.Random(seed)))  # noqa: S311
    # Continue the spread where the last run stopped, so offices stay even across runs.
    batch: list[tuple[InformationItem, dict[str, Any] | None]] = []
    for serial in range(existing, total):
        office = offices[serial % len(offices)]
        batch.append(maker.item(office, units[office.pk]))
        if len(batch) >= batch_size:
            _insert(batch)
            batch = []
    if batch:
        _insert(batch)
    added = bulk_items().count() - existing
    write(f"Added {added} bulk DIP items over {len(offices)} offices (bulk insert: no events written for them).")
    return added
