"""Opening the upload as a workbook and finding its header row and columns."""

from __future__ import annotations

import datetime
import io
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from ppid.catalogue.importing.columns import (
    COLUMNS,
    DATA_SHEET,
    HEADER_KEYS,
    HEADER_SEARCH_ROWS,
    MAX_UNPACKED_BYTES,
    ImportReport,
    Problem,
    squeeze,
)

# The official form numbers its rows; that column is expected and needs no mention.
ROW_NUMBER_HEADERS = frozenset({"no", "no.", "nomor"})


def open_workbook(upload: UploadedFile[bytes]) -> Workbook:
    """The upload as a read-only workbook, or a ValidationError saying why it is not an XLSX we read."""
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if (upload.size or 0) > limit:
        raise ValidationError(
            _("%(name)s is larger than %(limit)s MB.") % {"name": upload.name, "limit": settings.MAX_UPLOAD_MB}
        )
    upload.seek(0)
    data = upload.read()
    not_xlsx = ValidationError(
        _("%(name)s is not an Excel workbook (.xlsx). Save the list as .xlsx, e.g. from the template.")
        % {"name": upload.name}
    )
    if not data.startswith(b"PK\x03\x04"):  # an XLSX is a zip archive
        raise not_xlsx
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise not_xlsx from None
    if "xl/workbook.xml" not in names:  # a .docx, .ods or other zip
        raise not_xlsx
    if unpacked > MAX_UNPACKED_BYTES:
        raise ValidationError(_("%(name)s is too large once unpacked.") % {"name": upload.name})
    try:
        with warnings.catch_warnings():
            # openpyxl warns about features it drops (styles, data validation): not our concern.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError):
        raise not_xlsx from None


def text(value: Any) -> str:
    """A cell as text: dates as YYYY-MM-DD, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def sheet_values(sheet: ReadOnlyWorksheet, *, min_row: int = 1, max_row: int | None = None) -> Iterator[Sequence[Any]]:
    """The sheet's rows as tuples of values, numbered from `min_row` by the caller (gaps come as empty rows)."""
    # The stubs declare iter_rows for Worksheet only; the read-only sheet has the same method.
    rows: Iterator[Sequence[Any]] = sheet.iter_rows(min_row=min_row, max_row=max_row, values_only=True)  # type: ignore[misc]
    return rows


def header_row(sheet: ReadOnlyWorksheet) -> tuple[int, Sequence[Any]] | None:
    """The first row (of the first few) naming at least two of the template's columns."""
    for number, values in enumerate(sheet_values(sheet, max_row=HEADER_SEARCH_ROWS), start=1):
        if sum(1 for value in values if squeeze(text(value)) in HEADER_KEYS) >= 2:
            return number, values
    return None


def data_sheet(workbook: Workbook) -> ReadOnlyWorksheet:
    sheet = workbook[DATA_SHEET] if DATA_SHEET in workbook.sheetnames else workbook.worksheets[0]
    assert isinstance(sheet, ReadOnlyWorksheet)  # opened with read_only=True
    sheet.reset_dimensions()  # some programs write a wrong size: read every row there is
    return sheet


def column_positions(header: Sequence[Any], row: int, report: ImportReport) -> dict[str, int] | None:
    """Field → column index, or None (with problems) when required columns are missing."""
    positions: dict[str, int] = {}
    for index, value in enumerate(header):
        label = text(value)
        column = HEADER_KEYS.get(squeeze(label))
        if column is None:
            if label and squeeze(label) not in ROW_NUMBER_HEADERS:
                report.ignored_columns.append(label)
            continue
        if column.name in positions:
            report.problems.append(
                Problem(row, get_column_letter(index + 1), label, _("This column appears twice; keep one."))
            )
            continue
        positions[column.name] = index
    for column in COLUMNS:
        if column.required and column.name not in positions:
            report.problems.append(Problem(row, "", column.header, _("This column is missing from the header row.")))
    return None if report.problems else positions
