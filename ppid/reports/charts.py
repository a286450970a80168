"""Server-rendered charts: bar lengths and colours computed here, drawn as SVG by the templates
(no JavaScript library). Every chart is also shown as a table for screen readers and printing."""

from __future__ import annotations

from dataclasses import dataclass

# On-time rate bands for the province grid, with the legend's labels (ids of the CSS classes).
RATE_BANDS = ((0.9, "good"), (0.75, "fair"), (0.0, "poor"))
BAR_HEIGHT = 22


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str
    percent: float  # of the largest bar, for the SVG width
    y: int


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * BAR_HEIGHT


def bar_chart(title: str, rows: list[tuple[str, int, str]]) -> Chart:
    """(label, value, link to the list behind it) rows → bars scaled to the largest value."""
    largest = max((value for _label, value, _href in rows), default=0)
    bars = [
        Bar(label, value, href, 100.0 * value / largest if largest else 0.0, index * BAR_HEIGHT)
        for index, (label, value, href) in enumerate(rows)
    ]
    return Chart(title, bars)


def rate_band(decided: int, on_time: int) -> str:
    """The colour band of an on-time rate; "none" when nothing was decided."""
    if not decided:
        return "none"
    rate = on_time / decided
    return next(name for floor, name in RATE_BANDS if rate >= floor)
