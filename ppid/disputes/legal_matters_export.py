"""The legal-matters register as CSV and XLSX: the filtered rows, read in chunks, never as one list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from ppid.core import spreadsheets
from ppid.core.spreadsheets import CHUNK, Cell
from ppid.disputes.legal_matters import Scope, as_matters


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


def csv_response(rows: QuerySet[Any], scope: Scope, filename: str) -> StreamingHttpResponse:
    return spreadsheets.csv_response(export_header(), export_records(rows, scope), filename)


def xlsx_response(rows: QuerySet[Any], scope: Scope, filename: str) -> HttpResponse:
    return spreadsheets.xlsx_response(_("Legal matters"), export_header(), export_records(rows, scope), filename)
