"""Load national holidays and cuti bersama (SKB 3 Menteri) from the libraries; later years: `workdays sync-library`."""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    from ppid.workdays.library import library_days, library_years

    CalendarDay = apps.get_model("workdays", "CalendarDay")
    rows = []
    seen = set()
    for year in library_years():
        try:
            days = library_days(year)
        except ValueError:
            continue
        for day in days:
            key = (day.date, day.kind, day.name)
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                CalendarDay(
                    date=day.date, kind=day.kind, name=day.name, decree=day.decree, scope="all", source="library"
                )
            )
    CalendarDay.objects.bulk_create(rows)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("workdays", "CalendarDay").objects.filter(source="library").delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0002_seed_rule_sets")]
    operations = [migrations.RunPython(forwards, backwards)]
