"""The import template: the columns (required ones marked *), an example row, and a sheet with
the values each column accepts."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from ppid.catalogue.importing.columns import BY_NAME, COLUMNS, DATA_SHEET, EXAMPLE_PREFIX
from ppid.catalogue.models import MandatoryItem
from ppid.catalogue.workflow import OnDemandType
from ppid.core.spreadsheets import safe_cell
from ppid.offices.models import Office

EXAMPLE: dict[str, str | int] = {
    "title": EXAMPLE_PREFIX + " Daftar pemilih tetap Pemilu 2024 per kecamatan",
    "summary": "Rekapitulasi jumlah pemilih tetap di setiap kecamatan.",
    "category": "Berkala",
    "on_demand_type": "",
    "responsible_official": "Kepala Subbagian Perencanaan, Data dan Informasi",
    "made_when": "Februari 2024",
    "made_where": "Kantor KPU",
    "format": "PDF, softcopy",
    "retention_period": "10 tahun",
    "year": 2024,
    "tags": "pemilih, DPT",
    "mandatory_item": "",
}


def template_xlsx(office: Office) -> bytes:
    """The import template for `office`: the columns (required ones marked *), an example row, and
    a sheet with the values the columns accept (categories, letters, the office's units, codes)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = DATA_SHEET
    sheet.append([column.header + (" *" if column.required else "") for column in COLUMNS])
    unit = office.work_units.filter(is_active=True).order_by("name").first()
    example = {**EXAMPLE, "work_unit": unit.name if unit else ""}
    sheet.append([safe_cell(example[column.name]) for column in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(column.header) + 4)
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet("Petunjuk")
    for line in _guide_lines(office):
        guide.append([safe_cell(value) for value in line])
    guide.column_dimensions["A"].width = 34
    guide.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _guide_lines(office: Office) -> list[list[str]]:
    lines: list[list[str]] = [
        [_("How to fill in the DIP template of %(office)s") % {"office": office.name}],
        [_("Columns marked * are required. Keep the header row; the order of the columns does not matter.")],
        [_("Delete the example row before importing. Nothing is imported until every row is correct.")],
        [],
        [BY_NAME["category"].header, "Berkala · Serta Merta · Setiap Saat"],
        [BY_NAME["on_demand_type"].header, _("Only for Setiap Saat: one letter a-h of Pasal 11 ayat (1) UU 14/2008.")],
    ]
    lines += [["", str(label)] for label in OnDemandType.labels]
    lines.append([BY_NAME["year"].header, _("The year the information concerns, e.g. 2024.")])
    units = list(office.work_units.filter(is_active=True).order_by("name").values_list("name", flat=True))
    lines.append([BY_NAME["work_unit"].header, _("Write the name exactly as below (case does not matter).")])
    lines += [["", name] for name in units]
    mandatory = MandatoryItem.objects.filter(is_active=True).order_by("category", "key")
    lines.append([BY_NAME["mandatory_item"].header, _("Optional: the mandatory item the row fulfils.")])
    lines += [[item.key, item.title] for item in mandatory]
    return lines
