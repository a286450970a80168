"""The objection register (register keberatan, Perki 1/2021 form; RULES.md §5) as rows, CSV and XLSX.

An official record for staff, not open data: the requester's NIK, address and contact appear only
for readers with `request:view_personal` at the objection's office (UU PDP). Rows are read in
chunks, never as one list.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from ppid.core.spreadsheets import CHUNK, Cell, csv_response, xlsx_response
from ppid.objections.models import Objection
from ppid.objections.workflow import Outcome, grounds_label
from ppid.requests.selectors import personal_data_offices


def register_header() -> list[str]:
    """The Perki 1/2021 columns in their order, then the system's own (status, late flag, answer due)."""
    return [
        _("Objection number"),
        _("Office"),
        _("Date received"),
        _("Requester"),
        _("Proxy"),
        _("NIK"),
        _("Address"),
        _("Contact"),
        _("Request number"),
        _("Information requested"),
        _("Purpose of use"),
        _("Grounds (Pasal 35 ayat (1))"),
        _("Atasan PPID's decision"),
        _("Date of the answer"),
        _("Atasan PPID's name"),
        _("Atasan PPID's position"),
        _("Requester's reaction"),
        _("Status"),
        _("Filed late"),
        _("Answer due"),
    ]


def _local_date(moment: datetime.datetime | None, row: Objection) -> datetime.date | None:
    return moment.astimezone(row.office.zoneinfo).date() if moment else None


def _decision(row: Objection) -> str:
    return str(row.get_outcome_display()) if row.outcome else ""


def _reaction(row: Objection) -> str:
    if not row.reaction:
        return ""
    label = str(row.get_reaction_display())
    return f"{label}: {row.reaction_note}" if row.reaction_note else label


def answered_at(row: Objection) -> datetime.datetime | None:
    """When the objection got its answer: the Atasan's letter, the refusal to admit it, or the agreement."""
    if row.outcome == Outcome.NOT_ADMITTED:
        return row.admission_decided_at
    if row.outcome == Outcome.SETTLED:
        return row.settlement_confirmed_at
    return row.decided_at


def _proxy(row: Objection) -> str:
    return row.proxy_name or row.request.requester.proxy_name


def register_values(row: Objection, *, personal: bool) -> list[Cell]:
    """One register row; `personal` says whether the reader may see the requester's NIK, address and contact."""
    request = row.request
    requester = request.requester
    contact = " / ".join(part for part in (requester.email, requester.phone) if part)
    return [
        row.objection_number,
        row.office.name,
        _local_date(row.received_at, row),
        requester.name,
        _proxy(row),
        requester.nik if personal else "",
        requester.address if personal else "",
        contact if personal else "",
        request.registration_number,
        request.information_requested,
        request.purpose,
        grounds_label(row.grounds),
        _decision(row),
        _local_date(answered_at(row), row),
        row.signer_name,
        row.signer_position,
        _reaction(row),
        str(row.get_status_display()),
        _("Yes") if row.is_late else _("No"),
        row.answer_due_on,
    ]


def register_records(rows: QuerySet[Objection], user: Any) -> Iterator[list[Cell]]:
    """Every filtered row as register values, read CHUNK rows at a time."""
    personal = personal_data_offices(user)
    for row in rows.iterator(chunk_size=CHUNK):
        yield register_values(row, personal=row.office_id in personal)


def register_csv_response(rows: QuerySet[Objection], user: Any, filename: str) -> StreamingHttpResponse:
    return csv_response(register_header(), register_records(rows, user), filename)


def register_xlsx_response(rows: QuerySet[Objection], user: Any, filename: str) -> HttpResponse:
    return xlsx_response(_("Objection register"), register_header(), register_records(rows, user), filename)
