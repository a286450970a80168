"""/dip/unduh/<kantor>.xlsx|pdf and /dik/unduh.xlsx|pdf: the DIP and the DIK in the official layout,
public, with only what may be published."""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from ppid.accounts.models import User
from ppid.catalogue.models import InformationItem
from ppid.catalogue.services import item_withdraw, items_import, unit_list_add_new
from ppid.catalogue.workflow import Category
from ppid.exemptions.models import ConsequenceTest, Exemption
from ppid.exemptions.workflow import ExemptionStatus
from ppid.offices.models import Office, WorkUnit
from tests.catalogue.conftest import item_data

DIP_HEADER = (
    "No.",
    "Ringkasan isi informasi",
    "Pejabat/unit yang menguasai informasi",
    "Penanggung jawab pembuatan/penerbitan informasi",
    "Waktu dan tempat pembuatan informasi",
    "Bentuk informasi yang tersedia",
    "Jangka waktu penyimpanan",
    "Jenis informasi",
)
DIK_HEADER = (
    "No.",
    "Informasi yang dikecualikan",
    "Dasar hukum",
    "Konsekuensi",
    "Jangka waktu pengecualian",
    "Keputusan KPU",
)


def rows_of(content: bytes) -> list[tuple[Any, ...]]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def published(office: Office, unit: WorkUnit, ppid_officer: User) -> Callable[..., list[InformationItem]]:
    """`published(n)`: n published items of the office (one setiap-saat item of type g first)."""

    def make(count: int = 2) -> list[InformationItem]:
        rows = [
            item_data(
                unit,
                title="SOP layanan informasi",
                summary="Prosedur kerja pegawai PPID.",
                category=Category.SETIAP_SAAT,
                on_demand_type="g",
                made_when="Januari 2024",
                made_where="Bandung",
                year=2024,
            )
        ]
        rows += [item_data(unit, title=f"Laporan keuangan {2010 + n}", year=2010 + n) for n in range(count - 1)]
        return items_import(office=office, actor=ppid_officer, rows=rows, source_name="test")

    return make


def test_the_dip_xlsx_has_the_official_columns_and_only_published_open_items(
    client: Client,
    office: Office,
    unit: WorkUnit,
    published: Callable[..., list[InformationItem]],
    unit_list: Any,
    liaison: User,
    ppid_officer: User,
) -> None:
    _sop, report = published(2)
    unit_list_add_new(unit_list=unit_list, actor=liaison, data=item_data(unit, title="Masih draf"))
    item_withdraw(item=report, actor=ppid_officer, reason="Salah unggah.")

    response = client.get("/dip/unduh/32.73.xlsx")  # anonymous: the DIP is public

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == 'attachment; filename="daftar-informasi-publik-32.73.xlsx"'
    header, *rows = rows_of(response.content)
    assert header == DIP_HEADER
    assert rows == [
        (
            1,
            "SOP layanan informasi\nProsedur kerja pegawai PPID.",
            unit.name,
            "Kepala Subbagian Perencanaan, Data dan Informasi",
            "Januari 2024, Bandung",
            "PDF",
            "10 tahun",
            "Setiap Saat (Pasal 11 ayat (1) huruf g)",
        )
    ]


def test_the_dip_pdf_shows_the_layout_headers_and_the_items(
    client: Client, office: Office, published: Callable[..., list[InformationItem]]
) -> None:
    published(3)

    response = client.get("/dip/unduh/32.73.pdf")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "DAFTAR INFORMASI PUBLIK" in text and office.name.upper() in text
    for words in ("Ringkasan isi informasi", "Jangka waktu penyimpanan", "Penanggung jawab"):
        assert words in text, words
    assert "SOP layanan informasi" in text and "Laporan keuangan 2011" in text
    assert "Berkala (Pasal 9)" in text and "huruf g" in text


def test_the_dip_export_costs_the_same_queries_for_more_items(
    client: Client, office: Office, unit: WorkUnit, ppid_officer: User
) -> None:
    def add(count: int, first: int) -> None:
        rows = [item_data(unit, title=f"Laporan {first + n}") for n in range(count)]
        items_import(office=office, actor=ppid_officer, rows=rows, source_name="test")

    counts = []
    for count, first in ((2, 0), (8, 2)):
        add(count, first)
        for url in ("/dip/unduh/32.73.xlsx", "/dip/unduh/32.73.pdf"):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200
            counts.append(len(queries))
    assert len(rows_of(client.get("/dip/unduh/32.73.xlsx").content)) == 11
    assert counts[:2] == counts[2:]


@pytest.fixture
def two_exemptions(
    decided_exemption_test: Callable[..., ConsequenceTest], office_jateng: Office
) -> tuple[Exemption, Exemption]:
    """A national exemption (KPU RI) and one decided for KPU Provinsi Jawa Tengah only."""
    national = Exemption.objects.get(test=decided_exemption_test())
    local = Exemption.objects.get(
        test=decided_exemption_test(duration_until=datetime.date(2030, 12, 31), pasal17_letter="c", pasal17_point="")
    )
    # Set up directly: the decision for a single office is not a flow these tests exercise.
    Exemption.objects.filter(pk=local.pk).update(
        national=False, office=office_jateng, information="Denah gudang logistik"
    )
    local.refresh_from_db()
    return national, local


def test_the_dik_xlsx_lists_what_is_closed_why_and_until_when(
    client: Client, two_exemptions: tuple[Exemption, Exemption]
) -> None:
    response = client.get("/dik/unduh.xlsx")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="daftar-informasi-dikecualikan.xlsx"'
    header, *rows = rows_of(response.content)
    assert header == DIK_HEADER
    by_information = {row[1]: row for row in rows}
    assert set(by_information) == {"Salinan KTP pendukung calon", "Denah gudang logistik"}
    row = by_information["Salinan KTP pendukung calon"]
    assert row[2] == "Pasal 17 huruf h 2 UU 14/2008"
    assert row[3] == "Membuka data pribadi pemilih (NIK, alamat) kepada umum."
    assert "123/PP.01-Kpt/01/KPU/2026" in row[5]
    assert "2030" in by_information["Denah gudang logistik"][4]
    assert sorted(row[0] for row in rows) == [1, 2]


def test_the_dik_for_one_office_has_the_national_exemptions_and_its_own_only(
    client: Client, two_exemptions: tuple[Exemption, Exemption]
) -> None:
    rows = rows_of(client.get("/dik/unduh.xlsx", {"kantor": "32.73"}).content)[1:]
    assert [row[1] for row in rows] == ["Salinan KTP pendukung calon"]

    rows = rows_of(client.get("/dik/unduh.xlsx", {"kantor": "33"}).content)[1:]
    assert {row[1] for row in rows} == {"Salinan KTP pendukung calon", "Denah gudang logistik"}

    assert client.get("/dik/unduh.xlsx", {"kantor": "99.99"}).status_code == 404


def test_a_revoked_exemption_is_not_listed(client: Client, two_exemptions: tuple[Exemption, Exemption]) -> None:
    national, local = two_exemptions
    Exemption.objects.filter(pk=local.pk).update(status=ExemptionStatus.REVOKED)

    rows = rows_of(client.get("/dik/unduh.xlsx").content)[1:]

    assert [row[1] for row in rows] == [national.information]


def test_the_dik_pdf_shows_the_layout_headers_and_the_decision(
    client: Client, two_exemptions: tuple[Exemption, Exemption]
) -> None:
    response = client.get("/dik/unduh.pdf")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="daftar-informasi-dikecualikan.pdf"'
    text = pdf_text(response.content)
    assert "DAFTAR INFORMASI YANG DIKECUALIKAN" in text and "KPU REPUBLIK INDONESIA" in text  # letterhead
    for words in ("Informasi yang dikecualikan", "Dasar hukum", "Konsekuensi", "Keputusan KPU"):
        assert words in text, words
    assert "Salinan KTP pendukung calon" in text
    assert "123/PP.01-Kpt/01/KPU/2026" in text.replace(" ", "")  # a long number wraps inside its cell


def test_an_empty_list_still_gives_a_document(client: Client, office: Office) -> None:
    assert rows_of(client.get("/dip/unduh/32.73.xlsx").content) == [DIP_HEADER]
    text = pdf_text(client.get("/dip/unduh/32.73.pdf").content)
    assert "DAFTAR INFORMASI PUBLIK" in text
    assert rows_of(client.get("/dik/unduh.xlsx").content) == [DIK_HEADER]


def test_an_unknown_or_inactive_office_is_404(client: Client, office: Office) -> None:
    assert client.get("/dip/unduh/99.99.xlsx").status_code == 404
    Office.objects.filter(pk=office.pk).update(is_active=False)
    assert client.get("/dip/unduh/32.73.pdf").status_code == 404


def test_an_exempt_item_leaves_the_dip(
    client: Client,
    publish: Callable[..., InformationItem],
    decided_exemption_test: Callable[..., ConsequenceTest],
) -> None:
    item = publish(title="Salinan KTP pendukung calon perseorangan")
    assert len(rows_of(client.get("/dip/unduh/32.73.xlsx").content)) == 2

    decided_exemption_test(item=item)

    assert rows_of(client.get("/dip/unduh/32.73.xlsx").content) == [DIP_HEADER]
    assert "Salinan KTP pendukung calon perseorangan" not in pdf_text(client.get("/dip/unduh/32.73.pdf").content)
