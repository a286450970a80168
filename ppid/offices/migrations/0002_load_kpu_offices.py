"""Load KPU RI, the 38 KPU Provinsi and the 514 KPU Kabupaten/Kota with their default work units."""

from django.db import migrations

from ppid.offices.loading import load_offices


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    load_offices(apps.get_model("offices", "Office"), apps.get_model("offices", "WorkUnit"))


class Migration(migrations.Migration):
    dependencies = [("offices", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
