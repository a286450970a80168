"""Load the shipped office list and default work units.

Written against model classes passed in, so the data migration can call it with historical models
and the `load_offices` command with the live ones. Loading is idempotent: existing offices are
matched by code and left as an administrator corrected them.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
OFFICES_CSV = DATA_DIR / "kpu_offices.csv"
WORK_UNITS_JSON = DATA_DIR / "default_work_units.json"


@dataclass(frozen=True)
class OfficeRow:
    code: str
    name: str
    level: str
    parent_code: str
    time_zone: str


def read_office_rows(path: Path = OFFICES_CSV) -> list[OfficeRow]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [OfficeRow(**row) for row in csv.DictReader(fh)]


def load_offices(office_model: Any, work_unit_model: Any) -> tuple[int, int]:
    """Create missing offices (parents first) and their default work units; return (offices, units) created."""
    existing = {o.code: o for o in office_model.objects.all()}
    created_offices = 0
    # The CSV lists KPU RI, then each province before its regencies, so parents always exist first.
    for row in read_office_rows():
        if row.code in existing:
            continue
        parent = existing[row.parent_code] if row.parent_code else None
        office = office_model(code=row.code, name=row.name, level=row.level, parent=parent, time_zone=row.time_zone)
        # Historical models in migrations lack the custom save(): set the derived fields here too.
        office.path = f"{parent.path}/{row.code}" if parent else row.code
        office.province_code = row.code[:2] if row.level != "ri" else ""
        office.save()
        existing[row.code] = office
        created_offices += 1

    defaults = json.loads(WORK_UNITS_JSON.read_text(encoding="utf-8"))
    offices_with_units = set(work_unit_model.objects.values_list("office_id", flat=True).distinct())
    new_units = [
        work_unit_model(office=office, name=name, kind=defaults[office.level]["kind"], is_legal_unit=is_legal)
        for office in existing.values()
        if office.pk not in offices_with_units
        for name, is_legal in defaults[office.level]["units"]
    ]
    work_unit_model.objects.bulk_create(new_units, batch_size=1000)
    return created_offices, len(new_units)
