"""Open data: the aggregated figures as plain values (JSON) and as figure/value rows (CSV).

Only counts, rates and durations leave here: no request, requester or person is ever named
(UU 14/2008 Pasal 17 huruf h; the issue's "never personal data").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from ppid.reports.figures import Figures


def _satisfaction(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    ikm = getattr(value, "ikm", None)
    return {"responses": int(value.responses), "ikm": float(ikm) if ikm is not None else None}


def figures_data(figures: Figures) -> dict[str, Any]:
    """The figures as JSON-ready values: the office by code and name, then the counts."""
    return {
        "office": {"code": figures.office.code, "name": figures.office.name, "level": figures.office.level},
        "period": {"start": figures.period.start.isoformat(), "end": figures.period.end.isoformat()},
        "rollup": figures.rollup,
        "requests": asdict(figures.requests),
        "objections": asdict(figures.objections),
        "disputes": asdict(figures.disputes),
        "catalogue": asdict(figures.catalogue),
        "satisfaction": _satisfaction(figures.satisfaction),
    }


def flat_rows(data: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """("requests.outcomes.refused", 3)-style rows of nested values, in their order."""
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from flat_rows(value, f"{name}.")
        else:
            yield name, value
