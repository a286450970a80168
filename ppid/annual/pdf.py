"""The annual report as a PDF on the office's letterhead, with every Pasal 56 section (Perki 1/2021)."""

from __future__ import annotations

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from ppid.annual.layout import FIGURE_GROUPS, figure_rows, narrative_sections
from ppid.annual.models import AnnualReport
from ppid.annual.workflow import Status
from ppid.requests.pdf import CONTENT_WIDTH, LETTER_LANGUAGE, _build, _letterhead, _p


def pdf_filename(report: AnnualReport) -> str:
    return f"laporan-tahunan-{report.office.code}-{report.year}.pdf"


def _figures_table(report: AnnualReport, group: str) -> Flowable:
    rows = list(figure_rows(report.figures, group))
    if not rows:
        return _p(_("No figures."))
    data = [[_p(("    " * depth) + label, "body" if depth else "label"), value] for label, value, depth in rows]
    table = Table(data, colWidths=[CONTENT_WIDTH - 35 * mm, 35 * mm], hAlign="LEFT")
    table.setStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("ALIGN", (1, 0), (1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ]
    )
    return table


def _heading(number: str, text: str) -> Flowable:
    return _p(f"{number}. {text}", "label")


def annual_report_pdf(report: AnnualReport, *, compress: bool = True) -> bytes:
    """Sections in the order of Pasal 56: policy, implementation, service figures, objections and
    disputes, obstacles, recommendations and follow-up. A draft shows its figures as of now."""
    office = report.office
    with translation.override(LETTER_LANGUAGE):
        narrative = dict(narrative_sections(report))
        headings = list(narrative)
        title = _("Annual report on public information services %(year)s") % {"year": report.year}
        flowables: list[Flowable] = [*_letterhead(office), _p(title.upper(), "title")]
        flowables.append(_p(_("Perki 1/2021 Pasal 56"), "subtitle"))
        if report.rollup:
            flowables.append(_p(_("Including the offices below %(office)s.") % {"office": office.name}, "subtitle"))
        if report.status != Status.PUBLISHED:
            flowables.append(_p(_("Draft: not yet published."), "subtitle"))
        flowables.append(Spacer(1, 5 * mm))

        def section(number: str, heading: str, body: list[Flowable]) -> None:
            flowables.extend([_heading(number, heading), Spacer(1, 2 * mm), *body, Spacer(1, 4 * mm)])

        def text(name: str) -> list[Flowable]:
            return [_p(narrative[name].strip() or _("Not written."))]

        section("1", headings[0], text(headings[0]))
        implementation: list[Flowable] = []
        for sub in headings[1:4]:
            implementation += [_p(sub, "label"), *text(sub), Spacer(1, 2 * mm)]
        if report.figures.get("workplan"):
            implementation += [_p(str(FIGURE_GROUPS["workplan"]), "label"), _figures_table(report, "workplan")]
        section("2", _("Implementation of the public information service"), implementation)
        section(
            "3", _("Service figures"), [_p(str(FIGURE_GROUPS["requests"]), "label"), _figures_table(report, "requests")]
        )
        section(
            "4",
            _("Objections and disputes"),
            [
                _p(str(FIGURE_GROUPS["objections"]), "label"),
                _figures_table(report, "objections"),
                Spacer(1, 2 * mm),
                _p(str(FIGURE_GROUPS["disputes"]), "label"),
                _figures_table(report, "disputes"),
            ],
        )
        section("5", headings[4], text(headings[4]))
        section("6", headings[5], text(headings[5]))
        section("7", headings[6], text(headings[6]))
        if report.published_at is not None:
            published = formats.date_format(report.published_at.astimezone(office.zoneinfo), "j F Y")
            flowables.append(_p(_("Published on %(date)s.") % {"date": published}, "small"))
        return _build(flowables, title=f"{title} {office.name}", compress=compress)
