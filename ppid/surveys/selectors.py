"""Reads of the satisfaction survey: the IKM per office and period (PermenPANRB 14/2017 [verify])."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg

from ppid.surveys.models import SurveyBand, SurveyElement, SurveyResponse, SurveyScore

# The IKM converts the mean score (1–4) to 25–100.
IKM_FACTOR = 25


@dataclass(frozen=True)
class Satisfaction:
    """The survey result of a set of offices over a period; `band` is "" without responses."""

    responses: int
    ikm: float | None
    band: str
    by_element: dict[str, float] = field(default_factory=dict)  # element code → mean score (1–4)
    band_label: str = ""


def ikm_of(element_means: list[float]) -> float | None:
    """PermenPANRB 14/2017 [verify]: IKM = the mean of the element means × 25 (equal weights 1/9)."""
    if not element_means:
        return None
    value = Decimal(sum(element_means)) / Decimal(len(element_means)) * IKM_FACTOR
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def band_for(ikm: float | None, bands: list[SurveyBand]) -> SurveyBand | None:
    """The band whose interval holds the IKM rounded to two decimals, as the bands are written."""
    if ikm is None:
        return None
    value = Decimal(str(ikm)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return next((band for band in bands if band.min_ikm <= value <= band.max_ikm), None)


def satisfaction(office_ids: list[int], start: datetime.date, end: datetime.date) -> Satisfaction:
    """Responses submitted from `start` to `end` (inclusive, local dates) at exactly these offices.

    The caller chooses the offices: pass a parent together with its descendants for a rollup.
    Three queries whatever the number of responses.
    """
    responses = SurveyResponse.objects.filter(office_id__in=office_ids, submitted_at__date__range=(start, end))
    count = responses.count()
    if not count:
        return Satisfaction(responses=0, ikm=None, band="")
    rows = list(
        SurveyScore.objects.filter(response__in=responses.values("pk"))
        .values("element__code", "element__position")
        .annotate(mean=Avg("value"))
        .order_by("element__position", "element__code")
    )
    by_element = {row["element__code"]: round(float(row["mean"]), 2) for row in rows}
    # The IKM uses the unrounded means; the rounded ones are for display.
    means = [float(row["mean"]) for row in rows]
    ikm = ikm_of(means)
    band = band_for(ikm, list(SurveyBand.objects.all()))
    return Satisfaction(
        responses=count,
        ikm=ikm,
        band=band.code if band else "",
        by_element=by_element,
        band_label=band.label if band else "",
    )


def element_rows(result: Satisfaction) -> list[tuple[SurveyElement, float | None]]:
    """Each active element with its mean in `result` (None when unscored), in survey order."""
    return [(element, result.by_element.get(element.code)) for element in SurveyElement.objects.filter(is_active=True)]


def comments_for(
    office_ids: list[int], start: datetime.date, end: datetime.date, *, limit: int
) -> list[SurveyResponse]:
    """The newest responses with a comment. Comments may hold personal data: staff pages only."""
    return list(
        SurveyResponse.objects.filter(office_id__in=office_ids, submitted_at__date__range=(start, end))
        .exclude(comment="")
        .select_related("office")
        .order_by("-submitted_at")[:limit]
    )
