"""Letters as PDF on the office's letterhead: the receipt (tanda bukti, Pasal 22 ayat (4) UU 14/2008)
and the written notice (pemberitahuan tertulis, Pasal 22 ayat (7) huruf a-g)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table

from ppid.offices.models import Office, OfficeTimeZone
from ppid.requests.models import (
    DeliveryMethod,
    ExemptionGround,
    InformationRequest,
    ObtainMethod,
    RequesterKind,
    WrittenNotice,
)
from ppid.requests.workflow import Outcome
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import NoRuleSet, rule_spec

# Letters are in the people's language first (STYLE.md, Language).
LETTER_LANGUAGE = "id"
# Where a requester follows their request (the public tracking page).
TRACK_PATH = "/lacak/"

_BASE = getSampleStyleSheet()
STYLES = {
    "office": ParagraphStyle("office", parent=_BASE["Title"], fontSize=14, leading=17, spaceAfter=0),
    "unit": ParagraphStyle("unit", parent=_BASE["Normal"], fontSize=10, leading=12, alignment=TA_CENTER),
    "contact": ParagraphStyle("contact", parent=_BASE["Normal"], fontSize=8.5, leading=11, alignment=TA_CENTER),
    "title": ParagraphStyle("title", parent=_BASE["Heading2"], alignment=TA_CENTER, fontSize=12, spaceAfter=2),
    "subtitle": ParagraphStyle("subtitle", parent=_BASE["Normal"], alignment=TA_CENTER, fontSize=10),
    "body": ParagraphStyle("body", parent=_BASE["Normal"], fontSize=10, leading=13),
    "label": ParagraphStyle("label", parent=_BASE["Normal"], fontSize=10, leading=13, fontName="Helvetica-Bold"),
    "small": ParagraphStyle(
        "small", parent=_BASE["Normal"], fontSize=8.5, leading=11, textColor=colors.HexColor("#444444")
    ),
}
CONTENT_WIDTH = A4[0] - 40 * mm


def _p(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), STYLES[style])


def _rupiah(amount: int) -> str:
    return "Rp " + f"{amount:,}".replace(",", ".")


def _local(office: Office, moment: datetime.datetime) -> str:
    local = moment.astimezone(office.zoneinfo)
    zone = OfficeTimeZone(office.time_zone).value
    return f"{formats.date_format(local, 'j F Y')}, {local:%H.%M} {zone}"


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "j F Y")


def _letterhead(office: Office) -> list[Flowable]:
    contact = [office.address.replace("\n", ", ").strip()]
    contact.append(" · ".join(part for part in (office.phone, office.email, office.website) if part))
    flowables: list[Flowable] = [
        _p(office.name.upper(), "office"),
        _p(_("Information and Documentation Management Officer (PPID)"), "unit"),
    ]
    flowables += [_p(line, "contact") for line in contact if line]
    flowables += [
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=1.6, color=colors.black, spaceAfter=1),
        HRFlowable(width="100%", thickness=0.5, color=colors.black, spaceAfter=5 * mm),
    ]
    return flowables


def _rows(rows: Sequence[tuple[str, str]], label_width: float = 52 * mm) -> Table:
    data = [[_p(label, "label"), _p(value)] for label, value in rows]
    table = Table(data, colWidths=[label_width, CONTENT_WIDTH - label_width], hAlign="LEFT")
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)])
    return table


def _build(flowables: list[Flowable], *, title: str, compress: bool) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="PPID KPU",
        invariant=1,
        pageCompression=1 if compress else 0,
    )
    document.build(flowables)
    return buffer.getvalue()


def _requester_line(request: InformationRequest) -> str:
    requester = request.requester
    if requester.kind == RequesterKind.GROUP and requester.proxy_name:
        return _("%(name)s, through the proxy %(proxy)s") % {"name": requester.name, "proxy": requester.proxy_name}
    return requester.name


def _deadline_line(request: InformationRequest) -> str:
    due_on = request.due_on
    if due_on is None:
        return _("The response period starts when the request is complete.")
    try:
        spec = rule_spec(request.rule_set, DeadlineStep.REQUEST_NOTICE)
    except NoRuleSet:
        return _date(due_on)
    return _("%(date)s, at the latest: %(days)s working days (%(citation)s)") % {
        "date": _date(due_on),
        "days": spec.working_days,
        "citation": spec.citation,
    }


def receipt_pdf(request: InformationRequest, *, compress: bool = True) -> bytes:
    """The receipt (tanda bukti) of a request: for the requester and staff only (it names the requester)."""
    office = request.office
    with translation.override(LETTER_LANGUAGE):
        track_url = settings.PUBLIC_BASE_URL.rstrip("/") + TRACK_PATH
        rows = [
            (_("Registration number"), request.registration_number),
            (_("Received on"), _local(office, request.received_at)),
            (_("Received through"), str(request.get_channel_display())),
            (_("Requester"), _requester_line(request)),
            (_("Information requested"), request.information_requested),
            (_("Purpose of use"), request.purpose),
            (_("How to obtain"), str(ObtainMethod(request.obtain_method).label)),
            (_("How to receive"), str(DeliveryMethod(request.delivery_method).label)),
            (_("Written notice due"), _deadline_line(request)),
        ]
        title = _("Receipt of a request for public information")
        flowables = [
            *_letterhead(office),
            _p(title.upper(), "title"),
            _p(_("Pasal 22 ayat (4) UU 14/2008"), "subtitle"),
            Spacer(1, 6 * mm),
            _rows(rows),
            Spacer(1, 6 * mm),
            _p(
                _(
                    "Keep this registration number. Follow your request at %(url)s with the registration "
                    "number and your e-mail address or the last digits of your telephone number."
                )
                % {"url": track_url}
            ),
            Spacer(1, 3 * mm),
            _p(
                _("Deadlines count working days of %(office)s, in its local time.") % {"office": office.name},
                "small",
            ),
        ]
        return _build(flowables, title=f"{title} {request.registration_number}", compress=compress)


def _held_line(notice: WrittenNotice, office: Office) -> str:
    if notice.outcome == Outcome.NOT_HELD:
        return _("The information is not held by %(office)s.") % {"office": office.name}
    if notice.outcome == Outcome.NOT_DOCUMENTED:
        return _(
            "The information is within the remit of %(office)s but has not been documented yet (Pasal 6 ayat (3))."
        ) % {"office": office.name}
    return _("The information is held by %(office)s.") % {"office": office.name}


def _holder_line(notice: WrittenNotice) -> str:
    if notice.outcome == Outcome.NOT_HELD:
        return notice.holder_body or _("The body that holds it is not known to us.")
    return _("Not applicable: this body holds the information.")


def _ground(notice: WrittenNotice) -> str:
    label = str(ExemptionGround(notice.exemption_ground).label)
    return _("Pasal 17 huruf %(letter)s UU 14/2008 (%(label)s)") % {"letter": notice.exemption_ground, "label": label}


def _exemption_line(notice: WrittenNotice) -> str | None:
    """The Keputusan KPU that set the exemption a refusal relies on (Pasal 19 UU 14/2008; PKPU 22/2023 Pasal 26)."""
    exemption = notice.exemption
    if exemption is None:
        return None
    return _("Based on Keputusan KPU Nomor %(number)s of %(date)s on exempt information: %(information)s") % {
        "number": exemption.decision_number,
        "date": _date(exemption.decision_date),
        "information": exemption.information,
    }


def _decision_line(notice: WrittenNotice) -> str:
    parts = [str(Outcome(notice.outcome).label)]
    if notice.exemption_ground:
        parts.append(_("Ground: %(ground)s") % {"ground": _ground(notice)})
    if (exemption := _exemption_line(notice)) is not None:
        parts.append(exemption)
    if notice.reasoning.strip():
        parts.append(_("Reasons: %(reasons)s") % {"reasons": notice.reasoning.strip()})
    return "\n".join(parts)


def _blacked_out_line(notice: WrittenNotice) -> str:
    text = notice.blacked_out.strip()
    if not text:
        return _("None.")
    return f"{text}\n{_ground(notice)}" if notice.exemption_ground else text


def _costs_table(notice: WrittenNotice) -> Table:
    header = [_("Item"), _("Quantity"), _("Unit price"), _("Amount")]
    lines = list(notice.costs.all())
    data: list[list[Any]] = [[_p(h, "label") for h in header]]
    data += [[_p(c.description), str(c.quantity), _rupiah(c.unit_price), _rupiah(c.amount)] for c in lines]
    data.append([_p(_("Total"), "label"), "", "", _rupiah(sum(c.amount for c in lines))])
    widths = [CONTENT_WIDTH - 3 * 28 * mm - 20 * mm, 20 * mm, 28 * mm, 28 * mm]
    table = Table(data, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ]
    )
    return table


def _costs(notice: WrittenNotice, total: int, payment: str) -> list[Flowable]:
    how = _("Total: %(total)s. How to pay: %(payment)s") % {"total": _rupiah(total), "payment": payment}
    if not notice.costs.all():
        return [_p(how)]
    return [_costs_table(notice), Spacer(1, 2 * mm), _p(how)]


def _signature(notice: WrittenNotice) -> Flowable:
    """The PPID named in the notice signs it (Pasal 22 ayat (7) UU 14/2008: a written notice)."""
    office = notice.request.office
    indent = CONTENT_WIDTH - 75 * mm
    sign = ParagraphStyle("sign", parent=STYLES["body"], leftIndent=indent)
    bold = ParagraphStyle("sign_bold", parent=STYLES["label"], leftIndent=indent)
    issued = _("Issued on %(date)s") % {"date": _local(office, notice.issued_at)}
    return KeepTogether(
        [
            Spacer(1, 8 * mm),
            Paragraph(escape(issued), sign),
            Paragraph(escape(notice.signer_position), bold),
            Spacer(1, 16 * mm),
            Paragraph(f"<u>{escape(notice.signer_name)}</u>", bold),
        ]
    )


def _item(letter: str, label: str, value: str | list[Flowable]) -> Table:
    content = _p(value) if isinstance(value, str) else value
    table = Table(
        [[_p(f"{letter}.", "label"), _p(label, "label")], ["", content]],
        colWidths=[8 * mm, CONTENT_WIDTH - 8 * mm],
        hAlign="LEFT",
    )
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return table


def notice_pdf(notice: WrittenNotice, *, compress: bool = True) -> bytes:
    """The written notice with every item of Pasal 22 ayat (7) a-g, signed by the PPID named in it."""
    request = notice.request
    office = request.office
    with translation.override(LETTER_LANGUAGE):
        total = notice.total_cost
        payment = notice.payment_instructions.strip() or (
            _("Free of charge: nothing to pay.")
            if total == 0
            else _("Pay at the service desk of %(office)s.") % {"office": office.name}
        )
        delivery = str(DeliveryMethod(notice.delivery_method).label)
        if notice.delivery_format:
            delivery = f"{delivery}; {_('format')}: {notice.delivery_format}"
        items = [
            ("a", _("Whether the information is held"), _held_line(notice, office)),
            ("b", _("Body that holds the information, if not this body"), _holder_line(notice)),
            ("c", _("Acceptance or refusal, with its ground and reasons"), _decision_line(notice)),
            ("d", _("Information that will be given"), notice.information_given.strip() or _("None.")),
            ("e", _("Parts blacked out, and why"), _blacked_out_line(notice)),
            ("f", _("Means and format of delivery"), delivery),
        ]
        title = _("Written notice")
        flowables: list[Flowable] = [
            *_letterhead(office),
            _p(title.upper(), "title"),
            _p(_("Pasal 22 ayat (7) UU 14/2008"), "subtitle"),
            Spacer(1, 5 * mm),
            _rows(
                [
                    (_("Registration number"), request.registration_number),
                    (_("To"), _requester_line(request)),
                    (_("Request received on"), _local(office, request.received_at)),
                    (_("Information requested"), request.information_requested),
                ],
                label_width=45 * mm,
            ),
            Spacer(1, 4 * mm),
            _p(_("Having considered your request, we inform you as follows:")),
            Spacer(1, 2 * mm),
        ]
        flowables += [_item(letter, label, value) for letter, label, value in items]
        flowables.append(_item("g", _("Costs and how to pay"), _costs(notice, total, payment)))
        flowables.append(_signature(notice))
        return _build(flowables, title=f"{title} {request.registration_number}", compress=compress)


def store_notice_pdf(notice: WrittenNotice) -> bytes:
    """Render the notice and keep it in `notice.pdf`, the copy the requester and the register refer to."""
    content = notice_pdf(notice)
    name = "pemberitahuan-" + notice.request.registration_number.replace("/", "-") + ".pdf"
    notice.pdf.save(name, ContentFile(content), save=False)
    notice.save(update_fields=["pdf"])
    return content
