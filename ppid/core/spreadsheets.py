"""Registers as downloads: CSV streamed line by line and XLSX written row by row.

Every register (requests, objections, legal matters) hands over its header and an iterator of
rows; nothing is collected into one list. Cells that a spreadsheet would run as a formula are
written as text, because requesters type many of these fields.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Iterator

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook

CHUNK = 1000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | datetime.date | None


def safe_cell(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_text(value: Cell) -> str:
    safe = safe_cell(value)
    return "" if safe is None else str(safe)


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], records: Iterable[list[Cell]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
    yield writer.writerow(header)
    for record in records:
        yield writer.writerow([_csv_text(value) for value in record])


def csv_response(header: list[str], records: Iterable[list[Cell]], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(header, records), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_bytes(title: str, header: list[str], records: Iterable[list[Cell]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])  # Excel's limit for a sheet name
    sheet.append(header)
    for record in records:
        sheet.append([safe_cell(value) for value in record])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(title: str, header: list[str], records: Iterable[list[Cell]], filename: str) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(title, header, records), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
