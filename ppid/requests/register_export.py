"""The request register (buku register permohonan) as rows, CSV and XLSX.

An official record for staff, not open data: the requester's address and contact appear only for
staff of the request's own office (UU PDP). Rows are read in chunks, never as one list.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from ppid.core.spreadsheets import CHUNK, Cell, csv_response, xlsx_response
from ppid.requests.models import InformationRequest
from ppid.requests.selectors import days_taken, personal_data_offices
from ppid.workdays.engine import Calendar
from ppid.workdays.selectors import calendars_for_offices


def register_header() -> list[str]:
    return [
        _("Registration number"),
        _("Office"),
        _("Date received"),
        _("Channel"),
        _("Requester"),
        _("Requester type"),
        _("Address"),
        _("Contact"),
        _("Information requested"),
        _("Purpose of use"),
        _("How to obtain"),
        _("How to receive"),
        _("Status"),
        _("Decision"),
        _("Pasal 17 ground"),
        _("Date of notice"),
        _("Extended until"),
        _("Reason for extension"),
        _("Date delivered"),
        _("Amount paid (Rp)"),
        _("Days taken (working days)"),
    ]


def _local_date(moment: datetime.datetime | None, row: InformationRequest) -> datetime.date | None:
    return moment.astimezone(row.office.zoneinfo).date() if moment else None


def register_values(row: InformationRequest, calendar: Calendar, *, personal: bool) -> list[Cell]:
    """One register row; `personal` says whether the reader may see the requester's address and contact."""
    notice = getattr(row, "notice", None)
    delivery = getattr(row, "delivery", None)
    requester = row.requester
    contact = " / ".join(part for part in (requester.email, requester.phone) if part)
    return [
        row.registration_number,
        row.office.name,
        _local_date(row.received_at, row),
        row.get_channel_display(),
        requester.name,
        requester.get_kind_display(),
        requester.address if personal else "",
        contact if personal else "",
        row.information_requested,
        row.purpose,
        row.get_obtain_method_display(),
        row.get_delivery_method_display(),
        row.get_status_display(),
        row.get_outcome_display() if row.outcome else "",
        notice.exemption_ground if notice else "",
        _local_date(notice.issued_at, row) if notice else None,
        row.extended_due_on,
        row.extension_reason,
        _local_date(delivery.delivered_at, row) if delivery else None,
        delivery.amount_paid if delivery else None,
        days_taken(row, calendar),
    ]


def register_records(rows: QuerySet[InformationRequest], user: Any) -> Iterator[list[Cell]]:
    """Every filtered row as register values, read CHUNK rows at a time."""
    personal = personal_data_offices(user)
    office_ids = set(rows.order_by().values_list("office_id", flat=True).distinct())
    calendars = calendars_for_offices(office_ids)
    for row in rows.iterator(chunk_size=CHUNK):
        yield register_values(row, calendars[row.office_id], personal=row.office_id in personal)


def register_csv_response(rows: QuerySet[InformationRequest], user: Any, filename: str) -> StreamingHttpResponse:
    return csv_response(register_header(), register_records(rows, user), filename)


def register_xlsx_response(rows: QuerySet[InformationRequest], user: Any, filename: str) -> HttpResponse:
    return xlsx_response(_("Request register"), register_header(), register_records(rows, user), filename)
