"""The shipped office list: KPU RI, 38 KPU Provinsi and 514 KPU Kabupaten/Kota, loaded by migration."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from ppid.offices.loading import load_offices, read_office_rows
from ppid.offices.models import Office, OfficeLevel, WorkUnit

pytestmark = pytest.mark.django_db

WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
WIT_PROVINCES = {"81", "82", "91", "92", "93", "94", "95", "96"}


def test_it_loads_exactly_553_offices() -> None:
    assert Office.objects.count() == 553


def test_it_loads_one_ri_38_provinces_and_514_regencies() -> None:
    counts = dict(Office.objects.values_list("level").annotate(n=Count("id")))

    assert counts == {OfficeLevel.RI: 1, OfficeLevel.PROVINSI: 38, OfficeLevel.KABKOTA: 514}


def test_it_puts_kpu_ri_at_the_root() -> None:
    ri = Office.objects.get(level=OfficeLevel.RI)

    assert ri.code == "00"
    assert ri.parent is None
    assert ri.path == "00"
    assert ri.province_code == ""


def test_it_puts_every_province_under_kpu_ri() -> None:
    provinces = Office.objects.filter(level=OfficeLevel.PROVINSI)

    assert set(provinces.values_list("parent__code", flat=True)) == {"00"}
    assert all(p.path == f"00/{p.code}" and p.province_code == p.code for p in provinces)


def test_it_puts_every_regency_under_the_province_of_its_code_prefix() -> None:
    regencies = Office.objects.filter(level=OfficeLevel.KABKOTA).select_related("parent")

    wrong = [r.code for r in regencies if r.parent is None or r.parent.code != r.code.split(".")[0]]
    assert wrong == []
    assert all(r.parent is not None and r.parent.level == OfficeLevel.PROVINSI for r in regencies)


def test_it_writes_the_materialised_path_and_province_code() -> None:
    bandung = Office.objects.get(code="32.73")

    assert bandung.path == "00/32/32.73"
    assert bandung.province_code == "32"
    assert bandung.ancestor_codes() == ["00", "32"]
    assert Office.objects.get(code="32").is_ancestor_of(bandung)
    assert not Office.objects.get(code="33").is_ancestor_of(bandung)
    assert not bandung.is_ancestor_of(bandung)


def test_it_finds_descendants_by_path_prefix() -> None:
    jabar = Office.objects.get(code="32")

    descendants = set(jabar.descendants().values_list("code", flat=True))

    assert "32.73" in descendants
    assert "32" not in descendants
    assert all(code.startswith("32.") for code in descendants)
    assert descendants == set(jabar.children.values_list("code", flat=True))
    assert Office.objects.get(code="00").descendants().count() == 552


@pytest.mark.parametrize(
    ("code", "zone", "iana"),
    [
        ("51.71", "WITA", "Asia/Makassar"),
        ("91.71", "WIT", "Asia/Jayapura"),
        ("32.73", "WIB", "Asia/Jakarta"),
        ("64", "WITA", "Asia/Makassar"),
        ("00", "WIB", "Asia/Jakarta"),
        ("61", "WIB", "Asia/Jakarta"),
    ],
)
def test_it_gives_each_office_its_legal_time_zone(code: str, zone: str, iana: str) -> None:
    office = Office.objects.get(code=code)

    assert office.time_zone == zone
    assert str(office.zoneinfo) == iana


def _zone_of_province(code: str) -> str:
    if code in WITA_PROVINCES:
        return "WITA"
    return "WIT" if code in WIT_PROVINCES else "WIB"


def test_it_gives_every_office_the_time_zone_of_its_province() -> None:
    offices = Office.objects.exclude(level=OfficeLevel.RI)

    wrong = [office.code for office in offices if office.time_zone != _zone_of_province(office.province_code)]

    assert wrong == []


def test_it_gives_every_office_exactly_one_legal_unit() -> None:
    legal_units = Office.objects.annotate(n=Count("work_units", filter=Q(work_units__is_legal_unit=True)))

    assert set(legal_units.values_list("n", flat=True)) == {1}


def test_it_gives_every_office_its_default_work_units() -> None:
    assert WorkUnit.objects.filter(office__code="00").count() == 8
    assert WorkUnit.objects.filter(office__code="32").count() == 4
    assert WorkUnit.objects.count() == 8 + 552 * 4
    biro_hukum = Office.objects.get(code="00").legal_unit
    subbagian_hukum = Office.objects.get(code="32.73").legal_unit
    assert biro_hukum is not None and biro_hukum.name == "Biro Hukum"
    assert subbagian_hukum is not None and subbagian_hukum.kind == "subbagian"


def test_it_opens_every_office_from_eight_to_four_by_default() -> None:
    hours = set(Office.objects.values_list("opens_at", "closes_at").distinct())

    assert hours == {(datetime.time(8, 0), datetime.time(16, 0))}


def test_it_reads_the_shipped_csv_with_parents_before_children() -> None:
    rows = read_office_rows()
    seen: set[str] = set()
    for row in rows:
        assert row.parent_code == "" or row.parent_code in seen, row.code
        seen.add(row.code)

    assert len(rows) == len(seen) == 553


def test_it_creates_nothing_when_loaded_again() -> None:
    assert load_offices(Office, WorkUnit) == (0, 0)
    assert Office.objects.count() == 553


def test_it_restores_a_missing_office_and_its_units() -> None:
    office = Office.objects.get(code="32.73")
    WorkUnit.objects.filter(office=office).delete()
    office.delete()

    assert load_offices(Office, WorkUnit) == (1, 4)
    restored = Office.objects.get(code="32.73")
    assert restored.parent == Office.objects.get(code="32")
    assert restored.path == "00/32/32.73"
    assert load_offices(Office, WorkUnit) == (0, 0)


def test_it_keeps_an_administrators_correction_when_loaded_again() -> None:
    Office.objects.filter(code="32.73").update(name="KPU Kota Bandung (dikoreksi)")

    load_offices(Office, WorkUnit)

    assert Office.objects.get(code="32.73").name == "KPU Kota Bandung (dikoreksi)"


def test_it_reports_from_the_management_command() -> None:
    out = StringIO()

    call_command("load_offices", stdout=out)

    assert "0 offices and 0 work units added; 553 offices in all." in out.getvalue()
