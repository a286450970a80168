"""The PDF holds every Pasal 56 section with its figures; the XLSX holds the figures as numbers."""

from __future__ import annotations

import datetime
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ppid.accounts.models import User
from ppid.annual.models import AnnualReport
from ppid.annual.pdf import annual_report_pdf
from ppid.annual.services import annual_report_submit
from ppid.annual.xlsx import annual_report_xlsx
from ppid.guidance.models import PlanActivity, WorkPlan
from ppid.guidance.workflow import ActivityStatus
from tests.annual.conftest import KnownYear

pytestmark = pytest.mark.django_db

# The headings in Indonesian when the catalog has them, else the English msgid (one of each pair).
SECTIONS = [
    ("Kebijakan umum", "General policy"),
    ("Pelaksanaan", "Implementation"),
    ("Sarana", "Facilities"),
    ("Sumber daya manusia", "Human resources"),
    ("Anggaran", "Budget"),
    ("Keberatan", "Objections"),
    ("Sengketa", "disputes"),
    ("Kendala", "Obstacles"),
    ("Rekomendasi", "Recommendations"),
    ("Tindak lanjut", "Follow-up"),
]


def _text(content: bytes) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_has_every_section_and_the_figures(
    draft: AnnualReport, known_year: KnownYear, ppid_officer: User
) -> None:
    report = annual_report_submit(report=draft, actor=ppid_officer)
    content = annual_report_pdf(report, compress=False)
    assert content.startswith(b"%PDF")
    text = _text(content)
    for indonesian, english in SECTIONS:
        assert indonesian.lower() in text.lower() or english.lower() in text.lower(), indonesian
    assert "Isi bagian obstacles." in text
    assert report.office.name.upper() in text  # the letterhead
    received = str(report.figures["requests"]["received"])
    assert received == "4" and received in text


def test_the_xlsx_holds_the_figures_as_numbers(draft: AnnualReport, known_year: KnownYear, ppid_officer: User) -> None:
    report = annual_report_submit(report=draft, actor=ppid_officer)
    sheet = load_workbook(io.BytesIO(annual_report_xlsx(report))).active
    assert sheet is not None
    rows = [tuple(cell for cell in row) for row in sheet.iter_rows(values_only=True)]
    values = {(str(label).strip(), section): value for section, label, value in rows[1:]}
    received = [v for (label, _section), v in values.items() if label in ("Diterima", "Received")]
    assert received == [known_year.received]
    refused = [v for (label, _section), v in values.items() if label.startswith(("Ditolak", "Refused"))]
    assert refused == [known_year.refused]


def test_the_work_plan_of_the_year_joins_the_implementation_section(draft: AnnualReport, ppid_officer: User) -> None:
    plan = WorkPlan.objects.create(
        office=draft.office, year=draft.year, status="approved", evaluation="Baik", created_by=ppid_officer
    )
    for number in range(12):
        PlanActivity.objects.create(
            plan=plan,
            title=f"Kegiatan {number}",
            target="Terlaksana",
            owner="Sekretariat",
            starts_on=datetime.date(draft.year, 1, 1),
            ends_on=datetime.date(draft.year, 12, 31),
            progress=100 if number < 9 else 0,
            status=ActivityStatus.DONE if number < 9 else ActivityStatus.PLANNED,
        )
    report = annual_report_submit(report=draft, actor=ppid_officer)
    assert report.figures["workplan"]["activities"] == 12
    assert report.figures["workplan"]["completed"] == 9
    text = _text(annual_report_pdf(report, compress=False))
    assert "12" in text and "Baik" in text
    sheet = load_workbook(io.BytesIO(annual_report_xlsx(report))).active
    assert sheet is not None
    assert any(row[2] == 9 for row in sheet.iter_rows(min_row=2, values_only=True))
