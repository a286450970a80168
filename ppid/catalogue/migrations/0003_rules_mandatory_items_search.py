"""Seed the catalogue's rules as data (RULES.md §3) and, on PostgreSQL, the full-text index.

Values marked [verify] come from secondary sources: an administrator corrects them in the admin.
"""

from django.db import migrations

VERIFY = "[verify]"
CATEGORY_RULES = [
    # category, refresh every (months), article, needs verification
    ("berkala", 6, "Pasal 9 UU 14/2008; Perki 1/2021 (at least every 6 months) [verify ayat]", True),
    ("serta_merta", None, "Pasal 10 UU 14/2008", False),
    ("setiap_saat", None, "Pasal 11 UU 14/2008", False),
    ("dikecualikan", None, "Pasal 17 UU 14/2008", False),
]
MANDATORY = [
    # key, category, title, article
    (
        "profil",
        "berkala",
        "Profil badan publik: kedudukan, tugas dan fungsi, struktur organisasi, profil pimpinan",
        "Pasal 9 ayat (2) huruf a UU 14/2008; Perki 1/2021 Pasal 11 ayat (1) huruf a [verify]",
    ),
    (
        "program-kegiatan",
        "berkala",
        "Ringkasan program dan/atau kegiatan yang sedang dijalankan",
        "Pasal 9 ayat (2) huruf b UU 14/2008; Perki 1/2021 Pasal 11 ayat (1) huruf b [verify]",
    ),
    (
        "kinerja",
        "berkala",
        "Ringkasan informasi tentang kinerja",
        "Pasal 9 ayat (2) huruf b UU 14/2008; Perki 1/2021 Pasal 11 ayat (1) huruf c [verify]",
    ),
    (
        "laporan-keuangan",
        "berkala",
        "Ringkasan laporan keuangan",
        "Pasal 9 ayat (2) huruf c UU 14/2008; Perki 1/2021 Pasal 11 ayat (1) huruf d [verify]",
    ),
    (
        "laporan-akses-informasi",
        "berkala",
        "Ringkasan laporan layanan akses informasi publik",
        "Perki 1/2021 Pasal 11 ayat (1) huruf e [verify]",
    ),
    (
        "peraturan-kebijakan",
        "berkala",
        "Peraturan, keputusan dan/atau kebijakan yang mengikat atau berdampak bagi publik",
        "Perki 1/2021 Pasal 11 ayat (1) huruf f [verify]",
    ),
    (
        "tata-cara-informasi",
        "berkala",
        "Hak dan tata cara memperoleh informasi, mengajukan keberatan dan menyelesaikan sengketa",
        "Perki 1/2021 Pasal 11 ayat (1) huruf g [verify]",
    ),
    (
        "pengaduan",
        "berkala",
        "Tata cara pengaduan penyalahgunaan wewenang atau pelanggaran",
        "Perki 1/2021 Pasal 11 ayat (1) huruf h [verify]",
    ),
    ("pengadaan", "berkala", "Pengumuman pengadaan barang dan jasa", "Perki 1/2021 Pasal 11 ayat (1) huruf i [verify]"),
    (
        "peringatan-dini",
        "berkala",
        "Prosedur peringatan dini dan evakuasi keadaan darurat",
        "Perki 1/2021 Pasal 11 ayat (1) huruf j [verify]",
    ),
]
INDEX = "catalogue_item_search_id"


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    CategoryRule = apps.get_model("catalogue", "CategoryRule")
    MandatoryItem = apps.get_model("catalogue", "MandatoryItem")
    for category, months, citation, verify in CATEGORY_RULES:
        CategoryRule.objects.get_or_create(
            category=category,
            defaults={"refresh_months": months, "citation": citation, "needs_verification": verify},
        )
    for key, category, title, citation in MANDATORY:
        MandatoryItem.objects.get_or_create(
            key=key, defaults={"category": category, "title": title, "citation": citation}
        )
    if schema_editor.connection.vendor == "postgresql":
        # The same expression the search uses (SearchVector("search_text", config="indonesian")),
        # so PostgreSQL answers from the index instead of reading every item.
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON catalogue_informationitem "
            "USING gin (to_tsvector('indonesian'::regconfig, COALESCE(search_text, '')))"
        )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_links")]
    operations = [migrations.RunPython(forwards, backwards)]
