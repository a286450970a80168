"""The legal-matters register as CSV and XLSX: the filtered rows, read in chunks, never as one list."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from ppid.disputes.legal_matters import Scope, as_matters
from ppid.requests.register_export import XLSX_TYPE, _Echo, _safe

CHUNK = 1000
Cell = str | int | datetime.date | None


def export_header() -> list[str]:
    return [
        _("Kind"),
        _("Number"),
        _("Office"),
        _("Request number"),
        _("Stage or status"),
        _("Outcome"),
        _("Next deadline"),
        _("Overdue"),
        _("Responsible unit"),
        _("Open follow-up tasks"),
        _("Monitoring only (subordinate office)"),
    ]


def export_records(rows: QuerySet[Any], scope: Scope) -> Iterator[list[Cell]]:
    yes, no = _("yes"), _("no")
    for row in rows.iterator(chunk_size=CHUNK):
        m = as_matters([row], scope)[0]
        yield [
            m.kind_label,
            m.number,
            m.office_name,
            m.request_number,
            m.state_label,
            m.result_label,
            m.next_due,
            yes if m.overdue else no,
            m.responsible,
            m.open_tasks,
            yes if m.read_only else no,
        ]


def _csv_lines(records: Iterable[list[Cell]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
    yield writer.writerow(export_header())
    for record in records:
        yield writer.writerow(["" if (v := _safe(value)) is None else str(v) for value in record])


def csv_response(rows: QuerySet[Any], scope: Scope, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_lines(export_records(rows, scope)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(rows: QuerySet[Any], scope: Scope, filename: str) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Legal matters")[:31])
    sheet.append(export_header())
    for record in export_records(rows, scope):
        sheet.append([_safe(value) for value in record])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
