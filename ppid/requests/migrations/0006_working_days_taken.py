from django.db import migrations, models


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    # Requests decided before the field existed: counted once with each office's calendar.
    from ppid.offices.models import Office
    from ppid.workdays.selectors import calendars_for_offices

    Request = apps.get_model("requests", "InformationRequest")
    rows = Request.objects.filter(working_days_taken__isnull=True, clock_started_at__isnull=False, notice__isnull=False)
    office_ids = set(rows.values_list("office_id", flat=True).distinct())
    if not office_ids:
        return
    calendars = calendars_for_offices(office_ids)
    zones = {office.pk: office.zoneinfo for office in Office.objects.filter(pk__in=office_ids)}
    for row in rows.values("pk", "office_id", "clock_started_at", "notice__issued_at").iterator(chunk_size=2000):
        calendar = calendars[row["office_id"]]
        day_zero, _reason = calendar.day_zero(row["clock_started_at"])
        issued = row["notice__issued_at"].astimezone(zones[row["office_id"]]).date()
        Request.objects.filter(pk=row["pk"]).update(
            working_days_taken=max(calendar.count_working_days(day_zero, issued), 0)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("requests", "0005_writtennotice_exemption"),
    ]

    operations = [
        migrations.AddField(
            model_name="informationrequest",
            name="working_days_taken",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="working days taken"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
