"""Each row read into ItemData, every problem noted with its row and column, and the import itself
(all or nothing, through services.items_import)."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from ppid.accounts.permissions import can
from ppid.catalogue.importing.columns import (
    BY_NAME,
    CATEGORY_WORDS,
    COLUMNS,
    EXAMPLE_PREFIX,
    MAX_ROWS,
    ImportReport,
    Problem,
    RowsRead,
    squeeze,
)
from ppid.catalogue.importing.workbook import (
    column_positions,
    data_sheet,
    header_row,
    open_workbook,
    sheet_values,
    text,
)
from ppid.catalogue.models import InformationItem, MandatoryItem
from ppid.catalogue.services import ImportRejected, ItemData, items_import
from ppid.catalogue.services.items import check_item
from ppid.catalogue.workflow import ItemStatus, OnDemandType
from ppid.offices.models import Office, WorkUnit


def _category(value: str) -> str | None:
    # "Serta-merta", "serta_merta", "Informasi Berkala", "Berkala (Pasal 9)" all read as the category.
    key = "".join(ch for ch in value.lower() if ch.isalnum())
    key = key.removeprefix("informasi").split("pasal", 1)[0]
    return CATEGORY_WORDS.get(key)


def _letter(value: str) -> str | None:
    key = "".join(ch for ch in value.lower() if ch.isalnum()).removeprefix("huruf")
    return key if key in OnDemandType.values else None


def _year(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    cleaned = text(value)
    return int(cleaned) if cleaned.isdigit() and len(cleaned) == 4 else None


class _RowReader:
    """Turns one row into ItemData, noting each cell that cannot be read."""

    def __init__(self, office: Office, positions: dict[str, int], sheet: RowsRead) -> None:
        self.office = office
        self.positions = positions
        self.sheet = sheet
        units = office.work_units.filter(is_active=True)
        self.units: dict[str, WorkUnit] = {squeeze(unit.name): unit for unit in units}
        self.mandatory = {item.key.lower(): item for item in MandatoryItem.objects.filter(is_active=True)}
        # The database's limits: longer text would fail on PostgreSQL instead of being reported.
        self.lengths: dict[str, int] = {}
        for name in BY_NAME:
            limit = getattr(InformationItem._meta.get_field(name), "max_length", None)
            if name not in ("work_unit", "mandatory_item") and isinstance(limit, int):
                self.lengths[name] = limit

    def cell(self, values: Sequence[Any], name: str) -> Any:
        index = self.positions.get(name)
        return values[index] if index is not None and index < len(values) else None

    def read(self, number: int, values: Sequence[Any]) -> ItemData | None:
        found: dict[str, Any] = {}
        before = len(self.sheet.problems)
        for column in COLUMNS:
            raw = self.cell(values, column.name)
            value = text(raw)
            limit = self.lengths.get(column.name)
            if limit is not None and len(value) > limit:
                message = _("At most %(limit)s characters (this cell has %(count)s).")
                self.sheet.problem(number, column.name, message % {"limit": limit, "count": len(value)})
                continue
            found[column.name] = self.convert(number, column.name, raw, value)
        if found.get("title", "").startswith(EXAMPLE_PREFIX):
            self.sheet.problem(number, "title", _("This is the template's example row: delete it or replace it."))
        if len(self.sheet.problems) > before:
            return None
        return ItemData(**found)

    def convert(self, number: int, name: str, raw: Any, value: str) -> Any:
        """The cell's value for ItemData; a problem is noted (and a placeholder returned) when unreadable."""
        if name == "category":
            category = _category(value) if value else ""
            if category is None:
                self.sheet.problem(number, name, _("Write Berkala, Serta Merta or Setiap Saat."))
            return category or ""
        if name == "on_demand_type":
            letter = _letter(value) if value else ""
            if letter is None:
                self.sheet.problem(number, name, _("Write one letter of Pasal 11 ayat (1), a to h."))
            return letter or ""
        if name == "work_unit":
            unit = self.units.get(squeeze(value)) if value else None
            if unit is None:
                message = (
                    _("No work unit of %(office)s is called “%(name)s”.") % {"office": self.office.name, "name": value}
                    if value
                    else _("Name the work unit that holds the information.")
                )
                self.sheet.problem(number, name, message)
            return unit
        if name == "year":
            year = _year(raw)
            if year is None:
                self.sheet.problem(number, name, _("Write the year as four digits, e.g. 2024."))
            return year or 0
        if name == "mandatory_item":
            item = self.mandatory.get(value.lower()) if value else None
            if value and item is None:
                self.sheet.problem(number, name, _("No mandatory item has the code “%(code)s”.") % {"code": value})
            return item
        return value


def _is_empty(values: Iterable[Any]) -> bool:
    return all(text(value) == "" for value in values)


def _duplicate_key(data: ItemData) -> tuple[str, int, int]:
    return (squeeze(data.title), data.year, data.work_unit.pk)


def _check_duplicates(office: Office, sheet: RowsRead) -> None:
    """The same item twice in the file, or already in the office's DIP: importing it again would
    list it twice (a second upload of the same file is the usual cause)."""
    existing = {
        (squeeze(title), year, unit)
        for title, year, unit in InformationItem.objects.filter(office=office)
        .exclude(status=ItemStatus.WITHDRAWN)
        .values_list("title", "year", "work_unit_id")
    }
    seen: dict[tuple[str, int, int], int] = {}
    for number, data in zip(sheet.numbers, sheet.rows, strict=True):
        key = _duplicate_key(data)
        if key in existing:
            sheet.problem(number, "title", _("This item (same title, year and unit) is already in the DIP."))
        elif key in seen:
            sheet.problem(
                number, "title", _("Same title, year and unit as row %(row)s: list it once.") % {"row": seen[key]}
            )
        else:
            seen[key] = number


def _check_rows(office: Office, sheet: RowsRead) -> None:
    """The service's own checks (services.items.check_item) on every row read, so the report is
    complete in one go; items_import runs them again before it writes anything."""
    for number, data in zip(sheet.numbers, sheet.rows, strict=True):
        try:
            check_item(office, data)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    sheet.problem(number, name, message)


def read_sheet(workbook: Workbook, office: Office, report: ImportReport) -> RowsRead | None:
    sheet = data_sheet(workbook)
    found = header_row(sheet)
    if found is None:
        report.problems.append(
            Problem(None, "", "", _("No header row found: the first row must name the columns of the template."))
        )
        return None
    first, header = found
    positions = column_positions(header, first, report)
    if positions is None:
        return None
    result = RowsRead(letters={name: get_column_letter(index + 1) for name, index in positions.items()})
    reader = _RowReader(office, positions, result)
    for number, values in enumerate(sheet_values(sheet, min_row=first + 1), start=first + 1):
        if _is_empty(values):
            continue
        report.rows_read += 1
        if report.rows_read > MAX_ROWS:
            report.problems.append(
                Problem(
                    None, "", "", _("More than %(max)s rows: split the list into several files.") % {"max": MAX_ROWS}
                )
            )
            return None
        data = reader.read(number, values)
        if data is not None:
            result.rows.append(data)
            result.numbers.append(number)
    if report.rows_read == 0:
        report.problems.append(Problem(None, "", "", _("The file has no rows below the header.")))
    _check_duplicates(office, result)
    _check_rows(office, result)
    return result


def import_spreadsheet(*, office: Office, actor: Any, upload: UploadedFile[bytes]) -> ImportReport:
    """Read, check and, when every row is clean, import the file (all or nothing).

    Raises PermissionDenied without dip:arrange at the office (seed d.3) and ValidationError when
    the file is not an XLSX; every other problem is in the report, and then nothing is imported."""
    if not can(actor, "dip:arrange", office):
        raise PermissionDenied(_("You may not arrange the DIP of this office."))
    workbook = open_workbook(upload)
    report = ImportReport()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sheet = read_sheet(workbook, office, report)
    finally:
        workbook.close()  # read-only workbooks keep the archive open until closed
    if sheet is None or sheet.problems:
        if sheet is not None:
            report.problems += sheet.problems
        report.problems.sort(key=lambda p: (p.row or 0, len(p.letter) or 9, p.letter))
        return report
    try:
        report.created = items_import(office=office, actor=actor, rows=sheet.rows, source_name=upload.name or "")
    except ImportRejected as rejected:
        # The service numbers rows from 2 in the order given; map them back to the file's rows.
        for position, fields in rejected.problems:
            number = sheet.numbers[position - 2]
            for name, messages in fields.items():
                for message in messages:
                    sheet.problem(number, name, message)
        report.problems += sheet.problems
    return report
