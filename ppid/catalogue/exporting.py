"""The DIP and the DIK as downloads, XLSX and PDF, in the official layout.

DIP (Daftar Informasi Publik, UU 14/2008 Pasal 9-11; Perki 1/2021): No., ringkasan isi informasi,
pejabat/unit yang menguasai informasi, penanggung jawab pembuatan/penerbitan, waktu dan tempat
pembuatan, bentuk informasi yang tersedia, jangka waktu penyimpanan, jenis informasi.
DIK (informasi yang dikecualikan, Pasal 17-20; PKPU 22/2023 Pasal 26): No., the information, its
legal basis, the consequence if opened, the duration, the Keputusan KPU (number and date).

Both are public documents of an Indonesian body: they are written in Bahasa Indonesia whatever the
reader's language, with the column names of the official form. Only published items of the open
categories are in the DIP (ppid.catalogue.search.public_items); the DIK lists what is closed, why
and until when, never the closed content.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Iterator
from typing import Any
from xml.sax.saxutils import escape

from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table

from ppid.catalogue.models import InformationItem
from ppid.catalogue.search import public_items
from ppid.catalogue.workflow import Category
from ppid.core.spreadsheets import CHUNK, Cell, xlsx_response
from ppid.exemptions.models import Exemption
from ppid.exemptions.selectors import public_exemptions
from ppid.exemptions.workflow import ExemptionStatus
from ppid.offices.models import Office, OfficeLevel
from ppid.requests.pdf import LETTER_LANGUAGE, STYLES, _letterhead

DIP_TITLE = "Daftar Informasi Publik"
DIK_TITLE = "Daftar Informasi yang Dikecualikan"
# The official form's column names (Perki 1/2021, DIP; PKPU 22/2023 Pasal 26, DIK).
DIP_HEADER = [
    "No.",
    "Ringkasan isi informasi",
    "Pejabat/unit yang menguasai informasi",
    "Penanggung jawab pembuatan/penerbitan informasi",
    "Waktu dan tempat pembuatan informasi",
    "Bentuk informasi yang tersedia",
    "Jangka waktu penyimpanan",
    "Jenis informasi",
]
DIK_HEADER = [
    "No.",
    "Informasi yang dikecualikan",
    "Dasar hukum",
    "Konsekuensi",
    "Jangka waktu pengecualian",
    "Keputusan KPU",
]
# The category as the form names it, with its article.
KINDS = {
    Category.BERKALA: "Berkala (Pasal 9)",
    Category.SERTA_MERTA: "Serta Merta (Pasal 10)",
    Category.SETIAP_SAAT: "Setiap Saat (Pasal 11 ayat (1))",
}


# --- rows ---


def dip_items(office: Office) -> QuerySet[InformationItem]:
    """The office's published items of the open categories, by category, Pasal 11 letter and title."""
    return (
        public_items()
        .filter(office=office)
        .select_related("work_unit")
        .order_by("category", "on_demand_type", "title", "id")
    )


def dip_values(number: int, item: InformationItem) -> list[Cell]:
    kind = KINDS.get(Category(item.category), item.category)
    if item.on_demand_type:
        kind = f"Setiap Saat (Pasal 11 ayat (1) huruf {item.on_demand_type})"
    made = ", ".join(part for part in (item.made_when or str(item.year), item.made_where) if part)
    return [
        number,
        f"{item.title}\n{item.summary}".strip(),
        item.work_unit.name,
        item.responsible_official,
        made,
        item.format,
        item.retention_period,
        kind,
    ]


def dik_exemptions(office: Office | None) -> QuerySet[Exemption]:
    """Every exemption decided (revoked ones excepted), or those that apply to `office`: decided
    nationally by KPU RI (PKPU 22/2023 Pasal 24-25) or for the office or one above it."""
    rows = public_exemptions()
    if office is not None:
        rows = rows.filter(Q(national=True) | Q(office__code__in=office.path.split("/")))
    return rows.order_by("-decision_date", "-id")


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "j F Y")


def _duration(exemption: Exemption) -> str:
    """Pasal 20 UU 14/2008: exemptions on Pasal 17 a-f last for a set time; then they are reviewed."""
    if exemption.valid_until is not None:
        line = _("%(start)s to %(end)s") % {
            "start": _date(exemption.valid_from),
            "end": _date(exemption.valid_until),
        }
    else:
        line = _("From %(start)s, with no end date") % {"start": _date(exemption.valid_from)}
    if exemption.status == ExemptionStatus.EXPIRED:
        line += "\n" + _("Ended: to be reviewed")
    return line


def _decision(exemption: Exemption) -> str:
    line = _("No. %(number)s of %(date)s") % {
        "number": exemption.decision_number,
        "date": _date(exemption.decision_date),
    }
    if exemption.national:
        return line + "\n" + _("Applies to every KPU office")
    return line + "\n" + _("Decided by %(office)s") % {"office": exemption.office.name}


def dik_values(number: int, exemption: Exemption) -> list[Cell]:
    return [
        number,
        exemption.information,
        exemption.ground_label,
        exemption.consequence,
        _duration(exemption),
        _decision(exemption),
    ]


def _numbered(rows: QuerySet[Any], values: Any) -> Iterator[list[Cell]]:
    for number, row in enumerate(rows.iterator(chunk_size=CHUNK), start=1):
        yield values(number, row)


# --- XLSX ---


def dip_xlsx_response(office: Office) -> HttpResponse:
    with translation.override(LETTER_LANGUAGE):
        return xlsx_response(
            f"DIP {office.code}",
            DIP_HEADER,
            _numbered(dip_items(office), dip_values),
            f"daftar-informasi-publik-{office.code}",
        )


def dik_xlsx_response(office: Office | None) -> HttpResponse:
    suffix = f"-{office.code}" if office is not None else ""
    with translation.override(LETTER_LANGUAGE):
        return xlsx_response(
            "DIK", DIK_HEADER, _numbered(dik_exemptions(office), dik_values), f"daftar-informasi-dikecualikan{suffix}"
        )


# --- PDF ---

PAGE = landscape(A4)
MARGIN = 15 * mm
WIDTH = PAGE[0] - 2 * MARGIN
CELL = ParagraphStyle("cell", parent=STYLES["body"], fontSize=8, leading=10)
HEAD = ParagraphStyle("head", parent=STYLES["label"], fontSize=8, leading=10)
# Column widths in mm, summing to the landscape page's width between the margins (267 mm).
DIP_WIDTHS = (10, 72, 32, 35, 32, 25, 25, 36)
DIK_WIDTHS = (10, 62, 40, 75, 40, 40)


def _cell(value: Cell) -> Paragraph:
    shown = "" if value is None else str(value)
    return Paragraph(escape(shown).replace("\n", "<br/>"), CELL)


def _table(header: list[str], widths: tuple[int, ...], records: Iterable[list[Cell]], empty: str) -> Table:
    data: list[list[Any]] = [[Paragraph(escape(name), HEAD) for name in header]]
    data += [[_cell(value) for value in record] for record in records]
    style: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if len(data) == 1:
        data.append([_cell(empty), *[""] * (len(header) - 1)])
        style.append(("SPAN", (0, 1), (-1, 1)))
    table = Table(data, colWidths=[width * mm for width in widths], repeatRows=1, hAlign="LEFT")
    table.setStyle(style)
    return table


def _page_number(canvas: Canvas, document: Any) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawRightString(PAGE[0] - MARGIN, 8 * mm, _("Page %(page)s") % {"page": document.page})
    canvas.restoreState()


def _pdf(office: Office, title: str, subtitle: str, table: Table, *, compress: bool) -> bytes:
    today = timezone.now().astimezone(office.zoneinfo).date()
    flowables: list[Flowable] = [
        *_letterhead(office),
        Paragraph(escape(title.upper()), STYLES["title"]),
        Paragraph(escape(subtitle), STYLES["subtitle"]),
        Paragraph(escape(_("As of %(date)s") % {"date": _date(today)}), STYLES["subtitle"]),
        Spacer(1, 5 * mm),
        table,
    ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=15 * mm,
        title=f"{title} — {subtitle}",
        author="PPID KPU",
        invariant=1,
        pageCompression=1 if compress else 0,
    )
    document.build(flowables, onFirstPage=_page_number, onLaterPages=_page_number)
    return buffer.getvalue()


def dip_pdf(office: Office, *, compress: bool = True) -> bytes:
    """The office's DIP on its letterhead, landscape, the header row repeated on every page."""
    with translation.override(LETTER_LANGUAGE):
        records = _numbered(dip_items(office), dip_values)
        table = _table(list(DIP_HEADER), DIP_WIDTHS, records, _("No public information is listed yet."))
        return _pdf(office, DIP_TITLE, office.name, table, compress=compress)


def dik_pdf(office: Office | None, *, compress: bool = True) -> bytes:
    """The DIK nationwide (on the letterhead of KPU RI, which decides it) or as it applies to `office`."""
    letterhead = office if office is not None else Office.objects.get(level=OfficeLevel.RI)
    with translation.override(LETTER_LANGUAGE):
        records = _numbered(dik_exemptions(office), dik_values)
        table = _table(list(DIK_HEADER), DIK_WIDTHS, records, _("No information has been declared exempt."))
        subtitle = office.name if office is not None else _("All KPU offices")
        return _pdf(letterhead, DIK_TITLE, subtitle, table, compress=compress)
