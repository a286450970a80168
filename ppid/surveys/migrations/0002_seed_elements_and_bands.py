"""Seed the nine SKM elements and the four IKM bands of PermenPANRB 14/2017 [verify]."""

from decimal import Decimal

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

ELEMENTS = [
    ("persyaratan", "Persyaratan", "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan?"),
    ("prosedur", "Sistem, mekanisme, dan prosedur", "Bagaimana kemudahan prosedur pelayanan?"),
    ("waktu", "Waktu penyelesaian", "Bagaimana kecepatan waktu dalam memberikan pelayanan?"),
    ("biaya", "Biaya/tarif", "Bagaimana kewajaran biaya/tarif dalam pelayanan?"),
    (
        "produk",
        "Produk spesifikasi jenis pelayanan",
        "Bagaimana kesesuaian informasi yang diterima dengan yang dimohon?",
    ),
    ("kompetensi", "Kompetensi pelaksana", "Bagaimana kemampuan petugas dalam memberikan pelayanan?"),
    ("perilaku", "Perilaku pelaksana", "Bagaimana kesopanan dan keramahan petugas?"),
    ("pengaduan", "Penanganan pengaduan, saran, dan masukan", "Bagaimana penanganan pengaduan, saran, dan masukan?"),
    ("sarana", "Sarana dan prasarana", "Bagaimana kualitas sarana dan prasarana pelayanan?"),
]

BANDS = [
    ("A", "Sangat Baik", "88.31", "100.00"),
    ("B", "Baik", "76.61", "88.30"),
    ("C", "Kurang Baik", "65.00", "76.60"),
    ("D", "Tidak Baik", "25.00", "64.99"),
]


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    element = apps.get_model("surveys", "SurveyElement")
    band = apps.get_model("surveys", "SurveyBand")
    for position, (code, name, question) in enumerate(ELEMENTS, start=1):
        element.objects.update_or_create(code=code, defaults={"name": name, "question": question, "position": position})
    for code, label, low, high in BANDS:
        band.objects.update_or_create(
            code=code, defaults={"label": label, "min_ikm": Decimal(low), "max_ikm": Decimal(high)}
        )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
