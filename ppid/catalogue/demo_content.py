"""What the demo DIP says: item templates in Indonesian, with the text of their documents, and a
small real PDF maker, so the full-text search finds words inside the demo documents.

Placeholders: {office} (KPU Kota Bandung), {region} (Kota Bandung), {year} (this year), {last}
(last year), {election} (the last general election year, 2024).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from ppid.catalogue.workflow import Category, ListStatus


@dataclass(frozen=True)
class DemoItem:
    """One item of a demo office's DIP; `unit` is a word of its work unit's name."""

    title: str
    summary: str
    category: str
    unit: str
    mandatory: str = ""  # MandatoryItem key
    on_demand_type: str = ""
    tags: str = ""
    year: str = "{year}"
    document: str = ""  # body of a PDF made for it; "" for none
    url: str = ""  # or a link
    days_ago: int = 30  # when it was published (back-dated after the import)
    offices: tuple[str, ...] = ("00", "32", "32.73")


B, S = Category.BERKALA, Category.SETIAP_SAAT
DEMO_ITEMS: list[DemoItem] = [
    DemoItem(
        "Profil {office}: kedudukan, tugas, fungsi dan struktur organisasi",
        "Kedudukan, tugas dan fungsi, struktur organisasi serta profil singkat ketua dan anggota {office}.",
        B,
        "Perencanaan",
        mandatory="profil",
        tags="profil, struktur organisasi",
        document="{office} adalah penyelenggara pemilu yang bersifat nasional, tetap dan mandiri di wilayah {region}. "
        "Struktur organisasi terdiri atas ketua, anggota dan sekretariat. Sekretariat dipimpin oleh sekretaris "
        "yang membawahkan unit kerja keuangan, umum dan logistik; perencanaan, data dan informasi; teknis "
        "penyelenggaraan pemilu, partisipasi dan hubungan masyarakat; serta hukum dan sumber daya manusia.",
        days_ago=45,
    ),
    DemoItem(
        "Rencana strategis dan program kerja {office} tahun {year}",
        "Ringkasan program dan kegiatan yang sedang dijalankan, dengan sasaran, penanggung jawab dan jadwalnya.",
        B,
        "Perencanaan",
        mandatory="program-kegiatan",
        tags="program, kegiatan, renstra",
        document="Program kerja tahun {year} meliputi pemeliharaan data pemilih berkelanjutan, pendidikan pemilih "
        "bagi pemilih pemula dan penyandang disabilitas, evaluasi penyelenggaraan Pemilihan {election}, serta "
        "penguatan layanan informasi publik melalui portal PPID.",
        days_ago=60,
    ),
    DemoItem(
        "Laporan Kinerja Instansi Pemerintah (LKjIP) {office} tahun {last}",
        "Capaian indikator kinerja utama, realisasi anggaran per sasaran strategis dan rencana tindak lanjut.",
        B,
        "Perencanaan",
        mandatory="kinerja",
        tags="kinerja, LKjIP",
        year="{last}",
        document="Laporan kinerja ini memuat capaian indikator kinerja utama {office} tahun {last}, antara lain "
        "persentase pemutakhiran data pemilih berkelanjutan yang selesai tepat waktu dan indeks kepuasan "
        "layanan informasi publik. Capaian rata-rata mencapai 96 persen dari target.",
        days_ago=75,
    ),
    DemoItem(
        "Laporan keuangan {office} tahun anggaran {last}",
        "Laporan realisasi anggaran, neraca, laporan operasional dan catatan atas laporan keuangan.",
        B,
        "Keuangan",
        mandatory="laporan-keuangan",
        tags="keuangan, anggaran, neraca",
        year="{last}",
        document="Laporan keuangan {office} disusun berdasarkan Standar Akuntansi Pemerintahan. Realisasi belanja "
        "pegawai, belanja barang dan belanja modal disajikan per program. Neraca menyajikan aset, kewajiban dan "
        "ekuitas per 31 Desember. Pagu anggaran dan realisasinya dirinci dalam lampiran.",
        days_ago=90,
    ),
    DemoItem(
        "Laporan layanan informasi publik PPID {office} tahun {last}",
        "Jumlah permohonan informasi, waktu layanan, permohonan yang ditolak beserta alasannya, keberatan dan "
        "sengketa informasi.",
        B,
        "Perencanaan",
        mandatory="laporan-akses-informasi",
        tags="laporan, layanan informasi",
        year="{last}",
        document="Sepanjang tahun {last} PPID {office} menerima permohonan informasi publik secara daring dan "
        "langsung di desk layanan. Rata-rata waktu pemberian jawaban adalah enam hari kerja. Permohonan yang "
        "ditolak didasarkan pada Pasal 17 Undang-Undang Keterbukaan Informasi Publik.",
        days_ago=50,
    ),
    DemoItem(
        "Himpunan peraturan dan keputusan tentang tahapan Pemilihan {election}",
        "Peraturan KPU dan Keputusan KPU yang mengikat publik tentang tahapan, program dan jadwal Pemilihan.",
        B,
        "Hukum",
        mandatory="peraturan-kebijakan",
        tags="peraturan, PKPU, keputusan",
        year="{election}",
        url="https://jdih.kpu.go.id/",
        days_ago=120,
    ),
    DemoItem(
        "Standar layanan informasi publik: permohonan, keberatan dan sengketa informasi",
        "Hak pemohon, tata cara memperoleh informasi, mengajukan keberatan dan menyelesaikan sengketa informasi.",
        B,
        "Perencanaan",
        mandatory="tata-cara-informasi",
        tags="standar layanan, keberatan, sengketa",
        document="Permohonan informasi dapat diajukan secara tertulis atau melalui portal. PPID memberikan "
        "pemberitahuan tertulis paling lambat sepuluh hari kerja dan dapat memperpanjangnya tujuh hari kerja. "
        "Pemohon yang tidak puas dapat mengajukan keberatan kepada Atasan PPID dan selanjutnya sengketa "
        "informasi kepada Komisi Informasi.",
        days_ago=100,
    ),
    DemoItem(
        "Tata cara pengaduan penyalahgunaan wewenang atau pelanggaran",
        "Saluran pengaduan (whistleblowing system), perlindungan pelapor dan tindak lanjut pengaduan.",
        B,
        "Hukum",
        mandatory="pengaduan",
        tags="pengaduan, whistleblowing",
        document="Pengaduan atas dugaan penyalahgunaan wewenang oleh pegawai {office} dapat disampaikan melalui "
        "surat, surel atau kotak pengaduan. Identitas pelapor dirahasiakan. Setiap pengaduan dicatat dan "
        "ditindaklanjuti paling lama tiga puluh hari.",
        days_ago=110,
    ),
    DemoItem(
        "Rencana umum pengadaan barang dan jasa {office} tahun {year}",
        "Pengumuman rencana umum pengadaan (RUP) barang dan jasa, termasuk logistik pemilihan.",
        B,
        "Keuangan",
        mandatory="pengadaan",
        tags="pengadaan, RUP, logistik",
        url="https://sirup.lkpp.go.id/",
        days_ago=40,
    ),
    DemoItem(
        "Prosedur peringatan dini dan evakuasi keadaan darurat di kantor {office}",
        "Jalur evakuasi, titik kumpul, petugas tanggap darurat dan nomor telepon penting.",
        B,
        "Keuangan",
        mandatory="peringatan-dini",
        tags="evakuasi, keadaan darurat",
        document="Apabila terjadi gempa bumi atau kebakaran, seluruh pegawai dan tamu menuju titik kumpul di "
        "halaman depan kantor melalui tangga darurat. Petugas tanggap darurat memandu evakuasi dan memeriksa "
        "setiap ruangan.",
        days_ago=130,
        offices=("00", "32"),  # missing at KPU Kota Bandung: the coverage check shows it
    ),
    DemoItem(
        "Daftar Informasi Publik {office} tahun {year}",
        "Daftar seluruh informasi publik yang dikuasai, sesuai Pasal 11 ayat (1) huruf a.",
        S,
        "Perencanaan",
        on_demand_type="a",
        tags="DIP",
        days_ago=20,
        document="Daftar ini memuat nomor, ringkasan isi informasi, pejabat penguasa informasi, waktu dan tempat "
        "pembuatan, bentuk informasi dan jangka waktu penyimpanan setiap informasi publik {office}.",
    ),
    DemoItem(
        "Keputusan {office} tentang penetapan rekapitulasi hasil penghitungan suara Pemilihan {election}",
        "Keputusan beserta pertimbangannya, berita acara dan sertifikat rekapitulasi hasil penghitungan suara.",
        S,
        "Teknis",
        on_demand_type="b",
        tags="rekapitulasi, hasil pemilihan",
        year="{election}",
        days_ago=140,
        document="Rekapitulasi hasil penghitungan suara di wilayah {region} ditetapkan dalam rapat pleno terbuka. "
        "Berita acara memuat perolehan suara setiap pasangan calon per wilayah, sertifikat hasil dan catatan "
        "keberatan saksi yang diajukan dalam rapat pleno.",
    ),
    DemoItem(
        "Kebijakan pemutakhiran data pemilih berkelanjutan beserta dokumen pendukungnya",
        "Kebijakan, kajian dan dokumen pendukung pemutakhiran data pemilih berkelanjutan.",
        S,
        "Perencanaan",
        on_demand_type="c",
        tags="data pemilih, DPB",
        days_ago=35,
        document="Pemutakhiran data pemilih berkelanjutan dilakukan setiap bulan dengan memadukan data "
        "kependudukan, laporan masyarakat dan hasil coklit terbatas. Rekapitulasi daftar pemilih berkelanjutan "
        "diumumkan setiap semester.",
    ),
    DemoItem(
        "Rencana kerja dan anggaran {office} tahun {year}",
        "Rencana kerja proyek dan perkiraan pengeluaran tahunan (RKA-K/L) beserta petunjuk operasional kegiatan.",
        S,
        "Keuangan",
        on_demand_type="d",
        tags="RKA, anggaran",
        days_ago=80,
        document="Rencana kerja dan anggaran tahun {year} memuat pagu belanja operasional perkantoran, dukungan "
        "tahapan pemilihan dan pengadaan logistik, disusun berdasarkan prioritas program.",
    ),
    DemoItem(
        "Perjanjian kerja sama {office} dengan perguruan tinggi tentang pendidikan pemilih pemula",
        "Nota kesepahaman dan perjanjian kerja sama sosialisasi dan pendidikan pemilih bagi pelajar dan mahasiswa.",
        S,
        "Teknis",
        on_demand_type="e",
        tags="kerja sama, pendidikan pemilih",
        days_ago=95,
        document="Para pihak sepakat menyelenggarakan pendidikan pemilih pemula di sekolah dan kampus, pelatihan "
        "relawan demokrasi dan penelitian tentang partisipasi pemilih di {region}.",
    ),
    DemoItem(
        "Keterangan Ketua KPU dalam rapat dengar pendapat dengan Komisi II DPR tentang evaluasi Pemilu {election}",
        "Informasi dan kebijakan yang disampaikan pejabat publik dalam pertemuan yang terbuka untuk umum.",
        S,
        "Teknis",
        on_demand_type="f",
        tags="rapat dengar pendapat, evaluasi",
        year="{last}",
        days_ago=150,
        document="Dalam rapat dengar pendapat, Ketua KPU menyampaikan evaluasi penyelenggaraan Pemilu {election}, "
        "termasuk penggunaan aplikasi Sirekap, beban kerja badan ad hoc dan usulan perbaikan regulasi.",
        offices=("00",),
    ),
    DemoItem(
        "Prosedur kerja pegawai terkait pelayanan publik",
        "Tugas Pembina PPID, Tim Pertimbangan, Atasan PPID, PPID, Tim Penghubung dan Desk Pelayanan Informasi.",
        S,
        "Hukum",
        on_demand_type="g",
        tags="prosedur kerja, SOP",
        days_ago=160,
        document="Pembina PPID melakukan pembinaan dan arahan. Tim Pertimbangan Pelayanan Informasi membuat "
        "klasifikasi informasi yang dikecualikan. Atasan PPID memberi persetujuan terhadap informasi publik. PPID "
        "menghimpun informasi publik dari seluruh unit kerja dan melakukan pengujian konsekuensi. Tim Penghubung "
        "melaksanakan pelayanan informasi kepada publik. Desk Pelayanan Informasi membantu Tim Penghubung.",
    ),
    DemoItem(
        "Laporan akses informasi publik semester I tahun {year}",
        "Laporan layanan akses informasi publik per semester, Pasal 11 ayat (1) huruf h.",
        S,
        "Perencanaan",
        on_demand_type="h",
        tags="laporan, akses informasi",
        days_ago=25,
        document="Pada semester I tahun {year} tercatat permohonan informasi tentang daftar pemilih tetap, "
        "salinan formulir hasil, anggaran pemilihan dan pengadaan logistik. Sebagian besar dikabulkan seluruhnya.",
    ),
    DemoItem(
        "Daftar pemilih tetap Pemilihan {election} per kecamatan di {region}",
        "Rekapitulasi jumlah pemilih tetap laki-laki, perempuan dan penyandang disabilitas per kecamatan.",
        B,
        "Perencanaan",
        tags="pemilih, DPT",
        year="{election}",
        days_ago=170,
        offices=("32.73",),
        document="Jumlah pemilih tetap di {region} tersebar di tiga puluh kecamatan, antara lain Coblong, "
        "Sukajadi, Cidadap, Lengkong dan Buahbatu, dengan rincian pemilih laki-laki, perempuan dan pemilih "
        "penyandang disabilitas per tempat pemungutan suara.",
    ),
]

# The collection round at KPU Kota Bandung: each unit's list ends in its own status (seed e.2, d.3, c.3, c.1).
ROUND_LISTS: dict[str, tuple[ListStatus, DemoItem]] = {
    "Keuangan": (
        ListStatus.OPEN,
        DemoItem(
            "Laporan realisasi anggaran semester I tahun {year}",
            "Realisasi belanja per program sampai dengan 30 Juni, dibandingkan dengan pagu anggaran.",
            B,
            "Keuangan",
            tags="anggaran, realisasi",
            document="Realisasi anggaran semester I mencapai 47 persen dari pagu, terutama untuk honorarium badan "
            "ad hoc, sewa gudang logistik dan sosialisasi di Kecamatan Coblong dan Sukajadi.",
        ),
    ),
    "Perencanaan": (
        ListStatus.SUBMITTED,
        DemoItem(
            "Rekapitulasi daftar pemilih berkelanjutan semester II tahun {year}",
            "Jumlah pemilih hasil pemutakhiran data pemilih berkelanjutan per kecamatan.",
            S,
            "Perencanaan",
            on_demand_type="c",
            tags="data pemilih, DPB",
            document="Rekapitulasi daftar pemilih berkelanjutan memuat pemilih baru, pemilih tidak memenuhi syarat "
            "dan perbaikan data per kecamatan, antara lain Coblong, Cicendo dan Bandung Kulon.",
        ),
    ),
    "Teknis": (
        ListStatus.ARRANGED,
        DemoItem(
            "Keputusan {office} tentang lokasi TPS pemungutan suara ulang di Kecamatan Coblong",
            "Keputusan dan pertimbangannya tentang lokasi tempat pemungutan suara ulang.",
            S,
            "Teknis",
            on_demand_type="b",
            tags="TPS, pemungutan suara ulang",
            document="Menindaklanjuti rekomendasi pengawas, pemungutan suara ulang dilaksanakan di dua TPS di "
            "Kelurahan Dago, Kecamatan Coblong, dengan lokasi yang sama seperti pemungutan suara sebelumnya.",
        ),
    ),
    "Hukum": (
        ListStatus.APPROVED,
        DemoItem(
            "Himpunan keputusan {office} tentang penetapan calon terpilih Pemilihan {election}",
            "Keputusan penetapan pasangan calon terpilih dan anggota DPRD terpilih beserta berita acaranya.",
            B,
            "Hukum",
            tags="calon terpilih, keputusan",
            year="{election}",
            document="Penetapan calon terpilih dilaksanakan dalam rapat pleno terbuka setelah tidak ada permohonan "
            "perselisihan hasil atau setelah putusan Mahkamah Konstitusi dibacakan.",
        ),
    ),
}

# At KPU Kota Bandung: published long ago and never refreshed, so the coverage check flags it.
STALE_MANDATORY = "laporan-keuangan"
STALE_DAYS_AGO = 430

# Withdrawn at KPU Kota Bandung, with the PPID's reason.
WITHDRAWN = DemoItem(
    "Jadwal kampanye tatap muka Pemilihan {election} di {region}",
    "Jadwal dan lokasi kampanye pertemuan terbatas dan tatap muka pasangan calon.",
    B,
    "Teknis",
    tags="kampanye, jadwal",
    year="{election}",
    days_ago=200,
    offices=("32.73",),
)
WITHDRAWN_REASON = "Jadwal sudah tidak berlaku dan diganti jadwal kampanye yang ditetapkan kemudian."

# Published at KPU RI, then closed by the demo consequence test (ppid.exemptions.demo).
CLOSED_ITEM = DemoItem(
    "Hasil pemeriksaan kesehatan jasmani dan rohani bakal calon anggota DPR dan DPD",
    "Hasil pemeriksaan kesehatan bakal calon dari rumah sakit yang ditunjuk.",
    S,
    "Teknis",
    on_demand_type="b",
    tags="pencalonan, kesehatan",
    year="{election}",
    days_ago=300,
    offices=("00",),
)

# Serta-merta (Pasal 10): (office code, item, reviewed by the Atasan PPID already?)
SERTA_MERTA: list[tuple[str, DemoItem, bool]] = [
    (
        "32.73",
        DemoItem(
            "Pemindahan lokasi TPS 012 Kelurahan Cigadung akibat banjir",
            "TPS 012 Kelurahan Cigadung, Kecamatan Cibeunying Kaler, dipindahkan ke aula kelurahan karena banjir.",
            Category.SERTA_MERTA,
            "Teknis",
            tags="TPS, banjir, pemindahan",
            document="Berhubung banjir yang menggenangi lokasi TPS 012 Kelurahan Cigadung, pemungutan suara "
            "dipindahkan ke aula kantor kelurahan. Pemilih diminta membawa surat pemberitahuan dan KTP-el.",
        ),
        False,
    ),
    (
        "32",
        DemoItem(
            "Peringatan cuaca ekstrem pada distribusi logistik ke daerah rawan longsor",
            "Distribusi logistik ke kecamatan rawan longsor di Jawa Barat dijadwalkan ulang karena cuaca ekstrem.",
            Category.SERTA_MERTA,
            "Keuangan",
            tags="logistik, cuaca ekstrem, longsor",
            document="BMKG memperingatkan potensi hujan lebat dan longsor. Distribusi surat suara ke daerah rawan "
            "longsor di Kabupaten Garut, Cianjur dan Sukabumi dilakukan dengan pengawalan dan jalur alternatif.",
        ),
        True,
    ),
]

POLICY_TITLE = "Arah kebijakan pengelolaan dan pelayanan informasi publik di lingkungan KPU"
POLICY_VERSIONS = [
    "Pelayanan informasi publik dilaksanakan secara cepat, tepat waktu, biaya ringan dan cara sederhana. "
    "Setiap satuan kerja menyusun Daftar Informasi Publik dan memutakhirkannya setiap semester.",
    "Pelayanan informasi publik dilaksanakan secara cepat, tepat waktu, biaya ringan dan cara sederhana, "
    "terutama melalui portal daring. Setiap satuan kerja memutakhirkan Daftar Informasi Publik setiap "
    "semester, mengunggah dokumen dalam format yang dapat dicari, dan mengajukan uji konsekuensi kepada "
    "KPU RI sebelum menolak permohonan atas dasar Pasal 17.",
]
SECOND_POLICY_TITLE = "Pedoman pengujian konsekuensi informasi yang dikecualikan"
SECOND_POLICY_TEXT = (
    "Uji konsekuensi dilakukan oleh PPID KPU RI bersama unit kerja penguasa informasi dan Tim Pertimbangan, "
    "dengan langkah yang ditetapkan Pasal 25 ayat (3) PKPU 22/2023, dan hasilnya ditetapkan dengan Keputusan KPU."
)


def fill(text: str, *, office: str, year: int) -> str:
    return text.format(office=office, region=office.removeprefix("KPU "), year=year, last=year - 1, election=2024)


def demo_pdf(title: str, body: str) -> bytes:
    """A small, real, text-bearing PDF; byte-identical for the same text (reportlab invariant mode)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    page.setTitle(title)
    width, height = A4
    margin, y = 72.0, A4[1] - 72.0
    blocks = [(title, "Helvetica-Bold", 13, 18)] + [(text, "Helvetica", 11, 15) for text in body.split("\n")]
    for text, font, size, leading in blocks:
        page.setFont(font, size)
        for line in simpleSplit(text, font, size, width - 2 * margin):
            if y < margin:
                page.showPage()
                page.setFont(font, size)
                y = height - margin
            page.drawString(margin, y, line)
            y -= leading
        y -= 8
    page.save()
    return buffer.getvalue()
