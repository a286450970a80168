"""The annual report's figures as a spreadsheet: one row per figure, numbers kept as numbers."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils import translation
from django.utils.translation import gettext as _

from ppid.annual.layout import FIGURE_GROUPS, figure_items
from ppid.annual.models import AnnualReport
from ppid.core.spreadsheets import Cell, xlsx_bytes
from ppid.requests.pdf import LETTER_LANGUAGE


def xlsx_filename(report: AnnualReport) -> str:
    return f"laporan-tahunan-{report.office.code}-{report.year}.xlsx"


def _records(report: AnnualReport) -> Iterator[list[Cell]]:
    for group, heading in FIGURE_GROUPS.items():
        for label, value, depth in figure_items(report.figures, group):
            cell: Cell = value if isinstance(value, (int, str)) or value is None else str(value)
            yield [str(heading), ("  " * depth) + label, cell]


def annual_report_xlsx(report: AnnualReport) -> bytes:
    with translation.override(LETTER_LANGUAGE):
        header = [_("Section"), _("Figure"), _("Value")]
        title = f"{report.office.code} {report.year}"
        return xlsx_bytes(title, header, _records(report))
