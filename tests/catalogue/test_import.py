"""/staf/dip/impor/: an office's existing DIP from an XLSX, checked cell by cell and imported all or
nothing (seed d.3), the validation report naming row and column, and the template."""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.catalogue.importing import Problem, import_spreadsheet
from ppid.catalogue.importing import rows as import_rows
from ppid.catalogue.models import InformationItem
from ppid.catalogue.workflow import Category, ItemStatus
from ppid.offices.models import Office, WorkUnit
from tests.factories import RoleMembershipFactory
from tests.requests.conftest import PDF_BYTES

URL = "/staf/dip/impor/"
TEMPLATE_URL = "/staf/dip/impor/templat.xlsx"
UNIT = "Subbagian Keuangan, Umum dan Logistik"
OTHER_UNIT = "Subbagian Perencanaan, Data dan Informasi"
# Deliberately not the template's order, case or spacing: columns are found by their name.
HEADER = [
    "No.",
    "JUDUL  INFORMASI",
    "ringkasan isi informasi",
    "Kategori",
    "Huruf Pasal 11 ayat (1)",
    "Unit Kerja",
    "Penanggung jawab *",
    "Tahun",
    "Bentuk informasi",
    "Jangka waktu penyimpanan",
    "Kata kunci",
]
ROWS = [
    [1, "Laporan keuangan 2024", "Laporan realisasi anggaran.", "Berkala", "", UNIT, "Bendahara", 2024, "PDF", "10 tahun", "anggaran"],
    [2, "Peringatan banjir TPS", "TPS yang dipindahkan karena banjir.", "Serta Merta", None, OTHER_UNIT, "Kasubbag Teknis", "2024", "", "", ""],
    [3, "SOP layanan informasi", "Prosedur kerja pegawai PPID.", "setiap saat", "g", UNIT, "Sekretaris", 2023.0, "PDF", "", "SOP, layanan"],
]  # fmt: skip


def xlsx(rows: list[list[Any]], name: str = "dip.xlsx", *, title: str = "") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"  # assertions read the English msgids
    return client


@pytest.fixture
def as_ppid(english: Client, ppid_officer: User) -> Client:
    english.force_login(ppid_officer)
    return english


def post(client: Client, office: Office, upload: SimpleUploadedFile) -> Any:
    return client.post(URL, {"office": office.pk, "file": upload})


def test_a_clean_file_imports_every_row_and_publishes_it(as_ppid: Client, office: Office) -> None:
    response = post(as_ppid, office, xlsx([HEADER, *ROWS]))

    assert response.status_code == 302 and response["Location"] == URL
    items = {item.title: item for item in InformationItem.objects.filter(office=office).select_related("work_unit")}
    assert set(items) == {"Laporan keuangan 2024", "Peringatan banjir TPS", "SOP layanan informasi"}
    assert all(item.status == ItemStatus.PUBLISHED and item.published_at for item in items.values())
    sop = items["SOP layanan informasi"]
    assert (sop.category, sop.on_demand_type, sop.year, sop.work_unit.name) == (Category.SETIAP_SAAT, "g", 2023, UNIT)
    assert sop.responsible_official == "Sekretaris" and sop.tag_list == ["SOP", "layanan"]
    flood = items["Peringatan banjir TPS"]
    assert (flood.category, flood.year, flood.work_unit.name) == (Category.SERTA_MERTA, 2024, OTHER_UNIT)
    assert items["Laporan keuangan 2024"].retention_period == "10 tahun"
    followed = as_ppid.get(URL)
    assert "Imported and published in the DIP of KPU Kota Bandung: 3 items." in followed.content.decode()


def test_one_bad_cell_imports_nothing_and_the_report_names_its_row_and_column(as_ppid: Client, office: Office) -> None:
    rows = [list(row) for row in ROWS]
    rows[1][3] = "Kadang-kadang"  # Kategori of spreadsheet row 3

    response = post(as_ppid, office, xlsx([HEADER, *rows]))

    assert response.status_code == 200
    assert not InformationItem.objects.filter(office=office).exists()
    [problem] = response.context["report"].problems
    assert (problem.row, problem.letter, problem.column) == (3, "D", "Kategori")
    assert "Berkala, Serta Merta or Setiap Saat" in problem.message
    html = response.content.decode()
    assert "Nothing was imported." in html and "<td>3</td>" in html and "D · Kategori" in html


def test_every_problem_is_reported_at_once_with_the_rows_of_the_file(
    office: Office, ppid_officer: User, english: Client
) -> None:
    rows = [list(row) for row in ROWS]
    rows[0][5] = "Biro Fiktif"  # no such unit at Bandung
    rows[1][7] = "tahun lalu"  # not a year
    rows[2][4] = ""  # setiap saat without its Pasal 11 letter: the service's own check
    rows[2][1] = "x" * 301  # longer than the database column
    upload = xlsx([HEADER, *rows[:1], [], *rows[1:]], title="DIP KPU Kota Bandung 2024")

    report = import_spreadsheet(office=office, actor=ppid_officer, upload=upload)

    # Row 1 is a title, row 2 the header, row 4 empty: the numbers are the spreadsheet's own.
    assert {(p.row, p.column) for p in report.problems} == {
        (3, "Unit kerja"),
        (5, "Tahun"),
        (6, "Judul informasi"),
    }
    assert report.rows_read == 3 and report.created == []
    assert not InformationItem.objects.filter(office=office).exists()
    rows[2][1] = "SOP layanan informasi"
    report = import_spreadsheet(office=office, actor=ppid_officer, upload=xlsx([HEADER, *rows]))
    assert (4, "Huruf Pasal 11 ayat (1)") in {(p.row, p.column) for p in report.problems}


def test_a_file_that_is_not_an_xlsx_is_refused(as_ppid: Client, office: Office) -> None:
    not_zip = SimpleUploadedFile("dip.xlsx", PDF_BYTES)
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")

    for upload in (
        not_zip,
        SimpleUploadedFile("dip.xlsx", other_zip.getvalue()),
        SimpleUploadedFile("dip.csv", b"a,b"),
    ):
        response = post(as_ppid, office, upload)
        assert response.status_code == 200
        assert "is not an Excel workbook" in str(response.context["form"].errors["file"])
        assert response.context["report"] is None
    assert not InformationItem.objects.exists()


def test_a_missing_required_column_is_named(office: Office, ppid_officer: User) -> None:
    header = [name for name in HEADER if name != "Tahun"]
    rows = [[cell for index, cell in enumerate(row) if HEADER[index] != "Tahun"] for row in ROWS]

    report = import_spreadsheet(office=office, actor=ppid_officer, upload=xlsx([header, *rows]))

    assert report.problems == [Problem(1, "", "Tahun", report.problems[0].message)]
    assert not InformationItem.objects.exists()


def test_a_second_upload_of_the_same_list_is_refused_as_duplicates(office: Office, ppid_officer: User) -> None:
    first = import_spreadsheet(office=office, actor=ppid_officer, upload=xlsx([HEADER, *ROWS]))
    assert len(first.created) == 3

    again = import_spreadsheet(office=office, actor=ppid_officer, upload=xlsx([HEADER, *ROWS, ROWS[0]]))

    assert [(p.row, p.column) for p in again.problems] == [(2, "Judul informasi"), (3, "Judul informasi"), (4, "Judul informasi"), (5, "Judul informasi")]  # fmt: skip
    assert InformationItem.objects.filter(office=office).count() == 3


def test_rows_the_service_rejects_are_reported_on_the_files_rows(
    office: Office, ppid_officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """items_import checks again before it writes; its row numbers (2, 3, …) are mapped back to the
    file's rows even when the file has empty rows."""
    monkeypatch.setattr(import_rows, "check_item", lambda office, data: None)  # only the service checks now
    rows = [list(row) for row in ROWS]
    rows[2][4] = ""  # setiap saat without its letter

    report = import_spreadsheet(office=office, actor=ppid_officer, upload=xlsx([HEADER, [], *rows]))

    assert [(p.row, p.letter, p.column) for p in report.problems] == [(5, "E", "Huruf Pasal 11 ayat (1)")]
    assert not InformationItem.objects.exists()


def test_the_template_has_the_columns_and_an_example_row_that_is_never_imported(
    as_ppid: Client, office: Office, unit: WorkUnit
) -> None:
    response = as_ppid.get(TEMPLATE_URL, {"kantor": office.code})

    assert response.status_code == 200 and response["Content-Disposition"].endswith('templat-dip-32.73.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    header, example = list(workbook["DIP"].iter_rows(values_only=True))
    assert header[:3] == ("Judul informasi *", "Ringkasan isi informasi *", "Kategori *")
    example_unit = example[header.index("Unit kerja *")]
    assert office.work_units.filter(name=example_unit).exists()
    assert unit.name in [row[1] for row in workbook["Petunjuk"].iter_rows(values_only=True)]

    refused = post(as_ppid, office, SimpleUploadedFile("templat.xlsx", response.content))
    assert [(p.row, p.column) for p in refused.context["report"].problems] == [(2, "Judul informasi")]
    sheet = workbook["DIP"]
    sheet["A2"] = "Daftar pemilih tetap Pemilu 2024 per kecamatan"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert post(as_ppid, office, SimpleUploadedFile("dip.xlsx", buffer.getvalue())).status_code == 302
    assert InformationItem.objects.get(office=office).work_unit.name == example_unit


def test_only_the_ppid_imports(client: Client, liaison: User, atasan: User, office: Office) -> None:
    assert client.get(URL).status_code == 302  # to the login page
    for user in (liaison, atasan):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.get(TEMPLATE_URL).status_code == 403
        assert client.post(URL, {"office": office.pk, "file": xlsx([HEADER, *ROWS])}).status_code == 403
    assert not InformationItem.objects.exists()


def test_another_offices_ppid_cannot_import_into_this_office(
    client: Client, staff: Any, office: Office, office_jabar: Office
) -> None:
    client.force_login(staff(Role.PPID, office_jabar))
    response = client.post(URL, {"office": office.pk, "file": xlsx([HEADER, *ROWS])})

    assert response.status_code == 200 and "office" in response.context["form"].errors
    assert not InformationItem.objects.exists()


def test_a_ppid_of_two_offices_chooses_the_office_and_its_template(
    client: Client, staff: Any, office: Office, office_jabar: Office
) -> None:
    user = staff(Role.PPID, office)
    RoleMembershipFactory(user=user, office=office_jabar, role=Role.PPID, valid_from=datetime.date(2020, 1, 1))
    client.force_login(user)

    html = client.get(URL).content.decode()

    assert 'name="office"' in html and "<select" in html
    assert f"?kantor={office_jabar.code}" in html and f"?kantor={office.code}" in html
    response = client.get(TEMPLATE_URL, {"kantor": office_jabar.code})
    assert response["Content-Disposition"].endswith('templat-dip-32.xlsx"')
    assert client.get(TEMPLATE_URL, {"kantor": "33"}).status_code == 404


def test_columns_not_in_the_template_are_ignored_and_named(office: Office, ppid_officer: User) -> None:
    rows = [[*row, "catatan internal"] for row in ROWS]

    report = import_spreadsheet(office=office, actor=ppid_officer, upload=xlsx([[*HEADER, "Catatan"], *rows]))

    assert report.is_clean and len(report.created) == 3
    assert report.ignored_columns == ["Catatan"]  # "No." is the form's own numbering: expected
